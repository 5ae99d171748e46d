// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: acting on the entries of the resource table
 * when a remote boots, and giving everything back when it stops.
 *
 * The table has been validated (remoteproc_rsc_table.c) and is the
 * kernel's own copy, &rproc.cached_table, when it is walked here: every
 * offset and every entry is known to fit, and the firmware cannot change
 * it under us.  Values inside the entries (addresses, lengths) are still
 * the firmware's choice and are checked before use.
 */

#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "remoteproc_internal.h"

typedef int (*rproc_rsc_handler_t)(struct rproc *rproc, u32 type, void *rsc,
				   u32 offset, size_t avail);

/*
 * Call @handler for each entry, in table order, with the entry's body, the
 * body's offset in the table and the bytes available from the body on.
 */
static int rproc_walk_table(struct rproc *rproc, rproc_rsc_handler_t handler)
{
	struct resource_table *table = rproc->table_ptr;
	struct fw_rsc_hdr *hdr;
	size_t avail;
	u32 i, offset;
	int ret;

	for (i = 0; i < table->num; i++) {
		offset = table->offset[i];
		avail = rproc_rsc_entry_avail(table, rproc->table_sz, i);
		if (WARN_ON_ONCE(avail < sizeof(*hdr)))
			return -EINVAL;

		hdr = (void *)table + offset;
		ret = handler(rproc, hdr->type, hdr->data,
			      offset + sizeof(*hdr), avail - sizeof(*hdr));
		if (ret)
			return ret;
	}
	return 0;
}

/* Names in entries need not be NUL-terminated. */
static void rproc_rsc_copy_name(char *dst, const u8 *src)
{
	strscpy(dst, (const char *)src, RPROC_RSC_NAME_LEN);
}

/* ---------------------------------------------------------------------
 * Carveouts.
 */

/* Use a region the platform driver registered under the same name. */
static int rproc_bind_carveout(struct rproc *rproc,
			       struct rproc_mem_entry *mem,
			       const struct fw_rsc_carveout *rsc, u32 offset)
{
	struct device *dev = &rproc->dev;

	if (mem->rsc_offset != FW_RSC_ADDR_ANY) {
		dev_err(dev, "carveout '%s': requested twice by the resource table\n",
			mem->name);
		return -EINVAL;
	}
	if (rsc->len > mem->len) {
		dev_err(dev, "carveout '%s': needs 0x%x bytes, platform region has 0x%zx\n",
			mem->name, rsc->len, mem->len);
		return -EINVAL;
	}
	if (rsc->da != FW_RSC_ADDR_ANY && rsc->da != mem->da) {
		dev_err(dev, "carveout '%s': needs da 0x%x, platform region is at 0x%x\n",
			mem->name, rsc->da, mem->da);
		return -EINVAL;
	}

	mem->rsc_offset = offset;
	dev_dbg(dev, "carveout '%s': using the platform region\n", mem->name);
	return 0;
}

static int rproc_handle_carveout(struct rproc *rproc,
				 const struct fw_rsc_carveout *rsc, u32 offset)
{
	char name[RPROC_RSC_NAME_LEN];
	struct rproc_mem_entry *mem;

	rproc_rsc_copy_name(name, rsc->name);
	if (!rsc->len) {
		dev_err(&rproc->dev, "carveout '%s': length is zero\n", name);
		return -EINVAL;
	}

	mem = rproc_find_carveout_by_name(rproc, name);
	if (mem)
		return rproc_bind_carveout(rproc, mem, rsc, offset);

	mem = rproc_dma_carveout_init(rproc, rsc->len, rsc->da, name);
	if (!mem)
		return -ENOMEM;

	mem->rsc_offset = offset;
	rproc_add_carveout(rproc, mem);
	return 0;
}

/* ---------------------------------------------------------------------
 * The other entries.
 */

/*
 * A devmem entry asks for device memory to be mapped into the remote's
 * IOMMU.  There is no IOMMU support (rproc_add() refuses &rproc.has_iommu),
 * so the firmware would run without the mapping it relies on: refuse to
 * boot it, as Linux 6.1 does without an IOMMU domain, but say why.
 */
