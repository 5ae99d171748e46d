// SPDX-License-Identifier: GPL-2.0
/*
 * Local endpoint addresses, for transports.
 *
 * A transport keeps one address space per instance.  Each allocated
 * address maps to the endpoint that owns it, which is how received
 * messages find their endpoint.
 */

#include <linux/export.h>
#include <linux/idr.h>
#include <linux/kref.h>
#include <linux/limits.h>
#include <linux/mutex.h>
#include <linux/rpmsg.h>
#include <linux/remoteproc/wire.h>

#include "rpmsg_internal.h"

/**
 * rpmsg_addr_space_init() - prepare an empty address space
 * @as: the address space, usually embedded in the transport's state
 *
 * Context: any context.
 */
void rpmsg_addr_space_init(struct rpmsg_addr_space *as)
{
	mutex_init(&as->lock);
	idr_init(&as->idr);
}
EXPORT_SYMBOL_GPL(rpmsg_addr_space_init);

/**
 * rpmsg_addr_space_destroy() - free what an address space holds
 * @as: the address space
 *
 * Frees the allocator's internal memory, not the endpoints: the transport
 * destroys them (and frees their addresses) first.
 *
 * Context: process context; nobody else may use @as any more.
 */
void rpmsg_addr_space_destroy(struct rpmsg_addr_space *as)
{
	idr_destroy(&as->idr);
	mutex_destroy(&as->lock);
}
EXPORT_SYMBOL_GPL(rpmsg_addr_space_destroy);

/**
 * rpmsg_addr_alloc() - give an endpoint a local address
 * @as: the address space
 * @ept: the endpoint the address will lead to
 * @addr: the address wanted, or %RPMSG_ADDR_ANY for the lowest free one
 *	  from %RPMSG_RESERVED_ADDRESSES up
 *
 * Does not touch @ept: the caller stores the result in @ept->addr.  The
 * address space holds no reference on @ept; the caller frees the address
 * (rpmsg_addr_free()) before the endpoint goes away.
 *
 * Context: process context; takes @as->lock and may sleep.
 * Return: the address (it fits in an int), -EBUSY when the fixed @addr is
 * taken, -ENOSPC when no dynamic address is left, -EINVAL when @addr is
 * above %RPMSG_ADDR_MAX or an argument is NULL, -ENOMEM.
 */
int rpmsg_addr_alloc(struct rpmsg_addr_space *as, struct rpmsg_endpoint *ept,
		     u32 addr)
{
	int start, end, ret;

	if (!as || !ept)
		return -EINVAL;

	if (addr == RPMSG_ADDR_ANY) {
		start = RPMSG_RESERVED_ADDRESSES;
		end = 0;	/* no upper bound */
	} else if (addr <= RPMSG_ADDR_MAX) {
		/* idr's end is exclusive; 0 stands for "up to INT_MAX". */
		start = addr;
		end = addr < INT_MAX ? addr + 1 : 0;
	} else {
		return -EINVAL;
	}

	mutex_lock(&as->lock);
	ret = idr_alloc(&as->idr, ept, start, end, GFP_KERNEL);
	mutex_unlock(&as->lock);

	/* For one fixed address, "no space" means "taken". */
	if (ret == -ENOSPC && addr != RPMSG_ADDR_ANY)
		ret = -EBUSY;
	return ret;
}
EXPORT_SYMBOL_GPL(rpmsg_addr_alloc);

/**
 * rpmsg_addr_free() - release a local address
 * @as: the address space
 * @addr: an address returned by rpmsg_addr_alloc(); others are ignored
 *
 * After this returns, rpmsg_addr_get_ept() no longer finds the endpoint.
 *
 * Context: process context; takes @as->lock and may sleep.
 */
void rpmsg_addr_free(struct rpmsg_addr_space *as, u32 addr)
{
	if (!as || addr > RPMSG_ADDR_MAX)
		return;

	mutex_lock(&as->lock);
	idr_remove(&as->idr, addr);
	mutex_unlock(&as->lock);
}
EXPORT_SYMBOL_GPL(rpmsg_addr_free);

/**
 * rpmsg_addr_get_ept() - find the endpoint at an address and hold it
 * @as: the address space
 * @addr: the address, usually the destination of a received message
 *
 * The reference is taken under @as->lock, so the endpoint cannot be freed
 * in between.  The caller drops it with kref_put() on @ept->refcount and
 * the transport's own release function.
 *
 * Context: process context; takes @as->lock and may sleep.
 * Return: the endpoint, with a reference, or NULL when @addr is not
 * allocated (an unknown destination).
 */
struct rpmsg_endpoint *rpmsg_addr_get_ept(struct rpmsg_addr_space *as,
					  u32 addr)
{
	struct rpmsg_endpoint *ept;

	if (!as || addr > RPMSG_ADDR_MAX)
		return NULL;

	mutex_lock(&as->lock);
	ept = idr_find(&as->idr, addr);
	if (ept)
		kref_get(&ept->refcount);
	mutex_unlock(&as->lock);
	return ept;
}
EXPORT_SYMBOL_GPL(rpmsg_addr_get_ept);
