/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the virtio rpmsg transport (virtio_rpmsg_bus.ko) share:
 * the instance, its channels, its counters.  See "the virtio transport" in
 * virtio_rpmsg_dev.c for the design.
 */
#ifndef __VIRTIO_RPMSG_H__
#define __VIRTIO_RPMSG_H__

#include <linux/atomic.h>
#include <linux/dcache.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/remoteproc/wire.h>
#include <linux/rpmsg.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/virtio.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "rpmsg_internal.h"

struct scatterlist;

/* How long a sender waits for a free tx buffer. */
#define VRPMSG_TX_TIMEOUT	(15 * HZ)

/*
 * Channels a remote may have at once (through the name service or
 * rpmsg_ctrl), besides the transport's own control and name-service ones.
 */
#define VRPMSG_MAX_CHANNELS	64

/**
 * enum vrpmsg_stat - counters of one transport instance
 * @VRPMSG_RX_DELIVERED: messages handed to an endpoint's callback
 * @VRPMSG_RX_SHORT: dropped: used length shorter than the header
 * @VRPMSG_RX_OVERSIZE: dropped: used length larger than a buffer
 * @VRPMSG_RX_BAD_LEN: dropped: header length beyond the received bytes
 * @VRPMSG_RX_UNKNOWN_DST: dropped: no endpoint at the destination address
 * @VRPMSG_RX_NO_CB: dropped: the endpoint was being destroyed
 * @VRPMSG_RX_RING_BROKEN: 1 once virtio_ring declared the rx vring broken
 * @VRPMSG_TX_SENT: messages queued to the remote
 * @VRPMSG_TX_NO_BUF: trysend found no free buffer (-ENOMEM)
 * @VRPMSG_TX_TIMEDOUT: send gave up waiting for a buffer (-ETIMEDOUT)
 * @VRPMSG_TX_RING_BROKEN: 1 once virtio_ring declared the tx vring broken
 * @VRPMSG_CHANNELS_REFUSED: channels refused for exceeding the bound
 * @VRPMSG_NR_STATS: number of counters
 */
enum vrpmsg_stat {
	VRPMSG_RX_DELIVERED,
	VRPMSG_RX_SHORT,
	VRPMSG_RX_OVERSIZE,
	VRPMSG_RX_BAD_LEN,
	VRPMSG_RX_UNKNOWN_DST,
	VRPMSG_RX_NO_CB,
	VRPMSG_RX_RING_BROKEN,
	VRPMSG_TX_SENT,
	VRPMSG_TX_NO_BUF,
	VRPMSG_TX_TIMEDOUT,
	VRPMSG_TX_RING_BROKEN,
	VRPMSG_CHANNELS_REFUSED,
	VRPMSG_NR_STATS,
};

/**
 * struct vrpmsg - one rpmsg transport over one virtio device
 * @vdev: the virtio device
 * @rvq: rx virtqueue (remote to Linux); used by the rx worker only, once
 *	 probe has posted the buffers
 * @svq: tx virtqueue (Linux to remote); under @tx_lock
 * @bufs: the DMA-coherent block of all buffers, rx ones first
 * @bufs_dma: DMA address of @bufs
 * @bufs_size: size of @bufs in bytes
 * @sbufs: the first tx buffer, inside @bufs
 * @buf_size: size of one buffer, header included
 * @nr_rx_bufs: number of rx buffers
 * @nr_tx_bufs: number of tx buffers
 * @little_endian: byte order of the rpmsg headers, from the virtio device
 * @has_ns: %VIRTIO_RPMSG_F_NS was negotiated
 * @removing: set once by remove; each lock below is taken after setting it,
 *	      so that every later critical section sees it
 * @rx_lock: protects @rx_open, so that the rx callback cannot queue the
 *	     worker once remove has closed the gate
 * @rx_open: the rx callback may queue @rx_work
 * @rx_work: the rx worker
 * @rx_broken_seen: the rx vring was found broken (reported once)
 * @tx_lock: serialises senders and protects @svq, @tx_fresh,
 *	     @tx_sleepers, @tx_poll_armed and @tx_broken_seen.  A spinlock,
 *	     taken with interrupts disabled: the trysend ops may be called
 *	     in any context
 * @tx_fresh: tx buffers handed out so far; those past it were never used
 * @tx_sleepers: senders waiting for a free buffer
 * @tx_poll_armed: a poller waits for a free buffer
 * @tx_broken_seen: the tx vring was found broken (reported once)
 * @tx_events: bumped by the tx callback; what waiting senders watch
 * @sendq: senders and pollers waiting for a free buffer
 * @rcu: frees the instance a grace period after remove (see @sendq)
 * @chan_lock: serialises channel creation against remove
 * @nr_own_channels: control and name-service channels, not bounded
 * @addrs: local addresses and their endpoints
 * @stats: the counters, indexed by &enum vrpmsg_stat
 * @dbg_dir: this instance's debugfs directory
 */
