// SPDX-License-Identifier: BSD-3-Clause
/*
 * rproc-emu default firmware: trace banner, carveout check, heartbeat.
 *
 * Trace buffer contents (trace0):
 *
 *	<FW_NAME>: booted, table ver 1, carveout da 0x<da> len 0x<len>
 *	carveout ok				(or "carveout FAILED: <why>")
 *	blob ok, 0x<size> bytes			(images with a blob only;
 *						 or "blob FAILED at 0x<off>")
 *	rpmsg: ready				(each time Linux sets DRIVER_OK;
 *						 "rpmsg: reset" when the status
 *						 drops, "rpmsg: bad vrings" when
 *						 they are unusable)
 *	heartbeat <N>				(rewritten in place, N = 1, 2...)
 *
 * Every 100 ms it pets the watchdog and rewrites the heartbeat line.
 *
 * The resource table also has a virtio rpmsg device (services.c lists its
 * services).  Its vrings use align 4096 (the page-aligned legacy layout
 * Linux's remoteproc allocates) and 256 buffers each.  While the device is
 * not up (no DRIVER_OK), a VRING kick from Linux is answered with a VRING
 * kick; once it is up, Linux is kicked (once per pass of the main loop)
 * when used buffers were returned.
 *
 * Built as rproc-emu-fw.elf, and with FW_HAS_BLOB as rproc-emu-1m.elf and
 * rproc-emu-16m.elf (FW_NAME says which).
 *
 * With FW_FOREIGN (foreign.h) it is rproc-emu-vdev-<kind>-rpmsg.elf: a
 * virtio device other than rpmsg, never served, comes before the rpmsg
 * vdev in the table; the rest is as in the default image.
 *
 * With FW_CHAOS it is rproc-emu-chaos.elf: the same services, with the
 * chaos engine (chaos.c) behind the echo services and the control
 * service's "chaos" command.  Its trace buffer is 64 KiB, its rpmsg vdev
 * has 8 bytes of config space (for the engine to scribble on), and it
 * writes the engine's status line under the heartbeat line.  While the
 * engine is armed, the main loop runs at least every 10 ms.
 *
 * With FW_ATTACH it is rproc-emu-attach.elf, for a remote a bootloader
 * started before Linux (rproc-emu --preboot): the same services, but no
 * carveout in the table (nobody allocates one for a running firmware), so
 * the first line is instead
 *
 *	rproc-emu-attach: booted, attach image, table ver 1
 *
 * and no carveout line follows.  The vrings stay FW_RSC_ADDR_ANY until
 * Linux attaches, allocates them and writes their addresses into the live
 * table, before DRIVER_OK; a detach (status back to 0) and a new attach
 * with other vrings are followed like any reset.
 */
#include <stddef.h>
#include <stdint.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include <fw/compiler.h>
#include <fw/entry.h>
#include <fw/patterns.h>
#include <fw/rpmsg.h>
#include <fw/rsc.h>
#include <fw/trace.h>

#include "rproc_emu_hw.h"
#include "blob.h"
#include "services.h"
#ifdef FW_CHAOS
#include "chaos.h"
#endif
#ifdef FW_FOREIGN
#include "foreign.h"
#endif

#ifndef FW_NAME
#define FW_NAME			"rproc-emu-fw"
#endif

#ifdef FW_CHAOS
#define FW_TRACE_SIZE		65536
#define FW_RPMSG_CONFIG_LEN	8
#define FW_CHAOS_PERIOD_US	10000
#else
#define FW_TRACE_SIZE		4096
#define FW_RPMSG_CONFIG_LEN	0
#endif
#define FW_HEAP_SIZE		0x10000
#define FW_HEARTBEAT_NS		100000000ull
#define FW_NS_PER_US		1000ull
#define FW_VRING_ALIGN		4096
#define FW_VRING_NUM		256

static char fw_trace_buf[FW_TRACE_SIZE];

#ifdef FW_ATTACH
struct fw_resources {
	FW_RSC_TABLE_HDR(2) hdr;
	union fw_rsc_trace_entry trace;
	FW_RSC_VDEV_ENTRY(2) rpmsg;
} __packed;

#define FW_TABLE_HDR_INIT						\
	FW_RSC_TABLE_HDR_INIT(FW_RSC_OFFSET(struct fw_resources, trace),	\
			      FW_RSC_OFFSET(struct fw_resources, rpmsg))
#elif defined(FW_FOREIGN)
struct fw_resources {
	FW_RSC_TABLE_HDR(4) hdr;
	union fw_rsc_trace_entry trace;
	FW_RSC_ENTRY(struct fw_rsc_carveout) heap;
	struct fw_foreign_vdev foreign;
	FW_RSC_VDEV_ENTRY(2) rpmsg;
} __packed;

#define FW_TABLE_HDR_INIT						\
	FW_RSC_TABLE_HDR_INIT(FW_RSC_OFFSET(struct fw_resources, trace),	\
			      FW_RSC_OFFSET(struct fw_resources, heap),	\
			      FW_RSC_OFFSET(struct fw_resources, foreign),	\
			      FW_RSC_OFFSET(struct fw_resources, rpmsg))
