#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The rpmsg test program (tools/testing/remoteproc/rpmsg, rpmsg-echo-test):
# echo of every size 1..496 with contents checked on the rpmsg-raw node and
# on endpoints from /dev/rpmsg_ctrl0, the user-space error cases, many
# threads on many endpoints (no loss, no reordering per endpoint) and a
# remote stop/start with nodes open; on the stock kernel also its benchmark
# (round-trip time, messages per second).  Its checks are results of their
# own ("rpmsg-echo: ..."), written to the results channel by the program.
. "$(dirname "$0")/lib.sh"
T=rpmsg-echo-test
PROG=$RPT_BIN/rpmsg-echo-test

require_remote $T
require_features $T rpmsg rproc-virtio fw-rpmsg rpmsg-char
if [ ! -x "$PROG" ]; then
	skip "$T" "$PROG not built"
	finish
fi

if [ "$RPT_FLAVOUR" = debug ]; then
	ARGS="--all -n 1 -t 4 -m 200"
else
	ARGS="--all -n 4 -t 8 -m 1000"
fi

[ "$(rp_state)" = running ] || rp_boot_default ||
	not_ok "$T: setup" "cannot boot the default firmware"
rpmsg_wait_node rpmsg-raw >/dev/null ||
	not_ok "$T: setup" "no /dev/rpmsgN named rpmsg-raw"

# shellcheck disable=SC2086
"$PROG" $ARGS -p "$(rp_sysfs)" -R "$RPT_RESULTS"
rc=$?
[ $rc -eq 0 ] || not_ok "$T: exit status" "rpmsg-echo-test $ARGS exited $rc"

if [ "$RPT_FLAVOUR" != debug ]; then
	"$PROG" --bench -R "$RPT_RESULTS"
	rc=$?
	[ $rc -eq 0 ] || not_ok "$T: bench exit status" "exited $rc"
fi
finish
