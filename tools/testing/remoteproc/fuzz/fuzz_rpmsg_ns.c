// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_rpmsg_ns - rpmsg_ns_parse() (drivers/rpmsg/rpmsg_ns_msg.c) on any
 * message.
 *
 * Input: one byte of options (bit 0: the transport is little-endian,
 * bit 1: pass a NULL message, bit 2: pass a negative length), then the
 * payload of a message to the name-service address, in a buffer of
 * exactly its size.
 *
 * Contract checked, besides ASan/UBSan: the verdict is the one its
 * kernel-doc describes, checks in its order (size, name, flags, address);
 * on success the channel info holds the name (NUL-terminated, the rest of
 * the array zero), RPMSG_ADDR_ANY as local address and the announced
 * address as remote one, and the flags; on failure nothing is written.
 */

#include "fuzz_common.h"
#include "rpmsg_internal.h"

#define OPT_LE		0x01
#define OPT_NULL	0x02
#define OPT_LEN_NEG	0x04

static enum rpmsg_ns_verdict model_ns(const u8 *msg, long len, bool le,
				      u32 *addr, u32 *kind)
{
	size_t name_len;

	if (!msg || len != 40)
		return RPMSG_NS_BAD_SIZE;
	name_len = strnlen((const char *)msg, 32);
	if (!name_len || name_len == 32)
		return RPMSG_NS_BAD_NAME;
	*addr = le ? get_le32(msg + 32) : __builtin_bswap32(get_le32(msg + 32));
	*kind = le ? get_le32(msg + 36) : __builtin_bswap32(get_le32(msg + 36));
	if (*kind != RPMSG_NS_CREATE && *kind != RPMSG_NS_DESTROY)
		return RPMSG_NS_BAD_FLAGS;
	if (*addr == RPMSG_ADDR_ANY)
		return RPMSG_NS_BAD_ADDR;
	return RPMSG_NS_OK;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct rpmsg_channel_info chinfo, untouched;
	enum rpmsg_ns_verdict v, mv;
	u32 flags = 0xabababab, addr = 0, kind = 0;
	u8 opt, *msg = NULL;
	long len;

	if (!size || size > 4096)
		return 0;
	opt = data[0];
	len = size - 1;
	if (!(opt & OPT_NULL)) {
		msg = malloc(len ? len : 1);
		memcpy(msg, data + 1, len);
	}
	if (opt & OPT_LEN_NEG)
		len = len > 8 ? INT_MIN : -len - 1;

	memset(&chinfo, 0xab, sizeof(chinfo));
	untouched = chinfo;
	v = rpmsg_ns_parse(msg, (int)len, opt & OPT_LE, &chinfo, &flags);
	mv = model_ns(msg, len, opt & OPT_LE, &addr, &kind);
	KSHIM_ASSERT(v == mv, "verdict %d, the model's %d", v, mv);
	if (v != RPMSG_NS_OK) {
		KSHIM_ASSERT(!memcmp(&chinfo, &untouched, sizeof(chinfo)) &&
			     flags == 0xabababab, "a refused message wrote");
	} else {
		size_t n = strnlen((const char *)msg, 32);
		size_t i;

		KSHIM_ASSERT(!memcmp(chinfo.name, msg, n), "name differs");
		for (i = n; i < sizeof(chinfo.name); i++)
			KSHIM_ASSERT(!chinfo.name[i], "name byte %zu not zero", i);
		KSHIM_ASSERT(chinfo.src == RPMSG_ADDR_ANY && chinfo.dst == addr &&
			     flags == kind, "src %#x dst %#x flags %u",
			     chinfo.src, chinfo.dst, flags);
	}
	free(msg);
	return 0;
}
