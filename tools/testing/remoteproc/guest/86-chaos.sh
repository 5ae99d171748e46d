#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A hostile remote.
#
# Part 1, rproc-emu-chaos.elf (tools/remoteproc/firmware/chaos.c): the
# default firmware's services, and an engine that corrupts, at random from
# a seed, what the remote writes: message headers, used lengths and ids,
# used and avail indices, descriptors, name-service messages, the vdev
# status byte and config space, the resource table, kick storms and
# silences, crashes and hangs.  Rounds of CHAOS_EVENTS corruptions run for
# CHAOS_SECS, each with its own seed, while traffic runs through /dev/rpmsgN
# (the rpmsg-raw node and an endpoint made on /dev/rpmsg_ctrlN) and the
# remote's debugfs files are read.  Each round checks that
#   - the firmware was armed and made corruptions (its trace lists them);
#   - every corruption Linux can tell from a valid message, made before the
#     first "hard" one (one that may stop Linux's processing for good),
#     was counted: virtio-rpmsg debugfs stats rx_short, rx_oversize,
#     rx_bad_len, rx_unknown_dst, and the name service's counters (each
#     message to address 53 counts once, as rejected, created or
#     destroyed).  Corruptions Linux cannot tell (a source address, flags,
#     a payload, the table, kicks) are not checked, only survived;
#   - a used id out of range on the ring towards Linux, as the first hard
#     corruption, gives a "vring broken" line;
#   - the remote is brought back within TMO_STATE, in turns by a crash
#     report (debugfs crash, recovery) and by stop + start, and echoes again.
#
# Part 2 (last: it may wedge the remote), virtio devices other than rpmsg,
# never served by the firmware: rproc-emu-vdev-{blk,console,net}.elf
# declare one instead of the rpmsg vdev, rproc-emu-vdev-*-rpmsg.elf next
# to (before) it.  Whether Linux
# refuses such a firmware or runs it, `start` must return within
# TMO_STATE, with a clear kernel line about the device, and stop, crash
# recovery and unloading the subsystem must not hang.  On the stock kernel,
# the stock virtio-blk/console/net drivers are loaded first (the debug
# kernel has them built in), so that a driver does probe the device.
#
# The harness fails the run on any kernel splat (scan-log.sh).  Every
# failure names its seed; a round replays with
#   rpt.chaos_seed=<seed> rpt.chaos_rounds=1 (and the same rate and events).
# The firmware's own account of a round (its trace) is printed on failure;
# the emulator's log (emu.log) has every corruption too.
#
# Knobs, on the kernel command line (vm.sh --append) or in the environment:
#   rpt.chaos_secs=<s>      CHAOS_SECS: how long the rounds go on (default
#                           60; make soak: hours).  A long run needs a
#                           longer script timeout: rpt.timeout=<s> (run-tests)
#                           and vm.sh --timeout
#   rpt.chaos_seed=<n>      CHAOS_SEED: seed of the first round (default
#                           1000; "random": from the clock); round i uses
#                           seed + i
#   rpt.chaos_rounds=<n>    CHAOS_ROUNDS: at most n rounds (default: no limit)
#   rpt.chaos_rate=<n>      CHAOS_RATE: chance of a corruption per
#                           opportunity, per mille (default 30)
#   rpt.chaos_events=<n>    CHAOS_EVENTS: corruptions per round (default 40)
#   rpt.chaos_skip=<k,...>  CHAOS_SKIP: kinds of corruption to leave out,
#                           e.g. ns-destroy-wild,ns-destroy-linux,status-hold
#                           while their kernel fixes are pending (default
#                           none: every kind is on)
#   rpt.chaos_with=<k,...>  CHAOS_WITH: kinds off by default to add
#                           (desc-next: Linux 6.1's virtio_ring follows a
#                           NEXT flag the device writes)
#   rpt.chaos_only=<k,...>  CHAOS_ONLY: those kinds only (to replay one)
#   rpt.chaos_vdevs=0       CHAOS_VDEVS: skip part 2
#
# rpt-timeout: 300
. "$(dirname "$0")/lib.sh"
T=chaos
CHAOS_FW=rproc-emu-chaos.elf

# chaos_param <name> <default>: rpt.<name>=<v> from the kernel command line,
# else $CHAOS_<NAME> from the environment, else the default.
chaos_param() {
	_v=
	for _tok in $(cat /proc/cmdline); do
		case $_tok in "rpt.$1="*) _v=${_tok#*=} ;; esac
	done
	if [ -z "$_v" ]; then
		eval "_v=\${$(echo "$1" | tr 'a-z' 'A-Z'):-}"
	fi
	echo "${_v:-$2}"
}

