/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A virtio device other than rpmsg in a firmware's resource table, which
 * the firmware never serves (rproc-emu-vdev-*.elf): Linux must not hang on
 * it, whatever it does with it.
 *
 * Compile with FW_FOREIGN set to the device's virtio id:
 *
 *	1	virtio-net: 2 vrings (rx, tx), 12 config bytes (a MAC address,
 *		link up, 1 queue pair), no features
 *	2	virtio-blk: 1 vring, 64 config bytes, a capacity of 2048
 *		sectors (so that a driver reads its partition table), no
 *		features
 *	3	virtio-console: 2 vrings (rx, tx), 12 config bytes (zero), no
 *		features
 *
 * Each vring: 64 buffers, align 4096, da FW_RSC_ADDR_ANY.
 */
#ifndef FW_FOREIGN_H
#define FW_FOREIGN_H

#include <fw/rsc.h>

#if FW_FOREIGN == 1
#define FW_FOREIGN_NAME		"virtio-net"
#define FW_FOREIGN_VRINGS	2
#define FW_FOREIGN_CONFIG_LEN	12
#define FW_FOREIGN_CONFIG	{ 0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 1, 0, 1, 0 }
#elif FW_FOREIGN == 2
#define FW_FOREIGN_NAME		"virtio-blk"
#define FW_FOREIGN_VRINGS	1
#define FW_FOREIGN_CONFIG_LEN	64
#define FW_FOREIGN_CONFIG	{ 0x00, 0x08 }	/* capacity, little-endian */
#elif FW_FOREIGN == 3
#define FW_FOREIGN_NAME		"virtio-console"
#define FW_FOREIGN_VRINGS	2
#define FW_FOREIGN_CONFIG_LEN	12
#define FW_FOREIGN_CONFIG	{ 0 }
#else
#error "FW_FOREIGN must be 1 (net), 2 (blk) or 3 (console)"
#endif

#define FW_FOREIGN_VRING_NUM	64
#define FW_FOREIGN_VRING_ALIGN	4096

/**
 * struct fw_foreign_vdev - the entry: type word, vdev, vrings, config space
 * @vdev: the type word and the vdev with its vrings
 * @config: the config space
 */
struct fw_foreign_vdev {
	FW_RSC_VDEV_ENTRY(FW_FOREIGN_VRINGS) vdev;
	__u8 config[FW_FOREIGN_CONFIG_LEN];
} __packed;

#if FW_FOREIGN_VRINGS == 1
#define FW_FOREIGN_VRINGS_INIT(id0)					\
	{ FW_RSC_VRING_INIT(FW_FOREIGN_VRING_ALIGN, FW_FOREIGN_VRING_NUM, id0) }
#else
#define FW_FOREIGN_VRINGS_INIT(id0)					\
	{ FW_RSC_VRING_INIT(FW_FOREIGN_VRING_ALIGN, FW_FOREIGN_VRING_NUM, id0), \
	  FW_RSC_VRING_INIT(FW_FOREIGN_VRING_ALIGN, FW_FOREIGN_VRING_NUM, \
			    (id0) + 1) }
#endif

/** FW_FOREIGN_VDEV_INIT() - the entry, its vrings' notify ids from @id0 */
#define FW_FOREIGN_VDEV_INIT(id0)					\
	{								\
		.vdev = {						\
			.type = RSC_VDEV,				\
			.rsc = {					\
				.id = FW_FOREIGN,			\
				.config_len = FW_FOREIGN_CONFIG_LEN,	\
				.num_of_vrings = FW_FOREIGN_VRINGS,	\
				.vring = FW_FOREIGN_VRINGS_INIT(id0),	\
			},						\
		},							\
		.config = FW_FOREIGN_CONFIG,				\
	}

#endif /* FW_FOREIGN_H */
