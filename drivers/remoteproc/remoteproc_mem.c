// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: the remote's memory.  Translating device
 * addresses, describing memory regions (carveouts) and allocating the
 * regions a firmware asks for.
 *
 * A carveout is a &struct rproc_mem_entry on &rproc.carveouts.  It comes
 * either from the platform driver (rproc_add_carveout()), possibly ready
 * to use (&rproc_mem_entry.alloc is NULL), or from a carveout entry of the
 * resource table, allocated through the DMA API.  All of them belong to the
 * framework, which frees them when the remote stops.
 */

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "remoteproc_internal.h"

/* Is [da, da + len) inside the memory of @mem?  Overflow-safe. */
static bool rproc_mem_contains(const struct rproc_mem_entry *mem, u64 da,
			       size_t len)
{
	u64 offset;

	if (da < mem->da)
		return false;
	offset = da - mem->da;
	return offset <= mem->len && len <= mem->len - offset;
}

/**
 * rproc_da_to_va() - find the kernel address of remote memory
 * @rproc: the remote processor
 * @da: device address, as the remote sees it
 * @len: length of the range, all of which must be mapped
 * @is_iomem: optional; set to whether the result is an __iomem mapping
 *
 * Asks the platform driver first (&rproc_ops.da_to_va), then looks in the
 * allocated carveouts.
 *
 * Context: any context that keeps the carveouts stable: &rproc.lock held,
 * or a loader operation during boot.
 * Return: the kernel address of @da, or NULL when no single region holds
 * the whole range.
 */
