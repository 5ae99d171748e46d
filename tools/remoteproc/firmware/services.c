// SPDX-License-Identifier: BSD-3-Clause
/*
 * The default firmware's rpmsg services.
 *
 * Echo services: "rpmsg-client-sample", "rpmsg-raw" and "rpmsg-tty" send
 * every message back to its sender, unchanged.
 *
 * "rpmsg-test-ctrl" takes one text command per message (a trailing newline
 * and NULs are ignored) and replies to the sender with one message,
 * "ok <command> ..." or "err <command>: <why>":
 *
 *	counters		ok counters rx=<n> tx=<n> dropped=<n>
 *	crash			ok crash; then the firmware faults
 *	announce <name>		ok announce <name> <addr>: a new echo
 *				endpoint, announced (NS create)
 *	destroy <name>		ok destroy <name>: NS destroy, endpoint gone
 *	flood <n> <size>	ok flood <n> <size>; then n messages of size
 *				bytes, byte i of message seq = (seq + i) & 0xff
 *
 * and the misbehaviour triggers, each replying "ok <command>" before doing
 * the wrong thing once:
 *
 *	bad-used-len		a used-ring length shorter than a header
 *	short-len		a header length beyond the used length
 *	hdr-len-too-big		a header length beyond the buffer
 *	bad-used-id		a used-ring id out of range (Linux's ring may
 *				be broken for good afterwards)
 *	unknown-dst		a message to an address nobody has
 *	ns-wrong-size		a 36-byte name-service message
 *	ns-unterminated		a name-service create whose name has no NUL
 *	ns-destroy-unknown	a destroy of a name never announced
 *	ns-flood <n>		n creates, "ns-flood-<i>" at 0x10000 + i
 *	ns-unflood <n>		the destroys of those
 *	ns-destroy-any-raw	a destroy of "rpmsg-raw" at 0xffffffff (a
 *				wildcard: Linux must refuse it)
 *	ns-destroy-any-ns	a destroy of "rpmsg_ns" at 0xffffffff
 *	ns-destroy-ns		a destroy of "rpmsg_ns" at 53
 *	ns-destroy-any-ctrl	a destroy of "rpmsg_ctrl" at 0xffffffff
 *	ns-destroy-ctrl		a destroy of "rpmsg_ctrl" at 0
 *	status-garbage		writes 0x0f into the vdev status byte, again
 *				and again for FW_GARBAGE_MS (Linux stops the
 *				remote meanwhile; the firmware goes on after)
 *
 * Built with FW_CHAOS (rproc-emu-chaos.elf), the echo services pass each
 * echo through the chaos engine (chaos.c), which may corrupt it, and the
 * control service also takes "chaos ..." (see chaos.c).
 */
#include <stddef.h>
#include <stdint.h>

#include <fw/compiler.h>
#include <fw/format.h>
#include <fw/string.h>

#include "services.h"
#ifdef FW_CHAOS
#include "chaos.h"
#endif

#define FW_CMD_MAX		128
#define FW_REPLY_MAX		160
#define FW_MTU			(RPMSG_BUF_SIZE - FW_RPMSG_HDR_SIZE)
#define FW_FLOOD_MAX_N		1000000u
#define FW_NS_FLOOD_MAX		1024u
#define FW_NS_FLOOD_ADDR	0x10000u
#define FW_UNKNOWN_ADDR		0x7fff0000u
#define FW_GARBAGE_MS		3000u
#define FW_FAULT_ADDR		0x10u

static void fw_echo_cb(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
		       const void *data, uint32_t len, uint32_t src)
{
#ifdef FW_CHAOS
	if (ept->priv && fw_chaos_echo(ept->priv, ept, data, len, src))
		return;
#endif
	fw_rpmsg_send(rp, ept->addr, src, data, len);
}

static void FW_PRINTF(4, 5) fw_reply(struct fw_rpmsg *rp,
				     struct fw_rpmsg_ept *ept, uint32_t dst,
				     const char *fmt, ...)
{
	char buf[FW_REPLY_MAX];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fw_vsnformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	fw_rpmsg_send(rp, ept->addr, dst, buf, (uint32_t)n);
	fw_rpmsg_flush(rp);
}

/* Parse a decimal number ending at a space or the end; -1 if none. */
static int64_t fw_parse_u32(const char **p)
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

/* "word" or "word <rest>": the rest, or NULL when @cmd is not @word. */
static const char *fw_match(const char *cmd, const char *word)
{
	size_t n = fw_strlen(word);

	if (memcmp(cmd, word, n))
		return NULL;
	if (cmd[n] == ' ')
		return cmd + n + 1;
	return cmd[n] ? NULL : cmd + n;
}

