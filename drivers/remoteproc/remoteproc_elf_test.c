// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the default ELF loader (remoteproc_elf.c).
 *
 * Each test builds a firmware image in memory, in both ELF classes, and
 * feeds it to the loader operations in the order the core calls them, on a
 * fake remote whose only memory is a poisoned buffer at device address
 * TEST_DA.  Malformed images are the well-formed one with one or two fields
 * changed; each must be refused at the expected step, leaving no table and
 * the remote's memory untouched.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/remoteproc.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "remoteproc_internal.h"

/* The fake remote's memory. */
#define TEST_DA		0x20000000ULL
#define TEST_MEM_SIZE	0x1000
#define TEST_POISON	0xa5

/* Layout of the image file, the same in both classes. */
#define IMG_PHOFF	0x40
#define IMG_TEXT	0x140
#define IMG_DATA	0x180
#define IMG_STRTAB	0x1e0
#define IMG_SHOFF	0x208
#define IMG_SIZE	0x320
#define IMG_BUF_SIZE	(SZ_64K + SZ_4K)
#define IMG_NSEG	3
#define IMG_NSECT	4

/* Segment 0 (text) and segment 1 (data, then bss) in the remote's memory. */
#define TEXT_OFF	0x100
#define TEXT_LEN	0x40
#define DATA_OFF	0x200
#define DATA_FILESZ	0x60
#define DATA_MEMSZ	0xa0
#define ENTRY		(TEST_DA + TEXT_OFF + 0x8)
#define ENTRY64		0x123456789abcULL

/* The resource table, at the start of segment 1: a trace entry. */
#define RSC_SIZE	(6 * sizeof(u32) + sizeof(struct fw_rsc_trace))

/* Section names. */
static const char img_strtab[] = "\0.text\0.resource_table\0.shstrtab";
#define NAME_TEXT	1
#define NAME_RSC	7
#define NAME_SHSTRTAB	23

#define HOST_DATA \
	(IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? ELFDATA2MSB : ELFDATA2LSB)
#define FOREIGN_DATA \
	(IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? ELFDATA2LSB : ELFDATA2MSB)

/*
 * Members are u64 so that one edit fits all; img_write() narrows them.
 * p_vaddr is @vaddr, or @paddr when @vaddr is 0.
 */
struct img_seg {
	u64 type;
	u64 offset;
	u64 paddr;
	u64 filesz;
	u64 memsz;
	u64 vaddr;
};

struct img_sect {
	u64 name;
	u64 type;
	u64 addr;
	u64 offset;
	u64 size;
};

/*
 * An image being built: the header fields, then the file.  img_write() puts
 * the headers in the file at their usual places whatever the fields say, so
 * the fields can lie.  e_ident is always written well-formed; edits poke it.
 */
struct img {
	u8 layout;
	u64 type;
	u64 phentsize;
	u64 shentsize;
	u64 phnum;
	u64 shnum;
	u64 shstrndx;
	u64 entry;
	u64 phoff;
	u64 shoff;
	struct img_seg seg[IMG_NSEG];
	struct img_sect sect[IMG_NSECT];
	u8 *buf;
	u64 size;
};

struct elf_test_ctx {
	struct rproc *rproc;
	struct rproc_ops ops;
	u8 *mem;
	u8 *want;
	bool iomem;
	struct img img;
};

/* ---------------------------------------------------------------------- */
/* Building images                                                        */
/* ---------------------------------------------------------------------- */

static void img_put_rsc_table(u8 *p)
{
	const u32 head[] = { RPROC_RSC_TABLE_VERSION, 1, 0, 0, 20, RSC_TRACE };
	struct fw_rsc_trace trace = {
		.da = TEST_DA + 0x800,
		.len = 0x100,
		.name = "trace0",
	};

	memcpy(p, head, sizeof(head));
	memcpy(p + sizeof(head), &trace, sizeof(trace));
}

