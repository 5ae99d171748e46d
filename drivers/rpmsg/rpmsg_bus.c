// SPDX-License-Identifier: GPL-2.0
/*
 * The "rpmsg" bus: channels as devices, client drivers matched to them by
 * name, the default endpoint of a bound channel, and the sysfs view of
 * channels.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "rpmsg_internal.h"

/**
 * DOC: channel lifetime
 *
 * A transport allocates a &struct rpmsg_device, sets its parent (the
 * transport's own device), its release function, its name (&rpmsg_device.id)
 * and addresses, then calls rpmsg_register_device().  From then on the
 * embedded &struct device owns the memory: whatever happens, the transport
 * frees it only from the release function, which also frees
 * &rpmsg_device.driver_override.  That holds for a failed registration too:
 * the core has dropped the last reference before returning the error.
 *
 * When a driver binds, the bus creates the channel's default endpoint if the
 * driver has a callback, calls the driver's probe, then has the transport
 * announce the channel to the remote if &rpmsg_device.announce is set.
 * Unbinding undoes these steps in the opposite order; the default endpoint
 * (&rpmsg_device.ept, which a driver without a callback may also set in its
 * probe) is destroyed last.
 */

struct class *rpmsg_class;
EXPORT_SYMBOL_GPL(rpmsg_class);

/* ------------------------------------------------------------------------
 * sysfs attributes of a channel
 */

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_rpmsg_device(dev)->id.name);
}
static DEVICE_ATTR_RO(name);

static ssize_t src_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "0x%x\n", to_rpmsg_device(dev)->src);
}
static DEVICE_ATTR_RO(src);

static ssize_t dst_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "0x%x\n", to_rpmsg_device(dev)->dst);
}
static DEVICE_ATTR_RO(dst);

static ssize_t announce_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	bool announce = to_rpmsg_device(dev)->announce;

	return sysfs_emit(buf, "%s\n", announce ? "true" : "false");
}
static DEVICE_ATTR_RO(announce);

static ssize_t modalias_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, RPMSG_DEVICE_MODALIAS_FMT "\n",
			  to_rpmsg_device(dev)->id.name);
}
static DEVICE_ATTR_RO(modalias);

static ssize_t driver_override_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	const char *override;
	ssize_t n;

	/* driver_set_override() swaps the string under the device lock. */
	device_lock(dev);
	override = to_rpmsg_device(dev)->driver_override;
	n = sysfs_emit(buf, "%s\n", override);
	device_unlock(dev);
	return n;
}

static ssize_t driver_override_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t count)
{
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	int err;

	err = driver_set_override(dev, &rpdev->driver_override, buf, count);
	return err ? err : count;
}
static DEVICE_ATTR_RW(driver_override);

static struct attribute *rpmsg_channel_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_src.attr,
	&dev_attr_dst.attr,
	&dev_attr_announce.attr,
	&dev_attr_modalias.attr,
	&dev_attr_driver_override.attr,
	NULL,
};
ATTRIBUTE_GROUPS(rpmsg_channel);

/* ------------------------------------------------------------------------
 * Bus operations
 */

static bool rpmsg_id_matches(const struct rpmsg_device_id *id,
			     const struct rpmsg_device *rpdev)
{
	return !strncmp(id->name, rpdev->id.name, RPMSG_NAME_SIZE);
}

static int rpmsg_bus_match(struct device *dev, struct device_driver *drv)
{
	struct rpmsg_driver *rpdrv = to_rpmsg_driver(drv);
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	const struct rpmsg_device_id *id;

	/* An override is the only thing that counts when set. */
	if (rpdev->driver_override)
		return strcmp(drv->name, rpdev->driver_override) == 0;

	for (id = rpdrv->id_table; id && id->name[0]; id++)
		if (rpmsg_id_matches(id, rpdev))
			return 1;
	return 0;
}

static int rpmsg_bus_uevent(struct device *dev, struct kobj_uevent_env *env)
{
	return add_uevent_var(env, "MODALIAS=" RPMSG_DEVICE_MODALIAS_FMT,
			      to_rpmsg_device(dev)->id.name);
}

