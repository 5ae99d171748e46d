// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg over virtio: the transport between the rpmsg bus and a virtio
 * device of type VIRTIO_ID_RPMSG, such as the ones a remote processor
 * declares in its resource table.  This file: the virtio driver (probe,
 * remove, buffers) and the counters in debugfs.
 */

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/virtio_config.h>

#include "virtio_rpmsg.h"

/**
 * DOC: the virtio transport
 *
 * One instance per virtio device.  The device has two virtqueues: the first
 * (rx) carries messages from the remote, the second (tx) messages to it.
 * Every buffer of both directions comes from one DMA-coherent block
 * allocated at probe: %RPMSG_BUF_SIZE bytes each, %RPMSG_NUM_BUFS / 2 per
 * direction, fewer when a vring has fewer descriptors.  All rx buffers are
 * posted at probe and re-posted as soon as their message was handled.  A
 * sender takes a tx buffer that was never used yet, or else one the remote
 * has given back, and waits up to %VRPMSG_TX_TIMEOUT when there is none.
 *
 * Contexts.  Virtqueue callbacks may run in any context (hard interrupt on
 * some platforms, a threaded interrupt on ours), while receive callbacks of
 * endpoints run under a mutex and may sleep (send a reply, create or remove
 * channels).  The rx virtqueue callback therefore only queues a work item;
 * that worker drains the rx virtqueue, delivers each message, re-posts the
 * buffers and notifies the remote once per batch.  Being a single work
 * item, it also serialises every operation on the rx virtqueue after probe.
 * The worker runs on system_highpri_wq.  The tx virtqueue is used under
 * &vrpmsg.tx_lock, a spinlock taken with interrupts disabled, so that the
 * trysend ops work in any context, as &struct rpmsg_endpoint_ops requires:
 * they neither sleep nor allocate, and the kick that follows
 * (virtqueue_notify(), then &rproc_ops.kick on a remote processor) must
 * not sleep either.  Only a send that waits for a buffer sleeps, with the
 * lock dropped.  The tx callback only wakes up waiting senders; it is
 * enabled only while a sender sleeps or a poller waits for a free buffer.
 * A sender that waited %VRPMSG_TX_TIMEOUT in vain gets -ETIMEDOUT; once
 * remove has started, every sender, waiting or not, gets -ENODEV.
 *
 * Lock order: an endpoint's cb_lock (held while its callback runs), then
 * &vrpmsg.chan_lock (the name service creating a channel), then the
 * address space's lock (a probed driver creating its endpoint), then
 * &vrpmsg.tx_lock.  The name-service endpoint's cb_lock has a lockdep
 * class of its own, as its callback destroys other endpoints.
 *
 * Untrusted remote.  The remote writes the used rings and the contents of
 * rx buffers; both are checked before use and a bad message is dropped,
 * counted and reported with a rate-limited message, its buffer re-posted.
 * A used-ring id out of range is caught by virtio_ring itself, which then
 * marks the virtqueue broken: receiving or sending stops for good (senders
 * get -EIO) until the remote is restarted.  The payload handed to a
 * callback stays in the shared buffer: the remote could still change it,
 * but not its length, which was checked on a private copy of the header.
 * At most %VRPMSG_MAX_CHANNELS channels exist per virtio device besides
 * the control and name-service ones, whoever asks for them.
 *
 * Counters are in debugfs: ``virtio-rpmsg/<virtio device>/stats``, one
 * ``name: value`` line each (see &enum vrpmsg_stat).
 */

static const char * const vrpmsg_stat_names[VRPMSG_NR_STATS] = {
	[VRPMSG_RX_DELIVERED]		= "rx_delivered",
	[VRPMSG_RX_SHORT]		= "rx_short",
	[VRPMSG_RX_OVERSIZE]		= "rx_oversize",
	[VRPMSG_RX_BAD_LEN]		= "rx_bad_len",
	[VRPMSG_RX_UNKNOWN_DST]		= "rx_unknown_dst",
	[VRPMSG_RX_NO_CB]		= "rx_no_callback",
	[VRPMSG_RX_RING_BROKEN]		= "rx_ring_broken",
	[VRPMSG_TX_SENT]		= "tx_sent",
	[VRPMSG_TX_NO_BUF]		= "tx_no_buffer",
	[VRPMSG_TX_TIMEDOUT]		= "tx_timed_out",
	[VRPMSG_TX_RING_BROKEN]		= "tx_ring_broken",
	[VRPMSG_CHANNELS_REFUSED]	= "channels_refused",
};

/* ------------------------------------------------------------------------
 * debugfs
 */

static struct dentry *vrpmsg_debugfs_root;

static int vrpmsg_stats_show(struct seq_file *s, void *unused)
{
	struct vrpmsg *vrp = s->private;
	int i;

	for (i = 0; i < VRPMSG_NR_STATS; i++)
		seq_printf(s, "%s: %ld\n", vrpmsg_stat_names[i],
			   atomic_long_read(&vrp->stats[i]));
	seq_printf(s, "rx_buffers: %u\ntx_buffers: %u\nbuffer_size: %u\n",
		   vrp->nr_rx_bufs, vrp->nr_tx_bufs, vrp->buf_size);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vrpmsg_stats);

