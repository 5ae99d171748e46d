// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of the default firmware's rpmsg side, with the test as Linux.
 *
 * One emulator runs rproc-emu-fw.elf; the test allocates the vrings and
 * buffers in the guest RAM file (rpmsg_host.c) and talks to the services:
 * name-service announcements at DRIVER_OK, echo, the control service's
 * commands and misbehaviour triggers, bad input towards the firmware, a
 * reset, and finally a crash on command.
 */
#include <signal.h>
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
#define FLOOD_N			2000u
#define ROUND_TRIPS		1000u
#define FLOOD_SIZE		RPMSG_HOST_MTU
#define BANNER		"rproc-emu-fw: booted, table ver 1, carveout da 0x100000 len 0x10000\ncarveout ok\n"
#define SCRATCH_DA		0x00600000u	/* guest RAM, unused */

enum { N_SERVICES = 4 };

static const char *const services[N_SERVICES] = {
	"rpmsg-client-sample", "rpmsg-raw", "rpmsg-tty", "rpmsg-test-ctrl",
};

/**
 * struct rt - state of the rpmsg tests
 * @env: the environment
 * @s: the session
 * @h: Linux's side of the device
 * @addr: the services' addresses, from their announcements (0: unknown)
 * @m: scratch message
 */
struct rt {
	struct test_env *env;
	struct session s;
	struct rpmsg_host h;
	uint32_t addr[N_SERVICES];
	struct rpmsg_msg m;
};

static uint32_t ctrl_addr(const struct rt *t)
{
	return t->addr[N_SERVICES - 1];
}

/* Wait for the next message; NUL-terminate its text in t->m.data. */
static bool recv_msg(struct rt *t)
{
	if (rpmsg_host_recv(&t->h, &t->m, RX_TIMEOUT_MS))
		return false;
	t->m.data[t->m.len < RPMSG_BUF_SIZE ? t->m.len : RPMSG_BUF_SIZE - 1] = 0;
	return true;
}

static bool is_ns(const struct rpmsg_msg *m)
{
	return m->dst == RPMSG_NS_ADDR;
}

static const struct rpmsg_ns_msg *ns_of(const struct rpmsg_msg *m)
{
	return (const struct rpmsg_ns_msg *)m->data;
}

/* Collect announcements until all services are known; count them. */
static unsigned int recv_announcements(struct rt *t, unsigned int *bad)
{
	unsigned int got = 0, i;

	*bad = 0;
	while (got < N_SERVICES && recv_msg(t)) {
		const struct rpmsg_ns_msg *ns = ns_of(&t->m);

		if (!is_ns(&t->m) || t->m.len != sizeof(*ns) ||
		    ns->flags != RPMSG_NS_CREATE || ns->addr != t->m.src ||
		    !memchr(ns->name, 0, sizeof(ns->name))) {
			(*bad)++;
			continue;
		}
		for (i = 0; i < N_SERVICES; i++)
			if (!strcmp(ns->name, services[i])) {
				t->addr[i] = ns->addr;
				got++;
			}
	}
	return got;
}

/* Send a command to the control service; wait for its reply in t->m. */
static bool ctrl(struct rt *t, const char *cmd)
{
	if (rpmsg_host_send(&t->h, OUR_ADDR, ctrl_addr(t), cmd,
			    (uint32_t)strlen(cmd), TX_TIMEOUT_MS))
		return false;
	if (!recv_msg(t))
		return false;
	/* An announcement comes from the endpoint it announces. */
	return is_ns(&t->m) ||
	       (t->m.src == ctrl_addr(t) && t->m.dst == OUR_ADDR);
}

static bool reply_is(struct rt *t, const char *cmd, const char *want)
{
	return ctrl(t, cmd) && !strcmp((char *)t->m.data, want);
}

static bool echo_ok(struct rt *t, uint32_t addr, const void *data,
		    uint32_t len)
{
	if (rpmsg_host_send(&t->h, OUR_ADDR, addr, data, len, TX_TIMEOUT_MS) ||
	    !recv_msg(t))
		return false;
	return t->m.src == addr && t->m.dst == OUR_ADDR && t->m.len == len &&
	       !memcmp(t->m.data, data, len);
}

