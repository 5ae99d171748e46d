// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the life cycle of a remote processor (remoteproc_boot.c,
 * remoteproc_bringup.c, remoteproc_crash.c, registration in
 * remoteproc_core.c) on a fake platform, through the calls kernel users
 * and user space make: power references, attach and detach, auto boot,
 * crashes and recovery (attach on recovery included), the panic notifier,
 * removal, and what rproc_add() refuses.
 *
 * The fake remote needs neither an emulator nor a firmware file: most
 * tests mark it as started by a bootloader, so that the first power
 * reference attaches to it.  Everything that boots from a file (recovery,
 * a boot after a stop, auto boot of an offline remote) fails for want of
 * one, and that is tested too.  Its &rproc_ops.prepare registers a
 * carveout each time, as real platform drivers do.  Each step checks the
 * state, both kinds of power reference, which platform operations ran and
 * how often, and that a failed step leaves nothing held; every case ends
 * checking that each registered carveout was released once and each
 * successful prepare undone; the last case checks that every remote was
 * released.
 */

#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/remoteproc.h>
#include <linux/remoteproc/live_objects.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "remoteproc_internal.h"

MODULE_IMPORT_NS(REMOTEPROC_INTERNAL);

#define FAKE_NAME	"kunit-fake"
/* Installed nowhere: every boot from a file fails with -ENOENT. */
#define FAKE_FIRMWARE	"rproc-kunit-no-such.elf"
/*
 * The live resource table: a header with at most one entry, then filler.
 * Room for the offset, the entry's type and a carveout or devmem body.
 */
#define FAKE_TABLE_SIZE	(sizeof(struct resource_table) + sizeof(u32) + \
			 sizeof(struct fw_rsc_hdr) + \
			 sizeof(struct fw_rsc_carveout) + 16)
#define FAKE_FILLER	0x5a

/* The region &rproc_ops.prepare registers before each boot or attach. */
#define FAKE_CARVEOUT		"kunit-sram"
#define FAKE_CARVEOUT_DA	0x20000000
#define FAKE_CARVEOUT_LEN	SZ_4K

/* What &rproc_ops.panic asks the panic notifier to wait. */
#define FAKE_PANIC_MS		7

/*
 * Releases of &rproc.dev run code of this module (see fake_track()) and
 * come late under DEBUG_KOBJECT_RELEASE: 1 to 4 s for the character
 * device's kobject, which holds the device, then as much for the device.
 */
#define FAKE_RELEASE_TIMEOUT	(30 * HZ)

/* One fake remote: what its platform operations saw and must do. */
struct fake_remote {
	struct rproc *rproc;
	bool added;
	bool deleted;

	/* Calls of each operation. */
	int starts;
	int stops;
	int attaches;
	int detaches;
	int kicks;
	int da_to_vas;
	int coredumps;
	int prepares;
	int unprepares;
	int panics;

	/* Carveouts &rproc_ops.prepare registered, and those released. */
	int carveouts_added;
	int carveouts_released;
	void *carveout_mem;

	/* What the operations return; 0 for success. */
	int attach_err;
	int detach_err;
	int stop_err;
	int prepare_err;
	int prepare_fails;
	/* &rproc_ops.get_loaded_rsc_table fails with this. */
	int live_table_err;
	/* &rproc_ops.stop reports a crash, as a late watchdog would. */
	bool crash_in_stop;

	/* The running remote's resource table, NULL for none. */
	struct resource_table *live_table;
	/* What it held before the first attach. */
	u8 live_orig[FAKE_TABLE_SIZE];
};

/* The parent of every fake remote, for the whole suite. */
static struct device *fake_parent;

/* Remotes freed by a test and not yet released. */
static struct live_objects fake_live = LIVE_OBJECTS_INIT;

static struct fake_remote *fake_of(struct rproc *rproc)
{
	return *(struct fake_remote **)rproc->priv;
}

/* ---- the fake platform driver ---- */

static int fake_start(struct rproc *rproc)
{
	fake_of(rproc)->starts++;
	return 0;
}

static int fake_stop(struct rproc *rproc)
{
	struct fake_remote *fake = fake_of(rproc);

	fake->stops++;
	if (fake->crash_in_stop)
		rproc_report_crash(rproc, RPROC_WATCHDOG);
	return fake->stop_err;
}

static int fake_attach(struct rproc *rproc)
{
	struct fake_remote *fake = fake_of(rproc);

	fake->attaches++;
	return fake->attach_err;
}

static int fake_detach(struct rproc *rproc)
{
	struct fake_remote *fake = fake_of(rproc);

	fake->detaches++;
	return fake->detach_err;
}

static void fake_kick(struct rproc *rproc, int vqid)
{
	fake_of(rproc)->kicks++;
}

static void *fake_da_to_va(struct rproc *rproc, u64 da, size_t len,
			   bool *is_iomem)
{
	fake_of(rproc)->da_to_vas++;
	return NULL;
}

static struct resource_table *fake_get_loaded_rsc_table(struct rproc *rproc,
							size_t *size)
{
	struct fake_remote *fake = fake_of(rproc);

	if (fake->live_table_err)
		return ERR_PTR(fake->live_table_err);
	*size = fake->live_table ? FAKE_TABLE_SIZE : 0;
	return fake->live_table;
}

static void fake_coredump(struct rproc *rproc)
{
	fake_of(rproc)->coredumps++;
}

static int fake_release_carveout(struct rproc *rproc,
				 struct rproc_mem_entry *mem)
{
	fake_of(rproc)->carveouts_released++;
	return 0;
}

/* Register a ready-made region, as a platform driver's prepare does. */
static int fake_prepare(struct rproc *rproc)
{
	struct fake_remote *fake = fake_of(rproc);
	struct rproc_mem_entry *mem;

	fake->prepares++;
	mem = rproc_mem_entry_init(&rproc->dev, fake->carveout_mem, 0,
				   FAKE_CARVEOUT_LEN, FAKE_CARVEOUT_DA, NULL,
				   fake_release_carveout, FAKE_CARVEOUT);
	if (!mem)
		return -ENOMEM;
	rproc_add_carveout(rproc, mem);
	fake->carveouts_added++;
	/* Failing after registering: the framework must still free it. */
	if (fake->prepare_err)
		fake->prepare_fails++;
	return fake->prepare_err;
}

