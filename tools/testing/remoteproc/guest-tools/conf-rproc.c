// SPDX-License-Identifier: GPL-2.0
/*
 * conf-rproc: the system calls on /dev/remoteprocN that the conformance
 * suite (guest/conformance/1*-rproc-*.sh) compares between our stack and
 * Linux 6.1's.  Every result is printed as a transcript line
 * "<prefix>.<case> <result>", the result being "OK", a number or the errno's
 * name (EINVAL, EFAULT, ...).
 *
 *   conf-rproc ioctls <prefix> <node>
 *	on one file: the flag of a new file, setting it to several values
 *	and reading it back, NULL and bad pointers, unknown commands; leaves
 *	the flag cleared
 *   conf-rproc calls <prefix> <node>
 *	the other file operations: read, lseek, pread, pwrite, mmap, writes
 *	from bad pointers, a write on a read-only file
 *   conf-rproc hold <prefix> <node> <flag|-> <command|->
 *	open, set the flag (unless "-"), write <command> (unless "-"),
 *	close; prints the result of each step
 *   conf-rproc hold-run <prefix> <node> <flag> <shell command>
 *	open, set the flag, run the command (system(3)) while the file is
 *	open, close
 *   conf-rproc two-files <prefix> <node>
 *	whether the flag belongs to the file or to the remote: set on one
 *	file, read on another; leaves it cleared
 *   conf-rproc other-close <prefix> <node> <state file>
 *	set the flag on one file, open and close a second one, print the
 *	state; clear the flag, close the first, print the state again
 *
 * Exit status 0 once the results are printed, 1 on a usage error, 2 when
 * the node cannot be opened (and "<prefix>.open <ERRNO>" is printed).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>
#include <linux/remoteproc_cdev.h>

/*
 * An address no process has mapped, and one in the kernel's half; volatile
 * so that the compiler does not reason about what they point to.
 */
static void *volatile bad_low = (void *)16;
static void *volatile bad_kernel = (void *)0xffff888000000000ull;

static const char *prefix;

static const char *err_word(int err)
{
	const char *name = strerrorname_np(err);

	return name ? name : "E?";
}

