// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_elf - the default ELF loader (drivers/remoteproc/remoteproc_elf.c)
 * on any firmware image, as the core drives it for a boot:
 * rproc_elf_sanity_check(), rproc_elf_get_boot_addr(),
 * rproc_elf_load_rsc_table() (with rproc_rsc_table_check()),
 * rproc_elf_load_segments(), rproc_elf_find_loaded_rsc_table(), then the
 * copy of the cached table to the loaded one the core makes.  Each runs
 * whatever the previous ones said: a platform driver may replace any of
 * them, so each must stand on its own.
 *
 * Input: the image.  Its last e_ident padding byte (offset 15, which the
 * loader ignores), when not 0, makes that allocation fail (1: the first).
 *
 * The remote's memory is four regions, each its own malloc()ed buffer so
 * that ASan catches a write past one: the project's load area (da
 * 0x60001000, 64 KiB), an __iomem region (da 0x20000000), the last page
 * below 4 GiB and a page near the top of the 64-bit space.
 * rproc_da_to_va() translates a range only when it lies in one region.
 *
 * Contract checked, besides ASan/UBSan: each entry point's verdict is the
 * one of a reference model written from the loader's documentation ("ELF
 * firmware images" and the kernel-doc of each function), both ways; a
 * failure is logged exactly once, a success logs no error; a failed load
 * writes nothing; a successful one leaves exactly the model's image in
 * memory (each PT_LOAD's file bytes, then zeroes up to p_memsz) and adds
 * one coredump segment per loaded segment; the cached table is a copy of
 * the section; the loaded table pointer is the translation of the
 * section's address, with room for the table (and NULL for a cached table
 * of another size); an allocation failure gives -ENOMEM with nothing
 * written or cached; nothing leaks.
 */

#include "fuzz_common.h"
#include <linux/elf.h>
#include <linux/firmware.h>
#include "remoteproc_internal.h"

#define RSC_TABLE_MAX	SZ_64K
#define FILL		0xa5

/* ---------------------------------------------------------------------
 * The remote's memory.
 */

struct region {
	u64 da;
	size_t size;
	bool iomem;
	u8 *mem;	/* what the loader writes */
	u8 *expect;	/* what the model says it must hold afterwards */
};

static struct region regions[] = {
	{ 0x60001000ULL, SZ_64K, false },
	{ 0x20000000ULL, SZ_16K, true },
	{ 0xfffff000ULL, SZ_4K, false },
	{ 0xffffffffffffe000ULL, SZ_4K, false },
};

static struct region *region_of(u64 da, u64 len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(regions); i++) {
		struct region *r = &regions[i];

		if (da >= r->da && da - r->da < r->size &&
		    len <= r->size - (da - r->da))
			return r;
	}
	return NULL;
}

void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem)
{
	struct region *r = region_of(da, len);

	if (!r)
		return NULL;
	if (is_iomem)
		*is_iomem = r->iomem;
	return r->mem + (da - r->da);
}

/* ---------------------------------------------------------------------
 * Coredump segments: recorded; those whose da has bit 4 set fail, so that
 * the loader's "missing from coredumps" path runs too.
 */

#define MAX_SEGS 65536

static struct {
	u64 da;
	u64 size;
} dumps[MAX_SEGS];
static unsigned int nr_dumps, nr_dump_failures;

int rproc_coredump_append_segment(struct rproc *rproc, dma_addr_t da,
				  size_t size)
{
	KSHIM_ASSERT(nr_dumps < MAX_SEGS, "too many dump segments");
	dumps[nr_dumps].da = da;
	dumps[nr_dumps++].size = size;
	if (da & 0x10) {
		nr_dump_failures++;
		return -ENOMEM;
	}
	return 0;
}

int rproc_coredump_add_segment(struct rproc *rproc, dma_addr_t da,
			       size_t size)
{
	return rproc_coredump_append_segment(rproc, da, size);
}

/* ---------------------------------------------------------------------
 * The reference model: raw offsets of the ELF specification, nothing
 * shared with the loader but the bytes.
 */

struct model_elf {
	const u8 *d;
	size_t size;
	bool is64;
	u64 entry, phoff, shoff;
	u16 phnum, shnum, shstrndx;
	u64 phsize, shsize;
};

struct model_seg {
	u32 type;
	u64 offset, vaddr, paddr, filesz, memsz;
};

struct model_sect {
	u32 name, type;
	u64 addr, offset, size;
};

static bool in_file(const struct model_elf *m, u64 off, u64 len)
{
	return off <= m->size && len <= m->size - off;
}

