// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg endpoints as character devices: /dev/rpmsgN.
 */

/**
 * DOC: endpoint nodes
 *
 * Each node stands for one rpmsg endpoint and carries whole messages: one
 * read() returns one received message (truncated to the caller's buffer),
 * one write() sends one message.  Nodes come from two places:
 *
 * - a channel named "rpmsg-raw" (or any channel whose driver_override is
 *   "rpmsg_chrdev") gets a node bound to the channel's own endpoint, which
 *   lives as long as the channel does;
 * - rpmsg_ctrl creates nodes on request (RPMSG_CREATE_EPT_IOCTL); their
 *   endpoint is created at open() and destroyed at the last close() or by
 *   RPMSG_DESTROY_EPT_IOCTL.
 *
 * Received messages wait in a queue of at most rx_queue_max (a module
 * parameter) per node; beyond that they are dropped, counted and reported
 * in a rate-limited message.  A write() larger than the transport's MTU
 * fails with -EMSGSIZE (before the buffer is read); an empty write() sends
 * an empty message.  With O_NONBLOCK, read() and write() fail with -EAGAIN
 * instead of waiting for a message or a transmit buffer.
 *
 * Lifetime: the node's state lives in its struct device.  Registration holds
 * one reference, every open file one more, and a node on a channel's own
 * endpoint holds one for that endpoint's callback until the rpmsg core has
 * destroyed the endpoint.  Unregistering (the channel or the control node
 * going away, or the ioctl) detaches the endpoint under @ept_lock and wakes
 * every sleeper: from then on read() and write() fail with -EPIPE and poll()
 * reports EPOLLERR | EPOLLHUP, while files still open keep the memory valid.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/poll.h>
#include <linux/rpmsg.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uio.h>
#include <linux/wait.h>
#include <uapi/linux/rpmsg.h>

#include "rpmsg_char.h"
#include "rpmsg_internal.h"

#define EPTDEV_MINORS	(MINORMASK + 1)

static unsigned int rx_queue_max = 1024;
module_param(rx_queue_max, uint, 0644);
MODULE_PARM_DESC(rx_queue_max,
		 "received messages kept per node before new ones are dropped (default 1024)");

/* The character region, reserved once at module load. */
static dev_t eptdev_region;
/* Hands out N for both the name rpmsgN and the minor number. */
static DEFINE_IDA(eptdev_ida);
/*
 * Makes unregistering a node happen once, whoever asks first, and never
 * while the node is still being added (eptdev_add()).
 */
static DEFINE_MUTEX(eptdev_unregister_lock);
/*
 * Nodes not yet released.  Module unload waits for the count to drop to
 * zero: a release may come late (CONFIG_DEBUG_KOBJECT_RELEASE delays it)
 * and its function lives in this module.
 */
static atomic_t eptdev_count = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(eptdev_released);

/**
 * struct eptdev_msg - a received message waiting for read()
 * @link: position in &rpmsg_eptdev.rx_list
 * @len: payload length
 * @data: payload
 */
struct eptdev_msg {
	struct list_head link;
	size_t len;
	u8 data[];
};

/**
 * struct rpmsg_eptdev - state of one endpoint node
 * @dev: the node's device; its reference count is the lifetime of all this
 * @cdev: the character device, registered together with @dev
 * @chinfo: name and addresses given at creation (read-only afterwards)
 * @default_ept: the channel's own endpoint for channel nodes, NULL for nodes
 *	created through rpmsg_ctrl (set before registration, never changed)
 * @ept_lock: protects @rpdev, @ept and @unregistered.  write() and poll()
 *	hold it for reading while they use @ept; open, release and
 *	unregistering hold it for writing.
 * @rpdev: device to create the endpoint on; NULL once unregistered
 * @ept: the endpoint while a file has the node open, else NULL
 * @unregistered: the node has been taken out of /dev and sysfs
 * @rx_lock: protects @rx_list, @rx_count and @rx_dropped; taken from the
 *	endpoint callback, which may run in atomic context
 * @rx_list: received messages, oldest first
 * @rx_count: number of messages in @rx_list
 * @rx_dropped: messages dropped because @rx_list was full or memory short
 * @rx_wait: readers and pollers; woken by a new message, by a free transmit
 *	buffer (through @tx_entry) and by unregistering
 * @tx_table: hands @tx_entry to the transport's poll op instead of the
 *	caller's poll table
 * @tx_entry: our entry in the transport's transmit wait queue; relays its
 *	wake-ups to @rx_wait
 * @tx_head: the transport queue @tx_entry is on, or NULL; set once by the
 *	first poll, cleared under @ept_lock held for writing before the
 *	endpoint goes away
 *
 * User-space pollers only ever wait on @rx_wait, which lives as long as
 * their file, never on a queue of the transport, which may be freed when
 * the remote goes away while an epoll instance still watches the file.
 */
