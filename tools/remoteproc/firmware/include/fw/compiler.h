/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Firmware library: compiler helpers.
 */
#ifndef FW_COMPILER_H
#define FW_COMPILER_H

/* Read or write a location another party (Linux, the host) shares. */
#define FW_READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define FW_WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

#define FW_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define FW_NORETURN		__attribute__((__noreturn__))
#define FW_PRINTF(f, a)		__attribute__((__format__(__printf__, f, a)))

/* Count 1 to 8 macro arguments. */
#define FW_NARGS(...)		FW_NARGS_(__VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define FW_NARGS_(a, b, c, d, e, f, g, h, n, ...)	n

static inline void fw_barrier(void)
{
	__asm__ __volatile__("" : : : "memory");
}

static inline void fw_cpu_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

#endif /* FW_COMPILER_H */
