#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Teardown under races: for STRESS_SECONDS, one process after another does
# a random operation on the remote, chosen among sysfs start/stop,
# /dev/remoteprocN start/stop (with shutdown-on-release), a crash (debugfs
# or the firmware faulting), unbind/rebind of the platform driver, removal
# and rescan of the PCI device, unload/reload of the platform driver module,
# and loading/unloading the sample client, while clients send throughout
# (rpmsg-raw echo through /dev/rpmsgN, the control service through
# /dev/rpmsg_ctrlN).  Each operation has a deadline: none may hang.  The
# kernel log is checked for warnings/lockdep/KASAN/hung tasks by the
# harness; afterwards the platform must come back and echo.
#
# With the "kuser" feature, rproc_kuser.ko (tools/testing/remoteproc/kmod), a
# kernel user that keeps taking and dropping power references with
# rproc_boot()/rproc_shutdown(), runs throughout too, and the operations
# also unload, load and reload it (unloading while it holds a power
# reference).  Every unload must succeed and log its summary line; the
# module must have booted the remote, never lost or leaked a power
# reference, and once it is gone user space must be able to stop the remote.
. "$(dirname "$0")/lib.sh"
T=stress
if [ "$RPT_FLAVOUR" = debug ]; then
	STRESS_SECONDS=${STRESS_SECONDS:-45}
else
	STRESS_SECONDS=${STRESS_SECONDS:-30}
fi
DRV=$RP_PCI_DRV
OP_DEADLINE=60

require_remote $T
require_features $T rpmsg rproc-virtio rpmsg-char fw-rpmsg fw-test-ctrl

rp_boot_default || not_ok "$T: setup" "cannot boot the default firmware"
BDF=$(rp_pci_bdf)
if [ -z "$BDF" ] || [ ! -e "$DRV/$BDF" ]; then
	not_ok "$T: setup" "cannot find the PCI device of the remote"
	finish
fi
info "$T: PCI device $BDF, $STRESS_SECONDS s"

# ---- clients, in the background until /tmp/stress.stop exists ----
rm -f /tmp/stress.stop /tmp/stress.echo /tmp/stress.ctrl
client_echo() {
	while [ ! -e /tmp/stress.stop ]; do
		n=$(rpmsg_node rpmsg-raw) && [ -c "$n" ] &&
			timeout 30 rpmsg-tool echo "$n" 1 >/dev/null 2>&1 &&
			echo ok >>/tmp/stress.echo
		sleep 0.05
	done
}
client_ctrl() {
	while [ ! -e /tmp/stress.stop ]; do
		c=$(rpmsg_ctrl_node) && d=$(rpmsg_dst rpmsg-test-ctrl) &&
			timeout 30 rpmsg-tool cmd "$c" rpmsg-test-ctrl "$d" counters 2000 \
				>/dev/null 2>&1 && echo ok >>/tmp/stress.ctrl
		sleep 0.1
	done
}
client_echo &
p1=$!
client_echo &
p2=$!
client_ctrl &
p3=$!

# ---- the operations ----
cdev_node() {
	_s=$(rp_sysfs) || return 1
	echo "/dev/${_s##*/}"
}
bound() { [ -e "$DRV/$BDF" ]; }
module_loaded() { grep -q '^ivshmem_rproc ' /proc/modules; }

# rproc_kuser: every unload is recorded in /tmp/stress.kuser as "ok <its
# summary line>" or "failed <rmmod's message>".
kuser_loaded() { grep -q '^rproc_kuser ' /proc/modules; }
kuser_load() {
	kuser_loaded || insmod "$MODDIR/rproc_kuser.ko"
}
kuser_unload() {
	kuser_loaded || return 0
	_tag=kuser-$$-$(date +%s)-$(rand 65536)
	kmsg_mark "$_tag"
	if _err=$(rmmod rproc_kuser 2>&1); then
		_line=$(kmsg_since "$_tag" | grep -o 'rproc_kuser: [0-9]* boots.*')
		echo "ok $_line" >>/tmp/stress.kuser
	else
		echo "failed $_err" >>/tmp/stress.kuser
		return 1
	fi
}

op() {
	case $1 in
	0) rp_write state start ;;
	1) rp_write state stop ;;
	2) n=$(cdev_node) && rproc-cdev hold "$n" 1 start 0 ;;
	3) n=$(cdev_node) && rproc-cdev write "$n" stop ;;
	4) echo fatal-error >"$(rp_debugfs)/crash" ;;
	5) rpmsg_ctrl_cmd crash 1000 ;;
	6) bound && echo "$BDF" >"$DRV/unbind" ;;
	7) module_loaded && ! bound && echo "$BDF" >"$DRV/bind" ;;
	8) echo 1 >"/sys/bus/pci/devices/$BDF/remove" ;;
	9) echo 1 >/sys/bus/pci/rescan ;;
	10) rmmod ivshmem_rproc ;;
	11) module_loaded || insmod "$MODDIR/ivshmem_rproc.ko" ;;
	12) insmod "$MODDIR/rpmsg_client_sample.ko" ;;
	13) rmmod rpmsg_client_sample ;;
	14) echo watchdog >"$(rp_debugfs)/crash" ;;
	15) kuser_unload ;;
	16) kuser_load ;;
	17) kuser_unload && kuser_load ;;
	esac
}
NOPS=15
KUSER=0
if have_feature kuser; then
	KUSER=1
	NOPS=18
