// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: the steps that bring a remote up and take it
 * down.  Booting it with a firmware image, attaching to one that is already
 * running, stopping it, detaching from it, and its subdevices.  Who may do
 * so and when is decided by the power references: rproc_boot() and the
 * other callers are in remoteproc_boot.c.
 */

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/firmware.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "remoteproc_internal.h"

/* ---------------------------------------------------------------------
 * Subdevices: prepared and started in list order, stopped and unprepared
 * in reverse order.
 */

static int rproc_prepare_subdevices(struct rproc *rproc)
{
	struct rproc_subdev *sd;
	int ret;

	list_for_each_entry(sd, &rproc->subdevs, node) {
		if (!sd->prepare)
			continue;
		ret = sd->prepare(sd);
		if (ret)
			goto err_unprepare;
	}
	return 0;

err_unprepare:
	list_for_each_entry_continue_reverse(sd, &rproc->subdevs, node) {
		if (sd->unprepare)
			sd->unprepare(sd);
	}
	return ret;
}

static void rproc_unprepare_subdevices(struct rproc *rproc)
{
	struct rproc_subdev *sd;

	list_for_each_entry_reverse(sd, &rproc->subdevs, node) {
		if (sd->unprepare)
			sd->unprepare(sd);
	}
}

static int rproc_start_subdevices(struct rproc *rproc)
{
	struct rproc_subdev *sd;
	int ret;

	list_for_each_entry(sd, &rproc->subdevs, node) {
		if (!sd->start)
			continue;
		ret = sd->start(sd);
		if (ret)
			goto err_stop;
	}
	return 0;

err_stop:
	list_for_each_entry_continue_reverse(sd, &rproc->subdevs, node) {
		if (sd->stop)
			sd->stop(sd, false);
	}
	return ret;
}

/**
 * rproc_stop_subdevices() - stop the subdevices, in reverse order
 * @rproc: the remote processor
 * @crashed: the remote crashed (the subdevices cannot talk to it)
 *
 * Context: process context, &rproc.lock held.
 */
void rproc_stop_subdevices(struct rproc *rproc, bool crashed)
{
	struct rproc_subdev *sd;

	list_for_each_entry_reverse(sd, &rproc->subdevs, node) {
		if (sd->stop)
			sd->stop(sd, crashed);
	}
}

/* ---------------------------------------------------------------------
 * Booting.  Each step undoes itself on failure; the caller undoes the
 * steps before it.
 */

/*
 * &rproc_ops.prepare may register carveouts (rproc_add_carveout()): they
 * belong to the boot or attach being set up, and every way out of it
 * forgets them, this one included.
 */
static int rproc_prepare_device(struct rproc *rproc)
{
	int ret;

	if (!rproc->ops->prepare)
		return 0;

	ret = rproc->ops->prepare(rproc);
	if (ret) {
		dev_err(&rproc->dev, "cannot prepare %s: %d\n", rproc->name, ret);
		rproc_remove_carveouts(rproc);
	}
	return ret;
}

static void rproc_unprepare_device(struct rproc *rproc)
{
	int ret;

	if (!rproc->ops->unprepare)
		return;

	ret = rproc->ops->unprepare(rproc);
	if (ret)
		dev_warn(&rproc->dev, "cannot unprepare %s: %d\n",
			 rproc->name, ret);
}

/*
 * Undo rproc_prepare_device() when the boot or attach failed: forget the
 * carveouts that are still registered (those &rproc_ops.prepare added, if
 * nothing freed them yet), then unprepare.
 */
static void rproc_unprepare_failed(struct rproc *rproc)
{
	rproc_remove_carveouts(rproc);
	rproc_unprepare_device(rproc);
}

/*
 * Claim what the resource table in &rproc.table_ptr (the kernel's copy)
 * asks for.  On failure everything is given back and the table freed.
 */
static int rproc_claim_table_resources(struct rproc *rproc)
{
	int ret;

	ret = rproc_handle_resources(rproc);
	if (ret)
		goto err_discard_resources;
	ret = rproc_alloc_carveouts(rproc);
	if (ret)
		goto err_discard_resources;

	/* Trace buffers may sit in the carveouts just allocated. */
	ret = rproc_handle_traces(rproc);
	if (ret)
		rproc_release_resources(rproc);
	return ret;

err_discard_resources:
	rproc_discard_resources(rproc);
	return ret;
}