struct rpmsg_eptdev {
	struct device dev;
	struct cdev cdev;
	struct rpmsg_channel_info chinfo;
	struct rpmsg_endpoint *default_ept;

	struct rw_semaphore ept_lock;	/* guards rpdev, ept, unregistered */
	struct rpmsg_device *rpdev;
	struct rpmsg_endpoint *ept;
	bool unregistered;

	spinlock_t rx_lock;		/* guards the rx_ fields below */
	struct list_head rx_list;
	unsigned int rx_count;
	unsigned long rx_dropped;
	wait_queue_head_t rx_wait;

	poll_table tx_table;
	wait_queue_entry_t tx_entry;
	wait_queue_head_t *tx_head;
};

static const struct device_type eptdev_type;

static struct rpmsg_eptdev *to_eptdev(struct device *dev)
{
	return container_of(dev, struct rpmsg_eptdev, dev);
}

/* ---- the receive queue ------------------------------------------------ */

static int eptdev_rx_cb(struct rpmsg_device *rpdev, void *data, int len,
			void *priv, u32 src)
{
	struct rpmsg_eptdev *eptdev = priv;
	struct eptdev_msg *msg;
	unsigned long flags, dropped = 0;
	bool full;

	/* A channel's endpoint may deliver before probe has set priv. */
	if (!eptdev || len < 0)
		return 0;

	msg = kmalloc(struct_size(msg, data, len), GFP_ATOMIC);
	if (msg) {
		msg->len = len;
		memcpy(msg->data, data, len);
	}

	spin_lock_irqsave(&eptdev->rx_lock, flags);
	full = !msg || eptdev->rx_count >= READ_ONCE(rx_queue_max);
	if (full) {
		dropped = ++eptdev->rx_dropped;
	} else {
		list_add_tail(&msg->link, &eptdev->rx_list);
		WRITE_ONCE(eptdev->rx_count, eptdev->rx_count + 1);
	}
	spin_unlock_irqrestore(&eptdev->rx_lock, flags);

	if (full) {
		kfree(msg);
		dev_warn_ratelimited(&eptdev->dev,
				     "message from 0x%x dropped (%lu so far): queue full or no memory\n",
				     src, dropped);
		return 0;
	}

	wake_up_interruptible(&eptdev->rx_wait);
	return 0;
}

static struct eptdev_msg *eptdev_rx_pop(struct rpmsg_eptdev *eptdev)
{
	struct eptdev_msg *msg;
	unsigned long flags;

	spin_lock_irqsave(&eptdev->rx_lock, flags);
	msg = list_first_entry_or_null(&eptdev->rx_list, struct eptdev_msg,
				       link);
	if (msg) {
		list_del(&msg->link);
		WRITE_ONCE(eptdev->rx_count, eptdev->rx_count - 1);
	}
	spin_unlock_irqrestore(&eptdev->rx_lock, flags);

	return msg;
}

static void eptdev_rx_purge(struct rpmsg_eptdev *eptdev)
{
	struct eptdev_msg *msg;

	while ((msg = eptdev_rx_pop(eptdev)))
		kfree(msg);
}

/* Something for a sleeping reader: a message, or the endpoint gone. */
static bool eptdev_rx_ready(struct rpmsg_eptdev *eptdev)
{
	return READ_ONCE(eptdev->rx_count) || !READ_ONCE(eptdev->ept);
}

/* ---- relaying the transport's "buffer free" wake-ups ------------------ */

static int eptdev_tx_wake(wait_queue_entry_t *entry, unsigned int mode,
			  int sync, void *key)
{
	struct rpmsg_eptdev *eptdev = container_of(entry, struct rpmsg_eptdev,
						   tx_entry);

	wake_up_interruptible_poll(&eptdev->rx_wait, EPOLLOUT | EPOLLWRNORM);
	return 0;
}

