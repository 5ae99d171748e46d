// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: validation of a resource table.
 *
 * The functions here only read the table they are given.  They neither
 * allocate nor change anything, which keeps them trivially testable
 * (remoteproc_rsc_test.c) and lets every caller run them on its own copy.
 */

#include <linux/align.h>
#include <linux/device.h>
#include <linux/overflow.h>
#include <linux/remoteproc.h>

#include "remoteproc_internal.h"

/**
 * DOC: what a checked table guarantees
 *
 * A resource table comes from the firmware file, so from user space, and
 * rproc_rsc_table_check() assumes nothing about it.  Once it returned 0 the
 * rest of the core may rely on the following, and on nothing else:
 *
 * - the header fits, its version is %RPROC_RSC_TABLE_VERSION and both its
 *   reserved words are zero;
 * - the array of @num offsets fits in the table;
 * - every offset is a multiple of 4;
 * - entries come in ascending order and do not overlap: the first one starts
 *   after the offset array and each later one starts at or after the end of
 *   the one before.  What the host writes back into an entry (addresses,
 *   features, status) can therefore never change the header, the offsets or
 *   another entry;
 * - every entry has room for its 4-byte type, and the type is a generic one
 *   (below %RSC_LAST) or a vendor one (%RSC_VENDOR_START up to, excluding,
 *   %RSC_VENDOR_END);
 * - generic entries fit whole: carveout, devmem and trace entries their fixed
 *   size, vdev entries their header, their vrings and their config space;
 * - carveout, devmem and trace entries have a non-zero length and a zero
 *   reserved word; vdev entries have zero reserved bytes and at most
 *   %RPROC_RSC_MAX_VRINGS vrings.
 *
 * A vendor entry is only known to hold its type.  Its handler learns how many
 * bytes follow from rproc_rsc_entry_avail() and must bound its own parsing.
 * Gaps between entries and bytes after the last one are allowed.
 *
 * The name fields need not be NUL-terminated: firmware may fill all
 * %RPROC_RSC_NAME_LEN bytes.  Consumers must bound them, with strnlen(),
 * strscpy() into a larger buffer or "%.*s".
 *
 * What depends on the platform (whether an address can be mapped, vring
 * sizes and alignment, notify ids) is left to the handlers in
 * remoteproc_rsc.c.
 */

/* Size of the type word that starts every entry. */
#define RSC_TYPE_SIZE	sizeof(struct fw_rsc_hdr)

static const char * const rproc_rsc_generic_names[RSC_LAST] = {
	[RSC_CARVEOUT]	= "carveout",
	[RSC_DEVMEM]	= "devmem",
	[RSC_TRACE]	= "trace",
	[RSC_VDEV]	= "vdev",
};

/**
 * rproc_rsc_type_name() - a printable name for a resource entry type
 * @type: the entry's type, as found in the table
 *
 * Context: Any context.
 * Return: "carveout", "devmem", "trace" or "vdev" for the generic types,
 * "vendor" for the vendor range and "unknown" for anything else.
 */
const char *rproc_rsc_type_name(u32 type)
{
	if (type < RSC_LAST)
		return rproc_rsc_generic_names[type];
	if (type >= RSC_VENDOR_START && type < RSC_VENDOR_END)
		return "vendor";
	return "unknown";
}

/*
 * Carveout and devmem entries share their layout.  @body points just past
 * the type word and holds at least sizeof(struct fw_rsc_carveout) bytes.
 */
static int rproc_rsc_check_memory(struct device *dev, u32 index, u32 type,
				  const void *body)
{
	const struct fw_rsc_carveout *mem = body;

	if (!mem->len) {
		dev_err(dev, "resource entry %u (%s): length is zero\n",
			index, rproc_rsc_type_name(type));
		return -EINVAL;
	}
	if (mem->reserved) {
		dev_err(dev, "resource entry %u (%s): reserved word is 0x%x, not zero\n",
			index, rproc_rsc_type_name(type), mem->reserved);
		return -EINVAL;
	}
	return 0;
}

