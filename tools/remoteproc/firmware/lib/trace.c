// SPDX-License-Identifier: BSD-3-Clause
/*
 * Firmware library: writing text into a trace buffer.
 */
#include <fw/format.h>
#include <fw/string.h>
#include <fw/trace.h>

/**
 * fw_trace_init() - start writing a trace buffer
 * @t: initialised here
 * @buf: the buffer named by the resource table's trace entry
 * @size: its size
 *
 * The buffer becomes empty.
 */
void fw_trace_init(struct fw_trace *t, char *buf, uint32_t size)
{
	t->buf = buf;
	t->size = size;
	t->len = 0;
	t->end = 0;
	if (size)
		buf[0] = '\0';
}

static void fw_trace_putc(void *ctx, char c)
{
	struct fw_trace *t = ctx;

	if (t->len + 1 >= t->size)
		return;
	t->buf[t->len++] = c;
	if (t->len > t->end) {
		t->buf[t->len] = '\0';
		t->end = t->len;
	}
}

/**
 * fw_trace_cut() - end the text at the current position
 * @t: the trace
 *
 * Drops what a rewind left after the current position.
 */
void fw_trace_cut(struct fw_trace *t)
{
	if (t->size) {
		t->buf[t->len] = '\0';
		t->end = t->len;
	}
}

/**
 * fw_trace_write() - append @n characters
 * @t: the trace
 * @s: the characters
 * @n: how many
 */
void fw_trace_write(struct fw_trace *t, const char *s, size_t n)
{
	while (n--)
		fw_trace_putc(t, *s++);
}

/**
 * fw_trace_puts() - append a string
 * @t: the trace
 * @s: NUL-terminated; no newline is added
 */
void fw_trace_puts(struct fw_trace *t, const char *s)
{
	fw_trace_write(t, s, fw_strlen(s));
}

/**
 * fw_trace_printf() - append formatted text
 * @t: the trace
 * @fmt: the format, see <fw/format.h>
 */
void fw_trace_printf(struct fw_trace *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fw_vformat(fw_trace_putc, t, fmt, ap);
	va_end(ap);
}