CHAOS_SECS=$(chaos_param chaos_secs 60)
CHAOS_SEED=$(chaos_param chaos_seed 1000)
CHAOS_ROUNDS=$(chaos_param chaos_rounds 0)
CHAOS_RATE=$(chaos_param chaos_rate 30)
CHAOS_EVENTS=$(chaos_param chaos_events 40)
CHAOS_SKIP=$(chaos_param chaos_skip "")
CHAOS_WITH=$(chaos_param chaos_with "")
CHAOS_ONLY=$(chaos_param chaos_only "")
CHAOS_VDEVS=$(chaos_param chaos_vdevs 1)
[ "$CHAOS_SEED" = random ] && CHAOS_SEED=$(( $(date +%s) % 1000000 ))
if [ "$RPT_FLAVOUR" = debug ]; then
	ROUND_SECS=16
else
	ROUND_SECS=8
fi

require_remote $T
require_features $T rpmsg rproc-virtio rpmsg-char fw-rpmsg fw-test-ctrl

DBG=$(rp_debugfs)
MODDIR=/lib/modules/rpt

# bounded <secs> <command...>: run it, wait at most <secs>; its status, or
# 124 when it is still running then (it is left behind: it may be stuck in
# the kernel, where no signal reaches it).
bounded() {
	_bs=$1
	shift
	"$@" &
	_bp=$!
	_bt=$((_bs * 10))
	while kill -0 $_bp 2>/dev/null; do
		if [ $_bt -le 0 ]; then
			return 124
		fi
		sleep 0.1
		_bt=$((_bt - 1))
	done
	wait $_bp
}

# wait_pids <secs> <pid>...: wait for those children, at most <secs>; 124
# when one is still running then.
wait_pids() {
	_wt=$(($1 * 10))
	shift
	for _wp; do
		while kill -0 "$_wp" 2>/dev/null; do
			[ $_wt -le 0 ] && return 124
			sleep 0.1
			_wt=$((_wt - 1))
		done
		wait "$_wp"
	done
	return 0
}

tw_bg() {
	rp_write "$1" "$2" >/tmp/chaos.tw
}

# timed_write <attribute> <value>: rp_write within TMO_STATE; prints the
# result (OK, EINVAL, ...) or HUNG.
timed_write() {
	rm -f /tmp/chaos.tw
	bounded "$TMO_STATE" tw_bg "$1" "$2"
	if [ $? = 124 ]; then
		echo HUNG
	else
		cat /tmp/chaos.tw 2>/dev/null || echo ERR
	fi
}

crash_bg() {
	echo fatal-error >"$DBG/crash"
}

# A warning (or worse) from the kernel since the marker that names a vdev or
# a virtio device.  TIGHTEN: once the refusal's wording settles.
vdev_line() {
	kmsg_since "$1" raw | grep -E '^<[0-4]>' | sed 's/^<[0-9]*>//' |
		grep -iE 'vdev|virtio' | head -n 3
}

# The subsystem's modules, unloaded in reverse order and loaded again; the
# virtio core (virtio, virtio_ring) stays: the stock virtio drivers use it.
subsystem_modules() {
	sed '1!G;h;$!d' "$MODDIR/load-order" | grep -vxE 'virtio|virtio_ring'
}

unload_subsystem() {
	for _m in $(subsystem_modules); do
		grep -q "^$_m " /proc/modules || continue
		if ! _out=$(rmmod "$_m" 2>&1); then
			echo "rmmod $_m: $_out"
			return 1
		fi
	done
}

unload_bg() {
	unload_subsystem >/tmp/chaos.unload 2>&1
}

load_subsystem() {
	while read -r _m; do
		[ -n "$_m" ] || continue
		grep -q "^$_m " /proc/modules && continue
		if ! _out=$(insmod "$MODDIR/$_m.ko" 2>&1); then
			echo "insmod $_m: $_out"
			return 1
		fi
	done <"$MODDIR/load-order"
}

# ---- part 1: chaos -------------------------------------------------------

