// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg-tool: what the guest tests need from /dev/rpmsg_ctrlN and
 * /dev/rpmsgN, in one static program.
 *
 *   rpmsg-tool cmd <ctrl> <name> <dst> <text> [timeout-ms]
 *	create an endpoint to <dst> (RPMSG_CREATE_EPT_IOCTL), send <text>,
 *	print the first reply; exit 0 with a reply, 2 without one
 *   rpmsg-tool echo <node> <rounds>
 *	on an existing /dev/rpmsgN: <rounds> times every size 1..496, each
 *	reply compared with what was sent; prints counts and timings
 *   rpmsg-tool echo-ept <ctrl> <name> <dst> <rounds>
 *	the same on a new endpoint to <dst>
 *   rpmsg-tool too-big <node>
 *	a write of MTU + 1 bytes must fail with EMSGSIZE
 *   rpmsg-tool tty <tty> <rounds>
 *	on a /dev/ttyRPMSGN whose remote echoes (raw mode): <rounds> times
 *	every size 1..496, then writes of several messages' worth; the byte
 *	stream read back must equal what was written
 *   rpmsg-tool traffic <seconds> <name> [<ctrl> <dst>]
 *	load against a hostile remote, which may garble, drop or never
 *	answer: for <seconds>, messages of 4..496 bytes (a sequence number,
 *	then a pattern), each waiting up to 500 ms for its echo, to the
 *	/dev/rpmsgN named <name> or, with <ctrl> and <dst>, to a new endpoint
 *	named <name> towards <dst>; after an error the node (or endpoint) is
 *	opened (created) again, every 200 ms until it works.  Prints one line
 *	of counts; exit status 0 whatever the remote did
 *
 * Exit status 1 on any error, with a message on stderr.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#define MTU 496
#define MAX_NODES 256

static int fail(const char *what)
{
	fprintf(stderr, "rpmsg-tool: %s: %s\n", what, strerror(errno));
	return 1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The endpoint nodes (rpmsgN, not rpmsg_ctrlN) present now. */
static int list_nodes(int *ids, int max)
{
	struct dirent *de;
	DIR *d = opendir("/sys/class/rpmsg");
	int n = 0, id;
	char c;

	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max)
		if (sscanf(de->d_name, "rpmsg%d%c", &id, &c) == 1)
			ids[n++] = id;
	closedir(d);
	return n;
}

