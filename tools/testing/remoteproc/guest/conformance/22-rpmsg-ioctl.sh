#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The ioctls of <linux/rpmsg.h> with valid and invalid arguments:
# RPMSG_CREATE_EPT_IOCTL, RPMSG_CREATE_DEV_IOCTL and RPMSG_RELEASE_DEV_IOCTL
# on /dev/rpmsg_ctrlN, RPMSG_DESTROY_EPT_IOCTL on /dev/rpmsgN, and each of
# them on the wrong kind of node; the errno of each, and what appears in
# sysfs and /dev afterwards.
#
# Not done, as they crash Linux 6.1 (use after free): RPMSG_DESTROY_EPT_IOCTL
# a second time on the same file, or on a node whose control node went
# away; any ioctl on a control node's file after the node went away.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rpmsg-lib.sh
P=rpmsg.ioctl

# A name of n characters (letters).
nchars() {
	head -c "$1" /dev/zero | tr '\0' n
}

# create <key> <name> <src> <dst>: RPMSG_CREATE_EPT_IOCTL on the control
# node; prints the new node's path (or nothing) into $node.
create() {
	s_before=$(cr_class_now)
	conf-rpmsg ioctl "$1" "$ctl" create_ept "$2" "$3" "$4"
	node=$(cr_new_node "$2" "$s_before") || node=
}

# gone <key> <node>: whether the node left sysfs and /dev.
gone() {
	if [ -e "/sys/class/rpmsg/${2##*/}" ] || [ -e "$2" ]; then
		emit "$1" present
	else
		emit "$1" gone
	fi
}

# chan <key> <name>: the attributes of the channel named <name>, or "absent".
chan() {
	s_c=$(rpmsg_channel "$2") || { emit "$1" absent; return 0; }
	cr_dump_chan "$1" "$s_c"
}

