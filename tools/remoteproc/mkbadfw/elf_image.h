/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An ELF64 file in memory, with checked accessors.
 *
 * Used by mkbadfw to take a good firmware image apart and by its test to
 * look at the results.  Every accessor checks bounds against the file and
 * copies headers in and out (no unaligned pointers into the buffer).
 */
#ifndef ELF_IMAGE_H
#define ELF_IMAGE_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * struct elf_image - a file's bytes
 * @data: the bytes (malloc'ed)
 * @size: how many
 */
struct elf_image {
	unsigned char *data;
	size_t size;
};

int elf_image_read(struct elf_image *img, const char *path);
int elf_image_write(const struct elf_image *img, const char *path);
int elf_image_copy(struct elf_image *dst, const struct elf_image *src);
void elf_image_free(struct elf_image *img);

bool elf_range_ok(const struct elf_image *img, uint64_t off, uint64_t len);
bool elf_get_ehdr(const struct elf_image *img, Elf64_Ehdr *eh);
void elf_put_ehdr(struct elf_image *img, const Elf64_Ehdr *eh);
bool elf_get_phdr(const struct elf_image *img, unsigned int i, Elf64_Phdr *ph);
void elf_put_phdr(struct elf_image *img, unsigned int i, const Elf64_Phdr *ph);
bool elf_get_shdr(const struct elf_image *img, unsigned int i, Elf64_Shdr *sh);
void elf_put_shdr(struct elf_image *img, unsigned int i, const Elf64_Shdr *sh);
int elf_find_section(const struct elf_image *img, const char *name,
		     Elf64_Shdr *sh);

uint32_t elf_get32(const struct elf_image *img, uint64_t off);
void elf_put32(struct elf_image *img, uint64_t off, uint32_t val);
void elf_put8(struct elf_image *img, uint64_t off, uint8_t val);

#endif /* ELF_IMAGE_H */
