// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: the default ELF loader.
 *
 * The functions here are the defaults of the loader operations of
 * &struct rproc_ops.  Platform drivers may also call them from their own
 * operations, before or after doing something platform specific.
 */

#include <linux/elf.h>
#include <linux/export.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/overflow.h>
#include <linux/remoteproc.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "remoteproc_internal.h"

/**
 * DOC: ELF firmware images
 *
 * A firmware file comes from user space, so every byte of it is treated as
 * hostile.  Each entry point starts with rproc_elf_open(), which checks the
 * ELF header and turns it into &struct rproc_elf, a view that is the same for
 * both ELF classes.  Program and section headers are then copied out of the
 * file one at a time (nothing guarantees their alignment) into
 * &struct rproc_elf_seg and &struct rproc_elf_sect.  Past rproc_elf_open(),
 * no code looks at a raw ELF structure.
 *
 * Accepted images are ELF32 or ELF64 executables (%ET_EXEC) in the byte
 * order of the host, whose program header table and section header table
 * (when there is one) lie inside the file, and which have at least one
 * %PT_LOAD segment.
 *
 * Loading: every %PT_LOAD segment is copied to its physical address
 * (p_paddr) as the remote sees it, its p_filesz bytes from the file and the
 * rest of its p_memsz zeroed.  Segments with a zero p_memsz are skipped.  All
 * segments are checked before the first byte is written, so a bad image
 * never leaves a half-loaded remote behind.  An ELF32 segment must also end
 * within the 32-bit address space, and no two loaded segments may overlap.
 * The entry point must lie in a loadable segment.
 *
 * Resource table: the section named ".resource_table".  Its sh_addr is taken
 * as the device address of the loaded copy, so the section must sit in a
 * segment whose virtual and physical addresses are equal.  An image without
 * that section has no resource table, which is not an error (Linux 6.1
 * refuses such images); an image with two of them is rejected.  A table is
 * at most %RPROC_ELF_RSC_TABLE_MAX bytes.
 */

#define RPROC_ELF_RSC_SECTION	".resource_table"

/* The largest resource table accepted; real ones are a few hundred bytes. */
#define RPROC_ELF_RSC_TABLE_MAX	SZ_64K

#define RPROC_ELF_HOST_DATA \
	(IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? ELFDATA2MSB : ELFDATA2LSB)

/**
 * struct rproc_elf - a checked ELF header, whatever the class
 * @data: the file
 * @size: its size
 * @class: %ELFCLASS32 or %ELFCLASS64
 * @type: e_type
 * @entry: e_entry
 * @phoff: e_phoff
 * @shoff: e_shoff
 * @phentsize: e_phentsize
 * @shentsize: e_shentsize
 * @phnum: e_phnum
 * @shnum: e_shnum
 * @shstrndx: e_shstrndx
 */
struct rproc_elf {
	const u8 *data;
	size_t size;
	u8 class;
	u16 type;
	u64 entry;
	u64 phoff;
	u64 shoff;
	u16 phentsize;
	u16 shentsize;
	u16 phnum;
	u16 shnum;
	u16 shstrndx;
};

/**
 * struct rproc_elf_seg - a program header, whatever the class
 * @type: p_type
 * @offset: p_offset
 * @vaddr: p_vaddr
 * @paddr: p_paddr
 * @filesz: p_filesz
 * @memsz: p_memsz
 */
struct rproc_elf_seg {
	u32 type;
	u64 offset;
	u64 vaddr;
	u64 paddr;
	u64 filesz;
	u64 memsz;
};

/**
 * struct rproc_elf_sect - a section header, whatever the class
 * @name: sh_name
 * @type: sh_type
 * @addr: sh_addr
 * @offset: sh_offset
 * @size: sh_size
 */
struct rproc_elf_sect {
	u32 name;
	u32 type;
	u64 addr;
	u64 offset;
	u64 size;
};

/* ---------------------------------------------------------------------- */
/* Reading headers                                                        */
/* ---------------------------------------------------------------------- */

