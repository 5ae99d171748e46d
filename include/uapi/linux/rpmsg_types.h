/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Integer types of rpmsg wire fields.
 *
 * An rpmsg field is stored in the byte order of the link it travels on,
 * which is not always the CPU's.  These types are __bitwise so that sparse
 * reports any use that skips the conversion helpers of
 * <linux/rpmsg/byteorder.h>.
 */
#ifndef _UAPI_LINUX_RPMSG_TYPES_H
#define _UAPI_LINUX_RPMSG_TYPES_H

#include <linux/types.h>

typedef __u64 __bitwise __rpmsg64;
typedef __u32 __bitwise __rpmsg32;
typedef __u16 __bitwise __rpmsg16;

#endif /* _UAPI_LINUX_RPMSG_TYPES_H */
