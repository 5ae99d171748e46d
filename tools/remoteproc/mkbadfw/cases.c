// SPDX-License-Identifier: GPL-2.0
/*
 * mkbadfw: the malformed images, one defect each.
 *
 * Every case starts from a copy of the good image and breaks exactly one
 * thing; everything else stays valid, so a loader has one reason to refuse
 * it.  Where a limit is checked, the defect sits just past it (one byte
 * past the end, one entry too many), where off-by-one errors show.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <linux/remoteproc/ivshmem_rproc.h>
#include <linux/remoteproc/wire.h>

#include "badfw.h"

#define RSC_HDR_SIZE		16u	/* struct resource_table without offsets */
#define RSC_TRACE_SIZE		44u	/* struct fw_rsc_trace */
#define RSC_CARVEOUT_SIZE	52u	/* struct fw_rsc_carveout */
#define RSC_VDEV_SIZE		24u	/* struct fw_rsc_vdev without vrings */
#define RSC_VRING_SIZE		20u	/* struct fw_rsc_vdev_vring */
_Static_assert(VIRTIO_ID_RPMSG == 7, "virtio id of rpmsg");

_Static_assert(sizeof(struct resource_table) == RSC_HDR_SIZE, "layout");
_Static_assert(sizeof(struct fw_rsc_trace) == RSC_TRACE_SIZE, "layout");
_Static_assert(sizeof(struct fw_rsc_carveout) == RSC_CARVEOUT_SIZE, "layout");
_Static_assert(sizeof(struct fw_rsc_vdev) == RSC_VDEV_SIZE, "layout");
_Static_assert(sizeof(struct fw_rsc_vdev_vring) == RSC_VRING_SIZE, "layout");

/* ---- finding things in the good image ---------------------------------- */

static uint32_t rsc_body_size(uint32_t type)
{
	switch (type) {
	case RSC_CARVEOUT:
	case RSC_DEVMEM:
		return RSC_CARVEOUT_SIZE;
	case RSC_TRACE:
		return RSC_TRACE_SIZE;
	default:
		return RSC_VDEV_SIZE;
	}
}

static int badfw_find_segments(const struct elf_image *img,
			       struct badfw_layout *lo, uint64_t rsc_addr)
{
	bool have_text = false, have_data = false;
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned int i;

	elf_get_ehdr(img, &eh);
	for (i = 0; i < eh.e_phnum; i++) {
		if (!elf_get_phdr(img, i, &ph))
			return -1;
		if (ph.p_type != PT_LOAD)
			continue;
		if (!have_text) {
			lo->text_phdr = i;
			have_text = true;
		}
		if (rsc_addr >= ph.p_paddr && rsc_addr - ph.p_paddr < ph.p_filesz) {
			lo->data_phdr = i;
			have_data = true;
		}
	}
	return have_text && have_data && lo->text_phdr != lo->data_phdr ? 0 : -1;
}

static int badfw_find_entries(const struct elf_image *img,
			      struct badfw_layout *lo)
{
	uint32_t i;

	lo->num = elf_get32(img, lo->rsc_off + 4);
	if (elf_get32(img, lo->rsc_off) != RPROC_RSC_TABLE_VERSION || !lo->num ||
	    lo->num > (lo->rsc_size - RSC_HDR_SIZE) / 4)
		return -1;
	lo->trace_off = lo->carveout_off = 0;
	for (i = 0; i < lo->num; i++) {
		uint32_t off = elf_get32(img, lo->rsc_off + RSC_HDR_SIZE + 4 * i);
		uint32_t type;

		if (off < RSC_HDR_SIZE + 4 * lo->num || off > lo->rsc_size - 4)
			return -1;
		type = elf_get32(img, lo->rsc_off + off);
		if (rsc_body_size(type) > lo->rsc_size - off - 4)
			return -1;
		if (type == RSC_TRACE && !lo->trace_off)
			lo->trace_off = lo->rsc_off + off;
		if (type == RSC_CARVEOUT && !lo->carveout_off)
			lo->carveout_off = lo->rsc_off + off;
	}
	return lo->trace_off && lo->carveout_off ? 0 : -1;
}

/**
 * badfw_find_layout() - check the good image and find what the cases change
 * @img: the good image
 * @lo: filled in
 * @why: set to the reason when the image is not usable
 *
 * The image must be a little-endian ELF64 x86-64 executable with a code and
 * a data PT_LOAD, and a .resource_table section in the data segment that
 * holds a valid table with a trace and a carveout entry.
 *
 * Return: 0, or -1 with @why set.
 */