/* Does [@offset, @offset + @len) lie inside the file?  Overflow-safe. */
static bool rproc_elf_in_file(const struct rproc_elf *elf, u64 offset, u64 len)
{
	return offset <= elf->size && len <= elf->size - offset;
}

/* Is [@da, @da + @len) a range of the remote's address space? */
static bool rproc_elf_da_range_ok(const struct rproc_elf *elf, u64 da, u64 len)
{
	u64 end;

	if (check_add_overflow(da, len, &end) || len > SIZE_MAX)
		return false;
	return elf->class != ELFCLASS32 || end <= BIT_ULL(32);
}

static void rproc_elf_from_ehdr32(struct rproc_elf *elf, const void *src)
{
	struct elf32_hdr h;

	memcpy(&h, src, sizeof(h));
	elf->type = h.e_type;
	elf->entry = h.e_entry;
	elf->phoff = h.e_phoff;
	elf->shoff = h.e_shoff;
	elf->phentsize = h.e_phentsize;
	elf->shentsize = h.e_shentsize;
	elf->phnum = h.e_phnum;
	elf->shnum = h.e_shnum;
	elf->shstrndx = h.e_shstrndx;
}

static void rproc_elf_from_ehdr64(struct rproc_elf *elf, const void *src)
{
	struct elf64_hdr h;

	memcpy(&h, src, sizeof(h));
	elf->type = h.e_type;
	elf->entry = h.e_entry;
	elf->phoff = h.e_phoff;
	elf->shoff = h.e_shoff;
	elf->phentsize = h.e_phentsize;
	elf->shentsize = h.e_shentsize;
	elf->phnum = h.e_phnum;
	elf->shnum = h.e_shnum;
	elf->shstrndx = h.e_shstrndx;
}

/* Checks the fields that locate the program and section header tables. */
static int rproc_elf_check_tables(struct device *dev,
				  const struct rproc_elf *elf)
{
	bool is64 = elf->class == ELFCLASS64;
	size_t phsize = is64 ? sizeof(struct elf64_phdr) :
			       sizeof(struct elf32_phdr);
	size_t shsize = is64 ? sizeof(struct elf64_shdr) :
			       sizeof(struct elf32_shdr);

	if (elf->phentsize != phsize) {
		dev_err(dev, "ELF program header size is %u, expected %zu for ELF%u\n",
			elf->phentsize, phsize, is64 ? 64 : 32);
		return -EINVAL;
	}
	if (elf->shnum && elf->shentsize != shsize) {
		dev_err(dev, "ELF section header size is %u, expected %zu for ELF%u\n",
			elf->shentsize, shsize, is64 ? 64 : 32);
		return -EINVAL;
	}
	if (!rproc_elf_in_file(elf, elf->phoff, (u64)elf->phnum * phsize)) {
		dev_err(dev, "ELF program headers (offset 0x%llx, %u x %zu bytes) lie outside the %zu-byte file\n",
			elf->phoff, elf->phnum, phsize, elf->size);
		return -EINVAL;
	}
	if (!rproc_elf_in_file(elf, elf->shoff, (u64)elf->shnum * shsize)) {
		dev_err(dev, "ELF section headers (offset 0x%llx, %u x %zu bytes) lie outside the %zu-byte file\n",
			elf->shoff, elf->shnum, shsize, elf->size);
		return -EINVAL;
	}
	return 0;
}

/*
 * Checks the ELF header of @fw and fills @elf.  Once this returned 0, the
 * program and section header tables are known to lie inside the file.
 */
static int rproc_elf_open(struct device *dev, const struct firmware *fw,
			  struct rproc_elf *elf)
{
	const u8 *ident = fw->data;
	size_t hdr_size;

