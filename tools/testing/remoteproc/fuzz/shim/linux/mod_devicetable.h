/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/mod_devicetable.h>, the ids rpmsg and virtio use. */
#ifndef _KSHIM_LINUX_MOD_DEVICETABLE_H
#define _KSHIM_LINUX_MOD_DEVICETABLE_H

#include <kshim.h>

#define RPMSG_NAME_SIZE		32
#define RPMSG_DEVICE_MODALIAS_FMT "rpmsg:%s"

struct rpmsg_device_id {
	char name[RPMSG_NAME_SIZE];
	kernel_ulong_t driver_data;
};

#define VIRTIO_DEV_ANY_ID	0xffffffff

struct virtio_device_id {
	__u32 device;
	__u32 vendor;
};

#endif /* _KSHIM_LINUX_MOD_DEVICETABLE_H */
