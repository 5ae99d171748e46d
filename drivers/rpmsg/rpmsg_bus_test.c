// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the rpmsg bus with a fake transport: matching, the default
 * endpoint, announcements, lookup and removal of channels, and the argument
 * checks of the client API.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/remoteproc/live_objects.h>
#include <linux/remoteproc/wire.h>

#include "rpmsg_internal.h"

#define FAKE_DRV_NAME	"rpmsg_kunit_drv"
#define FAKE_SVC_NAME	"rpmsg-kunit-svc"
#define FAKE_BAD_DST	0xbad

/*
 * Channels are released asynchronously when the kernel delays kobject
 * releases (DEBUG_KOBJECT_RELEASE): a test waits for the releases it
 * counts, and each test waits for all of its channels before the next one.
 */
#define FAKE_RELEASE_TIMEOUT	(10 * HZ)

/* What the fake transport and the fake driver saw during one test. */
struct fake_bus {
	struct device *parent;
	u32 next_addr;
	u32 busy_addr;
	int epts_created;
	int epts_destroyed;
	int announced;
	int withdrawn;
	int probed;
	int removed;
	struct live_objects live;
	atomic_t released;
};

/* One per suite: channel releases may come after their test returned. */
static struct fake_bus fake_bus;

struct fake_chan {
	struct rpmsg_device rpdev;
	struct fake_bus *bus;
};

static struct fake_bus *fake_bus_of(struct rpmsg_device *rpdev)
{
	return container_of(rpdev, struct fake_chan, rpdev)->bus;
}

/* ---- the fake transport ---- */

static void fake_destroy_ept(struct rpmsg_endpoint *ept)
{
	fake_bus_of(ept->rpdev)->epts_destroyed++;
	kfree(ept);
}

static int fake_send(struct rpmsg_endpoint *ept, void *data, int len)
{
	return len;
}

static const struct rpmsg_endpoint_ops fake_ept_ops = {
	.destroy_ept = fake_destroy_ept,
	.send = fake_send,
};

static struct rpmsg_endpoint *fake_create_ept(struct rpmsg_device *rpdev,
					      rpmsg_rx_cb_t cb, void *priv,
					      struct rpmsg_channel_info chinfo)
{
	struct fake_bus *bus = fake_bus_of(rpdev);
	struct rpmsg_endpoint *ept;

	/* Another endpoint has that address. */
	if (chinfo.src != RPMSG_ADDR_ANY && chinfo.src == bus->busy_addr)
		return NULL;

	ept = kzalloc(sizeof(*ept), GFP_KERNEL);
	if (!ept)
		return NULL;
	kref_init(&ept->refcount);
	mutex_init(&ept->cb_lock);
	ept->rpdev = rpdev;
	ept->ops = &fake_ept_ops;
	ept->cb = cb;
	ept->priv = priv;
	ept->addr = chinfo.src == RPMSG_ADDR_ANY ? bus->next_addr++ : chinfo.src;
	bus->epts_created++;
	return ept;
}

static int fake_announce_create(struct rpmsg_device *rpdev)
{
	fake_bus_of(rpdev)->announced++;
	return 0;
}

static int fake_announce_destroy(struct rpmsg_device *rpdev)
{
	fake_bus_of(rpdev)->withdrawn++;
	return 0;
}

static const struct rpmsg_device_ops fake_dev_ops = {
	.create_ept = fake_create_ept,
	.announce_create = fake_announce_create,
	.announce_destroy = fake_announce_destroy,
};

static void fake_chan_release(struct device *dev)
{
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);

	struct fake_bus *bus = fake_bus_of(rpdev);

	kfree(rpdev->driver_override);
	kfree(container_of(rpdev, struct fake_chan, rpdev));
	atomic_inc(&bus->released);
	live_objects_put(&bus->live);
}

/* Whether all @n channels of this test are released, after waiting. */
static bool fake_released(struct fake_bus *bus, int n)
{
	live_objects_wait_timeout(&bus->live, FAKE_RELEASE_TIMEOUT);
	return atomic_read(&bus->released) == n;
}

/*
 * Registers a channel with local address @src; NULL when registration
 * failed (already released).
 */
