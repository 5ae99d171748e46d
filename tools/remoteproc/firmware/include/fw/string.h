/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Firmware library: memory and string helpers.
 *
 * memcpy(), memmove(), memset() and memcmp() keep their standard names:
 * the compiler may emit calls to them even in freestanding code.
 */
#ifndef FW_STRING_H
#define FW_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

size_t fw_strlen(const char *s);
size_t fw_strnlen(const char *s, size_t max);
int fw_strcmp(const char *a, const char *b);

#endif /* FW_STRING_H */
