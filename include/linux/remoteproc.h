/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Remote processor framework: the API for platform drivers (the providers
 * of remote processors) and for kernel users that boot and stop them.
 *
 * The interface is source compatible with Linux 6.1.  The resource table
 * wire format lives in <linux/remoteproc/wire.h>, shared with
 * firmware.
 */
#ifndef _LINUX_REMOTEPROC_H
#define _LINUX_REMOTEPROC_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/cdev.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/remoteproc/wire.h>

struct firmware;
struct rproc;
struct rproc_dump_inline;
struct dentry;
struct iommu_domain;

/**
 * struct rproc_mem_entry - a memory region of the remote processor
 * @name: name, matched against carveout entries of the resource table
 * @da: device address, as the remote sees it
 * @len: length in bytes
 * @dma: DMA (bus) address of the region
 * @va: kernel virtual address, valid while the region is allocated
 * @is_iomem: @va is an __iomem mapping (use memcpy_toio() and friends)
 * @alloc: maps or allocates the region at boot; may be NULL when @va is
 *	   already valid.  Returns 0 or a negative errno.  May sleep.
 * @release: undoes @alloc at shutdown; may be NULL.  May sleep.
 * @priv: owner's private data
 * @rsc_offset: offset of the resource entry that asked for the region, or
 *		%FW_RSC_ADDR_ANY for regions no entry asked for
 *		(framework-owned)
 * @node: entry in &rproc.carveouts or &rproc.mappings (framework-owned)
 *
 * Platform drivers create entries with rproc_mem_entry_init() and register
 * them with rproc_add_carveout(), usually from &rproc_ops.prepare.  The
 * framework owns them from then on and frees them when the remote stops or
 * is detached from, or when the boot or attach they were registered for
 * fails.
 */
struct rproc_mem_entry {
	char name[32];
	u32 da;
	size_t len;
	dma_addr_t dma;
	void *va;
	bool is_iomem;

	int (*alloc)(struct rproc *rproc, struct rproc_mem_entry *mem);
	int (*release)(struct rproc *rproc, struct rproc_mem_entry *mem);
	void *priv;

	u32 rsc_offset;
	struct list_head node;
};

/**
 * enum rsc_handling_status - what &rproc_ops.handle_rsc did with an entry
 * @RSC_HANDLED: the platform driver handled the entry
 * @RSC_IGNORED: the platform driver does not know the entry's type
 */
enum rsc_handling_status {
	RSC_HANDLED,
	RSC_IGNORED,
};

