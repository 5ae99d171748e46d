// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of rproc-emu: the scenarios.
 *
 * The test plays both QEMU (the ivshmem client) and Linux (loading images
 * into the shared memory, writing commands into the control page).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fw/patterns.h>

#include "scenarios.h"
#include "session.h"

#define TRACE_TIMEOUT_MS	3000
#define CRASH_TIMEOUT_MS	3000
#define EXIT_TIMEOUT_MS		3000
#define QUIET_MS		250	/* long enough for 2 heartbeats */

static void fw_path(const struct test_env *env, const char *sub,
		    const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s/%s", env->bindir, sub, name);
}

static struct session_args test_args(const struct test_env *env,
				     const char *name)
{
	return (struct session_args) {
		.emu = env->emu,
		.dir = env->dir,
		.name = name,
		.ram = env->ram_path,
		.ram_size = TEST_RAM_SIZE,
		.watchdog_ms = TEST_WATCHDOG_MS,
	};
}

/* Run rproc-emu with @argv (argv[0] is ignored); return its wait status. */
static int run_emu(const struct test_env *env, char *const argv[])
{
	struct session s = { .pid = 0 };
	int status = -1;

	fflush(NULL);
	s.pid = fork();
	if (s.pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execv(env->emu, argv);
		_exit(127);
	}
	if (s.pid < 0 || !session_wait_exit(&s, EXIT_TIMEOUT_MS, &status))
		return -1;
	return status;
}

