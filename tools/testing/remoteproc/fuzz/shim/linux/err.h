/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/err.h>: everything it offers the fuzzed files is in kshim.h. */
#ifndef _KSHIM_LINUX_ERR_H
#define _KSHIM_LINUX_ERR_H

#include <kshim.h>

#endif /* _KSHIM_LINUX_ERR_H */
