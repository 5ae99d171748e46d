/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Byte order of rpmsg fields.
 *
 * A transport tells its devices whether its wire fields are little- or
 * big-endian (&struct rpmsg_device.little_endian); these helpers convert
 * between that order and the CPU's.  A virtio transport without
 * VIRTIO_F_VERSION_1 uses the CPU's own order, which
 * rpmsg_is_little_endian() reports.
 */
#ifndef _LINUX_RPMSG_BYTEORDER_H
#define _LINUX_RPMSG_BYTEORDER_H

#include <linux/types.h>
#include <asm/byteorder.h>
#include <uapi/linux/rpmsg_types.h>

/**
 * rpmsg_is_little_endian() - whether the CPU is little-endian
 *
 * Return: true on a little-endian CPU, false on a big-endian one.
 */
static inline bool rpmsg_is_little_endian(void)
{
	/* Folded to a constant: 1 stored little-endian reads back as 1. */
	return cpu_to_le16(1) == (__force __le16)1;
}

/*
 * Each pair below converts one width.  @little_endian is the byte order of
 * the wire: true for little-endian, false for big-endian.
 */

static inline u16 __rpmsg16_to_cpu(bool little_endian, __rpmsg16 val)
{
	return little_endian ? le16_to_cpu((__force __le16)val) :
			       be16_to_cpu((__force __be16)val);
}

static inline __rpmsg16 __cpu_to_rpmsg16(bool little_endian, u16 val)
{
	return little_endian ? (__force __rpmsg16)cpu_to_le16(val) :
			       (__force __rpmsg16)cpu_to_be16(val);
}

static inline u32 __rpmsg32_to_cpu(bool little_endian, __rpmsg32 val)
{
	return little_endian ? le32_to_cpu((__force __le32)val) :
			       be32_to_cpu((__force __be32)val);
}

static inline __rpmsg32 __cpu_to_rpmsg32(bool little_endian, u32 val)
{
	return little_endian ? (__force __rpmsg32)cpu_to_le32(val) :
			       (__force __rpmsg32)cpu_to_be32(val);
}

static inline u64 __rpmsg64_to_cpu(bool little_endian, __rpmsg64 val)
{
	return little_endian ? le64_to_cpu((__force __le64)val) :
			       be64_to_cpu((__force __be64)val);
}

static inline __rpmsg64 __cpu_to_rpmsg64(bool little_endian, u64 val)
{
	return little_endian ? (__force __rpmsg64)cpu_to_le64(val) :
			       (__force __rpmsg64)cpu_to_be64(val);
}

#endif /* _LINUX_RPMSG_BYTEORDER_H */
