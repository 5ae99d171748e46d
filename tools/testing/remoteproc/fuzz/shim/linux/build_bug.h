/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/build_bug.h>: everything it offers the fuzzed files is in kshim.h. */
#ifndef _KSHIM_LINUX_BUILD_BUG_H
#define _KSHIM_LINUX_BUILD_BUG_H

#include <kshim.h>

#endif /* _KSHIM_LINUX_BUILD_BUG_H */
