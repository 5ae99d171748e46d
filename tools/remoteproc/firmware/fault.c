// SPDX-License-Identifier: BSD-3-Clause
/*
 * rproc-emu-fault.elf: crashes right after boot.
 *
 * Trace: "rproc-emu-fault: booted, about to fault".  It then reads the
 * control page, which the emulator makes inaccessible to firmware, so the
 * core dies of SIGSEGV (IVRP_CRASH_FAULT, detail 11).  Should the read
 * succeed, it says "control page readable!" and writes to an unmapped low
 * address instead.
 */
#include <stdint.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include <fw/compiler.h>
#include <fw/entry.h>
#include <fw/rsc.h>
#include <fw/trace.h>

#define FW_UNMAPPED_ADDR	0x10u

static char fw_trace_buf[1024];

FW_TRACE_ONLY_TABLE(fw_trace_buf);

FW_ENTRY void fw_entry(const struct rproc_emu_hw *hw)
{
	volatile uint32_t *ctrl = (volatile uint32_t *)(uintptr_t)IVRP_LOCAL_DA;
	uintptr_t bad = FW_UNMAPPED_ADDR;
	struct fw_trace trace;
	uint32_t magic;

	fw_trace_init(&trace, fw_trace_buf, sizeof(fw_trace_buf));
	fw_trace_puts(&trace, "rproc-emu-fault: booted, about to fault\n");
	hw->debug_puts(hw, "rproc-emu-fault: booted, about to fault");
	magic = *ctrl;
	fw_trace_printf(&trace, "control page readable! (magic 0x%x)\n", magic);
	__asm__ __volatile__("" : "+r" (bad));	/* hide the constant */
	*(volatile uint32_t *)bad = magic;
	for (;;)
		fw_cpu_relax();
}
