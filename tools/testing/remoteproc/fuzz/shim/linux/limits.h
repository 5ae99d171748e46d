/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kshim: <linux/limits.h>.  glibc's <limits.h> includes this name too, for
 * the system's own header: hand it that one first.
 */
#ifndef _KSHIM_LINUX_LIMITS_H
#define _KSHIM_LINUX_LIMITS_H

#include_next <linux/limits.h>
#include <kshim.h>

#endif /* _KSHIM_LINUX_LIMITS_H */
