// SPDX-License-Identifier: GPL-2.0
/*
 * The rpmsg name service: channels appear and disappear as the remote
 * announces them on address 53.
 */

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/ns.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "rpmsg_internal.h"

/**
 * DOC: name service
 *
 * Each transport with a name service registers one channel bound to this
 * driver (rpmsg_ns_register_device()).  Its endpoint, at %RPMSG_NS_ADDR,
 * receives &struct rpmsg_ns_msg announcements from the remote:
 *
 * - a create makes a channel under the transport, named as announced, with
 *   the announced address as its remote address;
 * - a destroy removes the channel with that name and remote address,
 *   exactly: %RPMSG_ADDR_ANY is refused as an address, and the
 *   transport's own service channels (this one, rpmsg_ctrl) are never
 *   matched.  Linux 6.1 matches any channel of that name when the address
 *   is %RPMSG_ADDR_ANY, its own name service included, which then
 *   unregisters itself from inside its own callback and deadlocks.
 *
 * Every message is checked first (rpmsg_ns_parse()).  A malformed one, a
 * destroy of a channel that does not exist, and a create beyond
 * ``max_channels`` channels under the transport (module parameter, 64 by
 * default; the transport's own service channels, the name service and
 * rpmsg_ctrl (&rpmsg_device.transport_owned), are not counted) are dropped with a
 * rate-limited message and counted.
 *
 * The counters are in sysfs, in the ``ns`` directory of the name-service
 * channel: ``/sys/bus/rpmsg/devices/<transport>.rpmsg_ns.53.53/ns/``, one
 * decimal number per file:
 *
 * - ``bad_size``, ``bad_name``, ``bad_flags``, ``bad_addr``: malformed
 *   messages, by the reason for rejecting them;
 * - ``unknown_destroy``: destroys of channels that do not exist;
 * - ``over_limit``: creates refused because of ``max_channels``;
 * - ``create_failed``: creates the transport failed (duplicate, no memory);
 * - ``rejected``: the sum of the six above;
 * - ``created``, ``destroyed``: announcements carried out.
 */

static unsigned int max_channels = 64;
module_param(max_channels, uint, 0644);
MODULE_PARM_DESC(max_channels,
		 "Most channels per transport the remote may create (default 64)");

enum rpmsg_ns_counter {
	/* the first ones mirror enum rpmsg_ns_verdict */
	NS_CNT_BAD_SIZE = RPMSG_NS_BAD_SIZE,
	NS_CNT_BAD_NAME = RPMSG_NS_BAD_NAME,
	NS_CNT_BAD_FLAGS = RPMSG_NS_BAD_FLAGS,
	NS_CNT_BAD_ADDR = RPMSG_NS_BAD_ADDR,
	NS_CNT_UNKNOWN_DESTROY = RPMSG_NS_NR_VERDICTS,
	NS_CNT_OVER_LIMIT,
	NS_CNT_CREATE_FAILED,
	NS_CNT_CREATED,
	NS_CNT_DESTROYED,
	NS_CNT_NR,
};

/**
 * struct rpmsg_ns - state of one name service
 * @rpdev: its channel; the parent of @rpdev is the transport's device
 * @lock: serialises announcements, so that the channel count checked
 *	  before a create still holds when it is carried out
 * @nr_seen: scratch space of the channel count, under @lock
 * @count: event counters, indexed by &enum rpmsg_ns_counter
 */
struct rpmsg_ns {
	struct rpmsg_device *rpdev;
	struct mutex lock;	/* see @lock above */
	unsigned int nr_seen;
	atomic_t count[NS_CNT_NR];
};

/*
 * Announced names go to the log with %*pE and this length, so that a
 * remote cannot write control characters (or whole forged lines) there.
 */
static int rpmsg_ns_name_len(const struct rpmsg_channel_info *chinfo)
{
	return strnlen(chinfo->name, RPMSG_NAME_SIZE);
}

/* What rpmsg_ns_destroy_match() looks for. */
struct rpmsg_ns_lookup {
	struct rpmsg_ns *ns;
	struct rpmsg_channel_info *chinfo;
};

