// SPDX-License-Identifier: GPL-2.0
/*
 * The rpmsg client API: each call checks its arguments and hands over to
 * the transport behind the channel or endpoint.
 *
 * Common rules: a NULL channel, endpoint or argument structure gets
 * -EINVAL (NULL from the calls returning a pointer); an operation the
 * transport does not implement gets -ENXIO.
 */

#include <linux/err.h>
#include <linux/export.h>
#include <linux/rpmsg.h>

#include "rpmsg_internal.h"

/* ------------------------------------------------------------------------
 * Channels
 */

/**
 * rpmsg_create_channel() - have a transport create a new channel
 * @rpdev: any channel of the transport (for example its name service)
 * @chinfo: name and addresses of the new channel
 *
 * Context: process context; may sleep.
 * Return: the new channel, or NULL on failure (bad arguments, no such
 * operation, or the transport's own failure).
 */
struct rpmsg_device *rpmsg_create_channel(struct rpmsg_device *rpdev,
					  struct rpmsg_channel_info *chinfo)
{
	const struct rpmsg_device_ops *ops = rpdev ? rpdev->ops : NULL;

	if (!ops || !chinfo)
		return NULL;
	if (ops->create_channel)
		return ops->create_channel(rpdev, chinfo);

	dev_err(&rpdev->dev, "transport cannot create channels\n");
	return NULL;
}
EXPORT_SYMBOL_GPL(rpmsg_create_channel);

/**
 * rpmsg_release_channel() - have a transport remove one of its channels
 * @rpdev: any channel of the transport
 * @chinfo: the channel to remove, as for rpmsg_find_device()
 *
 * Context: process context; may sleep.
 * Return: 0, -EINVAL for bad arguments or when no channel matches, -ENXIO
 * when the transport cannot release channels.
 */
int rpmsg_release_channel(struct rpmsg_device *rpdev,
			  struct rpmsg_channel_info *chinfo)
{
	const struct rpmsg_device_ops *ops = rpdev ? rpdev->ops : NULL;

	if (!ops || !chinfo)
		return -EINVAL;
	return ops->release_channel ? ops->release_channel(rpdev, chinfo) :
				      -ENXIO;
}
EXPORT_SYMBOL_GPL(rpmsg_release_channel);

/* ------------------------------------------------------------------------
 * Endpoints
 */

/**
 * rpmsg_create_ept() - create an endpoint on a channel
 * @rpdev: the channel
 * @cb: receive callback, or NULL for a send-only endpoint
 * @priv: passed to @cb
 * @chinfo: @chinfo.src is the local address wanted, or %RPMSG_ADDR_ANY for
 *	    any free one from %RPMSG_RESERVED_ADDRESSES up; the name is
 *	    informational
 *
 * The endpoint receives every message the remote sends to its address.
 * Destroy it with rpmsg_destroy_ept().
 *
 * Context: process context; may sleep.
 * Return: the endpoint, or NULL when the address is taken, memory is short
 * or the arguments are bad.
 */
struct rpmsg_endpoint *rpmsg_create_ept(struct rpmsg_device *rpdev,
					rpmsg_rx_cb_t cb, void *priv,
					struct rpmsg_channel_info chinfo)
{
	const struct rpmsg_device_ops *ops = rpdev ? rpdev->ops : NULL;

	return ops && ops->create_ept ? ops->create_ept(rpdev, cb, priv, chinfo) :
					NULL;
}
EXPORT_SYMBOL_GPL(rpmsg_create_ept);

/**
 * rpmsg_destroy_ept() - destroy an endpoint
 * @ept: the endpoint, or NULL (nothing happens)
 *
 * Once this returns the endpoint's callback no longer runs and its address
 * may be reused; @ept must not be used again.
 *
 * Context: process context; may sleep.
 */
void rpmsg_destroy_ept(struct rpmsg_endpoint *ept)
{
	const struct rpmsg_endpoint_ops *ops = ept ? ept->ops : NULL;

	if (ops && ops->destroy_ept)
		ops->destroy_ept(ept);
}
EXPORT_SYMBOL_GPL(rpmsg_destroy_ept);

/* ------------------------------------------------------------------------
 * Sending
 */

/*
 * The transport's operations for a send, once the arguments are checked.
 * A payload may be empty, but a non-empty one needs a buffer.
 */
static const struct rpmsg_endpoint_ops *
rpmsg_tx_ops(struct rpmsg_endpoint *ept, void *data, int len)
{
	if (!ept || !ept->ops || len < 0 || (!data && len))
		return ERR_PTR(-EINVAL);
	return ept->ops;
}

/**
 * rpmsg_send() - send a message on an endpoint's channel
 * @ept: the endpoint: its address is the source
 * @data: the payload
 * @len: length of @data, at most rpmsg_get_mtu()
 *
 * The destination is the channel's remote address.  Waits for a transmit
 * buffer when none is free (the transport bounds the wait, 15 s for
 * virtio).
 *
 * Context: process context; may sleep.
 * Return: 0, -EMSGSIZE when @len exceeds the MTU, -ETIMEDOUT (or another
 * transport error) when no buffer came, -EINVAL or -ENXIO (see above).
 */
int rpmsg_send(struct rpmsg_endpoint *ept, void *data, int len)
{
	const struct rpmsg_endpoint_ops *ops = rpmsg_tx_ops(ept, data, len);

	if (IS_ERR(ops))
		return PTR_ERR(ops);
	return ops->send ? ops->send(ept, data, len) : -ENXIO;
}
EXPORT_SYMBOL_GPL(rpmsg_send);

