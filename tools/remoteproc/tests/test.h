/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tests of the rproc-emu tools: common definitions.
 */
#ifndef RPROC_TEST_H
#define RPROC_TEST_H

#include <stdbool.h>
#include <stdint.h>

/* The platform the tests build (test firmware relies on it too). */
#define TEST_RAM_SIZE		(16u << 20)
#define TEST_LOCAL_SIZE		(64u << 20)
#define TEST_WATCHDOG_MS	500u
#define TEST_CARVEOUT_DA	0x00100000u	/* in guest RAM */
#define TEST_HWCHECK_MARK_DA	0x00200000u	/* hwcheck writes a marker */
#define TEST_HWCHECK_MARK	0x600dc0deu

#ifndef TEST_FIRMWARE	/* the rest is for the host side only */

#include <stdio.h>

/**
 * struct test_stats - results so far
 * @passed: checks that passed
 * @failed: checks that failed
 */
struct test_stats {
	unsigned int passed;
	unsigned int failed;
};

bool test_check(struct test_stats *st, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* CHECK(stats, condition, "what is checked", ...): count and report. */
#define CHECK(st, cond, ...)	test_check((st), (cond), __VA_ARGS__)

uint64_t test_now_ms(void);
void test_sleep_ms(unsigned int ms);

#endif /* TEST_FIRMWARE */
#endif /* RPROC_TEST_H */
