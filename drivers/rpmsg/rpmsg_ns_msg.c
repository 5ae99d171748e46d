// SPDX-License-Identifier: GPL-2.0
/*
 * Checking a name-service message from the remote.
 *
 * Kept apart from the name-service driver, as a pure function, so that the
 * KUnit suite of rpmsg_core.ko can feed it every malformed message.
 */

#include <linux/build_bug.h>
#include <linux/export.h>
#include <linux/rpmsg.h>
#include <linux/string.h>
#include <linux/remoteproc/wire.h>

#include "rpmsg_internal.h"

/* The wire message must fill the channel name as the core sees it. */
static_assert(sizeof(struct rpmsg_ns_msg) == 40);
static_assert(RPMSG_WIRE_NAME_SIZE == RPMSG_NAME_SIZE);

/**
 * rpmsg_ns_parse() - check a name-service message and decode it
 * @data: the message as received; nothing in it is trusted
 * @len: its length in bytes
 * @little_endian: byte order of the transport
 * @chinfo: on success, the channel: the announced name, %RPMSG_ADDR_ANY as
 *	    local address and the announced address as remote one
 * @flags: on success, %RPMSG_NS_CREATE or %RPMSG_NS_DESTROY
 *
 * A message is accepted when it is exactly sizeof(struct rpmsg_ns_msg)
 * bytes, its name is non-empty and NUL-terminated within the array, its
 * flags are one of the two known values, and its address is not
 * %RPMSG_ADDR_ANY (a create needs one; a destroy names exactly one
 * channel, never a wildcard).  Checks run in that order; the first failing
 * one gives the verdict.  Nothing is written on failure.
 *
 * Context: any context.
 * Return: %RPMSG_NS_OK or the reason for rejecting the message.
 */
enum rpmsg_ns_verdict rpmsg_ns_parse(const void *data, int len,
				     bool little_endian,
				     struct rpmsg_channel_info *chinfo,
				     u32 *flags)
{
	const struct rpmsg_ns_msg *msg = data;
	size_t name_len;
	u32 kind, addr;

	if (!data || len != sizeof(*msg))
		return RPMSG_NS_BAD_SIZE;

	name_len = strnlen(msg->name, sizeof(msg->name));
	if (!name_len || name_len == sizeof(msg->name))
		return RPMSG_NS_BAD_NAME;

	kind = __rpmsg32_to_cpu(little_endian, msg->flags);
	if (kind != RPMSG_NS_CREATE && kind != RPMSG_NS_DESTROY)
		return RPMSG_NS_BAD_FLAGS;

	addr = __rpmsg32_to_cpu(little_endian, msg->addr);
	if (addr == RPMSG_ADDR_ANY)
		return RPMSG_NS_BAD_ADDR;

	memset(chinfo, 0, sizeof(*chinfo));
	memcpy(chinfo->name, msg->name, name_len);
	chinfo->src = RPMSG_ADDR_ANY;
	chinfo->dst = addr;
	*flags = kind;
	return RPMSG_NS_OK;
}
EXPORT_SYMBOL_GPL(rpmsg_ns_parse);
