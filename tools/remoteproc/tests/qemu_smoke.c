// SPDX-License-Identifier: GPL-2.0
/*
 * qemu-smoke: rproc-emu with a real QEMU, driven through qtest.
 *
 * usage: qemu-smoke BUILD_DIR
 *
 * $QEMU names the QEMU binary (default: qemu-system-x86_64 from $PATH);
 * without one the test is skipped (exit status 77).
 *
 * No guest runs: QEMU starts with its CPU stopped (-S) and a qtest server
 * (-qtest), which lets the test read and write guest physical memory and
 * I/O ports, so the test plays the guest driver.
 * It programs the ivshmem-doorbell device's BARs, loads the default
 * firmware through BAR2, rings the emulator's doorbell and reads the
 * control page back.  That checks what emu-test cannot: QEMU accepts the
 * emulator's setup messages, BAR2 is the emulator's memory, a doorbell to
 * peer 0 vector 0 reaches the emulator, and guest RAM is shared with the
 * core.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fw/patterns.h>

#include "session.h"
#include "test.h"

#define SMOKE_RAM_SIZE		(64u << 20)
#define SMOKE_SLOT		4		/* PCI 00:04.0 */
#define SMOKE_BAR0		0xe0000000u
#define SMOKE_BAR2		0xe4000000u	/* 64 MiB aligned */
#define SMOKE_TIMEOUT_MS	10000
#define PCI_CFG_ADDR		0xcf8
#define PCI_CFG_DATA		0xcfc
#define IVSHMEM_IVPOSITION	0x08
#define IVSHMEM_DOORBELL	0x0c

/**
 * struct qtest - a qtest connection to QEMU
 * @fd: the socket
 * @buf: received bytes not consumed yet
 * @len: how many
 * @line: the last reply
 * @cmd: the command being sent
 */
struct qtest {
	int fd;
	char buf[1 << 16];
	size_t len;
	char line[1 << 16];
	char cmd[1 << 14];
};

/* Read one line into q->line; false on timeout or EOF. */
static bool qt_read_line(struct qtest *q)
{
	uint64_t deadline = test_now_ms() + SMOKE_TIMEOUT_MS;

	for (;;) {
		char *nl = memchr(q->buf, '\n', q->len);
		struct pollfd pfd = { .fd = q->fd, .events = POLLIN };
		ssize_t n;

		if (nl) {
			size_t l = (size_t)(nl - q->buf);

			memcpy(q->line, q->buf, l);
			q->line[l] = '\0';
			memmove(q->buf, nl + 1, q->len - l - 1);
			q->len -= l + 1;
			return true;
		}
		if (q->len == sizeof(q->buf) || test_now_ms() >= deadline ||
		    poll(&pfd, 1, 100) < 0)
			return false;
		if (!pfd.revents)
			continue;
		n = read(q->fd, q->buf + q->len, sizeof(q->buf) - q->len);
		if (n <= 0)
			return false;
		q->len += (size_t)n;
	}
}

/* Send a command; return its reply's value part ("" for a bare OK). */
static const char *qt(struct qtest *q, const char *fmt, ...)
{
	static const char fail[] = "FAIL";
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(q->cmd, sizeof(q->cmd) - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= (int)sizeof(q->cmd) - 1)
		return fail;
	q->cmd[n++] = '\n';
	if (write(q->fd, q->cmd, (size_t)n) != n)
		return fail;
	do {
		if (!qt_read_line(q))
			return fail;
	} while (!strncmp(q->line, "IRQ", 3));
	if (strncmp(q->line, "OK", 2))
		return fail;
	return q->line[2] == ' ' ? q->line + 3 : q->line + 2;
}

