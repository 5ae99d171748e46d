/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/completion.h>: everything it offers the fuzzed files is in kshim.h. */
#ifndef _KSHIM_LINUX_COMPLETION_H
#define _KSHIM_LINUX_COMPLETION_H

#include <kshim.h>

#endif /* _KSHIM_LINUX_COMPLETION_H */
