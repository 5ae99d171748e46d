// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: the event loop.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "core.h"

static void emu_log_signal(struct emu *emu)
{
	struct signalfd_siginfo si;

	if (read(emu->signal_fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		emu_info(&emu->log, "exiting on signal %u (%s)", si.ssi_signo,
			 strsignal((int)si.ssi_signo));
}

/**
 * emu_wait_client() - wait for QEMU to connect
 * @emu: the emulator, listening
 *
 * A core started by --preboot already runs: its crashes and its watchdog
 * are handled meanwhile (the crash interrupt waits in its eventfd).
 *
 * Return: 0 once a client was accepted, 1 when a signal asked us to quit,
 * -1 with errno set on error.
 */
int emu_wait_client(struct emu *emu)
{
	for (;;) {
		struct pollfd pfd[4] = {
			{ .fd = emu->signal_fd, .events = POLLIN },
			{ .fd = emu->server.listen_fd, .events = POLLIN },
			{ .fd = emu->core.pid ? emu->core.pidfd : -1,
			  .events = POLLIN },
			{ .fd = emu->wd.armed ? emu->wd.timer_fd : -1,
			  .events = POLLIN },
		};
		int ret = poll(pfd, 4, -1);

		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0)
			return -1;
		if (pfd[0].revents) {
			emu_log_signal(emu);
			return 1;
		}
		if (pfd[2].revents)
			emu_handle_core_exit(emu);
		if (pfd[3].revents)
			emu_handle_watchdog(emu);
		if (pfd[1].revents) {
			ret = ivs_accept(&emu->server);
			if (ret <= 0)
				return ret;
		}
	}
}

enum emu_poll_slot {
	EMU_POLL_SIGNAL,
	EMU_POLL_CLIENT,
	EMU_POLL_CTRL,
	EMU_POLL_CORE,
	EMU_POLL_WATCHDOG,
	EMU_POLL_SLOTS,
};

/* Slots whose source does not exist get fd -1, which poll() skips. */
static void emu_poll_setup(const struct emu *emu, struct pollfd *pfd)
{
	pfd[EMU_POLL_SIGNAL].fd = emu->signal_fd;
	pfd[EMU_POLL_CLIENT].fd = emu->server.client_fd;
	pfd[EMU_POLL_CTRL].fd = emu->emu_evt[IVRP_VEC_CTRL];
	pfd[EMU_POLL_CORE].fd = emu->core.pid ? emu->core.pidfd : -1;
	pfd[EMU_POLL_WATCHDOG].fd = emu->wd.armed ? emu->wd.timer_fd : -1;
	for (int i = 0; i < EMU_POLL_SLOTS; i++) {
		pfd[i].events = POLLIN;
		pfd[i].revents = 0;
	}
}

/**
 * emu_run() - serve the connected client until it leaves or a signal
 * @emu: the emulator, with a client
 *
 * Events of one round are handled in this order: signals and disconnection
 * (leave), the core's death (a crash), the watchdog, then Linux's command;
 * a command thus never sees a core that is already dead but not reported.
 *
 * Return: 0 when the client disconnected or a signal asked us to quit,
 * -1 with errno set on error.
 */
int emu_run(struct emu *emu)
{
	struct pollfd pfd[EMU_POLL_SLOTS];

	for (;;) {
		int ret;

		emu_poll_setup(emu, pfd);
		ret = poll(pfd, EMU_POLL_SLOTS, -1);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0)
			return -1;
		if (pfd[EMU_POLL_SIGNAL].revents) {
			emu_log_signal(emu);
			return 0;
		}
		if (pfd[EMU_POLL_CLIENT].revents &&
		    ivs_drain_client(&emu->server)) {
			emu_info(&emu->log, "QEMU disconnected");
			return 0;
		}
		if (pfd[EMU_POLL_CORE].revents)
			emu_handle_core_exit(emu);
		if (pfd[EMU_POLL_WATCHDOG].revents)
			emu_handle_watchdog(emu);
		if (pfd[EMU_POLL_CTRL].revents)
			emu_handle_ctrl(emu);
	}
}
