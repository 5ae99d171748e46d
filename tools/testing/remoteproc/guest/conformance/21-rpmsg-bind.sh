#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Binding rpmsg channels from user space: driver_override (set, read back,
# cleared, invalid and too long values), bind/unbind/drivers_probe through
# /sys/bus/rpmsg, the endpoint node rpmsg_chrdev gives a channel it is
# bound to by override, and unbinding and binding again the service
# drivers (rpmsg_chrdev on rpmsg-raw, rpmsg_ctrl, rpmsg_ns).  Every write's
# errno, what the uevent files say after each step.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rpmsg-lib.sh
P=rpmsg.bind
DRV=/sys/bus/rpmsg/drivers

# A string of n copies of "a".
nchars() {
	head -c "$1" /dev/zero | tr '\0' a
}

override() {
	s_c=$(rpmsg_channel rpmsg-tty)
	conf_write "$P.override.$1.write" "$s_c/driver_override" "$2"
	conf_read "$P.override.$1.read" "$s_c/driver_override"
}

main() {
	cr_setup
	tty=$(cr_chan_dev rpmsg-tty)
	c=/sys/bus/rpmsg/devices/$tty

	# ---- driver_override on a channel no driver wants ----
	conf_read $P.override.initial "$c/driver_override"
	override plain rpmsg_chrdev
	emit $P.override.plain.driver "$(cr_link "$c/driver")"
	conf_read $P.override.plain.uevent "$c/uevent"
	override clear '\n'
	override newline 'rpmsg_chrdev\n'
	override empty ''
	override clear2 '\n'
	override space ' '
	override clear3 '\n'
	override max "$(nchars 4095)"
	emit $P.override.max.len "$(wc -c <"$c/driver_override")"
	override page "$(nchars 4096)"
	override page1 "$(nchars 4097)"
	override clear4 '\n'
	override nul 'rpmsg_chr\0dev'
	override clear5 '\n'

	# ---- bind and unbind by hand ----
	conf_write $P.bind.nooverride "$DRV/rpmsg_chrdev/bind" "$tty"
	emit $P.bind.nooverride.driver "$(cr_link "$c/driver")"
	conf_write $P.bind.override.set "$c/driver_override" rpmsg_chrdev
	before=$(cr_class_now)
	conf_write $P.bind.override "$DRV/rpmsg_chrdev/bind" "$tty"
	emit $P.bind.override.driver "$(cr_link "$c/driver")"
	conf_read $P.bind.override.uevent "$c/uevent"
	if n=$(cr_new_node rpmsg-tty "$before"); then
		cr_dump_class $P.bind.override.node "/sys/class/rpmsg/${n##*/}"
		conf-rpmsg echo $P.bind.override.node.echo "$n" 32 2 5000
	else
		emit $P.bind.override.node none
	fi
	conf_write $P.bind.again "$DRV/rpmsg_chrdev/bind" "$tty"
	conf_write $P.bind.other "$DRV/rpmsg_ctrl/bind" "$tty"
	conf_write $P.bind.nodev "$DRV/rpmsg_chrdev/bind" virtio9.none.-1.-1
	conf_write $P.bind.newline "$DRV/rpmsg_chrdev/bind" "$tty\\n"
	conf_write $P.unbind.other "$DRV/rpmsg_ctrl/unbind" "$tty"
	conf_write $P.unbind "$DRV/rpmsg_chrdev/unbind" "$tty"
	emit $P.unbind.driver "$(cr_link "$c/driver")"
	cr_names $P.unbind.names
	conf_write $P.unbind.again "$DRV/rpmsg_chrdev/unbind" "$tty"
	conf_write $P.unbind.nodev "$DRV/rpmsg_chrdev/unbind" virtio9.none.-1.-1

	# drivers_probe binds by the override too.
	before=$(cr_class_now)
	conf_write $P.probe /sys/bus/rpmsg/drivers_probe "$tty"
	emit $P.probe.driver "$(cr_link "$c/driver")"
	if n=$(cr_new_node rpmsg-tty "$before"); then
		emit $P.probe.node "$(basename "$n")"
	else
		emit $P.probe.node none
	fi
	conf_write $P.probe.unbind "$DRV/rpmsg_chrdev/unbind" "$tty"
	conf_write $P.probe.nodev /sys/bus/rpmsg/drivers_probe none
	conf_write $P.probe.clear "$c/driver_override" '\n'
	conf_write $P.probe.nooverride /sys/bus/rpmsg/drivers_probe "$tty"
	emit $P.probe.nooverride.driver "$(cr_link "$c/driver")"

	# ---- rpmsg-raw's own node: unbound and bound again ----
	raw=$(cr_chan_dev rpmsg-raw)
	conf_write $P.raw.unbind "$DRV/rpmsg_chrdev/unbind" "$raw"
	cr_names $P.raw.unbind.names
	cr_ls_dev $P.raw.unbind.dev
	conf_read $P.raw.unbind.uevent "/sys/bus/rpmsg/devices/$raw/uevent"
	conf_write $P.raw.bind "$DRV/rpmsg_chrdev/bind" "$raw"
	if n=$(cr_new_node rpmsg-raw ""); then
		emit $P.raw.bind.node "$(basename "$n")"
		conf-rpmsg echo $P.raw.bind.echo "$n" 100 2 5000
	else
		emit $P.raw.bind.node none
	fi

	# ---- the control node: unbound and bound again ----
	ctl=$(cr_chan_dev rpmsg_ctrl)
	conf_read $P.ctrl.override "/sys/bus/rpmsg/devices/$ctl/driver_override"
	conf_write $P.ctrl.unbind "$DRV/rpmsg_ctrl/unbind" "$ctl"
	cr_ls_class $P.ctrl.unbind.class
	cr_ls_dev $P.ctrl.unbind.dev
	conf_write $P.ctrl.bind.chrdev "$DRV/rpmsg_chrdev/bind" "$ctl"
	conf_write $P.ctrl.bind "$DRV/rpmsg_ctrl/bind" "$ctl"
	cr_until 50 rpmsg_ctrl_node >/dev/null
	cr_ls_class $P.ctrl.bind.class
	cr_ls_dev $P.ctrl.bind.dev
	emit $P.ctrl.bind.works "$(cr_ctl counters | cut -d' ' -f1-2)"

	# ---- the name service: unbound and bound again ----
	ns=$(cr_chan_dev rpmsg_ns)
	conf_write $P.ns.unbind "$DRV/rpmsg_ns/unbind" "$ns"
	emit $P.ns.unbind.driver "$(cr_link "/sys/bus/rpmsg/devices/$ns/driver")"
	# Announcements get nowhere without it.
	emit $P.ns.unbind.announce "$(cr_ctl 'announce conf-ns-a' | cut -d' ' -f1-3)"
	sleep 1
	emit $P.ns.unbind.channel "$(rpmsg_channel conf-ns-a >/dev/null &&
		echo present || echo absent)"
	conf_write $P.ns.bind "$DRV/rpmsg_ns/bind" "$ns"
	emit $P.ns.bind.driver "$(cr_link "/sys/bus/rpmsg/devices/$ns/driver")"
	emit $P.ns.bind.announce "$(cr_ctl 'announce conf-ns-b' | cut -d' ' -f1-3)"
	if rpmsg_wait_channel conf-ns-b 10; then
		emit $P.ns.bind.channel present
	else
		emit $P.ns.bind.channel absent
	fi
	emit $P.ns.bind.destroy "$(cr_ctl 'destroy conf-ns-b')"
	if rpmsg_wait_no_channel conf-ns-b 10; then
		emit $P.ns.bind.destroyed yes
	else
		emit $P.ns.bind.destroyed no
	fi

	cr_ls_bus $P.end.bus
	cr_names $P.end.names
	# The firmware's extra endpoints and our rebinding history go away.
	cr_restart
}

main | rpmsg_norm