static void img_init(struct img *im, u8 class)
{
	bool is64 = class == ELFCLASS64;
	unsigned int i;

	memset(im->buf, 0, IMG_BUF_SIZE);
	for (i = 0; i < TEXT_LEN; i++)
		im->buf[IMG_TEXT + i] = 0x10 + i;
	for (i = 0; i < DATA_FILESZ; i++)
		im->buf[IMG_DATA + i] = 0x80 + i;
	img_put_rsc_table(im->buf + IMG_DATA);
	memcpy(im->buf + IMG_STRTAB, img_strtab, sizeof(img_strtab));
	im->size = IMG_SIZE;

	im->layout = class;
	im->type = ET_EXEC;
	im->entry = ENTRY;
	im->phoff = IMG_PHOFF;
	im->phentsize = is64 ? sizeof(struct elf64_phdr) :
			       sizeof(struct elf32_phdr);
	im->phnum = IMG_NSEG;
	im->shoff = IMG_SHOFF;
	im->shentsize = is64 ? sizeof(struct elf64_shdr) :
			       sizeof(struct elf32_shdr);
	im->shnum = IMG_NSECT;
	im->shstrndx = 3;

	/* The entry point stays in the code by p_vaddr, whatever p_paddr. */
	im->seg[0] = (struct img_seg){ PT_LOAD, IMG_TEXT, TEST_DA + TEXT_OFF,
				       TEXT_LEN, TEXT_LEN, TEST_DA + TEXT_OFF };
	im->seg[1] = (struct img_seg){ PT_LOAD, IMG_DATA, TEST_DA + DATA_OFF,
				       DATA_FILESZ, DATA_MEMSZ };
	/* Not loadable, so its address (outside the memory) does not matter. */
	im->seg[2] = (struct img_seg){ PT_NOTE, IMG_TEXT, 0, 0x10, 0x10 };

	im->sect[0] = (struct img_sect){ 0 };
	im->sect[1] = (struct img_sect){ NAME_TEXT, SHT_PROGBITS,
					 TEST_DA + TEXT_OFF, IMG_TEXT,
					 TEXT_LEN };
	im->sect[2] = (struct img_sect){ NAME_RSC, SHT_PROGBITS,
					 TEST_DA + DATA_OFF, IMG_DATA,
					 RSC_SIZE };
	im->sect[3] = (struct img_sect){ NAME_SHSTRTAB, SHT_STRTAB, 0,
					 IMG_STRTAB, sizeof(img_strtab) };
}

static void img_ident(u8 *ident, u8 class)
{
	memcpy(ident, ELFMAG, SELFMAG);
	ident[EI_CLASS] = class;
	ident[EI_DATA] = HOST_DATA;
	ident[EI_VERSION] = EV_CURRENT;
}

/* ELF32 fields are narrower: values are truncated, as a tool would. */
static void img_write32(struct img *im)
{
	struct elf32_hdr eh = {
		.e_type = im->type, .e_version = EV_CURRENT,
		.e_entry = im->entry, .e_phoff = im->phoff,
		.e_shoff = im->shoff, .e_ehsize = sizeof(eh),
		.e_phentsize = im->phentsize, .e_phnum = im->phnum,
		.e_shentsize = im->shentsize, .e_shnum = im->shnum,
		.e_shstrndx = im->shstrndx,
	};
	unsigned int i;

	img_ident(eh.e_ident, ELFCLASS32);
	memcpy(im->buf, &eh, sizeof(eh));
	for (i = 0; i < IMG_NSEG; i++) {
		const struct img_seg *s = &im->seg[i];
		struct elf32_phdr ph = {
			.p_type = s->type, .p_offset = s->offset,
			.p_vaddr = s->vaddr ?: s->paddr, .p_paddr = s->paddr,
			.p_filesz = s->filesz, .p_memsz = s->memsz,
		};

		memcpy(im->buf + IMG_PHOFF + i * sizeof(ph), &ph, sizeof(ph));
	}
	for (i = 0; i < IMG_NSECT; i++) {
		const struct img_sect *s = &im->sect[i];
		struct elf32_shdr sh = {
			.sh_name = s->name, .sh_type = s->type,
			.sh_addr = s->addr, .sh_offset = s->offset,
			.sh_size = s->size,
		};

		memcpy(im->buf + IMG_SHOFF + i * sizeof(sh), &sh, sizeof(sh));
	}
}

