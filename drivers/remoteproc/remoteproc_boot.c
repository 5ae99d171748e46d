// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: the life cycle of a remote processor.
 * Booting and stopping it, the power references that decide when to do
 * so, crash reports and subdevices.
 */

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/firmware.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "remoteproc_internal.h"

/**
 * DOC: lifetime and power references
 *
 * A remote processor has two reference counts.  Do not confuse them.
 *
 * The **lifetime** count is the reference count of &rproc.dev.  It keeps
 * the memory of &struct rproc (and of the driver's private area) valid.
 * rproc_alloc() returns one reference, rproc_free() drops it;
 * rproc_get_by_phandle() takes one that rproc_put() drops.  The auto boot
 * request holds one until its callback has run.  Holding a lifetime
 * reference does not keep the remote running, nor registered.
 *
 * The **power** count, &rproc.power, says how many users need the remote
 * running.  The remote boots when it goes from 0 to 1 and stops when it
 * goes from 1 to 0.  It only changes under &rproc.lock.  Two kinds of
 * users hold power references:
 *
 * - Kernel users, through rproc_boot() and rproc_shutdown().  Each
 *   successful rproc_boot() must be paired with one rproc_shutdown().
 * - User space, through the sysfs "state" file, and auto boot.  Together
 *   they hold at most one reference, recorded in &rproc.user_powered.
 *   "start" takes it (-EBUSY if the remote is already up, whoever started
 *   it), "stop" drops it.
 *
 * Neither side can drop a reference of the other: "stop" fails with
 * -EBUSY while kernel users hold references, and rproc_shutdown() without
 * a kernel reference fails with -EINVAL.  rproc_del() drops the user
 * reference; if kernel users still hold references it forces the remote
 * down, logs how many there were and returns -EBUSY.
 *
 * A crashed remote (there is no recovery yet) keeps its resources, so that
 * its trace buffers can still be read, and keeps its power references:
 * it goes offline when the last one is dropped, with "stop" or
 * rproc_shutdown() as above.  Until then rproc_boot() only counts another
 * reference, as in Linux 6.1, while "start" fails with -EBUSY.
 */

/* Crash handling runs here, in process context. */
static struct workqueue_struct *rproc_crash_wq;

/**
 * rproc_boot_init() - set up what the life cycle code needs
 *
 * Context: module initialisation.
 * Return: 0 or -ENOMEM.
 */
int rproc_boot_init(void)
{
	rproc_crash_wq = alloc_workqueue("rproc_crash", WQ_UNBOUND | WQ_FREEZABLE, 0);
	return rproc_crash_wq ? 0 : -ENOMEM;
}

/**
 * rproc_boot_exit() - undo rproc_boot_init()
 *
 * Context: module exit, after every remote has been deleted.
 */
void rproc_boot_exit(void)
{
	destroy_workqueue(rproc_crash_wq);
}

/* Power references held by kernel users, as opposed to user space. */
static int rproc_kernel_users(struct rproc *rproc)
{
	return atomic_read(&rproc->power) - (rproc->user_powered ? 1 : 0);
}

/* ---------------------------------------------------------------------
 * Subdevices: prepared and started in list order, stopped and unprepared
 * in reverse order.
 */

static int rproc_prepare_subdevices(struct rproc *rproc)
{
	struct rproc_subdev *sd;
	int ret;

	list_for_each_entry(sd, &rproc->subdevs, node) {
		if (!sd->prepare)
			continue;
		ret = sd->prepare(sd);
		if (ret)
			goto err_unprepare;
	}
	return 0;

err_unprepare:
	list_for_each_entry_continue_reverse(sd, &rproc->subdevs, node) {
		if (sd->unprepare)
			sd->unprepare(sd);
	}
	return ret;
}

static void rproc_unprepare_subdevices(struct rproc *rproc)
{
	struct rproc_subdev *sd;

	list_for_each_entry_reverse(sd, &rproc->subdevs, node) {
		if (sd->unprepare)
			sd->unprepare(sd);
	}
}

static int rproc_start_subdevices(struct rproc *rproc)
{
	struct rproc_subdev *sd;
	int ret;

	list_for_each_entry(sd, &rproc->subdevs, node) {
		if (!sd->start)
			continue;
		ret = sd->start(sd);
		if (ret)
			goto err_stop;
	}
	return 0;

err_stop:
	list_for_each_entry_continue_reverse(sd, &rproc->subdevs, node) {
		if (sd->stop)
			sd->stop(sd, false);
	}
	return ret;
}

