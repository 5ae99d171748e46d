// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_rpmsg_rx - what a remote sends through the rx vring of the virtio
 * rpmsg transport: vrpmsg_rx_parse() and the rx worker, vrpmsg_rx_work()
 * (drivers/rpmsg/virtio_rpmsg_xfer.c), delivering to endpoints looked up
 * in the transport's address space (drivers/rpmsg/rpmsg_addr.c), one of
 * them the name service, whose callback checks each message with
 * rpmsg_ns_parse() (drivers/rpmsg/rpmsg_ns_msg.c).
 *
 * Input: one byte of options (bit 0: little-endian; bits 1-2: buffer size
 * 512, 512, 56 or 16 bytes; bits 3-5: rx and tx buffers, 1 to 8 of each;
 * bit 6: the remote never gives tx buffers back), then messages,
 * each a 16-bit little-endian used length as the remote reports it in the
 * used ring, followed by what the remote wrote in the buffer: as many of
 * the next bytes as the used length says, at most the buffer size (the
 * rest of the buffer keeps what was there).
 *
 * Endpoints: the name service at 53, an echo endpoint at 1024 and one at
 * 1025 whose callback is already gone (being destroyed).  The echo
 * endpoint sends each payload back from its callback with vrpmsg_send()
 * without waiting, as rpmsg_trysend() does, and, when the payload starts
 * with '!', also one byte more than the MTU; then it polls for room.
 *
 * Contract checked, besides ASan/UBSan: vrpmsg_rx_parse() gives the
 * verdict its kernel-doc describes and, when valid, the header's fields
 * and the payload right after the header; the worker hands each message
 * to the endpoint of its destination with that payload, or counts it
 * under the right reason (and logs once); every buffer goes back to the
 * rx vring exactly once, the remote is notified, and the worker comes
 * back while buffers are left; endpoint references are all dropped; a
 * name-service message gets the name service's own contract (see
 * fuzz_rpmsg_ns.c).  A send succeeds exactly when a tx buffer is free
 * (never used, or given back), queues one buffer of the tx block holding
 * the header and the payload, and fails with -EMSGSIZE beyond the MTU,
 * -ENOMEM without a buffer, -EINVAL to RPMSG_ADDR_ANY; the poll says
 * EPOLLOUT exactly when a send would find a buffer; the counters agree.
 */

#include "fuzz_common.h"
#include "virtio_rpmsg.h"

#define OPT_LE			0x01
#define OPT_BUF_SHIFT		1
#define OPT_NBUFS_SHIFT		3
#define OPT_TX_KEPT		0x40
#define MAX_MSGS		64

static const unsigned int buf_sizes[] = { 512, 512, 56, 16 };

struct rx_msg {
	u8 *buf;
	unsigned int used;
	bool returned;
};

static struct rx_msg msgs[MAX_MSGS];
static unsigned int nr_msgs, next_msg, nr_kicks;
static unsigned int buf_size, nr_bufs;
static struct vrpmsg *vrp;

/* The tx side: buffers queued to the remote, in order, and given back. */
static void *tx_queued[8];
static unsigned int tx_head, tx_nr;
static unsigned long sends_ok, sends_nobuf, sends_toobig, sends_inval;
static bool tx_kept;

/* What the remote's messages should have become, by the model. */
static unsigned long expect[VRPMSG_NR_STATS];
static unsigned long delivered[3];
static const struct rx_msg *current_msg;

/* ---------------------------------------------------------------------
 * The rx virtqueue: the buffers the remote filled, in order.
 */

/* The tx virtqueue: with OPT_TX_KEPT the remote keeps every buffer. */
static void *tx_get_buf(unsigned int *len)
{
	void *buf;

	if (tx_kept || !tx_nr)
		return NULL;
	buf = tx_queued[tx_head];
	tx_head = (tx_head + 1) % ARRAY_SIZE(tx_queued);
	tx_nr--;
	*len = 0;
	return buf;
}

