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

# ---- races and long runs (stress, storm, crash cycles, make soak) ----------

# rpt_param <name> [default]: the last "rpt.<name>=<value>" on the kernel
# command line (how make soak passes durations), else the default.
rpt_param() {
	_v=$(tr ' ' '\n' </proc/cmdline | sed -n "s/^rpt\\.$1=//p" | tail -n 1)
	echo "${_v:-${2:-}}"
}

# rand <n>: a random number in 0..n-1.
rand() {
	echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 ))
}

# run_deadline <seconds> <command...>: run the command (a function too) in
# a subshell and wait for it at most <seconds>; then kill it and return 124
# (not waiting for it: stuck in the kernel, it may not die), else return
# its status.
run_deadline() {
	_dl=$(( $1 * 10 ))
	shift
	( "$@" ) &
	_rd_pid=$!
	while kill -0 $_rd_pid 2>/dev/null && [ $_dl -gt 0 ]; do
		sleep 0.1
		_dl=$((_dl - 1))
	done
	if kill -0 $_rd_pid 2>/dev/null; then
		kill $_rd_pid 2>/dev/null
		return 124
	fi
	wait $_rd_pid
}

# The platform driver, and the remote's PCI device (ivshmem, 1af4:1110),
# found whether it is bound or not: rp_pci_bdf prints e.g. 0000:00:04.0.
RP_PCI_DRV=/sys/bus/pci/drivers/ivshmem_rproc
rp_pci_bdf() {
	for _d in /sys/bus/pci/devices/*; do
		[ "$(cat "$_d/vendor" "$_d/device" 2>/dev/null | tr '\n' ' ')" = \
			"0x1af4 0x1110 " ] || continue
		echo "${_d##*/}"
		return 0
	done
	return 1
}

# rp_platform_back <bdf>: undo a PCI removal, a module unload and an unbind
# (rescan, insmod, bind), wait for the remote to register, enable recovery.
rp_platform_back() {
	[ -e "/sys/bus/pci/devices/$1" ] || echo 1 >/sys/bus/pci/rescan
	grep -q '^ivshmem_rproc ' /proc/modules || insmod "$MODDIR/ivshmem_rproc.ko"
	[ -e "$RP_PCI_DRV/$1" ] || echo "$1" >"$RP_PCI_DRV/bind" 2>/dev/null
	_t=$((TMO_STATE * 10))
	while [ $_t -gt 0 ] && ! rp_sysfs >/dev/null; do
		sleep 0.1
		_t=$((_t - 1))
	done
	rp_sysfs >/dev/null || return 1
	rp_write recovery enabled >/dev/null
}

# Dismiss every pending device coredump: an inline dump holds the crash
# handling until user space has read or dismissed it.
devcd_dismiss() {
	for _d in /sys/class/devcoredump/devcd*; do
		[ -e "$_d/data" ] && echo 1 >"$_d/data" 2>/dev/null
	done
	return 0
}

# rp_settle: the platform in its reference state, whatever ran before: the
# driver unbound and bound again (so that every id is allocated afresh: ids
# that leaked show up as different names), the default firmware running with
# recovery on and coredumps off, its channels there, rpmsg-raw echoing.
# Compare rpt_ids (and rpt_snapshot) after it, before and after a long run.
rp_settle() {
	devcd_dismiss
	_bdf=$(rp_pci_bdf) || return 1
	rp_platform_back "$_bdf" || return 1
	rp_write coredump disabled >/dev/null
	devcd_dismiss
	rp_offline || return 1
	echo "$_bdf" >"$RP_PCI_DRV/unbind" || return 1
	# DEBUG_KOBJECT_RELEASE delays releases (and so id frees) by up to 4 s.
	sleep "$([ "$RPT_FLAVOUR" = debug ] && echo 6 || echo 1)"
	rp_platform_back "$_bdf" || return 1
	rp_boot_default || return 1
	for _s in $RPMSG_SERVICES; do
		rpmsg_wait_channel "$_s" || return 1
	done
	_n=$(rpmsg_wait_node rpmsg-raw) && rpmsg-tool echo "$_n" 1 >/dev/null 2>&1
}

