// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: the virtio devices a remote offers through
 * the vdev entries of its resource table.
 */

/**
 * DOC: virtio devices
 *
 * Each vdev entry of the resource table gets, when the remote boots:
 *
 * - its vrings, allocated here in memory the remote can reach (the DMA
 *   memory of the platform driver's device), with their device address
 *   and notify id written back into the table;
 * - a platform device "rproc-virtio" below the remoteprocN device, whose
 *   DMA configuration is the platform driver's device's: virtio drivers
 *   allocate their shared buffers on it;
 * - a subdevice, which registers the virtio device (child of that platform
 *   device) once the remote runs and unregisters it before it stops or
 *   when it crashes.
 *
 * A vring needs a power-of-two number of descriptors (2 to 32768) and a
 * power-of-two alignment (4 to PAGE_SIZE).  Its device address must be
 * %FW_RSC_ADDR_ANY, or the address where it happened to be allocated:
 * there is no way yet to place a vring at a chosen address.  Notify ids
 * are handed out by the host, lowest free first, and written over the
 * firmware's values, as Linux has always done: a firmware must read them
 * back from the table.
 *
 * The virtio transport reads and writes the entry in the table in use,
 * which is the copy loaded in the remote's memory by the time the virtio
 * device exists: the config space, the status byte and the features live
 * there.  How many vrings and config bytes the entry has is taken from
 * the validated copy when the entry is set up, never from the loaded copy,
 * which the remote can change.
 *
 * Lifetimes: the vrings, the notify ids and the platform device belong to
 * the boot and are given back with its other resources, after the remote
 * stopped.  The virtio device only lives while the remote runs and is
 * refcounted by its own struct device; its release frees its own memory
 * and drops the lifetime reference it holds on the remote, nothing else,
 * so a late reference to it is harmless.
 *
 * Interrupts: rproc_vq_interrupt() finds a vring by notify id under RCU
 * and runs the virtqueue's callback inside an SRCU read section, since the
 * callbacks may sleep.  Deleting a virtqueue and giving back a vring wait
 * for that section to end.
 */

#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/log2.h>
#include <linux/platform_device.h>
#include <linux/rcupdate.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/string.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_ring.h>

#include "remoteproc_internal.h"

/* Bounds of the vring geometry a firmware may ask for. */
#define RPROC_VRING_MAX_NUM	32768
#define RPROC_VRING_MIN_ALIGN	4

/*
 * Readers: rproc_vq_interrupt(), around the use of a vring and of its
 * virtqueue.  Writers clear &rproc_vring.vq, or remove the vring's notify
 * id, then wait for the readers before freeing.
 */
DEFINE_STATIC_SRCU(rproc_vring_srcu);

struct rproc_virtio_dev;

/**
 * struct rproc_vdev_res - a vdev entry and what this file keeps about it
 * @rvdev: the public part
 * @num_vrings: vrings of the entry, from the validated copy of the table
 * @config_len: config space bytes of the entry, from the validated copy
 * @dma: DMA address of each vring
 * @size: size of each vring allocation
 * @vvdev: the virtio device while it is registered, else NULL
 * @status: the device status as the driver last set it
 *
 * Changed under &rproc.lock only, but for @status, which belongs to the
 * virtio core's calls (serialised by the virtio device).
 */
struct rproc_vdev_res {
	struct rproc_vdev rvdev;
	unsigned int num_vrings;
	u32 config_len;
	dma_addr_t dma[RVDEV_NUM_VRINGS];
	size_t size[RVDEV_NUM_VRINGS];
	struct rproc_virtio_dev *vvdev;
	u8 status;
};

/**
 * struct rproc_virtio_dev - a registered virtio device of a remote
 * @vdev: the virtio device
 * @res: its vdev entry; valid as long as @vdev is registered
 * @rproc_dev: a lifetime reference on the remote, dropped by the release:
 *	       the remote (and the module, which waits for remotes to be
 *	       released) outlives the virtio device
 */
struct rproc_virtio_dev {
	struct virtio_device vdev;
	struct rproc_vdev_res *res;
	struct device *rproc_dev;
};

static struct rproc_vdev_res *to_vdev_res(struct rproc_vdev *rvdev)
{
	return container_of(rvdev, struct rproc_vdev_res, rvdev);
}

static struct rproc_vdev_res *vdev_to_res(struct virtio_device *vdev)
{
	return container_of(vdev, struct rproc_virtio_dev, vdev)->res;
}

