// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: the character device /dev/remoteprocN.
 */

/**
 * DOC: character device
 *
 * Every registered remote processor has a node ``/dev/remoteprocN``.  The
 * node is the class device ``/sys/class/remoteproc/remoteprocN`` itself:
 * that directory's ``dev`` attribute holds its major and minor numbers, and
 * the minor number is N.
 *
 * **write(2)** takes one command per call, with or without a trailing
 * newline: ``start``, ``stop`` or ``detach``.  Each acts as the same word
 * written to the sysfs ``state`` attribute, with the same error codes
 * (Documentation/ABI/testing/sysfs-class-remoteproc): all three take or drop
 * the single power reference user space holds, never one of a kernel user.
 * The node, the sysfs attribute and auto boot share that reference:
 * "stop" written to the node undoes "start" written to sysfs, and the other
 * way round.  Any other text, and a write of 0 bytes or of more than 10
 * (as in Linux 6.1), fails with -EINVAL.  A successful write returns the
 * number of bytes written.  From the moment rproc_del() starts, writes
 * fail with -ENODEV; on a remote the platform driver made read-only
 * (&rproc.sysfs_read_only), with -EPERM.
 *
 * **ioctl(2)** ``RPROC_SET_SHUTDOWN_ON_RELEASE`` and
 * ``RPROC_GET_SHUTDOWN_ON_RELEASE`` (``<linux/remoteproc_cdev.h>``) set and
 * read a flag, through a pointer to an ``__s32``, that belongs to the **open
 * file**, not to the remote.  It starts cleared.  When the last reference to
 * a file with the flag set goes away (close(2), or the exit of its process)
 * while the remote is running or attached, user space's power reference is
 * dropped as "stop" would drop it, whoever took it: an attached remote is
 * stopped too, not detached (write "detach" before closing to leave it
 * running).  Linux 6.1 keeps one flag per remote instead, so there, once any
 * process has set it, every close by any process stops the remote.  Here a
 * process that did not ask for it never stops the remote by closing the node,
 * and two processes can use the node with different settings.  As with
 * "stop", a close never drops a power reference a kernel user holds: the
 * remote keeps running and the kernel log says why.  A crashed remote is left
 * as it is, so that its trace buffers stay readable; "stop" resets it.  On a
 * read-only remote the flag cannot be set (-EPERM).  Other commands fail with
 * -ENOTTY, bad pointers with -EFAULT.
 *
 * **Lifetime.**  An open file holds a lifetime reference on &rproc.dev: the
 * &struct rproc stays valid after its platform driver has called
 * rproc_del() and rproc_free(), and the file then only reports errors.
 * While a file is open the module cannot be unloaded.
 */

#define pr_fmt(fmt) "remoteproc: " fmt

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/module.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/remoteproc_cdev.h>

#include "remoteproc_internal.h"

/*
 * Minor numbers reserved at module load.  A remote whose index does not fit
 * is registered without a node (and says so).
 */
#define RPROC_CDEV_MINORS	64

/* Longest write accepted, in bytes, as in Linux 6.1. */
#define RPROC_CDEV_WRITE_MAX	10

/* First device number of the region; MAJOR() of it is ours. */
static dev_t rproc_cdev_region;

/**
 * struct rproc_cdev_file - what an open /dev/remoteprocN file holds
 * @rproc: the remote; the file holds a lifetime reference on &rproc.dev
 * @shutdown_on_release: drop user space's power reference when the file
 *	is released; set through the ioctl, read and written with
 *	READ_ONCE()/WRITE_ONCE() since threads may share the file
 */
struct rproc_cdev_file {
	struct rproc *rproc;
	bool shutdown_on_release;
};

static struct rproc *rproc_of_cdev(struct cdev *cdev)
{
	return container_of(cdev, struct rproc, cdev);
}

/* ---------------------------------------------------------------------
 * File operations.
 */

/*
 * chrdev_open() holds a reference on the cdev while it calls us, and the
 * cdev's kobject holds one on its parent, &rproc.dev, until its own last
 * reference is gone (cdev_device_add() set that up).  So the remote found
 * here is valid even when the node was removed meanwhile and the driver's
 * reference dropped: at worst the file only ever reports -ENODEV.
 */
static int rproc_cdev_open(struct inode *inode, struct file *filp)
{
	struct rproc *rproc = rproc_of_cdev(inode->i_cdev);
	struct rproc_cdev_file *cf;

	/* Only a courtesy: removal may start right after, writes check again. */
	if (READ_ONCE(rproc->deleting))
		return -ENODEV;

	cf = kzalloc(sizeof(*cf), GFP_KERNEL);
	if (!cf)
		return -ENOMEM;

	get_device(&rproc->dev);
	cf->rproc = rproc;
	filp->private_data = cf;
	/*
	 * Not a stream: as in Linux 6.1, pwrite(2) acts as write(2) (the
	 * offset is ignored) and pread(2) fails as read(2) does.  lseek(2)
	 * fails with -ESPIPE (no_llseek).
	 */
	return 0;
}

/*
 * Drop user space's power reference for a file closed with the flag set.
 * The state is a snapshot: rproc_user_shutdown() decides under the lock,
 * and refuses (-EINVAL) when the remote went down meanwhile.
 */
static void rproc_cdev_shutdown_on_release(struct rproc *rproc)
{
	unsigned int state = READ_ONCE(rproc->state);
	int ret;

	if (READ_ONCE(rproc->deleting))
		return;
	if (state != RPROC_RUNNING && state != RPROC_ATTACHED)
		return;

	ret = rproc_user_shutdown(rproc);
	if (ret && ret != -EINVAL)
		dev_info(&rproc->dev, "%s left running at close of /dev/%s: %d\n",
			 rproc->name, dev_name(&rproc->dev), ret);
}