static void img_write64(struct img *im)
{
	struct elf64_hdr eh = {
		.e_type = im->type, .e_version = EV_CURRENT,
		.e_entry = im->entry, .e_phoff = im->phoff,
		.e_shoff = im->shoff, .e_ehsize = sizeof(eh),
		.e_phentsize = im->phentsize, .e_phnum = im->phnum,
		.e_shentsize = im->shentsize, .e_shnum = im->shnum,
		.e_shstrndx = im->shstrndx,
	};
	unsigned int i;

	img_ident(eh.e_ident, ELFCLASS64);
	memcpy(im->buf, &eh, sizeof(eh));
	for (i = 0; i < IMG_NSEG; i++) {
		const struct img_seg *s = &im->seg[i];
		struct elf64_phdr ph = {
			.p_type = s->type, .p_offset = s->offset,
			.p_vaddr = s->vaddr ?: s->paddr, .p_paddr = s->paddr,
			.p_filesz = s->filesz, .p_memsz = s->memsz,
		};

		memcpy(im->buf + IMG_PHOFF + i * sizeof(ph), &ph, sizeof(ph));
	}
	for (i = 0; i < IMG_NSECT; i++) {
		const struct img_sect *s = &im->sect[i];
		struct elf64_shdr sh = {
			.sh_name = s->name, .sh_type = s->type,
			.sh_addr = s->addr, .sh_offset = s->offset,
			.sh_size = s->size,
		};

		memcpy(im->buf + IMG_SHOFF + i * sizeof(sh), &sh, sizeof(sh));
	}
}

static struct firmware img_write(struct img *im)
{
	if (im->layout == ELFCLASS64)
		img_write64(im);
	else
		img_write32(im);
	return (struct firmware){ .data = im->buf, .size = im->size };
}

/* ---------------------------------------------------------------------- */
/* Edits of the well-formed image                                         */
/* ---------------------------------------------------------------------- */

/*
 * An edit sets one member of &struct img, or a byte or word of the file, to
 * a value.  SET(seg[1].paddr, 0) reads as "set segment 1's p_paddr to 0".
 * Members are set before the headers are written, the file afterwards.
 */
struct img_edit {
	bool in_file;
	u8 width;
	u16 at;
	u64 value;
};

#define SET(member, v)	{ false, 8, offsetof(struct img, member), (v) }
#define POKE8(off, v)	{ true, 1, (off), (v) }
#define POKE32(off, v)	{ true, 4, (off), (v) }

static void img_apply(struct img *im, const struct img_edit *e, bool file)
{
	if (!e->width || e->in_file != file)
		return;
	if (!file)
		put_unaligned(e->value, (u64 *)((u8 *)im + e->at));
	else if (e->width == 1)
		im->buf[e->at] = e->value;
	else
		put_unaligned((u32)e->value, (u32 *)(im->buf + e->at));
}

/* The step of the boot at which an image must be refused. */
enum elf_step {
	STEP_SANITY,	/* rproc_elf_sanity_check() */
	STEP_RSC,	/* rproc_elf_load_rsc_table() */
	STEP_LOAD,	/* rproc_elf_load_segments() */
	STEP_NONE,	/* accepted */
};

/**
 * struct elf_case - an image made from the well-formed one
 * @desc: what is wrong with it
 * @step: where it must be refused
 * @only: run in this class only (0: in both)
 * @edit: what to change
 */
struct elf_case {
	const char *desc;
	enum elf_step step;
	u8 only;
	struct img_edit edit[2];
};

#define C32		ELFCLASS32
#define C64		ELFCLASS64
#define PH32		sizeof(struct elf32_phdr)
#define PH64		sizeof(struct elf64_phdr)
#define SH32		sizeof(struct elf32_shdr)
#define SH64		sizeof(struct elf64_shdr)
#define MEM_END		(TEST_DA + TEST_MEM_SIZE)

