/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rpmsg name service: the remote announces the channels it offers (and
 * their removal) with messages to a well-known address.
 *
 * The message format, struct rpmsg_ns_msg, enum rpmsg_ns_flags and
 * RPMSG_NS_ADDR come from the wire-format header shared with firmware.
 */
#ifndef _LINUX_RPMSG_NS_H
#define _LINUX_RPMSG_NS_H

#include <linux/mod_devicetable.h>
#include <linux/types.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/byteorder.h>
#include <linux/remoteproc/wire.h>

/**
 * rpmsg_ns_register_device() - register a transport's name-service channel
 * @rpdev: the channel, filled in like for rpmsg_register_device(); its
 *	   parent is the transport's device, under which the name service
 *	   creates and releases channels
 *
 * Binds the channel to the "rpmsg_ns" driver, whose endpoint listens on
 * %RPMSG_NS_ADDR.  Provided by rpmsg_ns.ko.
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno; on error @rpdev has been released through
 * its device's release function, as with rpmsg_register_device().
 */
int rpmsg_ns_register_device(struct rpmsg_device *rpdev);

#endif /* _LINUX_RPMSG_NS_H */
