// SPDX-License-Identifier: BSD-3-Clause
/*
 * Firmware library: the device side of a virtio split virtqueue.
 *
 * Ordering: the driver fills a descriptor, then publishes its head in the
 * avail ring, then the avail index (with release semantics).  We read the
 * avail index with acquire semantics before anything it covers.  In the
 * other direction we write the used element, then publish the used index
 * with release semantics, before Linux is kicked.
 */
#include <stddef.h>
#include <stdint.h>

#include <fw/vring.h>

static uint64_t fw_align_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

static bool fw_is_pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

/**
 * fw_vring_size() - bytes taken by a legacy split ring
 * @num: ring size
 * @align: alignment of the used ring, a power of two
 *
 * Return: the size, descriptors through the used ring's avail_event field.
 */
uint64_t fw_vring_size(uint32_t num, uint32_t align)
{
	uint64_t avail_end = (uint64_t)num * sizeof(struct fw_vring_desc) +
			     sizeof(struct fw_vring_avail) +
			     (uint64_t)num * sizeof(uint16_t) + sizeof(uint16_t);

	return fw_align_up(avail_end, align) + sizeof(struct fw_vring_used) +
	       (uint64_t)num * sizeof(struct fw_vring_used_elem) +
	       sizeof(uint16_t);
}

/**
 * fw_vring_init() - attach to a ring the driver allocated
 * @vr: the ring, initialised here
 * @hw: the hardware
 * @da: device address of the descriptor table
 * @num: ring size (a power of two, at most %FW_VRING_MAX_NUM)
 * @align: used ring alignment (a power of two, at least 4)
 *
 * The ring is taken as new (after DRIVER_OK, also after a reset): both
 * indices start at 0 and the used index in memory is set to 0.
 *
 * Return: 0, or -1 when the geometry is invalid or the ring is not
 * addressable as a whole.
 */
int fw_vring_init(struct fw_vring *vr, const struct rproc_emu_hw *hw,
		  uint64_t da, uint32_t num, uint32_t align)
{
	uint64_t size, used_off;
	unsigned char *base;

	vr->hw = hw;
	vr->num = 0;
	vr->broken = true;
	vr->bad = 0;
	vr->last_avail = vr->used_idx = 0;
	if (!fw_is_pow2(num) || num > FW_VRING_MAX_NUM || !fw_is_pow2(align) ||
	    align < 4 || align > 0x10000 || (da & 15))
		return -1;
	size = fw_vring_size(num, align);
	base = hw->da_to_va(hw, da, size);
	if (!base)
		return -1;
	used_off = size - sizeof(struct fw_vring_used) -
		   (uint64_t)num * sizeof(struct fw_vring_used_elem) -
		   sizeof(uint16_t);
	vr->num = num;
	vr->desc = (struct fw_vring_desc *)base;
	vr->avail = (struct fw_vring_avail *)(base + (uint64_t)num *
					      sizeof(struct fw_vring_desc));
	vr->used = (struct fw_vring_used *)(base + used_off);
	/* A fresh ring: both sides start counting at 0, whatever is there. */
	__atomic_store_n(&vr->used->flags, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&vr->used->idx, 0, __ATOMIC_RELEASE);
	vr->broken = false;
	return 0;
}

/**
 * fw_vring_put_raw() - add an element to the used ring, unchecked
 * @vr: the ring
 * @id: the descriptor index to report (anything: tests use bad ones)
 * @len: bytes written into the buffer
 */
void fw_vring_put_raw(struct fw_vring *vr, uint32_t id, uint32_t len)
{
	struct fw_vring_used_elem *e;

	if (vr->broken)
		return;
	e = &vr->used->ring[vr->used_idx & (vr->num - 1)];
	__atomic_store_n(&e->id, id, __ATOMIC_RELAXED);
	__atomic_store_n(&e->len, len, __ATOMIC_RELAXED);
	vr->used_idx++;
	__atomic_store_n(&vr->used->idx, vr->used_idx, __ATOMIC_RELEASE);
}

/**
 * fw_vring_rewound() - did the driver set the ring up afresh behind our back?
 * @vr: the ring
 *
 * Only the device writes the used index; a driver that re-creates the ring
 * clears it.  A used index in memory other than the one we wrote last means
 * the ring we are using is not the driver's ring any more.
 *
 * Return: true if so; false for a broken ring.
 */
bool fw_vring_rewound(const struct fw_vring *vr)
{
	if (vr->broken)
		return false;
	return __atomic_load_n(&vr->used->idx, __ATOMIC_ACQUIRE) != vr->used_idx;
}

/**
 * fw_vring_put() - give a buffer back to the driver
 * @vr: the ring
 * @head: from fw_vring_get()
 * @len: bytes written into it (0 for a buffer only read)
 */
void fw_vring_put(struct fw_vring *vr, uint16_t head, uint32_t len)
{
	fw_vring_put_raw(vr, head, len);
}

/* Translate the buffer @head points at; false when it is unusable. */
static bool fw_vring_map(struct fw_vring *vr, uint16_t head,
			 struct fw_vring_buf *buf)
{
	const struct fw_vring_desc *d = &vr->desc[head];
	uint64_t addr = __atomic_load_n(&d->addr, __ATOMIC_RELAXED);
	uint32_t len = __atomic_load_n(&d->len, __ATOMIC_RELAXED);
	uint16_t flags = __atomic_load_n(&d->flags, __ATOMIC_RELAXED);

	if (flags & (FW_VRING_DESC_F_NEXT | FW_VRING_DESC_F_INDIRECT) || !len)
		return false;
	buf->data = vr->hw->da_to_va(vr->hw, addr, len);
	buf->len = len;
	buf->writable = flags & FW_VRING_DESC_F_WRITE;
	return buf->data != NULL;
}

/**
 * fw_vring_get() - take the next buffer the driver made available
 * @vr: the ring
 * @buf: the buffer, when one is returned
 *
 * Unusable buffers are handed back at once with length 0 and counted in
 * &fw_vring.bad.  The caller gives the buffer back with fw_vring_put().
 *
 * Return: 1 with @buf set, 0 when none is available, -1 when the ring is
 * broken (now or before).
 */
int fw_vring_get(struct fw_vring *vr, struct fw_vring_buf *buf)
{
	uint16_t avail_idx, head;

	for (;;) {
		if (vr->broken)
			return -1;
		avail_idx = __atomic_load_n(&vr->avail->idx, __ATOMIC_ACQUIRE);
		if (avail_idx == vr->last_avail)
			return 0;
		if ((uint16_t)(avail_idx - vr->last_avail) > vr->num) {
			vr->broken = true;	/* driver ran past the ring */
			return -1;
		}
		head = __atomic_load_n(&vr->avail->ring[vr->last_avail &
							(vr->num - 1)],
				       __ATOMIC_RELAXED);
		vr->last_avail++;
		buf->head = head;
		if (head < vr->num && fw_vring_map(vr, head, buf))
			return 1;
		vr->bad++;
		if (head < vr->num)
			fw_vring_put(vr, head, 0);
	}
}
