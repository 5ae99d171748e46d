#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Linux 6.1's own samples/rpmsg/rpmsg_client_sample.c, built unchanged
# against our headers by build-clients-61.sh (module rpmsg_client_sample_61):
# it probes on "rpmsg-client-sample", its 100 messages come back and it
# prints its "goodbye!".  Only one of the two samples is loaded at a time.
. "$(dirname "$0")/lib.sh"
T=rpmsg-sample-61
KO=$MODDIR/rpmsg_client_sample_61.ko

require_remote $T
require_features $T rpmsg rproc-virtio fw-rpmsg sample-61

[ "$(rp_state)" = running ] || rp_boot_default ||
	not_ok "$T: setup" "cannot boot the default firmware"
if ! rpmsg_wait_channel rpmsg-client-sample; then
	not_ok "$T: channel" "no rpmsg-client-sample channel"
	finish
fi
lsmod | grep -q '^rpmsg_client_sample ' && rmmod rpmsg_client_sample

kmsg_mark $T
if ! out=$(insmod "$KO" 2>&1); then
	not_ok "$T: load" "$out"
	finish
fi
ok "$T: load"
check "$T: new channel line" "no 'new channel' line" \
	rpmsg_wait_kmsg $T "new channel: 0x[0-9a-f]+ -> 0x[0-9a-f]+!"
check "$T: goodbye" "no 'goodbye!': $(kmsg_since $T | tail -n 3)" \
	rpmsg_wait_kmsg $T "rpmsg_client_sample_61 .*: goodbye!\$"
n=$(kmsg_since $T | grep -c 'incoming msg [0-9]* (src: 0x')
check "$T: 100 replies" "$n 'incoming msg' lines" [ "$n" -eq 100 ]
check "$T: last reply numbered 100" "no 'incoming msg 100'" \
	rpmsg_wait_kmsg $T "incoming msg 100 \\(src: 0x" 1
if out=$(rmmod rpmsg_client_sample_61 2>&1); then
	ok "$T: unload"
else
	not_ok "$T: unload" "$out"
fi
check "$T: removed" "no 'driver is removed' line" \
	rpmsg_wait_kmsg $T "rpmsg sample client driver is removed"
finish
