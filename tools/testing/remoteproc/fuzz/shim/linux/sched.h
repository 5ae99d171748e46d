/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/sched.h>: cond_resched() and might_sleep() are in kshim.h. */
#ifndef _KSHIM_LINUX_SCHED_H
#define _KSHIM_LINUX_SCHED_H

#include <kshim.h>

#endif /* _KSHIM_LINUX_SCHED_H */
