// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: the core process, from fork() to the firmware's entry point.
 *
 * Address space of the core:
 *
 *	IVRP_LOCAL_DA		local memory (the memfd, shared with QEMU's
 *				BAR2), read/write/execute, at VA == DA; its
 *				first page, the control page, inaccessible
 *	anywhere		guest RAM (the --ram file), shared read/write
 *	anywhere		the firmware's stack, with a guard page
 *	anywhere		the emulator's own memory, inherited
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <unistd.h>

#include "core.h"

#define CORE_GUARD_SIZE		4096u

static void core_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* Drop what the core must not hold: sockets, and fds it does not use. */
static void core_close_emulator_fds(const struct emu *emu)
{
	core_close(emu->server.listen_fd);
	core_close(emu->server.client_fd);
	core_close(emu->signal_fd);
	core_close(emu->wd.timer_fd);
	core_close(emu->emu_evt[IVRP_VEC_CTRL]);
	core_close(emu->emu_evt[IVRP_VEC_CRASH]);
	core_close(emu->guest_evt[IVRP_VEC_CTRL]);
	core_close(emu->guest_evt[IVRP_VEC_CRASH]);
}

/* Become a well-behaved child: die with the emulator, default signals. */
static int core_setup_process(pid_t parent)
{
	sigset_t none;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL))
		return errno;
	if (getppid() != parent)	/* the emulator died before prctl() */
		return ESRCH;
	prctl(PR_SET_NAME, "rproc-emu-core");
	sigemptyset(&none);
	if (sigprocmask(SIG_SETMASK, &none, NULL))
		return errno;
	return 0;
}

static int core_map_local(const struct emu *emu)
{
	void *want = (void *)(uintptr_t)IVRP_LOCAL_DA;
	void *p;

	p = mmap(want, emu->opts.local_size,
		 PROT_READ | PROT_WRITE | PROT_EXEC,
		 MAP_SHARED | MAP_FIXED_NOREPLACE, emu->mem_fd, 0);
	if (p == MAP_FAILED)
		return errno;
	if (p != want) {		/* a kernel without MAP_FIXED_NOREPLACE */
		munmap(p, emu->opts.local_size);
		return EEXIST;
	}
	/* The firmware may not touch the control page. */
	if (mprotect(want, IVRP_CTRL_SIZE, PROT_NONE))
		return errno;
	return 0;
}

static int core_map_ram(const struct emu *emu, unsigned char **ram,
			uint64_t *limit)
{
	uint64_t len = emu->opts.ram_size;
	struct stat st;
	void *p;
	int fd, err = 0;

	if (len > IVRP_RAM_LIMIT)
		len = IVRP_RAM_LIMIT;
	fd = open(emu->opts.ram_path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fstat(fd, &st)) {
		err = errno;
		goto out_close;
	}
	if ((uint64_t)st.st_size < len) {
		/* The firmware would fault beyond the end of the file. */
		emu_err(&emu->log, "core: %s has %lld bytes, less than --ram-size",
			emu->opts.ram_path, (long long)st.st_size);
		err = EINVAL;
		goto out_close;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		err = errno;
		goto out_close;
	}
	*ram = p;
	*limit = len;
out_close:
	close(fd);
	return err;
}

static int core_map_stack(void **top)
{
	size_t len = CORE_STACK_SIZE + CORE_GUARD_SIZE;
	unsigned char *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (p == MAP_FAILED)
		return errno;
	if (mprotect(p, CORE_GUARD_SIZE, PROT_NONE))
		return errno;
	*top = p + len;			/* page aligned, so 16-byte aligned */
	return 0;
}

static void core_report(int fd, int32_t status)
{
	ssize_t n;

	do
		n = write(fd, &status, sizeof(status));
	while (n < 0 && errno == EINTR);
	close(fd);
}

/*
 * Call the firmware on its own stack.  The System V ABI wants the stack
 * 16-byte aligned at the call instruction, which @stack_top is.  If the
 * entry point returns, the core exits with status 0.
 */
static void __attribute__((noreturn))
core_jump(void *stack_top, rproc_emu_entry_t entry,
	  const struct rproc_emu_hw *hw)
{
	__asm__ __volatile__(
		"mov	%0, %%rsp\n\t"
		"xor	%%ebp, %%ebp\n\t"
		"call	*%1\n\t"
		"xor	%%edi, %%edi\n\t"
		"mov	%3, %%eax\n\t"
		"syscall\n\t"
		"ud2"
		: : "r" (stack_top), "r" (entry), "D" (hw),
		    "i" (SYS_exit_group)
		: "memory");
	__builtin_unreachable();
}

/**
 * core_child_main() - set up the core process and run the firmware
 * @emu: the emulator's state, as inherited through fork()
 * @boot_addr: the entry point, inside local memory
 * @ready_fd: pipe to the emulator: receives 0 right before the firmware
 *	      runs, or the errno of the step that failed
 * @parent: the emulator's pid
 *
 * Never returns: it becomes the firmware, or exits with status 127.
 */
void core_child_main(const struct emu *emu, uint64_t boot_addr, int ready_fd,
		     pid_t parent)
{
	struct core_hw hw;
	unsigned char *ram = NULL;
	uint64_t ram_limit = 0;
	void *stack_top = NULL;
	const char *step;
	int err;

	core_close_emulator_fds(emu);
	step = "process setup";
	err = core_setup_process(parent);
	if (!err) {
		step = "mapping local memory at its device address";
		err = core_map_local(emu);
	}
	if (!err) {
		step = "mapping guest RAM";
		err = core_map_ram(emu, &ram, &ram_limit);
	}
	if (!err) {
		step = "allocating the stack";
		err = core_map_stack(&stack_top);
	}
	if (err) {
		emu_err(&emu->log, "core: %s: %s", step, strerror(err));
		core_report(ready_fd, err);
		_exit(127);
	}
	close(emu->mem_fd);
	core_hw_init(&hw, emu, ram, ram_limit);
	core_report(ready_fd, 0);
	core_jump(stack_top, (rproc_emu_entry_t)(uintptr_t)boot_addr, &hw.ops);
}