/* Take a buffer for a message that lies; write a header; 0 or -1. */
static int fw_bad_start(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			uint32_t dst, uint16_t hdr_len, struct fw_vring_buf *buf)
{
	struct rpmsg_hdr hdr = { .src = ept->addr, .dst = dst, .len = hdr_len };

	if (fw_rpmsg_get_tx_buf(rp, buf))
		return -1;
	memset(buf->data, 'z', buf->len);
	memcpy(buf->data, &hdr, sizeof(hdr));
	return 0;
}

static void fw_bad_used(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			uint32_t dst, const char *what)
{
	struct fw_vring_buf buf;

	if (!fw_strcmp(what, "bad-used-len")) {
		if (!fw_bad_start(rp, ept, dst, 4, &buf))
			fw_rpmsg_put_tx_buf(rp, buf.head, FW_RPMSG_HDR_SIZE / 2);
	} else if (!fw_strcmp(what, "short-len")) {
		if (!fw_bad_start(rp, ept, dst, 100, &buf))
			fw_rpmsg_put_tx_buf(rp, buf.head, FW_RPMSG_HDR_SIZE + 50);
	} else if (!fw_strcmp(what, "hdr-len-too-big")) {
		if (!fw_bad_start(rp, ept, dst, 0, &buf)) {
			uint16_t len = (uint16_t)(buf.len - FW_RPMSG_HDR_SIZE + 1);

			memcpy((unsigned char *)buf.data +
			       offsetof(struct rpmsg_hdr, len), &len, sizeof(len));
			fw_rpmsg_put_tx_buf(rp, buf.head, buf.len);
		}
	} else if (!fw_bad_start(rp, ept, dst, 4, &buf)) {	/* bad-used-id */
		fw_rpmsg_put_tx_buf(rp, rp->tx.num + 7, FW_RPMSG_HDR_SIZE + 4);
	}
	rp->tx_msgs++;
	fw_rpmsg_flush(rp);
}

static void fw_ns_raw(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
		      const char *name, uint32_t addr, uint32_t flags,
		      uint32_t len)
{
	struct rpmsg_ns_msg msg;

	memset(&msg, 0, sizeof(msg));
	memcpy(msg.name, name, fw_strnlen(name, sizeof(msg.name)));
	msg.addr = addr;
	msg.flags = flags;
	fw_rpmsg_send(rp, ept->addr, RPMSG_NS_ADDR, &msg, len);
}

static void fw_ns_flood(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			uint32_t n, uint32_t flags)
{
	char name[RPMSG_WIRE_NAME_SIZE];

	for (uint32_t i = 0; i < n; i++) {
		fw_snformat(name, sizeof(name), "ns-flood-%u", i);
		fw_ns_raw(rp, ept, name, FW_NS_FLOOD_ADDR + i, flags,
			  sizeof(struct rpmsg_ns_msg));
	}
	fw_rpmsg_flush(rp);
}

static void fw_flood(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
		     uint32_t dst, uint32_t n, uint32_t size)
{
	unsigned char msg[FW_MTU];

	for (uint32_t seq = 0; seq < n; seq++) {
		for (uint32_t i = 0; i < size; i++)
			msg[i] = (unsigned char)(seq + i);
		if (fw_rpmsg_send(rp, ept->addr, dst, msg, size))
			break;
	}
	fw_rpmsg_flush(rp);
}

static void fw_cmd_announce(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			    uint32_t src, const char *name)
{
	struct fw_rpmsg_ept *e;

	if (!*name || fw_strlen(name) >= RPMSG_WIRE_NAME_SIZE)
		return fw_reply(rp, ept, src, "err announce: bad name");
	if (fw_rpmsg_find_ept(rp, name))
		return fw_reply(rp, ept, src, "err announce: %s exists", name);
	e = fw_rpmsg_create_ept(rp, name, FW_RPMSG_ADDR_ANY, fw_echo_cb, NULL);
	if (!e)
		return fw_reply(rp, ept, src, "err announce: no room");
	if (fw_rpmsg_announce(rp, e, RPMSG_NS_CREATE)) {
		fw_rpmsg_destroy_ept(rp, e);
		return fw_reply(rp, ept, src, "err announce: cannot send");
	}
	fw_rpmsg_flush(rp);
	fw_reply(rp, ept, src, "ok announce %s %u", name, e->addr);
}

static void fw_cmd_destroy(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			   uint32_t src, const char *name)
{
	struct fw_rpmsg_ept *e = fw_rpmsg_find_ept(rp, name);

	if (!e)
		return fw_reply(rp, ept, src, "err destroy: no %s", name);
	if (e == ept)
		return fw_reply(rp, ept, src, "err destroy: not myself");
	fw_rpmsg_destroy_ept(rp, e);
	fw_rpmsg_flush(rp);
	fw_reply(rp, ept, src, "ok destroy %s", name);
}

