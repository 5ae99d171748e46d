// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for coredumps (remoteproc_coredump.c).
 *
 * A fake remote has one buffer of memory at TEST_DA.  Its dumps have three
 * segments: part of that buffer, a range nothing maps (dumped as 0xff) and
 * one with a reader of its own.  The files are laid out and written in both
 * ELF classes and read back field by field, then whole and in pieces.
 * Segment lists that cannot be described, the segment list API and the
 * "coredump" setting are tested too.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/elf.h>
#include <linux/kernel.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "remoteproc_internal.h"
#include "remoteproc_coredump.h"

/* The fake remote. */
#define TEST_DA		0x30000000ULL
#define TEST_MEM_SIZE	0x400
#define TEST_NAME	"dump-test"
#define TEST_FW		"dump-test.elf"

/* Its segments: mapped, not mapped, with a reader. */
#define SEG_MAPPED_DA	(TEST_DA + 0x80)
#define SEG_MAPPED_LEN	0x100
#define SEG_HOLE_DA	0x1000ULL
#define SEG_HOLE_LEN	0x20
#define SEG_CUSTOM_DA	0x5000ULL
#define SEG_CUSTOM_LEN	0x30
#define TEST_NSEGS	3

/* Both notes: header, "REMOTEPROC\0" padded to 12, the name padded. */
#define NOTE_FW_SIZE	(12 + 12 + 16)
#define NOTE_NAME_SIZE	(12 + 12 + 12)
#define NOTES_SIZE	(NOTE_FW_SIZE + NOTE_NAME_SIZE)
#define DATA_SIZE	(SEG_MAPPED_LEN + SEG_HOLE_LEN + SEG_CUSTOM_LEN)

struct dump_test_ctx {
	struct rproc *rproc;
	struct rproc_ops ops;
	u8 *mem;
};

/**
 * struct dump_class_case - one ELF class and the layout expected for it
 * @class: %ELFCLASS32 or %ELFCLASS64
 * @machine: e_machine to use
 * @ehdr_size: size of its ELF header
 * @phdr_size: size of its program headers
 * @note_off: where the notes must start
 * @data_off: where the segments must start
 */
struct dump_class_case {
	u8 class;
	u16 machine;
	size_t ehdr_size;
	size_t phdr_size;
	size_t note_off;
	size_t data_off;
};

static const struct dump_class_case dump_class_cases[] = {
	{ ELFCLASS32, EM_ARM, 52, 32, 52 + 4 * 32, 52 + 4 * 32 + NOTES_SIZE },
	{ ELFCLASS64, EM_X86_64, 64, 56, 64 + 4 * 56, 64 + 4 * 56 + NOTES_SIZE },
};

static void dump_class_desc(const struct dump_class_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "ELF%d",
		 c->class == ELFCLASS32 ? 32 : 64);
}

KUNIT_ARRAY_PARAM(dump_class, dump_class_cases, dump_class_desc);

/* ---------------------------------------------------------------------- */
/* The fake remote                                                        */
/* ---------------------------------------------------------------------- */

static void *dump_test_da_to_va(struct rproc *rproc, u64 da, size_t len,
				bool *is_iomem)
{
	struct dump_test_ctx *ctx = rproc->priv;

	if (da < TEST_DA || da - TEST_DA > TEST_MEM_SIZE ||
	    len > TEST_MEM_SIZE - (da - TEST_DA))
		return NULL;
	if (is_iomem)
		*is_iomem = false;
	return ctx->mem + (da - TEST_DA);
}

/* The custom segment's reader: byte i of the segment is i ^ 0x5a. */
static void dump_test_custom(struct rproc *rproc,
			     struct rproc_dump_segment *segment, void *dest,
			     size_t offset, size_t size)
{
	u8 *d = dest;
	size_t i;

	for (i = 0; i < size; i++)
		d[i] = (offset + i) ^ 0x5a;
}

static u8 dump_test_mem_byte(size_t i)
{
	return i * 7 + 3;
}

static void dump_test_release(struct device *dev)
{
	kfree(container_of(dev, struct rproc, dev));
}

