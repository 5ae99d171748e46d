// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of the chaos firmware (rproc-emu-chaos.elf), with the test as Linux.
 *
 * For each of a few seeds: a fresh emulator runs the image, the test
 * brings the rpmsg device up (rpmsg_host.c), arms the engine through the
 * control service with every kind of corruption but the crash and the
 * hang, and sends echo traffic for a while, tolerating whatever comes back.
 * The firmware itself must survive its own corruptions: no crash of the
 * core, the heartbeat still moving, and its trace must show the seed, the
 * numbered corruptions and the status line.  Then the control service's
 * argument checks, and a crash on purpose, reported as a fault.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include "rpmsg_host.h"
#include "scenarios.h"
#include "session.h"

#define CHAOS_SEEDS		8u
#define CHAOS_TRAFFIC_MS	1500u
#define CHAOS_TRACE_SIZE	65537
#define CHAOS_OUR_ADDR		1024u
#define CHAOS_TIMEOUT_MS	2000u

/**
 * struct ct - state of one chaos session
 * @env: the environment
 * @s: the session
 * @h: Linux's side of the device
 * @raw: address of rpmsg-raw
 * @ctrl: address of rpmsg-test-ctrl
 * @m: scratch message
 * @trace: the trace buffer's text
 */
struct ct {
	struct test_env *env;
	struct session s;
	struct rpmsg_host h;
	uint32_t raw;
	uint32_t ctrl;
	struct rpmsg_msg m;
	char trace[CHAOS_TRACE_SIZE];
};

/* Spawn, load, start, bring the device up, learn the two addresses. */
static bool chaos_start(struct ct *t, const char *name)
{
	struct session_args args = {
		.emu = t->env->emu, .dir = t->env->dir, .name = name,
		.ram = t->env->ram_path, .ram_size = TEST_RAM_SIZE,
		.watchdog_ms = TEST_WATCHDOG_MS,
	};
	char path[600], err[256] = "";
	uint32_t result = UINT32_MAX;
	uint64_t deadline;

	snprintf(path, sizeof(path), "%s/firmware/rproc-emu-chaos.elf",
		 t->env->bindir);
	memset(&t->s, 0, sizeof(t->s));
	memset(&t->h, 0, sizeof(t->h));
	if (session_spawn(&t->s, &args) ||
	    session_connect(&t->s, err, sizeof(err)) ||
	    session_load(&t->s, path, err, sizeof(err)) ||
	    rpmsg_host_assign(&t->h, &t->s, t->env->ram))
		return false;
	session_command(&t->s, IVRP_CMD_START, t->s.fw.entry, &result);
	if (result != IVRP_OK)
		return false;
	rpmsg_host_ready(&t->h);
	t->raw = t->ctrl = 0;
	deadline = test_now_ms() + CHAOS_TIMEOUT_MS;
	while ((!t->raw || !t->ctrl) && test_now_ms() < deadline &&
	       !rpmsg_host_recv(&t->h, &t->m, CHAOS_TIMEOUT_MS)) {
		const struct rpmsg_ns_msg *ns = (const void *)t->m.data;

		if (t->m.dst != RPMSG_NS_ADDR || t->m.len != sizeof(*ns))
			continue;
		if (!strcmp(ns->name, "rpmsg-raw"))
			t->raw = ns->addr;
		if (!strcmp(ns->name, "rpmsg-test-ctrl"))
			t->ctrl = ns->addr;
	}
	return t->raw && t->ctrl;
}

/* A command to the control service; its reply (NUL-terminated) in t->m. */
static bool chaos_ctrl(struct ct *t, const char *cmd)
{
	uint64_t deadline = test_now_ms() + CHAOS_TIMEOUT_MS;

	if (rpmsg_host_send(&t->h, CHAOS_OUR_ADDR, t->ctrl, cmd,
			    (uint32_t)strlen(cmd), CHAOS_TIMEOUT_MS))
		return false;
	while (test_now_ms() < deadline) {
		if (rpmsg_host_recv(&t->h, &t->m, CHAOS_TIMEOUT_MS))
			return false;
		if (t->m.src != t->ctrl || t->m.dst != CHAOS_OUR_ADDR)
			continue;
		t->m.data[t->m.len < RPMSG_BUF_SIZE ? t->m.len :
			  RPMSG_BUF_SIZE - 1] = '\0';
		return true;
	}
	return false;
}

static bool reply_starts(struct ct *t, const char *cmd, const char *want)
{
	return chaos_ctrl(t, cmd) &&
	       !strncmp((char *)t->m.data, want, strlen(want));
}