static void rproc_stop_subdevices(struct rproc *rproc, bool crashed)
{
	struct rproc_subdev *sd;

	list_for_each_entry_reverse(sd, &rproc->subdevs, node) {
		if (sd->stop)
			sd->stop(sd, crashed);
	}
}

/* ---------------------------------------------------------------------
 * Booting.  Each step undoes itself on failure; the caller undoes the
 * steps before it.
 */

static int rproc_prepare_device(struct rproc *rproc)
{
	int ret;

	if (!rproc->ops->prepare)
		return 0;

	ret = rproc->ops->prepare(rproc);
	if (ret)
		dev_err(&rproc->dev, "cannot prepare %s: %d\n", rproc->name, ret);
	return ret;
}

static void rproc_unprepare_device(struct rproc *rproc)
{
	int ret;

	if (!rproc->ops->unprepare)
		return;

	ret = rproc->ops->unprepare(rproc);
	if (ret)
		dev_warn(&rproc->dev, "cannot unprepare %s: %d\n",
			 rproc->name, ret);
}

/*
 * Read the resource table out of the image, then claim what it asks for.
 * The loader operations and the resource code report their own errors.
 */
static int rproc_claim_resources(struct rproc *rproc,
				 const struct firmware *fw)
{
	int ret;

	ret = rproc->ops->parse_fw(rproc, fw);
	if (ret)
		goto err_discard_resources;
	ret = rproc_handle_resources(rproc);
	if (ret)
		goto err_discard_resources;
	ret = rproc_alloc_carveouts(rproc);
	if (ret)
		goto err_discard_resources;

	/* Trace buffers may sit in the carveouts just allocated. */
	ret = rproc_handle_traces(rproc);
	if (ret)
		rproc_release_resources(rproc);
	return ret;

err_discard_resources:
	rproc_discard_resources(rproc);
	return ret;
}

/*
 * Give the remote the table with everything the host filled in, and make
 * later updates go to that copy.  An image with a table must have it
 * loaded; &rproc_ops.find_loaded_rsc_table says why not.
 */
static int rproc_install_table(struct rproc *rproc,
			       const struct firmware *fw)
{
	struct resource_table *loaded;

	if (!rproc->cached_table)
		return 0;

	loaded = rproc->ops->find_loaded_rsc_table(rproc, fw);
	if (!loaded)
		return -EINVAL;

	memcpy(loaded, rproc->cached_table, rproc->table_sz);
	rproc->table_ptr = loaded;
	return 0;
}

static int rproc_start_remote(struct rproc *rproc)
{
	struct device *dev = &rproc->dev;
	int ret;

	ret = rproc_prepare_subdevices(rproc);
	if (ret) {
		dev_err(dev, "cannot prepare subdevices of %s: %d\n",
			rproc->name, ret);
		return ret;
	}

	ret = rproc->ops->start(rproc);
	if (ret) {
		dev_err(dev, "cannot start %s: %d\n", rproc->name, ret);
		goto err_unprepare_subdevices;
	}

	ret = rproc_start_subdevices(rproc);
	if (ret) {
		dev_err(dev, "cannot start subdevices of %s: %d\n",
			rproc->name, ret);
		goto err_stop_remote;
	}

	rproc->state = RPROC_RUNNING;
	dev_info(&rproc->dev, "remote processor %s is now up\n", rproc->name);
	return 0;

err_stop_remote:
	rproc->ops->stop(rproc);
err_unprepare_subdevices:
	rproc_unprepare_subdevices(rproc);
	return ret;
}

static int rproc_fw_boot(struct rproc *rproc, const struct firmware *fw)
{
	int ret;

	ret = rproc->ops->sanity_check(rproc, fw);
	if (ret)
		return ret;

	dev_info(&rproc->dev, "booting %s with firmware %s (%zu bytes)\n",
		 rproc->name, rproc->firmware, fw->size);

	rproc->bootaddr = rproc->ops->get_boot_addr(rproc, fw);
	rproc->nb_vdev = 0;
	rproc->max_notifyid = -1;

	ret = rproc_prepare_device(rproc);
	if (ret)
		return ret;

	ret = rproc_claim_resources(rproc, fw);
	if (ret)
		goto err_unprepare_device;

	ret = rproc->ops->load(rproc, fw);
	if (ret)
		goto err_release_resources;

	ret = rproc_install_table(rproc, fw);
	if (ret)
		goto err_release_resources;

	ret = rproc_start_remote(rproc);
	if (ret)
		goto err_release_resources;

	return 0;

err_release_resources:
	rproc_release_resources(rproc);
err_unprepare_device:
	rproc_unprepare_device(rproc);
	return ret;
}