static int fake_unprepare(struct rproc *rproc)
{
	fake_of(rproc)->unprepares++;
	return 0;
}

static unsigned long fake_panic(struct rproc *rproc)
{
	fake_of(rproc)->panics++;
	return FAKE_PANIC_MS;
}

static const struct rproc_ops fake_ops = {
	.prepare		= fake_prepare,
	.unprepare		= fake_unprepare,
	.start			= fake_start,
	.stop			= fake_stop,
	.attach			= fake_attach,
	.detach			= fake_detach,
	.kick			= fake_kick,
	.da_to_va		= fake_da_to_va,
	.get_loaded_rsc_table	= fake_get_loaded_rsc_table,
	.coredump		= fake_coredump,
	.panic			= fake_panic,
};

/* How fake_add() sets the remote up; without FAKE_DETACHED it is offline. */
#define FAKE_DETACHED	BIT(0)	/* a bootloader started it: attach to it */
#define FAKE_RECOVERY	BIT(1)	/* recover it when it crashes */
#define FAKE_AUTO_BOOT	BIT(2)	/* bring it up from rproc_add() */
#define FAKE_NO_DETACH	BIT(3)	/* the platform cannot detach */
#define FAKE_REATTACH	BIT(4)	/* RPROC_FEAT_ATTACH_ON_RECOVERY */
#define FAKE_IOMMU	BIT(5)	/* the remote sits behind an IOMMU */

/* Allocate the test's fake remote, as @flags say, without adding it. */
static struct rproc *fake_alloc(struct kunit *test, unsigned long flags)
{
	struct fake_remote *fake = test->priv;
	struct rproc_ops ops = fake_ops;
	struct rproc *rproc;

	/* rproc_alloc() takes a copy: @ops may live on the stack. */
	if (flags & FAKE_NO_DETACH)
		ops.detach = NULL;
	rproc = rproc_alloc(fake_parent, FAKE_NAME, &ops, FAKE_FIRMWARE,
			    sizeof(fake));
	KUNIT_ASSERT_NOT_NULL(test, rproc);
	*(struct fake_remote **)rproc->priv = fake;
	fake->rproc = rproc;

	rproc->auto_boot = flags & FAKE_AUTO_BOOT;
	rproc->recovery_disabled = !(flags & FAKE_RECOVERY);
	rproc->has_iommu = flags & FAKE_IOMMU;
	if (flags & FAKE_REATTACH)
		KUNIT_ASSERT_EQ(test, 0,
				rproc_set_feature(rproc,
						  RPROC_FEAT_ATTACH_ON_RECOVERY));
	if (flags & FAKE_DETACHED)
		rproc->state = RPROC_DETACHED;
	return rproc;
}

/* Register the test's fake remote, as @flags say. */
static struct fake_remote *fake_add(struct kunit *test, unsigned long flags)
{
	struct fake_remote *fake = test->priv;

	KUNIT_ASSERT_EQ(test, rproc_add(fake_alloc(test, flags)), 0);
	fake->added = true;
	return fake;
}

/*
 * What the fake remote's table holds besides its header, when it has one:
 * nothing, a carveout entry naming the prepared region, or a devmem entry.
 */
enum fake_entry {
	FAKE_NO_ENTRY,
	FAKE_CARVEOUT_ENTRY,
	FAKE_DEVMEM_ENTRY,
};

/* Give the fake remote a valid resource table to be found when attaching. */
static void fake_add_live_table(struct kunit *test, struct fake_remote *fake,
				enum fake_entry entry)
{
	struct resource_table *table;
	struct fw_rsc_carveout *co;
	struct fw_rsc_hdr *hdr;

	table = kunit_kzalloc(test, FAKE_TABLE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, table);
	memset(table, FAKE_FILLER, FAKE_TABLE_SIZE);
	table->ver = RPROC_RSC_TABLE_VERSION;
	table->num = 0;
	table->reserved[0] = 0;
	table->reserved[1] = 0;
	if (entry != FAKE_NO_ENTRY) {
		/* A devmem entry has the layout of a carveout entry. */
		table->num = 1;
		table->offset[0] = sizeof(*table) + sizeof(u32);
		hdr = (void *)table + table->offset[0];
		hdr->type = entry == FAKE_DEVMEM_ENTRY ? RSC_DEVMEM :
							 RSC_CARVEOUT;
		co = (void *)hdr->data;
		memset(co, 0, sizeof(*co));
		co->da = FAKE_CARVEOUT_DA;
		co->pa = FW_RSC_ADDR_ANY;
		co->len = FAKE_CARVEOUT_LEN;
		strscpy((char *)co->name, FAKE_CARVEOUT, sizeof(co->name));
	}
	memcpy(fake->live_orig, table, FAKE_TABLE_SIZE);
	fake->live_table = table;
}

static int fake_del(struct fake_remote *fake)
{
	fake->deleted = true;
	return rproc_del(fake->rproc);
}

/* Report a crash and wait until it has been handled (or ignored). */
static void fake_crash(struct fake_remote *fake, enum rproc_crash_type type)
{
	rproc_report_crash(fake->rproc, type);
	flush_work(&fake->rproc->crash_handler);
}

/*
 * Wait until the firmware loader answered the auto boot's request and the
 * answer was acted upon: the callback clears &rproc.fw_pending and boots
 * (or does not) in one section under &rproc.lock.
 */
static bool fake_wait_auto_boot(struct rproc *rproc)
{
	int i;

	for (i = 0; i < 100 && READ_ONCE(rproc->fw_pending); i++)
		msleep(50);
	mutex_lock(&rproc->lock);
	mutex_unlock(&rproc->lock);
	return !READ_ONCE(rproc->fw_pending);
}

/* ---- checks ---- */

/* The state and both kinds of power reference after @step. */
static void expect_remote(struct kunit *test, struct rproc *rproc,
			  const char *step, unsigned int state, int power,
			  bool user_powered)
{
	KUNIT_EXPECT_EQ_MSG(test, rproc->state, state, "state %s", step);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&rproc->power), power,
			    "power references %s", step);
	KUNIT_EXPECT_EQ_MSG(test, rproc->user_powered, user_powered,
			    "user space reference %s", step);
}

