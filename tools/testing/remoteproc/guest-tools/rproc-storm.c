// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-storm: random operations, well-formed and not, on every user
 * interface of the remoteproc and rpmsg subsystem, from several processes
 * with several threads each, for a fixed time.
 *
 *   rproc-storm [-s seed] [-t seconds] [-j procs] [-T threads]
 *		 [-F fw1,fw2,...] [-d deadline] [-c max-nodes] [-L ms]
 *		 [-x kinds] [-o kinds] [-q]
 *
 *   -F  firmware names to write to "firmware" (the first, the default
 *       firmware, most often; names that do not exist are tried anyway)
 *   -c  bound on rpmsg endpoint nodes plus channels: beyond it, creating
 *       one becomes destroying one
 *   -L  stop, start, crash and shutdown-on-release at most once per <ms>
 *       over all workers (default 500; else the remote is rarely up)
 *   -x, -o  leave out, or keep only, kinds of operations (comma list)
 *
 * The interfaces: /dev/remoteprocN (writes, ioctls good and bad),
 * /sys/class/remoteproc/N/{state,firmware,recovery,coredump,name},
 * /sys/kernel/debug/remoteproc/N/{crash,recovery,coredump,trace0,
 * resource_table,carveout_memories,name}, /sys/class/devcoredump (dumps are
 * read and dismissed, so that an inline dump never waits long),
 * /dev/rpmsg_ctrlN (every RPMSG_* ioctl with random arguments, unknown
 * requests, bad pointers), /dev/rpmsgN (read, write, readv/writev, poll,
 * epoll, ioctl, O_NONBLOCK switched on and off, close while another thread
 * uses the descriptor), /sys/bus/rpmsg/devices/N/driver_override and the
 * bus's bind, unbind and drivers_probe.
 *
 * Each worker process keeps a pool of open descriptors its threads share;
 * each thread draws its operations from its own generator, seeded from the
 * run's seed, the worker and the thread: the same -s, -j and -T replay the
 * same sequence of choices (what the kernel answers, and so the timing,
 * may differ).  A thread arms a timer before an operation that may block,
 * so that blocking calls are also interrupted by signals.
 *
 * The parent watches every thread: an operation still running after the
 * deadline (-d, seconds) is reported as stuck with the thread's last
 * operations; the kernel stacks of the tasks in the subsystem, of those in
 * D state and of storm threads running in the kernel are printed, and
 * sysrq w and l are triggered, once.
 * It also checks what holds for any file: read() and write() never return
 * more than asked, and a write of more than the MTU to an endpoint node,
 * or a read of more than the MTU from one, never succeeds.
 *
 * Output: the seeds, a progress line every 10 s, then the totals: ops per
 * kind, results by errno, ops per second.  Exit status 0, 1 when an
 * anomaly was seen, 3 when an operation got stuck, 2 on usage errors.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/remoteproc_cdev.h>
#include <linux/rpmsg.h>

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

#define MTU		496
#define MAX_PROCS	16
#define MAX_THREADS	8
#define POOL_SIZE	48
#define RECENT		8
#define WHAT_LEN	112
#define MAX_ERRNO	134
#define MAX_FW		16
#define PATH_LEN	256

/* ---- what the threads do ------------------------------------------------ */

enum kind {
	K_RPROC_SYSFS,
	K_RPROC_CDEV,
	K_DEBUGFS,
	K_DEVCD,
	K_CTRL,
	K_EPT,
	K_BUS,
	K_POOL,
	NKINDS
};

static const char *const kind_name[NKINDS] = {
	"rproc-sysfs", "rproc-cdev", "debugfs", "devcoredump", "ctrl", "ept",
	"bus", "pool",
};

/* Relative weights of the kinds. */
static const int kind_weight[NKINDS] = { 8, 8, 10, 3, 16, 30, 10, 10 };

/* What a descriptor in the pool was opened on. */
enum fd_type { FD_NONE, FD_RPROC, FD_CTRL, FD_EPT, FD_TRACE, FD_OTHER };

/* ---- state shared with the parent (MAP_SHARED) --------------------------- */

struct slot {
	volatile int64_t start_ns;	/* 0 when idle */
	volatile int kind;
	char what[WHAT_LEN];
	char recent[RECENT][WHAT_LEN];
	unsigned int nrecent;
	uint64_t seed;
	uint64_t ops[NKINDS];
	uint64_t kind_ok[NKINDS];
	uint64_t ok;
	uint64_t err[MAX_ERRNO + 1];
	volatile int stuck_reported;
};

struct shared {
	volatile int stop;
	int64_t last_lifecycle_ns;
	volatile int anomalies;
	char anomaly[4][160];
	struct slot slot[MAX_PROCS][MAX_THREADS];
};

struct cfg {
	uint64_t seed;
	int seconds, procs, threads, deadline, max_nodes, quiet;
	int lifecycle_ms;		/* at most one stop/start/crash per */
	unsigned int kinds;			/* bit per enum kind */
	const char *fw[MAX_FW];
	int nfw;
};

static struct shared *sh;
static struct cfg cfg;

/* ---- one worker process: its pool and its threads ----------------------- */

struct pool_ent {
	int fd;
	enum fd_type type;
	dev_t rdev;
	ino_t ino;
};

struct pool {
	pthread_mutex_t lock;
	struct pool_ent e[POOL_SIZE];
	int epfd;
};

struct ctx {
	int w, t;
	uint64_t rng;
	struct pool *pool;
	struct slot *slot;
	timer_t timer;
	int has_timer;
	char *bad;		/* a page, then an inaccessible one */
	char buf[65536 + 64];
};

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t rn(struct ctx *c, uint32_t n)
{
	return n ? (uint32_t)(splitmix(&c->rng) % n) : 0;
}

static int chance(struct ctx *c, int pct)
{
	return (int)rn(c, 100) < pct;
}

static uint64_t thread_seed(uint64_t seed, int w, int t)
{
	uint64_t s = seed ^ ((uint64_t)(w + 1) << 32) ^ (uint64_t)(t + 1) * 0x5851f42d4c957f2dULL;

	return splitmix(&s);
}

/* ---- bookkeeping of one operation ---------------------------------------- */

static void op_begin(struct ctx *c, int kind, const char *fmt, ...)
{
	struct slot *s = c->slot;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->what, WHAT_LEN, fmt, ap);
	va_end(ap);
	memcpy(s->recent[s->nrecent++ % RECENT], s->what, WHAT_LEN);
	s->kind = kind;
	s->ops[kind]++;
	__atomic_store_n(&s->start_ns, now_ns(), __ATOMIC_RELEASE);
}

static void op_end(struct ctx *c, long ret, int err)
{
	struct slot *s = c->slot;

	__atomic_store_n(&s->start_ns, 0, __ATOMIC_RELEASE);
	if (ret >= 0) {
		s->ok++;
		s->kind_ok[s->kind]++;
	}
	else
		s->err[err > 0 && err <= MAX_ERRNO ? err : 0]++;
}

