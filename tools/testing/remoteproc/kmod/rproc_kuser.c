// SPDX-License-Identifier: GPL-2.0
/*
 * rproc_kuser: a kernel user of rproc_boot() and rproc_shutdown(), for the
 * stress test (tools/testing/remoteproc/guest/85-stress.sh).
 *
 * While the module is loaded, a kthread repeats: find the emulated
 * platform's remote, take a power reference with rproc_boot(), hold it for
 * a random time of up to @period_ms, drop it with rproc_shutdown(), wait
 * again as long.  The remote is looked up afresh in every round: between
 * two rounds the platform driver may have been unbound or unloaded, or the
 * PCI device removed, and then either nothing is found or rproc_boot()
 * fails with -ENODEV; the thread counts that and tries again later.
 *
 * The thread only touches a &struct rproc while it holds a lifetime
 * reference to it (the one device_find_child() returns), and drops its
 * power reference before that one, also when the module is unloaded in the
 * middle of a round.  On unload the module logs one line,
 *
 *	rproc_kuser: <N> boots, <M> shutdowns, errors: <errno> x <count>, ...
 *
 * ("errors: none" when there were none), followed by how often no remote
 * was found and, if it ever happened, how often rproc_shutdown() said the
 * thread held no power reference ("LOST") and how often one could not be
 * dropped ("LEFT BEHIND").  Either is a bug of the core.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/random.h>
#include <linux/remoteproc.h>
#include <linux/sched.h>
#include <linux/string.h>

/* The emulated platform's remote: an ivshmem device (Red Hat, 0x1110). */
#define KUSER_PCI_VENDOR	0x1af4
#define KUSER_PCI_DEVICE	0x1110

/* Extra wait before retrying after a failure, so that it never spins. */
#define KUSER_RETRY_MS		10
/* rproc_shutdown() attempts while &rproc_ops.stop keeps failing. */
#define KUSER_SHUTDOWN_TRIES	100
/* Distinct error codes counted; more go to the last slot's "other". */
#define KUSER_MAX_ERRNOS	16
#define KUSER_MAX_PERIOD_MS	60000

static unsigned int period_ms = 50;
module_param(period_ms, uint, 0444);
MODULE_PARM_DESC(period_ms, "longest random wait in ms between boot and shutdown and between rounds (default 50)");

/**
 * struct kuser_errno - how often one error code came back
 * @code: the negative errno; 0 for a slot not used yet
 * @count: how often
 */
struct kuser_errno {
	int code;
	unsigned int count;
};

/**
 * struct kuser - the state of the module
 * @thread: the kthread doing the rounds
 * @boots: successful rproc_boot() calls
 * @shutdowns: successful rproc_shutdown() calls
 * @absent: rounds that found no remote
 * @other: errors that found @errors full
 * @lost: power references rproc_shutdown() said were not held
 * @left: power references rproc_shutdown() could not drop
 * @errors: each distinct error code of rproc_boot() and rproc_shutdown()
 * @line: where the summary line is put together on unload
 *
 * Only @thread writes the counters; the exit function reads them after
 * kthread_stop() has returned, which orders the two.
 */
struct kuser {
	struct task_struct *thread;
	unsigned int boots;
	unsigned int shutdowns;
	unsigned int absent;
	unsigned int other;
	unsigned int lost;
	unsigned int left;
	struct kuser_errno errors[KUSER_MAX_ERRNOS];
	char line[KUSER_MAX_ERRNOS * 24 + 128];
};

static struct kuser kuser;

static void kuser_count_error(struct kuser *ku, int code)
{
	int i;

	for (i = 0; i < KUSER_MAX_ERRNOS; i++) {
		if (ku->errors[i].code == code || !ku->errors[i].code) {
			ku->errors[i].code = code;
			ku->errors[i].count++;
			return;
		}
	}
	ku->other++;
}

/* A random time in [0, period_ms] ms. */
static unsigned int kuser_random_ms(void)
{
	return get_random_u32_below(period_ms + 1);
}

/*
 * Sleep for @ms milliseconds, or less when the module is being unloaded:
 * kthread_stop() sets the stop flag before it wakes the thread, so testing
 * the flag after setting the task state cannot miss the wake-up.
 */
static void kuser_sleep(unsigned int ms)
{
	set_current_state(TASK_INTERRUPTIBLE);
	if (!kthread_should_stop())
		schedule_timeout(msecs_to_jiffies(ms));
	__set_current_state(TASK_RUNNING);
}

static int kuser_is_rproc(struct device *dev, void *data)
{
	return dev->class && !strcmp(dev->class->name, "remoteproc");
}

