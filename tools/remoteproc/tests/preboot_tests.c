// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of rproc-emu --preboot: the emulator loads and starts an image
 * itself before QEMU connects, as a bootloader would.
 *
 *  - bad images are refused: exit status 2, the reason on stderr, no
 *    socket left; a missing --ram file is a runtime error (status 1)
 *  - a good image runs before anyone connects: state, boot_count,
 *    boot_addr, rsc_da and rsc_size in the control page match the ELF
 *    file, the table is readable at rsc_da, the trace says it booted
 *  - START while it runs is refused and keeps rsc_da; STOP clears it;
 *    a later START is an ordinary one
 *  - an image that crashes before QEMU connects is reported as a crash
 *    once it does
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/remoteproc/ivshmem_rproc.h>
#include <linux/remoteproc/wire.h>

#include "elf_image.h"
#include "scenarios.h"
#include "session.h"

#define EXIT_TIMEOUT_MS		3000
#define TRACE_TIMEOUT_MS	3000
#define ATTACH_BANNER		"rproc-emu-attach: booted, attach image, table ver 1\n"

/**
 * struct bad_case - an image --preboot must refuse
 * @file: the image, in the firmware directory or the scratch directory
 * @scratch: made by this test, in the scratch directory
 * @why: text the error message must contain ("" for any)
 */
struct bad_case {
	const char *file;
	bool scratch;
	const char *why;
};

static const struct bad_case bad_cases[] = {
	{ "bad-not-elf.elf", false, "not an ELF file" },
	{ "bad-truncated-header.elf", false, "too short for an ELF header" },
	{ "bad-wrong-class.elf", false, "not a little-endian ELF64 file" },
	{ "bad-wrong-endian.elf", false, "not a little-endian ELF64 file" },
	{ "bad-not-exec.elf", false, "not an x86-64 executable" },
	{ "bad-phdr-outside.elf", false, "program headers" },
	{ "bad-phdr-overflow.elf", false, "program headers" },
	{ "bad-shdr-outside.elf", false, "section headers" },
	{ "bad-segment-past-eof.elf", false, "not inside the file" },
	{ "bad-filesz-gt-memsz.elf", false, "above memory size" },
	{ "bad-segment-outside-memory.elf", false, "not inside local memory" },
	{ "bad-segment-over-control.elf", false, "not inside local memory" },
	{ "bad-segment-overflow.elf", false, "not inside local memory" },
	{ "bad-rsc-bad-version.elf", false, "version 2" },
	{ "bad-rsc-reserved-nonzero.elf", false, "reserved words" },
	{ "bad-rsc-num-too-large.elf", false, "do not fit" },
	{ "bad-rsc-offset-outside.elf", false, "is outside it" },
	{ "bad-rsc-offset-overflow.elf", false, "is outside it" },
	{ "bad-rsc-section-outside-file.elf", false, "not inside the file" },
	{ "bad-rsc-section-overflow.elf", false, "not inside the file" },
	{ "no-rsc.elf", true, "no .resource_table section" },
	{ "rsc-outside-segment.elf", true, "not inside the file contents of a loaded segment" },
	{ "entry-in-data.elf", true, "not in an executable segment" },
	{ "wrong-machine.elf", true, "not an x86-64 executable" },
	{ "missing.elf", true, "No such file" },
};

/* Write a damaged copy of the default image to the scratch directory. */
static bool make_bad_image(const struct test_env *env, const char *name,
			   void (*damage)(struct elf_image *img))
{
	struct elf_image img;
	char path[600];
	int ret;

	snprintf(path, sizeof(path), "%s/firmware/rproc-emu-fw.elf", env->bindir);
	if (elf_image_read(&img, path))
		return false;
	damage(&img);
	snprintf(path, sizeof(path), "%s/%s", env->dir, name);
	ret = elf_image_write(&img, path);
	elf_image_free(&img);
	return ret == 0;
}