static void check_table(struct rt *t)
{
	struct test_stats *st = &t->env->st;
	const struct fw_rsc_vdev *v;

	if (!CHECK(st, t->s.fw.vdev_da != 0, "rpmsg: the image has a vdev entry"))
		return;
	v = (const struct fw_rsc_vdev *)(t->s.local +
					 (t->s.fw.vdev_da - IVRP_LOCAL_DA));
	CHECK(st, v->id == VIRTIO_ID_RPMSG && v->notifyid == 0 &&
	      v->dfeatures == 1u << VIRTIO_RPMSG_F_NS && v->gfeatures == 0 &&
	      v->config_len == 0 && v->status == 0 && v->num_of_vrings == 2 &&
	      !v->reserved[0] && !v->reserved[1],
	      "rpmsg: vdev id 7, features NS, 2 vrings, no config");
	CHECK(st, v->vring[0].da == (uint32_t)FW_RSC_ADDR_ANY &&
	      v->vring[1].da == (uint32_t)FW_RSC_ADDR_ANY &&
	      v->vring[0].align == 4096 && v->vring[1].align == 4096 &&
	      v->vring[0].num == 256 && v->vring[1].num == 256 &&
	      v->vring[0].notifyid == 0 && v->vring[1].notifyid == 1 &&
	      v->vring[0].pa == 0 && v->vring[1].pa == 0,
	      "rpmsg: vrings da ANY, align 4096, num 256, notify ids 0 and 1");
	CHECK(st, (t->s.fw.vdev_da - 4 - t->s.fw.rsc_da) % 4 == 0 &&
	      t->s.fw.vdev_da + sizeof(*v) + 2 * sizeof(v->vring[0]) <=
	      t->s.fw.rsc_da + t->s.fw.rsc_size,
	      "rpmsg: vdev entry 4-aligned, inside the table");
}

static bool start(struct rt *t)
{
	struct test_stats *st = &t->env->st;
	char path[600], err[256] = "";
	uint32_t result = UINT32_MAX;

	snprintf(path, sizeof(path), "%s/firmware/rproc-emu-fw.elf",
		 t->env->bindir);
	if (!CHECK(st, !session_load(&t->s, path, err, sizeof(err)),
		   "rpmsg: load%s%s", *err ? ": " : "", err))
		return false;
	check_table(t);
	if (!CHECK(st, !rpmsg_host_assign(&t->h, &t->s, t->env->ram),
		   "rpmsg: vrings assigned"))
		return false;
	session_command(&t->s, IVRP_CMD_START, t->s.fw.entry, &result);
	return CHECK(st, result == IVRP_OK, "rpmsg: START acknowledged with OK (got %u)", result);
}

static void check_bringup(struct rt *t)
{
	struct test_stats *st = &t->env->st;
	unsigned int bad = 0, i;
	bool all = true;

	CHECK(st, session_wait_trace(&t->s, "\nheartbeat ", TRACE_TIMEOUT_MS),
	      "rpmsg: firmware runs");
	session_wait_vector(&t->s, IVRP_VEC_VRING, 0);
	session_ring(&t->s, IVRP_VEC_VRING);
	CHECK(st, session_wait_vector(&t->s, IVRP_VEC_VRING, 2000),
	      "rpmsg: before DRIVER_OK a kick is answered with a kick");
	test_sleep_ms(150);
	CHECK(st, !session_wait_trace(&t->s, "rpmsg: ready", 0) &&
	      !t->h.rx.used,
	      "rpmsg: nothing happens before DRIVER_OK");
	rpmsg_host_ready(&t->h);
	CHECK(st, session_wait_trace(&t->s, "\nrpmsg: ready\nheartbeat ",
				     TRACE_TIMEOUT_MS),
	      "rpmsg: trace says \"rpmsg: ready\" above the heartbeat");
	CHECK(st, recv_announcements(t, &bad) == N_SERVICES && !bad,
	      "rpmsg: the four services are announced (%u bad)", bad);
	for (i = 0; i < N_SERVICES; i++)
		all = all && t->addr[i] >= RPMSG_RESERVED_ADDRESSES;
	CHECK(st, all, "rpmsg: service addresses are 1024 and up");
	CHECK(st, session_wait_trace(&t->s, BANNER, 0),
	      "rpmsg: the banner lines are unchanged");
}

