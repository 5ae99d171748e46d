// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: rproc_boot(), rproc_shutdown() and
 * rproc_detach(), the power references behind them that decide when a
 * remote runs, user space's power reference, and auto boot.  The steps of
 * a boot, an attach, a stop and a detach are in remoteproc_bringup.c.
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
 * - User space, through the sysfs "state" file, /dev/remoteprocN and auto
 *   boot.  Together they hold at most one reference, recorded in
 *   &rproc.user_powered.  "start" takes it (-EBUSY if the remote is
 *   already up, whoever started it), "stop" drops it.
 *
 * Neither side can drop a reference of the other: "stop" fails with
 * -EBUSY while kernel users hold references, and rproc_shutdown() without
 * a kernel reference fails with -EINVAL.  rproc_del() drops the user
 * reference; if kernel users still hold references it forces the remote
 * down, logs how many there were and returns -EBUSY.
 *
 * A remote that something else started (a bootloader) is "detached": it
 * runs, but the kernel holds nothing of it.  Taking the first power
 * reference attaches to it instead of booting it; dropping the last one
 * with "detach" or rproc_detach() lets go of it again, while "stop" and
 * rproc_shutdown() stop it.
 *
 * A crash changes no power reference: recovery (remoteproc_crash.c)
 * restarts the remote under the references it had.  While the remote is
 * crashed (recovery disabled or failed) rproc_boot() only counts another
 * reference, as in Linux 6.1, "start" fails with -EBUSY, and "stop" or the
 * last rproc_shutdown() take it offline.
 */

/* Power references held by kernel users, as opposed to user space. */
static int rproc_kernel_users(struct rproc *rproc)
{
	return atomic_read(&rproc->power) - (rproc->user_powered ? 1 : 0);
}

/* Take a power reference, booting on 0 -> 1.  @fw may be NULL. */
static int rproc_get_power(struct rproc *rproc, const struct firmware *fw)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (atomic_inc_return(&rproc->power) > 1)
		return 0;

	ret = rproc_bring_up(rproc, fw);
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

/*
 * Drop a power reference the caller checked exists; on 1 -> 0 stop the
 * remote, or with @detach let go of it.  On failure the reference is kept.
 */
static int __rproc_put_power(struct rproc *rproc, bool detach)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (WARN_ON_ONCE(atomic_read(&rproc->power) <= 0))
		return -EINVAL;
	if (!atomic_dec_and_test(&rproc->power))
		return 0;

	if (detach)
		ret = rproc_detach_remote(rproc);
	else
		ret = rproc_take_down(rproc, false);
	if (ret)
		atomic_inc(&rproc->power);
	return ret;
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
	return __rproc_put_power(rproc, false);
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
		rproc_take_down(rproc, true);
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
 * rproc_detach() - drop a kernel user's power reference, detaching on 1 -> 0
 * @rproc: the remote processor, attached
 *
 * Like rproc_shutdown(), except that when the last reference goes the
 * remote is left running: the kernel lets go of it (see
 * rproc_detach_remote()) and it can be attached to again.
 *
 * Context: process context, may sleep; takes &rproc.lock.
 * Return: 0; -EINVAL when the remote is not attached or no kernel user
 * holds a reference; -EOPNOTSUPP when the platform cannot detach; -EINTR;
 * or the error of &rproc_ops.detach (the reference is then kept).
 */
int rproc_detach(struct rproc *rproc)
{
	int ret;

	if (!rproc)
		return -EINVAL;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	if (rproc->state != RPROC_ATTACHED || rproc_kernel_users(rproc) <= 0)
		ret = -EINVAL;
	else
		ret = __rproc_put_power(rproc, true);

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
	if (rproc->user_powered ||
	    (rproc->state != RPROC_OFFLINE && rproc->state != RPROC_DETACHED))
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
 * Boots an offline remote, attaches to a detached one.
 *
 * Context: process context, may sleep; takes &rproc.lock.
 * Return: 0; -EBUSY unless the remote is offline or detached; -ENODEV once
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
EXPORT_SYMBOL_NS_GPL(rproc_user_boot, REMOTEPROC_INTERNAL);

static int rproc_drop_user_power(struct rproc *rproc, bool detach)
{
	const char *what = detach ? "detaching from" : "stopping";
	int kernel_users;
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (detach && rproc->state != RPROC_ATTACHED)
		return -EINVAL;
	if (rproc->state != RPROC_RUNNING && rproc->state != RPROC_ATTACHED &&
	    rproc->state != RPROC_CRASHED)
		return -EINVAL;

	kernel_users = rproc_kernel_users(rproc);
	if (kernel_users > 0) {
		dev_info(&rproc->dev, "not %s %s: %d kernel user(s) still need it\n",
			 what, rproc->name, kernel_users);
		return -EBUSY;
	}
	if (!rproc->user_powered) {
		dev_info(&rproc->dev, "not %s %s: user space did not start it\n",
			 what, rproc->name);
		return -EBUSY;
	}

	ret = __rproc_put_power(rproc, detach);
	if (!ret)
		rproc->user_powered = false;
	return ret;
}

static int rproc_user_drop(struct rproc *rproc, bool detach)
{
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;
	ret = rproc_drop_user_power(rproc, detach);
	mutex_unlock(&rproc->lock);
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
	return rproc_user_drop(rproc, false);
}
EXPORT_SYMBOL_NS_GPL(rproc_user_shutdown, REMOTEPROC_INTERNAL);

/**
 * rproc_user_detach() - drop the user space power reference, detaching
 * @rproc: the remote processor
 *
 * "detach": like rproc_user_shutdown(), but the remote keeps running.
 *
 * Context: process context, may sleep; takes &rproc.lock.
 * Return: 0; -EINVAL unless the remote is attached; -EBUSY as for
 * rproc_user_shutdown(); -EOPNOTSUPP when the platform cannot detach;
 * -EINTR; or the error of &rproc_ops.detach.
 */
int rproc_user_detach(struct rproc *rproc)
{
	return rproc_user_drop(rproc, true);
}
EXPORT_SYMBOL_NS_GPL(rproc_user_detach, REMOTEPROC_INTERNAL);

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
 * sees &rproc.deleting and does nothing.  A remote that is already
 * running (detached) is attached to at once instead.
 *
 * Context: process context, may sleep.
 */
void rproc_start_auto_boot(struct rproc *rproc)
{
	struct device *dev;
	int ret;

	/* Something else started it: attach now, there is nothing to load */
	mutex_lock(&rproc->lock);
	if (rproc->state == RPROC_DETACHED) {
		ret = rproc_take_user_power(rproc, NULL);
		if (ret)
			dev_err(&rproc->dev, "auto boot: cannot attach to %s: %d\n",
				rproc->name, ret);
		mutex_unlock(&rproc->lock);
		return;
	}
	mutex_unlock(&rproc->lock);

	dev = get_device(&rproc->dev);
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
