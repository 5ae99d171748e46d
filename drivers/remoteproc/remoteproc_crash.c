// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: crash reports, recovery, and the panic
 * notifier.
 */

#include <linux/delay.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/remoteproc.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "remoteproc_internal.h"

/**
 * DOC: crashes and recovery
 *
 * Platform drivers report a crash with rproc_report_crash(), from any
 * context.  The report is handled by a work item, under &rproc.lock:
 *
 * 1. A running or attached remote becomes crashed and its subdevices are
 *    stopped: its virtio devices go, and with them every rpmsg channel;
 *    clients see their remove() called and /dev/rpmsgN users get errors.
 * 2. Its memory is dumped, as &rproc.dump_conf says (remoteproc_coredump.c).
 * 3. Unless recovery is disabled, the remote is recovered: stopped, its
 *    resources freed, and booted again from its firmware file under the
 *    power references it had.  An attached remote is booted from the file
 *    too, unless its platform driver set %RPROC_FEAT_ATTACH_ON_RECOVERY:
 *    such a remote restarts by itself, so recovery detaches from it
 *    (&rproc_ops.detach; its resource table is given back as it was) and
 *    attaches to it again, whether Linux booted it or not.  Its channels
 *    are announced again and clients probe again.
 *
 * A remote whose firmware crashes again and again right after starting
 * would otherwise be reloaded forever: after %RPROC_MAX_EARLY_CRASHES
 * crashes in a row, each within %RPROC_EARLY_CRASH_MS of its start,
 * recovery pauses and the remote stays crashed until told.
 *
 * A crashed remote whose recovery is disabled or paused keeps its memory
 * for inspection until it is stopped or recovered; one whose recovery
 * failed has already given everything back and stays crashed until then.  "recover", written to
 * the sysfs or debugfs "recovery" file, recovers it; so does writing
 * "enabled" there.  Reports for a remote that is not running or attached
 * (stopped meanwhile, crashed already, being removed) are only counted.
 */

/**
 * DOC: the panic notifier
 *
 * When the kernel panics, the framework calls &rproc_ops.panic of every
 * registered remote that is running or attached, so that the platform
 * driver can tell the remote (to flush its caches, to save its state).
 * Each call returns how many milliseconds its remote needs; the notifier
 * then busy-waits for the longest of them before the panic goes on, since
 * the remote has no way to signal Linux any more.  The calls run in the
 * panic context: they must not sleep nor take locks.
 */

#define RPROC_EARLY_CRASH_MS	300
#define RPROC_MAX_EARLY_CRASHES	5

/* Crash handling runs here, in process context. */
static struct workqueue_struct *rproc_crash_wq;

static int rproc_panic_notify(struct notifier_block *nb, unsigned long event,
			      void *unused)
{
	unsigned long ms = rproc_panic_all();

	if (ms)
		mdelay(ms);
	return NOTIFY_DONE;
}

static struct notifier_block rproc_panic_nb = {
	.notifier_call = rproc_panic_notify,
};

/**
 * rproc_crash_init() - set up crash handling and the panic notifier
 *
 * Context: module initialisation.
 * Return: 0 or -ENOMEM.
 */
int rproc_crash_init(void)
{
	rproc_crash_wq = alloc_workqueue("rproc_crash", WQ_UNBOUND | WQ_FREEZABLE, 0);
	if (!rproc_crash_wq)
		return -ENOMEM;
	atomic_notifier_chain_register(&panic_notifier_list, &rproc_panic_nb);
	return 0;
}

/**
 * rproc_crash_exit() - undo rproc_crash_init()
 *
 * Context: module exit, after every remote has been deleted.
 */
void rproc_crash_exit(void)
{
	atomic_notifier_chain_unregister(&panic_notifier_list, &rproc_panic_nb);
	destroy_workqueue(rproc_crash_wq);
}

/**
 * rproc_report_crash() - report that a remote processor crashed
 * @rproc: the remote processor
 * @type: what kind of crash it was
 *
 * For platform drivers.  Logs the crash, counts it and schedules its
 * handling (see "crashes and recovery").  Reports after rproc_del()
 * started are counted and logged only.
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

/*
 * Stop what is left of the crashed remote and boot it again, or, for a
 * remote that restarts by itself, detach from it and attach again.  On
 * failure it stays crashed, holding nothing when the new boot or attach
 * was what failed.
 */
