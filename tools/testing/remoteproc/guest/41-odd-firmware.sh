#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Valid firmware of hostile shape (odd-firmware.list, made by mkbadfw): each
# must boot, in bounded time and memory, and stop again.
#
# - odd-many-segments.elf: 65532 program headers, most of them one-byte
#   PT_LOADs side by side.  Loading must stay linear: it once took 44 s and
#   an RCU stall (a quadratic search of coredump segments, no rescheduling).
# - odd-big-trace.elf: a 32 MiB trace buffer.  debugfs trace0 once copied
#   the whole buffer at each open: a few concurrent opens ran the guest out
#   of memory.  Now 8 descriptors open at once cost next to nothing and each
#   still reads the firmware's text.
#
# rpt-timeout: 300
. "$(dirname "$0")/lib.sh"
T=odd-fw
LIST=$FW_DIR/odd-firmware.list

require_remote $T
if [ ! -r "$LIST" ]; then
	not_ok "$T: list" "$LIST is missing"
	finish
fi

# A start of the many-segments image may take this long (seconds); it once
# took 44 s on the stock kernel.
if [ "$RPT_FLAVOUR" = debug ]; then
	TMO_LOAD=60
else
	TMO_LOAD=15
fi

# boot_odd <file>: offline, then <file> started; prints the start's result.
boot_odd() {
	rp_offline || { echo "not offline"; return; }
	_r=$(rp_write firmware "$1")
	[ "$_r" = OK ] || { echo "firmware: $_r"; return; }
	rp_write state start
}

mem_avail_kib() {
	sed -n 's/^MemAvailable: *\([0-9]*\) kB$/\1/p' /proc/meminfo
}

# ---- many segments -------------------------------------------------------

fw=odd-many-segments.elf
kmsg_mark odd-many
t0=$(date +%s)
res=$(boot_odd $fw)
t1=$(date +%s)
check "$T: $fw starts" "start gave $res" [ "$res" = OK ]
check "$T: $fw starts within ${TMO_LOAD}s" "took $((t1 - t0)) s" \
	[ $((t1 - t0)) -le "$TMO_LOAD" ]
info "$fw: start took $((t1 - t0)) s"
check "$T: $fw runs" "state is $(rp_state)" rp_wait_state running
check "$T: $fw firmware booted" "no banner in trace0" \
	rp_wait_trace "booted, table ver"
t0=$(date +%s)
res=$(rp_write state stop)
t1=$(date +%s)
check "$T: $fw stops" "stop gave $res" [ "$res" = OK ]
info "$fw: stop took $((t1 - t0)) s"
check "$T: $fw offline" "state is $(rp_state)" rp_wait_state offline

# ---- a big trace buffer --------------------------------------------------

fw=odd-big-trace.elf
kmsg_mark odd-trace
res=$(boot_odd $fw)
check "$T: $fw starts" "start gave $res" [ "$res" = OK ]
if rp_wait_state running && rp_wait_trace "booted, table ver"; then
	tr=$(rp_debugfs)/trace0
	before=$(mem_avail_kib)
	# Eight descriptors open at once, each read a little.
	exec 3<"$tr" 4<"$tr" 5<"$tr" 6<"$tr" 7<"$tr" 8<"$tr" 9<"$tr"
	during=$(mem_avail_kib)
	first=$(head -n1 "$tr")
	lines=0
	for fd in 3 4 5 6 7 8 9; do
		l=$(eval "head -n1 <&$fd")
		[ "$l" = "$first" ] && lines=$((lines + 1))
	done
	exec 3<&- 4<&- 5<&- 6<&- 7<&- 8<&- 9<&-
	info "trace0 first line: $first"
	info "MemAvailable: $before kB before, $during kB with 8 opens"
	check "$T: $fw trace0 reads the banner" "first line '$first'" \
		sh -c "echo '$first' | grep -q 'booted, table ver'"
	check "$T: $fw 7 open descriptors read it too" "$lines of 7" \
		[ "$lines" -eq 7 ]
	check "$T: $fw opens cost under 8 MiB" \
		"MemAvailable fell by $((before - during)) kB" \
		[ $((before - during)) -lt 8192 ]
	# Whole reads of the 32 MiB buffer stop at the text's end.
	size=$(cat "$tr" | wc -c)
	check "$T: $fw trace0 is the text, not the buffer" "$size bytes" \
		[ "$size" -gt 0 -a "$size" -lt 65536 ]
else
	not_ok "$T: $fw runs" "state $(rp_state), trace: $(rp_trace | head -n2)"
fi
rp_offline
check "$T: $fw offline" "state is $(rp_state)" [ "$(rp_state)" = offline ]

# The default firmware still boots afterwards.
check "$T: default firmware boots after" "state $(rp_state)" rp_boot_default
rp_offline
finish
