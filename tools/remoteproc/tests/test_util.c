// SPDX-License-Identifier: GPL-2.0
/*
 * Tests: reporting and time.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "test.h"

/**
 * test_check() - count a check and print its outcome
 * @st: the counters
 * @ok: whether it passed
 * @fmt: what was checked
 *
 * Return: @ok.
 */
bool test_check(struct test_stats *st, bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		st->passed++;
	else
		st->failed++;
	printf("%s - ", ok ? "ok  " : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return ok;
}

uint64_t test_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void test_sleep_ms(unsigned int ms)
{
	struct timespec ts = {
		.tv_sec = ms / 1000u,
		.tv_nsec = (long)(ms % 1000u) * 1000000L,
	};

	while (nanosleep(&ts, &ts))
		;
}
