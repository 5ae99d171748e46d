/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * Remote processor resource table: the wire format.
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
 * All fields are in the byte order of the remote processor, which the host
 * requires to be its own byte order.
 */
#ifndef _LINUX_REMOTEPROC_RESOURCE_TABLE_H
#define _LINUX_REMOTEPROC_RESOURCE_TABLE_H

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

#endif /* _LINUX_REMOTEPROC_RESOURCE_TABLE_H */