static const struct elf_case elf_bad_cases[] = {
	{ "empty file", STEP_SANITY, 0, { SET(size, 0) } },
	{ "below an ELF32 header", STEP_SANITY, 0,
	  { SET(size, sizeof(struct elf32_hdr) - 1) } },
	{ "below an ELF64 header", STEP_SANITY, 0,
	  { SET(size, sizeof(struct elf64_hdr) - 1) } },
	{ "bad magic", STEP_SANITY, 0, { POKE8(EI_MAG1, 'X') } },
	{ "zero magic", STEP_SANITY, 0, { POKE8(EI_MAG0, 0) } },
	{ "class none", STEP_SANITY, 0, { POKE8(EI_CLASS, ELFCLASSNONE) } },
	{ "class 3", STEP_SANITY, 0, { POKE8(EI_CLASS, 3) } },
	{ "foreign byte order", STEP_SANITY, 0,
	  { POKE8(EI_DATA, FOREIGN_DATA) } },
	{ "no byte order", STEP_SANITY, 0, { POKE8(EI_DATA, ELFDATANONE) } },
	{ "relocatable", STEP_SANITY, 0, { SET(type, ET_REL) } },
	{ "shared object", STEP_SANITY, 0, { SET(type, ET_DYN) } },
	{ "core file", STEP_SANITY, 0, { SET(type, ET_CORE) } },
	{ "phentsize 0", STEP_SANITY, 0, { SET(phentsize, 0) } },
	{ "ELF64 phentsize", STEP_SANITY, C32, { SET(phentsize, PH64) } },
	{ "ELF32 phentsize", STEP_SANITY, C64, { SET(phentsize, PH32) } },
	{ "ELF64 shentsize", STEP_SANITY, C32, { SET(shentsize, SH64) } },
	{ "ELF32 shentsize", STEP_SANITY, C64, { SET(shentsize, SH32) } },
	{ "shentsize 0", STEP_SANITY, 0, { SET(shentsize, 0) } },
	{ "phdrs at the end", STEP_SANITY, 0, { SET(phoff, IMG_SIZE) } },
	{ "phdrs cross the end", STEP_SANITY, 0, { SET(phoff, IMG_SIZE - 8) } },
	{ "phoff near U64_MAX", STEP_SANITY, 0, { SET(phoff, U64_MAX - 8) } },
	{ "phnum 0xffff", STEP_SANITY, 0, { SET(phnum, 0xffff) } },
	{ "shdrs cross the end", STEP_SANITY, 0, { SET(shoff, IMG_SIZE - 8) } },
	{ "shoff near U64_MAX", STEP_SANITY, 0, { SET(shoff, U64_MAX - 8) } },
	{ "shnum 0xffff", STEP_SANITY, 0, { SET(shnum, 0xffff) } },
	{ "no program headers", STEP_SANITY, 0, { SET(phnum, 0) } },
	{ "no PT_LOAD", STEP_SANITY, 0,
	  { SET(seg[0].type, PT_NOTE), SET(seg[1].type, PT_DYNAMIC) } },

	{ "shstrndx = shnum", STEP_RSC, 0, { SET(shstrndx, IMG_NSECT) } },
	{ "shstrndx 0xffff", STEP_RSC, 0, { SET(shstrndx, 0xffff) } },
	{ "name table at the end", STEP_RSC, 0,
	  { SET(sect[3].offset, IMG_SIZE) } },
	{ "name table crosses the end", STEP_RSC, 0,
	  { SET(sect[3].size, IMG_SIZE - IMG_STRTAB + 1) } },
	{ "name table offset near U64_MAX", STEP_RSC, 0,
	  { SET(sect[3].offset, U64_MAX - 0x10) } },
	{ "name table size U64_MAX", STEP_RSC, 0,
	  { SET(sect[3].size, U64_MAX) } },
	{ "name past the name table", STEP_RSC, 0,
	  { SET(sect[1].name, sizeof(img_strtab)) } },
	{ "name offset U32_MAX", STEP_RSC, 0, { SET(sect[2].name, U32_MAX) } },
	{ "name not NUL-terminated", STEP_RSC, 0,
	  { SET(sect[3].size, sizeof(img_strtab) - 1) } },
	{ "two resource tables", STEP_RSC, 0, { SET(sect[1].name, NAME_RSC) } },
	{ "null section named .resource_table", STEP_RSC, 0,
	  { SET(sect[0].name, NAME_RSC) } },
	{ "table at the end", STEP_RSC, 0, { SET(sect[2].offset, IMG_SIZE) } },
	{ "table crosses the end", STEP_RSC, 0,
	  { SET(sect[2].offset, IMG_SIZE - 0x20) } },
	{ "table offset near U64_MAX", STEP_RSC, 0,
	  { SET(sect[2].offset, U64_MAX - 0x10) } },
	{ "table size U64_MAX", STEP_RSC, 0, { SET(sect[2].size, U64_MAX) } },
	{ "table is SHT_NOBITS", STEP_RSC, 0, { SET(sect[2].type, SHT_NOBITS) } },
	{ "table above 64 KiB", STEP_RSC, 0,
	  { SET(size, IMG_BUF_SIZE), SET(sect[2].size, SZ_64K + 4) } },
	{ "table empty", STEP_RSC, 0, { SET(sect[2].size, 0) } },
	{ "table version 2", STEP_RSC, 0, { POKE32(IMG_DATA, 2) } },
	{ "table entry outside", STEP_RSC, 0,
	  { POKE32(IMG_DATA + 4 * 4, RSC_SIZE) } },

	{ "filesz above memsz", STEP_LOAD, 0,
	  { SET(seg[1].filesz, DATA_MEMSZ + 1) } },
	{ "file bytes, memsz 0", STEP_LOAD, 0, { SET(seg[1].memsz, 0) } },
	{ "segment crosses the end", STEP_LOAD, 0,
	  { SET(seg[1].offset, IMG_SIZE - 0x10) } },
	{ "segment offset near U64_MAX", STEP_LOAD, 0,
	  { SET(seg[1].offset, U64_MAX - 0x10) } },
	{ "filesz and memsz U64_MAX", STEP_LOAD, 0,
	  { SET(seg[1].filesz, U64_MAX), SET(seg[1].memsz, U64_MAX) } },
	{ "da + memsz overflows", STEP_LOAD, 0,
	  { SET(seg[1].paddr, U64_MAX - 0x10) } },
	{ "memsz U64_MAX / 2", STEP_LOAD, 0, { SET(seg[1].memsz, U64_MAX / 2) } },
	{ "segment below the memory", STEP_LOAD, 0,
	  { SET(seg[1].paddr, TEST_DA - 0x10) } },
	{ "segment crosses the memory's end", STEP_LOAD, 0,
	  { SET(seg[1].paddr, MEM_END - 0x10) } },
	{ "segment past the memory", STEP_LOAD, 0, { SET(seg[1].paddr, MEM_END) } },
	{ "segment at da 0", STEP_LOAD, 0, { SET(seg[1].paddr, 0) } },
	{ "first segment bad", STEP_LOAD, 0, { SET(seg[0].paddr, MEM_END) } },
	{ "entry point in no segment", STEP_SANITY, 0, { SET(entry, MEM_END) } },
	{ "entry point just past the code", STEP_SANITY, 0,
	  { SET(entry, TEST_DA + TEXT_OFF + TEXT_LEN) } },
	{ "entry point above 4 GiB", STEP_SANITY, C64, { SET(entry, ENTRY64) } },
	{ "segments overlap", STEP_LOAD, 0,
	  { SET(seg[1].paddr, TEST_DA + TEXT_OFF + TEXT_LEN - 1) } },
};