	if (fw->size < sizeof(struct elf32_hdr)) {
		dev_err(dev, "firmware truncated: %zu bytes, smaller than an ELF header\n",
			fw->size);
		return -EINVAL;
	}
	if (memcmp(ident, ELFMAG, SELFMAG)) {
		dev_err(dev, "firmware is not an ELF file: magic %*ph\n",
			SELFMAG, ident);
		return -EINVAL;
	}
	switch (ident[EI_CLASS]) {
	case ELFCLASS32:
		hdr_size = sizeof(struct elf32_hdr);
		break;
	case ELFCLASS64:
		hdr_size = sizeof(struct elf64_hdr);
		break;
	default:
		dev_err(dev, "ELF class %u unsupported: neither 32 nor 64-bit\n",
			ident[EI_CLASS]);
		return -EINVAL;
	}
	if (fw->size < hdr_size) {
		dev_err(dev, "firmware truncated: %zu bytes, smaller than an ELF header\n",
			fw->size);
		return -EINVAL;
	}
	if (ident[EI_DATA] != RPROC_ELF_HOST_DATA) {
		dev_err(dev, "ELF byte order %u is not the host's (%u)\n",
			ident[EI_DATA], RPROC_ELF_HOST_DATA);
		return -EINVAL;
	}

	elf->data = fw->data;
	elf->size = fw->size;
	elf->class = ident[EI_CLASS];
	if (elf->class == ELFCLASS32)
		rproc_elf_from_ehdr32(elf, fw->data);
	else
		rproc_elf_from_ehdr64(elf, fw->data);

	if (elf->type != ET_EXEC) {
		dev_err(dev, "ELF type %u is not an executable (ET_EXEC)\n",
			elf->type);
		return -EINVAL;
	}
	return rproc_elf_check_tables(dev, elf);
}

/* Reads program header @i, which rproc_elf_open() showed to be in the file. */
static void rproc_elf_read_seg(const struct rproc_elf *elf, unsigned int i,
			       struct rproc_elf_seg *seg)
{
	const u8 *src = elf->data + (size_t)elf->phoff + i * elf->phentsize;

	if (elf->class == ELFCLASS32) {
		struct elf32_phdr ph;

		memcpy(&ph, src, sizeof(ph));
		seg->type = ph.p_type;
		seg->offset = ph.p_offset;
		seg->vaddr = ph.p_vaddr;
		seg->paddr = ph.p_paddr;
		seg->filesz = ph.p_filesz;
		seg->memsz = ph.p_memsz;
	} else {
		struct elf64_phdr ph;

		memcpy(&ph, src, sizeof(ph));
		seg->type = ph.p_type;
		seg->offset = ph.p_offset;
		seg->vaddr = ph.p_vaddr;
		seg->paddr = ph.p_paddr;
		seg->filesz = ph.p_filesz;
		seg->memsz = ph.p_memsz;
	}
}

/* Reads section header @i, which rproc_elf_open() showed to be in the file. */
static void rproc_elf_read_sect(const struct rproc_elf *elf, unsigned int i,
				struct rproc_elf_sect *sect)
{
	const u8 *src = elf->data + (size_t)elf->shoff + i * elf->shentsize;

	if (elf->class == ELFCLASS32) {
		struct elf32_shdr sh;

		memcpy(&sh, src, sizeof(sh));
		sect->name = sh.sh_name;
		sect->type = sh.sh_type;
		sect->addr = sh.sh_addr;
		sect->offset = sh.sh_offset;
		sect->size = sh.sh_size;
	} else {
		struct elf64_shdr sh;

		memcpy(&sh, src, sizeof(sh));
		sect->name = sh.sh_name;
		sect->type = sh.sh_type;
		sect->addr = sh.sh_addr;
		sect->offset = sh.sh_offset;
		sect->size = sh.sh_size;
	}
}

/* ---------------------------------------------------------------------- */
/* Image checks and the entry point                                       */
/* ---------------------------------------------------------------------- */

/* Does @addr lie in @seg, by its virtual or its physical address? */
static bool rproc_elf_seg_holds(const struct rproc_elf_seg *seg, u64 addr)
{
	return (addr >= seg->vaddr && addr - seg->vaddr < seg->memsz) ||
	       (addr >= seg->paddr && addr - seg->paddr < seg->memsz);
}

