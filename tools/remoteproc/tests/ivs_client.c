// SPDX-License-Identifier: GPL-2.0
/*
 * Tests: QEMU's side of the ivshmem protocol.
 *
 * Expects exactly what PLATFORM-NOTES.md says QEMU accepts: version 0, our
 * id, -1 with the shared memory, the peer's id with one eventfd per
 * vector, our id with one eventfd per vector, and nothing else.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ivs_client.h"
#include "test.h"

/* Connect once; returns the socket or -1 with errno set. */
int ivs_client_try_connect(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		int err = errno;

		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

/* Receive one message: 8 bytes, maybe one fd.  Returns 0 or -1. */
static int ivs_client_recv(int sock, unsigned int timeout_ms, int64_t *val,
			   int *fd)
{
	union {
		struct cmsghdr hdr;
		char buf[CMSG_SPACE(sizeof(int))];
	} control;
	unsigned char le[8];
	struct iovec iov = { .iov_base = le, .iov_len = sizeof(le) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = control.buf, .msg_controllen = sizeof(control.buf),
	};
	struct pollfd pfd = { .fd = sock, .events = POLLIN };
	struct cmsghdr *cmsg;
	uint64_t v = 0;
	ssize_t n;
	int i;

	*fd = -1;
	if (poll(&pfd, 1, (int)timeout_ms) != 1)
		return -1;
	n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	if (n != (ssize_t)sizeof(le))
		return -1;
	for (i = 7; i >= 0; i--)
		v = v << 8 | le[i];
	*val = (int64_t)v;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (cmsg && cmsg->cmsg_level == SOL_SOCKET &&
	    cmsg->cmsg_type == SCM_RIGHTS &&
	    cmsg->cmsg_len == CMSG_LEN(sizeof(int)))
		memcpy(fd, CMSG_DATA(cmsg), sizeof(int));
	return 0;
}

static int ivs_fail(char *err, size_t errlen, const char *what, int64_t val)
{
	snprintf(err, errlen, "%s (got %lld)", what, (long long)val);
	return -1;
}

static int ivs_client_handshake(struct ivs_client *c, unsigned int timeout_ms,
				char *err, size_t errlen)
{
	int64_t val;
	int fd, v;

	if (ivs_client_recv(c->sock, timeout_ms, &val, &fd) || val != 0 || fd >= 0)
		return ivs_fail(err, errlen, "protocol version 0 without fd", val);
	if (ivs_client_recv(c->sock, timeout_ms, &c->own_id, &fd) ||
	    c->own_id < 0 || fd >= 0)
		return ivs_fail(err, errlen, "own id without fd", c->own_id);
	if (ivs_client_recv(c->sock, timeout_ms, &val, &c->shm_fd) || val != -1 ||
	    c->shm_fd < 0)
		return ivs_fail(err, errlen, "-1 with the shared memory fd", val);
	for (v = 0; v < IVS_CLIENT_VECTORS; v++) {
		if (ivs_client_recv(c->sock, timeout_ms, &val, &c->peer_fds[v]) ||
		    c->peer_fds[v] < 0 || val == c->own_id ||
		    (v && val != c->peer_id))
			return ivs_fail(err, errlen, "peer id with an eventfd", val);
		c->peer_id = val;
	}
	for (v = 0; v < IVS_CLIENT_VECTORS; v++)
		if (ivs_client_recv(c->sock, timeout_ms, &val, &c->own_fds[v]) ||
		    c->own_fds[v] < 0 || val != c->own_id)
			return ivs_fail(err, errlen, "own id with an eventfd", val);
	if (!ivs_client_recv(c->sock, 50, &val, &fd))
		return ivs_fail(err, errlen, "nothing after the setup", val);
	return 0;
}

/**
 * ivs_client_connect() - connect (retrying until the server listens) and
 * receive the whole setup
 * @c: filled in; release with ivs_client_close()
 * @path: the server's socket
 * @timeout_ms: for connecting and for each message
 * @err: set to what went wrong
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err set.
 */
int ivs_client_connect(struct ivs_client *c, const char *path,
		       unsigned int timeout_ms, char *err, size_t errlen)
{
	uint64_t deadline = test_now_ms() + timeout_ms;
	int v;

	memset(c, 0, sizeof(*c));
	c->shm_fd = -1;
	for (v = 0; v < IVS_CLIENT_VECTORS; v++)
		c->peer_fds[v] = c->own_fds[v] = -1;
	while ((c->sock = ivs_client_try_connect(path)) < 0) {
		if (test_now_ms() >= deadline) {
			snprintf(err, errlen, "connect %s: %s", path, strerror(errno));
			return -1;
		}
		test_sleep_ms(10);
	}
	if (ivs_client_handshake(c, timeout_ms, err, errlen)) {
		ivs_client_close(c);
		return -1;
	}
	return 0;
}

void ivs_client_close(struct ivs_client *c)
{
	int v;

	if (c->sock >= 0)
		close(c->sock);
	if (c->shm_fd >= 0)
		close(c->shm_fd);
	for (v = 0; v < IVS_CLIENT_VECTORS; v++) {
		if (c->peer_fds[v] >= 0)
			close(c->peer_fds[v]);
		if (c->own_fds[v] >= 0)
			close(c->own_fds[v]);
		c->peer_fds[v] = c->own_fds[v] = -1;
	}
	c->sock = c->shm_fd = -1;
}
