/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kshim.h - the kernel, as far as the fuzzed parsers need it, in user space.
 *
 * The fuzz targets compile files of drivers/remoteproc and drivers/rpmsg
 * unchanged.  Every <linux/...> and <asm/...> header those files (and our
 * own include/linux/remoteproc.h, rpmsg.h) include resolves to a header of
 * this directory, which includes this file; only our own headers and
 * include/uapi come from the tree.  What is here:
 *
 *  - types, compiler attributes, byte order, overflow helpers, bit and
 *    alignment macros: with the kernel's semantics (size_add() and
 *    struct_size() saturate, check_add_overflow() is the builtin);
 *  - kmalloc() and friends on malloc(), so that ASan sees every buffer;
 *  - printk: dev_err() and friends evaluate their arguments, count the
 *    messages per level (kshim_log_count[]) and print them (kernel %p
 *    extensions included) only when KSHIM_LOG=1 is in the environment;
 *  - WARN_ON() and BUG_ON() abort: a kernel-internal invariant the fuzzer
 *    can break is a bug;
 *  - single-threaded locks that remember whether they are held, so that
 *    lockdep_assert_held() is checked;
 *  - lists, idr, kref, refcounted struct device, and the few virtio, DMA and
 *    platform-device calls remoteproc_virtio.c and virtio_rpmsg_xfer.c make.
 *    Calls no target expects abort (weak stubs in kshim.c; a target
 *    defines its own to expect them).
 */
#ifndef KSHIM_H
#define KSHIM_H

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* ---------------------------------------------------------------------
 * Configuration: an x86-64 little-endian kernel, with what we compile.
 */

#define CONFIG_64BIT 1
#define CONFIG_REMOTEPROC 1
#define CONFIG_RPMSG 1
#define CONFIG_RPMSG_VIRTIO 1

#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)
#define IS_ENABLED(option)		__is_defined(option)
#define IS_BUILTIN(option)		__is_defined(option)
#define IS_REACHABLE(option)		__is_defined(option)

/* ---------------------------------------------------------------------
 * Types.
 */

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef int8_t __s8;
typedef int16_t __s16;
typedef int32_t __s32;
typedef int64_t __s64;

#define __bitwise
#define __force
typedef __u16 __bitwise __le16;
typedef __u16 __bitwise __be16;
typedef __u32 __bitwise __le32;
typedef __u32 __bitwise __be32;
typedef __u64 __bitwise __le64;
typedef __u64 __bitwise __be64;

/* ssize_t and loff_t come from <sys/types.h>. */
typedef u64 dma_addr_t;
typedef u64 phys_addr_t;
typedef u64 resource_size_t;
typedef unsigned int gfp_t;
typedef u32 phandle;
typedef unsigned int __poll_t;
typedef unsigned long kernel_ulong_t;
typedef unsigned short umode_t;

/* ---------------------------------------------------------------------
 * Compiler.
 */

#ifndef __packed
#define __packed		__attribute__((__packed__))
#endif
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __printf(a, b)
#define __must_check		__attribute__((__warn_unused_result__))
#undef __always_inline
#define __always_inline		inline __attribute__((__always_inline__))
#define noinline		__attribute__((__noinline__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __cold
#define __init
#define __exit
#define __iomem
#define __user
#define __rcu
#define __percpu
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __cond_acquires(x)
#define fallthrough		__attribute__((__fallthrough__))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define barrier()		__asm__ __volatile__("" ::: "memory")
#define mb()			__sync_synchronize()
#define rmb()			__sync_synchronize()
#define wmb()			__sync_synchronize()
#define smp_mb()		__sync_synchronize()
#define smp_rmb()		__sync_synchronize()
#define smp_wmb()		__sync_synchronize()
#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile typeof(x) *)&(x) = (val); } while (0)

#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)

#define __static_assert(expr, msg, ...) _Static_assert(expr, msg)
#define static_assert(expr, ...) __static_assert(expr, ##__VA_ARGS__, #expr)
#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")

