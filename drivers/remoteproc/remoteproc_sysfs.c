// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: the attributes of
 * /sys/class/remoteproc/remoteprocN.
 *
 *   state     read: offline, suspended, running, crashed, attached,
 *             detached, or deleted while the remote is being removed;
 *             write: "start", "stop" or "detach"
 *   firmware  read/write: the firmware file of the next boot
 *   name      read: the remote's name
 *   recovery  read: enabled or disabled; write: "enabled", "disabled" or
 *             "recover" (see remoteproc_crash.c)
 *   coredump  read/write: "disabled", "enabled" or "inline"; -EBUSY while
 *             the remote is crashed (see remoteproc_coredump.c)
 *
 * Writes fail with -EPERM when the platform driver set
 * &rproc.sysfs_read_only.
 */

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/remoteproc.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "remoteproc_internal.h"
#include "remoteproc_coredump.h"

/* A write: refused on a read-only remote, else handed to @set. */
static ssize_t rproc_attr_store(struct device *dev, const char *buf,
				size_t count,
				int (*set)(struct rproc *rproc, const char *buf))
{
	struct rproc *rproc = rproc_from_dev(dev);
	int ret;

	if (rproc->sysfs_read_only)
		return -EPERM;

	ret = set(rproc, buf);
	return ret ? ret : count;
}

static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct rproc *rproc = rproc_from_dev(dev);
	const char *name;

	if (READ_ONCE(rproc->deleting))
		name = "deleted";
	else
		name = rproc_state_name(READ_ONCE(rproc->state));
	return sysfs_emit(buf, "%s\n", name);
}

static int rproc_state_set(struct rproc *rproc, const char *buf)
{
	if (sysfs_streq(buf, "start"))
		return rproc_user_boot(rproc);
	if (sysfs_streq(buf, "stop"))
		return rproc_user_shutdown(rproc);
	if (sysfs_streq(buf, "detach"))
		return rproc_user_detach(rproc);
	return -EINVAL;
}

static ssize_t state_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	return rproc_attr_store(dev, buf, count, rproc_state_set);
}
static DEVICE_ATTR_RW(state);

static ssize_t firmware_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	struct rproc *rproc = rproc_from_dev(dev);
	ssize_t len;
	int ret;

	/* rproc_set_firmware() frees the old name under the lock. */
	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;
	len = sysfs_emit(buf, "%s\n", rproc->firmware);
	mutex_unlock(&rproc->lock);
	return len;
}

static ssize_t firmware_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	return rproc_attr_store(dev, buf, count, rproc_set_firmware);
}
static DEVICE_ATTR_RW(firmware);

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", rproc_from_dev(dev)->name);
}
static DEVICE_ATTR_RO(name);

static ssize_t recovery_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", rproc_recovery_show(rproc_from_dev(dev)));
}

static ssize_t recovery_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	return rproc_attr_store(dev, buf, count, rproc_recovery_store);
}
static DEVICE_ATTR_RW(recovery);

static ssize_t coredump_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  rproc_coredump_conf_show(rproc_from_dev(dev)));
}

static ssize_t coredump_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	return rproc_attr_store(dev, buf, count, rproc_coredump_conf_store);
}
static DEVICE_ATTR_RW(coredump);

static struct attribute *rproc_attrs[] = {
	&dev_attr_state.attr,
	&dev_attr_firmware.attr,
	&dev_attr_name.attr,
	&dev_attr_recovery.attr,
	&dev_attr_coredump.attr,
	NULL,
};

static const struct attribute_group rproc_attr_group = {
	.attrs = rproc_attrs,
};

/* The attribute groups of every remoteprocN device (see rproc_class). */
const struct attribute_group *rproc_devgroups[] = {
	&rproc_attr_group,
	NULL,
};