static void eptdev_tx_queue_proc(struct file *filp, wait_queue_head_t *head,
				 poll_table *pt)
{
	struct rpmsg_eptdev *eptdev = container_of(pt, struct rpmsg_eptdev,
						   tx_table);

	/* Pollers run concurrently (ept_lock held for reading): hook once. */
	if (!cmpxchg(&eptdev->tx_head, NULL, head))
		add_wait_queue(head, &eptdev->tx_entry);
}

/* Caller holds ept_lock for writing, before the endpoint goes away. */
static void eptdev_tx_unhook(struct rpmsg_eptdev *eptdev)
{
	lockdep_assert_held_write(&eptdev->ept_lock);

	if (eptdev->tx_head) {
		remove_wait_queue(eptdev->tx_head, &eptdev->tx_entry);
		eptdev->tx_head = NULL;
	}
}

/* ---- file operations -------------------------------------------------- */

static int eptdev_open(struct inode *inode, struct file *filp)
{
	struct rpmsg_eptdev *eptdev = container_of(inode->i_cdev,
						   struct rpmsg_eptdev, cdev);
	struct rpmsg_endpoint *ept;
	int ret = 0;

	down_write(&eptdev->ept_lock);
	if (!eptdev->rpdev) {
		ret = -ENETRESET;
		goto out_unlock;
	}
	if (eptdev->ept) {
		ret = -EBUSY;
		goto out_unlock;
	}

	ept = eptdev->default_ept;
	if (!ept)
		ept = rpmsg_create_ept(eptdev->rpdev, eptdev_rx_cb, eptdev,
				       eptdev->chinfo);
	if (!ept) {
		dev_dbg(&eptdev->dev, "cannot create endpoint %s\n",
			eptdev->chinfo.name);
		ret = -EINVAL;
		goto out_unlock;
	}

	WRITE_ONCE(eptdev->ept, ept);
	get_device(&eptdev->dev);
	filp->private_data = eptdev;
	stream_open(inode, filp);

out_unlock:
	up_write(&eptdev->ept_lock);
	return ret;
}

static int eptdev_release(struct inode *inode, struct file *filp)
{
	struct rpmsg_eptdev *eptdev = filp->private_data;

	down_write(&eptdev->ept_lock);
	eptdev_tx_unhook(eptdev);
	if (eptdev->ept && !eptdev->default_ept)
		rpmsg_destroy_ept(eptdev->ept);
	WRITE_ONCE(eptdev->ept, NULL);
	up_write(&eptdev->ept_lock);

	eptdev_rx_purge(eptdev);
	put_device(&eptdev->dev);
	return 0;
}

static bool eptdev_nonblock(struct kiocb *iocb)
{
	return (iocb->ki_filp->f_flags & O_NONBLOCK) ||
	       (iocb->ki_flags & IOCB_NOWAIT);
}

static ssize_t eptdev_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct rpmsg_eptdev *eptdev = iocb->ki_filp->private_data;
	struct eptdev_msg *msg;
	size_t count;
	int ret;

	for (;;) {
		if (!READ_ONCE(eptdev->ept))
			return -EPIPE;
		msg = eptdev_rx_pop(eptdev);
		if (msg)
			break;
		if (eptdev_nonblock(iocb))
			return -EAGAIN;
		ret = wait_event_interruptible(eptdev->rx_wait,
					       eptdev_rx_ready(eptdev));
		if (ret)
			return ret;
	}

	count = min(iov_iter_count(to), msg->len);
	if (copy_to_iter(msg->data, count, to) != count)
		ret = -EFAULT;
	else
		ret = count;
	kfree(msg);

	return ret;
}

static ssize_t eptdev_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct rpmsg_eptdev *eptdev = iocb->ki_filp->private_data;
	size_t len = iov_iter_count(from);
	size_t limit;
	ssize_t mtu;
	void *buf;
	int ret;

	if (down_read_interruptible(&eptdev->ept_lock))
		return -ERESTARTSYS;

	if (!eptdev->ept) {
		ret = -EPIPE;
		goto out_unlock;
	}

	/* Without an MTU from the transport, still bound the allocation. */
	mtu = rpmsg_get_mtu(eptdev->ept);
	limit = mtu >= 0 ? mtu : PAGE_SIZE;
	if (len > limit) {
		ret = -EMSGSIZE;
		goto out_unlock;
	}

	/* An empty write sends an empty message, as it does in Linux 6.1. */
	buf = NULL;
	if (len) {
		buf = kmalloc(len, GFP_KERNEL);
		if (!buf) {
			ret = -ENOMEM;
			goto out_unlock;
		}
		if (!copy_from_iter_full(buf, len, from)) {
			ret = -EFAULT;
			goto out_free;
		}
	}

	if (eptdev_nonblock(iocb)) {
		ret = rpmsg_trysendto(eptdev->ept, buf, len, eptdev->chinfo.dst);
		if (ret == -ENOMEM)
			ret = -EAGAIN;
	} else {
		ret = rpmsg_sendto(eptdev->ept, buf, len, eptdev->chinfo.dst);
	}

