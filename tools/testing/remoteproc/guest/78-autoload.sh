#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Module autoload, as on a board running a distribution: with the uevent
# listener on (/usr/share/rpt/autoload, what /init starts with
# rpt.autoload=1), a client module nobody loaded is modprobe'd from
# /lib/modules/$(uname -r) when the firmware announces its channel: our
# sample, the one module that owns rpmsg:rpmsg-client-sample in the depmod
# tree, and 6.1's rpmsg_tty, which creates /dev/ttyRPMSGN.  Turning the
# listener on loads the clients of the channels already there; with it off,
# nothing loads by itself.  The script itself never runs insmod or modprobe;
# the listener's state from before is restored at the end.
. "$(dirname "$0")/lib.sh"
T=autoload
AUTOLOAD=/usr/share/rpt/autoload
KDIR=/lib/modules/$(uname -r)
CLIENTS="rpmsg_client_sample rpmsg_tty_61"

require_remote $T
require_features $T rpmsg rproc-virtio fw-rpmsg sample tty-61
if [ ! -x $AUTOLOAD ] || [ ! -r "$KDIR/modules.alias" ]; then
	not_ok "$T: setup" "no $AUTOLOAD or $KDIR/modules.alias"
	finish
fi

# ---- the depmod tree ----------------------------------------------------

# owners <alias>: the modules that declare it, space-separated.
owners() {
	awk -v a="$1" '$1 == "alias" && $2 == a { printf "%s ", $3 }' \
		"$KDIR/modules.alias"
}
o=$(owners rpmsg:rpmsg-client-sample)
check "$T: rpmsg:rpmsg-client-sample owned by our sample alone" \
	"owners: '$o'" [ "$o" = "rpmsg_client_sample " ]
o=$(owners rpmsg:rpmsg-tty)
check "$T: rpmsg:rpmsg-tty owned by rpmsg_tty_61" "owners: '$o'" \
	[ "$o" = "rpmsg_tty_61 " ]
check "$T: modules.dep: the sample needs rpmsg_core" \
	"$(grep rpmsg_client_sample "$KDIR/modules.dep")" \
	grep -qx 'extra/rpmsg_client_sample.ko: extra/rpmsg_core.ko' \
	"$KDIR/modules.dep"

# ---- helpers ------------------------------------------------------------

is_loaded() {
	grep -q "^$1 " /proc/modules
}

# The clients (and 6.1's sample, which must never come by alias) loaded.
clients_loaded() {
	for _m in $CLIENTS rpmsg_client_sample_61; do
		is_loaded "$_m" && printf '%s ' "$_m"
	done
	return 0
}

# wait_loaded <module>: within the rpmsg timeout.
wait_loaded() {
	_t=$((TMO_RPMSG * 10))
	while ! is_loaded "$1"; do
		[ $_t -gt 0 ] || return 1
		sleep 0.1
		_t=$((_t - 1))
	done
}

# Unload the clients; the tty layer may keep rpmsg_tty_61 busy for a moment
# after the last close.
unload_clients() {
	for _m in $CLIENTS rpmsg_client_sample_61; do
		_t=$((TMO_RPMSG * 10))
		while is_loaded "$_m" && ! rmmod "$_m" 2>/dev/null &&
		      [ $_t -gt 0 ]; do
			sleep 0.1
			_t=$((_t - 1))
		done
	done
	[ -z "$(clients_loaded)" ]
}

