// SPDX-License-Identifier: GPL-2.0
/*
 * Tests: Linux's side of a virtio rpmsg device, in user space.
 *
 * vring[0] (remote -> us) gets buffers 0..255, all posted at once as
 * device-writable; vring[1] (us -> remote) gets buffers 256..511, lent one
 * per message.  Descriptor i of either ring always points at the same
 * buffer.  Indices are published with release stores, the remote's read
 * with acquire loads, as virtio_ring does with its barriers.
 */
#include <stddef.h>
#include <string.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include "rpmsg_host.h"
#include "test.h"

#define VIRTIO_STATUS_ALL	0x0f	/* ACK, DRIVER, DRIVER_OK, FEATURES_OK */
#define RPMSG_HOST_POLL_MS	10

static uint32_t buf_da(unsigned int i)
{
	return RPMSG_HOST_BUFS_DA + i * RPMSG_BUF_SIZE;
}

static void vq_layout(struct rpmsg_host_vq *vq, unsigned char *ram,
		      uint32_t da)
{
	uint64_t avail_end = da + RPMSG_HOST_NUM * sizeof(struct fw_vring_desc) +
			     sizeof(struct fw_vring_avail) +
			     RPMSG_HOST_NUM * sizeof(uint16_t) + sizeof(uint16_t);
	uint64_t used = (avail_end + RPMSG_HOST_ALIGN - 1) &
			~(uint64_t)(RPMSG_HOST_ALIGN - 1);

	memset(ram + da, 0, used + sizeof(struct fw_vring_used) +
	       RPMSG_HOST_NUM * sizeof(struct fw_vring_used_elem) +
	       sizeof(uint16_t) - da);
	vq->da = da;
	vq->desc = (struct fw_vring_desc *)(ram + da);
	vq->avail = (struct fw_vring_avail *)(ram + da + RPMSG_HOST_NUM *
					      sizeof(struct fw_vring_desc));
	vq->used = (struct fw_vring_used *)(ram + used);
	vq->avail_idx = vq->last_used = 0;
}

static void vq_publish(struct rpmsg_host_vq *vq, uint16_t head)
{
	__atomic_store_n(&vq->avail->ring[vq->avail_idx % RPMSG_HOST_NUM], head,
			 __ATOMIC_RELAXED);
	vq->avail_idx++;
	__atomic_store_n(&vq->avail->idx, vq->avail_idx, __ATOMIC_RELEASE);
}

/* Next used entry, or false. */
static bool vq_pop(struct rpmsg_host_vq *vq, uint32_t *id, uint32_t *len)
{
	struct fw_vring_used_elem *e;

	if (__atomic_load_n(&vq->used->idx, __ATOMIC_ACQUIRE) == vq->last_used)
		return false;
	e = &vq->used->ring[vq->last_used++ % RPMSG_HOST_NUM];
	*id = __atomic_load_n(&e->id, __ATOMIC_RELAXED);
	*len = __atomic_load_n(&e->len, __ATOMIC_RELAXED);
	return true;
}

/**
 * rpmsg_host_assign() - play remoteproc: give the vrings their addresses
 * @h: the device, initialised here
 * @s: a session with an image loaded (not started yet)
 * @ram: guest RAM
 *
 * Return: 0, or -1 when the image has no usable vdev entry.
 */
int rpmsg_host_assign(struct rpmsg_host *h, struct session *s,
		      unsigned char *ram)
{
	memset(h, 0, sizeof(*h));
	h->s = s;
	h->ram = ram;
	if (!s->fw.vdev_da ||
	    s->fw.vdev_da + sizeof(struct fw_rsc_vdev) +
	    2 * sizeof(struct fw_rsc_vdev_vring) > s->fw.rsc_da + s->fw.rsc_size)
		return -1;
	h->vdev = (struct fw_rsc_vdev *)(s->local + (s->fw.vdev_da - IVRP_LOCAL_DA));
	if (h->vdev->num_of_vrings < 2 || h->vdev->vring[0].num != RPMSG_HOST_NUM ||
	    h->vdev->vring[1].num != RPMSG_HOST_NUM ||
	    h->vdev->vring[0].align != RPMSG_HOST_ALIGN ||
	    h->vdev->vring[1].align != RPMSG_HOST_ALIGN)
		return -1;
	rpmsg_host_move(h, RPMSG_HOST_VRING0_DA, RPMSG_HOST_VRING1_DA);
	return 0;
}

