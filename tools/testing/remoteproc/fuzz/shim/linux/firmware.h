/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/firmware.h>, a firmware image is its bytes. */
#ifndef _KSHIM_LINUX_FIRMWARE_H
#define _KSHIM_LINUX_FIRMWARE_H

#include <kshim.h>

struct firmware {
	size_t size;
	const u8 *data;
	void *priv;
};

#endif /* _KSHIM_LINUX_FIRMWARE_H */
