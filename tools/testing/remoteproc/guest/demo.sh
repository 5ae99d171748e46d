#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: the remote processor is loaded and booted with its default
# firmware, reports its state and writes to its trace buffer; then it is
# stopped.  Exits non-zero if any step does not happen.
. "$(dirname "$0")/lib.sh"

say() {
	echo
	echo "=== $*"
}

say "kernel: $(uname -r), modules:"
lsmod | grep -E '^(remoteproc|ivshmem_rproc) ' | sed 's/^/    /'

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

say "echo stop > $D/state"
kmsg_mark demo-stop
res=$(rp_write state stop)
[ "$res" = OK ] || echo "    write: $res"
rp_wait_state offline
echo "    state: $(rp_state)"
kmsg_since demo-stop | sed 's/^/    /'
[ "$(rp_state)" = offline ] || exit 1

say "powering off"
