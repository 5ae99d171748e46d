// SPDX-License-Identifier: GPL-2.0
/*
 * The rpmsg control node: /dev/rpmsg_ctrlN.
 */

/**
 * DOC: control nodes
 *
 * A transport registers one "rpmsg_ctrl" device per remote (through
 * rpmsg_ctrldev_register_device()); this driver turns it into a character
 * device through which user space
 *
 * - creates endpoint nodes (RPMSG_CREATE_EPT_IOCTL, served by rpmsg_char),
 * - asks the transport for a new channel (RPMSG_CREATE_DEV_IOCTL),
 * - releases such a channel again (RPMSG_RELEASE_DEV_IOCTL).
 *
 * Every ioctl takes a struct rpmsg_endpoint_info, read before the request
 * is looked at (an unreadable argument gives -EFAULT, an unknown request
 * -EINVAL).  A name without a NUL in its 32 bytes is cut to 31 characters,
 * as Linux 6.1 does.  The node's state lives in its struct
 * device: registration holds one reference and every open file another.
 * When the transport removes the device, the endpoint nodes made through
 * this node are destroyed and later ioctls on files still open fail with
 * -ENODEV.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/build_bug.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <uapi/linux/rpmsg.h>

#include "rpmsg_char.h"
#include "rpmsg_internal.h"

#define CTRLDEV_MINORS	(MINORMASK + 1)

/* The character region, reserved once at module load. */
static dev_t ctrldev_region;
/* Hands out N for both the name rpmsg_ctrlN and the minor number. */
static DEFINE_IDA(ctrldev_ida);
/* Nodes not yet released; module unload waits for them (see rpmsg_char). */
static atomic_t ctrldev_count = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(ctrldev_released);

/**
 * struct rpmsg_ctrldev - state of one control node
 * @dev: the node's device; its reference count is the lifetime of all this
 * @cdev: the character device, registered together with @dev
 * @ctrl_lock: serializes the ioctls with each other and with removal;
 *	protects @rpdev
 * @rpdev: the transport's control device; NULL once it has been removed
 * @unregistered: the node has left /dev and sysfs and given its number back
 */
struct rpmsg_ctrldev {
	struct device dev;
	struct cdev cdev;

	struct mutex ctrl_lock;		/* one ioctl at a time; guards rpdev */
	struct rpmsg_device *rpdev;
	bool unregistered;
};

static struct rpmsg_ctrldev *to_ctrldev(struct device *dev)
{
	return container_of(dev, struct rpmsg_ctrldev, dev);
}

/* ---- file operations -------------------------------------------------- */

static int ctrldev_open(struct inode *inode, struct file *filp)
{
	struct rpmsg_ctrldev *ctrldev = container_of(inode->i_cdev,
						     struct rpmsg_ctrldev, cdev);

	get_device(&ctrldev->dev);
	filp->private_data = ctrldev;

	return nonseekable_open(inode, filp);
}

static int ctrldev_release(struct inode *inode, struct file *filp)
{
	struct rpmsg_ctrldev *ctrldev = filp->private_data;

	put_device(&ctrldev->dev);
	return 0;
}

static int ctrldev_create_dev(struct rpmsg_ctrldev *ctrldev,
			      struct rpmsg_channel_info *chinfo)
{
	struct rpmsg_device *rpdev;

	rpdev = rpmsg_create_channel(ctrldev->rpdev, chinfo);
	if (IS_ERR_OR_NULL(rpdev)) {
		dev_dbg(&ctrldev->dev, "cannot create channel %s\n",
			chinfo->name);
		return rpdev ? PTR_ERR(rpdev) : -ENXIO;
	}

	return 0;
}

static int ctrldev_release_dev(struct rpmsg_ctrldev *ctrldev,
			       struct rpmsg_channel_info *chinfo)
{
	struct device *self = &ctrldev->rpdev->dev;
	struct device *found;
	int ret;

	/*
	 * Releasing the control device itself from its own ioctl would wait
	 * for this very ioctl to finish.
	 */
	found = rpmsg_find_device(self->parent, chinfo);
	if (found) {
		put_device(found);
		if (found == self)
			return -EINVAL;
	}

	ret = rpmsg_release_channel(ctrldev->rpdev, chinfo);
	if (ret)
		dev_dbg(&ctrldev->dev, "cannot release channel %s: %d\n",
			chinfo->name, ret);

	return ret;
}

static long ctrldev_ioctl(struct file *filp, unsigned int cmd,
			  unsigned long arg)
{
	struct rpmsg_ctrldev *ctrldev = filp->private_data;
	struct rpmsg_endpoint_info info;
	struct rpmsg_channel_info chinfo;
	long ret;

	BUILD_BUG_ON(sizeof(info.name) != sizeof(chinfo.name));

	/* Linux 6.1's order: the argument first, even for unknown requests. */
	if (copy_from_user(&info, (void __user *)arg, sizeof(info)))
		return -EFAULT;

	switch (cmd) {
	case RPMSG_CREATE_EPT_IOCTL:
	case RPMSG_CREATE_DEV_IOCTL:
	case RPMSG_RELEASE_DEV_IOCTL:
		break;
	default:
		return -EINVAL;
	}

	/* A name filling all 32 bytes loses its last one, as in Linux 6.1. */
	strscpy_pad(chinfo.name, info.name, sizeof(chinfo.name));
	chinfo.src = info.src;
	chinfo.dst = info.dst;

	mutex_lock(&ctrldev->ctrl_lock);
	if (!ctrldev->rpdev) {
		ret = -ENODEV;
	} else if (cmd == RPMSG_CREATE_EPT_IOCTL) {
		ret = rpmsg_chrdev_eptdev_create(ctrldev->rpdev, &ctrldev->dev,
						 chinfo);
	} else if (cmd == RPMSG_CREATE_DEV_IOCTL) {
		ret = ctrldev_create_dev(ctrldev, &chinfo);
	} else {
		ret = ctrldev_release_dev(ctrldev, &chinfo);
	}
	mutex_unlock(&ctrldev->ctrl_lock);

	return ret;
}