/* Nothing of a boot or an attach is left after @step. */
static void expect_holds_nothing(struct kunit *test, struct rproc *rproc,
				 const char *step)
{
	KUNIT_EXPECT_FALSE_MSG(test, rproc->powered, "powered %s", step);
	KUNIT_EXPECT_NULL_MSG(test, rproc->table_ptr, "table %s", step);
	KUNIT_EXPECT_NULL_MSG(test, rproc->cached_table, "copy %s", step);
	KUNIT_EXPECT_NULL_MSG(test, rproc->clean_table, "clean copy %s", step);
	KUNIT_EXPECT_EQ_MSG(test, rproc->table_sz, (size_t)0, "size %s", step);
	KUNIT_EXPECT_TRUE_MSG(test, list_empty(&rproc->carveouts),
			      "carveouts %s", step);
	KUNIT_EXPECT_TRUE_MSG(test, list_empty(&rproc->rvdevs),
			      "vdevs %s", step);
	KUNIT_EXPECT_TRUE_MSG(test, list_empty(&rproc->traces),
			      "traces %s", step);
}

/* The remote's table was given back as it was before attaching. */
static void expect_live_table_intact(struct kunit *test,
				     struct fake_remote *fake)
{
	KUNIT_EXPECT_EQ(test, memcmp(fake->live_table, fake->live_orig,
				     FAKE_TABLE_SIZE), 0);
}

/* ---- fixture ---- */

/*
 * This suite is a module of its own, remoteproc_power_test.ko, because it
 * needs remoteproc.ko initialised (its class registered, its crash
 * workqueue allocated): in a modular build KUnit runs a module's suites
 * while the module is still coming up, before its init function runs and
 * before its sysfs directory exists.  remoteproc.ko is live by then, since
 * this module links against it; and the root device names no module as
 * its owner, so it needs no sysfs directory of ours.
 */
static int rproc_power_test_suite_init(struct kunit_suite *suite)
{
	struct device *parent;

	parent = __root_device_register("rproc_kunit", NULL);
	if (IS_ERR(parent))
		return PTR_ERR(parent);
	fake_parent = parent;
	return 0;
}

static void rproc_power_test_suite_exit(struct kunit_suite *suite)
{
	/* The module must not go while a release can still call into it. */
	if (!live_objects_wait_timeout(&fake_live, FAKE_RELEASE_TIMEOUT))
		pr_err("remoteproc_power: %d fake remote(s) not released\n",
		       live_objects_count(&fake_live));
	root_device_unregister(fake_parent);
	fake_parent = NULL;
}

static int rproc_power_test_init(struct kunit *test)
{
	struct fake_remote *fake;

	fake = kunit_kzalloc(test, sizeof(*fake), GFP_KERNEL);
	if (!fake)
		return -ENOMEM;
	fake->carveout_mem = kunit_kzalloc(test, FAKE_CARVEOUT_LEN, GFP_KERNEL);
	if (!fake->carveout_mem)
		return -ENOMEM;
	test->priv = fake;
	return 0;
}

/* Runs when the last lifetime reference of a deleted remote goes. */
static void fake_rproc_released(void *unused)
{
	live_objects_put(&fake_live);
}

/*
 * Count the release of a remote about to be freed.  device_del() runs the
 * devres actions of a device, device_release() those added later: added
 * after rproc_del(), the action runs with the last put_device().
 */
static void fake_track(struct kunit *test, struct rproc *rproc)
{
	live_objects_get(&fake_live);
	if (devm_add_action(&rproc->dev, fake_rproc_released, NULL)) {
		live_objects_put(&fake_live);
		kunit_err(test, "cannot track the release of %s\n",
			  dev_name(&rproc->dev));
	}
}

static void rproc_power_test_exit(struct kunit *test)
{
	struct fake_remote *fake = test->priv;
	struct rproc *rproc = fake->rproc;

	if (!rproc)
		return;
	if (fake->added && !fake->deleted)
		rproc_del(rproc);

	/* Nothing here uses vrings or translates addresses. */
	KUNIT_EXPECT_EQ(test, fake->kicks, 0);
	KUNIT_EXPECT_EQ(test, fake->da_to_vas, 0);

	/* Whatever happened, each region went once, each prepare was undone. */
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->carveouts));
	KUNIT_EXPECT_EQ(test, fake->carveouts_released, fake->carveouts_added);
	KUNIT_EXPECT_EQ(test, fake->unprepares,
			fake->prepares - fake->prepare_fails);

	fake_track(test, rproc);
	rproc_free(rproc);
}

/* ---- power references ---- */

/* Only the first boot attaches, only the last shutdown stops. */
static void rproc_power_test_boot_nested(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED);
	struct rproc *rproc = fake->rproc;
	int i;

	expect_remote(test, rproc, "after rproc_add()", RPROC_DETACHED, 0,
		      false);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	expect_remote(test, rproc, "after 3 boots", RPROC_ATTACHED, 3, false);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);
	KUNIT_EXPECT_TRUE(test, rproc->powered);

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	expect_remote(test, rproc, "after 2 shutdowns", RPROC_ATTACHED, 1,
		      false);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);

	/* An attached remote is stopped, not detached, by the last one. */
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	expect_remote(test, rproc, "after 3 shutdowns", RPROC_OFFLINE, 0,
		      false);
	expect_holds_nothing(test, rproc, "after 3 shutdowns");
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, fake->detaches, 0);

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);

	/* Stopped, it runs nothing any more: booting needs the file. */
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -ENOENT);
	expect_remote(test, rproc, "after a boot without firmware",
		      RPROC_OFFLINE, 0, false);
	expect_holds_nothing(test, rproc, "after a boot without firmware");
	KUNIT_EXPECT_EQ(test, fake->starts, 0);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);
}

