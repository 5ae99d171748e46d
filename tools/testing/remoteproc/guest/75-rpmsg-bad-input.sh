#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A misbehaving remote: the firmware's rpmsg-test-ctrl service does one
# wrong thing on command.  Each case must give a kernel message (warning
# level, rate-limited), no splat (the host scans the whole log), and leave
# the channels working.
. "$(dirname "$0")/lib.sh"
T=rpmsg-bad-input
CASES="bad-used-len hdr-len-too-big unknown-dst ns-wrong-size ns-unterminated
ns-destroy-unknown ns-destroy-any-raw ns-destroy-any-ns ns-destroy-ns
ns-destroy-any-ctrl ns-destroy-ctrl"

require_remote $T
require_features $T rpmsg rproc-virtio fw-rpmsg fw-test-ctrl rpmsg-char

[ "$(rp_state)" = running ] || rp_boot_default ||
	not_ok "$T: setup" "cannot boot the default firmware"
if ! rpmsg_wait_channel rpmsg-test-ctrl || ! rpmsg_ctrl_node >/dev/null; then
	not_ok "$T: setup" "no rpmsg-test-ctrl channel or no /dev/rpmsg_ctrl*"
	finish
fi

# A warning (or worse) from the kernel after the marker.
kernel_warned() {
	_t=$(( TMO_RPMSG * 10 ))
	while [ "$_t" -gt 0 ]; do
		kmsg_since "$1" raw | grep -qE '^<[0-4]>' && return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

still_works() {
	_r=$(rpmsg_ctrl_cmd counters) && case $_r in "ok counters"*) ;; *) false ;; esac
}

# one <command>
one() {
	tag=$(echo "$1" | tr ' ' '-')
	kmsg_mark "$T-$tag"
	reply=$(rpmsg_ctrl_cmd "$1")
	case $reply in
	"ok $1"*) ok "$T: $1: command accepted" ;;
	*) not_ok "$T: $1: command accepted" "reply '$reply'" ;;
	esac
	check "$T: $1: kernel message" "no warning in the kernel log" \
		kernel_warned "$T-$tag"
	kmsg_since "$T-$tag" raw | grep -E '^<[0-4]>' | head -n 5 | show
	check "$T: $1: channel still works" "counters: '$(rpmsg_ctrl_cmd counters)'" \
		still_works
}

for c in $CASES; do
	one "$c"
done

# A destroy names exactly one channel the remote announced: the wildcard
# address and Linux's own channels (name service, rpmsg_ctrl) are refused.
# Linux 6.1 deadlocked on "rpmsg_ns" at 0xffffffff and removed
# /dev/rpmsg_ctrl0 on "rpmsg_ctrl".
check "$T: ns-destroy: rpmsg-raw survives the wildcard" "channel gone" \
	rpmsg_channel rpmsg-raw
check "$T: ns-destroy: the name service survives" "no rpmsg_ns channel" \
	sh -c "ls /sys/bus/rpmsg/devices | grep -q '\.rpmsg_ns\.53\.53\$'"
check "$T: ns-destroy: rpmsg_ctrl survives" "no /dev/rpmsg_ctrl*" \
	rpmsg_ctrl_node
reply=$(rpmsg_ctrl_cmd "announce late-svc")
info "announce late-svc: $reply"
check "$T: ns-destroy: announcements still work" "late-svc did not appear" \
	rpmsg_wait_channel late-svc

# A remote writing its vdev status byte while Linux stops it: no warning
# from the virtio core (the status Linux reads back is its own).
kmsg_mark "$T-status"
reply=$(rpmsg_ctrl_cmd status-garbage)
case $reply in
"ok status-garbage"*) ok "$T: status-garbage: command accepted" ;;
*) not_ok "$T: status-garbage: command accepted" "reply '$reply'" ;;
esac
expect_write "$T: status-garbage: stop" state stop OK
check "$T: status-garbage: offline" "state $(rp_state)" rp_wait_state offline
check "$T: status-garbage: no warning" \
	"$(kmsg_since "$T-status" raw | grep -E '^<[0-4]>' | head -n 1)" \
	sh -c "! dmesg -r | sed -n '/rpt: mark $T-status\$/,\$p' | grep -qE '^<[0-4]>'"
rp_boot_default || not_ok "$T: status-garbage: restart" "state $(rp_state)"
rpmsg_wait_channel rpmsg-test-ctrl ||
	not_ok "$T: status-garbage: restart" "no rpmsg-test-ctrl channel"

# A flood of creates: bounded, then withdrawn.
one "ns-flood 100"
n=$(cat /sys/bus/rpmsg/devices/*/name 2>/dev/null | grep -c '^ns-flood-')
info "$T: $n of 100 flooded channels exist"
check "$T: ns-flood bounded" "$n channels from the flood" [ "$n" -lt 100 ]
reply=$(rpmsg_ctrl_cmd "ns-unflood 100")
case $reply in
"ok ns-unflood"*) ok "$T: ns-unflood accepted" ;;
*) not_ok "$T: ns-unflood accepted" "reply '$reply'" ;;
esac
gone() {
	! cat /sys/bus/rpmsg/devices/*/name 2>/dev/null | grep -q '^ns-flood-'
}
_t=$(( TMO_RPMSG * 10 ))
while [ "$_t" -gt 0 ] && ! gone; do
	sleep 0.1
	_t=$((_t - 1))
done
check "$T: flooded channels withdrawn" "some ns-flood-* channels remain" gone

# Leave a fresh remote for the next scripts.
if ! { rp_offline && rp_boot_default; }; then
	not_ok "$T: restart" "state '$(rp_state)' after the restart"
fi
for s in $RPMSG_SERVICES; do
	check "$T: $s after restart" "not back" rpmsg_wait_channel "$s"
done
finish
