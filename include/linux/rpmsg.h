/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rpmsg client API: what a driver for a service on a remote processor uses.
 *
 * Transports (virtio_rpmsg_bus and the like) use the provider side,
 * drivers/rpmsg/rpmsg_internal.h, in addition to this header.
 */
#ifndef _LINUX_RPMSG_H
#define _LINUX_RPMSG_H

#include <linux/device.h>
#include <linux/err.h>
#include <linux/kref.h>
#include <linux/mod_devicetable.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/types.h>
#include <linux/rpmsg/byteorder.h>
#include <uapi/linux/rpmsg.h>

struct rpmsg_device_ops;
struct rpmsg_endpoint_ops;
struct rpmsg_device;
struct rpmsg_endpoint;

/**
 * DOC: channels, endpoints and addresses
 *
 * A remote processor offers services.  Each service a driver can bind to
 * is a *channel*: a &struct rpmsg_device on the "rpmsg" bus, named after the
 * service (at most 31 characters) and matched to drivers by that name
 * (&struct rpmsg_driver.id_table) or by its driver_override.  A channel is
 * ``/sys/bus/rpmsg/devices/<transport>.<name>.<src>.<dst>``, with the
 * attributes ``name``, ``src``, ``dst``, ``announce``, ``modalias`` and
 * ``driver_override``; its uevent carries ``MODALIAS=rpmsg:<name>``, so
 * that the module of a matching driver loads by itself.
 *
 * Messages travel between *endpoints*.  An endpoint has a 32-bit local
 * address, unique within its transport, and a callback run for each message
 * addressed to it.  When a driver has a callback, the bus creates the
 * channel's default endpoint before probing it (&struct rpmsg_device.ept);
 * rpmsg_send() and rpmsg_trysend() use that endpoint's address as source
 * and the channel's remote address as destination.  A driver may create
 * more endpoints with rpmsg_create_ept().
 *
 * Addresses below %RPMSG_RESERVED_ADDRESSES (1024) are for services with a
 * well-known address, such as the name service at 53; the transport picks
 * addresses for the others from 1024 up, or takes a fixed one when the
 * caller asks for it and it is free.
 *
 * Contexts: rpmsg_send() and its variants wait for a transmit buffer and
 * need process context; rpmsg_trysend() and its variants fail with -ENOMEM
 * instead and may be called in any context, a receive callback or an
 * interrupt handler included.  Receive callbacks run in the context the
 * transport documents (process context on the virtio transport).
 */
/**
 * struct rpmsg_channel_info - name and addresses of a channel or endpoint
 * @name: name of the service, NUL-terminated within the array
 * @src: local address, or %RPMSG_ADDR_ANY to let the transport choose
 * @dst: remote address, or %RPMSG_ADDR_ANY when not bound to one
 */
struct rpmsg_channel_info {
	char name[RPMSG_NAME_SIZE];
	u32 src;
	u32 dst;
};

/**
 * struct rpmsg_device - a channel: one service reachable on a transport
 * @dev: the device on the "rpmsg" bus; its parent is the transport's device
 * @ops: the transport's channel operations (&struct rpmsg_device_ops)
 * @id: name of the service, matched against drivers' id tables
 * @driver_override: name of the only driver allowed to bind, or NULL;
 *		     owned by the core once registered (see
 *		     rpmsg_register_device_override()), freed by the
 *		     transport's release function
 * @src: local address of the channel's default endpoint
 * @dst: remote address the channel sends to
 * @ept: the default endpoint, created by the bus at probe when the
 *	 driver has a callback, else NULL
 * @announce: whether the transport tells the remote when the channel
 *	      appears and goes away (name-service announcements)
 * @little_endian: byte order of the transport's wire fields, for the
 *		   rpmsg{16,32,64} helpers
 * @transport_owned: one of the transport's own service channels (the name
 *		     service, rpmsg_ctrl), set by their registration helpers:
 *		     not counted against the name service's channel limit and
 *		     never removed by a remote's destroy announcement
 * @src_dynamic: set by the bus when the channel is registered with @src
 *		 %RPMSG_ADDR_ANY: its default endpoint keeps its address from
 *		 one binding to the next, and gets a new one when another
 *		 endpoint took it while no driver was bound
 *
 * Transports allocate and fill the structure, set @dev.parent and
 * @dev.release, then call rpmsg_register_device().
 */