static void check_echo(struct rt *t)
{
	struct test_stats *st = &t->env->st;
	unsigned char buf[RPMSG_HOST_MTU];
	uint32_t size, i;
	bool ok = true;

	for (i = 0; i + 1 < N_SERVICES; i++) {
		char msg[64];

		snprintf(msg, sizeof(msg), "hello %s", services[i]);
		CHECK(st, echo_ok(t, t->addr[i], msg, (uint32_t)strlen(msg)),
		      "rpmsg: %s echoes", services[i]);
	}
	for (size = 1; size <= RPMSG_HOST_MTU && ok; size++) {
		for (i = 0; i < size; i++)
			buf[i] = (unsigned char)(size * 7 + i);
		ok = echo_ok(t, t->addr[1], buf, size);
	}
	if (ok)
		CHECK(st, ok, "rpmsg: rpmsg-raw echoes every size 1..%zu, contents ok",
		      RPMSG_HOST_MTU);
	else
		CHECK(st, ok, "rpmsg: rpmsg-raw echoes every size: failed at %u",
		      size - 1);
}

/* Round trips through rpmsg-raw: all must come back; report the mean. */
static void check_round_trips(struct rt *t)
{
	struct test_stats *st = &t->env->st;
	uint64_t t0 = test_now_ms();
	unsigned int i;
	bool ok = true;

	for (i = 0; i < ROUND_TRIPS && ok; i++)
		ok = echo_ok(t, t->addr[1], &i, sizeof(i));
	CHECK(st, ok, "rpmsg: %u round trips of 4 bytes, %llu us each on average",
	      ROUND_TRIPS,
	      (unsigned long long)((test_now_ms() - t0) * 1000 / ROUND_TRIPS));
}

static bool read_counters(struct rt *t, unsigned int *rx, unsigned int *tx,
			  unsigned int *dropped)
{
	return ctrl(t, "counters") &&
	       sscanf((char *)t->m.data, "ok counters rx=%u tx=%u dropped=%u",
		      rx, tx, dropped) == 3;
}

static void check_flood(struct rt *t)
{
	struct test_stats *st = &t->env->st;
	char cmd[64], want[80];
	uint64_t t0;
	uint32_t n, i;
	bool ok = true;

	snprintf(cmd, sizeof(cmd), "flood %u %zu", FLOOD_N, FLOOD_SIZE);
	snprintf(want, sizeof(want), "ok %s", cmd);
	if (!CHECK(st, reply_is(t, cmd, want), "ctrl: \"%s\": \"%s\"", cmd, want))
		return;
	t0 = test_now_ms();
	for (n = 0; n < FLOOD_N && ok; n++) {
		ok = recv_msg(t) && t->m.len == FLOOD_SIZE &&
		     t->m.src == ctrl_addr(t) && t->m.dst == OUR_ADDR;
		for (i = 0; ok && i < FLOOD_SIZE; i++)
			ok = t->m.data[i] == (unsigned char)(n + i);
	}
	CHECK(st, ok, "ctrl: flood: %u messages of %zu bytes, pattern ok (%llu ms)",
	      FLOOD_N, FLOOD_SIZE,
	      (unsigned long long)(test_now_ms() - t0));
	CHECK(st, reply_is(t, "flood 1 0", "err flood: usage flood <n<=1000000> <1..496>") &&
	      reply_is(t, "flood 1 497", "err flood: usage flood <n<=1000000> <1..496>") &&
	      reply_is(t, "flood x", "err flood: usage flood <n<=1000000> <1..496>"),
	      "ctrl: flood with bad arguments: err");
}

