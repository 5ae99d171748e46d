// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the checks the virtio transport applies to every buffer the
 * remote hands back on the rx vring (vrpmsg_rx_parse()), and sending
 * without waiting in atomic context.
 */

#include <kunit/test.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>

#include "virtio_rpmsg.h"

#define HDR	sizeof(struct rpmsg_hdr)

/* A buffer as the remote would fill it: header, then a recognisable payload. */
static void put_msg(u8 *buf, bool le, u32 src, u32 dst, u16 len)
{
	struct rpmsg_hdr hdr = {
		.src = __cpu_to_rpmsg32(le, src),
		.dst = __cpu_to_rpmsg32(le, dst),
		.len = __cpu_to_rpmsg16(le, len),
	};

	memset(buf, 0xa5, RPMSG_BUF_SIZE);
	memcpy(buf, &hdr, sizeof(hdr));
}

static enum vrpmsg_stat parse(u8 *buf, unsigned int used, bool le,
			      struct vrpmsg_rx_msg *msg)
{
	return vrpmsg_rx_parse(buf, used, RPMSG_BUF_SIZE, le, msg);
}

static void rx_valid_message(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 0x400, 0x401, 5);
	KUNIT_EXPECT_EQ(test, parse(buf, HDR + 5, true, &msg),
			VRPMSG_RX_DELIVERED);
	KUNIT_EXPECT_EQ(test, msg.src, 0x400U);
	KUNIT_EXPECT_EQ(test, msg.dst, 0x401U);
	KUNIT_EXPECT_EQ(test, msg.len, 5);
	KUNIT_EXPECT_PTR_EQ(test, msg.data, (void *)(buf + HDR));
}

static void rx_empty_payload(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, 0);
	KUNIT_EXPECT_EQ(test, parse(buf, HDR, true, &msg), VRPMSG_RX_DELIVERED);
	KUNIT_EXPECT_EQ(test, msg.len, 0);
}

static void rx_full_buffer(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, RPMSG_BUF_SIZE - HDR);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, true, &msg),
			VRPMSG_RX_DELIVERED);
	KUNIT_EXPECT_EQ(test, msg.len, RPMSG_BUF_SIZE - HDR);
}

/* Remotes may report the whole buffer as used: the header length rules. */
static void rx_used_beyond_payload(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, 3);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, true, &msg),
			VRPMSG_RX_DELIVERED);
	KUNIT_EXPECT_EQ(test, msg.len, 3);
}

static void rx_shorter_than_header(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };
	unsigned int used;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, 0);
	for (used = 0; used < HDR; used++)
		KUNIT_EXPECT_EQ_MSG(test, parse(buf, used, true, &msg),
				    VRPMSG_RX_SHORT, "used %u", used);
}

static void rx_used_beyond_buffer(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, 4);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE + 1, true, &msg),
			VRPMSG_RX_OVERSIZE);
	KUNIT_EXPECT_EQ(test, parse(buf, U32_MAX, true, &msg),
			VRPMSG_RX_OVERSIZE);
}

static void rx_len_beyond_used(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, 51);
	KUNIT_EXPECT_EQ(test, parse(buf, HDR + 50, true, &msg),
			VRPMSG_RX_BAD_LEN);
}

static void rx_len_beyond_buffer(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, RPMSG_BUF_SIZE - HDR + 1);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, true, &msg),
			VRPMSG_RX_BAD_LEN);
	put_msg(buf, true, 1, 2, U16_MAX);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, true, &msg),
			VRPMSG_RX_BAD_LEN);
}

/* A device without VIRTIO_F_VERSION_1 on a big-endian remote. */
static void rx_big_endian(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, false, 0x12345678, 0x400, 0x0102);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, false, &msg),
			VRPMSG_RX_DELIVERED);
	KUNIT_EXPECT_EQ(test, msg.src, 0x12345678U);
	KUNIT_EXPECT_EQ(test, msg.dst, 0x400U);
	KUNIT_EXPECT_EQ(test, msg.len, 0x0102);
	/* Read in the wrong order, the length no longer fits. */
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, true, &msg),
			VRPMSG_RX_BAD_LEN);
}

static struct kunit_case rpmsg_virtio_rx_cases[] = {
	KUNIT_CASE(rx_valid_message),
	KUNIT_CASE(rx_empty_payload),
	KUNIT_CASE(rx_full_buffer),
	KUNIT_CASE(rx_used_beyond_payload),
	KUNIT_CASE(rx_shorter_than_header),
	KUNIT_CASE(rx_used_beyond_buffer),
	KUNIT_CASE(rx_len_beyond_used),
	KUNIT_CASE(rx_len_beyond_buffer),
	KUNIT_CASE(rx_big_endian),
	{ }
};

static struct kunit_suite rpmsg_virtio_rx_suite = {
	.name = "rpmsg_virtio_rx",
	.test_cases = rpmsg_virtio_rx_cases,
};

