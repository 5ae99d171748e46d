#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Crash/recover cycles with clients attached throughout.  Linux 6.1's
# rpmsg_client_sample (ours when 6.1's is not built) stays loaded and must
# probe again after every recovery; 6.1's rpmsg_tty stays loaded and a client
# echoes through /dev/ttyRPMSGN; two clients echo through endpoints made on
# /dev/rpmsg_ctrlN (towards rpmsg-raw and rpmsg-test-ctrl), each blocked in
# read() most of the time.  The clients (rpmsg-attach) see every crash as a
# failed read or write, never as a hang, and attach again to the new nodes
# after the recovery.  The cycles are rproc-recovery-test's: debugfs crashes
# and firmware faults in turns, each followed by traffic through rpmsg-raw.
#
# rpt.crash_cycles=<n> on the kernel command line sets the number of cycles
# (default 20; make soak: 1000).
# rpt-timeout: 300
. "$(dirname "$0")/lib.sh"
T=crash-cycles
CYCLES=$(rpt_param crash_cycles 20)
# A chunk of cycles per rproc-recovery-test run: progress in long runs.
CHUNK=50
if [ "$RPT_FLAVOUR" = debug ]; then
	STUCK=120
else
	STUCK=30
fi

require_remote $T
require_features $T rpmsg rproc-virtio rpmsg-char fw-rpmsg fw-test-ctrl

DBG=$(rp_debugfs)
rp_boot_default || not_ok "$T: setup" "cannot boot the default firmware"
for s in $RPMSG_SERVICES; do
	rpmsg_wait_channel "$s" || not_ok "$T: setup" "no channel $s"
done

# ---- the client modules ----
sample=
for m in rpmsg_client_sample_61 rpmsg_client_sample; do
	lsmod | grep -q "^$m " && rmmod $m
done
if have_feature sample-61; then
	sample=rpmsg_client_sample_61
elif have_feature sample; then
	sample=rpmsg_client_sample
fi
if [ -n "$sample" ]; then
	check "$T: $sample loads" "insmod failed" insmod "$MODDIR/$sample.ko"
else
	skip "$T: sample client" "not in this build yet: sample, sample-61"
fi
tty=
if have_feature tty-61 && insmod "$MODDIR/rpmsg_tty_61.ko"; then
	tty=1
	ok "$T: rpmsg_tty_61 loads"
else
	skip "$T: rpmsg_tty_61" "not in this build yet: tty-61"
fi

# ---- the clients, until /tmp/cycles.stop ----
rm -f /tmp/cycles.stop /tmp/attach.*
rpmsg-attach ept rpmsg-raw /tmp/cycles.stop $STUCK >/tmp/attach.raw 2>&1 &
c1=$!
rpmsg-attach ept rpmsg-test-ctrl /tmp/cycles.stop $STUCK >/tmp/attach.ctrl 2>&1 &
c2=$!
clients="$c1 $c2"
if [ -n "$tty" ]; then
	rpmsg-attach tty - /tmp/cycles.stop $STUCK >/tmp/attach.tty 2>&1 &
	clients="$clients $!"
fi

# The kernel log of many cycles does not fit in the ring buffer: follow it.
cat /dev/kmsg >/tmp/kmsg-cycles 2>/dev/null &
kmsg_pid=$!
kmsg_mark $T
sleep 1

# ---- the cycles ----
t0=$(date +%s)
done_cycles=0
failed=
while [ $done_cycles -lt "$CYCLES" ]; do
	n=$((CYCLES - done_cycles))
	[ $n -gt $CHUNK ] && n=$CHUNK
	if ! out=$(rproc-recovery-test $n alternate "$DBG/crash" 2>&1); then
		failed="after $done_cycles cycles: $out"
		break
	fi
	done_cycles=$((done_cycles + n))
	info "$T: $done_cycles/$CYCLES cycles, $(($(date +%s) - t0)) s; $out"
done
secs=$(($(date +%s) - t0))
if [ -z "$failed" ]; then
	ok "$T: $CYCLES crash/recover cycles with clients attached ($secs s)"
else
	not_ok "$T: $CYCLES crash/recover cycles with clients attached" "$failed"
fi

touch /tmp/cycles.stop
bad=0
for p in $clients; do
	wait $p || bad=$((bad + 1))
done
for f in /tmp/attach.*; do
	res=$(grep '^rpmsg-attach ' "$f")
	name=$(echo "$res" | sed 's/^rpmsg-attach \([^:]*\):.*/\1/')
	if [ -z "$res" ]; then
		not_ok "$T: client ${f#/tmp/attach.}" "no summary: $(tail -n 3 "$f")"
		continue
	fi
	info "$T: $res"
	grep -v '^rpmsg-attach ' "$f" | head -n 5 | show
	wrong=$(echo "$res" | sed -n 's/.* \([0-9]*\) wrong,.*/\1/p')
	hung=$(echo "$res" | sed -n 's/.* \([0-9]*\) hung,.*/\1/p')
	det=$(echo "$res" | sed -n 's/.* \([0-9]*\) detaches,.*/\1/p')
	check "$T: client $name: no wrong answer, no hang, works at the end" "$res" \
		sh -c "[ '$wrong' = 0 ] && [ '$hung' = 0 ] && echo '$res' | grep -q 'last exchange ok'"
	# A client busy re-attaching when the next crash comes misses it.
	check "$T: client $name saw the crashes" "$det detaches in $done_cycles cycles" \
		[ "${det:-0}" -ge $((done_cycles / 2)) ]
done
[ "$bad" -eq 0 ] || info "$T: $bad client(s) exited non-zero"

# ---- the kernel's account ----
cycles_log() {
	sed -n "/rpt: mark $T\$/,\$p" /tmp/kmsg-cycles | grep -cE "$1"
}
n=$(cycles_log 'remote processor .* recovered')
check "$T: $done_cycles recoveries logged" "$n" [ "$n" -eq "$done_cycles" ]
if [ -n "$sample" ]; then
	n=$(cycles_log "$sample .*(new channel: 0x|saying hello)")
	check "$T: $sample probed after every recovery" "$n probes in $done_cycles cycles" \
		[ "$n" -ge "$done_cycles" ]
fi
kill $kmsg_pid 2>/dev/null
wait $kmsg_pid 2>/dev/null
rm -f /tmp/kmsg-cycles

# ---- unload the clients ----
if [ -n "$sample" ]; then
	check "$T: $sample unloads" "rmmod failed" rmmod $sample
fi
if [ -n "$tty" ]; then
	# The tty layer drops its module reference from a work item.
	_t=$((TMO_RPMSG * 10))
	while ! out=$(rmmod rpmsg_tty_61 2>&1) && [ $_t -gt 0 ]; do
		sleep 0.1
		_t=$((_t - 1))
	done
	check "$T: rpmsg_tty_61 unloads" "$out" \
		sh -c '! lsmod | grep -q "^rpmsg_tty_61 "'
fi
check "$T: running at the end" "state is '$(rp_state)'" [ "$(rp_state)" = running ]
finish