static struct rpmsg_endpoint *rpmsg_default_ept_at(struct rpmsg_device *rpdev,
						   rpmsg_rx_cb_t cb, u32 src)
{
	struct rpmsg_channel_info chinfo = {
		.src = src,
		.dst = RPMSG_ADDR_ANY,
	};

	strscpy(chinfo.name, rpdev->id.name, sizeof(chinfo.name));
	return rpmsg_create_ept(rpdev, cb, NULL, chinfo);
}

/*
 * The default endpoint: local address @rpdev->src, no fixed remote.  A
 * channel registered without an address keeps the one it got from one
 * binding to the next (as in Linux 6.1), or gets a new one if another
 * endpoint took it while the channel had no driver (where 6.1 fails the
 * binding for good).  A channel with a fixed address fails with -EBUSY
 * when that address is taken (the transport logs why).
 */
static int rpmsg_open_default_ept(struct rpmsg_device *rpdev,
				  rpmsg_rx_cb_t cb)
{
	struct rpmsg_endpoint *ept;

	ept = rpmsg_default_ept_at(rpdev, cb, rpdev->src);
	if (!ept && rpdev->src_dynamic && rpdev->src != RPMSG_ADDR_ANY)
		ept = rpmsg_default_ept_at(rpdev, cb, RPMSG_ADDR_ANY);
	if (!ept) {
		dev_err(&rpdev->dev, "cannot create the default endpoint\n");
		return rpdev->src_dynamic ? -ENOMEM : -EBUSY;
	}
	rpdev->ept = ept;
	rpdev->src = ept->addr;
	return 0;
}

static void rpmsg_close_default_ept(struct rpmsg_device *rpdev)
{
	if (!rpdev->ept)
		return;
	rpmsg_destroy_ept(rpdev->ept);
	rpdev->ept = NULL;
}

static bool rpmsg_wants_announce(struct rpmsg_device *rpdev)
{
	return rpdev->announce && rpdev->ept;
}

static int rpmsg_bus_probe(struct device *dev)
{
	struct rpmsg_driver *rpdrv = to_rpmsg_driver(dev->driver);
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	u32 src = rpdev->src;
	int err;

	if (rpdrv->callback) {
		err = rpmsg_open_default_ept(rpdev, rpdrv->callback);
		if (err)
			return err;
	}

	if (rpdrv->probe) {
		/* The driver core reports the failure. */
		err = rpdrv->probe(rpdev);
		if (err)
			goto err_close_ept;
	}

	if (rpmsg_wants_announce(rpdev) && rpdev->ops->announce_create) {
		err = rpdev->ops->announce_create(rpdev);
		if (err) {
			dev_err(dev, "cannot announce the channel: %d\n", err);
			goto err_remove;
		}
	}
	return 0;

err_remove:
	if (rpdrv->remove)
		rpdrv->remove(rpdev);
err_close_ept:
	rpmsg_close_default_ept(rpdev);
	rpdev->src = src;	/* the address went with the endpoint */
	return err;
}

static void rpmsg_bus_remove(struct device *dev)
{
	struct rpmsg_driver *rpdrv = to_rpmsg_driver(dev->driver);
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);

	if (rpmsg_wants_announce(rpdev) && rpdev->ops->announce_destroy)
		rpdev->ops->announce_destroy(rpdev);

	if (rpdrv->remove)
		rpdrv->remove(rpdev);

	rpmsg_close_default_ept(rpdev);
}

static struct bus_type rpmsg_bus = {
	.match		= rpmsg_bus_match,
	.probe		= rpmsg_bus_probe,
	.remove		= rpmsg_bus_remove,
	.uevent		= rpmsg_bus_uevent,
	.dev_groups	= rpmsg_channel_groups,
	.name		= "rpmsg",
};

/* ------------------------------------------------------------------------
 * Channels
 */

/**
 * rpmsg_register_device_override() - add a channel, bound to one driver
 * @rpdev: the channel, with parent, release function, name and addresses
 *	   set (see "channel lifetime")
 * @driver_override: name of the only driver allowed to bind, or NULL; when
 *		     set it also becomes the channel's name
 *
 * The device is named "<parent>.<name>.<src>.<dst>", addresses in signed
 * decimal (so %RPMSG_ADDR_ANY shows as -1).
 *
 * Context: process context; may sleep.
 * Return: 0, or a negative errno after the last reference on @rpdev was
 * dropped (the release function has run or will run).
 */