static void anomaly(struct ctx *c, const char *fmt, ...)
{
	int n = __atomic_fetch_add(&sh->anomalies, 1, __ATOMIC_RELAXED);
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 4)
		snprintf(sh->anomaly[n], sizeof(sh->anomaly[n]), "%s", msg);
	fprintf(stderr, "storm: ANOMALY worker %d thread %d (seed 0x%llx): %s\n",
		c->w, c->t, (unsigned long long)c->slot->seed, msg);
}

/* Interrupt whatever blocks in the next @ms milliseconds (0: no timer). */
static void arm(struct ctx *c, int ms)
{
	struct itimerspec its = { 0 };

	if (!c->has_timer)
		return;
	its.it_value.tv_sec = ms / 1000;
	its.it_value.tv_nsec = (long)(ms % 1000) * 1000000L;
	timer_settime(c->timer, 0, &its, NULL);
}

static void disarm(struct ctx *c)
{
	arm(c, 0);
}

/*
 * Operations that stop, start or crash the remote are the controller's
 * business: the storm races them in, but at most one per -L milliseconds
 * across all workers, so that the remote is up most of the time.
 */
static int lifecycle_ok(void)
{
	int64_t now = now_ns(), last = __atomic_load_n(&sh->last_lifecycle_ns,
						      __ATOMIC_RELAXED);

	if (now - last < (int64_t)cfg.lifecycle_ms * 1000000LL)
		return 0;
	return __atomic_compare_exchange_n(&sh->last_lifecycle_ns, &last, now, 0,
					   __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

static void on_signal(int sig)
{
	(void)sig;
}

/* ---- paths --------------------------------------------------------------- */

typedef int (*name_filter)(const char *name);

static int any_entry(const char *n)
{
	return n[0] != '.';
}

static int is_rproc_node(const char *n)
{
	return !strncmp(n, "remoteproc", 10) && n[10] >= '0' && n[10] <= '9';
}

static int is_ctrl_node(const char *n)
{
	return !strncmp(n, "rpmsg_ctrl", 10);
}

static int is_ept_node(const char *n)
{
	return !strncmp(n, "rpmsg", 5) && n[5] >= '0' && n[5] <= '9';
}

static int is_devcd(const char *n)
{
	return !strncmp(n, "devcd", 5);
}

/*
 * A random entry of @dir accepted by @f, as "@dir/<name>" in @out; the
 * number of candidates (0: none, @out is untouched).
 */
static int pick(struct ctx *c, const char *dir, name_filter f, char *out,
		size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (!f(e->d_name) || strlen(dir) + strlen(e->d_name) + 2 > len)
			continue;
		/* reservoir sampling: each candidate equally likely */
		if (rn(c, (uint32_t)++n) == 0 &&
		    snprintf(out, len, "%s/%s", dir, e->d_name) < 0)
			return 0;
	}
	closedir(d);
	return n;
}

static int count_entries(const char *dir, name_filter f)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		n += f(e->d_name);
	closedir(d);
	return n;
}

static int read_small(const char *path, char *buf, size_t len)
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

/* ---- values ---------------------------------------------------------------- */

/* Fill @buf with @len random bytes (printable or not). */
static void fill_random(struct ctx *c, char *buf, size_t len)
{
	int printable = chance(c, 60);

	for (size_t i = 0; i < len; i++)
		buf[i] = printable ? (char)(' ' + rn(c, 95)) : (char)rn(c, 256);
}

/*
 * A value to write: one of @words (maybe with a newline, maybe cut short),
 * else an odd one.  Returns its length; @buf holds at least 4200 bytes.
 */
static size_t pick_value(struct ctx *c, const char *const *words, int nwords,
			 char *buf)
{
	size_t len;

	if (nwords && chance(c, 75)) {
		const char *w = words[rn(c, (uint32_t)nwords)];

		len = strlen(w);
		memcpy(buf, w, len);
		if (chance(c, 50))
			buf[len++] = '\n';
		if (len > 1 && chance(c, 5))
			len = rn(c, (uint32_t)len);	/* truncated */
		return len;
	}
	switch (rn(c, 6)) {
	case 0:
		return 0;
	case 1:
		buf[0] = '\n';
		return 1;
	case 2:				/* longer than any limit */
		len = 4096 + rn(c, 100);
		memset(buf, 'a' + (int)rn(c, 26), len);
		return len;
	case 3:
		len = (size_t)snprintf(buf, 64, "%d\n", (int)rn(c, 10) - 2);
		return len;
	case 4:
		len = 1 + rn(c, 40);
		fill_random(c, buf, len);
		return len;
	default:
		len = 1 + rn(c, 300);
		fill_random(c, buf, len);
		return len;
	}
}

/* A pointer the kernel must refuse: NULL, unmapped, kernel, past a page. */
static void *bad_ptr(struct ctx *c, size_t need)
{
	switch (rn(c, 4)) {
	case 0:
		return NULL;
	case 1:
		return (void *)0xffff888000000000ULL;
	case 2:
		return c->bad + 4096;		/* PROT_NONE */
	default:			/* straddles into the PROT_NONE page */
		return c->bad + 4096 - (need > 1 ? 1 + rn(c, (uint32_t)need - 1) : 1);
	}
}

/* One write of @len bytes of @buf (or a bad pointer) to @path. */
static void write_path(struct ctx *c, int kind, const char *path,
		       const char *buf, size_t len)
{
	int fd, err = 0;
	long ret;

	op_begin(c, kind, "write %s len %zu '%.24s'", path, len,
		 len && (unsigned char)buf[0] >= ' ' ? buf : "");
	if (chance(c, 30))
		arm(c, 20 + (int)rn(c, 2000));
	fd = open(path, O_WRONLY | (chance(c, 10) ? O_NONBLOCK : 0));
	if (fd < 0) {
		ret = -1;
		err = errno;
	} else {
		ret = write(fd, chance(c, 3) ? bad_ptr(c, len) : buf, len);
		err = errno;
		if (ret > (long)len)
			anomaly(c, "write(%s, %zu) returned %ld", path, len, ret);
		close(fd);
	}
	disarm(c);
	op_end(c, ret, err);
}

/* Read @path with a random size, at a random offset. */
static void read_path(struct ctx *c, int kind, const char *path)
{
	size_t len = chance(c, 50) ? 4096 : rn(c, 70000);
	off_t off = 0;
	int fd, err = 0;
	long ret;

	switch (rn(c, 6)) {
	case 0:
		off = rn(c, 8192);
		break;
	case 1:
		off = (off_t)1 << (20 + rn(c, 40));
		break;
	default:
		break;
	}
	op_begin(c, kind, "read %s len %zu off %lld", path, len, (long long)off);
	if (chance(c, 20))
		arm(c, 20 + (int)rn(c, 500));
	fd = open(path, O_RDONLY | (chance(c, 20) ? O_NONBLOCK : 0));
	if (fd < 0) {
		ret = -1;
		err = errno;
	} else {
		if (chance(c, 3)) {
			ret = read(fd, bad_ptr(c, len), len);
		} else if (off) {
			ret = pread(fd, c->buf, len, off);
		} else {
			ret = read(fd, c->buf, len);
			/* and the rest, as cat does */
			while (ret > 0 && chance(c, 70)) {
				long more = read(fd, c->buf, len);

				if (more > (long)len)
					anomaly(c, "read(%s, %zu) returned %ld",
						path, len, more);
				if (more <= 0)
					break;
			}
		}
		err = errno;
		if (ret > (long)len)
			anomaly(c, "read(%s, %zu) returned %ld", path, len, ret);
		close(fd);
	}
	disarm(c);
	op_end(c, ret, err);
}