/**
 * struct rproc_ops - what a platform driver implements
 * @start: mandatory.  Start the remote at &rproc.bootaddr, its firmware
 *	   loaded.  Process context, &rproc.lock held; may sleep.
 * @stop: mandatory.  Stop the remote, whatever it is doing (it may have
 *	  crashed).  Process context, &rproc.lock held; may sleep.
 * @kick: mandatory when the firmware declares virtio devices (a boot that
 *	  finds a vdev entry fails without it).  Tell the remote that vring
 *	  @vqid (its notify id) has news.  Called from virtqueue_notify(),
 *	  which virtio drivers call in any context, including with spinlocks
 *	  held, interrupts disabled or from an interrupt handler: it must not
 *	  sleep.
 * @da_to_va: optional.  Translate a device address range into a kernel
 *	      address, or return NULL when the range is not entirely mapped;
 *	      set *@is_iomem (when @is_iomem is not NULL) for an __iomem
 *	      mapping.  Any context; must not sleep.
 * @prepare: optional.  Power up what the remote needs before its firmware
 *	     is loaded or before attaching to it (clocks, memories), and
 *	     register the regions it offers with rproc_add_carveout().  The
 *	     framework owns those regions from then on: it frees them when
 *	     the remote stops or detaches, and on every failure after
 *	     @prepare, so @prepare registers them anew each time.  Process
 *	     context, &rproc.lock held; may sleep.
 * @unprepare: optional.  Undo @prepare, once the remote is stopped or
 *	       detached and its regions are released; not called when
 *	       @prepare failed.  Process context, &rproc.lock held; may sleep.
 * @attach: mandatory for a remote that is %RPROC_DETACHED at rproc_add()
 *	    or has %RPROC_FEAT_ATTACH_ON_RECOVERY, optional otherwise.  Take
 *	    over a remote that runs already.  Process context, &rproc.lock
 *	    held; may sleep.
 * @detach: optional (mandatory with %RPROC_FEAT_ATTACH_ON_RECOVERY).  Let
 *	    go of an attached remote, leaving it running.  Process context,
 *	    &rproc.lock held; may sleep.
 * @sanity_check: optional, default rproc_elf_sanity_check().  Validate the
 *		  firmware image before anything else.  Process context,
 *		  &rproc.lock held; may sleep.
 * @get_boot_addr: optional, default rproc_elf_get_boot_addr().  The entry
 *		   point of the firmware.  Same context as @sanity_check.
 * @parse_fw: optional, default rproc_elf_load_rsc_table().  Find the
 *	      resource table in the firmware and copy it to
 *	      &rproc.cached_table.  Same context as @sanity_check.
 * @handle_rsc: optional.  Handle a vendor resource entry (types
 *		%RSC_VENDOR_START to %RSC_VENDOR_END - 1); @avail is the
 *		number of bytes available at @rsc.  Return
 *		&enum rsc_handling_status or a negative errno.  Same context
 *		as @sanity_check.
 * @load: optional, default rproc_elf_load_segments().  Load the firmware
 *	  into the remote's memory.  Same context as @sanity_check.
 * @find_loaded_rsc_table: optional, default
 *			   rproc_elf_find_loaded_rsc_table().  Find the
 *			   resource table in the loaded image.  Same context
 *			   as @sanity_check.
 * @get_loaded_rsc_table: optional.  Find the resource table of a remote
 *			  being attached to, and its size; NULL when it has
 *			  none, an ERR_PTR() on failure.  Process context,
 *			  &rproc.lock held; may sleep.
 * @panic: optional.  The kernel panics: tell the remote, for example so
 *	   that it flushes its caches, and return how many milliseconds it
 *	   needs; the panic notifier waits for the longest of these before
 *	   the kernel goes on (see "the panic notifier").  Called only for a
 *	   remote that is running or attached, from the panic notifier: any
 *	   context, possibly with other CPUs stopped holding locks.  It must
 *	   not sleep nor take locks.
 * @coredump: optional, default rproc_coredump().  Collect a dump of the
 *	      crashed remote.  Process context (the crash handler),
 *	      &rproc.lock held; may sleep.
 *
 * The loader defaults apply to every loader op that is NULL when the
 * driver calls rproc_alloc().  rproc_add() refuses a remote without @start
 * or @stop, or without the @attach and @detach its state and features
 * need; a missing @kick fails the boot of a firmware with virtio devices.
 */
struct rproc_ops {
	/* Running the remote. */
	int (*start)(struct rproc *rproc);
	int (*stop)(struct rproc *rproc);
	void (*kick)(struct rproc *rproc, int vqid);
	void *(*da_to_va)(struct rproc *rproc, u64 da, size_t len,
			  bool *is_iomem);
	int (*prepare)(struct rproc *rproc);
	int (*unprepare)(struct rproc *rproc);
	int (*attach)(struct rproc *rproc);
	int (*detach)(struct rproc *rproc);

	/* Loading firmware; NULL selects the ELF default. */
	int (*sanity_check)(struct rproc *rproc, const struct firmware *fw);
	u64 (*get_boot_addr)(struct rproc *rproc, const struct firmware *fw);
	int (*parse_fw)(struct rproc *rproc, const struct firmware *fw);
	int (*handle_rsc)(struct rproc *rproc, u32 rsc_type, void *rsc,
			  int offset, int avail);
	int (*load)(struct rproc *rproc, const struct firmware *fw);
	struct resource_table *
		(*find_loaded_rsc_table)(struct rproc *rproc,
					 const struct firmware *fw);
	struct resource_table *
		(*get_loaded_rsc_table)(struct rproc *rproc, size_t *size);

	/* When things go wrong. */
	unsigned long (*panic)(struct rproc *rproc);
	void (*coredump)(struct rproc *rproc);
};

/**
 * enum rproc_state - state of a remote processor
 * @RPROC_OFFLINE: not running, no resources allocated
 * @RPROC_SUSPENDED: running but suspended (reserved)
 * @RPROC_RUNNING: booted by Linux and running
 * @RPROC_CRASHED: crashed, waiting for recovery or for a stop
 * @RPROC_ATTACHED: started by someone else, Linux attached to it
 * @RPROC_DETACHED: started by someone else, Linux may attach to it
 * @RPROC_LAST: number of states
 *
 * The values are ABI: they follow Linux's numbering.
 */
