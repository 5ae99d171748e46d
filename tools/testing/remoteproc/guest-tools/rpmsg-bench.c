// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg-bench: the measurements of `make bench` (bench.sh, bench/run), made
 * through the user-space interfaces both rpmsg stacks share (/dev/rpmsgN,
 * /dev/rpmsg_ctrlN, the remoteproc sysfs), against whichever stack is
 * loaded and the default firmware's services (firmware/services.c): the
 * rpmsg-raw channel echoes, rpmsg-test-ctrl floods and crashes on command.
 *
 *   rpmsg-bench rtt <size> <count>
 *	<count> echo round trips of <size> bytes on rpmsg-raw's node, one at
 *	a time, each verified: med_us, p99_us
 *   rpmsg-bench flood <n> <size>
 *	"flood <n> <size>" to rpmsg-test-ctrl through a new endpoint, whose
 *	node is then read as fast as possible until <n> messages came or none
 *	for 2 s; every payload is checked (byte i = byte 0 + i) and sequence
 *	gaps (byte 0 = seq & 0xff) counted: received, lost, bad, gaps, and
 *	the rate from the command to the last message, msgs_s and mb_s
 *   rpmsg-bench pipe <inflight> <count> <size>
 *	<count> echoes on rpmsg-raw with <inflight> messages outstanding,
 *	each reply checked for its sequence number: msgs_s
 *   rpmsg-bench boot <firmware> <count>
 *	the remote stopped, <firmware> set, then <count> cycles of: start
 *	(timed until "running" and until the first of the firmware's
 *	channels is on the rpmsg bus), all channels up, stop (timed until
 *	"offline"): start_ms, chan_ms, stop_ms (medians); then the firmware
 *	that was set before runs again, its channels up
 *   rpmsg-bench idle <k> <count>
 *	<k> endpoints created through /dev/rpmsg_ctrlN and opened (then
 *	idle) and the slab bytes they took, all caches shrunk before and
 *	after: slab_per_ept; <count> 1-byte round trips on rpmsg-raw
 *	meanwhile: rtt_med_us, rtt_p99_us
 *   rpmsg-bench ept-rate <count>
 *	<count> times: RPMSG_CREATE_EPT_IOCTL, the new node found in
 *	/sys/class/rpmsg and opened, RPMSG_DESTROY_EPT_IOCTL, close: per_s
 *   rpmsg-bench crash
 *	recovery on, coredumps off; "crash" to rpmsg-test-ctrl, then the time
 *	until a 1-byte echo came back on the recovered rpmsg-raw: ms
 *
 * Each result is one line "<key> <value>" on stdout.  Exit status 1 on
 * any error (a message on stderr), 3 when a command's deadline passed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#define MTU		496
#define MAX_IDS		4096
#define MAX_EPTS	2000
#define RP_NAME		"ivshmem-rproc"
#define RAW		"rpmsg-raw"
#define CTRL_SVC	"rpmsg-test-ctrl"
#define CMD_DEADLINE_S	600
#define STATE_TMO_MS	20000
#define FLOOD_IDLE_MS	2000

/* The channels the default firmware (and the 1m/16m images) announce. */
static const char *const fw_services[] = {
	"rpmsg-client-sample", RAW, "rpmsg-tty", CTRL_SVC,
};

static int fail(const char *what)
{
	fprintf(stderr, "rpmsg-bench: %s: %s\n", what, strerror(errno));
	return 1;
}

static int failx(const char *what)
{
	fprintf(stderr, "rpmsg-bench: %s\n", what);
	return 1;
}

static void on_alarm(int sig)
{
	static const char msg[] = "rpmsg-bench: deadline passed\n";

	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	nanosleep(&ts, NULL);
}

/* ---- sysfs and device nodes ----------------------------------------- */