/* Boot with @fw, or with the firmware file named in rproc->firmware. */
static int rproc_power_up(struct rproc *rproc, const struct firmware *fw)
{
	const struct firmware *requested = NULL;
	int ret;

	if (!fw) {
		ret = firmware_request_nowarn(&requested, rproc->firmware,
					      &rproc->dev);
		if (ret) {
			dev_err(&rproc->dev, "cannot load firmware %s: %d\n",
				rproc->firmware, ret);
			return ret;
		}
		fw = requested;
	}

	ret = rproc_fw_boot(rproc, fw);
	release_firmware(requested);
	return ret;
}

/* Take a power reference, booting on 0 -> 1.  @fw may be NULL. */
static int rproc_get_power(struct rproc *rproc, const struct firmware *fw)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (atomic_inc_return(&rproc->power) > 1)
		return 0;

	ret = rproc_power_up(rproc, fw);
	if (ret)
		atomic_dec(&rproc->power);
	return ret;
}

/**
 * __rproc_boot() - take a power reference, booting the remote if needed
 * @rproc: the remote processor
 *
 * On the first reference, loads &rproc.firmware and boots the remote.
 * A failed boot leaves the remote offline with nothing allocated and the
 * power count unchanged.  Does not look at &rproc.deleting.
 *
 * Context: process context, &rproc.lock held.
 * Return: 0 or a negative errno.
 */
int __rproc_boot(struct rproc *rproc)
{
	return rproc_get_power(rproc, NULL);
}

/* ---------------------------------------------------------------------
 * Stopping.
 */

/*
 * Stop the remote and free everything its boot allocated.  When ops->stop
 * fails the remote's state is unknown: without @force it is left crashed
 * (its subdevices are already stopped) with its memory still allocated;
 * with @force the memory is freed anyway.
 */
static int rproc_power_off(struct rproc *rproc, bool force)
{
	bool crashed = rproc->state == RPROC_CRASHED;
	int ret;

	if (!crashed)
		rproc_stop_subdevices(rproc, false);

	ret = rproc->ops->stop(rproc);
	if (ret) {
		dev_err(&rproc->dev, "cannot stop %s: %d\n", rproc->name, ret);
		if (!force) {
			rproc->state = RPROC_CRASHED;
			return ret;
		}
	}

	rproc_unprepare_subdevices(rproc);
	rproc_release_resources(rproc);
	rproc_unprepare_device(rproc);
	rproc->state = RPROC_OFFLINE;
	dev_info(&rproc->dev, "remote processor %s is now stopped\n",
		 rproc->name);
	return 0;
}

/**
 * __rproc_shutdown() - drop a power reference, stopping the remote on 1 -> 0
 * @rproc: the remote processor
 *
 * The caller has checked that the reference it drops exists.
 *
 * Context: process context, &rproc.lock held.
 * Return: 0, or the error of &rproc_ops.stop, in which case the reference
 * is kept and the remote is marked crashed.
 */
int __rproc_shutdown(struct rproc *rproc)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (WARN_ON_ONCE(atomic_read(&rproc->power) <= 0))
		return -EINVAL;
	if (!atomic_dec_and_test(&rproc->power))
		return 0;

	ret = rproc_power_off(rproc, false);
	if (ret)
		atomic_inc(&rproc->power);
	return ret;
}

/**
 * __rproc_shutdown_all() - drop every power reference and stop the remote
 * @rproc: a remote processor being deleted
 *
 * The remote ends offline with nothing allocated, even if &rproc_ops.stop
 * fails.
 *
 * Context: process context, &rproc.lock held.
 * Return: 0, or -EBUSY when kernel users still held references.
 */
int __rproc_shutdown_all(struct rproc *rproc)
{
	int kernel_users;

	lockdep_assert_held(&rproc->lock);

	kernel_users = rproc_kernel_users(rproc);
	if (kernel_users > 0)
		dev_err(&rproc->dev, "removing %s while %d kernel user(s) still hold power references; forcing it down\n",
			rproc->name, kernel_users);

	rproc->user_powered = false;
	if (atomic_read(&rproc->power) > 0) {
		atomic_set(&rproc->power, 0);
		rproc_power_off(rproc, true);
	}

	return kernel_users > 0 ? -EBUSY : 0;
}

/* ---------------------------------------------------------------------
 * The kernel users' API.
 */

