// SPDX-License-Identifier: GPL-2.0
/*
 * The virtio rpmsg transport, moving messages: taking and queueing tx
 * buffers, waiting for them, and the rx worker that checks and delivers
 * what the remote sent.
 *
 * Sending without waiting (the trysend ops) works in any context: the tx
 * path holds a spinlock with interrupts disabled, allocates nothing, and
 * kicks the remote through virtqueue_notify(), which &rproc_ops.kick
 * allows in atomic context.  Only a send that waits for a buffer sleeps,
 * and it drops the lock to do so.
 */

#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/kref.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "virtio_rpmsg.h"

/* A one-entry scatterlist for a buffer of the coherent block. */
void vrpmsg_sg_init(struct scatterlist *sg, void *buf, unsigned int len)
{
	struct page *page;

	if (is_vmalloc_addr(buf))
		page = vmalloc_to_page(buf);
	else
		page = virt_to_page(buf);

	sg_init_table(sg, 1);
	sg_set_page(sg, page, len, offset_in_page(buf));
}

/* ------------------------------------------------------------------------
 * Transmit
 */

/*
 * Why sending is impossible, if it is: the device is going away, or the
 * remote broke the tx vring.  Caller holds tx_lock.
 */
static int vrpmsg_tx_check(struct vrpmsg *vrp)
{
	lockdep_assert_held(&vrp->tx_lock);

	if (READ_ONCE(vrp->removing))
		return -ENODEV;
	if (!virtqueue_is_broken(vrp->svq))
		return 0;

	if (!vrp->tx_broken_seen) {
		vrp->tx_broken_seen = true;
		vrpmsg_count(vrp, VRPMSG_TX_RING_BROKEN);
		dev_err(vrpmsg_dev(vrp),
			"tx vring broken by the remote: sending stopped\n");
		/* Let every waiting sender see it. */
		wake_up_interruptible_all(&vrp->sendq);
	}
	return -EIO;
}

/* Tx-complete callbacks are wanted while someone waits for a buffer. */
static void vrpmsg_tx_cb_update(struct vrpmsg *vrp)
{
	if (!vrp->tx_sleepers && !vrp->tx_poll_armed)
		virtqueue_disable_cb(vrp->svq);
}

/*
 * A free tx buffer, or NULL: one never used yet, or else one the remote
 * has given back.  Caller holds tx_lock.
 */
static void *vrpmsg_tx_buf_get(struct vrpmsg *vrp)
{
	unsigned int len;
	void *buf;

	if (vrp->tx_fresh < vrp->nr_tx_bufs)
		return vrp->sbufs + vrp->tx_fresh++ * vrp->buf_size;

	/* The used length of a tx buffer means nothing to us. */
	buf = virtqueue_get_buf(vrp->svq, &len);
	if (buf && vrp->tx_poll_armed) {
		/* Pollers still waiting re-arm themselves when woken. */
		vrp->tx_poll_armed = false;
		vrpmsg_tx_cb_update(vrp);
		wake_up_interruptible_all(&vrp->sendq);
	}
	return buf;
}

/* Whether a sender sleeping since @seen was read should look again. */
static bool vrpmsg_tx_woken(struct vrpmsg *vrp, int seen)
{
	return atomic_read(&vrp->tx_events) != seen ||
	       READ_ONCE(vrp->removing) || virtqueue_is_broken(vrp->svq);
}

/*
 * Sleep until the tx callback ran since @seen was read, the device goes
 * away, or @timeout expires.  Called and returns with tx_lock held, taken
 * with spin_lock_irqsave(@flags) in process context.  Returns what
 * wait_event_interruptible_timeout() does.
 */
static long vrpmsg_tx_wait(struct vrpmsg *vrp, int seen, long timeout,
			   unsigned long *flags)
	__must_hold(&vrp->tx_lock)
{
	long left;

	/*
	 * Enabling the callback reports buffers the remote gave back in the
	 * meantime: then there is no need to sleep.
	 */
	vrp->tx_sleepers++;
	if (!virtqueue_enable_cb(vrp->svq)) {
		left = timeout;
		goto out;
	}

	spin_unlock_irqrestore(&vrp->tx_lock, *flags);
	left = wait_event_interruptible_timeout(vrp->sendq,
						vrpmsg_tx_woken(vrp, seen),
						timeout);
	spin_lock_irqsave(&vrp->tx_lock, *flags);
out:
	vrp->tx_sleepers--;
	vrpmsg_tx_cb_update(vrp);
	return left;
}