static struct rpmsg_device *fake_chan_add_src(struct kunit *test,
					      const char *name, u32 src,
					      u32 dst, bool announce,
					      const char *override)
{
	struct fake_bus *bus = test->priv;
	struct fake_chan *chan;
	int err;

	chan = kzalloc(sizeof(*chan), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, chan);
	chan->bus = bus;
	chan->rpdev.ops = &fake_dev_ops;
	chan->rpdev.src = src;
	chan->rpdev.dst = dst;
	chan->rpdev.announce = announce;
	chan->rpdev.little_endian = true;
	strscpy(chan->rpdev.id.name, name, sizeof(chan->rpdev.id.name));
	chan->rpdev.dev.parent = bus->parent;
	chan->rpdev.dev.release = fake_chan_release;

	live_objects_get(&bus->live);
	err = rpmsg_register_device_override(&chan->rpdev, override);
	KUNIT_EXPECT_EQ(test, err, 0);
	return err ? NULL : &chan->rpdev;
}

/* The same, the transport choosing the local address. */
static struct rpmsg_device *fake_chan_add(struct kunit *test,
					  const char *name, u32 dst,
					  bool announce, const char *override)
{
	return fake_chan_add_src(test, name, RPMSG_ADDR_ANY, dst, announce,
				 override);
}

/* ---- the fake client driver ---- */

static int fake_drv_cb(struct rpmsg_device *rpdev, void *data, int len,
		       void *priv, u32 src)
{
	return 0;
}

static int fake_drv_probe(struct rpmsg_device *rpdev)
{
	fake_bus_of(rpdev)->probed++;
	return rpdev->dst == FAKE_BAD_DST ? -ENODEV : 0;
}

static void fake_drv_remove(struct rpmsg_device *rpdev)
{
	fake_bus_of(rpdev)->removed++;
}

static const struct rpmsg_device_id fake_drv_ids[] = {
	{ .name = FAKE_SVC_NAME },
	{ },
};

static struct rpmsg_driver fake_drv = {
	.drv.name = FAKE_DRV_NAME,
	.id_table = fake_drv_ids,
	.probe = fake_drv_probe,
	.remove = fake_drv_remove,
	.callback = fake_drv_cb,
};

/* ---- fixture ---- */

/*
 * This suite is a module of its own (rpmsg_bus_test.ko) because it needs a
 * registered bus: in a modular build KUnit runs a module's suites while the
 * module is still coming up, before its init function and before its sysfs
 * directory exists.  rpmsg_core.ko is live by then, since this module links
 * against it.  For the missing sysfs directory, neither the root device nor
 * the driver names this module as its owner.  The driver is registered once
 * for the suite: its sysfs directory may outlive its unregistration by
 * seconds (DEBUG_KOBJECT_RELEASE), so registering it again would collide.
 */
static int rpmsg_bus_test_suite_init(struct kunit_suite *suite)
{
	int err;

	fake_bus.parent = __root_device_register("rpmsg_kunit", NULL);
	if (IS_ERR(fake_bus.parent))
		return PTR_ERR(fake_bus.parent);

	err = __register_rpmsg_driver(&fake_drv, NULL);
	if (err)
		root_device_unregister(fake_bus.parent);
	return err;
}

static void rpmsg_bus_test_suite_exit(struct kunit_suite *suite)
{
	unregister_rpmsg_driver(&fake_drv);
	root_device_unregister(fake_bus.parent);
}

static int rpmsg_bus_test_init(struct kunit *test)
{
	struct fake_bus *bus = &fake_bus;

	bus->next_addr = RPMSG_RESERVED_ADDRESSES;
	bus->busy_addr = RPMSG_ADDR_ANY;
	bus->epts_created = 0;
	bus->epts_destroyed = 0;
	bus->announced = 0;
	bus->withdrawn = 0;
	bus->probed = 0;
	bus->removed = 0;
	atomic_set(&bus->released, 0);
	test->priv = bus;
	return 0;
}

static int fake_any_child(struct device *dev, void *data)
{
	return 1;
}

static void rpmsg_bus_test_exit(struct kunit *test)
{
	struct fake_bus *bus = test->priv;
	struct device *dev;

	/* Whatever a failed test left behind */
	while ((dev = device_find_child(bus->parent, NULL, fake_any_child))) {
		device_unregister(dev);
		put_device(dev);
	}
	if (!live_objects_wait_timeout(&bus->live, FAKE_RELEASE_TIMEOUT))
		kunit_err(test, "%d channels still not released\n",
			  live_objects_count(&bus->live));
}

static struct rpmsg_channel_info fake_chinfo(const char *name, u32 dst)
{
	struct rpmsg_channel_info ci = {
		.src = RPMSG_ADDR_ANY,
		.dst = dst,
	};

	strscpy(ci.name, name, sizeof(ci.name));
	return ci;
}

/* ---- tests ---- */