static void check_ctrl(struct rt *t)
{
	struct test_stats *st = &t->env->st;
	unsigned int rx = 0, tx = 0, dropped = 0, rx2, tx2, dropped2;
	const struct rpmsg_ns_msg *ns = ns_of(&t->m);
	uint32_t foo = 0;

	bool ok = read_counters(t, &rx, &tx, &dropped);

	CHECK(st, ok && rx >= 499 && tx >= 499 && dropped == 0,
	      "ctrl: counters: \"%s\"", (char *)t->m.data);
	CHECK(st, reply_is(t, "bogus", "err unknown command") &&
	      reply_is(t, "counters now", "err unknown command"),
	      "ctrl: unknown command: err");
	CHECK(st, !rpmsg_host_send(&t->h, OUR_ADDR, 5000, "x", 1, TX_TIMEOUT_MS) &&
	      read_counters(t, &rx2, &tx2, &dropped2) && dropped2 == dropped + 1 &&
	      rx2 == rx + 3,
	      "ctrl: a message to an unknown address is dropped and counted");
	CHECK(st, ctrl(t, "announce foo") && is_ns(&t->m) &&
	      t->m.len == sizeof(*ns) && !strcmp(ns->name, "foo") &&
	      ns->flags == RPMSG_NS_CREATE && (foo = ns->addr) &&
	      recv_msg(t) && sscanf((char *)t->m.data, "ok announce foo %u",
				    &foo) == 1 && foo == ns_of(&t->m)->addr,
	      "ctrl: announce foo: NS create, then \"ok announce foo <addr>\"");
	foo = 0;
	CHECK(st, ctrl(t, "announce bar") && is_ns(&t->m) &&
	      (foo = ns->addr) && recv_msg(t) &&
	      echo_ok(t, foo, "to bar", 6), "ctrl: the new endpoint echoes");
	CHECK(st, reply_is(t, "announce bar", "err announce: bar exists"),
	      "ctrl: announce twice: err");
	CHECK(st, ctrl(t, "destroy bar") && is_ns(&t->m) &&
	      !strcmp(ns->name, "bar") && ns->flags == RPMSG_NS_DESTROY &&
	      ns->addr == foo && recv_msg(t) &&
	      !strcmp((char *)t->m.data, "ok destroy bar"),
	      "ctrl: destroy bar: NS destroy, then \"ok destroy bar\"");
	CHECK(st, reply_is(t, "destroy bar", "err destroy: no bar") &&
	      reply_is(t, "destroy rpmsg-test-ctrl", "err destroy: not myself"),
	      "ctrl: destroy unknown or self: err");
	CHECK(st, reply_is(t, "announce ", "err announce: bad name") &&
	      reply_is(t, "announce 0123456789012345678901234567890123",
		       "err announce: bad name"),
	      "ctrl: announce bad names: err");
	check_flood(t);
}

/* Send a trigger; expect "ok <cmd>" then one message the host refuses. */
static void check_trigger(struct rt *t, const char *cmd, unsigned int *counter,
			  const char *what)
{
	struct test_stats *st = &t->env->st;
	char want[96];
	unsigned int before = *counter;

	snprintf(want, sizeof(want), "ok %s", cmd);
	CHECK(st, reply_is(t, cmd, want) &&
	      rpmsg_host_recv(&t->h, &t->m, 300) && *counter == before + 1,
	      "misbehave: %s: %s", cmd, what);
}

/* Send a trigger; expect "ok <cmd>" then a message checked by @ok. */
static bool trigger_then(struct rt *t, const char *cmd)
{
	char want[96];

	snprintf(want, sizeof(want), "ok %s", cmd);
	return reply_is(t, cmd, want) && recv_msg(t);
}

