#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Crash detection, recovery disabled: a firmware fault and a watchdog expiry
# both end in state "crashed" with a crash report in the kernel log; "stop"
# then goes offline.  Recovery is 55-recovery.sh.
. "$(dirname "$0")/lib.sh"
T=crash

require_remote $T

# The core reports a crash on the remote's device, naming its type (the
# driver maps the emulator's reasons: a fault is a fatal error, a watchdog
# expiry a watchdog crash).
CRASH_RE='remoteproc remoteproc[0-9]+: .*crash'

# crash_case <firmware> <kind> <timeout> <what the crash report says>
crash_case() {
	fw=$1
	kind=$2
	if [ ! -e "$FW_DIR/$fw" ]; then
		not_ok "$T: $kind" "$FW_DIR/$fw is not installed"
		return
	fi
	rp_offline || not_ok "$T: $kind setup" "cannot stop the remote"
	expect_write "$T: $kind set firmware" firmware "$fw" OK
	kmsg_mark "crash-$kind"
	# The crash may be reported before or after "start" returns.
	res=$(rp_write state start)
	info "start $fw: $res"
	if rp_wait_state crashed "$3"; then
		ok "$T: $kind -> crashed"
	else
		not_ok "$T: $kind -> crashed" "state is '$(rp_state)'"
	fi
	lines=$(kmsg_since "crash-$kind" | grep -E "$CRASH_RE")
	if [ -n "$lines" ] && echo "$lines" | grep -q "$4"; then
		ok "$T: $kind crash logged"
		echo "$lines" | show
	else
		not_ok "$T: $kind crash logged" \
			"no crash line mentioning '$4' in the kernel log"
		kmsg_since "crash-$kind" | tail -n 10 | show
	fi
	expect_write "$T: $kind stop" state stop OK
	check "$T: $kind offline" "state is '$(rp_state)'" \
		rp_wait_state offline
}

expect_write "$T: disable recovery" recovery disabled OK
crash_case rproc-emu-fault.elf fault "$TMO_STATE" 'fatal error'
crash_case rproc-emu-hang.elf watchdog "$TMO_WATCHDOG" 'watchdog'

expect_write "$T: enable recovery" recovery enabled OK
rp_boot_default || not_ok "$T: restore" "cannot boot the default firmware"
check "$T: default firmware after crashes" "state is '$(rp_state)'" \
	[ "$(rp_state)" = running ]
finish
