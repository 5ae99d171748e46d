/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Firmware library: writing text into a trace buffer.
 *
 * A trace buffer is declared in the resource table (RSC_TRACE); Linux
 * shows it as debugfs remoteproc/<rproc>/traceN and may read it at any time.
 * The writer keeps it NUL-terminated: text beyond the buffer's last byte is
 * dropped.  A mark/rewind pair rewrites the tail in place (a status line
 * that changes): the old text stays in the buffer, and stays readable,
 * until new text covers it, so a reader never sees the line vanish.
 * fw_trace_cut() ends the text at the current position.
 */
#ifndef FW_TRACE_H
#define FW_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include <fw/compiler.h>

/**
 * struct fw_trace - a trace buffer being written
 * @buf: the buffer
 * @size: its size in bytes; at most @size - 1 characters are kept
 * @len: where the next character goes
 * @end: where the terminating NUL is (@len, or after it following a
 *	 rewind)
 */
struct fw_trace {
	char *buf;
	uint32_t size;
	uint32_t len;
	uint32_t end;
};

void fw_trace_init(struct fw_trace *t, char *buf, uint32_t size);
void fw_trace_write(struct fw_trace *t, const char *s, size_t n);
void fw_trace_puts(struct fw_trace *t, const char *s);
void fw_trace_printf(struct fw_trace *t, const char *fmt, ...) FW_PRINTF(2, 3);
void fw_trace_cut(struct fw_trace *t);

/**
 * fw_trace_mark() - remember the current end of the text
 * @t: the trace
 *
 * Return: a position for fw_trace_rewind().
 */
static inline uint32_t fw_trace_mark(const struct fw_trace *t)
{
	return t->len;
}

/**
 * fw_trace_rewind() - continue writing at a position from fw_trace_mark()
 * @t: the trace
 * @mark: the position
 *
 * What follows @mark stays in the buffer until it is overwritten.
 */
static inline void fw_trace_rewind(struct fw_trace *t, uint32_t mark)
{
	if (mark <= t->len)
		t->len = mark;
}

#endif /* FW_TRACE_H */
