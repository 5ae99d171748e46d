# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the remoteproc sections of the conformance suite (10-19),
# sourced after lib.sh.  Not a section itself: the harness only runs
# NN-*.sh.
#
# Getting the remote into a state is the same on both stacks, although
# their power references differ: on Linux 6.1 "start" on a running or
# crashed remote succeeds and takes one more reference, so a remote may
# need several "stop"s before it is offline.  So every setup stops the
# remote as often as it takes, then builds the state up again from
# offline; what a setup does is never part of the transcript.
#
# The baseline every section starts from and returns to: the default
# firmware running, recovery enabled, coredump disabled, the
# shutdown-on-release flag of /dev/remoteprocN cleared, every rpmsg
# channel of the default firmware announced.

R_SYS=$(rp_sysfs) || { echo "rproc-lib: no remote" >&2; exit 1; }
R_DBG=$(rp_debugfs)
R_NODE=/dev/${R_SYS##*/}

# r_put <file> <bytes>: one write, result not recorded (setup only).
r_put() {
	conf-io write "$1" "$2" >/dev/null
}

r_state() {
	cat "$R_SYS/state" 2>/dev/null
}

# r_offline: stop as often as it takes.
r_offline() {
	_i=0
	while [ "$_i" -lt 6 ]; do
		case $(r_state) in
		offline) return 0 ;;
		running|crashed|attached) r_put "$R_SYS/state" stop ;;
		*) sleep 0.2 ;;
		esac
		_i=$((_i + 1))
	done
	rp_wait_state offline 5 && return 0
	echo "rproc-lib: cannot stop the remote (state $(r_state))" >&2
	return 1
}

# r_settings: the baseline settings (valid in any state but crashed).
r_settings() {
	r_put "$R_SYS/recovery" enabled
	r_put "$R_SYS/coredump" disabled
	conf-rproc hold setup "$R_NODE" 0 - >/dev/null
}

# r_running [firmware]: offline, then booted with that firmware (default:
# the default firmware), settings at the baseline.
r_running() {
	r_offline || return 1
	r_settings
	[ "$(cat "$R_SYS/firmware")" = "${1:-$RP_FW_DEFAULT}" ] ||
		r_put "$R_SYS/firmware" "${1:-$RP_FW_DEFAULT}"
	r_put "$R_SYS/state" start
	rp_wait_state running 10 && return 0
	echo "rproc-lib: cannot start the remote (state $(r_state))" >&2
	return 1
}

# r_stopped: offline with the default firmware, settings at the baseline.
r_stopped() {
	r_offline || return 1
	r_settings
	[ "$(cat "$R_SYS/firmware")" = "$RP_FW_DEFAULT" ] ||
		r_put "$R_SYS/firmware" "$RP_FW_DEFAULT"
	return 0
}

# r_crashed: running, then crashed with recovery disabled (through
# debugfs, as a developer would), so that it stays crashed.  Our stack
# counts crashes right after a start as a crash loop: wait a little.
r_crashed() {
	r_running || return 1
	sleep 0.5
	r_put "$R_DBG/recovery" disabled
	r_put "$R_DBG/crash" 2
	rp_wait_state crashed 10 && return 0
	echo "rproc-lib: cannot crash the remote (state $(r_state))" >&2
	return 1
}

# r_setup <running|offline|crashed>
r_setup() {
	case $1 in
	running) r_running ;;
	offline) r_stopped ;;
	crashed) r_crashed ;;
	esac
}

# r_is_setup <state>: still as r_setup left it (state and recovery)?
r_is_setup() {
	[ "$(r_state)" = "$1" ] || return 1
	case $1 in
	crashed) [ "$(cat "$R_SYS/recovery")" = disabled ] ;;
	*) [ "$(cat "$R_SYS/recovery")" = enabled ] ;;
	esac
}

# r_settle <from>: wait for a crash reported by a write to be handled:
# the report is handled by a work item, the state changes a little later.
# Waits up to 1 s for a running remote to change state (0.3 s for an
# offline or crashed one, which stays so; 1 s when <from> is not a state
# name), then up to 10 s for a state other than crashed if recovery is
# enabled.  Only after writes that report crashes
# (R_ASYNC=1): every other write acts synchronously.
r_settle() {
	[ "${R_ASYNC:-0}" = 1 ] || return 0
	case $1 in
	running)
		_t=10
		while [ "$_t" -gt 0 ] && [ "$(r_state)" = "$1" ]; do
			sleep 0.1
			_t=$((_t - 1))
		done ;;
	offline|crashed)
		# Nothing is expected to change: give the work item its
		# chance to prove otherwise.
		sleep 0.3 ;;
	*)
		sleep 1 ;;
	esac
	if [ "$(cat "$R_SYS/recovery")" = enabled ]; then
		_t=100
		while [ "$_t" -gt 0 ] && [ "$(r_state)" = crashed ]; do
			sleep 0.1
			_t=$((_t - 1))
		done
	fi
}

# r_restore: back to the baseline at the end of a section.
r_restore() {
	r_running || return 1
	for _s in $RPMSG_SERVICES; do
		rpmsg_wait_channel "$_s" 10 ||
			echo "rproc-lib: no channel $_s after restore" >&2
	done
	return 0
}

# r_long <n> [char]: <n> times the character (default x).
r_long() {
	printf "%${1}s" "" | tr ' ' "${2:-x}"
}

# r_norm_major: the dynamic major number of /dev/remoteprocN, which two
# stacks need not get alike, as <major>.
r_norm_major() {
	sed -e 's/MAJOR=[0-9]*/MAJOR=<major>/' \
	    -e 's/^\([^ ]*\.dev\.value\) [0-9]*:/\1 <major>:/'
}

# r_norm_children: instance numbers in device names (rproc-virtio.N...).
r_norm_children() {
	sed -e 's/\.[0-9][0-9]*\([. ]\)/.N\1/g' -e 's/\.[0-9][0-9]*$/.N/'
}

# r_write_table <prefix> <file> <state> <table>: for each line
# "<case>|<bytes>" of <table>, set up <state> unless the remote is still
# in it, write <bytes> to <file> in one write(2) and emit the result as
# <prefix>.<case>, then the state afterwards as <prefix>.<case>.state
# (once a crash or recovery the write may have started has settled).
# <bytes> "@N" stands for N times "x".  The function named by
# $r_after_write, if any, is called with <prefix>.<case> after each.
r_write_table() {
	_pre=$1
	_file=$2
	_st=$3
	_dirty=1
	printf '%s\n' "$4" | while IFS='|' read -r _case _bytes; do
		[ -n "$_case" ] || continue
		if [ "$_dirty" = 1 ] || ! r_is_setup "$_st"; then
			r_setup "$_st" || { emit "$_pre.$_case" SETUP-FAILED; continue; }
		fi
		case $_bytes in
		@*) _bytes=$(r_long "${_bytes#@}") ;;
		esac
		_res=$(conf-io write "$_file" "$_bytes")
		emit "$_pre.$_case" "$_res"
		[ "$_res" = OK ] && r_settle "$_st"
		emit "$_pre.$_case.state" "$(r_state)"
		[ -n "${r_after_write:-}" ] && "$r_after_write" "$_pre.$_case"
		# A write that did something may have changed what cannot be
		# seen (6.1's power count): set up again from scratch, unless
		# the section says its writes cannot (R_DIRTY_ON_OK=0).
		case $_res in
		OK) _dirty=${R_DIRTY_ON_OK:-1} ;;
		*) _dirty=0 ;;
		esac
	done
}
