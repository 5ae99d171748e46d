/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * User-space interface of rpmsg: the ioctls of /dev/rpmsg_ctrlN and
 * /dev/rpmsgN.
 *
 * A control node (/dev/rpmsg_ctrlN) belongs to one rpmsg transport, usually
 * one remote processor.  Through it a program creates an endpoint node
 * (/dev/rpmsgN) with a name and a pair of addresses, or asks the transport
 * to create or release a whole channel.  An endpoint node carries one
 * message per read() or write().
 */
#ifndef _UAPI_RPMSG_H_
#define _UAPI_RPMSG_H_

#include <linux/ioctl.h>
#include <linux/types.h>

/* Any address: let the kernel choose (source) or leave unbound (destination). */
#define RPMSG_ADDR_ANY		0xFFFFFFFF

/**
 * struct rpmsg_endpoint_info - what identifies an endpoint or a channel
 * @name: name of the service, NUL-terminated within the array
 * @src: local address, or %RPMSG_ADDR_ANY for one picked by the kernel
 * @dst: remote address, or %RPMSG_ADDR_ANY when there is none yet
 */
struct rpmsg_endpoint_info {
	char name[32];
	__u32 src;
	__u32 dst;
};

/*
 * ioctl type 0xb5.  On a control node:
 *  - RPMSG_CREATE_EPT_IOCTL creates an endpoint node for the given info;
 *  - RPMSG_CREATE_DEV_IOCTL asks the transport for a new channel;
 *  - RPMSG_RELEASE_DEV_IOCTL releases a channel made that way.
 * On an endpoint node:
 *  - RPMSG_DESTROY_EPT_IOCTL destroys the endpoint behind the node; later
 *    reads and writes on it fail.
 */
#define RPMSG_CREATE_EPT_IOCTL	_IOW(0xb5, 0x1, struct rpmsg_endpoint_info)
#define RPMSG_DESTROY_EPT_IOCTL	_IO(0xb5, 0x2)
#define RPMSG_CREATE_DEV_IOCTL	_IOW(0xb5, 0x3, struct rpmsg_endpoint_info)
#define RPMSG_RELEASE_DEV_IOCTL	_IOW(0xb5, 0x4, struct rpmsg_endpoint_info)

#endif /* _UAPI_RPMSG_H_ */