/* rproc_shutdown() cannot drop a reference nobody in the kernel took. */
static void rproc_power_test_shutdown_unbalanced(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED);
	struct rproc *rproc = fake->rproc;

	KUNIT_EXPECT_EQ(test, rproc_boot(NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_detach(NULL), -EINVAL);

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), -EINVAL);
	expect_remote(test, rproc, "after shutdown without boot",
		      RPROC_DETACHED, 0, false);
	KUNIT_EXPECT_EQ(test, fake->attaches, 0);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);
	KUNIT_EXPECT_EQ(test, fake->detaches, 0);

	/* Nor the one user space holds. */
	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), -EINVAL);
	expect_remote(test, rproc, "after the kernel dropped user space's",
		      RPROC_ATTACHED, 1, true);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);
	KUNIT_EXPECT_EQ(test, fake->detaches, 0);

	KUNIT_EXPECT_EQ(test, rproc_user_shutdown(rproc), 0);
	expect_remote(test, rproc, "after stop", RPROC_OFFLINE, 0, false);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, rproc_user_shutdown(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
}

/* User space cannot drop a reference a kernel user holds. */
static void rproc_power_test_user_vs_kernel(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED);
	struct rproc *rproc = fake->rproc;

	/* User space first, then a kernel user. */
	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), -EBUSY);
	KUNIT_EXPECT_EQ(test, rproc_user_shutdown(rproc), -EBUSY);
	KUNIT_EXPECT_EQ(test, rproc_user_detach(rproc), -EBUSY);
	expect_remote(test, rproc, "after refused stop", RPROC_ATTACHED, 2,
		      true);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);

	/* The kernel user's shutdown still works and leaves it running. */
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	expect_remote(test, rproc, "after kernel shutdown", RPROC_ATTACHED, 1,
		      true);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);
	KUNIT_EXPECT_EQ(test, fake->detaches, 0);

	KUNIT_EXPECT_EQ(test, rproc_user_detach(rproc), 0);
	expect_remote(test, rproc, "after detach", RPROC_DETACHED, 0, false);
	KUNIT_EXPECT_EQ(test, fake->detaches, 1);
	expect_holds_nothing(test, rproc, "after detach");

	/* A kernel user alone. */
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, fake->attaches, 2);
	KUNIT_EXPECT_EQ(test, rproc_user_shutdown(rproc), -EBUSY);
	KUNIT_EXPECT_EQ(test, rproc_user_detach(rproc), -EBUSY);
	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), -EBUSY);
	expect_remote(test, rproc, "after refused stop", RPROC_ATTACHED, 1,
		      false);

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	expect_remote(test, rproc, "after kernel shutdown", RPROC_OFFLINE, 0,
		      false);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, fake->detaches, 1);
}

/* rproc_detach() lets go on the last reference; attaching works again. */
static void rproc_power_test_detach(struct kunit *test)
{
	struct fake_remote *fake = test->priv;
	struct rproc *rproc;

	fake_add_live_table(test, fake, FAKE_NO_ENTRY);
	rproc = fake_add(test, FAKE_DETACHED)->rproc;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_PTR_EQ(test, rproc->table_ptr, fake->live_table);
	KUNIT_EXPECT_NOT_NULL(test, rproc->cached_table);
	KUNIT_EXPECT_NOT_NULL(test, rproc->clean_table);
	KUNIT_EXPECT_EQ(test, rproc->table_sz, FAKE_TABLE_SIZE);

	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), 0);
	expect_remote(test, rproc, "after 1 detach", RPROC_ATTACHED, 1, false);
	KUNIT_EXPECT_EQ(test, fake->detaches, 0);

	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), 0);
	expect_remote(test, rproc, "after 2 detaches", RPROC_DETACHED, 0,
		      false);
	expect_holds_nothing(test, rproc, "after 2 detaches");
	expect_live_table_intact(test, fake);
	KUNIT_EXPECT_EQ(test, fake->detaches, 1);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), -EINVAL);

	/* The kernel holds nothing of it: its crashes are not ours. */
	fake_crash(fake, RPROC_WATCHDOG);
	expect_remote(test, rproc, "after a crash while detached",
		      RPROC_DETACHED, 0, false);
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 1U);
	KUNIT_EXPECT_EQ(test, fake->coredumps, 0);
	KUNIT_EXPECT_EQ(test, fake->detaches, 1);

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	expect_remote(test, rproc, "after attaching again", RPROC_ATTACHED, 1,
		      false);
	KUNIT_EXPECT_EQ(test, fake->attaches, 2);
	KUNIT_EXPECT_PTR_EQ(test, rproc->table_ptr, fake->live_table);

	/* A failed detach keeps the reference and the attachment. */
	fake->detach_err = -EIO;
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), -EIO);
	expect_remote(test, rproc, "after failed detach", RPROC_ATTACHED, 1,
		      false);
	KUNIT_EXPECT_TRUE(test, rproc->powered);
	KUNIT_EXPECT_PTR_EQ(test, rproc->table_ptr, fake->live_table);
	KUNIT_EXPECT_EQ(test, fake->detaches, 2);

	fake->detach_err = 0;
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), 0);
	expect_remote(test, rproc, "after detach", RPROC_DETACHED, 0, false);
	expect_holds_nothing(test, rproc, "after detach");
	expect_live_table_intact(test, fake);
	KUNIT_EXPECT_EQ(test, fake->detaches, 3);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);
}

/* Without &rproc_ops.detach only the last reference cannot detach. */
static void rproc_power_test_detach_unsupported(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED |
					    FAKE_NO_DETACH);
	struct rproc *rproc = fake->rproc;

	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_user_detach(rproc), -EOPNOTSUPP);
	expect_remote(test, rproc, "after refused detach", RPROC_ATTACHED, 1,
		      true);
	KUNIT_EXPECT_TRUE(test, rproc->powered);

	/* Not the last one: dropped, nothing else happens. */
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), 0);
	expect_remote(test, rproc, "after the kernel's detach", RPROC_ATTACHED,
		      1, true);

	KUNIT_EXPECT_EQ(test, rproc_user_shutdown(rproc), 0);
	expect_remote(test, rproc, "after stop", RPROC_OFFLINE, 0, false);
	expect_holds_nothing(test, rproc, "after stop");
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);
}

