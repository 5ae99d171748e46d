/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Remote processor framework: what the files of the core share, and the
 * few helpers platform drivers in this directory use.
 *
 * Files of the core, one concern each:
 *   remoteproc_core.c	   allocation, registration, lookup, the class
 *   remoteproc_boot.c	   rproc_boot(), rproc_shutdown(), rproc_detach():
 *			   the power references, user space's, auto boot
 *   remoteproc_bringup.c  the steps behind them: boot from firmware or
 *			   attach, stop or detach, subdevices
 *   remoteproc_mem.c	   address translation, carveouts, memory entries
 *   remoteproc_rsc_table.c resource table validation (no side effects)
 *   remoteproc_rsc.c	   handling of the resource entries at boot
 *   remoteproc_virtio.c   virtio devices of vdev entries, their vrings
 *   remoteproc_elf.c	   the default ELF loader
 *   remoteproc_sysfs.c	   /sys/class/remoteproc/remoteprocN attributes
 *   remoteproc_debugfs.c  /sys/kernel/debug/remoteproc/remoteprocN
 *   remoteproc_crash.c	   crash reports, recovery, the panic notifier
 *   remoteproc_coredump.c ELF core dumps of a crashed remote (devcoredump)
 *   remoteproc_cdev.c	   /dev/remoteprocN
 *
 * Locking: &rproc.lock serialises every change of state, of the power
 * count and of the resources of a boot (carveouts, traces, table).
 * Functions whose name starts with "__" expect the caller to hold it.
 */
#ifndef REMOTEPROC_INTERNAL_H
#define REMOTEPROC_INTERNAL_H

#include <linux/irqreturn.h>
#include <linux/sizes.h>
#include <linux/remoteproc.h>

struct firmware;

/**
 * struct rproc_trace - a trace buffer of the running firmware
 * @node: entry in &rproc.traces
 * @index: N in the debugfs file name "traceN"
 * @va: kernel address of the buffer
 * @is_iomem: @va is an __iomem mapping
 * @len: length of the buffer
 * @da: device address of the buffer
 * @name: name from the resource entry
 * @dentry: the debugfs file
 */
struct rproc_trace {
	struct list_head node;
	int index;
	void *va;
	bool is_iomem;
	size_t len;
	u32 da;
	char name[RPROC_RSC_NAME_LEN];
	struct dentry *dentry;
};

/**
 * rproc_has_feature() - whether a remote has an optional feature
 * @rproc: the remote processor
 * @feature: an &enum rproc_features value
 *
 * Context: any context.
 * Return: true if the platform driver set @feature.
 */
static inline bool rproc_has_feature(struct rproc *rproc, unsigned int feature)
{
	return feature < RPROC_MAX_FEATURES && test_bit(feature, rproc->features);
}

/**
 * rproc_set_feature() - give a remote an optional feature
 * @rproc: the remote processor, between rproc_alloc() and rproc_add()
 * @feature: an &enum rproc_features value
 *
 * Context: any context.
 * Return: 0, or -EINVAL for an unknown feature.
 */
static inline int rproc_set_feature(struct rproc *rproc, unsigned int feature)
{
	if (feature >= RPROC_MAX_FEATURES)
		return -EINVAL;
	set_bit(feature, rproc->features);
	return 0;
}

/* remoteproc_core.c */
extern struct class *rproc_class;
struct rproc *rproc_from_dev(struct device *dev);
const char *rproc_state_name(unsigned int state);
const char *rproc_crash_name(enum rproc_crash_type type);
unsigned long rproc_panic_all(void);

/* remoteproc_bringup.c: the steps, called under &rproc.lock */
/* The most of a running remote's table the kernel takes when attaching */
#define RPROC_LIVE_RSC_TABLE_MAX	SZ_64K
int rproc_bring_up(struct rproc *rproc, const struct firmware *fw);
int rproc_take_down(struct rproc *rproc, bool force);
int rproc_detach_remote(struct rproc *rproc);
int rproc_detach_crashed(struct rproc *rproc);
void rproc_stop_subdevices(struct rproc *rproc, bool crashed);