/* Images that are accepted but have no resource table. */
static const struct elf_case elf_no_table_cases[] = {
	{ "no section named .resource_table", STEP_NONE, 0,
	  { SET(sect[2].name, NAME_TEXT) } },
	{ "no sections", STEP_NONE, 0,
	  { SET(shnum, 0), SET(shentsize, 0) } },
	{ "no section names", STEP_NONE, 0, { SET(shstrndx, SHN_UNDEF) } },
};

/* Images whose table is parsed but cannot be found once loaded. */
static const struct elf_case elf_unmapped_table_cases[] = {
	{ "table outside the memory", STEP_NONE, 0,
	  { SET(sect[2].addr, MEM_END - 0x10) } },
	{ "table below the memory", STEP_NONE, 0,
	  { SET(sect[2].addr, TEST_DA - 4) } },
	{ "table da near U64_MAX", STEP_NONE, 0,
	  { SET(sect[2].addr, U64_MAX - 0x10) } },
};

static void elf_case_desc(const struct elf_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(elf_bad, elf_bad_cases, elf_case_desc);
KUNIT_ARRAY_PARAM(elf_no_table, elf_no_table_cases, elf_case_desc);
KUNIT_ARRAY_PARAM(elf_unmapped_table, elf_unmapped_table_cases,
		  elf_case_desc);

/* ---------------------------------------------------------------------- */
/* The fake remote                                                        */
/* ---------------------------------------------------------------------- */

static void *elf_test_da_to_va(struct rproc *rproc, u64 da, size_t len,
			       bool *is_iomem)
{
	struct elf_test_ctx *ctx = rproc->priv;
	u64 off = da - TEST_DA;

	if (da < TEST_DA || off > TEST_MEM_SIZE || len > TEST_MEM_SIZE - off)
		return NULL;
	if (is_iomem)
		*is_iomem = ctx->iomem;
	return ctx->mem + off;
}

/* Forgets the previous image: poisons the memory, drops the table. */
static void elf_test_reset(struct elf_test_ctx *ctx)
{
	struct rproc *rproc = ctx->rproc;

	memset(ctx->mem, TEST_POISON, TEST_MEM_SIZE);
	kfree(rproc->cached_table);
	rproc->cached_table = NULL;
	rproc->table_ptr = NULL;
	rproc->table_sz = 0;
}

/* What the memory must hold: poison, plus the image's segments if @loaded. */
static void elf_test_want(struct elf_test_ctx *ctx, bool loaded)
{
	u8 *file = ctx->img.buf;

	memset(ctx->want, TEST_POISON, TEST_MEM_SIZE);
	if (!loaded)
		return;
	memcpy(ctx->want + TEXT_OFF, file + IMG_TEXT, TEXT_LEN);
	memcpy(ctx->want + DATA_OFF, file + IMG_DATA, DATA_FILESZ);
	memset(ctx->want + DATA_OFF + DATA_FILESZ, 0, DATA_MEMSZ - DATA_FILESZ);
}

static void elf_test_expect_mem(struct kunit *test, struct elf_test_ctx *ctx,
				const char *what)
{
	unsigned int i;

	for (i = 0; i < TEST_MEM_SIZE; i++)
		if (ctx->mem[i] != ctx->want[i])
			break;
	KUNIT_EXPECT_EQ_MSG(test, i, TEST_MEM_SIZE,
			    "%s: memory differs at offset 0x%x", what, i);
}

static const char *elf_class_name(u8 class)
{
	return class == ELFCLASS64 ? "ELF64" : "ELF32";
}

static bool elf_case_runs_in(const struct elf_case *c, u8 class)
{
	return !c->only || c->only == class;
}

/* Builds the well-formed image of @class with @c's edits applied. */
static struct firmware elf_test_image(struct elf_test_ctx *ctx, u8 class,
				      const struct elf_case *c)
{
	struct firmware fw;
	unsigned int i;

	elf_test_reset(ctx);
	img_init(&ctx->img, class);
	for (i = 0; c && i < ARRAY_SIZE(c->edit); i++)
		img_apply(&ctx->img, &c->edit[i], false);
	fw = img_write(&ctx->img);
	for (i = 0; c && i < ARRAY_SIZE(c->edit); i++)
		img_apply(&ctx->img, &c->edit[i], true);
	return fw;
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                  */
/* ---------------------------------------------------------------------- */

/* The well-formed image goes through every step, in both classes. */
static void elf_test_load(struct kunit *test)
{
	static const u8 classes[] = { ELFCLASS32, ELFCLASS64 };
	struct elf_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct firmware fw;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		const char *name = elf_class_name(classes[i]);

		fw = elf_test_image(ctx, classes[i], NULL);
		KUNIT_ASSERT_EQ_MSG(test, rproc_elf_sanity_check(rproc, &fw), 0,
				    "%s", name);
		KUNIT_EXPECT_EQ_MSG(test, rproc_elf_get_boot_addr(rproc, &fw),
				    ctx->img.entry, "%s", name);

		KUNIT_ASSERT_EQ_MSG(test, rproc_elf_load_rsc_table(rproc, &fw),
				    0, "%s", name);
		KUNIT_ASSERT_NOT_NULL(test, rproc->cached_table);
		KUNIT_EXPECT_PTR_EQ(test, rproc->table_ptr,
				    rproc->cached_table);
		KUNIT_EXPECT_EQ(test, rproc->table_sz, RSC_SIZE);
		KUNIT_EXPECT_EQ(test, memcmp(rproc->cached_table,
					     fw.data + IMG_DATA, RSC_SIZE), 0);

		KUNIT_ASSERT_EQ_MSG(test, rproc_elf_load_segments(rproc, &fw),
				    0, "%s", name);
		elf_test_want(ctx, true);
		elf_test_expect_mem(test, ctx, name);

		KUNIT_EXPECT_PTR_EQ(test,
				    rproc_elf_find_loaded_rsc_table(rproc, &fw),
				    (void *)(ctx->mem + DATA_OFF));
	}
}

/* A remote whose memory is I/O memory gets the same bytes. */
static void elf_test_load_iomem(struct kunit *test)
{
	struct elf_test_ctx *ctx = test->priv;
	struct firmware fw;

	ctx->iomem = true;
	fw = elf_test_image(ctx, ELFCLASS64, NULL);
	KUNIT_ASSERT_EQ(test, rproc_elf_load_segments(ctx->rproc, &fw), 0);
	elf_test_want(ctx, true);
	elf_test_expect_mem(test, ctx, "iomem");
}

/* Segments without memory are skipped, whatever their other fields say. */
static void elf_test_empty_segment(struct kunit *test)
{
	struct elf_test_ctx *ctx = test->priv;
	struct img_seg *seg = &ctx->img.seg[2];
	struct firmware fw;

	elf_test_image(ctx, ELFCLASS64, NULL);
	*seg = (struct img_seg){ PT_LOAD, U64_MAX, 0, 0, 0 };
	fw = img_write(&ctx->img);
	KUNIT_ASSERT_EQ(test, rproc_elf_load_segments(ctx->rproc, &fw), 0);
	elf_test_want(ctx, true);
	elf_test_expect_mem(test, ctx, "empty segment");
}

/* A segment of bss only is zeroed; its file offset is never used. */
static void elf_test_bss_segment(struct kunit *test)
{
	struct elf_test_ctx *ctx = test->priv;
	struct img_seg *seg = &ctx->img.seg[2];
	struct firmware fw;

	elf_test_image(ctx, ELFCLASS32, NULL);
	*seg = (struct img_seg){ PT_LOAD, U32_MAX, TEST_DA + 0x400, 0, 0x20 };
	fw = img_write(&ctx->img);
	KUNIT_ASSERT_EQ(test, rproc_elf_load_segments(ctx->rproc, &fw), 0);
	elf_test_want(ctx, true);
	memset(ctx->want + 0x400, 0, 0x20);
	elf_test_expect_mem(test, ctx, "bss segment");
}

/* Malformed images are refused at their step and leave nothing behind. */
static void elf_test_bad_image(struct kunit *test)
{
	static const u8 classes[] = { ELFCLASS32, ELFCLASS64 };
	const struct elf_case *c = test->param_value;
	struct elf_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	enum elf_step step;
	struct firmware fw;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		const char *name = elf_class_name(classes[i]);

		if (!elf_case_runs_in(c, classes[i]))
			continue;
		fw = elf_test_image(ctx, classes[i], c);

		for (step = STEP_SANITY; step < STEP_NONE; step++) {
			if (step == STEP_SANITY)
				ret = rproc_elf_sanity_check(rproc, &fw);
			else if (step == STEP_RSC)
				ret = rproc_elf_load_rsc_table(rproc, &fw);
			else
				ret = rproc_elf_load_segments(rproc, &fw);
			if (step == c->step)
				break;
			KUNIT_ASSERT_EQ_MSG(test, ret, 0, "%s: step %d",
					    name, step);
		}
		KUNIT_EXPECT_EQ_MSG(test, ret, -EINVAL, "%s", name);
		if (c->step <= STEP_RSC) {
			KUNIT_EXPECT_NULL(test, rproc->cached_table);
			KUNIT_EXPECT_NULL(test, rproc->table_ptr);
		}
		elf_test_want(ctx, false);
		elf_test_expect_mem(test, ctx, name);
	}
}

