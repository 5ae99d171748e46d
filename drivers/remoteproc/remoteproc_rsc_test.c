// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the resource table checks (remoteproc_rsc_table.c).
 *
 * Each case starts from one well-formed table holding an entry of every kind,
 * changes one thing and checks the verdict.  The table is handed over in a
 * buffer of exactly the size under test, so that KASAN catches any read past
 * its end, and it is compared afterwards to make sure nothing was written.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "remoteproc_internal.h"

/*
 * The template table: a header with five offsets, then a carveout, a
 * devmem, a trace, a vdev with two vrings and 8 bytes of config space, and a
 * vendor entry with 8 bytes of payload, packed one after the other.
 */
#define RT_NUM		5
#define RT_HDR		sizeof(struct resource_table)
#define RT_CARVEOUT	(RT_HDR + RT_NUM * sizeof(u32))
#define RT_DEVMEM	(RT_CARVEOUT + 4 + sizeof(struct fw_rsc_carveout))
#define RT_TRACE	(RT_DEVMEM + 4 + sizeof(struct fw_rsc_devmem))
#define RT_VDEV		(RT_TRACE + 4 + sizeof(struct fw_rsc_trace))
#define RT_VDEV_CFG	8
#define RT_VDEV_LEN	(4 + sizeof(struct fw_rsc_vdev) + \
			 2 * sizeof(struct fw_rsc_vdev_vring) + RT_VDEV_CFG)
#define RT_VENDOR	(RT_VDEV + RT_VDEV_LEN)
#define RT_SIZE		(RT_VENDOR + 4 + 8)

static_assert(RT_SIZE == 284, "the template's layout changed");

struct rsc_test_ctx {
	struct device *dev;
	u8 table[RT_SIZE];
};

static struct resource_table *rt_hdr(u8 *t)
{
	return (struct resource_table *)t;
}

static void rt_put_type(u8 *t, size_t offset, u32 type)
{
	memcpy(t + offset, &type, sizeof(type));
}

static void *rt_body(u8 *t, size_t offset)
{
	return t + offset + 4;
}

static void rt_build(u8 *t)
{
	static const size_t offsets[RT_NUM] = {
		RT_CARVEOUT, RT_DEVMEM, RT_TRACE, RT_VDEV, RT_VENDOR
	};
	struct resource_table *hdr = rt_hdr(t);
	struct fw_rsc_carveout *co;
	struct fw_rsc_devmem *dm;
	struct fw_rsc_trace *tr;
	struct fw_rsc_vdev *vd;
	unsigned int i;

	memset(t, 0, RT_SIZE);
	hdr->ver = RPROC_RSC_TABLE_VERSION;
	hdr->num = RT_NUM;
	for (i = 0; i < RT_NUM; i++)
		hdr->offset[i] = offsets[i];

	rt_put_type(t, RT_CARVEOUT, RSC_CARVEOUT);
	co = rt_body(t, RT_CARVEOUT);
	co->da = 0x60100000;
	co->len = 0x10000;
	strscpy(co->name, "carveout0", sizeof(co->name));

	rt_put_type(t, RT_DEVMEM, RSC_DEVMEM);
	dm = rt_body(t, RT_DEVMEM);
	dm->da = 0x70000000;
	dm->pa = 0x70000000;
	dm->len = 0x1000;
	strscpy(dm->name, "regs", sizeof(dm->name));

	rt_put_type(t, RT_TRACE, RSC_TRACE);
	tr = rt_body(t, RT_TRACE);
	tr->da = 0x60200000;
	tr->len = 0x1000;
	strscpy(tr->name, "trace0", sizeof(tr->name));

	rt_put_type(t, RT_VDEV, RSC_VDEV);
	vd = rt_body(t, RT_VDEV);
	vd->id = 7;
	vd->config_len = RT_VDEV_CFG;
	vd->num_of_vrings = 2;
	for (i = 0; i < 2; i++) {
		vd->vring[i].da = FW_RSC_ADDR_ANY;
		vd->vring[i].align = 16;
		vd->vring[i].num = 8;
		vd->vring[i].notifyid = i;
	}

	rt_put_type(t, RT_VENDOR, RSC_VENDOR_START + 1);
}

/* ---------------------------------------------------------------------- */
/* Edits of the template, each one a test case                           */
/* ---------------------------------------------------------------------- */

static void rt_keep(u8 *t, size_t *size)
{
}

