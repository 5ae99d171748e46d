// SPDX-License-Identifier: BSD-3-Clause
/*
 * The chaos firmware's misbehaviour engine.  See chaos.h.
 *
 * Control (the "rpmsg-test-ctrl" service; one reply each):
 *
 *	chaos <seed> <rate> <events> [skip=<kind>,...] [with=<kind>,...]
 *	      [only=<kind>,...]
 *		ok chaos seed=<seed> rate=<rate> events=<events>
 *		Arm: at every opportunity, with a chance of <rate> per mille
 *		(1..1000), make one corruption, until <events> were made.
 *		skip= leaves kinds out, with= adds kinds that are off by
 *		default, only= leaves out all others.  Arming again starts a
 *		new run.
 *	chaos off	ok chaos off done=<n>: disarm, stop rewriting the
 *			status byte
 *	chaos status	ok chaos <the status line>
 *
 * Opportunities: each message an echo service sends back (the kinds
 * marked "echo" below corrupt that message), and each pass of the main
 * loop, at least every 10 ms while armed (the other kinds).  Three
 * generators derive from the seed: one decides when, one picks the echo
 * corruptions, one the others, so that a seed always gives the same
 * sequence of corruptions of each sort; only their interleaving and their
 * timing depend on the traffic.
 *
 * Trace, one line per corruption (and in the emulator's log):
 *
 *	chaos: armed seed=<seed> rate=<rate> events=<n> skip=<...> with=<...>
 *	chaos <i>: <kind> <what exactly>[ (hard)]
 *	chaos: done <n> events
 *
 * and the status line, rewritten under the heartbeat line:
 *
 *	chaos: seed=<s> rate=<r> done=<d>/<n> hard=<h> first-hard=<i>
 *	       expect rx_short=<a> rx_oversize=<b> rx_bad_len=<c>
 *	       rx_unknown_dst=<d> ns=<e> (armed|off)	(one line)
 *
 * "expect" counts the corruptions Linux must have counted (virtio-rpmsg
 * debugfs stats, name-service counters), among those made before the
 * first "hard" one: a hard corruption (a used-ring id out of range, a
 * crash, a status byte the remote keeps writing...) may stop Linux from
 * looking at anything that follows.  When the trace buffer is nearly full,
 * the event lines go to the emulator's log only.
 *
 * Only memory a remote may write is written: its own resource table,
 * trace and config space, the used rings, the avail index, the descriptor
 * and the contents of buffers it holds.  Table fields the firmware's own
 * rpmsg library would follow into guest memory (vring da, num, align) are
 * corrupted for a moment only and restored before the library looks.
 */
#include <stddef.h>
#include <stdint.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include <fw/compiler.h>
#include <fw/format.h>
#include <fw/rsc.h>
#include <fw/string.h>

#include "chaos.h"
#include "services.h"

#define FW_CHAOS_LINE_MAX	240
#define FW_CHAOS_TRACE_SLACK	1024	/* kept free for the status lines */
#define FW_CHAOS_MAX_RATE	1000u
#define FW_CHAOS_MAX_EVENTS	10000000u
#define FW_CHAOS_UNKNOWN_BASE	0x7fff0000u
#define FW_CHAOS_FAULT_ADDR	0x18u
#define FW_NS_PER_MS		1000000ull
#define FW_CHAOS_WAIT_US	10000

/* Where a kind applies. */
enum fw_chaos_where {
	FW_CHAOS_AT_ECHO,
	FW_CHAOS_AT_LOOP,
};

enum fw_chaos_kind_id {
	/* echo */
	K_HDR_LEN_BIG,
	K_HDR_LEN_SMALL,
	K_HDR_SRC,
	K_HDR_DST_UNKNOWN,
	K_HDR_DST_RANDOM,
	K_HDR_FLAGS,
	K_USED_LEN_SHORT,
	K_USED_LEN_BIG,
	K_PAYLOAD,
	K_NO_ECHO,
	K_DUP_ECHO,
	K_DESC,
	K_DESC_NEXT,
	/* loop */
	K_NS_BAD_SIZE,
	K_NS_NO_NUL,
	K_NS_EMPTY_NAME,
	K_NS_BAD_FLAGS,
	K_NS_CREATE_GARBAGE,
	K_NS_DESTROY_GARBAGE,
	K_NS_DESTROY_SERVICE,
	K_NS_ANNOUNCE_SERVICE,
	K_NS_DESTROY_WILD,
	K_NS_DESTROY_LINUX,
	K_CONFIG,
	K_TBL_VDEV,
	K_TBL_VRING,
	K_TBL_HDR,
	K_TBL_ENTRY,
	K_STATUS_BITS,
	K_STATUS_HOLD,
	K_STATUS_FLAP,
	K_STATUS_CLEAR,
	K_KICK_STORM,
	K_SILENCE,
	K_USED_ID_RANGE,
	K_USED_ID_STALE,
	K_USED_IDX_JUMP,
	K_USED_IDX_BACK,
	K_AVAIL_IDX,
	K_CRASH,
	K_HANG,
	K_NR,
};

_Static_assert(K_NR <= 64, "kinds fit the skip and with masks");

/**
 * struct fw_chaos_kind - one sort of corruption
 * @name: as in the trace and in skip= and with=
 * @weight: relative chance of being picked among the kinds of its place
 * @where: &enum fw_chaos_where
 * @expect: &enum fw_chaos_expect
 * @hard: may stop Linux from processing what follows
 * @opt_in: only with with=
 */
struct fw_chaos_kind {
	const char *name;
	uint16_t weight;
	uint8_t where;
	uint8_t expect;
	bool hard;
	bool opt_in;
};

#define ECHO(n, w, e)	{ n, w, FW_CHAOS_AT_ECHO, FW_CHAOS_EXP_##e, false, false }
#define LOOP(n, w, e)	{ n, w, FW_CHAOS_AT_LOOP, FW_CHAOS_EXP_##e, false, false }
#define HARD(n, w)	{ n, w, FW_CHAOS_AT_LOOP, FW_CHAOS_EXP_NONE, true, false }