int rpmsg_register_device_override(struct rpmsg_device *rpdev,
				   const char *driver_override)
{
	struct device *dev = &rpdev->dev;
	int err;

	if (driver_override)
		strscpy_pad(rpdev->id.name, driver_override,
			    sizeof(rpdev->id.name));

	rpdev->src_dynamic = rpdev->src == RPMSG_ADDR_ANY;
	device_initialize(dev);
	dev->bus = &rpmsg_bus;
	if (WARN_ON_ONCE(!dev->parent)) {
		err = -EINVAL;	/* a transport bug: channels have a parent */
		goto err_put;
	}
	err = dev_set_name(dev, "%s.%s.%d.%d", dev_name(dev->parent),
			   rpdev->id.name, (int)rpdev->src, (int)rpdev->dst);
	if (err)
		goto err_put;

	if (driver_override) {
		err = driver_set_override(dev, &rpdev->driver_override,
					  driver_override,
					  strlen(driver_override));
		if (err)
			goto err_put;
	}

	err = device_add(dev);
	if (err) {
		dev_err(dev, "cannot add the channel: %d\n", err);
		goto err_put;
	}
	return 0;

err_put:
	put_device(dev);
	return err;
}
EXPORT_SYMBOL_GPL(rpmsg_register_device_override);

/**
 * rpmsg_register_device() - add a channel, matched to drivers by its name
 * @rpdev: the channel (see rpmsg_register_device_override())
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno, with the same ownership rule as
 * rpmsg_register_device_override().
 */
int rpmsg_register_device(struct rpmsg_device *rpdev)
{
	return rpmsg_register_device_override(rpdev, NULL);
}
EXPORT_SYMBOL_GPL(rpmsg_register_device);

/* @chinfo's addresses match anything when they are RPMSG_ADDR_ANY. */
static bool rpmsg_addr_matches(u32 want, u32 have)
{
	return want == RPMSG_ADDR_ANY || want == have;
}

static int rpmsg_channel_matches(struct device *dev, void *data)
{
	struct rpmsg_channel_info *chinfo = data;
	struct rpmsg_device *rpdev;

	if (dev->bus != &rpmsg_bus)
		return 0;
	rpdev = to_rpmsg_device(dev);
	return !strncmp(rpdev->id.name, chinfo->name, RPMSG_NAME_SIZE) &&
	       rpmsg_addr_matches(chinfo->src, rpdev->src) &&
	       rpmsg_addr_matches(chinfo->dst, rpdev->dst);
}

/**
 * rpmsg_find_device() - find a channel of a transport
 * @parent: the transport's device
 * @chinfo: name and addresses to look for; an address of %RPMSG_ADDR_ANY
 *	    matches any
 *
 * Context: process context.
 * Return: the channel's &struct device with a reference the caller drops
 * with put_device(), or NULL when none matches.
 */
struct device *rpmsg_find_device(struct device *parent,
				 struct rpmsg_channel_info *chinfo)
{
	if (!parent || !chinfo)
		return NULL;
	return device_find_child(parent, chinfo, rpmsg_channel_matches);
}
EXPORT_SYMBOL_GPL(rpmsg_find_device);

/**
 * rpmsg_unregister_device() - remove a channel of a transport
 * @parent: the transport's device
 * @chinfo: the channel, as for rpmsg_find_device()
 *
 * Removes the first channel that matches; its driver is unbound first.
 *
 * Context: process context; may sleep.
 * Return: 0, or -EINVAL when no channel matches.
 */
int rpmsg_unregister_device(struct device *parent,
			    struct rpmsg_channel_info *chinfo)
{
	struct device *chdev = rpmsg_find_device(parent, chinfo);

	if (!chdev)
		return -EINVAL;
	device_unregister(chdev);	/* the registration's reference */
	put_device(chdev);		/* rpmsg_find_device()'s */
	return 0;
}
EXPORT_SYMBOL_GPL(rpmsg_unregister_device);

