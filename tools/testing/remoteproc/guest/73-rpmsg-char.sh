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

ctl=$(rpmsg_ctrl_node) || not_ok "$T: ctrl node" "no /dev/rpmsg_ctrl*"
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