/**
 * rpmsg_host_move() - play remoteproc: write other vring addresses
 * @h: an assigned device
 * @da0: vring[0]'s new address in guest RAM
 * @da1: vring[1]'s
 *
 * The next rpmsg_host_ready() lays the rings out there; the buffers stay.
 */
void rpmsg_host_move(struct rpmsg_host *h, uint32_t da0, uint32_t da1)
{
	h->vring_da[0] = da0;
	h->vring_da[1] = da1;
	__atomic_store_n(&h->vdev->vring[0].da, da0, __ATOMIC_RELAXED);
	__atomic_store_n(&h->vdev->vring[1].da, da1, __ATOMIC_RELAXED);
}

/**
 * rpmsg_host_ready() - play virtio_rpmsg_bus's probe: rings, buffers, status
 * @h: an assigned device
 *
 * Starts both rings afresh (also after rpmsg_host_reset()), posts every
 * receive buffer, negotiates the name service, sets DRIVER_OK and kicks.
 */
void rpmsg_host_ready(struct rpmsg_host *h)
{
	unsigned int i;

	vq_layout(&h->rx, h->ram, h->vring_da[0]);
	vq_layout(&h->tx, h->ram, h->vring_da[1]);
	for (i = 0; i < RPMSG_HOST_NUM; i++) {
		h->rx.desc[i] = (struct fw_vring_desc) {
			.addr = buf_da(i), .len = RPMSG_BUF_SIZE,
			.flags = FW_VRING_DESC_F_WRITE,
		};
		vq_publish(&h->rx, (uint16_t)i);
		h->tx.desc[i] = (struct fw_vring_desc) {
			.addr = buf_da(RPMSG_HOST_NUM + i),
		};
		h->tx_free[i] = (uint16_t)(RPMSG_HOST_NUM - 1 - i);
		h->tx_lent[i] = false;
	}
	h->n_free = RPMSG_HOST_NUM;
	__atomic_store_n(&h->vdev->gfeatures, 1u << VIRTIO_RPMSG_F_NS,
			 __ATOMIC_RELAXED);
	__atomic_store_n(&h->vdev->status, VIRTIO_STATUS_ALL, __ATOMIC_RELEASE);
	session_ring(h->s, IVRP_VEC_VRING);
}

/**
 * rpmsg_host_reset() - play a virtio reset: status back to 0
 * @h: the device
 */
void rpmsg_host_reset(struct rpmsg_host *h)
{
	__atomic_store_n(&h->vdev->status, 0, __ATOMIC_RELEASE);
	session_ring(h->s, IVRP_VEC_VRING);
}

/* Take back the tx buffers the remote is done with. */
static void tx_reclaim(struct rpmsg_host *h)
{
	uint32_t id, len;

	while (vq_pop(&h->tx, &id, &len)) {
		if (id >= RPMSG_HOST_NUM || !h->tx_lent[id]) {
			h->bad.used_id++;
			continue;
		}
		h->tx_lent[id] = false;
		h->tx_free[h->n_free++] = (uint16_t)id;
	}
}

static bool wait_more(struct rpmsg_host *h, uint64_t deadline)
{
	if (test_now_ms() >= deadline)
		return false;
	session_wait_vector(h->s, IVRP_VEC_VRING, RPMSG_HOST_POLL_MS);
	return true;
}

/* A tx descriptor we own, waiting for one; -1 on timeout. */
static int tx_take(struct rpmsg_host *h, unsigned int timeout_ms)
{
	uint64_t deadline = test_now_ms() + timeout_ms;

	for (;;) {
		tx_reclaim(h);
		if (h->n_free) {
			uint16_t id = h->tx_free[--h->n_free];

			h->tx_lent[id] = true;
			return id;
		}
		if (!wait_more(h, deadline))
			return -1;
	}
}

/**
 * rpmsg_host_send() - send a message to the remote
 * @h: the device, ready
 * @src: our address
 * @dst: the remote's
 * @data: payload
 * @len: its length, at most %RPMSG_HOST_MTU (more is sent as is: a lie)
 * @timeout_ms: how long to wait for a free buffer
 *
 * Return: 0, or -1 when no buffer came free in time.
 */
