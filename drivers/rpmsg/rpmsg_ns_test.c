// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the checks applied to name-service messages from the remote.
 */

#include <kunit/test.h>
#include <linux/rpmsg.h>
#include <linux/string.h>
#include <linux/remoteproc/wire.h>

#include "rpmsg_internal.h"

/* A well-formed message, in the given byte order. */
static void ns_msg_fill(struct rpmsg_ns_msg *msg, bool le, const char *name,
			u32 addr, u32 flags)
{
	memset(msg, 0, sizeof(*msg));
	strscpy(msg->name, name, sizeof(msg->name));
	msg->addr = __cpu_to_rpmsg32(le, addr);
	msg->flags = __cpu_to_rpmsg32(le, flags);
}

static enum rpmsg_ns_verdict ns_parse(const struct rpmsg_ns_msg *msg, int len,
				      bool le, struct rpmsg_channel_info *ci,
				      u32 *flags)
{
	return rpmsg_ns_parse(msg, len, le, ci, flags);
}

static void rpmsg_ns_test_create(struct kunit *test)
{
	struct rpmsg_channel_info ci;
	struct rpmsg_ns_msg msg;
	u32 flags = 0xdead;

	ns_msg_fill(&msg, true, "rpmsg-client-sample", 0x400, RPMSG_NS_CREATE);
	KUNIT_ASSERT_EQ(test, ns_parse(&msg, sizeof(msg), true, &ci, &flags),
			RPMSG_NS_OK);
	KUNIT_EXPECT_STREQ(test, ci.name, "rpmsg-client-sample");
	KUNIT_EXPECT_EQ(test, ci.src, (u32)RPMSG_ADDR_ANY);
	KUNIT_EXPECT_EQ(test, ci.dst, 0x400u);
	KUNIT_EXPECT_EQ(test, flags, (u32)RPMSG_NS_CREATE);
}

static void rpmsg_ns_test_destroy_big_endian(struct kunit *test)
{
	struct rpmsg_channel_info ci;
	struct rpmsg_ns_msg msg;
	u32 flags;

	ns_msg_fill(&msg, false, "rpmsg-raw", 0x12345, RPMSG_NS_DESTROY);
	KUNIT_ASSERT_EQ(test, ns_parse(&msg, sizeof(msg), false, &ci, &flags),
			RPMSG_NS_OK);
	KUNIT_EXPECT_EQ(test, ci.dst, 0x12345u);
	KUNIT_EXPECT_EQ(test, flags, (u32)RPMSG_NS_DESTROY);
}

static void rpmsg_ns_test_size(struct kunit *test)
{
	struct rpmsg_channel_info ci;
	u8 buf[sizeof(struct rpmsg_ns_msg) + 8];
	struct rpmsg_ns_msg *msg = (struct rpmsg_ns_msg *)buf;
	static const int lens[] = { -1, 0, 1, 36, 39, 41, 48, INT_MAX };
	u32 flags;
	int i;

	ns_msg_fill(msg, true, "x", 1024, RPMSG_NS_CREATE);
	for (i = 0; i < ARRAY_SIZE(lens); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    ns_parse(msg, lens[i], true, &ci, &flags),
				    RPMSG_NS_BAD_SIZE, "len %d", lens[i]);
	KUNIT_EXPECT_EQ(test, rpmsg_ns_parse(NULL, sizeof(*msg), true, &ci,
					     &flags), RPMSG_NS_BAD_SIZE);
}

