/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Firmware library: declaring a resource table.
 *
 * A firmware declares its table as one packed structure: a header with the
 * offsets of the entries, then the entries.  The structure must be the only
 * thing in the ".resource_table" section, which the linker script keeps
 * inside a loaded segment.  Linux fills in the loaded copy (carveout
 * addresses, vdev status) before the core starts, so the firmware reads the
 * outcome from the same object; read those fields with FW_READ_ONCE().
 *
 * Example:
 *
 *	static char trace_buf[4096];
 *
 *	struct my_table {
 *		FW_RSC_TABLE_HDR(2) hdr;
 *		union fw_rsc_trace_entry trace;
 *		FW_RSC_ENTRY(struct fw_rsc_carveout) heap;
 *	} __packed;
 *
 *	FW_RESOURCE_TABLE struct my_table my_table = {
 *		.hdr = FW_RSC_TABLE_HDR_INIT(FW_RSC_OFFSET(struct my_table, trace),
 *					     FW_RSC_OFFSET(struct my_table, heap)),
 *		.trace = FW_RSC_TRACE_INIT(trace_buf, "trace0"),
 *		.heap = FW_RSC_CARVEOUT_INIT(FW_RSC_ADDR_ANY, 0x10000, "fw-heap"),
 *	};
 *
 * Never declare the table const or static: the compiler could then fold
 * the values Linux writes into it at run time.
 */
#ifndef FW_RSC_H
#define FW_RSC_H

#include <stddef.h>
#include <stdint.h>

#include <linux/remoteproc/wire.h>

#include <fw/compiler.h>

/** FW_RESOURCE_TABLE - attributes of the resource table object */
#define FW_RESOURCE_TABLE \
	__attribute__((__section__(".resource_table"), __used__, __aligned__(8)))

/**
 * FW_RSC_TABLE_HDR() - type of a table header with @n entries
 *
 * The layout of &struct resource_table followed by its @n offsets.
 */
#define FW_RSC_TABLE_HDR(n)						\
	struct {							\
		__u32 ver;						\
		__u32 num;						\
		__u32 reserved[2];					\
		__u32 offset[n];					\
	} __packed

/** FW_RSC_TABLE_HDR_INIT() - initialise a header from its entries' offsets */
#define FW_RSC_TABLE_HDR_INIT(...)					\
	{								\
		.ver = RPROC_RSC_TABLE_VERSION,				\
		.num = FW_NARGS(__VA_ARGS__),				\
		.offset = { __VA_ARGS__ },				\
	}

/** FW_RSC_OFFSET() - offset of an entry from the start of the table */
#define FW_RSC_OFFSET(table, member)	((__u32)offsetof(table, member))

/** FW_RSC_ENTRY() - type of an entry: the type word, then the body */
#define FW_RSC_ENTRY(body)						\
	struct {							\
		__u32 type;						\
		body rsc;						\
	} __packed

/**
 * union fw_rsc_trace_entry - a trace entry
 * @entry: the entry, to read it
 * @init: to initialise it: @init.da_len holds @entry.rsc.da in its low and
 *	  @entry.rsc.len in its high 32 bits
 *
 * A buffer's address is a link-time constant, but C cannot store it in a
 * 32-bit field of a static object; it can store address + constant in a
 * 64-bit one.  The firmware lives below 4 GiB (the linker script checks),
 * so the low half is the address.
 */
union fw_rsc_trace_entry {
	FW_RSC_ENTRY(struct fw_rsc_trace) entry;
	struct {
		__u32 type;
		__u64 da_len;
		__u32 reserved;
		__u8 name[RPROC_RSC_NAME_LEN];
	} __packed init;
} __packed;

_Static_assert(sizeof(union fw_rsc_trace_entry) ==
	       sizeof(__u32) + sizeof(struct fw_rsc_trace),
	       "trace entry layout");

/** FW_RSC_TRACE_INIT() - a trace entry for the array @buf */
#define FW_RSC_TRACE_INIT(buf, nm)					\
	{ .init = {							\
		.type = RSC_TRACE,					\
		.da_len = (__u64)(uintptr_t)(buf) +			\
			  ((__u64)sizeof(buf) << 32),			\
		.name = nm,						\
	} }

/** FW_RSC_CARVEOUT_INIT() - a carveout of @len bytes at @da (or ANY) */
#define FW_RSC_CARVEOUT_INIT(da_, len_, nm)				\
	{								\
		.type = RSC_CARVEOUT,					\
		.rsc = {						\
			.da = (__u32)(da_),				\
			.pa = (__u32)FW_RSC_ADDR_ANY,			\
			.len = (len_),					\
			.name = nm,					\
		},							\
	}

/**
 * FW_RSC_VDEV_ENTRY() - type of a vdev entry with @n vrings
 *
 * The type word, then the layout of &struct fw_rsc_vdev with its @n vrings
 * (C does not allow a structure with a flexible array inside another).
 * Code that follows the entry uses FW_RSC_VDEV() to reach it as a
 * &struct fw_rsc_vdev.
 */
#define FW_RSC_VDEV_ENTRY(n)						\
	struct {							\
		__u32 type;						\
		struct {						\
			__u32 id;					\
			__u32 notifyid;					\
			__u32 dfeatures;				\
			__u32 gfeatures;				\
			__u32 config_len;				\
			__u8 status;					\
			__u8 num_of_vrings;				\
			__u8 reserved[2];				\
			struct fw_rsc_vdev_vring vring[n];		\
		} __packed rsc;						\
	} __packed

/** FW_RSC_VDEV() - the body of a FW_RSC_VDEV_ENTRY() as a &struct fw_rsc_vdev */
#define FW_RSC_VDEV(entry)	((struct fw_rsc_vdev *)(void *)&(entry).rsc)

/**
 * FW_RSC_VRING_INIT() - a vring the host allocates anywhere
 * @align_: alignment of its used ring
 * @num_: its size
 * @id: its notify id
 */
#define FW_RSC_VRING_INIT(align_, num_, id)				\
	{								\
		.da = (__u32)FW_RSC_ADDR_ANY,				\
		.align = (align_),					\
		.num = (num_),						\
		.notifyid = (id),					\
		.pa = 0,						\
	}

/**
 * FW_TRACE_ONLY_TABLE() - define a resource table with one trace entry
 * @buf: the trace buffer, an array
 *
 * Defines struct fw_trace_only_table and the table object fw_resources,
 * for images that need nothing but a trace buffer.
 */
#define FW_TRACE_ONLY_TABLE(buf)					\
	struct fw_trace_only_table {					\
		FW_RSC_TABLE_HDR(1) hdr;				\
		union fw_rsc_trace_entry trace;				\
	} __packed;							\
	FW_RESOURCE_TABLE struct fw_trace_only_table fw_resources = {	\
		.hdr = FW_RSC_TABLE_HDR_INIT(				\
			FW_RSC_OFFSET(struct fw_trace_only_table, trace)), \
		.trace = FW_RSC_TRACE_INIT(buf, "trace0"),		\
	}

#endif /* FW_RSC_H */