/**
 * rproc_elf_sanity_check() - check that a firmware image is a usable ELF file
 * @rproc: the remote the image is for
 * @fw: the image
 *
 * Checks the ELF header: size, magic, class, byte order, type, the size of
 * program and section headers, that both header tables lie inside the file,
 * that at least one segment is loadable, and that the entry point lies in
 * a loadable segment (by its virtual or physical address; Linux 6.1 does
 * not check it, and the remote then crashes at start).  Segments and
 * sections themselves are checked when they are used.  Each problem is
 * logged once on &rproc->dev.
 *
 * Context: Any context.
 * Return: 0 if the image may be loaded, -EINVAL otherwise.
 */
int rproc_elf_sanity_check(struct rproc *rproc, const struct firmware *fw)
{
	struct device *dev = &rproc->dev;
	struct rproc_elf_seg seg;
	struct rproc_elf elf;
	bool loadable = false;
	unsigned int i;
	int ret;

	ret = rproc_elf_open(dev, fw, &elf);
	if (ret)
		return ret;

	for (i = 0; i < elf.phnum; i++) {
		rproc_elf_read_seg(&elf, i, &seg);
		if (seg.type != PT_LOAD)
			continue;
		loadable = true;
		if (rproc_elf_seg_holds(&seg, elf.entry))
			return 0;
	}

	if (!loadable)
		dev_err(dev, "ELF image has no loadable (PT_LOAD) segment among its %u program headers\n",
			elf.phnum);
	else
		dev_err(dev, "ELF entry point 0x%llx lies in no loadable segment\n",
			elf.entry);
	return -EINVAL;
}
EXPORT_SYMBOL_GPL(rproc_elf_sanity_check);

/**
 * rproc_elf_get_boot_addr() - the entry point of a firmware image
 * @rproc: the remote the image is for
 * @fw: the image, accepted by rproc_elf_sanity_check()
 *
 * The entry point is e_entry, an address as the remote sees it.
 *
 * Context: Any context.
 * Return: the entry point, or 0 (after logging why) if the ELF header is bad.
 */
u64 rproc_elf_get_boot_addr(struct rproc *rproc, const struct firmware *fw)
{
	struct rproc_elf elf;

	if (rproc_elf_open(&rproc->dev, fw, &elf))
		return 0;
	return elf.entry;
}
EXPORT_SYMBOL_GPL(rproc_elf_get_boot_addr);

/* ---------------------------------------------------------------------- */
/* Loading segments                                                       */
/* ---------------------------------------------------------------------- */

/*
 * Reads and checks program header @i and translates its destination.
 * Return: 1 with *@va and *@is_iomem set if the segment must be loaded, 0 if
 * it must be skipped, -EINVAL (after logging why) if it is bad.
 */
static int rproc_elf_prepare_seg(struct rproc *rproc,
				 const struct rproc_elf *elf, unsigned int i,
				 struct rproc_elf_seg *seg, void **va,
				 bool *is_iomem)
{
	struct device *dev = &rproc->dev;

	rproc_elf_read_seg(elf, i, seg);
	if (seg->type != PT_LOAD)
		return 0;

	if (seg->filesz > seg->memsz) {
		dev_err(dev, "segment %u: file size 0x%llx exceeds memory size 0x%llx\n",
			i, seg->filesz, seg->memsz);
		return -EINVAL;
	}
	if (!seg->memsz)
		return 0;
	/* Nothing is read from the file when p_filesz is 0. */
	if (seg->filesz && !rproc_elf_in_file(elf, seg->offset, seg->filesz)) {
		dev_err(dev, "segment %u: file range at 0x%llx size 0x%llx lies outside the %zu-byte file\n",
			i, seg->offset, seg->filesz, elf->size);
		return -EINVAL;
	}
	if (!rproc_elf_da_range_ok(elf, seg->paddr, seg->memsz)) {
		dev_err(dev, "segment %u: da 0x%llx + size 0x%llx overflows the address space\n",
			i, seg->paddr, seg->memsz);
		return -EINVAL;
	}

	*is_iomem = false;
	*va = rproc_da_to_va(rproc, seg->paddr, seg->memsz, is_iomem);
	if (!*va) {
		dev_err(dev, "segment %u at da 0x%llx size 0x%llx is outside the remote's memory\n",
			i, seg->paddr, seg->memsz);
		return -EINVAL;
	}
	return 1;
}

