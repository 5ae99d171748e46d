#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfs errors: what the state and firmware attributes refuse, and with which
# error code (Linux 6.1 semantics).
. "$(dirname "$0")/lib.sh"
T=sysfs-errors

require_remote $T
rp_boot_default || not_ok "$T: setup" "cannot boot the default firmware"

check "$T: name attribute" "name is '$(cat "$(rp_sysfs)/name")'" \
	[ "$(cat "$(rp_sysfs)/name")" = "$RP_NAME" ]

# While running.
expect_write "$T: bogus state" state bogus EINVAL
expect_write "$T: start while running" state start EBUSY
expect_write "$T: firmware while running" firmware "$RP_FW_DEFAULT" EBUSY
# The state comes first, as in Linux 6.1: even an empty name is EBUSY.
expect_write "$T: empty firmware while running" firmware "" EBUSY
check "$T: still running" "state is '$(rp_state)'" \
	[ "$(rp_state)" = running ]

# While offline.
expect_write "$T: stop" state stop OK
rp_wait_state offline
expect_write "$T: stop while offline" state stop EINVAL
expect_write "$T: bogus state while offline" state bogus EINVAL
expect_write "$T: empty firmware" firmware "" EINVAL
check "$T: firmware unchanged" "firmware is '$(rp_firmware)'" \
	[ "$(rp_firmware)" = "$RP_FW_DEFAULT" ]
# A name ends at its first newline (Linux 6.1); one that starts with a
# newline is empty.
fw_sysfs=$(rp_sysfs)/firmware
check "$T: firmware cut at the first newline" \
	"writing 'rproc-emu-hang.elf\\nx\\n' gave $(conf-io write "$fw_sysfs" 'rproc-emu-hang.elf\nx\n'), then '$(rp_firmware)'" \
	[ "$(rp_firmware)" = rproc-emu-hang.elf ]
check "$T: firmware starting with a newline refused" "not EINVAL" \
	[ "$(conf-io write "$fw_sysfs" '\nname')" = EINVAL ]
expect_write "$T: firmware back" firmware "$RP_FW_DEFAULT" OK
check "$T: still offline" "state is '$(rp_state)'" \
	[ "$(rp_state)" = offline ]

rp_boot_default || not_ok "$T: restore" "cannot boot the default firmware"
finish
