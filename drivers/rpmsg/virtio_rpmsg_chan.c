// SPDX-License-Identifier: GPL-2.0
/*
 * The virtio rpmsg transport, addressing: endpoints bound to local
 * addresses, the channels of one virtio device, and the operations the
 * rpmsg core calls on them.
 */

#include <linux/device.h>
#include <linux/kref.h>
#include <linux/lockdep.h>
#include <linux/rpmsg/ns.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "virtio_rpmsg.h"

/* ------------------------------------------------------------------------
 * Endpoints
 */

static struct lock_class_key vrpmsg_ns_cb_key;

void vrpmsg_ept_free(struct kref *kref)
{
	kfree(container_of(kref, struct rpmsg_endpoint, refcount));
}

static const struct rpmsg_endpoint_ops vrpmsg_endpoint_ops;

static struct rpmsg_endpoint *vrpmsg_create_ept(struct rpmsg_device *rpdev,
						rpmsg_rx_cb_t cb, void *priv,
						struct rpmsg_channel_info chinfo)
{
	struct vrpmsg *vrp = rpdev_to_vrpmsg(rpdev);
	struct rpmsg_endpoint *ept;
	int addr;

	ept = kzalloc(sizeof(*ept), GFP_KERNEL);
	if (!ept)
		return NULL;

	kref_init(&ept->refcount);
	mutex_init(&ept->cb_lock);
	/*
	 * The name service's callback creates and removes channels, so it
	 * destroys other endpoints while holding its own cb_lock: give that
	 * one lock a class of its own.
	 */
	if (chinfo.src == RPMSG_NS_ADDR)
		lockdep_set_class(&ept->cb_lock, &vrpmsg_ns_cb_key);
	ept->rpdev = rpdev;
	ept->ops = &vrpmsg_endpoint_ops;
	ept->cb = cb;
	ept->priv = priv;

	addr = rpmsg_addr_alloc(&vrp->addrs, ept, chinfo.src);
	if (addr < 0) {
		dev_err_ratelimited(&rpdev->dev,
				    "cannot bind an endpoint to address 0x%x: %d\n",
				    chinfo.src, addr);
		kref_put(&ept->refcount, vrpmsg_ept_free);
		return NULL;
	}
	ept->addr = addr;
	return ept;
}

static void vrpmsg_destroy_ept(struct rpmsg_endpoint *ept)
{
	struct vrpmsg *vrp = ept_to_vrpmsg(ept);

	/* No new delivery can find it... */
	rpmsg_addr_free(&vrp->addrs, ept->addr);

	/* ...and the one in progress, if any, is over once we get the lock. */
	mutex_lock(&ept->cb_lock);
	ept->cb = NULL;
	mutex_unlock(&ept->cb_lock);

	kref_put(&ept->refcount, vrpmsg_ept_free);
}

/* The endpoint operations: all sending goes through vrpmsg_send(). */

static int vrpmsg_ept_send(struct rpmsg_endpoint *ept, void *data, int len)
{
	return vrpmsg_send(ept_to_vrpmsg(ept), ept->addr, ept->rpdev->dst,
			   data, len, true);
}

static int vrpmsg_ept_sendto(struct rpmsg_endpoint *ept, void *data, int len,
			     u32 dst)
{
	return vrpmsg_send(ept_to_vrpmsg(ept), ept->addr, dst, data, len, true);
}

static int vrpmsg_ept_send_offchannel(struct rpmsg_endpoint *ept, u32 src,
				      u32 dst, void *data, int len)
{
	return vrpmsg_send(ept_to_vrpmsg(ept), src, dst, data, len, true);
}

static int vrpmsg_ept_trysend(struct rpmsg_endpoint *ept, void *data, int len)
{
	return vrpmsg_send(ept_to_vrpmsg(ept), ept->addr, ept->rpdev->dst,
			   data, len, false);
}

static int vrpmsg_ept_trysendto(struct rpmsg_endpoint *ept, void *data,
				int len, u32 dst)
{
	return vrpmsg_send(ept_to_vrpmsg(ept), ept->addr, dst, data, len,
			   false);
}