struct rpmsg_channel_count {
	struct rpmsg_device *skip;
	int n;
};

static int rpmsg_count_one(struct device *dev, void *data)
{
	struct rpmsg_channel_count *count = data;

	if (dev->bus == &rpmsg_bus && (!count->skip || dev != &count->skip->dev))
		count->n++;
	return 0;
}

/**
 * rpmsg_count_channels() - number of channels registered under a transport
 * @parent: the transport's device, parent of its channels
 * @skip: a channel not to count (the caller itself), or NULL
 *
 * Context: process context.
 * Return: the number of devices of the "rpmsg" bus whose parent is @parent,
 * @skip excluded.
 */
int rpmsg_count_channels(struct device *parent, struct rpmsg_device *skip)
{
	struct rpmsg_channel_count count = { .skip = skip };

	device_for_each_child(parent, &count, rpmsg_count_one);
	return count.n;
}
EXPORT_SYMBOL_GPL(rpmsg_count_channels);

/* ------------------------------------------------------------------------
 * Drivers
 */

/**
 * __register_rpmsg_driver() - register an rpmsg client driver
 * @rpdrv: the driver; &rpmsg_driver.drv.name must be set
 * @owner: the module that owns @rpdrv
 *
 * Use register_rpmsg_driver() or module_rpmsg_driver(), which pass the
 * calling module.
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno.
 */
int __register_rpmsg_driver(struct rpmsg_driver *rpdrv, struct module *owner)
{
	if (!rpdrv)
		return -EINVAL;
	rpdrv->drv.bus = &rpmsg_bus;
	rpdrv->drv.owner = owner;
	return driver_register(&rpdrv->drv);
}
EXPORT_SYMBOL_GPL(__register_rpmsg_driver);

/**
 * unregister_rpmsg_driver() - unregister an rpmsg client driver
 * @rpdrv: the driver, registered before
 *
 * Unbinds it from every channel first.
 *
 * Context: process context; may sleep.
 */
void unregister_rpmsg_driver(struct rpmsg_driver *rpdrv)
{
	if (rpdrv)
		driver_unregister(&rpdrv->drv);
}
EXPORT_SYMBOL_GPL(unregister_rpmsg_driver);

/* ------------------------------------------------------------------------
 * Module
 */

/*
 * bus_unregister() drops the last reference to the bus's private part, and
 * that release still writes to &rpmsg_bus, which is module data.  It may
 * come seconds later (DEBUG_KOBJECT_RELEASE): wait until it has.  No code
 * of ours runs at that release, so unlike the releases of our own objects
 * (<linux/remoteproc/live_objects.h>) it cannot be counted: the pointer it
 * clears is the only sign the driver core gives.
 */
static void rpmsg_bus_unregister(void)
{
	unsigned int ms = 0;

	bus_unregister(&rpmsg_bus);
	while (READ_ONCE(rpmsg_bus.p) && ms < 30000) {
		msleep(20);
		ms += 20;
	}
	if (READ_ONCE(rpmsg_bus.p))
		pr_err("rpmsg: the bus was not released after %u ms\n", ms);
}

/* The bus first: the class only serves the char devices of its channels. */
static int __init rpmsg_core_init(void)
{
	int err = bus_register(&rpmsg_bus);

	if (err) {
		pr_err("rpmsg: bus registration failed: %d\n", err);
		return err;
	}

	rpmsg_class = class_create(THIS_MODULE, "rpmsg");
	if (IS_ERR(rpmsg_class)) {
		err = PTR_ERR(rpmsg_class);
		pr_err("rpmsg: class creation failed: %d\n", err);
		goto err_unregister_bus;
	}
	return 0;

err_unregister_bus:
	rpmsg_bus_unregister();
	return err;
}
postcore_initcall(rpmsg_core_init);

static void __exit rpmsg_core_exit(void)
{
	class_destroy(rpmsg_class);
	rpmsg_bus_unregister();
}
module_exit(rpmsg_core_exit);

MODULE_DESCRIPTION("rpmsg bus: channels to services of remote processors");
MODULE_LICENSE("GPL");