/*
 * Read the resource table out of the image, then claim what it asks for.
 * The loader operations and the resource code report their own errors.
 */
static int rproc_claim_resources(struct rproc *rproc,
				 const struct firmware *fw)
{
	int ret;

	ret = rproc->ops->parse_fw(rproc, fw);
	if (ret) {
		rproc_discard_resources(rproc);
		return ret;
	}
	return rproc_claim_table_resources(rproc);
}

/*
 * Give the remote the table with everything the host filled in, and make
 * later updates go to the remote's copy at @live.
 */
static void rproc_publish_table(struct rproc *rproc,
				struct resource_table *live)
{
	memcpy(live, rproc->cached_table, rproc->table_sz);
	rproc->table_ptr = live;
}

/*
 * An image with a table must have it loaded; &rproc_ops.find_loaded_rsc_table
 * says why not.
 */
static int rproc_install_table(struct rproc *rproc,
			       const struct firmware *fw)
{
	struct resource_table *loaded;

	if (!rproc->cached_table)
		return 0;

	loaded = rproc->ops->find_loaded_rsc_table(rproc, fw);
	if (!loaded)
		return -EINVAL;

	rproc_publish_table(rproc, loaded);
	return 0;
}

/* Start (or attach to) the remote, then its subdevices. */
static int rproc_start_remote(struct rproc *rproc, bool attach)
{
	struct device *dev = &rproc->dev;
	int ret;

	ret = rproc_prepare_subdevices(rproc);
	if (ret) {
		dev_err(dev, "cannot prepare subdevices of %s: %d\n",
			rproc->name, ret);
		return ret;
	}

	if (!attach)
		ret = rproc->ops->start(rproc);
	else if (rproc->ops->attach)
		ret = rproc->ops->attach(rproc);
	if (ret) {
		dev_err(dev, "cannot %s %s: %d\n", attach ? "attach to" : "start",
			rproc->name, ret);
		goto err_unprepare_subdevices;
	}

	ret = rproc_start_subdevices(rproc);
	if (ret) {
		dev_err(dev, "cannot start subdevices of %s: %d\n",
			rproc->name, ret);
		goto err_stop_remote;
	}

	rproc->state = attach ? RPROC_ATTACHED : RPROC_RUNNING;
	rproc->powered = true;
	rproc->up_since = jiffies;
	dev_info(&rproc->dev, "remote processor %s is now %s\n", rproc->name,
		 attach ? "attached" : "up");
	return 0;

err_stop_remote:
	/* Stopping an attached remote would kill what the bootloader ran */
	if (!attach)
		rproc->ops->stop(rproc);
	else if (rproc->ops->detach)
		rproc->ops->detach(rproc);
err_unprepare_subdevices:
	rproc_unprepare_subdevices(rproc);
	return ret;
}

static int rproc_fw_boot(struct rproc *rproc, const struct firmware *fw)
{
	int ret;

	ret = rproc->ops->sanity_check(rproc, fw);
	if (ret)
		return ret;

	dev_info(&rproc->dev, "booting %s with firmware %s (%zu bytes)\n",
		 rproc->name, rproc->firmware, fw->size);

	rproc->bootaddr = rproc->ops->get_boot_addr(rproc, fw);
	rproc->nb_vdev = 0;
	rproc->max_notifyid = -1;

	ret = rproc_prepare_device(rproc);
	if (ret)
		return ret;

	ret = rproc_claim_resources(rproc, fw);
	if (ret)
		goto err_unprepare_device;

	ret = rproc->ops->load(rproc, fw);
	if (ret)
		goto err_release_resources;

	ret = rproc_install_table(rproc, fw);
	if (ret)
		goto err_release_resources;

	ret = rproc_start_remote(rproc, false);
	if (ret)
		goto err_release_resources;

	return 0;

err_release_resources:
	rproc_release_resources(rproc);
err_unprepare_device:
	rproc_unprepare_failed(rproc);
	return ret;
}

/* ---------------------------------------------------------------------
 * Attaching to a remote that something else started.
 */

/*
 * Take the table of the running remote: &rproc.cached_table gets a copy to
 * work on, &rproc.clean_table one to give back at detach.  The remote can
 * change its memory at any time, so nothing is read twice from there.
 */
