// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: loading an ELF firmware image into local memory (--preboot).
 *
 * What is accepted: a little-endian ELF64 x86-64 executable; PT_LOAD
 * segments whose device address (p_paddr) range lies wholly in local
 * memory past the control page, with p_filesz <= p_memsz and their bytes
 * inside the file; an entry point inside an executable PT_LOAD segment;
 * exactly one ".resource_table" section, with contents, inside the
 * file-backed part of a PT_LOAD segment (at the matching file offset), and
 * a table header of version 1 whose entry offsets stay inside it.
 *
 * The file is mapped read-only and looked at through bounds-checked
 * copies; sums of untrusted values are never formed, differences are
 * taken from the side known to be larger.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/remoteproc/ivshmem_rproc.h>
#include <linux/remoteproc/wire.h>

#include "elf_load.h"

#define RSC_SECTION		".resource_table"

/**
 * struct elf_ctx - one image being loaded
 * @data: the file, mapped
 * @size: its size
 * @eh: its ELF header, checked
 * @local_end: device address just past local memory
 * @err: where the reason of a failure goes
 * @errlen: size of @err
 */
struct elf_ctx {
	const unsigned char *data;
	uint64_t size;
	Elf64_Ehdr eh;
	uint64_t local_end;
	char *err;
	size_t errlen;
};

static int __attribute__((format(printf, 2, 3)))
elf_fail(struct elf_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->err, c->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Is [off, off + len) inside the file? */
static bool elf_in_file(const struct elf_ctx *c, uint64_t off, uint64_t len)
{
	return off <= c->size && len <= c->size - off;
}

/* Is [da, da + len) inside [start, end)? */
static bool elf_in_range(uint64_t da, uint64_t len, uint64_t start,
			 uint64_t end)
{
	return da >= start && da <= end && len <= end - da;
}

static int elf_check_ehdr(struct elf_ctx *c)
{
	Elf64_Ehdr *eh = &c->eh;

	if (c->size < SELFMAG || memcmp(c->data, ELFMAG, SELFMAG))
		return elf_fail(c, "not an ELF file");
	if (c->size < sizeof(*eh))
		return elf_fail(c, "file too short for an ELF header");
	memcpy(eh, c->data, sizeof(*eh));
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT)
		return elf_fail(c, "not a little-endian ELF64 file");
	if (eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64)
		return elf_fail(c, "not an x86-64 executable (type %u, machine %u)",
				eh->e_type, eh->e_machine);
	if (!eh->e_phnum || eh->e_phnum >= PN_XNUM ||
	    eh->e_phentsize != sizeof(Elf64_Phdr) ||
	    !elf_in_file(c, eh->e_phoff,
			 (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr)))
		return elf_fail(c, "no program headers, or not inside the file");
	return 0;
}

static void elf_phdr(const struct elf_ctx *c, unsigned int i, Elf64_Phdr *ph)
{
	memcpy(ph, c->data + c->eh.e_phoff + (uint64_t)i * sizeof(*ph),
	       sizeof(*ph));
}

static int elf_check_segment(struct elf_ctx *c, unsigned int i,
			     const Elf64_Phdr *ph)
{
	if (ph->p_filesz > ph->p_memsz)
		return elf_fail(c, "segment %u: file size 0x%llx above memory size 0x%llx",
				i, (unsigned long long)ph->p_filesz,
				(unsigned long long)ph->p_memsz);
	if (!elf_in_file(c, ph->p_offset, ph->p_filesz))
		return elf_fail(c, "segment %u: its bytes are not inside the file", i);
	if (!elf_in_range(ph->p_paddr, ph->p_memsz, IVRP_LOAD_DA, c->local_end))
		return elf_fail(c, "segment %u: 0x%llx bytes at 0x%llx are not inside local memory 0x%x..0x%llx",
				i, (unsigned long long)ph->p_memsz,
				(unsigned long long)ph->p_paddr, IVRP_LOAD_DA,
				(unsigned long long)c->local_end);
	return 0;
}