/* The entry in the table in use: re-derived each time, the table moves. */
static struct fw_rsc_vdev *rproc_vdev_rsc(struct rproc_vdev_res *res)
{
	return (void *)res->rvdev.rproc->table_ptr + res->rvdev.rsc_offset;
}

/* ---------------------------------------------------------------------
 * The virtio transport.
 */

static bool rproc_vring_notify(struct virtqueue *vq)
{
	struct rproc_vring *rvring = vq->priv;
	struct rproc *rproc = rvring->rvdev->rproc;

	rproc->ops->kick(rproc, rvring->notifyid);
	return true;
}

static struct virtqueue *rproc_vdev_find_vq(struct virtio_device *vdev,
					    unsigned int index,
					    vq_callback_t *callback,
					    const char *name, bool ctx)
{
	struct rproc_vdev_res *res = vdev_to_res(vdev);
	struct rproc_vring *rvring;
	struct virtqueue *vq;

	if (index >= res->num_vrings)
		return ERR_PTR(-EINVAL);

	rvring = &res->rvdev.vring[index];
	if (rvring->vq)
		return ERR_PTR(-EBUSY);

	/* The driver may have used the ring before: start from a clean one. */
	memset(rvring->va, 0, res->size[index]);
	vq = vring_new_virtqueue(index, rvring->num, rvring->align, vdev,
				 false, ctx, rvring->va, rproc_vring_notify,
				 callback, name);
	if (!vq)
		return ERR_PTR(-ENOMEM);

	vq->priv = rvring;
	WRITE_ONCE(rvring->vq, vq);
	return vq;
}

static void rproc_vdev_del_vqs(struct virtio_device *vdev)
{
	struct rproc_vdev_res *res = vdev_to_res(vdev);
	struct virtqueue *vqs[RVDEV_NUM_VRINGS] = { };
	unsigned int i;

	for (i = 0; i < res->num_vrings; i++) {
		vqs[i] = res->rvdev.vring[i].vq;
		WRITE_ONCE(res->rvdev.vring[i].vq, NULL);
	}

	/* No interrupt may still be running a callback of these queues. */
	synchronize_srcu(&rproc_vring_srcu);

	for (i = 0; i < res->num_vrings; i++) {
		if (vqs[i])
			vring_del_virtqueue(vqs[i]);
	}
}

static int rproc_vdev_find_vqs(struct virtio_device *vdev,
			       unsigned int nvqs, struct virtqueue *vqs[],
			       vq_callback_t *callbacks[],
			       const char * const names[], const bool *ctx,
			       struct irq_affinity *desc)
{
	unsigned int i, index = 0;
	int ret;

	for (i = 0; i < nvqs; i++) {
		if (!names[i]) {
			vqs[i] = NULL;
			continue;
		}

		vqs[i] = rproc_vdev_find_vq(vdev, index++, callbacks[i],
					    names[i], ctx ? ctx[i] : false);
		if (IS_ERR(vqs[i])) {
			ret = PTR_ERR(vqs[i]);
			goto err_del_vqs;
		}
	}
	return 0;

err_del_vqs:
	rproc_vdev_del_vqs(vdev);
	return ret;
}

static void rproc_vdev_synchronize_cbs(struct virtio_device *vdev)
{
	synchronize_srcu(&rproc_vring_srcu);
}

/*
 * The status byte in the table is written for the remote to read; what
 * the driver reads back is its own copy.  The remote can write the byte
 * at any time, and the virtio core takes a status it did not set for a
 * driver bug (a device left un-reset warns on removal).
 */
static u8 rproc_vdev_get_status(struct virtio_device *vdev)
{
	return READ_ONCE(vdev_to_res(vdev)->status);
}

static void rproc_vdev_set_status(struct virtio_device *vdev, u8 status)
{
	struct rproc_vdev_res *res = vdev_to_res(vdev);

	WRITE_ONCE(res->status, status);
	/* The remote polls for DRIVER_OK: make the rings visible first. */
	wmb();
	WRITE_ONCE(rproc_vdev_rsc(res)->status, status);
}

static void rproc_vdev_reset(struct virtio_device *vdev)
{
	struct rproc_vdev_res *res = vdev_to_res(vdev);

	WRITE_ONCE(res->status, 0);
	WRITE_ONCE(rproc_vdev_rsc(res)->status, 0);
}