# The transport's counters: rx_short rx_oversize rx_bad_len rx_unknown_dst
# and the name service's total, "-" for what cannot be read.
stat_of() {
	_f=$(ls /sys/kernel/debug/virtio-rpmsg/*/stats 2>/dev/null | head -n 1)
	sed -n "s/^$1: //p" "$_f" 2>/dev/null | head -n 1
}

ns_total() {
	for _d in /sys/bus/rpmsg/devices/*/ns /sys/bus/rpmsg/devices/*; do
		[ -r "$_d/rejected" ] || continue
		echo $(( $(cat "$_d/rejected") + $(cat "$_d/created") +
			 $(cat "$_d/destroyed") ))
		return
	done
	echo -
}

counters() {
	for _c in rx_short rx_oversize rx_bad_len rx_unknown_dst; do
		_v=$(stat_of $_c)
		printf '%s ' "${_v:--}"
	done
	ns_total
}

# The firmware's status line (see chaos.c) of the round with seed $1, from
# the trace or, once the remote restarted, from the last copy of it.
status_line() {
	_tr=$(rp_trace)
	case $_tr in
	*"chaos: armed seed=$1 "*) printf '%s\n' "$_tr" ;;
	*) cat "/tmp/chaos-trace.$1" 2>/dev/null ;;
	esac | grep '^chaos: seed=' | head -n 1
}

status_field() {
	echo "$1" | sed -n "s/.* $2=\([0-9]*\).*/\1/p;s/^chaos: $2=\([0-9]*\).*/\1/p" |
		head -n 1
}

# Kinds of the corruptions of a round, from the trace copy.
trace_events() {
	grep -E '^chaos( [0-9]+)?:' "/tmp/chaos-trace.$1" 2>/dev/null
}

# Readers of the remote's debugfs files and of the trace, until the file
# /tmp/chaos.stop appears; the last trace read is kept for the round.
readers() {
	while [ ! -e /tmp/chaos.stop ]; do
		cat "$DBG/resource_table" "$DBG/carveout_memories" \
			/sys/kernel/debug/virtio-rpmsg/*/stats >/dev/null 2>&1
		cat "$(rp_sysfs)/state" >/dev/null 2>&1
		_t=$(rp_trace)
		case $_t in
		*"chaos: armed seed=$1 "*)
			printf '%s\n' "$_t" >"/tmp/chaos-trace.$1.new" &&
				mv "/tmp/chaos-trace.$1.new" "/tmp/chaos-trace.$1" ;;
		esac
		sleep 0.1
	done
}

# Channels up, the rpmsg-raw node there and echoing.
services_up() {
	for _s in $RPMSG_SERVICES; do
		rpmsg_wait_channel "$_s" || return 1
	done
	_n=$(rpmsg_wait_node rpmsg-raw) || return 1
	rpmsg-tool echo "$_n" 1 >/dev/null 2>&1
}

boot_chaos() {
	rp_offline || return 1
	[ "$(rp_write firmware $CHAOS_FW)" = OK ] || return 1
	[ "$(rp_write state start)" = OK ] || return 1
	rp_wait_state running && services_up
}

# fail_round <seed> <check> <reason>: a failed check, with how to replay it.
fail_round() {
	not_ok "$T: seed $1: $2" "$3 [seed $1: replay with rpt.chaos_seed=$1 rpt.chaos_rounds=1 rpt.chaos_rate=$CHAOS_RATE rpt.chaos_events=$CHAOS_EVENTS${CHAOS_SKIP:+ rpt.chaos_skip=$CHAOS_SKIP}${CHAOS_WITH:+ rpt.chaos_with=$CHAOS_WITH}${CHAOS_ONLY:+ rpt.chaos_only=$CHAOS_ONLY}]"
	ROUND_FAILED=1
}

# bring_back <seed> <how: crash|restart>: the remote running the chaos
# firmware afresh, its services echoing.
bring_back() {
	bb_seed=$1
	kmsg_mark "$T-back-$bb_seed"
	case $2 in
	crash)
		if ! bounded "$TMO_STATE" crash_bg; then
			fail_round "$bb_seed" "crash report returns" "debugfs crash blocked for ${TMO_STATE}s"
			return 1
		fi
		if ! rpmsg_wait_kmsg "$T-back-$bb_seed" "remote processor .* recovered" "$TMO_STATE"; then
			fail_round "$bb_seed" "recovered" "no 'recovered' line within ${TMO_STATE}s, state $(rp_state): $(kmsg_since "$T-back-$bb_seed" | tail -n 5)"
			return 1
		fi ;;
	restart)
		_r=$(timed_write state stop)
		if [ "$_r" != OK ]; then
			fail_round "$bb_seed" "stop" "stop gave $_r, state $(rp_state)"
			[ "$_r" = HUNG ] && return 1
		fi
		rp_wait_state offline 5
		_r=$(timed_write state start)
		if [ "$_r" != OK ]; then
			fail_round "$bb_seed" "start" "start gave $_r, state $(rp_state)"
			return 1
		fi ;;
	esac
	if ! rp_wait_state running || ! services_up; then
		fail_round "$bb_seed" "echo after $2" "state $(rp_state); channels: $(cat /sys/bus/rpmsg/devices/*/name 2>/dev/null | tr '\n' ' ')"
		return 1
	fi
	ok "$T: seed $bb_seed: back by $2, echoes"
}