static void vrpmsg_debugfs_add(struct vrpmsg *vrp)
{
	vrp->dbg_dir = debugfs_create_dir(dev_name(vrpmsg_dev(vrp)),
					  vrpmsg_debugfs_root);
	debugfs_create_file("stats", 0400, vrp->dbg_dir, vrp,
			    &vrpmsg_stats_fops);
}

/* ------------------------------------------------------------------------
 * The virtio driver
 */

static int vrpmsg_find_vqs(struct vrpmsg *vrp)
{
	static const char * const names[] = { "rpmsg-rx", "rpmsg-tx" };
	vq_callback_t *callbacks[] = { vrpmsg_rx_done, vrpmsg_tx_done };
	struct virtqueue *vqs[2];
	int err;

	err = virtio_find_vqs(vrp->vdev, 2, vqs, callbacks, names, NULL);
	if (err)
		return err;
	vrp->rvq = vqs[0];
	vrp->svq = vqs[1];
	return 0;
}

/* One coherent block; no more buffers per direction than descriptors. */
static int vrpmsg_alloc_bufs(struct vrpmsg *vrp)
{
	struct device *dma_dev = vrp->vdev->dev.parent;

	vrp->buf_size = RPMSG_BUF_SIZE;
	vrp->nr_rx_bufs = min_t(unsigned int, RPMSG_NUM_BUFS / 2,
				virtqueue_get_vring_size(vrp->rvq));
	vrp->nr_tx_bufs = min_t(unsigned int, RPMSG_NUM_BUFS / 2,
				virtqueue_get_vring_size(vrp->svq));
	if (!vrp->nr_rx_bufs || !vrp->nr_tx_bufs)
		return -EINVAL;

	if (!dma_dev || !dma_dev->coherent_dma_mask) {
		dev_err(vrpmsg_dev(vrp), "parent device cannot allocate DMA memory\n");
		return -ENODEV;
	}

	vrp->bufs_size = (size_t)(vrp->nr_rx_bufs + vrp->nr_tx_bufs) *
			 vrp->buf_size;
	vrp->bufs = dma_alloc_coherent(dma_dev, vrp->bufs_size,
				       &vrp->bufs_dma, GFP_KERNEL);
	if (!vrp->bufs)
		return -ENOMEM;
	vrp->sbufs = vrp->bufs + (size_t)vrp->nr_rx_bufs * vrp->buf_size;
	return 0;
}

static void vrpmsg_free_bufs(struct vrpmsg *vrp)
{
	dma_free_coherent(vrp->vdev->dev.parent, vrp->bufs_size, vrp->bufs,
			  vrp->bufs_dma);
}

static int vrpmsg_post_rx_bufs(struct vrpmsg *vrp)
{
	struct scatterlist sg;
	unsigned int i;
	void *buf;
	int err;

	for (i = 0; i < vrp->nr_rx_bufs; i++) {
		buf = vrp->bufs + (size_t)i * vrp->buf_size;
		vrpmsg_sg_init(&sg, buf, vrp->buf_size);
		err = virtqueue_add_inbuf(vrp->rvq, &sg, 1, buf, GFP_KERNEL);
		if (err)
			return err;
	}
	return 0;
}

/**
 * vrpmsg_setup() - initialise what a new instance needs besides the device
 * @vrp: the instance, zeroed
 * @vdev: its virtio device, whose features are not looked at
 *
 * Locks, the rx worker, the tx wait queue, the address space and the
 * counters; the virtqueues and buffers come later.
 *
 * Context: any context.
 */
void vrpmsg_setup(struct vrpmsg *vrp, struct virtio_device *vdev)
{
	int i;

	vrp->vdev = vdev;
	spin_lock_init(&vrp->rx_lock);
	INIT_WORK(&vrp->rx_work, vrpmsg_rx_work);
	spin_lock_init(&vrp->tx_lock);
	atomic_set(&vrp->tx_events, 0);
	init_waitqueue_head(&vrp->sendq);
	mutex_init(&vrp->chan_lock);
	rpmsg_addr_space_init(&vrp->addrs);
	for (i = 0; i < VRPMSG_NR_STATS; i++)
		atomic_long_set(&vrp->stats[i], 0);
}

static struct vrpmsg *vrpmsg_alloc(struct virtio_device *vdev)
{
	struct vrpmsg *vrp;

	vrp = kzalloc(sizeof(*vrp), GFP_KERNEL);
	if (!vrp)
		return NULL;

	vrpmsg_setup(vrp, vdev);
	vrp->little_endian = virtio_is_little_endian(vdev);
	vrp->has_ns = virtio_has_feature(vdev, VIRTIO_RPMSG_F_NS);
	return vrp;
}

/*
 * Stop everything that could still use the instance: senders (woken, they
 * fail with -ENODEV), channel creation, and the rx worker.
 */
