// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor framework: handing a crashed remote's dump to
 * devcoredump, as a copy or inline (see "coredump file format" in
 * remoteproc_coredump.c for the file and the three mechanisms).
 */

#include <linux/completion.h>
#include <linux/devcoredump.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/kernfs.h>
#include <linux/kref.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/remoteproc.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>
#include <linux/vmalloc.h>

#include "remoteproc_internal.h"
#include "remoteproc_coredump.h"

/* The largest dump built in memory (RPROC_COREDUMP_ENABLED). */
#define RPROC_DUMP_COPY_MAX	SZ_256M

/* Says once per dump which segments will be dumped as RPROC_DUMP_FILL. */
static void rproc_dump_check_segments(struct rproc *rproc)
{
	struct rproc_dump_segment *seg;
	bool is_iomem;

	list_for_each_entry(seg, &rproc->dump_segments, node) {
		if (seg->dump || !seg->size ||
		    rproc_da_to_va(rproc, seg->da, seg->size, &is_iomem))
			continue;
		dev_warn(&rproc->dev, "coredump: segment at da %pad (0x%zx bytes) is not mapped; dumped as 0x%x bytes\n",
			 &seg->da, seg->size, RPROC_DUMP_FILL);
	}
}

/* ---------------------------------------------------------------------- */
/* Handing dumps to devcoredump                                           */
/* ---------------------------------------------------------------------- */

/* RPROC_COREDUMP_ENABLED: the whole file in memory that devcoredump frees. */
static void rproc_dump_copy(struct rproc *rproc,
			    const struct rproc_dump_layout *layout)
{
	void *buf;

	if (layout->size > RPROC_DUMP_COPY_MAX) {
		dev_err(&rproc->dev, "coredump of %s skipped: its %llu bytes exceed the %u MiB a copied dump may take (try \"inline\")\n",
			rproc->name, layout->size, RPROC_DUMP_COPY_MAX / SZ_1M);
		return;
	}

	buf = __vmalloc(layout->size, GFP_KERNEL | __GFP_NOWARN);
	if (!buf) {
		dev_err(&rproc->dev, "coredump of %s skipped: cannot allocate %llu bytes\n",
			rproc->name, layout->size);
		return;
	}

	rproc_dump_write_headers(layout, buf);
	rproc_dump_read_data(rproc, layout, buf + layout->data_off,
			     layout->data_off, layout->size - layout->data_off);
	dev_info(&rproc->dev, "coredump of %s: %llu bytes, %u segments\n",
		 rproc->name, layout->size, layout->phnum - 1);
	dev_coredumpv(&rproc->dev, buf, layout->size, GFP_KERNEL);
}

/**
 * struct rproc_dump_inline - an inline dump while user space reads it
 * @ref: two references: the crash handler's and devcoredump's
 * @lock: serialises reads with the end of the wait, after which reads
 *	  find @rproc NULL and return nothing
 * @rproc: the remote processor, NULL once the crash handler went on
 * @layout: the layout of the file, valid while @rproc is set
 * @headers: its headers and notes
 * @done: completed when devcoredump lets go of the dump, or when
 *	  rproc_coredump_abort() stops the wait
 */
struct rproc_dump_inline {
	struct kref ref;
	struct mutex lock;	/* see @lock above */
	struct rproc *rproc;
	const struct rproc_dump_layout *layout;
	void *headers;
	struct completion done;
};

static void rproc_dump_inline_free(struct kref *ref)
{
	struct rproc_dump_inline *dump = container_of(ref, typeof(*dump), ref);

	kvfree(dump->headers);
	kfree(dump);
}

/*
 * devcoredump's read callback, run by user space reading the data file
 * while rproc_dump_inline() holds rproc->lock and waits: it must not take
 * the lock.
 */
static ssize_t rproc_dump_inline_read(char *buffer, loff_t offset,
				      size_t count, void *data,
				      size_t datalen)
{
	struct rproc_dump_inline *dump = data;
	ssize_t ret = 0;

	if (offset < 0)
		return -EINVAL;
	mutex_lock(&dump->lock);
	if (dump->rproc)
		ret = rproc_dump_read(dump->rproc, dump->layout, dump->headers,
				      buffer, offset, count);
	mutex_unlock(&dump->lock);
	return ret;
}

static void rproc_dump_inline_release(void *data)
{
	struct rproc_dump_inline *dump = data;

	complete(&dump->done);
	kref_put(&dump->ref, rproc_dump_inline_free);
}

/* Publishes @dump for rproc_coredump_abort(); false if waiting is over. */
static bool rproc_dump_inline_publish(struct rproc *rproc,
				      struct rproc_dump_inline *dump)
{
	bool ok;

	spin_lock_irq(&rproc->crash_handler_lock);
	ok = !IS_ERR(rproc->dump_inline);
	if (ok)
		rproc->dump_inline = dump;
	spin_unlock_irq(&rproc->crash_handler_lock);
	return ok;
}

static void rproc_dump_inline_unpublish(struct rproc *rproc)
{
	spin_lock_irq(&rproc->crash_handler_lock);
	if (!IS_ERR(rproc->dump_inline))
		rproc->dump_inline = NULL;
	spin_unlock_irq(&rproc->crash_handler_lock);
}

/*
 * RPROC_COREDUMP_INLINE: user space reads the remote's memory itself, until
 * it removes the dump, devcoredump's timeout, or rproc_coredump_abort().
 */