static int dump_test_init(struct kunit *test)
{
	struct dump_test_ctx *ctx;
	struct rproc *rproc;
	size_t i;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->mem = kunit_kmalloc(test, TEST_MEM_SIZE, GFP_KERNEL);
	rproc = kzalloc(sizeof(*rproc), GFP_KERNEL);
	if (!ctx->mem || !rproc) {
		kfree(rproc);
		return -ENOMEM;
	}
	for (i = 0; i < TEST_MEM_SIZE; i++)
		ctx->mem[i] = dump_test_mem_byte(i);

	device_initialize(&rproc->dev);
	rproc->dev.release = dump_test_release;
	mutex_init(&rproc->lock);
	INIT_LIST_HEAD(&rproc->carveouts);
	INIT_LIST_HEAD(&rproc->dump_segments);
	ctx->ops.da_to_va = dump_test_da_to_va;
	rproc->ops = &ctx->ops;
	rproc->priv = ctx;
	rproc->name = TEST_NAME;
	rproc->firmware = TEST_FW;
	rproc->state = RPROC_OFFLINE;
	ctx->rproc = rproc;
	test->priv = ctx;
	return dev_set_name(&rproc->dev, "rproc-dump-test");
}

static void dump_test_exit(struct kunit *test)
{
	struct dump_test_ctx *ctx = test->priv;

	if (!ctx)
		return;
	rproc_coredump_cleanup(ctx->rproc);
	put_device(&ctx->rproc->dev);
}

static void dump_test_add_segments(struct kunit *test, struct rproc *rproc)
{
	KUNIT_ASSERT_EQ(test, rproc_coredump_add_segment(rproc, SEG_MAPPED_DA,
							 SEG_MAPPED_LEN), 0);
	KUNIT_ASSERT_EQ(test, rproc_coredump_add_segment(rproc, SEG_HOLE_DA,
							 SEG_HOLE_LEN), 0);
	KUNIT_ASSERT_EQ(test,
			rproc_coredump_add_custom_segment(rproc, SEG_CUSTOM_DA,
							  SEG_CUSTOM_LEN,
							  dump_test_custom,
							  NULL), 0);
}

/* Lays out the dump of the three segments in the class of @c. */
static void dump_test_plan(struct kunit *test,
			   const struct dump_class_case *c,
			   struct rproc_dump_layout *layout)
{
	struct rproc *rproc = ((struct dump_test_ctx *)test->priv)->rproc;
	struct rproc_dump_info info;

	dump_test_add_segments(test, rproc);
	KUNIT_ASSERT_EQ(test, rproc_coredump_set_elf_info(rproc, c->class,
							  c->machine), 0);
	rproc_dump_get_info(rproc, &info);
	KUNIT_ASSERT_EQ(test, rproc_dump_plan(layout, &info,
					      &rproc->dump_segments), 0);
}

/* ---------------------------------------------------------------------- */
/* Reading the headers back, whatever the class                           */
/* ---------------------------------------------------------------------- */

struct test_ehdr {
	u8 ident[EI_NIDENT];
	u64 type, machine, version, entry, phoff, shoff;
	u64 ehsize, phentsize, phnum, shentsize, shnum;
};

struct test_phdr {
	u64 type, flags, offset, vaddr, paddr, filesz, memsz, align;
};

static void test_read_ehdr(const u8 *buf, u8 class, struct test_ehdr *t)
{
	struct elf32_hdr h32;
	struct elf64_hdr h64;

	if (class == ELFCLASS32) {
		memcpy(&h32, buf, sizeof(h32));
		memcpy(t->ident, h32.e_ident, EI_NIDENT);
		t->type = h32.e_type;
		t->machine = h32.e_machine;
		t->version = h32.e_version;
		t->entry = h32.e_entry;
		t->phoff = h32.e_phoff;
		t->shoff = h32.e_shoff;
		t->ehsize = h32.e_ehsize;
		t->phentsize = h32.e_phentsize;
		t->phnum = h32.e_phnum;
		t->shentsize = h32.e_shentsize;
		t->shnum = h32.e_shnum;
	} else {
		memcpy(&h64, buf, sizeof(h64));
		memcpy(t->ident, h64.e_ident, EI_NIDENT);
		t->type = h64.e_type;
		t->machine = h64.e_machine;
		t->version = h64.e_version;
		t->entry = h64.e_entry;
		t->phoff = h64.e_phoff;
		t->shoff = h64.e_shoff;
		t->ehsize = h64.e_ehsize;
		t->phentsize = h64.e_phentsize;
		t->phnum = h64.e_phnum;
		t->shentsize = h64.e_shentsize;
		t->shnum = h64.e_shnum;
	}
}