enum rproc_state {
	RPROC_OFFLINE,
	RPROC_SUSPENDED,
	RPROC_RUNNING,
	RPROC_CRASHED,
	RPROC_ATTACHED,
	RPROC_DETACHED,
	RPROC_LAST,
};

/**
 * enum rproc_crash_type - why a remote crashed
 * @RPROC_MMUFAULT: an IOMMU or MMU fault
 * @RPROC_WATCHDOG: the remote's watchdog expired
 * @RPROC_FATAL_ERROR: any other unrecoverable error
 */
enum rproc_crash_type {
	RPROC_MMUFAULT = 0,
	RPROC_WATCHDOG = 1,
	RPROC_FATAL_ERROR = 2,
};

/**
 * enum rproc_dump_mechanism - how a crashed remote is dumped
 * @RPROC_COREDUMP_DISABLED: no dump
 * @RPROC_COREDUMP_ENABLED: copy the memory into a devcoredump
 * @RPROC_COREDUMP_INLINE: read the memory while user space reads the dump
 */
enum rproc_dump_mechanism {
	RPROC_COREDUMP_DISABLED = 0,
	RPROC_COREDUMP_ENABLED = 1,
	RPROC_COREDUMP_INLINE = 2,
};

/**
 * struct rproc_dump_segment - a memory region to put in a coredump
 * @da: device address of the region
 * @size: size in bytes
 * @dump: optional custom copy function
 * @priv: argument for @dump
 * @offset: offset of the segment in the dump file
 * @node: entry in &rproc.dump_segments
 */
struct rproc_dump_segment {
	dma_addr_t da;
	size_t size;
	void (*dump)(struct rproc *rproc, struct rproc_dump_segment *segment,
		     void *dest, size_t offset, size_t size);
	void *priv;
	loff_t offset;
	struct list_head node;
};

/**
 * enum rproc_features - optional features of a remote processor
 * @RPROC_FEAT_ATTACH_ON_RECOVERY: the remote restarts by itself after a
 *	crash (its own watchdog or boot ROM reloads it): recovery detaches
 *	from the crashed remote and attaches to it again instead of stopping
 *	it and booting its firmware file.  Needs &rproc_ops.attach and
 *	&rproc_ops.detach; rproc_add() refuses the feature without them.
 * @RPROC_MAX_FEATURES: number of features
 *
 * Platform drivers set features with rproc_set_feature() before
 * rproc_add().
 */
enum rproc_features {
	RPROC_FEAT_ATTACH_ON_RECOVERY,
	RPROC_MAX_FEATURES,
};

