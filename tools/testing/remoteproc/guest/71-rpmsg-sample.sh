#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# samples/rpmsg: our sample client binds to the "rpmsg-client-sample"
# channel, exchanges its messages with the remote's echo service and says
# goodbye; unloading unbinds it; a second load with another count works too.
. "$(dirname "$0")/lib.sh"
T=rpmsg-sample
KO=$MODDIR/rpmsg_client_sample.ko

require_remote $T
require_features $T rpmsg rproc-virtio fw-rpmsg sample

[ "$(rp_state)" = running ] || rp_boot_default ||
	not_ok "$T: setup" "cannot boot the default firmware"
if ! rpmsg_wait_channel rpmsg-client-sample; then
	not_ok "$T: channel" "no rpmsg-client-sample channel"
	finish
fi
c=$(rpmsg_channel rpmsg-client-sample)

# run <messages or empty for the default> <expected count>
run() {
	kmsg_mark "$T-$2"
	if ! out=$(insmod "$KO" ${1:+messages=$1} 2>&1); then
		not_ok "$T: load ($2)" "$out"
		return
	fi
	ok "$T: load ($2)"
	check "$T: bound ($2)" "driver is '$(readlink "$c/driver")'" \
		sh -c "[ \"\$(basename \"\$(readlink '$c/driver')\")\" = rpmsg_client_sample ]"
	check "$T: $2 messages exchanged" \
		"no goodbye line: $(kmsg_since "$T-$2" | grep rpmsg_client_sample | tail -n 3)" \
		rpmsg_wait_kmsg "$T-$2" \
		"rpmsg_client_sample .*: $2 messages exchanged with 0x[0-9a-f]+, goodbye\$"
	kmsg_since "$T-$2" | grep -E 'rpmsg_client_sample' | show
	if out=$(rmmod rpmsg_client_sample 2>&1); then
		ok "$T: unload ($2)"
	else
		not_ok "$T: unload ($2)" "$out"
	fi
	check "$T: unbound ($2)" "$c/driver still there" [ ! -e "$c/driver" ]
	check "$T: remove message ($2)" "no 'removed after' line" \
		rpmsg_wait_kmsg "$T-$2" "removed after $2 replies"
}

run "" 100
run 3 3
finish
