// SPDX-License-Identifier: GPL-2.0
/*
 * Tests: loading firmware into local memory the way Linux does.
 *
 * Copies each PT_LOAD to its p_paddr, zero-fills the rest of p_memsz, and
 * finds the trace buffer and carveout in the loaded resource table.  Only
 * good images are expected: everything is checked, nothing is forgiven.
 */
#include <stdio.h>
#include <string.h>

#include <linux/remoteproc/ivshmem_rproc.h>
#include <linux/remoteproc/wire.h>

#include "elf_image.h"
#include "fw_loader.h"

static int fw_fail(char *err, size_t errlen, const char *path, const char *what)
{
	snprintf(err, errlen, "%s: %s", path, what);
	return -1;
}

static int fw_load_segments(unsigned char *local, uint64_t local_size,
			    const struct elf_image *img, struct fw_info *info)
{
	const uint64_t end = IVRP_LOCAL_DA + local_size;
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned int i;

	elf_get_ehdr(img, &eh);
	info->load_end = 0;
	for (i = 0; i < eh.e_phnum; i++) {
		if (!elf_get_phdr(img, i, &ph))
			return -1;
		if (ph.p_type != PT_LOAD)
			continue;
		if (ph.p_paddr < IVRP_LOAD_DA || ph.p_paddr >= end ||
		    ph.p_memsz > end - ph.p_paddr || ph.p_filesz > ph.p_memsz ||
		    !elf_range_ok(img, ph.p_offset, ph.p_filesz))
			return -1;
		memcpy(local + (ph.p_paddr - IVRP_LOCAL_DA),
		       img->data + ph.p_offset, ph.p_filesz);
		memset(local + (ph.p_paddr - IVRP_LOCAL_DA) + ph.p_filesz, 0,
		       ph.p_memsz - ph.p_filesz);
		if (ph.p_paddr + ph.p_memsz > info->load_end)
			info->load_end = ph.p_paddr + ph.p_memsz;
	}
	return info->load_end ? 0 : -1;
}

static uint32_t fw_get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static int fw_find_resources(const unsigned char *local, struct fw_info *info)
{
	const unsigned char *t = local + (info->rsc_da - IVRP_LOCAL_DA);
	uint32_t num = fw_get32(t + 4), i;

	if (fw_get32(t) != RPROC_RSC_TABLE_VERSION ||
	    num > (info->rsc_size - sizeof(struct resource_table)) / 4)
		return -1;
	for (i = 0; i < num; i++) {
		uint32_t off = fw_get32(t + sizeof(struct resource_table) + 4 * i);
		uint32_t type, body;

		if (off > info->rsc_size - 4)
			return -1;
		type = fw_get32(t + off);
		body = type == RSC_TRACE ? sizeof(struct fw_rsc_trace) :
		       type == RSC_CARVEOUT ? sizeof(struct fw_rsc_carveout) :
		       type == RSC_VDEV ? sizeof(struct fw_rsc_vdev) : 0;
		if (body > info->rsc_size - 4 - off)
			return -1;
		if (type == RSC_TRACE && !info->trace_da) {
			info->trace_da = fw_get32(t + off + 4);
			info->trace_len = fw_get32(t + off + 8);
		}
		if (type == RSC_CARVEOUT && !info->carveout_da)
			info->carveout_da = info->rsc_da + off + 4;
		if (type == RSC_VDEV && !info->vdev_da)
			info->vdev_da = info->rsc_da + off + 4;
	}
	return 0;
}

/**
 * fw_parse_table() - find the resources of a table already in local memory
 * @local: local memory
 * @local_size: its size
 * @rsc_da: device address of the table (e.g. from ivrp_ctrl.rsc_da)
 * @rsc_size: its size
 * @info: its table fields, trace, carveout and vdev are filled in; the
 *	  others are zeroed
 *
 * Return: 0, or -1 when the table is not inside local memory past the
 * control page, is malformed, or names a trace buffer outside it.
 */
