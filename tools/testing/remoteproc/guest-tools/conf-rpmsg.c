// SPDX-License-Identifier: GPL-2.0
/*
 * conf-rpmsg: the rpmsg observables of the conformance suite that need more
 * than open/read/write of a file: the ioctls of <linux/rpmsg.h>, message
 * I/O and poll() on /dev/rpmsgN, and an echo through /dev/ttyRPMSGN.  Each
 * call prints one transcript line, "<key> <value>", on stdout.
 *
 * A <target> is a path, opened O_RDWR for this call only (an open error
 * prints "open:E<NAME>"), or "fd:<n>", a descriptor the shell opened and
 * keeps (exec 3<>/dev/rpmsg0), so that one open file can be followed across
 * several calls and across a stop of the remote.
 *
 *   ioctl <key> <target> <cmd> [<name> <src> <dst>]
 *	cmd: create_ept, destroy_ept, create_dev, release_dev, or "raw:<n>"
 *	(any request number); the struct rpmsg_endpoint_info is zeroed, then
 *	<name> (escapes \xHH \\ allowed) is copied into its 32 bytes, so a
 *	32-byte name has no NUL.  <name> "@null" passes a NULL argument,
 *	"@fault" an unmapped one.  <src>/<dst>: a number or "any".
 *	Prints OK or E<NAME>.
 *   open <key> <path> [nonblock]
 *	Prints OK or E<NAME>; closes again.
 *   write <key> <target> <data>
 *	One write(2).  <data>: "text:<escaped>", "len:<n>" (n bytes of the
 *	pattern 'a' + i % 26) or "fault:<n>" (n bytes from an unmapped
 *	address).  Prints "OK <n>" (bytes written) or E<NAME>.
 *   read <key> <target> <bufsize> [nonblock|wait:<ms>]
 *	One read(2), after waiting up to <ms> for POLLIN with wait: (prints
 *	TIMEOUT when nothing came).  Prints "<n> <content escaped>" for up to
 *	64 bytes, else "<n> pattern" / "<n> other", or E<NAME>.
 *   pread <key> <target> <bufsize> <offset>
 *	One pread(2); prints as read.
 *   readblock <key> <target> <bufsize> <seconds>
 *	A blocking read(2) that SIGALRM interrupts after <seconds> (EINTR).
 *   poll <key> <target> <ms>|in:<ms>
 *	poll(2) for POLLIN|POLLOUT.  Three lines: "<key>" with the names of
 *	the revents bits joined by "|" ("none" after the timeout), but for
 *	those of POLLOUT, POLLWRNORM and POLLWRBAND, which are on
 *	"<key>.out", and POLLHUP, on "<key>.hup" ("-" for none).  With
 *	in:<ms>, waits up to <ms> for POLLIN alone first, then polls without
 *	waiting.
 *   echo <key> <target> <len> <count> <ms>
 *	<count> times: write <len> pattern bytes, wait up to <ms> for the reply
 *	and compare it.  Prints OK or what went wrong first.
 *   tty <key> <path> <text> <ms>
 *	Opens the tty, raw mode, writes <text>, collects what comes back for
 *	up to <ms> (until as many bytes as written).  Prints it escaped.
 *
 * The exit status is 0 unless the usage is wrong (2).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#define SHOW_MAX	64
#define BUF_MAX		65536

static const struct {
	int err;
	const char *name;
} errnames[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EINTR, "EINTR" },
	{ EIO, "EIO" }, { ENXIO, "ENXIO" }, { E2BIG, "E2BIG" },
	{ EBADF, "EBADF" }, { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" }, { ENODEV, "ENODEV" }, { EINVAL, "EINVAL" },
	{ ENOTTY, "ENOTTY" }, { ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" },
	{ EPIPE, "EPIPE" }, { ERANGE, "ERANGE" }, { ENOSYS, "ENOSYS" },
	{ EMSGSIZE, "EMSGSIZE" }, { EOPNOTSUPP, "EOPNOTSUPP" },
	{ EADDRINUSE, "EADDRINUSE" }, { ENOBUFS, "ENOBUFS" },
	{ ETIMEDOUT, "ETIMEDOUT" }, { ECONNRESET, "ECONNRESET" },
	{ ENETRESET, "ENETRESET" }, { ESHUTDOWN, "ESHUTDOWN" },
	{ ENOTCONN, "ENOTCONN" }, { ENAMETOOLONG, "ENAMETOOLONG" },
	{ ENOLINK, "ENOLINK" }, { EOVERFLOW, "EOVERFLOW" },
	{ 524, "ENOTSUPP" },
};

static const char *errname(int err)
{
	static char other[32];
	size_t i;

	for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].err == err)
			return errnames[i].name;
	snprintf(other, sizeof(other), "errno%d", err);
	return other;
}

static void emit(const char *key, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void emit(const char *key, const char *fmt, ...)
{
	va_list ap;

	printf("%s ", key);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void emit_err(const char *key, const char *prefix, int err)
{
	emit(key, "%s%s", prefix, errname(err));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode \n \t \0 \\ \xHH; returns the length. */