static int rproc_handle_devmem(struct rproc *rproc,
			       const struct fw_rsc_devmem *rsc)
{
	char name[RPROC_RSC_NAME_LEN];

	rproc_rsc_copy_name(name, rsc->name);
	dev_err(&rproc->dev, "devmem '%s' (da 0x%x, pa 0x%x, len 0x%x): cannot map it, remotes behind an IOMMU are not supported\n",
		name, rsc->da, rsc->pa, rsc->len);
	return -EINVAL;
}

static int rproc_handle_vdev(struct rproc *rproc, struct fw_rsc_vdev *rsc,
			     u32 offset)
{
	int ret;

	ret = rproc_add_vdev(rproc, rsc, offset, rproc->nb_vdev);
	if (!ret)
		rproc->nb_vdev++;
	return ret;
}

static int rproc_handle_vendor(struct rproc *rproc, u32 type, void *rsc,
			       u32 offset, size_t avail)
{
	int ret = RSC_IGNORED;

	if (rproc->ops->handle_rsc)
		ret = rproc->ops->handle_rsc(rproc, type, rsc, offset,
					     min_t(size_t, avail, INT_MAX));
	if (ret < 0) {
		dev_err(&rproc->dev, "vendor resource %u: handler failed: %d\n",
			type, ret);
		return ret;
	}
	if (ret != RSC_HANDLED)
		dev_warn(&rproc->dev, "unsupported vendor resource %u\n", type);
	return 0;
}

static int rproc_handle_entry(struct rproc *rproc, u32 type, void *rsc,
			      u32 offset, size_t avail)
{
	switch (type) {
	case RSC_CARVEOUT:
		return rproc_handle_carveout(rproc, rsc, offset);
	case RSC_DEVMEM:
		return rproc_handle_devmem(rproc, rsc);
	case RSC_TRACE:
		return 0;	/* rproc_handle_traces(), once memory is there */
	case RSC_VDEV:
		return rproc_handle_vdev(rproc, rsc, offset);
	}

	if (type >= RSC_VENDOR_START && type < RSC_VENDOR_END)
		return rproc_handle_vendor(rproc, type, rsc, offset, avail);

	/* The table check rejects these. */
	dev_err(&rproc->dev, "resource type %u is not supported\n", type);
	return -EINVAL;
}

/**
 * rproc_handle_resources() - act on the entries of the resource table
 * @rproc: the remote processor being booted
 *
 * Checks the table (again: &rproc_ops.parse_fw may be the platform
 * driver's), then records the carveouts to allocate, binding those the
 * platform driver registered, sets up the virtio devices (their vrings
 * are allocated and written into the table right away) and hands vendor
 * entries to &rproc_ops.handle_rsc.  A devmem entry fails the boot, since
 * there is no IOMMU to map it with.  Trace entries are left to
 * rproc_handle_traces().  A remote without a table is fine.
 *
 * On failure, the entries recorded so far stay on &rproc.carveouts and
 * &rproc.rvdevs for rproc_discard_resources().
 *
 * Context: process context, &rproc.lock held.
 * Return: 0 or a negative errno, after logging why.
 */
int rproc_handle_resources(struct rproc *rproc)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (!rproc->table_ptr)
		return 0;

	ret = rproc_rsc_table_check(&rproc->dev, rproc->table_ptr,
				    rproc->table_sz);
	if (ret)
		return ret;

	return rproc_walk_table(rproc, rproc_handle_entry);
}

/* ---------------------------------------------------------------------
 * Trace buffers.
 */

static int rproc_add_trace(struct rproc *rproc, const struct fw_rsc_trace *rsc)
{
	struct rproc_trace *trace;
	char name[RPROC_RSC_NAME_LEN];
	bool is_iomem = false;
	void *va;

	rproc_rsc_copy_name(name, rsc->name);
	if (!rsc->len) {
		dev_err(&rproc->dev, "trace '%s': length is zero\n", name);
		return -EINVAL;
	}

	va = rproc_da_to_va(rproc, rsc->da, rsc->len, &is_iomem);
	if (!va) {
		dev_err(&rproc->dev, "trace '%s': da 0x%x len 0x%x is not in the remote's memory\n",
			name, rsc->da, rsc->len);
		return -EINVAL;
	}

	trace = kzalloc(sizeof(*trace), GFP_KERNEL);
	if (!trace)
		return -ENOMEM;

	trace->index = rproc->num_traces++;
	trace->va = va;
	trace->is_iomem = is_iomem;
	trace->len = rsc->len;
	trace->da = rsc->da;
	memcpy(trace->name, name, sizeof(trace->name));
	trace->dentry = rproc_create_trace_file(rproc, trace);
	list_add_tail(&trace->node, &rproc->traces);
	return 0;
}

