/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rproc-emu: the watchdog of the core.
 *
 * The firmware pets the watchdog by incrementing ivrp_ctrl.heartbeat (see
 * rproc_emu_hw.watchdog_pet).  While the core runs, a timerfd ticks several
 * times per period; each tick samples the heartbeat.  When it has not
 * changed for a whole period, the watchdog expires.
 */
#ifndef RPROC_EMU_WATCHDOG_H
#define RPROC_EMU_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

/**
 * struct emu_watchdog - watchdog state
 * @timer_fd: periodic timerfd, armed while the core runs
 * @period_ms: expiry period, 0 when the watchdog is disabled
 * @armed: the core runs and is watched
 * @last_heartbeat: heartbeat value seen at @last_change_ns
 * @last_change_ns: when the heartbeat was last seen changing (or the
 *		    watchdog was armed), CLOCK_MONOTONIC
 */
struct emu_watchdog {
	int timer_fd;
	uint32_t period_ms;
	bool armed;
	uint32_t last_heartbeat;
	uint64_t last_change_ns;
};

int watchdog_init(struct emu_watchdog *wd, uint32_t period_ms);
void watchdog_destroy(struct emu_watchdog *wd);
int watchdog_arm(struct emu_watchdog *wd, uint32_t heartbeat);
void watchdog_disarm(struct emu_watchdog *wd);
bool watchdog_tick(struct emu_watchdog *wd, uint32_t heartbeat,
		   uint32_t *silent_ms);
uint64_t emu_clock_ns(void);

#endif /* RPROC_EMU_WATCHDOG_H */