static uint64_t qt_val(struct qtest *q, const char *fmt, ...)
{
	char cmd[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return strtoull(qt(q, "%s", cmd), NULL, 0);
}

static uint32_t pci_read(struct qtest *q, unsigned int reg)
{
	qt(q, "outl 0x%x 0x%x", PCI_CFG_ADDR, 0x80000000u | SMOKE_SLOT << 11 | reg);
	return (uint32_t)qt_val(q, "inl 0x%x", PCI_CFG_DATA);
}

static void pci_write(struct qtest *q, unsigned int reg, uint32_t val)
{
	qt(q, "outl 0x%x 0x%x", PCI_CFG_ADDR, 0x80000000u | SMOKE_SLOT << 11 | reg);
	qt(q, "outl 0x%x 0x%x", PCI_CFG_DATA, val);
}

static uint32_t ctrl_read(struct qtest *q, size_t off)
{
	return (uint32_t)qt_val(q, "readl 0x%zx", SMOKE_BAR2 + off);
}

#define QCTRL(q, field)	ctrl_read((q), offsetof(struct ivrp_ctrl, field))

/* Write guest memory through qtest, in hex chunks. */
static bool qt_write_mem(struct qtest *q, uint64_t addr, const unsigned char *p,
			 size_t len)
{
	static const char hex[] = "0123456789abcdef";
	char *cmd = malloc(64 + 2 * 4096);

	if (!cmd)
		return false;
	while (len) {
		size_t n = len < 4096 ? len : 4096, i;
		int k = sprintf(cmd, "write 0x%" PRIx64 " 0x%zx 0x", addr, n);

		for (i = 0; i < n; i++) {
			cmd[k++] = hex[p[i] >> 4];
			cmd[k++] = hex[p[i] & 15];
		}
		cmd[k] = '\0';
		if (strcmp(qt(q, "%s", cmd), "")) {
			free(cmd);
			return false;
		}
		addr += n;
		p += n;
		len -= n;
	}
	free(cmd);
	return true;
}

/* Read guest memory as text (the trace buffer). */
static void qt_read_text(struct qtest *q, uint64_t addr, char *buf, size_t size)
{
	const char *hex = qt(q, "read 0x%" PRIx64 " 0x%zx", addr, size - 1);
	size_t i;

	buf[0] = '\0';
	if (strncmp(hex, "0x", 2))
		return;
	for (i = 0; i < size - 1 && hex[2 + 2 * i] && hex[3 + 2 * i]; i++) {
		char byte[3] = { hex[2 + 2 * i], hex[3 + 2 * i], 0 };

		buf[i] = (char)strtoul(byte, NULL, 16);
	}
	buf[i] = '\0';
}

/* Play Linux: write a command, ring peer 0 vector 0, wait for the ack. */
static bool qt_command(struct qtest *q, uint32_t cmd, uint64_t boot,
		       uint32_t *result)
{
	uint32_t seq = QCTRL(q, cmd_seq) + 1;
	uint64_t deadline = test_now_ms() + 5000;

	qt(q, "writeq 0x%zx 0x%" PRIx64,
	   SMOKE_BAR2 + offsetof(struct ivrp_ctrl, boot_addr), boot);
	qt(q, "writel 0x%zx 0x%x", SMOKE_BAR2 + offsetof(struct ivrp_ctrl, cmd), cmd);
	qt(q, "writel 0x%zx 0x%x", SMOKE_BAR2 + offsetof(struct ivrp_ctrl, cmd_seq),
	   seq);
	qt(q, "writel 0x%x 0x%x", SMOKE_BAR0 + IVSHMEM_DOORBELL,
	   0u << 16 | IVRP_VEC_CTRL);
	while (QCTRL(q, ack_seq) != seq) {
		if (test_now_ms() >= deadline)
			return false;
		test_sleep_ms(5);
	}
	*result = QCTRL(q, cmd_result);
	return true;
}

static bool find_qemu(char *path, size_t size)
{
	const char *env = getenv("QEMU"), *p = getenv("PATH");

	if (env && *env) {
		snprintf(path, size, "%s", env);
		return access(path, X_OK) == 0;
	}
	while (p && *p) {
		size_t n = strcspn(p, ":");

		snprintf(path, size, "%.*s/qemu-system-x86_64", (int)n, p);
		if (n && !access(path, X_OK))
			return true;
		p += n + (p[n] == ':');
	}
	return false;
}

/**
 * struct smoke - the test's processes and files
 * @st: counters
 * @dir: scratch directory
 * @qemu: QEMU's path
 * @emu: the emulator session
 * @qemu_pid: QEMU
 * @q: the qtest connection
 */
struct smoke {
	struct test_stats st;
	char dir[256];
	char qemu[512];
	struct session emu;
	pid_t qemu_pid;
	struct qtest q;
};

static int smoke_start_qemu(struct smoke *s, const char *ram)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	char qsock[sizeof(addr.sun_path)], obj[600], chardev[600], errlog[300];
	pid_t parent = getpid();
	int lfd;

	if ((size_t)snprintf(qsock, sizeof(qsock), "%s/qtest.sock", s->dir) >=
	    sizeof(qsock))
		return -1;
	memcpy(addr.sun_path, qsock, sizeof(qsock));
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) ||
	    listen(lfd, 1))
		return -1;
	snprintf(obj, sizeof(obj),
		 "memory-backend-file,id=ram,size=%u,mem-path=%s,share=on",
		 SMOKE_RAM_SIZE, ram);
	snprintf(chardev, sizeof(chardev), "socket,path=%s,id=ivs", s->emu.sock);
	snprintf(errlog, sizeof(errlog), "%s/qemu.log", s->dir);
	fflush(NULL);
	s->qemu_pid = fork();
	if (s->qemu_pid == 0) {
		char qarg[sizeof(qsock) + 8];
		int fd = open(errlog, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(126);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		snprintf(qarg, sizeof(qarg), "unix:%s", qsock);
		execl(s->qemu, s->qemu, "-machine", "pc,memory-backend=ram",
		      "-m", "64M", "-object", obj, "-nodefaults",
		      "-display", "none", "-accel", "tcg", "-S", "-qtest", qarg,
		      "-chardev", chardev, "-device",
		      "ivshmem-doorbell,chardev=ivs,vectors=3,addr=04.0",
		      (char *)NULL);
		_exit(127);
	}
	for (uint64_t end = test_now_ms() + SMOKE_TIMEOUT_MS;
	     s->qemu_pid > 0 && test_now_ms() < end;) {
		struct pollfd pfd = { .fd = lfd, .events = POLLIN };

		if (poll(&pfd, 1, 50) == 1) {
			s->q.fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
			break;
		}
		if (waitpid(s->qemu_pid, NULL, WNOHANG) == s->qemu_pid)
			s->qemu_pid = 0;	/* QEMU gave up: see qemu.log */
	}
	close(lfd);
	unlink(qsock);
	return s->q.fd >= 0 ? 0 : -1;
}

