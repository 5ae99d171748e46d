// SPDX-License-Identifier: GPL-2.0
/*
 * badfw-check: did mkbadfw produce every malformed image, each with its
 * defect?
 *
 * usage: badfw-check FIRMWARE_DIR
 *
 * FIRMWARE_DIR holds rproc-emu-fw.elf, the bad-*.elf images and
 * bad-firmware.list.  The expected cases are listed here again, on
 * purpose: this is a second opinion, not a copy of mkbadfw's table.  Each
 * image is looked at with its own predicate, written from the description
 * of the defect, not from mkbadfw's code.  Prints "N passed, M failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/remoteproc/ivshmem_rproc.h>
#include <linux/remoteproc/wire.h>

#include "elf_image.h"
#include "test.h"

/**
 * struct badfw_view - the good image's resource table, for the predicates
 * @good: the good image
 * @rsc_off: file offset of its resource table
 * @rsc_size: the table's size
 */
struct badfw_view {
	const struct elf_image *good;
	uint64_t rsc_off;
	uint64_t rsc_size;
};

typedef bool (*badfw_pred_t)(const struct elf_image *bad,
			     const struct badfw_view *v);

static Elf64_Ehdr ehdr(const struct elf_image *img)
{
	Elf64_Ehdr eh;

	memset(&eh, 0, sizeof(eh));
	elf_get_ehdr(img, &eh);
	return eh;
}

/* Does any PT_LOAD satisfy @test? */
static bool any_load(const struct elf_image *img,
		     bool (*test)(const Elf64_Phdr *ph, uint64_t size))
{
	Elf64_Ehdr eh = ehdr(img);
	Elf64_Phdr ph;
	unsigned int i;

	for (i = 0; i < eh.e_phnum && elf_get_phdr(img, i, &ph); i++)
		if (ph.p_type == PT_LOAD && test(&ph, img->size))
			return true;
	return false;
}

static uint32_t rsc32(const struct elf_image *img, const struct badfw_view *v,
		      uint64_t off)
{
	return elf_get32(img, v->rsc_off + off);
}

/* Offset of the first entry of @type in the bad image's table, or 0. */
static uint32_t rsc_find(const struct elf_image *img, const struct badfw_view *v,
			 uint32_t type)
{
	uint32_t num = rsc32(img, v, 4), i;

	for (i = 0; i < num && 16 + 4 * (uint64_t)i < v->rsc_size; i++) {
		uint32_t off = rsc32(img, v, 16 + 4 * i);

		if (off <= v->rsc_size - 4 && rsc32(img, v, off) == type)
			return off;
	}
	return 0;
}

static bool p_not_elf(const struct elf_image *b, const struct badfw_view *v)
{
	(void)v;
	return b->size >= SELFMAG && memcmp(b->data, ELFMAG, SELFMAG);
}

static bool p_truncated(const struct elf_image *b, const struct badfw_view *v)
{
	return b->size == 20 && !memcmp(b->data, v->good->data, 20);
}

/* Exactly one byte differs from the good image, and it is @off = @val. */
static bool one_byte(const struct elf_image *b, const struct badfw_view *v,
		     size_t off, unsigned char val)
{
	size_t i, diffs = 0;

	if (b->size != v->good->size)
		return false;
	for (i = 0; i < b->size; i++)
		diffs += b->data[i] != v->good->data[i];
	return diffs == 1 && b->data[off] == val;
}

static bool p_wrong_class(const struct elf_image *b, const struct badfw_view *v)
{
	return one_byte(b, v, EI_CLASS, 3);
}

static bool p_wrong_endian(const struct elf_image *b, const struct badfw_view *v)
{
	return one_byte(b, v, EI_DATA, ELFDATA2MSB);
}

static bool p_not_exec(const struct elf_image *b, const struct badfw_view *v)
{
	(void)v;
	return ehdr(b).e_type == ET_REL;
}

static bool p_phdr_outside(const struct elf_image *b, const struct badfw_view *v)
{
	(void)v;
	return ehdr(b).e_phoff >= b->size;
}