/* ---- the pool -------------------------------------------------------------- */

static void pool_add(struct ctx *c, int fd, enum fd_type type)
{
	struct pool *p = c->pool;
	struct stat st;
	int i, old = -1;

	if (fstat(fd, &st))
		memset(&st, 0, sizeof(st));
	pthread_mutex_lock(&p->lock);
	i = (int)rn(c, POOL_SIZE);
	if (p->e[i].fd >= 0)
		old = p->e[i].fd;
	p->e[i].fd = fd;
	p->e[i].type = type;
	p->e[i].rdev = st.st_rdev;
	p->e[i].ino = st.st_ino;
	pthread_mutex_unlock(&p->lock);
	/* Whoever still uses the old one races with this close. */
	if (old >= 0)
		close(old);
}

/* A random open descriptor of @type (FD_NONE: any); -1 when none. */
static int pool_get(struct ctx *c, enum fd_type type, struct pool_ent *out)
{
	struct pool *p = c->pool;
	int start = (int)rn(c, POOL_SIZE), found = -1;

	pthread_mutex_lock(&p->lock);
	for (int k = 0; k < POOL_SIZE; k++) {
		int i = (start + k) % POOL_SIZE;

		if (p->e[i].fd >= 0 && (type == FD_NONE || p->e[i].type == type)) {
			*out = p->e[i];
			found = p->e[i].fd;
			break;
		}
	}
	pthread_mutex_unlock(&p->lock);
	return found;
}

/* Takes a descriptor out of the pool and closes it. */
static int pool_close_one(struct ctx *c)
{
	struct pool *p = c->pool;
	int start = (int)rn(c, POOL_SIZE), fd = -1;

	pthread_mutex_lock(&p->lock);
	for (int k = 0; k < POOL_SIZE; k++) {
		int i = (start + k) % POOL_SIZE;

		if (p->e[i].fd >= 0) {
			fd = p->e[i].fd;
			p->e[i].fd = -1;
			break;
		}
	}
	pthread_mutex_unlock(&p->lock);
	if (fd >= 0)
		close(fd);
	return fd;
}

/* Is @e still the file it was when it entered the pool? */
static int same_file(const struct pool_ent *e)
{
	struct stat st;

	return !fstat(e->fd, &st) && st.st_rdev == e->rdev && st.st_ino == e->ino;
}

static int open_into_pool(struct ctx *c, int kind, const char *path,
			  enum fd_type type)
{
	int flags = (chance(c, 85) ? O_RDWR : chance(c, 50) ? O_RDONLY : O_WRONLY) |
		    (chance(c, 30) ? O_NONBLOCK : 0) | O_CLOEXEC;
	int fd, err;

	if (type == FD_TRACE)
		flags = O_RDONLY | O_CLOEXEC;
	op_begin(c, kind, "open %s flags 0x%x", path, flags);
	if (chance(c, 20))
		arm(c, 10 + (int)rn(c, 200));
	fd = open(path, flags);
	err = errno;
	disarm(c);
	op_end(c, fd, err);
	if (fd >= 0)
		pool_add(c, fd, type);
	return fd;
}

/* ---- /sys/class/remoteproc ----------------------------------------------- */

static void op_rproc_sysfs(struct ctx *c)
{
	static const char *const attrs[] = { "state", "firmware", "recovery",
					     "coredump", "name" };
	static const char *const state[] = { "start", "stop", "detach",
					     "stop", "start " };
	static const char *const recovery[] = { "enabled", "disabled", "recover" };
	static const char *const coredump[] = { "disabled", "enabled", "inline",
						"disabled" };
	char dir[PATH_LEN], path[PATH_LEN + 16], val[4200];
	const char *attr = attrs[rn(c, 5)];
	size_t len;

	if (!pick(c, "/sys/class/remoteproc", any_entry, dir, sizeof(dir)))
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	if (chance(c, 35) || !strcmp(attr, "name")) {
		read_path(c, K_RPROC_SYSFS, path);
		return;
	}
	if (!strcmp(attr, "state"))
		len = pick_value(c, state, lifecycle_ok() ? 5 : 0, val);
	else if (!strcmp(attr, "recovery"))
		len = pick_value(c, recovery, 3, val);
	else if (!strcmp(attr, "coredump"))
		len = pick_value(c, coredump, 4, val);
	else if (chance(c, 60))
		len = pick_value(c, cfg.fw, 1, val);	/* the default */
	else
		len = pick_value(c, cfg.fw, cfg.nfw, val);
	write_path(c, K_RPROC_SYSFS, path, val, len);
}

/* ---- /dev/remoteprocN ------------------------------------------------------ */

static void op_rproc_cdev(struct ctx *c)
{
	static const char *const cmds[] = { "start", "stop", "detach", "stop" };
	char path[PATH_LEN], val[4200];
	struct pool_ent e;
	int fd, own = 0, err = 0, choice = (int)rn(c, 10);
	long ret = 0;
	int32_t v;

	if (choice == 0 || pool_get(c, FD_RPROC, &e) < 0) {
		if (!pick(c, "/dev", is_rproc_node, path, sizeof(path)))
			return;
		if (chance(c, 50)) {
			open_into_pool(c, K_RPROC_CDEV, path, FD_RPROC);
			return;
		}
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			return;
		own = 1;
		e.fd = fd;
	}
	fd = e.fd;
	switch (rn(c, 7)) {
	case 0:
	case 1: {
		size_t len = pick_value(c, cmds, lifecycle_ok() ? 4 : 0, val);

		op_begin(c, K_RPROC_CDEV, "write fd %d '%.*s'", fd, (int)(len < 20 ? len : 20), val);
		arm(c, 50 + (int)rn(c, 3000));
		ret = write(fd, chance(c, 3) ? bad_ptr(c, len) : val, len);
		break;
	}
	case 2:		/* closing the file then stops the remote */
		v = chance(c, 15) && lifecycle_ok() ? (int32_t)(rn(c, 3) == 0 ? -1 : 1) : 0;
		op_begin(c, K_RPROC_CDEV, "ioctl fd %d SET_SHUTDOWN_ON_RELEASE %d", fd, v);
		ret = ioctl(fd, RPROC_SET_SHUTDOWN_ON_RELEASE,
			    chance(c, 10) ? bad_ptr(c, 4) : (void *)&v);
		break;
	case 3:
		op_begin(c, K_RPROC_CDEV, "ioctl fd %d GET_SHUTDOWN_ON_RELEASE", fd);
		ret = ioctl(fd, RPROC_GET_SHUTDOWN_ON_RELEASE,
			    chance(c, 10) ? bad_ptr(c, 4) : (void *)&v);
		break;
	case 4: {	/* a request it does not have */
		unsigned long cmd = rn(c, 2) ?
			_IOC(rn(c, 4), RPROC_MAGIC, rn(c, 16), rn(c, 64)) :
			(unsigned long)splitmix(&c->rng) & 0xffffffffUL;

		op_begin(c, K_RPROC_CDEV, "ioctl fd %d cmd 0x%lx", fd, cmd);
		ret = ioctl(fd, cmd, chance(c, 50) ? bad_ptr(c, 64) : c->buf);
		break;
	}
	case 5:
		op_begin(c, K_RPROC_CDEV, "read fd %d", fd);
		arm(c, 100);
		ret = read(fd, c->buf, 64);
		break;
	default: {
		void *m;

		op_begin(c, K_RPROC_CDEV, "mmap/lseek/poll fd %d", fd);
		m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
		if (m != MAP_FAILED)
			munmap(m, 4096);
		lseek(fd, (off_t)rn(c, 100), SEEK_SET);
		{
			struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };

			ret = poll(&p, 1, (int)rn(c, 20));
		}
		break;
	}
	}
	err = errno;
	disarm(c);
	op_end(c, ret, err);
	if (own)
		close(fd);
}

