#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Crash recovery: a real firmware fault and simulated crashes (debugfs
# "crash") are recovered, channels and their nodes come back; with recovery
# disabled the remote stays crashed until "recover" (or "enabled"); a
# firmware that crashes at start stops being reloaded after a few tries;
# then RECOVERY_CYCLES crash/recover cycles with a client holding
# /dev/rpmsgN open and the sample driver bound, traffic checked after each.
. "$(dirname "$0")/lib.sh"
T=recovery
# 88-crash-cycles runs more, with more clients attached; make soak 1000.
RECOVERY_CYCLES=${RECOVERY_CYCLES:-20}

require_remote $T
require_features $T rpmsg rproc-virtio rpmsg-char fw-rpmsg fw-test-ctrl

DBG=$(rp_debugfs)

# The channels of the default firmware are all there, rpmsg-raw echoes.
services_back() {
	for _s in $RPMSG_SERVICES; do
		rpmsg_wait_channel "$_s" || return 1
	done
	_n=$(rpmsg_wait_node rpmsg-raw) || return 1
	rpmsg-tool echo "$_n" 1 >/dev/null 2>&1
}

rp_boot_default || not_ok "$T: setup" "cannot boot the default firmware"

# ---- the attribute ----
check "$T: recovery reads enabled" "reads '$(cat "$(rp_sysfs)/recovery")'" \
	[ "$(cat "$(rp_sysfs)/recovery")" = enabled ]
expect_write "$T: bogus recovery value" recovery bogus EINVAL
expect_write "$T: recover while running is a no-op" recovery recover OK
check "$T: still running" "state is '$(rp_state)'" [ "$(rp_state)" = running ]
check "$T: debugfs recovery reads enabled" "no debugfs recovery file" \
	[ "$(cat "$DBG/recovery" 2>/dev/null)" = enabled ]
check "$T: debugfs crash rejects a bogus type" "the write succeeded" \
	sh -c "! echo bogus >'$DBG/crash' 2>/dev/null"

# ---- a real fault, recovered ----
services_back || not_ok "$T: setup" "services not up"
# The "crash detected" line is rate limited (printk's default: 10 per 5 s),
# and a script before this one may have used the burst (53-coredump's
# storm): wait the window out, the line is checked below.
sleep 5
kmsg_mark $T-fault
reply=$(rpmsg_ctrl_cmd crash 3000)
info "crash command: $reply"
check "$T: fault recovered" "no 'recovered' line: $(kmsg_since $T-fault | tail -n 5)" \
	rpmsg_wait_kmsg $T-fault "remoteproc remoteproc[0-9]+: remote processor .* recovered" "$TMO_STATE"
check "$T: running after the fault" "state is '$(rp_state)'" rp_wait_state running
check "$T: services back after the fault" "a channel is missing or rpmsg-raw does not echo" \
	services_back
check "$T: the fault was reported as a crash" "no crash report" \
	rpmsg_wait_kmsg $T-fault "crash detected in .*: type fatal error" 1

# ---- simulated crashes of each type through debugfs ----
for type in mmu-fault watchdog fatal-error; do
	kmsg_mark $T-$type
	if ! echo $type >"$DBG/crash"; then
		not_ok "$T: debugfs crash $type" "write failed"
		continue
	fi
	check "$T: debugfs crash $type recovered" \
		"no 'recovered' line: $(kmsg_since $T-$type | tail -n 3)" \
		rpmsg_wait_kmsg $T-$type "remote processor .* recovered" "$TMO_STATE"
	check "$T: services back after $type" "not back" services_back
done

# ---- recovery disabled: stays crashed until told ----
expect_write "$T: disable recovery" recovery disabled OK
check "$T: recovery reads disabled" "reads '$(cat "$(rp_sysfs)/recovery")'" \
	[ "$(cat "$(rp_sysfs)/recovery")" = disabled ]
raw=$(rpmsg_wait_node rpmsg-raw)
kmsg_mark $T-disabled
echo fatal-error >"$DBG/crash"
check "$T: crashed with recovery disabled" "state is '$(rp_state)'" \
	rp_wait_state crashed
check "$T: channels gone while crashed" "rpmsg-raw still on the bus" \
	rpmsg_wait_no_channel rpmsg-raw
sleep 1
check "$T: still crashed a second later" "state is '$(rp_state)'" \
	[ "$(rp_state)" = crashed ]
check "$T: start refused while crashed" "start gave $(rp_write state start)" \
	[ "$(rp_write state start)" = EBUSY ]