static u64 rproc_vdev_get_features(struct virtio_device *vdev)
{
	return READ_ONCE(rproc_vdev_rsc(vdev_to_res(vdev))->dfeatures);
}

static int rproc_vdev_finalize_features(struct virtio_device *vdev)
{
	vring_transport_features(vdev);

	/* Offered features are 32 bits wide, so are the accepted ones. */
	WRITE_ONCE(rproc_vdev_rsc(vdev_to_res(vdev))->gfeatures,
		   lower_32_bits(vdev->features));
	return 0;
}

/* The config space follows the vrings of the entry; NULL when out of it. */
static void *rproc_vdev_config(struct virtio_device *vdev,
			       unsigned int offset, unsigned int len)
{
	struct rproc_vdev_res *res = vdev_to_res(vdev);
	struct fw_rsc_vdev *rsc = rproc_vdev_rsc(res);

	if (offset > res->config_len || len > res->config_len - offset) {
		dev_err_ratelimited(&vdev->dev, "config access of %u bytes at %u is outside the %u byte config space\n",
				    len, offset, res->config_len);
		return NULL;
	}
	return (void *)&rsc->vring[res->num_vrings] + offset;
}

static void rproc_vdev_get(struct virtio_device *vdev, unsigned int offset,
			   void *buf, unsigned int len)
{
	void *cfg = rproc_vdev_config(vdev, offset, len);

	if (cfg)
		memcpy(buf, cfg, len);
	else
		memset(buf, 0, len);
}

static void rproc_vdev_set(struct virtio_device *vdev, unsigned int offset,
			   const void *buf, unsigned int len)
{
	void *cfg = rproc_vdev_config(vdev, offset, len);

	if (cfg)
		memcpy(cfg, buf, len);
}

static const struct virtio_config_ops rproc_vdev_config_ops = {
	.get			= rproc_vdev_get,
	.set			= rproc_vdev_set,
	.get_status		= rproc_vdev_get_status,
	.set_status		= rproc_vdev_set_status,
	.reset			= rproc_vdev_reset,
	.find_vqs		= rproc_vdev_find_vqs,
	.del_vqs		= rproc_vdev_del_vqs,
	.synchronize_cbs	= rproc_vdev_synchronize_cbs,
	.get_features		= rproc_vdev_get_features,
	.finalize_features	= rproc_vdev_finalize_features,
};

/* ---------------------------------------------------------------------
 * The subdevice: the virtio device lives while the remote runs.
 */

static void rproc_vvdev_release(struct device *dev)
{
	struct rproc_virtio_dev *vvdev = container_of(dev_to_virtio(dev),
						      struct rproc_virtio_dev,
						      vdev);
	struct device *rproc_dev = vvdev->rproc_dev;

	kfree(vvdev);
	put_device(rproc_dev);
}

static int rproc_vdev_start(struct rproc_subdev *subdev)
{
	struct rproc_vdev *rvdev = container_of(subdev, struct rproc_vdev,
						subdev);
	struct rproc_vdev_res *res = to_vdev_res(rvdev);
	struct rproc_virtio_dev *vvdev;
	int ret;

	vvdev = kzalloc(sizeof(*vvdev), GFP_KERNEL);
	if (!vvdev)
		return -ENOMEM;

	vvdev->res = res;
	vvdev->rproc_dev = get_device(&rvdev->rproc->dev);
	vvdev->vdev.id.device = rvdev->id;
	vvdev->vdev.config = &rproc_vdev_config_ops;
	vvdev->vdev.dev.parent = &rvdev->pdev->dev;
	vvdev->vdev.dev.release = rproc_vvdev_release;

	ret = register_virtio_device(&vvdev->vdev);
	if (ret) {
		dev_err(&rvdev->rproc->dev, "vdev %u: cannot register the virtio device: %d\n",
			rvdev->index, ret);
		put_device(&vvdev->vdev.dev);
		return ret;
	}

	res->vvdev = vvdev;
	dev_dbg(&rvdev->rproc->dev, "vdev %u: virtio device %s (id %u) registered\n",
		rvdev->index, dev_name(&vvdev->vdev.dev), rvdev->id);
	return 0;
}