/* A one-line attribute, newline removed; 0 or -1. */
static int read_attr(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int write_attr(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

static bool attr_is(const char *dir, const char *entry, const char *attr,
		    const char *want)
{
	char path[512], got[128];

	snprintf(path, sizeof(path), "%s/%s/%s", dir, entry, attr);
	return !read_attr(path, got, sizeof(got)) && !strcmp(got, want);
}

/*
 * The first entry of @dir whose <entry>/name is @name and whose own name
 * starts with @prefix (NULL: any), copied to @out; 0 or -1.
 */
static int find_entry(const char *dir, const char *prefix, const char *name,
		      char *out, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = -1;

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (prefix && strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		if (name && !attr_is(dir, de->d_name, "name", name))
			continue;
		snprintf(out, len, "%s", de->d_name);
		rc = 0;
		break;
	}
	closedir(d);
	return rc;
}

/* The remote address of the channel named @name; 0 or -1. */
static int channel_dst(const char *name, uint32_t *dst)
{
	char entry[256], path[512], val[32];

	if (find_entry("/sys/bus/rpmsg/devices", NULL, name, entry, sizeof(entry)))
		return -1;
	snprintf(path, sizeof(path), "/sys/bus/rpmsg/devices/%s/dst", entry);
	if (read_attr(path, val, sizeof(val)))
		return -1;
	*dst = (uint32_t)strtoul(val, NULL, 0);
	return 0;
}

/* Any of the firmware's channels on the bus. */
static bool any_fw_channel(void)
{
	DIR *d = opendir("/sys/bus/rpmsg/devices");
	struct dirent *de;
	bool found = false;

	if (!d)
		return false;
	while (!found && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		for (size_t i = 0; i < sizeof(fw_services) / sizeof(fw_services[0]); i++)
			if (attr_is("/sys/bus/rpmsg/devices", de->d_name, "name",
				    fw_services[i]))
				found = true;
	}
	closedir(d);
	return found;
}

/* Opens the /dev/rpmsgN (not a control node) named @name; fd or -1. */
static int open_node(const char *name, int flags)
{
	char dev[300];
	DIR *d = opendir("/sys/class/rpmsg");
	struct dirent *de;
	int fd = -1, id;
	char c;

	if (!d)
		return -1;
	while (fd < 0 && (de = readdir(d))) {
		if (sscanf(de->d_name, "rpmsg%d%c", &id, &c) != 1)
			continue;
		if (!attr_is("/sys/class/rpmsg", de->d_name, "name", name))
			continue;
		snprintf(dev, sizeof(dev), "/dev/%s", de->d_name);
		fd = open(dev, flags);
	}
	closedir(d);
	return fd;
}

static int open_raw(void)
{
	int fd = open_node(RAW, O_RDWR);

	if (fd < 0)
		fail("no /dev/rpmsgN for " RAW);
	return fd;
}

static int open_ctrl(void)
{
	char entry[256], dev[300];
	int fd;

	if (find_entry("/sys/class/rpmsg", "rpmsg_ctrl", NULL, entry, sizeof(entry)))
		return failx("no /dev/rpmsg_ctrlN"), -1;
	snprintf(dev, sizeof(dev), "/dev/%s", entry);
	fd = open(dev, O_RDWR);
	if (fd < 0)
		fail(dev);
	return fd;
}

/* Marks in @ids (MAX_IDS) the N of every /dev/rpmsgN there now. */
static void node_ids(bool *ids)
{
	DIR *d = opendir("/sys/class/rpmsg");
	struct dirent *de;
	int id;
	char c;

	memset(ids, 0, MAX_IDS * sizeof(*ids));
	if (!d)
		return;
	while ((de = readdir(d)))
		if (sscanf(de->d_name, "rpmsg%d%c", &id, &c) == 1 &&
		    id >= 0 && id < MAX_IDS)
			ids[id] = true;
	closedir(d);
}

/*
 * Opens the nodes that are there now and not in @before, up to @max, into
 * @fds; the number opened.
 */
static int open_new_nodes(const bool *before, int *fds, int max)
{
	static bool after[MAX_IDS];
	char dev[32];
	int n = 0;

	node_ids(after);
	for (int id = 0; id < MAX_IDS && n < max; id++) {
		if (!after[id] || before[id])
			continue;
		snprintf(dev, sizeof(dev), "/dev/rpmsg%d", id);
		fds[n] = open(dev, O_RDWR);
		if (fds[n] < 0)
			return fail(dev), n;
		n++;
	}
	return n;
}

static int create_ept(int cfd, const char *name, uint32_t dst)
{
	struct rpmsg_endpoint_info info = { .src = RPMSG_ADDR_ANY, .dst = dst };

	snprintf(info.name, sizeof(info.name), "%s", name);
	if (ioctl(cfd, RPMSG_CREATE_EPT_IOCTL, &info) < 0)
		return fail("RPMSG_CREATE_EPT_IOCTL");
	return 0;
}

/* A new endpoint to @dst, its node opened; fd or -1. */
static int open_ept(const char *name, uint32_t dst)
{
	static bool before[MAX_IDS];
	int cfd = open_ctrl(), fd = -1;

	if (cfd < 0)
		return -1;
	node_ids(before);
	if (!create_ept(cfd, name, dst) && open_new_nodes(before, &fd, 1) != 1)
		failx("no new /dev/rpmsgN after RPMSG_CREATE_EPT_IOCTL");
	close(cfd);
	return fd;
}

static int close_ept(int fd)
{
	int rc = ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);

	close(fd);
	return rc;
}

/* ---- statistics -------------------------------------------------------- */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The nearest-rank @p quantile of @v (sorted in place). */
static uint64_t quantile(uint64_t *v, size_t n, double p)
{
	size_t i = (size_t)(p * (double)n + 0.999999);

	qsort(v, n, sizeof(*v), cmp_u64);
	if (i < 1)
		i = 1;
	return v[(i > n ? n : i) - 1];
}

static void put_us(const char *key, uint64_t ns)
{
	printf("%s %.1f\n", key, (double)ns / 1e3);
}

static void put_ms(const char *key, uint64_t ns)
{
	printf("%s %.2f\n", key, (double)ns / 1e6);
}

/* ---- echo -------------------------------------------------------------- */

static void fill(unsigned char *buf, size_t len, uint32_t seq)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (unsigned char)(seq * 131 + i);
	if (len >= 4)
		memcpy(buf, &seq, 4);
}

