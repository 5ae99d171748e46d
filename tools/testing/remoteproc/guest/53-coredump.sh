#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Coredumps: the "coredump" attribute (Linux 6.1 rules), then a crash with
# each setting, recovery disabled:
#   enabled   an ELF core file appears in devcoredump; rproc-core-check finds
#             the firmware's name, its marker string and its carveout pattern
#   disabled  no dump
#   inline    a dump appears, the crash handling waits until it is removed
# The crash comes from rproc-emu-dump.elf (faults ~200 ms after filling its
# carveout and writing its marker); without that image, from a simulated
# crash (debugfs "crash") of the default firmware, whose carveout holds the
# same pattern.
. "$(dirname "$0")/lib.sh"
T=coredump
DUMP_FW=rproc-emu-dump.elf
MARKER=RPROC-EMU-DUMP-MARKER:
EM_X86_64=62

require_remote $T
S=$(rp_sysfs)
DBG=$(rp_debugfs)

if [ ! -e "$S/coredump" ]; then
	not_ok "$T: attribute" "no $S/coredump"
	finish
fi

# ---- helpers -------------------------------------------------------------

# Our remote's devcoredump entry (devcoredump keeps one per device).
rp_devcd() {
	_me=$(readlink -f "$S")
	for _d in /sys/class/devcoredump/devcd*; do
		[ -e "$_d/data" ] || continue
		if [ "$(readlink -f "$_d/failing_device")" = "$_me" ]; then
			echo "$_d"
			return 0
		fi
	done
	return 1
}

