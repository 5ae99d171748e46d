/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rpmsg provider side: what transports implement and what the files of the
 * rpmsg core and its companion drivers (rpmsg_ns, rpmsg_char, rpmsg_ctrl)
 * share.  Client drivers only need <linux/rpmsg.h>.
 */
#ifndef __RPMSG_INTERNAL_H__
#define __RPMSG_INTERNAL_H__

#include <linux/idr.h>
#include <linux/limits.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/rpmsg.h>
#include <linux/types.h>

struct rpmsg_ns_msg;

/* The struct rpmsg_device behind a device of the "rpmsg" bus. */
#define to_rpmsg_device(d) container_of(d, struct rpmsg_device, dev)
/* The struct rpmsg_driver behind a driver of the "rpmsg" bus. */
#define to_rpmsg_driver(d) container_of(d, struct rpmsg_driver, drv)

/*
 * The "rpmsg" device class: rpmsg_char's /dev/rpmsgN and rpmsg_ctrl's
 * /dev/rpmsg_ctrlN nodes belong to it (/sys/class/rpmsg).  Created by
 * rpmsg_core.ko at load.
 */
extern struct class *rpmsg_class;

/**
 * struct rpmsg_device_ops - what a transport does for its channels
 * @create_ept: mandatory.  Create an endpoint on @rpdev.  A source of
 *		%RPMSG_ADDR_ANY in @chinfo asks for a free dynamic address;
 *		any other source asks for that very address.  Returns NULL on
 *		failure (6.1 convention).  Process context; may sleep.
 * @create_channel: optional.  Create and register a new channel under the
 *		    transport, from @chinfo (name, local and remote
 *		    addresses); NULL on failure.  Process context; may sleep.
 * @release_channel: optional.  Unregister the channel of the transport
 *		     matching @chinfo; 0 or a negative errno (-EINVAL when
 *		     none matches).  Process context; may sleep.
 * @announce_create: optional.  Tell the remote that the channel exists,
 *		     if the transport announces channels; called by the bus
 *		     after a successful probe of a channel with
 *		     &rpmsg_device.announce set and a default endpoint.
 *		     Process context; may sleep.
 * @announce_destroy: optional.  Tell the remote that the channel is going
 *		      away; called by the bus before the driver's remove,
 *		      under the same conditions.  Process context; may sleep.
 *
 * @rpdev is one of the transport's channels: for @create_channel and
 * @release_channel any of them (the core passes the one it was given, for
 * example the name-service channel), as only its transport matters.
 * Optional ops may be NULL: the core then returns -ENXIO (or NULL) to the
 * caller.
 */
struct rpmsg_device_ops {
	int (*announce_create)(struct rpmsg_device *rpdev);
	int (*announce_destroy)(struct rpmsg_device *rpdev);

	struct rpmsg_endpoint *(*create_ept)(struct rpmsg_device *rpdev,
					     rpmsg_rx_cb_t cb, void *priv,
					     struct rpmsg_channel_info chinfo);

	struct rpmsg_device *(*create_channel)(struct rpmsg_device *rpdev,
					       struct rpmsg_channel_info *chinfo);
	int (*release_channel)(struct rpmsg_device *rpdev,
			       struct rpmsg_channel_info *chinfo);
};

/**
 * struct rpmsg_endpoint_ops - what a transport does for its endpoints
 * @destroy_ept: mandatory.  Stop delivering to the endpoint, free its
 *		 address and drop the owner's reference.  After it returns
 *		 the callback no longer runs.  Process context; may sleep.
 * @send: mandatory.  Send @len bytes from the endpoint's address to its
 *	  channel's remote address, waiting for a transmit buffer if needed.
 *	  Process context; may sleep.
 * @sendto: optional.  Same, to the remote address @dst.  Process context;
 *	    may sleep.
 * @send_offchannel: optional.  Same, with an explicit source @src.
 *		     Process context; may sleep.
 * @trysend: optional.  Like @send, but fails with -ENOMEM instead of
 *	     waiting for a buffer.  Any context: it must not sleep, even
 *	     when called with a spinlock held, interrupts disabled or from
 *	     an interrupt handler (rpmsg_trysend() promises that).
 * @trysendto: optional.  Like @sendto, without waiting; any context, as
 *	       @trysend.
 * @trysend_offchannel: optional.  Like @send_offchannel, without waiting;
 *			any context, as @trysend.
 * @poll: optional.  Add the transport's wait queue to @wait and report
 *	  EPOLLOUT when a transmit buffer is free; for rpmsg_char.  Process
 *	  context (a file's poll method).
 * @get_mtu: optional.  Largest payload a single message can carry.  Any
 *	     context; must not sleep.
 *
 * Every send returns 0 or a negative errno; a payload larger than the MTU
 * gets -EMSGSIZE.  Optional ops may be NULL: the core returns -ENXIO.
 */