static size_t unescape(const char *in, char *out, size_t max)
{
	size_t n = 0;

	while (*in && n < max) {
		if (*in != '\\' || !in[1]) {
			out[n++] = *in++;
			continue;
		}
		in++;
		switch (*in) {
		case 'n': out[n++] = '\n'; in++; break;
		case 't': out[n++] = '\t'; in++; break;
		case '0': out[n++] = '\0'; in++; break;
		case '\\': out[n++] = '\\'; in++; break;
		case 'x':
			if (hexval(in[1]) >= 0 && hexval(in[2]) >= 0) {
				out[n++] = (char)(hexval(in[1]) * 16 +
						  hexval(in[2]));
				in += 3;
				break;
			}
			/* fall through */
		default:
			out[n++] = '\\';
			break;
		}
	}
	return n;
}

static void escape(const unsigned char *p, size_t n, char *out)
{
	size_t i;

	*out = '\0';
	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '\n': out += sprintf(out, "\\n"); break;
		case '\t': out += sprintf(out, "\\t"); break;
		case '\\': out += sprintf(out, "\\\\"); break;
		case '\0': out += sprintf(out, "\\0"); break;
		default:
			if (p[i] < 0x20 || p[i] >= 0x7f)
				out += sprintf(out, "\\x%02x", p[i]);
			else
				*out++ = (char)p[i];
			*out = '\0';
		}
	}
}

static void fill_pattern(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)('a' + i % 26);
}

static int is_pattern(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (unsigned char)('a' + i % 26))
			return 0;
	return 1;
}

/* An address no mapping covers: a page mapped, then unmapped. */
static void *unmapped(void)
{
	void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		return (void *)16;
	munmap(p, 4096);
	return p;
}

static int parse_u32(const char *s, uint32_t *v)
{
	char *end;
	unsigned long long n;

	if (!strcmp(s, "any")) {
		*v = RPMSG_ADDR_ANY;
		return 0;
	}
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno || *end || n > 0xffffffffULL)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

/*
 * The descriptor of a target: fd:<n> as is, a path opened O_RDWR (closed by
 * put_fd()).  Prints the open error and returns -1.
 */
static int get_fd(const char *key, const char *target, int flags)
{
	int fd;

	if (!strncmp(target, "fd:", 3))
		return atoi(target + 3);
	fd = open(target, O_RDWR | flags);
	if (fd < 0)
		emit_err(key, "open:", errno);
	return fd;
}

static void put_fd(const char *target, int fd)
{
	if (strncmp(target, "fd:", 3))
		close(fd);
}

/* ---- ioctl ---------------------------------------------------------- */

