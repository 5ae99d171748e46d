/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fuzz_common.h - what the fuzz targets share: the libFuzzer entry points,
 * a fake remote processor, and a reference model of the resource table
 * check written from its documentation ("what a checked table guarantees"
 * in drivers/remoteproc/remoteproc_rsc_table.c), not from its code.
 *
 * Each target compiles kernel files unchanged against the shim (shim/),
 * and crashes on any ASan/UBSan report, any WARN_ON() of the kernel code,
 * and any broken contract it checks with KSHIM_ASSERT().  When a parser's
 * documented contract changes on purpose, its model here (or in the
 * target) changes with it.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <kshim.h>
#include <linux/remoteproc.h>

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Little-endian reads at any alignment, as the model sees the bytes. */
static inline u16 get_le16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static inline u32 get_le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static inline u64 get_le64(const u8 *p)
{
	return get_le32(p) | (u64)get_le32(p + 4) << 32;
}

/* The generic entries' fixed body sizes, from the wire format. */
#define MODEL_CARVEOUT_SIZE	(5 * 4 + RPROC_RSC_NAME_LEN)
#define MODEL_DEVMEM_SIZE	(5 * 4 + RPROC_RSC_NAME_LEN)
#define MODEL_TRACE_SIZE	(3 * 4 + RPROC_RSC_NAME_LEN)
#define MODEL_VDEV_SIZE		(5 * 4 + 4)
#define MODEL_VRING_SIZE	(5 * 4)
#define MODEL_TABLE_HDR		16

/**
 * struct model_entry - one entry of a table the model accepted
 * @offset: offset of its type word in the table
 * @type: its type
 * @end: offset just past what the entry is known to hold
 */
struct model_entry {
	u32 offset;
	u32 type;
	u64 end;
};

/*
 * The documented rules, one by one.  Returns true when the table is
 * acceptable; fills @entries (room for @max) with what it accepted.
 */
static inline bool model_rsc_table_ok(const u8 *t, size_t size,
				      struct model_entry *entries,
				      size_t max)
{
	u64 free_from;
	u32 num, i;

	if (size < MODEL_TABLE_HDR)
		return false;
	if (get_le32(t) != RPROC_RSC_TABLE_VERSION)
		return false;
	if (get_le32(t + 8) || get_le32(t + 12))
		return false;
	num = get_le32(t + 4);
	free_from = MODEL_TABLE_HDR + 4ULL * num;
	if (free_from > size)
		return false;

	for (i = 0; i < num; i++) {
		u32 off = get_le32(t + MODEL_TABLE_HDR + 4 * i);
		const u8 *e = t + off;
		u64 body_avail, need;
		u32 type;

		if (off % 4 || (u64)off + 4 > size || off < free_from)
			return false;
		type = get_le32(e);
		body_avail = size - off - 4;
		switch (type) {
		case RSC_CARVEOUT:
		case RSC_DEVMEM:
			need = MODEL_CARVEOUT_SIZE;
			if (need > body_avail)
				return false;
			/* len at +8, reserved at +16 of the body */
			if (!get_le32(e + 4 + 8) || get_le32(e + 4 + 16))
				return false;
			break;
		case RSC_TRACE:
			need = MODEL_TRACE_SIZE;
			if (need > body_avail)
				return false;
			/* len at +4, reserved at +8 */
			if (!get_le32(e + 4 + 4) || get_le32(e + 4 + 8))
				return false;
			break;
		case RSC_VDEV:
			need = MODEL_VDEV_SIZE;
			if (need > body_avail)
				return false;
			/* config_len at +16, num_of_vrings at +21, reserved */
			if (e[4 + 22] || e[4 + 23])
				return false;
			if (e[4 + 21] > RPROC_RSC_MAX_VRINGS)
				return false;
			need += (u64)MODEL_VRING_SIZE * e[4 + 21] +
				get_le32(e + 4 + 16);
			if (need > body_avail)
				return false;
			break;
		default:
			if (type < RSC_VENDOR_START || type >= RSC_VENDOR_END)
				return false;
			need = 0;
			break;
		}
		if (i < max) {
			entries[i].offset = off;
			entries[i].type = type;
			entries[i].end = off + 4 + need;
		}
		free_from = off + 4 + need;
	}
	return true;
}

/* A remote processor as the parsers see it: a device and its lists. */
static inline void fuzz_rproc_init(struct rproc *rproc, struct rproc_ops *ops)
{
	memset(rproc, 0, sizeof(*rproc));
	rproc->dev.init_name = "remoteproc0";
	device_initialize(&rproc->dev);
	rproc->name = "fuzz";
	rproc->ops = ops;
	mutex_init(&rproc->lock);
	INIT_LIST_HEAD(&rproc->carveouts);
	INIT_LIST_HEAD(&rproc->mappings);
	INIT_LIST_HEAD(&rproc->traces);
	INIT_LIST_HEAD(&rproc->rvdevs);
	INIT_LIST_HEAD(&rproc->subdevs);
	INIT_LIST_HEAD(&rproc->dump_segments);
	idr_init(&rproc->notifyids);
	rproc->max_notifyid = -1;
}

/* Errors logged since kshim_log_reset(). */
static inline unsigned long fuzz_errors(void)
{
	return kshim_log_count[KSHIM_ERR];
}

#endif /* FUZZ_COMMON_H */