expect_write "$T: recover" recovery recover OK
check "$T: running after recover" "state is '$(rp_state)'" rp_wait_state running
check "$T: services back after recover" "not back" services_back
check "$T: recovery still disabled" "reads '$(cat "$(rp_sysfs)/recovery")'" \
	[ "$(cat "$(rp_sysfs)/recovery")" = disabled ]

echo fatal-error >"$DBG/crash"
rp_wait_state crashed || not_ok "$T: second crash" "state is '$(rp_state)'"
expect_write "$T: enabled recovers a crashed remote" recovery enabled OK
check "$T: running after enabled" "state is '$(rp_state)'" rp_wait_state running
check "$T: services back after enabled" "not back" services_back

# stop from crashed still works
expect_write "$T: disable recovery again" recovery disabled OK
echo watchdog >"$DBG/crash"
rp_wait_state crashed || not_ok "$T: third crash" "state is '$(rp_state)'"
expect_write "$T: stop a crashed remote" state stop OK
check "$T: offline" "state is '$(rp_state)'" rp_wait_state offline
expect_write "$T: enable recovery" recovery enabled OK

# ---- a firmware that crashes at start is not reloaded forever ----
if [ -e "$FW_DIR/rproc-emu-fault.elf" ]; then
	kmsg_mark $T-loop
	expect_write "$T: crash-loop firmware" firmware rproc-emu-fault.elf OK
	rp_write state start >/dev/null
	check "$T: crash loop detected" "no 'recovery paused' line: $(kmsg_since $T-loop | tail -n 5)" \
		rpmsg_wait_kmsg $T-loop "crashed [0-9]+ times in a row .* recovery paused" "$TMO_STATE"
	check "$T: left crashed" "state is '$(rp_state)'" rp_wait_state crashed
	n=$(kmsg_since $T-loop | grep -c 'booting .* with firmware rproc-emu-fault.elf')
	check "$T: booted a bounded number of times" "$n boots" [ "$n" -ge 5 ] && [ "$n" -le 6 ]
	expect_write "$T: stop after the loop" state stop OK
	rp_wait_state offline
fi
rp_boot_default || not_ok "$T: restore" "cannot boot the default firmware"

# ---- many cycles with a client holding its node and the sample bound ----
sample=
if have_feature sample && insmod "$MODDIR/rpmsg_client_sample.ko" 2>/dev/null; then
	sample=1
fi
services_back || not_ok "$T: cycles setup" "services not up"
# The kernel log of many cycles does not fit in the ring buffer: follow it.
cat /dev/kmsg >/tmp/kmsg-cycles 2>/dev/null &
kmsg_pid=$!
kmsg_mark $T-cycles
if out=$(rproc-recovery-test "$RECOVERY_CYCLES" alternate "$DBG/crash" 2>&1); then
	ok "$T: $RECOVERY_CYCLES crash/recover cycles, traffic back after each"
	info "$T: $out"
else
	not_ok "$T: $RECOVERY_CYCLES crash/recover cycles" "$out"
fi
# cycles_log <regex>: lines after the marker matching <regex>, counted
cycles_log() {
	sed -n "/rpt: mark $T-cycles\$/,\$p" /tmp/kmsg-cycles | grep -cE "$1"
}
n=$(cycles_log 'remote processor .* recovered')
check "$T: $RECOVERY_CYCLES recoveries logged" "$n" [ "$n" -eq "$RECOVERY_CYCLES" ]
if [ -n "$sample" ]; then
	n=$(cycles_log 'rpmsg_client_sample .*: saying hello')
	check "$T: the sample probed after every recovery" "$n probes" \
		[ "$n" -ge "$RECOVERY_CYCLES" ]
	_t=$((TMO_RPMSG * 10))
	while [ $_t -gt 0 ] && ! tail -n 50 /tmp/kmsg-cycles | grep -q 'rpmsg_client_sample .*goodbye$'; do
		sleep 0.1
		_t=$((_t - 1))
	done
	check "$T: the sample completes its exchange after the last one" \
		"no goodbye" [ $_t -gt 0 ]
	if out=$(rmmod rpmsg_client_sample 2>&1); then
		ok "$T: sample unloaded"
	else
		not_ok "$T: sample unloaded" "$out"
	fi
fi
kill $kmsg_pid 2>/dev/null
wait $kmsg_pid 2>/dev/null
check "$T: running at the end" "state is '$(rp_state)'" [ "$(rp_state)" = running ]
finish
