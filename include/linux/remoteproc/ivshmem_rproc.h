/* SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause */
/*
 * The emulated AMP platform: interface between the Linux platform driver
 * (drivers/remoteproc/ivshmem_rproc.c) and the remote-core emulator
 * (tools/remoteproc/emulator).
 *
 * The remote processor is reached through a QEMU "ivshmem-doorbell" PCI
 * device (1af4:1110) whose peer is the emulator:
 *
 *  - BAR2, the shared memory, is the remote's local memory (its SRAM).  It
 *    starts with a control page (&struct ivrp_ctrl); the rest is where
 *    firmware is loaded.  The remote sees BAR2 offset 0 at device address
 *    %IVRP_LOCAL_DA.
 *  - Guest RAM is shared with the emulator too: the remote sees it at
 *    device address == guest physical address, below %IVRP_LOCAL_DA.
 *  - Kicks travel as ivshmem doorbells (Linux -> emulator) and MSI-X vectors
 *    (emulator -> Linux), one vector per &enum ivrp_vector.
 *
 * Both sides run on the same x86-64 host, so every field is little-endian
 * and naturally aligned; 32-bit fields are read and written as single
 * accesses.
 */
#ifndef _LINUX_REMOTEPROC_IVSHMEM_RPROC_H
#define _LINUX_REMOTEPROC_IVSHMEM_RPROC_H

#if defined(__KERNEL__) || defined(__linux__)
#include <linux/types.h>
#else
/* Freestanding firmware: the compiler's own fixed-width types. */
typedef __UINT32_TYPE__ __u32;
typedef __UINT64_TYPE__ __u64;
#endif

/** IVRP_MAGIC - &ivrp_ctrl.magic once the emulator is ready ("IVRP") */
#define IVRP_MAGIC		0x50525649
/** IVRP_VERSION - version of this interface */
#define IVRP_VERSION		1

/** IVRP_CTRL_SIZE - size of the control page at the start of BAR2 */
#define IVRP_CTRL_SIZE		0x1000
/** IVRP_LOCAL_DA - device address of BAR2 offset 0 (the control page) */
#define IVRP_LOCAL_DA		0x60000000u
/** IVRP_LOAD_DA - first device address firmware may be loaded at */
#define IVRP_LOAD_DA		(IVRP_LOCAL_DA + IVRP_CTRL_SIZE)
/** IVRP_RAM_LIMIT - guest RAM visible to the remote ends below this */
#define IVRP_RAM_LIMIT		IVRP_LOCAL_DA

/**
 * enum ivrp_vector - doorbell and MSI-X vectors
 * @IVRP_VEC_CTRL: Linux -> emulator: a new command is in &ivrp_ctrl.cmd;
 *		   emulator -> Linux: the command in &ivrp_ctrl.ack_seq is done
 * @IVRP_VEC_VRING: either way: "look at your vrings" (all of them)
 * @IVRP_VEC_CRASH: emulator -> Linux: the remote crashed, see
 *		    &ivrp_ctrl.crash_reason
 * @IVRP_NUM_VECTORS: number of vectors the device must be given
 */
enum ivrp_vector {
	IVRP_VEC_CTRL		= 0,
	IVRP_VEC_VRING		= 1,
	IVRP_VEC_CRASH		= 2,
	IVRP_NUM_VECTORS	= 3,
};

/**
 * enum ivrp_cmd - commands from Linux to the emulator
 * @IVRP_CMD_NONE: no command
 * @IVRP_CMD_START: start the core at &ivrp_ctrl.boot_addr
 * @IVRP_CMD_STOP: stop the core (it may already be stopped or crashed)
 */
enum ivrp_cmd {
	IVRP_CMD_NONE		= 0,
	IVRP_CMD_START		= 1,
	IVRP_CMD_STOP		= 2,
};

/**
 * enum ivrp_state - state of the remote core, written by the emulator
 * @IVRP_STATE_OFFLINE: not running
 * @IVRP_STATE_RUNNING: executing firmware
 * @IVRP_STATE_CRASHED: stopped by a fault or the watchdog, until the next
 *			%IVRP_CMD_STOP or %IVRP_CMD_START
 */
