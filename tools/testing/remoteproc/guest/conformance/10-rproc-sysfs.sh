#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Conformance: /sys/class/remoteproc and the attributes of the remote's
# directory (mode and content of each, the directory's entries) while it
# runs, while it is offline and while it is crashed (recovery disabled).
# The dynamic major number and the instance numbers of child devices are
# normalised.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rproc-lib.sh

# sysfs_state <state>
sysfs_state() {
	_p=rproc.$1.sysfs
	r_setup "$1" || { emit "$_p" SETUP-FAILED; return; }
	conf_ls "$_p.ls" "$R_SYS" | r_norm_children
	conf_attrs "$_p.attr" "$R_SYS" | r_norm_children | r_norm_major
	conf_ls "$_p.power.ls" "$R_SYS/power"
	# Whether the node and the class device agree, not the numbers.
	_dev=$(cat "$R_SYS/dev")
	_node=$(stat -c '%t:%T' "$R_NODE" 2>/dev/null)
	_node=$(printf '%d:%d' "0x${_node%%:*}" "0x${_node##*:}" 2>/dev/null)
	if [ "$_dev" = "$_node" ]; then
		emit "$_p.dev.matches_node" yes
	else
		emit "$_p.dev.matches_node" "no"
	fi
	emit "$_p.dev.minor_is_index" \
		"$([ "${_dev#*:}" = "${R_SYS##*/remoteproc}" ] && echo yes || echo no)"
}

conf_ls rproc.class.ls /sys/class/remoteproc
emit rproc.class.count "$(ls /sys/class/remoteproc | wc -l)"
emit rproc.class.link "$(readlink "$R_SYS")"
conf_mode rproc.class.entry "/sys/class/remoteproc/${R_SYS##*/}"
emit rproc.class.device_link "$(readlink "$R_SYS/device")"
emit rproc.class.subsystem_link "$(readlink "$R_SYS/subsystem")"

for st in running offline crashed; do
	sysfs_state $st
done

r_restore