/* A failed attach leaves the remote detached and nothing held. */
static void rproc_power_test_attach_fails(struct kunit *test)
{
	struct fake_remote *fake = test->priv;
	struct rproc *rproc;

	fake_add_live_table(test, fake, FAKE_NO_ENTRY);
	rproc = fake_add(test, FAKE_DETACHED)->rproc;
	fake->attach_err = -EIO;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EIO);
	expect_remote(test, rproc, "after failed attach", RPROC_DETACHED, 0,
		      false);
	expect_holds_nothing(test, rproc, "after failed attach");
	expect_live_table_intact(test, fake);

	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), -EIO);
	expect_remote(test, rproc, "after failed start", RPROC_DETACHED, 0,
		      false);
	expect_holds_nothing(test, rproc, "after failed start");
	KUNIT_EXPECT_EQ(test, fake->attaches, 2);
	KUNIT_EXPECT_EQ(test, fake->detaches, 0);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EINVAL);

	fake->attach_err = 0;
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	expect_remote(test, rproc, "after attach", RPROC_ATTACHED, 1, false);
	KUNIT_EXPECT_EQ(test, fake->attaches, 3);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	expect_remote(test, rproc, "after shutdown", RPROC_OFFLINE, 0, false);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
}

/* A failed stop keeps the reference; the remote is marked crashed. */
static void rproc_power_test_stop_fails(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED);
	struct rproc *rproc = fake->rproc;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	fake->stop_err = -EIO;
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EIO);
	expect_remote(test, rproc, "after failed stop", RPROC_CRASHED, 1,
		      false);
	KUNIT_EXPECT_TRUE(test, rproc->powered);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);

	fake->stop_err = 0;
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	expect_remote(test, rproc, "after stop", RPROC_OFFLINE, 0, false);
	expect_holds_nothing(test, rproc, "after stop");
	KUNIT_EXPECT_EQ(test, fake->stops, 2);
	KUNIT_EXPECT_EQ(test, fake->detaches, 0);
}

/* ---- regions registered by prepare ---- */

/* Each attach gets the region prepare registers, bound by the table. */
static void rproc_power_test_prepare_carveout(struct kunit *test)
{
	struct fake_remote *fake = test->priv;
	struct rproc_mem_entry *mem;
	struct rproc *rproc;
	int i;

	fake_add_live_table(test, fake, FAKE_CARVEOUT_ENTRY);
	rproc = fake_add(test, FAKE_DETACHED)->rproc;

	for (i = 1; i <= 2; i++) {
		KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
		KUNIT_EXPECT_EQ(test, fake->prepares, i);
		KUNIT_EXPECT_TRUE(test, list_is_singular(&rproc->carveouts));
		mem = list_first_entry_or_null(&rproc->carveouts,
					       struct rproc_mem_entry, node);
		KUNIT_ASSERT_NOT_NULL(test, mem);
		KUNIT_EXPECT_STREQ(test, mem->name, FAKE_CARVEOUT);
		/* Bound to the table's entry, which got its address */
		KUNIT_EXPECT_NE(test, mem->rsc_offset, (u32)FW_RSC_ADDR_ANY);
		KUNIT_EXPECT_PTR_EQ(test, rproc_da_to_va(rproc,
							 FAKE_CARVEOUT_DA, 16,
							 NULL),
				    fake->carveout_mem);
		/* The platform was asked first; the exit checks it was not */
		KUNIT_EXPECT_EQ(test, fake->da_to_vas, 1);
		fake->da_to_vas = 0;

		KUNIT_EXPECT_EQ(test, rproc_detach(rproc), 0);
		expect_remote(test, rproc, "after detach", RPROC_DETACHED, 0,
			      false);
		expect_holds_nothing(test, rproc, "after detach");
		expect_live_table_intact(test, fake);
		KUNIT_EXPECT_EQ(test, fake->carveouts_released, i);
		KUNIT_EXPECT_EQ(test, fake->unprepares, i);
	}
}

/*
 * Attaching fails when the remote's table cannot be had, after prepare
 * registered its region: the region is freed, prepare undone.
 */
static void rproc_power_test_prepare_then_no_table(struct kunit *test)
{
	struct fake_remote *fake = test->priv;
	struct rproc *rproc;

	fake_add_live_table(test, fake, FAKE_CARVEOUT_ENTRY);
	rproc = fake_add(test, FAKE_DETACHED)->rproc;
	fake->live_table_err = -EIO;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EIO);
	expect_remote(test, rproc, "after failed attach", RPROC_DETACHED, 0,
		      false);
	expect_holds_nothing(test, rproc, "after failed attach");
	KUNIT_EXPECT_EQ(test, fake->prepares, 1);
	KUNIT_EXPECT_EQ(test, fake->carveouts_released, 1);
	KUNIT_EXPECT_EQ(test, fake->unprepares, 1);
	KUNIT_EXPECT_EQ(test, fake->attaches, 0);

	/* Nothing was left over: the next attach has exactly one region. */
	fake->live_table_err = 0;
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_TRUE(test, list_is_singular(&rproc->carveouts));
	KUNIT_EXPECT_EQ(test, fake->prepares, 2);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	expect_holds_nothing(test, rproc, "after shutdown");
	KUNIT_EXPECT_EQ(test, fake->carveouts_released, 2);
	KUNIT_EXPECT_EQ(test, fake->unprepares, 2);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
}

/* A prepare that fails after registering a region: the region goes too. */
static void rproc_power_test_prepare_fails(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED);
	struct rproc *rproc = fake->rproc;

	fake->prepare_err = -EBUSY;
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EBUSY);
	expect_remote(test, rproc, "after failed prepare", RPROC_DETACHED, 0,
		      false);
	expect_holds_nothing(test, rproc, "after failed prepare");
	KUNIT_EXPECT_EQ(test, fake->carveouts_released, 1);
	KUNIT_EXPECT_EQ(test, fake->unprepares, 0);
	KUNIT_EXPECT_EQ(test, fake->attaches, 0);

	fake->prepare_err = 0;
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_TRUE(test, list_is_singular(&rproc->carveouts));
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), 0);
	KUNIT_EXPECT_EQ(test, fake->carveouts_released, 2);
}

