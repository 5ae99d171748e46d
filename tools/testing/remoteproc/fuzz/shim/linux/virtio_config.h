/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/virtio_config.h>, struct virtio_config_ops of Linux 6.1. */
#ifndef _KSHIM_LINUX_VIRTIO_CONFIG_H
#define _KSHIM_LINUX_VIRTIO_CONFIG_H

#include <linux/virtio.h>

#define VIRTIO_CONFIG_S_ACKNOWLEDGE	1
#define VIRTIO_CONFIG_S_DRIVER		2
#define VIRTIO_CONFIG_S_DRIVER_OK	4
#define VIRTIO_CONFIG_S_FEATURES_OK	8
#define VIRTIO_CONFIG_S_NEEDS_RESET	0x40
#define VIRTIO_CONFIG_S_FAILED		0x80
#define VIRTIO_F_VERSION_1		32

struct irq_affinity;
struct virtio_shm_region;
typedef void vq_callback_t(struct virtqueue *);

struct virtio_config_ops {
	void (*enable_cbs)(struct virtio_device *vdev);
	void (*get)(struct virtio_device *vdev, unsigned int offset,
		    void *buf, unsigned int len);
	void (*set)(struct virtio_device *vdev, unsigned int offset,
		    const void *buf, unsigned int len);
	u32 (*generation)(struct virtio_device *vdev);
	u8 (*get_status)(struct virtio_device *vdev);
	void (*set_status)(struct virtio_device *vdev, u8 status);
	void (*reset)(struct virtio_device *vdev);
	int (*find_vqs)(struct virtio_device *, unsigned int nvqs,
			struct virtqueue *vqs[], vq_callback_t *callbacks[],
			const char * const names[], const bool *ctx,
			struct irq_affinity *desc);
	void (*del_vqs)(struct virtio_device *);
	void (*synchronize_cbs)(struct virtio_device *);
	u64 (*get_features)(struct virtio_device *vdev);
	int (*finalize_features)(struct virtio_device *vdev);
	const char *(*bus_name)(struct virtio_device *vdev);
	int (*set_vq_affinity)(struct virtqueue *vq, const void *cpu_mask);
	const void *(*get_vq_affinity)(struct virtio_device *vdev, int index);
	bool (*get_shm_region)(struct virtio_device *vdev,
			       struct virtio_shm_region *region, u8 id);
	int (*disable_vq_and_reset)(struct virtqueue *vq);
	int (*enable_vq_after_reset)(struct virtqueue *vq);
};

static inline bool virtio_has_feature(const struct virtio_device *vdev,
				      unsigned int fbit)
{
	return vdev->features & BIT_ULL(fbit);
}

#endif /* _KSHIM_LINUX_VIRTIO_CONFIG_H */