static void rproc_dump_inline(struct rproc *rproc,
			      const struct rproc_dump_layout *layout)
{
	struct rproc_dump_inline *dump;

	dump = kzalloc(sizeof(*dump), GFP_KERNEL);
	if (!dump)
		return;
	dump->headers = kvmalloc(layout->data_off, GFP_KERNEL);
	if (!dump->headers) {
		kfree(dump);
		return;
	}
	rproc_dump_write_headers(layout, dump->headers);
	kref_init(&dump->ref);
	kref_get(&dump->ref);		/* devcoredump's, put by the release */
	mutex_init(&dump->lock);
	init_completion(&dump->done);
	dump->rproc = rproc;
	dump->layout = layout;

	if (!rproc_dump_inline_publish(rproc, dump)) {
		dev_info(&rproc->dev, "coredump of %s skipped: the remote is being removed\n",
			 rproc->name);
		kref_put(&dump->ref, rproc_dump_inline_free);
		kref_put(&dump->ref, rproc_dump_inline_free);
		return;
	}

	dev_info(&rproc->dev, "coredump of %s: %llu bytes, %u segments, inline: waiting until user space removes it\n",
		 rproc->name, layout->size, layout->phnum - 1);
	/* Without devcoredump, or when it declines, the release runs now. */
	dev_coredumpm(&rproc->dev, THIS_MODULE, dump, layout->size,
		      GFP_KERNEL, rproc_dump_inline_read,
		      rproc_dump_inline_release);
	/* Waiting for user space is not a hung task: TASK_IDLE. */
	wait_for_completion_state(&dump->done, TASK_IDLE);
	rproc_dump_inline_unpublish(rproc);

	/* From now on the remote's memory may go: reads return nothing. */
	mutex_lock(&dump->lock);
	dump->rproc = NULL;
	mutex_unlock(&dump->lock);
	dev_dbg(&rproc->dev, "inline coredump of %s over\n", rproc->name);
	kref_put(&dump->ref, rproc_dump_inline_free);
}

/**
 * rproc_coredump_abort() - stop waiting for user space to read a dump
 * @rproc: the remote processor
 *
 * For rproc_del(), before it waits for the crash handler: an inline dump
 * in progress stops waiting (its file stays, empty, until devcoredump
 * removes it) and no later one waits.  Removing a device must not depend
 * on user space.
 *
 * Context: any context that may take &rproc.crash_handler_lock.
 */
void rproc_coredump_abort(struct rproc *rproc)
{
	unsigned long flags;

	spin_lock_irqsave(&rproc->crash_handler_lock, flags);
	if (!IS_ERR_OR_NULL(rproc->dump_inline)) {
		dev_info(&rproc->dev, "inline coredump of %s abandoned: the remote is being removed\n",
			 rproc->name);
		complete(&rproc->dump_inline->done);
	}
	rproc->dump_inline = ERR_PTR(-ESHUTDOWN);
	spin_unlock_irqrestore(&rproc->crash_handler_lock, flags);
}

/*
 * devcoredump keeps one dump per device, but only finds the previous one
 * until it is deleted: its "devcoredump" link in our directory goes later,
 * in the release, and a new dump meanwhile fails to create the link with a
 * kernel warning.  While the link exists, the new dump is dropped, as
 * devcoredump drops it while the previous one is still there.
 */
static bool rproc_dump_previous_alive(struct rproc *rproc)
{
	struct kernfs_node *kn;

	if (!rproc->dev.kobj.sd)	/* not in sysfs: no link either */
		return false;
	kn = sysfs_get_dirent(rproc->dev.kobj.sd, "devcoredump");
	if (!kn)
		return false;
	sysfs_put(kn);
	dev_info(&rproc->dev, "coredump of %s skipped: the previous one is still in /sys/class/devcoredump\n",
		 rproc->name);
	return true;
}

/**
 * rproc_coredump() - dump the memory of a crashed remote
 * @rproc: the remote processor
 *
 * Builds an ELF core file of the dump segments and hands it to devcoredump,
 * as &rproc.dump_conf says; see "coredump file format".  Does nothing when
 * dumps are disabled or there are no segments.  Failures are logged and
 * otherwise ignored: a missing dump must not stop the crash handling.
 *
 * Context: process context, &rproc.lock held.  With
 * %RPROC_COREDUMP_INLINE, sleeps until user space removes the dump (or
 * devcoredump's timeout of five minutes), with the lock still held.
 */
void rproc_coredump(struct rproc *rproc)
{
	enum rproc_dump_mechanism conf = READ_ONCE(rproc->dump_conf);
	struct rproc_dump_layout layout;
	struct rproc_dump_info info;
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (conf == RPROC_COREDUMP_DISABLED) {
		dev_dbg(&rproc->dev, "coredump of %s: disabled\n", rproc->name);
		return;
	}
	if (list_empty(&rproc->dump_segments)) {
		dev_dbg(&rproc->dev, "coredump of %s: nothing to dump\n",
			rproc->name);
		return;
	}

	rproc_dump_get_info(rproc, &info);
	ret = rproc_dump_plan(&layout, &info, &rproc->dump_segments);
	if (ret) {
		dev_err(&rproc->dev, "coredump of %s skipped: its segments do not fit an ELF core file of class %u: %d\n",
			rproc->name, info.class, ret);
		return;
	}
	rproc_dump_check_segments(rproc);
	if (rproc_dump_previous_alive(rproc))
		return;

	if (conf == RPROC_COREDUMP_INLINE)
		rproc_dump_inline(rproc, &layout);
	else
		rproc_dump_copy(rproc, &layout);
}
