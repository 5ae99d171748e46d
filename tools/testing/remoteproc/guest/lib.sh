# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the guest test scripts (busybox sh).  Each check prints one line
#
#   TEST: ok <name>
#   TEST: not ok <name>: <reason>
#   TEST: skip <name>: <reason>
#
# A skip is for a check whose prerequisite is not there yet (a module or a
# program that is not built); the host counts skips apart and never fails
# on them.
# to stdout (the console) and to the results channel ($RPT_RESULTS, ttyS1),
# which is what the host counts.  Names are unique within a run: prefix them
# with the script's topic.
#
# Kernel messages are matched loosely on purpose: the exact wording belongs to
# the kernel core.  Places to tighten once the messages settle are marked
# "TIGHTEN:".

RPT_RESULTS=${RPT_RESULTS:-/dev/null}
RPT_FLAVOUR=${RPT_FLAVOUR:-unknown}
RPT_FAILED=0

RP_NAME=ivshmem-rproc
RP_FW_DEFAULT=rproc-emu-fw.elf
FW_DIR=/lib/firmware

# Timeouts in seconds; the debug kernel (KASAN, lockdep, kmemleak under TCG)
# is several times slower than the stock one.
if [ "$RPT_FLAVOUR" = debug ]; then
	TMO_STATE=60
else
	TMO_STATE=20
fi
# The emulator's watchdog defaults to 2 s; give the hang test ample margin.
TMO_WATCHDOG=$((TMO_STATE + 10))

_report() {
	echo "TEST: $*"
	echo "TEST: $*" >>"$RPT_RESULTS" 2>/dev/null
}

ok() {
	_report "ok $1"
}

# not_ok <name> <reason...>
not_ok() {
	_name=$1
	shift
	_report "not ok $_name: $*"
	RPT_FAILED=$((RPT_FAILED + 1))
}

# skip <name> <reason...>
skip() {
	_name=$1
	shift
	_report "skip $_name: $*"
}

# check <name> <reason if false> <command...>
check() {
	_name=$1
	_why=$2
	shift 2
	if "$@"; then
		ok "$_name"
	else
		not_ok "$_name" "$_why"
	fi
}

info() {
	echo "# $*"
}

# Indent a block of output so that it cannot be mistaken for a result.
show() {
	sed 's/^/#   /'
}

# ---- dmesg ---------------------------------------------------------------

# kmsg_mark <tag>: put a marker into the kernel log (at info level, so it
# stays off the console); kmsg_since <tag> prints what came after it.
kmsg_mark() {
	echo "<6>rpt: mark $1" >/dev/kmsg
}

# kmsg_since <tag> [raw]: the kernel log after the marker; with "raw",
# lines keep their "<level>" prefix.
kmsg_since() {
	if [ "${2:-}" = raw ]; then
		dmesg -r
	else
		dmesg
	fi | sed -n "/rpt: mark $1\$/,\$p" | sed 1d
}

# Error-level (or worse) lines since the marker, level prefix removed.
kmsg_errors_since() {
	kmsg_since "$1" raw | grep -E '^<[0-3]>' | sed 's/^<[0-9]*>//'
}

# ---- the remote processor ------------------------------------------------

# The sysfs directory of our remote, found by name (not assumed to be
# remoteproc0, although on this platform it is).
rp_sysfs() {
	for _d in /sys/class/remoteproc/*; do
		[ -r "$_d/name" ] || continue
		if [ "$(cat "$_d/name")" = "$RP_NAME" ]; then
			echo "$_d"
			return 0
		fi
	done
	return 1
}

rp_debugfs() {
	_s=$(rp_sysfs) || return 1
	echo "/sys/kernel/debug/remoteproc/${_s##*/}"
}

rp_state() {
	_s=$(rp_sysfs) || { echo "absent"; return 1; }
	cat "$_s/state"
}

rp_firmware() {
	cat "$(rp_sysfs)/firmware"
}

# rp_wait_state <state> [timeout]: poll; succeed once the state is reached.
rp_wait_state() {
	_want=$1
	_t=$(( ${2:-$TMO_STATE} * 10 ))
	while [ "$_t" -gt 0 ]; do
		[ "$(rp_state 2>/dev/null)" = "$_want" ] && return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# rp_write <attribute> <value>: write to a sysfs attribute of the remote,
# print OK or the errno name (EINVAL, EBUSY, ENOENT, ...).  Always succeeds.
rp_write() {
	_f="$(rp_sysfs)/$1"
	if _err=$( { echo "$2" >"$_f"; } 2>&1 ); then
		echo OK
		return 0
	fi
	case $_err in
	*"Invalid argument"*) echo EINVAL ;;
	*"resource busy"*) echo EBUSY ;;
	*"No such file"*) echo ENOENT ;;
	*"No such device"*) echo ENODEV ;;
	*"Permission denied"*) echo EACCES ;;
	*"Operation not permitted"*) echo EPERM ;;
	*"Cannot allocate memory"*) echo ENOMEM ;;
	*"Connection timed out"*|*"Timer expired"*) echo ETIMEDOUT ;;
	*"Input/output error"*) echo EIO ;;
	*) echo "ERR($_err)" ;;
	esac
}

# expect_write <name> <attribute> <value> <expected: OK|EINVAL|...>
expect_write() {
	_got=$(rp_write "$2" "$3")
	if [ "$_got" = "$4" ]; then
		ok "$1"
	else
		not_ok "$1" "writing '$3' to $2 gave $_got, expected $4"
	fi
}

# Bring the remote to "offline" whatever it is doing.
rp_offline() {
	case $(rp_state) in
	offline) return 0 ;;
	running|crashed|attached)
		rp_write state stop >/dev/null ;;
	esac
	rp_wait_state offline
}