static void fw_cmd_flood(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			 uint32_t src, const char *args)
{
	int64_t n = fw_parse_u32(&args), size = n < 0 ? -1 : fw_parse_u32(&args);

	if (n < 0 || size < 1 || *args || n > FW_FLOOD_MAX_N || size > FW_MTU)
		return fw_reply(rp, ept, src,
				"err flood: usage flood <n<=%u> <1..%u>",
				FW_FLOOD_MAX_N, (unsigned int)FW_MTU);
	fw_reply(rp, ept, src, "ok flood %u %u", (uint32_t)n, (uint32_t)size);
	fw_flood(rp, ept, src, (uint32_t)n, (uint32_t)size);
}

static void fw_ns_flood_cmd(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			    uint32_t src, const char *cmd, const char *args,
			    uint32_t flags)
{
	int64_t n = fw_parse_u32(&args);

	if (n < 0 || *args || n > FW_NS_FLOOD_MAX)
		return fw_reply(rp, ept, src, "err %s: usage %s <n<=%u>", cmd,
				cmd, FW_NS_FLOOD_MAX);
	fw_reply(rp, ept, src, "ok %s %u", cmd, (uint32_t)n);
	fw_ns_flood(rp, ept, (uint32_t)n, flags);
}

static void fw_cmd_ns_flood(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			    uint32_t src, const char *args)
{
	fw_ns_flood_cmd(rp, ept, src, "ns-flood", args, RPMSG_NS_CREATE);
}

static void fw_cmd_ns_unflood(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			      uint32_t src, const char *args)
{
	fw_ns_flood_cmd(rp, ept, src, "ns-unflood", args, RPMSG_NS_DESTROY);
}

static void fw_cmd_counters(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			    uint32_t src, const char *args)
{
	if (*args)
		return fw_reply(rp, ept, src, "err unknown command");
	fw_reply(rp, ept, src, "ok counters rx=%u tx=%u dropped=%u",
		 rp->rx_msgs, rp->tx_msgs, rp->dropped);
}

static void FW_NORETURN fw_crash(void)
{
	uintptr_t bad = FW_FAULT_ADDR;

	__asm__ __volatile__("" : "+r" (bad));	/* hide the constant */
	*(volatile uint32_t *)bad = 0;
	for (;;)
		fw_cpu_relax();
}

static void fw_cmd_crash(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			 uint32_t src, const char *args)
{
	if (*args)
		return fw_reply(rp, ept, src, "err unknown command");
	fw_reply(rp, ept, src, "ok crash");
	fw_crash();
}

/*
 * Destroys aimed at Linux's own channels, or at a real one through the
 * wildcard address.  Return: true if @cmd was one of them.
 */
static bool fw_ns_destroy_linux(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
				const char *cmd)
{
	static const struct {
		const char *cmd;
		const char *name;
		uint32_t addr;
	} d[] = {
		{ "ns-destroy-any-raw", FW_SVC_RAW, 0xffffffffu },
		{ "ns-destroy-any-ns", "rpmsg_ns", 0xffffffffu },
		{ "ns-destroy-ns", "rpmsg_ns", RPMSG_NS_ADDR },
		{ "ns-destroy-any-ctrl", "rpmsg_ctrl", 0xffffffffu },
		{ "ns-destroy-ctrl", "rpmsg_ctrl", 0 },
	};

	for (size_t i = 0; i < FW_ARRAY_SIZE(d); i++) {
		if (fw_strcmp(cmd, d[i].cmd))
			continue;
		fw_ns_raw(rp, ept, d[i].name, d[i].addr, RPMSG_NS_DESTROY,
			  sizeof(struct rpmsg_ns_msg));
		return true;
	}
	return false;
}

/* Keeps writing a status Linux never set, petting the watchdog. */
static void fw_status_garbage(struct fw_rpmsg *rp)
{
	const struct rproc_emu_hw *hw = rp->hw;
	uint64_t end = hw->clock_ns(hw) + FW_GARBAGE_MS * 1000000ull;

	while (hw->clock_ns(hw) < end) {
		*(volatile uint8_t *)&rp->vdev->status = 0x0f;
		hw->watchdog_pet(hw);
		hw->wait_kick(hw, 1000);
	}
}

