// SPDX-License-Identifier: BSD-3-Clause
/*
 * rproc-emu-hang.elf: hangs right after boot.
 *
 * Trace: "rproc-emu-hang: booted, spinning without petting the watchdog".
 * It then spins forever, so the emulator's watchdog expires
 * (IVRP_CRASH_WATCHDOG) after ivrp_ctrl.watchdog_ms.
 */
#include <fw/compiler.h>
#include <fw/entry.h>
#include <fw/rsc.h>
#include <fw/trace.h>

static char fw_trace_buf[1024];

FW_TRACE_ONLY_TABLE(fw_trace_buf);

FW_ENTRY void fw_entry(const struct rproc_emu_hw *hw)
{
	struct fw_trace trace;

	fw_trace_init(&trace, fw_trace_buf, sizeof(fw_trace_buf));
	fw_trace_puts(&trace,
		      "rproc-emu-hang: booted, spinning without petting the watchdog\n");
	hw->debug_puts(hw, "rproc-emu-hang: booted, spinning");
	for (;;)
		fw_cpu_relax();
}
