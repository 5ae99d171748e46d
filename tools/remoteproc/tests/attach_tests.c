// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of rproc-emu-attach.elf, started by rproc-emu --preboot, with the
 * test attaching to it the way Linux does.
 *
 * Attach: the table is found through rsc_da/rsc_size, the vrings are
 * allocated in guest RAM and written into the live table, then DRIVER_OK.
 * Detach: the clean table (as it was before the attach) is copied back,
 * which drops the status to 0 and the vrings to FW_RSC_ADDR_ANY.  Then a
 * re-attach with other vrings, and re-attaches too fast for the firmware
 * to see the status drop, with the same and with other vrings: each time
 * the services must be announced again and answer on the new rings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include "rpmsg_host.h"
#include "scenarios.h"
#include "session.h"

#define RX_TIMEOUT_MS		2000
#define TX_TIMEOUT_MS		2000
#define TRACE_TIMEOUT_MS	3000
#define OUR_ADDR		1024u
#define TABLE_MAX		1024u

enum { N_SERVICES = 4 };

static const char *const services[N_SERVICES] = {
	"rpmsg-client-sample", "rpmsg-raw", "rpmsg-tty", "rpmsg-test-ctrl",
};

/**
 * struct at - state of the attach tests
 * @env: the environment
 * @s: the session, started with --preboot rproc-emu-attach.elf
 * @h: Linux's side of the rpmsg device
 * @clean: the table as the emulator loaded it
 * @rsc_size: its size
 * @addr: the services' addresses, from the first attach
 * @m: scratch message
 */
struct at {
	struct test_env *env;
	struct session s;
	struct rpmsg_host h;
	unsigned char clean[TABLE_MAX];
	uint32_t rsc_size;
	uint32_t addr[N_SERVICES];
	struct rpmsg_msg m;
};

static unsigned char *live_table(struct at *t)
{
	return t->s.local + (t->s.fw.rsc_da - IVRP_LOCAL_DA);
}

