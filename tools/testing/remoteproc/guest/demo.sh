#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: the remote processor is loaded and booted with its default
# firmware, reports its state and writes to its trace buffer; once rpmsg is
# built, the channels the firmware announces are listed and the sample
# client exchanges its messages with the remote; then the remote is stopped.
# Exits non-zero if any step does not happen.
. "$(dirname "$0")/lib.sh"

say() {
	echo
	echo "=== $*"
}

say "kernel: $(uname -r), modules:"
lsmod | grep -E '^(remoteproc|ivshmem_rproc|rpmsg_[a-z]*|virtio_rpmsg_bus) ' |
	sed 's/^/    /'

D=$(rp_sysfs) || { echo "no $RP_NAME remote processor"; exit 1; }
say "remote processor '$(cat "$D/name")' at $D, firmware $(cat "$D/firmware")"

printf 'waiting for it to boot (auto_boot) ...'
if rp_wait_state running; then
	echo " done"
else
	echo " state is '$(rp_state)'"
fi

say "kernel log: the firmware being loaded and the remote booted"
dmesg | grep -iE 'remoteproc|rproc|ivshmem' | grep -v taint | sed 's/^/    /'

say "cat $D/state"
echo "    $(rp_state)"
[ "$(rp_state)" = running ] || exit 1

T=$(rp_debugfs)/trace0
say "cat $T   (the remote's own log)"
rp_wait_trace '[Hh]eartbeat' >/dev/null
rp_trace | sed 's/^/    /'
sleep 3
say "cat $T   again, three seconds later: the heartbeat moved"
rp_trace | tail -n 3 | sed 's/^/    /'

if have_feature rpmsg && have_feature fw-rpmsg; then
	say "rpmsg channels the firmware announced (/sys/bus/rpmsg/devices)"
	for s in $RPMSG_SERVICES; do
		rpmsg_wait_channel "$s" >/dev/null || echo "    $s: missing"
	done
	for c in /sys/bus/rpmsg/devices/*; do
		[ -r "$c/name" ] || continue
		# The name service and the control device are Linux's own.
		case $(cat "$c/name") in rpmsg_ns|rpmsg_ctrl) continue ;; esac
		echo "    $(cat "$c/name"): local $(cat "$c/src"), remote $(cat "$c/dst")"
	done
	if have_feature sample &&
	   [ "$(/usr/share/rpt/autoload status)" = on ]; then
		# make demo boots with module autoload (vm.sh --autoload).
		say "the sample client (samples/rpmsg), loaded by itself: the" \
		    "channel's uevent ran modprobe rpmsg:rpmsg-client-sample"
		i=0
		until grep -q '^rpmsg_client_sample ' /proc/modules &&
		      dmesg | grep -q 'rpmsg_client_sample .*, goodbye$'; do
			[ $i -lt $((TMO_RPMSG * 10)) ] ||
				{ echo "    no goodbye from the sample"; exit 1; }
			sleep 0.1
			i=$((i + 1))
		done
		dmesg | grep -E 'rpt-autoload: rpmsg|rpmsg_client_sample' |
			sed 's/^/    /'
		rmmod rpmsg_client_sample
	elif have_feature sample; then
		say "insmod rpmsg_client_sample.ko messages=10   (samples/rpmsg)"
		kmsg_mark demo-sample
		insmod "$MODDIR/rpmsg_client_sample.ko" messages=10 || exit 1
		rpmsg_wait_kmsg demo-sample 'messages exchanged with .*, goodbye$' ||
			{ echo "    no goodbye from the sample"; exit 1; }
		kmsg_since demo-sample | grep rpmsg_client_sample | sed 's/^/    /'
		rmmod rpmsg_client_sample
	fi
fi

say "echo stop > $D/state"
kmsg_mark demo-stop
res=$(rp_write state stop)
[ "$res" = OK ] || echo "    write: $res"
rp_wait_state offline
echo "    state: $(rp_state)"
kmsg_since demo-stop | sed 's/^/    /'
[ "$(rp_state)" = offline ] || exit 1

say "powering off"
