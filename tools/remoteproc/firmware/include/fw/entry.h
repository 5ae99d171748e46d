/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Firmware library: the entry point.
 *
 * Each image defines fw_entry() with FW_ENTRY.  The linker script makes it
 * the ELF entry point and puts it first in the image.  The emulator calls it
 * on the firmware's own stack; returning stops the core (reported to Linux
 * as a crash, IVRP_CRASH_EXIT).
 */
#ifndef FW_ENTRY_H
#define FW_ENTRY_H

#include "rproc_emu_hw.h"

#define FW_ENTRY	__attribute__((__section__(".text.fw_entry"), __used__))

void fw_entry(const struct rproc_emu_hw *hw);

#endif /* FW_ENTRY_H */
