// SPDX-License-Identifier: BSD-3-Clause
/*
 * rproc-emu-dump.elf: leaves known contents in memory, then crashes, for
 * the coredump tests.
 *
 * Contract (a kernel-side test parses it; keep it stable):
 *
 * Resource table: trace0 (4 KiB) and the carveout "fw-heap" (64 KiB, da
 * FW_RSC_ADDR_ANY), as in rproc-emu-fw.elf; no vdev.
 *
 * At start, in this order:
 *
 *  1. Every 32-bit word i of the carveout (as Linux filled in its entry)
 *     becomes fw_carveout_word(i) (<fw/patterns.h>), little-endian.
 *  2. The marker, a 64-byte static array in the image's data segment
 *     (zero until then), becomes the 22 characters
 *     "RPROC-EMU-DUMP-MARKER:", then 8 lower-case hex digits of a value
 *     that differs from run to run (the low 32 bits of the core's clock
 *     at boot), then NUL bytes up to its end.  The prefix appears nowhere
 *     else in the image or in memory (it is stored inverted), so one
 *     search of a dump finds the marker only.
 *  3. The trace gets exactly one line, lower-case hex without leading
 *     zeros, the device addresses as found in the resource table:
 *
 *	dump: marker at da 0x<marker>, carveout da 0x<da> len 0x<len>
 *
 *     When the carveout is unusable (not allocated, not addressable) the
 *     line is instead "dump: carveout FAILED: <why>" and steps 1 and 2
 *     are skipped.
 *  4. 200 ms later (by the core's clock, petting the watchdog meanwhile)
 *     it writes to an unmapped address: SIGSEGV, reported to Linux as
 *     IVRP_CRASH_FAULT with detail 11.
 *
 * The trace line, then "dump: marker <the marker's text>", also go to the
 * emulator's log through debug_puts.
 */
#include <stdint.h>

#include <fw/compiler.h>
#include <fw/entry.h>
#include <fw/format.h>
#include <fw/patterns.h>
#include <fw/rsc.h>
#include <fw/string.h>
#include <fw/trace.h>

#include "rproc_emu_hw.h"

#define FW_TRACE_SIZE		4096
#define FW_HEAP_SIZE		0x10000
#define FW_MARKER_SIZE		64
#define FW_DELAY_NS		200000000ull
#define FW_WAIT_US		10000
#define FW_FAULT_ADDR		0x10u

static char fw_trace_buf[FW_TRACE_SIZE];
static char fw_marker[FW_MARKER_SIZE];

/* "RPROC-EMU-DUMP-MARKER:", each byte inverted. */
static const unsigned char fw_marker_prefix_inv[] = {
	(unsigned char)~'R', (unsigned char)~'P', (unsigned char)~'R',
	(unsigned char)~'O', (unsigned char)~'C', (unsigned char)~'-',
	(unsigned char)~'E', (unsigned char)~'M', (unsigned char)~'U',
	(unsigned char)~'-', (unsigned char)~'D', (unsigned char)~'U',
	(unsigned char)~'M', (unsigned char)~'P', (unsigned char)~'-',
	(unsigned char)~'M', (unsigned char)~'A', (unsigned char)~'R',
	(unsigned char)~'K', (unsigned char)~'E', (unsigned char)~'R',
	(unsigned char)~':',
};

struct fw_resources {
	FW_RSC_TABLE_HDR(2) hdr;
	union fw_rsc_trace_entry trace;
	FW_RSC_ENTRY(struct fw_rsc_carveout) heap;
} __packed;

FW_RESOURCE_TABLE struct fw_resources fw_resources = {
	.hdr = FW_RSC_TABLE_HDR_INIT(FW_RSC_OFFSET(struct fw_resources, trace),
				     FW_RSC_OFFSET(struct fw_resources, heap)),
	.trace = FW_RSC_TRACE_INIT(fw_trace_buf, "trace0"),
	.heap = FW_RSC_CARVEOUT_INIT(FW_RSC_ADDR_ANY, FW_HEAP_SIZE, "fw-heap"),
};

/* Fill the carveout with the pattern; the reason it cannot be, or NULL. */
static const char *fw_fill_carveout(const struct rproc_emu_hw *hw)
{
	uint32_t da = FW_READ_ONCE(fw_resources.heap.rsc.da);
	uint32_t pa = FW_READ_ONCE(fw_resources.heap.rsc.pa);
	uint32_t len = FW_READ_ONCE(fw_resources.heap.rsc.len);
	volatile uint32_t *mem;

	if (da == (uint32_t)FW_RSC_ADDR_ANY || pa == (uint32_t)FW_RSC_ADDR_ANY)
		return "not allocated by the host";
	mem = hw->da_to_va(hw, da, len);
	if (!mem)
		return "not addressable";
	for (uint32_t i = 0; i < len / 4; i++)
		mem[i] = fw_carveout_word(i);
	return NULL;
}

static void fw_write_marker(uint32_t value)
{
	volatile char *m = fw_marker;
	char hex[9];
	uint32_t i, n = (uint32_t)sizeof(fw_marker_prefix_inv);

	fw_snformat(hex, sizeof(hex), "%08x", value);
	for (i = 0; i < FW_MARKER_SIZE; i++)
		m[i] = 0;
	for (i = 0; i < n; i++)
		m[i] = (char)~fw_marker_prefix_inv[i];
	for (i = 0; i < 8; i++)
		m[n + i] = hex[i];
}

/* Let Linux read the trace first; keep the watchdog happy meanwhile. */
static void fw_delay(const struct rproc_emu_hw *hw)
{
	uint64_t until = hw->clock_ns(hw) + FW_DELAY_NS;

	while (hw->clock_ns(hw) < until) {
		hw->watchdog_pet(hw);
		hw->wait_kick(hw, FW_WAIT_US);
	}
}

static void FW_NORETURN fw_fault(void)
{
	uintptr_t bad = FW_FAULT_ADDR;

	__asm__ __volatile__("" : "+r" (bad));	/* hide the constant */
	*(volatile uint32_t *)bad = 0;
	for (;;)
		fw_cpu_relax();
}

FW_ENTRY void fw_entry(const struct rproc_emu_hw *hw)
{
	uint32_t value = (uint32_t)hw->clock_ns(hw);
	struct fw_trace trace;
	char line[160];
	const char *err;

	fw_trace_init(&trace, fw_trace_buf, sizeof(fw_trace_buf));
	if (hw->version != RPROC_EMU_HW_VERSION) {
		fw_trace_puts(&trace, "dump: unsupported hw version\n");
		return;
	}
	err = fw_fill_carveout(hw);
	if (err) {
		fw_snformat(line, sizeof(line), "dump: carveout FAILED: %s", err);
	} else {
		fw_write_marker(value);
		fw_snformat(line, sizeof(line),
			    "dump: marker at da 0x%x, carveout da 0x%x len 0x%x",
			    (uint32_t)(uintptr_t)fw_marker,
			    FW_READ_ONCE(fw_resources.heap.rsc.da),
			    FW_READ_ONCE(fw_resources.heap.rsc.len));
	}
	fw_trace_printf(&trace, "%s\n", line);
	hw->debug_puts(hw, line);
	if (!err) {
		fw_snformat(line, sizeof(line), "dump: marker %s", fw_marker);
		hw->debug_puts(hw, line);
	}
	fw_delay(hw);
	fw_fault();
}
