// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: the server side of QEMU's ivshmem protocol, for one client.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "ivshmem_server.h"

/* The value that announces the shared memory fd. */
#define IVS_SHM_ID		(-1)
/* The only protocol version there is. */
#define IVS_PROTOCOL_VERSION	0

void ivs_init(struct ivs_server *srv)
{
	memset(srv, 0, sizeof(*srv));
	srv->listen_fd = -1;
	srv->client_fd = -1;
}

/* Bind and listen on @path; the file appears when bind() runs. */
static int ivs_bind_listen(int fd, const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };

	if (strlen(path) >= sizeof(addr.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(addr.sun_path, path);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)))
		return -1;
	if (listen(fd, 1)) {
		int err = errno;

		unlink(path);
		errno = err;
		return -1;
	}
	return 0;
}

static int ivs_socket(void)
{
	return socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
}

/*
 * Make @path appear only once the socket listens, so that a QEMU started as
 * soon as the file exists never finds nobody listening: listen on a
 * temporary name next to it, then hard-link it into place (which, unlike
 * rename(), refuses to replace an existing file).  Where that is not
 * possible, bind @path directly.  Returns the listening socket, or -1 with
 * errno set.
 */
static int ivs_publish(const char *path)
{
	char tmp[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int fd, n, err;

	n = snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	fd = ivs_socket();
	if (fd >= 0 && n > 0 && (size_t)n < sizeof(tmp) &&
	    !ivs_bind_listen(fd, tmp)) {
		err = link(tmp, path) ? errno : 0;
		unlink(tmp);
		if (!err)
			return fd;
		if (err == EEXIST) {
			close(fd);
			errno = EADDRINUSE;
			return -1;
		}
	}
	if (fd >= 0)
		close(fd);
	fd = ivs_socket();
	if (fd < 0 || !ivs_bind_listen(fd, path))
		return fd;
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

/**
 * ivs_listen() - create the socket file and listen on it
 * @srv: initialised with ivs_init()
 * @path: socket path; an existing file there is an error (EADDRINUSE),
 *	  never removed
 *
 * The file appears only once the socket listens.
 *
 * Return: 0, or -1 with errno set.
 */
int ivs_listen(struct ivs_server *srv, const char *path)
{
	struct stat st;
	int fd;

	fd = ivs_publish(path);
	if (fd < 0)
		return -1;
	srv->path = path;
	srv->bound = true;
	if (!stat(path, &st)) {
		srv->dev = st.st_dev;
		srv->ino = st.st_ino;
	}
	srv->listen_fd = fd;
	return 0;
}

/**
 * ivs_accept() - take the client and stop listening
 * @srv: a listening server whose socket is readable
 *
 * The socket file stays until ivs_close(); later connections are refused.
 *
 * Return: 0, 1 when there was nobody to accept after all, -1 with errno
 * set on error.
 */
int ivs_accept(struct ivs_server *srv)
{
	int fd = accept4(srv->listen_fd, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0)
		return (errno == EAGAIN || errno == EINTR) ? 1 : -1;
	srv->client_fd = fd;
	close(srv->listen_fd);
	srv->listen_fd = -1;
	return 0;
}

/* Send one protocol message, with @fd attached unless it is negative. */
static int ivs_send_msg(int sock, int64_t value, int fd)
{
	union {
		struct cmsghdr hdr;
		char buf[CMSG_SPACE(sizeof(int))];
	} control;
	unsigned char le[8];
	struct iovec iov = { .iov_base = le, .iov_len = sizeof(le) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	uint64_t v = (uint64_t)value;
	struct cmsghdr *cmsg;
	ssize_t n;
	int i;

	for (i = 0; i < 8; i++)
		le[i] = (unsigned char)(v >> (8 * i));
	if (fd >= 0) {
		memset(&control, 0, sizeof(control));
		msg.msg_control = control.buf;
		msg.msg_controllen = sizeof(control.buf);
		cmsg = CMSG_FIRSTHDR(&msg);
		cmsg->cmsg_level = SOL_SOCKET;
		cmsg->cmsg_type = SCM_RIGHTS;
		cmsg->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	}
	do
		n = sendmsg(sock, &msg, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	if (n != (ssize_t)sizeof(le)) {
		errno = EIO;
		return -1;
	}
	return 0;
}

/**
 * ivs_send_setup() - send the whole setup sequence to a new client
 * @fd: the client socket (blocking)
 * @setup: ids and file descriptors to hand over
 *
 * Return: 0, or -1 with errno set.
 */
int ivs_send_setup(int fd, const struct ivs_setup *setup)
{
	unsigned int v;

	if (ivs_send_msg(fd, IVS_PROTOCOL_VERSION, -1) ||
	    ivs_send_msg(fd, setup->client_id, -1) ||
	    ivs_send_msg(fd, IVS_SHM_ID, setup->shm_fd))
		return -1;
	for (v = 0; v < setup->nvec; v++)
		if (ivs_send_msg(fd, setup->server_id, setup->server_fds[v]))
			return -1;
	for (v = 0; v < setup->nvec; v++)
		if (ivs_send_msg(fd, setup->client_id, setup->client_fds[v]))
			return -1;
	return 0;
}

/* Close every descriptor a message carried: the client has no say here. */
static void ivs_close_passed_fds(struct msghdr *msg)
{
	struct cmsghdr *cmsg;

	for (cmsg = CMSG_FIRSTHDR(msg); cmsg; cmsg = CMSG_NXTHDR(msg, cmsg)) {
		size_t i, n;

		if (cmsg->cmsg_level != SOL_SOCKET || cmsg->cmsg_type != SCM_RIGHTS)
			continue;
		n = (cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			int pfd;

			memcpy(&pfd, CMSG_DATA(cmsg) + i * sizeof(int), sizeof(int));
			close(pfd);
		}
	}
}

/**
 * ivs_drain_client() - read and discard what the client sent
 * @srv: the server, with a readable or hung-up client
 *
 * QEMU sends nothing after connecting; anything it does send is dropped.
 *
 * Return: 0 while the client is connected, -1 once it is gone.
 */
int ivs_drain_client(struct ivs_server *srv)
{
	union {
		struct cmsghdr hdr;
		char buf[CMSG_SPACE(16 * sizeof(int))];
	} control;
	char data[256];

	for (;;) {
		struct iovec iov = { .iov_base = data, .iov_len = sizeof(data) };
		struct msghdr msg = {
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = control.buf,
			.msg_controllen = sizeof(control.buf),
		};
		ssize_t n = recvmsg(srv->client_fd, &msg,
				    MSG_DONTWAIT | MSG_CMSG_CLOEXEC);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n <= 0)
			return -1;
		ivs_close_passed_fds(&msg);
	}
}

/**
 * ivs_close() - close the sockets and remove the socket file
 * @srv: the server
 *
 * The file is removed only if it is still the socket this server created.
 */
void ivs_close(struct ivs_server *srv)
{
	struct stat st;

	if (srv->client_fd >= 0)
		close(srv->client_fd);
	if (srv->listen_fd >= 0)
		close(srv->listen_fd);
	srv->client_fd = -1;
	srv->listen_fd = -1;
	if (srv->bound && !lstat(srv->path, &st) && S_ISSOCK(st.st_mode) &&
	    st.st_dev == srv->dev && st.st_ino == srv->ino)
		unlink(srv->path);
	srv->bound = false;
}
