/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rproc-emu: loading an ELF firmware image into local memory by ourselves,
 * the way a bootloader on a real remote would (--preboot).
 *
 * The image comes from the command line, not from a trusted build: every
 * header, offset and size is checked before it is used, and nothing is
 * written to local memory before the whole image has passed.
 */
#ifndef RPROC_EMU_ELF_LOAD_H
#define RPROC_EMU_ELF_LOAD_H

#include <stddef.h>
#include <stdint.h>

/**
 * struct emu_elf_info - what emu_elf_load() found
 * @entry: the entry point (e_entry), inside an executable loaded segment
 * @rsc_da: device address of the ".resource_table" section
 * @rsc_size: its size in bytes
 * @nload: number of PT_LOAD segments copied
 */
struct emu_elf_info {
	uint64_t entry;
	uint32_t rsc_da;
	uint32_t rsc_size;
	unsigned int nload;
};

int emu_elf_load(const char *path, unsigned char *local, uint64_t local_size,
		 struct emu_elf_info *info, char *err, size_t errlen);

#endif /* RPROC_EMU_ELF_LOAD_H */