static void rpmsg_bus_test_bind_and_remove(struct kunit *test)
{
	struct fake_bus *bus = test->priv;
	struct rpmsg_channel_info ci = fake_chinfo(FAKE_SVC_NAME,
						   RPMSG_ADDR_ANY);
	struct rpmsg_device *rpdev;

	rpdev = fake_chan_add(test, FAKE_SVC_NAME, 0x50, true, NULL);
	KUNIT_ASSERT_NOT_NULL(test, rpdev);

	KUNIT_EXPECT_EQ(test, bus->probed, 1);
	KUNIT_ASSERT_NOT_NULL(test, rpdev->ept);
	KUNIT_EXPECT_EQ(test, rpdev->ept->addr, (u32)RPMSG_RESERVED_ADDRESSES);
	KUNIT_EXPECT_EQ(test, rpdev->src, rpdev->ept->addr);
	KUNIT_EXPECT_EQ(test, bus->announced, 1);
	KUNIT_EXPECT_STREQ(test, dev_name(&rpdev->dev),
			   "rpmsg_kunit." FAKE_SVC_NAME ".-1.80");
	KUNIT_EXPECT_EQ(test, rpmsg_count_channels(bus->parent, NULL), 1);
	KUNIT_EXPECT_EQ(test, rpmsg_count_channels(bus->parent, rpdev), 0);

	KUNIT_EXPECT_EQ(test, rpmsg_unregister_device(bus->parent, &ci), 0);
	KUNIT_EXPECT_EQ(test, bus->withdrawn, 1);
	KUNIT_EXPECT_EQ(test, bus->removed, 1);
	KUNIT_EXPECT_EQ(test, bus->epts_destroyed, 1);
	KUNIT_EXPECT_TRUE(test, fake_released(bus, 1));

	KUNIT_EXPECT_EQ(test, rpmsg_unregister_device(bus->parent, &ci),
			-EINVAL);
}

static void rpmsg_bus_test_no_announce(struct kunit *test)
{
	struct fake_bus *bus = test->priv;
	struct rpmsg_channel_info ci = fake_chinfo(FAKE_SVC_NAME, 0x51);

	KUNIT_ASSERT_NOT_NULL(test, fake_chan_add(test, FAKE_SVC_NAME, 0x51,
						  false, NULL));
	KUNIT_EXPECT_EQ(test, bus->probed, 1);
	KUNIT_EXPECT_EQ(test, bus->announced, 0);
	KUNIT_EXPECT_EQ(test, rpmsg_unregister_device(bus->parent, &ci), 0);
	KUNIT_EXPECT_EQ(test, bus->withdrawn, 0);
}

static void rpmsg_bus_test_probe_fails(struct kunit *test)
{
	struct fake_bus *bus = test->priv;
	struct rpmsg_channel_info ci = fake_chinfo(FAKE_SVC_NAME, FAKE_BAD_DST);
	struct rpmsg_device *rpdev;

	rpdev = fake_chan_add(test, FAKE_SVC_NAME, FAKE_BAD_DST, true, NULL);
	KUNIT_ASSERT_NOT_NULL(test, rpdev);
	KUNIT_EXPECT_EQ(test, bus->probed, 1);
	KUNIT_EXPECT_NULL(test, rpdev->dev.driver);
	KUNIT_EXPECT_NULL(test, rpdev->ept);
	KUNIT_EXPECT_EQ(test, rpdev->src, (u32)RPMSG_ADDR_ANY);
	KUNIT_EXPECT_EQ(test, bus->epts_created, bus->epts_destroyed);
	KUNIT_EXPECT_EQ(test, bus->announced, 0);
	KUNIT_EXPECT_EQ(test, rpmsg_unregister_device(bus->parent, &ci), 0);
	KUNIT_EXPECT_EQ(test, bus->removed, 0);
}

/*
 * A channel registered without an address keeps the one its default
 * endpoint got from one binding to the next, and gets another when that
 * one was taken while no driver was bound.
 */