static bool model_open(const u8 *d, size_t size, struct model_elf *m)
{
	memset(m, 0, sizeof(*m));
	m->d = d;
	m->size = size;
	if (size < 52 || memcmp(d, "\177ELF", 4))
		return false;
	if (d[4] != 1 && d[4] != 2)
		return false;
	m->is64 = d[4] == 2;
	if (size < (m->is64 ? 64 : 52) || d[5] != 1)
		return false;
	if (get_le16(d + 16) != 2)			/* ET_EXEC */
		return false;
	if (m->is64) {
		m->entry = get_le64(d + 24);
		m->phoff = get_le64(d + 32);
		m->shoff = get_le64(d + 40);
		m->phsize = 56;
		m->shsize = 64;
		if (get_le16(d + 54) != 56)
			return false;
		m->phnum = get_le16(d + 56);
		m->shnum = get_le16(d + 60);
		m->shstrndx = get_le16(d + 62);
		if (m->shnum && get_le16(d + 58) != 64)
			return false;
	} else {
		m->entry = get_le32(d + 24);
		m->phoff = get_le32(d + 28);
		m->shoff = get_le32(d + 32);
		m->phsize = 32;
		m->shsize = 40;
		if (get_le16(d + 42) != 32)
			return false;
		m->phnum = get_le16(d + 44);
		m->shnum = get_le16(d + 48);
		m->shstrndx = get_le16(d + 50);
		if (m->shnum && get_le16(d + 46) != 40)
			return false;
	}
	return in_file(m, m->phoff, m->phnum * m->phsize) &&
	       in_file(m, m->shoff, m->shnum * m->shsize);
}

static void model_seg(const struct model_elf *m, unsigned int i,
		      struct model_seg *s)
{
	const u8 *p = m->d + m->phoff + i * m->phsize;

	s->type = get_le32(p);
	if (m->is64) {
		s->offset = get_le64(p + 8);
		s->vaddr = get_le64(p + 16);
		s->paddr = get_le64(p + 24);
		s->filesz = get_le64(p + 32);
		s->memsz = get_le64(p + 40);
	} else {
		s->offset = get_le32(p + 4);
		s->vaddr = get_le32(p + 8);
		s->paddr = get_le32(p + 12);
		s->filesz = get_le32(p + 16);
		s->memsz = get_le32(p + 20);
	}
}

static void model_sect(const struct model_elf *m, unsigned int i,
		       struct model_sect *s)
{
	const u8 *p = m->d + m->shoff + i * m->shsize;

	s->name = get_le32(p);
	s->type = get_le32(p + 4);
	if (m->is64) {
		s->addr = get_le64(p + 16);
		s->offset = get_le64(p + 24);
		s->size = get_le64(p + 32);
	} else {
		s->addr = get_le32(p + 12);
		s->offset = get_le32(p + 16);
		s->size = get_le32(p + 20);
	}
}

/* Accepted: an executable whose entry point lies in some PT_LOAD. */
static bool model_sanity(const struct model_elf *m)
{
	struct model_seg s;
	unsigned int i;

	for (i = 0; i < m->phnum; i++) {
		model_seg(m, i, &s);
		if (s.type != PT_LOAD)
			continue;
		if ((m->entry >= s.vaddr && m->entry - s.vaddr < s.memsz) ||
		    (m->entry >= s.paddr && m->entry - s.paddr < s.memsz))
			return true;
	}
	return false;
}

/* A device range: no wrap-around, within 4 GiB for ELF32. */
static bool model_da_ok(const struct model_elf *m, u64 da, u64 len)
{
	u64 end = da + len;

	if (end < da)
		return false;
	return m->is64 || end <= (1ULL << 32);
}

struct model_range {
	u64 start, end;
};

static struct model_range ranges[65536];

static int range_cmp(const void *a, const void *b)
{
	const struct model_range *ra = a, *rb = b;

	return ra->start < rb->start ? -1 : ra->start > rb->start;
}

/* Returns the number of loaded segments, or -1 if the image is refused. */
static int model_load(const struct model_elf *m)
{
	struct model_seg s;
	unsigned int i, n = 0;

	for (i = 0; i < m->phnum; i++) {
		model_seg(m, i, &s);
		if (s.type != PT_LOAD)
			continue;
		if (s.filesz > s.memsz)
			return -1;
		if (!s.memsz)
			continue;
		if (s.filesz && !in_file(m, s.offset, s.filesz))
			return -1;
		if (!model_da_ok(m, s.paddr, s.memsz) ||
		    !region_of(s.paddr, s.memsz))
			return -1;
		ranges[n].start = s.paddr;
		ranges[n++].end = s.paddr + s.memsz;
	}
	/* No two loaded segments overlap. */
	qsort(ranges, n, sizeof(ranges[0]), range_cmp);
	for (i = 1; i < n; i++) {
		if (ranges[i].start < ranges[i - 1].end)
			return -1;
	}
	return n;
}