/* One echo of @len bytes on @fd, verified; its time in ns, 0 on error. */
static uint64_t round_trip(int fd, unsigned char *out, size_t len, uint32_t seq)
{
	unsigned char in[MTU + 1];
	uint64_t t0;
	ssize_t n;

	fill(out, len, seq);
	t0 = now_ns();
	if (write(fd, out, len) != (ssize_t)len)
		return fail("write"), 0;
	n = read(fd, in, sizeof(in));
	if (n < 0)
		return fail("read"), 0;
	if ((size_t)n != len || memcmp(in, out, len))
		return failx("echo differs from what was sent"), 0;
	t0 = now_ns() - t0;
	return t0 ? t0 : 1;
}

/* @count timed round trips (after a few untimed ones) into @ns. */
static int rtt_series(int fd, size_t len, uint64_t *ns, int count)
{
	unsigned char out[MTU];

	for (int i = -10; i < count; i++) {
		uint64_t t = round_trip(fd, out, len, (uint32_t)(i + 10));

		if (!t)
			return 1;
		if (i >= 0)
			ns[i] = t;
	}
	return 0;
}

static int rtt_report(int fd, size_t len, int count, const char *prefix)
{
	uint64_t *ns = calloc((size_t)count, sizeof(*ns));
	char key[64];
	int rc;

	if (!ns)
		return fail("calloc");
	rc = rtt_series(fd, len, ns, count);
	if (!rc) {
		snprintf(key, sizeof(key), "%smed_us", prefix);
		put_us(key, quantile(ns, (size_t)count, 0.5));
		snprintf(key, sizeof(key), "%sp99_us", prefix);
		put_us(key, quantile(ns, (size_t)count, 0.99));
	}
	free(ns);
	return rc;
}

static int do_rtt(size_t len, int count)
{
	int fd, rc;

	if (len < 1 || len > MTU || count < 1)
		return failx("rtt: size 1..496, count >= 1");
	fd = open_raw();
	if (fd < 0)
		return 1;
	rc = rtt_report(fd, len, count, "");
	close(fd);
	return rc;
}

/* ---- pipelined echo ---------------------------------------------------- */

static int pipe_send(int fd, size_t len, uint32_t seq)
{
	unsigned char out[MTU];

	fill(out, len, seq);
	if (write(fd, out, len) != (ssize_t)len)
		return fail("write");
	return 0;
}

static int pipe_recv(int fd, size_t len, uint32_t seq)
{
	unsigned char in[MTU + 1];
	ssize_t n = read(fd, in, sizeof(in));
	uint32_t got;

	if (n < 0)
		return fail("read");
	if ((size_t)n != len)
		return failx("pipelined echo of the wrong length");
	memcpy(&got, in, 4);
	if (got != seq)
		return failx("pipelined echo out of order");
	return 0;
}