static void rt_empty(u8 *t, size_t *size)
{
	rt_hdr(t)->num = 0;
	*size = sizeof(struct resource_table);
}

static void rt_no_entries_trailing(u8 *t, size_t *size)
{
	rt_hdr(t)->num = 0;
}

static void rt_fewer_entries(u8 *t, size_t *size)
{
	rt_hdr(t)->num = 2;
}

static void rt_vendor_first(u8 *t, size_t *size)
{
	rt_put_type(t, RT_VENDOR, RSC_VENDOR_START);
}

static void rt_vendor_last(u8 *t, size_t *size)
{
	rt_put_type(t, RT_VENDOR, RSC_VENDOR_END - 1);
}

static void rt_vendor_type_only(u8 *t, size_t *size)
{
	*size = RT_VENDOR + 4;
}

static void rt_vdev_no_vrings(u8 *t, size_t *size)
{
	struct fw_rsc_vdev *vd = rt_body(t, RT_VDEV);

	vd->num_of_vrings = 0;
	vd->config_len = 0;
}

static void rt_full_names(u8 *t, size_t *size)
{
	memset(((struct fw_rsc_carveout *)rt_body(t, RT_CARVEOUT))->name, 'c',
	       RPROC_RSC_NAME_LEN);
	memset(((struct fw_rsc_trace *)rt_body(t, RT_TRACE))->name, 't',
	       RPROC_RSC_NAME_LEN);
}

static void rt_size_zero(u8 *t, size_t *size)
{
	*size = 0;
}

static void rt_size_short(u8 *t, size_t *size)
{
	*size = sizeof(struct resource_table) - 1;
}

static void rt_ver_0(u8 *t, size_t *size)
{
	rt_hdr(t)->ver = 0;
}

static void rt_ver_2(u8 *t, size_t *size)
{
	rt_hdr(t)->ver = 2;
}

static void rt_reserved_0(u8 *t, size_t *size)
{
	rt_hdr(t)->reserved[0] = 1;
}

static void rt_reserved_1(u8 *t, size_t *size)
{
	rt_hdr(t)->reserved[1] = 0x80000000;
}

static void rt_num_max(u8 *t, size_t *size)
{
	rt_hdr(t)->num = U32_MAX;
}

static void rt_num_just_too_many(u8 *t, size_t *size)
{
	rt_hdr(t)->num = (RT_SIZE - sizeof(struct resource_table)) / 4 + 1;
}

static void rt_offset_at_end(u8 *t, size_t *size)
{
	rt_hdr(t)->offset[0] = RT_SIZE;
}

static void rt_offset_huge(u8 *t, size_t *size)
{
	rt_hdr(t)->offset[4] = 0xfffffffc;
}

static void rt_offset_max(u8 *t, size_t *size)
{
	rt_hdr(t)->offset[4] = U32_MAX;
}

static void rt_offset_misaligned(u8 *t, size_t *size)
{
	rt_hdr(t)->offset[4] = RT_VENDOR + 2;
}

static void rt_no_room_for_type(u8 *t, size_t *size)
{
	*size = RT_VENDOR + 3;
}

static void rt_offset_in_header(u8 *t, size_t *size)
{
	rt_hdr(t)->offset[0] = 0;
}

static void rt_offset_in_offsets(u8 *t, size_t *size)
{
	rt_hdr(t)->offset[0] = sizeof(struct resource_table);
}

static void rt_offsets_swapped(u8 *t, size_t *size)
{
	swap(rt_hdr(t)->offset[0], rt_hdr(t)->offset[1]);
}

static void rt_offsets_duplicated(u8 *t, size_t *size)
{
	rt_hdr(t)->offset[1] = RT_CARVEOUT;
}

static void rt_entries_overlap(u8 *t, size_t *size)
{
	rt_hdr(t)->offset[1] = RT_DEVMEM - 4;
}

static void rt_entry_grows_into_next(u8 *t, size_t *size)
{
	struct fw_rsc_trace *tr = rt_body(t, RT_TRACE);

	/*
	 * A trace retyped as a carveout is 8 bytes longer, so it reaches into
	 * the vdev.  Its fields are set so that, read as a carveout, they are
	 * valid: the length is the trace's reserved word, the reserved word
	 * is in the name.
	 */
	tr->reserved = 1;
	memset(tr->name, 0, sizeof(tr->name));
	rt_put_type(t, RT_TRACE, RSC_CARVEOUT);
}

static void rt_carveout_cut(u8 *t, size_t *size)
{
	rt_hdr(t)->num = 1;
	*size = RT_DEVMEM - 1;
}

