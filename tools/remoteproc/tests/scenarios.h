/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tests of rproc-emu: the scenarios.
 */
#ifndef SCENARIOS_H
#define SCENARIOS_H

#include "test.h"

/**
 * struct test_env - what all scenarios share
 * @st: the counters
 * @bindir: the build output (O=): rproc-emu, firmware/, tests/fw/
 * @dir: scratch directory for sockets, logs and the RAM file
 * @emu: path of rproc-emu
 * @ram_path: the guest RAM file, %TEST_RAM_SIZE bytes
 * @ram: the guest RAM file, mapped
 */
struct test_env {
	struct test_stats st;
	const char *bindir;
	char dir[256];
	char emu[512];
	char ram_path[512];
	unsigned char *ram;
};

void test_cli(struct test_env *env);
void test_main_session(struct test_env *env);
void test_sigterm(struct test_env *env);
void test_ram_too_small(struct test_env *env);
void test_rpmsg(struct test_env *env);
void test_preboot(struct test_env *env);
void test_attach(struct test_env *env);
void test_chaos(struct test_env *env);

#endif /* SCENARIOS_H */