int virtqueue_add_outbuf(struct virtqueue *vq, struct scatterlist sg[],
			 unsigned int num, void *data, gfp_t gfp)
{
	u8 *buf = sg_virt(&sg[0]);
	size_t off = buf - (u8 *)vrp->sbufs;

	KSHIM_ASSERT(vq == vrp->svq && num == 1 && buf == data,
		     "add_outbuf of %u entries, %p for %p", num, buf, data);
	KSHIM_ASSERT(buf >= (u8 *)vrp->sbufs && off % buf_size == 0 &&
		     off / buf_size < nr_bufs && sg[0].length >= 16 &&
		     sg[0].length <= buf_size,
		     "tx buffer at %zu, %u bytes", off, sg[0].length);
	KSHIM_ASSERT(tx_nr < ARRAY_SIZE(tx_queued) && tx_nr < nr_bufs,
		     "more tx buffers queued than there are");
	tx_queued[(tx_head + tx_nr++) % ARRAY_SIZE(tx_queued)] = buf;
	return 0;
}

bool virtqueue_kick_prepare(struct virtqueue *vq)
{
	KSHIM_ASSERT(vq == vrp->svq, "kick_prepare on the rx queue");
	return true;
}

bool virtqueue_notify(struct virtqueue *vq)
{
	KSHIM_ASSERT(vq == vrp->svq, "notify on the rx queue");
	return true;
}

void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len)
{
	struct rx_msg *m;

	if (vq == vrp->svq)
		return tx_get_buf(len);
	if (next_msg >= nr_msgs)
		return NULL;
	m = &msgs[next_msg++];
	*len = m->used;
	current_msg = m;
	return m->buf;
}

int virtqueue_add_inbuf(struct virtqueue *vq, struct scatterlist sg[],
			unsigned int num, void *data, gfp_t gfp)
{
	unsigned int i;

	KSHIM_ASSERT(vq == vrp->rvq && num == 1, "add_inbuf of %u entries", num);
	KSHIM_ASSERT(sg_virt(&sg[0]) == data && sg[0].length == buf_size,
		     "rx buffer %p posted as %p + %u", data, sg_virt(&sg[0]),
		     sg[0].length);
	for (i = 0; i < next_msg; i++) {
		if (msgs[i].buf == data && !msgs[i].returned) {
			msgs[i].returned = true;
			return 0;
		}
	}
	kshim_fatal(__FILE__, __LINE__, "rx buffer %p returned twice or unknown",
		    data);
}

void virtqueue_disable_cb(struct virtqueue *vq)
{
}

/* False while buffers are pending, as virtio_ring's. */
bool virtqueue_enable_cb(struct virtqueue *vq)
{
	if (vq == vrp->svq)
		return tx_kept || !tx_nr;
	return next_msg >= nr_msgs;
}

bool virtqueue_kick(struct virtqueue *vq)
{
	nr_kicks++;
	return true;
}

bool virtqueue_is_broken(struct virtqueue *vq)
{
	return false;
}

void vrpmsg_ept_free(struct kref *kref)
{
	kshim_fatal(__FILE__, __LINE__, "an endpoint's last reference dropped");
}

/* ---------------------------------------------------------------------
 * Endpoints.
 */

static int ns_cb(struct rpmsg_device *rpdev, void *data, int len, void *priv,
		 u32 src)
{
	struct rpmsg_channel_info chinfo;
	enum rpmsg_ns_verdict v;
	u32 flags = 0, addr, kind;
	const u8 *p = data;

	v = rpmsg_ns_parse(data, len, rpdev->little_endian, &chinfo, &flags);
	if (len != 40) {
		KSHIM_ASSERT(v == RPMSG_NS_BAD_SIZE, "%d-byte message: %d", len, v);
		return 0;
	}
	addr = rpdev->little_endian ? get_le32(p + 32) :
				      __builtin_bswap32(get_le32(p + 32));
	kind = rpdev->little_endian ? get_le32(p + 36) :
				      __builtin_bswap32(get_le32(p + 36));
	if (!strnlen(data, 32) || strnlen(data, 32) == 32)
		KSHIM_ASSERT(v == RPMSG_NS_BAD_NAME, "bad name: %d", v);
	else if (kind > RPMSG_NS_DESTROY)
		KSHIM_ASSERT(v == RPMSG_NS_BAD_FLAGS, "bad flags: %d", v);
	else if (addr == RPMSG_ADDR_ANY)
		KSHIM_ASSERT(v == RPMSG_NS_BAD_ADDR, "bad addr: %d", v);
	else
		KSHIM_ASSERT(v == RPMSG_NS_OK && !strcmp(chinfo.name, data) &&
			     chinfo.dst == addr && flags == kind,
			     "good message: %d", v);
	return 0;
}

static bool tx_buffer_free(void)
{
	return vrp->tx_fresh < vrp->nr_tx_bufs || (!tx_kept && tx_nr);
}