/* Fill a tx buffer and queue it.  Caller holds tx_lock. */
static int vrpmsg_tx_queue(struct vrpmsg *vrp, struct rpmsg_hdr *hdr,
			   u32 src, u32 dst, const void *data, int len)
{
	struct scatterlist sg;
	int err;

	hdr->src = __cpu_to_rpmsg32(vrp->little_endian, src);
	hdr->dst = __cpu_to_rpmsg32(vrp->little_endian, dst);
	hdr->reserved = 0;
	hdr->len = __cpu_to_rpmsg16(vrp->little_endian, len);
	hdr->flags = 0;
	if (len)
		memcpy(hdr->data, data, len);

	/* One entry: virtio_ring needs no indirect table, allocates nothing. */
	vrpmsg_sg_init(&sg, hdr, sizeof(*hdr) + len);
	err = virtqueue_add_outbuf(vrp->svq, &sg, 1, hdr, GFP_ATOMIC);
	if (err) {
		/* Only a broken vring refuses: the ring has room for all. */
		dev_err_ratelimited(vrpmsg_dev(vrp),
				    "cannot queue a tx buffer: %d\n", err);
		return err;
	}
	vrpmsg_count(vrp, VRPMSG_TX_SENT);
	return 0;
}

/**
 * vrpmsg_send() - send one message to the remote
 * @vrp: the transport instance
 * @src: source address
 * @dst: destination address
 * @data: the payload
 * @len: its length, at most the MTU
 * @wait: sleep up to %VRPMSG_TX_TIMEOUT for a free buffer, instead of
 *	  failing with -ENOMEM at once
 *
 * Context: with @wait, process context (sleeps); without, any context.
 * Return: 0; -EINVAL for a bad address or payload; -EMSGSIZE beyond the
 * MTU; -ENOMEM without a free buffer (no @wait); -ETIMEDOUT or
 * -ERESTARTSYS while waiting for one; -ENODEV once the device is going
 * away; -EIO once the remote broke the tx vring.
 */
int vrpmsg_send(struct vrpmsg *vrp, u32 src, u32 dst, const void *data,
		int len, bool wait)
{
	unsigned long deadline = jiffies + VRPMSG_TX_TIMEOUT;
	struct rpmsg_hdr *hdr;
	unsigned long flags;
	bool notify;
	long left;
	int seen;
	int err;

	might_sleep_if(wait);

	if (src == RPMSG_ADDR_ANY || dst == RPMSG_ADDR_ANY)
		return -EINVAL;
	if (len < 0 || (len && !data))
		return -EINVAL;
	if (len > vrpmsg_mtu(vrp))
		return -EMSGSIZE;

	spin_lock_irqsave(&vrp->tx_lock, flags);
	for (;;) {
		/* Read before looking, so that no completion is missed. */
		seen = atomic_read(&vrp->tx_events);
		hdr = vrpmsg_tx_buf_get(vrp);
		if (hdr)
			break;

		err = vrpmsg_tx_check(vrp);
		if (err)
			goto out_unlock;
		if (!wait) {
			vrpmsg_count(vrp, VRPMSG_TX_NO_BUF);
			err = -ENOMEM;
			goto out_unlock;
		}
		left = (long)(deadline - jiffies);
		if (left <= 0) {
			vrpmsg_count(vrp, VRPMSG_TX_TIMEDOUT);
			dev_warn_ratelimited(vrpmsg_dev(vrp),
					     "no tx buffer freed by the remote for %u s\n",
					     VRPMSG_TX_TIMEOUT / HZ);
			err = -ETIMEDOUT;
			goto out_unlock;
		}
		left = vrpmsg_tx_wait(vrp, seen, left, &flags);
		if (left < 0) {
			err = left;
			goto out_unlock;
		}
	}

	err = vrpmsg_tx_check(vrp);
	if (!err)
		err = vrpmsg_tx_queue(vrp, hdr, src, dst, data, len);
	if (err)
		goto out_unlock;
	notify = virtqueue_kick_prepare(vrp->svq);
	spin_unlock_irqrestore(&vrp->tx_lock, flags);

	/* Outside the lock: the platform's kick need not be quick. */
	if (notify)
		virtqueue_notify(vrp->svq);
	return 0;

out_unlock:
	spin_unlock_irqrestore(&vrp->tx_lock, flags);
	return err;
}