# Offline, then the default firmware booted and running.
rp_boot_default() {
	rp_offline || return 1
	[ "$(rp_firmware)" = "$RP_FW_DEFAULT" ] ||
		[ "$(rp_write firmware "$RP_FW_DEFAULT")" = OK ] || return 1
	[ "$(rp_write state start)" = OK ] || return 1
	rp_wait_state running
}

# ---- the trace buffer ----------------------------------------------------

rp_trace() {
	cat "$(rp_debugfs)/trace0" 2>/dev/null | tr -d '\000'
}

# The heartbeat count in the trace buffer, or nothing.  The firmware keeps
# one line "heartbeat <N>" and rewrites it in place every 100 ms.
rp_heartbeat() {
	rp_trace | sed -n 's/^heartbeat \([0-9][0-9]*\)$/\1/p' | tail -n1
}

# rp_wait_trace <regex> [timeout]: wait until the trace buffer matches.
rp_wait_trace() {
	_t=$(( ${2:-$TMO_STATE} * 10 ))
	while [ "$_t" -gt 0 ]; do
		rp_trace | grep -qE "$1" && return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# ---- script structure ----------------------------------------------------

# Each test script ends with `finish`: its exit status says whether any of
# its checks failed (the runner adds a result line if a script dies early).
finish() {
	[ "$RPT_FAILED" -eq 0 ]
	exit $?
}

# Every script needs the remote to exist at all.
require_remote() {
	if ! rp_sysfs >/dev/null; then
		not_ok "$1: remote present" "no $RP_NAME in /sys/class/remoteproc"
		finish
	fi
}

# ---- rpmsg ---------------------------------------------------------------

# Static helpers (rpmsg-tool, the rpmsg test program) live here.
RPT_BIN=/usr/share/rpt/bin
PATH=$RPT_BIN:$PATH
MODDIR=/lib/modules/rpt

# The services the default firmware announces.
RPMSG_SERVICES="rpmsg-client-sample rpmsg-raw rpmsg-tty rpmsg-test-ctrl"
# How long a channel may take to appear or go away.
TMO_RPMSG=$TMO_STATE

# have_feature <name>: mkinitramfs.sh lists in /etc/rpt-features what this
# initramfs can exercise (rpmsg, rpmsg-char, rproc-virtio, fw-rpmsg,
# fw-test-ctrl, sample, sample-61, tty-61, kuser).
have_feature() {
	grep -qx "$1" /etc/rpt-features 2>/dev/null
}

# require_features <test> <feature>...: skip the whole script (one "skip"
# result) unless every feature is there.
require_features() {
	_t=$1
	shift
	_missing=
	for _f; do
		have_feature "$_f" || _missing="$_missing $_f"
	done
	[ -z "$_missing" ] && return 0
	skip "$_t" "not in this build yet:$_missing"
	finish
}

# rpmsg_channel <name>: the sysfs directory of the first channel of that
# name on the rpmsg bus.
rpmsg_channel() {
	for _d in /sys/bus/rpmsg/devices/*; do
		[ -r "$_d/name" ] || continue
		if [ "$(cat "$_d/name")" = "$1" ]; then
			echo "$_d"
			return 0
		fi
	done
	return 1
}

# rpmsg_wait_channel <name> [timeout]; rpmsg_wait_no_channel likewise.
rpmsg_wait_channel() {
	_t=$(( ${2:-$TMO_RPMSG} * 10 ))
	while [ "$_t" -gt 0 ]; do
		rpmsg_channel "$1" >/dev/null && return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

rpmsg_wait_no_channel() {
	_t=$(( ${2:-$TMO_RPMSG} * 10 ))
	while [ "$_t" -gt 0 ]; do
		rpmsg_channel "$1" >/dev/null || return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# rpmsg_dst <name>: the remote address of a channel, e.g. 0x400.
rpmsg_dst() {
	_c=$(rpmsg_channel "$1") || return 1
	cat "$_c/dst"
}

# rpmsg_node <name>: the /dev/rpmsgN whose endpoint is named <name>.
rpmsg_node() {
	for _d in /sys/class/rpmsg/rpmsg[0-9]*; do
		[ -r "$_d/name" ] || continue
		if [ "$(cat "$_d/name")" = "$1" ]; then
			echo "/dev/${_d##*/}"
			return 0
		fi
	done
	return 1
}

rpmsg_wait_node() {
	_t=$(( ${2:-$TMO_RPMSG} * 10 ))
	while [ "$_t" -gt 0 ]; do
		_n=$(rpmsg_node "$1") && [ -c "$_n" ] && { echo "$_n"; return 0; }
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# The first control node.
rpmsg_ctrl_node() {
	for _n in /dev/rpmsg_ctrl*; do
		[ -c "$_n" ] && { echo "$_n"; return 0; }
	done
	return 1
}

# rpmsg_ctrl_cmd <text> [timeout-ms]: one command to the firmware's
# rpmsg-test-ctrl service through a new endpoint; prints the reply.
rpmsg_ctrl_cmd() {
	_ctl=$(rpmsg_ctrl_node) || { echo "no /dev/rpmsg_ctrl*"; return 1; }
	_dst=$(rpmsg_dst rpmsg-test-ctrl) || { echo "no rpmsg-test-ctrl"; return 1; }
	rpmsg-tool cmd "$_ctl" rpmsg-test-ctrl "$_dst" "$1" "${2:-10000}" 2>&1
}

# rpmsg_wait_kmsg <tag> <regex> [timeout]: wait for a kernel log line after
# the marker.
rpmsg_wait_kmsg() {
	_t=$(( ${3:-$TMO_RPMSG} * 10 ))
	while [ "$_t" -gt 0 ]; do
		kmsg_since "$1" | grep -qE "$2" && return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}