static void smoke_setup_device(struct smoke *s)
{
	struct qtest *q = &s->q;

	CHECK(&s->st, pci_read(q, 0x00) == 0x11101af4,
	      "ivshmem device 1af4:1110 at 00:04.0");
	pci_write(q, 0x10, SMOKE_BAR0);
	pci_write(q, 0x18, SMOKE_BAR2);
	pci_write(q, 0x1c, 0);
	pci_write(q, 0x04, (pci_read(q, 0x04) & 0xffff) | 0x2);
	CHECK(&s->st, (pci_read(q, 0x18) & ~0xfu) == SMOKE_BAR2,
	      "BAR2 programmed");
	CHECK(&s->st, QCTRL(q, magic) == IVRP_MAGIC,
	      "BAR2 is the emulator's memory (magic)");
	CHECK(&s->st, QCTRL(q, local_size) == TEST_LOCAL_SIZE, "local_size");
	CHECK(&s->st, qt_val(q, "readl 0x%x", SMOKE_BAR0 + IVSHMEM_IVPOSITION) == 1,
	      "IVPosition is the guest's peer id 1");
}

static void smoke_run_firmware(struct smoke *s, const char *bindir)
{
	struct qtest *q = &s->q;
	unsigned char *local = calloc(1, TEST_LOCAL_SIZE);
	char path[600], err[256] = "", trace[512];
	struct fw_info fw;
	uint32_t result, len, hb;
	uint64_t deadline;

	snprintf(path, sizeof(path), "%s/firmware/rproc-emu-fw.elf", bindir);
	if (!CHECK(&s->st, local && !fw_load(local, TEST_LOCAL_SIZE, path, &fw,
					     err, sizeof(err)),
		   "load rproc-emu-fw.elf%s%s", *err ? ": " : "", err))
		goto out;
	fw_assign_carveout(local, &fw, TEST_CARVEOUT_DA, &len);
	CHECK(&s->st, qt_write_mem(q, SMOKE_BAR2 + (IVRP_LOAD_DA - IVRP_LOCAL_DA),
				   local + (IVRP_LOAD_DA - IVRP_LOCAL_DA),
				   fw.load_end - IVRP_LOAD_DA),
	      "firmware written through BAR2");
	CHECK(&s->st, qt_command(q, IVRP_CMD_START, fw.entry, &result) &&
	      result == IVRP_OK && QCTRL(q, state) == IVRP_STATE_RUNNING,
	      "doorbell: START acknowledged, running");
	deadline = test_now_ms() + 3000;
	do {
		test_sleep_ms(20);
		qt_read_text(q, SMOKE_BAR2 + (fw.trace_da - IVRP_LOCAL_DA), trace,
			     sizeof(trace));
	} while (!strstr(trace, "heartbeat 2\n") && test_now_ms() < deadline);
	CHECK(&s->st, strstr(trace, "carveout ok\n") && strstr(trace, "heartbeat 2\n"),
	      "trace read through BAR2 shows carveout ok and heartbeats");
	CHECK(&s->st, qt_val(q, "readl 0x%x", TEST_CARVEOUT_DA) == fw_carveout_word(0),
	      "the core's carveout writes are in guest RAM");
	hb = QCTRL(q, heartbeat);
	CHECK(&s->st, qt_command(q, IVRP_CMD_STOP, 0, &result) && result == IVRP_OK &&
	      QCTRL(q, state) == IVRP_STATE_OFFLINE, "doorbell: STOP acknowledged");
	CHECK(&s->st, hb > 0, "heartbeat counted while running");
out:
	free(local);
}