static void test_read_phdr(const u8 *buf, u8 class, struct test_phdr *t)
{
	struct elf32_phdr p32;
	struct elf64_phdr p64;

	if (class == ELFCLASS32) {
		memcpy(&p32, buf, sizeof(p32));
		t->type = p32.p_type;
		t->flags = p32.p_flags;
		t->offset = p32.p_offset;
		t->vaddr = p32.p_vaddr;
		t->paddr = p32.p_paddr;
		t->filesz = p32.p_filesz;
		t->memsz = p32.p_memsz;
		t->align = p32.p_align;
	} else {
		memcpy(&p64, buf, sizeof(p64));
		t->type = p64.p_type;
		t->flags = p64.p_flags;
		t->offset = p64.p_offset;
		t->vaddr = p64.p_vaddr;
		t->paddr = p64.p_paddr;
		t->filesz = p64.p_filesz;
		t->memsz = p64.p_memsz;
		t->align = p64.p_align;
	}
}

/* ---------------------------------------------------------------------- */
/* Layout and headers                                                     */
/* ---------------------------------------------------------------------- */

static void dump_test_layout(struct kunit *test)
{
	const struct dump_class_case *c = test->param_value;
	struct rproc *rproc = ((struct dump_test_ctx *)test->priv)->rproc;
	static const size_t lens[TEST_NSEGS] = {
		SEG_MAPPED_LEN, SEG_HOLE_LEN, SEG_CUSTOM_LEN,
	};
	struct rproc_dump_layout layout;
	struct rproc_dump_segment *seg;
	size_t off;
	int i = 0;

	dump_test_plan(test, c, &layout);

	KUNIT_EXPECT_EQ(test, layout.phnum, TEST_NSEGS + 1);
	KUNIT_EXPECT_EQ(test, layout.phoff, c->ehdr_size);
	KUNIT_EXPECT_EQ(test, layout.note_off, c->note_off);
	KUNIT_EXPECT_EQ(test, layout.note_size, NOTES_SIZE);
	KUNIT_EXPECT_EQ(test, layout.data_off, c->data_off);
	KUNIT_EXPECT_EQ(test, layout.size, (u64)c->data_off + DATA_SIZE);

	off = c->data_off;
	list_for_each_entry(seg, &rproc->dump_segments, node) {
		KUNIT_EXPECT_EQ_MSG(test, seg->offset, (loff_t)off,
				    "segment %d", i);
		off += lens[i++];
	}
	KUNIT_EXPECT_EQ(test, i, TEST_NSEGS);
}

