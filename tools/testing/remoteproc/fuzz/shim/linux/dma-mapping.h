/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kshim: <linux/dma-mapping.h>.  Coherent memory comes from malloc(); its
 * DMA address is made up, below 4 GiB, from KSHIM_DMA_BASE up, and
 * dma_free_coherent() checks that size, address and DMA address match an
 * allocation.
 */
#ifndef _KSHIM_LINUX_DMA_MAPPING_H
#define _KSHIM_LINUX_DMA_MAPPING_H

#include <kshim.h>

#define KSHIM_DMA_BASE		0x70000000ULL
#define DMA_BIT_MASK(n)		(((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))

void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma,
			 gfp_t gfp);
void dma_free_coherent(struct device *dev, size_t size, void *va,
		       dma_addr_t dma);
/* Allocations still live; and make the next dma_alloc_coherent() fail. */
extern int kshim_dma_live;
extern int kshim_dma_fail_next;

static inline int dma_set_mask(struct device *dev, u64 mask)
{
	if (!dev->dma_mask)
		return -EIO;
	*dev->dma_mask = mask;
	return 0;
}

static inline int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	dev->coherent_dma_mask = mask;
	return 0;
}

static inline u64 dma_get_mask(struct device *dev)
{
	return dev->dma_mask && *dev->dma_mask ? *dev->dma_mask :
						 DMA_BIT_MASK(32);
}

#endif /* _KSHIM_LINUX_DMA_MAPPING_H */