/* A devmem entry cannot be mapped without an IOMMU: refused, not skipped. */
static void rproc_power_test_devmem_refused(struct kunit *test)
{
	struct fake_remote *fake = test->priv;
	struct rproc *rproc;

	fake_add_live_table(test, fake, FAKE_DEVMEM_ENTRY);
	rproc = fake_add(test, FAKE_DETACHED)->rproc;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EINVAL);
	expect_remote(test, rproc, "after refused devmem", RPROC_DETACHED, 0,
		      false);
	expect_holds_nothing(test, rproc, "after refused devmem");
	expect_live_table_intact(test, fake);
	KUNIT_EXPECT_EQ(test, fake->attaches, 0);
	KUNIT_EXPECT_EQ(test, fake->carveouts_released, 1);
	KUNIT_EXPECT_EQ(test, fake->unprepares, 1);
}

/* ---- what rproc_add() refuses ---- */

/* No IOMMU support: such a remote is not registered at all. */
static void rproc_power_test_add_iommu(struct kunit *test)
{
	struct rproc *rproc = fake_alloc(test, FAKE_DETACHED | FAKE_IOMMU);

	KUNIT_EXPECT_EQ(test, rproc_add(rproc), -EOPNOTSUPP);
	KUNIT_EXPECT_FALSE(test, device_is_registered(&rproc->dev));

	rproc->has_iommu = false;
	KUNIT_EXPECT_EQ(test, rproc_add(rproc), 0);
	((struct fake_remote *)test->priv)->added = true;
}

/* Attach on recovery needs both attach and detach. */
static void rproc_power_test_add_reattach_no_detach(struct kunit *test)
{
	struct rproc *rproc = fake_alloc(test, FAKE_REATTACH | FAKE_NO_DETACH);

	KUNIT_EXPECT_EQ(test, rproc_add(rproc), -EINVAL);
	KUNIT_EXPECT_FALSE(test, device_is_registered(&rproc->dev));
	KUNIT_EXPECT_EQ(test, rproc_set_feature(rproc, RPROC_MAX_FEATURES),
			-EINVAL);
}

/* ---- auto boot ---- */

/* A running remote is attached to at once, for user space. */
static void rproc_power_test_auto_boot_attach(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED |
					    FAKE_AUTO_BOOT);
	struct rproc *rproc = fake->rproc;

	expect_remote(test, rproc, "after rproc_add()", RPROC_ATTACHED, 1,
		      true);
	KUNIT_EXPECT_FALSE(test, rproc->fw_pending);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_user_detach(rproc), -EBUSY);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_user_detach(rproc), 0);
	expect_remote(test, rproc, "after detach", RPROC_DETACHED, 0, false);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);
	KUNIT_EXPECT_EQ(test, fake->detaches, 1);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);
}

/* An offline remote waits for its firmware, which never comes. */
static void rproc_power_test_auto_boot_no_firmware(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_AUTO_BOOT);
	struct rproc *rproc = fake->rproc;

	KUNIT_EXPECT_TRUE(test, fake_wait_auto_boot(rproc));
	expect_remote(test, rproc, "after auto boot", RPROC_OFFLINE, 0, false);
	expect_holds_nothing(test, rproc, "after auto boot");
	KUNIT_EXPECT_EQ(test, fake->starts, 0);

	/* User space can try again. */
	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), -ENOENT);
	expect_remote(test, rproc, "after start", RPROC_OFFLINE, 0, false);
}

/*
 * rproc_del() does not wait for a pending auto boot, which then gives up;
 * the last case checks that it gave its lifetime reference back.
 */
static void rproc_power_test_auto_boot_del(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_AUTO_BOOT);
	struct rproc *rproc = fake->rproc;

	KUNIT_EXPECT_EQ(test, fake_del(fake), 0);
	KUNIT_EXPECT_TRUE(test, fake_wait_auto_boot(rproc));
	expect_remote(test, rproc, "after rproc_del()", RPROC_OFFLINE, 0,
		      false);
	expect_holds_nothing(test, rproc, "after rproc_del()");
	KUNIT_EXPECT_EQ(test, fake->starts, 0);
}

/* ---- crashes ---- */

/*
 * Recovery disabled: the remote stays crashed, keeping its memory, under
 * the references it had.  Recovering it needs the firmware file, which
 * does not exist: it stays crashed, now holding nothing.
 */
static void rproc_power_test_crash_no_recovery(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED);
	struct rproc *rproc = fake->rproc;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	fake_crash(fake, RPROC_WATCHDOG);
	expect_remote(test, rproc, "after the crash", RPROC_CRASHED, 1, false);
	KUNIT_EXPECT_TRUE(test, rproc->powered);
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 1U);
	KUNIT_EXPECT_EQ(test, fake->coredumps, 1);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);
	KUNIT_EXPECT_EQ(test, fake->detaches, 0);

	/* A crashed remote does not crash again. */
	fake_crash(fake, RPROC_MMUFAULT);
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 2U);
	KUNIT_EXPECT_EQ(test, fake->coredumps, 1);

	/* Boots only count, "start" and detaching are refused. */
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), -EBUSY);
	KUNIT_EXPECT_EQ(test, rproc_user_shutdown(rproc), -EBUSY);
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), -EINVAL);
	expect_remote(test, rproc, "after a boot while crashed", RPROC_CRASHED,
		      2, false);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	expect_remote(test, rproc, "after a shutdown while crashed",
		      RPROC_CRASHED, 1, false);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);

	/* Recovery stops what is left, then finds no firmware. */
	KUNIT_EXPECT_EQ(test, rproc_trigger_recovery(rproc), -ENOENT);
	expect_remote(test, rproc, "after failed recovery", RPROC_CRASHED, 1,
		      false);
	expect_holds_nothing(test, rproc, "after failed recovery");
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, fake->starts, 0);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	expect_remote(test, rproc, "after the last shutdown", RPROC_OFFLINE, 0,
		      false);
	expect_holds_nothing(test, rproc, "after the last shutdown");
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, fake->detaches, 0);
	KUNIT_EXPECT_EQ(test, fake->coredumps, 1);
}

