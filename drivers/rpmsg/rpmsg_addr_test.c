// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the allocator of local endpoint addresses.
 */

#include <kunit/test.h>
#include <linux/kref.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/remoteproc/wire.h>

#include "rpmsg_internal.h"

#define NR_EPTS	8

struct addr_fixture {
	struct rpmsg_addr_space as;
	struct rpmsg_endpoint ept[NR_EPTS];
};

static int rpmsg_addr_test_init(struct kunit *test)
{
	struct addr_fixture *fx;
	int i;

	fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	if (!fx)
		return -ENOMEM;
	rpmsg_addr_space_init(&fx->as);
	for (i = 0; i < NR_EPTS; i++)
		kref_init(&fx->ept[i].refcount);
	test->priv = fx;
	return 0;
}

static void rpmsg_addr_test_exit(struct kunit *test)
{
	struct addr_fixture *fx = test->priv;

	rpmsg_addr_space_destroy(&fx->as);
}

static void rpmsg_addr_test_dynamic(struct kunit *test)
{
	struct addr_fixture *fx = test->priv;
	int i;

	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test,
				rpmsg_addr_alloc(&fx->as, &fx->ept[i],
						 RPMSG_ADDR_ANY),
				RPMSG_RESERVED_ADDRESSES + i);
}

static void rpmsg_addr_test_reuse(struct kunit *test)
{
	struct addr_fixture *fx = test->priv;

	KUNIT_ASSERT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[0],
					       RPMSG_ADDR_ANY), 1024);
	KUNIT_ASSERT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[1],
					       RPMSG_ADDR_ANY), 1025);
	rpmsg_addr_free(&fx->as, 1024);
	KUNIT_EXPECT_PTR_EQ(test, rpmsg_addr_get_ept(&fx->as, 1024), NULL);
	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[2],
					       RPMSG_ADDR_ANY), 1024);
}

static void rpmsg_addr_test_fixed(struct kunit *test)
{
	struct addr_fixture *fx = test->priv;

	/* Well-known addresses are available on request */
	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[0],
					       RPMSG_NS_ADDR), RPMSG_NS_ADDR);
	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[1],
					       RPMSG_NS_ADDR), -EBUSY);
	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[2], 0), 0);

	/* A fixed dynamic-range address is skipped by later allocations */
	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[3], 1024),
			1024);
	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[4],
					       RPMSG_ADDR_ANY), 1025);
	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[5], 1025),
			-EBUSY);
}

static void rpmsg_addr_test_bad_args(struct kunit *test)
{
	struct addr_fixture *fx = test->priv;

	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[0],
					       RPMSG_ADDR_MAX + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[0],
					       RPMSG_ADDR_ANY - 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(&fx->as, NULL, RPMSG_ADDR_ANY),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(NULL, &fx->ept[0],
					       RPMSG_ADDR_ANY), -EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_addr_alloc(&fx->as, &fx->ept[0],
					       RPMSG_ADDR_MAX), RPMSG_ADDR_MAX);

	/* Freeing what was never allocated does nothing */
	rpmsg_addr_free(&fx->as, 4242);
	rpmsg_addr_free(&fx->as, RPMSG_ADDR_ANY);
	KUNIT_EXPECT_PTR_EQ(test, rpmsg_addr_get_ept(&fx->as, RPMSG_ADDR_ANY),
			    NULL);
}

static void rpmsg_addr_test_lookup_holds(struct kunit *test)
{
	struct addr_fixture *fx = test->priv;
	struct rpmsg_endpoint *ept;
	int addr;

	addr = rpmsg_addr_alloc(&fx->as, &fx->ept[6], RPMSG_ADDR_ANY);
	KUNIT_ASSERT_GE(test, addr, RPMSG_RESERVED_ADDRESSES);

	ept = rpmsg_addr_get_ept(&fx->as, addr);
	KUNIT_EXPECT_PTR_EQ(test, ept, &fx->ept[6]);
	KUNIT_EXPECT_EQ(test, kref_read(&fx->ept[6].refcount), 2u);
	KUNIT_EXPECT_PTR_EQ(test, rpmsg_addr_get_ept(&fx->as, addr + 1), NULL);
}

static struct kunit_case rpmsg_addr_test_cases[] = {
	KUNIT_CASE(rpmsg_addr_test_dynamic),
	KUNIT_CASE(rpmsg_addr_test_reuse),
	KUNIT_CASE(rpmsg_addr_test_fixed),
	KUNIT_CASE(rpmsg_addr_test_bad_args),
	KUNIT_CASE(rpmsg_addr_test_lookup_holds),
	{}
};

static struct kunit_suite rpmsg_addr_test_suite = {
	.name = "rpmsg_addr",
	.init = rpmsg_addr_test_init,
	.exit = rpmsg_addr_test_exit,
	.test_cases = rpmsg_addr_test_cases,
};

kunit_test_suite(rpmsg_addr_test_suite);
