/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <asm/byteorder.h>: the conversions are in kshim.h. */
#ifndef _KSHIM_ASM_BYTEORDER_H
#define _KSHIM_ASM_BYTEORDER_H

#include <kshim.h>

#endif /* _KSHIM_ASM_BYTEORDER_H */