static void line(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void line(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("%s.%s ", prefix, name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* The result of a call returning -1 and errno on failure. */
static void result(const char *name, long ret)
{
	if (ret < 0)
		line(name, "%s", err_word(errno));
	else
		line(name, "OK");
}

static int open_node(const char *node, int flags)
{
	int fd = open(node, flags | O_CLOEXEC);

	if (fd < 0) {
		line("open", "%s", err_word(errno));
		exit(2);
	}
	return fd;
}

static void set_flag(int fd, const char *name, int32_t val)
{
	result(name, ioctl(fd, RPROC_SET_SHUTDOWN_ON_RELEASE, &val));
}

static void get_flag(int fd, const char *name)
{
	int32_t val = -12345;

	if (ioctl(fd, RPROC_GET_SHUTDOWN_ON_RELEASE, &val) < 0)
		line(name, "%s", err_word(errno));
	else
		line(name, "%d", val);
}

static int do_ioctls(const char *node)
{
	static const struct {
		const char *name;
		unsigned long cmd;
	} unknown[] = {
		{ "unknown.magic_nr0", _IO(RPROC_MAGIC, 0) },
		{ "unknown.magic_nr3", _IO(RPROC_MAGIC, 3) },
		{ "unknown.set_as_read", _IOR(RPROC_MAGIC, 1, int32_t) },
		{ "unknown.get_as_write", _IOW(RPROC_MAGIC, 2, int32_t) },
		{ "unknown.set_size8", _IOW(RPROC_MAGIC, 1, int64_t) },
		{ "unknown.get_size8", _IOR(RPROC_MAGIC, 2, int64_t) },
		{ "unknown.set_no_dir", _IO(RPROC_MAGIC, 1) },
		{ "unknown.tcgets", TCGETS },
		{ "unknown.zero", 0 },
		{ "unknown.all_ones", 0xffffffffUL },
	};
	static const int32_t values[] = { 0, 1, 2, 7, -1, INT32_MIN, 0 };
	int32_t val = 0;
	void *ro;
	size_t i;
	int fd;

	fd = open_node(node, O_RDWR);
	get_flag(fd, "new_file.get");
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char name[32];

		snprintf(name, sizeof(name), "set.%d", values[i]);
		set_flag(fd, name, values[i]);
		snprintf(name, sizeof(name), "set.%d.get", values[i]);
		get_flag(fd, name);
	}

	result("set.null", ioctl(fd, RPROC_SET_SHUTDOWN_ON_RELEASE, NULL));
	result("get.null", ioctl(fd, RPROC_GET_SHUTDOWN_ON_RELEASE, NULL));
	result("set.bad_low", ioctl(fd, RPROC_SET_SHUTDOWN_ON_RELEASE, bad_low));
	result("get.bad_low", ioctl(fd, RPROC_GET_SHUTDOWN_ON_RELEASE, bad_low));
	result("set.bad_kernel",
	       ioctl(fd, RPROC_SET_SHUTDOWN_ON_RELEASE, bad_kernel));
	result("get.bad_kernel",
	       ioctl(fd, RPROC_GET_SHUTDOWN_ON_RELEASE, bad_kernel));
	get_flag(fd, "after_bad_pointers.get");

	/* GET into memory that can be read but not written. */
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro != MAP_FAILED) {
		result("get.read_only_page",
		       ioctl(fd, RPROC_GET_SHUTDOWN_ON_RELEASE, ro));
		munmap(ro, 4096);
	}

	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		result(unknown[i].name, ioctl(fd, unknown[i].cmd, &val));
	get_flag(fd, "after_unknown.get");

	set_flag(fd, "reset", 0);
	close(fd);
	return 0;
}

static int do_calls(const char *node)
{
	char buf[16];
	void *p;
	int fd;

	fd = open_node(node, O_RDWR);
	result("read", read(fd, buf, sizeof(buf)));
	result("read.zero", read(fd, buf, 0));
	result("lseek.set0", lseek(fd, 0, SEEK_SET));
	result("lseek.cur", lseek(fd, 0, SEEK_CUR));
	result("lseek.end", lseek(fd, 0, SEEK_END));
	result("pread", pread(fd, buf, sizeof(buf), 0));
	/* Not a valid command: must not change the state, whatever it does. */
	result("pwrite.garbage", pwrite(fd, "bogus", 5, 0));
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	result("mmap", p == MAP_FAILED ? -1 : 0);
	if (p != MAP_FAILED)
		munmap(p, 4096);
	result("write.bad_low.len5", write(fd, bad_low, 5));
	result("write.bad_low.len10", write(fd, bad_low, 10));
	result("write.bad_low.len11", write(fd, bad_low, 11));
	result("write.bad_low.len16", write(fd, bad_low, 16));
	result("write.bad_low.len17", write(fd, bad_low, 17));
	result("write.bad_kernel.len5", write(fd, bad_kernel, 5));
	result("write.null.len0", write(fd, NULL, 0));
	close(fd);

	fd = open_node(node, O_RDONLY);
	result("rdonly.write", write(fd, "bogus", 5));
	result("rdonly.ioctl_get", ioctl(fd, RPROC_GET_SHUTDOWN_ON_RELEASE,
					  buf));
	close(fd);

	fd = open_node(node, O_WRONLY);
	result("wronly.read", read(fd, buf, sizeof(buf)));
	close(fd);
	return 0;
}

static int do_hold(const char *node, const char *flag, const char *cmd)
{
	int fd = open_node(node, O_RDWR);

	if (strcmp(flag, "-"))
		set_flag(fd, "set", (int32_t)atoi(flag));
	if (strcmp(cmd, "-")) {
		ssize_t ret = write(fd, cmd, strlen(cmd));

		result("write", ret < 0 ? -1 : 0);
	}
	result("close", close(fd));
	return 0;
}

static int do_hold_run(const char *node, const char *flag, const char *cmd)
{
	int fd = open_node(node, O_RDWR);

	set_flag(fd, "set", (int32_t)atoi(flag));
	if (system(cmd) != 0)
		fprintf(stderr, "conf-rproc: '%s' failed\n", cmd);
	fflush(stdout);
	result("close", close(fd));
	return 0;
}

static int do_two_files(const char *node)
{
	int a = open_node(node, O_RDWR);
	int b = open_node(node, O_RDWR);

	set_flag(a, "first.set1", 1);
	get_flag(a, "first.get");
	get_flag(b, "second.get");
	set_flag(b, "second.set0", 0);
	get_flag(a, "first.get_after_second_set0");
	set_flag(a, "first.set0", 0);
	get_flag(b, "second.get_after_first_set0");
	close(b);
	close(a);
	return 0;
}

static void show_state(const char *name, const char *statefile)
{
	char buf[64] = "";
	FILE *f = fopen(statefile, "r");

	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = '\0';
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = '\0';
	line(name, "%s", buf);
}

static int do_other_close(const char *node, const char *statefile)
{
	int a = open_node(node, O_RDWR);
	int b;

	set_flag(a, "first.set1", 1);
	b = open_node(node, O_RDWR);
	result("second.close", close(b));
	/* A stop, if any, is synchronous: done when close() returns. */
	show_state("state_after_second_close", statefile);
	set_flag(a, "first.set0", 0);
	result("first.close", close(a));
	show_state("state_after_first_close", statefile);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 4)
		goto usage;
	prefix = argv[2];
	if (argc == 4 && !strcmp(argv[1], "ioctls"))
		return do_ioctls(argv[3]);
	if (argc == 4 && !strcmp(argv[1], "calls"))
		return do_calls(argv[3]);
	if (argc == 6 && !strcmp(argv[1], "hold"))
		return do_hold(argv[3], argv[4], argv[5]);
	if (argc == 6 && !strcmp(argv[1], "hold-run"))
		return do_hold_run(argv[3], argv[4], argv[5]);
	if (argc == 4 && !strcmp(argv[1], "two-files"))
		return do_two_files(argv[3]);
	if (argc == 5 && !strcmp(argv[1], "other-close"))
		return do_other_close(argv[3], argv[4]);
usage:
	fprintf(stderr, "usage: conf-rproc ioctls|calls|two-files <prefix> <node>\n"
		"       conf-rproc hold <prefix> <node> <flag|-> <command|->\n"
		"       conf-rproc hold-run <prefix> <node> <flag> <shell command>\n"
		"       conf-rproc other-close <prefix> <node> <state file>\n");
	return 1;
}