struct rpmsg_device {
	struct device dev;
	const struct rpmsg_device_ops *ops;

	struct rpmsg_device_id id;
	const char *driver_override;

	u32 src;
	u32 dst;
	struct rpmsg_endpoint *ept;

	bool announce;
	bool little_endian;
	bool transport_owned;
	bool src_dynamic;
};

/**
 * typedef rpmsg_rx_cb_t - receive callback of an endpoint
 * @rpdev: the channel the endpoint belongs to
 * @data: the payload, valid only during the call
 * @len: length of @data in bytes
 * @priv: the endpoint's private pointer (&struct rpmsg_endpoint.priv)
 * @src: address of the sender
 *
 * Runs in the transport's receive context, which may be atomic; it must
 * not sleep unless the transport documents otherwise.
 *
 * Return: ignored by most transports; 0 by convention.
 */
typedef int (*rpmsg_rx_cb_t)(struct rpmsg_device *rpdev, void *data, int len,
			     void *priv, u32 src);

/**
 * struct rpmsg_endpoint - a local address with a receive callback
 * @rpdev: the channel the endpoint was created on
 * @ops: the transport's endpoint operations (&struct rpmsg_endpoint_ops)
 * @addr: local address
 * @cb: receive callback; NULL once the endpoint is being destroyed
 * @cb_lock: serialises @cb against its removal, so that no callback runs
 *	     after rpmsg_destroy_ept() returns
 * @priv: the owner's pointer, passed to @cb
 * @refcount: lifetime of the structure: the owner holds one reference and
 *	      the transport takes one for each message being delivered
 *
 * Transports allocate endpoints (&struct rpmsg_device_ops.create_ept) and
 * free them when @refcount drops to zero.
 */
struct rpmsg_endpoint {
	struct rpmsg_device *rpdev;
	const struct rpmsg_endpoint_ops *ops;
	u32 addr;

	rpmsg_rx_cb_t cb;
	struct mutex cb_lock;	/* see @cb_lock above */
	void *priv;

	struct kref refcount;
};

/**
 * struct rpmsg_driver - a driver for rpmsg channels
 * @drv: the generic driver; set at least .name
 * @id_table: names of the services handled, ended by an empty entry
 * @probe: called when a channel matches; may sleep
 * @remove: called when the channel goes away or the driver unbinds
 * @callback: receive callback of the channel's default endpoint; when set,
 *	      the bus creates that endpoint before @probe
 */
struct rpmsg_driver {
	struct device_driver drv;
	const struct rpmsg_device_id *id_table;

	int (*probe)(struct rpmsg_device *dev);
	void (*remove)(struct rpmsg_device *dev);

	int (*callback)(struct rpmsg_device *rpdev, void *data, int len,
			void *priv, u32 src);
};

/*
 * Byte order of a channel's wire fields.  A NULL channel means the CPU's
 * own order.
 */
static inline bool __rpmsg_dev_le(struct rpmsg_device *rpdev)
{
	return rpdev ? rpdev->little_endian : rpmsg_is_little_endian();
}

/**
 * rpmsg16_to_cpu() - convert a 16-bit wire field of @rpdev to CPU order
 * @rpdev: the channel, or NULL for CPU order
 * @val: the field
 *
 * Return: @val in CPU order.
 */
static inline u16 rpmsg16_to_cpu(struct rpmsg_device *rpdev, __rpmsg16 val)
{
	return __rpmsg16_to_cpu(__rpmsg_dev_le(rpdev), val);
}