static bool p_phdr_overflow(const struct elf_image *b, const struct badfw_view *v)
{
	Elf64_Ehdr eh = ehdr(b);

	(void)v;
	return eh.e_phoff > UINT64_MAX - (uint64_t)eh.e_phnum * eh.e_phentsize;
}

static bool p_shdr_outside(const struct elf_image *b, const struct badfw_view *v)
{
	(void)v;
	return ehdr(b).e_shoff >= b->size;
}

static bool t_past_eof(const Elf64_Phdr *ph, uint64_t size)
{
	return ph->p_offset <= size && ph->p_filesz > size - ph->p_offset &&
	       ph->p_filesz <= ph->p_memsz;
}

static bool t_filesz(const Elf64_Phdr *ph, uint64_t size)
{
	(void)size;
	return ph->p_filesz > ph->p_memsz;
}

static bool t_in_ram(const Elf64_Phdr *ph, uint64_t size)
{
	(void)size;
	return ph->p_paddr + ph->p_memsz <= IVRP_RAM_LIMIT;
}

static bool t_on_ctrl(const Elf64_Phdr *ph, uint64_t size)
{
	(void)size;
	return ph->p_paddr >= IVRP_LOCAL_DA && ph->p_paddr < IVRP_LOAD_DA;
}

static bool t_wraps(const Elf64_Phdr *ph, uint64_t size)
{
	(void)size;
	return ph->p_paddr > UINT64_MAX - ph->p_memsz;
}

#define LOAD_PRED(fn, test)						\
static bool fn(const struct elf_image *b, const struct badfw_view *v)	\
{									\
	(void)v;							\
	return any_load(b, test);					\
}

LOAD_PRED(p_seg_past_eof, t_past_eof)
LOAD_PRED(p_filesz_gt_memsz, t_filesz)
LOAD_PRED(p_seg_outside, t_in_ram)
LOAD_PRED(p_seg_ctrl, t_on_ctrl)
LOAD_PRED(p_seg_overflow, t_wraps)

static bool p_rsc_version(const struct elf_image *b, const struct badfw_view *v)
{
	return rsc32(b, v, 0) != RPROC_RSC_TABLE_VERSION;
}

static bool p_rsc_reserved(const struct elf_image *b, const struct badfw_view *v)
{
	return rsc32(b, v, 8) || rsc32(b, v, 12);
}

static bool p_rsc_num(const struct elf_image *b, const struct badfw_view *v)
{
	return 16 + 4 * (uint64_t)rsc32(b, v, 4) > v->rsc_size;
}

static bool p_rsc_offset(const struct elf_image *b, const struct badfw_view *v)
{
	uint32_t off = rsc32(b, v, 16);

	return off >= v->rsc_size && off < UINT32_MAX - 8;
}

static bool p_rsc_offset_wrap(const struct elf_image *b,
			      const struct badfw_view *v)
{
	return (uint32_t)(rsc32(b, v, 16) + 4) < 4;
}

static bool p_rsc_truncated(const struct elf_image *b, const struct badfw_view *v)
{
	uint32_t num = rsc32(b, v, 4), i;

	for (i = 0; i < num; i++) {
		uint32_t off = rsc32(b, v, 16 + 4 * i);
		uint32_t type = rsc32(b, v, off);
		uint32_t body = type == RSC_TRACE ? sizeof(struct fw_rsc_trace) :
				sizeof(struct fw_rsc_carveout);

		if (off + 4 <= v->rsc_size && off + 4 + body > v->rsc_size)
			return true;
	}
	return false;
}

static bool p_rsc_type(const struct elf_image *b, const struct badfw_view *v)
{
	return rsc_find(b, v, 42) != 0;
}