static void rt_devmem_cut(u8 *t, size_t *size)
{
	rt_hdr(t)->num = 2;
	*size = RT_TRACE - 1;
}

static void rt_trace_cut(u8 *t, size_t *size)
{
	rt_hdr(t)->num = 3;
	*size = RT_VDEV - 1;
}

static void rt_vdev_header_cut(u8 *t, size_t *size)
{
	rt_hdr(t)->num = 4;
	*size = RT_VDEV + 4 + sizeof(struct fw_rsc_vdev) - 1;
}

static void rt_vdev_vrings_cut(u8 *t, size_t *size)
{
	rt_hdr(t)->num = 4;
	*size = RT_VDEV + 4 + sizeof(struct fw_rsc_vdev) +
		2 * sizeof(struct fw_rsc_vdev_vring) - 1;
}

static void rt_vdev_config_cut(u8 *t, size_t *size)
{
	rt_hdr(t)->num = 4;
	*size = RT_VENDOR - 1;
}

static void rt_vdev_config_huge(u8 *t, size_t *size)
{
	((struct fw_rsc_vdev *)rt_body(t, RT_VDEV))->config_len = U32_MAX;
}

static void rt_vdev_config_grows(u8 *t, size_t *size)
{
	struct fw_rsc_vdev *vd = rt_body(t, RT_VDEV);

	vd->config_len = RT_VDEV_CFG + 4;
}

static void rt_vdev_3_vrings(u8 *t, size_t *size)
{
	((struct fw_rsc_vdev *)rt_body(t, RT_VDEV))->num_of_vrings = 3;
}

static void rt_vdev_255_vrings(u8 *t, size_t *size)
{
	((struct fw_rsc_vdev *)rt_body(t, RT_VDEV))->num_of_vrings = 255;
}

static void rt_vdev_reserved_0(u8 *t, size_t *size)
{
	((struct fw_rsc_vdev *)rt_body(t, RT_VDEV))->reserved[0] = 1;
}

static void rt_vdev_reserved_1(u8 *t, size_t *size)
{
	((struct fw_rsc_vdev *)rt_body(t, RT_VDEV))->reserved[1] = 0x80;
}

static void rt_type_last(u8 *t, size_t *size)
{
	rt_put_type(t, RT_VENDOR, RSC_LAST);
}

static void rt_type_before_vendor(u8 *t, size_t *size)
{
	rt_put_type(t, RT_VENDOR, RSC_VENDOR_START - 1);
}

static void rt_type_vendor_end(u8 *t, size_t *size)
{
	rt_put_type(t, RT_VENDOR, RSC_VENDOR_END);
}

static void rt_type_max(u8 *t, size_t *size)
{
	rt_put_type(t, RT_CARVEOUT, U32_MAX);
}

static void rt_carveout_len_0(u8 *t, size_t *size)
{
	((struct fw_rsc_carveout *)rt_body(t, RT_CARVEOUT))->len = 0;
}

static void rt_devmem_len_0(u8 *t, size_t *size)
{
	((struct fw_rsc_devmem *)rt_body(t, RT_DEVMEM))->len = 0;
}

static void rt_trace_len_0(u8 *t, size_t *size)
{
	((struct fw_rsc_trace *)rt_body(t, RT_TRACE))->len = 0;
}

static void rt_carveout_reserved(u8 *t, size_t *size)
{
	((struct fw_rsc_carveout *)rt_body(t, RT_CARVEOUT))->reserved = 1;
}

static void rt_devmem_reserved(u8 *t, size_t *size)
{
	((struct fw_rsc_devmem *)rt_body(t, RT_DEVMEM))->reserved = 1;
}

static void rt_trace_reserved(u8 *t, size_t *size)
{
	((struct fw_rsc_trace *)rt_body(t, RT_TRACE))->reserved = 1;
}

struct rsc_case {
	const char *desc;
	void (*edit)(u8 *table, size_t *size);
};

static const struct rsc_case rsc_valid_cases[] = {
	{ "template", rt_keep },
	{ "empty table", rt_empty },
	{ "no entries, trailing bytes", rt_no_entries_trailing },
	{ "entries leave bytes unused", rt_fewer_entries },
	{ "first vendor type", rt_vendor_first },
	{ "last vendor type", rt_vendor_last },
	{ "vendor entry of its type only", rt_vendor_type_only },
	{ "vdev without vrings leaves a gap", rt_vdev_no_vrings },
	{ "names without NUL", rt_full_names },
};