static int has_id(const int *ids, int n, int id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/*
 * Create an endpoint through the control node and open its /dev/rpmsgN;
 * Returns the node's fd or -1.
 */
static int open_ept(const char *ctrl, const char *name, unsigned long dst)
{
	struct rpmsg_endpoint_info info = { .src = RPMSG_ADDR_ANY };
	int before[MAX_NODES], after[MAX_NODES], nb, na, fd, cfd;
	char dev[64];

	strncpy(info.name, name, sizeof(info.name) - 1);
	info.dst = (__u32)dst;
	cfd = open(ctrl, O_RDWR);
	if (cfd < 0)
		return fail(ctrl), -1;
	nb = list_nodes(before, MAX_NODES);
	if (ioctl(cfd, RPMSG_CREATE_EPT_IOCTL, &info) < 0) {
		fail("RPMSG_CREATE_EPT_IOCTL");
		close(cfd);
		return -1;
	}
	close(cfd);
	/* The node appears through devtmpfs; give it a moment. */
	for (int tries = 0; tries < 100; tries++) {
		na = list_nodes(after, MAX_NODES);
		for (int i = 0; i < na; i++) {
			if (has_id(before, nb, after[i]))
				continue;
			snprintf(dev, sizeof(dev), "/dev/rpmsg%d", after[i]);
			fd = open(dev, O_RDWR);
			if (fd >= 0)
				return fd;
		}
		usleep(20000);
	}
	fprintf(stderr, "rpmsg-tool: no new /dev/rpmsgN after CREATE_EPT\n");
	return -1;
}

static void close_ept(int fd)
{
	if (ioctl(fd, RPMSG_DESTROY_EPT_IOCTL) < 0)
		fail("RPMSG_DESTROY_EPT_IOCTL");
	close(fd);
}

/* One message, or 0 after timeout_ms without one, or -1. */
static ssize_t recv_msg(int fd, char *buf, size_t len, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r = poll(&p, 1, timeout_ms);

	if (r < 0)
		return fail("poll"), -1;
	if (r == 0)
		return 0;
	if (p.revents & (POLLERR | POLLHUP) && !(p.revents & POLLIN)) {
		errno = EPIPE;
		return fail("poll"), -1;
	}
	r = (int)read(fd, buf, len);
	if (r < 0)
		return fail("read"), -1;
	return r;
}

static int do_cmd(int argc, char **argv)
{
	int timeout = argc > 6 ? atoi(argv[6]) : 5000;
	char buf[MTU + 1];
	ssize_t n;
	int fd;

	fd = open_ept(argv[2], argv[3], strtoul(argv[4], NULL, 0));
	if (fd < 0)
		return 1;
	if (write(fd, argv[5], strlen(argv[5])) < 0) {
		fail("write");
		close_ept(fd);
		return 1;
	}
	n = recv_msg(fd, buf, MTU, timeout);
	close_ept(fd);
	if (n < 0)
		return 1;
	if (n == 0) {
		printf("(no reply)\n");
		return 2;
	}
	buf[n] = '\0';
	printf("%s\n", buf);
	return 0;
}

static int echo_loop(int fd, int rounds)
{
	unsigned char out[MTU], in[MTU + 1];
	unsigned long msgs = 0, bytes = 0;
	double t0 = now_s(), dt;

	for (int r = 0; r < rounds; r++) {
		for (size_t len = 1; len <= MTU; len++) {
			ssize_t n;

			for (size_t i = 0; i < len; i++)
				out[i] = (unsigned char)(r * 131 + len * 7 + i);
			if (write(fd, out, len) != (ssize_t)len)
				return fail("write");
			n = recv_msg(fd, (char *)in, sizeof(in), 15000);
			if (n <= 0) {
				fprintf(stderr, "rpmsg-tool: no echo for %zu bytes (round %d)\n",
					len, r);
				return 1;
			}
			if ((size_t)n != len || memcmp(in, out, len)) {
				fprintf(stderr, "rpmsg-tool: echo of %zu bytes differs (got %zd, round %d)\n",
					len, n, r);
				return 1;
			}
			msgs++;
			bytes += len;
		}
	}
	dt = now_s() - t0;
	printf("echo: %lu messages, %lu bytes verified in %.3f s: %.1f round trips/s, %.1f us per round trip\n",
	       msgs, bytes, dt, msgs / dt, dt * 1e6 / msgs);
	return 0;
}

static int do_echo(char **argv)
{
	int fd = open(argv[2], O_RDWR), rc;

	if (fd < 0)
		return fail(argv[2]);
	rc = echo_loop(fd, atoi(argv[3]));
	close(fd);
	return rc;
}

static int do_echo_ept(char **argv)
{
	int fd = open_ept(argv[2], argv[3], strtoul(argv[4], NULL, 0)), rc;

	if (fd < 0)
		return 1;
	rc = echo_loop(fd, atoi(argv[5]));
	close_ept(fd);
	return rc;
}

static int do_too_big(char **argv)
{
	char buf[MTU + 1];
	int fd = open(argv[2], O_RDWR);
	ssize_t n;

	if (fd < 0)
		return fail(argv[2]);
	memset(buf, 'x', sizeof(buf));
	n = write(fd, buf, sizeof(buf));
	close(fd);
	if (n >= 0 || errno != EMSGSIZE) {
		fprintf(stderr, "rpmsg-tool: write of %zu bytes gave %zd (%s), not EMSGSIZE\n",
			sizeof(buf), n, n < 0 ? strerror(errno) : "no error");
		return 1;
	}
	return 0;
}

/* Reads exactly len bytes of a byte stream, each within timeout_ms. */
static int read_full(int fd, unsigned char *buf, size_t len, int timeout_ms)
{
	size_t got = 0;

	while (got < len) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;
		int r = poll(&p, 1, timeout_ms);

		if (r < 0)
			return fail("poll");
		if (r == 0) {
			fprintf(stderr, "rpmsg-tool: %zu of %zu bytes, then nothing for %d ms\n",
				got, len, timeout_ms);
			return 1;
		}
		n = read(fd, buf + got, len - got);
		if (n <= 0)
			return n ? fail("read") : (fprintf(stderr, "rpmsg-tool: end of file\n"), 1);
		got += (size_t)n;
	}
	return 0;
}

