// SPDX-License-Identifier: GPL-2.0
/*
 * mkbadfw: write malformed firmware images for loader tests.
 *
 * usage: mkbadfw GOOD.elf OUTDIR
 *
 * Reads a good firmware image (rproc-emu-fw.elf) and writes, for each case
 * in cases.c, OUTDIR/bad-<case>.elf with one defect, then the manifest
 * OUTDIR/bad-firmware.list: one line "<file>\t<what is wrong>" per image.
 * Exit status: 0, 1 on error (nothing is left half-written: the manifest is
 * written last), 2 on bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "badfw.h"

#define BADFW_MANIFEST	"bad-firmware.list"

static int badfw_write_case(const struct elf_image *good,
			    const struct badfw_layout *lo,
			    const struct badfw_case *c, const char *dir,
			    FILE *manifest)
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
	snprintf(path, sizeof(path), "%s/bad-%s.elf", dir, c->name);
	if (elf_image_write(&img, path)) {
		fprintf(stderr, "mkbadfw: %s: %s\n", path, strerror(errno));
		goto out;
	}
	fprintf(manifest, "bad-%s.elf\t%s\n", c->name, c->desc);
	ret = 0;
out:
	elf_image_free(&img);
	return ret;
}

static int badfw_write_all(const struct elf_image *good,
			   const struct badfw_layout *lo, const char *dir)
{
	char path[4096], tmp[sizeof(path) + 8];
	const struct badfw_case *cases;
	size_t n, i;
	FILE *manifest;
	int ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, BADFW_MANIFEST);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	manifest = fopen(tmp, "w");
	if (!manifest) {
		fprintf(stderr, "mkbadfw: %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	cases = badfw_cases(&n);
	for (i = 0; i < n && !ret; i++)
		ret = badfw_write_case(good, lo, &cases[i], dir, manifest);
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
	struct badfw_layout lo;
	struct elf_image good;
	const char *why;
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
	ret = badfw_write_all(&good, &lo, argv[2]);
	elf_image_free(&good);
	return ret ? 1 : 0;
}
