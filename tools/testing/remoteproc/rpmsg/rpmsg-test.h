/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rpmsg-echo-test: what its files share.
 */
#ifndef RPMSG_TEST_H
#define RPMSG_TEST_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define RT_MTU		496	/* payload of a 512-byte buffer */
#define RT_DEV_LEN	64	/* "/dev/rpmsgN" and the like */

/* Options and results of one run; passed everywhere, never global. */
struct rt_ctx {
	/* options */
	const char *ctrl_opt;		/* -c: control node, or NULL to find it */
	const char *raw_opt;		/* -d: rpmsg-raw node, or NULL to find it */
	const char *remote;		/* -p: /sys/class/remoteproc/remoteprocN */
	unsigned int per_size;		/* -n: messages per size */
	unsigned int threads;		/* -t: threads (one endpoint each) */
	unsigned int per_thread;	/* -m: messages per thread */
	unsigned int window;		/* -W: messages in flight per endpoint */
	unsigned int bench_count;	/* -b: round trips for --bench */
	unsigned int bench_size;	/* -s: payload size for --bench */
	unsigned int mtu;		/* -M */
	unsigned int flood;		/* -F: messages for --flood */
	int timeout_ms;			/* -w: longest wait for one reply */
	bool verbose;			/* -v */
	FILE *results;			/* -R: copy of the TEST: lines */

	/* found at start */
	char ctrl[RT_DEV_LEN];		/* /dev/rpmsg_ctrlN */
	char raw[RT_DEV_LEN];		/* /dev/rpmsgN of "rpmsg-raw" */
	uint32_t raw_dst;		/* the remote's address of it */

	/* counts */
	unsigned int passed, failed, skipped;
};

/* report.c */
void rt_ok(struct rt_ctx *ctx, const char *name);
void rt_not_ok(struct rt_ctx *ctx, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void rt_skip(struct rt_ctx *ctx, const char *name, const char *why);
bool rt_check(struct rt_ctx *ctx, bool cond, const char *name,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void rt_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
double rt_now_us(void);

/* node.c: sysfs and /dev helpers */
int rt_sysfs_read(const char *path, char *buf, size_t len);
int rt_node_attr(const char *dev, const char *attr, char *buf, size_t len);
int rt_node_attr_u32(const char *dev, const char *attr, uint32_t *val);
int rt_find_node(const char *name, char *dev, size_t len);
int rt_find_ctrl(const struct rt_ctx *ctx, char *dev, size_t len);
bool rt_node_exists(const char *dev);
int rt_create_ept(struct rt_ctx *ctx, int ctrl_fd, const char *name,
		  uint32_t src, uint32_t dst, char *dev, size_t len);
int rt_wait_gone(const char *dev, int timeout_ms);

/* echo.c: one message out, its echo back */
void rt_fill(uint8_t *buf, size_t len, uint32_t seed);
int rt_recv(int fd, void *buf, size_t len, int timeout_ms);
int rt_echo(struct rt_ctx *ctx, int fd, size_t len, uint32_t seed,
	    char *why, size_t why_len);
void rt_test_echo_sizes(struct rt_ctx *ctx, const char *tag, int fd);
void rt_test_raw_echo(struct rt_ctx *ctx);
void rt_test_ept_echo(struct rt_ctx *ctx);
void rt_test_channel(struct rt_ctx *ctx);

/* errors.c */
void rt_test_errors(struct rt_ctx *ctx);

/* threads.c */
void rt_test_threads(struct rt_ctx *ctx);

/* bench.c */
void rt_bench(struct rt_ctx *ctx);

/* flood.c */
void rt_test_flood(struct rt_ctx *ctx);

/* remote.c */
void rt_test_remote_stop(struct rt_ctx *ctx);

#endif /* RPMSG_TEST_H */