wait_devcd() {
	_t=$((TMO_STATE * 10))
	while [ "$_t" -gt 0 ]; do
		rp_devcd && return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# Gone, and so is the "devcoredump" link on the remote's device, which the
# dump's release removes (seconds later with DEBUG_KOBJECT_RELEASE): the
# next dump could not create its link before.
wait_no_devcd() {
	_t=$((TMO_STATE * 10))
	while [ "$_t" -gt 0 ]; do
		rp_devcd >/dev/null || [ -L "$S/devcoredump" ] || return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# Remove our dump, if there is one: writing to "data" does it.
drop_devcd() {
	_d=$(rp_devcd) || return 0
	echo 1 >"$_d/data"
	wait_no_devcd
}

no_devcd() {
	! rp_devcd >/dev/null
}

# The crash handling holds the remote's lock; reading "firmware" waits for
# it.  lock_free <seconds>: the read finished within that time.
lock_free() {
	timeout "$1" cat "$S/firmware" >/dev/null 2>&1
}

lock_taken() {
	! lock_free "$1"
}

# kmsg_has <tag> <regex>, kmsg_lacks <tag> <regex>: the kernel log after
# the marker matches, does not match.
kmsg_has() {
	kmsg_since "$1" | grep -qE "$2"
}

kmsg_lacks() {
	! kmsg_has "$1" "$2"
}

# contains <text> <regex>
contains() {
	echo "$1" | grep -qE "$2"
}

# crash_remote <tag>: boot the crashing firmware, crash it, wait for
# "crashed".  Sets CARVEOUT ("<da> <len>") and MARKER_DA from the trace.
crash_remote() {
	CARVEOUT=
	MARKER_DA=
	rp_offline || not_ok "$T: $1: setup" "cannot stop the remote"
	[ "$(rp_firmware)" = "$CRASH_FW" ] ||
		expect_write "$T: $1: set firmware" firmware "$CRASH_FW" OK
	kmsg_mark "$T-$1"
	# The dump firmware may crash before or after "start" returns.
	info "start $CRASH_FW: $(rp_write state start)"
	if [ "$MODE" = sim ]; then
		if ! rp_wait_state running || ! rp_wait_trace 'carveout ok'; then
			not_ok "$T: $1: setup" "the default firmware did not boot: $(rp_state)"
		fi
		echo fatal-error >"$DBG/crash" ||
			not_ok "$T: $1: setup" "debugfs crash failed"
	fi
	check "$T: $1: crashed" "state is '$(rp_state)'" \
		rp_wait_state crashed "$TMO_WATCHDOG"
	CARVEOUT=$(rp_trace | sed -n \
		's/.*carveout da \(0x[0-9a-fA-F]*\) len \(0x[0-9a-fA-F]*\).*/\1 \2/p' |
		head -n 1)
	[ -n "$CARVEOUT" ] ||
		not_ok "$T: $1: carveout in trace" "no 'carveout da .. len ..' line"
	if [ "$MODE" = fw ]; then
		MARKER_DA=$(rp_trace | sed -n \
			's/.*dump: marker at da \(0x[0-9a-fA-F]*\),.*/\1/p' |
			head -n 1)
		[ -n "$MARKER_DA" ] ||
			not_ok "$T: $1: marker in trace" "no 'dump: marker at da' line"
	fi
	info "carveout: ${CARVEOUT:-?}, marker: ${MARKER_DA:-none}"
}

# check_core <tag> <file>: rproc-core-check agrees with what the trace said.
check_core() {
	set -- "$1" "$2" --firmware "$CRASH_FW" --remote "$RP_NAME" \
		--machine "$EM_X86_64"
	[ -n "$CARVEOUT" ] && set -- "$@" --pattern "${CARVEOUT% *}" "${CARVEOUT#* }"
	[ -n "$MARKER_DA" ] && set -- "$@" --string "$MARKER_DA" "$MARKER"
	_tag=$1
	shift
	if _out=$(rproc-core-check "$@" 2>&1); then
		ok "$T: $_tag: core file checks"
	else
		not_ok "$T: $_tag: core file checks" "$(echo "$_out" | tail -n 1)"
	fi
	echo "$_out" | head -n 20 | show
	check "$T: $_tag: ELF64 core" "not an ELF64 core file" \
		contains "$_out" 'ELF64 core'
}

# No segment was dumped as 0xff: every one translated.
check_all_mapped() {
	check "$T: $1: every segment mapped" \
		"$(kmsg_since "$T-$1" | grep 'not mapped' | head -n 1)" \
		kmsg_lacks "$T-$1" 'not mapped'
}

# ---- the attribute -------------------------------------------------------

ORIG=$(cat "$S/coredump")
check "$T: default is disabled" "reads '$ORIG'" [ "$ORIG" = disabled ]
for v in enabled inline disabled; do
	expect_write "$T: write $v" coredump $v OK
	check "$T: reads $v" "reads '$(cat "$S/coredump")'" \
		[ "$(cat "$S/coredump")" = $v ]
done
expect_write "$T: bogus value" coredump bogus EINVAL
expect_write "$T: empty value" coredump "" EINVAL
expect_write "$T: 'default' is not a value" coredump default EINVAL
check "$T: refused writes change nothing" "reads '$(cat "$S/coredump")'" \
	[ "$(cat "$S/coredump")" = disabled ]

# ---- what to crash -------------------------------------------------------

if [ -e "$FW_DIR/$DUMP_FW" ]; then
	MODE=fw
	CRASH_FW=$DUMP_FW
elif [ -w "$DBG/crash" ]; then
	MODE=sim
	CRASH_FW=$RP_FW_DEFAULT
	skip "$T: dump firmware" "$FW_DIR/$DUMP_FW is not installed; crashing $RP_FW_DEFAULT through debugfs instead"
else
	skip "$T: crashes" "neither $FW_DIR/$DUMP_FW nor debugfs crash"
	finish
fi
if [ ! -d /sys/class/devcoredump ]; then
	skip "$T: crashes" "no devcoredump in this kernel"
	finish
fi
if ! command -v rproc-core-check >/dev/null; then
	not_ok "$T: crashes" "rproc-core-check is not installed"
	finish
fi

ORIG_RECOVERY=
if [ -e "$S/recovery" ]; then
	ORIG_RECOVERY=$(cat "$S/recovery")
	expect_write "$T: disable recovery" recovery disabled OK
else
	info "$T: no recovery attribute: crashes are never recovered"
fi
drop_devcd || not_ok "$T: setup" "cannot remove an earlier dump"

# ---- enabled: a copy in devcoredump --------------------------------------

expect_write "$T: enabled: set" coredump enabled OK
crash_remote enabled
expect_write "$T: enabled: no change while crashed" coredump disabled EBUSY
expect_write "$T: enabled: busy before invalid" coredump bogus EBUSY
if d=$(wait_devcd); then
	ok "$T: enabled: dump appears"
	cat "$d/data" >/tmp/core-enabled
	info "dump: $d, $(wc -c </tmp/core-enabled) bytes"
	check_core enabled /tmp/core-enabled
	echo 1 >"$d/data"
	check "$T: enabled: writing to data removes the dump" "$d still there" \
		wait_no_devcd
else
	not_ok "$T: enabled: dump appears" "no devcoredump entry for $S"
	kmsg_since "$T-enabled" | tail -n 10 | show
fi
check "$T: enabled: dump logged" "no 'coredump' line in the kernel log" \
	kmsg_has "$T-enabled" coredump
check_all_mapped enabled
expect_write "$T: enabled: stop" state stop OK

# ---- disabled: nothing -----------------------------------------------------

expect_write "$T: disabled: set" coredump disabled OK
crash_remote disabled
check "$T: disabled: crash handling done" "the lock stays taken" \
	lock_free "$TMO_STATE"
check "$T: disabled: no dump" "$(rp_devcd) appeared" no_devcd
drop_devcd
expect_write "$T: disabled: stop" state stop OK

# ---- inline: user space reads the remote's memory ------------------------

expect_write "$T: inline: set" coredump inline OK
crash_remote inline
if d=$(wait_devcd); then
	ok "$T: inline: dump appears"
	check "$T: inline: crash handling waits for the dump" \
		"the lock was free while the dump was there" lock_taken 2
	expect_write "$T: inline: no change while waiting" coredump enabled \
		EBUSY
	cat "$d/data" >/tmp/core-inline
	info "dump: $d, $(wc -c </tmp/core-inline) bytes"
	check_core inline /tmp/core-inline
	if [ -s /tmp/core-enabled ]; then
		check "$T: inline: same size as the copied dump" \
			"$(wc -c </tmp/core-inline) != $(wc -c </tmp/core-enabled)" \
			[ "$(wc -c </tmp/core-inline)" = "$(wc -c </tmp/core-enabled)" ]
	fi
	echo 1 >"$d/data"
	check "$T: inline: writing to data removes the dump" "$d still there" \
		wait_no_devcd
	check "$T: inline: crash handling done once the dump is gone" \
		"the lock stays taken" lock_free "$TMO_STATE"
else
	not_ok "$T: inline: dump appears" "no devcoredump entry for $S"
	kmsg_since "$T-inline" | tail -n 10 | show
fi
check_all_mapped inline
check "$T: inline: still crashed" "state is '$(rp_state)'" \
	[ "$(rp_state)" = crashed ]
expect_write "$T: inline: stop" state stop OK

# ---- against the rest of the system ---------------------------------------
#
# A storm of crashes with dumps enabled and recovery on, each dump removed
# right before the next crash: devcoredump deletes a dump's "devcoredump"
# link in our directory only when the dump is released (seconds later with
# DEBUG_KOBJECT_RELEASE), and a new dump used to fail to create its link
# with a kernel warning ("cannot create duplicate filename").
#
# An inline dump that nobody reads while the platform driver is unbound:
# the unbind used to wait for user space, under the remote's lock, until
# the hung-task detector fired.  It must return at once, the dump being
# abandoned, and the driver bind again.

DRV=/sys/bus/pci/drivers/ivshmem_rproc
BDF=
for d in "$DRV"/0000:*; do
	[ -e "$d" ] && BDF=$(basename "$d")
done
rp_offline || not_ok "$T: storm: setup" "cannot stop the remote"
expect_write "$T: storm: default firmware" firmware "$RP_FW_DEFAULT" OK

# ---- a storm of crashes, dumps enabled, recovery on ------------------------

expect_write "$T: storm: dumps enabled" coredump enabled OK
expect_write "$T: storm: recovery on" recovery enabled OK
rp_boot_default || not_ok "$T: storm: setup" "the default firmware does not boot"
kmsg_mark storm
n=0
dumps=0
while [ $n -lt 12 ]; do
	n=$((n + 1))
	rp_wait_state running || break
	# Remove the last dump (if any) right before the next crash.
	d=$(rp_devcd) && echo 1 >"$d/data" && dumps=$((dumps + 1))
	echo fatal-error >"$DBG/crash" 2>/dev/null || break
	sleep 0.3
done
rp_wait_state running
info "storm: $n crashes, $dumps dumps removed on the way"
check "$T: storm: 12 crashes" "stopped after $n, state $(rp_state)" [ $n -eq 12 ]
check "$T: storm: dumps were made" "none removed" [ $dumps -gt 0 ]
check "$T: storm: no duplicate devcoredump link" \
	"$(kmsg_since storm | grep -m1 'duplicate filename')" \
	kmsg_lacks storm 'duplicate filename'
skipped=$(kmsg_since storm | grep -c 'skipped: the previous one')
info "storm: $skipped dumps skipped while the previous one was going away"
check "$T: storm: the remote runs after" "state $(rp_state)" \
	[ "$(rp_state)" = running ]
d=$(rp_devcd) && echo 1 >"$d/data"

# ---- an inline dump nobody reads vs unbinding the driver ------------------

if [ -z "$BDF" ]; then
	skip "$T: inline vs unbind" "no PCI device bound to ivshmem_rproc"
else
	expect_write "$T: unbind: recovery off" recovery disabled OK
	expect_write "$T: unbind: dumps inline" coredump inline OK
	rp_boot_default || not_ok "$T: unbind: setup" "no boot"
	# Wait until the storm's last dump (if any) is gone for good.
	_t=$((TMO_STATE * 10))
	while { rp_devcd >/dev/null || [ -L "$S/devcoredump" ]; } &&
	      [ $_t -gt 0 ]; do
		sleep 0.1
		_t=$((_t - 1))
	done
	kmsg_mark unbind
	echo fatal-error >"$DBG/crash"
	if d=$(wait_devcd); then
		ok "$T: unbind: inline dump waits"
		t0=$(date +%s)
		timeout $((TMO_STATE * 2)) sh -c "echo $BDF >$DRV/unbind"
		rc=$?
		t1=$(date +%s)
		info "unbind: exit $rc after $((t1 - t0)) s"
		check "$T: unbind: returns while the dump waits" \
			"exit $rc after $((t1 - t0)) s" [ $rc -eq 0 ]
		check "$T: unbind: the driver let go" "$DRV/$BDF still there" \
			[ ! -e "$DRV/$BDF" ]
		check "$T: unbind: the dump was abandoned" \
			"no 'abandoned' line in the kernel log" \
			kmsg_has unbind 'coredump of .* abandoned'
		# What is left of the dump reads as empty, then goes.
		if [ -e "$d/data" ]; then
			sz=$(cat "$d/data" 2>/dev/null | wc -c)
			check "$T: unbind: the abandoned dump reads empty" \
				"$sz bytes" [ "$sz" -eq 0 ]
			echo 1 >"$d/data" 2>/dev/null
		fi
	else
		not_ok "$T: unbind: inline dump waits" "no devcoredump entry"
	fi
	[ -e "$DRV/$BDF" ] || echo "$BDF" >"$DRV/bind"
	check "$T: unbind: rebinds" "no $RP_NAME after bind" rp_sysfs
fi

S=$(rp_sysfs)
DBG=$(rp_debugfs)

# ---- restore -------------------------------------------------------------

drop_devcd || not_ok "$T: restore" "cannot remove the last dump"
rm -f /tmp/core-enabled /tmp/core-inline
rp_offline || not_ok "$T: restore" "cannot stop the remote"
expect_write "$T: restore coredump" coredump "$ORIG" OK
[ -n "$ORIG_RECOVERY" ] &&
	expect_write "$T: restore recovery" recovery "$ORIG_RECOVERY" OK
rp_boot_default || not_ok "$T: restore" "cannot boot the default firmware"
check "$T: default firmware runs again" "state is '$(rp_state)'" \
	[ "$(rp_state)" = running ]
finish