static void dump_test_headers(struct kunit *test)
{
	const struct dump_class_case *c = test->param_value;
	struct rproc *rproc = ((struct dump_test_ctx *)test->priv)->rproc;
	struct rproc_dump_layout layout;
	struct rproc_dump_segment *seg;
	struct test_ehdr eh;
	struct test_phdr ph;
	unsigned int i = 1;
	u8 *buf;

	dump_test_plan(test, c, &layout);
	buf = kunit_kmalloc(test, layout.data_off, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, 0x11, layout.data_off);
	rproc_dump_write_headers(&layout, buf);

	test_read_ehdr(buf, c->class, &eh);
	KUNIT_EXPECT_EQ(test, memcmp(eh.ident, ELFMAG, SELFMAG), 0);
	KUNIT_EXPECT_EQ(test, eh.ident[EI_CLASS], c->class);
	KUNIT_EXPECT_EQ(test, eh.ident[EI_DATA],
			IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? ELFDATA2MSB :
							    ELFDATA2LSB);
	KUNIT_EXPECT_EQ(test, eh.ident[EI_VERSION], EV_CURRENT);
	KUNIT_EXPECT_EQ(test, eh.type, (u64)ET_CORE);
	KUNIT_EXPECT_EQ(test, eh.machine, (u64)c->machine);
	KUNIT_EXPECT_EQ(test, eh.version, (u64)EV_CURRENT);
	KUNIT_EXPECT_EQ(test, eh.entry, 0ULL);
	KUNIT_EXPECT_EQ(test, eh.phoff, (u64)c->ehdr_size);
	KUNIT_EXPECT_EQ(test, eh.ehsize, (u64)c->ehdr_size);
	KUNIT_EXPECT_EQ(test, eh.phentsize, (u64)c->phdr_size);
	KUNIT_EXPECT_EQ(test, eh.phnum, (u64)TEST_NSEGS + 1);
	KUNIT_EXPECT_EQ(test, eh.shoff, 0ULL);
	KUNIT_EXPECT_EQ(test, eh.shnum, 0ULL);

	test_read_phdr(buf + c->ehdr_size, c->class, &ph);
	KUNIT_EXPECT_EQ(test, ph.type, (u64)PT_NOTE);
	KUNIT_EXPECT_EQ(test, ph.offset, (u64)c->note_off);
	KUNIT_EXPECT_EQ(test, ph.filesz, (u64)NOTES_SIZE);
	KUNIT_EXPECT_EQ(test, ph.align, 4ULL);

	list_for_each_entry(seg, &rproc->dump_segments, node) {
		test_read_phdr(buf + c->ehdr_size + i * c->phdr_size,
			       c->class, &ph);
		KUNIT_EXPECT_EQ_MSG(test, ph.type, (u64)PT_LOAD, "phdr %u", i);
		KUNIT_EXPECT_EQ_MSG(test, ph.flags, (u64)(PF_R | PF_W | PF_X),
				    "phdr %u", i);
		KUNIT_EXPECT_EQ_MSG(test, ph.offset, (u64)seg->offset,
				    "phdr %u", i);
		KUNIT_EXPECT_EQ_MSG(test, ph.vaddr, (u64)seg->da, "phdr %u", i);
		KUNIT_EXPECT_EQ_MSG(test, ph.paddr, (u64)seg->da, "phdr %u", i);
		KUNIT_EXPECT_EQ_MSG(test, ph.filesz, (u64)seg->size,
				    "phdr %u", i);
		KUNIT_EXPECT_EQ_MSG(test, ph.memsz, (u64)seg->size,
				    "phdr %u", i);
		i++;
	}
}

/* Checks the note at @p and returns the next one. */
static const u8 *dump_test_note(struct kunit *test, const u8 *p, u32 type,
				const char *desc)
{
	static const u8 owner[12] = "REMOTEPROC";
	size_t desc_len = strlen(desc) + 1;
	struct elf32_note nh;
	size_t i;

	memcpy(&nh, p, sizeof(nh));
	KUNIT_EXPECT_EQ(test, nh.n_namesz, 11U);
	KUNIT_EXPECT_EQ(test, nh.n_descsz, (u32)desc_len);
	KUNIT_EXPECT_EQ(test, nh.n_type, type);
	p += sizeof(nh);
	/* The name, its NUL and the padding. */
	KUNIT_EXPECT_EQ(test, memcmp(p, owner, sizeof(owner)), 0);
	p += sizeof(owner);
	KUNIT_EXPECT_STREQ(test, (const char *)p, desc);
	for (i = desc_len; i < ALIGN(desc_len, 4); i++)
		KUNIT_EXPECT_EQ_MSG(test, p[i], 0, "padding of note %u", type);
	return p + ALIGN(desc_len, 4);
}

static void dump_test_notes(struct kunit *test)
{
	const struct dump_class_case *c = test->param_value;
	struct rproc_dump_layout layout;
	const u8 *p;
	u8 *buf;

	dump_test_plan(test, c, &layout);
	buf = kunit_kmalloc(test, layout.data_off, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, 0x11, layout.data_off);
	rproc_dump_write_headers(&layout, buf);

	p = dump_test_note(test, buf + layout.note_off,
			   RPROC_DUMP_NOTE_FIRMWARE, TEST_FW);
	p = dump_test_note(test, p, RPROC_DUMP_NOTE_REMOTE, TEST_NAME);
	KUNIT_EXPECT_PTR_EQ(test, p, (const u8 *)buf + layout.data_off);
}

/* ---------------------------------------------------------------------- */
/* Reading dumps                                                          */
/* ---------------------------------------------------------------------- */