static void elf_test_no_table(struct kunit *test)
{
	const struct elf_case *c = test->param_value;
	struct elf_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct firmware fw;

	fw = elf_test_image(ctx, ELFCLASS32, c);
	KUNIT_ASSERT_EQ(test, rproc_elf_sanity_check(rproc, &fw), 0);

	/* A table left from before is dropped (and freed). */
	rproc->cached_table = kzalloc(16, GFP_KERNEL);
	rproc->table_ptr = rproc->cached_table;
	rproc->table_sz = 16;
	KUNIT_EXPECT_EQ(test, rproc_elf_load_rsc_table(rproc, &fw), 0);
	KUNIT_EXPECT_NULL(test, rproc->cached_table);
	KUNIT_EXPECT_NULL(test, rproc->table_ptr);
	KUNIT_EXPECT_EQ(test, rproc->table_sz, (size_t)0);

	KUNIT_ASSERT_EQ(test, rproc_elf_load_segments(rproc, &fw), 0);
	KUNIT_EXPECT_NULL(test, rproc_elf_find_loaded_rsc_table(rproc, &fw));
	elf_test_want(ctx, true);
	elf_test_expect_mem(test, ctx, c->desc);
}

static void elf_test_unmapped_table(struct kunit *test)
{
	const struct elf_case *c = test->param_value;
	struct elf_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct firmware fw;

	fw = elf_test_image(ctx, ELFCLASS64, c);
	KUNIT_ASSERT_EQ(test, rproc_elf_load_rsc_table(rproc, &fw), 0);
	KUNIT_ASSERT_EQ(test, rproc_elf_load_segments(rproc, &fw), 0);
	KUNIT_EXPECT_NULL(test, rproc_elf_find_loaded_rsc_table(rproc, &fw));
}

