/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Firmware library: the device side of a virtio split virtqueue.
 *
 * The driver (Linux) owns the descriptor table and the avail ring; the
 * device (this firmware) owns the used ring.  The rings use the legacy
 * layout of the virtio spec's "Split Virtqueues": descriptors, then the
 * avail ring, then the used ring at the next multiple of the alignment.
 * Fields are in the native byte order (no VIRTIO_F_VERSION_1).
 *
 * Nothing the driver writes is trusted: the avail index may not run more
 * than the ring size ahead of us, heads and buffer addresses are bounded
 * and translated one by one.  A ring whose avail index misbehaves is marked
 * broken and is not used again until it is set up afresh.
 *
 * Only single-descriptor buffers are accepted (what rpmsg posts); a chained
 * or indirect one is handed back with length 0 and counted as bad.
 */
#ifndef FW_VRING_H
#define FW_VRING_H

#include <stdbool.h>
#include <stdint.h>

#include "rproc_emu_hw.h"

/* Descriptor flags, avail and used ring flags (virtio spec values). */
#define FW_VRING_DESC_F_NEXT		1
#define FW_VRING_DESC_F_WRITE		2
#define FW_VRING_DESC_F_INDIRECT	4

/** FW_VRING_MAX_NUM - the largest ring this library drives */
#define FW_VRING_MAX_NUM		1024u

struct fw_vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct fw_vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct fw_vring_used_elem {
	uint32_t id;
	uint32_t len;
};

struct fw_vring_used {
	uint16_t flags;
	uint16_t idx;
	struct fw_vring_used_elem ring[];
};

/**
 * struct fw_vring - one virtqueue, device side
 * @hw: the emulated hardware (address translation)
 * @num: ring size, a power of two
 * @desc: descriptor table (driver-written)
 * @avail: avail ring (driver-written)
 * @used: used ring (ours)
 * @last_avail: next avail entry to take
 * @used_idx: our copy of used->idx
 * @broken: the driver broke the protocol; the ring is not used any more
 * @bad: buffers refused (bad head, address, length or chain)
 */
struct fw_vring {
	const struct rproc_emu_hw *hw;
	uint32_t num;
	struct fw_vring_desc *desc;
	struct fw_vring_avail *avail;
	struct fw_vring_used *used;
	uint16_t last_avail;
	uint16_t used_idx;
	bool broken;
	uint32_t bad;
};

/**
 * struct fw_vring_buf - a buffer taken from the avail ring
 * @head: its descriptor index, to give back with fw_vring_put()
 * @data: the buffer, translated
 * @len: its length
 * @writable: the driver marked it device-writable
 */
struct fw_vring_buf {
	uint16_t head;
	void *data;
	uint32_t len;
	bool writable;
};

uint64_t fw_vring_size(uint32_t num, uint32_t align);
int fw_vring_init(struct fw_vring *vr, const struct rproc_emu_hw *hw,
		  uint64_t da, uint32_t num, uint32_t align);
int fw_vring_get(struct fw_vring *vr, struct fw_vring_buf *buf);
void fw_vring_put(struct fw_vring *vr, uint16_t head, uint32_t len);
void fw_vring_put_raw(struct fw_vring *vr, uint32_t id, uint32_t len);
bool fw_vring_rewound(const struct fw_vring *vr);

#endif /* FW_VRING_H */