/* Kernel files end exports with a semicolon: absorb it. */
#define EXPORT_SYMBOL(sym)	extern typeof(sym) sym
#define EXPORT_SYMBOL_GPL(sym)	extern typeof(sym) sym
#define MODULE_LICENSE(x)	extern int kshim_module_dummy
#define MODULE_DESCRIPTION(x)	extern int kshim_module_dummy
#define MODULE_AUTHOR(x)	extern int kshim_module_dummy

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------------
 * Arithmetic, bits, alignment, sizes.
 */

#define min(a, b)		((a) < (b) ? (a) : (b))
#define max(a, b)		((a) > (b) ? (a) : (b))
#define min_t(t, a, b)		((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)		((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define clamp(v, lo, hi)	min(max(v, lo), hi)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define BIT(nr)			(1UL << (nr))
#define BIT_ULL(nr)		(1ULL << (nr))
#define BITS_PER_LONG		64
#define BITS_TO_LONGS(n)	DIV_ROUND_UP(n, BITS_PER_LONG)
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]
#define GENMASK(h, l)		(((~0UL) - (1UL << (l)) + 1) & (~0UL >> (63 - (h))))

static inline void set_bit(unsigned int nr, unsigned long *addr)
{
	addr[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

static inline void clear_bit(unsigned int nr, unsigned long *addr)
{
	addr[nr / BITS_PER_LONG] &= ~(1UL << (nr % BITS_PER_LONG));
}

static inline bool test_bit(unsigned int nr, const unsigned long *addr)
{
	return addr[nr / BITS_PER_LONG] & (1UL << (nr % BITS_PER_LONG));
}

#define __ALIGN_MASK(x, mask)	(((x) + (mask)) & ~(mask))
#define ALIGN(x, a)		__ALIGN_MASK(x, (typeof(x))(a) - 1)
#define ALIGN_DOWN(x, a)	((x) & ~((typeof(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((typeof(x))(a) - 1)) == 0)

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)

#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))

#define U8_MAX			((u8)~0U)
#define U16_MAX			((u16)~0U)
#define U32_MAX			((u32)~0U)
#define U64_MAX			((u64)~0ULL)
#define S32_MAX			((s32)(U32_MAX >> 1))

#define SZ_1K			0x00000400
#define SZ_4K			0x00001000
#define SZ_16K			0x00004000
#define SZ_64K			0x00010000
#define SZ_256K			0x00040000
#define SZ_1M			0x00100000
#define SZ_16M			0x01000000

static inline bool is_power_of_2(unsigned long n)
{
	return n != 0 && ((n & (n - 1)) == 0);
}

/* <linux/overflow.h> */
#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d)	__builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)

static inline size_t size_mul(size_t a, size_t b)
{
	size_t r;

	return check_mul_overflow(a, b, &r) ? SIZE_MAX : r;
}

static inline size_t size_add(size_t a, size_t b)
{
	size_t r;

	return check_add_overflow(a, b, &r) ? SIZE_MAX : r;
}

static inline size_t size_sub(size_t a, size_t b)
{
	size_t r;

	if (a == SIZE_MAX || b == SIZE_MAX || check_sub_overflow(a, b, &r))
		return SIZE_MAX;
	return r;
}

#define array_size(a, b)		size_mul(a, b)
#define flex_array_size(p, member, count) \
	size_mul(count, sizeof(*(p)->member))
#define struct_size(p, member, count) \
	size_add(sizeof(*(p)), flex_array_size(p, member, count))

/* ---------------------------------------------------------------------
 * Byte order (x86-64: little-endian).
 */

#define __LITTLE_ENDIAN 1234
#define cpu_to_le16(x)	((__force __le16)(u16)(x))
#define cpu_to_le32(x)	((__force __le32)(u32)(x))
#define cpu_to_le64(x)	((__force __le64)(u64)(x))
#define le16_to_cpu(x)	((__force u16)(__le16)(x))
#define le32_to_cpu(x)	((__force u32)(__le32)(x))
#define le64_to_cpu(x)	((__force u64)(__le64)(x))
#define cpu_to_be16(x)	((__force __be16)__builtin_bswap16(x))
#define cpu_to_be32(x)	((__force __be32)__builtin_bswap32(x))
#define cpu_to_be64(x)	((__force __be64)__builtin_bswap64(x))
#define be16_to_cpu(x)	__builtin_bswap16((__force u16)(__be16)(x))
#define be32_to_cpu(x)	__builtin_bswap32((__force u32)(__be32)(x))
#define be64_to_cpu(x)	__builtin_bswap64((__force u64)(__be64)(x))

/* ---------------------------------------------------------------------
 * Errors.
 */

#define ERESTARTSYS	512
#define ENOTSUPP	524
#define MAX_ERRNO	4095

#define IS_ERR_VALUE(x)	unlikely((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR_VALUE((unsigned long)ptr);
}

