// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: allocation, registration and lookup of
 * remote processors, their firmware name and subdevices, the "remoteproc"
 * class and the module's entry points.
 *
 * This file only creates, configures and destroys the objects the others
 * act on: rproc_boot(), rproc_shutdown() and rproc_detach() are in
 * remoteproc_boot.c, the steps they take (loading firmware, attaching,
 * stopping) in remoteproc_bringup.c, crash handling and recovery in
 * remoteproc_crash.c.
 */

#define pr_fmt(fmt) "remoteproc: " fmt

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/elf.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/rculist.h>
#include <linux/remoteproc.h>
#include <linux/remoteproc/live_objects.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "remoteproc_internal.h"

/* Numbers N of the remoteprocN devices. */
static DEFINE_IDA(rproc_index_ida);

/*
 * Remotes between rproc_add() and rproc_del(), for rproc_get_by_phandle()
 * and the panic notifier.  Changed under the mutex; read under it or under
 * RCU (the panic notifier cannot sleep).
 */
static LIST_HEAD(rproc_registered);
static DEFINE_MUTEX(rproc_registered_lock);

/*
 * The class is allocated (class_create()), not static: its kobject may be
 * released after this module is gone.
 */
struct class *rproc_class;

/*
 * Remote processor objects not yet released.  A release can run late (it
 * is delayed under CONFIG_DEBUG_KOBJECT_RELEASE, or a lookup still holds a
 * reference), and it runs this module's code: module exit waits for it.
 */
static struct live_objects rproc_live = LIVE_OBJECTS_INIT;

/**
 * rproc_from_dev() - the remote processor owning a remoteprocN device
 * @dev: &rproc.dev of some remote processor
 *
 * Context: any context.
 * Return: the remote processor.
 */
struct rproc *rproc_from_dev(struct device *dev)
{
	return container_of(dev, struct rproc, dev);
}

/**
 * rproc_state_name() - the name user space sees for a state
 * @state: an &enum rproc_state value
 *
 * Context: any context.
 * Return: a static string, "invalid" for unknown values.
 */
const char *rproc_state_name(unsigned int state)
{
	switch (state) {
	case RPROC_OFFLINE:
		return "offline";
	case RPROC_SUSPENDED:
		return "suspended";
	case RPROC_RUNNING:
		return "running";
	case RPROC_CRASHED:
		return "crashed";
	case RPROC_ATTACHED:
		return "attached";
	case RPROC_DETACHED:
		return "detached";
	}
	return "invalid";
}

/**
 * rproc_crash_name() - the name used in crash reports for a crash type
 * @type: the crash type
 *
 * Context: any context.
 * Return: a static string, "unknown" for unknown values.
 */
const char *rproc_crash_name(enum rproc_crash_type type)
{
	switch (type) {
	case RPROC_MMUFAULT:
		return "mmufault";
	case RPROC_WATCHDOG:
		return "watchdog";
	case RPROC_FATAL_ERROR:
		return "fatal error";
	}
	return "unknown";
}

/* Runs when the last reference to rproc->dev goes: frees the object. */
static void rproc_release(struct device *dev)
{
	struct rproc *rproc = rproc_from_dev(dev);
	struct rproc_mem_entry *mem, *next;

	dev_dbg(dev, "freeing %s\n", rproc->name);

	/* Regions registered by a driver that never reached rproc_add(). */
	list_for_each_entry_safe(mem, next, &rproc->carveouts, node) {
		list_del(&mem->node);
		kfree(mem);
	}
	/* Likewise dump segments */
	rproc_coredump_cleanup(rproc);

	idr_destroy(&rproc->notifyids);
	if (rproc->index >= 0)
		ida_free(&rproc_index_ida, rproc->index);
	kfree_const(rproc->firmware);
	kfree_const(rproc->name);
	kfree(rproc->ops);
	kfree(rproc);

	live_objects_put(&rproc_live);
}

