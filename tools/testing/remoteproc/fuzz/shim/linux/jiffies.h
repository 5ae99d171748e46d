/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/jiffies.h>: everything it offers the fuzzed files is in kshim.h. */
#ifndef _KSHIM_LINUX_JIFFIES_H
#define _KSHIM_LINUX_JIFFIES_H

#include <kshim.h>

#endif /* _KSHIM_LINUX_JIFFIES_H */