/* Recovery enabled, but no firmware file: crashed, holding nothing. */
static void rproc_power_test_crash_recovery_fails(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED | FAKE_RECOVERY);
	struct rproc *rproc = fake->rproc;

	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), 0);
	fake_crash(fake, RPROC_FATAL_ERROR);
	expect_remote(test, rproc, "after the crash", RPROC_CRASHED, 1, true);
	expect_holds_nothing(test, rproc, "after the crash");
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 1U);
	KUNIT_EXPECT_EQ(test, fake->coredumps, 1);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, fake->starts, 0);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);
	KUNIT_EXPECT_EQ(test, fake->detaches, 0);

	/* Still user space's reference; "stop" takes it offline. */
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), -EBUSY);
	KUNIT_EXPECT_EQ(test, rproc_user_detach(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_user_shutdown(rproc), 0);
	expect_remote(test, rproc, "after stop", RPROC_OFFLINE, 0, false);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
}

/* Reports for a remote that is not up are counted, nothing else. */
static void rproc_power_test_crash_while_down(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_RECOVERY);
	struct rproc *rproc = fake->rproc;

	fake_crash(fake, RPROC_WATCHDOG);
	expect_remote(test, rproc, "after the crash", RPROC_OFFLINE, 0, false);
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 1U);
	KUNIT_EXPECT_EQ(test, fake->coredumps, 0);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);

	/* Nor is there anything to recover. */
	KUNIT_EXPECT_EQ(test, rproc_trigger_recovery(rproc), 0);
	expect_remote(test, rproc, "after recover", RPROC_OFFLINE, 0, false);
	expect_holds_nothing(test, rproc, "after recover");
	KUNIT_EXPECT_EQ(test, fake->starts, 0);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);
}

/*
 * Attach on recovery: the crashed remote restarts by itself, so recovery
 * detaches and attaches again; no firmware file is needed.
 */
static void rproc_power_test_crash_reattach(struct kunit *test)
{
	struct fake_remote *fake = test->priv;
	struct rproc *rproc;

	fake_add_live_table(test, fake, FAKE_CARVEOUT_ENTRY);
	rproc = fake_add(test, FAKE_DETACHED | FAKE_RECOVERY |
			 FAKE_REATTACH)->rproc;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	fake_crash(fake, RPROC_WATCHDOG);
	expect_remote(test, rproc, "after the crash", RPROC_ATTACHED, 2,
		      false);
	KUNIT_EXPECT_TRUE(test, rproc->powered);
	KUNIT_EXPECT_EQ(test, fake->coredumps, 1);
	KUNIT_EXPECT_EQ(test, fake->detaches, 1);
	KUNIT_EXPECT_EQ(test, fake->attaches, 2);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);
	KUNIT_EXPECT_EQ(test, fake->starts, 0);
	/* Everything of the first attach went, the second has its own. */
	KUNIT_EXPECT_EQ(test, fake->prepares, 2);
	KUNIT_EXPECT_EQ(test, fake->unprepares, 1);
	KUNIT_EXPECT_EQ(test, fake->carveouts_released, 1);
	KUNIT_EXPECT_TRUE(test, list_is_singular(&rproc->carveouts));
	KUNIT_EXPECT_PTR_EQ(test, rproc->table_ptr, fake->live_table);

	/* It may crash again, and detaching at the end still works. */
	fake_crash(fake, RPROC_FATAL_ERROR);
	expect_remote(test, rproc, "after the second crash", RPROC_ATTACHED,
		      2, false);
	KUNIT_EXPECT_EQ(test, fake->attaches, 3);
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), 0);
	expect_remote(test, rproc, "after detach", RPROC_DETACHED, 0, false);
	expect_holds_nothing(test, rproc, "after detach");
	expect_live_table_intact(test, fake);
	KUNIT_EXPECT_EQ(test, fake->detaches, 3);
	KUNIT_EXPECT_EQ(test, fake->stops, 0);
}

/* Attach on recovery, but detaching fails: crashed, holding everything. */
static void rproc_power_test_crash_reattach_fails(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED |
					    FAKE_RECOVERY | FAKE_REATTACH);
	struct rproc *rproc = fake->rproc;

	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), 0);
	fake->detach_err = -EIO;
	fake_crash(fake, RPROC_WATCHDOG);
	expect_remote(test, rproc, "after the crash", RPROC_CRASHED, 1, true);
	KUNIT_EXPECT_TRUE(test, rproc->powered);
	KUNIT_EXPECT_EQ(test, fake->detaches, 1);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);

	/* Attaching again fails: crashed, now holding nothing. */
	fake->detach_err = 0;
	fake->attach_err = -ENODEV;
	KUNIT_EXPECT_EQ(test, rproc_trigger_recovery(rproc), -ENODEV);
	expect_remote(test, rproc, "after failed recovery", RPROC_CRASHED, 1,
		      true);
	expect_holds_nothing(test, rproc, "after failed recovery");
	KUNIT_EXPECT_EQ(test, fake->detaches, 2);
	KUNIT_EXPECT_EQ(test, fake->attaches, 2);

	fake->attach_err = 0;
	KUNIT_EXPECT_EQ(test, rproc_trigger_recovery(rproc), 0);
	expect_remote(test, rproc, "after recovery", RPROC_ATTACHED, 1, true);
	KUNIT_EXPECT_EQ(test, fake->detaches, 2);
	KUNIT_EXPECT_EQ(test, fake->attaches, 3);
	KUNIT_EXPECT_EQ(test, rproc_user_shutdown(rproc), 0);
	expect_remote(test, rproc, "after stop", RPROC_OFFLINE, 0, false);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, fake->starts, 0);
}

/* ---- the panic notifier ---- */

/* Only a remote that runs is told, and its wait is returned. */
static void rproc_power_test_panic(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED);
	struct rproc *rproc = fake->rproc;

	rproc_panic_all();
	KUNIT_EXPECT_EQ(test, fake->panics, 0);

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_GE(test, rproc_panic_all(), (unsigned long)FAKE_PANIC_MS);
	KUNIT_EXPECT_EQ(test, fake->panics, 1);

	/* Crashed, stopped or deleted: not told. */
	fake_crash(fake, RPROC_WATCHDOG);
	rproc_panic_all();
	KUNIT_EXPECT_EQ(test, fake->panics, 1);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	rproc_panic_all();
	KUNIT_EXPECT_EQ(test, fake->panics, 1);

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -ENOENT);
	KUNIT_EXPECT_EQ(test, fake_del(fake), 0);
	rproc_panic_all();
	KUNIT_EXPECT_EQ(test, fake->panics, 1);
}