/* ---- debugfs --------------------------------------------------------------- */

static void op_debugfs(struct ctx *c)
{
	static const char *const files[] = {
		"crash", "recovery", "coredump", "trace0", "resource_table",
		"carveout_memories", "name", "trace0",
	};
	static const char *const crash[] = { "mmu-fault", "watchdog",
					     "fatal-error", "0", "1", "2", "7",
					     "0x2" };
	static const char *const recovery[] = { "enabled", "disabled", "recover" };
	static const char *const coredump[] = { "disabled", "enabled", "inline" };
	char dir[PATH_LEN], path[PATH_LEN + 24], val[4200];
	const char *f = files[rn(c, 8)];
	size_t len;

	if (!pick(c, "/sys/kernel/debug/remoteproc", any_entry, dir, sizeof(dir)))
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, f);
	if (!strcmp(f, "trace0") && chance(c, 30)) {
		/* kept open across stops and crashes, read later */
		open_into_pool(c, K_DEBUGFS, path, FD_TRACE);
		return;
	}
	/* crashes are the controller's business: a few only */
	if (!strcmp(f, "crash")) {
		len = pick_value(c, crash, lifecycle_ok() ? 8 : 0, val);
		write_path(c, K_DEBUGFS, path, val, len);
		return;
	}
	if (chance(c, 60) || !strcmp(f, "trace0") || !strcmp(f, "name") ||
	    !strcmp(f, "resource_table") || !strcmp(f, "carveout_memories")) {
		if (chance(c, 85)) {
			read_path(c, K_DEBUGFS, path);
			return;
		}
	}
	if (!strcmp(f, "recovery"))
		len = pick_value(c, recovery, 3, val);
	else if (!strcmp(f, "coredump"))
		len = pick_value(c, coredump, 3, val);
	else
		len = pick_value(c, NULL, 0, val);
	write_path(c, K_DEBUGFS, path, val, len);
}

/* ---- devcoredump: read the dumps, dismiss them ----------------------------- */

static void op_devcd(struct ctx *c)
{
	char dir[PATH_LEN], path[PATH_LEN + 8];

	if (!pick(c, "/sys/class/devcoredump", is_devcd, dir, sizeof(dir)))
		return;
	snprintf(path, sizeof(path), "%s/data", dir);
	if (chance(c, 40))
		read_path(c, K_DEVCD, path);
	else
		write_path(c, K_DEVCD, path, "1", 1);
}

/* ---- /dev/rpmsg_ctrlN --------------------------------------------------------- */

/* A random channel on the bus: its name and remote address. */
static int pick_channel(struct ctx *c, char *name, size_t len, uint32_t *dst)
{
	char dir[PATH_LEN], path[PATH_LEN + 8], val[64];

	if (!pick(c, "/sys/bus/rpmsg/devices", any_entry, dir, sizeof(dir)))
		return -1;
	snprintf(path, sizeof(path), "%s/name", dir);
	if (read_small(path, name, len))
		return -1;
	snprintf(path, sizeof(path), "%s/dst", dir);
	if (read_small(path, val, sizeof(val)))
		return -1;
	*dst = (uint32_t)strtoul(val, NULL, 0);
	return 0;
}

static void make_info(struct ctx *c, struct rpmsg_endpoint_info *info)
{
	static const char *const names[] = {
		"rpmsg-raw", "rpmsg-test-ctrl", "rpmsg-client-sample",
		"rpmsg-tty", "rpmsg_ns", "rpmsg_ctrl", "rpmsg_chrdev",
	};
	char chan[64] = "";
	uint32_t cdst = RPMSG_ADDR_ANY;

	memset(info, 0, sizeof(*info));
	pick_channel(c, chan, sizeof(chan), &cdst);
	switch (rn(c, 6)) {
	case 0:
	case 1:
		snprintf(info->name, sizeof(info->name), "%s", chan);
		break;
	case 2:
		snprintf(info->name, sizeof(info->name), "%s", names[rn(c, 7)]);
		break;
	case 3:
		snprintf(info->name, sizeof(info->name), "storm-%d-%u", c->w, rn(c, 8));
		break;
	case 4:		/* all 32 bytes, no NUL */
		fill_random(c, info->name, sizeof(info->name));
		break;
	default:
		fill_random(c, info->name, rn(c, sizeof(info->name)));
		break;
	}
	switch (rn(c, 6)) {
	case 0:
	case 1:
		info->src = RPMSG_ADDR_ANY;
		break;
	case 2:
		info->src = 0x400 + rn(c, 64);
		break;
	case 3:
		info->src = rn(c, 2) ? 53 : 0;
		break;
	default:
		info->src = (uint32_t)splitmix(&c->rng);
		break;
	}
	switch (rn(c, 5)) {
	case 0:
	case 1:
		info->dst = cdst;
		break;
	case 2:
		info->dst = RPMSG_ADDR_ANY;
		break;
	case 3:
		info->dst = rn(c, 2) ? 53 : 0x400 + rn(c, 64);
		break;
	default:
		info->dst = (uint32_t)splitmix(&c->rng);
		break;
	}
}

static int count_nodes(void)
{
	return count_entries("/sys/class/rpmsg", is_ept_node);
}

/* Destroys a random endpoint node through its own ioctl. */
static void destroy_some_node(struct ctx *c)
{
	char path[PATH_LEN];
	int fd, err;
	long ret;

	if (!pick(c, "/dev", is_ept_node, path, sizeof(path)))
		return;
	op_begin(c, K_CTRL, "destroy %s", path);
	fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		op_end(c, -1, errno);
		return;
	}
	ret = ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
	err = errno;
	close(fd);
	op_end(c, ret, err);
}