out_free:
	kfree(buf);
out_unlock:
	up_read(&eptdev->ept_lock);
	return ret < 0 ? ret : len;
}

static __poll_t eptdev_poll(struct file *filp, poll_table *wait)
{
	struct rpmsg_eptdev *eptdev = filp->private_data;
	__poll_t mask;

	poll_wait(filp, &eptdev->rx_wait, wait);

	down_read(&eptdev->ept_lock);
	if (!eptdev->ept) {
		mask = EPOLLERR | EPOLLHUP;
	} else {
		/* Only a real poll needs the transport's wake-ups. */
		mask = rpmsg_poll(eptdev->ept, filp,
				  poll_does_not_wait(wait) ? NULL :
				  &eptdev->tx_table);
		if (READ_ONCE(eptdev->rx_count))
			mask |= EPOLLIN | EPOLLRDNORM;
	}
	up_read(&eptdev->ept_lock);

	return mask;
}

static long eptdev_ioctl(struct file *filp, unsigned int cmd,
			 unsigned long arg)
{
	struct rpmsg_eptdev *eptdev = filp->private_data;

	if (cmd != RPMSG_DESTROY_EPT_IOCTL)
		return -EINVAL;

	/* A channel's node goes away with the channel only. */
	if (eptdev->default_ept)
		return -EINVAL;

	return rpmsg_chrdev_eptdev_destroy(&eptdev->dev, NULL);
}

static const struct file_operations eptdev_fops = {
	.owner = THIS_MODULE,
	.open = eptdev_open,
	.release = eptdev_release,
	.read_iter = eptdev_read_iter,
	.write_iter = eptdev_write_iter,
	.poll = eptdev_poll,
	.unlocked_ioctl = eptdev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = no_llseek,
};

/* ---- sysfs: /sys/class/rpmsg/rpmsgN/{name,src,dst} ------------------- */

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_eptdev(dev)->chinfo.name);
}
static DEVICE_ATTR_RO(name);

/* Addresses print as signed, so RPMSG_ADDR_ANY reads as -1. */
static ssize_t src_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", (int)to_eptdev(dev)->chinfo.src);
}
static DEVICE_ATTR_RO(src);

static ssize_t dst_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", (int)to_eptdev(dev)->chinfo.dst);
}
static DEVICE_ATTR_RO(dst);

static struct attribute *eptdev_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_src.attr,
	&dev_attr_dst.attr,
	NULL
};
ATTRIBUTE_GROUPS(eptdev);

/* ---- creating and destroying nodes ------------------------------------ */

static void eptdev_release_device(struct device *dev)
{
	struct rpmsg_eptdev *eptdev = to_eptdev(dev);

	eptdev_rx_purge(eptdev);
	/* A registered node gave its number back when it was unregistered. */
	if (!eptdev->unregistered)
		ida_free(&eptdev_ida, MINOR(dev->devt));
	kfree(eptdev);
	if (atomic_dec_and_test(&eptdev_count))
		wake_up(&eptdev_released);
}

/* Nameless, so that uevents carry no DEVTYPE, as in Linux 6.1. */
static const struct device_type eptdev_type = {
	.groups = eptdev_groups,
	.release = eptdev_release_device,
};

/*
 * Marks the node unregistered and takes everything from its files: the
 * endpoint (unless it is a channel's own, which the core destroys), the
 * transport's wake-ups; readers and pollers are woken and get errors.
 * Caller holds eptdev_unregister_lock.
 */
static void eptdev_detach(struct rpmsg_eptdev *eptdev)
{
	down_write(&eptdev->ept_lock);
	eptdev->unregistered = true;
	eptdev_tx_unhook(eptdev);
	if (eptdev->ept && !eptdev->default_ept)
		rpmsg_destroy_ept(eptdev->ept);
	WRITE_ONCE(eptdev->ept, NULL);
	eptdev->rpdev = NULL;
	up_write(&eptdev->ept_lock);

	wake_up_interruptible_all(&eptdev->rx_wait);
}