# short_of <before> <now> <wanted>: the counters (5 each, see counters())
# that grew by less than wanted, as "wanted>grown"; "-" is skipped.
short_of() {
	_short=
	_i=1
	for _w in $3; do
		_b=$(echo "$1" | cut -d' ' -f$_i)
		_n=$(echo "$2" | cut -d' ' -f$_i)
		_i=$((_i + 1))
		[ "$_b" = - ] || [ "$_n" = - ] && continue
		[ $((_n - _b)) -ge "$_w" ] || _short="$_short $_w>$((_n - _b))"
	done
	echo "$_short"
}

# round <seed> <how to bring it back: crash|restart>
round() {
	s=$1
	how=$2
	ROUND_FAILED=0
	rm -f /tmp/chaos.stop "/tmp/chaos-trace.$s" /tmp/chaos.traffic.*
	raw=$(rpmsg_node rpmsg-raw)
	ctl=$(rpmsg_ctrl_node)
	tty=$(rpmsg_dst rpmsg-tty)
	before=$(counters)
	info "$T: round $rounds: seed $s rate $CHAOS_RATE events $CHAOS_EVENTS, counters before: $before"
	kmsg_mark "$T-$s"
	readers "$s" &
	rpid=$!
	rpmsg-tool traffic $ROUND_SECS rpmsg-raw >/tmp/chaos.traffic.raw 2>&1 &
	t1=$!
	rpmsg-tool traffic $ROUND_SECS chaos-ept "$ctl" "$tty" >/tmp/chaos.traffic.ept 2>&1 &
	t2=$!
	opts=
	[ -n "$CHAOS_SKIP" ] && opts="$opts skip=$CHAOS_SKIP"
	[ -n "$CHAOS_WITH" ] && opts="$opts with=$CHAOS_WITH"
	[ -n "$CHAOS_ONLY" ] && opts="$opts only=$CHAOS_ONLY"
	reply=$(rpmsg_ctrl_cmd "chaos $s $CHAOS_RATE $CHAOS_EVENTS$opts")
	case $reply in
	"ok chaos seed=$s "*) ok "$T: seed $s: armed" ;;
	*) fail_round "$s" "armed" "reply '$reply'" ;;
	esac
	# Until the corruptions are made, the remote is gone, or time is up.
	end=$(( $(date +%s) + ROUND_SECS ))
	while [ "$(date +%s)" -lt "$end" ]; do
		st=$(status_line "$s")
		case $st in *" off") break ;; esac
		[ "$(rp_state)" = running ] || break
		sleep 0.5
	done
	# Traffic ends by itself after ROUND_SECS; a client stuck in the kernel
	# for long after that is a hang.
	if ! wait_pids $((ROUND_SECS + TMO_STATE)) $t1 $t2; then
		fail_round "$s" "clients return" "rpmsg-tool traffic still blocked $((ROUND_SECS + TMO_STATE))s after it started"
	fi
	cat /tmp/chaos.traffic.* 2>/dev/null | sed "s/^/$T: seed $s: /" | show
	st=$(status_line "$s")
	touch /tmp/chaos.stop
	wait $rpid
	info "$T: seed $s: ${st:-no status line}"
	ndone=$(status_field "$st" done)
	hard=$(status_field "$st" hard)
	first=$(status_field "$st" first-hard)
	crashed=0
	kmsg_since "$T-$s" | grep -qE 'crash detected|watchdog|recover' && crashed=1
	[ "$(rp_state)" = running ] || crashed=1
	if [ -n "$ndone" ] && [ "$ndone" -gt 0 ]; then
		ok "$T: seed $s: $ndone corruptions made, $hard hard"
	elif [ -z "$st" ] && [ "$crashed" = 1 ]; then
		# A crash (or hang) among the first corruptions: the restarted
		# firmware's trace replaced the round's before a reader got it.
		ok "$T: seed $s: corruptions made (the remote crashed at once; see emu.log)"
	else
		fail_round "$s" "corruptions made" "status: '${st:-none}'"
	fi
	trace_events "$s" | grep -E '\(hard\)' | head -n 3 | show
	# What Linux must have counted.
	if [ -n "$ndone" ] && [ "$crashed" = 0 ]; then
		want="$(status_field "$st" rx_short) $(status_field "$st" rx_oversize) $(status_field "$st" rx_bad_len) $(status_field "$st" rx_unknown_dst) $(status_field "$st" ns)"
		_t=$((TMO_RPMSG * 10))
		while :; do
			now=$(counters)
			short=$(short_of "$before" "$now" "$want")
			[ -z "$short" ] || [ $_t -le 0 ] && break
			sleep 0.1
			_t=$((_t - 1))
		done
		info "$T: seed $s: expected (before the first hard one) $want; counters now $now"
		if [ -n "$short" ]; then
			fail_round "$s" "corruptions counted" "rx_short rx_oversize rx_bad_len rx_unknown_dst ns: expected $want more than before ($before), now $now"
		else
			ok "$T: seed $s: corruptions counted"
		fi
	else
		info "$T: seed $s: the remote crashed or hung: counters not compared"
	fi
	# The first hard corruption a used id out of range towards Linux.
	if [ -n "$first" ] && [ "$first" -gt 0 ] &&
	   trace_events "$s" | grep -qE "^chaos $first: used-id-range vring0 "; then
		if rpmsg_wait_kmsg "$T-$s" "vring broken|out of range" "$TMO_STATE"; then
			ok "$T: seed $s: broken rx vring reported"
		else
			fail_round "$s" "broken rx vring reported" "no line within ${TMO_STATE}s"
		fi
	fi
	bring_back "$s" "$how"
	if [ "$ROUND_FAILED" = 1 ]; then
		info "$T: seed $s: the firmware's trace of the round:"
		trace_events "$s" | tail -n 40 | show
		info "$T: seed $s: kernel warnings and errors of the round:"
		kmsg_errors_since "$T-$s" | tail -n 20 | show
	fi
	return $ROUND_FAILED
}