static int rproc_rsc_check_trace(struct device *dev, u32 index,
				 const void *body)
{
	const struct fw_rsc_trace *trace = body;

	if (!trace->len) {
		dev_err(dev, "resource entry %u (trace): length is zero\n",
			index);
		return -EINVAL;
	}
	if (trace->reserved) {
		dev_err(dev, "resource entry %u (trace): reserved word is 0x%x, not zero\n",
			index, trace->reserved);
		return -EINVAL;
	}
	return 0;
}

/*
 * A vdev entry is variable-sized; on success *@need is its body size.
 * @body holds at least sizeof(struct fw_rsc_vdev) bytes, @avail in all.
 */
static int rproc_rsc_check_vdev(struct device *dev, u32 index, u32 offset,
				const void *body, size_t avail, size_t *need)
{
	const struct fw_rsc_vdev *vdev = body;

	if (vdev->reserved[0] || vdev->reserved[1]) {
		dev_err(dev, "resource entry %u (vdev): reserved bytes are 0x%02x 0x%02x, not zero\n",
			index, vdev->reserved[0], vdev->reserved[1]);
		return -EINVAL;
	}
	if (vdev->num_of_vrings > RPROC_RSC_MAX_VRINGS) {
		dev_err(dev, "resource entry %u (vdev): too many vrings: %u, at most %d\n",
			index, vdev->num_of_vrings, RPROC_RSC_MAX_VRINGS);
		return -EINVAL;
	}

	/* size_add() saturates, so a huge config_len cannot wrap around. */
	*need = size_add(struct_size(vdev, vring, vdev->num_of_vrings),
			 vdev->config_len);
	if (*need > avail) {
		dev_err(dev, "resource entry %u (vdev) at offset %u: %u vrings and %u config bytes need %zu bytes, only %zu left\n",
			index, offset, vdev->num_of_vrings, vdev->config_len,
			*need, avail);
		return -EINVAL;
	}
	return 0;
}

/* The size of the fixed part of a body, or 0 for vendor and unknown types. */
static size_t rproc_rsc_fixed_size(u32 type)
{
	switch (type) {
	case RSC_CARVEOUT:
		return sizeof(struct fw_rsc_carveout);
	case RSC_DEVMEM:
		return sizeof(struct fw_rsc_devmem);
	case RSC_TRACE:
		return sizeof(struct fw_rsc_trace);
	case RSC_VDEV:
		return sizeof(struct fw_rsc_vdev);
	default:
		return 0;
	}
}

/*
 * Checks the body of the entry of @type starting at @hdr, of which @avail
 * bytes (the type word included) lie inside the table.  On success *@end is
 * the entry's size, the type word included.
 */
static int rproc_rsc_check_body(struct device *dev, u32 index, u32 offset,
				const struct fw_rsc_hdr *hdr, size_t avail,
				size_t *end)
{
	u32 type = hdr->type;
	size_t body_avail = avail - RSC_TYPE_SIZE;
	size_t need = rproc_rsc_fixed_size(type);
	int ret = 0;

	if (type >= RSC_LAST &&
	    (type < RSC_VENDOR_START || type >= RSC_VENDOR_END)) {
		dev_err(dev, "resource entry %u at offset %u: unknown type %u\n",
			index, offset, type);
		return -EINVAL;
	}
	if (need > body_avail) {
		dev_err(dev, "resource entry %u (%s) at offset %u: needs %zu bytes, only %zu left\n",
			index, rproc_rsc_type_name(type), offset, need,
			body_avail);
		return -EINVAL;
	}

	switch (type) {
	case RSC_CARVEOUT:
	case RSC_DEVMEM:
		ret = rproc_rsc_check_memory(dev, index, type, hdr->data);
		break;
	case RSC_TRACE:
		ret = rproc_rsc_check_trace(dev, index, hdr->data);
		break;
	case RSC_VDEV:
		ret = rproc_rsc_check_vdev(dev, index, offset, hdr->data,
					   body_avail, &need);
		break;
	}

	*end = RSC_TYPE_SIZE + need;
	return ret;
}

