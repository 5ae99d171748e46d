/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tests: one rproc-emu process and the test playing QEMU and Linux for it.
 */
#ifndef SESSION_H
#define SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include "fw_loader.h"
#include "ivs_client.h"

#define SESSION_PATH_MAX	512

/**
 * struct session - an emulator under test
 * @pid: the emulator, 0 once reaped
 * @sock: its socket path
 * @log: its --log file
 * @errlog: its stderr
 * @cl: our connection, as QEMU
 * @local: its local memory mapped here (NULL until connected)
 * @local_size: size of @local
 * @ctrl: the control page
 * @fw: the image loaded last
 */
struct session {
	pid_t pid;
	char sock[SESSION_PATH_MAX];
	char log[SESSION_PATH_MAX];
	char errlog[SESSION_PATH_MAX];
	struct ivs_client cl;
	unsigned char *local;
	uint64_t local_size;
	struct ivrp_ctrl *ctrl;
	struct fw_info fw;
};

/**
 * struct session_args - how to start the emulator
 * @emu: the rproc-emu binary
 * @dir: directory for the socket and logs
 * @name: base name of the socket and logs
 * @ram: the guest RAM file
 * @ram_size: --ram-size
 * @watchdog_ms: --watchdog-ms
 * @preboot: --preboot image, or NULL
 */
struct session_args {
	const char *emu;
	const char *dir;
	const char *name;
	const char *ram;
	uint64_t ram_size;
	uint32_t watchdog_ms;
	const char *preboot;
};

int session_spawn(struct session *s, const struct session_args *args);
int session_connect(struct session *s, char *err, size_t errlen);
int session_command(struct session *s, uint32_t cmd, uint64_t boot_addr,
		    uint32_t *result);
void session_ring(struct session *s, unsigned int vector);
bool session_wait_vector(struct session *s, unsigned int vector,
			 unsigned int timeout_ms);
int session_load(struct session *s, const char *path, char *err,
		 size_t errlen);
void session_trace(struct session *s, char *buf, size_t size);
bool session_wait_trace(struct session *s, const char *needle,
			unsigned int timeout_ms);
long session_heartbeat_line(struct session *s);
bool session_wait_heartbeat_past(struct session *s, long n,
				 unsigned int timeout_ms);
uint32_t session_ctrl(struct session *s, size_t offset);
uint64_t session_boot_addr(struct session *s);
void session_disconnect(struct session *s);
bool session_wait_exit(struct session *s, unsigned int timeout_ms,
		       int *status);
void session_destroy(struct session *s);
bool file_contains(const char *path, const char *needle);

/* Read a control page field with one atomic access. */
#define CTRL(s, field)	session_ctrl((s), offsetof(struct ivrp_ctrl, field))

#endif /* SESSION_H */