static int rproc_copy_live_table(struct rproc *rproc,
				 struct resource_table **live)
{
	struct resource_table *table;
	size_t size = 0;

	*live = NULL;
	if (!rproc->ops->get_loaded_rsc_table)
		return 0;

	table = rproc->ops->get_loaded_rsc_table(rproc, &size);
	if (IS_ERR(table)) {
		dev_err(&rproc->dev, "cannot find the resource table of running %s: %pe\n",
			rproc->name, table);
		return PTR_ERR(table);
	}
	if (!table)
		return 0;
	if (size < sizeof(*table) || size > RPROC_LIVE_RSC_TABLE_MAX) {
		dev_err(&rproc->dev, "resource table of running %s: size %zu is not in [%zu, %u]\n",
			rproc->name, size, sizeof(*table), RPROC_LIVE_RSC_TABLE_MAX);
		return -EINVAL;
	}

	rproc->cached_table = kmemdup(table, size, GFP_KERNEL);
	if (!rproc->cached_table)
		return -ENOMEM;
	rproc->clean_table = kmemdup(rproc->cached_table, size, GFP_KERNEL);
	if (!rproc->clean_table) {
		kfree(rproc->cached_table);
		rproc->cached_table = NULL;
		return -ENOMEM;
	}
	rproc->table_ptr = rproc->cached_table;
	rproc->table_sz = size;
	*live = table;
	return 0;
}

static void rproc_free_clean_table(struct rproc *rproc)
{
	kfree(rproc->clean_table);
	rproc->clean_table = NULL;
}

static int rproc_attach_boot(struct rproc *rproc)
{
	struct resource_table *live;
	int ret;

	dev_info(&rproc->dev, "attaching to running %s\n", rproc->name);
	rproc->nb_vdev = 0;
	rproc->max_notifyid = -1;

	ret = rproc_prepare_device(rproc);
	if (ret)
		return ret;

	ret = rproc_copy_live_table(rproc, &live);
	if (ret)
		goto err_unprepare_device;

	ret = rproc_claim_table_resources(rproc);
	if (ret)
		goto err_free_clean_table;

	if (live)
		rproc_publish_table(rproc, live);

	ret = rproc_start_remote(rproc, true);
	if (ret)
		goto err_release_resources;
	return 0;

err_release_resources:
	/* Hand the remote its table as it was */
	if (live)
		memcpy(live, rproc->clean_table, rproc->table_sz);
	rproc_release_resources(rproc);
err_free_clean_table:
	rproc_free_clean_table(rproc);
err_unprepare_device:
	rproc_unprepare_failed(rproc);
	return ret;
}

/**
 * rproc_bring_up() - bring the remote up
 * @rproc: the remote processor, offline or detached
 * @fw: the image to boot, or NULL for the file named by &rproc.firmware
 *
 * A detached remote is attached to (@fw is not used); any other is booted.
 * On failure nothing is left allocated and the state is unchanged.
 *
 * Context: process context, &rproc.lock held.
 * Return: 0 or a negative errno, after logging why.
 */
int rproc_bring_up(struct rproc *rproc, const struct firmware *fw)
{
	const struct firmware *requested = NULL;
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (rproc->state == RPROC_DETACHED)
		return rproc_attach_boot(rproc);

	if (!fw) {
		ret = firmware_request_nowarn(&requested, rproc->firmware,
					      &rproc->dev);
		if (ret) {
			dev_err(&rproc->dev, "cannot load firmware %s: %d\n",
				rproc->firmware, ret);
			return ret;
		}
		fw = requested;
	}

	ret = rproc_fw_boot(rproc, fw);
	release_firmware(requested);
	return ret;
}

/* ---------------------------------------------------------------------
 * Stopping and detaching.
 */

/* Give back everything rproc_bring_up() took, the remote being stopped. */
static void rproc_give_back(struct rproc *rproc)
{
	rproc_unprepare_subdevices(rproc);
	rproc_release_resources(rproc);
	rproc_free_clean_table(rproc);
	rproc_unprepare_device(rproc);
	rproc->powered = false;
}

