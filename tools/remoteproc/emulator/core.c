// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: creating, stopping and reaping the core process.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core.h"

/* How long the child may take to set itself up. */
#define CORE_SETUP_TIMEOUT_MS	5000

static int core_pidfd_open(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

static int core_pidfd_kill(int pidfd, int sig)
{
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

/* Wait for the child's setup report: 0 when it is about to run firmware. */
static int core_wait_ready(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int32_t status;
	ssize_t n;
	int ret;

	do
		ret = poll(&pfd, 1, CORE_SETUP_TIMEOUT_MS);
	while (ret < 0 && errno == EINTR);
	if (ret <= 0)
		return ETIMEDOUT;
	do
		n = read(fd, &status, sizeof(status));
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(status))
		return ECHILD;		/* died before reporting */
	return status;
}

/**
 * core_start() - create the core process and let it run the firmware
 * @emu: the emulator; no core may exist
 * @boot_addr: entry point, already checked to lie in local memory
 *
 * Return: 0 once the child is about to call the entry point, or an errno
 * value (the child is gone then).
 */
int core_start(struct emu *emu, uint64_t boot_addr)
{
	pid_t parent = getpid(), pid;
	int pipefd[2], err;

	if (pipe2(pipefd, O_CLOEXEC))
		return errno;
	pid = fork();
	if (pid < 0) {
		err = errno;
		close(pipefd[0]);
		close(pipefd[1]);
		return err;
	}
	if (pid == 0) {
		close(pipefd[0]);
		core_child_main(emu, boot_addr, pipefd[1], parent);
	}
	close(pipefd[1]);
	emu->core.pid = pid;
	emu->core.pidfd = core_pidfd_open(pid);
	if (emu->core.pidfd < 0) {
		err = errno;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		emu->core.pid = 0;
		close(pipefd[0]);
		return err;
	}
	err = core_wait_ready(pipefd[0]);
	close(pipefd[0]);
	if (err)
		core_kill(emu);
	return err;
}

/**
 * core_reap() - collect the core if it has exited
 * @emu: the emulator, whose core's pidfd became readable
 * @wstatus: the wait status, when the core was collected
 *
 * Return: 1 when the core was collected (it no longer exists), 0 if it is
 * still running.
 */
int core_reap(struct emu *emu, int *wstatus)
{
	pid_t ret;

	if (!emu->core.pid)
		return 0;
	do
		ret = waitpid(emu->core.pid, wstatus, WNOHANG);
	while (ret < 0 && errno == EINTR);
	if (ret == 0)
		return 0;
	close(emu->core.pidfd);
	emu->core.pidfd = -1;
	emu->core.pid = 0;
	return 1;
}

/**
 * core_kill() - stop the core, if there is one, and wait until it is gone
 * @emu: the emulator
 */
void core_kill(struct emu *emu)
{
	if (!emu->core.pid)
		return;
	core_pidfd_kill(emu->core.pidfd, SIGKILL);
	while (waitpid(emu->core.pid, NULL, 0) < 0 && errno == EINTR)
		;
	close(emu->core.pidfd);
	emu->core.pidfd = -1;
	emu->core.pid = 0;
}
