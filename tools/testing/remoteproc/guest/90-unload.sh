#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Module unload and reload: unloading with the remote offline, reloading
# (auto-boot again), and unloading with the remote running.
. "$(dirname "$0")/lib.sh"
T=modules
MODDIR=/lib/modules/rpt

# Load order reversed.
unload_all() {
	for m in $(sed '1!G;h;$!d' "$MODDIR/load-order"); do
		if ! out=$(rmmod "$m" 2>&1); then
			echo "rmmod $m: $out"
			return 1
		fi
	done
}

load_all() {
	while read -r m; do
		[ -n "$m" ] || continue
		if ! out=$(insmod "$MODDIR/$m.ko" 2>&1); then
			echo "insmod $m: $out"
			return 1
		fi
	done <"$MODDIR/load-order"
}

require_remote $T

rp_offline || not_ok "$T: setup" "cannot stop the remote"
if out=$(unload_all); then
	ok "$T: unload while offline"
else
	not_ok "$T: unload while offline" "$out"
fi
check "$T: remote gone" "still in /sys/class/remoteproc" \
	sh -c '! ls /sys/class/remoteproc/*/name >/dev/null 2>&1'

if out=$(load_all); then
	ok "$T: reload"
else
	not_ok "$T: reload" "$out"
fi
check "$T: auto-boot after reload" "state is '$(rp_state)'" \
	rp_wait_state running

if out=$(unload_all); then
	ok "$T: unload while running"
else
	not_ok "$T: unload while running" "$out"
fi
check "$T: no modules left" "$(lsmod)" \
	sh -c '! lsmod | grep -qE "^(remoteproc|ivshmem_rproc) "'
finish