main() {
	cr_setup
	ctl=$(rpmsg_ctrl_node)
	ttyd=$(rpmsg_dst rpmsg-tty)
	raw=$(rpmsg_node rpmsg-raw)

	# ---- RPMSG_CREATE_EPT_IOCTL ----
	create $P.create_ept.valid conf-a any "$ttyd"
	a=$node
	if [ -n "$a" ]; then
		cr_dump_class $P.create_ept.valid.node "/sys/class/rpmsg/${a##*/}"
		conf-rpmsg echo $P.create_ept.valid.echo "$a" 16 2 5000
		gone $P.create_ept.valid.after_close "$a"
	else
		emit $P.create_ept.valid.node none
	fi
	create $P.create_ept.duplicate conf-a any "$ttyd"
	a2=$node
	emit $P.create_ept.duplicate.node "$( [ -n "$a2" ] && basename "$a2")"
	cr_names $P.create_ept.duplicate.names
	if [ -n "$a" ]; then
		exec 5<>"$a"
		conf-rpmsg open $P.create_ept.open_twice "$a"
		exec 5>&-
	fi

	# Fixed local addresses: the endpoint is made at open.
	create $P.create_ept.fixed conf-fixed 0x200 "$ttyd"
	f1=$node
	create $P.create_ept.fixed_dup conf-fixed2 0x200 "$ttyd"
	f2=$node
	if [ -n "$f1" ] && [ -n "$f2" ]; then
		conf_read $P.create_ept.fixed.src "/sys/class/rpmsg/${f1##*/}/src"
		exec 5<>"$f1"
		conf-rpmsg echo $P.create_ept.fixed.echo fd:5 8 1 5000
		conf-rpmsg open $P.create_ept.fixed_dup.open "$f2"
		exec 5>&-
		conf-rpmsg open $P.create_ept.fixed_dup.open_after "$f2"
	fi
	for spec in ns:53 rsvd:0x3ff max:0x7ffffffe intmax:0x7fffffff; do
		create "$P.create_ept.src_${spec%%:*}" "conf-src-${spec%%:*}" \
			"${spec#*:}" "$ttyd"
		if [ -n "$node" ]; then
			conf-rpmsg open "$P.create_ept.src_${spec%%:*}.open" "$node"
		else
			emit "$P.create_ept.src_${spec%%:*}.open" "no node"
		fi
	done
	# 6.1 warns (WARN_ON_ONCE in idr_alloc) on this one at open.
	create $P.create_ept.src_high conf-src-high 0x80000000 "$ttyd"
	if [ -n "$node" ]; then
		conf-rpmsg open $P.create_ept.src_high.open "$node"
	fi

	# Names.
	create $P.create_ept.name_empty '' any "$ttyd"
	if [ -n "$node" ]; then
		cr_dump_class $P.create_ept.name_empty.node "/sys/class/rpmsg/${node##*/}"
	fi
	create $P.create_ept.name_31 "$(nchars 31)" any "$ttyd"
	emit $P.create_ept.name_31.node "$( [ -n "$node" ] && echo made)"
	s_before=$(cr_class_now)
	conf-rpmsg ioctl $P.create_ept.name_32 "$ctl" create_ept \
		"$(nchars 32)" any "$ttyd"
	sleep 0.5
	emit $P.create_ept.name_32.names "$(for s_d in /sys/class/rpmsg/rpmsg[0-9]*; do
		case " $s_before " in *" ${s_d##*/} "*) continue ;; esac
		cat "$s_d/name"; done | tr '\n' ' ')"
	conf-rpmsg ioctl $P.create_ept.null "$ctl" create_ept @null
	conf-rpmsg ioctl $P.create_ept.fault "$ctl" create_ept @fault

	# No remote address: the node opens, a write has nowhere to go.
	create $P.create_ept.no_dst conf-nodst any any
	if [ -n "$node" ]; then
		exec 5<>"$node"
		conf-rpmsg write $P.create_ept.no_dst.write fd:5 text:abc
		exec 5>&-
	fi
	# A remote address nobody has: the message goes out all the same.
	create $P.create_ept.unknown_dst conf-nobody any 0x7fff0000
	if [ -n "$node" ]; then
		conf-rpmsg write $P.create_ept.unknown_dst.write "$node" text:abc
	fi
	cr_names $P.create_ept.end.names

	# ---- other requests on the control node ----
	conf-rpmsg ioctl $P.ctrl.destroy_ept "$ctl" destroy_ept x
	conf-rpmsg ioctl $P.ctrl.destroy_ept_null "$ctl" destroy_ept @null
	conf-rpmsg ioctl $P.ctrl.unknown "$ctl" raw:0xb5ff x
	conf-rpmsg ioctl $P.ctrl.unknown_null "$ctl" raw:0xb5ff @null
	conf-rpmsg ioctl $P.ctrl.tcgets "$ctl" raw:0x5401 x
	conf-rpmsg write $P.ctrl.write "$ctl" text:abc
	conf-rpmsg read $P.ctrl.read "$ctl" 64 nonblock
	conf-rpmsg poll $P.ctrl.poll "$ctl" 0

	# ---- requests on endpoint nodes ----
	conf-rpmsg ioctl $P.raw.destroy_ept "$raw" destroy_ept
	conf-rpmsg ioctl $P.raw.create_ept "$raw" create_ept conf-x any any
	conf-rpmsg ioctl $P.raw.create_dev "$raw" create_dev conf-x any any
	conf-rpmsg ioctl $P.raw.release_dev "$raw" release_dev rpmsg-tty any any
	conf-rpmsg ioctl $P.raw.unknown "$raw" raw:0xb5ff x
	gone $P.raw.after "$raw"
	if [ -n "$a" ]; then
		conf-rpmsg ioctl $P.ept.create_ept "$a" create_ept conf-x any any
		conf-rpmsg ioctl $P.ept.release_dev "$a" release_dev conf-a any any
		conf-rpmsg ioctl $P.ept.unknown "$a" raw:0xb5ff x
		# Destroyed through the file that has it open.
		exec 5<>"$a"
		conf-rpmsg ioctl $P.ept.destroy_ept fd:5 destroy_ept
		gone $P.ept.destroy_ept.node "$a"
		conf-rpmsg read $P.ept.destroy_ept.read fd:5 64 nonblock
		conf-rpmsg write $P.ept.destroy_ept.write fd:5 text:abc
		conf-rpmsg poll $P.ept.destroy_ept.poll fd:5 0
		emit $P.ept.destroy_ept.again SKIPPED-6.1-CRASH
		exec 5>&-
	fi
	if [ -n "$a2" ]; then
		# Through a file opened for it only; the argument is not read.
		conf-rpmsg ioctl $P.ept.destroy_ept_null "$a2" destroy_ept @null
		gone $P.ept.destroy_ept_null.node "$a2"
	fi
	# What is left of the endpoint nodes goes the same way.
	for s_d in /sys/class/rpmsg/rpmsg[0-9]*; do
		[ "$(cat "$s_d/name" 2>/dev/null)" = rpmsg-raw ] && continue
		conf-rpmsg ioctl x "/dev/${s_d##*/}" destroy_ept >/dev/null
	done
	cr_names $P.ept.end.names
	cr_ls_class $P.ept.end.class

	# ---- RPMSG_CREATE_DEV_IOCTL / RPMSG_RELEASE_DEV_IOCTL ----
	conf-rpmsg ioctl $P.create_dev.plain "$ctl" create_dev conf-dev any any
	chan $P.create_dev.plain.chan conf-dev
	conf-rpmsg ioctl $P.create_dev.duplicate "$ctl" create_dev conf-dev any any
	conf-rpmsg ioctl $P.create_dev.other_dst "$ctl" create_dev conf-dev any 0x300
	cr_ls_bus $P.create_dev.other_dst.bus
	conf-rpmsg ioctl $P.release_dev.first "$ctl" release_dev conf-dev any any
	cr_ls_bus $P.release_dev.first.bus
	conf-rpmsg ioctl $P.release_dev.second "$ctl" release_dev conf-dev any any
	conf-rpmsg ioctl $P.release_dev.third "$ctl" release_dev conf-dev any any
	conf-rpmsg ioctl $P.create_dev.fixed "$ctl" create_dev conf-svc 0x210 any
	chan $P.create_dev.fixed.chan conf-svc
	conf-rpmsg ioctl $P.release_dev.fixed_wrong "$ctl" release_dev conf-svc 0x211 any
	conf-rpmsg ioctl $P.release_dev.fixed "$ctl" release_dev conf-svc 0x210 any
	conf-rpmsg ioctl $P.create_dev.existing "$ctl" create_dev rpmsg-tty any any

	# A channel rpmsg_chrdev binds to: its node echoes through the tty
	# service.
	before=$(cr_class_now)
	conf-rpmsg ioctl $P.create_dev.raw "$ctl" create_dev rpmsg-raw any "$ttyd"
	if n=$(cr_new_node rpmsg-raw "$before"); then
		cr_dump_class $P.create_dev.raw.node "/sys/class/rpmsg/${n##*/}"
		conf-rpmsg echo $P.create_dev.raw.echo "$n" 64 2 5000
		s_c=$(basename "$(readlink "/sys/class/rpmsg/${n##*/}/device")")
		cr_dump_chan $P.create_dev.raw.chan "/sys/bus/rpmsg/devices/$s_c"
	else
		emit $P.create_dev.raw.node none
	fi
	conf-rpmsg ioctl $P.release_dev.raw "$ctl" release_dev rpmsg-raw any "$ttyd"
	[ -n "$n" ] && gone $P.release_dev.raw.node "$n"
	cr_names $P.release_dev.raw.names

	# Names and arguments.
	conf-rpmsg ioctl $P.create_dev.name_32 "$ctl" create_dev "$(nchars 32)" any any
	emit $P.create_dev.name_32.chan "$(cat /sys/bus/rpmsg/devices/*/name |
		grep '^nnn' | tr '\n' ' ')"
	conf-rpmsg ioctl $P.release_dev.name_31 "$ctl" release_dev "$(nchars 31)" any any
	conf-rpmsg ioctl $P.create_dev.name_empty "$ctl" create_dev '' any any
	cr_ls_bus $P.create_dev.name_empty.bus
	conf-rpmsg ioctl $P.release_dev.name_empty "$ctl" release_dev '' any any
	conf-rpmsg ioctl $P.create_dev.null "$ctl" create_dev @null
	conf-rpmsg ioctl $P.create_dev.fault "$ctl" create_dev @fault
	conf-rpmsg ioctl $P.release_dev.null "$ctl" release_dev @null
	conf-rpmsg ioctl $P.release_dev.none "$ctl" release_dev conf-none any any

	# Channels of the remote and the transport's own.
	conf-rpmsg ioctl $P.release_dev.remote "$ctl" release_dev rpmsg-client-sample any any
	chan $P.release_dev.remote.chan rpmsg-client-sample
	conf-rpmsg ioctl $P.release_dev.ns "$ctl" release_dev rpmsg_ns any any
	cr_ls_bus $P.release_dev.ns.bus
	emit $P.release_dev.ns.announce "$(cr_ctl 'announce conf-no-ns' | cut -d' ' -f1-3)"
	sleep 1
	chan $P.release_dev.ns.announced conf-no-ns
	# 6.1 removes the very control node the request came through.
	conf-rpmsg ioctl $P.release_dev.ctrl "$ctl" release_dev rpmsg_ctrl any any
	cr_ls_class $P.release_dev.ctrl.class
	cr_ls_bus $P.release_dev.ctrl.bus
	emit $P.ctrl.after_removal SKIPPED-6.1-CRASH

	cr_restart
	cr_ls_bus $P.end.bus
	cr_ls_class $P.end.class
}

main | rpmsg_norm