static int smoke_make_ram(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	int ret;

	if (fd < 0)
		return -1;
	ret = ftruncate(fd, SMOKE_RAM_SIZE);
	close(fd);
	return ret;
}

static void smoke_cleanup(struct smoke *s, const char *ram)
{
	char path[300];
	int status;

	if (s->q.fd >= 0)
		close(s->q.fd);
	if (s->qemu_pid > 0) {
		kill(s->qemu_pid, SIGTERM);
		waitpid(s->qemu_pid, &status, 0);
	}
	if (s->emu.pid)
		CHECK(&s->st, session_wait_exit(&s->emu, 5000, &status) &&
		      WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "emulator exits with 0 when QEMU goes away");
	session_destroy(&s->emu);
	if (s->st.failed || getenv("EMU_TEST_KEEP")) {
		printf("qemu-smoke: logs kept in %s\n", s->dir);
		return;
	}
	unlink(ram);
	snprintf(path, sizeof(path), "%s/qemu.log", s->dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/emu.log", s->dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/emu.stderr", s->dir);
	unlink(path);
	rmdir(s->dir);
}

int main(int argc, char **argv)
{
	struct smoke *sp = calloc(1, sizeof(*sp));
	const char *tmp = getenv("TMPDIR");
	char emu[512], ram[300];
	struct session_args args = {
		.emu = emu, .name = "emu", .ram = ram,
		.ram_size = SMOKE_RAM_SIZE, .watchdog_ms = 2000,
	};
	int ret;

	if (argc != 2) {
		fputs("usage: qemu-smoke BUILD_DIR\n", stderr);
		return 2;
	}
	if (!sp)
		return 1;
	if (!find_qemu(sp->qemu, sizeof(sp->qemu))) {
		puts("qemu-smoke: no qemu-system-x86_64, skipped");
		free(sp);
		return 77;
	}
	alarm(60);
	sp->q.fd = -1;
	snprintf(emu, sizeof(emu), "%s/rproc-emu", argv[1]);
	snprintf(sp->dir, sizeof(sp->dir), "%s/rproc-qemu-smoke.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(sp->dir))
		return 1;
	args.dir = sp->dir;
	snprintf(ram, sizeof(ram), "%s/guest-ram", sp->dir);
	if (!CHECK(&sp->st, !smoke_make_ram(ram), "guest RAM file") ||
	    !CHECK(&sp->st, !session_spawn(&sp->emu, &args), "spawn rproc-emu"))
		goto out;
	/* The socket must exist before QEMU starts: wait as the harness would. */
	for (int i = 0; i < 500 && access(sp->emu.sock, F_OK); i++)
		test_sleep_ms(10);
	if (!CHECK(&sp->st, !smoke_start_qemu(sp, ram),
		   "QEMU starts and accepts the emulator's setup"))
		goto out;
	smoke_setup_device(sp);
	smoke_run_firmware(sp, argv[1]);
out:
	smoke_cleanup(sp, ram);
	printf("%u passed, %u failed\n", sp->st.passed, sp->st.failed);
	ret = sp->st.failed ? 1 : 0;
	free(sp);
	return ret;
}