# Rounds for CHAOS_SECS (or CHAOS_ROUNDS), then the default firmware again.
chaos_rounds() {
	if ! boot_chaos; then
		not_ok "$T: chaos firmware boots" "state $(rp_state); channels: $(cat /sys/bus/rpmsg/devices/*/name 2>/dev/null | tr '\n' ' ')"
		return
	fi
	ok "$T: chaos firmware boots, echoes"
	info "$T: seeds from $CHAOS_SEED, $CHAOS_SECS s, rate $CHAOS_RATE, events $CHAOS_EVENTS, skip '${CHAOS_SKIP}', with '${CHAOS_WITH}', only '${CHAOS_ONLY}'"
	t0=$(date +%s)
	rounds=0
	bad=0
	while [ $(( $(date +%s) - t0 )) -lt "$CHAOS_SECS" ] || [ "$rounds" -eq 0 ]; do
		[ "$CHAOS_ROUNDS" -gt 0 ] && [ "$rounds" -ge "$CHAOS_ROUNDS" ] && break
		how=crash
		[ $((rounds % 2)) = 1 ] && how=restart
		round $((CHAOS_SEED + rounds)) $how || bad=$((bad + 1))
		rounds=$((rounds + 1))
		# A remote that could not be brought back: start over from offline.
		if [ "$(rp_state)" != running ] || ! rpmsg_channel rpmsg-test-ctrl >/dev/null; then
			boot_chaos || { not_ok "$T: chaos firmware boots again" "state $(rp_state)"; break; }
		fi
	done
	info "$T: $rounds rounds in $(( $(date +%s) - t0 )) s, $bad with a failure (seeds $CHAOS_SEED..$((CHAOS_SEED + rounds - 1)))"

	kmsg_mark "$T-end"
	r=$(timed_write state stop)
	check "$T: final stop returns" "stop gave $r" [ "$r" != HUNG ]
	if rp_boot_default && services_up; then
		ok "$T: default firmware back, echoes"
	else
		not_ok "$T: default firmware back, echoes" "state $(rp_state)"
	fi
}

if [ -e "$FW_DIR/$CHAOS_FW" ]; then
	chaos_rounds
else
	skip "$T: chaos" "$CHAOS_FW not built"
fi

# ---- part 2: virtio devices other than rpmsg (last: may wedge the remote) --

