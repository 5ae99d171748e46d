/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rproc-emu: logging.
 *
 * Every message is one line "rproc-emu: ...", written with a single
 * write() so that lines from the emulator and its core process do not mix.
 * The log goes to --log FILE, or to stderr.  Errors and crash reports also
 * go to stderr when the log is a file.
 */
#ifndef RPROC_EMU_LOG_H
#define RPROC_EMU_LOG_H

#include <stdbool.h>

/**
 * struct emu_log - where messages go
 * @fd: the log: a file opened for appending, or STDERR_FILENO
 * @verbose: whether emu_debug() prints
 */
struct emu_log {
	int fd;
	bool verbose;
};

#define EMU_PRINTF(f, a) __attribute__((format(printf, f, a)))

int emu_log_open(struct emu_log *log, const char *path, bool verbose);
void emu_log_close(struct emu_log *log);
void emu_log_line(const struct emu_log *log, const char *prefix,
		  const char *text);
void emu_info(const struct emu_log *log, const char *fmt, ...) EMU_PRINTF(2, 3);
void emu_debug(const struct emu_log *log, const char *fmt, ...) EMU_PRINTF(2, 3);
void emu_err(const struct emu_log *log, const char *fmt, ...) EMU_PRINTF(2, 3);

#endif /* RPROC_EMU_LOG_H */