static int do_pipe(int inflight, int count, size_t len)
{
	uint32_t sent = 0, got = 0;
	uint64_t t0;
	int fd;

	if (inflight < 1 || count < inflight || len < 4 || len > MTU)
		return failx("pipe: inflight >= 1, count >= inflight, size 4..496");
	fd = open_raw();
	if (fd < 0)
		return 1;
	t0 = now_ns();
	while (sent < (uint32_t)inflight)
		if (pipe_send(fd, len, sent++))
			goto err;
	while (got < (uint32_t)count) {
		if (pipe_recv(fd, len, got++))
			goto err;
		if (sent < (uint32_t)count && pipe_send(fd, len, sent++))
			goto err;
	}
	printf("msgs_s %.0f\n", count / ((double)(now_ns() - t0) / 1e9));
	close(fd);
	return 0;
err:
	close(fd);
	return 1;
}

/* ---- flood ------------------------------------------------------------- */

/**
 * struct flood - what a flood reader saw
 * @received: messages read
 * @bad: messages of the wrong size or whose bytes do not follow byte 0
 * @gaps: messages missing by the sequence numbers (byte 0, modulo 256)
 * @next: the sequence number expected next
 * @t_last: when the last message was read
 */
struct flood {
	uint32_t received, bad, gaps, next;
	uint64_t t_last;
};

static void flood_check(struct flood *f, const unsigned char *m, ssize_t n,
			size_t size)
{
	uint32_t skip;

	f->received++;
	f->t_last = now_ns();
	if (n < 1 || (size_t)n != size) {
		f->bad++;
		return;
	}
	for (size_t i = 1; i < size; i++) {
		if (m[i] != (unsigned char)(m[0] + i)) {
			f->bad++;
			return;
		}
	}
	skip = (uint32_t)(unsigned char)(m[0] - (unsigned char)f->next);
	f->gaps += skip;
	f->next += skip + 1;
}

/* Reads the flood from non-blocking @fd until @n came or it went quiet. */
static int flood_read(int fd, uint32_t n, size_t size, struct flood *f)
{
	unsigned char m[MTU + 1];

	while (f->received < n) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t r = read(fd, m, sizeof(m));
		int pr;

		if (r >= 0) {
			flood_check(f, m, r, size);
			continue;
		}
		if (errno != EAGAIN)
			return fail("read");
		pr = poll(&p, 1, FLOOD_IDLE_MS);
		if (pr < 0)
			return fail("poll");
		if (pr == 0)
			break;
		if (!(p.revents & POLLIN))
			return failx("the flood's endpoint went away");
	}
	return 0;
}

/* The reply to a command on @fd within @ms, NUL-terminated; 0 or -1. */
static int read_reply(int fd, char *buf, size_t len, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;

	if (poll(&p, 1, ms) != 1 || !(p.revents & POLLIN))
		return -1;
	n = read(fd, buf, len - 1);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

static int flood_run(int fd, uint32_t n, size_t size)
{
	struct flood f = { 0 };
	char cmd[64], reply[MTU + 1];
	uint64_t t0;
	double dt;

	snprintf(cmd, sizeof(cmd), "flood %u %zu", n, size);
	t0 = now_ns();
	if (write(fd, cmd, strlen(cmd)) != (ssize_t)strlen(cmd))
		return fail("write");
	if (read_reply(fd, reply, sizeof(reply), 5000) || strncmp(reply, "ok flood", 8))
		return failx("no 'ok flood' from " CTRL_SVC);
	if (fcntl(fd, F_SETFL, O_NONBLOCK) < 0)
		return fail("fcntl");
	if (flood_read(fd, n, size, &f))
		return 1;
	dt = f.received ? (double)(f.t_last - t0) / 1e9 : 1;
	printf("received %u\nlost %u\nbad %u\ngaps %u\n", f.received,
	       n - f.received, f.bad, f.gaps);
	printf("msgs_s %.0f\nmb_s %.2f\n", f.received / dt,
	       (double)f.received * (double)size / dt / 1e6);
	return 0;
}

static int do_flood(uint32_t n, size_t size)
{
	uint32_t dst;
	int fd, rc;

	if (n < 1 || size < 1 || size > MTU)
		return failx("flood: n >= 1, size 1..496");
	if (channel_dst(CTRL_SVC, &dst))
		return failx("no " CTRL_SVC " channel");
	fd = open_ept("bench-flood", dst);
	if (fd < 0)
		return 1;
	rc = flood_run(fd, n, size);
	close_ept(fd);
	return rc;
}

/* ---- the remote's lifecycle ------------------------------------------- */

static int rp_dir(char *dir, size_t len)
{
	char entry[256];

	if (find_entry("/sys/class/remoteproc", NULL, RP_NAME, entry, sizeof(entry)))
		return failx("no " RP_NAME " in /sys/class/remoteproc");
	snprintf(dir, len, "/sys/class/remoteproc/%s", entry);
	return 0;
}

static int rp_attr(const char *dir, const char *attr, const char *val)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	if (write_attr(path, val)) {
		fprintf(stderr, "rpmsg-bench: writing '%s' to %s: %s\n", val, path,
			strerror(errno));
		return 1;
	}
	return 0;
}