/* The vdev entry: its vring count and how far its config space reaches. */
static bool vdev_extent(const struct elf_image *b, const struct badfw_view *v,
			uint32_t *nvrings, uint64_t *end)
{
	uint32_t off = rsc_find(b, v, RSC_VDEV);
	uint64_t e = v->rsc_off + off + 4;

	if (!off)
		return false;
	*nvrings = b->data[e + offsetof(struct fw_rsc_vdev, num_of_vrings)];
	*end = off + 4 + sizeof(struct fw_rsc_vdev) +
	       *nvrings * sizeof(struct fw_rsc_vdev_vring) +
	       elf_get32(b, e + offsetof(struct fw_rsc_vdev, config_len));
	return true;
}

static bool p_vdev_vrings(const struct elf_image *b, const struct badfw_view *v)
{
	uint32_t n;
	uint64_t end;

	return vdev_extent(b, v, &n, &end) && n > RPROC_RSC_MAX_VRINGS &&
	       end <= v->rsc_size;
}

static bool p_vdev_config(const struct elf_image *b, const struct badfw_view *v)
{
	uint32_t n;
	uint64_t end;

	return vdev_extent(b, v, &n, &end) && n <= RPROC_RSC_MAX_VRINGS &&
	       end == v->rsc_size + 1;
}

static bool rsc_section(const struct elf_image *b, Elf64_Shdr *sh)
{
	return elf_find_section(b, ".resource_table", sh) >= 0;
}

static bool p_section_outside(const struct elf_image *b,
			      const struct badfw_view *v)
{
	Elf64_Shdr sh;

	(void)v;
	return rsc_section(b, &sh) && sh.sh_offset <= b->size &&
	       sh.sh_size > b->size - sh.sh_offset;
}

static bool p_section_wraps(const struct elf_image *b,
			    const struct badfw_view *v)
{
	Elf64_Shdr sh;

	(void)v;
	return rsc_section(b, &sh) && sh.sh_offset > UINT64_MAX - sh.sh_size;
}

static bool p_carveout_len(const struct elf_image *b, const struct badfw_view *v)
{
	uint32_t off = rsc_find(b, v, RSC_CARVEOUT);

	return off && rsc32(b, v, off + 4 + offsetof(struct fw_rsc_carveout, len)) ==
		      0x40000000;
}

static bool p_carveout_da(const struct elf_image *b, const struct badfw_view *v)
{
	uint32_t off = rsc_find(b, v, RSC_CARVEOUT);

	return off && rsc32(b, v, off + 4) == 0x1000;
}

static bool p_trace_da(const struct elf_image *b, const struct badfw_view *v)
{
	uint32_t off = rsc_find(b, v, RSC_TRACE);
	uint32_t da = off ? rsc32(b, v, off + 4) : 0;

	return off && da >= IVRP_RAM_LIMIT && da - IVRP_LOCAL_DA >= (1u << 30);
}

static uint32_t vdev_id(const struct elf_image *b, const struct badfw_view *v)
{
	uint32_t off = rsc_find(b, v, RSC_VDEV);

	return off ? rsc32(b, v, off + 4 + offsetof(struct fw_rsc_vdev, id)) : 0;
}

static bool p_vdev_net(const struct elf_image *b, const struct badfw_view *v)
{
	return vdev_id(b, v) == 1;
}

static bool p_vdev_blk(const struct elf_image *b, const struct badfw_view *v)
{
	return vdev_id(b, v) == 2;
}

static bool p_vdev_console(const struct elf_image *b,
			   const struct badfw_view *v)
{
	return vdev_id(b, v) == 3;
}

static bool p_entry_outside(const struct elf_image *b,
			    const struct badfw_view *v)
{
	Elf64_Ehdr eh = ehdr(b);
	Elf64_Phdr ph;
	unsigned int i;

	(void)v;
	for (i = 0; i < eh.e_phnum && elf_get_phdr(b, i, &ph); i++) {
		if (ph.p_type != PT_LOAD)
			continue;
		if (eh.e_entry - ph.p_vaddr < ph.p_memsz ||
		    eh.e_entry - ph.p_paddr < ph.p_memsz)
			return false;
	}
	return true;
}