static void rproc_vdev_stop(struct rproc_subdev *subdev, bool crashed)
{
	struct rproc_vdev *rvdev = container_of(subdev, struct rproc_vdev,
						subdev);
	struct rproc_vdev_res *res = to_vdev_res(rvdev);
	struct rproc_virtio_dev *vvdev = res->vvdev;

	if (!vvdev)
		return;

	/* The driver's remove deletes the virtqueues; the release frees. */
	res->vvdev = NULL;
	unregister_virtio_device(&vvdev->vdev);
	dev_dbg(&rvdev->rproc->dev, "vdev %u: virtio device unregistered%s\n",
		rvdev->index, crashed ? " (remote crashed)" : "");
}

/* ---------------------------------------------------------------------
 * Setting up and giving back the vdev entries of a boot.
 */

static int rproc_vring_check(struct rproc *rproc, u32 index, u32 n,
			     const struct fw_rsc_vdev_vring *vring)
{
	if (vring->num < 2 || vring->num > RPROC_VRING_MAX_NUM ||
	    !is_power_of_2(vring->num)) {
		dev_err(&rproc->dev, "vdev %u vring %u: %u descriptors: must be a power of two from 2 to %u\n",
			index, n, vring->num, RPROC_VRING_MAX_NUM);
		return -EINVAL;
	}
	if (vring->align < RPROC_VRING_MIN_ALIGN || vring->align > PAGE_SIZE ||
	    !is_power_of_2(vring->align)) {
		dev_err(&rproc->dev, "vdev %u vring %u: alignment %u: must be a power of two from %u to %lu\n",
			index, n, vring->align, RPROC_VRING_MIN_ALIGN,
			PAGE_SIZE);
		return -EINVAL;
	}
	return 0;
}

/*
 * Allocate vring @n of @res, give it a notify id and write its addresses
 * and notify id into the entry.  The caller frees what was set up on
 * failure with rproc_vdev_free_vrings().
 */
static int rproc_vring_alloc(struct rproc_vdev_res *res, unsigned int n,
			     struct fw_rsc_vdev_vring *vring)
{
	struct rproc *rproc = res->rvdev.rproc;
	struct rproc_vring *rvring = &res->rvdev.vring[n];
	struct device *dma_dev = rproc->dev.parent;
	u32 index = res->rvdev.index;
	size_t size;
	dma_addr_t dma;
	void *va;
	int id;

	size = PAGE_ALIGN(vring_size(vring->num, vring->align));
	va = dma_alloc_coherent(dma_dev, size, &dma, GFP_KERNEL);
	if (!va) {
		dev_err(&rproc->dev, "vdev %u vring %u: cannot allocate %zu bytes\n",
			index, n, size);
		return -ENOMEM;
	}
	res->dma[n] = dma;
	res->size[n] = size;
	rvring->va = va;

	if (upper_32_bits(dma)) {
		dev_err(&rproc->dev, "vdev %u vring %u: allocated at %pad, beyond the 32-bit device addresses of the table\n",
			index, n, &dma);
		return -ENOMEM;
	}
	if (vring->da != FW_RSC_ADDR_ANY && vring->da != dma) {
		dev_err(&rproc->dev, "vdev %u vring %u: firmware wants it at da 0x%x, but it was allocated at %pad\n",
			index, n, vring->da, &dma);
		return -EINVAL;
	}

	id = idr_alloc(&rproc->notifyids, rvring, 0, 0, GFP_KERNEL);
	if (id < 0) {
		dev_err(&rproc->dev, "vdev %u vring %u: cannot get a notify id: %d\n",
			index, n, id);
		return id;
	}
	rvring->notifyid = id;
	if (id > rproc->max_notifyid)
		WRITE_ONCE(rproc->max_notifyid, id);

	rvring->rvdev = &res->rvdev;
	rvring->num = vring->num;
	rvring->align = vring->align;
	rvring->da = lower_32_bits(dma);

	/* Without an IOMMU, the device address is the physical one. */
	vring->da = rvring->da;
	vring->pa = rvring->da;
	vring->notifyid = id;
	return 0;
}

/* Forget the notify ids of @res; the caller waits for interrupts. */
static void rproc_vdev_put_notifyids(struct rproc_vdev_res *res)
{
	struct rproc *rproc = res->rvdev.rproc;
	unsigned int n;

	for (n = 0; n < res->num_vrings; n++) {
		if (res->rvdev.vring[n].rvdev)
			idr_remove(&rproc->notifyids,
				   res->rvdev.vring[n].notifyid);
	}
}