/* What memory holds after a successful load of @m. */
static void model_apply(const struct model_elf *m)
{
	struct model_seg s;
	unsigned int i;

	for (i = 0; i < m->phnum; i++) {
		struct region *r;
		u8 *dst;

		model_seg(m, i, &s);
		if (s.type != PT_LOAD || !s.memsz)
			continue;
		r = region_of(s.paddr, s.memsz);
		dst = r->expect + (s.paddr - r->da);
		if (s.filesz)
			memcpy(dst, m->d + s.offset, s.filesz);
		memset(dst + s.filesz, 0, s.memsz - s.filesz);
	}
}

/* -1: bad section headers, 0: no ".resource_table", 1: found (*@out). */
static int model_find_rsc(const struct model_elf *m, struct model_sect *out)
{
	static const char want[] = ".resource_table";
	struct model_sect strtab, s;
	const char *names;
	unsigned int i;
	int found = 0;

	if (!m->shnum || !m->shstrndx)
		return 0;
	if (m->shstrndx >= m->shnum)
		return -1;
	model_sect(m, m->shstrndx, &strtab);
	if (!in_file(m, strtab.offset, strtab.size))
		return -1;
	names = (const char *)m->d + strtab.offset;
	for (i = 0; i < m->shnum; i++) {
		u64 left;

		model_sect(m, i, &s);
		if (s.name >= strtab.size)
			return -1;
		left = strtab.size - s.name;
		if (!memchr(names + s.name, 0, left))
			return -1;
		if (strcmp(names + s.name, want))
			continue;
		if (found)
			return -1;
		found = 1;
		*out = s;
	}
	return found;
}

/* -1: refused, 0: no table, 1: table at *@sect, checked. */
static int model_rsc_table(const struct model_elf *m, struct model_sect *sect)
{
	int ret = model_find_rsc(m, sect);

	if (ret <= 0)
		return ret;
	if (sect->type == SHT_NOBITS || !in_file(m, sect->offset, sect->size) ||
	    sect->size > RSC_TABLE_MAX)
		return -1;
	if (!model_rsc_table_ok(m->d + sect->offset, sect->size, NULL, 0))
		return -1;
	return 1;
}

/* ---------------------------------------------------------------------
 * The target.
 */

static struct rproc_ops ops;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(regions); i++) {
		regions[i].mem = malloc(regions[i].size);
		regions[i].expect = malloc(regions[i].size);
	}
	return 0;
}

static void check_memory(bool loaded, const struct model_elf *m)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(regions); i++)
		memset(regions[i].expect, FILL, regions[i].size);
	if (loaded)
		model_apply(m);
	for (i = 0; i < ARRAY_SIZE(regions); i++)
		KSHIM_ASSERT(!memcmp(regions[i].mem, regions[i].expect,
				     regions[i].size),
			     "region %zu (da %#llx) differs from the model after a %s load",
			     i, (unsigned long long)regions[i].da,
			     loaded ? "successful" : "failed");
}

/* Did the call that just returned meet an injected allocation failure? */
static unsigned long failures_seen;

