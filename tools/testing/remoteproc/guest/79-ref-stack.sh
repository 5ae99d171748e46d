#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The reference stack in the same guest as ours: Linux 6.1's own
# remoteproc and rpmsg, built unchanged with our platform driver by
# build-ref-61.sh, replace our stack (guest/stack.sh).  On 6.1's core the
# remote boots the default firmware by itself, /dev/remoteprocN and
# /dev/rpmsg_ctrl0 exist, the firmware's channels are announced, 6.1's
# rpmsg_char echoes through /dev/rpmsgN and creates endpoints through
# /dev/rpmsg_ctrl0, and 6.1's sample client and rpmsg_tty, built against
# 6.1's rpmsg, work.  Then our stack comes back and boots the remote again.
# Whatever 6.1's stack logs at warning level or worse is listed; a kernel
# WARNING, BUG or oops fails.
. "$(dirname "$0")/lib.sh"
# shellcheck disable=SC1091
. "$(dirname "$0")/stack.sh"
T=ref-stack

require_features $T ref rpmsg rpmsg-char rproc-virtio fw-rpmsg
require_remote $T

# wait_ok <name> <what> <command...>: the check, with the remote's state
# taken after the wait in the reason.
wait_ok() {
	_n=$1
	_w=$2
	shift 2
	if "$@"; then
		ok "$_n"
	else
		not_ok "$_n" "$_w (remote state: $(rp_state))"
	fi
}

# /dev node of the remote's character device.
rp_cdev() {
	_s=$(rp_sysfs) || return 1
	[ -c "/dev/${_s##*/}" ]
}

wait_cdev() {
	_i=$((TMO_RPMSG * 10))
	while [ "$_i" -gt 0 ]; do
		[ -c "$1" ] && return 0
		sleep 0.1
		_i=$((_i - 1))
	done
	return 1
}

tty_node() {
	_i=$((TMO_RPMSG * 10))
	while [ "$_i" -gt 0 ]; do
		for _n in /dev/ttyRPMSG*; do
			[ -c "$_n" ] && { echo "$_n"; return 0; }
		done
		sleep 0.1
		_i=$((_i - 1))
	done
	return 1
}

# Back to our stack whatever happened; the checks after it say whether
# it worked.
back_to_ours() {
	if out=$(stack_use ours 2>&1); then
		ok "$T: switch back to our stack"
	else
		not_ok "$T: switch back to our stack" "$out"
		return 1
	fi
	check "$T: our modules loaded again" "stack_current says '$(stack_current)'" \
		[ "$(stack_current)" = ours ]
	wait_ok "$T: remote running again on our core" "not running" \
		rp_wait_state running
	check "$T: our channels back" "no rpmsg-client-sample channel" \
		rpmsg_wait_channel rpmsg-client-sample
}

# The kernel log since the start: 6.1's warnings are listed, splats fail.
scan_kmsg() {
	_warn=$(kmsg_since $T raw | grep -E '^<[0-4]>' | sed 's/^<[0-9]*>//')
	if [ -n "$_warn" ]; then
		info "$T: kernel messages at warning level or worse:"
		printf '%s\n' "$_warn" | show
	else
		info "$T: no kernel message at warning level or worse"
	fi
	_splat=$(kmsg_since $T | grep -E 'WARNING:|BUG:|Oops')
	check "$T: no kernel warning, BUG or oops" "$(printf '%s\n' "$_splat" | head -n 5)" \
		[ -z "$_splat" ]
}

check "$T: our stack loaded at start" "stack_current says '$(stack_current)'" \
	[ "$(stack_current)" = ours ]

kmsg_mark $T
if ! out=$(stack_use ref 2>&1); then
	not_ok "$T: switch to 6.1's stack" "$out"
	stack_unload >/dev/null 2>&1
	back_to_ours
	scan_kmsg
	finish
fi
ok "$T: switch to 6.1's stack"
check "$T: 6.1's modules loaded" "stack_current says '$(stack_current)'" \
	[ "$(stack_current)" = ref ]
for m in remoteproc rpmsg_core virtio_rpmsg_bus; do
	check "$T: $m is 6.1's" "its build-id is not the one of /lib/modules/ref" \
		_stack_is_ref $m
done

