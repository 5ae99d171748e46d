// SPDX-License-Identifier: BSD-3-Clause
/*
 * mkblob: write the data blob of the big test firmware images.
 *
 * usage: mkblob BYTES OUTPUT
 *
 * BYTES (a multiple of 4, decimal or 0x-hex) bytes of the fw_blob_next()
 * sequence, little-endian.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fw/patterns.h>

int main(int argc, char **argv)
{
	unsigned long long bytes, i;
	uint32_t x = FW_BLOB_SEED;
	char *end;
	FILE *out;

	if (argc != 3) {
		fputs("usage: mkblob BYTES OUTPUT\n", stderr);
		return 2;
	}
	errno = 0;
	bytes = strtoull(argv[1], &end, 0);
	if (errno || *end || !bytes || bytes % 4) {
		fprintf(stderr, "mkblob: bad size '%s'\n", argv[1]);
		return 2;
	}
	out = fopen(argv[2], "wb");
	if (!out) {
		fprintf(stderr, "mkblob: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	for (i = 0; i < bytes / 4; i++) {
		unsigned char le[4];

		x = fw_blob_next(x);
		le[0] = (unsigned char)x;
		le[1] = (unsigned char)(x >> 8);
		le[2] = (unsigned char)(x >> 16);
		le[3] = (unsigned char)(x >> 24);
		fwrite(le, 1, sizeof(le), out);
	}
	if (fclose(out)) {
		fprintf(stderr, "mkblob: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	return 0;
}