/* ---------------------------------------------------------------------
 * printk, WARN, BUG.
 */

enum kshim_level {
	KSHIM_DBG,
	KSHIM_INFO,
	KSHIM_WARN,
	KSHIM_ERR,
	KSHIM_NR_LEVELS,
};

/* Messages printed so far, per level; targets reset and check them. */
extern unsigned long kshim_log_count[KSHIM_NR_LEVELS];

struct device;
void kshim_log(enum kshim_level level, const struct device *dev,
	       const char *fmt, ...);
void kshim_log_reset(void);
__attribute__((__noreturn__)) void kshim_fatal(const char *file, int line,
					       const char *fmt, ...);

#define dev_err(dev, fmt, ...)	kshim_log(KSHIM_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	kshim_log(KSHIM_WARN, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)	kshim_log(KSHIM_INFO, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)	kshim_log(KSHIM_DBG, dev, fmt, ##__VA_ARGS__)
#define dev_err_ratelimited	dev_err
#define dev_warn_ratelimited	dev_warn
#define dev_info_ratelimited	dev_info
#define dev_err_once		dev_err
#define dev_warn_once		dev_warn
#define pr_err(fmt, ...)	kshim_log(KSHIM_ERR, NULL, fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	kshim_log(KSHIM_WARN, NULL, fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	kshim_log(KSHIM_INFO, NULL, fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	kshim_log(KSHIM_DBG, NULL, fmt, ##__VA_ARGS__)
#define pr_err_ratelimited	pr_err
#define pr_warn_ratelimited	pr_warn

#define WARN_ON(cond) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		kshim_fatal(__FILE__, __LINE__, "WARN_ON(%s)", #cond);	\
	__ret_warn;							\
})
#define WARN_ON_ONCE(cond)	WARN_ON(cond)
#define WARN(cond, fmt, ...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		kshim_fatal(__FILE__, __LINE__, "WARN: " fmt, ##__VA_ARGS__); \
	__ret_warn;							\
})
#define WARN_ONCE		WARN
#define BUG()			kshim_fatal(__FILE__, __LINE__, "BUG()")
#define BUG_ON(cond)		do { if (unlikely(cond)) BUG(); } while (0)

/* The target checks its own contract with this (also without NDEBUG). */
#define KSHIM_ASSERT(cond, fmt, ...) do {				\
	if (unlikely(!(cond)))						\
		kshim_fatal(__FILE__, __LINE__, "assertion %s failed: " fmt, \
			    #cond, ##__VA_ARGS__);			\
} while (0)

/* A call that must not happen in this target. */
#define kshim_unexpected(what) \
	kshim_fatal(__FILE__, __LINE__, "unexpected call: %s", what)

/* ---------------------------------------------------------------------
 * Memory.
 */

