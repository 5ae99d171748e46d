// SPDX-License-Identifier: BSD-3-Clause
/*
 * Firmware library: a small printf.
 */
#include <stdint.h>

#include <fw/format.h>
#include <fw/string.h>

/**
 * struct fw_fmt_out - a character sink that counts
 * @putc: the sink
 * @ctx: its context
 * @count: characters sent so far
 */
struct fw_fmt_out {
	fw_putc_t putc;
	void *ctx;
	size_t count;
};

/**
 * struct fw_fmt_spec - one parsed conversion
 * @width: minimum field width
 * @zero: pad numbers with zeros
 * @left: pad on the right
 */
struct fw_fmt_spec {
	unsigned int width;
	int zero;
	int left;
};

static void fw_out(struct fw_fmt_out *out, char c)
{
	out->putc(out->ctx, c);
	out->count++;
}

static void fw_out_pad(struct fw_fmt_out *out, char c, unsigned int n)
{
	while (n--)
		fw_out(out, c);
}

static void fw_out_field(struct fw_fmt_out *out, const struct fw_fmt_spec *spec,
			 const char *sign, const char *s, size_t len)
{
	size_t slen = fw_strlen(sign);
	unsigned int pad = 0;

	if (spec->width > len + slen)
		pad = spec->width - (unsigned int)(len + slen);
	if (!spec->left && !spec->zero)
		fw_out_pad(out, ' ', pad);
	while (*sign)
		fw_out(out, *sign++);
	if (!spec->left && spec->zero)
		fw_out_pad(out, '0', pad);
	while (len--)
		fw_out(out, *s++);
	if (spec->left)
		fw_out_pad(out, ' ', pad);
}

static void fw_out_number(struct fw_fmt_out *out, const struct fw_fmt_spec *spec,
			  unsigned long long v, int negative, unsigned int base,
			  int upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	size_t i = sizeof(buf);

	do {
		buf[--i] = digits[v % base];
		v /= base;
	} while (v);
	fw_out_field(out, spec, negative ? "-" : prefix, buf + i,
		     sizeof(buf) - i);
}

/* Parse flags and width after the '%'; return where the length starts. */
static const char *fw_parse_spec(const char *p, struct fw_fmt_spec *spec)
{
	*spec = (struct fw_fmt_spec) { 0 };
	for (;; p++) {
		if (*p == '0')
			spec->zero = 1;
		else if (*p == '-')
			spec->left = 1;
		else
			break;
	}
	while (*p >= '0' && *p <= '9')
		spec->width = spec->width * 10 + (unsigned int)(*p++ - '0');
	return p;
}

/**
 * fw_vformat() - format text into a character sink
 * @putc: called for each output character
 * @ctx: passed to @putc
 * @fmt: the format, see <fw/format.h>
 * @ap: the arguments
 *
 * Unknown conversions are copied to the output as they are.
 *
 * Return: the number of characters sent to @putc.
 */
size_t fw_vformat(fw_putc_t putc, void *ctx, const char *fmt, va_list ap)
{
	struct fw_fmt_out out = { .putc = putc, .ctx = ctx };
	struct fw_fmt_spec spec;
	const char *p, *start;

	for (p = fmt; *p; p++) {
		unsigned long long u;
		long long s;
		int lng = 0;

		if (*p != '%') {
			fw_out(&out, *p);
			continue;
		}
		start = p;
		p = fw_parse_spec(p + 1, &spec);
		while (*p == 'l' || *p == 'z') {
			lng += *p == 'z' ? 2 : 1;
			p++;
		}
		switch (*p) {
		case 'd':
		case 'i':
			s = lng >= 2 ? va_arg(ap, long long) :
			    lng == 1 ? va_arg(ap, long) : va_arg(ap, int);
			u = s < 0 ? 0ull - (unsigned long long)s : (unsigned long long)s;
			fw_out_number(&out, &spec, u, s < 0, 10, 0, "");
			break;
		case 'u':
		case 'x':
		case 'X':
			u = lng >= 2 ? va_arg(ap, unsigned long long) :
			    lng == 1 ? va_arg(ap, unsigned long) :
				       va_arg(ap, unsigned int);
			fw_out_number(&out, &spec, u, 0, *p == 'u' ? 10 : 16,
				      *p == 'X', "");
			break;
		case 'p':
			u = (uintptr_t)va_arg(ap, void *);
			fw_out_number(&out, &spec, u, 0, 16, 0, "0x");
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);

			fw_out_field(&out, &spec, "", &c, 1);
			break;
		}
		case 's': {
			const char *str = va_arg(ap, const char *);

			if (!str)
				str = "(null)";
			fw_out_field(&out, &spec, "", str, fw_strlen(str));
			break;
		}
		case '%':
			fw_out(&out, '%');
			break;
		default:
			for (; start <= p && *start; start++)
				fw_out(&out, *start);
			if (!*p)
				return out.count;
			break;
		}
	}
	return out.count;
}

/**
 * struct fw_buf_sink - a bounded buffer as character sink
 * @buf: the buffer
 * @size: its size
 * @len: characters stored (at most @size - 1)
 */
struct fw_buf_sink {
	char *buf;
	size_t size;
	size_t len;
};

static void fw_buf_putc(void *ctx, char c)
{
	struct fw_buf_sink *sink = ctx;

	if (sink->len + 1 < sink->size)
		sink->buf[sink->len++] = c;
}

/**
 * fw_vsnformat() - format into a buffer, like vsnprintf()
 * @buf: the buffer, always NUL-terminated unless @size is 0
 * @size: its size
 * @fmt: the format, see <fw/format.h>
 * @ap: the arguments
 *
 * Return: the length of the whole formatted text, which was truncated if it
 * is @size or more.
 */
size_t fw_vsnformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fw_buf_sink sink = { .buf = buf, .size = size };
	size_t n;

	n = fw_vformat(fw_buf_putc, &sink, fmt, ap);
	if (size)
		buf[sink.len] = '\0';
	return n;
}

/**
 * fw_snformat() - format into a buffer, like snprintf()
 * @buf: the buffer, always NUL-terminated unless @size is 0
 * @size: its size
 * @fmt: the format, see <fw/format.h>
 *
 * Return: as fw_vsnformat().
 */
size_t fw_snformat(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fw_vsnformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