static int rproc_handle_trace_entry(struct rproc *rproc, u32 type, void *rsc,
				    u32 offset, size_t avail)
{
	if (type != RSC_TRACE)
		return 0;
	return rproc_add_trace(rproc, rsc);
}

/**
 * rproc_handle_traces() - set up the trace buffers of the resource table
 * @rproc: the remote processor being booted
 *
 * Each buffer must lie entirely in memory the remote can reach: a region of
 * the platform driver or an allocated carveout.  Each gets a debugfs file
 * traceN, N counting from 0 in table order.
 *
 * On failure, the buffers set up so far stay on &rproc.traces for
 * rproc_release_resources().
 *
 * Context: process context, &rproc.lock held, after a successful
 * rproc_handle_resources() and rproc_alloc_carveouts().
 * Return: 0 or a negative errno, after logging why.
 */
int rproc_handle_traces(struct rproc *rproc)
{
	lockdep_assert_held(&rproc->lock);

	if (!rproc->table_ptr)
		return 0;
	return rproc_walk_table(rproc, rproc_handle_trace_entry);
}

static void rproc_remove_traces(struct rproc *rproc)
{
	struct rproc_trace *trace, *next;

	/* Removing a file waits for its readers, which do not take the lock. */
	list_for_each_entry_safe(trace, next, &rproc->traces, node) {
		rproc_remove_trace_file(trace->dentry);
		list_del(&trace->node);
		kfree(trace);
	}
	rproc->num_traces = 0;
}

/* ---------------------------------------------------------------------
 * Giving everything back.
 */

static void rproc_free_table(struct rproc *rproc)
{
	struct resource_table *copy = rproc->cached_table;

	rproc->table_ptr = NULL;
	rproc->table_sz = 0;
	rproc->cached_table = NULL;
	rproc->nb_vdev = 0;
	kfree(copy);
}

/**
 * rproc_resource_cleanup() - free the resources of a boot
 * @rproc: the remote processor, stopped
 *
 * Removes the virtio devices and their vrings and the trace files,
 * releases and forgets every carveout, and forgets the dump segments.  The
 * resource table is kept.
 *
 * Context: process context, &rproc.lock held, after every carveout was
 * allocated (rproc_alloc_carveouts() succeeded).
 */
void rproc_resource_cleanup(struct rproc *rproc)
{
	lockdep_assert_held(&rproc->lock);

	rproc_remove_vdevs(rproc);
	rproc_remove_traces(rproc);
	rproc_free_carveouts(rproc);
	rproc_coredump_cleanup(rproc);
}
EXPORT_SYMBOL_GPL(rproc_resource_cleanup);

/**
 * rproc_release_resources() - undo a boot's resources
 * @rproc: the remote processor, stopped
 *
 * rproc_resource_cleanup(), then frees the kernel's copy of the resource
 * table.
 *
 * Context: process context, &rproc.lock held, after a successful
 * rproc_alloc_carveouts().
 */
void rproc_release_resources(struct rproc *rproc)
{
	rproc_resource_cleanup(rproc);
	rproc_free_table(rproc);
}

/**
 * rproc_discard_resources() - undo a boot that failed before allocating
 * @rproc: the remote processor
 *
 * For failures of &rproc_ops.parse_fw, rproc_handle_resources() or
 * rproc_alloc_carveouts(): forgets the carveouts (see
 * rproc_remove_carveouts()) and the dump segments, and frees the resource
 * table.
 *
 * Context: process context, &rproc.lock held.
 */
void rproc_discard_resources(struct rproc *rproc)
{
	lockdep_assert_held(&rproc->lock);

	rproc_remove_vdevs(rproc);
	rproc_remove_traces(rproc);
	rproc_remove_carveouts(rproc);
	rproc_coredump_cleanup(rproc);
	rproc_free_table(rproc);
}