#define GFP_KERNEL	0x1u
#define GFP_ATOMIC	0x2u
#define GFP_NOWAIT	0x4u
#define __GFP_ZERO	0x100u
#define __GFP_NOWARN	0x200u

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
char *kstrdup(const char *s, gfp_t gfp);
void kfree(const void *p);
#define vmalloc(size)		kmalloc(size, GFP_KERNEL)
#define vzalloc(size)		kzalloc(size, GFP_KERNEL)
#define vfree(p)		kfree(p)
#define kvmalloc(size, gfp)	kmalloc(size, gfp)
#define kvzalloc(size, gfp)	kzalloc(size, gfp)
#define kvmalloc_array(n, size, gfp) \
	((n) && (size) > SIZE_MAX / (n) ? NULL : kmalloc((n) * (size), gfp))
#define kmalloc_array		kvmalloc_array
#define kvfree(p)		kfree(p)

/* Number of allocations still live: targets check for leaks with it. */
extern long kshim_live_allocs;
/*
 * Fault injection: when kshim_alloc_fail_at is N > 0, the N-th allocation
 * (counting in kshim_alloc_nr, which the target resets) fails, and
 * kshim_alloc_failures counts it.
 */
extern unsigned long kshim_alloc_nr;
extern unsigned long kshim_alloc_fail_at;
extern unsigned long kshim_alloc_failures;

/* <linux/io.h>: an __iomem pointer is plain memory here. */
#define MEMREMAP_WB	1
#define MEMREMAP_WT	2
#define MEMREMAP_WC	4
#define memremap(pa, size, flags)	((void)(pa), (void)(size), (void *)NULL)
#define memunmap(va)			((void)(va))
#define memcpy_toio(dst, src, n)	memcpy((void *)(dst), src, n)
#define memcpy_fromio(dst, src, n)	memcpy(dst, (const void *)(src), n)
#define memset_io(dst, c, n)		memset((void *)(dst), c, n)

/* <linux/string.h> */
ssize_t strscpy(char *dst, const char *src, size_t count);

/* ---------------------------------------------------------------------
 * Locks: single-threaded, but lockdep_assert_held() is checked.
 */

struct lock_class_key {
	int dummy;
};

struct mutex {
	int held;
};

typedef struct {
	int held;
} spinlock_t;

#define DEFINE_MUTEX(name)		struct mutex name = { 0 }
#define DEFINE_SPINLOCK(name)		spinlock_t name = { 0 }
#define __SPIN_LOCK_UNLOCKED(name)	{ 0 }

#define kshim_lock(l) do {						\
	KSHIM_ASSERT(!(l)->held, "lock taken twice");			\
	(l)->held = 1;							\
} while (0)
#define kshim_unlock(l) do {						\
	KSHIM_ASSERT((l)->held, "lock released but not held");		\
	(l)->held = 0;							\
} while (0)

#define mutex_init(m)			((m)->held = 0)
#define mutex_destroy(m)		KSHIM_ASSERT(!(m)->held, "destroying a held mutex")
#define mutex_lock(m)			kshim_lock(m)
#define mutex_lock_interruptible(m)	({ kshim_lock(m); 0; })
#define mutex_unlock(m)			kshim_unlock(m)
#define mutex_is_locked(m)		((m)->held)
#define spin_lock_init(l)		((l)->held = 0)
#define spin_lock(l)			kshim_lock(l)
#define spin_unlock(l)			kshim_unlock(l)
#define spin_lock_irq(l)		kshim_lock(l)
#define spin_unlock_irq(l)		kshim_unlock(l)
#define spin_lock_irqsave(l, f)		do { (f) = 0; kshim_lock(l); } while (0)
#define spin_unlock_irqrestore(l, f)	do { (void)(f); kshim_unlock(l); } while (0)
#define lockdep_assert_held(l)		KSHIM_ASSERT((l)->held, "lock not held")
#define lockdep_assert_not_held(l)	KSHIM_ASSERT(!(l)->held, "lock held")
#define might_sleep()			do { } while (0)
#define might_sleep_if(c)		do { (void)(c); } while (0)
#define cond_resched()			do { } while (0)

