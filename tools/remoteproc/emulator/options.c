// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: command line parsing and validation.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include "options.h"

#define EMU_DEFAULT_LOCAL_SIZE	(64ull << 20)
#define EMU_MIN_LOCAL_SIZE	(64ull << 10)
#define EMU_MAX_LOCAL_SIZE	(1ull << 30)
#define EMU_DEFAULT_WATCHDOG_MS	2000
#define EMU_MAX_WATCHDOG_MS	3600000

static void emu_usage(FILE *out)
{
	fputs("usage: rproc-emu --socket PATH --ram PATH --ram-size BYTES\n"
	      "                 [--local-size BYTES] [--watchdog-ms N]\n"
	      "                 [--log FILE] [--verbose] [--preboot FILE]\n"
	      "\n"
	      "Emulates a remote processor behind a QEMU ivshmem-doorbell device\n"
	      "(vectors=3).  Serves one QEMU on the unix socket PATH and exits\n"
	      "when it disconnects.\n"
	      "\n"
	      "  --socket PATH      unix socket to create (must not exist)\n"
	      "  --ram PATH         QEMU's guest RAM file (mem-path, share=on)\n"
	      "  --ram-size BYTES   size of guest RAM\n"
	      "  --local-size BYTES local memory (BAR2), a power of two\n"
	      "                     (default 64M)\n"
	      "  --watchdog-ms N    watchdog period, 0 disables (default 2000)\n"
	      "  --log FILE         append the log to FILE instead of stderr\n"
	      "  --verbose          log protocol and command details\n"
	      "  --preboot FILE     load the ELF firmware FILE into local memory\n"
	      "                     and start it before QEMU connects, as a\n"
	      "                     bootloader would (rsc_da and rsc_size in the\n"
	      "                     control page locate its resource table); the\n"
	      "                     --ram file must exist already.  Exit status 2\n"
	      "                     when FILE is refused\n"
	      "\n"
	      "BYTES accepts decimal or 0x-hex with an optional K, M or G\n"
	      "suffix (powers of 1024).\n", out);
}

/* Parse "123", "0x40", "64M"; reject junk, zero is allowed. */
static int emu_parse_bytes(const char *s, uint64_t *val)
{
	unsigned long long v;
	unsigned int shift = 0;
	char *end;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K':
		shift = 10;
		end++;
		break;
	case 'm': case 'M':
		shift = 20;
		end++;
		break;
	case 'g': case 'G':
		shift = 30;
		end++;
		break;
	}
	if (*end || (shift && v > (UINT64_MAX >> shift)))
		return -1;
	*val = (uint64_t)v << shift;
	return 0;
}

static int emu_parse_ms(const char *s, uint32_t *val)
{
	uint64_t v;

	if (emu_parse_bytes(s, &v) || v > EMU_MAX_WATCHDOG_MS)
		return -1;
	*val = (uint32_t)v;
	return 0;
}

static int emu_check_options(const struct emu_options *opts, FILE *out)
{
	const uint64_t ls = opts->local_size;

	if (!opts->socket_path || !opts->ram_path || !opts->ram_size) {
		fputs("rproc-emu: --socket, --ram and --ram-size are required\n",
		      out);
		return -1;
	}
	if (strlen(opts->socket_path) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		fputs("rproc-emu: socket path too long\n", out);
		return -1;
	}
	if (ls < EMU_MIN_LOCAL_SIZE || ls > EMU_MAX_LOCAL_SIZE || (ls & (ls - 1))) {
		fprintf(out, "rproc-emu: --local-size must be a power of two from %llu to %llu\n",
			EMU_MIN_LOCAL_SIZE, EMU_MAX_LOCAL_SIZE);
		return -1;
	}
	return 0;
}

/**
 * emu_parse_options() - parse and check the command line
 * @argc: argument count
 * @argv: arguments; @opts keeps pointers into them
 * @opts: filled in with defaults, then with what the arguments say
 * @out: where errors are printed (--help goes to stdout)
 *
 * Return: see &enum emu_parse_result.
 */
enum emu_parse_result emu_parse_options(int argc, char **argv,
					struct emu_options *opts, FILE *out)
{
	enum { OPT_SOCKET = 256, OPT_RAM, OPT_RAM_SIZE, OPT_LOCAL_SIZE,
	       OPT_WATCHDOG, OPT_LOG, OPT_VERBOSE, OPT_PREBOOT, OPT_HELP };
	static const struct option longopts[] = {
		{ "socket",	 required_argument, NULL, OPT_SOCKET },
		{ "ram",	 required_argument, NULL, OPT_RAM },
		{ "ram-size",	 required_argument, NULL, OPT_RAM_SIZE },
		{ "local-size",	 required_argument, NULL, OPT_LOCAL_SIZE },
		{ "watchdog-ms", required_argument, NULL, OPT_WATCHDOG },
		{ "log",	 required_argument, NULL, OPT_LOG },
		{ "verbose",	 no_argument,	    NULL, OPT_VERBOSE },
		{ "preboot",	 required_argument, NULL, OPT_PREBOOT },
		{ "help",	 no_argument,	    NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	int c, idx = 0;

	*opts = (struct emu_options) {
		.local_size = EMU_DEFAULT_LOCAL_SIZE,
		.watchdog_ms = EMU_DEFAULT_WATCHDOG_MS,
	};
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, &idx)) != -1) {
		int bad = 0;

		switch (c) {
		case OPT_SOCKET:
			opts->socket_path = optarg;
			break;
		case OPT_RAM:
			opts->ram_path = optarg;
			break;
		case OPT_RAM_SIZE:
			bad = emu_parse_bytes(optarg, &opts->ram_size);
			break;
		case OPT_LOCAL_SIZE:
			bad = emu_parse_bytes(optarg, &opts->local_size);
			break;
		case OPT_WATCHDOG:
			bad = emu_parse_ms(optarg, &opts->watchdog_ms);
			break;
		case OPT_LOG:
			opts->log_path = optarg;
			break;
		case OPT_VERBOSE:
			opts->verbose = true;
			break;
		case OPT_PREBOOT:
			opts->preboot_path = optarg;
			bad = !*optarg;
			break;
		case OPT_HELP:
			emu_usage(stdout);
			return EMU_OPTS_HELP;
		default:
			fprintf(out, "rproc-emu: bad option '%s'\n",
				argv[optind - 1]);
			emu_usage(out);
			return EMU_OPTS_ERROR;
		}
		if (bad) {
			fprintf(out, "rproc-emu: bad value '%s' for --%s\n",
				optarg, longopts[idx].name);
			return EMU_OPTS_ERROR;
		}
	}
	if (optind < argc) {
		fprintf(out, "rproc-emu: unexpected argument '%s'\n", argv[optind]);
		emu_usage(out);
		return EMU_OPTS_ERROR;
	}
	return emu_check_options(opts, out) ? EMU_OPTS_ERROR : EMU_OPTS_OK;
}