static void op_ctrl(struct ctx *c)
{
	static const unsigned long reqs[] = {
		RPMSG_CREATE_EPT_IOCTL, RPMSG_CREATE_EPT_IOCTL,
		RPMSG_CREATE_EPT_IOCTL, RPMSG_CREATE_EPT_IOCTL,
		RPMSG_CREATE_DEV_IOCTL, RPMSG_RELEASE_DEV_IOCTL,
		RPMSG_RELEASE_DEV_IOCTL, RPMSG_DESTROY_EPT_IOCTL,
	};
	struct rpmsg_endpoint_info info;
	char path[PATH_LEN];
	struct pool_ent e;
	unsigned long req;
	int fd, own = 0, err;
	long ret;
	void *arg = &info;

	if (rn(c, 8) == 0 || pool_get(c, FD_CTRL, &e) < 0) {
		if (!pick(c, "/dev", is_ctrl_node, path, sizeof(path)))
			return;
		if (chance(c, 50)) {
			open_into_pool(c, K_CTRL, path, FD_CTRL);
			return;
		}
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			return;
		own = 1;
		e.fd = fd;
	}
	fd = e.fd;
	if (chance(c, 12))
		req = rn(c, 2) ? _IOC(rn(c, 4), 0xb5, rn(c, 12), rn(c, 80)) :
		      (unsigned long)splitmix(&c->rng) & 0xffffffffUL;
	else
		req = reqs[rn(c, 8)];
	make_info(c, &info);
	if (chance(c, 6))
		arg = bad_ptr(c, sizeof(info));
	/* bounded: too many nodes and the ioctl becomes a destroy */
	if ((req == RPMSG_CREATE_EPT_IOCTL || req == RPMSG_CREATE_DEV_IOCTL) &&
	    count_nodes() + count_entries("/sys/bus/rpmsg/devices", any_entry) >
	    cfg.max_nodes) {
		if (own)
			close(fd);
		destroy_some_node(c);
		return;
	}
	op_begin(c, K_CTRL, "ioctl fd %d req 0x%lx name '%.32s' src 0x%x dst 0x%x",
		 fd, req, arg == &info ? info.name : "(bad)", info.src, info.dst);
	if (chance(c, 20))
		arm(c, 10 + (int)rn(c, 300));
	ret = ioctl(fd, req, arg);
	err = errno;
	disarm(c);
	op_end(c, ret, err);
	if (own)
		close(fd);
}

/* ---- /dev/rpmsgN ------------------------------------------------------------ */

/* What goes into a message: words the firmware's control service knows. */
static size_t ept_payload(struct ctx *c, size_t len)
{
	static const char *const words[] = {
		"counters", "announce storm-a", "announce storm-b",
		"destroy storm-a", "destroy storm-b", "flood 8 64", "flood 32 496",
		"ns-flood 3", "ns-unflood 3", "counters x", "crash",
	};
	const char *w;

	if (chance(c, 20)) {
		/* a crash now and then: the crash loop detector may engage */
		w = words[rn(c, lifecycle_ok() ? 11 : 10)];
		len = strlen(w);
		memcpy(c->buf, w, len);
		return len;
	}
	fill_random(c, c->buf, len);
	return len;
}

static size_t ept_size(struct ctx *c)
{
	static const size_t sizes[] = { 0, 1, 16, 495, 496, 497, 512, 4096,
					4097, 65536 };

	return chance(c, 50) ? rn(c, MTU + 1) : sizes[rn(c, 10)];
}

static void op_ept(struct ctx *c)
{
	char path[PATH_LEN];
	struct pool_ent e;
	int fd, err = 0, own = 0;
	long ret = 0;
	size_t len;

	if (rn(c, 10) == 0 || pool_get(c, FD_EPT, &e) < 0) {
		if (!pick(c, "/dev", is_ept_node, path, sizeof(path)))
			return;
		if (chance(c, 70)) {
			open_into_pool(c, K_EPT, path, FD_EPT);
			return;
		}
		fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			return;
		own = 1;
		memset(&e, 0, sizeof(e));
		e.fd = fd;
		e.type = FD_OTHER;
	}
	fd = e.fd;
	switch (rn(c, 12)) {
	case 0:
	case 1:
	case 2:
		len = ept_size(c);
		op_begin(c, K_EPT, "read fd %d len %zu", fd, len);
		arm(c, 5 + (int)rn(c, 500));
		ret = read(fd, chance(c, 4) ? bad_ptr(c, len) : c->buf, len);
		err = errno;
		if (ret > (long)len || (ret > MTU && e.type == FD_EPT && same_file(&e)))
			anomaly(c, "read(rpmsg fd, %zu) returned %ld", len, ret);
		break;
	case 3:
	case 4:
	case 5:
		len = ept_payload(c, ept_size(c));
		op_begin(c, K_EPT, "write fd %d len %zu '%.16s'", fd, len,
			 len && (unsigned char)c->buf[0] >= ' ' ? c->buf : "");
		arm(c, 5 + (int)rn(c, 1000));
		ret = write(fd, chance(c, 4) ? bad_ptr(c, len) : c->buf, len);
		err = errno;
		if (ret > (long)len ||
		    (ret >= 0 && len > MTU && e.type == FD_EPT && same_file(&e)))
			anomaly(c, "write(rpmsg fd, %zu) returned %ld", len, ret);
		break;
	case 6: {	/* vectors, some of them bad */
		struct iovec iov[3];
		int n = 1 + (int)rn(c, 3), rd = (int)rn(c, 2);
		size_t total = 0;

		for (int i = 0; i < n; i++) {
			iov[i].iov_len = rn(c, 300);
			iov[i].iov_base = chance(c, 10) ? bad_ptr(c, iov[i].iov_len) :
					  c->buf + i * 1024;
			total += iov[i].iov_len;
		}
		if (!rd)
			ept_payload(c, 3 * 1024);
		op_begin(c, K_EPT, "%s fd %d iovs %d total %zu", rd ? "readv" : "writev",
			 fd, n, total);
		arm(c, 5 + (int)rn(c, 500));
		ret = rd ? readv(fd, iov, n) : writev(fd, iov, n);
		err = errno;
		if (ret > (long)total)
			anomaly(c, "%s(rpmsg fd, %zu) returned %ld",
				rd ? "readv" : "writev", total, ret);
		break;
	}
	case 7: {
		struct pollfd p = { .fd = fd, .events = (short)(rn(c, 2) ? POLLIN :
					POLLIN | POLLOUT) };
		int ms = (int)rn(c, 300);

		op_begin(c, K_EPT, "poll fd %d %d ms", fd, ms);
		ret = poll(&p, 1, ms);
		err = errno;
		/* follow a POLLIN with a read: the queue must hold a message */
		if (ret == 1 && (p.revents & POLLIN) && !(p.revents & (POLLERR | POLLHUP))) {
			arm(c, 2000);
			(void)!read(fd, c->buf, MTU);
		}
		break;
	}
	case 8: {
		int fl = fcntl(fd, F_GETFL);

		op_begin(c, K_EPT, "fcntl fd %d toggle O_NONBLOCK", fd);
		ret = fl < 0 ? fl : fcntl(fd, F_SETFL, fl ^ O_NONBLOCK);
		err = errno;
		break;
	}
	case 9:
		op_begin(c, K_EPT, "ioctl fd %d DESTROY_EPT", fd);
		ret = ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
		err = errno;
		break;
	case 10: {
		unsigned long req = rn(c, 3) == 0 ? RPMSG_CREATE_EPT_IOCTL :
				    rn(c, 2) ? _IOC(rn(c, 4), 0xb5, rn(c, 8), rn(c, 64)) :
				    (unsigned long)splitmix(&c->rng) & 0xffffffffUL;
		struct rpmsg_endpoint_info info;

		make_info(c, &info);
		op_begin(c, K_EPT, "ioctl fd %d req 0x%lx", fd, req);
		ret = ioctl(fd, req, chance(c, 30) ? bad_ptr(c, sizeof(info)) : &info);
		err = errno;
		break;
	}
	default: {
		void *m;

		op_begin(c, K_EPT, "lseek/mmap fd %d", fd);
		ret = lseek(fd, (off_t)rn(c, 100), SEEK_SET);
		err = errno;
		m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (m != MAP_FAILED)
			munmap(m, 4096);
		break;
	}
	}
	disarm(c);
	op_end(c, ret, err);
	if (own)
		close(fd);
}