/* Two PT_LOADs among the first @max whose device ranges overlap. */
static bool loads_overlap(const struct elf_image *b, unsigned int max)
{
	Elf64_Ehdr eh = ehdr(b);
	Elf64_Phdr p, q;
	unsigned int i, j, n = eh.e_phnum < max ? eh.e_phnum : max;

	for (i = 0; i < n && elf_get_phdr(b, i, &p); i++) {
		for (j = i + 1; j < n && elf_get_phdr(b, j, &q); j++) {
			if (p.p_type != PT_LOAD || q.p_type != PT_LOAD ||
			    !p.p_memsz || !q.p_memsz)
				continue;
			if (p.p_paddr < q.p_paddr + q.p_memsz &&
			    q.p_paddr < p.p_paddr + p.p_memsz)
				return true;
		}
	}
	return false;
}

static bool p_overlap(const struct elf_image *b, const struct badfw_view *v)
{
	return b->size == v->good->size && loads_overlap(b, 64);
}

static bool p_many_overlapping(const struct elf_image *b,
			       const struct badfw_view *v)
{
	Elf64_Phdr last;

	(void)v;
	return ehdr(b).e_phnum == 65532 && loads_overlap(b, 64) &&
	       elf_get_phdr(b, 65531, &last) && last.p_type == PT_LOAD &&
	       last.p_memsz == 0x100000;
}

static bool p_many_segments(const struct elf_image *b,
			    const struct badfw_view *v)
{
	Elf64_Phdr prev, ph;
	unsigned int i;

	(void)v;
	if (ehdr(b).e_phnum != 65532 || !elf_get_phdr(b, 64, &prev))
		return false;
	for (i = 65; i < 65532; i++) {
		if (!elf_get_phdr(b, i, &ph) || ph.p_type != PT_LOAD ||
		    ph.p_memsz != 1 || ph.p_paddr != prev.p_paddr + 1)
			return false;
		prev = ph;
	}
	return !loads_overlap(b, 64);
}

static bool p_big_trace(const struct elf_image *b, const struct badfw_view *v)
{
	uint32_t off = rsc_find(b, v, RSC_TRACE);

	return off && rsc32(b, v, off + 4 +
			    offsetof(struct fw_rsc_trace, len)) == 0x2000000;
}

static const struct {
	const char *name;
	badfw_pred_t pred;
} expected[] = {
	{ "not-elf", p_not_elf },
	{ "truncated-header", p_truncated },
	{ "wrong-class", p_wrong_class },
	{ "wrong-endian", p_wrong_endian },
	{ "not-exec", p_not_exec },
	{ "phdr-outside", p_phdr_outside },
	{ "phdr-overflow", p_phdr_overflow },
	{ "shdr-outside", p_shdr_outside },
	{ "segment-past-eof", p_seg_past_eof },
	{ "filesz-gt-memsz", p_filesz_gt_memsz },
	{ "segment-outside-memory", p_seg_outside },
	{ "segment-over-control", p_seg_ctrl },
	{ "segment-overflow", p_seg_overflow },
	{ "rsc-bad-version", p_rsc_version },
	{ "rsc-reserved-nonzero", p_rsc_reserved },
	{ "rsc-num-too-large", p_rsc_num },
	{ "rsc-offset-outside", p_rsc_offset },
	{ "rsc-offset-overflow", p_rsc_offset_wrap },
	{ "rsc-truncated-entry", p_rsc_truncated },
	{ "rsc-unknown-type", p_rsc_type },
	{ "rsc-vdev-too-many-vrings", p_vdev_vrings },
	{ "rsc-vdev-config-past-end", p_vdev_config },
	{ "rsc-section-outside-file", p_section_outside },
	{ "rsc-section-overflow", p_section_wraps },
	{ "carveout-too-big", p_carveout_len },
	{ "carveout-fixed-da", p_carveout_da },
	{ "trace-outside-memory", p_trace_da },
	{ "vdev-virtio-net", p_vdev_net },
	{ "vdev-virtio-blk", p_vdev_blk },
	{ "vdev-virtio-console", p_vdev_console },
	{ "entry-outside", p_entry_outside },
	{ "segments-overlap", p_overlap },
	{ "many-overlapping-segments", p_many_overlapping },
	/* odd-*.elf from here on: valid images of hostile shape */
	{ "many-segments", p_many_segments },
	{ "big-trace", p_big_trace },
};