int rpmsg_host_send(struct rpmsg_host *h, uint32_t src, uint32_t dst,
		    const void *data, uint32_t len, unsigned int timeout_ms)
{
	struct rpmsg_hdr hdr = { .src = src, .dst = dst, .len = (uint16_t)len };
	uint32_t copy = len < RPMSG_HOST_MTU ? len : RPMSG_HOST_MTU;
	unsigned char *buf;
	int id = tx_take(h, timeout_ms);

	if (id < 0)
		return -1;
	buf = h->ram + buf_da(RPMSG_HOST_NUM + (unsigned int)id);
	memcpy(buf, &hdr, sizeof(hdr));
	memcpy(buf + sizeof(hdr), data, copy);
	h->tx.desc[id].addr = buf_da(RPMSG_HOST_NUM + (unsigned int)id);
	h->tx.desc[id].len = (uint32_t)sizeof(hdr) + copy;
	h->tx.desc[id].flags = 0;
	vq_publish(&h->tx, (uint16_t)id);
	session_ring(h->s, IVRP_VEC_VRING);
	return 0;
}

/**
 * rpmsg_host_post_raw() - lend the remote a tx descriptor saying anything
 * @h: the device
 * @addr: descriptor address
 * @len: descriptor length
 * @flags: descriptor flags
 *
 * For the bad-input tests of the firmware.  Nothing happens when no
 * descriptor is free.
 */
void rpmsg_host_post_raw(struct rpmsg_host *h, uint64_t addr, uint32_t len,
			 uint16_t flags)
{
	int id = tx_take(h, 1000);

	if (id < 0)
		return;
	h->tx.desc[id] = (struct fw_vring_desc) {
		.addr = addr, .len = len, .flags = flags,
	};
	vq_publish(&h->tx, (uint16_t)id);
	session_ring(h->s, IVRP_VEC_VRING);
}

/**
 * rpmsg_host_bump_avail() - move the tx avail index without posting
 * @h: the device
 * @by: how far (more than the ring size breaks the protocol)
 */
void rpmsg_host_bump_avail(struct rpmsg_host *h, uint16_t by)
{
	h->tx.avail_idx += by;
	__atomic_store_n(&h->tx.avail->idx, h->tx.avail_idx, __ATOMIC_RELEASE);
	session_ring(h->s, IVRP_VEC_VRING);
}

/* Give an rx buffer back to the remote. */
static void rx_repost(struct rpmsg_host *h, uint32_t id)
{
	h->rx.desc[id].len = RPMSG_BUF_SIZE;
	h->rx.desc[id].flags = FW_VRING_DESC_F_WRITE;
	vq_publish(&h->rx, (uint16_t)id);
	session_ring(h->s, IVRP_VEC_VRING);
}

/**
 * rpmsg_host_recv() - receive the next good message from the remote
 * @h: the device, ready
 * @m: the message
 * @timeout_ms: how long to wait
 *
 * Bad entries on the way are counted in &rpmsg_host.bad and skipped.
 *
 * Return: 0, or -1 on timeout.
 */
int rpmsg_host_recv(struct rpmsg_host *h, struct rpmsg_msg *m,
		    unsigned int timeout_ms)
{
	uint64_t deadline = test_now_ms() + timeout_ms;
	struct rpmsg_hdr hdr;
	uint32_t id, len;

	for (;;) {
		if (!vq_pop(&h->rx, &id, &len)) {
			if (!wait_more(h, deadline))
				return -1;
			continue;
		}
		if (id >= RPMSG_HOST_NUM) {
			h->bad.used_id++;
			continue;
		}
		if (len < sizeof(hdr) || len > RPMSG_BUF_SIZE) {
			h->bad.used_len++;
			rx_repost(h, id);
			continue;
		}
		memcpy(&hdr, h->ram + buf_da(id), sizeof(hdr));
		if (hdr.len > len - sizeof(hdr)) {
			h->bad.hdr_len++;
			rx_repost(h, id);
			continue;
		}
		m->src = hdr.src;
		m->dst = hdr.dst;
		m->len = hdr.len;
		memcpy(m->data, h->ram + buf_da(id) + sizeof(hdr), hdr.len);
		rx_repost(h, id);
		return 0;
	}
}
