// SPDX-License-Identifier: GPL-2.0
/*
 * conf-io: the exact system-call results the conformance suite compares.
 *
 *   conf-io write <path> <bytes>	one open(O_WRONLY) and one write(2) of
 *					<bytes> (printf %b escapes: \n \t \\
 *					\0 \xHH); prints "OK", "E<NAME>" (the
 *					write failed) or "open:E<NAME>"
 *   conf-io read <path>		one open(O_RDONLY) and reads until EOF
 *					(at most 4096 bytes shown); prints the
 *					content on one line with \n, \t, \\, \0
 *					and \xHH escaped, or "read:E<NAME>" /
 *					"open:E<NAME>"
 *   conf-io mode <path>		"<type><octal mode>" (f, d, c, b, l, p, s)
 *					without following a symlink, or "-"
 *
 * Output is one line on stdout; exit status 0 unless the usage is wrong.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHOW_MAX 4096

static const struct {
	int err;
	const char *name;
} errnames[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
	{ EINTR, "EINTR" }, { EIO, "EIO" }, { ENXIO, "ENXIO" },
	{ E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" },
	{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
	{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
	{ ENODEV, "ENODEV" }, { ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" },
	{ EINVAL, "EINVAL" }, { ENFILE, "ENFILE" }, { EMFILE, "EMFILE" },
	{ ENOTTY, "ENOTTY" }, { EFBIG, "EFBIG" }, { ENOSPC, "ENOSPC" },
	{ ESPIPE, "ESPIPE" }, { EROFS, "EROFS" }, { EPIPE, "EPIPE" },
	{ ERANGE, "ERANGE" }, { ENAMETOOLONG, "ENAMETOOLONG" },
	{ ENOSYS, "ENOSYS" }, { ENODATA, "ENODATA" }, { ETIME, "ETIME" },
	{ ENOLINK, "ENOLINK" }, { EBADMSG, "EBADMSG" },
	{ EOVERFLOW, "EOVERFLOW" }, { EMSGSIZE, "EMSGSIZE" },
	{ EOPNOTSUPP, "EOPNOTSUPP" }, { EADDRINUSE, "EADDRINUSE" },
	{ ENOBUFS, "ENOBUFS" }, { ETIMEDOUT, "ETIMEDOUT" },
	{ ECONNRESET, "ECONNRESET" }, { EALREADY, "EALREADY" },
	{ EINPROGRESS, "EINPROGRESS" }, { ESHUTDOWN, "ESHUTDOWN" },
	{ ENOTCONN, "ENOTCONN" }, { ECANCELED, "ECANCELED" },
	{ ENOKEY, "ENOKEY" }, { ENOTSUP, "ENOTSUP" },
};

static void print_errno(const char *prefix, int err)
{
	size_t i;

	for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++) {
		if (errnames[i].err == err) {
			printf("%s%s\n", prefix, errnames[i].name);
			return;
		}
	}
	printf("%serrno%d\n", prefix, err);
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

/* Decode the escapes of <in> into <out>; returns the decoded length. */
static size_t unescape(const char *in, char *out)
{
	size_t n = 0;

	while (*in) {
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
				out[n++] = (char)(hexval(in[1]) * 16 + hexval(in[2]));
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

static int do_write(const char *path, const char *arg)
{
	char *buf = malloc(strlen(arg) + 1);
	size_t len;
	ssize_t ret;
	int fd;

	if (!buf)
		return 1;
	len = unescape(arg, buf);
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		print_errno("open:", errno);
		free(buf);
		return 0;
	}
	ret = write(fd, buf, len);
	if (ret < 0)
		print_errno("", errno);
	else if ((size_t)ret != len)
		printf("SHORT%zd\n", ret);
	else
		printf("OK\n");
	close(fd);
	free(buf);
	return 0;
}

static void show(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case '\n': fputs("\\n", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		case '\0': fputs("\\0", stdout); break;
		default:
			if (p[i] < 0x20 || p[i] >= 0x7f)
				printf("\\x%02x", p[i]);
			else
				putchar(p[i]);
		}
	}
	putchar('\n');
}

static int do_read(const char *path)
{
	static unsigned char buf[SHOW_MAX];
	size_t have = 0;
	ssize_t ret;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		print_errno("open:", errno);
		return 0;
	}
	for (;;) {
		unsigned char sink[4096];

		if (have < sizeof(buf))
			ret = read(fd, buf + have, sizeof(buf) - have);
		else
			ret = read(fd, sink, sizeof(sink));
		if (ret < 0) {
			print_errno("read:", errno);
			close(fd);
			return 0;
		}
		if (ret == 0)
			break;
		if (have < sizeof(buf))
			have += (size_t)ret;
	}
	close(fd);
	show(buf, have);
	return 0;
}

static int do_mode(const char *path)
{
	struct stat st;
	char type = '?';

	if (lstat(path, &st) < 0) {
		printf("-\n");
		return 0;
	}
	if (S_ISREG(st.st_mode))
		type = 'f';
	else if (S_ISDIR(st.st_mode))
		type = 'd';
	else if (S_ISCHR(st.st_mode))
		type = 'c';
	else if (S_ISBLK(st.st_mode))
		type = 'b';
	else if (S_ISLNK(st.st_mode))
		type = 'l';
	else if (S_ISFIFO(st.st_mode))
		type = 'p';
	else if (S_ISSOCK(st.st_mode))
		type = 's';
	printf("%c%04o\n", type, (unsigned int)(st.st_mode & 07777));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "write"))
		return do_write(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "read"))
		return do_read(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "mode"))
		return do_mode(argv[2]);
	fprintf(stderr, "usage: conf-io write <path> <bytes> | read <path> | mode <path>\n");
	return 2;
}