/* Echo traffic for @ms, whatever comes back. */
static unsigned int chaos_traffic(struct ct *t, unsigned int ms)
{
	uint64_t end = test_now_ms() + ms;
	unsigned char buf[RPMSG_HOST_MTU];
	unsigned int sent = 0;

	while (test_now_ms() < end) {
		uint32_t len = 1 + sent % RPMSG_HOST_MTU;

		memset(buf, (int)sent, len);
		if (!rpmsg_host_send(&t->h, CHAOS_OUR_ADDR, t->raw, buf, len, 50))
			sent++;
		while (!rpmsg_host_recv(&t->h, &t->m, 5))
			;
	}
	return sent;
}

static void chaos_seed(struct test_env *env, struct ct *t, unsigned int seed)
{
	struct test_stats *st = &env->st;
	char cmd[128], name[32], want[64];
	long beat;
	bool up;

	snprintf(name, sizeof(name), "chaos-%u", seed);
	up = chaos_start(t, name);
	if (!CHECK(st, up, "chaos %u: firmware up, services announced", seed))
		goto out;
	snprintf(cmd, sizeof(cmd), "chaos %u 100 200 skip=crash,hang", seed);
	snprintf(want, sizeof(want), "ok chaos seed=%u rate=100 events=200", seed);
	CHECK(st, reply_starts(t, cmd, want), "chaos %u: \"%s\" armed", seed, cmd);
	chaos_traffic(t, CHAOS_TRAFFIC_MS);
	session_trace(&t->s, t->trace, sizeof(t->trace));
	snprintf(want, sizeof(want), "chaos: armed seed=%u rate=100 events=200", seed);
	CHECK(st, strstr(t->trace, want) && strstr(t->trace, "\nchaos 1: ") &&
	      strstr(t->trace, "\nchaos: seed="),
	      "chaos %u: trace has the seed, the corruptions, the status line",
	      seed);
	beat = session_heartbeat_line(&t->s);
	CHECK(st, !file_contains(t->s.errlog, "crash:") &&
	      session_wait_heartbeat_past(&t->s, beat, 1000),
	      "chaos %u: the firmware survived its own corruptions", seed);
out:
	session_destroy(&t->s);
}

static void chaos_commands(struct ct *t)
{
	struct test_stats *st = &t->env->st;
	uint64_t deadline;
	bool crashed;

	if (!CHECK(st, chaos_start(t, "chaos-cmds"), "chaos: firmware up"))
		goto out;
	CHECK(st, reply_starts(t, "chaos 1 0 5", "err chaos: usage") &&
	      reply_starts(t, "chaos 1 1001 5", "err chaos: usage") &&
	      reply_starts(t, "chaos 1 5 0", "err chaos: usage") &&
	      reply_starts(t, "chaos 1 5 5 skip=bogus", "err chaos: usage") &&
	      reply_starts(t, "chaos 1 5 5 junk", "err chaos: usage") &&
	      reply_starts(t, "chaos x", "err chaos: usage"),
	      "chaos: bad arguments: err chaos: usage ...");
	CHECK(st, reply_starts(t, "chaos status", "ok chaos seed=0 rate=0 done=0/0 hard=0 first-hard=0 off") &&
	      reply_starts(t, "chaos 7 1 5 skip=crash,hang with=desc-next", "ok chaos seed=7 rate=1 events=5") &&
	      reply_starts(t, "chaos off", "ok chaos off done="),
	      "chaos: status, arm with options, off");
	/* Every opportunity, one corruption, which can only be the crash. */
	CHECK(st, reply_starts(t, "chaos 9 1000 1 only=crash",
			       "ok chaos seed=9 rate=1000 events=1"),
	      "chaos: armed for a crash");
	deadline = test_now_ms() + 3000;
	while (!(crashed = file_contains(t->s.errlog, "crash: fault")) &&
	       test_now_ms() < deadline)
		test_sleep_ms(10);
	CHECK(st, crashed, "chaos: the crash kind faults the core");
	session_trace(&t->s, t->trace, sizeof(t->trace));
	CHECK(st, strstr(t->trace, "\nchaos 1: crash SIGSEGV now (hard)\n") != NULL,
	      "chaos: the crash is in the trace before it happens");
out:
	session_destroy(&t->s);
}

/**
 * test_chaos() - the chaos firmware survives itself and says what it did
 * @env: the environment
 */
void test_chaos(struct test_env *env)
{
	struct ct *t = calloc(1, sizeof(*t));

	if (!t)
		return;
	t->env = env;
	for (unsigned int seed = 1; seed <= CHAOS_SEEDS; seed++)
		chaos_seed(env, t, seed);
	chaos_commands(t);
	free(t);
}
