/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/platform_device.h>, refcounted and registered, no bus. */
#ifndef _KSHIM_LINUX_PLATFORM_DEVICE_H
#define _KSHIM_LINUX_PLATFORM_DEVICE_H

#include <kshim.h>

#define PLATFORM_DEVID_NONE	(-1)
#define PLATFORM_DEVID_AUTO	(-2)

struct platform_device {
	const char *name;
	int id;
	u64 platform_dma_mask;
	struct device dev;
};

#define to_platform_device(x) container_of((x), struct platform_device, dev)

struct platform_device *platform_device_alloc(const char *name, int id);
int platform_device_add(struct platform_device *pdev);
void platform_device_del(struct platform_device *pdev);
void platform_device_put(struct platform_device *pdev);
void platform_device_unregister(struct platform_device *pdev);
/* Make the next platform_device_add() fail with this errno (0: succeed). */
extern int kshim_pdev_add_error;

#endif /* _KSHIM_LINUX_PLATFORM_DEVICE_H */
