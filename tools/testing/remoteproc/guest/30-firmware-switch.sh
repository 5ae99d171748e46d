#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Firmware switching through sysfs: the big images load and run, and the
# default firmware comes back.
. "$(dirname "$0")/lib.sh"
T=fw-switch

require_remote $T
rp_offline || not_ok "$T: setup" "cannot stop the remote"

for fw in rproc-emu-1m.elf rproc-emu-16m.elf "$RP_FW_DEFAULT"; do
	if [ ! -e "$FW_DIR/$fw" ]; then
		not_ok "$T: $fw" "$FW_DIR/$fw is not installed"
		continue
	fi
	expect_write "$T: set $fw" firmware "$fw" OK
	check "$T: $fw in sysfs" "firmware is '$(rp_firmware)'" \
		[ "$(rp_firmware)" = "$fw" ]
	expect_write "$T: start $fw" state start OK
	check "$T: $fw running" "state is '$(rp_state)'" rp_wait_state running
	case $fw in
	# The big images check their blob: "blob ok, 0x<size> bytes".
	*-1m.elf|*-16m.elf)
		check "$T: $fw blob ok" "no 'blob ok' in trace0" \
			rp_wait_trace '^blob ok, 0x[0-9a-f]+ bytes' ;;
	*)
		check "$T: $fw carveout ok" "no 'carveout ok' in trace0" \
			rp_wait_trace 'carveout ok' ;;
	esac
	expect_write "$T: stop $fw" state stop OK
	check "$T: $fw offline" "state is '$(rp_state)'" rp_wait_state offline
done

rp_boot_default || not_ok "$T: restore" "cannot boot the default firmware"
finish