/* Check every PT_LOAD and the entry point; count the segments. */
static int elf_check_segments(struct elf_ctx *c, struct emu_elf_info *info)
{
	bool entry_ok = false;
	Elf64_Phdr ph;

	for (unsigned int i = 0; i < c->eh.e_phnum; i++) {
		elf_phdr(c, i, &ph);
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		if (elf_check_segment(c, i, &ph))
			return -1;
		info->nload++;
		if ((ph.p_flags & PF_X) && c->eh.e_entry >= ph.p_paddr &&
		    c->eh.e_entry - ph.p_paddr < ph.p_memsz)
			entry_ok = true;
	}
	if (!info->nload)
		return elf_fail(c, "no PT_LOAD segment");
	if (!entry_ok)
		return elf_fail(c, "entry point 0x%llx is not in an executable segment",
				(unsigned long long)c->eh.e_entry);
	info->entry = c->eh.e_entry;
	return 0;
}

static bool elf_shdr(const struct elf_ctx *c, unsigned int i, Elf64_Shdr *sh)
{
	if (i >= c->eh.e_shnum)
		return false;
	memcpy(sh, c->data + c->eh.e_shoff + (uint64_t)i * sizeof(*sh),
	       sizeof(*sh));
	return true;
}

/* Does section @sh have the name @name, per the names section @names? */
static bool elf_name_is(const struct elf_ctx *c, const Elf64_Shdr *names,
			const Elf64_Shdr *sh, const char *name)
{
	size_t n = strlen(name) + 1;

	if (sh->sh_name >= names->sh_size || n > names->sh_size - sh->sh_name)
		return false;
	return !memcmp(c->data + names->sh_offset + sh->sh_name, name, n);
}

/* Find the one ".resource_table" section. */
static int elf_find_rsc(struct elf_ctx *c, Elf64_Shdr *rsc)
{
	const Elf64_Ehdr *eh = &c->eh;
	unsigned int found = 0;
	Elf64_Shdr names, sh;

	if (!eh->e_shnum || eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    !elf_in_file(c, eh->e_shoff,
			 (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr)))
		return elf_fail(c, "no section headers, or not inside the file");
	if (!elf_shdr(c, eh->e_shstrndx, &names) ||
	    names.sh_type != SHT_STRTAB ||
	    !elf_in_file(c, names.sh_offset, names.sh_size))
		return elf_fail(c, "no usable section name table");
	for (unsigned int i = 0; i < eh->e_shnum; i++) {
		elf_shdr(c, i, &sh);
		if (elf_name_is(c, &names, &sh, RSC_SECTION) && !found++)
			*rsc = sh;
	}
	if (found != 1)
		return elf_fail(c, found ? "more than one %s section" :
				"no %s section", RSC_SECTION);
	return 0;
}

/* The table must be loaded from the file, where the section says it is. */
static int elf_check_rsc_place(struct elf_ctx *c, const Elf64_Shdr *sh)
{
	Elf64_Phdr ph;

	if (sh->sh_type == SHT_NOBITS || sh->sh_size < sizeof(struct resource_table) ||
	    sh->sh_size > UINT32_MAX || !elf_in_file(c, sh->sh_offset, sh->sh_size))
		return elf_fail(c, "%s: empty, too small or not inside the file",
				RSC_SECTION);
	for (unsigned int i = 0; i < c->eh.e_phnum; i++) {
		elf_phdr(c, i, &ph);
		if (ph.p_type != PT_LOAD || !ph.p_memsz ||
		    !elf_in_range(sh->sh_addr, sh->sh_size, ph.p_paddr,
				  ph.p_paddr + ph.p_filesz))
			continue;
		/* ph was checked: p_paddr + p_filesz does not wrap. */
		if (sh->sh_offset < ph.p_offset ||
		    sh->sh_offset - ph.p_offset != sh->sh_addr - ph.p_paddr)
			return elf_fail(c, "%s: file offset does not match its segment",
					RSC_SECTION);
		return 0;
	}
	return elf_fail(c, "%s (0x%llx bytes at 0x%llx) is not inside the file contents of a loaded segment",
			RSC_SECTION, (unsigned long long)sh->sh_size,
			(unsigned long long)sh->sh_addr);
}

