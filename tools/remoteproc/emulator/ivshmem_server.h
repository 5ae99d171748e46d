/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rproc-emu: the server side of QEMU's ivshmem protocol, for one client.
 *
 * QEMU's docs/specs/ivshmem-spec.rst defines the protocol: the server sends
 * 8-byte little-endian signed integers on a unix stream socket, some of
 * them with one file descriptor attached (SCM_RIGHTS):
 *
 *	0			protocol version
 *	client id		no fd
 *	-1			the shared memory (fd)
 *	peer id, per vector	that peer's eventfd for the vector (fd)
 *	client id, per vector	the client's own eventfd for the vector (fd)
 *
 * QEMU writes a peer's eventfd when the guest rings that peer's doorbell
 * and turns writes to its own eventfds into MSI-X interrupts.
 */
#ifndef RPROC_EMU_IVSHMEM_SERVER_H
#define RPROC_EMU_IVSHMEM_SERVER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/**
 * struct ivs_server - a listening socket and its one client
 * @listen_fd: listening socket, -1 once a client was accepted
 * @client_fd: the connected client, or -1
 * @path: socket path (points into argv)
 * @dev: device of the socket file we created, to unlink only our own
 * @ino: inode of the socket file we created
 * @bound: the socket file exists because of us
 */
struct ivs_server {
	int listen_fd;
	int client_fd;
	const char *path;
	dev_t dev;
	ino_t ino;
	bool bound;
};

/**
 * struct ivs_setup - what the server hands its client
 * @shm_fd: the shared memory
 * @server_id: peer id of the server
 * @server_fds: the server's eventfds, one per vector
 * @client_id: peer id given to the client
 * @client_fds: the client's eventfds, one per vector
 * @nvec: number of vectors
 */
struct ivs_setup {
	int shm_fd;
	int64_t server_id;
	const int *server_fds;
	int64_t client_id;
	const int *client_fds;
	unsigned int nvec;
};

void ivs_init(struct ivs_server *srv);
int ivs_listen(struct ivs_server *srv, const char *path);
int ivs_accept(struct ivs_server *srv);
int ivs_send_setup(int fd, const struct ivs_setup *setup);
int ivs_drain_client(struct ivs_server *srv);
void ivs_close(struct ivs_server *srv);

#endif /* RPROC_EMU_IVSHMEM_SERVER_H */
