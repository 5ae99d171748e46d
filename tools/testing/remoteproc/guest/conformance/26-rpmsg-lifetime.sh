#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /dev/rpmsg* across the remote's life: files open on the rpmsg-raw node,
# on a node made through the control node and on the control node itself
# while the remote stops (a blocked read wakes up; read, write and poll
# after), which nodes and channels exist while it is offline and after it
# starts again (old files stay dead; the names the new nodes get), and the
# same across a crash and its recovery.
#
# No ioctl on a control node's file once the node is gone: that is a use
# after free in Linux 6.1.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rpmsg-lib.sh
P=rpmsg.life

# dead <prefix> <fd>: what an open file of a node that went away does.
dead() {
	conf-rpmsg read "$1.read" "fd:$2" 512 nonblock
	conf-rpmsg readblock "$1.read_block" "fd:$2" 512 3
	conf-rpmsg write "$1.write" "fd:$2" text:abc
	conf-rpmsg poll "$1.poll" "fd:$2" 0
}

# listing <prefix>: channels, class devices, /dev nodes, endpoint names.
listing() {
	cr_ls_bus "$1.bus"
	cr_ls_class "$1.class"
	cr_ls_dev "$1.dev"
	cr_names "$1.names"
}

# open_all <prefix>: descriptors 3 (rpmsg-raw), 4 (a node of the control
# node, to the tty service) and 5 (the control node).
open_all() {
	raw=$(rpmsg_node rpmsg-raw)
	ctl=$(rpmsg_ctrl_node)
	before=$(cr_class_now)
	conf-rpmsg ioctl "$1.create" "$ctl" create_ept conf-life any \
		"$(rpmsg_dst rpmsg-tty)"
	ept=$(cr_new_node conf-life "$before")
	exec 3<>"$raw" 4<>"$ept" 5<>"$ctl"
	conf-rpmsg echo "$1.raw.echo" fd:3 8 1 5000
	conf-rpmsg echo "$1.ept.echo" fd:4 8 1 5000
	listing "$1.open"
}

main() {
	cr_setup

	# ---- stop with files open ----
	open_all $P.stop
	conf-rpmsg readblock $P.stop.raw.blocked fd:3 512 15 \
		>/tmp/conf-rpmsg-blocked &
	bg=$!
	sleep 1
	conf_write $P.stop.state "$(rp_sysfs)/state" stop
	rp_wait_state offline
	cr_until 100 cr_no_channels
	wait $bg
	cat /tmp/conf-rpmsg-blocked
	rm -f /tmp/conf-rpmsg-blocked
	listing $P.stop.offline
	dead $P.stop.offline.raw 3
	dead $P.stop.offline.ept 4
	emit $P.stop.offline.ctrl.ioctl SKIPPED-6.1-CRASH
	emit $P.stop.offline.ept.destroy_ept SKIPPED-6.1-CRASH

	conf_write $P.stop.start "$(rp_sysfs)/state" start
	rp_wait_state running
	cr_wait_services
	listing $P.stop.started
	dead $P.stop.started.raw 3
	dead $P.stop.started.ept 4
	s_n=$(rpmsg_node rpmsg-raw)
	conf-rpmsg echo $P.stop.started.new_raw.echo "$s_n" 8 1 5000
	exec 3>&- 4>&- 5>&-
	listing $P.stop.closed

	# ---- a crash, recovered, with files open ----
	open_all $P.crash
	cr_crash $P.crash.cmd
	# The nodes go when the crash is handled, come back with recovery.
	conf-rpmsg poll $P.crash.raw.poll_wait fd:3 in:20000
	cr_until $((TMO_RPMSG * 10)) cr_services_up
	emit $P.crash.state "$(rp_state)"
	listing $P.crash.recovered
	dead $P.crash.recovered.raw 3
	dead $P.crash.recovered.ept 4
	s_n=$(rpmsg_node rpmsg-raw)
	conf-rpmsg echo $P.crash.recovered.new_raw.echo "$s_n" 8 1 5000
	exec 3>&- 4>&- 5>&-
	listing $P.crash.closed

	# ---- stop and start with nothing open: the names come back ----
	cr_restart
	listing $P.restart
}

main | rpmsg_norm