void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem)
{
	struct rproc_mem_entry *mem;
	void *va;

	if (rproc->ops->da_to_va) {
		va = rproc->ops->da_to_va(rproc, da, len, is_iomem);
		if (va)
			return va;
	}

	list_for_each_entry(mem, &rproc->carveouts, node) {
		if (!mem->va || !rproc_mem_contains(mem, da, len))
			continue;
		if (is_iomem)
			*is_iomem = mem->is_iomem;
		return mem->va + (da - mem->da);
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(rproc_da_to_va);

/* A new entry for [da, da + len) at @dma, called @fmt, with no callbacks. */
static __printf(5, 0) struct rproc_mem_entry *
rproc_mem_entry_new(void *va, dma_addr_t dma, size_t len, u32 da,
		    const char *fmt, va_list args)
{
	struct rproc_mem_entry *mem;

	mem = kzalloc(sizeof(*mem), GFP_KERNEL);
	if (!mem)
		return NULL;

	INIT_LIST_HEAD(&mem->node);
	mem->rsc_offset = FW_RSC_ADDR_ANY;
	mem->va = va;
	mem->dma = dma;
	mem->da = da;
	mem->len = len;
	vsnprintf(mem->name, sizeof(mem->name), fmt, args);
	return mem;
}

/**
 * rproc_mem_entry_init() - describe a memory region of a remote processor
 * @dev: the platform device (unused, for compatibility)
 * @va: kernel address of the region, or NULL until @alloc maps it
 * @dma: DMA address of the region
 * @len: length in bytes
 * @da: device address, or %FW_RSC_ADDR_ANY
 * @alloc: optional; maps or allocates the region when the remote boots
 * @release: optional; undoes @alloc, or releases a ready-made region
 * @name: printf format of the region's name (at most 31 characters)
 *
 * Register the result with rproc_add_carveout().  A carveout entry of the
 * resource table with the same name then uses this region instead of
 * allocating one.
 *
 * Context: process context, may sleep.
 * Return: the new entry, or NULL when memory runs out.
 */
struct rproc_mem_entry *
rproc_mem_entry_init(struct device *dev, void *va, dma_addr_t dma,
		     size_t len, u32 da,
		     int (*alloc)(struct rproc *rproc,
				  struct rproc_mem_entry *mem),
		     int (*release)(struct rproc *rproc,
				    struct rproc_mem_entry *mem),
		     const char *name, ...)
{
	struct rproc_mem_entry *entry;
	va_list fmt_args;

	va_start(fmt_args, name);
	entry = rproc_mem_entry_new(va, dma, len, da, name, fmt_args);
	va_end(fmt_args);
	if (entry) {
		entry->alloc = alloc;
		entry->release = release;
	}
	return entry;
}
EXPORT_SYMBOL_GPL(rproc_mem_entry_init);

static int rproc_resm_map(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	mem->va = memremap(mem->dma, mem->len, MEMREMAP_WC);
	if (!mem->va) {
		dev_err(&rproc->dev, "carveout '%s': cannot map reserved memory at %pad\n",
			mem->name, &mem->dma);
		return -ENOMEM;
	}
	return 0;
}

static int rproc_resm_unmap(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	memunmap(mem->va);
	mem->va = NULL;
	return 0;
}

static struct reserved_mem *rproc_find_resm(struct device *dev, u32 index)
{
	struct device_node *np;
	struct reserved_mem *rmem;

	np = of_parse_phandle(dev->of_node, "memory-region", index);
	if (!np)
		return NULL;
	rmem = of_reserved_mem_lookup(np);
	of_node_put(np);
	return rmem;
}

/**
 * rproc_of_resm_mem_entry_init() - describe a reserved memory region
 * @dev: the platform device, whose "memory-region" property is used
 * @of_resm_idx: index in "memory-region"
 * @len: length to use, at most the size of the reserved region
 * @da: device address, or %FW_RSC_ADDR_ANY
 * @name: printf format of the region's name (at most 31 characters)
 *
 * The region is mapped write-combined when the remote boots and unmapped
 * when it stops.  Register the result with rproc_add_carveout().
 *
 * Context: process context, may sleep.
 * Return: the new entry, or NULL (with an error message) when reserved
 * memory is not supported, the region is not found or too small, or memory
 * runs out.
 */
struct rproc_mem_entry *
rproc_of_resm_mem_entry_init(struct device *dev, u32 of_resm_idx, size_t len,
			     u32 da, const char *name, ...)
{
	struct rproc_mem_entry *mem;
	struct reserved_mem *rmem;
	va_list args;

	if (!IS_ENABLED(CONFIG_OF_RESERVED_MEM)) {
		dev_err(dev, "memory-region %u: reserved memory is not supported by this kernel\n",
			of_resm_idx);
		return NULL;
	}

	rmem = rproc_find_resm(dev, of_resm_idx);
	if (!rmem) {
		dev_err(dev, "memory-region %u: not found\n", of_resm_idx);
		return NULL;
	}
	if (len > rmem->size) {
		dev_err(dev, "memory-region %u: 0x%zx bytes requested, region has %pa\n",
			of_resm_idx, len, &rmem->size);
		return NULL;
	}

	va_start(args, name);
	mem = rproc_mem_entry_new(NULL, rmem->base, len, da, name, args);
	va_end(args);
	if (mem) {
		mem->alloc = rproc_resm_map;
		mem->release = rproc_resm_unmap;
	}
	return mem;
}
EXPORT_SYMBOL_GPL(rproc_of_resm_mem_entry_init);

/**
 * rproc_add_carveout() - hand a memory region over to the framework
 * @rproc: the remote processor
 * @mem: an entry from rproc_mem_entry_init() or
 *	 rproc_of_resm_mem_entry_init()
 *
 * The framework owns @mem from now on.  It frees it when the remote stops or
 * is detached from, when the boot or attach that follows fails (a failing
 * &rproc_ops.prepare included), or when the remote is deleted: a platform
 * driver registers its regions anew from &rproc_ops.prepare for each boot.
 *
 * Context: process context; from &rproc_ops.prepare or
 * &rproc_ops.parse_fw (&rproc.lock held), or before rproc_add().
 */
void rproc_add_carveout(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	list_add_tail(&mem->node, &rproc->carveouts);
}
EXPORT_SYMBOL_GPL(rproc_add_carveout);

/**
 * rproc_find_carveout_by_name() - look up a carveout by name
 * @rproc: the remote processor
 * @name: the name
 *
 * Context: &rproc.lock held.
 * Return: the first carveout called @name, or NULL.
 */
struct rproc_mem_entry *rproc_find_carveout_by_name(struct rproc *rproc,
						    const char *name)
{
	struct rproc_mem_entry *mem;

	list_for_each_entry(mem, &rproc->carveouts, node) {
		if (!strcmp(mem->name, name))
			return mem;
	}
	return NULL;
}

/* ---------------------------------------------------------------------
 * The default allocator: coherent DMA memory of the platform device.  There
 * is no IOMMU, so the device address is the DMA address and must fit in
 * the 32 bits of the resource table.
 */

static bool rproc_dma_fits_32bit(dma_addr_t dma, size_t len)
{
	u64 last = (u64)dma + len - 1;

	return last >= dma && last <= U32_MAX;
}

static int rproc_dma_carveout_alloc(struct rproc *rproc,
				    struct rproc_mem_entry *mem)
{
	struct device *dma_dev = rproc->dev.parent;
	dma_addr_t dma;
	void *va;
	int ret;

	/* Our message says which carveout failed; the allocator's would not. */
	va = dma_alloc_coherent(dma_dev, mem->len, &dma,
				GFP_KERNEL | __GFP_NOWARN);
	if (!va) {
		dev_err(&rproc->dev, "carveout '%s': cannot allocate 0x%zx bytes of DMA memory\n",
			mem->name, mem->len);
		return -ENOMEM;
	}

	if (!rproc_dma_fits_32bit(dma, mem->len)) {
		dev_err(&rproc->dev, "carveout '%s': cannot use DMA memory at %pad: it ends above 4 GiB\n",
			mem->name, &dma);
		ret = -EINVAL;
		goto err_free_dma;
	}
	if (mem->da != FW_RSC_ADDR_ANY && mem->da != dma) {
		dev_err(&rproc->dev, "carveout '%s': cannot place it at da 0x%x: got DMA address %pad and there is no IOMMU\n",
			mem->name, mem->da, &dma);
		ret = -EINVAL;
		goto err_free_dma;
	}

	mem->va = va;
	mem->dma = dma;
	mem->da = dma;
	dev_dbg(&rproc->dev, "carveout '%s': 0x%zx bytes at da 0x%x\n",
		mem->name, mem->len, mem->da);
	return 0;

err_free_dma:
	dma_free_coherent(dma_dev, mem->len, va, dma);
	return ret;
}

static int rproc_dma_carveout_release(struct rproc *rproc,
				      struct rproc_mem_entry *mem)
{
	dma_free_coherent(rproc->dev.parent, mem->len, mem->va, mem->dma);
	mem->va = NULL;
	return 0;
}

/**
 * rproc_dma_carveout_init() - describe a carveout allocated at boot
 * @rproc: the remote processor
 * @len: length in bytes
 * @da: required device address, or %FW_RSC_ADDR_ANY
 * @name: name of the carveout
 *
 * The entry gets coherent DMA memory of the platform device from
 * rproc_alloc_carveouts().
 *
 * Context: process context, may sleep.
 * Return: the new entry, not yet on &rproc.carveouts, or NULL when memory
 * runs out.
 */
struct rproc_mem_entry *rproc_dma_carveout_init(struct rproc *rproc,
						size_t len, u32 da,
						const char *name)
{
	return rproc_mem_entry_init(&rproc->dev, NULL, 0, len, da,
				    rproc_dma_carveout_alloc,
				    rproc_dma_carveout_release, "%s", name);
}

/* ---------------------------------------------------------------------
 * Allocating and freeing all carveouts.
 */

/* Tell the firmware where its carveout ended up. */
static void rproc_write_back_carveout(struct rproc *rproc,
				      struct rproc_mem_entry *mem)
{
	struct fw_rsc_carveout *rsc;

	if (mem->rsc_offset == FW_RSC_ADDR_ANY)
		return;
	if (WARN_ON_ONCE(!rproc->table_ptr ||
			 mem->rsc_offset > rproc->table_sz ||
			 rproc->table_sz - mem->rsc_offset < sizeof(*rsc)))
		return;

	rsc = (void *)rproc->table_ptr + mem->rsc_offset;
	rsc->da = mem->da;
	if (mem->dma <= U32_MAX) {
		rsc->pa = mem->dma;
	} else {
		dev_warn(&rproc->dev, "carveout '%s': physical address %pad does not fit in 32 bits\n",
			 mem->name, &mem->dma);
		rsc->pa = FW_RSC_ADDR_ANY;
	}
}

/* A dump without the carveout is still worth having: no error. */
static void rproc_dump_carveout(struct rproc *rproc,
				struct rproc_mem_entry *mem)
{
	if (!mem->va || mem->da == FW_RSC_ADDR_ANY)
		return;
	if (rproc_coredump_add_segment(rproc, mem->da, mem->len))
		dev_warn(&rproc->dev, "carveout '%s' will be missing from coredumps\n",
			 mem->name);
}

/**
 * rproc_alloc_carveouts() - allocate every carveout that needs it
 * @rproc: the remote processor being booted
 *
 * Calls &rproc_mem_entry.alloc of each carveout that has one, then writes
 * the device and physical addresses back into the carveout's resource
 * entry, if it has one.  Each carveout that is mapped becomes a coredump
 * segment.  On failure, the carveouts allocated here are released again,
 * and the entries stay on the list for rproc_remove_carveouts().
 *
 * Context: process context, &rproc.lock held.
 * Return: 0 or the error of the failed allocation.
 */
int rproc_alloc_carveouts(struct rproc *rproc)
{
	struct rproc_mem_entry *mem;
	int ret;

	list_for_each_entry(mem, &rproc->carveouts, node) {
		if (mem->alloc) {
			ret = mem->alloc(rproc, mem);
			if (ret)
				goto err_release;
		}
		rproc_write_back_carveout(rproc, mem);
		rproc_dump_carveout(rproc, mem);
	}
	return 0;

err_release:
	/* The default allocator says why it failed; others may not. */
	if (mem->alloc != rproc_dma_carveout_alloc)
		dev_err(&rproc->dev, "carveout '%s': cannot allocate: %d\n",
			mem->name, ret);
	list_for_each_entry_continue_reverse(mem, &rproc->carveouts, node) {
		if (mem->alloc && mem->release)
			mem->release(rproc, mem);
	}
	return ret;
}

/**
 * rproc_free_carveouts() - release and forget every carveout
 * @rproc: the remote processor
 *
 * For after a successful rproc_alloc_carveouts(): every entry holds its
 * memory, so each &rproc_mem_entry.release is called.
 *
 * Context: process context, &rproc.lock held.
 */
void rproc_free_carveouts(struct rproc *rproc)
{
	struct rproc_mem_entry *mem, *next;

	list_for_each_entry_safe(mem, next, &rproc->carveouts, node) {
		if (mem->release)
			mem->release(rproc, mem);
		list_del(&mem->node);
		kfree(mem);
	}
}

/**
 * rproc_remove_carveouts() - forget every carveout that was not allocated
 * @rproc: the remote processor
 *
 * For when rproc_alloc_carveouts() did not run or failed: entries with an
 * &rproc_mem_entry.alloc hold nothing, while ready-made regions from the
 * platform driver (no alloc) are released.
 *
 * Context: process context, &rproc.lock held.
 */
void rproc_remove_carveouts(struct rproc *rproc)
{
	struct rproc_mem_entry *mem, *next;

	list_for_each_entry_safe(mem, next, &rproc->carveouts, node) {
		if (!mem->alloc && mem->release)
			mem->release(rproc, mem);
		list_del(&mem->node);
		kfree(mem);
	}
}