#define rcu_read_lock()			do { } while (0)
#define rcu_read_unlock()		do { } while (0)
#define synchronize_rcu()		do { } while (0)
#define rcu_dereference(p)		(p)
#define rcu_assign_pointer(p, v)	((p) = (v))

struct rcu_head {
	void *next;
};

struct srcu_struct {
	int readers;
};

#define DEFINE_STATIC_SRCU(name)	static struct srcu_struct name
#define srcu_read_lock(s)		((s)->readers++)
#define srcu_read_unlock(s, idx)	((void)(idx), (s)->readers--)
#define synchronize_srcu(s) \
	KSHIM_ASSERT(!(s)->readers, "synchronize_srcu() inside its read section")

/* ---------------------------------------------------------------------
 * Atomics (single-threaded).
 */

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

#define ATOMIC_INIT(i)			{ (i) }
#define atomic_read(v)			READ_ONCE((v)->counter)
#define atomic_set(v, i)		((v)->counter = (i))
#define atomic_inc(v)			((v)->counter++)
#define atomic_dec(v)			((v)->counter--)
#define atomic_inc_return(v)		(++(v)->counter)
#define atomic_dec_return(v)		(--(v)->counter)
#define atomic_dec_and_test(v)		(--(v)->counter == 0)
#define atomic_long_read(v)		READ_ONCE((v)->counter)
#define atomic_long_set(v, i)		((v)->counter = (i))
#define atomic_long_inc(v)		((v)->counter++)

struct kref {
	atomic_t refcount;
};

static inline void kref_init(struct kref *kref)
{
	atomic_set(&kref->refcount, 1);
}

static inline void kref_get(struct kref *kref)
{
	KSHIM_ASSERT(atomic_read(&kref->refcount) > 0, "kref_get on a dead object");
	atomic_inc(&kref->refcount);
}

static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	KSHIM_ASSERT(atomic_read(&kref->refcount) > 0, "kref_put on a dead object");
	if (atomic_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Lists (<linux/list.h>).
 */

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }
#define LIST_HEAD(name)		struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

static inline void __list_add(struct list_head *new, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

static inline void list_del(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	entry->next = (void *)0x100;
	entry->prev = (void *)0x122;
}

static inline int list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) \
	list_entry((ptr)->next, type, member)
#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, typeof(*(pos)), member)
#define list_for_each_entry(pos, head, member)				\
	for (pos = list_first_entry(head, typeof(*pos), member);	\
	     &pos->member != (head);					\
	     pos = list_next_entry(pos, member))
#define list_prev_entry(pos, member) \
	list_entry((pos)->member.prev, typeof(*(pos)), member)
#define list_for_each_entry_reverse(pos, head, member)			\
	for (pos = list_entry((head)->prev, typeof(*pos), member);	\
	     &pos->member != (head);					\
	     pos = list_prev_entry(pos, member))
#define list_for_each_entry_continue_reverse(pos, head, member)		\
	for (pos = list_prev_entry(pos, member);			\
	     &pos->member != (head);					\
	     pos = list_prev_entry(pos, member))
#define list_for_each_entry_safe(pos, n, head, member)			\
	for (pos = list_first_entry(head, typeof(*pos), member),	\
	     n = list_next_entry(pos, member);				\
	     &pos->member != (head);					\
	     pos = n, n = list_next_entry(n, member))

/* ---------------------------------------------------------------------
 * idr: a sorted array of (id, pointer).
 */

struct kshim_idr_slot {
	int id;
	void *ptr;
};

struct idr {
	struct kshim_idr_slot *slots;
	int nr;
	int cap;
};

#define DEFINE_IDR(name)	struct idr name = { 0 }

