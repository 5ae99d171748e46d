// SPDX-License-Identifier: GPL-2.0
/*
 * Finding nodes: /sys/class/rpmsg/rpmsgN/{name,src,dst} and /dev/rpmsgN.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#include "rpmsg-test.h"

#define RT_SYSFS_CLASS	"/sys/class/rpmsg"
#define RT_MAX_NODES	1024

/* The contents of a small sysfs file, trailing newline removed. */
int rt_sysfs_read(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

/* @dev is "/dev/rpmsgN"; its attributes are in /sys/class/rpmsg/rpmsgN. */
int rt_node_attr(const char *dev, const char *attr, char *buf, size_t len)
{
	const char *base = strrchr(dev, '/');
	char path[PATH_MAX];

	snprintf(path, sizeof(path), RT_SYSFS_CLASS "/%s/%s",
		 base ? base + 1 : dev, attr);
	return rt_sysfs_read(path, buf, len);
}

/* src and dst print as signed numbers: RPMSG_ADDR_ANY reads as -1. */
int rt_node_attr_u32(const char *dev, const char *attr, uint32_t *val)
{
	char buf[32], *end;
	long long v;
	int ret;

	ret = rt_node_attr(dev, attr, buf, sizeof(buf));
	if (ret)
		return ret;
	errno = 0;
	v = strtoll(buf, &end, 0);
	if (errno || end == buf || *end)
		return -EINVAL;
	*val = (uint32_t)v;
	return 0;
}

/* Ids N of the endpoint nodes rpmsgN (not rpmsg_ctrlN) present now. */
static int rt_list_nodes(unsigned int *ids, int max)
{
	struct dirent *de;
	unsigned int id;
	int n = 0;
	char c;
	DIR *d;

	d = opendir(RT_SYSFS_CLASS);
	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max)
		if (sscanf(de->d_name, "rpmsg%u%c", &id, &c) == 1)
			ids[n++] = id;
	closedir(d);
	return n;
}

/* The first endpoint node named @name (lowest N); 0 or -ENOENT. */
int rt_find_node(const char *name, char *dev, size_t len)
{
	unsigned int ids[RT_MAX_NODES], best = UINT32_MAX;
	char node[RT_DEV_LEN], buf[64];
	int n = rt_list_nodes(ids, RT_MAX_NODES);

	for (int i = 0; i < n; i++) {
		snprintf(node, sizeof(node), "/dev/rpmsg%u", ids[i]);
		if (rt_node_attr(node, "name", buf, sizeof(buf)))
			continue;
		if (!strcmp(buf, name) && ids[i] < best)
			best = ids[i];
	}
	if (best == UINT32_MAX)
		return -ENOENT;
	snprintf(dev, len, "/dev/rpmsg%u", best);
	return 0;
}

/*
 * The control node: the one given with -c, else the lowest rpmsg_ctrlN
 * (its number changes when the remote restarts before the old one is
 * released).  0 or -ENOENT.
 */
int rt_find_ctrl(const struct rt_ctx *ctx, char *dev, size_t len)
{
	unsigned int id, best = UINT32_MAX;
	struct dirent *de;
	char c;
	DIR *d;

	if (ctx->ctrl_opt) {
		snprintf(dev, len, "%s", ctx->ctrl_opt);
		return rt_node_exists(dev) ? 0 : -ENOENT;
	}
	d = opendir(RT_SYSFS_CLASS);
	if (!d)
		return -ENOENT;
	while ((de = readdir(d)))
		if (sscanf(de->d_name, "rpmsg_ctrl%u%c", &id, &c) == 1 &&
		    id < best)
			best = id;
	closedir(d);
	if (best == UINT32_MAX)
		return -ENOENT;
	snprintf(dev, len, "/dev/rpmsg_ctrl%u", best);
	return rt_node_exists(dev) ? 0 : -ENOENT;
}

bool rt_node_exists(const char *dev)
{
	struct stat st;

	return stat(dev, &st) == 0;
}

static bool rt_has_id(const unsigned int *ids, int n, unsigned int id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/*
 * RPMSG_CREATE_EPT_IOCTL on @ctrl_fd, then the new node's path in @dev
 * (found by its unique @name among the nodes that were not there before).
 * Returns 0 or a negative errno.
 */
int rt_create_ept(struct rt_ctx *ctx, int ctrl_fd, const char *name,
		  uint32_t src, uint32_t dst, char *dev, size_t len)
{
	unsigned int before[RT_MAX_NODES], after[RT_MAX_NODES];
	struct rpmsg_endpoint_info info = { .src = src, .dst = dst };
	char node[RT_DEV_LEN], buf[64];
	int nb, na;

	snprintf(info.name, sizeof(info.name), "%s", name);
	nb = rt_list_nodes(before, RT_MAX_NODES);
	if (ioctl(ctrl_fd, RPMSG_CREATE_EPT_IOCTL, &info) < 0)
		return -errno;

	/* The class device exists on return; /dev follows via devtmpfs. */
	for (int tries = 0; tries < 200; tries++) {
		na = rt_list_nodes(after, RT_MAX_NODES);
		for (int i = 0; i < na; i++) {
			if (rt_has_id(before, nb, after[i]))
				continue;
			snprintf(node, sizeof(node), "/dev/rpmsg%u", after[i]);
			if (rt_node_attr(node, "name", buf, sizeof(buf)) ||
			    strcmp(buf, name) || !rt_node_exists(node))
				continue;
			snprintf(dev, len, "%s", node);
			if (ctx->verbose)
				rt_info("endpoint %s: %s", name, dev);
			return 0;
		}
		usleep(10000);
	}
	return -ENOENT;
}

/* Wait until @dev has left /dev; 0 or -ETIMEDOUT. */
int rt_wait_gone(const char *dev, int timeout_ms)
{
	for (int t = 0; t < timeout_ms; t += 10) {
		if (!rt_node_exists(dev))
			return 0;
		usleep(10000);
	}
	return rt_node_exists(dev) ? -ETIMEDOUT : 0;
}
