// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-cdev: what the guest tests need from /dev/remoteprocN, in one
 * static program.  Results go to stdout as "OK", a number, or the name of
 * the errno (EBUSY, EINVAL, ...), so that the test compares words.
 *
 *   rproc-cdev write <node> <text>
 *	one write(2) of exactly <text>
 *   rproc-cdev writeln <node> <text>
 *	one write(2) of <text> and a newline
 *   rproc-cdev write-fd <fd> <text>
 *	one write(2) of <text> on the inherited descriptor <fd>
 *   rproc-cdev write-badptr <node>
 *	a write(2) of 5 bytes from an inaccessible buffer
 *   rproc-cdev get <node>
 *	the shutdown-on-release flag of a newly opened file
 *   rproc-cdev get-fd <fd>
 *	the flag of the inherited descriptor <fd>
 *   rproc-cdev set-get <node> <value>
 *	set the flag to <value>, print what reading it back on the same file
 *	gives, clear it again and close
 *   rproc-cdev two-files <node>
 *	open the node twice, set the flag on the first file, print the flags
 *	of both ("<first> <second>"), clear it again and close
 *   rproc-cdev hold <node> <flag> <command|-> <seconds>
 *	open, set the flag to <flag>, write <command> (unless "-") and print
 *	the result, sleep, then exit without clearing the flag
 *   rproc-cdev bad-ioctl <node>
 *	two unknown ioctl commands (our type byte, and a terminal one)
 *   rproc-cdev bad-pointer <node>
 *	set and get with an inaccessible argument: "<set> <get>"
 *
 * When opening the node fails, "open <ERRNO>" is printed instead.  Exit
 * status 0 when a result was printed, 1 on errors of the program itself
 * (usage, memory), 2 when the node could not be opened.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>
#include <linux/remoteproc_cdev.h>

/* The errno as a word, or "OK" for 0. */
static const char *err_word(int err)
{
	const char *name;

	if (!err)
		return "OK";
	name = strerrorname_np(err);
	return name ? name : "E?";
}

static int open_node(const char *node)
{
	int fd = open(node, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		printf("open %s\n", err_word(errno));
	return fd;
}

static int parse_int(const char *s, int *val)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || end == s || *end || v < INT32_MIN || v > INT32_MAX)
		return -1;
	*val = (int)v;
	return 0;
}

/* One write(2) of @len bytes: 0 or the errno. */
static int write_once(int fd, const void *buf, size_t len)
{
	ssize_t n = write(fd, buf, len);

	if (n < 0)
		return errno;
	if ((size_t)n != len) {
		fprintf(stderr, "rproc-cdev: short write: %zd of %zu\n", n, len);
		return EIO;
	}
	return 0;
}

static int set_flag(int fd, int32_t val)
{
	return ioctl(fd, RPROC_SET_SHUTDOWN_ON_RELEASE, &val) ? errno : 0;
}

/* The flag of @fd, or -1 with a message. */
static int get_flag(int fd)
{
	int32_t val = -1;

	if (ioctl(fd, RPROC_GET_SHUTDOWN_ON_RELEASE, &val)) {
		printf("get %s\n", err_word(errno));
		return -1;
	}
	return val;
}

/* A page that faults on any access, or NULL. */
static void *bad_page(void)
{
	void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED) {
		perror("rproc-cdev: mmap");
		return NULL;
	}
	return p;
}

static int cmd_write(const char *node, const char *text, int newline)
{
	size_t len = strlen(text);
	char *buf = malloc(len + 1);
	int fd, err;

	if (!buf)
		return 1;
	memcpy(buf, text, len);
	if (newline)
		buf[len++] = '\n';

	fd = open_node(node);
	if (fd < 0) {
		free(buf);
		return 2;
	}
	err = write_once(fd, buf, len);
	printf("%s\n", err_word(err));
	close(fd);
	free(buf);
	return 0;
}

static int cmd_write_fd(int fd, const char *text)
{
	printf("%s\n", err_word(write_once(fd, text, strlen(text))));
	return 0;
}

static int cmd_write_badptr(const char *node)
{
	void *page = bad_page();
	int fd;

	if (!page)
		return 1;
	fd = open_node(node);
	if (fd < 0)
		return 2;
	printf("%s\n", err_word(write_once(fd, page, 5)));
	close(fd);
	return 0;
}

static int cmd_get_fd(int fd)
{
	int val = get_flag(fd);

	if (val >= 0)
		printf("%d\n", val);
	return 0;
}

static int cmd_get(const char *node)
{
	int fd = open_node(node);

	if (fd < 0)
		return 2;
	cmd_get_fd(fd);
	close(fd);
	return 0;
}