static const struct fw_chaos_kind fw_chaos_kinds[K_NR] = {
	[K_HDR_LEN_BIG]		= ECHO("hdr-len-big", 30, RX_BAD_LEN),
	[K_HDR_LEN_SMALL]	= ECHO("hdr-len-small", 15, NONE),
	[K_HDR_SRC]		= ECHO("hdr-src", 15, NONE),
	[K_HDR_DST_UNKNOWN]	= ECHO("hdr-dst-unknown", 25, RX_UNKNOWN_DST),
	[K_HDR_DST_RANDOM]	= ECHO("hdr-dst-random", 10, NONE),
	[K_HDR_FLAGS]		= ECHO("hdr-flags", 15, NONE),
	[K_USED_LEN_SHORT]	= ECHO("used-len-short", 25, RX_SHORT),
	[K_USED_LEN_BIG]	= ECHO("used-len-big", 25, RX_OVERSIZE),
	[K_PAYLOAD]		= ECHO("payload", 15, NONE),
	[K_NO_ECHO]		= ECHO("no-echo", 10, NONE),
	[K_DUP_ECHO]		= ECHO("dup-echo", 10, NONE),
	[K_DESC]		= ECHO("desc", 15, NONE),
	/* Linux 6.1's virtio_ring follows the NEXT flag it reads back. */
	[K_DESC_NEXT]		= { "desc-next", 5, FW_CHAOS_AT_ECHO,
				    FW_CHAOS_EXP_NONE, true, true },
	[K_NS_BAD_SIZE]		= LOOP("ns-bad-size", 15, NS),
	[K_NS_NO_NUL]		= LOOP("ns-no-nul", 10, NS),
	[K_NS_EMPTY_NAME]	= LOOP("ns-empty-name", 8, NS),
	[K_NS_BAD_FLAGS]	= LOOP("ns-bad-flags", 10, NS),
	[K_NS_CREATE_GARBAGE]	= LOOP("ns-create-garbage", 15, NS),
	[K_NS_DESTROY_GARBAGE]	= LOOP("ns-destroy-garbage", 12, NS),
	[K_NS_DESTROY_SERVICE]	= LOOP("ns-destroy-service", 4, NS),
	[K_NS_ANNOUNCE_SERVICE]	= LOOP("ns-announce-service", 6, NS),
	[K_NS_DESTROY_WILD]	= HARD("ns-destroy-wild", 2),
	[K_NS_DESTROY_LINUX]	= HARD("ns-destroy-linux", 2),
	[K_CONFIG]		= LOOP("config", 10, NONE),
	[K_TBL_VDEV]		= LOOP("tbl-vdev", 8, NONE),
	[K_TBL_VRING]		= LOOP("tbl-vring", 8, NONE),
	[K_TBL_HDR]		= LOOP("tbl-hdr", 5, NONE),
	[K_TBL_ENTRY]		= LOOP("tbl-entry", 6, NONE),
	[K_STATUS_BITS]		= LOOP("status-bits", 5, NONE),
	[K_STATUS_HOLD]		= HARD("status-hold", 1),
	[K_STATUS_FLAP]		= HARD("status-flap", 1),
	[K_STATUS_CLEAR]	= HARD("status-clear", 1),
	[K_KICK_STORM]		= LOOP("kick-storm", 10, NONE),
	[K_SILENCE]		= LOOP("silence", 8, NONE),
	[K_USED_ID_RANGE]	= HARD("used-id-range", 2),
	[K_USED_ID_STALE]	= HARD("used-id-stale", 2),
	[K_USED_IDX_JUMP]	= HARD("used-idx-jump", 1),
	[K_USED_IDX_BACK]	= HARD("used-idx-back", 1),
	[K_AVAIL_IDX]		= HARD("avail-idx", 1),
	[K_CRASH]		= HARD("crash", 1),
	[K_HANG]		= HARD("hang", 1),
};

static const char *const fw_chaos_expect_names[FW_CHAOS_EXP_NR] = {
	[FW_CHAOS_EXP_NONE]		= "none",
	[FW_CHAOS_EXP_RX_SHORT]		= "rx_short",
	[FW_CHAOS_EXP_RX_OVERSIZE]	= "rx_oversize",
	[FW_CHAOS_EXP_RX_BAD_LEN]	= "rx_bad_len",
	[FW_CHAOS_EXP_RX_UNKNOWN_DST]	= "rx_unknown_dst",
	[FW_CHAOS_EXP_NS]		= "ns",
};

/* ---- random numbers (splitmix64) ---------------------------------------- */

static uint64_t fw_chaos_rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A number in [0, n); 0 when n is 0. */
static uint32_t fw_chaos_below(uint64_t *s, uint32_t n)
{
	return n ? (uint32_t)(fw_chaos_rnd(s) % n) : 0;
}

static uint32_t fw_chaos_pick(uint64_t *s, const uint32_t *v, uint32_t n)
{
	return v[fw_chaos_below(s, n)];
}

/* ---- logging ------------------------------------------------------------- */

static void fw_chaos_say(struct fw_chaos *c, const char *line)
{
	const struct fw_trace *t = c->trace;

	if (!c->quiet && t->size > FW_CHAOS_TRACE_SLACK &&
	    t->len > t->size - FW_CHAOS_TRACE_SLACK) {
		c->quiet = true;
		c->note(c->note_ctx,
			"chaos: trace nearly full, further lines in the emulator's log only");
	}
	if (c->quiet)
		c->rp->hw->debug_puts(c->rp->hw, line);
	else
		c->note(c->note_ctx, line);
}