/*
 * Checks entry @index.  Entries before it end at *@free_from (the first one
 * may start right after the offset array); on success *@free_from is moved
 * past this entry.
 */
static int rproc_rsc_check_entry(struct device *dev,
				 const struct resource_table *table,
				 size_t size, u32 index, size_t *free_from)
{
	u32 offset = table->offset[index];
	const struct fw_rsc_hdr *hdr;
	size_t len;
	int ret;

	if (offset >= size) {
		dev_err(dev, "resource entry %u: offset %u is outside the %zu-byte table\n",
			index, offset, size);
		return -EINVAL;
	}
	if (!IS_ALIGNED(offset, 4)) {
		dev_err(dev, "resource entry %u: offset %u is not a multiple of 4\n",
			index, offset);
		return -EINVAL;
	}
	if (size - offset < RSC_TYPE_SIZE) {
		dev_err(dev, "resource entry %u: offset %u leaves no room for its type in the %zu-byte table\n",
			index, offset, size);
		return -EINVAL;
	}
	if (offset < *free_from) {
		dev_err(dev, "resource entry %u: offset %u overlaps the offsets or the previous entry, which end at %zu\n",
			index, offset, *free_from);
		return -EINVAL;
	}

	hdr = (const void *)table + offset;
	ret = rproc_rsc_check_body(dev, index, offset, hdr, size - offset,
				   &len);
	if (ret)
		return ret;

	*free_from = offset + len;
	return 0;
}

/**
 * rproc_rsc_table_check() - validate a resource table before anything uses it
 * @dev: the device to report problems on
 * @table: the table, at any alignment
 * @size: how many bytes at @table belong to the table
 *
 * Checks the header, the offsets and every entry as described in "what a
 * checked table guarantees" above.  The first problem found is logged on
 * @dev, once, with the values that caused it.  Nothing is written.
 *
 * The table must not change between this check and its use: callers check
 * their own copy, never memory the remote can write to.
 *
 * Context: Any context.
 * Return: 0 if the table is well-formed, -EINVAL otherwise.
 */
int rproc_rsc_table_check(struct device *dev,
			  const struct resource_table *table, size_t size)
{
	size_t free_from;
	u32 i;
	int ret;

	if (size < sizeof(*table)) {
		dev_err(dev, "resource table truncated: %zu bytes, its header needs %zu\n",
			size, sizeof(*table));
		return -EINVAL;
	}
	if (table->ver != RPROC_RSC_TABLE_VERSION) {
		dev_err(dev, "resource table version %u unsupported, expected %d\n",
			table->ver, RPROC_RSC_TABLE_VERSION);
		return -EINVAL;
	}
	if (table->reserved[0] || table->reserved[1]) {
		dev_err(dev, "resource table reserved words are 0x%x 0x%x, not zero\n",
			table->reserved[0], table->reserved[1]);
		return -EINVAL;
	}

	/* struct_size() saturates to SIZE_MAX, which never fits. */
	free_from = struct_size(table, offset, table->num);
	if (free_from > size) {
		dev_err(dev, "resource table lists %u entries, whose offsets do not fit in its %zu bytes\n",
			table->num, size);
		return -EINVAL;
	}

	for (i = 0; i < table->num; i++) {
		ret = rproc_rsc_check_entry(dev, table, size, i, &free_from);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * rproc_rsc_entry_avail() - bytes from the start of an entry to the table's end
 * @table: a table rproc_rsc_table_check() accepted
 * @size: the size it was checked with
 * @index: the entry, below @table->num
 *
 * The count includes the entry's 4-byte type word.  It is what a handler of a
 * vendor entry may read, at most; subtract the type word for the body.
 *
 * Context: Any context.
 * Return: the number of bytes, or 0 if @index or the table is out of range.
 */
size_t rproc_rsc_entry_avail(const struct resource_table *table, size_t size,
			     u32 index)
{
	u32 offset;

	if (size < sizeof(*table) || index >= table->num ||
	    struct_size(table, offset, table->num) > size)
		return 0;

	offset = table->offset[index];
	return offset < size ? size - offset : 0;
}
