#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# read/write/poll on /dev/rpmsgN, on the rpmsg-raw channel's node (its
# channel's endpoint) and on a node made through /dev/rpmsg_ctrlN (an
# endpoint of its own), both talking to an echo service of the firmware:
# the MTU (496) and beyond, a zero-length write, O_NONBLOCK on an empty
# queue, poll flags idle and with a message waiting, a read into a buffer
# smaller than the message, message order, a read interrupted by a signal,
# a bad buffer, pread.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rpmsg-lib.sh
P=rpmsg.io

# io <prefix>: the observations on the node open as descriptor 3.
io() {
	s_p=$1
	conf-rpmsg read "$s_p.empty.read_nonblock" fd:3 512 nonblock
	conf-rpmsg poll "$s_p.empty.poll" fd:3 0
	conf-rpmsg readblock "$s_p.empty.read_signal" fd:3 512 1

	conf-rpmsg write "$s_p.small.write" fd:3 text:hello
	conf-rpmsg poll "$s_p.small.poll" fd:3 in:5000
	conf-rpmsg read "$s_p.small.read" fd:3 512
	conf-rpmsg poll "$s_p.small.poll_after" fd:3 0

	conf-rpmsg write "$s_p.mtu.write" fd:3 len:496
	conf-rpmsg read "$s_p.mtu.read" fd:3 4096 wait:5000
	for s_n in 497 512 4096 65536; do
		conf-rpmsg write "$s_p.mtu_$s_n.write" fd:3 "len:$s_n"
	done
	conf-rpmsg read "$s_p.mtu_over.nothing_back" fd:3 4096 wait:500

	conf-rpmsg write "$s_p.fault.write" fd:3 fault:16
	conf-rpmsg write "$s_p.fault_over_mtu.write" fd:3 fault:497
	conf-rpmsg read "$s_p.fault.nothing_back" fd:3 4096 wait:500

	# A zero-length write: 6.1 sends an empty message, which comes back.
	conf-rpmsg write "$s_p.zero.write" fd:3 text:
	conf-rpmsg poll "$s_p.zero.poll" fd:3 in:1000
	conf-rpmsg read "$s_p.zero.read" fd:3 512 nonblock

	# A buffer smaller than the message: the rest is lost.
	conf-rpmsg write "$s_p.trunc.write" fd:3 text:abcdefghij
	conf-rpmsg read "$s_p.trunc.read" fd:3 4 wait:5000
	conf-rpmsg read "$s_p.trunc.rest" fd:3 512 nonblock
	conf-rpmsg write "$s_p.trunc0.write" fd:3 text:abc
	conf-rpmsg read "$s_p.trunc0.read" fd:3 0 wait:5000
	conf-rpmsg read "$s_p.trunc0.rest" fd:3 512 nonblock

	# Several messages queue up and come out one per read, in order.
	for s_m in one two three; do
		conf-rpmsg write "$s_p.order.write_$s_m" fd:3 "text:$s_m"
	done
	for s_m in 1 2 3; do
		conf-rpmsg read "$s_p.order.read_$s_m" fd:3 512 wait:5000
	done
	conf-rpmsg read "$s_p.order.rest" fd:3 512 nonblock

	# pread: the file is a stream of messages.
	conf-rpmsg write "$s_p.pread.write" fd:3 text:pre
	conf-rpmsg poll "$s_p.pread.poll" fd:3 in:5000
	conf-rpmsg pread "$s_p.pread" fd:3 512 0
	conf-rpmsg read "$s_p.pread.rest" fd:3 512 nonblock

	# Bytes of every value travel unchanged.
	conf-rpmsg write "$s_p.binary.write" fd:3 'text:\x00\x01\xff\n\x7f'
	conf-rpmsg read "$s_p.binary.read" fd:3 512 wait:5000

	conf-rpmsg echo "$s_p.echo_many" fd:3 200 50 5000
}

main() {
	cr_setup

	raw=$(rpmsg_node rpmsg-raw)
	exec 3<>"$raw"
	io $P.raw
	exec 3>&-
	conf-rpmsg open $P.raw.open_nonblock "$raw" nonblock
	# What was queued when the file closed is gone.
	exec 3<>"$raw"
	conf-rpmsg write $P.raw.close_drops.write fd:3 text:left
	conf-rpmsg poll $P.raw.close_drops.poll fd:3 in:5000
	exec 3>&-
	exec 3<>"$raw"
	conf-rpmsg read $P.raw.close_drops.read fd:3 512 nonblock
	exec 3>&-

	ctl=$(rpmsg_ctrl_node)
	before=$(cr_class_now)
	conf-rpmsg ioctl $P.ept.create "$ctl" create_ept conf-io any \
		"$(rpmsg_dst rpmsg-raw)"
	if ept=$(cr_new_node conf-io "$before"); then
		exec 3<>"$ept"
		io $P.ept
		exec 3>&-
		conf-rpmsg ioctl $P.ept.destroy "$ept" destroy_ept
	else
		emit $P.ept.node none
	fi
	cr_names $P.end.names
}

main | rpmsg_norm