#else
struct fw_resources {
	FW_RSC_TABLE_HDR(3) hdr;
	union fw_rsc_trace_entry trace;
	FW_RSC_ENTRY(struct fw_rsc_carveout) heap;
	FW_RSC_VDEV_ENTRY(2) rpmsg;
#if FW_RPMSG_CONFIG_LEN
	__u8 rpmsg_config[FW_RPMSG_CONFIG_LEN];
#endif
} __packed;

#define FW_TABLE_HDR_INIT						\
	FW_RSC_TABLE_HDR_INIT(FW_RSC_OFFSET(struct fw_resources, trace),	\
			      FW_RSC_OFFSET(struct fw_resources, heap),	\
			      FW_RSC_OFFSET(struct fw_resources, rpmsg))
#endif

FW_RESOURCE_TABLE struct fw_resources fw_resources = {
	.hdr = FW_TABLE_HDR_INIT,
	.trace = FW_RSC_TRACE_INIT(fw_trace_buf, "trace0"),
#ifndef FW_ATTACH
	.heap = FW_RSC_CARVEOUT_INIT(FW_RSC_ADDR_ANY, FW_HEAP_SIZE, "fw-heap"),
#endif
#ifdef FW_FOREIGN
	.foreign = FW_FOREIGN_VDEV_INIT(2),
#endif
	.rpmsg = {
		.type = RSC_VDEV,
		.rsc = {
			.id = VIRTIO_ID_RPMSG,
			.dfeatures = 1u << VIRTIO_RPMSG_F_NS,
			.config_len = FW_RPMSG_CONFIG_LEN,
			.num_of_vrings = 2,
			.vring = {
				/* [0]: to Linux, [1]: from Linux */
				FW_RSC_VRING_INIT(FW_VRING_ALIGN, FW_VRING_NUM, 0),
				FW_RSC_VRING_INIT(FW_VRING_ALIGN, FW_VRING_NUM, 1),
			},
		},
	},
};

_Static_assert(sizeof(fw_resources.rpmsg.rsc) ==
	       sizeof(struct fw_rsc_vdev) + 2 * sizeof(struct fw_rsc_vdev_vring),
	       "vdev entry layout");
_Static_assert(FW_RSC_OFFSET(struct fw_resources, rpmsg) % 4 == 0,
	       "entries are 4-byte aligned");

/**
 * struct fw_state - the default firmware's state
 * @hw: the hardware
 * @trace: the trace buffer
 * @rp: the rpmsg device
 * @mark: where the heartbeat line starts
 * @beats: heartbeats so far
 * @next: when the next heartbeat is due (clock_ns)
 * @chaos: the chaos engine (FW_CHAOS only)
 */
struct fw_state {
	const struct rproc_emu_hw *hw;
	struct fw_trace *trace;
	struct fw_rpmsg rp;
	uint32_t mark;
	uint32_t beats;
	uint64_t next;
#ifdef FW_CHAOS
	struct fw_chaos chaos;
#endif
};

#ifdef FW_ATTACH
static void fw_boot_report(const struct rproc_emu_hw *hw, struct fw_trace *t)
{
	(void)hw;
	fw_trace_printf(t, "%s: booted, attach image, table ver %u\n", FW_NAME,
			FW_READ_ONCE(fw_resources.hdr.ver));
}
#else
/* Write the pattern through the whole carveout, then read it back. */
static const char *fw_check_carveout(const struct rproc_emu_hw *hw)
{
	uint32_t da = FW_READ_ONCE(fw_resources.heap.rsc.da);
	uint32_t pa = FW_READ_ONCE(fw_resources.heap.rsc.pa);
	uint32_t len = FW_READ_ONCE(fw_resources.heap.rsc.len);
	volatile uint32_t *mem;
	uint32_t i;

	if (da == (uint32_t)FW_RSC_ADDR_ANY || pa == (uint32_t)FW_RSC_ADDR_ANY)
		return "not allocated by the host";
	if (len < FW_HEAP_SIZE)
		return "shorter than asked for";
	mem = hw->da_to_va(hw, da, len);
	if (!mem)
		return "not addressable";
	for (i = 0; i < len / 4; i++)
		mem[i] = fw_carveout_word(i);
	for (i = 0; i < len / 4; i++)
		if (mem[i] != fw_carveout_word(i))
			return "read back differs";
	return NULL;
}

static void fw_boot_report(const struct rproc_emu_hw *hw, struct fw_trace *t)
{
	const char *err;

	fw_trace_printf(t, "%s: booted, table ver %u, carveout da 0x%x len 0x%x\n",
			FW_NAME, FW_READ_ONCE(fw_resources.hdr.ver),
			FW_READ_ONCE(fw_resources.heap.rsc.da),
			FW_READ_ONCE(fw_resources.heap.rsc.len));
	err = fw_check_carveout(hw);
	if (err)
		fw_trace_printf(t, "carveout FAILED: %s\n", err);
	else
		fw_trace_puts(t, "carveout ok\n");
#ifdef FW_HAS_BLOB
	fw_blob_report(t);
#endif
}
#endif /* FW_ATTACH */

