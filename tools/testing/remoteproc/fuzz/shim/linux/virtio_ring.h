/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/virtio_ring.h>: the split ring's size, the ring calls. */
#ifndef _KSHIM_LINUX_VIRTIO_RING_H
#define _KSHIM_LINUX_VIRTIO_RING_H

#include <linux/virtio.h>

/* As in uapi/linux/virtio_ring.h: descriptors, avail ring, used ring. */
static inline unsigned int vring_size(unsigned int num, unsigned long align)
{
	return ((16 * num + 2 * (3 + num) + align - 1) & ~(align - 1)) +
	       2 * 3 + 8 * num;
}

struct virtqueue *vring_new_virtqueue(unsigned int index, unsigned int num,
				      unsigned int vring_align,
				      struct virtio_device *vdev,
				      bool weak_barriers, bool ctx, void *pages,
				      bool (*notify)(struct virtqueue *vq),
				      void (*callback)(struct virtqueue *vq),
				      const char *name);
void vring_del_virtqueue(struct virtqueue *vq);
void vring_transport_features(struct virtio_device *vdev);
irqreturn_t vring_interrupt(int irq, void *vq);

#endif /* _KSHIM_LINUX_VIRTIO_RING_H */