# rpt_ids: the subsystem's ids, one per line: the entries of the remoteproc
# and rpmsg classes, the rpmsg and virtio buses, and their /dev nodes.
rpt_ids() {
	for _d in /sys/class/remoteproc /sys/class/rpmsg /sys/bus/rpmsg/devices \
		  /sys/bus/virtio/devices; do
		ls -1 "$_d" 2>/dev/null | sed "s|^|$_d/|"
	done
	ls -1d /dev/remoteproc* /dev/rpmsg* /dev/ttyRPMSG* 2>/dev/null
	return 0
}

# rpt_ids_diff <before> <after>: compare two rpt_ids lists (files).  Names
# are compared by shape (digits as "#"): each shape must occur as often
# after as before, and its highest first number must not have grown (a
# leaked id pushes new objects to higher numbers; lower ones are fine, an
# earlier object's delayed release may have held one before).  Prints the
# differences; non-zero if any.
rpt_ids_diff() {
	awk 'FNR == 1 { f++ }
	{
		s = $0; gsub(/[0-9]+/, "#", s); shape[s] = 1
		n = -1
		if (match($0, /[0-9]+/)) n = substr($0, RSTART, RLENGTH) + 0
		cnt[f ":" s]++
		if (!((f ":" s) in mx) || n > mx[f ":" s]) mx[f ":" s] = n
	}
	END {
		bad = 0
		for (s in shape) {
			if (cnt["1:" s] != cnt["2:" s]) {
				printf "%s: %d before, %d after; ", s, cnt["1:" s], cnt["2:" s]
				bad = 1
			} else if (mx["2:" s] > mx["1:" s]) {
				printf "%s: highest id %d before, %d after; ", s, mx["1:" s], mx["2:" s]
				bad = 1
			}
		}
		exit bad
	}' "$1" "$2"
}

# rpt_ids_settled <before> <after>: rp_settle, write rpt_ids to <after> and
# compare it with <before> (rpt_ids_diff).  The releases that free ids come
# late on the debug kernel (DEBUG_KOBJECT_RELEASE delays each by up to 4 s,
# and a parent's waits for its children's): when ids are higher, settle
# once more after 30 s before calling it a leak.  Prints the differences.
rpt_ids_settled() {
	rp_settle || { echo "the platform does not settle"; return 1; }
	rpt_ids >"$2"
	rpt_ids_diff "$1" "$2" >/dev/null && return 0
	sleep 30
	rp_settle || { echo "the platform does not settle"; return 1; }
	rpt_ids >"$2"
	rpt_ids_diff "$1" "$2"
}

# rpt_snapshot: what a long run compares before and after, "<key> <value>"
# per line: meminfo's MemAvailable, Slab, SUnreclaim, VmallocUsed (kB), the
# descriptors open in all processes, the entries of sysfs, each id
# (rpt_ids), and the active objects of every slab cache,
# taken after dropping the page cache and shrinking the caches (which also
# empties KASAN's quarantine of their objects).
rpt_snapshot() {
	sync
	echo 3 >/proc/sys/vm/drop_caches 2>/dev/null
	for _c in /sys/kernel/slab/*/shrink; do
		echo 1 >"$_c" 2>/dev/null
	done
	awk '/^(MemAvailable|Slab|SUnreclaim|VmallocUsed):/ {
		sub(":", "", $1); print "mem." $1, $2 }' /proc/meminfo
	echo "files $(ls /proc/[0-9]*/fd 2>/dev/null | grep -c '^[0-9]')"
	echo "sysfs $(find /sys -xdev 2>/dev/null | wc -l)"
	rpt_ids | sed 's/^/id /'
	[ -r /proc/slabinfo ] &&
		awk 'NR > 2 { print "slab." $1, $2 }' /proc/slabinfo
	return 0
}