/* What the file of the three segments must contain. */
static u8 *dump_test_expected(struct kunit *test,
			      const struct rproc_dump_layout *layout)
{
	size_t i, off = layout->data_off;
	u8 *want;

	want = kunit_kmalloc(test, layout->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, want);
	rproc_dump_write_headers(layout, want);
	for (i = 0; i < SEG_MAPPED_LEN; i++)
		want[off++] = dump_test_mem_byte(SEG_MAPPED_DA - TEST_DA + i);
	for (i = 0; i < SEG_HOLE_LEN; i++)
		want[off++] = RPROC_DUMP_FILL;
	for (i = 0; i < SEG_CUSTOM_LEN; i++)
		want[off++] = i ^ 0x5a;
	return want;
}

static void dump_test_read(struct kunit *test)
{
	const struct dump_class_case *c = test->param_value;
	struct rproc *rproc = ((struct dump_test_ctx *)test->priv)->rproc;
	struct rproc_dump_layout layout;
	size_t size, off, n, step;
	u8 *headers, *want, *got;

	dump_test_plan(test, c, &layout);
	size = layout.size;
	headers = kunit_kmalloc(test, layout.data_off, GFP_KERNEL);
	got = kunit_kmalloc(test, size + 16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, headers);
	KUNIT_ASSERT_NOT_NULL(test, got);
	rproc_dump_write_headers(&layout, headers);
	want = dump_test_expected(test, &layout);

	/* In one go, asking for more than there is. */
	memset(got, 0, size + 16);
	n = rproc_dump_read(rproc, &layout, headers, got, 0, size + 16);
	KUNIT_EXPECT_EQ(test, n, size);
	KUNIT_EXPECT_EQ(test, memcmp(got, want, size), 0);

	/* In pieces that straddle every boundary somewhere. */
	for (step = 1; step <= 13; step += 4) {
		memset(got, 0, size);
		for (off = 0; off < size; off += n) {
			n = rproc_dump_read(rproc, &layout, headers, got + off,
					    off, step);
			KUNIT_ASSERT_EQ_MSG(test, n, min(step, size - off),
					    "step %zu offset %zu", step, off);
		}
		KUNIT_EXPECT_EQ_MSG(test, memcmp(got, want, size), 0,
				    "step %zu", step);
	}

	/* At and past the end. */
	KUNIT_EXPECT_EQ(test, rproc_dump_read(rproc, &layout, headers, got,
					      size, 16), (size_t)0);
	KUNIT_EXPECT_EQ(test, rproc_dump_read(rproc, &layout, headers, got,
					      U64_MAX, 16), (size_t)0);
}

/* ---------------------------------------------------------------------- */
/* Segments that do not fit                                               */
/* ---------------------------------------------------------------------- */

/**
 * struct dump_bad_case - a segment list rproc_dump_plan() must refuse
 * @what: description
 * @class: ELF class of the dump
 * @da: device addresses of the segments
 * @size: sizes of the segments
 * @nsegs: number of segments
 * @ret: expected result
 */
struct dump_bad_case {
	const char *what;
	u8 class;
	u64 da[2];
	u64 size[2];
	unsigned int nsegs;
	int ret;
};

static const struct dump_bad_case dump_bad_cases[] = {
	{ "ELF64 address range wraps", ELFCLASS64,
	  { U64_MAX - 0xf }, { 0x20 }, 1, -EOVERFLOW },
	{ "ELF32 segment ends above 4 GiB", ELFCLASS32,
	  { 0xffffff00 }, { 0x200 }, 1, -EOVERFLOW },
	{ "ELF32 segment above 4 GiB", ELFCLASS32,
	  { 0x100000000ULL }, { 0x10 }, 1, -EOVERFLOW },
	{ "ELF64 file offsets wrap around", ELFCLASS64,
	  { 0, 0 }, { S64_MAX - 0x1000, SIZE_MAX }, 2, -EOVERFLOW },
	{ "ELF64 file larger than loff_t", ELFCLASS64,
	  { 0 }, { SIZE_MAX - 0x100 }, 1, -EOVERFLOW },
	{ "ELF32 file larger than 4 GiB", ELFCLASS32,
	  { 0, 0x80000000 }, { 0x80000000, 0x80000000 }, 2, -EOVERFLOW },
	{ "unknown class", ELFCLASSNONE, { 0x1000 }, { 0x10 }, 1, -EINVAL },
	{ "no segments", ELFCLASS64, { 0 }, { 0 }, 0, -ENODATA },
};