static void rpmsg_ns_test_name(struct kunit *test)
{
	struct rpmsg_channel_info ci;
	struct rpmsg_ns_msg msg;
	u32 flags;

	/* No NUL anywhere in the array */
	ns_msg_fill(&msg, true, "", 1024, RPMSG_NS_CREATE);
	memset(msg.name, 'a', sizeof(msg.name));
	KUNIT_EXPECT_EQ(test, ns_parse(&msg, sizeof(msg), true, &ci, &flags),
			RPMSG_NS_BAD_NAME);

	/* Empty name */
	ns_msg_fill(&msg, true, "", 1024, RPMSG_NS_CREATE);
	KUNIT_EXPECT_EQ(test, ns_parse(&msg, sizeof(msg), true, &ci, &flags),
			RPMSG_NS_BAD_NAME);

	/* The longest name that fits: 31 characters and the NUL */
	memset(msg.name, 'b', sizeof(msg.name) - 1);
	msg.name[sizeof(msg.name) - 1] = '\0';
	KUNIT_ASSERT_EQ(test, ns_parse(&msg, sizeof(msg), true, &ci, &flags),
			RPMSG_NS_OK);
	KUNIT_EXPECT_EQ(test, strlen(ci.name), sizeof(msg.name) - 1);

	/* Bytes after the NUL are ignored, not copied */
	ns_msg_fill(&msg, true, "ab", 1024, RPMSG_NS_CREATE);
	msg.name[5] = 'z';
	KUNIT_ASSERT_EQ(test, ns_parse(&msg, sizeof(msg), true, &ci, &flags),
			RPMSG_NS_OK);
	KUNIT_EXPECT_STREQ(test, ci.name, "ab");
	KUNIT_EXPECT_EQ(test, ci.name[5], 0);
}

static void rpmsg_ns_test_flags(struct kunit *test)
{
	static const u32 bad[] = { 2, 3, 0x100, 0x80000000, 0xffffffff };
	struct rpmsg_channel_info ci;
	struct rpmsg_ns_msg msg;
	u32 flags;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ns_msg_fill(&msg, true, "svc", 1024, bad[i]);
		KUNIT_EXPECT_EQ_MSG(test,
				    ns_parse(&msg, sizeof(msg), true, &ci, &flags),
				    RPMSG_NS_BAD_FLAGS, "flags 0x%x", bad[i]);
	}
}

static void rpmsg_ns_test_addr(struct kunit *test)
{
	struct rpmsg_channel_info ci;
	struct rpmsg_ns_msg msg;
	u32 flags;

	ns_msg_fill(&msg, true, "svc", RPMSG_ADDR_ANY, RPMSG_NS_CREATE);
	KUNIT_EXPECT_EQ(test, ns_parse(&msg, sizeof(msg), true, &ci, &flags),
			RPMSG_NS_BAD_ADDR);

	/* A destroy names exactly one channel: no wildcard either */
	ns_msg_fill(&msg, true, "svc", RPMSG_ADDR_ANY, RPMSG_NS_DESTROY);
	KUNIT_EXPECT_EQ(test, ns_parse(&msg, sizeof(msg), true, &ci, &flags),
			RPMSG_NS_BAD_ADDR);
}

/* A rejected message leaves the outputs alone. */
static void rpmsg_ns_test_no_output_on_error(struct kunit *test)
{
	struct rpmsg_channel_info ci;
	struct rpmsg_ns_msg msg;
	u32 flags = 7;

	memset(&ci, 0x5a, sizeof(ci));
	ns_msg_fill(&msg, true, "svc", 1024, 9);
	KUNIT_EXPECT_EQ(test, ns_parse(&msg, sizeof(msg), true, &ci, &flags),
			RPMSG_NS_BAD_FLAGS);
	KUNIT_EXPECT_EQ(test, flags, 7u);
	KUNIT_EXPECT_EQ(test, (u8)ci.name[0], 0x5a);
}

static struct kunit_case rpmsg_ns_test_cases[] = {
	KUNIT_CASE(rpmsg_ns_test_create),
	KUNIT_CASE(rpmsg_ns_test_destroy_big_endian),
	KUNIT_CASE(rpmsg_ns_test_size),
	KUNIT_CASE(rpmsg_ns_test_name),
	KUNIT_CASE(rpmsg_ns_test_flags),
	KUNIT_CASE(rpmsg_ns_test_addr),
	KUNIT_CASE(rpmsg_ns_test_no_output_on_error),
	{}
};

static struct kunit_suite rpmsg_ns_test_suite = {
	.name = "rpmsg_ns",
	.test_cases = rpmsg_ns_test_cases,
};

kunit_test_suite(rpmsg_ns_test_suite);