static void FW_PRINTF(2, 3) fw_chaos_sayf(struct fw_chaos *c,
					  const char *fmt, ...)
{
	char line[FW_CHAOS_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	fw_vsnformat(line, sizeof(line), fmt, ap);
	va_end(ap);
	fw_chaos_say(c, line);
}

/* Count corruption @k, described by @what, and log it. */
static void fw_chaos_count(struct fw_chaos *c, unsigned int k, const char *what)
{
	const struct fw_chaos_kind *kind = &fw_chaos_kinds[k];

	c->done++;
	if (kind->hard) {
		if (!c->hard++)
			c->first_hard = c->done;
	} else if (!c->hard) {
		c->expect[kind->expect]++;
	}
	fw_chaos_sayf(c, "chaos %u: %s %s%s", c->done, kind->name, what,
		      kind->hard ? " (hard)" : "");
	if (c->done >= c->limit && c->armed) {
		c->armed = false;
		fw_chaos_sayf(c, "chaos: done %u events", c->done);
	}
}

/* ---- helpers ------------------------------------------------------------- */

static void fw_chaos_tick(struct fw_chaos *c)
{
	struct fw_rpmsg *rp = c->rp;

	if (rp->tick)
		rp->tick(rp->tick_ctx);
	else
		rp->hw->watchdog_pet(rp->hw);
}

/* Let @ms milliseconds pass doing nothing but keeping the watchdog happy. */
static void fw_chaos_idle(struct fw_chaos *c, uint32_t ms)
{
	const struct rproc_emu_hw *hw = c->rp->hw;
	uint64_t end = hw->clock_ns(hw) + ms * FW_NS_PER_MS;

	while (hw->clock_ns(hw) < end) {
		fw_chaos_tick(c);
		hw->wait_kick(hw, FW_CHAOS_WAIT_US);
	}
}

static struct fw_vring *fw_chaos_ring(struct fw_chaos *c, unsigned int i)
{
	struct fw_vring *vr = i ? &c->rp->rx : &c->rp->tx;

	return c->rp->active && !vr->broken ? vr : NULL;
}

static void fw_chaos_garbage(uint64_t *s, void *buf, uint32_t len)
{
	unsigned char *p = buf;

	for (uint32_t i = 0; i < len; i++)
		p[i] = (unsigned char)fw_chaos_rnd(s);
}

/* A name of 1..31 bytes, none of them NUL, then NULs. */
static void fw_chaos_garbage_name(uint64_t *s, char *name, uint32_t size)
{
	uint32_t n = 1 + fw_chaos_below(s, size - 1);

	memset(name, 0, size);
	for (uint32_t i = 0; i < n; i++)
		name[i] = (char)(1 + fw_chaos_below(s, 255));
}

/* Printable form of a garbage name, for the trace. */
static void fw_chaos_hexname(const char *name, char *out, uint32_t size)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t o = 0;

	for (uint32_t i = 0; name[i] && o + 3 < size; i++) {
		unsigned char ch = (unsigned char)name[i];

		out[o++] = hex[ch >> 4];
		out[o++] = hex[ch & 15];
	}
	out[o] = '\0';
}

/* ---- echo corruptions ---------------------------------------------------- */

/**
 * struct fw_chaos_echo_msg - a message an echo service is about to send back
 * @ept: the echo endpoint
 * @data: the payload (Linux's buffer), @len bytes
 * @len: its length
 * @src: the sender, where the echo goes
 */
struct fw_chaos_echo_msg {
	struct fw_rpmsg_ept *ept;
	const void *data;
	uint32_t len;
	uint32_t src;
};

/* Which part of a message lies; see fw_chaos_put(). */
enum fw_chaos_lie {
	LIE_NONE,
	LIE_USED_SHORT,
	LIE_USED_BIG,
	LIE_DESC,
	LIE_DESC_NEXT,
};

/*
 * Send @hdr and @data, lying as @lie says; *@what gets the detail.
 * Return: 0, or -1 when no buffer came (counted as dropped).
 */
static int fw_chaos_put(struct fw_chaos *c, const struct rpmsg_hdr *hdr,
			const void *data, uint32_t len, enum fw_chaos_lie lie,
			char *what, uint32_t what_size)
{
	static const uint32_t big[] = { 0, 1, 0x10000, 0xffffffffu };
	struct fw_rpmsg *rp = c->rp;
	struct fw_vring_desc *d;
	struct fw_vring_buf buf;
	uint32_t used, extra;

	if (fw_rpmsg_get_tx_buf(rp, &buf)) {
		rp->dropped++;
		return -1;
	}
	if (len > buf.len - FW_RPMSG_HDR_SIZE)
		len = buf.len - FW_RPMSG_HDR_SIZE;
	memcpy(buf.data, hdr, sizeof(*hdr));
	memcpy((unsigned char *)buf.data + FW_RPMSG_HDR_SIZE, data, len);
	used = FW_RPMSG_HDR_SIZE + len;
	d = &rp->tx.desc[buf.head];
	switch (lie) {
	case LIE_USED_SHORT:
		used = fw_chaos_below(&c->pick_echo, FW_RPMSG_HDR_SIZE);
		fw_snformat(what, what_size, "used len %u (buffer %u)", used,
			    buf.len);
		break;
	case LIE_USED_BIG:
		extra = fw_chaos_pick(&c->pick_echo, big, FW_ARRAY_SIZE(big));
		used = extra == 0xffffffffu ? extra : buf.len + 1 + extra;
		fw_snformat(what, what_size, "used len %u (buffer %u)", used,
			    buf.len);
		break;
	case LIE_DESC:
		/* Linux keeps its own copy of address and length. */
		__atomic_store_n(&d->len, (uint32_t)fw_chaos_rnd(&c->pick_echo),
				 __ATOMIC_RELAXED);
		__atomic_store_n(&d->addr, fw_chaos_rnd(&c->pick_echo),
				 __ATOMIC_RELAXED);
		fw_snformat(what, what_size, "vring0 desc %u len 0x%x addr 0x%llx",
			    buf.head, d->len, (unsigned long long)d->addr);
		break;
	case LIE_DESC_NEXT:
		__atomic_store_n(&d->flags,
				 (uint16_t)(d->flags | FW_VRING_DESC_F_NEXT),
				 __ATOMIC_RELAXED);
		fw_snformat(what, what_size, "vring0 desc %u flags 0x%x",
			    buf.head, d->flags);
		break;
	case LIE_NONE:
		break;
	}
	fw_rpmsg_put_tx_buf(rp, buf.head, used);
	rp->tx_msgs++;
	return 0;
}