static int tty_echo(int fd, size_t len, int seed)
{
	static unsigned char out[8192], in[8192];
	size_t off = 0;

	for (size_t i = 0; i < len; i++)
		out[i] = (unsigned char)(seed * 131 + len * 7 + i);
	while (off < len) {
		ssize_t n = write(fd, out + off, len - off);

		if (n < 0)
			return fail("write");
		off += (size_t)n;
	}
	if (read_full(fd, in, len, 15000))
		return 1;
	if (memcmp(in, out, len)) {
		fprintf(stderr, "rpmsg-tool: tty echo of %zu bytes differs\n", len);
		return 1;
	}
	return 0;
}

static int do_tty(char **argv)
{
	static const size_t big[] = { MTU + 1, 2 * MTU, 4000, 8192 };
	int fd = open(argv[2], O_RDWR | O_NOCTTY), rounds = atoi(argv[3]);
	unsigned long msgs = 0, bytes = 0;
	struct termios t;
	double t0, dt;

	if (fd < 0)
		return fail(argv[2]);
	/* Raw: no echo back to the remote, no line editing, 8-bit clean */
	if (tcgetattr(fd, &t) < 0) {
		close(fd);
		return fail("tcgetattr");
	}
	cfmakeraw(&t);
	if (tcsetattr(fd, TCSANOW, &t) < 0) {
		close(fd);
		return fail("tcsetattr");
	}
	t0 = now_s();
	for (int r = 0; r < rounds; r++) {
		for (size_t len = 1; len <= MTU; len++) {
			if (tty_echo(fd, len, r))
				goto err;
			msgs++;
			bytes += len;
		}
	}
	for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		if (tty_echo(fd, big[i], (int)i))
			goto err;
		bytes += big[i];
	}
	dt = now_s() - t0;
	close(fd);
	printf("tty: %lu writes, %lu bytes echoed and verified in %.3f s\n",
	       msgs + sizeof(big) / sizeof(big[0]), bytes, dt);
	return 0;
err:
	close(fd);
	return 1;
}

/* The /dev/rpmsgN whose endpoint is named @name, opened; -1 if none. */
static int open_named(const char *name)
{
	int ids[MAX_NODES], n = list_nodes(ids, MAX_NODES);
	char path[96], got[64];

	for (int i = 0; i < n; i++) {
		FILE *f;
		int fd;

		snprintf(path, sizeof(path), "/sys/class/rpmsg/rpmsg%d/name", ids[i]);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (!fgets(got, sizeof(got), f))
			got[0] = '\0';
		fclose(f);
		got[strcspn(got, "\n")] = '\0';
		if (strcmp(got, name))
			continue;
		snprintf(path, sizeof(path), "/dev/rpmsg%d", ids[i]);
		fd = open(path, O_RDWR | O_NONBLOCK);
		if (fd >= 0)
			return fd;
	}
	return -1;
}

/**
 * struct traffic - counts of rpmsg-tool traffic
 * @sent: messages written
 * @echoed: echoes that came back intact
 * @garbled: replies of the wrong length or contents
 * @late: echoes of earlier messages
 * @lost: messages without an echo within the timeout
 * @blocked: no room to write within the timeout
 * @errors: failed opens, writes, reads and polls
 * @opened: times the node was opened (or the endpoint created)
 * @last_error: errno of the last error
 */
