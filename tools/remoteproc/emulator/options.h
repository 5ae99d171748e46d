/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rproc-emu: command line options.
 */
#ifndef RPROC_EMU_OPTIONS_H
#define RPROC_EMU_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/**
 * struct emu_options - what the command line asked for
 * @socket_path: unix socket QEMU connects to (--socket)
 * @ram_path: file backing the guest's RAM (--ram)
 * @ram_size: bytes of guest RAM (--ram-size)
 * @local_size: bytes of local memory, the BAR2 size (--local-size)
 * @watchdog_ms: watchdog period, 0 to disable it (--watchdog-ms)
 * @log_path: log file, or NULL for stderr (--log)
 * @verbose: log protocol and command details (--verbose)
 * @preboot_path: firmware to load and start before QEMU connects, or NULL
 *		  (--preboot)
 *
 * The strings point into argv.
 */
struct emu_options {
	const char *socket_path;
	const char *ram_path;
	uint64_t ram_size;
	uint64_t local_size;
	uint32_t watchdog_ms;
	const char *log_path;
	bool verbose;
	const char *preboot_path;
};

/**
 * enum emu_parse_result - outcome of emu_parse_options()
 * @EMU_OPTS_OK: @opts is filled in; run
 * @EMU_OPTS_HELP: help was asked for and printed; exit with status 0
 * @EMU_OPTS_ERROR: a message was printed; exit with status 2
 */
enum emu_parse_result {
	EMU_OPTS_OK,
	EMU_OPTS_HELP,
	EMU_OPTS_ERROR,
};

enum emu_parse_result emu_parse_options(int argc, char **argv,
					struct emu_options *opts, FILE *out);

#endif /* RPROC_EMU_OPTIONS_H */
