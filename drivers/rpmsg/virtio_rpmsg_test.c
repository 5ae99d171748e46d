// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the checks the virtio transport applies to every buffer the
 * remote hands back on the rx vring (vrpmsg_rx_parse()).
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "virtio_rpmsg.h"

#define HDR	sizeof(struct rpmsg_hdr)

/* A buffer as the remote would fill it: header, then a recognisable payload. */
static void put_msg(u8 *buf, bool le, u32 src, u32 dst, u16 len)
{
	struct rpmsg_hdr hdr = {
		.src = __cpu_to_rpmsg32(le, src),
		.dst = __cpu_to_rpmsg32(le, dst),
		.len = __cpu_to_rpmsg16(le, len),
	};

	memset(buf, 0xa5, RPMSG_BUF_SIZE);
	memcpy(buf, &hdr, sizeof(hdr));
}

static enum vrpmsg_stat parse(u8 *buf, unsigned int used, bool le,
			      struct vrpmsg_rx_msg *msg)
{
	return vrpmsg_rx_parse(buf, used, RPMSG_BUF_SIZE, le, msg);
}

static void rx_valid_message(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 0x400, 0x401, 5);
	KUNIT_EXPECT_EQ(test, parse(buf, HDR + 5, true, &msg),
			VRPMSG_RX_DELIVERED);
	KUNIT_EXPECT_EQ(test, msg.src, 0x400U);
	KUNIT_EXPECT_EQ(test, msg.dst, 0x401U);
	KUNIT_EXPECT_EQ(test, msg.len, 5);
	KUNIT_EXPECT_PTR_EQ(test, msg.data, (void *)(buf + HDR));
}

static void rx_empty_payload(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, 0);
	KUNIT_EXPECT_EQ(test, parse(buf, HDR, true, &msg), VRPMSG_RX_DELIVERED);
	KUNIT_EXPECT_EQ(test, msg.len, 0);
}

static void rx_full_buffer(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, RPMSG_BUF_SIZE - HDR);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, true, &msg),
			VRPMSG_RX_DELIVERED);
	KUNIT_EXPECT_EQ(test, msg.len, RPMSG_BUF_SIZE - HDR);
}

/* Remotes may report the whole buffer as used: the header length rules. */
static void rx_used_beyond_payload(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, 3);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, true, &msg),
			VRPMSG_RX_DELIVERED);
	KUNIT_EXPECT_EQ(test, msg.len, 3);
}

static void rx_shorter_than_header(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };
	unsigned int used;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, 0);
	for (used = 0; used < HDR; used++)
		KUNIT_EXPECT_EQ_MSG(test, parse(buf, used, true, &msg),
				    VRPMSG_RX_SHORT, "used %u", used);
}

static void rx_used_beyond_buffer(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, 4);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE + 1, true, &msg),
			VRPMSG_RX_OVERSIZE);
	KUNIT_EXPECT_EQ(test, parse(buf, U32_MAX, true, &msg),
			VRPMSG_RX_OVERSIZE);
}

static void rx_len_beyond_used(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, 51);
	KUNIT_EXPECT_EQ(test, parse(buf, HDR + 50, true, &msg),
			VRPMSG_RX_BAD_LEN);
}

static void rx_len_beyond_buffer(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, true, 1, 2, RPMSG_BUF_SIZE - HDR + 1);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, true, &msg),
			VRPMSG_RX_BAD_LEN);
	put_msg(buf, true, 1, 2, U16_MAX);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, true, &msg),
			VRPMSG_RX_BAD_LEN);
}

/* A device without VIRTIO_F_VERSION_1 on a big-endian remote. */
static void rx_big_endian(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, RPMSG_BUF_SIZE, GFP_KERNEL);
	struct vrpmsg_rx_msg msg = { };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_msg(buf, false, 0x12345678, 0x400, 0x0102);
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, false, &msg),
			VRPMSG_RX_DELIVERED);
	KUNIT_EXPECT_EQ(test, msg.src, 0x12345678U);
	KUNIT_EXPECT_EQ(test, msg.dst, 0x400U);
	KUNIT_EXPECT_EQ(test, msg.len, 0x0102);
	/* Read in the wrong order, the length no longer fits. */
	KUNIT_EXPECT_EQ(test, parse(buf, RPMSG_BUF_SIZE, true, &msg),
			VRPMSG_RX_BAD_LEN);
}

static struct kunit_case rpmsg_virtio_rx_cases[] = {
	KUNIT_CASE(rx_valid_message),
	KUNIT_CASE(rx_empty_payload),
	KUNIT_CASE(rx_full_buffer),
	KUNIT_CASE(rx_used_beyond_payload),
	KUNIT_CASE(rx_shorter_than_header),
	KUNIT_CASE(rx_used_beyond_buffer),
	KUNIT_CASE(rx_len_beyond_used),
	KUNIT_CASE(rx_len_beyond_buffer),
	KUNIT_CASE(rx_big_endian),
	{ }
};

static struct kunit_suite rpmsg_virtio_rx_suite = {
	.name = "rpmsg_virtio_rx",
	.test_cases = rpmsg_virtio_rx_cases,
};

kunit_test_suite(rpmsg_virtio_rx_suite);