static int vrpmsg_ept_trysend_offchannel(struct rpmsg_endpoint *ept, u32 src,
					 u32 dst, void *data, int len)
{
	return vrpmsg_send(ept_to_vrpmsg(ept), src, dst, data, len, false);
}

static __poll_t vrpmsg_ept_poll(struct rpmsg_endpoint *ept, struct file *filp,
				poll_table *wait)
{
	return vrpmsg_tx_poll(ept_to_vrpmsg(ept), filp, wait);
}

static ssize_t vrpmsg_ept_get_mtu(struct rpmsg_endpoint *ept)
{
	return vrpmsg_mtu(ept_to_vrpmsg(ept));
}

static const struct rpmsg_endpoint_ops vrpmsg_endpoint_ops = {
	.destroy_ept		= vrpmsg_destroy_ept,
	.send			= vrpmsg_ept_send,
	.sendto			= vrpmsg_ept_sendto,
	.send_offchannel	= vrpmsg_ept_send_offchannel,
	.trysend		= vrpmsg_ept_trysend,
	.trysendto		= vrpmsg_ept_trysendto,
	.trysend_offchannel	= vrpmsg_ept_trysend_offchannel,
	.poll			= vrpmsg_ept_poll,
	.get_mtu		= vrpmsg_ept_get_mtu,
};

/* ------------------------------------------------------------------------
 * Channels
 */

static const struct rpmsg_device_ops vrpmsg_channel_ops;

static void vrpmsg_channel_release(struct device *dev)
{
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);

	kfree(rpdev->driver_override);
	kfree(to_virtio_rpmsg_channel(rpdev));
}

/**
 * vrpmsg_channel_alloc() - a new channel of an instance, not registered
 * @vrp: the transport instance
 *
 * Its parent, byte order, operations and release function are set; the
 * caller fills in the name and addresses, then registers it (the release
 * function frees it from then on) or frees it with kfree() of its
 * &struct virtio_rpmsg_channel.
 *
 * Context: process context.
 * Return: the channel, or NULL when memory runs out.
 */
struct rpmsg_device *vrpmsg_channel_alloc(struct vrpmsg *vrp)
{
	struct virtio_rpmsg_channel *vch;

	vch = kzalloc(sizeof(*vch), GFP_KERNEL);
	if (!vch)
		return NULL;

	vch->vrp = vrp;
	vch->rpdev.ops = &vrpmsg_channel_ops;
	vch->rpdev.little_endian = vrp->little_endian;
	vch->rpdev.src = RPMSG_ADDR_ANY;
	vch->rpdev.dst = RPMSG_ADDR_ANY;
	vch->rpdev.dev.parent = vrpmsg_dev(vrp);
	vch->rpdev.dev.release = vrpmsg_channel_release;
	return &vch->rpdev;
}

/* Caller holds chan_lock.  Reports why @chinfo may not become a channel. */
static int vrpmsg_channel_admit(struct vrpmsg *vrp,
				struct rpmsg_channel_info *chinfo)
{
	struct device *dev = vrpmsg_dev(vrp);
	struct device *dup;
	int n;

	if (READ_ONCE(vrp->removing))
		return -ENODEV;

	dup = rpmsg_find_device(dev, chinfo);
	if (dup) {
		put_device(dup);
		dev_err_ratelimited(dev, "channel %*pE 0x%x -> 0x%x already exists\n",
				    (int)strnlen(chinfo->name, RPMSG_NAME_SIZE),
				    chinfo->name, chinfo->src, chinfo->dst);
		return -EEXIST;
	}

	n = rpmsg_count_channels(dev, NULL) - vrp->nr_own_channels;
	if (n >= VRPMSG_MAX_CHANNELS) {
		vrpmsg_count(vrp, VRPMSG_CHANNELS_REFUSED);
		dev_err_ratelimited(dev, "refused channel %.*s: already %d channels\n",
				    RPMSG_NAME_SIZE, chinfo->name, n);
		return -ENOSPC;
	}
	return 0;
}

static struct rpmsg_device *
vrpmsg_create_channel(struct rpmsg_device *rpdev,
		      struct rpmsg_channel_info *chinfo)
{
	struct vrpmsg *vrp = rpdev_to_vrpmsg(rpdev);
	struct rpmsg_device *new = NULL;

