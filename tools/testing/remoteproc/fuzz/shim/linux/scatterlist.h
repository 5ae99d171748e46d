/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/scatterlist.h>, one page pointer, offset and length. */
#ifndef _KSHIM_LINUX_SCATTERLIST_H
#define _KSHIM_LINUX_SCATTERLIST_H

#include <kshim.h>
#include <linux/mm.h>

struct scatterlist {
	struct page *page;
	unsigned int offset;
	unsigned int length;
	unsigned int nents;	/* kshim: entries of the table, on the first */
};

static inline void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	memset(sgl, 0, sizeof(*sgl) * nents);
	sgl->nents = nents;
}

static inline void sg_set_page(struct scatterlist *sg, struct page *page,
			       unsigned int len, unsigned int offset)
{
	sg->page = page;
	sg->offset = offset;
	sg->length = len;
}

static inline void *sg_virt(const struct scatterlist *sg)
{
	return (char *)page_address(sg->page) + sg->offset;
}

static inline void sg_init_one(struct scatterlist *sg, const void *buf,
			       unsigned int len)
{
	sg_init_table(sg, 1);
	sg_set_page(sg, virt_to_page(buf), len, offset_in_page(buf));
}

#endif /* _KSHIM_LINUX_SCATTERLIST_H */