enum ivrp_state {
	IVRP_STATE_OFFLINE	= 0,
	IVRP_STATE_RUNNING	= 1,
	IVRP_STATE_CRASHED	= 2,
};

/**
 * enum ivrp_crash_reason - why the core stopped by itself
 * @IVRP_CRASH_NONE: no crash
 * @IVRP_CRASH_FAULT: a memory or instruction fault (detail: signal number)
 * @IVRP_CRASH_ABORT: the firmware aborted (detail: signal number)
 * @IVRP_CRASH_EXIT: the firmware returned from its entry point or exited
 *		     (detail: exit status)
 * @IVRP_CRASH_WATCHDOG: the firmware stopped petting its watchdog
 *			 (detail: milliseconds since the last pet)
 */
enum ivrp_crash_reason {
	IVRP_CRASH_NONE		= 0,
	IVRP_CRASH_FAULT	= 1,
	IVRP_CRASH_ABORT	= 2,
	IVRP_CRASH_EXIT		= 3,
	IVRP_CRASH_WATCHDOG	= 4,
};

/**
 * enum ivrp_result - &ivrp_ctrl.cmd_result values
 * @IVRP_OK: the command was carried out
 * @IVRP_EINVAL: unknown command, or a boot address outside local memory
 * @IVRP_EBUSY: start while the core runs
 * @IVRP_EIO: the core could not be created
 */
enum ivrp_result {
	IVRP_OK			= 0,
	IVRP_EINVAL		= 1,
	IVRP_EBUSY		= 2,
	IVRP_EIO		= 3,
};

/**
 * struct ivrp_ctrl - the control page at BAR2 offset 0
 * @magic: %IVRP_MAGIC, written by the emulator before QEMU connects
 * @version: %IVRP_VERSION
 * @emu_peer: ivshmem peer id of the emulator (doorbell destination)
 * @local_size: size of BAR2 in bytes, control page included
 * @watchdog_ms: watchdog period; the emulator reports a crash when the
 *		 firmware has not petted it for this long (0: no watchdog)
 * @cmd: &enum ivrp_cmd, written by Linux before bumping @cmd_seq
 * @cmd_seq: incremented by Linux for each command
 * @ack_seq: set to @cmd_seq by the emulator once the command is done
 * @cmd_result: &enum ivrp_result of the command acknowledged in @ack_seq
 * @state: &enum ivrp_state
 * @crash_reason: &enum ivrp_crash_reason of the last crash
 * @crash_detail: detail of the last crash, see &enum ivrp_crash_reason
 * @crash_count: number of crashes since the emulator started
 * @heartbeat: incremented by the core each time the firmware pets its
 *	       watchdog
 * @boot_count: number of successful starts since the emulator started
 * @reserved0: zero (keeps @boot_addr 8-byte aligned)
 * @boot_addr: entry point (device address), written by Linux before
 *	       %IVRP_CMD_START
 * @rsc_da: device address of the running firmware's resource table when
 *	    the emulator started the firmware by itself, before Linux ran
 *	    (as a bootloader would: rproc-emu --preboot); 0 otherwise.  Linux
 *	    attaches to such a remote instead of loading it.
 * @rsc_size: size in bytes of that resource table (0: none)
 *
 * The rest of the page is reserved and zero.
 */
struct ivrp_ctrl {
	__u32 magic;
	__u32 version;
	__u32 emu_peer;
	__u32 local_size;
	__u32 watchdog_ms;
	__u32 cmd;
	__u32 cmd_seq;
	__u32 ack_seq;
	__u32 cmd_result;
	__u32 state;
	__u32 crash_reason;
	__u32 crash_detail;
	__u32 crash_count;
	__u32 heartbeat;
	__u32 boot_count;
	__u32 reserved0;
	__u64 boot_addr;
	__u32 rsc_da;
	__u32 rsc_size;
};

#endif /* _LINUX_REMOTEPROC_IVSHMEM_RPROC_H */
