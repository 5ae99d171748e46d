/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kshim: <linux/virtio.h>.  The structures as in Linux 6.1 (the fields the
 * compiled files use); every virtqueue_*() call is a weak stub in kshim.c
 * that aborts, which a target replaces when it expects the call.
 */
#ifndef _KSHIM_LINUX_VIRTIO_H
#define _KSHIM_LINUX_VIRTIO_H

#include <kshim.h>
#include <linux/mod_devicetable.h>
#include <linux/scatterlist.h>

struct virtio_device;

struct virtqueue {
	struct list_head list;
	void (*callback)(struct virtqueue *vq);
	const char *name;
	struct virtio_device *vdev;
	unsigned int index;
	unsigned int num_free;
	unsigned int num_max;
	void *priv;
	bool reset;
	void *kshim;		/* the target's state of a fake virtqueue */
};

struct virtio_config_ops;

struct virtio_device {
	int index;
	bool failed;
	bool config_enabled;
	bool config_change_pending;
	spinlock_t config_lock;
	spinlock_t vqs_list_lock;
	struct device dev;
	struct virtio_device_id id;
	const struct virtio_config_ops *config;
	const void *vringh_config;
	struct list_head vqs;
	u64 features;
	void *priv;
};

#define dev_to_virtio(_dev) container_of(_dev, struct virtio_device, dev)

int virtqueue_add_outbuf(struct virtqueue *vq, struct scatterlist sg[],
			 unsigned int num, void *data, gfp_t gfp);
int virtqueue_add_inbuf(struct virtqueue *vq, struct scatterlist sg[],
			unsigned int num, void *data, gfp_t gfp);
bool virtqueue_kick(struct virtqueue *vq);
bool virtqueue_kick_prepare(struct virtqueue *vq);
bool virtqueue_notify(struct virtqueue *vq);
void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len);
void virtqueue_disable_cb(struct virtqueue *vq);
bool virtqueue_enable_cb(struct virtqueue *vq);
bool virtqueue_is_broken(struct virtqueue *vq);
unsigned int virtqueue_get_vring_size(struct virtqueue *vq);

int register_virtio_device(struct virtio_device *dev);
void unregister_virtio_device(struct virtio_device *dev);

#endif /* _KSHIM_LINUX_VIRTIO_H */