int badfw_find_layout(const struct elf_image *img, struct badfw_layout *lo,
		      const char **why)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh;
	int idx;

	*why = "not a little-endian ELF64 x86-64 executable";
	if (!elf_get_ehdr(img, &eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_type != ET_EXEC ||
	    eh.e_machine != EM_X86_64)
		return -1;
	*why = "no .resource_table section inside the file";
	idx = elf_find_section(img, ".resource_table", &sh);
	if (idx < 0 || !elf_range_ok(img, sh.sh_offset, sh.sh_size) ||
	    sh.sh_size < RSC_HDR_SIZE || sh.sh_size > UINT32_MAX)
		return -1;
	lo->rsc_shndx = (unsigned int)idx;
	lo->rsc_off = sh.sh_offset;
	lo->rsc_size = sh.sh_size;
	*why = "no code segment, or the resource table is not in a data segment";
	if (badfw_find_segments(img, lo, sh.sh_addr))
		return -1;
	*why = "the resource table is invalid or lacks a trace or carveout entry";
	if (badfw_find_entries(img, lo))
		return -1;
	*why = NULL;
	return 0;
}

/* ---- ELF header and program header defects ------------------------------ */

static int bad_not_elf(struct elf_image *img, const struct badfw_layout *lo)
{
	uint32_t x = 0x1badf00du;
	size_t i;

	(void)lo;
	img->size = img->size < 4096 ? img->size : 4096;
	for (i = 0; i < img->size; i++) {
		x = x * 1103515245u + 12345u;
		img->data[i] = (unsigned char)(x >> 16);
	}
	img->data[0] = 'X';	/* whatever came out, no ELF magic */
	return 0;
}

static int bad_truncated_header(struct elf_image *img,
				const struct badfw_layout *lo)
{
	(void)lo;
	img->size = 20;
	return 0;
}

static int bad_wrong_class(struct elf_image *img, const struct badfw_layout *lo)
{
	(void)lo;
	elf_put8(img, EI_CLASS, 3);
	return 0;
}

static int bad_wrong_endian(struct elf_image *img, const struct badfw_layout *lo)
{
	(void)lo;
	elf_put8(img, EI_DATA, ELFDATA2MSB);
	return 0;
}

/* Change one field of the ELF header. */
#define EHDR_CASE(fn, field, value)					\
static int fn(struct elf_image *img, const struct badfw_layout *lo)	\
{									\
	Elf64_Ehdr eh;							\
									\
	(void)lo;							\
	elf_get_ehdr(img, &eh);						\
	eh.field = (value);						\
	elf_put_ehdr(img, &eh);						\
	return 0;							\
}

EHDR_CASE(bad_not_exec, e_type, ET_REL)
EHDR_CASE(bad_phdr_outside, e_phoff, img->size)
EHDR_CASE(bad_phdr_overflow, e_phoff, UINT64_MAX - 8)
EHDR_CASE(bad_shdr_outside, e_shoff, img->size)

static int bad_segment_past_eof(struct elf_image *img,
				const struct badfw_layout *lo)
{
	Elf64_Phdr ph;

	elf_get_phdr(img, lo->data_phdr, &ph);
	ph.p_filesz = img->size - ph.p_offset + 1;
	if (ph.p_memsz < ph.p_filesz)
		ph.p_memsz = ph.p_filesz;
	elf_put_phdr(img, lo->data_phdr, &ph);
	return 0;
}

static int bad_filesz_gt_memsz(struct elf_image *img,
			       const struct badfw_layout *lo)
{
	Elf64_Phdr ph;

	elf_get_phdr(img, lo->text_phdr, &ph);
	if (!ph.p_filesz)
		return -1;
	ph.p_memsz = ph.p_filesz - 1;
	elf_put_phdr(img, lo->text_phdr, &ph);
	return 0;
}

/* Move the code segment to another device address. */
static int bad_text_paddr(struct elf_image *img, const struct badfw_layout *lo,
			  uint64_t paddr)
{
	Elf64_Phdr ph;

	elf_get_phdr(img, lo->text_phdr, &ph);
	ph.p_paddr = paddr;
	elf_put_phdr(img, lo->text_phdr, &ph);
	return 0;
}