static void rproc_elf_copy_seg(const struct rproc_elf *elf,
			       const struct rproc_elf_seg *seg, void *va,
			       bool is_iomem)
{
	size_t filesz = seg->filesz;
	size_t zeroes = seg->memsz - seg->filesz;

	if (is_iomem) {
		void __iomem *dst = (void __force __iomem *)va;

		if (filesz)
			memcpy_toio(dst, elf->data + seg->offset, filesz);
		memset_io(dst + filesz, 0, zeroes);
	} else {
		if (filesz)
			memcpy(va, elf->data + seg->offset, filesz);
		memset(va + filesz, 0, zeroes);
	}
}

/* A dump without the segment is still worth having: no error. */
static void rproc_elf_dump_seg(struct rproc *rproc,
			       const struct rproc_elf_seg *seg)
{
	if (rproc_coredump_append_segment(rproc, seg->paddr, seg->memsz))
		dev_warn_ratelimited(&rproc->dev, "segment at da 0x%llx will be missing from coredumps\n",
				     seg->paddr);
}

/* A loaded segment's device range, for the overlap check. */
struct rproc_elf_range {
	u64 start;
	u64 end;
	unsigned int index;
};

static int rproc_elf_range_cmp(const void *a, const void *b)
{
	const struct rproc_elf_range *ra = a, *rb = b;

	if (ra->start != rb->start)
		return ra->start < rb->start ? -1 : 1;
	return 0;
}

/*
 * Checks every segment, and that no two loaded segments overlap: what is
 * written is then at most the remote's memory, whatever the image says.
 */
static int rproc_elf_check_segs(struct rproc *rproc,
				const struct rproc_elf *elf)
{
	struct rproc_elf_range *ranges;
	struct rproc_elf_seg seg;
	unsigned int i, n = 0;
	bool is_iomem;
	void *va;
	int ret = 0;

	ranges = kvmalloc_array(elf->phnum ?: 1, sizeof(*ranges), GFP_KERNEL);
	if (!ranges)
		return -ENOMEM;

	for (i = 0; i < elf->phnum; i++) {
		ret = rproc_elf_prepare_seg(rproc, elf, i, &seg, &va, &is_iomem);
		if (ret < 0)
			goto out;
		if (ret) {
			ranges[n].start = seg.paddr;
			ranges[n].end = seg.paddr + seg.memsz;
			ranges[n++].index = i;
		}
		cond_resched();
	}
	ret = 0;

	sort(ranges, n, sizeof(*ranges), rproc_elf_range_cmp, NULL);
	for (i = 1; i < n; i++) {
		if (ranges[i].start < ranges[i - 1].end) {
			dev_err(&rproc->dev, "segments %u and %u overlap at da 0x%llx\n",
				ranges[i - 1].index, ranges[i].index,
				ranges[i].start);
			ret = -EINVAL;
			break;
		}
	}
out:
	kvfree(ranges);
	return ret;
}

/**
 * rproc_elf_load_segments() - load a firmware image into the remote's memory
 * @rproc: the remote
 * @fw: the image, accepted by rproc_elf_sanity_check()
 *
 * Copies each %PT_LOAD segment to its p_paddr, translated by
 * rproc_da_to_va(), and zeroes its memory beyond p_filesz.  Segments whose
 * p_memsz is 0 are skipped.  Every segment is checked first: p_filesz not
 * above p_memsz, its file bytes inside the file, its device range not
 * overflowing, entirely translatable and overlapping no other loaded
 * segment (Linux 6.1 loads overlapping segments one over the other).  On
 * error nothing has been written.  The cost is bounded by the number of
 * program headers (at most 65535, sorted once) and by the remote's memory.
 * Each loaded segment becomes a coredump segment (see
 * rproc_coredump_add_segment()); one that cannot be added is only logged.
 *
 * Context: Process context, with the remote's memory mapped (the core calls
 * it with &rproc->lock held, after allocating the carveouts).  The
 * translations must not change during the call.
 * Return: 0 on success, -EINVAL (after logging why) if the image is bad,
 * -ENOMEM.
 */
