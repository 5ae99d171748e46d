/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mkbadfw: malformed firmware images made from a good one.
 */
#ifndef BADFW_H
#define BADFW_H

#include <stddef.h>
#include <stdint.h>

#include "elf_image.h"

/**
 * struct badfw_layout - where things are in the good image
 * @text_phdr: index of the first PT_LOAD (the code)
 * @data_phdr: index of the PT_LOAD holding the resource table
 * @rsc_shndx: index of the .resource_table section
 * @rsc_off: file offset of the resource table
 * @rsc_size: its size (the section's size)
 * @num: its number of entries
 * @trace_off: file offset of its first RSC_TRACE entry
 * @carveout_off: file offset of its first RSC_CARVEOUT entry
 */
struct badfw_layout {
	unsigned int text_phdr;
	unsigned int data_phdr;
	unsigned int rsc_shndx;
	uint64_t rsc_off;
	uint64_t rsc_size;
	uint32_t num;
	uint64_t trace_off;
	uint64_t carveout_off;
};

/**
 * struct badfw_case - one malformed (or odd) image
 * @name: the image is bad-<name>.elf (odd-<name>.elf)
 * @desc: what is wrong with it, for the manifest
 * @make: turn @img, a copy of the good image, into the bad one.
 *	  Returns 0, or -1 when the good image leaves no room for the defect.
 */
struct badfw_case {
	const char *name;
	const char *desc;
	int (*make)(struct elf_image *img, const struct badfw_layout *lo);
};

int badfw_find_layout(const struct elf_image *img, struct badfw_layout *lo,
		      const char **why);
const struct badfw_case *badfw_cases(size_t *count);
const struct badfw_case *badfw_odd_cases(size_t *count);

#endif /* BADFW_H */
