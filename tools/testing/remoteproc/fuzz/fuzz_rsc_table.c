// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_rsc_table - rproc_rsc_table_check() and rproc_rsc_entry_avail()
 * (drivers/remoteproc/remoteproc_rsc_table.c) on any bytes.
 *
 * Input: the resource table, as found in a ".resource_table" section.  The
 * last byte of the input also picks the table's alignment (0 to 3 bytes
 * off a malloc()ed buffer's start), since the check must work at any.
 *
 * Contract checked, besides ASan/UBSan:
 *  - the verdict is the reference model's (fuzz_common.h), both ways;
 *  - a rejected table is logged exactly once, an accepted one not at all;
 *  - the table is not written;
 *  - rproc_rsc_entry_avail() is, for each accepted entry, the bytes from
 *    its offset to the table's end (at least its 4-byte type), and 0 for
 *    an index out of range; on any input it never exceeds the size;
 *  - rproc_rsc_type_name() names every type.
 */

#include "fuzz_common.h"
#include "remoteproc_internal.h"

#define MAX_ENTRIES 4096

static struct model_entry entries[MAX_ENTRIES];

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct device dev = { .init_name = "remoteproc0" };
	const struct resource_table *table;
	unsigned int skew = size ? data[size - 1] % 4 : 0;
	bool model_ok;
	u8 *buf;
	u32 num, i;
	int ret;

	/* Exactly @size bytes end the buffer: ASan sees any overread. */
	buf = malloc(skew + size + 1);
	memcpy(buf + skew, data, size);
	table = (const void *)(buf + skew);

	kshim_log_reset();
	ret = rproc_rsc_table_check(&dev, table, size);
	model_ok = model_rsc_table_ok(data, size, entries, MAX_ENTRIES);

	KSHIM_ASSERT(ret == 0 || ret == -EINVAL, "ret %d", ret);
	KSHIM_ASSERT(!ret == model_ok, "check says %d, the model %s", ret,
		     model_ok ? "accepts" : "rejects");
	KSHIM_ASSERT(fuzz_errors() == (ret ? 1 : 0), "%lu errors logged, ret %d",
		     fuzz_errors(), ret);
	KSHIM_ASSERT(!memcmp(buf + skew, data, size), "the table was written");

	/* entry_avail() defends itself on any table. */
	num = size >= 8 ? get_le32(data + 4) : 0;
	for (i = 0; i < 4; i++) {
		u32 idx = i < 2 ? i : num - 3 + i;	/* 0, 1, num-1, num */
		size_t avail = rproc_rsc_entry_avail(table, size, idx);

		KSHIM_ASSERT(avail <= size, "avail %zu > size %zu", avail, size);
		if (idx >= num)
			KSHIM_ASSERT(!avail, "entry %u of %u: avail %zu", idx,
				     num, avail);
	}

	if (!ret) {
		for (i = 0; i < num && i < MAX_ENTRIES; i++) {
			size_t avail = rproc_rsc_entry_avail(table, size, i);
			const struct model_entry *e = &entries[i];

			KSHIM_ASSERT(avail == size - e->offset && avail >= 4,
				     "entry %u at %u: avail %zu of %zu", i,
				     e->offset, avail, size);
			KSHIM_ASSERT(e->end <= size, "entry %u ends at %llu",
				     i, (unsigned long long)e->end);
			KSHIM_ASSERT(rproc_rsc_type_name(e->type) != NULL,
				     "type %u", e->type);
		}
	}
	KSHIM_ASSERT(rproc_rsc_type_name(size ? data[0] << (data[0] % 24) : 0),
		     "no name");

	free(buf);
	return 0;
}
