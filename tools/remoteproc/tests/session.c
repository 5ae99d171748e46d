// SPDX-License-Identifier: GPL-2.0
/*
 * Tests: one rproc-emu process and the test playing QEMU and Linux for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "session.h"
#include "test.h"

#define SESSION_ACK_TIMEOUT_MS	5000

/**
 * session_spawn() - start an emulator
 * @s: the session, initialised here
 * @args: how
 *
 * The emulator gets SIGTERM should the test die.
 *
 * Return: 0, or -1 with errno set.
 */
int session_spawn(struct session *s, const struct session_args *args)
{
	char ram_size[32], wd[16];
	pid_t parent = getpid();

	memset(s, 0, sizeof(*s));
	s->cl.sock = s->cl.shm_fd = -1;
	for (int v = 0; v < IVS_CLIENT_VECTORS; v++)
		s->cl.peer_fds[v] = s->cl.own_fds[v] = -1;
	snprintf(s->sock, sizeof(s->sock), "%s/%s.sock", args->dir, args->name);
	snprintf(s->log, sizeof(s->log), "%s/%s.log", args->dir, args->name);
	snprintf(s->errlog, sizeof(s->errlog), "%s/%s.stderr", args->dir,
		 args->name);
	snprintf(ram_size, sizeof(ram_size), "%llu",
		 (unsigned long long)args->ram_size);
	snprintf(wd, sizeof(wd), "%u", args->watchdog_ms);
	fflush(NULL);
	s->pid = fork();
	if (s->pid < 0)
		return -1;
	if (s->pid == 0) {
		int fd = open(s->errlog, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(126);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		if (args->preboot)
			execl(args->emu, args->emu, "--socket", s->sock, "--ram",
			      args->ram, "--ram-size", ram_size, "--watchdog-ms",
			      wd, "--log", s->log, "--verbose", "--preboot",
			      args->preboot, (char *)NULL);
		else
			execl(args->emu, args->emu, "--socket", s->sock, "--ram",
			      args->ram, "--ram-size", ram_size, "--watchdog-ms",
			      wd, "--log", s->log, "--verbose", (char *)NULL);
		_exit(127);
	}
	return 0;
}

/**
 * session_connect() - connect as QEMU and map the shared memory
 * @s: a spawned session
 * @err: set to what went wrong
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err set.
 */
int session_connect(struct session *s, char *err, size_t errlen)
{
	struct stat st;
	void *p;

	if (ivs_client_connect(&s->cl, s->sock, 5000, err, errlen))
		return -1;
	if (fstat(s->cl.shm_fd, &st) || st.st_size < IVRP_CTRL_SIZE) {
		snprintf(err, errlen, "shared memory too small");
		return -1;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		 s->cl.shm_fd, 0);
	if (p == MAP_FAILED) {
		snprintf(err, errlen, "mmap: %s", strerror(errno));
		return -1;
	}
	s->local = p;
	s->local_size = (uint64_t)st.st_size;
	s->ctrl = p;
	return 0;
}

uint32_t session_ctrl(struct session *s, size_t offset)
{
	return __atomic_load_n((uint32_t *)((char *)s->ctrl + offset),
			       __ATOMIC_ACQUIRE);
}

uint64_t session_boot_addr(struct session *s)
{
	return __atomic_load_n(&s->ctrl->boot_addr, __ATOMIC_ACQUIRE);
}

void session_ring(struct session *s, unsigned int vector)
{
	eventfd_write(s->cl.peer_fds[vector], 1);
}

/**
 * session_wait_vector() - wait for an interrupt from the emulator
 * @s: the session
 * @vector: which
 * @timeout_ms: how long at most (0: just look)
 *
 * Return: true if it came (it is consumed).
 */
bool session_wait_vector(struct session *s, unsigned int vector,
			 unsigned int timeout_ms)
{
	struct pollfd pfd = { .fd = s->cl.own_fds[vector], .events = POLLIN };
	eventfd_t val;

	if (poll(&pfd, 1, (int)timeout_ms) != 1)
		return false;
	return eventfd_read(pfd.fd, &val) == 0;
}

/**
 * session_command() - play Linux: issue a command and wait for its ack
 * @s: the session
 * @cmd: &enum ivrp_cmd (or anything else)
 * @boot_addr: for %IVRP_CMD_START
 * @result: the emulator's cmd_result
 *
 * Return: 0 when acknowledged (both ack_seq and the CTRL interrupt), -1 on
 * timeout.
 */
int session_command(struct session *s, uint32_t cmd, uint64_t boot_addr,
		    uint32_t *result)
{
	uint64_t deadline = test_now_ms() + SESSION_ACK_TIMEOUT_MS;
	uint32_t seq;

	__atomic_store_n(&s->ctrl->boot_addr, boot_addr, __ATOMIC_RELAXED);
	__atomic_store_n(&s->ctrl->cmd, cmd, __ATOMIC_RELAXED);
	seq = __atomic_load_n(&s->ctrl->cmd_seq, __ATOMIC_RELAXED) + 1;
	__atomic_store_n(&s->ctrl->cmd_seq, seq, __ATOMIC_RELEASE);
	session_ring(s, IVRP_VEC_CTRL);
	while (test_now_ms() < deadline) {
		if (!session_wait_vector(s, IVRP_VEC_CTRL, 100))
			continue;
		if (__atomic_load_n(&s->ctrl->ack_seq, __ATOMIC_ACQUIRE) == seq) {
			*result = CTRL(s, cmd_result);
			return 0;
		}
	}
	return -1;
}

/**
 * session_load() - play Linux: load an image and allocate its carveout
 * @s: a connected session
 * @path: the image
 * @err: set to what went wrong
 * @errlen: size of @err
 *
 * The carveout, if any, goes to %TEST_CARVEOUT_DA in guest RAM.
 *
 * Return: 0, or -1 with @err set.
 */
int session_load(struct session *s, const char *path, char *err, size_t errlen)
{
	uint32_t len;

	if (fw_load(s->local, s->local_size, path, &s->fw, err, errlen))
		return -1;
	if (s->fw.carveout_da)
		fw_assign_carveout(s->local, &s->fw, TEST_CARVEOUT_DA, &len);
	return 0;
}

void session_trace(struct session *s, char *buf, size_t size)
{
	fw_read_trace(s->local, &s->fw, buf, size);
}

/**
 * session_wait_trace() - wait for text to show up in the trace buffer
 * @s: the session
 * @needle: the text
 * @timeout_ms: how long at most
 *
 * Return: true if it did.
 */
bool session_wait_trace(struct session *s, const char *needle,
			unsigned int timeout_ms)
{
	uint64_t deadline = test_now_ms() + timeout_ms;
	char buf[4097];

	for (;;) {
		session_trace(s, buf, sizeof(buf));
		if (strstr(buf, needle))
			return true;
		if (test_now_ms() >= deadline)
			return false;
		test_sleep_ms(5);
	}
}

/**
 * session_heartbeat_line() - the number on the trace's heartbeat line
 * @s: the session
 *
 * Return: N of "heartbeat N", or -1 when there is no such line.
 */
long session_heartbeat_line(struct session *s)
{
	char buf[4097], *p;

	session_trace(s, buf, sizeof(buf));
	p = strstr(buf, "\nheartbeat ");
	return p ? strtol(p + 11, NULL, 10) : -1;
}

bool session_wait_heartbeat_past(struct session *s, long n,
				 unsigned int timeout_ms)
{
	uint64_t deadline = test_now_ms() + timeout_ms;

	while (session_heartbeat_line(s) <= n) {
		if (test_now_ms() >= deadline)
			return false;
		test_sleep_ms(10);
	}
	return true;
}

/**
 * session_disconnect() - play QEMU leaving
 * @s: the session
 */
void session_disconnect(struct session *s)
{
	ivs_client_close(&s->cl);
}

/**
 * session_wait_exit() - wait for the emulator to exit
 * @s: the session
 * @timeout_ms: how long at most; then it is killed
 * @status: its wait status, when it exited in time
 *
 * Return: true if it exited in time.
 */
bool session_wait_exit(struct session *s, unsigned int timeout_ms, int *status)
{
	uint64_t deadline = test_now_ms() + timeout_ms;

	while (s->pid) {
		pid_t r = waitpid(s->pid, status, WNOHANG);

		if (r == s->pid || (r < 0 && errno != EINTR)) {
			s->pid = 0;
			return r > 0;
		}
		if (test_now_ms() >= deadline) {
			kill(s->pid, SIGKILL);
			waitpid(s->pid, NULL, 0);
			s->pid = 0;
			return false;
		}
		test_sleep_ms(5);
	}
	return false;
}

/**
 * session_destroy() - end the session, whatever state it is in
 * @s: the session
 */
void session_destroy(struct session *s)
{
	int status;

	if (s->local)
		munmap(s->local, s->local_size);
	s->local = NULL;
	s->ctrl = NULL;
	session_disconnect(s);
	if (s->pid) {
		kill(s->pid, SIGTERM);
		session_wait_exit(s, 3000, &status);
	}
}

/**
 * file_contains() - does a (small) file contain some text?
 * @path: the file
 * @needle: the text
 *
 * Return: true if it does.
 */
bool file_contains(const char *path, const char *needle)
{
	char buf[65536];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, needle) != NULL;
}