static const struct rsc_case rsc_invalid_cases[] = {
	{ "size 0", rt_size_zero },
	{ "size below the header", rt_size_short },
	{ "version 0", rt_ver_0 },
	{ "version 2", rt_ver_2 },
	{ "reserved word 0 set", rt_reserved_0 },
	{ "reserved word 1 set", rt_reserved_1 },
	{ "num U32_MAX", rt_num_max },
	{ "num one more than fits", rt_num_just_too_many },
	{ "offset at the end", rt_offset_at_end },
	{ "offset 0xfffffffc", rt_offset_huge },
	{ "offset U32_MAX", rt_offset_max },
	{ "offset not a multiple of 4", rt_offset_misaligned },
	{ "no room for the type", rt_no_room_for_type },
	{ "entry in the header", rt_offset_in_header },
	{ "entry in the offset array", rt_offset_in_offsets },
	{ "entries out of order", rt_offsets_swapped },
	{ "two offsets to one entry", rt_offsets_duplicated },
	{ "entries overlap", rt_entries_overlap },
	{ "retyped entry grows into the next", rt_entry_grows_into_next },
	{ "carveout cut short", rt_carveout_cut },
	{ "devmem cut short", rt_devmem_cut },
	{ "trace cut short", rt_trace_cut },
	{ "vdev header cut short", rt_vdev_header_cut },
	{ "vdev vrings cut short", rt_vdev_vrings_cut },
	{ "vdev config cut short", rt_vdev_config_cut },
	{ "vdev config_len U32_MAX", rt_vdev_config_huge },
	{ "vdev config grows into the next", rt_vdev_config_grows },
	{ "vdev with 3 vrings", rt_vdev_3_vrings },
	{ "vdev with 255 vrings", rt_vdev_255_vrings },
	{ "vdev reserved byte 0 set", rt_vdev_reserved_0 },
	{ "vdev reserved byte 1 set", rt_vdev_reserved_1 },
	{ "type RSC_LAST", rt_type_last },
	{ "type RSC_VENDOR_START - 1", rt_type_before_vendor },
	{ "type RSC_VENDOR_END", rt_type_vendor_end },
	{ "type U32_MAX", rt_type_max },
	{ "carveout of length 0", rt_carveout_len_0 },
	{ "devmem of length 0", rt_devmem_len_0 },
	{ "trace of length 0", rt_trace_len_0 },
	{ "carveout reserved set", rt_carveout_reserved },
	{ "devmem reserved set", rt_devmem_reserved },
	{ "trace reserved set", rt_trace_reserved },
};

static void rsc_case_desc(const struct rsc_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rsc_valid, rsc_valid_cases, rsc_case_desc);
KUNIT_ARRAY_PARAM(rsc_invalid, rsc_invalid_cases, rsc_case_desc);

/*
 * Applies the case's edit to the template and checks the result in a buffer
 * of exactly the edited size.  Return: what rproc_rsc_table_check() said.
 */
static int rsc_run_case(struct kunit *test, const struct rsc_case *c)
{
	struct rsc_test_ctx *ctx = test->priv;
	size_t size = RT_SIZE;
	u8 *exact;
	int ret;

	rt_build(ctx->table);
	c->edit(ctx->table, &size);
	KUNIT_ASSERT_LE(test, size, RT_SIZE);

	exact = kunit_kmalloc(test, size ? size : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, exact);
	memcpy(exact, ctx->table, size);

	ret = rproc_rsc_table_check(ctx->dev, (void *)exact, size);
	KUNIT_EXPECT_EQ_MSG(test, memcmp(exact, ctx->table, size), 0,
			    "the check wrote to the table");
	return ret;
}

static void rsc_test_valid(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rsc_run_case(test, test->param_value), 0);
}

static void rsc_test_invalid(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rsc_run_case(test, test->param_value), -EINVAL);
}

/* Nothing in the table needs alignment: check one at an odd address. */
static void rsc_test_unaligned_table(struct kunit *test)
{
	struct rsc_test_ctx *ctx = test->priv;
	u8 *buf = kunit_kmalloc(test, RT_SIZE + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	rt_build(ctx->table);
	memcpy(buf + 1, ctx->table, RT_SIZE);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_check(ctx->dev,
						    (void *)(buf + 1), RT_SIZE),
			0);

	rt_ver_2(buf + 1, NULL);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_check(ctx->dev,
						    (void *)(buf + 1), RT_SIZE),
			-EINVAL);
}

