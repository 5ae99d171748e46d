/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/of_reserved_mem.h>: no device tree, no reserved memory. */
#ifndef _KSHIM_LINUX_OF_RESERVED_MEM_H
#define _KSHIM_LINUX_OF_RESERVED_MEM_H

#include <kshim.h>

struct reserved_mem {
	const char *name;
	phys_addr_t base;
	phys_addr_t size;
};

#define of_reserved_mem_lookup(np) ((void)(np), (struct reserved_mem *)NULL)

#endif /* _KSHIM_LINUX_OF_RESERVED_MEM_H */