tty_node() {
	_t=$((TMO_RPMSG * 10))
	while [ $_t -gt 0 ]; do
		for _n in /dev/ttyRPMSG*; do
			[ -c "$_n" ] && { echo "$_n"; return 0; }
		done
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# wait_channels: both client channels announced.
wait_channels() {
	rpmsg_wait_channel rpmsg-client-sample && rpmsg_wait_channel rpmsg-tty
}

# restart <phase>: stop the remote, unload the clients, mark the kernel
# log with "<T>-<phase>", start the remote and wait for its channels.
restart() {
	expect_write "$T: $1: stop" state stop OK
	check "$T: $1: offline" "state is '$(rp_state)'" rp_wait_state offline
	check "$T: $1: no client loaded" "still loaded: $(clients_loaded)" \
		unload_clients
	kmsg_mark "$T-$1"
	expect_write "$T: $1: start" state start OK
	check "$T: $1: running" "state is '$(rp_state)'" rp_wait_state running
	check "$T: $1: channels announced" \
		"no rpmsg-client-sample or rpmsg-tty channel" wait_channels
}

# ---- the state /init left --------------------------------------------------

prev=$($AUTOLOAD status)
want=off
grep -qw 'rpt.autoload=1' /proc/cmdline && want=on
check "$T: listener $want as rpt.autoload says" "it is $prev" [ "$prev" = "$want" ]

[ "$(rp_state)" = running ] || rp_boot_default ||
	not_ok "$T: setup" "cannot boot the default firmware"

# ---- off: nothing loads by itself ---------------------------------------------

$AUTOLOAD off
check "$T: off: listener stopped" "status: $($AUTOLOAD status)" \
	[ "$($AUTOLOAD status)" = off ]
restart off
# When on, the clients load within a second of their channels (see below);
# give them several times that.
if [ "$RPT_FLAVOUR" = debug ]; then sleep 10; else sleep 3; fi
loaded=$(clients_loaded)
check "$T: off: no client loaded by itself" "loaded: $loaded" [ -z "$loaded" ]
lines=$(kmsg_since "$T-off" | grep 'rpt-autoload:')
check "$T: off: no autoload in the kernel log" "$lines" [ -z "$lines" ]

# ---- on, with the channels already there: coldplug ------------------------------

kmsg_mark "$T-coldplug"
if out=$($AUTOLOAD on 2>&1); then
	ok "$T: on"
else
	not_ok "$T: on" "$out"
fi
check "$T: on: listener running" "status: $($AUTOLOAD status)" \
	[ "$($AUTOLOAD status)" = on ]
for m in $CLIENTS; do
	check "$T: coldplug: $m loaded" "not in /proc/modules" wait_loaded "$m"
done
check "$T: coldplug: logged" "$(kmsg_since "$T-coldplug" | grep rpt-autoload)" \
	rpmsg_wait_kmsg "$T-coldplug" \
	'rpt-autoload: rpmsg:rpmsg-client-sample: modprobe loaded rpmsg_client_sample$'

# ---- on: the remote announces its channels -----------------------------------

restart on
for m in $CLIENTS; do
	check "$T: on: $m loaded" "not in /proc/modules" wait_loaded "$m"
done
kmsg_since "$T-on" | grep -E 'rpt-autoload|rpmsg_client_sample|rpmsg_tty' | show
check "$T: on: the listener loaded the sample" "no rpt-autoload line" \
	rpmsg_wait_kmsg "$T-on" \
	'rpt-autoload: rpmsg:rpmsg-client-sample: modprobe loaded rpmsg_client_sample$'
check "$T: on: the listener loaded rpmsg_tty_61" "no rpt-autoload line" \
	rpmsg_wait_kmsg "$T-on" \
	'rpt-autoload: rpmsg:rpmsg-tty: modprobe loaded rpmsg_tty_61$'
check "$T: on: 6.1's sample not loaded" "it is" \
	sh -c '! grep -q "^rpmsg_client_sample_61 " /proc/modules'
c=$(rpmsg_channel rpmsg-client-sample)
check "$T: on: sample bound to its channel" \
	"driver is '$(readlink "$c/driver")'" \
	sh -c "[ \"\$(basename \"\$(readlink '$c/driver')\")\" = rpmsg_client_sample ]"
check "$T: on: the sample exchanged its 100 messages" \
	"$(kmsg_since "$T-on" | grep rpmsg_client_sample | tail -n 3)" \
	rpmsg_wait_kmsg "$T-on" \
	'rpmsg_client_sample .*: 100 messages exchanged with 0x[0-9a-f]+, goodbye$'
if tty=$(tty_node); then
	ok "$T: on: $tty appeared"
	if out=$(rpmsg-tool tty "$tty" 1 2>&1); then
		ok "$T: on: $tty echoes"
	else
		not_ok "$T: on: $tty echoes" "$out"
	fi
else
	not_ok "$T: on: /dev/ttyRPMSG* appeared" "no node"
fi

check "$T: clients unloaded" "still loaded: $(clients_loaded)" unload_clients
errs=$(kmsg_errors_since "$T-off")
check "$T: no errors in the kernel log" "$errs" [ -z "$errs" ]

# ---- the state from before -------------------------------------------------

[ "$prev" = on ] || $AUTOLOAD off
check "$T: listener $prev again" "status: $($AUTOLOAD status)" \
	[ "$($AUTOLOAD status)" = "$prev" ]
finish