static int cmd_set_get(const char *node, int32_t val)
{
	int fd = open_node(node);
	int err;

	if (fd < 0)
		return 2;
	err = set_flag(fd, val);
	if (err)
		printf("set %s\n", err_word(err));
	else
		cmd_get_fd(fd);
	/* Closing must not stop the remote. */
	set_flag(fd, 0);
	close(fd);
	return 0;
}

static int cmd_two_files(const char *node)
{
	int a, b, err, fa, fb;

	a = open_node(node);
	if (a < 0)
		return 2;
	b = open_node(node);
	if (b < 0) {
		close(a);
		return 2;
	}
	err = set_flag(a, 1);
	if (err) {
		printf("set %s\n", err_word(err));
	} else {
		fa = get_flag(a);
		fb = get_flag(b);
		if (fa >= 0 && fb >= 0)
			printf("%d %d\n", fa, fb);
	}
	set_flag(a, 0);
	close(b);
	close(a);
	return 0;
}

static int cmd_hold(const char *node, int32_t flag, const char *command,
		    int seconds)
{
	int fd = open_node(node);
	int err;

	if (fd < 0)
		return 2;
	err = set_flag(fd, flag);
	if (err) {
		printf("set %s\n", err_word(err));
	} else if (strcmp(command, "-")) {
		err = write_once(fd, command, strlen(command));
		printf("%s\n", err_word(err));
	} else {
		printf("OK\n");
	}
	fflush(stdout);
	if (seconds > 0)
		sleep((unsigned int)seconds);
	/* Leave the descriptor to exit(). */
	return 0;
}

static int cmd_bad_ioctl(const char *node)
{
	int32_t val = 0;
	struct termios tio;
	int fd = open_node(node);
	int e1, e2;

	if (fd < 0)
		return 2;
	e1 = ioctl(fd, _IOW(RPROC_MAGIC, 42, int32_t), &val) ? errno : 0;
	e2 = ioctl(fd, TCGETS, &tio) ? errno : 0;
	printf("%s %s\n", err_word(e1), err_word(e2));
	close(fd);
	return 0;
}

static int cmd_bad_pointer(const char *node)
{
	void *page = bad_page();
	int fd, e1, e2;

	if (!page)
		return 1;
	fd = open_node(node);
	if (fd < 0)
		return 2;
	e1 = ioctl(fd, RPROC_SET_SHUTDOWN_ON_RELEASE, page) ? errno : 0;
	e2 = ioctl(fd, RPROC_GET_SHUTDOWN_ON_RELEASE, page) ? errno : 0;
	printf("%s %s\n", err_word(e1), err_word(e2));
	/* A SET that wrongly succeeded must not stop the remote at close. */
	set_flag(fd, 0);
	close(fd);
	return 0;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: rproc-cdev write|writeln <node> <text>\n"
		"       rproc-cdev write-fd <fd> <text>\n"
		"       rproc-cdev get|write-badptr|two-files <node>\n"
		"       rproc-cdev bad-ioctl|bad-pointer <node>\n"
		"       rproc-cdev get-fd <fd>\n"
		"       rproc-cdev set-get <node> <value>\n"
		"       rproc-cdev hold <node> <flag> <command|-> <seconds>\n");
	return 1;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	int a, b;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 4 && !strcmp(cmd, "write"))
		return cmd_write(argv[2], argv[3], 0);
	if (argc == 4 && !strcmp(cmd, "writeln"))
		return cmd_write(argv[2], argv[3], 1);
	if (argc == 4 && !strcmp(cmd, "write-fd") && !parse_int(argv[2], &a))
		return cmd_write_fd(a, argv[3]);
	if (argc == 3 && !strcmp(cmd, "write-badptr"))
		return cmd_write_badptr(argv[2]);
	if (argc == 3 && !strcmp(cmd, "get"))
		return cmd_get(argv[2]);
	if (argc == 3 && !strcmp(cmd, "get-fd") && !parse_int(argv[2], &a))
		return cmd_get_fd(a);
	if (argc == 4 && !strcmp(cmd, "set-get") && !parse_int(argv[3], &a))
		return cmd_set_get(argv[2], a);
	if (argc == 3 && !strcmp(cmd, "two-files"))
		return cmd_two_files(argv[2]);
	if (argc == 6 && !strcmp(cmd, "hold") && !parse_int(argv[3], &a) &&
	    !parse_int(argv[5], &b))
		return cmd_hold(argv[2], a, argv[4], b);
	if (argc == 3 && !strcmp(cmd, "bad-ioctl"))
		return cmd_bad_ioctl(argv[2]);
	if (argc == 3 && !strcmp(cmd, "bad-pointer"))
		return cmd_bad_pointer(argv[2]);
	return usage();
}