/* Send @len bytes of @data to @dst as the echo endpoint: check it. */
static void echo_send(u32 dst, const u8 *data, int len)
{
	unsigned int mtu = buf_size - 16;
	bool room = tx_buffer_free();
	bool fresh = vrp->tx_fresh < vrp->nr_tx_bufs;
	unsigned int queued = tx_nr;
	__poll_t mask;
	int ret;

	ret = vrpmsg_send(vrp, 1024, dst, data, len, false);
	if (dst == RPMSG_ADDR_ANY) {
		KSHIM_ASSERT(ret == -EINVAL, "send to ANY: %d", ret);
		sends_inval++;
	} else if ((unsigned int)len > mtu) {
		KSHIM_ASSERT(ret == -EMSGSIZE, "send of %d bytes, MTU %u: %d",
			     len, mtu, ret);
		sends_toobig++;
	} else if (!room) {
		KSHIM_ASSERT(ret == -ENOMEM, "send without a buffer: %d", ret);
		sends_nobuf++;
	} else {
		const u8 *buf;
		bool le = vrp->little_endian;
		u32 hsrc, hdst;
		u16 hlen;

		/* A fresh buffer adds one to the queue; a given-back one not. */
		KSHIM_ASSERT(ret == 0 && tx_nr == queued + fresh,
			     "send of %d bytes: %d", len, ret);
		buf = tx_queued[(tx_head + tx_nr - 1) % ARRAY_SIZE(tx_queued)];
		hsrc = get_le32(buf);
		hdst = get_le32(buf + 4);
		hlen = get_le16(buf + 12);
		if (!le) {
			hsrc = __builtin_bswap32(hsrc);
			hdst = __builtin_bswap32(hdst);
			hlen = __builtin_bswap16(hlen);
		}
		KSHIM_ASSERT(hsrc == 1024 && hdst == dst && hlen == len &&
			     !get_le32(buf + 8) && !get_le16(buf + 14) &&
			     !memcmp(buf + 16, data, len),
			     "queued message %#x -> %#x, %u bytes", hsrc, hdst, hlen);
		sends_ok++;
	}
	mask = vrpmsg_tx_poll(vrp, NULL, NULL);
	KSHIM_ASSERT(mask == (tx_buffer_free() ? EPOLLOUT : 0),
		     "poll says %#x", mask);
}

static int echo_cb(struct rpmsg_device *rpdev, void *data, int len,
		   void *priv, u32 src)
{
	static u8 big[512 + 1];
	const volatile u8 *p = data;
	int i;

	for (i = 0; i < len; i++)
		(void)p[i];
	echo_send(src, data, len);
	if (len && p[0] == '!')
		echo_send(src, big, buf_size - 16 + 1);
	return 0;
}

static struct rpmsg_device rpdev;
static struct rpmsg_endpoint epts[3];
static const u32 ept_addrs[3] = { RPMSG_NS_ADDR, 1024, 1025 };
static const rpmsg_rx_cb_t ept_cbs[3] = { ns_cb, echo_cb, NULL };

/* Every callback: the checks common to all endpoints, then its own. */
static int check_cb(struct rpmsg_device *rpd, void *data, int len,
		    void *priv, u32 src)
{
	const struct rx_msg *m = current_msg;
	struct rpmsg_endpoint *ept = priv;
	bool le = vrp->little_endian;
	u32 hsrc = get_le32(m->buf), hdst = get_le32(m->buf + 4);
	u16 hlen = get_le16(m->buf + 12);

	if (!le) {
		hsrc = __builtin_bswap32(hsrc);
		hdst = __builtin_bswap32(hdst);
		hlen = __builtin_bswap16(hlen);
	}
	KSHIM_ASSERT(m->used >= 16 && m->used <= buf_size,
		     "delivered a message of %u bytes", m->used);
	KSHIM_ASSERT(data == m->buf + 16 && len == hlen && len <= (int)m->used - 16,
		     "payload %p of %d bytes, buffer %p of %u", data, len,
		     m->buf, m->used);
	KSHIM_ASSERT(src == hsrc && hdst == ept->addr, "message %#x -> %#x at %#x",
		     src, hdst, ept->addr);
	KSHIM_ASSERT(atomic_read(&ept->refcount.refcount) == 2,
		     "endpoint %#x: %d references in its callback", ept->addr,
		     atomic_read(&ept->refcount.refcount));
	delivered[ept - epts]++;
	return ept_cbs[ept - epts](rpd, data, len, NULL, src);
}

