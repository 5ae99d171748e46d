#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rpmsg in sysfs and /dev with the default firmware running: the bus and
# its devices (every channel, named <vdev>.<name>.<src>.<dst>, and every
# attribute of each), its drivers, the rpmsg class (the control node and
# the rpmsg-raw channel's endpoint node), the /dev nodes and their modes.
# Read-only.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rpmsg-lib.sh
P=rpmsg.sysfs

main() {
	cr_setup

	# The bus.
	conf_attrs $P.bus /sys/bus/rpmsg
	cr_ls_bus $P.bus.devices
	conf_ls $P.bus.drivers /sys/bus/rpmsg/drivers

	# Every channel, by name (each name is there once).
	for s_c in /sys/bus/rpmsg/devices/*; do
		[ -r "$s_c/name" ] && cat "$s_c/name"
	done | LC_ALL=C sort >/tmp/conf-rpmsg-names
	while read -r s_name; do
		s_c=$(rpmsg_channel "$s_name") || continue
		cr_dump_chan "$P.chan.$s_name" "$s_c"
		conf_ls "$P.chan.$s_name.power.ls" "$s_c/power"
	done </tmp/conf-rpmsg-names
	rm -f /tmp/conf-rpmsg-names

	# Every driver: its files and the devices bound to it.
	for s_d in /sys/bus/rpmsg/drivers/*; do
		s_k=$P.driver.${s_d##*/}
		conf_ls "$s_k.ls" "$s_d"
		for s_f in bind unbind uevent new_id remove_id; do
			conf_mode "$s_k.$s_f.mode" "$s_d/$s_f"
		done
		emit "$s_k.module" "$(cr_link "$s_d/module")"
	done

	# The class and the nodes.
	cr_ls_class $P.class
	cr_ls_dev $P.dev
	s_ctl=$(rpmsg_ctrl_node)
	cr_dump_class $P.class.ctrl "/sys/class/rpmsg/${s_ctl##*/}"
	for s_d in $(cr_class_by_name rpmsg-raw); do
		cr_dump_class $P.class.raw "$s_d"
	done
	conf_ls $P.class.raw.power.ls "$(cr_class_by_name rpmsg-raw)/power"

	# The character device regions (names only: majors are dynamic).
	emit $P.proc.devices "$(sed -n '/^Character/,/^$/p' /proc/devices |
		awk '$2 ~ /rpmsg/ {print $2}' | LC_ALL=C sort | tr '\n' ' ' |
		sed 's/ $//')"
	# Control and endpoint nodes have majors of their own.
	s_cm=$(cut -d: -f1 "/sys/class/rpmsg/${s_ctl##*/}/dev")
	s_em=$(cut -d: -f1 "$(cr_class_by_name rpmsg-raw)/dev")
	if [ "$s_cm" = "$s_em" ]; then
		emit $P.majors "shared"
	else
		emit $P.majors "distinct"
	fi
}

main | rpmsg_norm
