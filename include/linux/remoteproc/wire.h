/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * The wire formats between Linux and a remote processor:
 *
 *  - the resource table, which a firmware image carries to say what it
 *    needs from its host;
 *  - rpmsg over virtio: the message header and the name-service message
 *    exchanged through the vrings of an rpmsg virtio device.
 *
 * A firmware image carries this table in its ".resource_table" ELF section.
 * It lists what the remote processor needs from its host before it can run
 * (memory, trace buffers, virtio devices).  The host fills in what it
 * allocated (addresses, negotiated features, status) in the copy that is
 * loaded into the remote's memory, so the firmware reads the outcome from
 * the very table it shipped.
 *
 * This header is the only definition of the format.  It is shared by the
 * Linux kernel and by firmware built for any operating system, which is why
 * it is dual-licensed and depends on nothing but fixed-width integer types.
 *
 * Resource table fields are in the byte order of the remote processor,
 * which the host requires to be its own byte order.  rpmsg fields are in
 * the byte order of the virtio device: little-endian when VIRTIO_F_VERSION_1
 * is negotiated, the remote's own order otherwise.
 */
#ifndef _LINUX_REMOTEPROC_WIRE_H
#define _LINUX_REMOTEPROC_WIRE_H

#if defined(__KERNEL__) || defined(__linux__)
#include <linux/types.h>
#else
/* Freestanding firmware: the compiler's own fixed-width types. */
typedef __UINT8_TYPE__ __u8;
typedef __UINT16_TYPE__ __u16;
typedef __UINT32_TYPE__ __u32;
typedef __UINT64_TYPE__ __u64;
#endif

/*
 * Outside the kernel, __packed is ours to define.  (checkpatch's
 * PREFER_DEFINED_ATTRIBUTE_MACRO does not apply: this line never builds in the kernel.)
 */
#if !defined(__KERNEL__) && !defined(__packed)
#define __packed __attribute__((__packed__))
#endif

/**
 * DOC: resource table layout
 *
 * The table starts with a header (&struct resource_table) followed by an
 * array of @num byte offsets, each pointing from the start of the table to
 * one entry.  An entry starts with a 32-bit type (&struct fw_rsc_hdr) followed
 * by the type's body.  Hosts reject a table whose version is not 1, whose
 * reserved words are not zero, or whose offsets or entries do not fit in the
 * section.
 */

/** RPROC_RSC_TABLE_VERSION - the only version of the table defined so far */
#define RPROC_RSC_TABLE_VERSION		1

/**
 * struct resource_table - header of the resource table
 * @ver: version of the format, %RPROC_RSC_TABLE_VERSION
 * @num: number of entries
 * @reserved: must be zero
 * @offset: @num offsets of the entries, in bytes from the start of the table
 */
struct resource_table {
	__u32 ver;
	__u32 num;
	__u32 reserved[2];
	__u32 offset[];
} __packed;

/**
 * struct fw_rsc_hdr - header of one resource entry
 * @type: one of &enum fw_resource_type
 * @data: the entry's body, whose layout depends on @type
 */
struct fw_rsc_hdr {
	__u32 type;
	__u8 data[];
} __packed;

/**
 * enum fw_resource_type - types of resource entries
 * @RSC_CARVEOUT: memory the host allocates for the remote
 *		  (&struct fw_rsc_carveout)
 * @RSC_DEVMEM: device memory the host maps for the remote
 *		(&struct fw_rsc_devmem)
 * @RSC_TRACE: a trace buffer the remote writes text into
 *	       (&struct fw_rsc_trace)
 * @RSC_VDEV: a virtio device and its vrings (&struct fw_rsc_vdev)
 * @RSC_LAST: first value after the generic types
 * @RSC_VENDOR_START: first type handed to the platform driver
 * @RSC_VENDOR_END: first type after the platform range
 *
 * Types from %RSC_LAST to %RSC_VENDOR_START are reserved; a table using them
 * is rejected.
 */
enum fw_resource_type {
	RSC_CARVEOUT		= 0,
	RSC_DEVMEM		= 1,
	RSC_TRACE		= 2,
	RSC_VDEV		= 3,
	RSC_LAST		= 4,
	RSC_VENDOR_START	= 128,
	RSC_VENDOR_END		= 512,
};

/** FW_RSC_ADDR_ANY - "any address will do": the host picks one */
#define FW_RSC_ADDR_ANY		(-1)

/** RPROC_RSC_NAME_LEN - size of the name fields, NUL included */
#define RPROC_RSC_NAME_LEN	32

/**
 * struct fw_rsc_carveout - physically contiguous memory for the remote
 * @da: device address the remote uses, or %FW_RSC_ADDR_ANY
 * @pa: physical address, written by the host
 * @len: length in bytes
 * @flags: IOMMU protection flags, if the remote sits behind an IOMMU
 * @reserved: must be zero
 * @name: NUL-terminated name, for debugging and for platform-provided memory
 *
 * The host writes back the addresses it chose in @da (when it was
 * %FW_RSC_ADDR_ANY) and @pa.
 */
struct fw_rsc_carveout {
	__u32 da;
	__u32 pa;
	__u32 len;
	__u32 flags;
	__u32 reserved;
	__u8 name[RPROC_RSC_NAME_LEN];
} __packed;

/**
 * struct fw_rsc_devmem - a device memory region mapped for the remote
 * @da: device address the remote uses
 * @pa: physical address of the region
 * @len: length in bytes
 * @flags: IOMMU protection flags
 * @reserved: must be zero
 * @name: NUL-terminated name, for debugging
 */