static void dump_bad_desc(const struct dump_bad_case *c, char *desc)
{
	strscpy(desc, c->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dump_bad, dump_bad_cases, dump_bad_desc);

static void dump_test_bad_layout(struct kunit *test)
{
	const struct dump_bad_case *c = test->param_value;
	struct rproc_dump_segment segs[2] = {};
	struct rproc_dump_layout layout;
	struct rproc_dump_info info = {
		.class = c->class,
		.remote = TEST_NAME,
		.firmware = TEST_FW,
	};
	LIST_HEAD(list);
	unsigned int i;

	/* Built by hand: rproc_coredump_add_segment() refuses some. */
	for (i = 0; i < c->nsegs; i++) {
		segs[i].da = c->da[i];
		segs[i].size = c->size[i];
		list_add_tail(&segs[i].node, &list);
	}
	KUNIT_EXPECT_EQ(test, rproc_dump_plan(&layout, &info, &list), c->ret);
}

/* The largest ELF32 segment still fits, ending right at 4 GiB. */
static void dump_test_elf32_top(struct kunit *test)
{
	struct rproc_dump_segment seg = {
		.da = 0xffffff00,
		.size = 0x100,
	};
	struct rproc_dump_info info = {
		.class = ELFCLASS32,
		.remote = TEST_NAME,
		.firmware = TEST_FW,
	};
	struct rproc_dump_layout layout;
	LIST_HEAD(list);

	list_add_tail(&seg.node, &list);
	KUNIT_EXPECT_EQ(test, rproc_dump_plan(&layout, &info, &list), 0);
	KUNIT_EXPECT_EQ(test, layout.size, (u64)layout.data_off + 0x100);
}

/* ---------------------------------------------------------------------- */
/* The segment list, the ELF identity and the setting                     */
/* ---------------------------------------------------------------------- */

static size_t dump_test_count(struct rproc *rproc)
{
	struct rproc_dump_segment *seg;
	size_t n = 0;

	list_for_each_entry(seg, &rproc->dump_segments, node)
		n++;
	return n;
}

static void dump_test_segments(struct kunit *test)
{
	struct rproc *rproc = ((struct dump_test_ctx *)test->priv)->rproc;
	dma_addr_t top = (dma_addr_t)~0ULL - 0xf;
	int priv, ret;

	ret = rproc_coredump_add_segment(rproc, 0x1000, 0x10);
	KUNIT_EXPECT_EQ(test, ret, 0);
	/* An exact duplicate is not added again... */
	ret = rproc_coredump_add_segment(rproc, 0x1000, 0x10);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, dump_test_count(rproc), (size_t)1);
	/* ...but an overlapping region is, and so is another reader. */
	ret = rproc_coredump_add_segment(rproc, 0x1000, 0x20);
	KUNIT_EXPECT_EQ(test, ret, 0);
	ret = rproc_coredump_add_custom_segment(rproc, 0x1000, 0x10,
						dump_test_custom, &priv);
	KUNIT_EXPECT_EQ(test, ret, 0);
	ret = rproc_coredump_add_custom_segment(rproc, 0x1000, 0x10,
						dump_test_custom, &priv);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, dump_test_count(rproc), (size_t)3);

	/* A range that wraps around is refused. */
	ret = rproc_coredump_add_segment(rproc, top, 0x20);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	KUNIT_EXPECT_EQ(test, dump_test_count(rproc), (size_t)3);

	rproc_coredump_cleanup(rproc);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->dump_segments));
}