/**
 * rproc_take_down() - stop the remote and free everything its boot took
 * @rproc: the remote processor, running, attached or crashed
 * @force: free the memory even if &rproc_ops.stop fails
 *
 * An attached remote is stopped too.  When &rproc_ops.stop fails the
 * remote's state is unknown: without @force it is left crashed (its
 * subdevices already stopped) with its memory still allocated.  A crashed
 * remote whose recovery failed holds nothing and just goes offline.
 *
 * Context: process context, &rproc.lock held.
 * Return: 0, or the error of &rproc_ops.stop (without @force).
 */
int rproc_take_down(struct rproc *rproc, bool force)
{
	bool crashed = rproc->state == RPROC_CRASHED;
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (rproc->powered) {
		if (!crashed)
			rproc_stop_subdevices(rproc, false);

		ret = rproc->ops->stop(rproc);
		if (ret) {
			dev_err(&rproc->dev, "cannot stop %s: %d\n",
				rproc->name, ret);
			if (!force) {
				rproc->state = RPROC_CRASHED;
				return ret;
			}
		}
		rproc_give_back(rproc);
	}

	rproc->state = RPROC_OFFLINE;
	dev_info(&rproc->dev, "remote processor %s is now stopped\n",
		 rproc->name);
	return 0;
}

/*
 * &rproc_ops.detach succeeded: give the remote its table back as it was
 * before attaching, and free what the kernel took.
 */
static void rproc_let_go(struct rproc *rproc)
{
	if (rproc->table_ptr && rproc->clean_table &&
	    rproc->table_ptr != rproc->cached_table)
		memcpy(rproc->table_ptr, rproc->clean_table, rproc->table_sz);
	rproc_give_back(rproc);
	rproc->state = RPROC_DETACHED;
}

/**
 * rproc_detach_remote() - let go of an attached remote, leaving it running
 * @rproc: the remote processor, attached
 *
 * Stops the subdevices, gives the remote back its resource table as it
 * was before attaching, tells the platform driver and frees what attaching
 * took.  The remote ends detached; it can be attached to again.
 *
 * Context: process context, &rproc.lock held.
 * Return: 0; -EINVAL when the remote is not attached; -EOPNOTSUPP when
 * the platform driver cannot detach; or the error of &rproc_ops.detach
 * (the remote then stays attached, its subdevices started again).
 */
int rproc_detach_remote(struct rproc *rproc)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (rproc->state != RPROC_ATTACHED)
		return -EINVAL;
	if (!rproc->ops->detach)
		return -EOPNOTSUPP;

	rproc_stop_subdevices(rproc, false);
	ret = rproc->ops->detach(rproc);
	if (ret) {
		dev_err(&rproc->dev, "cannot detach from %s: %d\n",
			rproc->name, ret);
		if (rproc_start_subdevices(rproc))
			dev_err(&rproc->dev, "cannot restart subdevices of %s\n",
				rproc->name);
		return ret;
	}

	rproc_let_go(rproc);
	dev_info(&rproc->dev, "detached from %s, which keeps running\n",
		 rproc->name);
	return 0;
}

/**
 * rproc_detach_crashed() - let go of a crashed remote that restarts itself
 * @rproc: the remote processor, crashed, its subdevices stopped
 *
 * For recovery with %RPROC_FEAT_ATTACH_ON_RECOVERY: like
 * rproc_detach_remote(), but the subdevices were stopped when the crash was
 * handled, and the remote may have been booted by Linux as well as attached
 * to.  A crashed remote that holds nothing any more (its last recovery
 * failed) only changes state.  The remote ends detached, ready to be
 * attached to again.
 *
 * Context: process context, &rproc.lock held.
 * Return: 0; -EINVAL when the remote is not crashed; -EOPNOTSUPP when the
 * platform driver cannot detach; or the error of &rproc_ops.detach (the
 * remote then stays crashed, holding its resources).
 */
int rproc_detach_crashed(struct rproc *rproc)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (rproc->state != RPROC_CRASHED)
		return -EINVAL;
	if (!rproc->ops->detach)
		return -EOPNOTSUPP;

	if (!rproc->powered) {
		rproc->state = RPROC_DETACHED;
		return 0;
	}

	ret = rproc->ops->detach(rproc);
	if (ret) {
		dev_err(&rproc->dev, "cannot detach from crashed %s: %d\n",
			rproc->name, ret);
		return ret;
	}
	rproc_let_go(rproc);
	dev_info(&rproc->dev, "detached from crashed %s\n", rproc->name);
	return 0;
}