int rproc_elf_load_segments(struct rproc *rproc, const struct firmware *fw)
{
	struct rproc_elf_seg seg;
	struct rproc_elf elf;
	bool is_iomem;
	unsigned int i;
	void *va;
	int ret;

	ret = rproc_elf_open(&rproc->dev, fw, &elf);
	if (ret)
		return ret;
	ret = rproc_elf_check_segs(rproc, &elf);
	if (ret)
		return ret;

	/* Same checks again: they passed above, so nothing is logged twice. */
	for (i = 0; i < elf.phnum; i++) {
		ret = rproc_elf_prepare_seg(rproc, &elf, i, &seg, &va,
					    &is_iomem);
		if (ret < 0)
			return ret;
		if (!ret)
			continue;
		rproc_elf_copy_seg(&elf, &seg, va, is_iomem);
		rproc_elf_dump_seg(rproc, &seg);
		cond_resched();
	}
	return 0;
}
EXPORT_SYMBOL_GPL(rproc_elf_load_segments);

/* ---------------------------------------------------------------------- */
/* The resource table                                                     */
/* ---------------------------------------------------------------------- */

/*
 * Finds the ".resource_table" section, checking the name of every section on
 * the way.  An image without section names (no sections, or e_shstrndx
 * %SHN_UNDEF) has no resource table.
 * Return: 1 with *@found filled, 0 if there is no such section, -EINVAL
 * (after logging why) if the section headers are bad.
 */
static int rproc_elf_find_rsc_sect(struct device *dev,
				   const struct rproc_elf *elf,
				   struct rproc_elf_sect *found)
{
	struct rproc_elf_sect strtab, sect;
	int match = -1;
	const char *names;
	unsigned int i;

	if (!elf->shnum || elf->shstrndx == SHN_UNDEF)
		return 0;
	if (elf->shstrndx >= elf->shnum) {
		dev_err(dev, "ELF section name table index %u out of range (%u sections)\n",
			elf->shstrndx, elf->shnum);
		return -EINVAL;
	}

	rproc_elf_read_sect(elf, elf->shstrndx, &strtab);
	if (!rproc_elf_in_file(elf, strtab.offset, strtab.size)) {
		dev_err(dev, "ELF section name table at 0x%llx size 0x%llx lies outside the %zu-byte file\n",
			strtab.offset, strtab.size, elf->size);
		return -EINVAL;
	}
	names = (const char *)elf->data + strtab.offset;

	for (i = 0; i < elf->shnum; i++) {
		rproc_elf_read_sect(elf, i, &sect);
		if (sect.name >= strtab.size) {
			dev_err(dev, "ELF section %u: name offset 0x%x lies outside the 0x%llx-byte name table\n",
				i, sect.name, strtab.size);
			return -EINVAL;
		}
		if (!memchr(names + sect.name, '\0', strtab.size - sect.name)) {
			dev_err(dev, "ELF section %u: name at offset 0x%x is not NUL-terminated\n",
				i, sect.name);
			return -EINVAL;
		}
		if (strcmp(names + sect.name, RPROC_ELF_RSC_SECTION))
			continue;
		if (match >= 0) {
			dev_err(dev, "ELF sections %d and %u are both named %s\n",
				match, i, RPROC_ELF_RSC_SECTION);
			return -EINVAL;
		}
		match = i;
		*found = sect;
	}
	return match >= 0;
}

/* Replaces the cached table (freeing the old one) with @table, or with none. */
static void rproc_elf_set_table(struct rproc *rproc,
				struct resource_table *table, size_t size)
{
	kfree(rproc->cached_table);
	rproc->cached_table = table;
	rproc->table_ptr = table;
	rproc->table_sz = size;
}

/**
 * rproc_elf_load_rsc_table() - copy the resource table out of a firmware image
 * @rproc: the remote
 * @fw: the image, accepted by rproc_elf_sanity_check()
 *
 * Finds the ".resource_table" section, copies it and checks the copy with
 * rproc_rsc_table_check().  On success the copy becomes &rproc->cached_table,
 * &rproc->table_ptr points to it and &rproc->table_sz is its size; any
 * previous cached table is freed.  An image without that section is valid:
 * it gets no table (&rproc->table_ptr is NULL, &rproc->table_sz is 0), which
 * is logged at info level.  Unlike Linux 6.1, this is not an error.
 *
 * Context: Process context; may sleep.
 * Return: 0 on success (with or without a table), -EINVAL (after logging
 * why) if the sections or the table are bad, -ENOMEM if the copy cannot be
 * allocated.
 */
