// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test firmware that checks the emulator's struct rproc_emu_hw.
 *
 * Needs the platform of the tests (test.h).  Trace:
 *
 *	hwcheck: FAIL <what>			(for each failed check)
 *	hwcheck: <N> passed, <M> failed
 *	hwcheck: waiting for a kick
 *	hwcheck: kicked				(after a VRING kick, which it
 *						 answers with a VRING kick)
 *
 * It also writes TEST_HWCHECK_MARK at TEST_HWCHECK_MARK_DA in guest RAM
 * and logs "hwcheck: hello" with debug_puts.  Afterwards it pets the
 * watchdog every 50 ms forever.
 */
#include <stdint.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include <fw/compiler.h>
#include <fw/entry.h>
#include <fw/rsc.h>
#include <fw/trace.h>

#define TEST_FIRMWARE
#include "test.h"

static char fw_trace_buf[2048];

FW_TRACE_ONLY_TABLE(fw_trace_buf);

/**
 * struct hwcheck - counters
 * @t: the trace
 * @passed: checks passed
 * @failed: checks failed
 */
struct hwcheck {
	struct fw_trace t;
	unsigned int passed;
	unsigned int failed;
};

static void hwcheck(struct hwcheck *c, int ok, const char *what)
{
	if (ok) {
		c->passed++;
		return;
	}
	c->failed++;
	fw_trace_printf(&c->t, "hwcheck: FAIL %s\n", what);
}

static void hwcheck_da_to_va(struct hwcheck *c, const struct rproc_emu_hw *hw)
{
	const uint64_t local_end = IVRP_LOCAL_DA + (uint64_t)TEST_LOCAL_SIZE;
	const uint64_t ram_end = TEST_RAM_SIZE;

	hwcheck(c, !hw->da_to_va(hw, IVRP_LOCAL_DA, 4), "control page refused");
	hwcheck(c, !hw->da_to_va(hw, IVRP_LOAD_DA - 1, 2), "range into control page refused");
	hwcheck(c, hw->da_to_va(hw, IVRP_LOAD_DA, 4) == (void *)(uintptr_t)IVRP_LOAD_DA,
		"local memory at VA == DA");
	hwcheck(c, hw->da_to_va(hw, local_end - 4, 4) != 0, "last word of local memory");
	hwcheck(c, !hw->da_to_va(hw, local_end - 4, 5), "past local memory refused");
	hwcheck(c, !hw->da_to_va(hw, local_end, 0), "end of local memory refused");
	hwcheck(c, hw->da_to_va(hw, 0, 1) != 0, "guest RAM at 0");
	hwcheck(c, hw->da_to_va(hw, ram_end - 1, 1) != 0, "last byte of guest RAM");
	hwcheck(c, !hw->da_to_va(hw, ram_end - 1, 2), "past guest RAM refused");
	hwcheck(c, !hw->da_to_va(hw, ram_end, 1), "above guest RAM refused");
	hwcheck(c, !hw->da_to_va(hw, UINT64_MAX, 2), "wrapping range refused");
	hwcheck(c, !hw->da_to_va(hw, IVRP_LOAD_DA, UINT64_MAX), "huge length refused");
	hwcheck(c, !hw->da_to_va(hw, 0, UINT64_MAX), "huge RAM length refused");
}

static void hwcheck_mark_ram(struct hwcheck *c, const struct rproc_emu_hw *hw)
{
	volatile uint32_t *mark = hw->da_to_va(hw, TEST_HWCHECK_MARK_DA, 4);

	hwcheck(c, mark != 0, "marker address");
	if (mark)
		*mark = TEST_HWCHECK_MARK;
}

static void hwcheck_time(struct hwcheck *c, const struct rproc_emu_hw *hw)
{
	uint64_t t0 = hw->clock_ns(hw), t1;
	int kicked = hw->wait_kick(hw, 20000);

	t1 = hw->clock_ns(hw);
	hwcheck(c, t1 >= t0, "clock monotonic");
	hwcheck(c, kicked == 0, "no stale kick at start");
	hwcheck(c, t1 - t0 >= 19000000ull, "wait_kick timeout waits");
	hwcheck(c, t1 - t0 < 2000000000ull, "wait_kick timeout returns");
	hwcheck(c, hw->wait_kick(hw, 0) == 0, "wait_kick(0) polls");
}

FW_ENTRY void fw_entry(const struct rproc_emu_hw *hw)
{
	struct hwcheck c = { .passed = 0 };

	fw_trace_init(&c.t, fw_trace_buf, sizeof(fw_trace_buf));
	hwcheck(&c, hw->version == RPROC_EMU_HW_VERSION, "version");
	hwcheck(&c, hw->reserved == 0, "reserved");
	hwcheck_da_to_va(&c, hw);
	hwcheck_mark_ram(&c, hw);
	hwcheck_time(&c, hw);
	hw->kick(hw, IVRP_VEC_CRASH);	/* ignored: only VRING is a kick */
	hw->debug_puts(hw, "hwcheck: hello");
	hw->watchdog_pet(hw);
	fw_trace_printf(&c.t, "hwcheck: %u passed, %u failed\n", c.passed,
			c.failed);
	fw_trace_puts(&c.t, "hwcheck: waiting for a kick\n");
	while (!hw->wait_kick(hw, 50000))
		hw->watchdog_pet(hw);
	fw_trace_puts(&c.t, "hwcheck: kicked\n");
	hw->kick(hw, IVRP_VEC_VRING);
	for (;;) {
		hw->watchdog_pet(hw);
		hw->wait_kick(hw, 50000);
	}
}
