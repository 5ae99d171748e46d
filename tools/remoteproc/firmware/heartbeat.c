// SPDX-License-Identifier: BSD-3-Clause
/*
 * rproc-emu default firmware: trace banner, carveout check, heartbeat.
 *
 * Trace buffer contents (trace0):
 *
 *	<FW_NAME>: booted, table ver 1, carveout da 0x<da> len 0x<len>
 *	carveout ok				(or "carveout FAILED: <why>")
 *	blob ok, 0x<size> bytes			(images with a blob only;
 *						 or "blob FAILED at 0x<off>")
 *	heartbeat <N>				(rewritten in place, N = 1, 2...)
 *
 * Every 100 ms it pets the watchdog and rewrites the heartbeat line.  A
 * VRING kick from Linux is answered with a VRING kick.
 *
 * Built as rproc-emu-fw.elf, and with FW_HAS_BLOB as rproc-emu-1m.elf and
 * rproc-emu-16m.elf (FW_NAME says which).
 */
#include <stddef.h>
#include <stdint.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include <fw/compiler.h>
#include <fw/entry.h>
#include <fw/patterns.h>
#include <fw/rsc.h>
#include <fw/trace.h>

#include "rproc_emu_hw.h"
#include "blob.h"

#ifndef FW_NAME
#define FW_NAME			"rproc-emu-fw"
#endif

#define FW_TRACE_SIZE		4096
#define FW_HEAP_SIZE		0x10000
#define FW_HEARTBEAT_NS		100000000ull
#define FW_NS_PER_US		1000ull

static char fw_trace_buf[FW_TRACE_SIZE];

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

/* Write the pattern through the whole carveout, then read it back. */
static const char *fw_check_carveout(const struct rproc_emu_hw *hw)
{
	uint32_t da = FW_READ_ONCE(fw_resources.heap.rsc.da);
	uint32_t pa = FW_READ_ONCE(fw_resources.heap.rsc.pa);
	uint32_t len = FW_READ_ONCE(fw_resources.heap.rsc.len);
	volatile uint32_t *mem;
	uint32_t i;

	if (da == (uint32_t)FW_RSC_ADDR_ANY || pa == (uint32_t)FW_RSC_ADDR_ANY)
		return "not allocated by the host";
	if (len < FW_HEAP_SIZE)
		return "shorter than asked for";
	mem = hw->da_to_va(hw, da, len);
	if (!mem)
		return "not addressable";
	for (i = 0; i < len / 4; i++)
		mem[i] = fw_carveout_word(i);
	for (i = 0; i < len / 4; i++)
		if (mem[i] != fw_carveout_word(i))
			return "read back differs";
	return NULL;
}

static void fw_boot_report(const struct rproc_emu_hw *hw, struct fw_trace *t)
{
	const char *err;

	fw_trace_printf(t, "%s: booted, table ver %u, carveout da 0x%x len 0x%x\n",
			FW_NAME, FW_READ_ONCE(fw_resources.hdr.ver),
			FW_READ_ONCE(fw_resources.heap.rsc.da),
			FW_READ_ONCE(fw_resources.heap.rsc.len));
	err = fw_check_carveout(hw);
	if (err)
		fw_trace_printf(t, "carveout FAILED: %s\n", err);
	else
		fw_trace_puts(t, "carveout ok\n");
#ifdef FW_HAS_BLOB
	fw_blob_report(t);
#endif
}

/* Sleep until @deadline; answer kicks meanwhile. */
static void fw_idle_until(const struct rproc_emu_hw *hw, uint64_t deadline)
{
	uint64_t now;

	while ((now = hw->clock_ns(hw)) < deadline)
		if (hw->wait_kick(hw, (int64_t)((deadline - now) / FW_NS_PER_US + 1)))
			hw->kick(hw, IVRP_VEC_VRING);
}

static void FW_NORETURN fw_run(const struct rproc_emu_hw *hw,
				struct fw_trace *t)
{
	uint64_t next;
	uint32_t beats = 0, mark;

	fw_boot_report(hw, t);
	hw->debug_puts(hw, FW_NAME ": booted");
	mark = fw_trace_mark(t);
	next = hw->clock_ns(hw);
	for (;;) {
		hw->watchdog_pet(hw);
		fw_trace_rewind(t, mark);
		fw_trace_printf(t, "heartbeat %u\n", ++beats);
		next += FW_HEARTBEAT_NS;
		if (hw->clock_ns(hw) > next + 10 * FW_HEARTBEAT_NS)
			next = hw->clock_ns(hw);	/* we were stopped: resync */
		fw_idle_until(hw, next);
	}
}

FW_ENTRY void fw_entry(const struct rproc_emu_hw *hw)
{
	struct fw_trace trace;

	fw_trace_init(&trace, fw_trace_buf, sizeof(fw_trace_buf));
	if (hw->version != RPROC_EMU_HW_VERSION) {
		fw_trace_printf(&trace, "%s: unsupported hw version %u\n",
				FW_NAME, hw->version);
		return;
	}
	fw_run(hw, &trace);
}