struct vrpmsg {
	struct virtio_device *vdev;
	struct virtqueue *rvq;
	struct virtqueue *svq;

	void *bufs;
	dma_addr_t bufs_dma;
	size_t bufs_size;
	void *sbufs;
	unsigned int buf_size;
	unsigned int nr_rx_bufs;
	unsigned int nr_tx_bufs;

	bool little_endian;
	bool has_ns;
	bool removing;

	spinlock_t rx_lock;		/* guards @rx_open */
	bool rx_open;
	struct work_struct rx_work;
	bool rx_broken_seen;

	spinlock_t tx_lock;		/* senders, @svq, tx state */
	unsigned int tx_fresh;
	unsigned int tx_sleepers;
	bool tx_poll_armed;
	bool tx_broken_seen;
	atomic_t tx_events;
	wait_queue_head_t sendq;
	struct rcu_head rcu;

	struct mutex chan_lock;		/* channel creation vs remove */
	int nr_own_channels;
	struct rpmsg_addr_space addrs;

	atomic_long_t stats[VRPMSG_NR_STATS];
	struct dentry *dbg_dir;
};

/**
 * struct virtio_rpmsg_channel - a channel of the virtio transport
 * @rpdev: the channel as the rpmsg bus sees it
 * @vrp: the transport instance; valid while @rpdev is registered
 */
struct virtio_rpmsg_channel {
	struct rpmsg_device rpdev;
	struct vrpmsg *vrp;
};

#define to_virtio_rpmsg_channel(_rpdev) \
	container_of(_rpdev, struct virtio_rpmsg_channel, rpdev)

static inline struct vrpmsg *rpdev_to_vrpmsg(struct rpmsg_device *rpdev)
{
	return to_virtio_rpmsg_channel(rpdev)->vrp;
}

static inline struct vrpmsg *ept_to_vrpmsg(struct rpmsg_endpoint *ept)
{
	return rpdev_to_vrpmsg(ept->rpdev);
}

static inline struct device *vrpmsg_dev(struct vrpmsg *vrp)
{
	return &vrp->vdev->dev;
}

static inline void vrpmsg_count(struct vrpmsg *vrp, enum vrpmsg_stat stat)
{
	atomic_long_inc(&vrp->stats[stat]);
}

static inline unsigned int vrpmsg_mtu(struct vrpmsg *vrp)
{
	return vrp->buf_size - sizeof(struct rpmsg_hdr);
}

/**
 * struct vrpmsg_rx_msg - a received message, once checked
 * @src: source address
 * @dst: destination address
 * @len: payload length, within the received bytes
 * @data: the payload, still in the shared buffer
 */
struct vrpmsg_rx_msg {
	u32 src;
	u32 dst;
	u16 len;
	void *data;
};

/* virtio_rpmsg_dev.c: the virtio driver */
void vrpmsg_setup(struct vrpmsg *vrp, struct virtio_device *vdev);

/* virtio_rpmsg_chan.c: endpoints and channels */
void vrpmsg_ept_free(struct kref *kref);
struct rpmsg_device *vrpmsg_channel_alloc(struct vrpmsg *vrp);
int vrpmsg_add_own_channels(struct vrpmsg *vrp);
void vrpmsg_unregister_channels(struct vrpmsg *vrp);

/* virtio_rpmsg_xfer.c: moving messages */
void vrpmsg_sg_init(struct scatterlist *sg, void *buf, unsigned int len);
int vrpmsg_send(struct vrpmsg *vrp, u32 src, u32 dst, const void *data,
		int len, bool wait);
__poll_t vrpmsg_tx_poll(struct vrpmsg *vrp, struct file *filp,
			poll_table *wait);
void vrpmsg_tx_done(struct virtqueue *svq);
void vrpmsg_rx_done(struct virtqueue *rvq);
void vrpmsg_rx_schedule(struct vrpmsg *vrp);
void vrpmsg_rx_work(struct work_struct *work);
enum vrpmsg_stat vrpmsg_rx_parse(void *buf, unsigned int used,
				 unsigned int buf_size, bool little_endian,
				 struct vrpmsg_rx_msg *msg);

#endif /* __VIRTIO_RPMSG_H__ */