#define NUM_EXPECTED	(sizeof(expected) / sizeof(expected[0]))
#define NUM_ODD		2
#define NUM_BAD		(NUM_EXPECTED - NUM_ODD)

static const char *prefix_of(size_t i)
{
	return i < NUM_BAD ? "bad" : "odd";
}

/* Is "<prefix>-<name>.elf\t<something>" a line of the manifest? */
static bool manifest_has(const char *manifest, const char *prefix,
			 const char *name)
{
	char line[128];
	const char *p;
	size_t n;

	n = (size_t)snprintf(line, sizeof(line), "%s-%s.elf\t", prefix, name);
	for (p = manifest; (p = strstr(p, line)); p++)
		if ((p == manifest || p[-1] == '\n') && p[n] && p[n] != '\n')
			return true;
	return false;
}

static unsigned int count_lines(const char *s)
{
	unsigned int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void check_case(struct test_stats *st, const char *dir,
		       const struct badfw_view *v, size_t i)
{
	struct elf_image bad;
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s-%s.elf", dir, prefix_of(i),
		 expected[i].name);
	if (!CHECK(st, !elf_image_read(&bad, path), "%s: image exists",
		   expected[i].name))
		return;
	CHECK(st, bad.size != v->good->size ||
	      memcmp(bad.data, v->good->data, bad.size),
	      "%s: differs from the good image", expected[i].name);
	CHECK(st, expected[i].pred(&bad, v), "%s: has its defect",
	      expected[i].name);
	elf_image_free(&bad);
}

/* The manifest @name in @dir, NUL-terminated ("" when unreadable). */
static char *read_manifest(struct test_stats *st, const char *dir,
			   const char *name, unsigned int lines)
{
	struct elf_image list = { 0 };
	char path[1024], *text;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	CHECK(st, !elf_image_read(&list, path), "%s exists", name);
	text = calloc(1, list.size + 1);
	if (!text) {
		perror("badfw-check");
		exit(1);
	}
	if (list.data)
		memcpy(text, list.data, list.size);
	CHECK(st, count_lines(text) == lines, "%s lists %u images (has %u)",
	      name, lines, count_lines(text));
	elf_image_free(&list);
	return text;
}

int main(int argc, char **argv)
{
	struct test_stats st = { 0 };
	struct elf_image good;
	struct badfw_view v;
	Elf64_Shdr sh;
	char path[1024], *manifest, *odd;
	size_t i;

	if (argc != 2) {
		fputs("usage: badfw-check FIRMWARE_DIR\n", stderr);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/rproc-emu-fw.elf", argv[1]);
	if (elf_image_read(&good, path) ||
	    elf_find_section(&good, ".resource_table", &sh) < 0) {
		fprintf(stderr, "badfw-check: %s: unusable\n", path);
		return 1;
	}
	v = (struct badfw_view) {
		.good = &good, .rsc_off = sh.sh_offset, .rsc_size = sh.sh_size,
	};
	manifest = read_manifest(&st, argv[1], "bad-firmware.list", NUM_BAD);
	odd = read_manifest(&st, argv[1], "odd-firmware.list", NUM_ODD);
	for (i = 0; i < NUM_EXPECTED; i++) {
		CHECK(&st, manifest_has(i < NUM_BAD ? manifest : odd,
					prefix_of(i), expected[i].name),
		      "%s: in the manifest with a description", expected[i].name);
		check_case(&st, argv[1], &v, i);
	}
	free(manifest);
	free(odd);
	elf_image_free(&good);
	printf("%u passed, %u failed\n", st.passed, st.failed);
	return st.failed ? 1 : 0;
}
