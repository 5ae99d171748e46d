/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rproc-emu: state shared by the emulator's files.
 *
 * The emulator is one process with one thread: an event loop (loop.c) that
 * serves one QEMU (ivshmem_server.c), carries out the commands Linux writes
 * into the control page (command.c), and supervises the core process that
 * runs the firmware (core.c, core_child.c, hw.c) with a watchdog
 * (watchdog.c).  With --preboot, the firmware is loaded and started before
 * QEMU connects (preboot.c, elf_load.c).  All state lives in one &struct
 * emu owned by main().
 */
#ifndef RPROC_EMU_EMU_H
#define RPROC_EMU_EMU_H

#include <stdint.h>
#include <sys/types.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include "ivshmem_server.h"
#include "log.h"
#include "options.h"
#include "watchdog.h"

/** EMU_PEER_ID - ivshmem peer id of the emulator */
#define EMU_PEER_ID	0
/** EMU_GUEST_ID - ivshmem peer id given to QEMU */
#define EMU_GUEST_ID	1

/**
 * struct emu_core - the core process, seen from the emulator
 * @pid: process id, 0 when no core exists
 * @pidfd: pidfd of @pid (readable once it exits), -1 when no core exists
 */
struct emu_core {
	pid_t pid;
	int pidfd;
};

/**
 * struct emu - the emulator
 * @opts: command line
 * @log: where messages go
 * @mem_fd: the local memory (BAR2), a memfd of @opts.local_size bytes
 * @ctrl: the control page, mapped shared in this process
 * @emu_evt: eventfds QEMU writes when the guest rings our doorbell, one per
 *	     &enum ivrp_vector
 * @guest_evt: eventfds we write to interrupt the guest, one per vector
 * @server: the ivshmem socket and its client
 * @signal_fd: signalfd for SIGTERM, SIGINT and SIGHUP
 * @core: the core process
 * @wd: its watchdog
 * @acked_seq: the last command sequence number acknowledged
 */
struct emu {
	struct emu_options opts;
	struct emu_log log;
	int mem_fd;
	struct ivrp_ctrl *ctrl;
	int emu_evt[IVRP_NUM_VECTORS];
	int guest_evt[IVRP_NUM_VECTORS];
	struct ivs_server server;
	int signal_fd;
	struct emu_core core;
	struct emu_watchdog wd;
	uint32_t acked_seq;
};

/* Plain accesses to control page fields shared with the guest. */
#define CTRL_LOAD(field)	__atomic_load_n(&(field), __ATOMIC_RELAXED)
#define CTRL_STORE(field, v)	__atomic_store_n(&(field), (v), __ATOMIC_RELAXED)

/* platform.c */
int emu_platform_init(struct emu *emu);
void emu_platform_destroy(struct emu *emu);
void emu_signal_guest(const struct emu *emu, unsigned int vector);
void emu_drain_eventfd(int fd);

/* command.c */
void emu_handle_ctrl(struct emu *emu);
uint32_t emu_start_core(struct emu *emu, uint64_t boot_addr);

/* preboot.c */
/**
 * enum emu_preboot_result - outcome of emu_preboot()
 * @EMU_PREBOOT_OK: the firmware runs (or --preboot was not given)
 * @EMU_PREBOOT_BAD_IMAGE: the file was refused; exit with status 2
 * @EMU_PREBOOT_FAILED: the core could not be started; exit with status 1
 */
enum emu_preboot_result {
	EMU_PREBOOT_OK,
	EMU_PREBOOT_BAD_IMAGE,
	EMU_PREBOOT_FAILED,
};

enum emu_preboot_result emu_preboot(struct emu *emu);

/* crash.c */
void emu_handle_core_exit(struct emu *emu);
void emu_handle_watchdog(struct emu *emu);

/* loop.c */
int emu_wait_client(struct emu *emu);
int emu_run(struct emu *emu);

#endif /* RPROC_EMU_EMU_H */