static void check_misbehaviour(struct rt *t)
{
	struct test_stats *st = &t->env->st;
	const struct rpmsg_ns_msg *ns = ns_of(&t->m);
	unsigned int i, n = 0;

	check_trigger(t, "bad-used-len", &t->h.bad.used_len,
		      "used len shorter than a header");
	check_trigger(t, "short-len", &t->h.bad.hdr_len,
		      "header len beyond the used len");
	check_trigger(t, "hdr-len-too-big", &t->h.bad.hdr_len,
		      "header len beyond the buffer");
	CHECK(st, trigger_then(t, "unknown-dst") && t->m.dst == 0x7fff0000u &&
	      t->m.len == 6, "misbehave: unknown-dst: a message to 0x7fff0000");
	CHECK(st, trigger_then(t, "ns-wrong-size") && is_ns(&t->m) &&
	      t->m.len == 36, "misbehave: ns-wrong-size: a 36-byte NS message");
	CHECK(st, trigger_then(t, "ns-unterminated") && is_ns(&t->m) &&
	      t->m.len == 40 && !memchr(ns->name, 0, sizeof(ns->name)) &&
	      ns->flags == RPMSG_NS_CREATE,
	      "misbehave: ns-unterminated: NS create without a NUL");
	CHECK(st, trigger_then(t, "ns-destroy-unknown") && is_ns(&t->m) &&
	      t->m.len == 40 && ns->flags == RPMSG_NS_DESTROY &&
	      !strcmp(ns->name, "ns-never-announced"),
	      "misbehave: ns-destroy-unknown: NS destroy of a stranger");
	if (trigger_then(t, "ns-flood 100"))
		for (n = 1, i = 1; i < 100 && recv_msg(t); i++)
			n += is_ns(&t->m) && ns->flags == RPMSG_NS_CREATE;
	CHECK(st, n == 100, "misbehave: ns-flood 100: 100 NS creates (%u)", n);
	n = 0;
	if (trigger_then(t, "ns-unflood 100"))
		for (n = 1, i = 1; i < 100 && recv_msg(t); i++)
			n += is_ns(&t->m) && ns->flags == RPMSG_NS_DESTROY;
	CHECK(st, n == 100, "misbehave: ns-unflood 100: 100 NS destroys (%u)", n);
	CHECK(st, reply_is(t, "ns-flood 1025",
			   "err ns-flood: usage ns-flood <n<=1024>"),
	      "misbehave: ns-flood too many: err");
	CHECK(st, echo_ok(t, t->addr[1], "still", 5),
	      "misbehave: the services still work");
}

/* Bad input from "Linux": the firmware drops it and keeps going. */
static void check_bad_input(struct rt *t)
{
	struct test_stats *st = &t->env->st;
	unsigned int rx, tx, dropped, rx2, tx2, dropped2;
	struct rpmsg_hdr hdr = { .src = OUR_ADDR, .dst = 0, .len = 600 };
	bool ok;

	if (!read_counters(t, &rx, &tx, &dropped))
		return;
	hdr.dst = t->addr[1];
	memcpy(t->env->ram + SCRATCH_DA, &hdr, sizeof(hdr));
	/* header length beyond the buffer */
	rpmsg_host_post_raw(&t->h, SCRATCH_DA, RPMSG_BUF_SIZE, 0);
	rpmsg_host_post_raw(&t->h, SCRATCH_DA, 8, 0);		/* too short */
	rpmsg_host_post_raw(&t->h, TEST_RAM_SIZE - 256, 512, 0); /* past RAM */
	rpmsg_host_post_raw(&t->h, SCRATCH_DA, 16,
			    FW_VRING_DESC_F_NEXT);		/* a chain */
	CHECK(st, rpmsg_host_recv(&t->h, &t->m, 200),
	      "bad input: nothing comes back");
	ok = read_counters(t, &rx2, &tx2, &dropped2);
	CHECK(st, ok && dropped2 == dropped + 2,
	      "bad input: short or lying buffers are dropped (dropped %u, then \"%s\")",
	      dropped, (char *)t->m.data);
	CHECK(st, echo_ok(t, t->addr[2], "alive", 5) &&
	      CTRL(&t->s, state) == IVRP_STATE_RUNNING,
	      "bad input: the firmware still runs and echoes");
}