static int fw_chaos_echo_kind(struct fw_chaos *c, unsigned int k,
			      const struct fw_chaos_echo_msg *m,
			      char *what, uint32_t what_size)
{
	static const uint32_t odd_dst[] = {
		0, RPMSG_NS_ADDR, 0xffffffffu, 1023, 1024, 1025, 1026, 1027,
	};
	unsigned char garbage[RPMSG_BUF_SIZE];
	struct rpmsg_hdr hdr = {
		.src = m->ept->addr, .dst = m->src, .len = (uint16_t)m->len,
	};
	const void *data = m->data;
	enum fw_chaos_lie lie = LIE_NONE;
	uint64_t *s = &c->pick_echo;

	what[0] = '\0';
	switch (k) {
	case K_HDR_LEN_BIG:
		hdr.len = (uint16_t)(m->len + 1 +
				     fw_chaos_below(s, 0xffff - m->len));
		break;
	case K_HDR_LEN_SMALL:
		if (!m->len)
			return -1;
		hdr.len = (uint16_t)fw_chaos_below(s, m->len);
		break;
	case K_HDR_SRC:
		hdr.src = (uint32_t)fw_chaos_rnd(s);
		break;
	case K_HDR_DST_UNKNOWN:
		hdr.dst = FW_CHAOS_UNKNOWN_BASE + fw_chaos_below(s, 0x10000);
		break;
	case K_HDR_DST_RANDOM:
		hdr.dst = fw_chaos_below(s, 2) ? (uint32_t)fw_chaos_rnd(s) :
			  fw_chaos_pick(s, odd_dst, FW_ARRAY_SIZE(odd_dst));
		break;
	case K_HDR_FLAGS:
		hdr.flags = (uint16_t)(1 + fw_chaos_below(s, 0xffff));
		hdr.reserved = (uint32_t)fw_chaos_rnd(s);
		break;
	case K_USED_LEN_SHORT:
		lie = LIE_USED_SHORT;
		break;
	case K_USED_LEN_BIG:
		lie = LIE_USED_BIG;
		break;
	case K_PAYLOAD:
		if (!m->len || m->len > sizeof(garbage))
			return -1;
		fw_chaos_garbage(s, garbage, m->len);
		data = garbage;
		break;
	case K_NO_ECHO:
		fw_snformat(what, what_size, "%u bytes to 0x%x not echoed",
			    m->len, m->src);
		return 0;
	case K_DUP_ECHO:
		if (fw_chaos_put(c, &hdr, data, m->len, LIE_NONE, what,
				 what_size))
			return -1;
		break;
	case K_DESC:
		lie = LIE_DESC;
		break;
	case K_DESC_NEXT:
		lie = LIE_DESC_NEXT;
		break;
	default:
		return -1;
	}
	if (fw_chaos_put(c, &hdr, data, m->len, lie, what, what_size))
		return -1;
	if (!what[0])
		fw_snformat(what, what_size,
			    "0x%x -> 0x%x len %u flags 0x%x reserved 0x%x (payload %u)",
			    hdr.src, hdr.dst, hdr.len, hdr.flags, hdr.reserved,
			    m->len);
	return 0;
}

/* ---- name service -------------------------------------------------------- */

static int fw_chaos_ns_send(struct fw_chaos *c, const char *name, uint32_t addr,
			    uint32_t flags)
{
	struct rpmsg_ns_msg msg;

	memset(&msg, 0, sizeof(msg));
	memcpy(msg.name, name, fw_strnlen(name, sizeof(msg.name)));
	msg.addr = addr;
	msg.flags = flags;
	return fw_rpmsg_send(c->rp, RPMSG_NS_ADDR, RPMSG_NS_ADDR, &msg,
			     sizeof(msg));
}

static const char *const fw_chaos_services[] = {
	FW_SVC_SAMPLE, FW_SVC_RAW, FW_SVC_TTY,
};

static int fw_chaos_ns_kind(struct fw_chaos *c, unsigned int k, char *what,
			    uint32_t what_size)
{
	static const uint32_t sizes[] = { 0, 1, 16, 36, 39, 41, 64, 200, 496 };
	static const char *const linux_names[] = { "rpmsg_ns", "rpmsg_ctrl" };
	static const char *const wild_names[] = {
		"rpmsg_ns", "rpmsg_ctrl", FW_SVC_RAW, FW_SVC_SAMPLE, "nobody",
	};
	unsigned char raw[496];
	struct rpmsg_ns_msg *msg = (struct rpmsg_ns_msg *)raw;
	char hex[2 * RPMSG_WIRE_NAME_SIZE + 1];
	struct fw_rpmsg_ept *e;
	uint64_t *s = &c->pick_loop;
	uint32_t n, addr, flags;
	const char *name;

	if (!c->rp->active)
		return -1;
	switch (k) {
	case K_NS_BAD_SIZE:
		n = fw_chaos_pick(s, sizes, FW_ARRAY_SIZE(sizes));
		fw_chaos_garbage(s, raw, n);
		fw_snformat(what, what_size, "%u bytes", n);
		return fw_rpmsg_send(c->rp, RPMSG_NS_ADDR, RPMSG_NS_ADDR, raw, n);
	case K_NS_NO_NUL:
		memset(raw, 0, sizeof(*msg));
		for (n = 0; n < RPMSG_WIRE_NAME_SIZE; n++)
			msg->name[n] = (char)('a' + fw_chaos_below(s, 26));
		msg->addr = 1024 + fw_chaos_below(s, 0x10000);
		msg->flags = fw_chaos_below(s, 2);
		fw_snformat(what, what_size, "flags %u addr 0x%x", msg->flags,
			    msg->addr);
		return fw_rpmsg_send(c->rp, RPMSG_NS_ADDR, RPMSG_NS_ADDR, raw,
				     sizeof(*msg));
	case K_NS_EMPTY_NAME:
		flags = fw_chaos_below(s, 2);
		addr = 1024 + fw_chaos_below(s, 0x10000);
		fw_snformat(what, what_size, "flags %u addr 0x%x", flags, addr);
		return fw_chaos_ns_send(c, "", addr, flags);
	case K_NS_BAD_FLAGS:
		flags = 2 + fw_chaos_below(s, 0xfffffff0u);
		fw_snformat(what, what_size, "\"chaos-flags\" flags 0x%x", flags);
		return fw_chaos_ns_send(c, "chaos-flags", 1024 +
					fw_chaos_below(s, 0x10000), flags);
	case K_NS_CREATE_GARBAGE: {
		static const uint32_t odd[] = { RPMSG_NS_ADDR, 0, 1, 1023,
						0xffffffffu };
		char gname[RPMSG_WIRE_NAME_SIZE];

		fw_chaos_garbage_name(s, gname, sizeof(gname));
		addr = fw_chaos_below(s, 4) ? 1024 + fw_chaos_below(s, 0x10000) :
		       fw_chaos_pick(s, odd, FW_ARRAY_SIZE(odd));
		fw_chaos_hexname(gname, hex, sizeof(hex));
		fw_snformat(what, what_size, "name %s addr 0x%x", hex, addr);
		if (fw_chaos_ns_send(c, gname, addr, RPMSG_NS_CREATE))
			return -1;
		if (addr != 0xffffffffu) {
			struct fw_chaos_name *slot =
				&c->names[c->nr_names % FW_CHAOS_MAX_NAMES];

			memcpy(slot->name, gname, sizeof(gname));
			slot->addr = addr;
			c->nr_names++;
		}
		return 0;
	}
	case K_NS_DESTROY_GARBAGE: {
		char gname[RPMSG_WIRE_NAME_SIZE];

		if (c->nr_names && fw_chaos_below(s, 2)) {
			struct fw_chaos_name *slot =
				&c->names[--c->nr_names % FW_CHAOS_MAX_NAMES];

			memcpy(gname, slot->name, sizeof(gname));
			addr = slot->addr;
		} else {
			fw_snformat(gname, sizeof(gname), "cy-%x",
				    (uint32_t)fw_chaos_rnd(s));
			addr = 1024 + fw_chaos_below(s, 0x10000);
		}
		fw_chaos_hexname(gname, hex, sizeof(hex));
		fw_snformat(what, what_size, "name %s addr 0x%x", hex, addr);
		return fw_chaos_ns_send(c, gname, addr, RPMSG_NS_DESTROY);
	}
	case K_NS_DESTROY_SERVICE:
	case K_NS_ANNOUNCE_SERVICE:
		name = fw_chaos_services[fw_chaos_below(s,
					FW_ARRAY_SIZE(fw_chaos_services))];
		e = fw_rpmsg_find_ept(c->rp, name);
		if (!e)
			return -1;
		flags = k == K_NS_DESTROY_SERVICE ? RPMSG_NS_DESTROY :
			RPMSG_NS_CREATE;
		fw_snformat(what, what_size, "%s addr 0x%x flags %u", name,
			    e->addr, flags);
		return fw_chaos_ns_send(c, name, e->addr, flags);
	case K_NS_DESTROY_WILD:
		name = wild_names[fw_chaos_below(s, FW_ARRAY_SIZE(wild_names))];
		fw_snformat(what, what_size, "%s addr 0xffffffff", name);
		return fw_chaos_ns_send(c, name, 0xffffffffu, RPMSG_NS_DESTROY);
	case K_NS_DESTROY_LINUX:
		name = linux_names[fw_chaos_below(s, FW_ARRAY_SIZE(linux_names))];
		addr = fw_chaos_below(s, 2) ? RPMSG_NS_ADDR :
		       1024 + fw_chaos_below(s, 4);
		fw_snformat(what, what_size, "%s addr 0x%x", name, addr);
		return fw_chaos_ns_send(c, name, addr, RPMSG_NS_DESTROY);
	default:
		return -1;
	}
}