static void rpmsg_bus_test_rebind_dynamic(struct kunit *test)
{
	struct fake_bus *bus = test->priv;
	struct rpmsg_device *rpdev;
	u32 addr;

	rpdev = fake_chan_add(test, FAKE_SVC_NAME, 0x52, false, NULL);
	KUNIT_ASSERT_NOT_NULL(test, rpdev);
	KUNIT_ASSERT_NOT_NULL(test, rpdev->ept);
	KUNIT_EXPECT_TRUE(test, rpdev->src_dynamic);
	addr = rpdev->ept->addr;

	device_release_driver(&rpdev->dev);
	KUNIT_EXPECT_NULL(test, rpdev->ept);
	KUNIT_EXPECT_EQ(test, device_driver_attach(&fake_drv.drv, &rpdev->dev),
			0);
	KUNIT_ASSERT_NOT_NULL(test, rpdev->ept);
	KUNIT_EXPECT_EQ(test, rpdev->ept->addr, addr);

	device_release_driver(&rpdev->dev);
	bus->busy_addr = addr;
	KUNIT_EXPECT_EQ(test, device_driver_attach(&fake_drv.drv, &rpdev->dev),
			0);
	KUNIT_ASSERT_NOT_NULL(test, rpdev->ept);
	KUNIT_EXPECT_NE(test, rpdev->ept->addr, addr);
	KUNIT_EXPECT_EQ(test, rpdev->src, rpdev->ept->addr);
	KUNIT_EXPECT_EQ(test, bus->epts_created, bus->epts_destroyed + 1);

	device_unregister(&rpdev->dev);
	KUNIT_EXPECT_TRUE(test, fake_released(bus, 1));
}

/* A fixed address taken while no driver was bound: binding fails, EBUSY. */
static void rpmsg_bus_test_rebind_fixed(struct kunit *test)
{
	struct fake_bus *bus = test->priv;
	struct rpmsg_device *rpdev;

	rpdev = fake_chan_add_src(test, FAKE_SVC_NAME, 0x600, 0x53, false,
				  NULL);
	KUNIT_ASSERT_NOT_NULL(test, rpdev);
	KUNIT_ASSERT_NOT_NULL(test, rpdev->ept);
	KUNIT_EXPECT_FALSE(test, rpdev->src_dynamic);
	KUNIT_EXPECT_EQ(test, rpdev->ept->addr, 0x600U);

	device_release_driver(&rpdev->dev);
	bus->busy_addr = 0x600;
	KUNIT_EXPECT_EQ(test, device_driver_attach(&fake_drv.drv, &rpdev->dev),
			-EBUSY);
	KUNIT_EXPECT_NULL(test, rpdev->dev.driver);
	KUNIT_EXPECT_NULL(test, rpdev->ept);
	KUNIT_EXPECT_EQ(test, rpdev->src, 0x600U);

	bus->busy_addr = RPMSG_ADDR_ANY;
	KUNIT_EXPECT_EQ(test, device_driver_attach(&fake_drv.drv, &rpdev->dev),
			0);
	KUNIT_ASSERT_NOT_NULL(test, rpdev->ept);
	KUNIT_EXPECT_EQ(test, rpdev->ept->addr, 0x600U);

	device_unregister(&rpdev->dev);
	KUNIT_EXPECT_TRUE(test, fake_released(bus, 1));
}

static void rpmsg_bus_test_match(struct kunit *test)
{
	struct fake_bus *bus = test->priv;
	struct rpmsg_device *other, *forced;

	/* An unknown name binds to nothing... */
	other = fake_chan_add(test, "no-such-service", 0x60, false, NULL);
	KUNIT_ASSERT_NOT_NULL(test, other);
	KUNIT_EXPECT_NULL(test, other->dev.driver);
	KUNIT_EXPECT_EQ(test, bus->probed, 0);

	/* ...but driver_override picks the driver, and names the channel */
	forced = fake_chan_add(test, "ignored", 0x61, false, FAKE_DRV_NAME);
	KUNIT_ASSERT_NOT_NULL(test, forced);
	KUNIT_EXPECT_PTR_EQ(test, forced->dev.driver, &fake_drv.drv);
	KUNIT_EXPECT_STREQ(test, forced->id.name, FAKE_DRV_NAME);
	KUNIT_EXPECT_STREQ(test, forced->driver_override, FAKE_DRV_NAME);
	KUNIT_EXPECT_EQ(test, bus->probed, 1);

	device_unregister(&other->dev);
	device_unregister(&forced->dev);
	KUNIT_EXPECT_TRUE(test, fake_released(bus, 2));
}

static void rpmsg_bus_test_find(struct kunit *test)
{
	struct fake_bus *bus = test->priv;
	struct rpmsg_channel_info ci;
	struct rpmsg_device *rpdev;
	struct device *dev;

	rpdev = fake_chan_add(test, "rpmsg-kunit-find", 0x70, false, NULL);
	KUNIT_ASSERT_NOT_NULL(test, rpdev);

	ci = fake_chinfo("rpmsg-kunit-find", RPMSG_ADDR_ANY);
	dev = rpmsg_find_device(bus->parent, &ci);
	KUNIT_EXPECT_PTR_EQ(test, dev, &rpdev->dev);
	put_device(dev);

	ci.dst = 0x70;
	dev = rpmsg_find_device(bus->parent, &ci);
	KUNIT_EXPECT_PTR_EQ(test, dev, &rpdev->dev);
	put_device(dev);

	ci.dst = 0x71;
	KUNIT_EXPECT_NULL(test, rpmsg_find_device(bus->parent, &ci));
	ci = fake_chinfo("rpmsg-kunit-other", RPMSG_ADDR_ANY);
	KUNIT_EXPECT_NULL(test, rpmsg_find_device(bus->parent, &ci));
	KUNIT_EXPECT_NULL(test, rpmsg_find_device(NULL, &ci));

	device_unregister(&rpdev->dev);
}