struct rpmsg_endpoint_ops {
	int (*send)(struct rpmsg_endpoint *ept, void *data, int len);
	int (*trysend)(struct rpmsg_endpoint *ept, void *data, int len);
	int (*sendto)(struct rpmsg_endpoint *ept, void *data, int len, u32 dst);
	int (*trysendto)(struct rpmsg_endpoint *ept, void *data, int len,
			 u32 dst);
	int (*send_offchannel)(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			       void *data, int len);
	int (*trysend_offchannel)(struct rpmsg_endpoint *ept, u32 src, u32 dst,
				  void *data, int len);

	ssize_t (*get_mtu)(struct rpmsg_endpoint *ept);
	__poll_t (*poll)(struct rpmsg_endpoint *ept, struct file *filp,
			 poll_table *wait);

	void (*destroy_ept)(struct rpmsg_endpoint *ept);
};

/**
 * rpmsg_ctrldev_register_device() - register a transport's control channel
 * @rpdev: the channel, filled in as for rpmsg_register_device()
 *
 * Binds @rpdev to the "rpmsg_ctrl" driver, which creates /dev/rpmsg_ctrlN.
 * The control channel has no endpoint of its own: its addresses are 0, so
 * that it is named "<transport>.rpmsg_ctrl.0.0" as in Linux 6.1, the path
 * user-space tools (OpenAMP's demos among them) open.
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno (@rpdev released, as for
 * rpmsg_register_device()).
 */
static inline int rpmsg_ctrldev_register_device(struct rpmsg_device *rpdev)
{
	rpdev->src = 0;
	rpdev->dst = 0;
	rpdev->transport_owned = true;
	return rpmsg_register_device_override(rpdev, "rpmsg_ctrl");
}

/**
 * rpmsg_count_channels() - number of channels registered under a transport
 * @parent: the transport's device, parent of its channels
 * @skip: a channel not to count (the caller itself), or NULL
 *
 * Context: process context.
 * Return: the number of devices of the "rpmsg" bus whose parent is @parent,
 * @skip excluded.
 */
int rpmsg_count_channels(struct device *parent, struct rpmsg_device *skip);

/* ------------------------------------------------------------------------
 * Local addresses
 */

/**
 * struct rpmsg_addr_space - the local addresses of one transport
 * @lock: protects @idr; held while looking up and taking a reference on an
 *	  endpoint so that it cannot be freed in between
 * @idr: address -> &struct rpmsg_endpoint
 *
 * A transport embeds one per instance (per virtio device) and passes it to
 * the helpers below.  Dynamic addresses start at %RPMSG_RESERVED_ADDRESSES;
 * a fixed address may be any value up to %RPMSG_ADDR_MAX.
 */
struct rpmsg_addr_space {
	struct mutex lock;	/* see @lock above */
	struct idr idr;
};

/* Largest address the allocator can hand out (an idr index is an int). */
#define RPMSG_ADDR_MAX		((u32)INT_MAX)

void rpmsg_addr_space_init(struct rpmsg_addr_space *as);
void rpmsg_addr_space_destroy(struct rpmsg_addr_space *as);
int rpmsg_addr_alloc(struct rpmsg_addr_space *as, struct rpmsg_endpoint *ept,
		     u32 addr);
void rpmsg_addr_free(struct rpmsg_addr_space *as, u32 addr);
struct rpmsg_endpoint *rpmsg_addr_get_ept(struct rpmsg_addr_space *as,
					  u32 addr);

/* ------------------------------------------------------------------------
 * Name-service messages
 */

/**
 * enum rpmsg_ns_verdict - outcome of checking a name-service message
 * @RPMSG_NS_OK: well formed
 * @RPMSG_NS_BAD_SIZE: not exactly sizeof(struct rpmsg_ns_msg) bytes
 * @RPMSG_NS_BAD_NAME: name empty or not NUL-terminated within its array
 * @RPMSG_NS_BAD_FLAGS: flags neither %RPMSG_NS_CREATE nor %RPMSG_NS_DESTROY
 * @RPMSG_NS_BAD_ADDR: the address %RPMSG_ADDR_ANY (create or destroy)
 * @RPMSG_NS_NR_VERDICTS: number of verdicts, for counter arrays
 */
enum rpmsg_ns_verdict {
	RPMSG_NS_OK,
	RPMSG_NS_BAD_SIZE,
	RPMSG_NS_BAD_NAME,
	RPMSG_NS_BAD_FLAGS,
	RPMSG_NS_BAD_ADDR,
	RPMSG_NS_NR_VERDICTS,
};

enum rpmsg_ns_verdict rpmsg_ns_parse(const void *data, int len,
				     bool little_endian,
				     struct rpmsg_channel_info *chinfo,
				     u32 *flags);

#endif /* __RPMSG_INTERNAL_H__ */