static int bad_segment_outside_memory(struct elf_image *img,
				      const struct badfw_layout *lo)
{
	return bad_text_paddr(img, lo, 0x10000000);
}

static int bad_segment_over_control(struct elf_image *img,
				    const struct badfw_layout *lo)
{
	return bad_text_paddr(img, lo, IVRP_LOCAL_DA);
}

static int bad_segment_overflow(struct elf_image *img,
				const struct badfw_layout *lo)
{
	Elf64_Phdr ph;

	elf_get_phdr(img, lo->text_phdr, &ph);
	if (ph.p_memsz < 2)
		return -1;
	return bad_text_paddr(img, lo, UINT64_MAX - ph.p_memsz / 2);
}

/* ---- resource table defects --------------------------------------------- */

static uint64_t rsc_offset_field(const struct badfw_layout *lo, uint32_t i)
{
	return lo->rsc_off + RSC_HDR_SIZE + 4 * (uint64_t)i;
}

static int bad_rsc_version(struct elf_image *img, const struct badfw_layout *lo)
{
	elf_put32(img, lo->rsc_off, RPROC_RSC_TABLE_VERSION + 1);
	return 0;
}

static int bad_rsc_reserved(struct elf_image *img, const struct badfw_layout *lo)
{
	elf_put32(img, lo->rsc_off + 12, 1);	/* reserved[1] */
	return 0;
}

static int bad_rsc_num(struct elf_image *img, const struct badfw_layout *lo)
{
	/* One offset more than the table has room for. */
	elf_put32(img, lo->rsc_off + 4,
		  (uint32_t)((lo->rsc_size - RSC_HDR_SIZE) / 4 + 1));
	return 0;
}

static int bad_rsc_offset_outside(struct elf_image *img,
				  const struct badfw_layout *lo)
{
	elf_put32(img, rsc_offset_field(lo, 0), (uint32_t)lo->rsc_size);
	return 0;
}

static int bad_rsc_offset_overflow(struct elf_image *img,
				   const struct badfw_layout *lo)
{
	elf_put32(img, rsc_offset_field(lo, 0), UINT32_MAX - 3);
	return 0;
}

static int bad_rsc_truncated_entry(struct elf_image *img,
				   const struct badfw_layout *lo)
{
	uint32_t last = lo->num - 1;
	uint32_t off = elf_get32(img, rsc_offset_field(lo, last));
	uint32_t type = elf_get32(img, lo->rsc_off + off);
	uint32_t body = rsc_body_size(type);
	uint32_t moved = ((uint32_t)lo->rsc_size - 4 - body / 2) & ~3u;

	/* The type word fits, half of the body hangs over the end. */
	if (moved < RSC_HDR_SIZE + 4 * lo->num)
		return -1;
	elf_put32(img, rsc_offset_field(lo, last), moved);
	elf_put32(img, lo->rsc_off + moved, type);
	return 0;
}

static int bad_rsc_unknown_type(struct elf_image *img,
				const struct badfw_layout *lo)
{
	elf_put32(img, lo->rsc_off + elf_get32(img, rsc_offset_field(lo, 0)), 42);
	return 0;
}

/*
 * Replace the table's entries by one vdev entry at the first entry's place,
 * with @nvrings plain vrings and @config_len bytes of config space.  The
 * part of it that fits in the table must fit; the caller decides whether
 * the config space does.
 */
static int rsc_make_vdev(struct elf_image *img, const struct badfw_layout *lo,
			 uint32_t nvrings, uint32_t config_len)
{
	uint32_t off = elf_get32(img, rsc_offset_field(lo, 0));
	uint64_t e = lo->rsc_off + off, v;
	uint32_t i;

	if (lo->rsc_size - off < 4 + RSC_VDEV_SIZE + nvrings * RSC_VRING_SIZE)
		return -1;
	memset(img->data + lo->rsc_off + RSC_HDR_SIZE, 0,
	       lo->rsc_size - RSC_HDR_SIZE);
	elf_put32(img, lo->rsc_off + 4, 1);
	elf_put32(img, rsc_offset_field(lo, 0), off);
	elf_put32(img, e, RSC_VDEV);
	e += 4;						/* the body */
	elf_put32(img, e + offsetof(struct fw_rsc_vdev, id), VIRTIO_ID_RPMSG);
	elf_put32(img, e + offsetof(struct fw_rsc_vdev, dfeatures), 1); /* NS */
	elf_put32(img, e + offsetof(struct fw_rsc_vdev, config_len), config_len);
	elf_put8(img, e + offsetof(struct fw_rsc_vdev, num_of_vrings),
		 (uint8_t)nvrings);
	for (i = 0; i < nvrings; i++) {
		v = e + RSC_VDEV_SIZE + i * RSC_VRING_SIZE;
		elf_put32(img, v + offsetof(struct fw_rsc_vdev_vring, da),
			  (uint32_t)FW_RSC_ADDR_ANY);
		elf_put32(img, v + offsetof(struct fw_rsc_vdev_vring, align),
			  0x1000);
		elf_put32(img, v + offsetof(struct fw_rsc_vdev_vring, num), 8);
		elf_put32(img, v + offsetof(struct fw_rsc_vdev_vring, notifyid),
			  i + 1);
	}
	return 0;
}