/* remoteproc_boot.c */
int __rproc_boot(struct rproc *rproc);
int __rproc_shutdown(struct rproc *rproc);
int __rproc_shutdown_all(struct rproc *rproc);
int rproc_user_boot(struct rproc *rproc);
int rproc_user_shutdown(struct rproc *rproc);
int rproc_user_detach(struct rproc *rproc);
void rproc_start_auto_boot(struct rproc *rproc);

/* remoteproc_crash.c */
int rproc_crash_init(void);
void rproc_crash_exit(void);
void rproc_crash_handler_work(struct work_struct *work);
int rproc_trigger_recovery(struct rproc *rproc);
const char *rproc_recovery_show(struct rproc *rproc);
int rproc_recovery_store(struct rproc *rproc, const char *buf);

/* remoteproc_mem.c */
struct rproc_mem_entry *rproc_find_carveout_by_name(struct rproc *rproc,
						    const char *name);
struct rproc_mem_entry *rproc_dma_carveout_init(struct rproc *rproc,
						size_t len, u32 da,
						const char *name);
int rproc_alloc_carveouts(struct rproc *rproc);
/* After rproc_alloc_carveouts() succeeded: release and free every entry. */
void rproc_free_carveouts(struct rproc *rproc);
/* Otherwise: free the entries, releasing only ready-made (no alloc) ones. */
void rproc_remove_carveouts(struct rproc *rproc);

/* remoteproc_rsc_table.c */
int rproc_rsc_table_check(struct device *dev,
			  const struct resource_table *table, size_t size);
size_t rproc_rsc_entry_avail(const struct resource_table *table, size_t size,
			     u32 index);
const char *rproc_rsc_type_name(u32 type);

/* remoteproc_rsc.c */
int rproc_handle_resources(struct rproc *rproc);
int rproc_handle_traces(struct rproc *rproc);
void rproc_release_resources(struct rproc *rproc);
void rproc_discard_resources(struct rproc *rproc);

/* remoteproc_virtio.c */
int rproc_add_vdev(struct rproc *rproc, struct fw_rsc_vdev *rsc, u32 offset,
		   u32 index);
void rproc_remove_vdevs(struct rproc *rproc);

/* remoteproc_elf.c: the defaults of &struct rproc_ops, exported */
int rproc_elf_sanity_check(struct rproc *rproc, const struct firmware *fw);
u64 rproc_elf_get_boot_addr(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_segments(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_rsc_table(struct rproc *rproc, const struct firmware *fw);
struct resource_table *
rproc_elf_find_loaded_rsc_table(struct rproc *rproc,
				const struct firmware *fw);

/* remoteproc_coredump.c */
/* Dump the memory of a crashed remote as configured in &rproc.dump_conf. */
void rproc_coredump(struct rproc *rproc);
/* Forget every dump segment (when the resources of a boot are released). */
void rproc_coredump_cleanup(struct rproc *rproc);
/* rproc_coredump_add_segment() without the search for an identical one. */
int rproc_coredump_append_segment(struct rproc *rproc, dma_addr_t da,
				  size_t size);
/* Stop waiting for user space, now and for good (rproc_del()). */
void rproc_coredump_abort(struct rproc *rproc);

/* remoteproc_cdev.c */
int rproc_init_cdev(void);
void rproc_exit_cdev(void);
/* rproc_add() and rproc_del() call these in place of device_add()/device_del() */
int rproc_char_device_add(struct rproc *rproc);
void rproc_char_device_remove(struct rproc *rproc);

/* remoteproc_sysfs.c */
extern const struct attribute_group *rproc_devgroups[];

/* remoteproc_debugfs.c */
void rproc_init_debugfs(void);
void rproc_exit_debugfs(void);
void rproc_create_debug_dir(struct rproc *rproc);
void rproc_delete_debug_dir(struct rproc *rproc);
struct dentry *rproc_create_trace_file(struct rproc *rproc,
				       struct rproc_trace *trace);
void rproc_remove_trace_file(struct dentry *tfile);

/* For platform drivers: a vring of @rproc has news (notify id @vq_id). */
irqreturn_t rproc_vq_interrupt(struct rproc *rproc, int vq_id);

#endif /* REMOTEPROC_INTERNAL_H */
