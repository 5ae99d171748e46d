// SPDX-License-Identifier: GPL-2.0
/*
 * mkbadfw: write malformed firmware images for loader tests.
 *
 * usage: mkbadfw GOOD.elf OUTDIR
 *
 * Reads a good firmware image (rproc-emu-fw.elf) and writes, for each case
 * in cases.c, OUTDIR/bad-<case>.elf with one defect, then the manifest
 * OUTDIR/bad-firmware.list: one line "<file>\t<what is wrong>" per image.
 * Likewise OUTDIR/odd-<case>.elf and OUTDIR/odd-firmware.list for the valid
 * images of hostile shape (see badfw_odd_cases()), which must boot.
 * Exit status: 0, 1 on error (nothing is left half-written: the manifest is
 * written last), 2 on bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "badfw.h"

#define BADFW_MANIFEST	"bad-firmware.list"
#define ODDFW_MANIFEST	"odd-firmware.list"

static int badfw_write_case(const struct elf_image *good,
			    const struct badfw_layout *lo,
			    const struct badfw_case *c, const char *dir,
			    const char *prefix, FILE *manifest)
{
	struct elf_image img;
	char path[4096];
	int ret = -1;

	if (elf_image_copy(&img, good)) {
		fprintf(stderr, "mkbadfw: out of memory\n");
		return -1;
	}
	if (c->make(&img, lo)) {
		fprintf(stderr, "mkbadfw: %s: the good image leaves no room for this defect\n",
			c->name);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/%s-%s.elf", dir, prefix, c->name);
	if (elf_image_write(&img, path)) {
		fprintf(stderr, "mkbadfw: %s: %s\n", path, strerror(errno));
		goto out;
	}
	fprintf(manifest, "%s-%s.elf\t%s\n", prefix, c->name, c->desc);
	ret = 0;
out:
	elf_image_free(&img);
	return ret;
}

static int badfw_write_all(const struct elf_image *good,
			   const struct badfw_layout *lo, const char *dir,
			   const char *prefix, const char *list,
			   const struct badfw_case *cases, size_t n)
{
	char path[4096], tmp[sizeof(path) + 8];
	size_t i;
	FILE *manifest;
	int ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, list);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	manifest = fopen(tmp, "w");
	if (!manifest) {
		fprintf(stderr, "mkbadfw: %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	for (i = 0; i < n && !ret; i++)
		ret = badfw_write_case(good, lo, &cases[i], dir, prefix,
				       manifest);
	if (fclose(manifest) && !ret) {
		fprintf(stderr, "mkbadfw: %s: %s\n", tmp, strerror(errno));
		ret = -1;
	}
	if (!ret && rename(tmp, path)) {
		fprintf(stderr, "mkbadfw: %s: %s\n", path, strerror(errno));
		ret = -1;
	}
	if (ret)
		remove(tmp);
	return ret;
}

int main(int argc, char **argv)
{
	const struct badfw_case *cases;
	struct badfw_layout lo;
	struct elf_image good;
	const char *why;
	size_t n;
	int ret;

	if (argc != 3) {
		fputs("usage: mkbadfw GOOD.elf OUTDIR\n", stderr);
		return 2;
	}
	if (elf_image_read(&good, argv[1])) {
		fprintf(stderr, "mkbadfw: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (badfw_find_layout(&good, &lo, &why)) {
		fprintf(stderr, "mkbadfw: %s: %s\n", argv[1], why);
		elf_image_free(&good);
		return 1;
	}
	cases = badfw_cases(&n);
	ret = badfw_write_all(&good, &lo, argv[2], "bad", BADFW_MANIFEST,
			      cases, n);
	if (!ret) {
		cases = badfw_odd_cases(&n);
		ret = badfw_write_all(&good, &lo, argv[2], "odd",
				      ODDFW_MANIFEST, cases, n);
	}
	elf_image_free(&good);
	return ret ? 1 : 0;
}