struct traffic {
	unsigned long sent, echoed, garbled, late, lost, blocked, errors, opened;
	int last_error;
};

static void traffic_error(struct traffic *t)
{
	t->errors++;
	t->last_error = errno;
}

/* One message and its echo; -1 when the node must be opened again. */
static int traffic_one(int fd, struct traffic *t, uint32_t seq)
{
	unsigned char out[MTU], in[MTU + 1];
	size_t len = 4 + (seq * 7919u) % (MTU - 3);
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	double deadline;
	ssize_t n;
	uint32_t got;

	memcpy(out, &seq, 4);
	for (size_t i = 4; i < len; i++)
		out[i] = (unsigned char)(seq + i);
	n = poll(&p, 1, 500);
	if (n <= 0 || !(p.revents & POLLOUT)) {
		if (n < 0 || (p.revents & (POLLERR | POLLHUP | POLLNVAL))) {
			traffic_error(t);
			return -1;
		}
		t->blocked++;
		return 0;
	}
	if (write(fd, out, len) != (ssize_t)len) {
		traffic_error(t);
		return -1;
	}
	t->sent++;
	deadline = now_s() + 0.5;
	for (;;) {
		int left = (int)((deadline - now_s()) * 1000);

		if (left <= 0) {
			t->lost++;
			return 0;
		}
		p.events = POLLIN;
		n = poll(&p, 1, left);
		if (n < 0 || (n > 0 && !(p.revents & POLLIN))) {
			traffic_error(t);
			return -1;
		}
		if (n == 0)
			continue;
		n = read(fd, in, sizeof(in));
		if (n < 0) {
			if (errno == EAGAIN)
				continue;
			traffic_error(t);
			return -1;
		}
		if (n >= 4) {
			memcpy(&got, in, 4);
			if (got != seq && got < seq) {
				t->late++;
				continue;
			}
		}
		if ((size_t)n == len && !memcmp(in, out, len))
			t->echoed++;
		else
			t->garbled++;
		return 0;
	}
}

static int do_traffic(int argc, char **argv)
{
	double end = now_s() + atof(argv[2]);
	const char *name = argv[3];
	struct traffic t = { 0 };
	uint32_t seq = 0;
	int fd = -1;

	while (now_s() < end) {
		if (fd < 0) {
			if (argc > 5)
				fd = open_ept(argv[4], name, strtoul(argv[5], NULL, 0));
			else
				fd = open_named(name);
			if (fd < 0) {
				traffic_error(&t);
				usleep(200000);
				continue;
			}
			t.opened++;
		}
		if (traffic_one(fd, &t, ++seq) < 0) {
			if (argc > 5)
				close_ept(fd);
			else
				close(fd);
			fd = -1;
			usleep(200000);
		}
	}
	if (fd >= 0) {
		if (argc > 5)
			close_ept(fd);
		else
			close(fd);
	}
	printf("traffic %s: sent=%lu echoed=%lu garbled=%lu late=%lu lost=%lu blocked=%lu errors=%lu opened=%lu last-error=%s\n",
	       name, t.sent, t.echoed, t.garbled, t.late, t.lost, t.blocked,
	       t.errors, t.opened, t.last_error ? strerror(t.last_error) : "none");
	return 0;
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";

	if (!strcmp(op, "cmd") && argc >= 6)
		return do_cmd(argc, argv);
	if (!strcmp(op, "echo") && argc == 4)
		return do_echo(argv);
	if (!strcmp(op, "echo-ept") && argc == 6)
		return do_echo_ept(argv);
	if (!strcmp(op, "too-big") && argc == 3)
		return do_too_big(argv);
	if (!strcmp(op, "tty") && argc == 4)
		return do_tty(argv);
	if (!strcmp(op, "traffic") && (argc == 4 || argc == 6))
		return do_traffic(argc, argv);
	fprintf(stderr, "usage: see the comment at the top of rpmsg-tool.c\n");
	return 1;
}