static int bad_vdev_vrings(struct elf_image *img, const struct badfw_layout *lo)
{
	return rsc_make_vdev(img, lo, RPROC_RSC_MAX_VRINGS + 1, 0);
}

static int bad_vdev_config(struct elf_image *img, const struct badfw_layout *lo)
{
	uint32_t off = elf_get32(img, rsc_offset_field(lo, 0));
	uint32_t used = 4 + RSC_VDEV_SIZE + RPROC_RSC_MAX_VRINGS * RSC_VRING_SIZE;

	if (lo->rsc_size - off < used)
		return -1;
	/* One byte of config space past the end of the table. */
	return rsc_make_vdev(img, lo, RPROC_RSC_MAX_VRINGS,
			     (uint32_t)(lo->rsc_size - off - used + 1));
}

/* Move the .resource_table section's file offset. */
static int bad_rsc_section_at(struct elf_image *img,
			      const struct badfw_layout *lo, uint64_t offset)
{
	Elf64_Shdr sh;

	elf_get_shdr(img, lo->rsc_shndx, &sh);
	sh.sh_offset = offset;
	elf_put_shdr(img, lo->rsc_shndx, &sh);
	return 0;
}

static int bad_rsc_section_outside(struct elf_image *img,
				   const struct badfw_layout *lo)
{
	/* The section's last byte is the first one past the end of file. */
	return bad_rsc_section_at(img, lo, img->size - lo->rsc_size + 1);
}

static int bad_rsc_section_overflow(struct elf_image *img,
				    const struct badfw_layout *lo)
{
	return bad_rsc_section_at(img, lo, UINT64_MAX - lo->rsc_size / 2);
}

/* ---- resources that cannot be provided ---------------------------------- */

static int bad_carveout_too_big(struct elf_image *img,
				const struct badfw_layout *lo)
{
	elf_put32(img, lo->carveout_off + 4 +
		  offsetof(struct fw_rsc_carveout, len), 0x40000000);
	return 0;
}

static int bad_carveout_fixed_da(struct elf_image *img,
				 const struct badfw_layout *lo)
{
	elf_put32(img, lo->carveout_off + 4 +
		  offsetof(struct fw_rsc_carveout, da), 0x1000);
	return 0;
}

static int bad_trace_outside(struct elf_image *img,
			     const struct badfw_layout *lo)
{
	elf_put32(img, lo->trace_off + 4 + offsetof(struct fw_rsc_trace, da),
		  0xf0000000);
	return 0;
}

/* ---- images whose cost or meaning is hostile ----------------------------- */

/* File offset of the first entry of @type (its type word), or 0. */
static uint64_t rsc_entry_of(const struct elf_image *img,
			     const struct badfw_layout *lo, uint32_t type)
{
	uint32_t i, off;

	for (i = 0; i < lo->num; i++) {
		off = elf_get32(img, lo->rsc_off + RSC_HDR_SIZE + 4 * i);
		if (elf_get32(img, lo->rsc_off + off) == type)
			return lo->rsc_off + off;
	}
	return 0;
}

/* The rpmsg vdev entry becomes a virtio device of another kind. */
static int bad_vdev_id(struct elf_image *img, const struct badfw_layout *lo,
		       uint32_t id)
{
	uint64_t e = rsc_entry_of(img, lo, RSC_VDEV);

	if (!e)
		return -1;
	elf_put32(img, e + 4 + offsetof(struct fw_rsc_vdev, id), id);
	return 0;
}

static int bad_vdev_net(struct elf_image *img, const struct badfw_layout *lo)
{
	return bad_vdev_id(img, lo, 1);
}

