/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/dma-map-ops.h>: no IOMMU, direct mapping. */
#ifndef _KSHIM_LINUX_DMA_MAP_OPS_H
#define _KSHIM_LINUX_DMA_MAP_OPS_H

#include <linux/dma-mapping.h>

struct dma_map_ops {
	int dummy;
};

static inline const struct dma_map_ops *get_dma_ops(struct device *dev)
{
	return dev->dma_ops;
}

static inline void set_dma_ops(struct device *dev,
			       const struct dma_map_ops *ops)
{
	dev->dma_ops = ops;
}

static inline bool device_iommu_mapped(struct device *dev)
{
	return false;
}

#endif /* _KSHIM_LINUX_DMA_MAP_OPS_H */