fi

rm -f /tmp/stress.kuser
if [ "$KUSER" = 1 ]; then
	kmsg_mark stress-kuser
	check "$T: rproc_kuser loads" "insmod rproc_kuser.ko failed" kuser_load
else
	skip "$T: rproc_kuser" "not in this build yet: kuser"
fi

end=$(( $(date +%s) + STRESS_SECONDS ))
ops=0
hung=0
while [ "$(date +%s)" -lt "$end" ]; do
	o=$(rand $NOPS)
	run_deadline $OP_DEADLINE op $o >/dev/null 2>&1
	if [ $? -eq 124 ]; then
		hung=$((hung + 1))
		info "$T: operation $o hit the deadline"
	fi
	ops=$((ops + 1))
	sleep 0.$(rand 5)
done
e=$(wc -l </tmp/stress.echo 2>/dev/null || echo 0)
c=$(wc -l </tmp/stress.ctrl 2>/dev/null || echo 0)
info "$T: $ops operations; $e echo runs and $c control commands succeeded meanwhile"
# How many get through during the operations depends on the host's load
# (none, on a loaded debug kernel); what must hold is that the clients,
# which kept going through it all, get through once the remote is back.
rp_platform_back "$BDF" >/dev/null 2>&1
[ "$(rp_state)" = running ] || rp_boot_default >/dev/null 2>&1
_t=$((TMO_STATE * 20))
while [ $_t -gt 0 ] &&
      [ "$(wc -l </tmp/stress.echo 2>/dev/null || echo 0)" -le "$e" ]; do
	sleep 0.1
	_t=$((_t - 1))
done
touch /tmp/stress.stop
wait $p1 $p2 $p3
check "$T: $ops operations, none hung" "$hung hit the ${OP_DEADLINE}s deadline" \
	[ "$hung" -eq 0 ]
e2=$(wc -l </tmp/stress.echo 2>/dev/null || echo 0)
check "$T: clients get through once the remote is back" \
	"no echo run succeeded in $((TMO_STATE * 2)) s (state '$(rp_state)')" \
	[ "$e2" -gt "$e" ]

if [ "$KUSER" = 1 ]; then
	kuser_unload
	touch /tmp/stress.kuser
	n=$(wc -l </tmp/stress.kuser)
	bad=$(grep -c '^failed' /tmp/stress.kuser)
	grep '^failed' /tmp/stress.kuser | show
	check "$T: every rmmod of rproc_kuser succeeded" "$bad of $n failed" \
		[ "$n" -gt 0 -a "$bad" -eq 0 ]
	boots=0
	lines=0
	while read -r res line; do
		[ "$res" = ok ] || continue
		info "$T: ${line:-rproc_kuser: no summary line}"
		[ -n "$line" ] || continue
		lines=$((lines + 1))
		b=$(echo "$line" | sed -n 's/^rproc_kuser: \([0-9]*\) boots.*/\1/p')
		boots=$((boots + ${b:-0}))
	done </tmp/stress.kuser
	check "$T: rproc_kuser logged its summary at each unload" \
		"$lines summary lines for $((n - bad)) unloads" \
		[ "$lines" -eq $((n - bad)) ]
	check "$T: rproc_kuser booted the remote" "$boots boots in all" \
		[ "$boots" -gt 0 ]
	# The summary line says "LOST n" or "LEFT BEHIND n" when that happened.
	check "$T: rproc_kuser never lost or leaked a power reference" \
		"see its summary lines above" \
		sh -c '! grep -qE "^ok .*(LOST|LEFT BEHIND)" /tmp/stress.kuser'
fi

# ---- back to normal ----
rp_platform_back "$BDF"
lsmod | grep -q '^rpmsg_client_sample ' && rmmod rpmsg_client_sample
check "$T: the remote is back" "no remote in /sys/class/remoteproc" rp_sysfs
# With rproc_kuser gone no kernel user may hold a power reference: "stop"
# must not find one (it would refuse with EBUSY).
if [ "$KUSER" = 1 ]; then
	if rp_offline; then
		ok "$T: no power reference left behind"
	else
		not_ok "$T: no power reference left behind" \
			"the remote does not go offline (state '$(rp_state)')"
	fi
fi
rp_boot_default
check "$T: running again" "state is '$(rp_state)'" [ "$(rp_state)" = running ]
check "$T: echo works again" "rpmsg-raw does not echo" \
	sh -c '. /usr/share/rpt/lib.sh; n=$(rpmsg_wait_node rpmsg-raw) && rpmsg-tool echo "$n" 1 >/dev/null'
finish
