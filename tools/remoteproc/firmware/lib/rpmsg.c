// SPDX-License-Identifier: BSD-3-Clause
/*
 * Firmware library: rpmsg, remote side.  See <fw/rpmsg.h>.
 */
#include <stddef.h>
#include <stdint.h>

#include <linux/remoteproc/ivshmem_rproc.h>

#include <fw/compiler.h>
#include <fw/rpmsg.h>
#include <fw/string.h>

#define FW_RPMSG_FIRST_ADDR	RPMSG_RESERVED_ADDRESSES
#define FW_RPMSG_WAIT_US	100000	/* longest single wait for Linux */
#define FW_RPMSG_TICK_EVERY	64	/* sends between two ticks */
#define FW_NS_PER_US		1000ull

static void fw_rpmsg_tick(struct fw_rpmsg *rp)
{
	if (rp->tick)
		rp->tick(rp->tick_ctx);
	else
		rp->hw->watchdog_pet(rp->hw);
}

static void fw_rpmsg_ns_cb(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			   const void *data, uint32_t len, uint32_t src)
{
	(void)rp;
	(void)ept;
	(void)data;
	(void)len;
	(void)src;
}

/**
 * fw_rpmsg_init() - set up the device, inactive
 * @rp: the device
 * @hw: the hardware
 * @vdev: its RSC_VDEV entry in the loaded resource table
 *
 * Set &fw_rpmsg.tick afterwards if the default (pet the watchdog) is not
 * enough.
 */
void fw_rpmsg_init(struct fw_rpmsg *rp, const struct rproc_emu_hw *hw,
		   struct fw_rsc_vdev *vdev)
{
	memset(rp, 0, sizeof(*rp));
	rp->hw = hw;
	rp->vdev = vdev;
	rp->next_addr = FW_RPMSG_FIRST_ADDR;
	rp->tx.broken = rp->rx.broken = true;
	/* Linux's own announcements land here: taken, not dropped. */
	fw_rpmsg_create_ept(rp, NULL, RPMSG_NS_ADDR, fw_rpmsg_ns_cb, NULL);
}

static struct fw_rpmsg_ept *fw_rpmsg_lookup(struct fw_rpmsg *rp, uint32_t addr)
{
	for (unsigned int i = 0; i < FW_RPMSG_MAX_EPTS; i++)
		if (rp->epts[i].in_use && rp->epts[i].addr == addr)
			return &rp->epts[i];
	return NULL;
}

/**
 * fw_rpmsg_find_ept() - look an endpoint up by name
 * @rp: the device
 * @name: the name
 *
 * Return: the endpoint, or NULL.
 */
struct fw_rpmsg_ept *fw_rpmsg_find_ept(struct fw_rpmsg *rp, const char *name)
{
	for (unsigned int i = 0; i < FW_RPMSG_MAX_EPTS; i++)
		if (rp->epts[i].in_use && rp->epts[i].name[0] &&
		    !fw_strcmp(rp->epts[i].name, name))
			return &rp->epts[i];
	return NULL;
}

static uint32_t fw_rpmsg_alloc_addr(struct fw_rpmsg *rp)
{
	/* More candidates than endpoints: one of them is free. */
	for (unsigned int i = 0; i <= FW_RPMSG_MAX_EPTS; i++) {
		uint32_t addr = rp->next_addr++;

		if (rp->next_addr == FW_RPMSG_ADDR_ANY)
			rp->next_addr = FW_RPMSG_FIRST_ADDR;
		if (!fw_rpmsg_lookup(rp, addr))
			return addr;
	}
	return FW_RPMSG_ADDR_ANY;
}

/**
 * fw_rpmsg_create_ept() - add a local endpoint
 * @rp: the device
 * @name: its channel name ("" or NULL: not announced), at most 31 bytes
 * @addr: its address, or %FW_RPMSG_ADDR_ANY
 * @cb: receive callback
 * @priv: for the owner
 *
 * A named endpoint created while the device is up is not announced: call
 * fw_rpmsg_announce().  Named endpoints are announced when it comes up.
 *
 * Return: the endpoint, or NULL (no room, name too long, address taken).
 */