/**
 * struct rproc - a remote processor
 * @dev: the remote's device; **its reference count is the object's
 *	 lifetime** (get_device(), rproc_put())
 * @name: human-readable name, shown in sysfs
 * @index: number of the remote (remoteproc<index>)
 * @firmware: name of the firmware file under /lib/firmware
 * @ops: the platform driver's operations (a private copy)
 * @priv: the platform driver's private data (allocated by rproc_alloc())
 * @auto_boot: set by the platform driver: boot as soon as the remote is
 *	       added and its firmware found
 * @has_iommu: set by the platform driver: the remote sits behind an IOMMU.
 *	       Not supported: rproc_add() refuses such a remote rather than
 *	       boot it without its IOMMU mappings
 * @sysfs_read_only: set by the platform driver: user space may look but
 *		     not change state or firmware
 * @elf_class: ELF class for coredumps
 * @elf_machine: ELF machine for coredumps
 * @features: &enum rproc_features bitmap, set by the platform driver with
 *	      rproc_set_feature()
 * @lock: serialises boot, shutdown, recovery and state changes
 * @power: **the power count**: how many users need the remote running.
 *	   rproc_boot() raises it and boots on 0 -> 1, rproc_shutdown() lowers
 *	   it and stops on 1 -> 0.  Changed under @lock.
 * @user_powered: user space (sysfs, auto_boot) holds one of the @power
 *		  references; protected by @lock
 * @state: &enum rproc_state, protected by @lock
 * @deleting: rproc_del() has started; no new boots
 * @fw_pending: auto-boot is waiting for the firmware loader
 * @powered: the remote was started or attached to and holds its resources
 *	     (it may have crashed since); cleared when they are given back
 * @up_since: jiffies when it was last started or attached to
 * @early_crashes: crashes in a row, each soon after a start (recovery
 *		   pauses after a few)
 * @bootaddr: entry point of the firmware
 * @table_ptr: the resource table in use (the cached copy before loading,
 *	       the copy in the remote's memory after)
 * @cached_table: the kernel's copy of the firmware's resource table
 * @clean_table: (reserved for attaching)
 * @table_sz: size of the resource table
 * @carveouts: memory allocated for or registered by the platform
 * @mappings: IOMMU mappings
 * @domain: IOMMU domain, if any
 * @traces: trace buffers of the running firmware
 * @num_traces: number of entries in @traces
 * @rvdevs: virtio devices of the running firmware
 * @nb_vdev: number of virtio devices
 * @notifyids: vring notify ids in use
 * @max_notifyid: largest notify id in use, -1 if none
 * @subdevs: subdevices, started after and stopped before the remote
 * @crash_handler: work item handling crash reports
 * @crash_handler_lock: protects @crash_cnt and orders crash reports against
 *			@deleting; taken in any context
 * @crash_cnt: number of crashes reported
 * @recovery_disabled: leave a crashed remote crashed
 * @dump_conf: &enum rproc_dump_mechanism
 * @dump_segments: regions to dump on a crash
 * @dump_inline: the inline dump waiting for user space, NULL, or an
 *		 ERR_PTR() once rproc_del() forbade waiting; under
 *		 @crash_handler_lock
 * @attach_work: (reserved for attaching)
 * @dbg_dir: debugfs directory
 * @cdev: character device (/dev/remoteproc<index>)
 * @node: entry in the framework's list of registered remotes (RCU: the
 *	  panic notifier walks it)
 *
 * The platform driver sets the fields so marked between rproc_alloc() and
 * rproc_add(); everything else belongs to the framework.
 */
struct rproc {
	/* Identity and the platform driver's side. */
	struct device dev;
	const char *name;
	int index;
	const char *firmware;
	struct rproc_ops *ops;
	void *priv;
	bool auto_boot;
	bool has_iommu;
	bool sysfs_read_only;
	u8 elf_class;
	u16 elf_machine;
	DECLARE_BITMAP(features, RPROC_MAX_FEATURES);

	/* Power and state, under @lock. */
	struct mutex lock;		/* see the kernel-doc above */
	atomic_t power;
	bool user_powered;
	unsigned int state;
	bool deleting;
	bool fw_pending;
	bool powered;
	unsigned long up_since;
	unsigned int early_crashes;

	/* What the running firmware was given, under @lock. */
	u64 bootaddr;
	struct resource_table *table_ptr;
	struct resource_table *cached_table;
	struct resource_table *clean_table;
	size_t table_sz;
	struct list_head carveouts;
	struct list_head mappings;
	struct iommu_domain *domain;
	struct list_head traces;
	int num_traces;
	struct list_head rvdevs;
	int nb_vdev;
	struct idr notifyids;
	int max_notifyid;
	struct list_head subdevs;

	/* Crashes. */
	struct work_struct crash_handler;
	spinlock_t crash_handler_lock;	/* see the kernel-doc above */
	unsigned int crash_cnt;
	bool recovery_disabled;
	enum rproc_dump_mechanism dump_conf;
	struct list_head dump_segments;
	struct rproc_dump_inline *dump_inline;
	struct work_struct attach_work;

	/* User interfaces and bookkeeping. */
	struct dentry *dbg_dir;
	struct cdev cdev;
	struct list_head node;
};

/**
 * struct rproc_subdev - a device whose life follows the remote's
 * @prepare: optional; called before the remote boots.  May sleep.
 * @start: optional; called after the remote booted.  May sleep.
 * @stop: optional; called before the remote stops, @crashed telling
 *	  whether it crashed.  May sleep.
 * @unprepare: optional; called after the remote stopped.  May sleep.
 * @node: entry in &rproc.subdevs (framework-owned)
 */
struct rproc_subdev {
	int (*prepare)(struct rproc_subdev *subdev);
	int (*start)(struct rproc_subdev *subdev);
	void (*stop)(struct rproc_subdev *subdev, bool crashed);
	void (*unprepare)(struct rproc_subdev *subdev);
	struct list_head node;
};

