/* SPDX-License-Identifier: GPL-2.0 */
/* kshim: <linux/virtio_ids.h>, the ids remoteproc and rpmsg name. */
#ifndef _KSHIM_LINUX_VIRTIO_IDS_H
#define _KSHIM_LINUX_VIRTIO_IDS_H

#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_CONSOLE	3
#define VIRTIO_ID_RNG		4
#define VIRTIO_ID_BALLOON	5
#define VIRTIO_ID_IOMEM		6
#define VIRTIO_ID_RPMSG		7
#define VIRTIO_ID_SCSI		8
#define VIRTIO_ID_9P		9
#define VIRTIO_ID_MAC80211_WLAN	10
#define VIRTIO_ID_RPROC_SERIAL	11

#endif /* _KSHIM_LINUX_VIRTIO_IDS_H */
