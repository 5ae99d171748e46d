#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# sysfs lifecycle: auto-boot reaches "running", the trace buffer shows the
# banner, the carveout check and a moving heartbeat; stop/start cycles.
. "$(dirname "$0")/lib.sh"
T=lifecycle
CYCLES=5

# The default firmware's first trace line (tools/remoteproc/firmware/
# heartbeat.c): "rproc-emu-fw: booted, table ver 1, carveout da ... len ...".
BANNER_RE='^rproc-emu-fw: booted, table ver 1'

require_remote $T

# auto_boot=1: the driver boots the default firmware by itself.
if rp_wait_state running; then
	ok "$T: auto-boot reaches running"
else
	not_ok "$T: auto-boot reaches running" "state is '$(rp_state)'"
	rp_boot_default
fi
check "$T: default firmware name" "firmware is '$(rp_firmware)'" \
	[ "$(rp_firmware)" = "$RP_FW_DEFAULT" ]

# trace_check <name suffix>: banner, carveout check, moving heartbeat.
trace_check() {
	if rp_wait_trace "$BANNER_RE"; then
		ok "$T: trace banner$1"
	else
		not_ok "$T: trace banner$1" "no banner in trace0"
		rp_trace | tail -n 20 | show
	fi
	if rp_wait_trace 'carveout ok'; then
		ok "$T: trace carveout ok$1"
	else
		not_ok "$T: trace carveout ok$1" "no 'carveout ok' in trace0"
	fi
	rp_wait_trace '[Hh]eartbeat' >/dev/null
	hb1=$(rp_heartbeat)
	hb2=$hb1
	i=0
	# The heartbeat period is the firmware's business; wait up to 10 s.
	while [ $i -lt 100 ] && [ "${hb2:-x}" = "${hb1:-x}" ]; do
		sleep 0.1
		hb2=$(rp_heartbeat)
		i=$((i + 1))
	done
	if [ -n "$hb1" ] && [ -n "$hb2" ] && [ "$hb2" -gt "$hb1" ]; then
		ok "$T: heartbeat moves$1"
		info "heartbeat $hb1 -> $hb2"
	else
		not_ok "$T: heartbeat moves$1" "read '$hb1' then '$hb2'"
		rp_trace | tail -n 5 | show
	fi
}

trace_check ""
info "trace0 while running:"
rp_trace | head -n 5 | show

n=1
while [ $n -le $CYCLES ]; do
	expect_write "$T: cycle $n stop" state stop OK
	check "$T: cycle $n offline" "state is '$(rp_state)'" \
		rp_wait_state offline
	expect_write "$T: cycle $n start" state start OK
	check "$T: cycle $n running" "state is '$(rp_state)'" \
		rp_wait_state running
	n=$((n + 1))
done
trace_check " after $CYCLES cycles"

finish