static void rsc_test_entry_avail(struct kunit *test)
{
	struct rsc_test_ctx *ctx = test->priv;
	struct resource_table *table = rt_hdr(ctx->table);
	u32 i;

	rt_build(ctx->table);
	KUNIT_ASSERT_EQ(test, rproc_rsc_table_check(ctx->dev, table, RT_SIZE),
			0);

	KUNIT_EXPECT_EQ(test, rproc_rsc_entry_avail(table, RT_SIZE, 0),
			RT_SIZE - RT_CARVEOUT);
	KUNIT_EXPECT_EQ(test, rproc_rsc_entry_avail(table, RT_SIZE, 3),
			RT_SIZE - RT_VDEV);
	KUNIT_EXPECT_EQ(test, rproc_rsc_entry_avail(table, RT_SIZE, 4),
			(size_t)12);
	for (i = 0; i < RT_NUM; i++)
		KUNIT_EXPECT_EQ(test, rproc_rsc_entry_avail(table, RT_SIZE, i),
				RT_SIZE - table->offset[i]);

	/* Out of range: the index, the size, the offsets. */
	KUNIT_EXPECT_EQ(test, rproc_rsc_entry_avail(table, RT_SIZE, RT_NUM),
			(size_t)0);
	KUNIT_EXPECT_EQ(test, rproc_rsc_entry_avail(table, RT_SIZE, U32_MAX),
			(size_t)0);
	KUNIT_EXPECT_EQ(test, rproc_rsc_entry_avail(table, 8, 0), (size_t)0);
	KUNIT_EXPECT_EQ(test, rproc_rsc_entry_avail(table, RT_CARVEOUT - 1, 0),
			(size_t)0);
	table->offset[0] = RT_SIZE + 4;
	KUNIT_EXPECT_EQ(test, rproc_rsc_entry_avail(table, RT_SIZE, 0),
			(size_t)0);
}

static void rsc_test_type_name(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, rproc_rsc_type_name(RSC_CARVEOUT), "carveout");
	KUNIT_EXPECT_STREQ(test, rproc_rsc_type_name(RSC_DEVMEM), "devmem");
	KUNIT_EXPECT_STREQ(test, rproc_rsc_type_name(RSC_TRACE), "trace");
	KUNIT_EXPECT_STREQ(test, rproc_rsc_type_name(RSC_VDEV), "vdev");
	KUNIT_EXPECT_STREQ(test, rproc_rsc_type_name(RSC_LAST), "unknown");
	KUNIT_EXPECT_STREQ(test, rproc_rsc_type_name(RSC_VENDOR_START - 1),
			   "unknown");
	KUNIT_EXPECT_STREQ(test, rproc_rsc_type_name(RSC_VENDOR_START),
			   "vendor");
	KUNIT_EXPECT_STREQ(test, rproc_rsc_type_name(RSC_VENDOR_END - 1),
			   "vendor");
	KUNIT_EXPECT_STREQ(test, rproc_rsc_type_name(RSC_VENDOR_END),
			   "unknown");
	KUNIT_EXPECT_STREQ(test, rproc_rsc_type_name(U32_MAX), "unknown");
}

static void rsc_test_release(struct device *dev)
{
	kfree(dev);
}

static int rsc_test_init(struct kunit *test)
{
	struct rsc_test_ctx *ctx;
	struct device *dev;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;

	device_initialize(dev);
	dev->release = rsc_test_release;
	ctx->dev = dev;
	test->priv = ctx;
	return dev_set_name(dev, "rproc-rsc-test");
}

static void rsc_test_exit(struct kunit *test)
{
	struct rsc_test_ctx *ctx = test->priv;

	if (ctx)
		put_device(ctx->dev);
}

static struct kunit_case rsc_test_cases[] = {
	KUNIT_CASE_PARAM(rsc_test_valid, rsc_valid_gen_params),
	KUNIT_CASE_PARAM(rsc_test_invalid, rsc_invalid_gen_params),
	KUNIT_CASE(rsc_test_unaligned_table),
	KUNIT_CASE(rsc_test_entry_avail),
	KUNIT_CASE(rsc_test_type_name),
	{}
};

static struct kunit_suite rsc_test_suite = {
	.name = "remoteproc_rsc_table",
	.init = rsc_test_init,
	.exit = rsc_test_exit,
	.test_cases = rsc_test_cases,
};

kunit_test_suite(rsc_test_suite);
