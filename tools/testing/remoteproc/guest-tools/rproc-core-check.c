// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-core-check: check a remoteproc coredump (an ELF core file read from
 * /sys/class/devcoredump/devcdN/data).
 *
 *   rproc-core-check <core> [check...]
 *
 * Always: the file is an ELF32 or ELF64 core file (ET_CORE) in the host's
 * byte order, every program header lies inside the file, and it has a
 * "REMOTEPROC" note of type 1 (the firmware name) and of type 2 (the
 * remote's name).  Prints the headers and the notes.  Checks:
 *
 *   --firmware NAME   the firmware note says NAME
 *   --remote NAME     the remote note says NAME
 *   --machine N       e_machine is N
 *   --string DA TEXT  the bytes at device address DA start with TEXT
 *   --pattern DA LEN  the LEN bytes at DA are the words the test firmware
 *                     writes into its carveout: word i (32 bits, host
 *                     order) is fw_carveout_word(i)
 *
 * Bytes at a device address are looked up in a PT_LOAD segment holding the
 * whole range.  Numbers may be decimal or 0x-prefixed hex.
 *
 * Exit status: 0 when every check passed, 1 when one failed (with a message
 * on stderr), 2 on a usage error.
 */
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTE_OWNER	"REMOTEPROC"
#define NOTE_FIRMWARE	1
#define NOTE_REMOTE	2

/* A program header, whatever the class. */
struct seg {
	uint32_t type;
	uint64_t offset;
	uint64_t addr;
	uint64_t filesz;
};

struct core {
	const char *path;
	unsigned char *data;
	size_t size;
	int class;
	unsigned int machine;
	unsigned int nsegs;
	struct seg *segs;
	const char *firmware;	/* from the notes, NULL if absent */
	const char *remote;
};

/* Prints "rproc-core-check: <file>: <message>" on stderr; returns 1. */
__attribute__((format(printf, 2, 3)))
static int fail(const struct core *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "rproc-core-check: %s: ", c->path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* Does [off, off + len) lie inside the file?  Overflow-safe. */
static bool in_file(const struct core *c, uint64_t off, uint64_t len)
{
	return off <= c->size && len <= c->size - off;
}

static int read_file(struct core *c)
{
	FILE *f = fopen(c->path, "rb");
	size_t cap = 1 << 20;
	unsigned char *bigger;
	int ret = 0;

	if (!f)
		return fail(c, "cannot open: %s", strerror(errno));
	c->data = malloc(cap);
	c->size = 0;
	while (c->data) {
		c->size += fread(c->data + c->size, 1, cap - c->size, f);
		if (c->size < cap)
			break;
		cap *= 2;
		bigger = realloc(c->data, cap);
		if (!bigger)
			free(c->data);
		c->data = bigger;
	}
	if (!c->data)
		ret = fail(c, "out of memory");
	else if (ferror(f))
		ret = fail(c, "cannot read: %s", strerror(errno));
	fclose(f);
	return ret;
}

/* ---- headers ------------------------------------------------------------ */

static void read_seg32(const unsigned char *p, struct seg *s)
{
	Elf32_Phdr ph;

	memcpy(&ph, p, sizeof(ph));
	s->type = ph.p_type;
	s->offset = ph.p_offset;
	s->addr = ph.p_paddr;
	s->filesz = ph.p_filesz;
}

static void read_seg64(const unsigned char *p, struct seg *s)
{
	Elf64_Phdr ph;

	memcpy(&ph, p, sizeof(ph));
	s->type = ph.p_type;
	s->offset = ph.p_offset;
	s->addr = ph.p_paddr;
	s->filesz = ph.p_filesz;
}

/* The fields of the ELF header that matter, whatever the class. */
static int read_ehdr(struct core *c, uint64_t *phoff, unsigned int *phentsize)
{
	unsigned int type;
	Elf32_Ehdr e32;
	Elf64_Ehdr e64;

	if (c->size < EI_NIDENT || memcmp(c->data, ELFMAG, SELFMAG))
		return fail(c, "not an ELF file");
	c->class = c->data[EI_CLASS];
	if (c->class == ELFCLASS32 && c->size >= sizeof(e32)) {
		memcpy(&e32, c->data, sizeof(e32));
		type = e32.e_type;
		c->machine = e32.e_machine;
		*phoff = e32.e_phoff;
		*phentsize = e32.e_phentsize;
		c->nsegs = e32.e_phnum;
	} else if (c->class == ELFCLASS64 && c->size >= sizeof(e64)) {
		memcpy(&e64, c->data, sizeof(e64));
		type = e64.e_type;
		c->machine = e64.e_machine;
		*phoff = e64.e_phoff;
		*phentsize = e64.e_phentsize;
		c->nsegs = e64.e_phnum;
	} else {
		return fail(c, "bad ELF class or truncated ELF header");
	}
	if (type != ET_CORE)
		return fail(c, "not a core file (e_type is not ET_CORE)");
	return 0;
}

static int read_headers(struct core *c)
{
	size_t want;
	unsigned int i, phentsize = 0;
	uint64_t phoff = 0;
	int ret;

	ret = read_ehdr(c, &phoff, &phentsize);
	if (ret)
		return ret;
	want = c->class == ELFCLASS32 ? sizeof(Elf32_Phdr) : sizeof(Elf64_Phdr);
	if (phentsize != want)
		return fail(c, "unexpected e_phentsize");
	if (!in_file(c, phoff, (uint64_t)c->nsegs * phentsize))
		return fail(c, "program headers outside the file");

	c->segs = calloc(c->nsegs ? c->nsegs : 1, sizeof(*c->segs));
	if (!c->segs)
		return fail(c, "out of memory");
	for (i = 0; i < c->nsegs; i++) {
		const unsigned char *p = c->data + phoff + (size_t)i * phentsize;

		if (c->class == ELFCLASS32)
			read_seg32(p, &c->segs[i]);
		else
			read_seg64(p, &c->segs[i]);
		if (!in_file(c, c->segs[i].offset, c->segs[i].filesz))
			return fail(c, "a segment lies outside the file");
	}
	return 0;
}

/* ---- notes -------------------------------------------------------------- */

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* A descriptor must be a NUL-terminated string to be used. */
static const char *note_string(const unsigned char *desc, uint32_t len)
{
	if (!len || memchr(desc, 0, len) != desc + len - 1)
		return NULL;
	return (const char *)desc;
}

static int read_notes(struct core *c, const struct seg *s)
{
	const unsigned char *p = c->data + s->offset;
	const unsigned char *end = p + s->filesz;
	const unsigned char *name, *desc;
	Elf32_Nhdr nh;

	while ((size_t)(end - p) >= sizeof(nh)) {
		memcpy(&nh, p, sizeof(nh));
		name = p + sizeof(nh);
		if (align4(nh.n_namesz) > (size_t)(end - name))
			return fail(c, "note name runs past its segment");
		desc = name + align4(nh.n_namesz);
		if (align4(nh.n_descsz) > (size_t)(end - desc))
			return fail(c, "note runs past its segment");
		printf("note: owner \"%.*s\" type %" PRIu32 " size %" PRIu32 "\n",
		       nh.n_namesz ? (int)nh.n_namesz - 1 : 0,
		       (const char *)name, nh.n_type, nh.n_descsz);
		if (nh.n_namesz == sizeof(NOTE_OWNER) &&
		    !memcmp(name, NOTE_OWNER, sizeof(NOTE_OWNER))) {
			if (nh.n_type == NOTE_FIRMWARE)
				c->firmware = note_string(desc, nh.n_descsz);
			else if (nh.n_type == NOTE_REMOTE)
				c->remote = note_string(desc, nh.n_descsz);
		}
		p = desc + align4(nh.n_descsz);
	}
	return 0;
}

static int check_core(struct core *c)
{
	unsigned int i;
	int ret;

	ret = read_headers(c);
	if (ret)
		return ret;

	printf("%s: ELF%d core, machine %u, %u program headers, %zu bytes\n",
	       c->path, c->class == ELFCLASS32 ? 32 : 64, c->machine,
	       c->nsegs, c->size);
	for (i = 0; i < c->nsegs; i++) {
		const struct seg *s = &c->segs[i];

		printf("phdr %u: type %" PRIu32 " offset 0x%" PRIx64
		       " da 0x%" PRIx64 " size 0x%" PRIx64 "\n",
		       i, s->type, s->offset, s->addr, s->filesz);
		if (s->type == PT_NOTE) {
			ret = read_notes(c, s);
			if (ret)
				return ret;
		}
	}
	if (!c->firmware)
		return fail(c, "no REMOTEPROC firmware note");
	if (!c->remote)
		return fail(c, "no REMOTEPROC remote note");
	printf("firmware: %s\nremote: %s\n", c->firmware, c->remote);
	return 0;
}

/* ---- checks ------------------------------------------------------------- */

/* The bytes at [da, da + len) from a PT_LOAD segment holding all of them. */
static const unsigned char *find_bytes(const struct core *c, uint64_t da,
				       uint64_t len)
{
	unsigned int i;

	for (i = 0; i < c->nsegs; i++) {
		const struct seg *s = &c->segs[i];

		if (s->type != PT_LOAD || da < s->addr)
			continue;
		if (da - s->addr > s->filesz || len > s->filesz - (da - s->addr))
			continue;
		return c->data + s->offset + (da - s->addr);
	}
	return NULL;
}

/* Keep in sync with fw_carveout_word() in the firmware's fw/patterns.h. */
static uint32_t carveout_word(uint32_t i)
{
	return 0xa5a5a5a5u ^ (i * 0x9e3779b9u);
}

static int check_string(const struct core *c, uint64_t da, const char *text)
{
	size_t len = strlen(text);
	const unsigned char *p = find_bytes(c, da, len);

	if (!p)
		return fail(c, "no segment holds the %zu bytes at da 0x%" PRIx64,
			    len, da);
	if (memcmp(p, text, len))
		return fail(c, "da 0x%" PRIx64 " holds \"%.*s\", not \"%s\"",
			    da, (int)len, (const char *)p, text);
	/* Show what follows too (the marker's number), when it is there. */
	if (find_bytes(c, da, len + 8))
		len += 8;
	printf("string at da 0x%" PRIx64 ": \"%.*s\" ok\n", da, (int)len, p);
	return 0;
}

static int check_pattern(const struct core *c, uint64_t da, uint64_t len)
{
	const unsigned char *p = find_bytes(c, da, len);
	uint32_t i, word;

	if (!p)
		return fail(c, "no segment holds the 0x%" PRIx64 " bytes at da 0x%" PRIx64,
			    len, da);
	if (len % 4 || len / 4 > UINT32_MAX)
		return fail(c, "pattern length 0x%" PRIx64 " is not a multiple of 4",
			    len);
	for (i = 0; i < len / 4; i++) {
		memcpy(&word, p + 4 * (size_t)i, sizeof(word));
		if (word != carveout_word(i))
			return fail(c, "word %" PRIu32 " at da 0x%" PRIx64 " is 0x%08" PRIx32 ", expected 0x%08" PRIx32,
				    i, da + 4 * (uint64_t)i, word,
				    carveout_word(i));
	}
	printf("pattern at da 0x%" PRIx64 ", 0x%" PRIx64 " bytes ok\n", da, len);
	return 0;
}

static int check_name(const struct core *c, const char *what, const char *got,
		      const char *want)
{
	if (strcmp(got, want))
		return fail(c, "%s note says \"%s\", expected \"%s\"", what,
			    got, want);
	return 0;
}

/* ---- command line ------------------------------------------------------- */

static int usage(void)
{
	fprintf(stderr, "usage: rproc-core-check <core> [--firmware NAME] [--remote NAME]\n"
		"       [--machine N] [--string DA TEXT]... [--pattern DA LEN]...\n");
	return 2;
}

static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return !errno && *s && !*end && *s != '-';
}

/* Runs the check at argv[0]; returns how many arguments it used, or -1. */
static int run_check(const struct core *c, char **argv, int argc, int *bad)
{
	uint64_t a, b;

	if (!strcmp(argv[0], "--firmware") && argc >= 2) {
		*bad |= check_name(c, "firmware", c->firmware, argv[1]);
		return 2;
	}
	if (!strcmp(argv[0], "--remote") && argc >= 2) {
		*bad |= check_name(c, "remote", c->remote, argv[1]);
		return 2;
	}
	if (!strcmp(argv[0], "--machine") && argc >= 2 && parse_u64(argv[1], &a)) {
		if (a != c->machine)
			*bad |= fail(c, "machine is %u, expected %s",
				     c->machine, argv[1]);
		return 2;
	}
	if (!strcmp(argv[0], "--string") && argc >= 3 && parse_u64(argv[1], &a)) {
		*bad |= check_string(c, a, argv[2]);
		return 3;
	}
	if (!strcmp(argv[0], "--pattern") && argc >= 3 &&
	    parse_u64(argv[1], &a) && parse_u64(argv[2], &b)) {
		*bad |= check_pattern(c, a, b);
		return 3;
	}
	return -1;
}

int main(int argc, char **argv)
{
	struct core c = { 0 };
	int i, n, bad = 0;

	if (argc < 2 || argv[1][0] == '-')
		return usage();
	c.path = argv[1];
	if (read_file(&c) || check_core(&c))
		return 1;

	for (i = 2; i < argc; i += n) {
		n = run_check(&c, argv + i, argc - i, &bad);
		if (n < 0)
			return usage();
	}
	free(c.segs);
	free(c.data);
	return bad;
}
