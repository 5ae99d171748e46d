/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tests: QEMU's side of the ivshmem protocol.
 */
#ifndef IVS_CLIENT_H
#define IVS_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#define IVS_CLIENT_VECTORS	3

/**
 * struct ivs_client - what the server handed us
 * @sock: the connection
 * @own_id: our peer id
 * @shm_fd: the shared memory
 * @peer_id: the other peer's id (the emulator)
 * @peer_fds: its eventfds: writing one rings its doorbell
 * @own_fds: our eventfds: readable when the peer interrupts us
 */
struct ivs_client {
	int sock;
	int64_t own_id;
	int shm_fd;
	int64_t peer_id;
	int peer_fds[IVS_CLIENT_VECTORS];
	int own_fds[IVS_CLIENT_VECTORS];
};

int ivs_client_connect(struct ivs_client *c, const char *path,
		       unsigned int timeout_ms, char *err, size_t errlen);
int ivs_client_try_connect(const char *path);
void ivs_client_close(struct ivs_client *c);

#endif /* IVS_CLIENT_H */