/* The tx callback: the remote gave buffers back.  Any context. */
void vrpmsg_tx_done(struct virtqueue *svq)
{
	struct vrpmsg *vrp = svq->vdev->priv;

	atomic_inc(&vrp->tx_events);
	wake_up_interruptible_all(&vrp->sendq);
}

/* EPOLLOUT when a send would find a buffer without waiting. */
__poll_t vrpmsg_tx_poll(struct vrpmsg *vrp, struct file *filp,
			poll_table *wait)
{
	__poll_t mask = 0;

	poll_wait(filp, &vrp->sendq, wait);

	spin_lock_irq(&vrp->tx_lock);
	if (vrpmsg_tx_check(vrp)) {
		mask = EPOLLERR;
	} else if (vrp->tx_fresh < vrp->nr_tx_bufs) {
		mask = EPOLLOUT;
	} else {
		/* Stay armed until someone takes a buffer. */
		vrp->tx_poll_armed = true;
		if (!virtqueue_enable_cb(vrp->svq))
			mask = EPOLLOUT;
	}
	spin_unlock_irq(&vrp->tx_lock);

	return mask;
}

/* ------------------------------------------------------------------------
 * Receive
 */

/**
 * vrpmsg_rx_parse() - check a buffer the remote filled
 * @buf: the buffer, @buf_size bytes
 * @used: the length the remote wrote in the used ring
 * @buf_size: size of the buffer
 * @little_endian: byte order of the header
 * @msg: filled in with the header's fields and the payload when it is valid
 *
 * The header is read once, into @msg, so that the remote cannot change it
 * between the checks and the use.  Only the payload stays in @buf.
 *
 * Context: any.
 * Return: %VRPMSG_RX_DELIVERED when the message is valid, otherwise the
 * counter of the reason to drop it: %VRPMSG_RX_SHORT, %VRPMSG_RX_OVERSIZE
 * or %VRPMSG_RX_BAD_LEN.
 */
enum vrpmsg_stat vrpmsg_rx_parse(void *buf, unsigned int used,
				 unsigned int buf_size, bool little_endian,
				 struct vrpmsg_rx_msg *msg)
{
	struct rpmsg_hdr hdr;

	if (used < sizeof(hdr))
		return VRPMSG_RX_SHORT;
	if (used > buf_size)
		return VRPMSG_RX_OVERSIZE;

	memcpy(&hdr, buf, sizeof(hdr));
	msg->src = __rpmsg32_to_cpu(little_endian, hdr.src);
	msg->dst = __rpmsg32_to_cpu(little_endian, hdr.dst);
	msg->len = __rpmsg16_to_cpu(little_endian, hdr.len);
	msg->data = buf + sizeof(hdr);

	if (msg->len > used - sizeof(hdr))
		return VRPMSG_RX_BAD_LEN;
	return VRPMSG_RX_DELIVERED;
}

/* Report why a message is dropped; @msg is valid for VRPMSG_RX_BAD_LEN. */
static void vrpmsg_rx_drop(struct vrpmsg *vrp, enum vrpmsg_stat why,
			   unsigned int used, const struct vrpmsg_rx_msg *msg)
{
	struct device *dev = vrpmsg_dev(vrp);

	vrpmsg_count(vrp, why);
	switch (why) {
	case VRPMSG_RX_SHORT:
		dev_warn_ratelimited(dev, "rx: dropped a %u-byte message, shorter than the %zu-byte header\n",
				     used, sizeof(struct rpmsg_hdr));
		break;
	case VRPMSG_RX_OVERSIZE:
		dev_warn_ratelimited(dev, "rx: dropped a %u-byte message, larger than the %u-byte buffer\n",
				     used, vrp->buf_size);
		break;
	case VRPMSG_RX_BAD_LEN:
		dev_warn_ratelimited(dev, "rx: dropped a message 0x%x -> 0x%x: length %u but %zu bytes received\n",
				     msg->src, msg->dst, msg->len,
				     used - sizeof(struct rpmsg_hdr));
		break;
	case VRPMSG_RX_UNKNOWN_DST:
		dev_warn_ratelimited(dev, "rx: dropped a message 0x%x -> 0x%x: no endpoint at that address\n",
				     msg->src, msg->dst);
		break;
	default:
		break;
	}
}

