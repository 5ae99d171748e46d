#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rpmsg channels: the default firmware's virtio device (type 7) appears, the
# services it announces become channels on the rpmsg bus with their sysfs
# attributes, and the user-space nodes exist.
. "$(dirname "$0")/lib.sh"
T=rpmsg-channels

require_remote $T
require_features $T rpmsg rproc-virtio fw-rpmsg

[ "$(rp_state)" = running ] || rp_boot_default ||
	not_ok "$T: setup" "cannot boot the default firmware"

has_rpmsg_vdev() {
	for _v in /sys/bus/virtio/devices/*; do
		[ "$(cat "$_v/device" 2>/dev/null)" = 0x0007 ] && return 0
	done
	return 1
}
check "$T: virtio device of type 7" "none in /sys/bus/virtio/devices" \
	has_rpmsg_vdev

for s in $RPMSG_SERVICES; do
	if ! rpmsg_wait_channel "$s"; then
		not_ok "$T: $s appears" "no channel named $s on the rpmsg bus"
		continue
	fi
	ok "$T: $s appears"
	c=$(rpmsg_channel "$s")
	for a in name src dst announce modalias driver_override; do
		check "$T: $s/$a readable" "cannot read $c/$a" \
			cat "$c/$a" >/dev/null
	done
	check "$T: $s/modalias" "got '$(cat "$c/modalias")'" \
		[ "$(cat "$c/modalias")" = "rpmsg:$s" ]
	check "$T: $s uevent MODALIAS" "$(cat "$c/uevent" | tr '\n' ' ')" \
		grep -qx "MODALIAS=rpmsg:$s" "$c/uevent"
	check "$T: $s/src is an address" "got '$(cat "$c/src")'" \
		grep -qxE '0x[0-9a-f]+' "$c/src"
	check "$T: $s/dst is a remote address" "got '$(cat "$c/dst")'" \
		sh -c "grep -qxE '0x[0-9a-f]+' '$c/dst' &&
		       [ \"\$(cat '$c/dst')\" != 0xffffffff ]"
done

# driver_override: set, read back, cleared (nothing binds to the name).
if c=$(rpmsg_channel rpmsg-tty); then
	if echo rpt-no-such-driver >"$c/driver_override" 2>/dev/null &&
	   [ "$(cat "$c/driver_override")" = rpt-no-such-driver ]; then
		ok "$T: driver_override set"
	else
		not_ok "$T: driver_override set" "read back '$(cat "$c/driver_override")'"
	fi
	echo >"$c/driver_override" 2>/dev/null
	check "$T: driver_override cleared" \
		"still '$(cat "$c/driver_override")'" \
		sh -c "! grep -qx rpt-no-such-driver '$c/driver_override'"
fi

# The name-service channel has address 53 at both ends and is named after
# it, as in Linux 6.1 (OpenAMP's Linux demos open that path).
if c=$(rpmsg_channel rpmsg_ns); then
	check "$T: rpmsg_ns named <vdev>.rpmsg_ns.53.53" "named ${c##*/}" \
		sh -c "echo '${c##*/}' | grep -qxE 'virtio[0-9]+\.rpmsg_ns\.53\.53'"
	check "$T: rpmsg_ns src and dst are 0x35" \
		"src $(cat "$c/src"), dst $(cat "$c/dst")" \
		[ "$(cat "$c/src") $(cat "$c/dst")" = "0x35 0x35" ]
else
	not_ok "$T: rpmsg_ns channel" "no channel named rpmsg_ns"
fi

if have_feature rpmsg-char; then
	check "$T: /dev/rpmsg_ctrl node" "no /dev/rpmsg_ctrl*" \
		rpmsg_ctrl_node
	# The control channel has no endpoint: addresses 0, named after them
	# as in Linux 6.1 (the path OpenAMP's Linux demos open).
	if c=$(rpmsg_channel rpmsg_ctrl); then
		check "$T: rpmsg_ctrl named <vdev>.rpmsg_ctrl.0.0" \
			"named ${c##*/}" \
			sh -c "echo '${c##*/}' | grep -qxE 'virtio[0-9]+\.rpmsg_ctrl\.0\.0'"
		check "$T: rpmsg_ctrl src and dst are 0x0" \
			"src $(cat "$c/src"), dst $(cat "$c/dst")" \
			[ "$(cat "$c/src") $(cat "$c/dst")" = "0x0 0x0" ]
	else
		not_ok "$T: rpmsg_ctrl channel" "no channel named rpmsg_ctrl"
	fi
	# Linux 6.1's nodes have no device type: no DEVTYPE in their uevents.
	check "$T: no DEVTYPE in the nodes' uevents" \
		"$(grep -H '^DEVTYPE=' /sys/class/rpmsg/*/uevent | tr '\n' ' ')" \
		sh -c "! grep -q '^DEVTYPE=' /sys/class/rpmsg/*/uevent"
	check "$T: rpmsg-raw has its /dev/rpmsgN" "none named rpmsg-raw in /sys/class/rpmsg" \
		rpmsg_wait_node rpmsg-raw
else
	skip "$T: user-space nodes" "rpmsg_char/rpmsg_ctrl not built yet"
fi

info "$T: channels:"
for c in /sys/bus/rpmsg/devices/*; do
	[ -r "$c/name" ] && echo "${c##*/} $(cat "$c/name") src=$(cat "$c/src") dst=$(cat "$c/dst")"
done | show
finish