static void rpmsg_ns_count(struct rpmsg_ns *ns, enum rpmsg_ns_counter which)
{
	atomic_inc(&ns->count[which]);
}

static void rpmsg_ns_reject(struct rpmsg_ns *ns, enum rpmsg_ns_verdict why,
			    int len)
{
	struct device *dev = &ns->rpdev->dev;

	rpmsg_ns_count(ns, (enum rpmsg_ns_counter)why);
	switch (why) {
	case RPMSG_NS_BAD_SIZE:
		dev_warn_ratelimited(dev, "dropped announcement of %d bytes, expected %zu\n",
				     len, sizeof(struct rpmsg_ns_msg));
		break;
	case RPMSG_NS_BAD_NAME:
		dev_warn_ratelimited(dev, "dropped announcement with an empty or unterminated name\n");
		break;
	case RPMSG_NS_BAD_FLAGS:
		dev_warn_ratelimited(dev, "dropped announcement with unknown flags\n");
		break;
	default:
		dev_warn_ratelimited(dev, "dropped announcement with the wildcard address 0x%x\n",
				     RPMSG_ADDR_ANY);
		break;
	}
}

/*
 * Channels of the transport that come and go at the remote's (or user
 * space's) request: the transport's own service channels, such as this
 * name service and the rpmsg_ctrl channel, are not counted.  A channel
 * user space bound by driver_override is the remote's all the same.
 */
static int rpmsg_ns_count_one(struct device *dev, void *data)
{
	struct rpmsg_ns *ns = data;

	if (dev->bus == ns->rpdev->dev.bus &&
	    !to_rpmsg_device(dev)->transport_owned)
		ns->nr_seen++;
	return 0;
}

static unsigned int rpmsg_ns_nr_channels(struct rpmsg_ns *ns)
{
	ns->nr_seen = 0;
	device_for_each_child(ns->rpdev->dev.parent, ns, rpmsg_ns_count_one);
	return ns->nr_seen;
}

static void rpmsg_ns_create(struct rpmsg_ns *ns,
			    struct rpmsg_channel_info *chinfo)
{
	struct rpmsg_device *rpdev = ns->rpdev;
	struct device *dev = &rpdev->dev;
	unsigned int limit = READ_ONCE(max_channels);

	if (rpmsg_ns_nr_channels(ns) >= limit) {
		rpmsg_ns_count(ns, NS_CNT_OVER_LIMIT);
		dev_warn_ratelimited(dev, "refused channel %*pE addr 0x%x: limit of %u channels reached\n",
				     rpmsg_ns_name_len(chinfo), chinfo->name,
				     chinfo->dst, limit);
		return;
	}

	if (!rpmsg_create_channel(rpdev, chinfo)) {
		rpmsg_ns_count(ns, NS_CNT_CREATE_FAILED);
		dev_err_ratelimited(dev, "cannot create channel %*pE addr 0x%x\n",
				    rpmsg_ns_name_len(chinfo), chinfo->name,
				    chinfo->dst);
		return;
	}
	rpmsg_ns_count(ns, NS_CNT_CREATED);
	dev_info_ratelimited(dev, "created channel %*pE addr 0x%x\n",
			     rpmsg_ns_name_len(chinfo), chinfo->name,
			     chinfo->dst);
}

/*
 * A destroy names one channel the remote may have announced: same name,
 * same remote address, and not one of the transport's own service
 * channels (this name service, rpmsg_ctrl), whatever driver user space
 * bound it to.
 */
static int rpmsg_ns_destroy_match(struct device *dev, void *data)
{
	struct rpmsg_ns_lookup *lookup = data;
	struct rpmsg_device *rpdev;

	if (dev->bus != lookup->ns->rpdev->dev.bus)
		return 0;
	rpdev = to_rpmsg_device(dev);
	return rpdev->dst == lookup->chinfo->dst &&
	       !rpdev->transport_owned &&
	       !strncmp(rpdev->id.name, lookup->chinfo->name, RPMSG_NAME_SIZE);
}

/*
 * Fills in the local address of the channel @chinfo names, so that the
 * transport removes exactly that one.  Return: 0, or -ENOENT.
 */