static uint32_t elf_get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* The header of the table: version, reserved words, entry offsets. */
static int elf_check_rsc_header(struct elf_ctx *c, const Elf64_Shdr *sh)
{
	const unsigned char *t = c->data + sh->sh_offset;
	const uint32_t size = (uint32_t)sh->sh_size;
	uint32_t ver = elf_get32(t), num = elf_get32(t + 4);

	if (ver != RPROC_RSC_TABLE_VERSION)
		return elf_fail(c, "resource table: version %u, not %u", ver,
				RPROC_RSC_TABLE_VERSION);
	if (elf_get32(t + 8) || elf_get32(t + 12))
		return elf_fail(c, "resource table: reserved words are not zero");
	if (num > (size - sizeof(struct resource_table)) / sizeof(uint32_t))
		return elf_fail(c, "resource table: %u entries do not fit in %u bytes",
				num, size);
	for (uint32_t i = 0; i < num; i++) {
		uint32_t off = elf_get32(t + sizeof(struct resource_table) + 4 * i);

		if (off > size - sizeof(uint32_t))
			return elf_fail(c, "resource table: entry %u at offset %u is outside it",
					i, off);
	}
	return 0;
}

static void elf_copy_segments(const struct elf_ctx *c, unsigned char *local)
{
	Elf64_Phdr ph;

	for (unsigned int i = 0; i < c->eh.e_phnum; i++) {
		unsigned char *dst;

		elf_phdr(c, i, &ph);
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		dst = local + (ph.p_paddr - IVRP_LOCAL_DA);
		memcpy(dst, c->data + ph.p_offset, ph.p_filesz);
		memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
	}
}

static int elf_check_and_copy(struct elf_ctx *c, unsigned char *local,
			      struct emu_elf_info *info)
{
	Elf64_Shdr rsc = { .sh_type = SHT_NULL };

	if (elf_check_ehdr(c) || elf_check_segments(c, info) ||
	    elf_find_rsc(c, &rsc) || elf_check_rsc_place(c, &rsc) ||
	    elf_check_rsc_header(c, &rsc))
		return -1;
	/* Local memory ends below 4 GiB: the address fits in 32 bits. */
	info->rsc_da = (uint32_t)rsc.sh_addr;
	info->rsc_size = (uint32_t)rsc.sh_size;
	elf_copy_segments(c, local);
	return 0;
}

/**
 * emu_elf_load() - check an image, then copy its segments to local memory
 * @path: the ELF file
 * @local: local memory (BAR2 offset 0 is device address IVRP_LOCAL_DA)
 * @local_size: its size
 * @info: filled in on success
 * @err: set to the reason of a failure, one line
 * @errlen: size of @err
 *
 * Each PT_LOAD segment goes to its p_paddr, the part of p_memsz past
 * p_filesz is zeroed.  On failure local memory is left untouched.
 *
 * Return: 0, or -1 with @err set.
 */
int emu_elf_load(const char *path, unsigned char *local, uint64_t local_size,
		 struct emu_elf_info *info, char *err, size_t errlen)
{
	struct elf_ctx c = {
		.local_end = IVRP_LOCAL_DA + local_size,
		.err = err,
		.errlen = errlen,
	};
	struct stat st;
	void *map;
	int fd, ret;

	memset(info, 0, sizeof(*info));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return elf_fail(&c, "%s", strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0) {
		close(fd);
		return elf_fail(&c, "not a regular, non-empty file");
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return elf_fail(&c, "cannot map it: %s", strerror(errno));
	c.data = map;
	c.size = (uint64_t)st.st_size;
	ret = elf_check_and_copy(&c, local, info);
	munmap(map, (size_t)st.st_size);
	return ret;
}