/**
 * rpmsg_sendto() - send a message to a given remote address
 * @ept: the endpoint: its address is the source
 * @data: the payload
 * @len: length of @data, at most rpmsg_get_mtu()
 * @dst: the remote address
 *
 * Context: process context; may sleep.
 * Return: as rpmsg_send().
 */
int rpmsg_sendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst)
{
	const struct rpmsg_endpoint_ops *ops = rpmsg_tx_ops(ept, data, len);

	if (IS_ERR(ops))
		return PTR_ERR(ops);
	return ops->sendto ? ops->sendto(ept, data, len, dst) : -ENXIO;
}
EXPORT_SYMBOL_GPL(rpmsg_sendto);

/**
 * rpmsg_send_offchannel() - send a message with explicit addresses
 * @ept: the endpoint whose transport carries the message
 * @src: the source address
 * @dst: the remote address
 * @data: the payload
 * @len: length of @data, at most rpmsg_get_mtu()
 *
 * Context: process context; may sleep.
 * Return: as rpmsg_send().
 */
int rpmsg_send_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			  void *data, int len)
{
	const struct rpmsg_endpoint_ops *ops = rpmsg_tx_ops(ept, data, len);

	if (IS_ERR(ops))
		return PTR_ERR(ops);
	if (!ops->send_offchannel)
		return -ENXIO;
	return ops->send_offchannel(ept, src, dst, data, len);
}
EXPORT_SYMBOL_GPL(rpmsg_send_offchannel);

/**
 * rpmsg_trysend() - send a message on an endpoint's channel, without waiting
 * @ept: the endpoint: its address is the source
 * @data: the payload
 * @len: length of @data, at most rpmsg_get_mtu()
 *
 * Unlike rpmsg_send(), it may be called where sleeping is not allowed:
 * with a spinlock held, with interrupts disabled, from an interrupt
 * handler or an endpoint's receive callback.  Linux 6.1 only allows
 * process context here; this implementation requires every transport's
 * trysend operation to be safe in any context (&struct rpmsg_endpoint_ops),
 * and the virtio transport's is.
 *
 * Context: any context; does not sleep.
 * Return: as rpmsg_send(), and -ENOMEM when no transmit buffer is free.
 */
int rpmsg_trysend(struct rpmsg_endpoint *ept, void *data, int len)
{
	const struct rpmsg_endpoint_ops *ops = rpmsg_tx_ops(ept, data, len);

	if (IS_ERR(ops))
		return PTR_ERR(ops);
	return ops->trysend ? ops->trysend(ept, data, len) : -ENXIO;
}
EXPORT_SYMBOL_GPL(rpmsg_trysend);

/**
 * rpmsg_trysendto() - send a message to a given address, without waiting
 * @ept: the endpoint: its address is the source
 * @data: the payload
 * @len: length of @data, at most rpmsg_get_mtu()
 * @dst: the remote address
 *
 * Context: any context, as rpmsg_trysend(); does not sleep.
 * Return: as rpmsg_trysend().
 */
int rpmsg_trysendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst)
{
	const struct rpmsg_endpoint_ops *ops = rpmsg_tx_ops(ept, data, len);

	if (IS_ERR(ops))
		return PTR_ERR(ops);
	return ops->trysendto ? ops->trysendto(ept, data, len, dst) : -ENXIO;
}
EXPORT_SYMBOL_GPL(rpmsg_trysendto);

/**
 * rpmsg_trysend_offchannel() - send with explicit addresses, without waiting
 * @ept: the endpoint whose transport carries the message
 * @src: the source address
 * @dst: the remote address
 * @data: the payload
 * @len: length of @data, at most rpmsg_get_mtu()
 *
 * Context: any context, as rpmsg_trysend(); does not sleep.
 * Return: as rpmsg_trysend().
 */
int rpmsg_trysend_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			     void *data, int len)
{
	const struct rpmsg_endpoint_ops *ops = rpmsg_tx_ops(ept, data, len);

	if (IS_ERR(ops))
		return PTR_ERR(ops);
	if (!ops->trysend_offchannel)
		return -ENXIO;
	return ops->trysend_offchannel(ept, src, dst, data, len);
}
EXPORT_SYMBOL_GPL(rpmsg_trysend_offchannel);

/**
 * rpmsg_poll() - poll an endpoint for room to send
 * @ept: the endpoint
 * @filp: the file being polled
 * @wait: the poll table
 *
 * Context: process context (a file's poll method).
 * Return: the transport's mask (EPOLLOUT when a message can be sent now),
 * 0 when the transport does not support polling, EPOLLERR for a NULL
 * endpoint.
 */
__poll_t rpmsg_poll(struct rpmsg_endpoint *ept, struct file *filp,
		    poll_table *wait)
{
	const struct rpmsg_endpoint_ops *ops = ept ? ept->ops : NULL;

	if (!ops)
		return EPOLLERR;
	return ops->poll ? ops->poll(ept, filp, wait) : 0;
}
EXPORT_SYMBOL_GPL(rpmsg_poll);

/**
 * rpmsg_get_mtu() - largest payload an endpoint can send in one message
 * @ept: the endpoint
 *
 * Context: any context.
 * Return: the MTU in bytes (496 for virtio's 512-byte buffers), -EINVAL
 * for a NULL endpoint, -ENXIO when the transport does not say.
 */
ssize_t rpmsg_get_mtu(struct rpmsg_endpoint *ept)
{
	const struct rpmsg_endpoint_ops *ops = ept ? ept->ops : NULL;

	if (!ops)
		return -EINVAL;
	return ops->get_mtu ? ops->get_mtu(ept) : -ENXIO;
}
EXPORT_SYMBOL_GPL(rpmsg_get_mtu);
