// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: logging.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

#define EMU_LOG_LINE_MAX	512

/**
 * emu_log_open() - choose where the log goes
 * @log: initialised here
 * @path: file to append to (created 0644 if missing), or NULL for stderr
 * @verbose: enable emu_debug()
 *
 * Return: 0, or -1 with errno set when @path cannot be opened.
 */
int emu_log_open(struct emu_log *log, const char *path, bool verbose)
{
	log->verbose = verbose;
	log->fd = STDERR_FILENO;
	if (!path)
		return 0;
	log->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (log->fd < 0) {
		log->fd = STDERR_FILENO;
		return -1;
	}
	return 0;
}

void emu_log_close(struct emu_log *log)
{
	if (log->fd != STDERR_FILENO)
		close(log->fd);
	log->fd = STDERR_FILENO;
}

static void emu_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

static void emu_vlog(int fd, const char *fmt, va_list ap)
{
	char line[EMU_LOG_LINE_MAX];
	int n, m;

	n = snprintf(line, sizeof(line), "rproc-emu: ");
	m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	if (m < 0)
		return;
	n += m;
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	emu_write_all(fd, line, (size_t)n);
}

/**
 * emu_log_line() - log untrusted text as one line
 * @log: the log
 * @prefix: inserted after "rproc-emu: ", e.g. "fw: "
 * @text: text; control characters are replaced, the length is bounded
 *
 * Usable from the core process: it only formats into the stack and calls
 * write().
 */
void emu_log_line(const struct emu_log *log, const char *prefix,
		  const char *text)
{
	char clean[EMU_LOG_LINE_MAX / 2 + 1];
	size_t i;

	for (i = 0; i < sizeof(clean) - 1 && text[i]; i++) {
		unsigned char c = (unsigned char)text[i];

		clean[i] = (c < 0x20 || c >= 0x7f) ? '?' : (char)c;
	}
	clean[i] = '\0';
	emu_info(log, "%s%s", prefix, clean);
}

void emu_info(const struct emu_log *log, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emu_vlog(log->fd, fmt, ap);
	va_end(ap);
}

void emu_debug(const struct emu_log *log, const char *fmt, ...)
{
	va_list ap;

	if (!log->verbose)
		return;
	va_start(ap, fmt);
	emu_vlog(log->fd, fmt, ap);
	va_end(ap);
}

void emu_err(const struct emu_log *log, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emu_vlog(log->fd, fmt, ap);
	va_end(ap);
	if (log->fd == STDERR_FILENO)
		return;
	va_start(ap, fmt);
	emu_vlog(STDERR_FILENO, fmt, ap);
	va_end(ap);
}