# The remote, booted by ivshmem_rproc's auto-boot on 6.1's core.
wait_ok "$T: remote running on 6.1's core" "not running" rp_wait_state running
check "$T: /dev/remoteprocN (6.1's remoteproc_cdev)" \
	"no character device for $(rp_sysfs)" rp_cdev
check "$T: heartbeat in 6.1's trace0" "trace: $(rp_trace | tail -n 2)" \
	rp_wait_trace '^heartbeat [0-9]+$'

# rpmsg: the name service, the control device, rpmsg_char.
for s in $RPMSG_SERVICES; do
	check "$T: channel $s on 6.1's bus" "not announced" rpmsg_wait_channel "$s"
done
check "$T: /dev/rpmsg_ctrl0" "no /dev/rpmsg_ctrl0 (/dev/rpmsg*: $(echo /dev/rpmsg*))" \
	wait_cdev /dev/rpmsg_ctrl0
if raw=$(rpmsg_wait_node rpmsg-raw); then
	if out=$(rpmsg-tool echo "$raw" 10 2>&1); then
		ok "$T: echo through 6.1's $raw"
	else
		not_ok "$T: echo through 6.1's $raw" "$out"
	fi
else
	not_ok "$T: echo through 6.1's /dev/rpmsgN" "no node for rpmsg-raw"
fi
if have_feature fw-test-ctrl; then
	reply=$(rpmsg_ctrl_cmd counters)
	case $reply in
	"ok counters"*) ok "$T: endpoint created through 6.1's rpmsg_ctrl" ;;
	*) not_ok "$T: endpoint created through 6.1's rpmsg_ctrl" "reply '$reply'" ;;
	esac
fi

# 6.1's sample, against 6.1's rpmsg_core.
if ! ko=$(stack_client ref sample); then
	not_ok "$T: 6.1's sample" "$ko missing"
elif ! out=$(insmod "$ko" 2>&1); then
	not_ok "$T: load 6.1's sample" "$out"
else
	ok "$T: load 6.1's sample"
	check "$T: sample goodbye" "no 'goodbye!': $(kmsg_since $T | tail -n 3)" \
		rpmsg_wait_kmsg $T "rpmsg_client_sample .*: goodbye!\$"
	n=$(kmsg_since $T | grep -c 'incoming msg [0-9]* (src: 0x')
	check "$T: sample got 100 replies" "$n 'incoming msg' lines" [ "$n" -eq 100 ]
	if out=$(rmmod rpmsg_client_sample 2>&1); then
		ok "$T: unload 6.1's sample"
	else
		not_ok "$T: unload 6.1's sample" "$out"
	fi
	check "$T: sample removed" "no 'driver is removed' line" \
		rpmsg_wait_kmsg $T "rpmsg sample client driver is removed"
fi

# 6.1's rpmsg_tty, against 6.1's rpmsg_core.
if ! ko=$(stack_client ref tty); then
	not_ok "$T: 6.1's rpmsg_tty" "$ko missing"
elif ! out=$(insmod "$ko" 2>&1); then
	not_ok "$T: load 6.1's rpmsg_tty" "$out"
elif ! tty=$(tty_node); then
	not_ok "$T: 6.1's rpmsg_tty node" "no /dev/ttyRPMSG*"
	rmmod rpmsg_tty 2>/dev/null
else
	if out=$(rpmsg-tool tty "$tty" 1 2>&1); then
		ok "$T: echo through 6.1's $tty"
	else
		not_ok "$T: echo through 6.1's $tty" "$out"
	fi
	if out=$(rmmod rpmsg_tty 2>&1); then
		ok "$T: unload 6.1's rpmsg_tty"
	else
		not_ok "$T: unload 6.1's rpmsg_tty" "$out"
	fi
fi

# Unloading 6.1's stack with the remote running, and ours again.
if out=$(stack_unload 2>&1); then
	ok "$T: unload 6.1's stack (remote running)"
else
	not_ok "$T: unload 6.1's stack (remote running)" "$out"
fi
check "$T: no remote left" "$(ls /sys/class/remoteproc)" \
	sh -c '! ls -d /sys/class/remoteproc/remoteproc* >/dev/null 2>&1'
back_to_ours
scan_kmsg
finish
