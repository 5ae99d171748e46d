/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/sort.h>, on qsort(). */
#ifndef _KSHIM_LINUX_SORT_H
#define _KSHIM_LINUX_SORT_H

#include <kshim.h>

typedef int (*cmp_func_t)(const void *a, const void *b);
typedef void (*swap_func_t)(void *a, void *b, int size);

static inline void sort(void *base, size_t num, size_t size, cmp_func_t cmp,
			swap_func_t swap)
{
	KSHIM_ASSERT(!swap, "sort() with a swap function");
	if (num > 1)
		qsort(base, num, size, cmp);
}

#endif /* _KSHIM_LINUX_SORT_H */