kunit_test_suite(rpmsg_virtio_rx_suite);

/* ---- tx: the trysend ops in atomic context ---- */

/*
 * An instance of the transport on a fake virtio device: a real split
 * virtqueue as its tx vring (virtio_ring's code, not a mock), in kernel
 * memory, whose notify records the context it was called in; the test
 * plays the remote by reading the avail ring and writing the used ring.
 * On the debug kernel (DEBUG_ATOMIC_SLEEP, lockdep) anything on the path
 * that may sleep or allocate with GFP_KERNEL splats and fails the run.
 */
#define TX_NUM		4	/* descriptors of the tx vring */
#define TX_ALIGN	64	/* its used-ring alignment */
#define TX_BUFS		3	/* tx buffers, fewer than descriptors */
#define TX_DST		0x401	/* the channel's remote address */

struct tx_fixture {
	struct virtio_device vdev;
	struct vrpmsg vrp;
	struct vring ring;	/* the remote's view of the tx vring */
	struct rpmsg_device *rpdev;
	struct rpmsg_endpoint *ept;
	spinlock_t lock;	/* held around the sends under test */
	int notifies;
	int notifies_irqs_off;
};

static bool tx_notify(struct virtqueue *vq)
{
	struct tx_fixture *f = vq->priv;

	f->notifies++;
	if (irqs_disabled())
		f->notifies_irqs_off++;
	return true;
}

static int tx_init(struct kunit *test)
{
	struct tx_fixture *f;
	struct virtqueue *vq;
	void *pages;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	spin_lock_init(&f->lock);
	INIT_LIST_HEAD(&f->vdev.vqs);
	spin_lock_init(&f->vdev.vqs_list_lock);
	f->vdev.priv = &f->vrp;

	/* kmalloc() of a power-of-two size is naturally aligned. */
	pages = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	if (!pages || vring_size(TX_NUM, TX_ALIGN) > PAGE_SIZE)
		return -ENOMEM;
	vring_init(&f->ring, TX_NUM, pages, TX_ALIGN);
	vq = vring_new_virtqueue(1, TX_NUM, TX_ALIGN, &f->vdev, true, false,
				 pages, tx_notify, NULL, "kunit-tx");
	if (!vq)
		return -ENOMEM;
	vq->priv = f;
	__virtqueue_unbreak(vq);

	vrpmsg_setup(&f->vrp, &f->vdev);
	f->vrp.little_endian = virtio_is_little_endian(&f->vdev);
	f->vrp.svq = vq;
	f->vrp.buf_size = RPMSG_BUF_SIZE;
	f->vrp.nr_tx_bufs = TX_BUFS;
	f->vrp.sbufs = kunit_kzalloc(test, TX_BUFS * RPMSG_BUF_SIZE,
				     GFP_KERNEL);
	if (!f->vrp.sbufs)
		goto err_del_vq;

	f->rpdev = vrpmsg_channel_alloc(&f->vrp);
	if (!f->rpdev)
		goto err_del_vq;
	f->rpdev->dst = TX_DST;
	f->ept = rpmsg_create_ept(f->rpdev, NULL, NULL,
				  (struct rpmsg_channel_info){
					.src = RPMSG_ADDR_ANY,
					.dst = TX_DST,
				  });
	if (!f->ept)
		goto err_free_chan;

	test->priv = f;
	return 0;

err_free_chan:
	kfree(to_virtio_rpmsg_channel(f->rpdev));
err_del_vq:
	vring_del_virtqueue(vq);
	rpmsg_addr_space_destroy(&f->vrp.addrs);
	return -ENOMEM;
}

static void tx_exit(struct kunit *test)
{
	struct tx_fixture *f = test->priv;

	rpmsg_destroy_ept(f->ept);
	kfree(to_virtio_rpmsg_channel(f->rpdev));
	vring_del_virtqueue(f->vrp.svq);
	rpmsg_addr_space_destroy(&f->vrp.addrs);
}

/* The @i-th buffer the transport made available, as the remote reads it. */
static struct rpmsg_hdr *tx_avail(struct tx_fixture *f, unsigned int i,
				  u16 *head)
{
	struct vring_desc *desc;

	*head = virtio16_to_cpu(&f->vdev, f->ring.avail->ring[i % TX_NUM]);
	desc = &f->ring.desc[*head % TX_NUM];
	return phys_to_virt(virtio64_to_cpu(&f->vdev, desc->addr));
}