static int bad_vdev_blk(struct elf_image *img, const struct badfw_layout *lo)
{
	return bad_vdev_id(img, lo, 2);
}

static int bad_vdev_console(struct elf_image *img,
			    const struct badfw_layout *lo)
{
	return bad_vdev_id(img, lo, 3);
}

EHDR_CASE(bad_entry_outside, e_entry, 0xf0000000u)

static int bad_segments_overlap(struct elf_image *img,
				const struct badfw_layout *lo)
{
	Elf64_Phdr text, data;

	elf_get_phdr(img, lo->text_phdr, &text);
	elf_get_phdr(img, lo->data_phdr, &data);
	data.p_paddr = text.p_paddr;
	elf_put_phdr(img, lo->data_phdr, &data);
	return 0;
}

/*
 * A new program header table at the end of the file: the image's own
 * headers, then PT_LOADs up to BADFW_MANY_PHDRS in all, the i-th extra one
 * at device address @base + i * @stride, @memsz bytes, nothing from the
 * file.  (65535 would be PN_XNUM.)
 */
#define BADFW_MANY_PHDRS	65532u

static int many_segments(struct elf_image *img, uint64_t base,
			 uint64_t stride, uint64_t memsz)
{
	size_t phoff = (img->size + 7) & ~(size_t)7;
	unsigned char *data;
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned int i, own;

	elf_get_ehdr(img, &eh);
	own = eh.e_phnum;
	if (own >= BADFW_MANY_PHDRS)
		return -1;
	data = realloc(img->data, phoff + BADFW_MANY_PHDRS * sizeof(ph));
	if (!data)
		return -1;
	memset(data + img->size, 0,
	       phoff + BADFW_MANY_PHDRS * sizeof(ph) - img->size);
	img->data = data;
	memmove(img->data + phoff, img->data + eh.e_phoff, own * sizeof(ph));
	img->size = phoff + BADFW_MANY_PHDRS * sizeof(ph);
	eh.e_phoff = phoff;
	eh.e_phnum = BADFW_MANY_PHDRS;
	elf_put_ehdr(img, &eh);

	for (i = own; i < BADFW_MANY_PHDRS; i++) {
		memset(&ph, 0, sizeof(ph));
		ph.p_type = PT_LOAD;
		ph.p_flags = PF_R | PF_W;
		ph.p_paddr = base + (uint64_t)(i - own) * stride;
		ph.p_vaddr = ph.p_paddr;
		ph.p_memsz = memsz;
		ph.p_align = 1;
		elf_put_phdr(img, i, &ph);
	}
	return 0;
}

/* Each extra segment is 1 MiB at the code's address: 64 GiB to zero. */
static int bad_many_overlapping(struct elf_image *img,
				const struct badfw_layout *lo)
{
	Elf64_Phdr text;

	elf_get_phdr(img, lo->text_phdr, &text);
	return many_segments(img, text.p_paddr, 0, 0x100000);
}

/* Local memory the image and the SRAM carveout leave alone. */
#define BADFW_FREE_DA		(IVRP_LOCAL_DA + 0x2000000u)

/* One byte each, side by side: valid, and costly if loading is quadratic. */
static int odd_many_segments(struct elf_image *img,
			     const struct badfw_layout *lo)
{
	(void)lo;
	return many_segments(img, BADFW_FREE_DA, 1, 1);
}

/* A 32 MiB trace buffer (the firmware writes its first KiBs only). */
static int odd_big_trace(struct elf_image *img, const struct badfw_layout *lo)
{
	elf_put32(img, lo->trace_off + 4 + offsetof(struct fw_rsc_trace, len),
		  0x2000000);
	return 0;
}