static const struct file_operations ctrldev_fops = {
	.owner = THIS_MODULE,
	.open = ctrldev_open,
	.release = ctrldev_release,
	.unlocked_ioctl = ctrldev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = no_llseek,
};

/* ---- the driver for "rpmsg_ctrl" devices ------------------------------- */

static void ctrldev_release_device(struct device *dev)
{
	struct rpmsg_ctrldev *ctrldev = to_ctrldev(dev);

	if (!ctrldev->unregistered)
		ida_free(&ctrldev_ida, MINOR(dev->devt));
	kfree(ctrldev);
	if (atomic_dec_and_test(&ctrldev_count))
		wake_up(&ctrldev_released);
}

/* Nameless, so that uevents carry no DEVTYPE, as in Linux 6.1. */
static const struct device_type ctrldev_type = {
	.release = ctrldev_release_device,
};

static int rpmsg_ctrldev_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_ctrldev *ctrldev;
	struct device *dev;
	int id, ret;

	ctrldev = kzalloc(sizeof(*ctrldev), GFP_KERNEL);
	if (!ctrldev)
		return -ENOMEM;

	id = ida_alloc_max(&ctrldev_ida, CTRLDEV_MINORS - 1, GFP_KERNEL);
	if (id < 0) {
		kfree(ctrldev);
		return id;
	}

	ctrldev->rpdev = rpdev;
	mutex_init(&ctrldev->ctrl_lock);

	/* From here on put_device() undoes everything. */
	atomic_inc(&ctrldev_count);
	dev = &ctrldev->dev;
	device_initialize(dev);
	dev->type = &ctrldev_type;
	dev->class = rpmsg_class;
	dev->parent = &rpdev->dev;
	dev->devt = MKDEV(MAJOR(ctrldev_region), id);
	cdev_init(&ctrldev->cdev, &ctrldev_fops);
	ctrldev->cdev.owner = THIS_MODULE;

	ret = dev_set_name(dev, "rpmsg_ctrl%d", id);
	if (ret)
		goto err_put;

	ret = cdev_device_add(&ctrldev->cdev, dev);
	if (ret)
		goto err_put;

	dev_set_drvdata(&rpdev->dev, ctrldev);
	return 0;

err_put:
	put_device(dev);
	return ret;
}

static void rpmsg_ctrldev_remove(struct rpmsg_device *rpdev)
{
	struct rpmsg_ctrldev *ctrldev = dev_get_drvdata(&rpdev->dev);

	/* No ioctl runs once this is done, and none starts afterwards. */
	mutex_lock(&ctrldev->ctrl_lock);
	ctrldev->rpdev = NULL;
	mutex_unlock(&ctrldev->ctrl_lock);

	device_for_each_child(&ctrldev->dev, NULL, rpmsg_chrdev_eptdev_destroy);

	cdev_device_del(&ctrldev->cdev, &ctrldev->dev);
	/* The next control node (after a restart) may reuse name and minor. */
	ctrldev->unregistered = true;
	ida_free(&ctrldev_ida, MINOR(ctrldev->dev.devt));
	put_device(&ctrldev->dev);
}

static struct rpmsg_driver rpmsg_ctrldev_driver = {
	.drv.name = "rpmsg_ctrl",
	.probe = rpmsg_ctrldev_probe,
	.remove = rpmsg_ctrldev_remove,
};

static int __init rpmsg_ctrldev_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&ctrldev_region, 0, CTRLDEV_MINORS,
				  "rpmsg_ctrl");
	if (ret < 0) {
		pr_err("cannot reserve a character device region: %d\n", ret);
		return ret;
	}

	ret = register_rpmsg_driver(&rpmsg_ctrldev_driver);
	if (ret < 0) {
		pr_err("cannot register the rpmsg driver: %d\n", ret);
		unregister_chrdev_region(ctrldev_region, CTRLDEV_MINORS);
	}

	return ret;
}
module_init(rpmsg_ctrldev_init);

static void __exit rpmsg_ctrldev_exit(void)
{
	unregister_rpmsg_driver(&rpmsg_ctrldev_driver);
	wait_event(ctrldev_released, !atomic_read(&ctrldev_count));
	unregister_chrdev_region(ctrldev_region, CTRLDEV_MINORS);
}
module_exit(rpmsg_ctrldev_exit);

MODULE_DESCRIPTION("rpmsg control nodes (/dev/rpmsg_ctrlN)");
MODULE_ALIAS("rpmsg:rpmsg_ctrl");
MODULE_LICENSE("GPL");