/**
 * cpu_to_rpmsg16() - convert a 16-bit value to the wire order of @rpdev
 * @rpdev: the channel, or NULL for CPU order
 * @val: the value
 *
 * Return: @val in wire order.
 */
static inline __rpmsg16 cpu_to_rpmsg16(struct rpmsg_device *rpdev, u16 val)
{
	return __cpu_to_rpmsg16(__rpmsg_dev_le(rpdev), val);
}

/**
 * rpmsg32_to_cpu() - convert a 32-bit wire field of @rpdev to CPU order
 * @rpdev: the channel, or NULL for CPU order
 * @val: the field
 *
 * Return: @val in CPU order.
 */
static inline u32 rpmsg32_to_cpu(struct rpmsg_device *rpdev, __rpmsg32 val)
{
	return __rpmsg32_to_cpu(__rpmsg_dev_le(rpdev), val);
}

/**
 * cpu_to_rpmsg32() - convert a 32-bit value to the wire order of @rpdev
 * @rpdev: the channel, or NULL for CPU order
 * @val: the value
 *
 * Return: @val in wire order.
 */
static inline __rpmsg32 cpu_to_rpmsg32(struct rpmsg_device *rpdev, u32 val)
{
	return __cpu_to_rpmsg32(__rpmsg_dev_le(rpdev), val);
}

/**
 * rpmsg64_to_cpu() - convert a 64-bit wire field of @rpdev to CPU order
 * @rpdev: the channel, or NULL for CPU order
 * @val: the field
 *
 * Return: @val in CPU order.
 */
static inline u64 rpmsg64_to_cpu(struct rpmsg_device *rpdev, __rpmsg64 val)
{
	return __rpmsg64_to_cpu(__rpmsg_dev_le(rpdev), val);
}

/**
 * cpu_to_rpmsg64() - convert a 64-bit value to the wire order of @rpdev
 * @rpdev: the channel, or NULL for CPU order
 * @val: the value
 *
 * Return: @val in wire order.
 */
static inline __rpmsg64 cpu_to_rpmsg64(struct rpmsg_device *rpdev, u64 val)
{
	return __cpu_to_rpmsg64(__rpmsg_dev_le(rpdev), val);
}

#if IS_ENABLED(CONFIG_RPMSG)

/* Channels: used by transports (and rpmsg_ns, rpmsg_ctrl) */
int rpmsg_register_device_override(struct rpmsg_device *rpdev,
				   const char *driver_override);
int rpmsg_register_device(struct rpmsg_device *rpdev);
int rpmsg_unregister_device(struct device *parent,
			    struct rpmsg_channel_info *chinfo);
struct device *rpmsg_find_device(struct device *parent,
				 struct rpmsg_channel_info *chinfo);
struct rpmsg_device *rpmsg_create_channel(struct rpmsg_device *rpdev,
					  struct rpmsg_channel_info *chinfo);
int rpmsg_release_channel(struct rpmsg_device *rpdev,
			  struct rpmsg_channel_info *chinfo);

/* Drivers */
int __register_rpmsg_driver(struct rpmsg_driver *drv, struct module *owner);
void unregister_rpmsg_driver(struct rpmsg_driver *drv);

/* Endpoints */
struct rpmsg_endpoint *rpmsg_create_ept(struct rpmsg_device *rpdev,
					rpmsg_rx_cb_t cb, void *priv,
					struct rpmsg_channel_info chinfo);
void rpmsg_destroy_ept(struct rpmsg_endpoint *ept);
ssize_t rpmsg_get_mtu(struct rpmsg_endpoint *ept);
__poll_t rpmsg_poll(struct rpmsg_endpoint *ept, struct file *filp,
		    poll_table *wait);

/*
 * Sending, in pairs: the first waits until a transmit buffer is free
 * (process context, it may sleep), the "try" variant fails with -ENOMEM
 * instead and may be called in any context (see rpmsg_trysend()).
 */