static bool exited_with(int status, int code)
{
	return status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

/**
 * test_cli() - bad command lines are refused, existing files are kept
 * @env: the environment
 */
void test_cli(struct test_env *env)
{
	char sock[300], rs[] = "--ram-size", sz[] = "16M", ram[] = "--ram";
	char so[] = "--socket", ls[] = "--local-size", bad[] = "3000";
	char help[] = "--help", junk[] = "16Q";
	char *none[] = { env->emu, NULL };
	char *helpv[] = { env->emu, help, NULL };
	char *badlocal[] = { env->emu, so, sock, ram, env->ram_path, rs, sz,
			     ls, bad, NULL };
	char *badsize[] = { env->emu, so, sock, ram, env->ram_path, rs, junk,
			    NULL };
	char *exists[] = { env->emu, so, sock, ram, env->ram_path, rs, sz, NULL };
	struct stat st;
	int fd;

	snprintf(sock, sizeof(sock), "%s/cli.sock", env->dir);
	CHECK(&env->st, exited_with(run_emu(env, none), 2), "cli: no arguments: exit 2");
	CHECK(&env->st, exited_with(run_emu(env, helpv), 0), "cli: --help: exit 0");
	CHECK(&env->st, exited_with(run_emu(env, badlocal), 2),
	      "cli: --local-size not a power of two: exit 2");
	CHECK(&env->st, exited_with(run_emu(env, badsize), 2),
	      "cli: --ram-size 16Q: exit 2");
	fd = open(sock, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0)
		close(fd);
	CHECK(&env->st, exited_with(run_emu(env, exists), 1),
	      "cli: socket path exists: exit 1");
	CHECK(&env->st, !stat(sock, &st) && S_ISREG(st.st_mode),
	      "cli: the existing file was left alone");
	unlink(sock);
}

static void check_setup(struct test_env *env, struct session *s)
{
	struct test_stats *st = &env->st;

	CHECK(st, s->cl.own_id == 1, "handshake: QEMU gets peer id 1");
	CHECK(st, s->cl.peer_id == 0, "handshake: the emulator is peer 0");
	CHECK(st, s->local_size == TEST_LOCAL_SIZE, "handshake: shm is 64 MiB");
	CHECK(st, CTRL(s, magic) == IVRP_MAGIC, "ctrl: magic");
	CHECK(st, CTRL(s, version) == IVRP_VERSION, "ctrl: version");
	CHECK(st, CTRL(s, emu_peer) == 0, "ctrl: emu_peer 0");
	CHECK(st, CTRL(s, local_size) == TEST_LOCAL_SIZE, "ctrl: local_size");
	CHECK(st, CTRL(s, watchdog_ms) == TEST_WATCHDOG_MS, "ctrl: watchdog_ms");
	CHECK(st, CTRL(s, state) == IVRP_STATE_OFFLINE, "ctrl: state offline");
	CHECK(st, CTRL(s, boot_count) == 0 && CTRL(s, crash_count) == 0,
	      "ctrl: no boots, no crashes yet");
	CHECK(st, ivs_client_try_connect(s->sock) < 0,
	      "handshake: a second client is refused");
}

/* Issue a command; the result, or 0xffffffff when it was not acked. */
static uint32_t command(struct session *s, uint32_t cmd, uint64_t boot)
{
	uint32_t result;

	return session_command(s, cmd, boot, &result) ? UINT32_MAX : result;
}

static void check_commands_offline(struct test_env *env, struct session *s)
{
	struct test_stats *st = &env->st;
	const uint64_t end = IVRP_LOCAL_DA + TEST_LOCAL_SIZE;

	CHECK(st, command(s, IVRP_CMD_STOP, 0) == IVRP_OK &&
	      CTRL(s, state) == IVRP_STATE_OFFLINE, "stop while offline: ok");
	CHECK(st, command(s, 9, 0) == IVRP_EINVAL, "unknown command: EINVAL");
	CHECK(st, command(s, IVRP_CMD_NONE, 0) == IVRP_EINVAL,
	      "command NONE: EINVAL");
	CHECK(st, command(s, IVRP_CMD_START, 0x1000) == IVRP_EINVAL,
	      "start at 0x1000 (guest RAM): EINVAL");
	CHECK(st, command(s, IVRP_CMD_START, IVRP_LOCAL_DA) == IVRP_EINVAL,
	      "start in the control page: EINVAL");
	CHECK(st, command(s, IVRP_CMD_START, end) == IVRP_EINVAL,
	      "start at the end of local memory: EINVAL");
	CHECK(st, CTRL(s, state) == IVRP_STATE_OFFLINE &&
	      CTRL(s, boot_count) == 0, "failed starts leave it offline");
	CHECK(st, !session_wait_vector(s, IVRP_VEC_CRASH, 0),
	      "no crash interrupt");
}

/* Load an image and start it; true when START returned OK. */
static bool start_image(struct test_env *env, struct session *s,
			const char *sub, const char *name)
{
	char path[600], err[256] = "";
	uint32_t result;

	fw_path(env, sub, name, path, sizeof(path));
	if (!CHECK(&env->st, !session_load(s, path, err, sizeof(err)),
		   "load %s%s%s", name, *err ? ": " : "", *err ? err : ""))
		return false;
	result = command(s, IVRP_CMD_START, s->fw.entry);
	return CHECK(&env->st, result == IVRP_OK, "start %s: ok (got %u)", name,
		     result);
}

static bool heartbeat_stopped(struct session *s)
{
	uint32_t before = CTRL(s, heartbeat);

	test_sleep_ms(QUIET_MS);
	return CTRL(s, heartbeat) == before;
}

static bool stop_core(struct test_env *env, struct session *s, const char *what)
{
	return CHECK(&env->st, command(s, IVRP_CMD_STOP, 0) == IVRP_OK &&
		     CTRL(s, state) == IVRP_STATE_OFFLINE, "%s: stop: offline",
		     what);
}

static bool carveout_pattern_ok(const struct test_env *env)
{
	const unsigned char *c = env->ram + TEST_CARVEOUT_DA;
	uint32_t i, w;

	for (i = 0; i < 0x10000 / 4; i++) {
		memcpy(&w, c + 4 * i, 4);
		if (w != fw_carveout_word(i))
			return false;
	}
	return true;
}

static void check_default_fw(struct test_env *env, struct session *s)
{
	struct test_stats *st = &env->st;
	uint32_t boots = CTRL(s, boot_count), hb;
	long n;

	if (!start_image(env, s, "firmware", "rproc-emu-fw.elf"))
		return;
	CHECK(st, CTRL(s, state) == IVRP_STATE_RUNNING, "fw: state running");
	CHECK(st, CTRL(s, boot_count) == boots + 1, "fw: boot_count counts");
	CHECK(st, session_wait_trace(s, "rproc-emu-fw: booted, table ver 1, "
				     "carveout da 0x100000 len 0x10000\n",
				     TRACE_TIMEOUT_MS), "fw: trace banner");
	CHECK(st, session_wait_trace(s, "\ncarveout ok\n", TRACE_TIMEOUT_MS),
	      "fw: trace says carveout ok");
	CHECK(st, carveout_pattern_ok(env),
	      "fw: carveout pattern visible in guest RAM");
	CHECK(st, session_wait_trace(s, "\nheartbeat ", TRACE_TIMEOUT_MS),
	      "fw: heartbeat line");
	n = session_heartbeat_line(s);
	hb = CTRL(s, heartbeat);
	CHECK(st, session_wait_heartbeat_past(s, n + 2, 2000),
	      "fw: heartbeat line counts up (from %ld)", n);
	CHECK(st, CTRL(s, heartbeat) != hb, "fw: ctrl heartbeat counts up");
	CHECK(st, command(s, IVRP_CMD_START, s->fw.entry) == IVRP_EBUSY,
	      "fw: start while running: EBUSY");
	session_wait_vector(s, IVRP_VEC_VRING, 0);
	session_ring(s, IVRP_VEC_VRING);
	CHECK(st, session_wait_vector(s, IVRP_VEC_VRING, 2000),
	      "fw: answers a VRING kick with a VRING kick");
	n = session_heartbeat_line(s);
	CHECK(st, session_wait_heartbeat_past(s, n + 8, 3000) &&
	      CTRL(s, state) == IVRP_STATE_RUNNING &&
	      !session_wait_vector(s, IVRP_VEC_CRASH, 0),
	      "fw: still running after 1.6 watchdog periods");
	CHECK(st, file_contains(s->log, "rproc-emu: fw: rproc-emu-fw: booted"),
	      "fw: debug_puts reaches the log");
	if (stop_core(env, s, "fw"))
		CHECK(st, heartbeat_stopped(s), "fw: the core is gone after stop");
	CHECK(st, !session_wait_vector(s, IVRP_VEC_CRASH, 0),
	      "fw: stop is not a crash");
}

/* Start an image that crashes; check the report. */
static void check_crash(struct test_env *env, struct session *s,
			const char *sub, const char *name, const char *banner,
			uint32_t reason, uint32_t detail)
{
	struct test_stats *st = &env->st;
	uint32_t crashes = CTRL(s, crash_count);

	if (!start_image(env, s, sub, name))
		return;
	CHECK(st, session_wait_vector(s, IVRP_VEC_CRASH, CRASH_TIMEOUT_MS),
	      "%s: crash interrupt", name);
	CHECK(st, CTRL(s, state) == IVRP_STATE_CRASHED, "%s: state crashed", name);
	CHECK(st, CTRL(s, crash_reason) == reason,
	      "%s: crash reason %u (got %u)", name, reason, CTRL(s, crash_reason));
	CHECK(st, CTRL(s, crash_detail) == detail,
	      "%s: crash detail %u (got %u)", name, detail, CTRL(s, crash_detail));
	CHECK(st, CTRL(s, crash_count) == crashes + 1, "%s: crash_count", name);
	CHECK(st, session_wait_trace(s, banner, TRACE_TIMEOUT_MS),
	      "%s: trace banner", name);
	stop_core(env, s, name);
	CHECK(st, CTRL(s, crash_reason) == reason,
	      "%s: stop keeps the crash reason", name);
}

static void check_fault_fw(struct test_env *env, struct session *s)
{
	char trace[4097];

	check_crash(env, s, "firmware", "rproc-emu-fault.elf",
		    "rproc-emu-fault: booted, about to fault\n",
		    IVRP_CRASH_FAULT, SIGSEGV);
	session_trace(s, trace, sizeof(trace));
	CHECK(&env->st, !strstr(trace, "control page readable"),
	      "fault: the control page is out of the firmware's reach");
	CHECK(&env->st, CTRL(s, magic) == IVRP_MAGIC, "fault: control page intact");
}

#define DUMP_PREFIX	"RPROC-EMU-DUMP-MARKER:"
#define DUMP_MARKER_LEN	64

/* 22 prefix bytes, 8 lower-case hex digits, zeros to the end. */
static bool dump_marker_ok(const unsigned char *m)
{
	const size_t n = sizeof(DUMP_PREFIX) - 1;
	size_t i;

	if (memcmp(m, DUMP_PREFIX, n))
		return false;
	for (i = n; i < n + 8; i++)
		if (!strchr("0123456789abcdef", m[i]) || !m[i])
			return false;
	for (; i < DUMP_MARKER_LEN; i++)
		if (m[i])
			return false;
	return true;
}

/* How often the marker's prefix occurs in the loaded image. */
static unsigned int dump_prefix_count(const struct session *s)
{
	const unsigned char *p = s->local + IVRP_CTRL_SIZE;
	const unsigned char *end = s->local + (s->fw.load_end - IVRP_LOCAL_DA);
	const size_t n = sizeof(DUMP_PREFIX) - 1;
	unsigned int count = 0;

	while ((p = memmem(p, (size_t)(end - p), DUMP_PREFIX, n))) {
		count++;
		p += n;
	}
	return count;
}

static void check_dump_fw(struct test_env *env, struct session *s)
{
	struct test_stats *st = &env->st;
	unsigned int mda = 0, cda = 0, clen = 0;
	char trace[4097], logline[128];
	const unsigned char *m = NULL;
	uint64_t t0 = test_now_ms(), ms;
	bool one_line, crashed;

	memset(env->ram + TEST_CARVEOUT_DA, 0, 0x10000);
	if (!start_image(env, s, "firmware", "rproc-emu-dump.elf"))
		return;
	CHECK(st, session_wait_trace(s, "dump: marker at da 0x", TRACE_TIMEOUT_MS),
	      "dump: trace line");
	session_trace(s, trace, sizeof(trace));
	one_line = !strncmp(trace, "dump: ", 6) &&
		   strchr(trace, '\n') == trace + strlen(trace) - 1 &&
		   sscanf(trace, "dump: marker at da 0x%x, carveout da 0x%x len 0x%x\n",
			  &mda, &cda, &clen) == 3;
	CHECK(st, one_line && cda == TEST_CARVEOUT_DA && clen == 0x10000,
	      "dump: exactly one line, \"dump: marker at da 0x%x, carveout da 0x%x len 0x%x\"",
	      mda, cda, clen);
	crashed = session_wait_vector(s, IVRP_VEC_CRASH, CRASH_TIMEOUT_MS);
	ms = test_now_ms() - t0;
	CHECK(st, crashed && ms >= 190 && CTRL(s, state) == IVRP_STATE_CRASHED &&
	      CTRL(s, crash_reason) == IVRP_CRASH_FAULT &&
	      CTRL(s, crash_detail) == SIGSEGV,
	      "dump: crashes with a fault, not before 200 ms (%llu ms)",
	      (unsigned long long)ms);
	CHECK(st, carveout_pattern_ok(env), "dump: the carveout holds the pattern");
	if (mda >= IVRP_LOAD_DA && mda <= s->fw.load_end - DUMP_MARKER_LEN)
		m = s->local + (mda - IVRP_LOCAL_DA);
	CHECK(st, m && dump_marker_ok(m),
	      "dump: marker inside the image: \"%.30s\", zeros after it",
	      m ? (const char *)m : "(outside)");
	snprintf(logline, sizeof(logline), "rproc-emu: fw: dump: marker %.30s",
		 m ? (const char *)m : "?");
	CHECK(st, m && file_contains(s->log, logline),
	      "dump: the same marker in the emulator's log");
	CHECK(st, dump_prefix_count(s) == 1,
	      "dump: the marker's prefix occurs once in the image's memory");
	stop_core(env, s, "dump");
}

static void check_hang_fw(struct test_env *env, struct session *s)
{
	struct test_stats *st = &env->st;
	uint64_t t0;
	uint32_t detail;

	if (!start_image(env, s, "firmware", "rproc-emu-hang.elf"))
		return;
	t0 = test_now_ms();
	CHECK(st, session_wait_trace(s, "rproc-emu-hang: booted, spinning "
				     "without petting the watchdog\n",
				     TRACE_TIMEOUT_MS), "hang: trace banner");
	CHECK(st, session_wait_vector(s, IVRP_VEC_CRASH, CRASH_TIMEOUT_MS),
	      "hang: crash interrupt");
	CHECK(st, test_now_ms() - t0 >= TEST_WATCHDOG_MS - 50,
	      "hang: not before the watchdog period (%llu ms)",
	      (unsigned long long)(test_now_ms() - t0));
	detail = CTRL(s, crash_detail);
	CHECK(st, CTRL(s, state) == IVRP_STATE_CRASHED &&
	      CTRL(s, crash_reason) == IVRP_CRASH_WATCHDOG,
	      "hang: crashed, reason watchdog");
	CHECK(st, detail >= TEST_WATCHDOG_MS && detail < TEST_WATCHDOG_MS + 2000,
	      "hang: detail is the time since the last pet (%u ms)", detail);
	CHECK(st, heartbeat_stopped(s) && CTRL(s, state) == IVRP_STATE_CRASHED,
	      "hang: stays crashed");
	/* A crashed core may be started again without a stop. */
	if (start_image(env, s, "firmware", "rproc-emu-fw.elf")) {
		CHECK(st, CTRL(s, state) == IVRP_STATE_RUNNING &&
		      session_wait_trace(s, "\nheartbeat ", TRACE_TIMEOUT_MS),
		      "hang: restart after a crash runs");
		stop_core(env, s, "restart");
	}
}

static void check_hwcheck_fw(struct test_env *env, struct session *s)
{
	struct test_stats *st = &env->st;
	uint32_t mark;

	memset(env->ram + TEST_HWCHECK_MARK_DA, 0, 4);
	if (!start_image(env, s, "tests/fw", "test-hwcheck.elf"))
		return;
	CHECK(st, session_wait_trace(s, " passed, 0 failed\n", TRACE_TIMEOUT_MS),
	      "hwcheck: all checks in the firmware pass");
	CHECK(st, session_wait_trace(s, "hwcheck: waiting for a kick\n",
				     TRACE_TIMEOUT_MS), "hwcheck: waits");
	memcpy(&mark, env->ram + TEST_HWCHECK_MARK_DA, 4);
	CHECK(st, mark == TEST_HWCHECK_MARK, "hwcheck: guest RAM written through");
	CHECK(st, !session_wait_vector(s, IVRP_VEC_CRASH, 0) &&
	      !session_wait_vector(s, IVRP_VEC_VRING, 0),
	      "hwcheck: kicks on other vectors are ignored");
	session_ring(s, IVRP_VEC_VRING);
	CHECK(st, session_wait_trace(s, "hwcheck: kicked\n", TRACE_TIMEOUT_MS),
	      "hwcheck: wait_kick sees a kick");
	CHECK(st, session_wait_vector(s, IVRP_VEC_VRING, 2000),
	      "hwcheck: kick reaches the guest");
	CHECK(st, file_contains(s->log, "rproc-emu: fw: hwcheck: hello"),
	      "hwcheck: debug_puts");
	stop_core(env, s, "hwcheck");
}

static void check_big_fw(struct test_env *env, struct session *s,
			 const char *name, const char *banner, const char *blob)
{
	struct test_stats *st = &env->st;

	if (!start_image(env, s, "firmware", name))
		return;
	CHECK(st, session_wait_trace(s, banner, TRACE_TIMEOUT_MS),
	      "%s: trace banner", name);
	CHECK(st, session_wait_trace(s, "\ncarveout ok\n", TRACE_TIMEOUT_MS),
	      "%s: carveout ok", name);
	CHECK(st, session_wait_trace(s, blob, TRACE_TIMEOUT_MS),
	      "%s: blob checked ok", name);
	CHECK(st, session_wait_heartbeat_past(s, 1, 2000), "%s: heartbeat", name);
	stop_core(env, s, name);
}

static void check_disconnect(struct test_env *env, struct session *s)
{
	struct test_stats *st = &env->st;
	struct stat sb;
	int status = -1;

	if (!start_image(env, s, "firmware", "rproc-emu-fw.elf"))
		return;
	session_wait_heartbeat_past(s, 1, 2000);
	session_disconnect(s);
	CHECK(st, session_wait_exit(s, EXIT_TIMEOUT_MS, &status) &&
	      exited_with(status, 0), "disconnect: emulator exits with 0");
	CHECK(st, stat(s->sock, &sb) && errno == ENOENT,
	      "disconnect: socket removed");
	CHECK(st, heartbeat_stopped(s), "disconnect: the core is gone too");
}

/**
 * test_main_session() - one emulator through all kinds of firmware
 * @env: the environment
 */
void test_main_session(struct test_env *env)
{
	struct session_args args = test_args(env, "main");
	struct session s;
	char err[256] = "";

	if (!CHECK(&env->st, !session_spawn(&s, &args), "spawn rproc-emu"))
		return;
	if (!CHECK(&env->st, !session_connect(&s, err, sizeof(err)),
		   "connect and receive the setup%s%s", *err ? ": " : "", err)) {
		session_destroy(&s);
		return;
	}
	check_setup(env, &s);
	check_commands_offline(env, &s);
	check_default_fw(env, &s);
	check_fault_fw(env, &s);
	check_dump_fw(env, &s);
	check_hang_fw(env, &s);
	check_crash(env, &s, "tests/fw", "test-return.elf",
		    "test-return: booted\n", IVRP_CRASH_EXIT, 0);
	check_crash(env, &s, "tests/fw", "test-exit.elf",
		    "test-exit: booted\n", IVRP_CRASH_EXIT, 3);
	check_crash(env, &s, "tests/fw", "test-abort.elf",
		    "test-abort: booted\n", IVRP_CRASH_ABORT, SIGABRT);
	check_hwcheck_fw(env, &s);
	check_big_fw(env, &s, "rproc-emu-1m.elf",
		     "rproc-emu-1m: booted, table ver 1, carveout da 0x100000 len 0x10000\n",
		     "\nblob ok, 0x100000 bytes\n");
	check_big_fw(env, &s, "rproc-emu-16m.elf",
		     "rproc-emu-16m: booted, table ver 1, carveout da 0x100000 len 0x10000\n",
		     "\nblob ok, 0x1000000 bytes\n");
	check_disconnect(env, &s);
	session_destroy(&s);
}

/**
 * test_sigterm() - SIGTERM ends the emulator and its core cleanly
 * @env: the environment
 */
void test_sigterm(struct test_env *env)
{
	struct session_args args = test_args(env, "term");
	struct test_stats *st = &env->st;
	struct session s;
	struct stat sb;
	char err[256] = "";
	int status = -1;

	if (!CHECK(st, !session_spawn(&s, &args), "sigterm: spawn"))
		return;
	if (CHECK(st, !session_connect(&s, err, sizeof(err)), "sigterm: connect%s%s",
		  *err ? ": " : "", err) &&
	    start_image(env, &s, "firmware", "rproc-emu-fw.elf")) {
		CHECK(st, session_wait_heartbeat_past(&s, 1, 2000),
		      "sigterm: firmware runs");
		kill(s.pid, SIGTERM);
		CHECK(st, session_wait_exit(&s, EXIT_TIMEOUT_MS, &status) &&
		      exited_with(status, 0), "sigterm: emulator exits with 0");
		CHECK(st, stat(s.sock, &sb) && errno == ENOENT,
		      "sigterm: socket removed");
		CHECK(st, heartbeat_stopped(&s), "sigterm: the core is gone too");
		CHECK(st, file_contains(s.errlog, "rproc-emu: ready"),
		      "sigterm: said ready on stderr");
	}
	session_destroy(&s);
}

/**
 * test_ram_too_small() - a RAM file shorter than --ram-size fails START
 * @env: the environment
 */
void test_ram_too_small(struct test_env *env)
{
	struct session_args args = test_args(env, "smallram");
	struct test_stats *st = &env->st;
	struct session s;
	char path[600], err[256] = "";
	int status = -1;

	args.ram_size = 2 * TEST_RAM_SIZE;
	if (!CHECK(st, !session_spawn(&s, &args), "small RAM: spawn"))
		return;
	fw_path(env, "firmware", "rproc-emu-fw.elf", path, sizeof(path));
	if (CHECK(st, !session_connect(&s, err, sizeof(err)), "small RAM: connect") &&
	    CHECK(st, !session_load(&s, path, err, sizeof(err)), "small RAM: load")) {
		CHECK(st, command(&s, IVRP_CMD_START, s.fw.entry) == IVRP_EIO &&
		      CTRL(&s, state) == IVRP_STATE_OFFLINE,
		      "small RAM: start fails with EIO, stays offline");
		CHECK(st, file_contains(s.errlog, "mapping guest RAM"),
		      "small RAM: the reason is logged");
		session_disconnect(&s);
		CHECK(st, session_wait_exit(&s, EXIT_TIMEOUT_MS, &status) &&
		      exited_with(status, 0), "small RAM: exits with 0");
	}
	session_destroy(&s);
}