struct fw_rpmsg_ept *fw_rpmsg_create_ept(struct fw_rpmsg *rp, const char *name,
					 uint32_t addr, fw_rpmsg_cb_t cb,
					 void *priv)
{
	struct fw_rpmsg_ept *ept = NULL;
	size_t n = name ? fw_strnlen(name, RPMSG_WIRE_NAME_SIZE) : 0;

	if (n >= RPMSG_WIRE_NAME_SIZE || !cb)
		return NULL;
	if (addr == FW_RPMSG_ADDR_ANY)
		addr = fw_rpmsg_alloc_addr(rp);
	if (addr == FW_RPMSG_ADDR_ANY || fw_rpmsg_lookup(rp, addr))
		return NULL;
	for (unsigned int i = 0; i < FW_RPMSG_MAX_EPTS && !ept; i++)
		if (!rp->epts[i].in_use)
			ept = &rp->epts[i];
	if (!ept)
		return NULL;
	memset(ept, 0, sizeof(*ept));
	if (n)
		memcpy(ept->name, name, n);
	ept->addr = addr;
	ept->cb = cb;
	ept->priv = priv;
	ept->in_use = true;
	return ept;
}

/**
 * fw_rpmsg_destroy_ept() - remove an endpoint, telling Linux if it knew
 * @rp: the device
 * @ept: the endpoint
 */
void fw_rpmsg_destroy_ept(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept)
{
	if (ept->announced)
		fw_rpmsg_announce(rp, ept, RPMSG_NS_DESTROY);
	memset(ept, 0, sizeof(*ept));
}

/**
 * fw_rpmsg_announce() - send a name-service message for an endpoint
 * @rp: the device
 * @ept: a named endpoint
 * @flags: %RPMSG_NS_CREATE or %RPMSG_NS_DESTROY
 *
 * Return: 0, or -1 (device down, no name service, no buffer, no name).
 */
int fw_rpmsg_announce(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
		      uint32_t flags)
{
	struct rpmsg_ns_msg msg;

	if (!rp->active || !rp->ns || !ept->name[0])
		return -1;
	memset(&msg, 0, sizeof(msg));
	memcpy(msg.name, ept->name, sizeof(msg.name));
	msg.addr = ept->addr;
	msg.flags = flags;
	if (fw_rpmsg_send(rp, ept->addr, RPMSG_NS_ADDR, &msg, sizeof(msg)))
		return -1;
	ept->announced = flags == RPMSG_NS_CREATE;
	return 0;
}

/* Let go of the vrings (Linux reset the device or broke a ring). */
static void fw_rpmsg_down(struct fw_rpmsg *rp)
{
	rp->active = false;
	rp->lost = true;
	rp->kick_pending = false;
	rp->tx.broken = rp->rx.broken = true;
	for (unsigned int i = 0; i < FW_RPMSG_MAX_EPTS; i++)
		rp->epts[i].announced = false;
}

static uint8_t fw_rpmsg_status(const struct fw_rpmsg *rp)
{
	return __atomic_load_n(&rp->vdev->status, __ATOMIC_ACQUIRE);
}

/* The vring addresses in the table: other than the ones we last took? */
static bool fw_rpmsg_table_moved(const struct fw_rpmsg *rp)
{
	if (FW_READ_ONCE(rp->vdev->num_of_vrings) < 2)
		return false;
	return FW_READ_ONCE(rp->vdev->vring[0].da) != rp->ring_da[0] ||
	       FW_READ_ONCE(rp->vdev->vring[1].da) != rp->ring_da[1];
}

/* A reset we did not see: other vrings in the table, or rings set afresh. */
static bool fw_rpmsg_rings_moved(const struct fw_rpmsg *rp)
{
	return fw_rpmsg_table_moved(rp) || fw_vring_rewound(&rp->tx) ||
	       fw_vring_rewound(&rp->rx);
}

static int fw_rpmsg_attach(struct fw_rpmsg *rp, struct fw_vring *vr,
			   unsigned int i)
{
	const struct fw_rsc_vdev_vring *r = &rp->vdev->vring[i];

	if (rp->ring_da[i] == (uint32_t)FW_RSC_ADDR_ANY)
		return -1;
	return fw_vring_init(vr, rp->hw, rp->ring_da[i], FW_READ_ONCE(r->num),
			     FW_READ_ONCE(r->align));
}

/* The status says DRIVER_OK: attach the rings, announce the endpoints. */
static enum fw_rpmsg_event fw_rpmsg_up(struct fw_rpmsg *rp)
{
	bool ok = FW_READ_ONCE(rp->vdev->num_of_vrings) >= 2;