/* Play Linux's detach: the clean table goes back over the live one. */
static void detach(struct at *t)
{
	memcpy(live_table(t), t->clean, t->rsc_size);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static void attach(struct at *t, uint32_t da0, uint32_t da1)
{
	rpmsg_host_move(&t->h, da0, da1);
	rpmsg_host_ready(&t->h);
}

static unsigned int trace_count(struct at *t, const char *needle)
{
	char buf[4097];
	const char *p = buf;
	unsigned int n = 0;

	session_trace(&t->s, buf, sizeof(buf));
	while ((p = strstr(p, needle))) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* The four announcements, at the addresses of the first attach. */
static bool announced_again(struct at *t, bool first)
{
	unsigned int got = 0;

	while (got < N_SERVICES &&
	       !rpmsg_host_recv(&t->h, &t->m, RX_TIMEOUT_MS)) {
		const struct rpmsg_ns_msg *ns = (const void *)t->m.data;
		unsigned int i;

		if (t->m.dst != RPMSG_NS_ADDR || t->m.len != sizeof(*ns) ||
		    ns->flags != RPMSG_NS_CREATE ||
		    !memchr(ns->name, 0, sizeof(ns->name)))
			return false;
		for (i = 0; i < N_SERVICES; i++) {
			if (strcmp(ns->name, services[i]))
				continue;
			if (first)
				t->addr[i] = ns->addr;
			else if (t->addr[i] != ns->addr)
				return false;
			got++;
		}
	}
	return got == N_SERVICES;
}

static bool echo_ok(struct at *t, uint32_t addr, const char *text)
{
	uint32_t len = (uint32_t)strlen(text);

	if (rpmsg_host_send(&t->h, OUR_ADDR, addr, text, len, TX_TIMEOUT_MS) ||
	    rpmsg_host_recv(&t->h, &t->m, RX_TIMEOUT_MS))
		return false;
	return t->m.src == addr && t->m.dst == OUR_ADDR && t->m.len == len &&
	       !memcmp(t->m.data, text, len);
}

/* Every echo service echoes, the control service answers. */
static bool services_answer(struct at *t, const char *round)
{
	char msg[96];
	unsigned int i;

	for (i = 0; i + 1 < N_SERVICES; i++) {
		snprintf(msg, sizeof(msg), "%s to %s", round, services[i]);
		if (!echo_ok(t, t->addr[i], msg))
			return false;
	}
	if (rpmsg_host_send(&t->h, OUR_ADDR, t->addr[N_SERVICES - 1],
			    "counters", 8, TX_TIMEOUT_MS) ||
	    rpmsg_host_recv(&t->h, &t->m, RX_TIMEOUT_MS))
		return false;
	return t->m.len > 12 && !memcmp(t->m.data, "ok counters ", 12);
}

static bool setup(struct at *t, char *image, size_t size)
{
	struct test_stats *st = &t->env->st;
	struct session_args args = {
		.emu = t->env->emu, .dir = t->env->dir, .name = "attach",
		.ram = t->env->ram_path, .ram_size = TEST_RAM_SIZE,
		.watchdog_ms = TEST_WATCHDOG_MS, .preboot = image,
	};
	char err[256] = "";

	snprintf(image, size, "%s/firmware/rproc-emu-attach.elf", t->env->bindir);
	if (!CHECK(st, !session_spawn(&t->s, &args), "attach: spawn")) {
		t->s.pid = 0;
		return false;
	}
	if (!CHECK(st, !session_connect(&t->s, err, sizeof(err)),
		   "attach: connect%s%s", *err ? ": " : "", err))
		return false;
	t->rsc_size = CTRL(&t->s, rsc_size);
	if (!CHECK(st, !fw_parse_table(t->s.local, t->s.local_size,
				       CTRL(&t->s, rsc_da), t->rsc_size,
				       &t->s.fw) && t->rsc_size <= TABLE_MAX,
		   "attach: the table at rsc_da parses"))
		return false;
	memcpy(t->clean, live_table(t), t->rsc_size);
	return CHECK(st, !rpmsg_host_assign(&t->h, &t->s, t->env->ram) &&
		     session_wait_trace(&t->s, "\nheartbeat ", TRACE_TIMEOUT_MS),
		     "attach: vrings written into the live table, firmware runs");
}

static void check_first_attach(struct at *t)
{
	struct test_stats *st = &t->env->st;

	test_sleep_ms(150);
	CHECK(st, trace_count(t, "rpmsg: ready") == 0,
	      "attach: nothing happens before DRIVER_OK");
	rpmsg_host_ready(&t->h);
	CHECK(st, session_wait_trace(&t->s, "\nrpmsg: ready\nheartbeat ",
				     TRACE_TIMEOUT_MS),
	      "attach: DRIVER_OK: trace says \"rpmsg: ready\"");
	CHECK(st, announced_again(t, true),
	      "attach: the four services are announced");
	CHECK(st, services_answer(t, "first"), "attach: the services answer");
}

static void check_detach_reattach(struct at *t)
{
	struct test_stats *st = &t->env->st;
	struct fw_vring_used *old_used = t->h.rx.used;
	uint16_t old_idx;

	detach(t);
	CHECK(st, session_wait_trace(&t->s, "\nrpmsg: reset\nheartbeat ",
				     TRACE_TIMEOUT_MS),
	      "detach: clean table back: trace says \"rpmsg: reset\"");
	old_idx = __atomic_load_n(&old_used->idx, __ATOMIC_ACQUIRE);
	attach(t, RPMSG_HOST_VRING0_ALT_DA, RPMSG_HOST_VRING1_ALT_DA);
	CHECK(st, session_wait_trace(&t->s, "\nrpmsg: ready\nheartbeat ",
				     TRACE_TIMEOUT_MS) &&
	      trace_count(t, "rpmsg: ready") == 2,
	      "re-attach, new vrings: \"rpmsg: ready\" again");
	CHECK(st, announced_again(t, false),
	      "re-attach, new vrings: announced again, same addresses");
	CHECK(st, services_answer(t, "second"),
	      "re-attach, new vrings: the services answer");
	CHECK(st, __atomic_load_n(&old_used->idx, __ATOMIC_ACQUIRE) == old_idx &&
	      t->h.rx.used != old_used && t->h.rx.used->idx != 0,
	      "re-attach, new vrings: the old rings are left alone");
}

/* Detach and attach again at once: the firmware may never see status 0. */
static void check_fast_reattach(struct at *t, uint32_t da0, uint32_t da1,
				const char *what)
{
	struct test_stats *st = &t->env->st;
	unsigned int ready = trace_count(t, "rpmsg: ready");

	detach(t);
	attach(t, da0, da1);
	CHECK(st, announced_again(t, false),
	      "fast re-attach, %s: announced again", what);
	CHECK(st, services_answer(t, what), "fast re-attach, %s: the services answer",
	      what);
	CHECK(st, trace_count(t, "rpmsg: ready") == ready + 1 &&
	      CTRL(&t->s, state) == IVRP_STATE_RUNNING,
	      "fast re-attach, %s: one more \"rpmsg: ready\", still running", what);
}

/**
 * test_attach() - attach to, detach from and re-attach to a prebooted remote
 * @env: the environment
 */
void test_attach(struct test_env *env)
{
	struct at *t = calloc(1, sizeof(*t));
	char image[600];
	uint32_t result;

	if (!t)
		return;
	t->env = env;
	if (setup(t, image, sizeof(image))) {
		check_first_attach(t);
		check_detach_reattach(t);
		check_fast_reattach(t, RPMSG_HOST_VRING0_ALT_DA,
				    RPMSG_HOST_VRING1_ALT_DA, "same vrings");
		check_fast_reattach(t, RPMSG_HOST_VRING0_DA, RPMSG_HOST_VRING1_DA,
				    "other vrings");
		CHECK(&env->st, !file_contains(t->s.errlog, "crash:") &&
		      session_command(&t->s, IVRP_CMD_STOP, 0, &result) == 0,
		      "attach: no crash on the way, stopped");
	}
	session_destroy(&t->s);
	free(t);
}