static void rproc_vdev_free_vrings(struct rproc_vdev_res *res)
{
	struct device *dma_dev = res->rvdev.rproc->dev.parent;
	unsigned int n;

	for (n = 0; n < res->num_vrings; n++) {
		if (res->rvdev.vring[n].va)
			dma_free_coherent(dma_dev, res->size[n],
					  res->rvdev.vring[n].va, res->dma[n]);
	}
}

/* The largest notify id still in use, after some were removed. */
static void rproc_update_max_notifyid(struct rproc *rproc)
{
	void *entry;
	int id, max = -1;

	idr_for_each_entry(&rproc->notifyids, entry, id)
		max = id;
	WRITE_ONCE(rproc->max_notifyid, max);
}

/*
 * The platform device the virtio device hangs from.  Virtio drivers
 * allocate their buffers on it, so it gets the DMA configuration of the
 * platform driver's device.  Copying that configuration is only right when
 * it does not depend on the device itself, as it does behind an IOMMU.
 */
static struct platform_device *rproc_vdev_pdev(struct rproc *rproc, u32 index)
{
	struct device *parent = rproc->dev.parent;
	struct platform_device *pdev;
	int ret;

	if (get_dma_ops(parent) && device_iommu_mapped(parent)) {
		dev_err(&rproc->dev, "vdev %u: %s does DMA through an IOMMU, which virtio devices do not support\n",
			index, dev_name(parent));
		return ERR_PTR(-EOPNOTSUPP);
	}

	pdev = platform_device_alloc("rproc-virtio", PLATFORM_DEVID_AUTO);
	if (!pdev)
		return ERR_PTR(-ENOMEM);

	pdev->dev.parent = &rproc->dev;
	set_dma_ops(&pdev->dev, get_dma_ops(parent));
	pdev->dev.bus_dma_limit = parent->bus_dma_limit;
	ret = dma_set_mask(&pdev->dev, dma_get_mask(parent));
	if (!ret)
		ret = dma_set_coherent_mask(&pdev->dev,
					    parent->coherent_dma_mask);
	if (ret) {
		dev_err(&rproc->dev, "vdev %u: cannot take the DMA masks of %s: %d\n",
			index, dev_name(parent), ret);
		goto err_put_pdev;
	}

	ret = platform_device_add(pdev);
	if (ret) {
		dev_err(&rproc->dev, "vdev %u: cannot add its platform device: %d\n",
			index, ret);
		goto err_put_pdev;
	}
	return pdev;

err_put_pdev:
	platform_device_put(pdev);
	return ERR_PTR(ret);
}

static void rproc_vdev_free(struct rproc_vdev_res *res)
{
	rproc_vdev_put_notifyids(res);
	synchronize_srcu(&rproc_vring_srcu);
	rproc_vdev_free_vrings(res);
	if (!IS_ERR_OR_NULL(res->rvdev.pdev))
		platform_device_unregister(res->rvdev.pdev);
	kfree(res);
}

/*
 * The virtio devices whose Linux drivers only exchange buffers with the
 * remote.  Other drivers (block, net, console...) expect a device that
 * answers: virtio-blk's probe reads the disk and waits forever, under
 * &rproc.lock, for a remote that does not serve it, and nothing could stop
 * or recover that remote any more.  Linux 6.1 registers any id.
 */
static bool rproc_vdev_id_served(u32 id)
{
	return id == VIRTIO_ID_RPMSG || id == VIRTIO_ID_RPROC_SERIAL;
}

/**
 * rproc_add_vdev() - set up a vdev entry of the resource table
 * @rproc: the remote processor being booted
 * @rsc: the entry, in the validated copy of the table
 * @offset: offset of @rsc in the table
 * @index: number of the vdev on this remote, counting from 0
 *
 * Only rpmsg (%VIRTIO_ID_RPMSG) and rproc-serial (%VIRTIO_ID_RPROC_SERIAL)
 * devices are set up; any other virtio id is refused.
 *
 * Allocates the vrings, writes their device addresses and notify ids into
 * the entry, creates the platform device the virtio device will hang from
 * and adds the subdevice that registers the virtio device once the remote
 * runs.  The entry is put on &rproc.rvdevs.
 *
 * Context: process context, &rproc.lock held, while the table in use is
 * the kernel's copy.
 * Return: 0, or a negative errno after logging why (-EOPNOTSUPP for a
 * virtio id that is not served); nothing is left allocated then.
 */
