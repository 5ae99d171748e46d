/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The chaos firmware's misbehaviour engine (rproc-emu-chaos.elf).
 *
 * Armed through the control service ("chaos <seed> <rate> <events>", see
 * chaos.c), it corrupts, at random but from a seeded generator, what a
 * remote processor can corrupt: the headers and lengths of the messages it
 * echoes, the used rings, the avail index, the descriptors of the buffers
 * it holds, name-service messages, the vdev status byte and config space,
 * the resource table in its memory, and the timing of its kicks.  Each
 * corruption is one numbered line in the trace buffer and the emulator's
 * log; a status line under the heartbeat line sums them up.
 */
#ifndef FW_CHAOS_H
#define FW_CHAOS_H

#include <stdbool.h>
#include <stdint.h>

#include <fw/rpmsg.h>
#include <fw/trace.h>

/** FW_CHAOS_MAX_ENTRIES - resource-table entries the engine keeps track of */
#define FW_CHAOS_MAX_ENTRIES	8
/** FW_CHAOS_MAX_NAMES - garbage channels remembered to destroy them later */
#define FW_CHAOS_MAX_NAMES	8

/**
 * enum fw_chaos_expect - what Linux must count for a corruption
 * @FW_CHAOS_EXP_NONE: nothing Linux can tell from a valid message
 * @FW_CHAOS_EXP_RX_SHORT: virtio-rpmsg stats rx_short
 * @FW_CHAOS_EXP_RX_OVERSIZE: virtio-rpmsg stats rx_oversize
 * @FW_CHAOS_EXP_RX_BAD_LEN: virtio-rpmsg stats rx_bad_len
 * @FW_CHAOS_EXP_RX_UNKNOWN_DST: virtio-rpmsg stats rx_unknown_dst
 * @FW_CHAOS_EXP_NS: one of the name service's counters (rejected, created
 *		     or destroyed): each message to address 53 counts once
 * @FW_CHAOS_EXP_NR: number of kinds
 */
enum fw_chaos_expect {
	FW_CHAOS_EXP_NONE,
	FW_CHAOS_EXP_RX_SHORT,
	FW_CHAOS_EXP_RX_OVERSIZE,
	FW_CHAOS_EXP_RX_BAD_LEN,
	FW_CHAOS_EXP_RX_UNKNOWN_DST,
	FW_CHAOS_EXP_NS,
	FW_CHAOS_EXP_NR,
};

/**
 * struct fw_chaos_name - a channel the engine announced with a garbage name
 * @name: the name, NUL-terminated
 * @addr: its address
 */
struct fw_chaos_name {
	char name[RPMSG_WIRE_NAME_SIZE];
	uint32_t addr;
};

/**
 * struct fw_chaos - the engine's state
 * @rp: the rpmsg device
 * @table: the loaded resource table, @table_size bytes
 * @table_size: its size
 * @entry_off: offsets of its entries, read before any corruption
 * @nr_entries: how many of @entry_off are valid
 * @vdev: the rpmsg vdev entry
 * @config: its config space, @config_len bytes
 * @config_len: size of @config
 * @note: writes one line to the trace and the emulator's log
 * @note_ctx: its context
 * @armed: corrupting
 * @seed: the seed of the current run
 * @rate: chance of a corruption per opportunity, per mille
 * @limit: corruptions to make in this run
 * @done: corruptions made so far in this run
 * @hard: corruptions that may stop Linux's processing for good (a broken
 *	  ring, a crash...)
 * @first_hard: the number of the first of those, 0 if none
 * @expect: per &enum fw_chaos_expect, corruptions made before the first
 *	    hard one, which Linux must therefore have counted
 * @skip: bit i set: kind i is not used (option skip=)
 * @with: bit i set: kind i, off by default, is used (option with=)
 * @fire: generator deciding when to corrupt
 * @pick_echo: generator of the corruptions of echoed messages
 * @pick_loop: generator of the other corruptions
 * @status_hold: rewrite the status byte with this value on every pass
 *		 (0: don't), until disarmed
 * @names: garbage channels announced, to destroy later
 * @nr_names: how many of @names are valid
 * @trace: the trace, to know when it is nearly full
 * @quiet: the trace is nearly full: no more event lines in it
 */
struct fw_chaos {
	struct fw_rpmsg *rp;
	unsigned char *table;
	uint32_t table_size;
	uint32_t entry_off[FW_CHAOS_MAX_ENTRIES];
	uint32_t nr_entries;
	struct fw_rsc_vdev *vdev;
	unsigned char *config;
	uint32_t config_len;
	void (*note)(void *ctx, const char *line);
	void *note_ctx;
	bool armed;
	uint32_t seed;
	uint32_t rate;
	uint32_t limit;
	uint32_t done;
	uint32_t hard;
	uint32_t first_hard;
	uint32_t expect[FW_CHAOS_EXP_NR];
	uint64_t skip;
	uint64_t with;
	uint64_t fire;
	uint64_t pick_echo;
	uint64_t pick_loop;
	uint8_t status_hold;
	struct fw_chaos_name names[FW_CHAOS_MAX_NAMES];
	uint32_t nr_names;
	struct fw_trace *trace;
	bool quiet;
};

void fw_chaos_init(struct fw_chaos *c, struct fw_rpmsg *rp, void *table,
		   uint32_t table_size, struct fw_rsc_vdev *vdev,
		   void *config, uint32_t config_len, struct fw_trace *trace,
		   void (*note)(void *ctx, const char *line), void *note_ctx);
void fw_chaos_command(struct fw_chaos *c, const char *args, char *reply,
		      uint32_t reply_size);
void fw_chaos_loop(struct fw_chaos *c);
bool fw_chaos_echo(struct fw_chaos *c, struct fw_rpmsg_ept *ept,
		   const void *data, uint32_t len, uint32_t src);
void fw_chaos_status(const struct fw_chaos *c, struct fw_trace *t);

#endif /* FW_CHAOS_H */