static int cmd_ioctl(int argc, char **argv)
{
	const char *key = argv[0], *target = argv[1], *cmd = argv[2];
	struct rpmsg_endpoint_info info;
	unsigned long req;
	void *arg = &info;
	char name[64];
	size_t len;
	int fd, ret;

	if (!strcmp(cmd, "create_ept"))
		req = RPMSG_CREATE_EPT_IOCTL;
	else if (!strcmp(cmd, "destroy_ept"))
		req = RPMSG_DESTROY_EPT_IOCTL;
	else if (!strcmp(cmd, "create_dev"))
		req = RPMSG_CREATE_DEV_IOCTL;
	else if (!strcmp(cmd, "release_dev"))
		req = RPMSG_RELEASE_DEV_IOCTL;
	else if (!strncmp(cmd, "raw:", 4))
		req = strtoul(cmd + 4, NULL, 0);
	else
		return 2;

	memset(&info, 0, sizeof(info));
	info.src = RPMSG_ADDR_ANY;
	info.dst = RPMSG_ADDR_ANY;
	if (argc >= 4) {
		if (!strcmp(argv[3], "@null")) {
			arg = NULL;
		} else if (!strcmp(argv[3], "@fault")) {
			arg = unmapped();
		} else {
			len = unescape(argv[3], name, sizeof(name));
			memcpy(info.name, name,
			       len < sizeof(info.name) ? len : sizeof(info.name));
		}
	}
	if (argc >= 6 && (parse_u32(argv[4], &info.src) ||
			  parse_u32(argv[5], &info.dst)))
		return 2;

	fd = get_fd(key, target, 0);
	if (fd < 0)
		return 0;
	ret = ioctl(fd, req, arg);
	if (ret < 0)
		emit_err(key, "", errno);
	else
		emit(key, "OK");
	put_fd(target, fd);
	return 0;
}

static int cmd_open(int argc, char **argv)
{
	int flags = O_RDWR;
	int fd;

	if (argc >= 3 && !strcmp(argv[2], "nonblock"))
		flags |= O_NONBLOCK;
	fd = open(argv[1], flags);
	if (fd < 0) {
		emit_err(argv[0], "", errno);
		return 0;
	}
	emit(argv[0], "OK");
	close(fd);
	return 0;
}

/* ---- write, read, poll ---------------------------------------------- */

static int cmd_write(char **argv)
{
	const char *key = argv[0], *target = argv[1], *data = argv[2];
	static unsigned char buf[BUF_MAX];
	const void *p = buf;
	size_t len;
	ssize_t ret;
	int fd;

	if (!strncmp(data, "text:", 5)) {
		len = unescape(data + 5, (char *)buf, sizeof(buf));
	} else if (!strncmp(data, "len:", 4)) {
		len = strtoul(data + 4, NULL, 0);
		if (len > sizeof(buf))
			return 2;
		fill_pattern(buf, len);
	} else if (!strncmp(data, "fault:", 6)) {
		len = strtoul(data + 6, NULL, 0);
		p = unmapped();
	} else {
		return 2;
	}

	fd = get_fd(key, target, 0);
	if (fd < 0)
		return 0;
	ret = write(fd, p, len);
	if (ret < 0)
		emit_err(key, "", errno);
	else
		emit(key, "OK %zd", ret);
	put_fd(target, fd);
	return 0;
}

static void show_msg(const char *key, const unsigned char *buf, ssize_t n)
{
	char text[SHOW_MAX * 4 + 1];

	if (n <= SHOW_MAX) {
		escape(buf, (size_t)n, text);
		emit(key, "%zd %s", n, text);
	} else {
		emit(key, "%zd %s", n, is_pattern(buf, (size_t)n) ?
		     "pattern" : "other");
	}
}

static int wait_in(int fd, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, ms);
}

static int cmd_read(int argc, char **argv)
{
	const char *key = argv[0], *target = argv[1];
	static unsigned char buf[BUF_MAX];
	size_t size = strtoul(argv[2], NULL, 0);
	int nonblock = 0, ms = -1, fd, fl = 0;
	ssize_t n;

	if (size > sizeof(buf))
		return 2;
	if (argc >= 4) {
		if (!strcmp(argv[3], "nonblock"))
			nonblock = 1;
		else if (!strncmp(argv[3], "wait:", 5))
			ms = atoi(argv[3] + 5);
		else
			return 2;
	}

	fd = get_fd(key, target, 0);
	if (fd < 0)
		return 0;
	if (ms >= 0 && wait_in(fd, ms) == 0) {
		emit(key, "TIMEOUT");
		goto out;
	}
	if (nonblock) {
		fl = fcntl(fd, F_GETFL);
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	}
	n = read(fd, buf, size);
	if (n < 0)
		emit_err(key, "", errno);
	else
		show_msg(key, buf, n);
	if (nonblock)
		fcntl(fd, F_SETFL, fl);
out:
	put_fd(target, fd);
	return 0;
}

