// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: the commands Linux writes into the control page.
 *
 * Linux writes boot_addr and cmd, then increments cmd_seq (release) and
 * rings our CTRL doorbell.  We read cmd_seq (acquire) and, if it moved,
 * carry out the command, write cmd_result and state, publish
 * ack_seq = cmd_seq (release) and interrupt the guest on CTRL.
 *
 * rsc_da and rsc_size, set by --preboot, are cleared by STOP and by a
 * START that is not refused with EBUSY: from then on the firmware is one
 * Linux loaded itself.
 */
#include <inttypes.h>
#include <string.h>

#include "core.h"

static const char *emu_cmd_name(uint32_t cmd)
{
	switch (cmd) {
	case IVRP_CMD_START:
		return "start";
	case IVRP_CMD_STOP:
		return "stop";
	default:
		return "unknown";
	}
}

/**
 * emu_start_core() - start the core at @boot_addr, as START does
 * @emu: the emulator
 * @boot_addr: the entry point, a device address
 *
 * On success the state is RUNNING, boot_count is one higher and the
 * watchdog is armed.  Used by the START command and by --preboot.
 *
 * Return: %IVRP_OK, or the &enum ivrp_result START reports.
 */
uint32_t emu_start_core(struct emu *emu, uint64_t boot_addr)
{
	struct ivrp_ctrl *ctrl = emu->ctrl;
	const uint64_t local_end = IVRP_LOCAL_DA + emu->opts.local_size;
	int err;

	if (emu->core.pid)
		return IVRP_EBUSY;
	if (boot_addr < IVRP_LOAD_DA || boot_addr >= local_end) {
		emu_err(&emu->log, "start: boot address 0x%" PRIx64
			" is not in local memory past the control page",
			boot_addr);
		return IVRP_EINVAL;
	}
	/* Kicks sent to a previous run mean nothing to this one. */
	emu_drain_eventfd(emu->emu_evt[IVRP_VEC_VRING]);
	err = core_start(emu, boot_addr);
	if (err) {
		emu_err(&emu->log, "start: cannot create the core: %s",
			strerror(err));
		return IVRP_EIO;
	}
	CTRL_STORE(ctrl->state, IVRP_STATE_RUNNING);
	CTRL_STORE(ctrl->boot_count, CTRL_LOAD(ctrl->boot_count) + 1);
	if (watchdog_arm(&emu->wd, CTRL_LOAD(ctrl->heartbeat)))
		emu_err(&emu->log, "start: cannot arm the watchdog");
	emu_info(&emu->log, "core started at 0x%" PRIx64 " (pid %d)",
		 boot_addr, (int)emu->core.pid);
	return IVRP_OK;
}

/* rsc_da and rsc_size describe only a firmware Linux did not load. */
static void emu_forget_preboot(struct emu *emu)
{
	CTRL_STORE(emu->ctrl->rsc_da, 0);
	CTRL_STORE(emu->ctrl->rsc_size, 0);
}

/* Linux loaded an image: whatever ran before is replaced, unless it runs. */
static uint32_t emu_cmd_start(struct emu *emu, uint64_t boot_addr)
{
	if (emu->core.pid)
		return IVRP_EBUSY;
	emu_forget_preboot(emu);
	return emu_start_core(emu, boot_addr);
}

static uint32_t emu_cmd_stop(struct emu *emu)
{
	if (emu->core.pid)
		emu_info(&emu->log, "core stopped (pid %d)", (int)emu->core.pid);
	core_kill(emu);
	watchdog_disarm(&emu->wd);
	emu_forget_preboot(emu);
	CTRL_STORE(emu->ctrl->state, IVRP_STATE_OFFLINE);
	return IVRP_OK;
}

/**
 * emu_handle_ctrl() - handle a ring of our CTRL doorbell
 * @emu: the emulator
 *
 * Spurious rings (cmd_seq unchanged) are ignored.  When Linux issued
 * several commands before we looked, only the last one is carried out.
 */
void emu_handle_ctrl(struct emu *emu)
{
	struct ivrp_ctrl *ctrl = emu->ctrl;
	uint32_t seq, cmd, result;

	emu_drain_eventfd(emu->emu_evt[IVRP_VEC_CTRL]);
	seq = __atomic_load_n(&ctrl->cmd_seq, __ATOMIC_ACQUIRE);
	if (seq == emu->acked_seq)
		return;
	cmd = CTRL_LOAD(ctrl->cmd);
	switch (cmd) {
	case IVRP_CMD_START:
		result = emu_cmd_start(emu, CTRL_LOAD(ctrl->boot_addr));
		break;
	case IVRP_CMD_STOP:
		result = emu_cmd_stop(emu);
		break;
	default:
		result = IVRP_EINVAL;
		break;
	}
	emu_debug(&emu->log, "command %u (%s) seq %u: result %u, state %u",
		  cmd, emu_cmd_name(cmd), seq, result, CTRL_LOAD(ctrl->state));
	CTRL_STORE(ctrl->cmd_result, result);
	__atomic_store_n(&ctrl->ack_seq, seq, __ATOMIC_RELEASE);
	emu->acked_seq = seq;
	emu_signal_guest(emu, IVRP_VEC_CTRL);
}