/* ---------------------------------------------------------------------
 * The target.
 */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	unsigned int i;

	for (i = 0; i < MAX_MSGS; i++)
		msgs[i].buf = NULL;
	return 0;
}

/* The model's verdict on one message (vrpmsg_rx_parse() and the lookup). */
static enum vrpmsg_stat model_rx(const struct rx_msg *m, bool le)
{
	u32 dst = get_le32(m->buf + 4);
	u16 len = get_le16(m->buf + 12);
	unsigned int i;

	if (m->used < 16)
		return VRPMSG_RX_SHORT;
	if (m->used > buf_size)
		return VRPMSG_RX_OVERSIZE;
	if (!le) {
		dst = __builtin_bswap32(dst);
		len = __builtin_bswap16(len);
	}
	if (len > m->used - 16)
		return VRPMSG_RX_BAD_LEN;
	for (i = 0; i < ARRAY_SIZE(epts); i++) {
		if (dst == ept_addrs[i])
			return ept_cbs[i] ? VRPMSG_RX_DELIVERED : VRPMSG_RX_NO_CB;
	}
	return VRPMSG_RX_UNKNOWN_DST;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct virtio_device vdev = { .dev.init_name = "virtio0" };
	struct virtqueue rvq = { .vdev = &vdev, .name = "input" };
	struct virtqueue svq = { .vdev = &vdev, .name = "output" };
	long allocs = kshim_live_allocs;
	unsigned int i, runs = 0;
	size_t pos = 1;
	u8 opt;

	if (!size)
		return 0;
	opt = data[0];
	buf_size = buf_sizes[(opt >> OPT_BUF_SHIFT) & 3];
	nr_bufs = 1 + ((opt >> OPT_NBUFS_SHIFT) & 7);

	vrp = kzalloc(sizeof(*vrp), GFP_KERNEL);
	vrp->vdev = &vdev;
	vrp->rvq = &rvq;
	vrp->svq = &svq;
	vrp->buf_size = buf_size;
	vrp->nr_rx_bufs = nr_bufs;
	vrp->nr_tx_bufs = nr_bufs;
	vrp->little_endian = opt & OPT_LE;
	vrp->sbufs = malloc(nr_bufs * buf_size);
	tx_kept = opt & OPT_TX_KEPT;
	tx_head = 0;
	tx_nr = 0;
	sends_ok = sends_nobuf = sends_toobig = sends_inval = 0;
	vrp->has_ns = true;
	vrp->rx_open = true;
	spin_lock_init(&vrp->rx_lock);
	spin_lock_init(&vrp->tx_lock);
	INIT_WORK(&vrp->rx_work, vrpmsg_rx_work);
	rpmsg_addr_space_init(&vrp->addrs);
	vdev.priv = vrp;
	rpdev.little_endian = vrp->little_endian;

	for (i = 0; i < ARRAY_SIZE(epts); i++) {
		struct rpmsg_endpoint *ept = &epts[i];

		memset(ept, 0, sizeof(*ept));
		ept->rpdev = &rpdev;
		ept->addr = ept_addrs[i];
		ept->cb = ept_cbs[i] ? check_cb : NULL;
		ept->priv = ept;
		mutex_init(&ept->cb_lock);
		kref_init(&ept->refcount);
		KSHIM_ASSERT(rpmsg_addr_alloc(&vrp->addrs, ept, ept->addr) ==
			     (int)ept->addr, "address %#x", ept->addr);
	}

	/* The messages, each in a buffer of exactly buf_size bytes. */
	memset(expect, 0, sizeof(expect));
	memset(delivered, 0, sizeof(delivered));
	nr_msgs = 0;
	next_msg = 0;
	nr_kicks = 0;
	while (pos + 2 <= size && nr_msgs < MAX_MSGS) {
		struct rx_msg *m = &msgs[nr_msgs++];
		size_t n;

		m->used = get_le16(data + pos);
		pos += 2;
		n = min(min((size_t)m->used, (size_t)buf_size), size - pos);
		m->buf = calloc(1, buf_size);
		memcpy(m->buf, data + pos, n);
		pos += n;
		m->returned = false;
	}