int rproc_add_vdev(struct rproc *rproc, struct fw_rsc_vdev *rsc, u32 offset,
		   u32 index)
{
	struct rproc_vdev_res *res;
	unsigned int n;
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (!rproc_vdev_id_served(rsc->id)) {
		dev_err(&rproc->dev, "vdev %u: virtio device id %u is not one a remote processor can serve (rpmsg %u, rproc-serial %u)\n",
			index, rsc->id, VIRTIO_ID_RPMSG, VIRTIO_ID_RPROC_SERIAL);
		return -EOPNOTSUPP;
	}
	if (!rproc->ops->kick) {
		dev_err(&rproc->dev, "vdev %u: the platform driver cannot kick the remote\n",
			index);
		return -EINVAL;
	}
	for (n = 0; n < rsc->num_of_vrings; n++) {
		ret = rproc_vring_check(rproc, index, n, &rsc->vring[n]);
		if (ret)
			return ret;
	}

	res = kzalloc(sizeof(*res), GFP_KERNEL);
	if (!res)
		return -ENOMEM;

	res->rvdev.rproc = rproc;
	res->rvdev.index = index;
	res->rvdev.id = rsc->id;
	res->rvdev.rsc_offset = offset;
	res->num_vrings = rsc->num_of_vrings;
	res->config_len = rsc->config_len;

	for (n = 0; n < res->num_vrings; n++) {
		ret = rproc_vring_alloc(res, n, &rsc->vring[n]);
		if (ret)
			goto err_free;
	}

	res->rvdev.pdev = rproc_vdev_pdev(rproc, index);
	if (IS_ERR(res->rvdev.pdev)) {
		ret = PTR_ERR(res->rvdev.pdev);
		goto err_free;
	}

	res->rvdev.subdev.start = rproc_vdev_start;
	res->rvdev.subdev.stop = rproc_vdev_stop;
	rproc_add_subdev(rproc, &res->rvdev.subdev);
	list_add_tail(&res->rvdev.node, &rproc->rvdevs);

	dev_dbg(&rproc->dev, "vdev %u: virtio id %u, %u vring(s), %u config bytes\n",
		index, res->rvdev.id, res->num_vrings, res->config_len);
	return 0;

err_free:
	rproc_vdev_free(res);
	rproc_update_max_notifyid(rproc);
	return ret;
}

/**
 * rproc_remove_vdevs() - give back the vdev entries of a boot
 * @rproc: the remote processor, stopped (or never started)
 *
 * Unregisters any virtio device still registered, removes the subdevices
 * and platform devices, forgets the notify ids and frees the vrings.
 *
 * Context: process context, &rproc.lock held.
 */
void rproc_remove_vdevs(struct rproc *rproc)
{
	struct rproc_vdev *rvdev, *next;

	lockdep_assert_held(&rproc->lock);

	list_for_each_entry_safe(rvdev, next, &rproc->rvdevs, node) {
		rproc_vdev_stop(&rvdev->subdev, false);
		rproc_remove_subdev(rproc, &rvdev->subdev);
		list_del(&rvdev->node);
		rproc_vdev_free(to_vdev_res(rvdev));
	}
	rproc_update_max_notifyid(rproc);
}

/**
 * rproc_vq_interrupt() - tell the framework that a vring has news
 * @rproc: the remote processor
 * @vq_id: notify id of the vring
 *
 * For platform drivers, when the remote signals a vring (or, if it cannot
 * say which, for every notify id up to &rproc.max_notifyid).  Runs the
 * callback of the vring's virtqueue, if a virtio driver created one.
 *
 * Context: process context (a threaded interrupt handler or a work item):
 * the virtio drivers' callbacks may sleep.
 * Return: %IRQ_HANDLED if the virtqueue had news, %IRQ_NONE otherwise.
 */
irqreturn_t rproc_vq_interrupt(struct rproc *rproc, int vq_id)
{
	struct rproc_vring *rvring;
	struct virtqueue *vq;
	irqreturn_t ret = IRQ_NONE;
	int idx;

	idx = srcu_read_lock(&rproc_vring_srcu);

	rcu_read_lock();
	rvring = idr_find(&rproc->notifyids, vq_id);
	rcu_read_unlock();

	vq = rvring ? READ_ONCE(rvring->vq) : NULL;
	if (vq)
		ret = vring_interrupt(0, vq);

	srcu_read_unlock(&rproc_vring_srcu, idx);
	return ret;
}
EXPORT_SYMBOL_GPL(rproc_vq_interrupt);