struct fw_rsc_devmem {
	__u32 da;
	__u32 pa;
	__u32 len;
	__u32 flags;
	__u32 reserved;
	__u8 name[RPROC_RSC_NAME_LEN];
} __packed;

/**
 * struct fw_rsc_trace - a trace buffer written by the remote
 * @da: device address of the buffer
 * @len: length of the buffer in bytes
 * @reserved: must be zero
 * @name: NUL-terminated name, for debugging
 *
 * The remote writes NUL-terminated text; the host shows it in debugfs.
 */
struct fw_rsc_trace {
	__u32 da;
	__u32 len;
	__u32 reserved;
	__u8 name[RPROC_RSC_NAME_LEN];
} __packed;

/**
 * struct fw_rsc_vdev_vring - one vring of a virtio device
 * @da: device address of the ring, or %FW_RSC_ADDR_ANY
 * @align: alignment of the used ring, in bytes
 * @num: number of descriptors, a power of two
 * @notifyid: kick identifier of this ring, unique per remote
 * @pa: physical address of the ring, written by the host
 */
struct fw_rsc_vdev_vring {
	__u32 da;
	__u32 align;
	__u32 num;
	__u32 notifyid;
	__u32 pa;
} __packed;

/** RPROC_RSC_MAX_VRINGS - vrings a host supports per virtio device */
#define RPROC_RSC_MAX_VRINGS	2

/**
 * struct fw_rsc_vdev - a virtio device offered by the remote
 * @id: virtio device id (7 for rpmsg)
 * @notifyid: kick identifier of the device itself
 * @dfeatures: features the device offers
 * @gfeatures: features the host driver accepted, written by the host
 * @config_len: length of the config space following the vrings
 * @status: virtio status byte, written by the host
 * @num_of_vrings: number of entries in @vring
 * @reserved: must be zero
 * @vring: the vrings, then @config_len bytes of config space
 */
struct fw_rsc_vdev {
	__u32 id;
	__u32 notifyid;
	__u32 dfeatures;
	__u32 gfeatures;
	__u32 config_len;
	__u8 status;
	__u8 num_of_vrings;
	__u8 reserved[2];
	struct fw_rsc_vdev_vring vring[];
} __packed;

/*
 * rpmsg over virtio.  The kernel gives its rpmsg fields sparse-checked types
 * (<linux/rpmsg/byteorder.h>); elsewhere they are plain integers.
 */
#ifdef __KERNEL__
#include <linux/rpmsg/byteorder.h>
#else
typedef __u16 __rpmsg16;
typedef __u32 __rpmsg32;
#endif

#ifndef VIRTIO_ID_RPMSG
/** VIRTIO_ID_RPMSG - virtio device id of an rpmsg device */
#define VIRTIO_ID_RPMSG			7
#endif

/** VIRTIO_RPMSG_F_NS - feature bit: the device has a name service */
#define VIRTIO_RPMSG_F_NS		0

/**
 * DOC: rpmsg over virtio
 *
 * An rpmsg virtio device has two vrings.  The first carries messages from
 * the remote to Linux, the second from Linux to the remote.  Linux owns
 * every buffer: it posts empty buffers on the first ring for the remote to
 * fill, and filled buffers on the second.  All buffers have the same size,
 * %RPMSG_BUF_SIZE by default, and start with &struct rpmsg_hdr.
 *
 * Addresses below %RPMSG_RESERVED_ADDRESSES are reserved for services with
 * well-known addresses, such as the name service at %RPMSG_NS_ADDR.
 */

/** RPMSG_BUF_SIZE - default size of an rpmsg buffer, header included */
#define RPMSG_BUF_SIZE			512
/** RPMSG_NUM_BUFS - default number of buffers, both directions together */
#define RPMSG_NUM_BUFS			512
/** RPMSG_RESERVED_ADDRESSES - addresses below this are well-known */
#define RPMSG_RESERVED_ADDRESSES	1024
/** RPMSG_NS_ADDR - address of the name service */
#define RPMSG_NS_ADDR			53
/** RPMSG_WIRE_NAME_SIZE - size of a channel name, NUL included */
#define RPMSG_WIRE_NAME_SIZE		32

/**
 * struct rpmsg_hdr - header of every rpmsg message
 * @src: address of the sending endpoint
 * @dst: address of the receiving endpoint
 * @reserved: zero
 * @len: length of @data in bytes
 * @flags: zero
 * @data: the payload
 */
struct rpmsg_hdr {
	__rpmsg32 src;
	__rpmsg32 dst;
	__rpmsg32 reserved;
	__rpmsg16 len;
	__rpmsg16 flags;
	__u8 data[];
} __packed;

/**
 * enum rpmsg_ns_flags - what a name-service message announces
 * @RPMSG_NS_CREATE: a channel was created
 * @RPMSG_NS_DESTROY: a channel was destroyed
 */
enum rpmsg_ns_flags {
	RPMSG_NS_CREATE = 0,
	RPMSG_NS_DESTROY = 1,
};

/**
 * struct rpmsg_ns_msg - a name-service message, sent to %RPMSG_NS_ADDR
 * @name: name of the channel, NUL-terminated within the array
 * @addr: address of the announcing endpoint
 * @flags: &enum rpmsg_ns_flags
 */
struct rpmsg_ns_msg {
	char name[RPMSG_WIRE_NAME_SIZE];
	__rpmsg32 addr;
	__rpmsg32 flags;
} __packed;

#endif /* _LINUX_REMOTEPROC_WIRE_H */