/* ---- the rpmsg bus: driver_override, bind, unbind ----------------------------- */

static void op_bus(struct ctx *c)
{
	static const char *const drivers[] = {
		"rpmsg_chrdev", "rpmsg_ctrl", "rpmsg_ns", "rpmsg_client_sample",
		"rpmsg_tty", "nosuchdriver",
	};
	char dev[PATH_LEN], drv[PATH_LEN], path[PATH_LEN * 2], val[4200];
	const char *name;
	size_t len;

	if (!pick(c, "/sys/bus/rpmsg/devices", any_entry, dev, sizeof(dev)))
		return;
	name = strrchr(dev, '/') + 1;
	switch (rn(c, 8)) {
	case 0:
	case 1:
		snprintf(path, sizeof(path), "%s/driver_override", dev);
		len = pick_value(c, drivers, 6, val);
		write_path(c, K_BUS, path, val, len);
		break;
	case 2:
		snprintf(path, sizeof(path), "%s/driver_override", dev);
		read_path(c, K_BUS, path);
		break;
	case 3: {	/* unbind from its own driver, or from another */
		char link[PATH_LEN];
		ssize_t n;

		snprintf(path, sizeof(path), "%s/driver", dev);
		n = readlink(path, link, sizeof(link) - 1);
		if (n > 0 && chance(c, 80)) {
			link[n] = '\0';
			snprintf(path, sizeof(path), "/sys/bus/rpmsg/drivers/%s/unbind",
				 strrchr(link, '/') ? strrchr(link, '/') + 1 : link);
		} else if (pick(c, "/sys/bus/rpmsg/drivers", any_entry, drv, sizeof(drv))) {
			snprintf(path, sizeof(path), "%s/unbind", drv);
		} else {
			return;
		}
		write_path(c, K_BUS, path, name, strlen(name));
		break;
	}
	case 4:
		if (!pick(c, "/sys/bus/rpmsg/drivers", any_entry, drv, sizeof(drv)))
			return;
		snprintf(path, sizeof(path), "%s/bind", drv);
		if (chance(c, 85)) {
			write_path(c, K_BUS, path, name, strlen(name));
		} else {
			len = pick_value(c, NULL, 0, val);
			write_path(c, K_BUS, path, val, len);
		}
		break;
	case 5:
		write_path(c, K_BUS, "/sys/bus/rpmsg/drivers_probe", name, strlen(name));
		break;
	default: {
		static const char *const attrs[] = { "name", "src", "dst", "announce",
						     "modalias", "uevent" };

		snprintf(path, sizeof(path), "%s/%s", dev, attrs[rn(c, 6)]);
		read_path(c, K_BUS, path);
		/* and a class device's */
		if (pick(c, "/sys/class/rpmsg", any_entry, drv, sizeof(drv))) {
			snprintf(path, sizeof(path), "%s/%s", drv,
				 rn(c, 2) ? "name" : rn(c, 2) ? "src" : "dst");
			read_path(c, K_BUS, path);
		}
		break;
	}
	}
}

/* ---- the pool: close, dup, epoll, reads of held trace files ------------------ */

static void op_pool(struct ctx *c)
{
	struct pool_ent e;
	int fd, err = 0;
	long ret = 0;

	switch (rn(c, 6)) {
	case 0:
	case 1:
		if (pool_get(c, FD_NONE, &e) < 0)
			return;
		op_begin(c, K_POOL, "close one");
		ret = pool_close_one(c) < 0 ? -1 : 0;
		err = EBADF;
		break;
	case 2:
		if (pool_get(c, FD_NONE, &e) < 0)
			return;
		op_begin(c, K_POOL, "dup fd %d", e.fd);
		fd = dup(e.fd);
		err = errno;
		ret = fd;
		if (fd >= 0)
			pool_add(c, fd, FD_OTHER);
		break;
	case 3: {
		struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLHUP,
					  .data.fd = 0 };

		if (pool_get(c, FD_NONE, &e) < 0)
			return;
		op_begin(c, K_POOL, "epoll add fd %d", e.fd);
		ret = epoll_ctl(c->pool->epfd, rn(c, 4) ? EPOLL_CTL_ADD : EPOLL_CTL_DEL,
				e.fd, &ev);
		err = errno;
		break;
	}
	case 4: {
		struct epoll_event evs[8];

		op_begin(c, K_POOL, "epoll wait");
		ret = epoll_wait(c->pool->epfd, evs, 8, (int)rn(c, 100));
		err = errno;
		break;
	}
	default:
		if (pool_get(c, FD_TRACE, &e) < 0)
			return;
		op_begin(c, K_POOL, "pread trace fd %d", e.fd);
		ret = pread(e.fd, c->buf, 1 + rn(c, 8192), (off_t)rn(c, 4096));
		err = errno;
		break;
	}
	op_end(c, ret, err);
}

/* ---- threads, workers, the parent ------------------------------------------- */

static int pick_kind(struct ctx *c)
{
	int total = 0, r;

	for (int k = 0; k < NKINDS; k++)
		if (cfg.kinds & (1u << k))
			total += kind_weight[k];
	r = (int)rn(c, (uint32_t)total);
	for (int k = 0; k < NKINDS; k++) {
		if (!(cfg.kinds & (1u << k)))
			continue;
		if (r < kind_weight[k])
			return k;
		r -= kind_weight[k];
	}
	return K_EPT;
}

static void *thread_main(void *arg)
{
	struct ctx *c = arg;
	struct sigevent sev = { 0 };

	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_notify_thread_id = gettid();
	c->has_timer = !timer_create(CLOCK_MONOTONIC, &sev, &c->timer);

	while (!sh->stop) {
		switch (pick_kind(c)) {
		case K_RPROC_SYSFS:
			op_rproc_sysfs(c);
			break;
		case K_RPROC_CDEV:
			op_rproc_cdev(c);
			break;
		case K_DEBUGFS:
			op_debugfs(c);
			break;
		case K_DEVCD:
			op_devcd(c);
			break;
		case K_CTRL:
			op_ctrl(c);
			break;
		case K_EPT:
			op_ept(c);
			break;
		case K_BUS:
			op_bus(c);
			break;
		default:
			op_pool(c);
			break;
		}
	}
	if (c->has_timer)
		timer_delete(c->timer);
	return NULL;
}