/* ---- the resource table, the status byte, config space ------------------- */

static void fw_chaos_write32(void *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static uint32_t fw_chaos_read32(const void *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* A value a parser is likely to trip on. */
static uint32_t fw_chaos_nasty(struct fw_chaos *c)
{
	const uint32_t v[] = {
		0, 1, 2, 7, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000,
		c->table_size, c->table_size - 1, c->table_size + 1,
		0x7fffffffu, 0x80000000u, 0xfffffff0u, 0xffffffffu,
	};
	uint64_t *s = &c->pick_loop;

	return fw_chaos_below(s, 3) ? fw_chaos_pick(s, v, FW_ARRAY_SIZE(v)) :
	       (uint32_t)fw_chaos_rnd(s);
}

/*
 * Write @v at @p for @ms milliseconds, during which nothing else runs, then
 * put the old value back: for fields our own rpmsg library would follow.
 */
static void fw_chaos_glitch32(struct fw_chaos *c, void *p, uint32_t v,
			      uint32_t ms)
{
	uint32_t old = fw_chaos_read32(p);

	fw_chaos_write32(p, v);
	fw_chaos_idle(c, ms);
	fw_chaos_write32(p, old);
}

static int fw_chaos_table_kind(struct fw_chaos *c, unsigned int k, char *what,
			       uint32_t what_size)
{
	static const char *const vdev_fields[] = {
		"id", "notifyid", "dfeatures", "gfeatures", "config_len",
		"num_of_vrings", "reserved",
	};
	static const uint32_t vdev_offs[] = {
		offsetof(struct fw_rsc_vdev, id),
		offsetof(struct fw_rsc_vdev, notifyid),
		offsetof(struct fw_rsc_vdev, dfeatures),
		offsetof(struct fw_rsc_vdev, gfeatures),
		offsetof(struct fw_rsc_vdev, config_len),
		offsetof(struct fw_rsc_vdev, num_of_vrings),
		offsetof(struct fw_rsc_vdev, reserved),
	};
	static const char *const vring_fields[] = {
		"da", "align", "num", "notifyid", "pa",
	};
	static const uint32_t vring_offs[] = {
		offsetof(struct fw_rsc_vdev_vring, da),
		offsetof(struct fw_rsc_vdev_vring, align),
		offsetof(struct fw_rsc_vdev_vring, num),
		offsetof(struct fw_rsc_vdev_vring, notifyid),
		offsetof(struct fw_rsc_vdev_vring, pa),
	};
	uint64_t *s = &c->pick_loop;
	uint32_t i, v, off, ms;
	unsigned char *p;

	switch (k) {
	case K_CONFIG:
		if (!c->config_len)
			return -1;
		off = fw_chaos_below(s, c->config_len);
		i = 1 + fw_chaos_below(s, c->config_len - off);
		fw_chaos_garbage(s, c->config + off, i);
		fw_snformat(what, what_size, "%u bytes at %u", i, off);
		return 0;
	case K_TBL_VDEV:
		i = fw_chaos_below(s, FW_ARRAY_SIZE(vdev_fields));
		p = (unsigned char *)c->vdev + vdev_offs[i];
		v = fw_chaos_nasty(c);
		if (!fw_strcmp(vdev_fields[i], "num_of_vrings"))
			*p = (uint8_t)v;	/* a byte, next to status */
		else if (!fw_strcmp(vdev_fields[i], "reserved"))
			p[fw_chaos_below(s, 2)] = (uint8_t)v;
		else
			fw_chaos_write32(p, v);
		fw_snformat(what, what_size, "%s = 0x%x", vdev_fields[i], v);
		return 0;
	case K_TBL_VRING:
		if (!c->rp->active)
			return -1;
		i = fw_chaos_below(s, FW_ARRAY_SIZE(vring_fields));
		off = fw_chaos_below(s, 2);
		p = (unsigned char *)&c->vdev->vring[off] + vring_offs[i];
		v = fw_chaos_nasty(c);
		if (i >= 3) {			/* notifyid, pa: for good */
			fw_chaos_write32(p, v);
			fw_snformat(what, what_size, "vring%u %s = 0x%x", off,
				    vring_fields[i], v);
			return 0;
		}
		ms = 1 + fw_chaos_below(s, 300);
		fw_snformat(what, what_size, "vring%u %s = 0x%x for %u ms", off,
			    vring_fields[i], v, ms);
		fw_chaos_glitch32(c, p, v, ms);
		return 0;
	case K_TBL_HDR:
		/* ver, num, reserved[2], then the offsets */
		i = fw_chaos_below(s, 4 + c->nr_entries);
		v = fw_chaos_nasty(c);
		fw_chaos_write32(c->table + 4 * i, v);
		fw_snformat(what, what_size, "header word %u = 0x%x", i, v);
		return 0;
	case K_TBL_ENTRY:
		if (!c->nr_entries)
			return -1;
		i = fw_chaos_below(s, c->nr_entries);
		off = c->entry_off[i];
		if (off >= c->table_size || c->table_size - off < 4)
			return -1;
		/* A word of the entry's first 48 bytes (type, fields, name). */
		off += 4 * fw_chaos_below(s, 12);
		if (off > c->table_size - 4)
			off = c->table_size - 4;
		/*
		 * Not the body of the rpmsg vdev (status, vrings): tbl-vdev,
		 * tbl-vring and the status kinds do those, knowing which are
		 * hard and which our own library would follow.
		 */
		if (c->table + off >= (unsigned char *)c->vdev &&
		    c->table + off < (unsigned char *)&c->vdev->vring[2])
			return -1;
		v = fw_chaos_nasty(c);
		fw_chaos_write32(c->table + off, v);
		fw_snformat(what, what_size, "entry %u, table offset 0x%x = 0x%x",
			    i, off, v);
		return 0;
	default:
		return -1;
	}
}

static uint8_t fw_chaos_status_get(const struct fw_chaos *c)
{
	return __atomic_load_n(&c->vdev->status, __ATOMIC_ACQUIRE);
}

static void fw_chaos_status_set(struct fw_chaos *c, uint8_t v)
{
	__atomic_store_n(&c->vdev->status, v, __ATOMIC_RELEASE);
}

static int fw_chaos_status_kind(struct fw_chaos *c, unsigned int k, char *what,
				uint32_t what_size)
{
	static const uint32_t bits[] = { 0x0f, 0x40, 0x80, 0xff, 0x8f, 0x4f };
	uint64_t *s = &c->pick_loop;
	uint8_t old = fw_chaos_status_get(c), v;
	uint32_t ms;

	if (!c->rp->active)
		return -1;
	switch (k) {
	case K_STATUS_BITS:
		v = (uint8_t)(old | fw_chaos_pick(s, bits, FW_ARRAY_SIZE(bits)));
		fw_chaos_status_set(c, v);
		fw_snformat(what, what_size, "0x%x -> 0x%x", old, v);
		return 0;
	case K_STATUS_HOLD:
		v = (uint8_t)(FW_VIRTIO_STATUS_DRIVER_OK |
			      fw_chaos_pick(s, bits, FW_ARRAY_SIZE(bits)));
		c->status_hold = v;
		fw_chaos_status_set(c, v);
		fw_snformat(what, what_size,
			    "0x%x -> 0x%x, rewritten until chaos off", old, v);
		return 0;
	case K_STATUS_FLAP:
		/* Our library sees the reset and sets the rings up afresh. */
		ms = 10 + fw_chaos_below(s, 300);
		fw_snformat(what, what_size, "0x%x -> 0 for %u ms -> 0x%x", old,
			    ms, old);
		fw_chaos_status_set(c, 0);
		fw_rpmsg_poll(c->rp);
		fw_chaos_idle(c, ms);
		fw_chaos_status_set(c, old);
		fw_rpmsg_poll(c->rp);
		return 0;
	case K_STATUS_CLEAR:
		fw_snformat(what, what_size, "0x%x -> 0 for good", old);
		fw_chaos_status_set(c, 0);
		return 0;
	default:
		return -1;
	}
}

/* ---- rings, kicks, crashes ----------------------------------------------- */

static int fw_chaos_ring_kind(struct fw_chaos *c, unsigned int k, char *what,
			      uint32_t what_size)
{
	uint64_t *s = &c->pick_loop;
	unsigned int r = fw_chaos_below(s, 2);
	struct fw_vring *vr = fw_chaos_ring(c, r);
	uint32_t id, n;
	uint16_t idx;

	if (!vr)
		return -1;
	switch (k) {
	case K_USED_ID_RANGE:
	case K_USED_ID_STALE:
		if (k == K_USED_ID_RANGE) {
			id = vr->num + fw_chaos_below(s, 0x10000);
		} else {
			if (!vr->used_idx)
				return -1;
			id = __atomic_load_n(&vr->used->ring[(uint16_t)(vr->used_idx - 1) &
							     (vr->num - 1)].id,
					     __ATOMIC_RELAXED);
		}
		n = r ? 0 : FW_RPMSG_HDR_SIZE;
		fw_vring_put_raw(vr, id, n);
		c->rp->kick_pending = true;
		fw_snformat(what, what_size, "vring%u used id %u len %u (num %u)",
			    r, id, n, vr->num);
		return 0;
	case K_USED_IDX_JUMP:
	case K_USED_IDX_BACK:
		n = 1 + fw_chaos_below(s, vr->num);
		idx = vr->used_idx;
		vr->used_idx = (uint16_t)(k == K_USED_IDX_JUMP ? idx + n : idx - n);
		__atomic_store_n(&vr->used->idx, vr->used_idx, __ATOMIC_RELEASE);
		c->rp->kick_pending = true;
		fw_snformat(what, what_size, "vring%u used idx %u -> %u", r, idx,
			    vr->used_idx);
		return 0;
	case K_AVAIL_IDX:
		idx = __atomic_load_n(&vr->avail->idx, __ATOMIC_ACQUIRE);
		n = (uint16_t)(idx + 1 + fw_chaos_below(s, 0xffff));
		__atomic_store_n(&vr->avail->idx, (uint16_t)n, __ATOMIC_RELEASE);
		fw_snformat(what, what_size, "vring%u avail idx %u -> %u", r,
			    idx, n);
		return 0;
	default:
		return -1;
	}
}

static void FW_NORETURN fw_chaos_crash(void)
{
	uintptr_t bad = FW_CHAOS_FAULT_ADDR;

	__asm__ __volatile__("" : "+r" (bad));	/* hide the constant */
	*(volatile uint32_t *)bad = 0;
	for (;;)
		fw_cpu_relax();
}

static void FW_NORETURN fw_chaos_hang(void)
{
	for (;;)
		fw_cpu_relax();
}

static int fw_chaos_other_kind(struct fw_chaos *c, unsigned int k, char *what,
			       uint32_t what_size)
{
	const struct rproc_emu_hw *hw = c->rp->hw;
	uint64_t *s = &c->pick_loop;
	uint32_t n;

	switch (k) {
	case K_KICK_STORM:
		n = 100 + fw_chaos_below(s, 4000);
		for (uint32_t i = 0; i < n; i++) {
			hw->kick(hw, IVRP_VEC_VRING);
			if (i % 256 == 255)
				fw_chaos_tick(c);
		}
		fw_snformat(what, what_size, "%u kicks", n);
		return 0;
	case K_SILENCE:
		n = 50 + fw_chaos_below(s, 1500);
		fw_snformat(what, what_size, "%u ms", n);
		fw_chaos_idle(c, n);
		return 0;
	case K_CRASH:
	case K_HANG:
		/* While rpmsg is up only: not the end of every run. */
		if (!c->rp->active)
			return -1;
		break;
	default:
		return -1;
	}
	if (k == K_CRASH) {
		fw_chaos_count(c, k, "SIGSEGV now");
		fw_chaos_crash();
	}
	fw_chaos_count(c, k, "spinning, the watchdog will bite");
	fw_chaos_hang();
}

/* ---- the engine ---------------------------------------------------------- */

static bool fw_chaos_enabled(const struct fw_chaos *c, unsigned int k)
{
	const struct fw_chaos_kind *kind = &fw_chaos_kinds[k];
	uint64_t bit = 1ull << k;

	if (c->skip & bit)
		return false;
	return !kind->opt_in || (c->with & bit);
}

/* Pick an enabled kind of @where with @s; K_NR if none is. */
static unsigned int fw_chaos_choose(struct fw_chaos *c, enum fw_chaos_where where,
				    uint64_t *s)
{
	uint32_t total = 0, r;
	unsigned int k;

	for (k = 0; k < K_NR; k++)
		if (fw_chaos_kinds[k].where == where && fw_chaos_enabled(c, k))
			total += fw_chaos_kinds[k].weight;
	if (!total)
		return K_NR;
	r = fw_chaos_below(s, total);
	for (k = 0; k < K_NR; k++) {
		if (fw_chaos_kinds[k].where != where || !fw_chaos_enabled(c, k))
			continue;
		if (r < fw_chaos_kinds[k].weight)
			return k;
		r -= fw_chaos_kinds[k].weight;
	}
	return K_NR;
}

static bool fw_chaos_now(struct fw_chaos *c)
{
	return c->armed && fw_chaos_below(&c->fire, FW_CHAOS_MAX_RATE) < c->rate;
}

/**
 * fw_chaos_echo() - an echo service is about to send a message back
 * @c: the engine
 * @ept: the echo endpoint
 * @data: what it received, @len bytes
 * @len: its length
 * @src: the sender
 *
 * Return: true when the engine sent (or dropped) the echo, corrupted;
 * false when the service should send it as usual.
 */
bool fw_chaos_echo(struct fw_chaos *c, struct fw_rpmsg_ept *ept,
		   const void *data, uint32_t len, uint32_t src)
{
	struct fw_chaos_echo_msg m = {
		.ept = ept, .data = data, .len = len, .src = src,
	};
	char what[FW_CHAOS_LINE_MAX - 48];
	unsigned int k;

	if (!fw_chaos_now(c))
		return false;
	k = fw_chaos_choose(c, FW_CHAOS_AT_ECHO, &c->pick_echo);
	if (k == K_NR || fw_chaos_echo_kind(c, k, &m, what, sizeof(what)))
		return false;
	fw_chaos_count(c, k, what);
	return true;
}

/**
 * fw_chaos_loop() - one pass of the main loop
 * @c: the engine
 *
 * Rewrites the status byte if a status-hold asked for it, and maybe makes
 * one corruption.
 */
void fw_chaos_loop(struct fw_chaos *c)
{
	char what[FW_CHAOS_LINE_MAX - 48];
	unsigned int k;
	int err;

	if (c->status_hold)
		fw_chaos_status_set(c, c->status_hold);
	if (!fw_chaos_now(c))
		return;
	k = fw_chaos_choose(c, FW_CHAOS_AT_LOOP, &c->pick_loop);
	if (k == K_NR)
		return;
	what[0] = '\0';
	if (k >= K_NS_BAD_SIZE && k <= K_NS_DESTROY_LINUX)
		err = fw_chaos_ns_kind(c, k, what, sizeof(what));
	else if (k >= K_CONFIG && k <= K_TBL_ENTRY)
		err = fw_chaos_table_kind(c, k, what, sizeof(what));
	else if (k >= K_STATUS_BITS && k <= K_STATUS_CLEAR)
		err = fw_chaos_status_kind(c, k, what, sizeof(what));
	else if (k >= K_USED_ID_RANGE && k <= K_AVAIL_IDX)
		err = fw_chaos_ring_kind(c, k, what, sizeof(what));
	else
		err = fw_chaos_other_kind(c, k, what, sizeof(what));
	if (!err)
		fw_chaos_count(c, k, what);
	fw_rpmsg_flush(c->rp);
}

/* ---- control ------------------------------------------------------------- */

/* Parse a decimal number ending at a space or the end; -1 if none. */
static int64_t fw_chaos_parse_u32(const char **p)
{
	const char *s = *p;
	int64_t v = 0;

	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (*s++ - '0');
		if (v > UINT32_MAX)
			return -1;
	}
	if (*s == ' ')
		s++;
	else if (*s)
		return -1;
	*p = s;
	return v;
}

/* "a,b,c" up to a space or the end, into a mask; -1 on an unknown name. */
static int fw_chaos_parse_kinds(const char **p, uint64_t *mask)
{
	const char *s = *p;

	while (*s && *s != ' ') {
		size_t n = 0;
		unsigned int k;

		while (s[n] && s[n] != ',' && s[n] != ' ')
			n++;
		for (k = 0; k < K_NR; k++)
			if (fw_strlen(fw_chaos_kinds[k].name) == n &&
			    !memcmp(fw_chaos_kinds[k].name, s, n))
				break;
		if (k == K_NR)
			return -1;
		*mask |= 1ull << k;
		s += n;
		if (*s == ',')
			s++;
	}
	if (*s == ' ')
		s++;
	*p = s;
	return 0;
}

static void fw_chaos_arm(struct fw_chaos *c, uint32_t seed, uint32_t rate,
			 uint32_t limit, uint64_t skip, uint64_t with,
			 const char *opts)
{
	uint64_t base = seed;

	c->seed = seed;
	c->rate = rate;
	c->limit = limit;
	c->done = c->hard = c->first_hard = 0;
	memset(c->expect, 0, sizeof(c->expect));
	c->skip = skip;
	c->with = with;
	c->fire = base * 0x2545f4914f6cdd1dull + 1;
	c->pick_echo = base * 0x9e3779b97f4a7c15ull + 2;
	c->pick_loop = base * 0xd1b54a32d192ed03ull + 3;
	c->nr_names = 0;
	c->armed = true;
	fw_chaos_sayf(c, "chaos: armed seed=%u rate=%u events=%u%s%s", seed,
		      rate, limit, *opts ? " " : "", opts);
}

/**
 * fw_chaos_command() - the control service's "chaos" command
 * @c: the engine
 * @args: what follows "chaos "
 * @reply: the reply, written here
 * @reply_size: its size
 */
void fw_chaos_command(struct fw_chaos *c, const char *args, char *reply,
		      uint32_t reply_size)
{
	const char *p = args, *opts;
	uint64_t skip = 0, with = 0, only = 0;
	int64_t seed, rate, limit;

	if (!fw_strcmp(args, "off")) {
		c->armed = false;
		c->status_hold = 0;
		fw_chaos_sayf(c, "chaos: off after %u events", c->done);
		fw_snformat(reply, reply_size, "ok chaos off done=%u", c->done);
		return;
	}
	if (!fw_strcmp(args, "status")) {
		fw_snformat(reply, reply_size,
			    "ok chaos seed=%u rate=%u done=%u/%u hard=%u first-hard=%u %s",
			    c->seed, c->rate, c->done, c->limit, c->hard,
			    c->first_hard, c->armed ? "armed" : "off");
		return;
	}
	seed = fw_chaos_parse_u32(&p);
	rate = seed < 0 ? -1 : fw_chaos_parse_u32(&p);
	limit = rate < 0 ? -1 : fw_chaos_parse_u32(&p);
	opts = p;
	while (limit > 0 && *p) {
		if (!memcmp(p, "skip=", 5)) {
			p += 5;
			if (fw_chaos_parse_kinds(&p, &skip))
				limit = -1;
		} else if (!memcmp(p, "with=", 5)) {
			p += 5;
			if (fw_chaos_parse_kinds(&p, &with))
				limit = -1;
		} else if (!memcmp(p, "only=", 5)) {
			p += 5;
			if (fw_chaos_parse_kinds(&p, &only))
				limit = -1;
		} else {
			limit = -1;
		}
	}
	if (limit < 1 || limit > FW_CHAOS_MAX_EVENTS || rate < 1 ||
	    rate > FW_CHAOS_MAX_RATE) {
		fw_snformat(reply, reply_size,
			    "err chaos: usage chaos <seed> <rate 1..%u> <events 1..%u> [skip=|with=|only=<kind>,...] | off | status",
			    FW_CHAOS_MAX_RATE, FW_CHAOS_MAX_EVENTS);
		return;
	}
	if (only) {
		skip |= ~only;
		with |= only;
	}
	fw_chaos_arm(c, (uint32_t)seed, (uint32_t)rate, (uint32_t)limit, skip,
		     with, opts);
	fw_snformat(reply, reply_size, "ok chaos seed=%u rate=%u events=%u",
		    c->seed, c->rate, c->limit);
}

/**
 * fw_chaos_status() - write the status line
 * @c: the engine
 * @t: where
 */
void fw_chaos_status(const struct fw_chaos *c, struct fw_trace *t)
{
	fw_trace_printf(t, "chaos: seed=%u rate=%u done=%u/%u hard=%u first-hard=%u expect",
			c->seed, c->rate, c->done, c->limit, c->hard,
			c->first_hard);
	for (unsigned int i = FW_CHAOS_EXP_NONE + 1; i < FW_CHAOS_EXP_NR; i++)
		fw_trace_printf(t, " %s=%u", fw_chaos_expect_names[i],
				c->expect[i]);
	fw_trace_printf(t, " %s\n", c->armed ? "armed" : "off");
}

/**
 * fw_chaos_init() - set the engine up, disarmed
 * @c: the engine
 * @rp: the rpmsg device
 * @table: the loaded resource table
 * @table_size: its size
 * @vdev: the rpmsg vdev entry in it
 * @config: the vdev's config space
 * @config_len: its size
 * @trace: the trace buffer
 * @note: writes a line to the trace and the emulator's log
 * @note_ctx: its context
 */
void fw_chaos_init(struct fw_chaos *c, struct fw_rpmsg *rp, void *table,
		   uint32_t table_size, struct fw_rsc_vdev *vdev,
		   void *config, uint32_t config_len, struct fw_trace *trace,
		   void (*note)(void *ctx, const char *line), void *note_ctx)
{
	const struct resource_table *hdr = table;
	uint32_t n = FW_READ_ONCE(hdr->num);

	memset(c, 0, sizeof(*c));
	c->rp = rp;
	c->table = table;
	c->table_size = table_size;
	c->vdev = vdev;
	c->config = config;
	c->config_len = config_len;
	c->trace = trace;
	c->note = note;
	c->note_ctx = note_ctx;
	for (uint32_t i = 0; i < n && i < FW_CHAOS_MAX_ENTRIES; i++)
		c->entry_off[c->nr_entries++] = FW_READ_ONCE(hdr->offset[i]);
}