static int rpmsg_ns_destroy_target(struct rpmsg_ns *ns,
				   struct rpmsg_channel_info *chinfo)
{
	struct rpmsg_ns_lookup lookup = { .ns = ns, .chinfo = chinfo };
	struct device *chdev;

	chdev = device_find_child(ns->rpdev->dev.parent, &lookup,
				  rpmsg_ns_destroy_match);
	if (!chdev)
		return -ENOENT;
	chinfo->src = to_rpmsg_device(chdev)->src;
	put_device(chdev);
	return 0;
}

static void rpmsg_ns_destroy(struct rpmsg_ns *ns,
			     struct rpmsg_channel_info *chinfo)
{
	struct device *dev = &ns->rpdev->dev;
	int err;

	err = rpmsg_ns_destroy_target(ns, chinfo);
	if (!err)
		err = rpmsg_release_channel(ns->rpdev, chinfo);
	if (err) {
		rpmsg_ns_count(ns, NS_CNT_UNKNOWN_DESTROY);
		dev_warn_ratelimited(dev, "destroy of unknown channel %*pE addr 0x%x (%d)\n",
				     rpmsg_ns_name_len(chinfo), chinfo->name,
				     chinfo->dst, err);
		return;
	}
	rpmsg_ns_count(ns, NS_CNT_DESTROYED);
	dev_info_ratelimited(dev, "destroyed channel %*pE addr 0x%x\n",
			     rpmsg_ns_name_len(chinfo), chinfo->name,
			     chinfo->dst);
}

static int rpmsg_ns_cb(struct rpmsg_device *rpdev, void *data, int len,
		       void *priv, u32 src)
{
	struct rpmsg_channel_info chinfo;
	enum rpmsg_ns_verdict verdict;
	struct rpmsg_ns *ns = priv;
	u32 flags;

	verdict = rpmsg_ns_parse(data, len, rpdev->little_endian, &chinfo,
				 &flags);
	if (verdict != RPMSG_NS_OK) {
		rpmsg_ns_reject(ns, verdict, len);
		return 0;
	}

	mutex_lock(&ns->lock);
	if (flags == RPMSG_NS_DESTROY)
		rpmsg_ns_destroy(ns, &chinfo);
	else
		rpmsg_ns_create(ns, &chinfo);
	mutex_unlock(&ns->lock);
	return 0;
}

/* ------------------------------------------------------------------------
 * Counters in sysfs
 */

struct rpmsg_ns_attr {
	struct device_attribute attr;
	int which;	/* a counter, or -1 for the sum of the rejections */
};

static ssize_t rpmsg_ns_counter_show(struct device *dev,
				     struct device_attribute *attr, char *buf)
{
	struct rpmsg_ns_attr *nattr = container_of(attr, struct rpmsg_ns_attr,
						   attr);
	struct rpmsg_ns *ns = dev_get_drvdata(dev);
	unsigned int sum = 0;
	int i;

	if (nattr->which >= 0)
		return sysfs_emit(buf, "%d\n",
				  atomic_read(&ns->count[nattr->which]));

	for (i = NS_CNT_BAD_SIZE; i <= NS_CNT_CREATE_FAILED; i++)
		sum += atomic_read(&ns->count[i]);
	return sysfs_emit(buf, "%u\n", sum);
}

#define RPMSG_NS_ATTR(_name, _which)					\
	struct rpmsg_ns_attr rpmsg_ns_attr_##_name = {			\
		.attr = __ATTR(_name, 0444, rpmsg_ns_counter_show, NULL), \
		.which = (_which),					\
	}

static RPMSG_NS_ATTR(bad_size, NS_CNT_BAD_SIZE);
static RPMSG_NS_ATTR(bad_name, NS_CNT_BAD_NAME);
static RPMSG_NS_ATTR(bad_flags, NS_CNT_BAD_FLAGS);
static RPMSG_NS_ATTR(bad_addr, NS_CNT_BAD_ADDR);
static RPMSG_NS_ATTR(unknown_destroy, NS_CNT_UNKNOWN_DESTROY);
static RPMSG_NS_ATTR(over_limit, NS_CNT_OVER_LIMIT);
static RPMSG_NS_ATTR(create_failed, NS_CNT_CREATE_FAILED);
static RPMSG_NS_ATTR(created, NS_CNT_CREATED);
static RPMSG_NS_ATTR(destroyed, NS_CNT_DESTROYED);
static RPMSG_NS_ATTR(rejected, -1);

