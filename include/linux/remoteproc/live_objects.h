/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counting the objects of a module that are not released yet, so that the
 * module (or a test) can wait for their release callbacks.
 *
 * A struct device or a kobject is released when its last reference goes,
 * which can be long after its owner unregistered it: someone else still
 * holds a reference, or the kernel delays releases on purpose
 * (CONFIG_DEBUG_KOBJECT_RELEASE).  The release callback is code of the
 * module that allocated the object, so the module must not go away before
 * it has run.  The pattern:
 *
 *	static struct live_objects my_objs = LIVE_OBJECTS_INIT;
 *
 *	live_objects_get(&my_objs);	   (before device_initialize())
 *	...
 *	live_objects_put(&my_objs);	   (last thing the release callback does)
 *	...
 *	live_objects_wait(&my_objs);	   (module exit)
 *
 * Nothing is polled: the put that releases the last object wakes the
 * waiters (wait_var_event() and wake_up_var() on the counter).
 */
#ifndef _LINUX_REMOTEPROC_LIVE_OBJECTS_H
#define _LINUX_REMOTEPROC_LIVE_OBJECTS_H

#include <linux/atomic.h>
#include <linux/wait_bit.h>

/**
 * struct live_objects - how many objects still wait for their release
 * @count: objects counted by live_objects_get() and not yet put
 */
struct live_objects {
	atomic_t count;
};

/* Static initialiser: no object yet. */
#define LIVE_OBJECTS_INIT	{ .count = ATOMIC_INIT(0) }

/**
 * live_objects_get() - count one more object
 * @lo: the counter
 *
 * Call it before the object can be released, i.e. before its
 * device_initialize() or kobject_init().
 *
 * Context: any context.
 */
static inline void live_objects_get(struct live_objects *lo)
{
	atomic_inc(&lo->count);
}

/**
 * live_objects_put() - an object was released
 * @lo: the counter
 *
 * The last call of the release callback: once the count reaches zero a
 * waiter may return and the module may go.
 *
 * Context: any context.
 */
static inline void live_objects_put(struct live_objects *lo)
{
	if (atomic_dec_and_test(&lo->count))
		wake_up_var(lo);
}

/**
 * live_objects_count() - how many objects are not released yet
 * @lo: the counter
 *
 * Context: any context.
 * Return: the count, which may change as soon as it is read.
 */
static inline int live_objects_count(struct live_objects *lo)
{
	return atomic_read(&lo->count);
}

/**
 * live_objects_wait() - wait until every counted object is released
 * @lo: the counter
 *
 * Context: process context; sleeps, uninterruptibly.
 */
static inline void live_objects_wait(struct live_objects *lo)
{
	wait_var_event(lo, !atomic_read(&lo->count));
}

/**
 * live_objects_wait_timeout() - wait, at most @timeout, for the releases
 * @lo: the counter
 * @timeout: the longest wait, in jiffies
 *
 * For tests, which report an object that is never released rather than
 * hang.
 *
 * Context: process context; sleeps, uninterruptibly.
 * Return: true when every counted object is released.
 */
static inline bool live_objects_wait_timeout(struct live_objects *lo,
					     long timeout)
{
	return wait_var_event_timeout(lo, !atomic_read(&lo->count), timeout);
}

#endif /* _LINUX_REMOTEPROC_LIVE_OBJECTS_H */
