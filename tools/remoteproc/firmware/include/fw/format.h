/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Firmware library: a small printf.
 *
 * Conversions: %d %i %u %x %X %c %s %p %%, with the flags '0' and '-', a
 * field width, and the length modifiers l, ll and z.  No floating point.
 */
#ifndef FW_FORMAT_H
#define FW_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

#include <fw/compiler.h>

/**
 * typedef fw_putc_t - where formatted characters go, one at a time
 */
typedef void (*fw_putc_t)(void *ctx, char c);

size_t fw_vformat(fw_putc_t putc, void *ctx, const char *fmt, va_list ap);
size_t fw_vsnformat(char *buf, size_t size, const char *fmt, va_list ap)
	FW_PRINTF(3, 0);
size_t fw_snformat(char *buf, size_t size, const char *fmt, ...) FW_PRINTF(3, 4);

#endif /* FW_FORMAT_H */