static bool rp_state_is(const char *dir, const char *want)
{
	char path[512], got[64];

	snprintf(path, sizeof(path), "%s/state", dir);
	return !read_attr(path, got, sizeof(got)) && !strcmp(got, want);
}

/* Polls @ok(@dir, @arg) every 100 us for STATE_TMO_MS; 0 once true. */
static int wait_for(bool (*ok)(const char *, const char *), const char *dir,
		    const char *arg)
{
	uint64_t end = now_ns() + STATE_TMO_MS * 1000000ull;

	while (!ok(dir, arg)) {
		if (now_ns() > end)
			return -1;
		sleep_us(100);
	}
	return 0;
}

static bool fw_channel_there(const char *dir, const char *arg)
{
	(void)dir;
	(void)arg;
	return any_fw_channel();
}

static bool node_there(const char *dir, const char *name)
{
	int fd;

	(void)dir;
	fd = open_node(name, O_RDWR);
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

static bool all_channels_there(const char *dir, const char *arg)
{
	char entry[256];

	(void)dir;
	(void)arg;
	for (size_t i = 0; i < sizeof(fw_services) / sizeof(fw_services[0]); i++)
		if (find_entry("/sys/bus/rpmsg/devices", NULL, fw_services[i],
			       entry, sizeof(entry)))
			return false;
	return true;
}

/* Stops the remote and times it; 0 or 1. */
static int timed_stop(const char *dir, uint64_t *ns)
{
	uint64_t t0 = now_ns();

	if (rp_attr(dir, "state", "stop"))
		return 1;
	if (wait_for(rp_state_is, dir, "offline"))
		return failx("not offline after stop");
	*ns = now_ns() - t0;
	return 0;
}

/* Starts it; times "running" and the first channel; 0 or 1. */
static int timed_start(const char *dir, uint64_t *run_ns, uint64_t *chan_ns)
{
	uint64_t t0 = now_ns();

	if (rp_attr(dir, "state", "start"))
		return 1;
	if (wait_for(rp_state_is, dir, "running"))
		return failx("not running after start");
	*run_ns = now_ns() - t0;
	if (wait_for(fw_channel_there, dir, NULL))
		return failx("no channel after start");
	*chan_ns = now_ns() - t0;
	return 0;
}

/* Offline (stopping it if needed), then @fw running with every channel. */
static int rp_back(const char *dir, const char *fw)
{
	if (!rp_state_is(dir, "offline") && rp_attr(dir, "state", "stop"))
		return 1;
	if (wait_for(rp_state_is, dir, "offline"))
		return failx("not offline");
	if (rp_attr(dir, "firmware", fw) || rp_attr(dir, "state", "start"))
		return 1;
	if (wait_for(rp_state_is, dir, "running") ||
	    wait_for(all_channels_there, dir, NULL) ||
	    wait_for(node_there, dir, RAW))
		return failx("the firmware's channels did not come back");
	return 0;
}

/*
 * @count cycles of @fw from offline: start (timed until running, and until
 * the first channel), all channels up, stop (timed); times into @ns: the
 * stops, then the starts, then the first channels, @count each.
 */
static int boot_cycles(const char *dir, const char *fw, int count,
		       uint64_t *ns)
{
	if (!rp_state_is(dir, "offline") && rp_attr(dir, "state", "stop"))
		return 1;
	if (wait_for(rp_state_is, dir, "offline"))
		return failx("not offline");
	if (rp_attr(dir, "firmware", fw))
		return 1;
	for (int i = 0; i < count; i++) {
		if (timed_start(dir, &ns[count + i], &ns[2 * count + i]))
			return 1;
		/* The remote is idle once its channels are all up. */
		if (wait_for(all_channels_there, dir, NULL))
			return failx("the firmware's channels did not all come");
		if (timed_stop(dir, &ns[i]))
			return 1;
	}
	return 0;
}

static int do_boot(const char *fw, int count)
{
	char dir[300], path[400], old[256];
	uint64_t *ns;
	int rc;

	if (count < 1 || rp_dir(dir, sizeof(dir)))
		return 1;
	snprintf(path, sizeof(path), "%s/firmware", dir);
	if (read_attr(path, old, sizeof(old)))
		return fail(path);
	ns = calloc(3 * (size_t)count, sizeof(*ns));
	if (!ns)
		return fail("calloc");
	rc = boot_cycles(dir, fw, count, ns);
	if (!rc) {
		put_ms("stop_ms", quantile(ns, (size_t)count, 0.5));
		put_ms("start_ms", quantile(ns + count, (size_t)count, 0.5));
		put_ms("chan_ms", quantile(ns + 2 * count, (size_t)count, 0.5));
	}
	free(ns);
	return rp_back(dir, old) || rc;
}

/* ---- endpoints --------------------------------------------------------- */

/* Active slab bytes (/proc/slabinfo), every cache shrunk first. */
static long long slab_bytes(void)
{
	char path[512], line[512], name[128];
	DIR *d = opendir("/sys/kernel/slab");
	long long sum = 0, active, total, size;
	struct dirent *de;
	FILE *f;

	while (d && (de = readdir(d))) {
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink", de->d_name);
		if (de->d_name[0] != '.')
			write_attr(path, "1");
	}
	if (d)
		closedir(d);
	f = fopen("/proc/slabinfo", "r");
	if (!f)
		return fail("/proc/slabinfo"), -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%127s %lld %lld %lld", name, &active, &total,
			   &size) == 4)
			sum += active * size;
	fclose(f);
	return sum;
}

