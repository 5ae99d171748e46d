/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rproc-emu: the core process.
 *
 * START forks a child, the core process, which maps the local memory at
 * its device address, maps guest RAM, and calls the firmware's entry point
 * on a stack of its own (core_child.c).  The emulator watches it through a
 * pidfd: when it dies by itself, that is a crash (crash.c).
 *
 * The child reports over a pipe whether its setup worked before it jumps to
 * the firmware, so START only succeeds for a core that really runs.
 */
#ifndef RPROC_EMU_CORE_H
#define RPROC_EMU_CORE_H

#include <stdint.h>

#include "rproc_emu_hw.h"
#include "emu.h"

/** CORE_STACK_SIZE - the firmware's stack */
#define CORE_STACK_SIZE		(1u << 20)

/**
 * struct core_hw - the firmware's hardware interface and its private state
 * @ops: what the firmware gets a pointer to
 * @ctrl: the control page, through the emulator's mapping (the firmware's
 *	  view of it at IVRP_LOCAL_DA is inaccessible)
 * @local_end: device address just past local memory
 * @ram: guest RAM mapped in the core
 * @ram_limit: bytes of guest RAM visible to the firmware
 * @kick_in_fd: eventfd Linux rings for IVRP_VEC_VRING
 * @kick_out_fd: eventfd that interrupts Linux on IVRP_VEC_VRING
 * @log: the emulator's log
 */
struct core_hw {
	struct rproc_emu_hw ops;
	struct ivrp_ctrl *ctrl;
	uint64_t local_end;
	unsigned char *ram;
	uint64_t ram_limit;
	int kick_in_fd;
	int kick_out_fd;
	struct emu_log log;
};

/* core.c: the emulator's side */
int core_start(struct emu *emu, uint64_t boot_addr);
void core_kill(struct emu *emu);
int core_reap(struct emu *emu, int *wstatus);

/* core_child.c: runs in the child */
void core_child_main(const struct emu *emu, uint64_t boot_addr, int ready_fd,
		     pid_t parent) __attribute__((noreturn));

/* hw.c: runs in the child */
void core_hw_init(struct core_hw *hw, const struct emu *emu,
		  unsigned char *ram, uint64_t ram_limit);

#endif /* RPROC_EMU_CORE_H */
