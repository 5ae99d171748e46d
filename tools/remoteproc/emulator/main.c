// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: a remote processor for the emulated AMP platform.
 *
 * Stands in for the remote core behind QEMU's ivshmem-doorbell device: it
 * is the ivshmem server QEMU connects to, owns the device's shared memory
 * (the remote's local memory, with the control page of ivshmem_rproc.h)
 * and runs firmware in a core process when Linux says START (or, with
 * --preboot, from the start, as if a bootloader had started it).
 *
 * Exit status: 0 after QEMU disconnected or SIGTERM/SIGINT/SIGHUP, 1 on a
 * runtime error, 2 on a bad command line or a bad --preboot image.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "core.h"

static void emu_init(struct emu *emu)
{
	memset(emu, 0, sizeof(*emu));
	emu->mem_fd = -1;
	emu->signal_fd = -1;
	emu->core.pidfd = -1;
	emu->wd.timer_fd = -1;
	for (int v = 0; v < IVRP_NUM_VECTORS; v++)
		emu->emu_evt[v] = emu->guest_evt[v] = -1;
	ivs_init(&emu->server);
}

/* Termination signals arrive through a signalfd; SIGPIPE is ignored. */
static int emu_setup_signals(struct emu *emu)
{
	sigset_t set;

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	emu->signal_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return emu->signal_fd < 0 ? -1 : 0;
}

static int emu_serve(struct emu *emu)
{
	const struct ivs_setup setup = {
		.shm_fd = emu->mem_fd,
		.server_id = EMU_PEER_ID,
		.server_fds = emu->emu_evt,
		.client_id = EMU_GUEST_ID,
		.client_fds = emu->guest_evt,
		.nvec = IVRP_NUM_VECTORS,
	};
	int ret;

	ret = emu_wait_client(emu);
	if (ret < 0)
		emu_err(&emu->log, "waiting for QEMU: %s", strerror(errno));
	if (ret)
		return ret < 0 ? -1 : 0;
	emu_info(&emu->log, "QEMU connected");
	if (ivs_send_setup(emu->server.client_fd, &setup)) {
		emu_err(&emu->log, "cannot send the setup to QEMU: %s",
			strerror(errno));
		return -1;
	}
	emu_debug(&emu->log, "sent version 0, id %d, shm, %d vectors for peers %d and %d",
		  EMU_GUEST_ID, IVRP_NUM_VECTORS, EMU_PEER_ID, EMU_GUEST_ID);
	ret = emu_run(emu);
	if (ret)
		emu_err(&emu->log, "event loop: %s", strerror(errno));
	return ret;
}

static void emu_cleanup(struct emu *emu)
{
	core_kill(emu);
	watchdog_destroy(&emu->wd);
	ivs_close(&emu->server);
	emu_platform_destroy(emu);
	if (emu->signal_fd >= 0)
		close(emu->signal_fd);
	emu->signal_fd = -1;
	emu_log_close(&emu->log);
}

int main(int argc, char **argv)
{
	struct emu emu;
	int status = 1;

	emu_init(&emu);
	switch (emu_parse_options(argc, argv, &emu.opts, stderr)) {
	case EMU_OPTS_OK:
		break;
	case EMU_OPTS_HELP:
		return 0;
	default:
		return 2;
	}
	if (emu_log_open(&emu.log, emu.opts.log_path, emu.opts.verbose)) {
		fprintf(stderr, "rproc-emu: %s: %s\n", emu.opts.log_path,
			strerror(errno));
		return 1;
	}
	if (emu_setup_signals(&emu) || emu_platform_init(&emu) ||
	    watchdog_init(&emu.wd, emu.opts.watchdog_ms)) {
		emu_err(&emu.log, "setup failed: %s", strerror(errno));
		goto out;
	}
	switch (emu_preboot(&emu)) {
	case EMU_PREBOOT_OK:
		break;
	case EMU_PREBOOT_BAD_IMAGE:
		status = 2;
		goto out;
	default:
		goto out;
	}
	if (ivs_listen(&emu.server, emu.opts.socket_path)) {
		emu_err(&emu.log, "%s: %s", emu.opts.socket_path,
			strerror(errno));
		goto out;
	}
	emu_info(&emu.log, "local memory 0x%" PRIx64 " bytes at 0x%x, guest RAM 0x%"
		 PRIx64 " bytes, watchdog %u ms", emu.opts.local_size,
		 IVRP_LOCAL_DA, emu.opts.ram_size, emu.opts.watchdog_ms);
	fputs("rproc-emu: ready\n", stderr);
	status = emu_serve(&emu) ? 1 : 0;
out:
	emu_cleanup(&emu);
	return status;
}