static int rproc_cdev_release(struct inode *inode, struct file *filp)
{
	struct rproc_cdev_file *cf = filp->private_data;
	struct rproc *rproc = cf->rproc;

	if (READ_ONCE(cf->shutdown_on_release))
		rproc_cdev_shutdown_on_release(rproc);

	put_device(&rproc->dev);
	kfree(cf);
	return 0;
}

/* Does @cmd (@len bytes, not terminated) spell @word exactly? */
static bool rproc_cdev_is(const char *cmd, size_t len, const char *word)
{
	return len == strlen(word) && !memcmp(cmd, word, len);
}

static int rproc_cdev_command(struct rproc *rproc, const char *cmd,
			      size_t len)
{
	if (len && cmd[len - 1] == '\n')
		len--;

	if (rproc_cdev_is(cmd, len, "start"))
		return rproc_user_boot(rproc);
	if (rproc_cdev_is(cmd, len, "stop"))
		return rproc_user_shutdown(rproc);
	if (rproc_cdev_is(cmd, len, "detach"))
		return rproc_user_detach(rproc);
	return -EINVAL;
}

static ssize_t rproc_cdev_write(struct file *filp, const char __user *ubuf,
				size_t len, loff_t *ppos)
{
	struct rproc_cdev_file *cf = filp->private_data;
	struct rproc *rproc = cf->rproc;
	char cmd[RPROC_CDEV_WRITE_MAX];
	int ret;

	if (len == 0 || len > RPROC_CDEV_WRITE_MAX)
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, len))
		return -EFAULT;

	if (rproc->sysfs_read_only)
		return -EPERM;
	/*
	 * "start" checks this again under the lock; "stop" and "detach" of
	 * a remote being removed would only fail with -EINVAL.
	 */
	if (READ_ONCE(rproc->deleting))
		return -ENODEV;

	ret = rproc_cdev_command(rproc, cmd, len);
	if (ret)
		return ret;
	return len;
}

static long rproc_cdev_ioctl(struct file *filp, unsigned int cmd,
			     unsigned long arg)
{
	struct rproc_cdev_file *cf = filp->private_data;
	s32 __user *uval = (s32 __user *)arg;
	s32 val;

	switch (cmd) {
	case RPROC_SET_SHUTDOWN_ON_RELEASE:
		if (get_user(val, uval))
			return -EFAULT;
		if (val && cf->rproc->sysfs_read_only)
			return -EPERM;
		WRITE_ONCE(cf->shutdown_on_release, val != 0);
		return 0;
	case RPROC_GET_SHUTDOWN_ON_RELEASE:
		val = READ_ONCE(cf->shutdown_on_release) ? 1 : 0;
		return put_user(val, uval);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations rproc_cdev_fops = {
	.owner		= THIS_MODULE,
	.open		= rproc_cdev_open,
	.release	= rproc_cdev_release,
	.write		= rproc_cdev_write,
	.unlocked_ioctl	= rproc_cdev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= no_llseek,
};

/* ---------------------------------------------------------------------
 * Registration.
 */

/**
 * rproc_char_device_add() - register a remote's device and its node
 * @rproc: a remote processor being registered by rproc_add()
 *
 * Adds &rproc.dev to the driver model, in place of device_add(), with the
 * device number of /dev/remoteprocN: the character device goes live first
 * and the uevent announcing the node comes after, so the node can be opened
 * as soon as it appears.  From then on the character device holds a
 * reference on &rproc.dev until its own last user is gone.  A remote whose
 * index has no minor number is added without a node.
 *
 * Context: process context, may sleep.
 * Return: 0, or the error of cdev_add() or device_add(); on error nothing
 * is registered.
 */
int rproc_char_device_add(struct rproc *rproc)
{
	struct cdev *cdev = &rproc->cdev;

	if (rproc->index < RPROC_CDEV_MINORS) {
		cdev_init(cdev, &rproc_cdev_fops);
		cdev->owner = THIS_MODULE;
		rproc->dev.devt = MKDEV(MAJOR(rproc_cdev_region), rproc->index);
	} else {
		dev_warn(&rproc->dev, "no /dev node for %s: only %d minor numbers\n",
			 rproc->name, RPROC_CDEV_MINORS);
		rproc->dev.devt = 0;
	}

	return cdev_device_add(cdev, &rproc->dev);
}

/**
 * rproc_char_device_remove() - undo rproc_char_device_add()
 * @rproc: a remote processor being deleted by rproc_del()
 *
 * Removes &rproc.dev from the driver model, in place of device_del(), and
 * the node with it.  Files still open keep the &struct rproc valid until
 * they are closed.
 *
 * Context: process context, may sleep.
 */
void rproc_char_device_remove(struct rproc *rproc)
{
	cdev_device_del(&rproc->cdev, &rproc->dev);
}

/**
 * rproc_init_cdev() - reserve the device numbers of /dev/remoteprocN
 *
 * Context: module initialisation.
 * Return: 0, or the error of alloc_chrdev_region().
 */
int rproc_init_cdev(void)
{
	int ret;

	ret = alloc_chrdev_region(&rproc_cdev_region, 0, RPROC_CDEV_MINORS,
				  "remoteproc");
	if (ret)
		pr_err("cannot reserve character device numbers: %d\n", ret);
	return ret;
}

/**
 * rproc_exit_cdev() - undo rproc_init_cdev()
 *
 * Context: module exit, after every remote has been deleted.
 */
void rproc_exit_cdev(void)
{
	unregister_chrdev_region(rproc_cdev_region, RPROC_CDEV_MINORS);
}