	/*
	 * Held across the registration, which may probe a driver: remove
	 * must not miss a channel it has not seen yet.
	 */
	mutex_lock(&vrp->chan_lock);
	if (vrpmsg_channel_admit(vrp, chinfo))
		goto out_unlock;

	new = vrpmsg_channel_alloc(vrp);
	if (!new)
		goto out_unlock;
	strscpy_pad(new->id.name, chinfo->name, sizeof(new->id.name));
	new->src = chinfo->src;
	new->dst = chinfo->dst;
	/* A channel with a fixed local address is a service to announce. */
	new->announce = chinfo->src != RPMSG_ADDR_ANY;

	/* On error the release function has freed it. */
	if (rpmsg_register_device(new))
		new = NULL;
out_unlock:
	mutex_unlock(&vrp->chan_lock);
	return new;
}

static int vrpmsg_release_channel(struct rpmsg_device *rpdev,
				  struct rpmsg_channel_info *chinfo)
{
	struct vrpmsg *vrp = rpdev_to_vrpmsg(rpdev);

	/* Remove unregisters every channel itself. */
	if (READ_ONCE(vrp->removing))
		return -ENODEV;
	return rpmsg_unregister_device(vrpmsg_dev(vrp), chinfo);
}

/* Tell the remote's name service about @rpdev's default endpoint. */
static int vrpmsg_announce(struct rpmsg_device *rpdev, enum rpmsg_ns_flags what)
{
	struct vrpmsg *vrp = rpdev_to_vrpmsg(rpdev);
	struct rpmsg_ns_msg msg;

	if (!vrp->has_ns || !rpdev->announce || !rpdev->ept)
		return 0;
	/* The remote is going away: nobody to tell. */
	if (READ_ONCE(vrp->removing))
		return 0;

	strscpy_pad(msg.name, rpdev->id.name, sizeof(msg.name));
	msg.addr = cpu_to_rpmsg32(rpdev, rpdev->ept->addr);
	msg.flags = cpu_to_rpmsg32(rpdev, what);
	return rpmsg_sendto(rpdev->ept, &msg, sizeof(msg), RPMSG_NS_ADDR);
}

static int vrpmsg_announce_create(struct rpmsg_device *rpdev)
{
	return vrpmsg_announce(rpdev, RPMSG_NS_CREATE);
}

static int vrpmsg_announce_destroy(struct rpmsg_device *rpdev)
{
	return vrpmsg_announce(rpdev, RPMSG_NS_DESTROY);
}

static const struct rpmsg_device_ops vrpmsg_channel_ops = {
	.create_ept		= vrpmsg_create_ept,
	.create_channel		= vrpmsg_create_channel,
	.release_channel	= vrpmsg_release_channel,
	.announce_create	= vrpmsg_announce_create,
	.announce_destroy	= vrpmsg_announce_destroy,
};

/* The control channel (/dev/rpmsg_ctrlN) and the name-service channel. */
int vrpmsg_add_own_channels(struct vrpmsg *vrp)
{
	struct rpmsg_device *rpdev;
	int err;

	rpdev = vrpmsg_channel_alloc(vrp);
	if (!rpdev)
		return -ENOMEM;
	err = rpmsg_ctrldev_register_device(rpdev);
	if (err)
		return err;
	vrp->nr_own_channels++;

	if (!vrp->has_ns)
		return 0;

	rpdev = vrpmsg_channel_alloc(vrp);
	if (!rpdev)
		return -ENOMEM;
	err = rpmsg_ns_register_device(rpdev);
	if (err)
		return err;
	vrp->nr_own_channels++;
	return 0;
}

static int vrpmsg_unregister_one(struct device *dev, void *data)
{
	device_unregister(dev);
	return 0;
}

/* Every channel of the instance, own ones included; their drivers unbind. */
void vrpmsg_unregister_channels(struct vrpmsg *vrp)
{
	device_for_each_child(vrpmsg_dev(vrp), NULL, vrpmsg_unregister_one);
}