int fw_parse_table(const unsigned char *local, uint64_t local_size,
		   uint64_t rsc_da, uint32_t rsc_size, struct fw_info *info)
{
	const uint64_t end = IVRP_LOCAL_DA + local_size;

	memset(info, 0, sizeof(*info));
	if (rsc_da < IVRP_LOAD_DA || rsc_da >= end || rsc_size > end - rsc_da ||
	    rsc_size < sizeof(struct resource_table))
		return -1;
	info->rsc_da = rsc_da;
	info->rsc_size = rsc_size;
	if (fw_find_resources(local, info))
		return -1;
	if (info->trace_da && (info->trace_da < IVRP_LOAD_DA ||
			       info->trace_da >= end ||
			       info->trace_len > end - info->trace_da))
		return -1;
	return 0;
}

/**
 * fw_load() - load an image into local memory
 * @local: local memory (BAR2) mapped in the test
 * @local_size: its size
 * @path: the image
 * @info: filled in
 * @err: set to what went wrong
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err set.
 */
int fw_load(unsigned char *local, uint64_t local_size, const char *path,
	    struct fw_info *info, char *err, size_t errlen)
{
	const uint64_t end = IVRP_LOCAL_DA + local_size;
	struct elf_image img;
	uint64_t load_end;
	Elf64_Ehdr eh;
	Elf64_Shdr sh;
	int ret = -1;

	memset(info, 0, sizeof(*info));
	if (elf_image_read(&img, path))
		return fw_fail(err, errlen, path, "cannot read");
	if (!elf_get_ehdr(&img, &eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_type != ET_EXEC) {
		fw_fail(err, errlen, path, "not an ELF64 executable");
		goto out;
	}
	if (fw_load_segments(local, local_size, &img, info)) {
		fw_fail(err, errlen, path, "bad or missing PT_LOAD segments");
		goto out;
	}
	if (elf_find_section(&img, ".resource_table", &sh) < 0 ||
	    sh.sh_addr < IVRP_LOAD_DA || sh.sh_addr >= end ||
	    sh.sh_size > end - sh.sh_addr || sh.sh_size < 16) {
		fw_fail(err, errlen, path, "no resource table in local memory");
		goto out;
	}
	load_end = info->load_end;
	if (fw_parse_table(local, local_size, sh.sh_addr, (uint32_t)sh.sh_size,
			   info)) {
		fw_fail(err, errlen, path,
			"bad resource table, or trace buffer outside local memory");
		goto out;
	}
	info->entry = eh.e_entry;
	info->load_end = load_end;
	ret = 0;
out:
	elf_image_free(&img);
	return ret;
}

/**
 * fw_assign_carveout() - play Linux: give the carveout an address
 * @local: local memory
 * @info: the loaded image, with a carveout
 * @da: device (== guest physical) address for it
 * @len: set to the carveout's length
 *
 * Return: 0, or -1 when the image has no carveout.
 */
int fw_assign_carveout(unsigned char *local, const struct fw_info *info,
		       uint32_t da, uint32_t *len)
{
	unsigned char *c;

	if (!info->carveout_da)
		return -1;
	c = local + (info->carveout_da - IVRP_LOCAL_DA);
	memcpy(c, &da, 4);			/* da */
	memcpy(c + 4, &da, 4);			/* pa */
	*len = fw_get32(c + 8);
	return 0;
}

/**
 * fw_read_trace() - copy the trace buffer's text
 * @local: local memory
 * @info: the loaded image
 * @buf: receives the text, NUL-terminated
 * @size: size of @buf
 */
void fw_read_trace(const unsigned char *local, const struct fw_info *info,
		   char *buf, size_t size)
{
	size_t n = info->trace_len < size - 1 ? info->trace_len : size - 1;

	buf[0] = '\0';
	if (!info->trace_da || info->trace_da < IVRP_LOAD_DA)
		return;
	memcpy(buf, local + (info->trace_da - IVRP_LOCAL_DA), n);
	buf[n] = '\0';
}