static void tx_expect_msg(struct kunit *test, struct tx_fixture *f,
			  unsigned int i, u32 src, u32 dst, const char *payload)
{
	size_t len = strlen(payload);
	struct rpmsg_hdr *hdr;
	u16 head;

	hdr = tx_avail(f, i, &head);
	KUNIT_EXPECT_EQ_MSG(test, rpmsg32_to_cpu(f->rpdev, hdr->src), src,
			    "message %u", i);
	KUNIT_EXPECT_EQ_MSG(test, rpmsg32_to_cpu(f->rpdev, hdr->dst), dst,
			    "message %u", i);
	KUNIT_EXPECT_EQ_MSG(test, (size_t)rpmsg16_to_cpu(f->rpdev, hdr->len),
			    len, "message %u", i);
	KUNIT_EXPECT_EQ_MSG(test, memcmp(hdr->data, payload, len), 0,
			    "message %u", i);
}

/* The remote gives back the @i-th buffer it was handed. */
static void tx_give_back(struct tx_fixture *f, unsigned int i)
{
	u16 used = virtio16_to_cpu(&f->vdev, f->ring.used->idx);
	u16 head;

	tx_avail(f, i, &head);
	f->ring.used->ring[used % TX_NUM].id = cpu_to_virtio32(&f->vdev, head);
	f->ring.used->ring[used % TX_NUM].len = 0;
	f->ring.used->idx = cpu_to_virtio16(&f->vdev, used + 1);
}

/* Every trysend variant works with a spinlock held and interrupts off. */
static void tx_trysend_atomic(struct kunit *test)
{
	struct tx_fixture *f = test->priv;
	u32 me = f->ept->addr;
	unsigned long flags;
	int ret[4];

	spin_lock_irqsave(&f->lock, flags);
	ret[0] = rpmsg_trysend(f->ept, "ping", 4);
	ret[1] = rpmsg_trysendto(f->ept, "hello", 5, 0x402);
	ret[2] = rpmsg_trysend_offchannel(f->ept, 0x403, 0x404, "offchn", 6);
	/* Every tx buffer is with the remote now. */
	ret[3] = rpmsg_trysend(f->ept, "late", 4);
	spin_unlock_irqrestore(&f->lock, flags);

	KUNIT_EXPECT_EQ(test, ret[0], 0);
	KUNIT_EXPECT_EQ(test, ret[1], 0);
	KUNIT_EXPECT_EQ(test, ret[2], 0);
	KUNIT_EXPECT_EQ(test, ret[3], -ENOMEM);

	/* The remote was kicked for each message, still in atomic context. */
	KUNIT_EXPECT_EQ(test, f->notifies, 3);
	KUNIT_EXPECT_EQ(test, f->notifies_irqs_off, 3);

	KUNIT_ASSERT_EQ(test, virtio16_to_cpu(&f->vdev, f->ring.avail->idx),
			(u16)3);
	tx_expect_msg(test, f, 0, me, TX_DST, "ping");
	tx_expect_msg(test, f, 1, me, 0x402, "hello");
	tx_expect_msg(test, f, 2, 0x403, 0x404, "offchn");
	KUNIT_EXPECT_EQ(test, atomic_long_read(&f->vrp.stats[VRPMSG_TX_SENT]),
			3L);
	KUNIT_EXPECT_EQ(test,
			atomic_long_read(&f->vrp.stats[VRPMSG_TX_NO_BUF]), 1L);
}

/* A buffer the remote gave back is reused, in atomic context too. */
static void tx_trysend_reuses_buffers(struct kunit *test)
{
	struct tx_fixture *f = test->priv;
	struct rpmsg_hdr *given, *reused;
	unsigned long flags;
	int i, ret[2];
	u16 head;

	for (i = 0; i < TX_BUFS; i++)
		KUNIT_ASSERT_EQ(test, rpmsg_trysend(f->ept, "fill", 4), 0);
	given = tx_avail(f, 1, &head);
	tx_give_back(f, 1);

	local_irq_save(flags);
	ret[0] = rpmsg_trysend(f->ept, "again", 5);
	ret[1] = rpmsg_trysend(f->ept, "full", 4);
	local_irq_restore(flags);

	KUNIT_EXPECT_EQ(test, ret[0], 0);
	KUNIT_EXPECT_EQ(test, ret[1], -ENOMEM);
	KUNIT_ASSERT_EQ(test, virtio16_to_cpu(&f->vdev, f->ring.avail->idx),
			(u16)(TX_BUFS + 1));
	reused = tx_avail(f, TX_BUFS, &head);
	KUNIT_EXPECT_PTR_EQ(test, reused, given);
	tx_expect_msg(test, f, TX_BUFS, f->ept->addr, TX_DST, "again");
	KUNIT_EXPECT_EQ(test, f->notifies, TX_BUFS + 1);
}

static struct kunit_case rpmsg_virtio_tx_cases[] = {
	KUNIT_CASE(tx_trysend_atomic),
	KUNIT_CASE(tx_trysend_reuses_buffers),
	{ }
};

static struct kunit_suite rpmsg_virtio_tx_suite = {
	.name = "rpmsg_virtio_tx",
	.init = tx_init,
	.exit = tx_exit,
	.test_cases = rpmsg_virtio_tx_cases,
};

kunit_test_suite(rpmsg_virtio_tx_suite);
