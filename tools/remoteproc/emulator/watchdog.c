// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: the watchdog of the core.
 */
#include <stdint.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "watchdog.h"

#define NSEC_PER_MSEC	1000000ull
#define NSEC_PER_SEC	1000000000ull
/* Sample the heartbeat 8 times per period, but between every 10 and 100 ms. */
#define WD_TICKS_PER_PERIOD	8
#define WD_TICK_MIN_MS		10
#define WD_TICK_MAX_MS		100

uint64_t emu_clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

/**
 * watchdog_init() - create the (disarmed) watchdog
 * @wd: initialised here
 * @period_ms: expiry period; 0 disables the watchdog
 *
 * Return: 0, or -1 with errno set.
 */
int watchdog_init(struct emu_watchdog *wd, uint32_t period_ms)
{
	*wd = (struct emu_watchdog) { .period_ms = period_ms };
	wd->timer_fd = timerfd_create(CLOCK_MONOTONIC,
				      TFD_NONBLOCK | TFD_CLOEXEC);
	return wd->timer_fd < 0 ? -1 : 0;
}

void watchdog_destroy(struct emu_watchdog *wd)
{
	if (wd->timer_fd >= 0)
		close(wd->timer_fd);
	wd->timer_fd = -1;
	wd->armed = false;
}

static int watchdog_set_timer(struct emu_watchdog *wd, uint64_t tick_ns)
{
	struct itimerspec its = {
		.it_interval = {
			.tv_sec = (time_t)(tick_ns / NSEC_PER_SEC),
			.tv_nsec = (long)(tick_ns % NSEC_PER_SEC),
		},
	};

	its.it_value = its.it_interval;
	return timerfd_settime(wd->timer_fd, 0, &its, NULL);
}

/**
 * watchdog_arm() - start watching a core that was just started
 * @wd: the watchdog
 * @heartbeat: the current heartbeat; the period starts now
 *
 * Does nothing when the watchdog is disabled.
 *
 * Return: 0, or -1 with errno set.
 */
int watchdog_arm(struct emu_watchdog *wd, uint32_t heartbeat)
{
	uint64_t tick_ms = wd->period_ms / WD_TICKS_PER_PERIOD;

	if (!wd->period_ms)
		return 0;
	if (tick_ms < WD_TICK_MIN_MS)
		tick_ms = WD_TICK_MIN_MS;
	if (tick_ms > WD_TICK_MAX_MS)
		tick_ms = WD_TICK_MAX_MS;
	wd->last_heartbeat = heartbeat;
	wd->last_change_ns = emu_clock_ns();
	if (watchdog_set_timer(wd, tick_ms * NSEC_PER_MSEC))
		return -1;
	wd->armed = true;
	return 0;
}

/**
 * watchdog_disarm() - stop watching (the core stopped)
 * @wd: the watchdog
 */
void watchdog_disarm(struct emu_watchdog *wd)
{
	uint64_t expirations;

	if (!wd->armed)
		return;
	watchdog_set_timer(wd, 0);
	/* Drop a tick that fired before the timer was stopped. */
	if (read(wd->timer_fd, &expirations, sizeof(expirations)) < 0)
		expirations = 0;
	wd->armed = false;
}

/**
 * watchdog_tick() - handle the timerfd becoming readable
 * @wd: the watchdog
 * @heartbeat: the current value of ivrp_ctrl.heartbeat
 * @silent_ms: set to the time since the heartbeat last changed when the
 *	       watchdog expired
 *
 * Return: true when the watchdog expired; it is disarmed then.
 */
bool watchdog_tick(struct emu_watchdog *wd, uint32_t heartbeat,
		   uint32_t *silent_ms)
{
	uint64_t expirations, now, silent;

	if (read(wd->timer_fd, &expirations, sizeof(expirations)) < 0)
		expirations = 0;
	if (!wd->armed)
		return false;
	now = emu_clock_ns();
	if (heartbeat != wd->last_heartbeat) {
		wd->last_heartbeat = heartbeat;
		wd->last_change_ns = now;
		return false;
	}
	silent = (now - wd->last_change_ns) / NSEC_PER_MSEC;
	if (silent < wd->period_ms)
		return false;
	*silent_ms = silent > UINT32_MAX ? UINT32_MAX : (uint32_t)silent;
	watchdog_disarm(wd);
	return true;
}