static int rproc_recover(struct rproc *rproc)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	dev_info(&rproc->dev, "recovering %s\n", rproc->name);
	if (rproc_has_feature(rproc, RPROC_FEAT_ATTACH_ON_RECOVERY))
		ret = rproc_detach_crashed(rproc);
	else
		ret = rproc_take_down(rproc, false);
	if (ret)
		return ret;

	ret = rproc_bring_up(rproc, NULL);
	if (ret) {
		rproc->state = RPROC_CRASHED;
		dev_err(&rproc->dev, "recovery of %s failed: %d; it stays crashed\n",
			rproc->name, ret);
		return ret;
	}
	dev_info(&rproc->dev, "remote processor %s recovered\n", rproc->name);
	return 0;
}

/* Count crashes that come right after a start; true: stop recovering. */
static bool rproc_crash_loop(struct rproc *rproc)
{
	unsigned long early = rproc->up_since +
			      msecs_to_jiffies(RPROC_EARLY_CRASH_MS);

	if (time_before(jiffies, early))
		rproc->early_crashes++;
	else
		rproc->early_crashes = 0;

	if (rproc->early_crashes < RPROC_MAX_EARLY_CRASHES)
		return false;

	dev_err(&rproc->dev, "%s crashed %u times in a row within %u ms of starting; recovery paused (write \"recover\" to its recovery file)\n",
		rproc->name, rproc->early_crashes, RPROC_EARLY_CRASH_MS);
	return true;
}

static void rproc_handle_crash(struct rproc *rproc, unsigned int count)
{
	lockdep_assert_held(&rproc->lock);

	rproc->state = RPROC_CRASHED;
	rproc_stop_subdevices(rproc, true);
	dev_info(&rproc->dev, "remote processor %s crashed (crash #%u)\n",
		 rproc->name, count);

	if (rproc->ops->coredump)
		rproc->ops->coredump(rproc);
	else
		rproc_coredump(rproc);

	if (rproc->recovery_disabled) {
		dev_info(&rproc->dev, "recovery of %s is disabled; it stays crashed\n",
			 rproc->name);
		return;
	}
	if (!rproc_crash_loop(rproc))
		rproc_recover(rproc);
}

/**
 * rproc_crash_handler_work() - handle the crash reports of a remote
 * @work: &rproc.crash_handler
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
				 rproc->state == RPROC_ATTACHED))
		rproc_handle_crash(rproc, count);
	mutex_unlock(&rproc->lock);
}

/**
 * rproc_trigger_recovery() - recover a crashed remote now
 * @rproc: the remote processor
 *
 * Also clears a paused recovery.  Does nothing unless the remote is
 * crashed, as in Linux 6.1.
 *
 * Context: process context, may sleep; takes &rproc.lock.
 * Return: 0; -ENODEV once rproc_del() started; -EINTR; or the error of the
 * failed recovery (the remote stays crashed).
 */
int rproc_trigger_recovery(struct rproc *rproc)
{
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	if (rproc->deleting) {
		ret = -ENODEV;
	} else if (rproc->state == RPROC_CRASHED) {
		rproc->early_crashes = 0;
		ret = rproc_recover(rproc);
	}
	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(rproc_trigger_recovery, REMOTEPROC_INTERNAL);

/**
 * rproc_recovery_show() - the "recovery" file's contents
 * @rproc: the remote processor
 *
 * Context: any.
 * Return: "enabled" or "disabled".
 */
const char *rproc_recovery_show(struct rproc *rproc)
{
	return READ_ONCE(rproc->recovery_disabled) ? "disabled" : "enabled";
}

/**
 * rproc_recovery_store() - act on a write to a "recovery" file
 * @rproc: the remote processor
 * @buf: "enabled" (and recover now if crashed), "disabled" or "recover",
 *	 with an optional trailing newline
 *
 * Context: process context, may sleep; takes &rproc.lock.
 * Return: 0; -EINVAL for anything else; or the error of
 * rproc_trigger_recovery().
 */
int rproc_recovery_store(struct rproc *rproc, const char *buf)
{
	int ret;

	if (sysfs_streq(buf, "disabled")) {
		ret = mutex_lock_interruptible(&rproc->lock);
		if (ret)
			return ret;
		rproc->recovery_disabled = true;
		mutex_unlock(&rproc->lock);
		return 0;
	}
	if (sysfs_streq(buf, "enabled")) {
		ret = mutex_lock_interruptible(&rproc->lock);
		if (ret)
			return ret;
		rproc->recovery_disabled = false;
		mutex_unlock(&rproc->lock);
		return rproc_trigger_recovery(rproc);
	}
	if (sysfs_streq(buf, "recover"))
		return rproc_trigger_recovery(rproc);
	return -EINVAL;
}