/* The loaded table must be the one that was parsed. */
static void elf_test_table_size_mismatch(struct kunit *test)
{
	struct elf_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct firmware fw;

	fw = elf_test_image(ctx, ELFCLASS32, NULL);
	KUNIT_ASSERT_EQ(test, rproc_elf_load_rsc_table(rproc, &fw), 0);
	KUNIT_ASSERT_EQ(test, rproc_elf_load_segments(rproc, &fw), 0);
	rproc->table_sz = RSC_SIZE + 4;
	KUNIT_EXPECT_NULL(test, rproc_elf_find_loaded_rsc_table(rproc, &fw));
	rproc->table_sz = RSC_SIZE;
	KUNIT_EXPECT_NOT_NULL(test,
			      rproc_elf_find_loaded_rsc_table(rproc, &fw));
}

static void elf_test_boot_addr_bad_image(struct kunit *test)
{
	static const struct elf_case c = {
		"bad magic", STEP_SANITY, 0, { POKE8(EI_MAG0, 0) },
	};
	struct elf_test_ctx *ctx = test->priv;
	struct firmware fw;

	fw = elf_test_image(ctx, ELFCLASS64, &c);
	KUNIT_EXPECT_EQ(test, rproc_elf_get_boot_addr(ctx->rproc, &fw),
			(u64)0);
}