static void dump_test_elf_info(struct kunit *test)
{
	struct rproc *rproc = ((struct dump_test_ctx *)test->priv)->rproc;
	struct rproc_dump_info info;

	/* Nothing set: ELF64, EM_NONE. */
	rproc_dump_get_info(rproc, &info);
	KUNIT_EXPECT_EQ(test, info.class, ELFCLASS64);
	KUNIT_EXPECT_EQ(test, info.machine, EM_NONE);
	KUNIT_EXPECT_STREQ(test, info.remote, TEST_NAME);
	KUNIT_EXPECT_STREQ(test, info.firmware, TEST_FW);

	KUNIT_EXPECT_EQ(test, rproc_coredump_set_elf_info(rproc, ELFCLASS32,
							  EM_ARM), 0);
	rproc_dump_get_info(rproc, &info);
	KUNIT_EXPECT_EQ(test, info.class, ELFCLASS32);
	KUNIT_EXPECT_EQ(test, info.machine, EM_ARM);

	KUNIT_EXPECT_EQ(test, rproc_coredump_set_elf_info(rproc, ELFCLASSNUM,
							  EM_X86_64), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc->elf_class, ELFCLASS32);
	KUNIT_EXPECT_EQ(test, rproc->elf_machine, EM_ARM);
}

/* Disabled dumps and empty segment lists give nothing and change nothing. */
static void dump_test_nothing_to_dump(struct kunit *test)
{
	struct rproc *rproc = ((struct dump_test_ctx *)test->priv)->rproc;

	mutex_lock(&rproc->lock);
	rproc->dump_conf = RPROC_COREDUMP_ENABLED;
	rproc_coredump(rproc);
	rproc->dump_conf = RPROC_COREDUMP_INLINE;
	rproc_coredump(rproc);
	mutex_unlock(&rproc->lock);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->dump_segments));

	dump_test_add_segments(test, rproc);
	mutex_lock(&rproc->lock);
	rproc->dump_conf = RPROC_COREDUMP_DISABLED;
	rproc_coredump(rproc);
	mutex_unlock(&rproc->lock);
	KUNIT_EXPECT_EQ(test, dump_test_count(rproc), (size_t)TEST_NSEGS);
}

static void dump_test_conf(struct kunit *test)
{
	struct rproc *rproc = ((struct dump_test_ctx *)test->priv)->rproc;

	KUNIT_EXPECT_STREQ(test, rproc_coredump_conf_show(rproc), "disabled");
	KUNIT_EXPECT_EQ(test, rproc_coredump_conf_store(rproc, "inline\n"), 0);
	KUNIT_EXPECT_STREQ(test, rproc_coredump_conf_show(rproc), "inline");
	KUNIT_EXPECT_EQ(test, rproc_coredump_conf_store(rproc, "enabled"), 0);
	KUNIT_EXPECT_STREQ(test, rproc_coredump_conf_show(rproc), "enabled");
	KUNIT_EXPECT_EQ(test, rproc_coredump_conf_store(rproc, "default"),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_coredump_conf_store(rproc, "inline\n\n"),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_coredump_conf_store(rproc, ""), -EINVAL);
	KUNIT_EXPECT_STREQ(test, rproc_coredump_conf_show(rproc), "enabled");

	/* A crashed remote keeps its setting, whatever is written. */
	rproc->state = RPROC_CRASHED;
	KUNIT_EXPECT_EQ(test, rproc_coredump_conf_store(rproc, "disabled"),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, rproc_coredump_conf_store(rproc, "bogus"),
			-EBUSY);
	KUNIT_EXPECT_STREQ(test, rproc_coredump_conf_show(rproc), "enabled");
	rproc->state = RPROC_OFFLINE;
}

static struct kunit_case dump_test_cases[] = {
	KUNIT_CASE_PARAM(dump_test_layout, dump_class_gen_params),
	KUNIT_CASE_PARAM(dump_test_headers, dump_class_gen_params),
	KUNIT_CASE_PARAM(dump_test_notes, dump_class_gen_params),
	KUNIT_CASE_PARAM(dump_test_read, dump_class_gen_params),
	KUNIT_CASE_PARAM(dump_test_bad_layout, dump_bad_gen_params),
	KUNIT_CASE(dump_test_elf32_top),
	KUNIT_CASE(dump_test_segments),
	KUNIT_CASE(dump_test_elf_info),
	KUNIT_CASE(dump_test_nothing_to_dump),
	KUNIT_CASE(dump_test_conf),
	{}
};

static struct kunit_suite dump_test_suite = {
	.name = "remoteproc_coredump",
	.init = dump_test_init,
	.exit = dump_test_exit,
	.test_cases = dump_test_cases,
};

kunit_test_suite(dump_test_suite);
