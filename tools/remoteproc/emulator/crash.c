// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: reporting the core's crashes to Linux.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "core.h"

static const char *emu_crash_name(uint32_t reason)
{
	switch (reason) {
	case IVRP_CRASH_FAULT:
		return "fault";
	case IVRP_CRASH_ABORT:
		return "abort";
	case IVRP_CRASH_EXIT:
		return "exit";
	case IVRP_CRASH_WATCHDOG:
		return "watchdog";
	default:
		return "none";
	}
}

/* Publish a crash: the core is gone already. */
static void emu_report_crash(struct emu *emu, uint32_t reason, uint32_t detail)
{
	struct ivrp_ctrl *ctrl = emu->ctrl;

	watchdog_disarm(&emu->wd);
	CTRL_STORE(ctrl->crash_reason, reason);
	CTRL_STORE(ctrl->crash_detail, detail);
	CTRL_STORE(ctrl->state, IVRP_STATE_CRASHED);
	__atomic_store_n(&ctrl->crash_count, CTRL_LOAD(ctrl->crash_count) + 1,
			 __ATOMIC_RELEASE);
	emu_signal_guest(emu, IVRP_VEC_CRASH);
}

/*
 * Faults of the instruction stream or of memory accesses are FAULT, any
 * other deadly signal (SIGABRT, but also SIGKILL from elsewhere) ABORT.
 */
static uint32_t emu_signal_reason(int sig)
{
	switch (sig) {
	case SIGSEGV:
	case SIGBUS:
	case SIGILL:
	case SIGFPE:
	case SIGTRAP:
		return IVRP_CRASH_FAULT;
	default:
		return IVRP_CRASH_ABORT;
	}
}

/**
 * emu_handle_core_exit() - handle the core's pidfd becoming readable
 * @emu: the emulator
 *
 * The core only ends by itself by crashing: firmware never finishes.
 */
void emu_handle_core_exit(struct emu *emu)
{
	uint32_t reason, detail;
	int wstatus;

	if (!core_reap(emu, &wstatus))
		return;
	if (WIFSIGNALED(wstatus)) {
		detail = (uint32_t)WTERMSIG(wstatus);
		reason = emu_signal_reason(WTERMSIG(wstatus));
		emu_err(&emu->log, "crash: %s, signal %u (%s)",
			emu_crash_name(reason), detail, strsignal((int)detail));
	} else {
		reason = IVRP_CRASH_EXIT;
		detail = (uint32_t)WEXITSTATUS(wstatus);
		emu_err(&emu->log, "crash: exit, status %u", detail);
	}
	emu_report_crash(emu, reason, detail);
}

/**
 * emu_handle_watchdog() - handle a watchdog tick
 * @emu: the emulator
 *
 * Kills the core when its heartbeat stood still for a whole period.
 */
void emu_handle_watchdog(struct emu *emu)
{
	uint32_t silent_ms;

	if (!watchdog_tick(&emu->wd, CTRL_LOAD(emu->ctrl->heartbeat),
			   &silent_ms))
		return;
	core_kill(emu);
	emu_err(&emu->log, "crash: watchdog, %u ms since the last pet",
		silent_ms);
	emu_report_crash(emu, IVRP_CRASH_WATCHDOG, silent_ms);
}