/*
 * Adds the node to /dev and sysfs, under eptdev_unregister_lock: its /dev
 * entry appears midway through device_add(), and a file opened on it then
 * may ask to destroy it, which must wait until the node is complete.  When
 * adding fails, such a file is left with a detached node, and the minor is
 * given back here.
 */
static int eptdev_add(struct rpmsg_eptdev *eptdev)
{
	int ret;

	mutex_lock(&eptdev_unregister_lock);
	ret = cdev_device_add(&eptdev->cdev, &eptdev->dev);
	if (ret) {
		eptdev_detach(eptdev);
		ida_free(&eptdev_ida, MINOR(eptdev->dev.devt));
	}
	mutex_unlock(&eptdev_unregister_lock);
	return ret;
}

/*
 * A node ready for cdev_device_add(), or an ERR_PTR.  From here on
 * put_device() undoes everything.
 */
static struct rpmsg_eptdev *eptdev_alloc(struct rpmsg_device *rpdev,
					 struct device *parent,
					 const struct rpmsg_channel_info *chinfo)
{
	struct rpmsg_eptdev *eptdev;
	struct device *dev;
	int id, ret;

	eptdev = kzalloc(sizeof(*eptdev), GFP_KERNEL);
	if (!eptdev)
		return ERR_PTR(-ENOMEM);

	id = ida_alloc_max(&eptdev_ida, EPTDEV_MINORS - 1, GFP_KERNEL);
	if (id < 0) {
		kfree(eptdev);
		return ERR_PTR(id);
	}

	eptdev->rpdev = rpdev;
	eptdev->chinfo = *chinfo;
	init_rwsem(&eptdev->ept_lock);
	spin_lock_init(&eptdev->rx_lock);
	INIT_LIST_HEAD(&eptdev->rx_list);
	init_waitqueue_head(&eptdev->rx_wait);
	init_poll_funcptr(&eptdev->tx_table, eptdev_tx_queue_proc);
	init_waitqueue_func_entry(&eptdev->tx_entry, eptdev_tx_wake);

	atomic_inc(&eptdev_count);
	dev = &eptdev->dev;
	device_initialize(dev);
	dev->parent = parent;
	dev->class = rpmsg_class;
	dev->type = &eptdev_type;
	dev->devt = MKDEV(MAJOR(eptdev_region), id);
	cdev_init(&eptdev->cdev, &eptdev_fops);
	eptdev->cdev.owner = THIS_MODULE;

	ret = dev_set_name(dev, "rpmsg%d", id);
	if (ret) {
		put_device(dev);
		return ERR_PTR(ret);
	}

	return eptdev;
}

/**
 * rpmsg_chrdev_eptdev_create() - create an endpoint node (/dev/rpmsgN)
 * @rpdev: device the endpoint will be created on when the node is opened
 * @parent: parent of the node in the device tree (the control node)
 * @chinfo: name and addresses of the endpoint; @chinfo.dst is where write()
 *	sends to
 *
 * The endpoint itself exists only while the node is open.  The node stays
 * until rpmsg_chrdev_eptdev_destroy() is called for it, by the parent's
 * owner or through RPMSG_DESTROY_EPT_IOCTL.
 *
 * Context: process context; may sleep.
 * Return: 0 on success, a negative errno otherwise.
 */
int rpmsg_chrdev_eptdev_create(struct rpmsg_device *rpdev, struct device *parent,
			       struct rpmsg_channel_info chinfo)
{
	struct rpmsg_eptdev *eptdev;
	int ret;

	eptdev = eptdev_alloc(rpdev, parent, &chinfo);
	if (IS_ERR(eptdev))
		return PTR_ERR(eptdev);

	ret = eptdev_add(eptdev);
	if (ret)
		put_device(&eptdev->dev);

	return ret;
}
EXPORT_SYMBOL_GPL(rpmsg_chrdev_eptdev_create);

/**
 * rpmsg_chrdev_eptdev_destroy() - take an endpoint node down
 * @dev: the node's device; devices that are not endpoint nodes are skipped,
 *	so this may be passed to device_for_each_child()
 * @data: unused
 *
 * Destroys the node's endpoint (unless it is a channel's own endpoint, which
 * the rpmsg core destroys), wakes every reader and poller of open files,
 * which then get errors, and removes the node.  Files still open keep the
 * memory until they are closed.  Calling it again for the same node does
 * nothing.  May wait for a blocking write() on the node to finish.
 *
 * Context: process context; may sleep.
 * Return: 0.
 */