static const struct badfw_case badfw_case_table[] = {
	{ "not-elf", "not an ELF file (4 KiB of random bytes)", bad_not_elf },
	{ "truncated-header", "file ends after 20 bytes, inside the ELF header",
	  bad_truncated_header },
	{ "wrong-class", "EI_CLASS is 3 (neither ELF32 nor ELF64)",
	  bad_wrong_class },
	{ "wrong-endian", "EI_DATA is big-endian", bad_wrong_endian },
	{ "not-exec", "e_type is ET_REL, not ET_EXEC", bad_not_exec },
	{ "phdr-outside", "e_phoff is the file size: program headers past EOF",
	  bad_phdr_outside },
	{ "phdr-overflow", "e_phoff is 2^64-9: offset + size wraps around",
	  bad_phdr_overflow },
	{ "shdr-outside", "e_shoff is the file size: section headers past EOF",
	  bad_shdr_outside },
	{ "segment-past-eof", "data PT_LOAD: p_offset + p_filesz is 1 byte past EOF",
	  bad_segment_past_eof },
	{ "filesz-gt-memsz", "code PT_LOAD: p_filesz is p_memsz + 1",
	  bad_filesz_gt_memsz },
	{ "segment-outside-memory",
	  "code PT_LOAD: p_paddr 0x10000000 is guest RAM, not local memory",
	  bad_segment_outside_memory },
	{ "segment-over-control",
	  "code PT_LOAD: p_paddr 0x60000000 overwrites the control page",
	  bad_segment_over_control },
	{ "segment-overflow", "code PT_LOAD: p_paddr + p_memsz wraps around",
	  bad_segment_overflow },
	{ "rsc-bad-version", "resource table version is 2", bad_rsc_version },
	{ "rsc-reserved-nonzero", "resource table reserved[1] is 1",
	  bad_rsc_reserved },
	{ "rsc-num-too-large",
	  "resource table num: one offset more than the section holds",
	  bad_rsc_num },
	{ "rsc-offset-outside",
	  "resource table offset[0] is the table size: entry past the end",
	  bad_rsc_offset_outside },
	{ "rsc-offset-overflow",
	  "resource table offset[0] is 0xfffffffc: offset + header wraps a u32",
	  bad_rsc_offset_overflow },
	{ "rsc-truncated-entry",
	  "last resource entry's body runs past the end of the table",
	  bad_rsc_truncated_entry },
	{ "rsc-unknown-type", "resource entry of reserved type 42",
	  bad_rsc_unknown_type },
	{ "rsc-vdev-too-many-vrings",
	  "vdev entry with 3 vrings (the limit is 2), otherwise in bounds",
	  bad_vdev_vrings },
	{ "rsc-vdev-config-past-end",
	  "vdev entry whose config space ends 1 byte past the table",
	  bad_vdev_config },
	{ "rsc-section-outside-file",
	  ".resource_table section ends 1 byte past EOF",
	  bad_rsc_section_outside },
	{ "rsc-section-overflow",
	  ".resource_table sh_offset + sh_size wraps around",
	  bad_rsc_section_overflow },
	{ "carveout-too-big", "carveout of 0x40000000 bytes (1 GiB)",
	  bad_carveout_too_big },
	{ "carveout-fixed-da",
	  "carveout at fixed da 0x1000: impossible without an IOMMU",
	  bad_carveout_fixed_da },
	{ "trace-outside-memory",
	  "trace buffer at da 0xf0000000, outside all remote memory",
	  bad_trace_outside },
	{ "vdev-virtio-net", "vdev entry of virtio id 1 (net), never served",
	  bad_vdev_net },
	{ "vdev-virtio-blk", "vdev entry of virtio id 2 (block), never served",
	  bad_vdev_blk },
	{ "vdev-virtio-console",
	  "vdev entry of virtio id 3 (console), never served", bad_vdev_console },
	{ "entry-outside", "e_entry 0xf0000000 lies in no loadable segment",
	  bad_entry_outside },
	{ "segments-overlap", "data PT_LOAD at the code's p_paddr",
	  bad_segments_overlap },
	{ "many-overlapping-segments",
	  "65532 program headers, the extra ones 1 MiB each at the code's p_paddr",
	  bad_many_overlapping },
};

static const struct badfw_case odd_case_table[] = {
	{ "many-segments",
	  "65532 program headers, the extra ones 1 byte each, side by side",
	  odd_many_segments },
	{ "big-trace", "trace buffer of 32 MiB", odd_big_trace },
};

/**
 * badfw_cases() - the list of malformed images
 * @count: set to the number of cases
 *
 * Return: the cases, in manifest order.
 */
const struct badfw_case *badfw_cases(size_t *count)
{
	*count = sizeof(badfw_case_table) / sizeof(badfw_case_table[0]);
	return badfw_case_table;
}

/**
 * badfw_odd_cases() - the list of valid images with a hostile shape
 * @count: set to the number of cases
 *
 * These must boot, in bounded time and memory.
 *
 * Return: the cases, in manifest order.
 */
const struct badfw_case *badfw_odd_cases(size_t *count)
{
	*count = sizeof(odd_case_table) / sizeof(odd_case_table[0]);
	return odd_case_table;
}
