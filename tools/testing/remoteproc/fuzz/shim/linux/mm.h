/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kshim: <linux/mm.h>.  A struct page stands for the page-aligned address
 * it maps, so that a scatterlist entry still says which bytes it covers.
 */
#ifndef _KSHIM_LINUX_MM_H
#define _KSHIM_LINUX_MM_H

#include <kshim.h>

struct page;

#define virt_to_page(addr) \
	((struct page *)((unsigned long)(addr) & PAGE_MASK))
#define page_address(page)	((void *)(page))
#define vmalloc_to_page(addr)	virt_to_page(addr)
#define is_vmalloc_addr(addr)	((void)(addr), false)

#endif /* _KSHIM_LINUX_MM_H */