/* ".resource_table" becomes ".resourcX_table". */
static void damage_rsc_name(struct elf_image *img)
{
	Elf64_Shdr sh, names;
	Elf64_Ehdr eh;

	if (elf_find_section(img, ".resource_table", &sh) >= 0 &&
	    elf_get_ehdr(img, &eh) && elf_get_shdr(img, eh.e_shstrndx, &names))
		elf_put8(img, names.sh_offset + sh.sh_name + 9, 'X');
}

/* The table's section points into local memory no segment covers. */
static void damage_rsc_addr(struct elf_image *img)
{
	Elf64_Shdr sh;
	int i = elf_find_section(img, ".resource_table", &sh);

	if (i < 0)
		return;
	sh.sh_addr = IVRP_LOCAL_DA + (32u << 20);
	elf_put_shdr(img, (unsigned int)i, &sh);
}

/* The entry point is the resource table: not executable. */
static void damage_entry(struct elf_image *img)
{
	Elf64_Shdr sh;
	Elf64_Ehdr eh;

	if (elf_find_section(img, ".resource_table", &sh) < 0 ||
	    !elf_get_ehdr(img, &eh))
		return;
	eh.e_entry = sh.sh_addr;
	elf_put_ehdr(img, &eh);
}

static void damage_machine(struct elf_image *img)
{
	Elf64_Ehdr eh;

	if (!elf_get_ehdr(img, &eh))
		return;
	eh.e_machine = EM_AARCH64;
	elf_put_ehdr(img, &eh);
}

