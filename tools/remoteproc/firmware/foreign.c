// SPDX-License-Identifier: BSD-3-Clause
/*
 * rproc-emu-vdev-{net,blk,console}.elf: a virtio device other than rpmsg
 * instead of the rpmsg one (foreign.h), never served.
 *
 * Trace buffer contents (trace0):
 *
 *	<FW_NAME>: booted, <virtio-net|virtio-blk|virtio-console> vdev
 *	(virtio id <n>), never served
 *	vdev status 0x<s>		(each time Linux changes it)
 *	heartbeat <N>			(rewritten in place every 100 ms)
 *
 * Kicks from Linux are taken and ignored; the firmware never kicks.
 */
#include <stdint.h>

#include <fw/compiler.h>
#include <fw/entry.h>
#include <fw/rsc.h>
#include <fw/trace.h>

#include "foreign.h"

#ifndef FW_NAME
#define FW_NAME			"rproc-emu-vdev"
#endif

#define FW_HEARTBEAT_NS		100000000ull
#define FW_NS_PER_US		1000ull

static char fw_trace_buf[4096];

struct fw_resources {
	FW_RSC_TABLE_HDR(2) hdr;
	union fw_rsc_trace_entry trace;
	struct fw_foreign_vdev foreign;
} __packed;

FW_RESOURCE_TABLE struct fw_resources fw_resources = {
	.hdr = FW_RSC_TABLE_HDR_INIT(FW_RSC_OFFSET(struct fw_resources, trace),
				     FW_RSC_OFFSET(struct fw_resources, foreign)),
	.trace = FW_RSC_TRACE_INIT(fw_trace_buf, "trace0"),
	.foreign = FW_FOREIGN_VDEV_INIT(0),
};

_Static_assert(FW_RSC_OFFSET(struct fw_resources, foreign) % 4 == 0,
	       "entries are 4-byte aligned");

FW_ENTRY void fw_entry(const struct rproc_emu_hw *hw)
{
	uint8_t status, seen = 0;
	struct fw_trace trace;
	uint64_t next, now;
	uint32_t beats = 0, mark;

	fw_trace_init(&trace, fw_trace_buf, sizeof(fw_trace_buf));
	if (hw->version != RPROC_EMU_HW_VERSION)
		return;
	fw_trace_printf(&trace, "%s: booted, %s vdev (virtio id %u), never served\n",
			FW_NAME, FW_FOREIGN_NAME, FW_FOREIGN);
	hw->debug_puts(hw, FW_NAME ": booted");
	mark = fw_trace_mark(&trace);
	next = hw->clock_ns(hw);
	for (;;) {
		now = hw->clock_ns(hw);
		if (now < next)
			hw->wait_kick(hw, (int64_t)((next - now) / FW_NS_PER_US + 1));
		fw_trace_rewind(&trace, mark);
		status = __atomic_load_n(&fw_resources.foreign.vdev.rsc.status,
					 __ATOMIC_ACQUIRE);
		if (status != seen) {
			seen = status;
			fw_trace_printf(&trace, "vdev status 0x%x\n", status);
			mark = fw_trace_mark(&trace);
		}
		if (hw->clock_ns(hw) >= next) {
			hw->watchdog_pet(hw);
			beats++;
			next += FW_HEARTBEAT_NS;
			if (hw->clock_ns(hw) > next + 10 * FW_HEARTBEAT_NS)
				next = hw->clock_ns(hw);
		}
		fw_trace_printf(&trace, "heartbeat %u\n", beats);
	}
}