static int cmd_pread(char **argv)
{
	const char *key = argv[0], *target = argv[1];
	static unsigned char buf[BUF_MAX];
	size_t size = strtoul(argv[2], NULL, 0);
	ssize_t n;
	int fd;

	if (size > sizeof(buf))
		return 2;
	fd = get_fd(key, target, 0);
	if (fd < 0)
		return 0;
	n = pread(fd, buf, size, strtol(argv[3], NULL, 0));
	if (n < 0)
		emit_err(key, "", errno);
	else
		show_msg(key, buf, n);
	put_fd(target, fd);
	return 0;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static int cmd_readblock(char **argv)
{
	const char *key = argv[0], *target = argv[1];
	static unsigned char buf[BUF_MAX];
	size_t size = strtoul(argv[2], NULL, 0);
	struct sigaction sa;
	ssize_t n;
	int fd;

	if (size > sizeof(buf))
		return 2;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: read gets EINTR */
	sigaction(SIGALRM, &sa, NULL);

	fd = get_fd(key, target, 0);
	if (fd < 0)
		return 0;
	alarm((unsigned int)atoi(argv[3]));
	n = read(fd, buf, size);
	alarm(0);
	if (n < 0)
		emit_err(key, "", errno);
	else
		show_msg(key, buf, n);
	put_fd(target, fd);
	return 0;
}

static const struct {
	short bit;
	const char *name;
} pollbits[] = {
	{ POLLIN, "IN" }, { POLLPRI, "PRI" }, { POLLOUT, "OUT" },
	{ POLLERR, "ERR" }, { POLLHUP, "HUP" }, { POLLNVAL, "NVAL" },
	{ POLLRDNORM, "RDNORM" }, { POLLRDBAND, "RDBAND" },
	{ POLLWRNORM, "WRNORM" }, { POLLWRBAND, "WRBAND" },
	{ POLLRDHUP, "RDHUP" },
};

/* The names of the bits of @revents in @mask joined by "|", or @none. */
static void poll_names(short revents, short mask, const char *none,
		       char *out)
{
	size_t i;

	*out = '\0';
	for (i = 0; i < sizeof(pollbits) / sizeof(pollbits[0]); i++) {
		if (!(revents & mask & pollbits[i].bit))
			continue;
		if (*out)
			strcat(out, "|");
		strcat(out, pollbits[i].name);
	}
	if (!*out)
		strcpy(out, none);
}

static int cmd_poll(char **argv)
{
	const char *key = argv[0], *target = argv[1];
	struct pollfd pfd = { .events = POLLIN | POLLOUT };
	const short wr = POLLOUT | POLLWRNORM | POLLWRBAND;
	char out[128], subkey[256];
	int ret;

	pfd.fd = get_fd(key, target, 0);
	if (pfd.fd < 0)
		return 0;
	if (!strncmp(argv[2], "in:", 3)) {
		wait_in(pfd.fd, atoi(argv[2] + 3));
		ret = poll(&pfd, 1, 0);
	} else {
		ret = poll(&pfd, 1, atoi(argv[2]));
	}
	if (ret < 0) {
		emit_err(key, "", errno);
	} else {
		if (ret == 0)
			pfd.revents = 0;
		poll_names(pfd.revents, (short)~(wr | POLLHUP), "none", out);
		emit(key, "%s", out);
		poll_names(pfd.revents, wr, "-", out);
		snprintf(subkey, sizeof(subkey), "%s.out", key);
		emit(subkey, "%s", out);
		poll_names(pfd.revents, POLLHUP, "-", out);
		snprintf(subkey, sizeof(subkey), "%s.hup", key);
		emit(subkey, "%s", out);
	}
	put_fd(target, pfd.fd);
	return 0;
}

/* ---- echo through a node, and through a tty ----------------------- */

static int cmd_echo(char **argv)
{
	const char *key = argv[0], *target = argv[1];
	static unsigned char out[BUF_MAX], in[BUF_MAX];
	size_t len = strtoul(argv[2], NULL, 0);
	long count = strtol(argv[3], NULL, 0), i;
	int ms = atoi(argv[4]), fd;
	ssize_t n;

	if (len > sizeof(out))
		return 2;
	fd = get_fd(key, target, 0);
	if (fd < 0)
		return 0;
	fill_pattern(out, len);
	for (i = 0; i < count; i++) {
		n = write(fd, out, len);
		if (n < 0) {
			emit(key, "write %ld: %s", i, errname(errno));
			goto out;
		}
		if (wait_in(fd, ms) <= 0) {
			emit(key, "reply %ld: TIMEOUT", i);
			goto out;
		}
		n = read(fd, in, sizeof(in));
		if (n < 0) {
			emit(key, "read %ld: %s", i, errname(errno));
			goto out;
		}
		if ((size_t)n != len || memcmp(in, out, len)) {
			emit(key, "reply %ld: %zd bytes, %s", i, n,
			     (size_t)n == len ? "different" : "wrong size");
			goto out;
		}
	}
	emit(key, "OK");
out:
	put_fd(target, fd);
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int cmd_tty(char **argv)
{
	const char *key = argv[0];
	char text[256], got[256], shown[256 * 4 + 1];
	size_t len = unescape(argv[2], text, sizeof(text)), have = 0;
	long deadline = now_ms() + atoi(argv[3]);
	struct termios t;
	ssize_t n;
	int fd;

	fd = open(argv[1], O_RDWR | O_NOCTTY);
	if (fd < 0) {
		emit_err(key, "open:", errno);
		return 0;
	}
	if (tcgetattr(fd, &t) < 0) {
		emit_err(key, "tcgetattr:", errno);
		goto out;
	}
	cfmakeraw(&t);
	if (tcsetattr(fd, TCSANOW, &t) < 0) {
		emit_err(key, "tcsetattr:", errno);
		goto out;
	}
	n = write(fd, text, len);
	if (n < 0) {
		emit_err(key, "write:", errno);
		goto out;
	}
	while (have < len && now_ms() < deadline) {
		if (wait_in(fd, (int)(deadline - now_ms())) <= 0)
			break;
		n = read(fd, got + have, sizeof(got) - have);
		if (n <= 0)
			break;
		have += (size_t)n;
	}
	escape((unsigned char *)got, have, shown);
	emit(key, "%s", have ? shown : "NOTHING");
out:
	close(fd);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: conf-rpmsg ioctl <key> <target> <cmd> [<name> <src> <dst>]\n"
		"       conf-rpmsg open <key> <path> [nonblock]\n"
		"       conf-rpmsg write <key> <target> text:<s>|len:<n>|fault:<n>\n"
		"       conf-rpmsg read <key> <target> <size> [nonblock|wait:<ms>]\n"
		"       conf-rpmsg pread <key> <target> <size> <offset>\n"
		"       conf-rpmsg readblock <key> <target> <size> <seconds>\n"
		"       conf-rpmsg poll <key> <target> <ms>|in:<ms>\n"
		"       conf-rpmsg echo <key> <target> <len> <count> <ms>\n"
		"       conf-rpmsg tty <key> <path> <text> <ms>\n");
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	int ret = 2;

	argc -= 2;
	argv += 2;
	if (!strcmp(cmd, "ioctl") && (argc == 3 || argc == 4 || argc == 6))
		ret = cmd_ioctl(argc, argv);
	else if (!strcmp(cmd, "open") && (argc == 2 || argc == 3))
		ret = cmd_open(argc, argv);
	else if (!strcmp(cmd, "write") && argc == 3)
		ret = cmd_write(argv);
	else if (!strcmp(cmd, "read") && (argc == 3 || argc == 4))
		ret = cmd_read(argc, argv);
	else if (!strcmp(cmd, "pread") && argc == 4)
		ret = cmd_pread(argv);
	else if (!strcmp(cmd, "readblock") && argc == 4)
		ret = cmd_readblock(argv);
	else if (!strcmp(cmd, "poll") && argc == 3)
		ret = cmd_poll(argv);
	else if (!strcmp(cmd, "echo") && argc == 5)
		ret = cmd_echo(argv);
	else if (!strcmp(cmd, "tty") && argc == 4)
		ret = cmd_tty(argv);
	if (ret == 2)
		usage();
	return ret;
}