/* Run rproc-emu --preboot @image; stderr to @errlog; the wait status. */
static int run_preboot(const struct test_env *env, const char *image,
		       const char *ram, const char *sock, const char *errlog)
{
	struct session s = { .pid = 0 };
	int status = -1;

	fflush(NULL);
	s.pid = fork();
	if (s.pid == 0) {
		int fd = open(errlog, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execl(env->emu, env->emu, "--socket", sock, "--ram", ram,
		      "--ram-size", "16M", "--preboot", image, (char *)NULL);
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

static void check_bad_images(struct test_env *env)
{
	struct test_stats *st = &env->st;
	char image[600], sock[300], errlog[300];
	struct stat sb;
	size_t i;

	CHECK(st, make_bad_image(env, "no-rsc.elf", damage_rsc_name) &&
	      make_bad_image(env, "rsc-outside-segment.elf", damage_rsc_addr) &&
	      make_bad_image(env, "entry-in-data.elf", damage_entry) &&
	      make_bad_image(env, "wrong-machine.elf", damage_machine),
	      "preboot: damaged copies of rproc-emu-fw.elf written");
	snprintf(sock, sizeof(sock), "%s/preboot-bad.sock", env->dir);
	snprintf(errlog, sizeof(errlog), "%s/preboot-bad.stderr", env->dir);
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		int status;

		snprintf(image, sizeof(image), "%s/%s%s", c->scratch ? env->dir :
			 env->bindir, c->scratch ? "" : "firmware/", c->file);
		status = run_preboot(env, image, env->ram_path, sock, errlog);
		CHECK(st, exited_with(status, 2) && file_contains(errlog, image) &&
		      file_contains(errlog, c->why) &&
		      stat(sock, &sb) && errno == ENOENT,
		      "preboot: %s refused: exit 2, \"%s\" on stderr, no socket",
		      c->file, c->why);
		unlink(sock);
	}
	snprintf(image, sizeof(image), "%s/firmware/rproc-emu-fw.elf", env->bindir);
	snprintf(sock, sizeof(sock), "%s/preboot-noram.sock", env->dir);
	CHECK(st, exited_with(run_preboot(env, image, "/nonexistent/ram", sock,
					  errlog), 1) &&
	      file_contains(errlog, "the core did not start") &&
	      stat(sock, &sb) && errno == ENOENT,
	      "preboot: a missing --ram file: exit 1, said why, no socket");
}

/* Start an emulator with --preboot @name and connect to it. */
static bool spawn_preboot(struct test_env *env, struct session *s,
			  const char *sname, const char *name, char *image,
			  size_t size)
{
	struct session_args args = {
		.emu = env->emu, .dir = env->dir, .name = sname,
		.ram = env->ram_path, .ram_size = TEST_RAM_SIZE,
		.watchdog_ms = TEST_WATCHDOG_MS, .preboot = image,
	};
	char err[256] = "";

	snprintf(image, size, "%s/firmware/%s", env->bindir, name);
	if (!CHECK(&env->st, !session_spawn(s, &args), "%s: spawn", sname)) {
		s->pid = 0;		/* nothing to kill */
		return false;
	}
	return CHECK(&env->st, !session_connect(s, err, sizeof(err)),
		     "%s: connect%s%s", sname, *err ? ": " : "", err);
}

/* The control page and the table match what the ELF file says. */
static void check_ctrl_matches_elf(struct test_env *env, struct session *s,
				   const char *image)
{
	struct test_stats *st = &env->st;
	struct elf_image img;
	Elf64_Ehdr eh = { .e_entry = 0 };
	Elf64_Shdr sh = { .sh_addr = 0 };
	const unsigned char *t;

	if (!CHECK(st, !elf_image_read(&img, image) && elf_get_ehdr(&img, &eh) &&
		   elf_find_section(&img, ".resource_table", &sh) >= 0,
		   "preboot: read the image's headers")) {
		elf_image_free(&img);
		return;
	}
	CHECK(st, CTRL(s, state) == IVRP_STATE_RUNNING &&
	      CTRL(s, boot_count) == 1 && CTRL(s, crash_count) == 0,
	      "preboot: running before anyone connected, boot_count 1");
	CHECK(st, session_boot_addr(s) == eh.e_entry,
	      "preboot: boot_addr is e_entry (0x%llx)",
	      (unsigned long long)eh.e_entry);
	CHECK(st, CTRL(s, rsc_da) == sh.sh_addr && CTRL(s, rsc_size) == sh.sh_size,
	      "preboot: rsc_da 0x%x, rsc_size %u: the .resource_table section",
	      CTRL(s, rsc_da), CTRL(s, rsc_size));
	t = s->local + (CTRL(s, rsc_da) - IVRP_LOCAL_DA);
	CHECK(st, CTRL(s, rsc_da) >= IVRP_LOAD_DA &&
	      !memcmp(t, img.data + sh.sh_offset, 8),
	      "preboot: the table is at rsc_da in local memory");
	elf_image_free(&img);
	CHECK(st, !fw_parse_table(s->local, s->local_size, CTRL(s, rsc_da),
				  CTRL(s, rsc_size), &s->fw) &&
	      s->fw.trace_da && s->fw.vdev_da && !s->fw.carveout_da,
	      "preboot: attach image table: trace and vdev, no carveout");
}

static void check_attach_image(struct test_env *env)
{
	struct test_stats *st = &env->st;
	struct session s;
	char image[600], path[600], err[256] = "";
	uint32_t result = UINT32_MAX, rsc_da;

	if (!spawn_preboot(env, &s, "preboot", "rproc-emu-attach.elf", image,
			   sizeof(image)))
		goto out;
	check_ctrl_matches_elf(env, &s, image);
	CHECK(st, session_wait_trace(&s, ATTACH_BANNER, TRACE_TIMEOUT_MS) &&
	      session_wait_heartbeat_past(&s, 2, 2000),
	      "preboot: trace: the attach image's banner, heartbeat counts");
	CHECK(st, !session_wait_trace(&s, "carveout", 0),
	      "preboot: no carveout line in the attach image's trace");
	CHECK(st, file_contains(s.log, "rproc-emu: preboot: ") &&
	      file_contains(s.log, "rproc-emu: fw: rproc-emu-attach: booted"),
	      "preboot: logged");
	rsc_da = CTRL(&s, rsc_da);
	CHECK(st, session_command(&s, IVRP_CMD_START, session_boot_addr(&s),
				  &result) == 0 && result == IVRP_EBUSY &&
	      CTRL(&s, rsc_da) == rsc_da && CTRL(&s, rsc_size) != 0,
	      "preboot: START while it runs: EBUSY, rsc_da kept");
	CHECK(st, session_command(&s, IVRP_CMD_STOP, 0, &result) == 0 &&
	      result == IVRP_OK && CTRL(&s, state) == IVRP_STATE_OFFLINE &&
	      CTRL(&s, rsc_da) == 0 && CTRL(&s, rsc_size) == 0,
	      "preboot: STOP: offline, rsc_da and rsc_size cleared");
	snprintf(path, sizeof(path), "%s/firmware/rproc-emu-fw.elf", env->bindir);
	if (CHECK(st, !session_load(&s, path, err, sizeof(err)),
		  "preboot: Linux loads rproc-emu-fw.elf%s%s", *err ? ": " : "", err)) {
		CHECK(st, session_command(&s, IVRP_CMD_START, s.fw.entry, &result) == 0 &&
		      result == IVRP_OK && CTRL(&s, boot_count) == 2 &&
		      CTRL(&s, rsc_da) == 0 && CTRL(&s, rsc_size) == 0 &&
		      session_wait_trace(&s, "rproc-emu-fw: booted", TRACE_TIMEOUT_MS),
		      "preboot: then an ordinary START: runs, rsc_da stays 0");
		session_command(&s, IVRP_CMD_STOP, 0, &result);
	}
out:
	session_destroy(&s);
}

static void check_crash_before_connect(struct test_env *env)
{
	struct test_stats *st = &env->st;
	struct session s;
	char image[600], path[600], err[256] = "";
	uint32_t result = UINT32_MAX;

	if (!spawn_preboot(env, &s, "preboot-crash", "rproc-emu-fault.elf",
			   image, sizeof(image)))
		goto out;
	CHECK(st, session_wait_vector(&s, IVRP_VEC_CRASH, 3000) &&
	      CTRL(&s, state) == IVRP_STATE_CRASHED &&
	      CTRL(&s, crash_reason) == IVRP_CRASH_FAULT &&
	      CTRL(&s, crash_detail) == SIGSEGV && CTRL(&s, crash_count) == 1 &&
	      CTRL(&s, boot_count) == 1,
	      "preboot crash: crash interrupt, state crashed, fault, SIGSEGV");
	CHECK(st, CTRL(&s, rsc_da) != 0 && CTRL(&s, rsc_size) != 0,
	      "preboot crash: rsc_da and rsc_size still describe it");
	CHECK(st, file_contains(s.errlog, "rproc-emu: crash: fault, signal 11"),
	      "preboot crash: logged like any crash");
	/* Linux may START an image of its own after a crash, without STOP. */
	snprintf(path, sizeof(path), "%s/firmware/rproc-emu-fw.elf", env->bindir);
	if (CHECK(st, !session_load(&s, path, err, sizeof(err)),
		  "preboot crash: Linux loads rproc-emu-fw.elf")) {
		CHECK(st, session_command(&s, IVRP_CMD_START, s.fw.entry, &result) == 0 &&
		      result == IVRP_OK && CTRL(&s, rsc_da) == 0 &&
		      CTRL(&s, rsc_size) == 0,
		      "preboot crash: START without STOP: runs, rsc_da cleared");
		session_command(&s, IVRP_CMD_STOP, 0, &result);
	}
out:
	session_destroy(&s);
}

/**
 * test_preboot() - rproc-emu --preboot
 * @env: the environment
 */
void test_preboot(struct test_env *env)
{
	check_bad_images(env);
	check_attach_image(env);
	check_crash_before_connect(env);
}