/* ---- removal ---- */

/* rproc_del() forces the remote down under a kernel user's feet. */
static void rproc_power_test_del_kernel_user(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED);
	struct rproc *rproc = fake->rproc;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, fake_del(fake), -EBUSY);
	expect_remote(test, rproc, "after rproc_del()", RPROC_OFFLINE, 0,
		      false);
	expect_holds_nothing(test, rproc, "after rproc_del()");
	KUNIT_EXPECT_TRUE(test, rproc->deleting);
	KUNIT_EXPECT_FALSE(test, device_is_registered(&rproc->dev));
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, fake->detaches, 0);

	/* What the kernel users and user space try afterwards. */
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -ENODEV);
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -ENODEV);
	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), -ENODEV);
	KUNIT_EXPECT_EQ(test, rproc_trigger_recovery(rproc), -ENODEV);
	KUNIT_EXPECT_EQ(test, rproc_del(rproc), -EINVAL);
	expect_remote(test, rproc, "after late calls", RPROC_OFFLINE, 0,
		      false);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, fake->attaches, 1);
}

/* With only user space's reference, rproc_del() is a plain "stop". */
static void rproc_power_test_del_user(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED);
	struct rproc *rproc = fake->rproc;

	KUNIT_EXPECT_EQ(test, rproc_user_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, fake_del(fake), 0);
	expect_remote(test, rproc, "after rproc_del()", RPROC_OFFLINE, 0,
		      false);
	expect_holds_nothing(test, rproc, "after rproc_del()");
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
}

/* Even a failing stop cannot keep rproc_del() from freeing everything. */
static void rproc_power_test_del_stop_fails(struct kunit *test)
{
	struct fake_remote *fake = test->priv;
	struct rproc *rproc;

	fake_add_live_table(test, fake, FAKE_NO_ENTRY);
	rproc = fake_add(test, FAKE_DETACHED)->rproc;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	fake->stop_err = -EIO;
	KUNIT_EXPECT_EQ(test, fake_del(fake), -EBUSY);
	expect_remote(test, rproc, "after rproc_del()", RPROC_OFFLINE, 0,
		      false);
	expect_holds_nothing(test, rproc, "after rproc_del()");
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
}

/* Crash reports from the moment rproc_del() starts are only counted. */
static void rproc_power_test_crash_after_del(struct kunit *test)
{
	struct fake_remote *fake = fake_add(test, FAKE_DETACHED | FAKE_RECOVERY);
	struct rproc *rproc = fake->rproc;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);

	/* Reported by the stop that rproc_del() makes. */
	fake->crash_in_stop = true;
	KUNIT_EXPECT_EQ(test, fake_del(fake), -EBUSY);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 1U);
	KUNIT_EXPECT_FALSE(test, work_pending(&rproc->crash_handler));

	/* Reported after rproc_del() returned. */
	rproc_report_crash(rproc, RPROC_MMUFAULT);
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 2U);
	KUNIT_EXPECT_FALSE(test, work_pending(&rproc->crash_handler));

	flush_work(&rproc->crash_handler);
	expect_remote(test, rproc, "after the reports", RPROC_OFFLINE, 0,
		      false);
	expect_holds_nothing(test, rproc, "after the reports");
	KUNIT_EXPECT_EQ(test, fake->coredumps, 0);
	KUNIT_EXPECT_EQ(test, fake->stops, 1);
	KUNIT_EXPECT_EQ(test, fake->starts, 0);
}

/*
 * Last: every remote the cases above freed is released, so none of them
 * leaked a lifetime reference (rproc_del() included).
 */
static void rproc_power_test_all_released(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, live_objects_wait_timeout(&fake_live,
							  FAKE_RELEASE_TIMEOUT));
	KUNIT_EXPECT_EQ(test, live_objects_count(&fake_live), 0);
}

static struct kunit_case rproc_power_test_cases[] = {
	KUNIT_CASE(rproc_power_test_boot_nested),
	KUNIT_CASE(rproc_power_test_shutdown_unbalanced),
	KUNIT_CASE(rproc_power_test_user_vs_kernel),
	KUNIT_CASE(rproc_power_test_detach),
	KUNIT_CASE(rproc_power_test_detach_unsupported),
	KUNIT_CASE(rproc_power_test_attach_fails),
	KUNIT_CASE(rproc_power_test_stop_fails),
	KUNIT_CASE(rproc_power_test_prepare_carveout),
	KUNIT_CASE(rproc_power_test_prepare_then_no_table),
	KUNIT_CASE(rproc_power_test_prepare_fails),
	KUNIT_CASE(rproc_power_test_devmem_refused),
	KUNIT_CASE(rproc_power_test_add_iommu),
	KUNIT_CASE(rproc_power_test_add_reattach_no_detach),
	KUNIT_CASE(rproc_power_test_auto_boot_attach),
	KUNIT_CASE(rproc_power_test_auto_boot_no_firmware),
	KUNIT_CASE(rproc_power_test_auto_boot_del),
	KUNIT_CASE(rproc_power_test_crash_no_recovery),
	KUNIT_CASE(rproc_power_test_crash_recovery_fails),
	KUNIT_CASE(rproc_power_test_crash_while_down),
	KUNIT_CASE(rproc_power_test_crash_reattach),
	KUNIT_CASE(rproc_power_test_crash_reattach_fails),
	KUNIT_CASE(rproc_power_test_panic),
	KUNIT_CASE(rproc_power_test_del_kernel_user),
	KUNIT_CASE(rproc_power_test_del_user),
	KUNIT_CASE(rproc_power_test_del_stop_fails),
	KUNIT_CASE(rproc_power_test_crash_after_del),
	KUNIT_CASE(rproc_power_test_all_released),
	{}
};

static struct kunit_suite rproc_power_test_suite = {
	.name = "remoteproc_power",
	.suite_init = rproc_power_test_suite_init,
	.suite_exit = rproc_power_test_suite_exit,
	.init = rproc_power_test_init,
	.exit = rproc_power_test_exit,
	.test_cases = rproc_power_test_cases,
};

kunit_test_suite(rproc_power_test_suite);

MODULE_DESCRIPTION("KUnit tests for the remoteproc life cycle");
MODULE_LICENSE("GPL");
