// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: the emulated device: local memory, control page, doorbells.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include "emu.h"

#ifndef MFD_EXEC
#define MFD_EXEC	0x0010u
#endif

/* A memfd the core can map executable, whatever vm.memfd_noexec says. */
static int emu_create_memfd(void)
{
	int fd = memfd_create("rproc-emu-local", MFD_CLOEXEC | MFD_EXEC);

	if (fd < 0 && errno == EINVAL)	/* kernels before 6.3 */
		fd = memfd_create("rproc-emu-local", MFD_CLOEXEC);
	return fd;
}

static void emu_init_ctrl(struct emu *emu)
{
	struct ivrp_ctrl *ctrl = emu->ctrl;

	memset(ctrl, 0, IVRP_CTRL_SIZE);
	ctrl->version = IVRP_VERSION;
	ctrl->emu_peer = EMU_PEER_ID;
	ctrl->local_size = (uint32_t)emu->opts.local_size;
	ctrl->watchdog_ms = emu->opts.watchdog_ms;
	ctrl->state = IVRP_STATE_OFFLINE;
	emu->acked_seq = 0;
	/* Whoever sees the magic sees the rest. */
	__atomic_store_n(&ctrl->magic, IVRP_MAGIC, __ATOMIC_RELEASE);
}

/**
 * emu_platform_init() - create the local memory and the doorbell eventfds
 * @emu: fills in @mem_fd, @ctrl, @emu_evt, @guest_evt
 *
 * The control page is ready (magic set, state offline) on return.
 *
 * Return: 0, or -1 with errno set; what was created is released by
 * emu_platform_destroy() either way.
 */
int emu_platform_init(struct emu *emu)
{
	void *ctrl;
	int v;

	emu->mem_fd = emu_create_memfd();
	if (emu->mem_fd < 0)
		return -1;
	if (ftruncate(emu->mem_fd, (off_t)emu->opts.local_size))
		return -1;
	ctrl = mmap(NULL, IVRP_CTRL_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		    emu->mem_fd, 0);
	if (ctrl == MAP_FAILED)
		return -1;
	emu->ctrl = ctrl;
	for (v = 0; v < IVRP_NUM_VECTORS; v++) {
		emu->emu_evt[v] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (emu->emu_evt[v] < 0)
			return -1;
		emu->guest_evt[v] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (emu->guest_evt[v] < 0)
			return -1;
	}
	emu_init_ctrl(emu);
	return 0;
}

/**
 * emu_platform_destroy() - release what emu_platform_init() created
 * @emu: the emulator; descriptors that were never created must be -1
 */
void emu_platform_destroy(struct emu *emu)
{
	int v;

	for (v = 0; v < IVRP_NUM_VECTORS; v++) {
		if (emu->emu_evt[v] >= 0)
			close(emu->emu_evt[v]);
		if (emu->guest_evt[v] >= 0)
			close(emu->guest_evt[v]);
		emu->emu_evt[v] = emu->guest_evt[v] = -1;
	}
	if (emu->ctrl)
		munmap(emu->ctrl, IVRP_CTRL_SIZE);
	emu->ctrl = NULL;
	if (emu->mem_fd >= 0)
		close(emu->mem_fd);
	emu->mem_fd = -1;
}

/**
 * emu_signal_guest() - interrupt the guest
 * @emu: the emulator
 * @vector: &enum ivrp_vector; QEMU raises the MSI-X vector of that number
 */
void emu_signal_guest(const struct emu *emu, unsigned int vector)
{
	if (vector < IVRP_NUM_VECTORS)
		eventfd_write(emu->guest_evt[vector], 1);
}

/**
 * emu_drain_eventfd() - consume pending events of a non-blocking eventfd
 * @fd: the eventfd
 */
void emu_drain_eventfd(int fd)
{
	eventfd_t val;

	eventfd_read(fd, &val);
}