static void elf_test_release(struct device *dev)
{
	kfree(container_of(dev, struct rproc, dev));
}

static int elf_test_init(struct kunit *test)
{
	struct elf_test_ctx *ctx;
	struct rproc *rproc;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->mem = kunit_kmalloc(test, TEST_MEM_SIZE, GFP_KERNEL);
	ctx->want = kunit_kmalloc(test, TEST_MEM_SIZE, GFP_KERNEL);
	ctx->img.buf = kunit_kmalloc(test, IMG_BUF_SIZE, GFP_KERNEL);
	rproc = kzalloc(sizeof(*rproc), GFP_KERNEL);
	if (!ctx->mem || !ctx->want || !ctx->img.buf || !rproc) {
		kfree(rproc);
		return -ENOMEM;
	}

	device_initialize(&rproc->dev);
	rproc->dev.release = elf_test_release;
	mutex_init(&rproc->lock);
	INIT_LIST_HEAD(&rproc->carveouts);
	INIT_LIST_HEAD(&rproc->mappings);
	INIT_LIST_HEAD(&rproc->traces);
	INIT_LIST_HEAD(&rproc->rvdevs);
	INIT_LIST_HEAD(&rproc->subdevs);
	INIT_LIST_HEAD(&rproc->dump_segments);
	ctx->ops.da_to_va = elf_test_da_to_va;
	rproc->ops = &ctx->ops;
	rproc->priv = ctx;
	rproc->name = "elf-test";
	ctx->rproc = rproc;
	test->priv = ctx;
	memset(ctx->mem, TEST_POISON, TEST_MEM_SIZE);
	return dev_set_name(&rproc->dev, "rproc-elf-test");
}

static void elf_test_exit(struct kunit *test)
{
	struct elf_test_ctx *ctx = test->priv;

	if (!ctx)
		return;
	kfree(ctx->rproc->cached_table);
	ctx->rproc->cached_table = NULL;
	/* Loading records the segments for coredumps. */
	rproc_coredump_cleanup(ctx->rproc);
	put_device(&ctx->rproc->dev);
}

static struct kunit_case elf_test_cases[] = {
	KUNIT_CASE(elf_test_load),
	KUNIT_CASE(elf_test_load_iomem),
	KUNIT_CASE(elf_test_empty_segment),
	KUNIT_CASE(elf_test_bss_segment),
	KUNIT_CASE_PARAM(elf_test_bad_image, elf_bad_gen_params),
	KUNIT_CASE_PARAM(elf_test_no_table, elf_no_table_gen_params),
	KUNIT_CASE_PARAM(elf_test_unmapped_table,
			 elf_unmapped_table_gen_params),
	KUNIT_CASE(elf_test_table_size_mismatch),
	KUNIT_CASE(elf_test_boot_addr_bad_image),
	{}
};

static struct kunit_suite elf_test_suite = {
	.name = "remoteproc_elf",
	.init = elf_test_init,
	.exit = elf_test_exit,
	.test_cases = elf_test_cases,
};

kunit_test_suite(elf_test_suite);
