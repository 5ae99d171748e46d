#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Attaching to a remote that was running before Linux (vm.sh --preboot:
# the emulator started rproc-emu-attach.elf by itself, as a bootloader
# would): the driver attaches instead of loading, the trace shows what the
# firmware wrote before Linux ran, its channels work; "detach" leaves it
# running and takes the channels away, "start" attaches again (twice); a
# crash of the attached remote is recovered by booting the firmware file;
# then it stops and starts like any remote.  Skipped unless the remote was
# prebooted (rpt.preboot= on the kernel command line).
. "$(dirname "$0")/lib.sh"
T=attach

case " $(cat /proc/cmdline) " in
*" rpt.preboot="*) ;;
*)
	skip "$T" "the remote was not started before Linux (vm.sh --preboot)"
	exit 0 ;;
esac
require_remote $T
require_features $T rpmsg rproc-virtio rpmsg-char

echo_raw() {
	_n=$(rpmsg_wait_node rpmsg-raw) || return 1
	rpmsg-tool echo "$_n" 1 >/dev/null 2>&1
}

check "$T: attached at probe" "state is '$(rp_state)'" rp_wait_state attached
check "$T: attached, not loaded" "$(dmesg | grep -E 'booting|attach' | tail -n 3)" \
	sh -c "dmesg | grep -q 'attaching to running' &&
	       ! dmesg | grep -q 'booting .* with firmware'"
check "$T: trace written before Linux ran" "trace: $(head -n 2 "$(rp_debugfs)/trace0")" \
	grep -qi attach "$(rp_debugfs)/trace0"
check "$T: channels of the running firmware" "no rpmsg-raw echo" echo_raw
expect_write "$T: start while attached" state start EBUSY
expect_write "$T: firmware change while attached" firmware rproc-emu-fw.elf EBUSY

cycle=1
while [ $cycle -le 2 ]; do
	kmsg_mark $T-$cycle
	expect_write "$T: detach #$cycle" state detach OK
	check "$T: detached #$cycle" "state is '$(rp_state)'" rp_wait_state detached
	check "$T: channels gone #$cycle" "rpmsg-raw still there" \
		rpmsg_wait_no_channel rpmsg-raw
	check "$T: not stopped #$cycle" "a stop or crash in the log" \
		sh -c "! dmesg | sed -n '/rpt: mark $T-$cycle\$/,\$p' |
		       grep -qE 'is now stopped|crash detected'"
	expect_write "$T: detach while detached #$cycle" state detach EINVAL
	expect_write "$T: stop while detached #$cycle" state stop EINVAL
	expect_write "$T: attach again #$cycle" state start OK
	check "$T: attached again #$cycle" "state is '$(rp_state)'" \
		rp_wait_state attached
	check "$T: channels back #$cycle" "no rpmsg-raw echo" echo_raw
	cycle=$((cycle + 1))
done

# A crash of the attached remote: recovery boots the firmware file.
kmsg_mark $T-crash
echo fatal-error >"$(rp_debugfs)/crash"
check "$T: crash of the attached remote recovered" \
	"$(kmsg_since $T-crash | tail -n 4)" \
	rpmsg_wait_kmsg $T-crash "remote processor .* recovered" "$TMO_STATE"
check "$T: running the firmware file" "state is '$(rp_state)'" \
	rp_wait_state running
check "$T: booted from $(rp_firmware)" "no boot line" \
	rpmsg_wait_kmsg $T-crash "booting .* with firmware $(rp_firmware)" 1
check "$T: channels after recovery" "no rpmsg-raw echo" echo_raw
expect_write "$T: detach a remote Linux booted" state detach EINVAL

rp_boot_default || not_ok "$T: stop and start" "cannot boot the default firmware"
check "$T: running at the end" "state is '$(rp_state)'" [ "$(rp_state)" = running ]
finish
