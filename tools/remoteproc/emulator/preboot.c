// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-emu: --preboot, a remote that a bootloader started before Linux.
 *
 * Before QEMU connects, the emulator loads the image into local memory
 * itself (elf_load.c), publishes where its resource table lies in the
 * control page (rsc_da, rsc_size), sets boot_addr to its entry point and
 * starts the core as a START command would: state RUNNING, boot_count 1,
 * watchdog armed.  Linux then finds a running remote and attaches to it
 * instead of loading firmware.  From there on everything is as usual: a
 * crash is reported like any other, STOP clears rsc_da and rsc_size.
 *
 * The core maps the --ram file when it starts, so that file must exist
 * before the emulator does.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>

#include "elf_load.h"
#include "emu.h"

/* Load the image through a temporary mapping of the whole local memory. */
static enum emu_preboot_result emu_preboot_load(struct emu *emu,
						struct emu_elf_info *info)
{
	const char *path = emu->opts.preboot_path;
	const size_t len = (size_t)emu->opts.local_size;
	char err[256];
	void *local;
	int ret;

	local = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED,
		     emu->mem_fd, 0);
	if (local == MAP_FAILED) {
		emu_err(&emu->log, "preboot: cannot map local memory: %s",
			strerror(errno));
		return EMU_PREBOOT_FAILED;
	}
	ret = emu_elf_load(path, local, emu->opts.local_size, info, err,
			   sizeof(err));
	munmap(local, len);
	if (ret) {
		emu_err(&emu->log, "--preboot %s: %s", path, err);
		return EMU_PREBOOT_BAD_IMAGE;
	}
	return EMU_PREBOOT_OK;
}

/**
 * emu_preboot() - load and start the --preboot firmware, if there is one
 * @emu: the emulator, platform set up, no QEMU yet
 *
 * Return: see &enum emu_preboot_result; errors are logged.
 */
enum emu_preboot_result emu_preboot(struct emu *emu)
{
	struct ivrp_ctrl *ctrl = emu->ctrl;
	struct emu_elf_info info;
	enum emu_preboot_result ret;

	if (!emu->opts.preboot_path)
		return EMU_PREBOOT_OK;
	ret = emu_preboot_load(emu, &info);
	if (ret != EMU_PREBOOT_OK)
		return ret;
	CTRL_STORE(ctrl->boot_addr, info.entry);
	CTRL_STORE(ctrl->rsc_da, info.rsc_da);
	CTRL_STORE(ctrl->rsc_size, info.rsc_size);
	if (emu_start_core(emu, info.entry) != IVRP_OK) {
		emu_err(&emu->log, "--preboot %s: the core did not start (the --ram file must exist before rproc-emu starts)",
			emu->opts.preboot_path);
		CTRL_STORE(ctrl->rsc_da, 0);
		CTRL_STORE(ctrl->rsc_size, 0);
		return EMU_PREBOOT_FAILED;
	}
	emu_info(&emu->log, "preboot: %s: %u segments loaded, entry 0x%" PRIx64
		 ", resource table 0x%x bytes at 0x%x", emu->opts.preboot_path,
		 info.nload, info.entry, info.rsc_size, info.rsc_da);
	return EMU_PREBOOT_OK;
}