static void vrpmsg_quiesce(struct vrpmsg *vrp)
{
	WRITE_ONCE(vrp->removing, true);

	spin_lock_irq(&vrp->tx_lock);
	spin_unlock_irq(&vrp->tx_lock);
	wake_up_interruptible_all(&vrp->sendq);

	mutex_lock(&vrp->chan_lock);
	mutex_unlock(&vrp->chan_lock);

	spin_lock_irq(&vrp->rx_lock);
	vrp->rx_open = false;
	spin_unlock_irq(&vrp->rx_lock);
	cancel_work_sync(&vrp->rx_work);
}

static int vrpmsg_probe(struct virtio_device *vdev)
{
	struct vrpmsg *vrp;
	bool notify;
	int err;

	vrp = vrpmsg_alloc(vdev);
	if (!vrp)
		return -ENOMEM;
	vdev->priv = vrp;

	err = vrpmsg_find_vqs(vrp);
	if (err)
		goto err_free_vrp;

	err = vrpmsg_alloc_bufs(vrp);
	if (err)
		goto err_del_vqs;

	err = vrpmsg_post_rx_bufs(vrp);
	if (err)
		goto err_free_bufs;
	virtqueue_disable_cb(vrp->svq);

	vrpmsg_debugfs_add(vrp);

	err = vrpmsg_add_own_channels(vrp);
	if (err)
		goto err_remove_channels;

	/* The remote may use the vrings from here on: tell it there is room. */
	notify = virtqueue_kick_prepare(vrp->rvq);
	virtio_device_ready(vdev);
	if (notify)
		virtqueue_notify(vrp->rvq);

	/* Anything the remote sent in the meantime is picked up now. */
	spin_lock_irq(&vrp->rx_lock);
	vrp->rx_open = true;
	spin_unlock_irq(&vrp->rx_lock);
	vrpmsg_rx_schedule(vrp);

	dev_info(&vdev->dev, "rpmsg transport ready: %u+%u buffers of %u bytes%s\n",
		 vrp->nr_rx_bufs, vrp->nr_tx_bufs, vrp->buf_size,
		 vrp->has_ns ? ", name service" : "");
	return 0;

err_remove_channels:
	vrpmsg_quiesce(vrp);
	vrpmsg_unregister_channels(vrp);
	debugfs_remove_recursive(vrp->dbg_dir);
err_free_bufs:
	vrpmsg_free_bufs(vrp);
err_del_vqs:
	vdev->config->del_vqs(vdev);
err_free_vrp:
	rpmsg_addr_space_destroy(&vrp->addrs);
	vdev->priv = NULL;
	kfree(vrp);
	return err;
}

static void vrpmsg_remove(struct virtio_device *vdev)
{
	struct vrpmsg *vrp = vdev->priv;

	debugfs_remove_recursive(vrp->dbg_dir);
	virtio_reset_device(vdev);
	vrpmsg_quiesce(vrp);

	/* Drivers unbind: their endpoints go, announcements are skipped. */
	vrpmsg_unregister_channels(vrp);

	vdev->config->del_vqs(vdev);
	vrpmsg_free_bufs(vrp);
	rpmsg_addr_space_destroy(&vrp->addrs);
	vdev->priv = NULL;

	/*
	 * Files may still poll on sendq through the endpoint poll op: tell
	 * them it goes away (POLLFREE), and free it only after a grace
	 * period, as wake_up_pollfree() requires.
	 */
	wake_up_pollfree(&vrp->sendq);
	kfree_rcu(vrp, rcu);
}

static const struct virtio_device_id vrpmsg_id_table[] = {
	{ VIRTIO_ID_RPMSG, VIRTIO_DEV_ANY_ID },
	{ }
};
MODULE_DEVICE_TABLE(virtio, vrpmsg_id_table);

static unsigned int vrpmsg_features[] = {
	VIRTIO_RPMSG_F_NS,
};

static struct virtio_driver vrpmsg_driver = {
	.driver.name		= KBUILD_MODNAME,
	.driver.owner		= THIS_MODULE,
	.id_table		= vrpmsg_id_table,
	.feature_table		= vrpmsg_features,
	.feature_table_size	= ARRAY_SIZE(vrpmsg_features),
	.probe			= vrpmsg_probe,
	.remove			= vrpmsg_remove,
};

static int __init vrpmsg_init(void)
{
	int err;

	vrpmsg_debugfs_root = debugfs_create_dir("virtio-rpmsg", NULL);
	err = register_virtio_driver(&vrpmsg_driver);
	if (err)
		debugfs_remove_recursive(vrpmsg_debugfs_root);
	return err;
}
module_init(vrpmsg_init);

static void __exit vrpmsg_exit(void)
{
	unregister_virtio_driver(&vrpmsg_driver);
	debugfs_remove_recursive(vrpmsg_debugfs_root);
}
module_exit(vrpmsg_exit);

MODULE_DESCRIPTION("rpmsg transport over virtio");
MODULE_LICENSE("GPL");