/**
 * rproc_boot() - take a power reference for a kernel user
 * @rproc: the remote processor
 *
 * Boots the remote if nobody needed it running yet: loads its firmware,
 * allocates its resources and starts it.  Pair every success with one
 * rproc_shutdown().
 *
 * Context: process context, may sleep; takes &rproc.lock.
 * Return: 0 (the reference is held), -ENODEV once rproc_del() has started,
 * -EINTR when interrupted while waiting for the lock, or the error of the
 * failed boot step (nothing is held then).
 */
int rproc_boot(struct rproc *rproc)
{
	int ret;

	if (!rproc)
		return -EINVAL;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	if (rproc->deleting) {
		dev_err(&rproc->dev, "cannot boot %s: it is being removed\n",
			rproc->name);
		ret = -ENODEV;
	} else {
		ret = __rproc_boot(rproc);
	}

	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(rproc_boot);

/**
 * rproc_shutdown() - drop a kernel user's power reference
 * @rproc: the remote processor
 *
 * Stops the remote when nobody else needs it.  @rproc itself stays valid;
 * the lifetime reference is not touched.
 *
 * Context: process context, may sleep; takes &rproc.lock.
 * Return: 0; -EINVAL (with an error message, nothing changed) when no
 * kernel user holds a reference; -ENODEV when the remote was forced down
 * by rproc_del(); -EINTR when interrupted while waiting for the lock; or
 * the error of &rproc_ops.stop (the reference is then kept).
 */
int rproc_shutdown(struct rproc *rproc)
{
	int ret;

	if (!rproc)
		return -EINVAL;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	if (rproc_kernel_users(rproc) > 0) {
		ret = __rproc_shutdown(rproc);
	} else if (rproc->deleting) {
		ret = -ENODEV;
	} else {
		dev_err(&rproc->dev, "shutdown of %s without a matching boot\n",
			rproc->name);
		ret = -EINVAL;
	}

	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(rproc_shutdown);

/**
 * rproc_detach() - let go of an attached remote, leaving it running
 * @rproc: the remote processor
 *
 * Attaching is not supported yet, so no remote is ever attached.
 *
 * Context: process context, may sleep; takes &rproc.lock.
 * Return: -EINVAL when the remote is not attached, -EOPNOTSUPP otherwise,
 * -EINTR when interrupted while waiting for the lock.
 */
int rproc_detach(struct rproc *rproc)
{
	int ret;

	if (!rproc)
		return -EINVAL;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;
	ret = rproc->state == RPROC_ATTACHED ? -EOPNOTSUPP : -EINVAL;
	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(rproc_detach);

/* ---------------------------------------------------------------------
 * The user space power reference: sysfs and auto boot.
 */

static int rproc_take_user_power(struct rproc *rproc,
				 const struct firmware *fw)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (rproc->deleting)
		return -ENODEV;
	if (rproc->user_powered || rproc->state != RPROC_OFFLINE)
		return -EBUSY;

	ret = rproc_get_power(rproc, fw);
	if (!ret)
		rproc->user_powered = true;
	return ret;
}

/**
 * rproc_user_boot() - take the user space power reference ("start")
 * @rproc: the remote processor
 *
 * Context: process context, may sleep; takes &rproc.lock.
 * Return: 0; -EBUSY unless the remote is offline; -ENODEV once
 * rproc_del() has started; -EINTR; or the error of the failed boot.
 */
int rproc_user_boot(struct rproc *rproc)
{
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;
	ret = rproc_take_user_power(rproc, NULL);
	mutex_unlock(&rproc->lock);
	return ret;
}

static int rproc_drop_user_power(struct rproc *rproc)
{
	int kernel_users;
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (rproc->state != RPROC_RUNNING && rproc->state != RPROC_ATTACHED &&
	    rproc->state != RPROC_CRASHED)
		return -EINVAL;

	kernel_users = rproc_kernel_users(rproc);
	if (kernel_users > 0) {
		dev_info(&rproc->dev, "not stopping %s: %d kernel user(s) still need it\n",
			 rproc->name, kernel_users);
		return -EBUSY;
	}
	if (!rproc->user_powered) {
		dev_info(&rproc->dev, "not stopping %s: user space did not start it\n",
			 rproc->name);
		return -EBUSY;
	}

	ret = __rproc_shutdown(rproc);
	if (!ret)
		rproc->user_powered = false;
	return ret;
}

/**
 * rproc_user_shutdown() - drop the user space power reference ("stop")
 * @rproc: the remote processor
 *
 * Context: process context, may sleep; takes &rproc.lock.
 * Return: 0; -EINVAL unless the remote is running, attached or crashed;
 * -EBUSY (with a message, nothing changed) while kernel users hold
 * references or when user space holds none; -EINTR; or the error of
 * &rproc_ops.stop.
 */
int rproc_user_shutdown(struct rproc *rproc)
{
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;
	ret = rproc_drop_user_power(rproc);
	mutex_unlock(&rproc->lock);
	return ret;
}

/*
 * The firmware loader found (or did not find) the firmware.  Boot with it,
 * unless the remote is being deleted or someone started it meanwhile.
 * Without @fw the boot requests the file again, to report the error.
 */
static void rproc_auto_boot_done(const struct firmware *fw, void *context)
{
	struct rproc *rproc = context;

	mutex_lock(&rproc->lock);
	rproc->fw_pending = false;
	if (rproc->deleting || rproc->user_powered ||
	    rproc->state != RPROC_OFFLINE)
		dev_dbg(&rproc->dev, "auto boot of %s skipped\n", rproc->name);
	else
		rproc_take_user_power(rproc, fw);
	mutex_unlock(&rproc->lock);

	release_firmware(fw);
	put_device(&rproc->dev);
}

/**
 * rproc_start_auto_boot() - boot the remote once its firmware is available
 * @rproc: a remote processor being registered
 *
 * Requests the firmware asynchronously; the callback takes the user space
 * power reference.  A lifetime reference is held until the callback has
 * run, so rproc_del() and rproc_free() may come first: the callback then
 * sees &rproc.deleting and does nothing.
 *
 * Context: process context, may sleep.
 */
void rproc_start_auto_boot(struct rproc *rproc)
{
	struct device *dev = get_device(&rproc->dev);
	int ret;

	/* Under the lock, rproc->firmware cannot be replaced and freed. */
	mutex_lock(&rproc->lock);
	rproc->fw_pending = true;
	ret = request_firmware_nowait(THIS_MODULE, FW_ACTION_UEVENT,
				      rproc->firmware, dev, GFP_KERNEL, rproc,
				      rproc_auto_boot_done);
	if (ret) {
		rproc->fw_pending = false;
		dev_err(dev, "auto boot: cannot request firmware %s: %d\n",
			rproc->firmware, ret);
	}
	mutex_unlock(&rproc->lock);

	if (ret)
		put_device(dev);
}

/* ---------------------------------------------------------------------
 * Crashes.
 */

/**
 * rproc_report_crash() - report that a remote processor crashed
 * @rproc: the remote processor
 * @type: what kind of crash it was
 *
 * For platform drivers.  Logs the crash, counts it and schedules its
 * handling, which marks the running remote crashed and stops its
 * subdevices.  Reports after rproc_del() started are counted and logged
 * only.
 *
 * Context: any context, including hard interrupt context.
 */
void rproc_report_crash(struct rproc *rproc, enum rproc_crash_type type)
{
	unsigned long flags;

	if (!rproc)
		return;

	dev_err_ratelimited(&rproc->dev, "crash detected in %s: type %s\n",
			    rproc->name, rproc_crash_name(type));

	spin_lock_irqsave(&rproc->crash_handler_lock, flags);
	rproc->crash_cnt++;
	if (!rproc->deleting)
		queue_work(rproc_crash_wq, &rproc->crash_handler);
	spin_unlock_irqrestore(&rproc->crash_handler_lock, flags);
}
EXPORT_SYMBOL_GPL(rproc_report_crash);

/**
 * rproc_crash_handler_work() - handle the crash reports of a remote
 * @work: &rproc.crash_handler
 *
 * A running remote becomes crashed; its resources stay allocated until it
 * is stopped.  Reports for a remote that is not running (stopped meanwhile,
 * or already crashed) are ignored.
 *
 * Context: workqueue; takes &rproc.lock.
 */
void rproc_crash_handler_work(struct work_struct *work)
{
	struct rproc *rproc = container_of(work, struct rproc, crash_handler);
	unsigned int count;

	spin_lock_irq(&rproc->crash_handler_lock);
	count = rproc->crash_cnt;
	spin_unlock_irq(&rproc->crash_handler_lock);

	mutex_lock(&rproc->lock);
	if (!rproc->deleting && (rproc->state == RPROC_RUNNING ||
				 rproc->state == RPROC_ATTACHED)) {
		rproc->state = RPROC_CRASHED;
		rproc_stop_subdevices(rproc, true);
		dev_info(&rproc->dev, "remote processor %s crashed (crash #%u); stop it to reset it\n",
			 rproc->name, count);
	}
	mutex_unlock(&rproc->lock);
}