	/* vrpmsg_rx_parse() alone: the verdict and the fields. */
	for (i = 0; i < nr_msgs; i++) {
		struct vrpmsg_rx_msg msg = { 0 };
		const struct rx_msg *m = &msgs[i];
		enum vrpmsg_stat v, mv;

		v = vrpmsg_rx_parse(m->buf, m->used, buf_size, vrp->little_endian,
				    &msg);
		mv = model_rx(m, vrp->little_endian);
		if (mv == VRPMSG_RX_UNKNOWN_DST || mv == VRPMSG_RX_NO_CB)
			mv = VRPMSG_RX_DELIVERED;
		KSHIM_ASSERT(v == mv, "message %u: verdict %d, the model's %d",
			     i, v, mv);
		if (v == VRPMSG_RX_DELIVERED)
			KSHIM_ASSERT(msg.data == m->buf + 16 &&
				     msg.len <= m->used - 16,
				     "message %u: payload %p of %u bytes", i,
				     msg.data, msg.len);
		expect[model_rx(m, vrp->little_endian)]++;
	}

	/* The worker, as often as it asks to run again. */
	kshim_log_reset();
	vrpmsg_rx_schedule(vrp);
	while (vrp->rx_work.pending) {
		KSHIM_ASSERT(runs++ <= nr_msgs / nr_bufs + 1,
			     "rx worker ran %u times for %u messages", runs,
			     nr_msgs);
		vrp->rx_work.pending = 0;
		vrp->rx_work.func(&vrp->rx_work);
	}

	KSHIM_ASSERT(next_msg == nr_msgs, "%u of %u messages taken", next_msg,
		     nr_msgs);
	for (i = 0; i < nr_msgs; i++)
		KSHIM_ASSERT(msgs[i].returned, "buffer %u not given back", i);
	KSHIM_ASSERT(!nr_msgs || nr_kicks, "buffers given back without a kick");
	for (i = 0; i < VRPMSG_NR_STATS; i++) {
		if (i == VRPMSG_TX_SENT || i == VRPMSG_TX_NO_BUF ||
		    i == VRPMSG_TX_TIMEDOUT || i == VRPMSG_TX_RING_BROKEN ||
		    i == VRPMSG_CHANNELS_REFUSED || i == VRPMSG_RX_RING_BROKEN)
			continue;
		KSHIM_ASSERT(atomic_long_read(&vrp->stats[i]) == (long)expect[i],
			     "counter %u is %ld, the model says %lu", i,
			     atomic_long_read(&vrp->stats[i]), expect[i]);
	}
	KSHIM_ASSERT(atomic_long_read(&vrp->stats[VRPMSG_TX_SENT]) == (long)sends_ok &&
		     atomic_long_read(&vrp->stats[VRPMSG_TX_NO_BUF]) == (long)sends_nobuf,
		     "tx counters %ld %ld for %lu sent, %lu without a buffer",
		     atomic_long_read(&vrp->stats[VRPMSG_TX_SENT]),
		     atomic_long_read(&vrp->stats[VRPMSG_TX_NO_BUF]), sends_ok,
		     sends_nobuf);
	KSHIM_ASSERT(delivered[0] + delivered[1] == expect[VRPMSG_RX_DELIVERED],
		     "%lu messages to callbacks, %lu expected",
		     delivered[0] + delivered[1], expect[VRPMSG_RX_DELIVERED]);
	KSHIM_ASSERT(kshim_log_count[KSHIM_WARN] ==
		     expect[VRPMSG_RX_SHORT] + expect[VRPMSG_RX_OVERSIZE] +
		     expect[VRPMSG_RX_BAD_LEN] + expect[VRPMSG_RX_UNKNOWN_DST],
		     "%lu warnings", kshim_log_count[KSHIM_WARN]);

	for (i = 0; i < ARRAY_SIZE(epts); i++) {
		KSHIM_ASSERT(atomic_read(&epts[i].refcount.refcount) == 1,
			     "endpoint %#x: %d references left", epts[i].addr,
			     atomic_read(&epts[i].refcount.refcount));
		rpmsg_addr_free(&vrp->addrs, epts[i].addr);
	}
	rpmsg_addr_space_destroy(&vrp->addrs);
	for (i = 0; i < nr_msgs; i++) {
		free(msgs[i].buf);
		msgs[i].buf = NULL;
	}
	free(vrp->sbufs);
	kfree(vrp);
	KSHIM_ASSERT(kshim_live_allocs == allocs, "%ld allocations leaked",
		     kshim_live_allocs - allocs);
	return 0;
}