/* The lines rewritten in place: the heartbeat, the chaos status line. */
static void fw_tail(struct fw_state *fs)
{
	fw_trace_printf(fs->trace, "heartbeat %u\n", fs->beats);
#ifdef FW_CHAOS
	fw_chaos_status(&fs->chaos, fs->trace);
	fw_trace_cut(fs->trace);	/* the status line may have shrunk */
#endif
}

/* Pet the watchdog and rewrite the heartbeat line, if it is time. */
static void fw_beat(void *ctx)
{
	struct fw_state *fs = ctx;
	const struct rproc_emu_hw *hw = fs->hw;
	uint64_t now = hw->clock_ns(hw);

	if (now < fs->next)
		return;
	hw->watchdog_pet(hw);
	fw_trace_rewind(fs->trace, fs->mark);
	fs->beats++;
	fw_tail(fs);
	fs->next += FW_HEARTBEAT_NS;
	if (now > fs->next + 10 * FW_HEARTBEAT_NS)
		fs->next = now;			/* we were stopped: resync */
}

/* Add a line above the heartbeat line, and to the emulator's log. */
static void fw_note(struct fw_state *fs, const char *line)
{
	fw_trace_rewind(fs->trace, fs->mark);
	fw_trace_printf(fs->trace, "%s\n", line);
	fs->mark = fw_trace_mark(fs->trace);
	fw_tail(fs);
	fs->hw->debug_puts(fs->hw, line);
}

#ifdef FW_CHAOS
static void fw_note_cb(void *ctx, const char *line)
{
	fw_note(ctx, line);
}
#endif

static void fw_rpmsg_report(struct fw_state *fs, enum fw_rpmsg_event ev)
{
	switch (ev) {
	case FW_RPMSG_EV_UP:
		fw_note(fs, "rpmsg: ready");
		break;
	case FW_RPMSG_EV_DOWN:
		fw_note(fs, "rpmsg: reset");
		break;
	case FW_RPMSG_EV_BAD_RINGS:
		fw_note(fs, "rpmsg: bad vrings");
		break;
	case FW_RPMSG_EV_NONE:
		break;
	}
}

static void FW_NORETURN fw_run(struct fw_state *fs)
{
	const struct rproc_emu_hw *hw = fs->hw;
	enum fw_rpmsg_event ev;
	uint64_t now;
	int kicked;

	fw_boot_report(hw, fs->trace);
	hw->debug_puts(hw, FW_NAME ": booted");
	fw_rpmsg_init(&fs->rp, hw, FW_RSC_VDEV(fw_resources.rpmsg));
	fs->rp.tick = fw_beat;
	fs->rp.tick_ctx = fs;
#ifdef FW_CHAOS
	fw_chaos_init(&fs->chaos, &fs->rp, &fw_resources, sizeof(fw_resources),
		      FW_RSC_VDEV(fw_resources.rpmsg), fw_resources.rpmsg_config,
		      sizeof(fw_resources.rpmsg_config), fs->trace, fw_note_cb,
		      fs);
	if (fw_services_init(&fs->rp, &fs->chaos))
#else
	if (fw_services_init(&fs->rp, NULL))
#endif
		fw_trace_puts(fs->trace, "rpmsg: services FAILED\n");
	fs->mark = fw_trace_mark(fs->trace);
	fs->next = hw->clock_ns(hw);
	for (;;) {
		int64_t wait_us;

		fw_beat(fs);
		now = hw->clock_ns(hw);
		kicked = 0;
		if (now < fs->next) {
			wait_us = (int64_t)((fs->next - now) / FW_NS_PER_US + 1);
#ifdef FW_CHAOS
			if (fs->chaos.armed && wait_us > FW_CHAOS_PERIOD_US)
				wait_us = FW_CHAOS_PERIOD_US;
#endif
			kicked = hw->wait_kick(hw, wait_us);
		}
		ev = fw_rpmsg_poll(&fs->rp);
		fw_rpmsg_report(fs, ev);
		/* Linux may have set the device up again already. */
		if (ev == FW_RPMSG_EV_DOWN)
			fw_rpmsg_report(fs, fw_rpmsg_poll(&fs->rp));
		if (kicked && !fs->rp.active)
			hw->kick(hw, IVRP_VEC_VRING);
#ifdef FW_CHAOS
		fw_chaos_loop(&fs->chaos);
#endif
	}
}

FW_ENTRY void fw_entry(const struct rproc_emu_hw *hw)
{
	static struct fw_state fs;
	struct fw_trace trace;

	fw_trace_init(&trace, fw_trace_buf, sizeof(fw_trace_buf));
	if (hw->version != RPROC_EMU_HW_VERSION) {
		fw_trace_printf(&trace, "%s: unsupported hw version %u\n",
				FW_NAME, hw->version);
		return;
	}
	fs.hw = hw;
	fs.trace = &trace;
	fw_run(&fs);
}