/* @k endpoints to @dst, created, then opened into @fds; the number open. */
static int open_idle(int k, uint32_t dst, int *fds)
{
	static bool before[MAX_IDS];
	char name[32];
	int cfd = open_ctrl(), n;

	if (cfd < 0)
		return 0;
	node_ids(before);
	for (n = 0; n < k; n++) {
		snprintf(name, sizeof(name), "bench-idle-%d", n);
		if (create_ept(cfd, name, dst))
			break;
	}
	close(cfd);
	return open_new_nodes(before, fds, n);
}

static void raise_nofile(void)
{
	struct rlimit r;

	if (!getrlimit(RLIMIT_NOFILE, &r)) {
		r.rlim_cur = r.rlim_max;
		setrlimit(RLIMIT_NOFILE, &r);
	}
}

static int do_idle(int k, int count)
{
	long long s0, s1;
	int *fds, n, fd, rc = 1;
	uint32_t dst;

	if (k < 1 || k > MAX_EPTS || count < 1)
		return failx("idle: k 1..2000, count >= 1");
	if (channel_dst(RAW, &dst))
		return failx("no " RAW " channel");
	raise_nofile();
	fds = calloc((size_t)k, sizeof(*fds));
	fd = open_raw();
	if (!fds || fd < 0)
		goto out;
	s0 = slab_bytes();
	n = open_idle(k, dst, fds);
	s1 = slab_bytes();
	if (n != k) {
		fprintf(stderr, "rpmsg-bench: %d of %d idle endpoints open\n", n, k);
	} else if (s0 >= 0 && s1 >= 0) {
		printf("slab_per_ept %lld\n", (s1 - s0) / k);
		rc = rtt_report(fd, 1, count, "rtt_");
	}
	for (int i = 0; i < n; i++)
		close_ept(fds[i]);
out:
	if (fd >= 0)
		close(fd);
	free(fds);
	return rc;
}

/* One endpoint created, its node found and opened, destroyed; 0 or 1. */
static int ept_cycle(int cfd, uint32_t dst)
{
	static bool before[MAX_IDS];
	int fd;

	node_ids(before);
	if (create_ept(cfd, "bench-ept", dst))
		return 1;
	if (open_new_nodes(before, &fd, 1) != 1)
		return failx("no new /dev/rpmsgN after RPMSG_CREATE_EPT_IOCTL");
	if (close_ept(fd))
		return fail("RPMSG_DESTROY_EPT_IOCTL");
	return 0;
}

