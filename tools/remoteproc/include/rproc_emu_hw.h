/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The "hardware" the remote-core emulator gives to firmware.
 *
 * rproc-emu runs firmware as a host process, the core process.  Its entry
 * point is called as
 *
 *	void entry(const struct rproc_emu_hw *hw);
 *
 * on a stack of its own, with the remote's local memory mapped at the
 * device addresses it has in ivshmem_rproc.h (VA == DA).  Everything the
 * firmware cannot do with plain loads and stores (interrupts, time, the
 * watchdog, debug output) goes through the operations below.  Returning
 * from the entry point stops the core; the emulator reports it to Linux as
 * a crash of kind IVRP_CRASH_EXIT.
 *
 * The structure lives in the core process's own memory, not in the shared
 * memory.  The emulator embeds it in private state that follows it: the
 * firmware must use the structure only through the pointer it was given.
 *
 * Every operation may be called at any time from the firmware's single
 * thread of execution.  None of them may be called concurrently (the core
 * has one thread).
 */
#ifndef RPROC_EMU_HW_H
#define RPROC_EMU_HW_H

#include <stdint.h>

/** RPROC_EMU_HW_VERSION - &rproc_emu_hw.version of this interface */
#define RPROC_EMU_HW_VERSION	1

/**
 * struct rproc_emu_hw - operations of the emulated core
 * @version: %RPROC_EMU_HW_VERSION
 * @reserved: zero
 * @da_to_va: translate the device address range [@da, @da + @len) to a
 *	      pointer.  Valid ranges are the local memory after the control
 *	      page and guest RAM below IVRP_RAM_LIMIT; a range that is not
 *	      wholly inside one of them (or that wraps around) gives NULL.  A
 *	      range of length 0 is valid when @da lies inside a region.
 * @kick: interrupt Linux on @vector.  Only IVRP_VEC_VRING is accepted ("look
 *	  at your vrings"); other vectors are ignored.
 * @wait_kick: wait until Linux kicks IVRP_VEC_VRING or @timeout_us
 *	       microseconds pass (a negative timeout waits forever).  Kicks
 *	       that arrived since the last call count: several kicks may be
 *	       reported as one.  Returns 1 when kicked, 0 on timeout.
 * @clock_ns: a monotonic clock, in nanoseconds
 * @watchdog_pet: tell the watchdog the firmware is alive.  Without a pet
 *		  for ivrp_ctrl.watchdog_ms, the emulator kills the core and
 *		  reports IVRP_CRASH_WATCHDOG.
 * @debug_puts: write a NUL-terminated line (at most 256 characters are
 *		used, without the newline) to the emulator's log
 */
struct rproc_emu_hw {
	uint32_t version;
	uint32_t reserved;
	void *(*da_to_va)(const struct rproc_emu_hw *hw, uint64_t da,
			  uint64_t len);
	void (*kick)(const struct rproc_emu_hw *hw, unsigned int vector);
	int (*wait_kick)(const struct rproc_emu_hw *hw, int64_t timeout_us);
	uint64_t (*clock_ns)(const struct rproc_emu_hw *hw);
	void (*watchdog_pet)(const struct rproc_emu_hw *hw);
	void (*debug_puts)(const struct rproc_emu_hw *hw, const char *line);
};

/**
 * typedef rproc_emu_entry_t - type of a firmware entry point
 */
typedef void (*rproc_emu_entry_t)(const struct rproc_emu_hw *hw);

#endif /* RPROC_EMU_HW_H */