static int worker(int w)
{
	struct sigaction sa = { .sa_handler = on_signal };	/* no SA_RESTART */
	pthread_t tid[MAX_THREADS];
	struct pool pool;
	struct ctx *ctx;
	char *bad;

	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	pthread_mutex_init(&pool.lock, NULL);
	for (int i = 0; i < POOL_SIZE; i++)
		pool.e[i].fd = -1;
	pool.epfd = epoll_create1(EPOLL_CLOEXEC);
	bad = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ctx = calloc((size_t)cfg.threads, sizeof(*ctx));
	if (bad == MAP_FAILED || !ctx)
		return 1;
	mprotect(bad + 4096, 4096, PROT_NONE);

	for (int t = 0; t < cfg.threads; t++) {
		ctx[t].w = w;
		ctx[t].t = t;
		ctx[t].pool = &pool;
		ctx[t].bad = bad;
		ctx[t].slot = &sh->slot[w][t];
		ctx[t].rng = ctx[t].slot->seed;
		if (pthread_create(&tid[t], NULL, thread_main, &ctx[t]))
			return 1;
	}
	for (int t = 0; t < cfg.threads; t++)
		pthread_join(tid[t], NULL);
	for (int i = 0; i < POOL_SIZE; i++)
		if (pool.e[i].fd >= 0)
			close(pool.e[i].fd);
	return 0;
}

static void sysrq(char key)
{
	int fd = open("/proc/sysrq-trigger", O_WRONLY);

	if (fd >= 0) {
		(void)!write(fd, &key, 1);
		close(fd);
	}
}

/*
 * The kernel stacks of the tasks that wait in the subsystem or in D state
 * (sysrq w shows the latter only, and a lock holder may sleep
 * interruptibly): once, at the first stuck operation.
 */
static int is_storm_task(const char *pid)
{
	char path[PATH_LEN], comm[64];

	snprintf(path, sizeof(path), "/proc/%.20s/comm", pid);
	return !read_small(path, comm, sizeof(comm)) && !strcmp(comm, "rproc-storm");
}

static void dump_stacks(void)
{
	static const char *const words[] = { "rproc", "rpmsg", "virtio", "devcd",
					     "dev_coredump", "kernfs_fop", NULL };
	DIR *pd = opendir("/proc"), *td;
	struct dirent *p, *t;
	char path[PATH_LEN], comm[64], stat[512], stack[4096], *st;
	int interesting, fd;
	ssize_t n;

	printf("storm: kernel stacks of the tasks in the subsystem or in D state:\n");
	while (pd && (p = readdir(pd))) {
		if (p->d_name[0] < '0' || p->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%.20s/task", p->d_name);
		td = opendir(path);
		while (td && (t = readdir(td))) {
			if (t->d_name[0] < '0' || t->d_name[0] > '9')
				continue;
			snprintf(path, sizeof(path), "/proc/%.20s/task/%.20s/stack",
				 p->d_name, t->d_name);
			fd = open(path, O_RDONLY);
			if (fd < 0)
				continue;
			n = read(fd, stack, sizeof(stack) - 1);
			close(fd);
			stack[n > 0 ? n : 0] = '\0';
			snprintf(path, sizeof(path), "/proc/%.20s/task/%.20s/stat",
				 p->d_name, t->d_name);
			if (read_small(path, stat, sizeof(stat)) < 0)
				continue;
			st = strrchr(stat, ')');
			/* a task running in the kernel shows no stack here */
			interesting = st && (st[2] == 'D' ||
					     (st[2] == 'R' && is_storm_task(p->d_name)));
			for (int i = 0; words[i] && !interesting; i++)
				interesting = strstr(stack, words[i]) != NULL;
			if (!interesting)
				continue;
			snprintf(path, sizeof(path), "/proc/%.20s/task/%.20s/comm",
				 p->d_name, t->d_name);
			if (read_small(path, comm, sizeof(comm)) < 0)
				comm[0] = '\0';
			printf("storm: task %s (%s) state %c:\n%s", t->d_name, comm,
			       st ? st[2] : '?', stack);
		}
		if (td)
			closedir(td);
	}
	if (pd)
		closedir(pd);
	fflush(stdout);
}

/* Reports every operation running for longer than the deadline once. */
static int check_stuck(int64_t now)
{
	static int dumped;
	int stuck = 0;

	for (int w = 0; w < cfg.procs; w++) {
		for (int t = 0; t < cfg.threads; t++) {
			struct slot *s = &sh->slot[w][t];
			int64_t st = __atomic_load_n(&s->start_ns, __ATOMIC_ACQUIRE);

			if (!st || now - st < (int64_t)cfg.deadline * 1000000000LL)
				continue;
			stuck++;
			if (s->stuck_reported)
				continue;
			s->stuck_reported = 1;
			printf("storm: STUCK for %lld s: worker %d thread %d (seed 0x%llx): %s\n",
			       (long long)((now - st) / 1000000000LL), w, t,
			       (unsigned long long)s->seed, s->what);
			for (unsigned int i = 0; i < RECENT && i < s->nrecent; i++)
				printf("storm:   before: %s\n",
				       s->recent[(s->nrecent - RECENT + i) % RECENT]);
			fflush(stdout);
			if (!dumped++) {
				sysrq('w');
				dump_stacks();
				sysrq('l');	/* what the CPUs run */
			}
		}
	}
	return stuck;
}

/*
 * The parent reads a little of every device coredump and dismisses it: an
 * inline dump holds the remote's lock until then, and every thread would
 * soon wait for it.  Returns how many it dismissed.
 */
static int reap_devcd(void)
{
	DIR *d = opendir("/sys/class/devcoredump");
	char path[PATH_LEN + 32], buf[4096];
	struct dirent *e;
	int n = 0, fd;

	while (d && (e = readdir(d))) {
		if (!is_devcd(e->d_name))
			continue;
		snprintf(path, sizeof(path), "/sys/class/devcoredump/%.200s/data",
			 e->d_name);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		(void)!read(fd, buf, sizeof(buf));
		n += write(fd, "1", 1) == 1;
		close(fd);
	}
	if (d)
		closedir(d);
	return n;
}

static uint64_t total_ops(void)
{
	uint64_t n = 0;

	for (int w = 0; w < cfg.procs; w++)
		for (int t = 0; t < cfg.threads; t++)
			for (int k = 0; k < NKINDS; k++)
				n += sh->slot[w][t].ops[k];
	return n;
}

/* Samples of the first remote's state: how long it was up. */
static unsigned long samples, samples_up;

static void sample_state(void)
{
	char dir[PATH_LEN], path[PATH_LEN + 8], val[32];
	struct ctx c = { .rng = 1 };

	if (!pick(&c, "/sys/class/remoteproc", any_entry, dir, sizeof(dir)))
		return;
	snprintf(path, sizeof(path), "%s/state", dir);
	samples++;
	if (!read_small(path, val, sizeof(val)) && !strcmp(val, "running"))
		samples_up++;
}

static void report(double secs, int stuck)
{
	uint64_t kinds[NKINDS] = { 0 }, kok[NKINDS] = { 0 };
	uint64_t err[MAX_ERRNO + 1] = { 0 }, ok = 0, n;

	for (int w = 0; w < cfg.procs; w++) {
		for (int t = 0; t < cfg.threads; t++) {
			struct slot *s = &sh->slot[w][t];

			for (int k = 0; k < NKINDS; k++) {
				kinds[k] += s->ops[k];
				kok[k] += s->kind_ok[k];
			}
			for (int e = 0; e <= MAX_ERRNO; e++)
				err[e] += s->err[e];
			ok += s->ok;
		}
	}
	n = total_ops();
	printf("storm: %llu ops in %.1f s: %.0f ops/s (%d procs x %d threads, seed 0x%llx)\n",
	       (unsigned long long)n, secs, secs > 0 ? n / secs : 0.0, cfg.procs,
	       cfg.threads, (unsigned long long)cfg.seed);
	printf("storm: by kind (ops/succeeded):");
	for (int k = 0; k < NKINDS; k++)
		printf(" %s %llu/%llu", kind_name[k], (unsigned long long)kinds[k],
		       (unsigned long long)kok[k]);
	if (samples)
		printf("\nstorm: the remote was running in %lu%% of %lu samples",
		       samples_up * 100 / samples, samples);
	printf("\nstorm: results: ok %llu", (unsigned long long)ok);
	for (int e = 0; e <= MAX_ERRNO; e++)
		if (err[e])
			printf(", %s %llu", e ? strerrorname_np(e) : "E?",
			       (unsigned long long)err[e]);
	printf("\nstorm: %d anomalies, %d stuck\n", sh->anomalies, stuck);
	for (int i = 0; i < sh->anomalies && i < 4; i++)
		printf("storm:   anomaly: %s\n", sh->anomaly[i]);
}

static int parse_kinds(const char *list)
{
	unsigned int m = 0;
	char buf[256], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int k;

		for (k = 0; k < NKINDS && strcmp(tok, kind_name[k]); k++)
			;
		if (k == NKINDS) {
			fprintf(stderr, "storm: unknown kind %s\n", tok);
			return -1;
		}
		m |= 1u << k;
	}
	return (int)m;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: rproc-storm [-s seed] [-t seconds] [-j procs] [-T threads]\n"
		"                   [-F fw,...] [-d deadline-s] [-c max-nodes]\n"
		"                   [-L lifecycle-ms]\n"
		"                   [-x kinds] [-o kinds] [-q]\n"
		"kinds:");
	for (int k = 0; k < NKINDS; k++)
		fprintf(stderr, " %s", kind_name[k]);
	fprintf(stderr, "\n");
	return 2;
}