/*
 * The remote of the first ivshmem device that has one, with a lifetime
 * reference the caller drops with put_device(&rproc->dev); NULL if none.
 */
static struct rproc *kuser_find_rproc(void)
{
	struct pci_dev *pdev = NULL;
	struct device *dev;

	/* pci_get_device() drops the reference to @pdev it is given. */
	while ((pdev = pci_get_device(KUSER_PCI_VENDOR, KUSER_PCI_DEVICE,
				      pdev))) {
		dev = device_find_child(&pdev->dev, NULL, kuser_is_rproc);
		if (dev) {
			pci_dev_put(pdev);
			return container_of(dev, struct rproc, dev);
		}
	}
	return NULL;
}

/*
 * Drop the power reference a successful rproc_boot() took.  When
 * &rproc_ops.stop fails (or the wait for the lock is interrupted) the core
 * keeps the reference: try again, without looking at the stop flag, since
 * the reference must not outlive the module.
 */
static void kuser_shutdown(struct kuser *ku, struct rproc *rproc)
{
	int tries;
	int ret;

	for (tries = 0; tries < KUSER_SHUTDOWN_TRIES; tries++) {
		ret = rproc_shutdown(rproc);
		if (!ret) {
			ku->shutdowns++;
			return;
		}
		kuser_count_error(ku, ret);
		/* rproc_del() forced the remote down: nothing is held. */
		if (ret == -ENODEV)
			return;
		if (ret == -EINVAL) {
			ku->lost++;
			pr_err("lost its power reference to %s\n", rproc->name);
			return;
		}
		msleep(KUSER_RETRY_MS);
	}
	ku->left++;
	pr_err("cannot shut down %s (%d): a power reference is left behind\n",
	       rproc->name, ret);
}

/* One round: find, boot, hold, shut down, put. */
static void kuser_round(struct kuser *ku)
{
	struct rproc *rproc;
	int ret;

	rproc = kuser_find_rproc();
	if (!rproc) {
		ku->absent++;
		kuser_sleep(KUSER_RETRY_MS + kuser_random_ms());
		return;
	}

	ret = rproc_boot(rproc);
	if (ret) {
		kuser_count_error(ku, ret);
		put_device(&rproc->dev);
		kuser_sleep(KUSER_RETRY_MS + kuser_random_ms());
		return;
	}
	ku->boots++;

	kuser_sleep(kuser_random_ms());
	kuser_shutdown(ku, rproc);
	put_device(&rproc->dev);

	kuser_sleep(kuser_random_ms());
}

static int kuser_thread(void *data)
{
	struct kuser *ku = data;

	while (!kthread_should_stop())
		kuser_round(ku);
	return 0;
}

static void kuser_report(struct kuser *ku)
{
	size_t size = sizeof(ku->line);
	size_t len;
	int i;

	len = scnprintf(ku->line, size, "%u boots, %u shutdowns, errors:",
			ku->boots, ku->shutdowns);
	for (i = 0; i < KUSER_MAX_ERRNOS && ku->errors[i].code; i++)
		len += scnprintf(ku->line + len, size - len, "%s %d x %u",
				 i ? "," : "", ku->errors[i].code,
				 ku->errors[i].count);
	if (ku->other)
		len += scnprintf(ku->line + len, size - len, "%s other x %u",
				 i ? "," : "", ku->other);
	if (!i && !ku->other)
		len += scnprintf(ku->line + len, size - len, " none");
	len += scnprintf(ku->line + len, size - len,
			 "; no remote found %u time(s)", ku->absent);
	if (ku->lost)
		len += scnprintf(ku->line + len, size - len, "; LOST %u",
				 ku->lost);
	if (ku->left)
		scnprintf(ku->line + len, size - len, "; LEFT BEHIND %u",
			  ku->left);
	pr_info("%s\n", ku->line);
}

static int __init kuser_init(void)
{
	if (period_ms > KUSER_MAX_PERIOD_MS) {
		pr_err("period_ms is at most %u\n", KUSER_MAX_PERIOD_MS);
		return -EINVAL;
	}

	kuser.thread = kthread_run(kuser_thread, &kuser, "rproc_kuser");
	if (IS_ERR(kuser.thread))
		return PTR_ERR(kuser.thread);
	return 0;
}
module_init(kuser_init);

static void __exit kuser_exit(void)
{
	/* Returns once the thread has dropped whatever it held. */
	kthread_stop(kuser.thread);
	kuser_report(&kuser);
}
module_exit(kuser_exit);

MODULE_DESCRIPTION("Test kernel user racing rproc_boot()/rproc_shutdown() against everything");
MODULE_LICENSE("GPL");