/** RVDEV_NUM_VRINGS - vrings per virtio device */
#define RVDEV_NUM_VRINGS RPROC_RSC_MAX_VRINGS

struct rproc_vdev;
struct virtqueue;

/**
 * struct rproc_vring - a vring of a remote virtio device
 * @rvdev: the virtio device
 * @notifyid: kick identifier
 * @num: number of descriptors
 * @align: alignment of the used ring
 * @da: device address of the ring
 * @va: kernel address of the ring
 * @vq: the virtqueue, while the virtio driver uses it
 */
struct rproc_vring {
	struct rproc_vdev *rvdev;
	int notifyid;
	int num;
	u32 align;
	u32 da;
	void *va;
	struct virtqueue *vq;
};

/**
 * struct rproc_vdev - a virtio device of a remote processor
 * @rproc: the remote
 * @index: index of the vdev on the remote
 * @id: virtio device id
 * @rsc_offset: offset of the vdev entry in the resource table
 * @vring: the vrings
 * @subdev: its subdevice
 * @pdev: the platform device carrying the virtio device
 * @node: entry in &rproc.rvdevs
 */
struct rproc_vdev {
	struct rproc *rproc;
	u32 index;
	unsigned int id;
	u32 rsc_offset;
	struct rproc_vring vring[RVDEV_NUM_VRINGS];
	struct rproc_subdev subdev;
	struct platform_device *pdev;
	struct list_head node;
};

/* For kernel users of a remote: find it, power it, translate addresses. */
struct rproc *rproc_get_by_child(struct device *dev);
struct rproc *rproc_get_by_phandle(phandle phandle);
void rproc_put(struct rproc *rproc);
int rproc_boot(struct rproc *rproc);
int rproc_shutdown(struct rproc *rproc);
int rproc_detach(struct rproc *rproc);
int rproc_set_firmware(struct rproc *rproc, const char *fw_name);
void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem);

/* For platform drivers: register and unregister a remote. */
struct rproc *rproc_alloc(struct device *dev, const char *name,
			  const struct rproc_ops *ops, const char *firmware,
			  int len);
struct rproc *devm_rproc_alloc(struct device *dev, const char *name,
			       const struct rproc_ops *ops,
			       const char *firmware, int len);
int rproc_add(struct rproc *rproc);
int devm_rproc_add(struct device *dev, struct rproc *rproc);
int rproc_del(struct rproc *rproc);
void rproc_free(struct rproc *rproc);

/* For platform drivers: report what happens to the remote. */
void rproc_report_crash(struct rproc *rproc, enum rproc_crash_type type);
int rproc_coredump_set_elf_info(struct rproc *rproc, u8 class, u16 machine);
int rproc_coredump_add_segment(struct rproc *rproc, dma_addr_t da,
			       size_t size);
int rproc_coredump_add_custom_segment(struct rproc *rproc,
				      dma_addr_t da, size_t size,
				      void (*dumpfn)(struct rproc *rproc,
						     struct rproc_dump_segment *segment,
						     void *dest, size_t offset,
						     size_t size),
				      void *priv);

/* For platform drivers: memory regions of the remote. */
__printf(8, 9)
struct rproc_mem_entry *
rproc_mem_entry_init(struct device *dev, void *va, dma_addr_t dma,
		     size_t len, u32 da,
		     int (*alloc)(struct rproc *rproc,
				  struct rproc_mem_entry *mem),
		     int (*release)(struct rproc *rproc,
				    struct rproc_mem_entry *mem),
		     const char *name, ...);
__printf(5, 6)
struct rproc_mem_entry *
rproc_of_resm_mem_entry_init(struct device *dev, u32 of_resm_idx,
			     size_t len, u32 da, const char *name, ...);
void rproc_add_carveout(struct rproc *rproc, struct rproc_mem_entry *mem);
void rproc_resource_cleanup(struct rproc *rproc);

/* For platform drivers and bus glue: devices that live while it runs. */
void rproc_add_subdev(struct rproc *rproc, struct rproc_subdev *subdev);
void rproc_remove_subdev(struct rproc *rproc, struct rproc_subdev *subdev);

#endif /* _LINUX_REMOTEPROC_H */