	if (ok) {
		/* Read once: what we use is what we compare with later. */
		rp->ring_da[0] = FW_READ_ONCE(rp->vdev->vring[0].da);
		rp->ring_da[1] = FW_READ_ONCE(rp->vdev->vring[1].da);
		ok = !fw_rpmsg_attach(rp, &rp->tx, 0) &&
		     !fw_rpmsg_attach(rp, &rp->rx, 1);
	}
	if (!ok) {
		rp->failed = true;
		rp->tx.broken = rp->rx.broken = true;
		return FW_RPMSG_EV_BAD_RINGS;
	}
	rp->active = true;
	rp->ns = FW_READ_ONCE(rp->vdev->gfeatures) & (1u << VIRTIO_RPMSG_F_NS);
	for (unsigned int i = 0; i < FW_RPMSG_MAX_EPTS; i++)
		if (rp->epts[i].in_use && rp->epts[i].name[0])
			fw_rpmsg_announce(rp, &rp->epts[i], RPMSG_NS_CREATE);
	return FW_RPMSG_EV_UP;
}

/* Follow the status byte and the rings; false when the device is (now) down. */
static bool fw_rpmsg_check_status(struct fw_rpmsg *rp)
{
	if (!(fw_rpmsg_status(rp) & FW_VIRTIO_STATUS_DRIVER_OK) ||
	    (rp->active && fw_rpmsg_rings_moved(rp))) {
		if (rp->active)
			fw_rpmsg_down(rp);
		return false;
	}
	return rp->active;
}

/**
 * fw_rpmsg_get_tx_buf() - take an empty buffer Linux posted, waiting for one
 * @rp: the device
 * @buf: the buffer
 *
 * Waits up to %FW_RPMSG_SEND_TIMEOUT_NS, kicking Linux first if it has
 * news, and ticking.  The buffer must go back with fw_rpmsg_put_tx_buf().
 *
 * Return: 0, or -1 (timeout, device down, ring broken).
 */
int fw_rpmsg_get_tx_buf(struct fw_rpmsg *rp, struct fw_vring_buf *buf)
{
	const struct rproc_emu_hw *hw = rp->hw;
	uint64_t deadline = hw->clock_ns(hw) + FW_RPMSG_SEND_TIMEOUT_NS;
	uint64_t now;
	int r;

	for (;;) {
		if (!fw_rpmsg_check_status(rp))
			return -1;
		r = fw_vring_get(&rp->tx, buf);
		if (r > 0 && buf->writable && buf->len >= FW_RPMSG_HDR_SIZE)
			return 0;
		if (r > 0) {		/* not a buffer we can fill */
			rp->tx.bad++;
			fw_rpmsg_put_tx_buf(rp, buf->head, 0);
			continue;
		}
		if (r < 0)
			return -1;
		fw_rpmsg_flush(rp);
		fw_rpmsg_tick(rp);
		now = hw->clock_ns(hw);
		if (now >= deadline)
			return -1;
		if ((deadline - now) / FW_NS_PER_US < FW_RPMSG_WAIT_US)
			hw->wait_kick(hw, (int64_t)((deadline - now) / FW_NS_PER_US) + 1);
		else
			hw->wait_kick(hw, FW_RPMSG_WAIT_US);
	}
}

/**
 * fw_rpmsg_put_tx_buf() - hand a filled buffer to Linux
 * @rp: the device
 * @id: the buffer's head (anything: the misbehaviour tests lie)
 * @len: bytes written (anything, likewise)
 */
void fw_rpmsg_put_tx_buf(struct fw_rpmsg *rp, uint32_t id, uint32_t len)
{
	fw_vring_put_raw(&rp->tx, id, len);
	rp->kick_pending = true;
}

/**
 * fw_rpmsg_send() - send a message to Linux
 * @rp: the device
 * @src: our address
 * @dst: Linux's address
 * @data: the payload
 * @len: its length
 *
 * Waits for a free buffer (see fw_rpmsg_get_tx_buf()).  The kick is left
 * for fw_rpmsg_flush().
 *
 * Return: 0, or -1 (no buffer in time, too long, device down); failures
 * count as dropped.
 */
int fw_rpmsg_send(struct fw_rpmsg *rp, uint32_t src, uint32_t dst,
		  const void *data, uint32_t len)
{
	struct fw_vring_buf buf;
	struct rpmsg_hdr hdr;

	if (fw_rpmsg_get_tx_buf(rp, &buf))
		goto err_drop;
	if (len > 0xffff || len > buf.len - FW_RPMSG_HDR_SIZE) {
		fw_rpmsg_put_tx_buf(rp, buf.head, 0);
		goto err_drop;
	}
	memset(&hdr, 0, sizeof(hdr));
	hdr.src = src;
	hdr.dst = dst;
	hdr.len = (uint16_t)len;
	memcpy(buf.data, &hdr, sizeof(hdr));
	memcpy((unsigned char *)buf.data + sizeof(hdr), data, len);
	fw_rpmsg_put_tx_buf(rp, buf.head, FW_RPMSG_HDR_SIZE + len);
	if (++rp->tx_msgs % FW_RPMSG_TICK_EVERY == 0)
		fw_rpmsg_tick(rp);
	return 0;

err_drop:
	rp->dropped++;
	return -1;
}

