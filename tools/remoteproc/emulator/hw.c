// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: the operations of struct rproc_emu_hw, run in the core.
 *
 * They run on the firmware's stack, called by untrusted code: they check
 * their arguments and touch nothing but the core's private state.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <sys/eventfd.h>
#include <time.h>

#include "core.h"

static struct core_hw *to_core_hw(const struct rproc_emu_hw *ops)
{
	return (struct core_hw *)((char *)ops - offsetof(struct core_hw, ops));
}

/* Is [da, da + len) inside [start, end)?  Safe against wrap-around. */
static int hw_range_ok(uint64_t da, uint64_t len, uint64_t start, uint64_t end)
{
	return da >= start && da < end && len <= end - da;
}

static void *hw_da_to_va(const struct rproc_emu_hw *ops, uint64_t da,
			 uint64_t len)
{
	const struct core_hw *hw = to_core_hw(ops);

	if (hw_range_ok(da, len, IVRP_LOAD_DA, hw->local_end))
		return (void *)(uintptr_t)da;	/* mapped at VA == DA */
	if (hw_range_ok(da, len, 0, hw->ram_limit))
		return hw->ram + da;
	return NULL;
}

static void hw_kick(const struct rproc_emu_hw *ops, unsigned int vector)
{
	const struct core_hw *hw = to_core_hw(ops);

	if (vector == IVRP_VEC_VRING)
		eventfd_write(hw->kick_out_fd, 1);
}

static uint64_t hw_clock_ns(const struct rproc_emu_hw *ops)
{
	struct timespec ts;

	(void)ops;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int hw_wait_kick(const struct rproc_emu_hw *ops, int64_t timeout_us)
{
	const struct core_hw *hw = to_core_hw(ops);
	uint64_t deadline = 0, now;
	eventfd_t val;

	if (timeout_us > INT64_MAX / 2000)	/* days: as good as forever */
		timeout_us = -1;
	if (timeout_us >= 0)
		deadline = hw_clock_ns(ops) + (uint64_t)timeout_us * 1000u;
	for (;;) {
		struct pollfd pfd = { .fd = hw->kick_in_fd, .events = POLLIN };
		struct timespec ts, *tsp = NULL;
		int ret;

		if (eventfd_read(hw->kick_in_fd, &val) == 0)
			return 1;
		if (timeout_us >= 0) {
			now = hw_clock_ns(ops);
			if (now >= deadline)
				return 0;
			ts.tv_sec = (time_t)((deadline - now) / 1000000000ull);
			ts.tv_nsec = (long)((deadline - now) % 1000000000ull);
			tsp = &ts;
		}
		ret = ppoll(&pfd, 1, tsp, NULL);
		if (ret < 0 && errno != EINTR)
			return 0;
	}
}

static void hw_watchdog_pet(const struct rproc_emu_hw *ops)
{
	const struct core_hw *hw = to_core_hw(ops);

	__atomic_fetch_add(&hw->ctrl->heartbeat, 1, __ATOMIC_RELEASE);
}

static void hw_debug_puts(const struct rproc_emu_hw *ops, const char *line)
{
	const struct core_hw *hw = to_core_hw(ops);

	if (line)
		emu_log_line(&hw->log, "fw: ", line);
}

/**
 * core_hw_init() - fill in the hardware interface of a new core
 * @hw: initialised here
 * @emu: the emulator's state, as inherited by the core
 * @ram: guest RAM mapped in the core
 * @ram_limit: bytes of guest RAM the firmware may reach through @ram
 */
void core_hw_init(struct core_hw *hw, const struct emu *emu,
		  unsigned char *ram, uint64_t ram_limit)
{
	*hw = (struct core_hw) {
		.ops = {
			.version = RPROC_EMU_HW_VERSION,
			.da_to_va = hw_da_to_va,
			.kick = hw_kick,
			.wait_kick = hw_wait_kick,
			.clock_ns = hw_clock_ns,
			.watchdog_pet = hw_watchdog_pet,
			.debug_puts = hw_debug_puts,
		},
		.ctrl = emu->ctrl,
		.local_end = IVRP_LOCAL_DA + emu->opts.local_size,
		.ram = ram,
		.ram_limit = ram_limit,
		.kick_in_fd = emu->emu_evt[IVRP_VEC_VRING],
		.kick_out_fd = emu->guest_evt[IVRP_VEC_VRING],
		.log = emu->log,
	};
}