int main(int argc, char **argv)
{
	static char fwlist[1024];
	pid_t pids[MAX_PROCS];
	int64_t t0, end, last, t_stop;
	int opt, stuck = 0, m, status, dumps = 0;

	cfg.seed = (uint64_t)now_ns() ^ ((uint64_t)getpid() << 20);
	cfg.seconds = 30;
	cfg.procs = 3;
	cfg.threads = 3;
	cfg.deadline = 60;
	cfg.max_nodes = 64;
	cfg.lifecycle_ms = 500;
	cfg.kinds = (1u << NKINDS) - 1;
	cfg.fw[cfg.nfw++] = "rproc-emu-fw.elf";

	while ((opt = getopt(argc, argv, "s:t:j:T:F:d:c:L:x:o:q")) != -1) {
		switch (opt) {
		case 's':
			cfg.seed = strtoull(optarg, NULL, 0);
			break;
		case 't':
			cfg.seconds = atoi(optarg);
			break;
		case 'j':
			cfg.procs = atoi(optarg);
			break;
		case 'T':
			cfg.threads = atoi(optarg);
			break;
		case 'F':
			snprintf(fwlist, sizeof(fwlist), "%s", optarg);
			cfg.nfw = 0;
			for (char *s = NULL, *tok = strtok_r(fwlist, ",", &s);
			     tok && cfg.nfw < MAX_FW; tok = strtok_r(NULL, ",", &s))
				cfg.fw[cfg.nfw++] = tok;
			break;
		case 'd':
			cfg.deadline = atoi(optarg);
			break;
		case 'c':
			cfg.max_nodes = atoi(optarg);
			break;
		case 'L':
			cfg.lifecycle_ms = atoi(optarg);
			break;
		case 'x':
		case 'o':
			m = parse_kinds(optarg);
			if (m < 0)
				return usage();
			cfg.kinds = opt == 'o' ? (unsigned int)m : cfg.kinds & ~(unsigned int)m;
			break;
		case 'q':
			cfg.quiet = 1;
			break;
		default:
			return usage();
		}
	}
	if (cfg.seconds < 0 || cfg.procs < 1 || cfg.procs > MAX_PROCS ||
	    cfg.threads < 1 || cfg.threads > MAX_THREADS || cfg.deadline < 1 ||
	    !cfg.kinds || optind != argc)
		return usage();

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	printf("storm: seed 0x%llx, %d s, %d procs x %d threads, deadline %d s "
	       "(replay: rproc-storm -s 0x%llx -j %d -T %d)\n",
	       (unsigned long long)cfg.seed, cfg.seconds, cfg.procs, cfg.threads,
	       cfg.deadline, (unsigned long long)cfg.seed, cfg.procs, cfg.threads);
	for (int w = 0; w < cfg.procs; w++)
		for (int t = 0; t < cfg.threads; t++) {
			sh->slot[w][t].seed = thread_seed(cfg.seed, w, t);
			if (!cfg.quiet)
				printf("storm: worker %d thread %d seed 0x%llx\n", w, t,
				       (unsigned long long)sh->slot[w][t].seed);
		}
	fflush(stdout);

	t0 = now_ns();
	for (int w = 0; w < cfg.procs; w++) {
		pids[w] = fork();
		if (pids[w] < 0) {
			perror("fork");
			sh->stop = 1;
			cfg.procs = w;
			break;
		}
		if (pids[w] == 0)
			_exit(worker(w));
	}

	end = t0 + (int64_t)cfg.seconds * 1000000000LL;
	last = t0;
	while (now_ns() < end) {
		struct timespec ts = { 0, 200000000 };

		nanosleep(&ts, NULL);
		dumps += reap_devcd();
		sample_state();
		stuck = check_stuck(now_ns());
		if (now_ns() - last >= 10000000000LL) {
			last = now_ns();
			printf("storm: %lld s, %llu ops, %d anomalies, %d stuck\n",
			       (long long)((last - t0) / 1000000000LL),
			       (unsigned long long)total_ops(), sh->anomalies, stuck);
			fflush(stdout);
		}
	}
	sh->stop = 1;
	t_stop = now_ns();

	/* The workers finish their operation; a stuck one is reported. */
	end = now_ns() + (int64_t)cfg.deadline * 1000000000LL + 1000000000LL;
	for (int left = cfg.procs; left > 0 && now_ns() < end;) {
		struct timespec ts = { 0, 100000000 };

		while (waitpid(-1, &status, WNOHANG) > 0)
			left--;
		if (left)
			nanosleep(&ts, NULL);
		dumps += reap_devcd();
		stuck = check_stuck(now_ns());
	}
	stuck = check_stuck(now_ns());
	for (int w = 0; w < cfg.procs; w++)
		kill(pids[w], SIGKILL);
	while (waitpid(-1, &status, WNOHANG) > 0)
		;
	report((t_stop - t0) / 1e9, stuck);
	printf("storm: %d device coredumps dismissed\n", dumps);
	if (stuck)
		return 3;
	return sh->anomalies ? 1 : 0;
}
