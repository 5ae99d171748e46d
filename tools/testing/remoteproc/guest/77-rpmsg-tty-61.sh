#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Linux 6.1's own drivers/tty/rpmsg_tty.c, built unchanged against our
# headers by build-clients-61.sh (module rpmsg_tty_61): it binds to the
# firmware's "rpmsg-tty" echo service and creates /dev/ttyRPMSGN; bytes
# written there come back verified, in single messages and in writes
# longer than the MTU.  With the tty open the remote stops: the node goes
# away and writes on the open descriptor fail instead of hanging; after a
# start the node comes back and echoes again.
. "$(dirname "$0")/lib.sh"
T=rpmsg-tty-61
KO=$MODDIR/rpmsg_tty_61.ko

require_remote $T
require_features $T rpmsg rproc-virtio fw-rpmsg tty-61

[ "$(rp_state)" = running ] || rp_boot_default ||
	not_ok "$T: setup" "cannot boot the default firmware"
if ! rpmsg_wait_channel rpmsg-tty; then
	not_ok "$T: channel" "no rpmsg-tty channel"
	finish
fi

# The first ttyRPMSG node, within the rpmsg timeout.
tty_node() {
	_i=0
	while [ $_i -lt $((TMO_RPMSG * 10)) ]; do
		for _n in /dev/ttyRPMSG*; do
			[ -c "$_n" ] && { echo "$_n"; return 0; }
		done
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

no_tty_node() {
	_i=0
	while [ $_i -lt $((TMO_RPMSG * 10)) ]; do
		ls /dev/ttyRPMSG* >/dev/null 2>&1 || return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

kmsg_mark $T
if ! out=$(insmod "$KO" 2>&1); then
	not_ok "$T: load" "$out"
	finish
fi
ok "$T: load"
if ! tty=$(tty_node); then
	not_ok "$T: node" "no /dev/ttyRPMSG* after loading rpmsg_tty_61"
	rmmod rpmsg_tty_61 2>/dev/null
	finish
fi
ok "$T: node $tty"
check "$T: bound to the rpmsg-tty channel" "no driver link to rpmsg_tty_61" \
	sh -c 'for d in /sys/bus/rpmsg/devices/*; do
		[ "$(cat $d/name)" = rpmsg-tty ] &&
		[ "$(basename "$(readlink $d/driver)")" = rpmsg_tty_61 ] && exit 0
	done; exit 1'

if out=$(rpmsg-tool tty "$tty" 2 2>&1); then
	ok "$T: echo every size 1..496 and long writes"
	info "$T: $out"
else
	not_ok "$T: echo" "$out"
fi

# The remote stops under an open tty.
exec 3<>"$tty"
expect_write "$T: stop with the tty open" state stop OK
check "$T: offline" "state is '$(rp_state)'" rp_wait_state offline
check "$T: node gone" "$(ls /dev/ttyRPMSG* 2>&1)" no_tty_node
check "$T: write to the hung-up tty fails" "the write succeeded" \
	sh -c '! timeout 10 sh -c "printf x >&3" 2>/dev/null'
exec 3>&-
ok "$T: hung-up tty closed"

expect_write "$T: start again" state start OK
check "$T: running" "state is '$(rp_state)'" rp_wait_state running
if tty=$(tty_node); then
	ok "$T: node back ($tty)"
	if out=$(rpmsg-tool tty "$tty" 1 2>&1); then
		ok "$T: echo after restart"
	else
		not_ok "$T: echo after restart" "$out"
	fi
else
	not_ok "$T: node back" "no /dev/ttyRPMSG* after start"
fi

# The tty layer drops its module reference from a work item after the
# last close: the module may stay busy for a moment.
_t=$((TMO_RPMSG * 10))
while ! out=$(rmmod rpmsg_tty_61 2>&1) && [ $_t -gt 0 ]; do
	sleep 0.1
	_t=$((_t - 1))
done
if ! lsmod | grep -q '^rpmsg_tty_61 '; then
	ok "$T: unload"
else
	not_ok "$T: unload" "$out"
fi
check "$T: node gone after unload" "$(ls /dev/ttyRPMSG* 2>&1)" no_tty_node
errs=$(kmsg_errors_since $T)
check "$T: no errors in the kernel log" "$errs" [ -z "$errs" ]
finish
