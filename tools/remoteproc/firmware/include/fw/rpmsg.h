/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Firmware library: rpmsg, remote side.
 *
 * One virtio rpmsg device, described by an RSC_VDEV entry of the firmware's
 * resource table with two vrings: vring[0] carries messages to Linux (Linux
 * posts empty buffers, we fill them), vring[1] carries messages from Linux
 * (Linux posts full buffers, we hand them back empty).  Every buffer starts
 * with a struct rpmsg_hdr (<linux/remoteproc/wire.h>), in the native byte
 * order.
 *
 * The library waits until Linux sets DRIVER_OK in the vdev's status byte
 * before it touches the vrings, and lets go of them when the status drops
 * again (a reset).  A reset can also come and go between two looks at the
 * status (Linux detached and attached again): it is recognised when the
 * table names other vrings than the ones in use, or when a used index we
 * own is no longer what we wrote (the driver set the ring up afresh).
 * Each time the device comes up, the vrings are read from the table again
 * and every named endpoint is announced through the name service (address
 * 53) if Linux negotiated VIRTIO_RPMSG_F_NS.  Messages Linux sends to
 * address 53 (its own announcements) are accepted and ignored.
 *
 * Everything runs on the firmware's single thread: fw_rpmsg_poll() from the
 * main loop, endpoint callbacks from within it.  Callbacks may send; a send
 * that finds no free buffer waits for Linux (petting the watchdog through
 * &fw_rpmsg.tick), so it must not be called where waiting is not allowed.
 */
#ifndef FW_RPMSG_H
#define FW_RPMSG_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/remoteproc/wire.h>

#include <fw/vring.h>

/** FW_RPMSG_MAX_EPTS - local endpoints at most */
#define FW_RPMSG_MAX_EPTS	32
/** FW_RPMSG_ADDR_ANY - let the library choose the address */
#define FW_RPMSG_ADDR_ANY	0xffffffffu
/** FW_RPMSG_HDR_SIZE - bytes of header before each payload */
#define FW_RPMSG_HDR_SIZE	((uint32_t)sizeof(struct rpmsg_hdr))
/** FW_RPMSG_SEND_TIMEOUT_NS - how long a send waits for a free buffer */
#define FW_RPMSG_SEND_TIMEOUT_NS	5000000000ull

/* The vdev status bit we wait for (virtio spec). */
#define FW_VIRTIO_STATUS_DRIVER_OK	4

struct fw_rpmsg;
struct fw_rpmsg_ept;

/**
 * typedef fw_rpmsg_cb_t - an endpoint received a message
 * @rp: the device
 * @ept: the endpoint
 * @data: the payload, in Linux's buffer: valid during the call only
 * @len: its length (checked against the buffer)
 * @src: the sender's address, to reply to
 */
typedef void (*fw_rpmsg_cb_t)(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
			      const void *data, uint32_t len, uint32_t src);

/**
 * struct fw_rpmsg_ept - a local endpoint
 * @name: channel name announced to Linux ("" for none)
 * @addr: local address
 * @cb: receive callback
 * @priv: for the owner
 * @in_use: the slot is taken
 * @announced: Linux was told about it (since the last reset)
 */
struct fw_rpmsg_ept {
	char name[RPMSG_WIRE_NAME_SIZE];
	uint32_t addr;
	fw_rpmsg_cb_t cb;
	void *priv;
	bool in_use;
	bool announced;
};

/**
 * enum fw_rpmsg_event - what fw_rpmsg_poll() saw happen
 * @FW_RPMSG_EV_NONE: nothing worth telling
 * @FW_RPMSG_EV_UP: DRIVER_OK seen, vrings attached
 * @FW_RPMSG_EV_DOWN: a reset (the status dropped, or the vrings moved):
 *		      vrings released
 * @FW_RPMSG_EV_BAD_RINGS: DRIVER_OK seen, but the vrings are unusable
 */
enum fw_rpmsg_event {
	FW_RPMSG_EV_NONE,
	FW_RPMSG_EV_UP,
	FW_RPMSG_EV_DOWN,
	FW_RPMSG_EV_BAD_RINGS,
};

/**
 * struct fw_rpmsg - the remote side of one virtio rpmsg device
 * @hw: the hardware
 * @vdev: the vdev entry in the loaded resource table (Linux writes it)
 * @tx: vring[0], to Linux
 * @rx: vring[1], from Linux
 * @active: the vrings are in use
 * @failed: DRIVER_OK came with unusable vrings; wait for a reset
 * @lost: the vrings were let go (a reset seen while sending, or rings
 *	  that moved), not reported yet
 * @ring_da: the addresses of vring[0] and vring[1] while @active
 * @ns: Linux negotiated the name service
 * @kick_pending: used entries were added since the last kick
 * @tick: called while waiting and during long sends (pet the watchdog)
 * @tick_ctx: its argument
 * @next_addr: next address to try for %FW_RPMSG_ADDR_ANY
 * @rx_msgs: messages delivered to an endpoint
 * @tx_msgs: messages sent
 * @dropped: messages dropped (bad header, unknown destination, no buffer)
 * @epts: the endpoints
 */
struct fw_rpmsg {
	const struct rproc_emu_hw *hw;
	struct fw_rsc_vdev *vdev;
	struct fw_vring tx;
	struct fw_vring rx;
	bool active;
	bool failed;
	bool lost;
	uint32_t ring_da[2];
	bool ns;
	bool kick_pending;
	void (*tick)(void *ctx);
	void *tick_ctx;
	uint32_t next_addr;
	uint32_t rx_msgs;
	uint32_t tx_msgs;
	uint32_t dropped;
	struct fw_rpmsg_ept epts[FW_RPMSG_MAX_EPTS];
};

void fw_rpmsg_init(struct fw_rpmsg *rp, const struct rproc_emu_hw *hw,
		   struct fw_rsc_vdev *vdev);
struct fw_rpmsg_ept *fw_rpmsg_create_ept(struct fw_rpmsg *rp, const char *name,
					 uint32_t addr, fw_rpmsg_cb_t cb,
					 void *priv);
struct fw_rpmsg_ept *fw_rpmsg_find_ept(struct fw_rpmsg *rp, const char *name);
void fw_rpmsg_destroy_ept(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept);
int fw_rpmsg_announce(struct fw_rpmsg *rp, struct fw_rpmsg_ept *ept,
		      uint32_t flags);
int fw_rpmsg_send(struct fw_rpmsg *rp, uint32_t src, uint32_t dst,
		  const void *data, uint32_t len);
int fw_rpmsg_get_tx_buf(struct fw_rpmsg *rp, struct fw_vring_buf *buf);
void fw_rpmsg_put_tx_buf(struct fw_rpmsg *rp, uint32_t id, uint32_t len);
enum fw_rpmsg_event fw_rpmsg_poll(struct fw_rpmsg *rp);
void fw_rpmsg_flush(struct fw_rpmsg *rp);

#endif /* FW_RPMSG_H */
