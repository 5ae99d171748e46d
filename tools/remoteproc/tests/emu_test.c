// SPDX-License-Identifier: GPL-2.0
/*
 * emu-test: tests of rproc-emu and the test firmware.
 *
 * usage: emu-test BUILD_DIR
 *
 * BUILD_DIR is the O= of the build: it holds rproc-emu, firmware/ and
 * tests/fw/.  Prints one line per check and finally "N passed, M failed";
 * exits with 1 if anything failed.  Scratch files (sockets, the emulators'
 * logs, the guest RAM file) go to a fresh directory under $TMPDIR (or
 * /tmp), removed afterwards unless a check failed or EMU_TEST_KEEP is set.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "scenarios.h"

/* Give up on a test run that hangs, whatever it hangs on. */
#define EMU_TEST_TIMEOUT_S	120

static int make_ram(struct test_env *env)
{
	int fd;

	snprintf(env->ram_path, sizeof(env->ram_path), "%s/guest-ram", env->dir);
	fd = open(env->ram_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	if (ftruncate(fd, TEST_RAM_SIZE)) {
		close(fd);
		return -1;
	}
	env->ram = mmap(NULL, TEST_RAM_SIZE, PROT_READ | PROT_WRITE,
			MAP_SHARED, fd, 0);
	close(fd);
	return env->ram == MAP_FAILED ? -1 : 0;
}

/* The directory is ours (mkdtemp): everything in it goes. */
static void remove_scratch(struct test_env *env)
{
	DIR *d = opendir(env->dir);
	struct dirent *e;
	char path[600];

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", env->dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(env->dir);
}

int main(int argc, char **argv)
{
	struct test_env env = { .bindir = NULL };
	const char *tmp = getenv("TMPDIR");

	if (argc != 2) {
		fputs("usage: emu-test BUILD_DIR\n", stderr);
		return 2;
	}
	alarm(EMU_TEST_TIMEOUT_S);
	env.bindir = argv[1];
	snprintf(env.emu, sizeof(env.emu), "%s/rproc-emu", env.bindir);
	snprintf(env.dir, sizeof(env.dir), "%s/rproc-emu-test.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(env.dir) || make_ram(&env)) {
		perror("emu-test: scratch directory");
		return 1;
	}
	test_cli(&env);
	test_main_session(&env);
	test_sigterm(&env);
	test_ram_too_small(&env);
	test_rpmsg(&env);
	test_preboot(&env);
	test_attach(&env);
	test_chaos(&env);
	munmap(env.ram, TEST_RAM_SIZE);
	if (env.st.failed || getenv("EMU_TEST_KEEP"))
		printf("emu-test: logs kept in %s\n", env.dir);
	else
		remove_scratch(&env);
	printf("%u passed, %u failed\n", env.st.passed, env.st.failed);
	return env.st.failed ? 1 : 0;
}
