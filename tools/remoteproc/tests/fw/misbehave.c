// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test firmware that ends by itself, one way per build:
 *
 *	FW_MODE_return	returns from its entry point	(EXIT, detail 0)
 *	FW_MODE_exit	exit_group(3)			(EXIT, detail 3)
 *	FW_MODE_abort	kill(getpid(), SIGABRT)		(ABORT, detail 6)
 *
 * Trace: "test-<mode>: booted".
 */
#include <stdint.h>

#include <fw/compiler.h>
#include <fw/entry.h>
#include <fw/rsc.h>
#include <fw/trace.h>

#define SYS_GETPID	39
#define SYS_KILL	62
#define SYS_EXIT_GROUP	231
#define SIG_ABRT	6

#if defined(FW_MODE_return)
#define FW_MODE		"return"
#elif defined(FW_MODE_exit)
#define FW_MODE		"exit"
#elif defined(FW_MODE_abort)
#define FW_MODE		"abort"
#else
#error "define FW_MODE_return, FW_MODE_exit or FW_MODE_abort"
#endif

static char fw_trace_buf[256];

FW_TRACE_ONLY_TABLE(fw_trace_buf);

#ifndef FW_MODE_return
static long fw_syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a" (ret)
			     : "a" (nr), "D" (a), "S" (b)
			     : "rcx", "r11", "memory");
	return ret;
}
#endif

FW_ENTRY void fw_entry(const struct rproc_emu_hw *hw)
{
	struct fw_trace trace;

	(void)hw;
	fw_trace_init(&trace, fw_trace_buf, sizeof(fw_trace_buf));
	fw_trace_puts(&trace, "test-" FW_MODE ": booted\n");
#if defined(FW_MODE_exit)
	fw_syscall2(SYS_EXIT_GROUP, 3, 0);
#elif defined(FW_MODE_abort)
	fw_syscall2(SYS_KILL, fw_syscall2(SYS_GETPID, 0, 0), SIG_ABRT);
	for (;;)
		fw_cpu_relax();
#endif
}
