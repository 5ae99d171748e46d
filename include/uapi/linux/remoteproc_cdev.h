/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * /dev/remoteprocN: the ioctl commands of a remote processor's character
 * device.
 *
 * Writing "start", "stop" or "detach" to the node changes the state of the
 * remote as the same words written to /sys/class/remoteproc/remoteprocN/state
 * do.  The commands below control what happens when the file is closed.
 */
#ifndef _UAPI_LINUX_REMOTEPROC_CDEV_H
#define _UAPI_LINUX_REMOTEPROC_CDEV_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* The ioctl type byte of the remoteproc character device. */
#define RPROC_MAGIC 0xB7

/*
 * Stop the remote when this file is closed.  The argument points to a
 * __s32: zero turns the behaviour off (the default), any other value on.
 */
#define RPROC_SET_SHUTDOWN_ON_RELEASE _IOW(RPROC_MAGIC, 1, __s32)

/*
 * Read the setting back: the __s32 the argument points to becomes 1 when
 * closing the file stops the remote, 0 when it does not.
 */
#define RPROC_GET_SHUTDOWN_ON_RELEASE _IOR(RPROC_MAGIC, 2, __s32)

#endif /* _UAPI_LINUX_REMOTEPROC_CDEV_H */
