#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Stop and start the remote with channels and a /dev/rpmsgN open: the
# channels and nodes go away with the remote, the open node returns errors
# (no hang, no crash), and everything comes back on start.
. "$(dirname "$0")/lib.sh"
T=rpmsg-stop-start

require_remote $T
require_features $T rpmsg rproc-virtio fw-rpmsg

[ "$(rp_state)" = running ] || rp_boot_default ||
	not_ok "$T: setup" "cannot boot the default firmware"
for s in $RPMSG_SERVICES; do
	rpmsg_wait_channel "$s" || not_ok "$T: setup" "no channel $s"
done

raw=
if have_feature rpmsg-char && raw=$(rpmsg_wait_node rpmsg-raw); then
	exec 3<>"$raw"
fi

expect_write "$T: stop with channels open" state stop OK
check "$T: offline" "state is '$(rp_state)'" rp_wait_state offline
for s in $RPMSG_SERVICES; do
	check "$T: $s gone" "still on the rpmsg bus" rpmsg_wait_no_channel "$s"
done
if [ -n "$raw" ]; then
	check "$T: rpmsg-raw node gone" "rpmsg-raw still in /sys/class/rpmsg" \
		sh -c '! ls /sys/class/rpmsg/*/name 2>/dev/null |
		       xargs grep -lx rpmsg-raw 2>/dev/null | grep -q .'
	# The fd stays open; I/O on it must fail, not hang.
	check "$T: write to the stale node fails" "the write succeeded" \
		sh -c '! timeout 10 sh -c "printf x >&3" 2>/dev/null'
	exec 3>&-
	ok "$T: stale node closed"
fi

expect_write "$T: start again" state start OK
check "$T: running" "state is '$(rp_state)'" rp_wait_state running
for s in $RPMSG_SERVICES; do
	check "$T: $s back" "not on the rpmsg bus" rpmsg_wait_channel "$s"
done
if [ -n "$raw" ]; then
	if raw=$(rpmsg_wait_node rpmsg-raw); then
		ok "$T: rpmsg-raw node back"
		if out=$(rpmsg-tool echo "$raw" 1 2>&1); then
			ok "$T: echo after restart"
		else
			not_ok "$T: echo after restart" "$out"
		fi
	else
		not_ok "$T: rpmsg-raw node back" "no node named rpmsg-raw"
	fi
fi
finish