static struct attribute *rpmsg_ns_attrs[] = {
	&rpmsg_ns_attr_bad_size.attr.attr,
	&rpmsg_ns_attr_bad_name.attr.attr,
	&rpmsg_ns_attr_bad_flags.attr.attr,
	&rpmsg_ns_attr_bad_addr.attr.attr,
	&rpmsg_ns_attr_unknown_destroy.attr.attr,
	&rpmsg_ns_attr_over_limit.attr.attr,
	&rpmsg_ns_attr_create_failed.attr.attr,
	&rpmsg_ns_attr_rejected.attr.attr,
	&rpmsg_ns_attr_created.attr.attr,
	&rpmsg_ns_attr_destroyed.attr.attr,
	NULL,
};

static const struct attribute_group rpmsg_ns_group = {
	.name = "ns",
	.attrs = rpmsg_ns_attrs,
};

static const struct attribute_group *rpmsg_ns_groups[] = {
	&rpmsg_ns_group,
	NULL,
};

/* ------------------------------------------------------------------------
 * Driver
 */

static int rpmsg_ns_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_channel_info chinfo = {
		.name = "name_service",
		.src = RPMSG_NS_ADDR,
		.dst = RPMSG_NS_ADDR,
	};
	struct rpmsg_endpoint *ept;
	struct rpmsg_ns *ns;

	ns = devm_kzalloc(&rpdev->dev, sizeof(*ns), GFP_KERNEL);
	if (!ns)
		return -ENOMEM;
	ns->rpdev = rpdev;
	mutex_init(&ns->lock);
	dev_set_drvdata(&rpdev->dev, ns);

	/* The bus destroys rpdev->ept when the driver unbinds. */
	ept = rpmsg_create_ept(rpdev, rpmsg_ns_cb, ns, chinfo);
	if (!ept) {
		dev_err(&rpdev->dev, "cannot listen on address %d\n",
			RPMSG_NS_ADDR);
		return -ENOMEM;
	}
	rpdev->ept = ept;
	return 0;
}

static struct rpmsg_driver rpmsg_ns_driver = {
	.drv = {
		.name = KBUILD_MODNAME,
		.dev_groups = rpmsg_ns_groups,
	},
	.probe = rpmsg_ns_probe,
};

/**
 * rpmsg_ns_register_device() - register a transport's name-service channel
 * @rpdev: the channel, filled in as for rpmsg_register_device(); its parent
 *	   is the transport's device
 *
 * Both addresses of the channel become %RPMSG_NS_ADDR, whatever they were:
 * the device is named ``<transport>.rpmsg_ns.53.53``, as in Linux 6.1.
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno (@rpdev released, as for
 * rpmsg_register_device()).
 */
int rpmsg_ns_register_device(struct rpmsg_device *rpdev)
{
	rpdev->src = RPMSG_NS_ADDR;
	rpdev->dst = RPMSG_NS_ADDR;
	rpdev->transport_owned = true;
	return rpmsg_register_device_override(rpdev, KBUILD_MODNAME);
}
EXPORT_SYMBOL_GPL(rpmsg_ns_register_device);

static int __init rpmsg_ns_init(void)
{
	int err;

	err = register_rpmsg_driver(&rpmsg_ns_driver);
	if (err)
		pr_err("rpmsg_ns: cannot register the driver: %d\n", err);
	return err;
}
postcore_initcall(rpmsg_ns_init);

static void __exit rpmsg_ns_exit(void)
{
	unregister_rpmsg_driver(&rpmsg_ns_driver);
}
module_exit(rpmsg_ns_exit);

MODULE_DESCRIPTION("rpmsg name service: channels announced by the remote");
MODULE_ALIAS("rpmsg:" KBUILD_MODNAME);
MODULE_LICENSE("GPL");