static void fw_misbehave(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			 uint32_t src, const char *cmd)
{
	fw_reply(rp, ept, src, "ok %s", cmd);
	if (!fw_strcmp(cmd, "unknown-dst"))
		fw_rpmsg_send(rp, ept->addr, FW_UNKNOWN_ADDR, "nobody", 6);
	else if (!fw_strcmp(cmd, "ns-wrong-size"))
		fw_ns_raw(rp, ept, "ns-wrong-size", FW_UNKNOWN_ADDR,
			  RPMSG_NS_CREATE, sizeof(struct rpmsg_ns_msg) - 4);
	else if (!fw_strcmp(cmd, "ns-unterminated"))
		fw_ns_raw(rp, ept, "ns-unterminated-xxxxxxxxxxxxxxxxxxxxxxx",
			  FW_UNKNOWN_ADDR, RPMSG_NS_CREATE,
			  sizeof(struct rpmsg_ns_msg));
	else if (!fw_strcmp(cmd, "ns-destroy-unknown"))
		fw_ns_raw(rp, ept, "ns-never-announced", FW_UNKNOWN_ADDR,
			  RPMSG_NS_DESTROY, sizeof(struct rpmsg_ns_msg));
	else if (!fw_ns_destroy_linux(rp, ept, cmd) &&
		 fw_strcmp(cmd, "status-garbage"))
		fw_bad_used(rp, ept, src, cmd);
	fw_rpmsg_flush(rp);
	if (!fw_strcmp(cmd, "status-garbage"))
		fw_status_garbage(rp);
}

static const char *const fw_misbehaviours[] = {
	"bad-used-len", "short-len", "hdr-len-too-big", "bad-used-id",
	"unknown-dst", "ns-wrong-size", "ns-unterminated",
	"ns-destroy-unknown", "ns-destroy-any-raw", "ns-destroy-any-ns",
	"ns-destroy-ns", "ns-destroy-any-ctrl", "ns-destroy-ctrl",
	"status-garbage",
};

/**
 * struct fw_ctrl_cmd - a command of the control service
 * @word: its first word
 * @run: runs it with the rest of the line ("" when there is none)
 */
struct fw_ctrl_cmd {
	const char *word;
	void (*run)(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
		    uint32_t src, const char *args);
};

#ifdef FW_CHAOS
static void fw_cmd_chaos(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			 uint32_t src, const char *args)
{
	char reply[FW_REPLY_MAX];

	fw_chaos_command(ept->priv, args, reply, sizeof(reply));
	fw_reply(rp, ept, src, "%s", reply);
}
#endif

static const struct fw_ctrl_cmd fw_ctrl_cmds[] = {
#ifdef FW_CHAOS
	{ "chaos", fw_cmd_chaos },
#endif
	{ "counters", fw_cmd_counters },
	{ "crash", fw_cmd_crash },
	{ "announce", fw_cmd_announce },
	{ "destroy", fw_cmd_destroy },
	{ "flood", fw_cmd_flood },
	{ "ns-flood", fw_cmd_ns_flood },
	{ "ns-unflood", fw_cmd_ns_unflood },
};

static void fw_ctrl_cb(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
		       const void *data, uint32_t len, uint32_t src)
{
	char cmd[FW_CMD_MAX];
	const char *arg;
	size_t i;

	if (len >= sizeof(cmd))
		return fw_reply(rp, ept, src, "err: command too long");
	memcpy(cmd, data, len);		/* Linux's buffer: read it once */
	cmd[len] = '\0';
	len = (uint32_t)fw_strlen(cmd);
	while (len && cmd[len - 1] == '\n')
		cmd[--len] = '\0';

	for (i = 0; i < FW_ARRAY_SIZE(fw_ctrl_cmds); i++) {
		arg = fw_match(cmd, fw_ctrl_cmds[i].word);
		if (arg)
			return fw_ctrl_cmds[i].run(rp, ept, src, arg);
	}
	for (i = 0; i < FW_ARRAY_SIZE(fw_misbehaviours); i++)
		if (!fw_strcmp(cmd, fw_misbehaviours[i]))
			return fw_misbehave(rp, ept, src, cmd);
	fw_reply(rp, ept, src, "err unknown command");
}

/**
 * fw_services_init() - create the endpoints of the default firmware
 * @rp: the rpmsg device, not up yet (they are announced when it comes up)
 * @chaos: the chaos engine (built with FW_CHAOS), or NULL
 *
 * Return: 0, or -1 when an endpoint could not be created.
 */
int fw_services_init(struct fw_rpmsg *rp, struct fw_chaos *chaos)
{
	static const char *const echo[] = { FW_SVC_SAMPLE, FW_SVC_RAW, FW_SVC_TTY };

	for (size_t i = 0; i < FW_ARRAY_SIZE(echo); i++)
		if (!fw_rpmsg_create_ept(rp, echo[i], FW_RPMSG_ADDR_ANY,
					 fw_echo_cb, chaos))
			return -1;
	if (!fw_rpmsg_create_ept(rp, FW_SVC_CTRL, FW_RPMSG_ADDR_ANY, fw_ctrl_cb,
				 chaos))
		return -1;
	return 0;
}