void idr_init(struct idr *idr);
void idr_destroy(struct idr *idr);
int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
void *idr_find(const struct idr *idr, unsigned long id);
void *idr_remove(struct idr *idr, unsigned long id);
void *idr_get_next(struct idr *idr, int *nextid);
#define idr_for_each_entry(idr, entry, id) \
	for (id = 0; ((entry) = idr_get_next(idr, &(id))) != NULL; id += 1U)

struct ida {
	struct idr idr;
};

/* ---------------------------------------------------------------------
 * Time, work, wait queues, poll.
 */

#define HZ 100
extern unsigned long jiffies;
#define time_after(a, b)	((long)((b) - (a)) < 0)
#define msecs_to_jiffies(m)	((unsigned long)(m) / (1000 / HZ))

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	work_func_t func;
	int pending;
};

struct delayed_work {
	struct work_struct work;
};

struct workqueue_struct {
	int dummy;
};

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;

#define INIT_WORK(w, f)		do { (w)->func = (f); (w)->pending = 0; } while (0)
bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
#define schedule_work(w)	queue_work(system_wq, w)
#define cancel_work_sync(w)	({ int __was = (w)->pending; (w)->pending = 0; __was; })
#define flush_work(w)		do { } while (0)

typedef struct {
	int waiters;
} wait_queue_head_t;

#define init_waitqueue_head(q)		((q)->waiters = 0)
#define wake_up(q)			do { (void)(q); } while (0)
#define wake_up_all(q)			do { (void)(q); } while (0)
#define wake_up_interruptible(q)	do { (void)(q); } while (0)
#define wake_up_interruptible_all(q)	do { (void)(q); } while (0)
#define wait_event_interruptible_timeout(wq, cond, timeout) ({		\
	long __t = (timeout);						\
	if (!(cond))							\
		kshim_unexpected("sleeping in wait_event");		\
	__t;								\
})

struct completion {
	unsigned int done;
};

struct file;
struct poll_table_struct;
typedef struct poll_table_struct poll_table;
#define poll_wait(filp, q, p)	do { (void)(filp); (void)(q); (void)(p); } while (0)
#define EPOLLIN		0x00000001
#define EPOLLPRI	0x00000002
#define EPOLLOUT	0x00000004
#define EPOLLERR	0x00000008
#define EPOLLHUP	0x00000010
#define EPOLLRDNORM	0x00000040
#define EPOLLWRNORM	0x00000100

typedef enum irqreturn {
	IRQ_NONE = 0,
	IRQ_HANDLED = 1,
	IRQ_WAKE_THREAD = 2,
} irqreturn_t;

/* ---------------------------------------------------------------------
 * Devices.
 */

struct dma_map_ops;
struct module;
#define THIS_MODULE ((struct module *)0)

struct device_driver {
	const char *name;
	struct module *owner;
};

struct class {
	const char *name;
};

struct device {
	struct device *parent;
	const char *init_name;
	void (*release)(struct device *dev);
	struct device_driver *driver;
	struct class *class;
	void *driver_data;
	void *platform_data;
	u64 *dma_mask;
	u64 coherent_dma_mask;
	u64 bus_dma_limit;
	const struct dma_map_ops *dma_ops;
	struct device_node *of_node;
	int refcount;		/* kshim: get_device()/put_device() */
	int registered;		/* kshim: device_add() ... device_del() */
};

struct device *get_device(struct device *dev);
void put_device(struct device *dev);
void device_initialize(struct device *dev);
const char *dev_name(const struct device *dev);
int dev_set_name(struct device *dev, const char *fmt, ...);
#define dev_get_drvdata(d)	((d)->driver_data)
#define dev_set_drvdata(d, p)	((d)->driver_data = (p))

/* <linux/of.h>: no device tree. */
struct device_node;
#define of_parse_phandle(np, name, index) \
	((void)(np), (struct device_node *)NULL)
#define of_node_put(np)			((void)(np))

struct cdev {
	int dummy;
};

struct dentry;

#endif /* KSHIM_H */