int rproc_elf_load_rsc_table(struct rproc *rproc, const struct firmware *fw)
{
	struct device *dev = &rproc->dev;
	struct resource_table *table;
	struct rproc_elf_sect sect;
	struct rproc_elf elf;
	int ret;

	ret = rproc_elf_open(dev, fw, &elf);
	if (ret)
		return ret;

	ret = rproc_elf_find_rsc_sect(dev, &elf, &sect);
	if (ret < 0)
		return ret;
	if (!ret) {
		dev_info(dev, "no resource table\n");
		rproc_elf_set_table(rproc, NULL, 0);
		return 0;
	}

	if (sect.type == SHT_NOBITS) {
		dev_err(dev, "resource table section has no bytes in the file (SHT_NOBITS)\n");
		return -EINVAL;
	}
	if (!rproc_elf_in_file(&elf, sect.offset, sect.size)) {
		dev_err(dev, "resource table section at 0x%llx size 0x%llx lies outside the %zu-byte file\n",
			sect.offset, sect.size, elf.size);
		return -EINVAL;
	}
	if (sect.size > RPROC_ELF_RSC_TABLE_MAX) {
		dev_err(dev, "resource table is 0x%llx bytes, more than the 0x%x supported\n",
			sect.size, RPROC_ELF_RSC_TABLE_MAX);
		return -EINVAL;
	}

	/* Check a private copy: nobody can change it behind our back. */
	table = kmemdup(elf.data + sect.offset, sect.size, GFP_KERNEL);
	if (!table)
		return -ENOMEM;

	ret = rproc_rsc_table_check(dev, table, sect.size);
	if (ret) {
		kfree(table);
		return ret;
	}

	rproc_elf_set_table(rproc, table, sect.size);
	return 0;
}
EXPORT_SYMBOL_GPL(rproc_elf_load_rsc_table);

/**
 * rproc_elf_find_loaded_rsc_table() - where the resource table was loaded
 * @rproc: the remote
 * @fw: the image, loaded by rproc_elf_load_segments()
 *
 * The loaded table is at the device address sh_addr of the ".resource_table"
 * section, which must still have the size of the table that
 * rproc_elf_load_rsc_table() cached.  The core copies its cached table there
 * before starting the remote.  If rproc_da_to_va() says the address is an
 * I/O mapping, the returned pointer is one too; the platform's
 * &rproc_ops.da_to_va decides.
 *
 * Context: Process context, with the remote's memory mapped.
 * Return: the kernel address of the loaded table, or NULL if the image has
 * no table, or (after logging why) if it cannot be translated.
 */
struct resource_table *
rproc_elf_find_loaded_rsc_table(struct rproc *rproc, const struct firmware *fw)
{
	struct device *dev = &rproc->dev;
	struct rproc_elf_sect sect;
	struct rproc_elf elf;
	bool is_iomem = false;
	void *va = NULL;

	if (rproc_elf_open(dev, fw, &elf) ||
	    rproc_elf_find_rsc_sect(dev, &elf, &sect) <= 0)
		return NULL;

	if (sect.size != rproc->table_sz) {
		dev_err(dev, "loaded resource table is 0x%llx bytes, the cached one 0x%zx\n",
			sect.size, rproc->table_sz);
		return NULL;
	}

	if (rproc_elf_da_range_ok(&elf, sect.addr, sect.size))
		va = rproc_da_to_va(rproc, sect.addr, sect.size, &is_iomem);
	if (!va) {
		dev_err(dev, "resource table at da 0x%llx size 0x%llx is outside the remote's memory\n",
			sect.addr, sect.size);
		return NULL;
	}
	return va;
}
EXPORT_SYMBOL_GPL(rproc_elf_find_loaded_rsc_table);