static void rpmsg_bus_test_api_args(struct kunit *test)
{
	struct rpmsg_device *rpdev;
	struct rpmsg_channel_info ci = fake_chinfo("x", 1);
	struct rpmsg_endpoint *ept;
	char msg[4] = "abc";

	rpdev = fake_chan_add(test, "rpmsg-kunit-api", 0x80, false, NULL);
	KUNIT_ASSERT_NOT_NULL(test, rpdev);
	ept = rpmsg_create_ept(rpdev, NULL, NULL, ci);
	KUNIT_ASSERT_NOT_NULL(test, ept);

	/* NULL arguments */
	KUNIT_EXPECT_EQ(test, rpmsg_send(NULL, msg, 4), -EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_send(ept, NULL, 4), -EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_send(ept, msg, -1), -EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_sendto(NULL, msg, 4, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend_offchannel(NULL, 1, 2, msg, 4),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_get_mtu(NULL), -EINVAL);
	KUNIT_EXPECT_TRUE(test, rpmsg_poll(NULL, NULL, NULL) == EPOLLERR);
	KUNIT_EXPECT_NULL(test, rpmsg_create_ept(NULL, NULL, NULL, ci));
	KUNIT_EXPECT_NULL(test, rpmsg_create_channel(NULL, &ci));
	KUNIT_EXPECT_NULL(test, rpmsg_create_channel(rpdev, NULL));
	KUNIT_EXPECT_EQ(test, rpmsg_release_channel(rpdev, NULL), -EINVAL);
	rpmsg_destroy_ept(NULL);

	/* Implemented: handed to the transport */
	KUNIT_EXPECT_EQ(test, rpmsg_send(ept, msg, 4), 4);
	KUNIT_EXPECT_EQ(test, rpmsg_send(ept, NULL, 0), 0);

	/* Not implemented by the transport */
	KUNIT_EXPECT_EQ(test, rpmsg_sendto(ept, msg, 4, 1), -ENXIO);
	KUNIT_EXPECT_EQ(test, rpmsg_send_offchannel(ept, 1, 2, msg, 4), -ENXIO);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend(ept, msg, 4), -ENXIO);
	KUNIT_EXPECT_EQ(test, rpmsg_trysendto(ept, msg, 4, 1), -ENXIO);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend_offchannel(ept, 1, 2, msg, 4),
			-ENXIO);
	KUNIT_EXPECT_EQ(test, rpmsg_get_mtu(ept), -ENXIO);
	KUNIT_EXPECT_TRUE(test, !rpmsg_poll(ept, NULL, NULL));
	KUNIT_EXPECT_NULL(test, rpmsg_create_channel(rpdev, &ci));
	KUNIT_EXPECT_EQ(test, rpmsg_release_channel(rpdev, &ci), -ENXIO);

	rpmsg_destroy_ept(ept);
	device_unregister(&rpdev->dev);
}

static struct kunit_case rpmsg_bus_test_cases[] = {
	KUNIT_CASE(rpmsg_bus_test_bind_and_remove),
	KUNIT_CASE(rpmsg_bus_test_no_announce),
	KUNIT_CASE(rpmsg_bus_test_probe_fails),
	KUNIT_CASE(rpmsg_bus_test_rebind_dynamic),
	KUNIT_CASE(rpmsg_bus_test_rebind_fixed),
	KUNIT_CASE(rpmsg_bus_test_match),
	KUNIT_CASE(rpmsg_bus_test_find),
	KUNIT_CASE(rpmsg_bus_test_api_args),
	{}
};

static struct kunit_suite rpmsg_bus_test_suite = {
	.name = "rpmsg_bus",
	.suite_init = rpmsg_bus_test_suite_init,
	.suite_exit = rpmsg_bus_test_suite_exit,
	.init = rpmsg_bus_test_init,
	.exit = rpmsg_bus_test_exit,
	.test_cases = rpmsg_bus_test_cases,
};

kunit_test_suite(rpmsg_bus_test_suite);

MODULE_DESCRIPTION("KUnit tests for the rpmsg bus");
MODULE_LICENSE("GPL");