static bool alloc_failed(void)
{
	bool failed = kshim_alloc_failures != failures_seen;

	failures_seen = kshim_alloc_failures;
	return failed;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct firmware fw = { .size = size, .data = data };
	struct resource_table *loaded;
	struct model_sect sect = { 0 };
	struct model_elf m;
	struct rproc rproc;
	bool m_open, m_sane;
	int m_table, m_load;
	long allocs = kshim_live_allocs;
	unsigned int i;
	u64 boot;
	int ret;

	fuzz_rproc_init(&rproc, &ops);
	m_open = model_open(data, size, &m);
	m_sane = m_open && model_sanity(&m);
	for (i = 0; i < ARRAY_SIZE(regions); i++)
		memset(regions[i].mem, FILL, regions[i].size);
	nr_dumps = 0;
	nr_dump_failures = 0;
	kshim_alloc_nr = 0;
	kshim_alloc_fail_at = size > 15 ? data[15] : 0;
	failures_seen = kshim_alloc_failures;

	/* sanity_check */
	kshim_log_reset();
	ret = rproc_elf_sanity_check(&rproc, &fw);
	KSHIM_ASSERT(!alloc_failed(), "sanity_check allocates");
	KSHIM_ASSERT(ret == 0 || ret == -EINVAL, "sanity_check: %d", ret);
	KSHIM_ASSERT(!ret == m_sane, "sanity_check says %d, the model %d", ret,
		     m_sane);
	KSHIM_ASSERT(fuzz_errors() == !!ret, "sanity_check: %lu errors",
		     fuzz_errors());

	/* get_boot_addr */
	kshim_log_reset();
	boot = rproc_elf_get_boot_addr(&rproc, &fw);
	KSHIM_ASSERT(!alloc_failed(), "get_boot_addr allocates");
	KSHIM_ASSERT(boot == (m_open ? m.entry : 0), "boot address %#llx",
		     (unsigned long long)boot);
	KSHIM_ASSERT(fuzz_errors() == !m_open, "get_boot_addr: %lu errors",
		     fuzz_errors());

	/* parse_fw: the resource table */
	kshim_log_reset();
	ret = rproc_elf_load_rsc_table(&rproc, &fw);
	m_table = m_open ? model_rsc_table(&m, &sect) : -1;
	if (alloc_failed()) {
		KSHIM_ASSERT(ret == -ENOMEM && !rproc.cached_table &&
			     !rproc.table_ptr && !rproc.table_sz,
			     "load_rsc_table without memory: %d", ret);
		goto out;
	}
	KSHIM_ASSERT(ret == 0 || ret == -EINVAL, "load_rsc_table: %d", ret);
	KSHIM_ASSERT(!ret == (m_table >= 0), "load_rsc_table says %d, the model %d",
		     ret, m_table);
	KSHIM_ASSERT(fuzz_errors() == !!ret, "load_rsc_table: %lu errors",
		     fuzz_errors());
	if (m_table == 1) {
		KSHIM_ASSERT(rproc.cached_table && rproc.table_ptr == rproc.cached_table &&
			     rproc.table_sz == sect.size,
			     "cached table %p/%p size %zu, section size %llu",
			     rproc.cached_table, rproc.table_ptr, rproc.table_sz,
			     (unsigned long long)sect.size);
		KSHIM_ASSERT(!memcmp(rproc.cached_table, data + sect.offset,
				     sect.size), "cached table differs from the section");
	} else {
		KSHIM_ASSERT(!rproc.cached_table && !rproc.table_ptr &&
			     !rproc.table_sz, "a table when the model has none");
	}

	/* load */
	kshim_log_reset();
	ret = rproc_elf_load_segments(&rproc, &fw);
	m_load = m_open ? model_load(&m) : -1;
	if (alloc_failed()) {
		KSHIM_ASSERT(ret == -ENOMEM && !nr_dumps,
			     "load_segments without memory: %d", ret);
		check_memory(false, &m);
		goto out;
	}
	KSHIM_ASSERT(ret == 0 || ret == -EINVAL, "load_segments: %d", ret);
	KSHIM_ASSERT(!ret == (m_load >= 0), "load_segments says %d, the model %d",
		     ret, m_load);
	KSHIM_ASSERT(fuzz_errors() == !!ret, "load_segments: %lu errors",
		     fuzz_errors());
	KSHIM_ASSERT(kshim_log_count[KSHIM_WARN] == nr_dump_failures,
		     "%lu warnings for %u failed dump segments",
		     kshim_log_count[KSHIM_WARN], nr_dump_failures);
	check_memory(!ret, &m);
	KSHIM_ASSERT(nr_dumps == (ret ? 0 : (unsigned int)m_load),
		     "%u dump segments for %d loaded segments", nr_dumps, m_load);
	for (i = 0; i < nr_dumps; i++) {
		struct region *r = region_of(dumps[i].da, dumps[i].size);

		KSHIM_ASSERT(r && dumps[i].size, "dump segment %u at %#llx", i,
			     (unsigned long long)dumps[i].da);
	}

	/* find_loaded_rsc_table, then the core's copy into it */
	if (!ret && rproc.cached_table) {
		struct region *r = NULL;

		/* A table of another size than the cached one is refused. */
		kshim_log_reset();
		rproc.table_sz++;
		loaded = rproc_elf_find_loaded_rsc_table(&rproc, &fw);
		rproc.table_sz--;
		KSHIM_ASSERT(!loaded && fuzz_errors() == 1,
			     "loaded table of another size: %p", loaded);

		kshim_log_reset();
		loaded = rproc_elf_find_loaded_rsc_table(&rproc, &fw);
		KSHIM_ASSERT(!alloc_failed(), "find_loaded_rsc_table allocates");
		if (model_da_ok(&m, sect.addr, sect.size))
			r = region_of(sect.addr, sect.size);
		KSHIM_ASSERT(loaded == (r ? (void *)(r->mem + (sect.addr - r->da)) : NULL),
			     "loaded table at %p", loaded);
		KSHIM_ASSERT(fuzz_errors() == !loaded, "find_loaded: %lu errors",
			     fuzz_errors());
		if (loaded)
			memcpy(loaded, rproc.cached_table, rproc.table_sz);
	}

out:
	kfree(rproc.cached_table);
	idr_destroy(&rproc.notifyids);
	KSHIM_ASSERT(kshim_live_allocs == allocs, "%ld allocations leaked",
		     kshim_live_allocs - allocs);
	return 0;
}