/**
 * fw_rpmsg_flush() - kick Linux if used entries were added since last time
 * @rp: the device
 */
void fw_rpmsg_flush(struct fw_rpmsg *rp)
{
	if (rp->kick_pending) {
		rp->kick_pending = false;
		rp->hw->kick(rp->hw, IVRP_VEC_VRING);
	}
}

/* One buffer from Linux: check it, dispatch it. */
static void fw_rpmsg_receive(struct fw_rpmsg *rp, const struct fw_vring_buf *buf)
{
	struct fw_rpmsg_ept *ept;
	struct rpmsg_hdr hdr;

	if (buf->len < FW_RPMSG_HDR_SIZE) {
		rp->dropped++;
		return;
	}
	memcpy(&hdr, buf->data, sizeof(hdr));	/* read once */
	if (hdr.len > buf->len - FW_RPMSG_HDR_SIZE) {
		rp->dropped++;
		return;
	}
	ept = fw_rpmsg_lookup(rp, hdr.dst);
	if (!ept) {
		rp->dropped++;
		return;
	}
	rp->rx_msgs++;
	ept->cb(rp, ept, (const unsigned char *)buf->data + FW_RPMSG_HDR_SIZE,
		hdr.len, hdr.src);
}

/**
 * fw_rpmsg_poll() - follow the status, deliver what Linux sent, kick it
 * @rp: the device
 *
 * Call it from the main loop whenever Linux kicked, and now and then
 * anyway (the status byte changes without a kick).  After
 * %FW_RPMSG_EV_DOWN, call it again at once: the device may be up again
 * already (a reset the status byte no longer shows).
 *
 * Return: what changed.
 */
enum fw_rpmsg_event fw_rpmsg_poll(struct fw_rpmsg *rp)
{
	enum fw_rpmsg_event ev = FW_RPMSG_EV_NONE;
	uint8_t status = fw_rpmsg_status(rp);
	struct fw_vring_buf buf;
	unsigned int n = 0;

	if (!(status & FW_VIRTIO_STATUS_DRIVER_OK)) {
		rp->failed = false;
		if (rp->active)
			fw_rpmsg_down(rp);
		if (rp->lost) {
			rp->lost = false;
			return FW_RPMSG_EV_DOWN;
		}
		return ev;
	}
	if (rp->active && fw_rpmsg_rings_moved(rp))
		fw_rpmsg_down(rp);
	if (!rp->active) {
		if (rp->lost) {		/* report the reset; up at the next poll */
			rp->lost = false;
			return FW_RPMSG_EV_DOWN;
		}
		/* Unusable rings: wait for a reset, or for other rings. */
		if (rp->failed && !fw_rpmsg_table_moved(rp))
			return ev;
		rp->failed = false;
		ev = fw_rpmsg_up(rp);
		if (ev != FW_RPMSG_EV_UP)
			return ev;
	}
	while (rp->active && fw_vring_get(&rp->rx, &buf) > 0) {
		fw_rpmsg_receive(rp, &buf);
		fw_vring_put(&rp->rx, buf.head, 0);
		rp->kick_pending = true;
		if (++n % FW_RPMSG_TICK_EVERY == 0) {
			fw_rpmsg_flush(rp);
			fw_rpmsg_tick(rp);
		}
	}
	if (rp->active && (rp->rx.broken || rp->tx.broken)) {
		/*
		 * Not broken but set up afresh while we looked: a reset (the
		 * clean table is back, or the device is up on new rings).
		 */
		bool reset = !(fw_rpmsg_status(rp) & FW_VIRTIO_STATUS_DRIVER_OK) ||
			     fw_rpmsg_rings_moved(rp);

		fw_rpmsg_down(rp);
		rp->lost = false;
		if (reset)
			return FW_RPMSG_EV_DOWN;
		/* Linux broke a ring: leave both alone until it resets them. */
		rp->failed = true;
		return FW_RPMSG_EV_BAD_RINGS;
	}
	fw_rpmsg_flush(rp);
	return ev;
}