/* Check one message from the remote and hand it to its endpoint. */
static void vrpmsg_rx_one(struct vrpmsg *vrp, void *buf, unsigned int used)
{
	struct vrpmsg_rx_msg msg = { };
	struct rpmsg_endpoint *ept;
	enum vrpmsg_stat verdict;

	verdict = vrpmsg_rx_parse(buf, used, vrp->buf_size, vrp->little_endian,
				  &msg);
	if (verdict != VRPMSG_RX_DELIVERED) {
		vrpmsg_rx_drop(vrp, verdict, used, &msg);
		return;
	}

	ept = rpmsg_addr_get_ept(&vrp->addrs, msg.dst);
	if (!ept) {
		vrpmsg_rx_drop(vrp, VRPMSG_RX_UNKNOWN_DST, used, &msg);
		return;
	}

	mutex_lock(&ept->cb_lock);
	if (ept->cb) {
		ept->cb(ept->rpdev, msg.data, msg.len, ept->priv, msg.src);
		vrpmsg_count(vrp, VRPMSG_RX_DELIVERED);
	} else {
		vrpmsg_count(vrp, VRPMSG_RX_NO_CB);
	}
	mutex_unlock(&ept->cb_lock);

	kref_put(&ept->refcount, vrpmsg_ept_free);
}

/* Give an rx buffer back to the remote (notified by the caller). */
static void vrpmsg_rx_post(struct vrpmsg *vrp, void *buf)
{
	struct scatterlist sg;
	int err;

	vrpmsg_sg_init(&sg, buf, vrp->buf_size);
	err = virtqueue_add_inbuf(vrp->rvq, &sg, 1, buf, GFP_KERNEL);
	if (err)
		dev_err_ratelimited(vrpmsg_dev(vrp),
				    "cannot re-post an rx buffer: %d\n", err);
}

/* Queue the rx worker unless remove has closed the gate.  Any context. */
void vrpmsg_rx_schedule(struct vrpmsg *vrp)
{
	unsigned long flags;

	spin_lock_irqsave(&vrp->rx_lock, flags);
	if (vrp->rx_open)
		queue_work(system_highpri_wq, &vrp->rx_work);
	spin_unlock_irqrestore(&vrp->rx_lock, flags);
}

/* The rx callback: the remote filled buffers.  Any context. */
void vrpmsg_rx_done(struct virtqueue *rvq)
{
	vrpmsg_rx_schedule(rvq->vdev->priv);
}

/*
 * The rx worker: handle what the remote sent, at most one ring's worth per
 * run so as not to hog the CPU, then notify the remote once.
 */
void vrpmsg_rx_work(struct work_struct *work)
{
	struct vrpmsg *vrp = container_of(work, struct vrpmsg, rx_work);
	unsigned int budget = vrp->nr_rx_bufs;
	unsigned int done = 0;
	unsigned int used;
	void *buf;

	virtqueue_disable_cb(vrp->rvq);
	do {
		while (done < budget) {
			buf = virtqueue_get_buf(vrp->rvq, &used);
			if (!buf)
				break;
			vrpmsg_rx_one(vrp, buf, used);
			vrpmsg_rx_post(vrp, buf);
			done++;
		}
	} while (done < budget && !virtqueue_enable_cb(vrp->rvq));

	if (done)
		virtqueue_kick(vrp->rvq);

	if (virtqueue_is_broken(vrp->rvq) && !vrp->rx_broken_seen) {
		vrp->rx_broken_seen = true;
		vrpmsg_count(vrp, VRPMSG_RX_RING_BROKEN);
		dev_err(vrpmsg_dev(vrp),
			"rx vring broken by the remote: receiving stopped\n");
		return;
	}

	/* Budget spent with messages left: come back after the others. */
	if (done >= budget)
		vrpmsg_rx_schedule(vrp);
}
