// SPDX-License-Identifier: GPL-2.0
/*
 * An ELF64 file in memory, with checked accessors.
 *
 * The accessors that take an index return false when the header is not
 * wholly inside the file; the put variants must only be used for headers
 * the get variant found.  Byte order is the host's (little-endian x86-64,
 * like the firmware).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_image.h"

/**
 * elf_image_read() - read a whole file
 * @img: filled in; free with elf_image_free()
 * @path: the file
 *
 * Return: 0, or -1 with errno set.
 */
int elf_image_read(struct elf_image *img, const char *path)
{
	FILE *f = fopen(path, "rb");
	long len;

	img->data = NULL;
	img->size = 0;
	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		goto err_close;
	img->data = malloc(len ? (size_t)len : 1);
	if (!img->data)
		goto err_close;
	img->size = (size_t)len;
	if (fread(img->data, 1, img->size, f) != img->size) {
		errno = EIO;
		goto err_free;
	}
	fclose(f);
	return 0;

err_free:
	elf_image_free(img);
err_close:
	fclose(f);
	return -1;
}

/**
 * elf_image_write() - write an image to a file, replacing it
 * @img: the image
 * @path: the file
 *
 * Return: 0, or -1 with errno set.
 */
int elf_image_write(const struct elf_image *img, const char *path)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	if (fwrite(img->data, 1, img->size, f) != img->size) {
		fclose(f);
		errno = EIO;
		return -1;
	}
	return fclose(f) ? -1 : 0;
}

/**
 * elf_image_copy() - duplicate an image
 * @dst: the copy; free with elf_image_free()
 * @src: the original
 *
 * Return: 0, or -1 when out of memory.
 */
int elf_image_copy(struct elf_image *dst, const struct elf_image *src)
{
	dst->data = malloc(src->size ? src->size : 1);
	dst->size = dst->data ? src->size : 0;
	if (!dst->data)
		return -1;
	memcpy(dst->data, src->data, src->size);
	return 0;
}

void elf_image_free(struct elf_image *img)
{
	free(img->data);
	img->data = NULL;
	img->size = 0;
}

/**
 * elf_range_ok() - is [@off, @off + @len) inside the file?
 * @img: the image
 * @off: start
 * @len: length
 *
 * Return: true if it is; false also when the sum wraps around.
 */
bool elf_range_ok(const struct elf_image *img, uint64_t off, uint64_t len)
{
	return off <= img->size && len <= img->size - off;
}

bool elf_get_ehdr(const struct elf_image *img, Elf64_Ehdr *eh)
{
	if (!elf_range_ok(img, 0, sizeof(*eh)))
		return false;
	memcpy(eh, img->data, sizeof(*eh));
	return true;
}

void elf_put_ehdr(struct elf_image *img, const Elf64_Ehdr *eh)
{
	if (elf_range_ok(img, 0, sizeof(*eh)))
		memcpy(img->data, eh, sizeof(*eh));
}

/* File offset of table entry @i, or false when it is not in the file. */
static bool elf_table_entry(const struct elf_image *img, uint64_t table,
			    unsigned int count, unsigned int entsize,
			    unsigned int i, size_t want, uint64_t *off)
{
	if (i >= count || entsize < want)
		return false;
	if ((uint64_t)i * entsize > UINT64_MAX - table)
		return false;
	*off = table + (uint64_t)i * entsize;
	return elf_range_ok(img, *off, want);
}

bool elf_get_phdr(const struct elf_image *img, unsigned int i, Elf64_Phdr *ph)
{
	Elf64_Ehdr eh;
	uint64_t off;

	if (!elf_get_ehdr(img, &eh) ||
	    !elf_table_entry(img, eh.e_phoff, eh.e_phnum, eh.e_phentsize, i,
			     sizeof(*ph), &off))
		return false;
	memcpy(ph, img->data + off, sizeof(*ph));
	return true;
}

void elf_put_phdr(struct elf_image *img, unsigned int i, const Elf64_Phdr *ph)
{
	Elf64_Ehdr eh;
	uint64_t off;

	if (elf_get_ehdr(img, &eh) &&
	    elf_table_entry(img, eh.e_phoff, eh.e_phnum, eh.e_phentsize, i,
			    sizeof(*ph), &off))
		memcpy(img->data + off, ph, sizeof(*ph));
}

bool elf_get_shdr(const struct elf_image *img, unsigned int i, Elf64_Shdr *sh)
{
	Elf64_Ehdr eh;
	uint64_t off;

	if (!elf_get_ehdr(img, &eh) ||
	    !elf_table_entry(img, eh.e_shoff, eh.e_shnum, eh.e_shentsize, i,
			     sizeof(*sh), &off))
		return false;
	memcpy(sh, img->data + off, sizeof(*sh));
	return true;
}

void elf_put_shdr(struct elf_image *img, unsigned int i, const Elf64_Shdr *sh)
{
	Elf64_Ehdr eh;
	uint64_t off;

	if (elf_get_ehdr(img, &eh) &&
	    elf_table_entry(img, eh.e_shoff, eh.e_shnum, eh.e_shentsize, i,
			    sizeof(*sh), &off))
		memcpy(img->data + off, sh, sizeof(*sh));
}

/**
 * elf_find_section() - look a section up by name
 * @img: the image
 * @name: e.g. ".resource_table"
 * @sh: its header, when found
 *
 * Return: the section's index, or -1 when there is no such section or the
 * section headers or their string table are not inside the file.
 */
int elf_find_section(const struct elf_image *img, const char *name,
		     Elf64_Shdr *sh)
{
	size_t want = strlen(name) + 1;
	Elf64_Shdr strtab;
	Elf64_Ehdr eh;
	unsigned int i;

	if (!elf_get_ehdr(img, &eh) || !elf_get_shdr(img, eh.e_shstrndx, &strtab) ||
	    !elf_range_ok(img, strtab.sh_offset, strtab.sh_size))
		return -1;
	for (i = 0; i < eh.e_shnum; i++) {
		if (!elf_get_shdr(img, i, sh))
			return -1;
		if (sh->sh_name >= strtab.sh_size ||
		    strtab.sh_size - sh->sh_name < want)
			continue;
		if (!memcmp(img->data + strtab.sh_offset + sh->sh_name, name, want))
			return (int)i;
	}
	return -1;
}

uint32_t elf_get32(const struct elf_image *img, uint64_t off)
{
	uint32_t v = 0;

	if (elf_range_ok(img, off, sizeof(v)))
		memcpy(&v, img->data + off, sizeof(v));
	return v;
}

void elf_put32(struct elf_image *img, uint64_t off, uint32_t val)
{
	if (elf_range_ok(img, off, sizeof(val)))
		memcpy(img->data + off, &val, sizeof(val));
}

void elf_put8(struct elf_image *img, uint64_t off, uint8_t val)
{
	if (elf_range_ok(img, off, 1))
		img->data[off] = val;
}
