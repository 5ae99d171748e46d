/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What rpmsg_char offers to rpmsg_ctrl: endpoint nodes (/dev/rpmsgN) made on
 * request and taken down again.
 */
#ifndef RPMSG_CHAR_H
#define RPMSG_CHAR_H

#include <linux/errno.h>
#include <linux/rpmsg.h>

struct device;

#if IS_ENABLED(CONFIG_RPMSG_CHAR)

int rpmsg_chrdev_eptdev_create(struct rpmsg_device *rpdev, struct device *parent,
			       struct rpmsg_channel_info chinfo);
int rpmsg_chrdev_eptdev_destroy(struct device *dev, void *data);

#else

static inline int rpmsg_chrdev_eptdev_create(struct rpmsg_device *rpdev,
					     struct device *parent,
					     struct rpmsg_channel_info chinfo)
{
	return -EOPNOTSUPP;
}

/* Without rpmsg_char there is no endpoint node to take down. */
static inline int rpmsg_chrdev_eptdev_destroy(struct device *dev, void *data)
{
	return 0;
}

#endif /* IS_ENABLED(CONFIG_RPMSG_CHAR) */

#endif /* RPMSG_CHAR_H */
