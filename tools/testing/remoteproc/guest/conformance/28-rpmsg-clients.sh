#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Linux 6.1's own rpmsg clients on each stack, each stack's build of them
# (stack_client): what samples/rpmsg/rpmsg_client_sample.c prints (its
# kernel log lines, the only ones the suite compares) and which channel it
# binds; the /dev/ttyRPMSGN that drivers/tty/rpmsg_tty.c creates, its mode,
# and an echo through it.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rpmsg-lib.sh
P=rpmsg.client

# The kernel log since the marker: lines of the sample, without the
# timestamp; the module name (the stacks build it under different names)
# shows as rpmsg_client_sample.
sample_log() {
	kmsg_since "$1" | sed -n 's/^\[[^]]*\] //p' |
		grep -E '^rpmsg_client_sample|rpmsg sample client' |
		sed 's/^rpmsg_client_sample[A-Za-z0-9_]*/rpmsg_client_sample/'
}

# modname <ko>: the module name insmod registers.
modname() {
	basename "$1" .ko | tr - _
}

tty_node() {
	for s_n in /dev/ttyRPMSG*; do
		[ -c "$s_n" ] && { echo "$s_n"; return 0; }
	done
	return 1
}

no_tty_node() {
	! ls /dev/ttyRPMSG* >/dev/null 2>&1
}

sample() {
	ko=$(stack_client "$CONF_STACK" sample)
	if [ ! -e "$ko" ]; then
		emit $P.sample.module "missing"
		return 0
	fi
	m=$(modname "$ko")
	c=$(rpmsg_channel rpmsg-client-sample)
	mark=conf-rpmsg-sample-$CONF_STACK-$$
	kmsg_mark "$mark"
	emit $P.sample.insmod "$(insmod "$ko" 2>&1 && echo OK)"
	cr_until $((TMO_RPMSG * 10)) sh -c \
		"dmesg | sed -n '/rpt: mark $mark\$/,\$p' | grep -q 'goodbye!'"
	emit $P.sample.driver "$(cr_link "$c/driver" |
		sed 's/^rpmsg_client_sample[A-Za-z0-9_]*/rpmsg_client_sample/')"
	conf_read $P.sample.src "$c/src"
	conf_read $P.sample.announce "$c/announce"
	emit $P.sample.rmmod "$(rmmod "$m" 2>&1 && echo OK)"
	emit $P.sample.unbound "$(cr_link "$c/driver")"
	conf_read $P.sample.src_after "$c/src"
	sample_log "$mark" >/tmp/conf-rpmsg-sample
	emit $P.sample.log.lines "$(wc -l </tmp/conf-rpmsg-sample)"
	s_i=0
	while IFS= read -r s_l; do
		s_i=$((s_i + 1))
		emit "$P.sample.log.$(printf %03d $s_i)" "$s_l"
	done </tmp/conf-rpmsg-sample
	rm -f /tmp/conf-rpmsg-sample
}

tty() {
	ko=$(stack_client "$CONF_STACK" tty)
	if [ ! -e "$ko" ]; then
		emit $P.tty.module "missing"
		return 0
	fi
	m=$(modname "$ko")
	c=$(rpmsg_channel rpmsg-tty)
	mark=conf-rpmsg-tty-$CONF_STACK-$$
	kmsg_mark "$mark"
	emit $P.tty.insmod "$(insmod "$ko" 2>&1 && echo OK)"
	if n=$(cr_until $((TMO_RPMSG * 10)) tty_node); then
		emit $P.tty.node "$n"
		conf_mode $P.tty.node.mode "$n"
		emit $P.tty.driver "$(cr_link "$c/driver" |
			sed 's/^rpmsg_tty[A-Za-z0-9_]*/rpmsg_tty/')"
		conf_read $P.tty.src_dyn "$c/src"
		conf-rpmsg tty $P.tty.echo "$n" 'hello tty\n' 5000
		conf-rpmsg tty $P.tty.echo_long "$n" \
			"$(head -c 200 /dev/zero | tr '\0' x)" 5000
	else
		emit $P.tty.node none
	fi
	emit $P.tty.log "$(kmsg_since "$mark" | grep -c rpmsg_tty)"
	# The tty layer drops its module reference a moment after the close.
	cr_until 50 rmmod "$m" 2>/dev/null
	emit $P.tty.rmmod "$(lsmod | grep -q "^$m " && echo busy || echo OK)"
	cr_until 50 no_tty_node
	emit $P.tty.node_after "$(tty_node || echo none)"
	emit $P.tty.unbound "$(cr_link "$c/driver")"
}

main() {
	cr_setup
	sample
	tty
}

main | rpmsg_norm