static void check_reset(struct rt *t)
{
	struct test_stats *st = &t->env->st;
	unsigned int bad = 0;
	uint32_t old[N_SERVICES];

	memcpy(old, t->addr, sizeof(old));
	rpmsg_host_reset(&t->h);
	CHECK(st, session_wait_trace(&t->s, "\nrpmsg: reset\nheartbeat ",
				     TRACE_TIMEOUT_MS),
	      "reset: trace says \"rpmsg: reset\"");
	memset(t->addr, 0, sizeof(t->addr));
	rpmsg_host_ready(&t->h);
	CHECK(st, session_wait_trace(&t->s, "\nrpmsg: ready\nheartbeat ",
				     TRACE_TIMEOUT_MS) &&
	      recv_announcements(t, &bad) == N_SERVICES &&
	      !memcmp(old, t->addr, sizeof(old)),
	      "reset: DRIVER_OK again: the services are announced again");
	/* "foo" from check_ctrl is still there and is announced too. */
	CHECK(st, recv_msg(t) && is_ns(&t->m) &&
	      !strcmp(ns_of(&t->m)->name, "foo"),
	      "reset: the extra endpoint is announced again");
	CHECK(st, echo_ok(t, t->addr[0], "again", 5), "reset: echo works again");
}

static void check_broken_ring(struct rt *t)
{
	struct test_stats *st = &t->env->st;

	rpmsg_host_bump_avail(&t->h, RPMSG_HOST_NUM + 1);
	CHECK(st, session_wait_trace(&t->s, "\nrpmsg: bad vrings\nheartbeat ",
				     TRACE_TIMEOUT_MS) &&
	      CTRL(&t->s, state) == IVRP_STATE_RUNNING,
	      "broken ring: avail index past the ring: firmware lets go of the rings, runs on");
	rpmsg_host_reset(&t->h);
	test_sleep_ms(150);
	rpmsg_host_ready(&t->h);
	memset(t->addr, 0, sizeof(t->addr));
	{
		unsigned int bad = 0;

		CHECK(st, recv_announcements(t, &bad) == N_SERVICES &&
		      recv_msg(t) && echo_ok(t, t->addr[1], "back", 4),
		      "broken ring: a reset brings it back");
	}
}

static void check_bad_used_id_and_crash(struct rt *t)
{
	struct test_stats *st = &t->env->st;
	uint32_t result;

	check_trigger(t, "bad-used-id", &t->h.bad.used_id,
		      "used id out of range");
	session_wait_vector(&t->s, IVRP_VEC_CRASH, 0);
	CHECK(st, reply_is(t, "crash", "ok crash") &&
	      session_wait_vector(&t->s, IVRP_VEC_CRASH, 3000) &&
	      CTRL(&t->s, crash_reason) == IVRP_CRASH_FAULT &&
	      CTRL(&t->s, crash_detail) == SIGSEGV,
	      "ctrl: crash: \"ok crash\", then a fault");
	session_command(&t->s, IVRP_CMD_STOP, 0, &result);
}

/**
 * test_rpmsg() - the default firmware's rpmsg services, end to end
 * @env: the environment
 */
void test_rpmsg(struct test_env *env)
{
	struct session_args args = {
		.emu = env->emu, .dir = env->dir, .name = "rpmsg",
		.ram = env->ram_path, .ram_size = TEST_RAM_SIZE,
		.watchdog_ms = TEST_WATCHDOG_MS,
	};
	struct rt *t = calloc(1, sizeof(*t));
	char err[256] = "";

	if (!t)
		return;
	t->env = env;
	if (CHECK(&env->st, !session_spawn(&t->s, &args), "rpmsg: spawn") &&
	    CHECK(&env->st, !session_connect(&t->s, err, sizeof(err)),
		  "rpmsg: connect%s%s", *err ? ": " : "", err) &&
	    start(t)) {
		check_bringup(t);
		check_echo(t);
		check_round_trips(t);
		check_ctrl(t);
		check_misbehaviour(t);
		check_bad_input(t);
		check_reset(t);
		check_broken_ring(t);
		check_bad_used_id_and_crash(t);
		CHECK(&env->st, !file_contains(t->s.errlog, "crash: watchdog"),
		      "rpmsg: no watchdog expiry on the way");
	}
	session_destroy(&t->s);
	free(t);
}
