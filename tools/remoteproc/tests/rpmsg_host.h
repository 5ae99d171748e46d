/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tests: Linux's side of a virtio rpmsg device, in user space.
 *
 * The test plays the virtio driver: it allocates the two vrings and the
 * buffers in the guest RAM file, writes the vrings' addresses into the
 * loaded resource table, posts receive buffers and sets DRIVER_OK, then
 * sends and receives rpmsg messages the way virtio_rpmsg_bus does.  What
 * the remote writes is checked, never trusted: bad used entries and bad
 * headers are counted in &struct rpmsg_host_bad.
 */
#ifndef RPMSG_HOST_H
#define RPMSG_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/remoteproc/wire.h>

#include <fw/vring.h>

#include "session.h"

#define RPMSG_HOST_NUM		256u
#define RPMSG_HOST_ALIGN	4096u
#define RPMSG_HOST_MTU		(RPMSG_BUF_SIZE - sizeof(struct rpmsg_hdr))

/*
 * Where the rings and buffers go in guest RAM (test.h: RAM is 16 MiB); the
 * ALT addresses are for moving the rings (a re-attach).
 */
#define RPMSG_HOST_VRING0_DA	0x00400000u
#define RPMSG_HOST_VRING1_DA	0x00410000u
#define RPMSG_HOST_VRING0_ALT_DA	0x00420000u
#define RPMSG_HOST_VRING1_ALT_DA	0x00430000u
#define RPMSG_HOST_BUFS_DA	0x00500000u

/**
 * struct rpmsg_host_vq - one vring, driver side
 * @da: its device address
 * @desc: descriptor table
 * @avail: avail ring
 * @used: used ring
 * @avail_idx: our avail index
 * @last_used: next used entry to look at
 */
struct rpmsg_host_vq {
	uint32_t da;
	struct fw_vring_desc *desc;
	struct fw_vring_avail *avail;
	struct fw_vring_used *used;
	uint16_t avail_idx;
	uint16_t last_used;
};

/**
 * struct rpmsg_host_bad - what the remote got wrong, as we saw it
 * @used_id: used ids out of range (or of a buffer not lent to it)
 * @used_len: used lengths shorter than a header or longer than the buffer
 * @hdr_len: header lengths beyond the used length
 */
struct rpmsg_host_bad {
	unsigned int used_id;
	unsigned int used_len;
	unsigned int hdr_len;
};

/**
 * struct rpmsg_msg - a received message
 * @src: sender
 * @dst: destination
 * @len: payload length
 * @data: payload
 */
struct rpmsg_msg {
	uint32_t src;
	uint32_t dst;
	uint32_t len;
	unsigned char data[RPMSG_BUF_SIZE];
};

/**
 * struct rpmsg_host - the driver side of one device
 * @s: the session
 * @ram: guest RAM
 * @vdev: the vdev entry in the loaded resource table (local memory)
 * @vring_da: where vring[0] and vring[1] go at the next rpmsg_host_ready()
 * @rx: vring[0], remote -> us
 * @tx: vring[1], us -> remote
 * @tx_free: tx buffers we own
 * @n_free: how many
 * @tx_lent: which tx buffers the remote holds
 * @bad: the remote's mistakes
 */
struct rpmsg_host {
	struct session *s;
	unsigned char *ram;
	struct fw_rsc_vdev *vdev;
	uint32_t vring_da[2];
	struct rpmsg_host_vq rx;
	struct rpmsg_host_vq tx;
	uint16_t tx_free[RPMSG_HOST_NUM];
	unsigned int n_free;
	bool tx_lent[RPMSG_HOST_NUM];
	struct rpmsg_host_bad bad;
};

int rpmsg_host_assign(struct rpmsg_host *h, struct session *s,
		      unsigned char *ram);
void rpmsg_host_move(struct rpmsg_host *h, uint32_t da0, uint32_t da1);
void rpmsg_host_ready(struct rpmsg_host *h);
void rpmsg_host_reset(struct rpmsg_host *h);
int rpmsg_host_send(struct rpmsg_host *h, uint32_t src, uint32_t dst,
		    const void *data, uint32_t len, unsigned int timeout_ms);
int rpmsg_host_recv(struct rpmsg_host *h, struct rpmsg_msg *m,
		    unsigned int timeout_ms);
void rpmsg_host_post_raw(struct rpmsg_host *h, uint64_t addr, uint32_t len,
			 uint16_t flags);
void rpmsg_host_bump_avail(struct rpmsg_host *h, uint16_t by);

#endif /* RPMSG_HOST_H */