static const struct device_type rproc_type = {
	.name		= "remoteproc",
	.release	= rproc_release,
};

/*
 * Take a private copy of the driver's operations.  Each loader operation
 * the driver left NULL falls back to its ELF implementation.
 */
static int rproc_copy_ops(struct rproc *rproc, const struct rproc_ops *ops)
{
	struct rproc_ops *copy;

	copy = kmemdup(ops, sizeof(*ops), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;

	if (!copy->sanity_check)
		copy->sanity_check = rproc_elf_sanity_check;
	if (!copy->get_boot_addr)
		copy->get_boot_addr = rproc_elf_get_boot_addr;
	if (!copy->load)
		copy->load = rproc_elf_load_segments;
	if (!copy->parse_fw)
		copy->parse_fw = rproc_elf_load_rsc_table;
	if (!copy->find_loaded_rsc_table)
		copy->find_loaded_rsc_table = rproc_elf_find_loaded_rsc_table;

	rproc->ops = copy;
	return 0;
}

static int rproc_set_names(struct rproc *rproc, const char *name,
			   const char *firmware)
{
	rproc->name = kstrdup_const(name, GFP_KERNEL);
	if (!rproc->name)
		return -ENOMEM;

	if (firmware)
		rproc->firmware = kstrdup_const(firmware, GFP_KERNEL);
	else
		rproc->firmware = kasprintf(GFP_KERNEL, "rproc-%s-fw", name);
	if (!rproc->firmware)
		return -ENOMEM;

	return 0;
}

/* Everything of a new remote that cannot fail. */
static void rproc_init_fields(struct rproc *rproc, struct device *parent)
{
	rproc->index = -1;
	rproc->state = RPROC_OFFLINE;
	rproc->auto_boot = true;
	atomic_set(&rproc->power, 0);
	mutex_init(&rproc->lock);

	INIT_LIST_HEAD(&rproc->node);
	INIT_LIST_HEAD(&rproc->subdevs);
	INIT_LIST_HEAD(&rproc->carveouts);
	INIT_LIST_HEAD(&rproc->traces);
	INIT_LIST_HEAD(&rproc->dump_segments);
	INIT_LIST_HEAD(&rproc->rvdevs);
	INIT_LIST_HEAD(&rproc->mappings);
	idr_init(&rproc->notifyids);
	rproc->max_notifyid = -1;

	spin_lock_init(&rproc->crash_handler_lock);
	INIT_WORK(&rproc->crash_handler, rproc_crash_handler_work);
	rproc->elf_machine = EM_NONE;
	rproc->elf_class = ELFCLASSNONE;

	live_objects_get(&rproc_live);
	device_initialize(&rproc->dev);
	rproc->dev.class = rproc_class;
	rproc->dev.type = &rproc_type;
	rproc->dev.parent = parent;
	dev_set_drvdata(&rproc->dev, rproc);
}

/**
 * rproc_alloc() - allocate a remote processor
 * @dev: the platform device the remote belongs to; its DMA settings are
 *	 used for the remote's memory
 * @name: name of the remote, shown in sysfs
 * @ops: the platform driver's operations; copied, so @ops may be
 *	 temporary.  Loader operations left NULL default to the ELF loader.
 * @firmware: firmware file name, or NULL for "rproc-<@name>-fw"
 * @len: size of the private area for the driver, found at &rproc.priv
 *
 * The remote starts offline and with auto boot enabled; the driver may
 * change &rproc.auto_boot and other fields it owns before rproc_add().
 * Undo with rproc_free(), never with kfree().
 *
 * Returns NULL rather than an ERR_PTR() on failure, as Linux 6.1 does, so
 * that drivers written for it work unchanged.
 *
 * Context: process context, may sleep.
 * Return: the new remote processor, or NULL when an argument is missing
 * or memory runs out.
 */
struct rproc *rproc_alloc(struct device *dev, const char *name,
			  const struct rproc_ops *ops,
			  const char *firmware, int len)
{
	struct rproc *rproc;

	if (!dev || !name || !ops || len < 0)
		return NULL;

	rproc = kzalloc(sizeof(*rproc) + len, GFP_KERNEL);
	if (!rproc)
		return NULL;

	rproc->priv = rproc + 1;
	rproc_init_fields(rproc, dev);

	/* From here on put_device() frees whatever was set up. */
	rproc->index = ida_alloc(&rproc_index_ida, GFP_KERNEL);
	if (rproc->index < 0)
		goto err_put_device;
	if (dev_set_name(&rproc->dev, "remoteproc%d", rproc->index))
		goto err_put_device;
	if (rproc_set_names(rproc, name, firmware))
		goto err_put_device;
	if (rproc_copy_ops(rproc, ops))
		goto err_put_device;

	return rproc;

err_put_device:
	put_device(&rproc->dev);
	return NULL;
}
EXPORT_SYMBOL_GPL(rproc_alloc);

/**
 * rproc_free() - drop the reference rproc_alloc() returned
 * @rproc: the remote processor
 *
 * Call it after rproc_del() (or instead of it if rproc_add() was never
 * called or failed).  The memory goes away with the last reference.
 *
 * Context: process context.
 */
void rproc_free(struct rproc *rproc)
{
	put_device(&rproc->dev);
}
EXPORT_SYMBOL_GPL(rproc_free);

/**
 * rproc_put() - drop a reference taken by rproc_get_by_phandle()
 * @rproc: the remote processor
 *
 * Context: process context.
 */
void rproc_put(struct rproc *rproc)
{
	put_device(&rproc->dev);
}
EXPORT_SYMBOL_GPL(rproc_put);

static int rproc_check_addable(struct rproc *rproc)
{
	if (!rproc->ops->start || !rproc->ops->stop) {
		dev_err(&rproc->dev, "cannot register %s: ops start and stop are required\n",
			rproc->name);
		return -EINVAL;
	}
	if (rproc->state != RPROC_OFFLINE && rproc->state != RPROC_DETACHED) {
		dev_err(&rproc->dev, "cannot register %s: it must be offline or detached, not %s\n",
			rproc->name, rproc_state_name(rproc->state));
		return -EINVAL;
	}
	if (rproc->state == RPROC_DETACHED && !rproc->ops->attach) {
		dev_err(&rproc->dev, "cannot register detached %s: ops attach is required\n",
			rproc->name);
		return -EINVAL;
	}
	if (rproc_has_feature(rproc, RPROC_FEAT_ATTACH_ON_RECOVERY) &&
	    (!rproc->ops->attach || !rproc->ops->detach)) {
		dev_err(&rproc->dev, "cannot register %s: attach on recovery needs ops attach and detach\n",
			rproc->name);
		return -EINVAL;
	}
	/* Booting it without its IOMMU mappings would let it scribble anywhere */
	if (rproc->has_iommu) {
		dev_err(&rproc->dev, "cannot register %s: remotes behind an IOMMU are not supported\n",
			rproc->name);
		return -EOPNOTSUPP;
	}
	return 0;
}

/**
 * rproc_add() - register a remote processor
 * @rproc: a remote processor from rproc_alloc()
 *
 * Makes the remote visible in sysfs and debugfs and to
 * rproc_get_by_phandle().  With &rproc.auto_boot set it also starts an
 * asynchronous firmware request; the remote boots, holding the user space
 * power reference, once the firmware is found.  A failure of that request
 * is logged and leaves the remote offline, but does not fail rproc_add().
 * A remote the platform driver marked %RPROC_DETACHED (something else
 * started it) is attached to at once instead.
 *
 * On failure nothing is registered and the caller still owns its
 * reference: undo rproc_alloc() with rproc_free() as usual.
 *
 * Context: process context, may sleep.
 * Return: 0; -EINVAL when &rproc.ops lacks start or stop, attach for a
 * detached remote, attach or detach for %RPROC_FEAT_ATTACH_ON_RECOVERY, or
 * when the remote is neither offline nor detached; -EOPNOTSUPP when
 * &rproc.has_iommu is set (IOMMUs are not supported); or the error of
 * rproc_char_device_add() (device_add() and its character device).
 */
int rproc_add(struct rproc *rproc)
{
	int ret;

	ret = rproc_check_addable(rproc);
	if (ret)
		return ret;

	ret = rproc_char_device_add(rproc);
	if (ret) {
		dev_err(rproc->dev.parent, "cannot add %s: %d\n",
			dev_name(&rproc->dev), ret);
		return ret;
	}

	dev_info(&rproc->dev, "remote processor %s registered\n", rproc->name);
	rproc_create_debug_dir(rproc);

	mutex_lock(&rproc_registered_lock);
	list_add_tail_rcu(&rproc->node, &rproc_registered);
	mutex_unlock(&rproc_registered_lock);

	if (rproc->auto_boot)
		rproc_start_auto_boot(rproc);

	return 0;
}
EXPORT_SYMBOL_GPL(rproc_add);

/* From now on: no boot, no crash handling, no auto boot. */
static void rproc_mark_deleting(struct rproc *rproc)
{
	mutex_lock(&rproc->lock);
	/* rproc_report_crash() looks at the flag under the spinlock only. */
	spin_lock_irq(&rproc->crash_handler_lock);
	WRITE_ONCE(rproc->deleting, true);
	spin_unlock_irq(&rproc->crash_handler_lock);
	mutex_unlock(&rproc->lock);
}

/**
 * rproc_del() - unregister a remote processor
 * @rproc: a remote processor registered with rproc_add()
 *
 * Stops the remote and takes it out of sysfs, debugfs and the lookup list.
 * New boots fail with -ENODEV from the moment rproc_del() starts.  The
 * user space power reference is dropped as if "stop" had been written.
 * If kernel users still hold power references, the remote is forced down
 * anyway and their later rproc_shutdown() calls return -ENODEV.
 *
 * A pending auto boot is not waited for: it holds its own reference and
 * gives up when it sees the remote being deleted.  Nor is user space: an
 * inline coredump waiting to be read is abandoned.
 *
 * In every case the remote is fully torn down on return, and the caller
 * still has to call rproc_free().
 *
 * Context: process context, may sleep.  Must not be called with
 * &rproc.lock held.
 * Return: 0; -EBUSY when kernel users still held power references (the
 * remote was stopped nonetheless); -EINVAL when @rproc is NULL or not
 * registered.
 */
int rproc_del(struct rproc *rproc)
{
	int ret;

	if (!rproc || !device_is_registered(&rproc->dev))
		return -EINVAL;

	/* An inline coredump holds rproc->lock until user space reads it. */
	rproc_coredump_abort(rproc);
	rproc_mark_deleting(rproc);

	mutex_lock(&rproc_registered_lock);
	list_del_rcu(&rproc->node);
	mutex_unlock(&rproc_registered_lock);
	/* The panic notifier no longer calls into the driver after this. */
	synchronize_rcu();

	/* The crash work takes rproc->lock: wait for it without holding it. */
	cancel_work_sync(&rproc->crash_handler);

	mutex_lock(&rproc->lock);
	ret = __rproc_shutdown_all(rproc);
	rproc_remove_carveouts(rproc);
	mutex_unlock(&rproc->lock);

	rproc_delete_debug_dir(rproc);
	rproc_char_device_remove(rproc);

	return ret;
}
EXPORT_SYMBOL_GPL(rproc_del);

/**
 * rproc_set_firmware() - choose the firmware file of the next boot
 * @rproc: the remote processor
 * @fw_name: file name under the firmware search path; it ends at the first
 *	     newline, so that "echo name > firmware" and "name" are the same
 *
 * As in Linux 6.1, the state is checked before the name: a remote that is
 * not offline refuses any name with -EBUSY.
 *
 * Context: process context, may sleep; takes &rproc.lock.
 * Return: 0; -EINVAL for a NULL name or one that is empty before its first
 * newline; -EBUSY unless the remote is offline; -ENOMEM; -EINTR when
 * interrupted while waiting for the lock.
 */
int rproc_set_firmware(struct rproc *rproc, const char *fw_name)
{
	const char *old = NULL;
	size_t len;
	char *name;
	int ret;

	if (!rproc || !fw_name)
		return -EINVAL;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;
	len = strcspn(fw_name, "\n");
	if (rproc->state != RPROC_OFFLINE) {
		ret = -EBUSY;
	} else if (!len) {
		ret = -EINVAL;
	} else {
		name = kstrndup(fw_name, len, GFP_KERNEL);
		if (name) {
			old = rproc->firmware;
			rproc->firmware = name;
		} else {
			ret = -ENOMEM;
		}
	}
	mutex_unlock(&rproc->lock);

	kfree_const(old);
	return ret;
}
EXPORT_SYMBOL_GPL(rproc_set_firmware);

/**
 * rproc_add_subdev() - attach a subdevice to a remote processor
 * @rproc: the remote processor
 * @subdev: the subdevice, its callbacks filled in
 *
 * The subdevice is prepared and started on every later boot, after the
 * ones added before it, and stopped and unprepared before them.
 *
 * Context: process context, before rproc_add() or with &rproc.lock held.
 */
void rproc_add_subdev(struct rproc *rproc, struct rproc_subdev *subdev)
{
	list_add_tail(&subdev->node, &rproc->subdevs);
}
EXPORT_SYMBOL_GPL(rproc_add_subdev);

/**
 * rproc_remove_subdev() - detach a subdevice from a remote processor
 * @rproc: the remote processor
 * @subdev: a subdevice added with rproc_add_subdev()
 *
 * Context: process context, while the remote is offline, or with
 * &rproc.lock held after stopping @subdev.
 */
void rproc_remove_subdev(struct rproc *rproc, struct rproc_subdev *subdev)
{
	list_del(&subdev->node);
}
EXPORT_SYMBOL_GPL(rproc_remove_subdev);

static void rproc_free_action(void *rproc)
{
	rproc_free(rproc);
}

static void rproc_del_action(void *rproc)
{
	rproc_del(rproc);
}

/**
 * devm_rproc_alloc() - rproc_alloc() undone when @dev's driver detaches
 * @dev: the platform device
 * @name: name of the remote
 * @ops: the platform driver's operations
 * @firmware: firmware file name, or NULL for the default name
 * @len: size of the driver's private area
 *
 * Context: process context, may sleep.
 * Return: the new remote processor, or NULL on failure (see rproc_alloc()).
 */
struct rproc *devm_rproc_alloc(struct device *dev, const char *name,
			       const struct rproc_ops *ops,
			       const char *firmware, int len)
{
	struct rproc *rproc;

	rproc = rproc_alloc(dev, name, ops, firmware, len);
	if (!rproc)
		return NULL;

	if (devm_add_action_or_reset(dev, rproc_free_action, rproc))
		return NULL;

	return rproc;
}
EXPORT_SYMBOL_GPL(devm_rproc_alloc);

/**
 * devm_rproc_add() - rproc_add() undone when @dev's driver detaches
 * @dev: the platform device
 * @rproc: the remote processor
 *
 * Context: process context, may sleep.
 * Return: 0, or the error of rproc_add() or of registering the undo action
 * (in which case the remote has been deleted again).
 */
int devm_rproc_add(struct device *dev, struct rproc *rproc)
{
	int ret;

	ret = rproc_add(rproc);
	if (ret)
		return ret;

	return devm_add_action_or_reset(dev, rproc_del_action, rproc);
}
EXPORT_SYMBOL_GPL(devm_rproc_add);

/**
 * rproc_get_by_child() - find the remote processor a device belongs to
 * @dev: a device somewhere below a remoteprocN device
 *
 * No reference is taken: the caller must already be sure the remote
 * outlives its use of the result, as a child device is.
 *
 * Context: any context.
 * Return: the closest remote processor above @dev, or NULL.
 */
struct rproc *rproc_get_by_child(struct device *dev)
{
	struct device *up;

	for (up = dev->parent; up; up = up->parent) {
		if (up->type == &rproc_type)
			return rproc_from_dev(up);
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(rproc_get_by_child);

/**
 * rproc_get_by_phandle() - find a registered remote by device tree phandle
 * @phandle: phandle of the platform device's node
 *
 * Takes a reference on the remote's device, to be dropped with
 * rproc_put().  The reference keeps the object, not the platform driver:
 * if the driver goes away, rproc_boot() fails with -ENODEV.
 *
 * Context: process context, may sleep.
 * Return: the remote processor, or NULL if none matches or the kernel
 * has no device tree support.
 */
struct rproc *rproc_get_by_phandle(phandle phandle)
{
	struct device_node *np;
	struct rproc *rproc, *found = NULL;

	if (!IS_ENABLED(CONFIG_OF))
		return NULL;

	np = of_find_node_by_phandle(phandle);
	if (!np)
		return NULL;

	mutex_lock(&rproc_registered_lock);
	list_for_each_entry(rproc, &rproc_registered, node) {
		if (rproc->dev.parent && rproc->dev.parent->of_node == np) {
			found = rproc;
			get_device(&found->dev);
			break;
		}
	}
	mutex_unlock(&rproc_registered_lock);

	of_node_put(np);
	return found;
}
EXPORT_SYMBOL_GPL(rproc_get_by_phandle);

/**
 * rproc_panic_all() - tell every running remote that the kernel panics
 *
 * Calls &rproc_ops.panic of each registered remote that is running or
 * attached.  The state is read without &rproc.lock, which a stopped CPU
 * may hold: a remote that is just starting or stopping may be told or not.
 *
 * Context: any context, from the panic notifier; does not sleep nor take
 * locks.  Exported for the KUnit tests only.
 * Return: the longest time, in milliseconds, that one of them asked for.
 */
unsigned long rproc_panic_all(void)
{
	unsigned long longest = 0, ms;
	struct rproc *rproc;
	unsigned int state;

	rcu_read_lock();
	list_for_each_entry_rcu(rproc, &rproc_registered, node) {
		state = READ_ONCE(rproc->state);
		if (!rproc->ops->panic ||
		    (state != RPROC_RUNNING && state != RPROC_ATTACHED))
			continue;
		ms = rproc->ops->panic(rproc);
		longest = max(longest, ms);
	}
	rcu_read_unlock();
	return longest;
}
EXPORT_SYMBOL_NS_GPL(rproc_panic_all, REMOTEPROC_INTERNAL);

static int __init remoteproc_init(void)
{
	int ret;

	ret = rproc_crash_init();
	if (ret)
		return ret;

	rproc_class = class_create(THIS_MODULE, "remoteproc");
	if (IS_ERR(rproc_class)) {
		ret = PTR_ERR(rproc_class);
		pr_err("cannot register the class: %d\n", ret);
		rproc_crash_exit();
		return ret;
	}
	rproc_class->dev_groups = rproc_devgroups;

	ret = rproc_init_cdev();
	if (ret) {
		class_destroy(rproc_class);
		rproc_crash_exit();
		return ret;
	}

	rproc_init_debugfs();
	return 0;
}
subsys_initcall(remoteproc_init);

static void __exit remoteproc_exit(void)
{
	rproc_exit_debugfs();
	rproc_exit_cdev();
	live_objects_wait(&rproc_live);
	class_destroy(rproc_class);
	rproc_crash_exit();
	ida_destroy(&rproc_index_ida);
}
module_exit(remoteproc_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Remote processor framework");