int rpmsg_send(struct rpmsg_endpoint *ept, void *data, int len);
int rpmsg_trysend(struct rpmsg_endpoint *ept, void *data, int len);
int rpmsg_sendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst);
int rpmsg_trysendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst);
int rpmsg_send_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			  void *data, int len);
int rpmsg_trysend_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			     void *data, int len);

#else /* !CONFIG_RPMSG */

/*
 * Without the rpmsg core every call fails quietly: there is no transport,
 * so no channel or endpoint can exist for a caller to pass in.
 */

static inline int rpmsg_register_device_override(struct rpmsg_device *rpdev,
						 const char *driver_override)
{
	return -ENXIO;
}

static inline int rpmsg_register_device(struct rpmsg_device *rpdev)
{
	return -ENXIO;
}

static inline int rpmsg_unregister_device(struct device *parent,
					  struct rpmsg_channel_info *chinfo)
{
	return -ENXIO;
}

static inline struct device *rpmsg_find_device(struct device *parent,
					       struct rpmsg_channel_info *chinfo)
{
	return NULL;
}

static inline struct rpmsg_device *
rpmsg_create_channel(struct rpmsg_device *rpdev,
		     struct rpmsg_channel_info *chinfo)
{
	return NULL;
}

static inline int rpmsg_release_channel(struct rpmsg_device *rpdev,
					struct rpmsg_channel_info *chinfo)
{
	return -ENXIO;
}

static inline int __register_rpmsg_driver(struct rpmsg_driver *drv,
					  struct module *owner)
{
	return -ENXIO;
}

static inline void unregister_rpmsg_driver(struct rpmsg_driver *drv)
{
}

static inline struct rpmsg_endpoint *
rpmsg_create_ept(struct rpmsg_device *rpdev, rpmsg_rx_cb_t cb, void *priv,
		 struct rpmsg_channel_info chinfo)
{
	return NULL;
}

static inline void rpmsg_destroy_ept(struct rpmsg_endpoint *ept)
{
}

static inline int rpmsg_send(struct rpmsg_endpoint *ept, void *data, int len)
{
	return -ENXIO;
}

static inline int rpmsg_sendto(struct rpmsg_endpoint *ept, void *data,
			       int len, u32 dst)
{
	return -ENXIO;
}

static inline int rpmsg_send_offchannel(struct rpmsg_endpoint *ept, u32 src,
					u32 dst, void *data, int len)
{
	return -ENXIO;
}

static inline int rpmsg_trysend(struct rpmsg_endpoint *ept, void *data,
				int len)
{
	return -ENXIO;
}

static inline int rpmsg_trysendto(struct rpmsg_endpoint *ept, void *data,
				  int len, u32 dst)
{
	return -ENXIO;
}

static inline int rpmsg_trysend_offchannel(struct rpmsg_endpoint *ept,
					   u32 src, u32 dst, void *data,
					   int len)
{
	return -ENXIO;
}

static inline __poll_t rpmsg_poll(struct rpmsg_endpoint *ept,
				  struct file *filp, poll_table *wait)
{
	return EPOLLERR;
}

static inline ssize_t rpmsg_get_mtu(struct rpmsg_endpoint *ept)
{
	return -ENXIO;
}

#endif /* CONFIG_RPMSG */

/**
 * register_rpmsg_driver() - register an rpmsg driver for the calling module
 * @drv: the driver
 *
 * A macro so that THIS_MODULE is the caller's module.
 *
 * Return: 0 or a negative errno.
 */
#define register_rpmsg_driver(drv) \
	__register_rpmsg_driver(drv, THIS_MODULE)

/**
 * module_rpmsg_driver() - declare a module whose init and exit only
 * register and unregister one rpmsg driver
 * @__rpmsg_driver: the &struct rpmsg_driver
 */
#define module_rpmsg_driver(__rpmsg_driver) \
	module_driver(__rpmsg_driver, register_rpmsg_driver, \
		      unregister_rpmsg_driver)

#endif /* _LINUX_RPMSG_H */
