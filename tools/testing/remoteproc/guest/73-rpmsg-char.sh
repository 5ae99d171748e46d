#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /dev/rpmsg*: echo of every size 1..496 with contents verified on the
# rpmsg-raw node and on an endpoint created through /dev/rpmsg_ctrlN, a
# write beyond the MTU refused with EMSGSIZE, endpoints removed again.
# rpmsg-tool (guest-tools/) does the I/O.
. "$(dirname "$0")/lib.sh"
T=rpmsg-char

require_remote $T
require_features $T rpmsg rproc-virtio fw-rpmsg rpmsg-char

if [ "$RPT_FLAVOUR" = debug ]; then
	ROUNDS=1
else
	ROUNDS=4
fi

[ "$(rp_state)" = running ] || rp_boot_default ||
	not_ok "$T: setup" "cannot boot the default firmware"
if ! raw=$(rpmsg_wait_node rpmsg-raw); then
	not_ok "$T: rpmsg-raw node" "no /dev/rpmsgN named rpmsg-raw"
	finish
fi
ok "$T: rpmsg-raw node"

if out=$(rpmsg-tool echo "$raw" $ROUNDS 2>&1); then
	ok "$T: echo $((ROUNDS * 496)) messages of 1..496 bytes on $raw"
else
	not_ok "$T: echo $((ROUNDS * 496)) messages of 1..496 bytes on $raw" "$out"
fi
echo "$out" | show

if out=$(rpmsg-tool too-big "$raw" 2>&1); then
	ok "$T: write of 497 bytes gives EMSGSIZE"
else
	not_ok "$T: write of 497 bytes gives EMSGSIZE" "$out"
fi

# An empty write sends an empty message, which the echo service returns:
# a read of 0 bytes (Linux 6.1 does the same).
exec 3<>"$raw"
out=$(conf-rpmsg write w fd:3 text: && conf-rpmsg read r fd:3 64 wait:5000)
exec 3>&-
check "$T: an empty write sends an empty message" "got: $(echo $out)" \
	[ "$(echo $out)" = "w OK 0 r 0" ]

ctl=$(rpmsg_ctrl_node) || not_ok "$T: ctrl node" "no /dev/rpmsg_ctrl*"

# The control node's ioctls as in Linux 6.1: the argument is read first
# (EFAULT even for an unknown request), and a name filling all 32 bytes is
# cut to 31 characters rather than refused.
if [ -n "$ctl" ]; then
	check "$T: unknown ioctl with a bad argument gives EFAULT" \
		"$(conf-rpmsg ioctl k "$ctl" raw:0xb5ff @null)" \
		[ "$(conf-rpmsg ioctl k "$ctl" raw:0xb5ff @null)" = "k EFAULT" ]
	check "$T: unknown ioctl gives EINVAL" \
		"$(conf-rpmsg ioctl k "$ctl" raw:0xb5ff x)" \
		[ "$(conf-rpmsg ioctl k "$ctl" raw:0xb5ff x)" = "k EINVAL" ]
	long=nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn
	if dst=$(rpmsg_dst rpmsg-tty) &&
	   [ "$(conf-rpmsg ioctl k "$ctl" create_ept "$long" any "$dst")" = "k OK" ]; then
		ok "$T: 32-byte endpoint name accepted"
		sleep 0.5
		n=
		for d in /sys/class/rpmsg/rpmsg[0-9]*; do
			[ "$(cat "$d/name")" = "${long%n}" ] && n=/dev/${d##*/}
		done
		check "$T: 32-byte endpoint name cut to 31" "no node named ${long%n}" \
			[ -n "$n" ]
		[ -n "$n" ] && conf-rpmsg ioctl k "$n" destroy_ept >/dev/null
	else
		not_ok "$T: 32-byte endpoint name accepted" \
			"$(conf-rpmsg ioctl k "$ctl" create_ept "$long" any any)"
	fi
fi
nodes_before=$(ls /sys/class/rpmsg | grep -c '^rpmsg[0-9]')
if [ -n "$ctl" ] && dst=$(rpmsg_dst rpmsg-tty); then
	if out=$(rpmsg-tool echo-ept "$ctl" rpt-echo "$dst" 1 2>&1); then
		ok "$T: echo through an endpoint from $ctl"
	else
		not_ok "$T: echo through an endpoint from $ctl" "$out"
	fi
	echo "$out" | show
	sleep 0.5
	nodes_after=$(ls /sys/class/rpmsg | grep -c '^rpmsg[0-9]')
	check "$T: endpoint node removed" \
		"$nodes_before nodes before, $nodes_after after" \
		[ "$nodes_before" -eq "$nodes_after" ]
fi

finish