static int do_ept_rate(int count)
{
	uint32_t dst;
	uint64_t t0;
	int cfd;

	if (count < 1)
		return failx("ept-rate: count >= 1");
	if (channel_dst(RAW, &dst))
		return failx("no " RAW " channel");
	cfd = open_ctrl();
	if (cfd < 0)
		return 1;
	t0 = now_ns();
	for (int i = 0; i < count; i++) {
		if (ept_cycle(cfd, dst)) {
			close(cfd);
			return 1;
		}
	}
	printf("per_s %.1f\n", count / ((double)(now_ns() - t0) / 1e9));
	close(cfd);
	return 0;
}

/* ---- crash and recovery ------------------------------------------------ */

/* Waits until @fd's endpoint is gone (EPOLLERR/EPOLLHUP); 0 or 1. */
static int wait_gone(int fd)
{
	uint64_t end = now_ns() + STATE_TMO_MS * 1000000ull;
	unsigned char buf[MTU + 1];

	while (now_ns() < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (poll(&p, 1, 1000) < 0)
			return fail("poll");
		if (p.revents & (POLLERR | POLLHUP | POLLNVAL))
			return 0;
		if ((p.revents & POLLIN) && read(fd, buf, sizeof(buf)) < 0)
			return 0;
	}
	return failx("rpmsg-raw's node still there after the crash");
}

/* One byte echoed on a (new) rpmsg-raw node within 100 ms. */
static bool echo_works(void)
{
	int fd = open_node(RAW, O_RDWR);
	char in[8];
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, "c", 1) == 1 && !read_reply(fd, in, sizeof(in), 100) &&
	     in[0] == 'c';
	close(fd);
	return ok;
}

static int crash_run(const char *dir, uint32_t dst)
{
	int raw = open_raw(), fd;
	uint64_t t0, end;

	if (raw < 0)
		return 1;
	fd = open_ept("bench-crash", dst);
	if (fd < 0 || rp_attr(dir, "recovery", "enabled") ||
	    rp_attr(dir, "coredump", "disabled"))
		goto err;
	t0 = now_ns();
	if (write(fd, "crash", 5) != 5 || wait_gone(raw))
		goto err;
	/*
	 * The endpoint went with the old control device: no
	 * RPMSG_DESTROY_EPT_IOCTL now (on Linux 6.1 it deletes the device a
	 * second time: a NULL pointer dereference in kernfs).
	 */
	close(fd);
	close(raw);
	for (end = now_ns() + STATE_TMO_MS * 1000000ull; now_ns() < end;) {
		if (echo_works()) {
			put_ms("ms", now_ns() - t0);
			return 0;
		}
		sleep_us(500);
	}
	return failx("no echo on rpmsg-raw after the recovery");
err:
	if (fd >= 0)
		close(fd);
	close(raw);
	return 1;
}

static int do_crash(void)
{
	char dir[300];
	uint32_t dst;

	if (rp_dir(dir, sizeof(dir)))
		return 1;
	if (channel_dst(CTRL_SVC, &dst))
		return failx("no " CTRL_SVC " channel");
	if (crash_run(dir, dst))
		return 1;
	if (wait_for(all_channels_there, dir, NULL))
		return failx("the firmware's channels did not all come back");
	return 0;
}

/* ---- main -------------------------------------------------------------- */

static int dispatch(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";

	if (!strcmp(op, "rtt") && argc == 4)
		return do_rtt(strtoul(argv[2], NULL, 0), atoi(argv[3]));
	if (!strcmp(op, "flood") && argc == 4)
		return do_flood(strtoul(argv[2], NULL, 0), strtoul(argv[3], NULL, 0));
	if (!strcmp(op, "pipe") && argc == 5)
		return do_pipe(atoi(argv[2]), atoi(argv[3]), strtoul(argv[4], NULL, 0));
	if (!strcmp(op, "boot") && argc == 4)
		return do_boot(argv[2], atoi(argv[3]));
	if (!strcmp(op, "idle") && argc == 4)
		return do_idle(atoi(argv[2]), atoi(argv[3]));
	if (!strcmp(op, "ept-rate") && argc == 3)
		return do_ept_rate(atoi(argv[2]));
	if (!strcmp(op, "crash") && argc == 2)
		return do_crash();
	fprintf(stderr, "usage: see the comment at the top of rpmsg-bench.c\n");
	return 1;
}

int main(int argc, char **argv)
{
	int rc;

	signal(SIGALRM, on_alarm);
	alarm(CMD_DEADLINE_S);
	rc = dispatch(argc, argv);
	fflush(stdout);
	return rc;
}