int rpmsg_chrdev_eptdev_destroy(struct device *dev, void *data)
{
	struct rpmsg_eptdev *eptdev;

	if (dev->type != &eptdev_type)
		return 0;
	eptdev = to_eptdev(dev);

	mutex_lock(&eptdev_unregister_lock);
	if (eptdev->unregistered)
		goto out_unlock;

	eptdev_detach(eptdev);
	cdev_device_del(&eptdev->cdev, dev);
	/*
	 * Name and minor are free again once the node is out of /dev and
	 * sysfs: a node made next (the channel coming back after a restart)
	 * gets the same name even while files keep this one in memory.
	 */
	ida_free(&eptdev_ida, MINOR(dev->devt));
	put_device(dev);

out_unlock:
	mutex_unlock(&eptdev_unregister_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(rpmsg_chrdev_eptdev_destroy);

/* ---- the driver for "rpmsg-raw" channels ------------------------------- */

/* Drops the reference the channel endpoint's callback held. */
static void eptdev_put_action(void *data)
{
	struct rpmsg_eptdev *eptdev = data;

	put_device(&eptdev->dev);
}

static int rpmsg_chrdev_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_channel_info chinfo = {
		.src = rpdev->src,
		.dst = rpdev->dst,
	};
	struct rpmsg_eptdev *eptdev;
	int ret;

	/* The core creates it because this driver has a callback. */
	if (!rpdev->ept)
		return -EINVAL;

	strscpy(chinfo.name, rpdev->id.name, sizeof(chinfo.name));
	eptdev = eptdev_alloc(rpdev, &rpdev->dev, &chinfo);
	if (IS_ERR(eptdev))
		return PTR_ERR(eptdev);
	eptdev->default_ept = rpdev->ept;

	/*
	 * The core destroys the channel's endpoint after remove() (or after a
	 * failed probe) and before releasing the device's devres, so this
	 * reference keeps the callback's priv valid for as long as needed.
	 */
	get_device(&eptdev->dev);
	ret = devm_add_action_or_reset(&rpdev->dev, eptdev_put_action, eptdev);
	if (ret)
		goto err_put;
	WRITE_ONCE(rpdev->ept->priv, eptdev);

	ret = eptdev_add(eptdev);
	if (ret)
		goto err_put;

	dev_set_drvdata(&rpdev->dev, eptdev);
	return 0;

err_put:
	put_device(&eptdev->dev);
	return ret;
}

static void rpmsg_chrdev_remove(struct rpmsg_device *rpdev)
{
	struct rpmsg_eptdev *eptdev = dev_get_drvdata(&rpdev->dev);

	rpmsg_chrdev_eptdev_destroy(&eptdev->dev, NULL);
}

static const struct rpmsg_device_id rpmsg_chrdev_id_table[] = {
	{ .name = "rpmsg-raw" },
	{ },
};
MODULE_DEVICE_TABLE(rpmsg, rpmsg_chrdev_id_table);

static struct rpmsg_driver rpmsg_chrdev_driver = {
	.drv.name = "rpmsg_chrdev",
	.id_table = rpmsg_chrdev_id_table,
	.probe = rpmsg_chrdev_probe,
	.remove = rpmsg_chrdev_remove,
	.callback = eptdev_rx_cb,
};

static int __init rpmsg_chrdev_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&eptdev_region, 0, EPTDEV_MINORS,
				  "rpmsg_char");
	if (ret < 0) {
		pr_err("cannot reserve a character device region: %d\n", ret);
		return ret;
	}

	ret = register_rpmsg_driver(&rpmsg_chrdev_driver);
	if (ret < 0) {
		pr_err("cannot register the rpmsg driver: %d\n", ret);
		unregister_chrdev_region(eptdev_region, EPTDEV_MINORS);
	}

	return ret;
}
module_init(rpmsg_chrdev_init);

static void __exit rpmsg_chrdev_exit(void)
{
	unregister_rpmsg_driver(&rpmsg_chrdev_driver);
	wait_event(eptdev_released, !atomic_read(&eptdev_count));
	unregister_chrdev_region(eptdev_region, EPTDEV_MINORS);
}
module_exit(rpmsg_chrdev_exit);

MODULE_DESCRIPTION("rpmsg endpoints as character devices");
MODULE_ALIAS("rpmsg:rpmsg_chrdev");
MODULE_LICENSE("GPL");
