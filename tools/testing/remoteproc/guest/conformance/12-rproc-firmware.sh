#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Conformance: writes to /sys/class/remoteproc/remoteprocN/firmware in each
# state, what the attribute reads afterwards, and what "start" does with the
# name that was set (an existing other image, a missing file, long names).
# Long names are shown by length and checksum.
#
# Linux 6.1 shows the name with sprintf() into the one-page sysfs buffer:
# reading back a name of 4095 bytes or more writes past that buffer there,
# so those names are set and replaced, never read (SKIPPED-6.1-CRASH).
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rproc-lib.sh

FW=$R_SYS/firmware

# fw_show <key>: the attribute, short names as they are, long ones by
# length and checksum.
fw_show() {
	_v=$(conf-io read "$FW")
	if [ "${#_v}" -le 80 ]; then
		emit "$1" "$_v"
	else
		emit "$1" "len=$(cat "$FW" | wc -c) md5=$(cat "$FW" | md5sum | cut -c1-32)"
	fi
}

# fw_case <state> <case> <bytes> [read|noread] [start]: from the state's
# setup, write the bytes; show the attribute unless told not to; with
# "start", also what starting with that name gives and the state after.
fw_case() {
	_p=rproc.$1.sysfs.firmware.write.$2
	r_setup "$1" || { emit "$_p" SETUP-FAILED; return; }
	_b=$3
	case $_b in
	@*) _b=$(r_long "${_b#@}") ;;
	esac
	emit "$_p" "$(conf-io write "$FW" "$_b")"
	if [ "${4:-read}" = read ]; then
		fw_show "$_p.reads"
	else
		emit "$_p.reads" SKIPPED-6.1-CRASH
	fi
	emit "$_p.state" "$(r_state)"
	if [ "${5:-}" = start ]; then
		emit "$_p.start" "$(conf-io write "$R_SYS/state" start)"
		emit "$_p.start.state" "$(r_state)"
		if [ "${4:-read}" = read ]; then
			fw_show "$_p.start.reads"
		else
			emit "$_p.start.reads" SKIPPED-6.1-CRASH
		fi
	fi
	# Never leave a name behind that 6.1 cannot show (r_setup reads it).
	if [ "${4:-read}" != read ]; then
		r_offline
		r_put "$FW" "$RP_FW_DEFAULT"
	fi
}

# While offline: what is taken, and what it reads as.
fw_case offline default "$RP_FW_DEFAULT"
fw_case offline default_nl "$RP_FW_DEFAULT\n"
fw_case offline other rproc-emu-1m.elf read start
fw_case offline other_nl 'rproc-emu-1m.elf\n' read start
fw_case offline missing no-such-firmware.elf read start
fw_case offline empty ''
fw_case offline nl_only '\n'
fw_case offline nl_nl '\n\n'
fw_case offline double_nl "$RP_FW_DEFAULT\n\n" read start
fw_case offline nl_inside 'rproc-emu-1m.elf\nbogus' read start
fw_case offline nl_first '\nrproc-emu-1m.elf'
fw_case offline trail_space "$RP_FW_DEFAULT " read start
fw_case offline lead_space " $RP_FW_DEFAULT" read start
fw_case offline nul_inside 'rproc-emu-1m.elf\0bogus' read start
fw_case offline tab_inside 'a\tb'
fw_case offline slash 'rproc/../rproc-emu-1m.elf' read start
fw_case offline absolute '/lib/firmware/rproc-emu-1m.elf' read start
fw_case offline dotdot '../firmware/rproc-emu-1m.elf' read start
fw_case offline len255 @255 read start
fw_case offline len256 @256 read start
fw_case offline len4094 @4094 read start
fw_case offline len4095 @4095 noread start
fw_case offline len4096 @4096 noread start
fw_case offline len4097 @4097 noread

# While running or crashed the name cannot change.
for st in running crashed; do
	fw_case $st default "$RP_FW_DEFAULT"
	fw_case $st other rproc-emu-1m.elf
	fw_case $st empty ''
	fw_case $st nl_only '\n'
	fw_case $st len4097 @4097
done

# The firmware in use while running: what was set before the start.
r_running rproc-emu-1m.elf
fw_show rproc.running.other.sysfs.firmware.reads
emit rproc.running.other.sysfs.state "$(r_state)"

r_restore