VD_LOADED=
if have_feature virtio-drivers; then
	while read -r m; do
		[ -n "$m" ] || continue
		insmod "/lib/modules/virtio-drivers/$m.ko" 2>/dev/null &&
			VD_LOADED="$m $VD_LOADED"
	done </lib/modules/virtio-drivers/load-order
	info "$T: stock virtio drivers loaded: ${VD_LOADED:-none}"
fi

# vdev_case <image>: start, then crash recovery and stop when it runs.
WEDGED=0
vdev_case() {
	img=$1
	n=${img%.elf}
	tag=$T-$n
	if [ ! -e "$FW_DIR/$img" ]; then
		skip "$T: $n" "$img not built"
		return
	fi
	rp_offline || not_ok "$T: $n: setup" "cannot stop the remote"
	expect_write "$T: $n: firmware accepted" firmware "$img" OK
	kmsg_mark "$tag"
	r=$(timed_write state start)
	if [ "$r" = HUNG ]; then
		not_ok "$T: $n: start returns" "echo start > state still blocked after ${TMO_STATE}s: $(kmsg_since "$tag" | tail -n 5)"
		WEDGED=1
		return
	fi
	ok "$T: $n: start returns ($r)"
	sleep 1
	line=$(vdev_line "$tag")
	check "$T: $n: a kernel line names the device" \
		"no warning naming a vdev or virtio device: $(kmsg_since "$tag" | tail -n 5)" \
		[ -n "$line" ]
	echo "$line" | show
	st=$(rp_state)
	info "$T: $n: start gave $r, state $st"
	[ "$st" = running ] || return
	case $n in
	*-rpmsg)
		if rpmsg_wait_channel rpmsg-test-ctrl 5; then
			info "$T: $n: the rpmsg vdev next to it came up: $(rpmsg_ctrl_cmd counters 3000)"
		else
			info "$T: $n: the rpmsg vdev next to it did not come up"
		fi ;;
	esac
	kmsg_mark "$tag-crash"
	if ! bounded "$TMO_STATE" crash_bg; then
		not_ok "$T: $n: crash report returns" "debugfs crash blocked"
		WEDGED=1
		return
	fi
	if rpmsg_wait_kmsg "$tag-crash" "recovered|recovery .*fail|crashed" "$TMO_STATE"; then
		ok "$T: $n: crash report handled"
	else
		not_ok "$T: $n: crash report handled" \
			"no recovery within ${TMO_STATE}s: $(kmsg_since "$tag-crash" | tail -n 5)"
	fi
	r=$(timed_write state stop)
	check "$T: $n: stop returns" "stop gave $r" [ "$r" != HUNG ]
	[ "$r" = HUNG ] && WEDGED=1
	check "$T: $n: offline after stop" "state is '$(rp_state)'" \
		rp_wait_state offline 5
}

if [ "$CHAOS_VDEVS" != 0 ]; then
	for k in blk console net; do
		vdev_case "rproc-emu-vdev-$k.elf"
		[ "$WEDGED" = 1 ] && break
		vdev_case "rproc-emu-vdev-$k-rpmsg.elf"
		[ "$WEDGED" = 1 ] && break
	done
	if [ "$WEDGED" = 1 ]; then
		not_ok "$T: vdevs" "the remote is wedged: no unload"
		finish
	fi
	# Unloading with such a firmware started (refused or running).
	rp_offline
	rp_write firmware rproc-emu-vdev-blk-rpmsg.elf >/dev/null
	rp_write state start >/dev/null
	sleep 1
	info "$T: unloading with rproc-emu-vdev-blk-rpmsg.elf, state $(rp_state)"
	kmsg_mark "$T-unload"
	rm -f /tmp/chaos.unload
	bounded 60 unload_bg
	case $? in
	0) ok "$T: vdevs: subsystem unloads" ;;
	124) not_ok "$T: vdevs: subsystem unloads" "rmmod blocked for 60s"
	     finish ;;
	*) not_ok "$T: vdevs: subsystem unloads" "$(cat /tmp/chaos.unload)" ;;
	esac
	out=$(load_subsystem) || not_ok "$T: vdevs: subsystem reloads" "$out"
	rp_wait_state running
	for m in $VD_LOADED; do
		rmmod "$m" 2>/dev/null
	done
	if rp_boot_default && services_up; then
		ok "$T: vdevs: default firmware back, echoes"
	else
		not_ok "$T: vdevs: default firmware back, echoes" "state $(rp_state)"
	fi
fi

finish
