#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The storm: rproc-storm (guest-tools/rproc-storm.c), several processes of
# several threads, issues random operations, well-formed and not, on every
# user interface of the subsystem: /dev/remoteprocN, the remote's sysfs and
# debugfs files, device coredumps, /dev/rpmsg_ctrlN (every RPMSG_* ioctl),
# /dev/rpmsgN (I/O of any size, poll, epoll, close while in use),
# driver_override, bind and unbind on the rpmsg bus.  Meanwhile a controller
# stops, starts, crashes (debugfs, firmware fault) and recovers the remote and
# unbinds and rebinds the platform driver.  Every operation of either has a
# deadline: none may hang.  The storm must see no impossible result (a read
# or write returning more than asked, more than the MTU through an endpoint).
# Afterwards the platform must work again (the default firmware runs,
# rpmsg-raw echoes) and the same objects must be there as before (the
# remoteproc, rpmsg and virtio devices and nodes), none with a higher id:
# the driver is rebound first on both sides (rp_settle), so that a leaked
# id would push the new objects to higher numbers.  The harness
# scans the kernel log for splats; 99-kmemleak looks for leaks.
#
# Knobs on the kernel command line: rpt.storm_secs=<s> (default 30; make
# soak: minutes), rpt.storm_seed=<n> replays a storm's choices (each thread
# prints its own seed too), rpt.storm_procs, rpt.storm_threads.
# rpt-timeout: 240
. "$(dirname "$0")/lib.sh"
T=storm
STORM_SECS=$(rpt_param storm_secs 30)
STORM_SEED=$(rpt_param storm_seed)
STORM_PROCS=$(rpt_param storm_procs 3)
STORM_THREADS=$(rpt_param storm_threads 2)
if [ "$RPT_FLAVOUR" = debug ]; then
	OP_DEADLINE=180
else
	OP_DEADLINE=60
fi

require_remote $T
require_features $T rpmsg rproc-virtio rpmsg-char fw-rpmsg fw-test-ctrl

BDF=$(rp_pci_bdf) || { not_ok "$T: setup" "no ivshmem PCI device"; finish; }
if ! rp_settle; then
	not_ok "$T: setup" "the platform does not settle (state '$(rp_state)')"
	finish
fi
rpt_ids >/tmp/storm.ids.before

# Firmware names the storm writes: the default one first (most often), a
# few good and bad ones (not those of known hangs), one that does not exist.
fw=$RP_FW_DEFAULT
for f in rproc-emu-1m.elf rproc-emu-dump.elf rproc-emu-fault.elf \
	 rproc-emu-hang.elf bad-not-elf.elf bad-rsc-bad-version.elf; do
	[ -e "$FW_DIR/$f" ] && fw="$fw,$f"
done
fw="$fw,no-such-firmware.elf"

# ---- the controller, in the background until /tmp/storm.stop ----
rm -f /tmp/storm.stop
: >/tmp/storm.ctl
: >/tmp/storm.hung
ctl_op() {
	case $1 in
	0|1) rp_write firmware "$RP_FW_DEFAULT"; rp_write state start ;;
	2) rp_write state stop ;;
	3) echo fatal-error >"$(rp_debugfs)/crash" ;;
	4) echo watchdog >"$(rp_debugfs)/crash" ;;
	5) echo mmu-fault >"$(rp_debugfs)/crash" ;;
	6) rp_write recovery recover ;;
	7) rp_write recovery enabled ;;
	8) rpmsg_ctrl_cmd crash 1000 ;;
	9) echo "$BDF" >"$RP_PCI_DRV/unbind"
	   sleep 0.$(rand 10)
	   echo "$BDF" >"$RP_PCI_DRV/bind" ;;
	10) devcd_dismiss ;;
	esac
}
controller() {
	while [ ! -e /tmp/storm.stop ]; do
		o=$(rand 11)
		run_deadline $OP_DEADLINE ctl_op $o >/dev/null 2>&1
		[ $? -eq 124 ] && echo "$o" >>/tmp/storm.hung
		echo "$o" >>/tmp/storm.ctl
		sleep 0.$(rand 10)
	done
}
# Off the runner's pipe: a helper stuck in the kernel must not hold it.
controller </dev/null >/dev/null 2>&1 &
ctl_pid=$!

# ---- the storm ----
info "$T: $STORM_SECS s, $STORM_PROCS x $STORM_THREADS threads, firmware $fw"
t0=$(date +%s)
rm -f /tmp/storm.out
rproc-storm -t "$STORM_SECS" -j "$STORM_PROCS" -T "$STORM_THREADS" \
	-d "$OP_DEADLINE" -F "$fw" ${STORM_SEED:+-s "$STORM_SEED"} \
	</dev/null >/tmp/storm.out 2>&1 &
storm_pid=$!
tail -f /tmp/storm.out 2>/dev/null &
tail_pid=$!
wait $storm_pid
rc=$?
sleep 0.2
kill $tail_pid 2>/dev/null
wait $tail_pid 2>/dev/null
touch /tmp/storm.stop
devcd_dismiss
wait $ctl_pid
summary=$(sed -n 's/^storm: \([0-9]* ops in .*\)$/\1/p' /tmp/storm.out)
seed=$(sed -n 's/^storm: seed \(0x[0-9a-f]*\),.*/\1/p' /tmp/storm.out)
case $rc in
0) ok "$T: $summary" ;;
1) not_ok "$T: storm" "impossible results (seed $seed): $(grep ANOMALY /tmp/storm.out | head -n 3)" ;;
3) not_ok "$T: storm" "operations stuck for ${OP_DEADLINE}s (seed $seed): $(grep STUCK /tmp/storm.out | head -n 3)" ;;
*) not_ok "$T: storm" "rproc-storm exited with $rc (seed $seed)" ;;
esac
if [ "$rc" -eq 3 ]; then
	# Whatever holds the lock holds it still: the checks below would hang.
	not_ok "$T: afterwards" "not checked: the storm left operations stuck"
	finish
fi
nctl=$(wc -l </tmp/storm.ctl)
nhung=$(wc -l </tmp/storm.hung)
check "$T: $nctl controller operations, none hung" \
	"$nhung hit the ${OP_DEADLINE}s deadline (operations $(tr '\n' ' ' </tmp/storm.hung))" \
	[ "$nhung" -eq 0 ]
info "$T: $(($(date +%s) - t0)) s in all; controller ops by kind: $(sort -n /tmp/storm.ctl | uniq -c | tr -s ' \n' ' ')"

# ---- afterwards ----
if diff=$(rpt_ids_settled /tmp/storm.ids.before /tmp/storm.ids.after); then
	ok "$T: the default firmware runs and echoes again"
	ok "$T: the same objects and no higher ids than before ($(wc -l </tmp/storm.ids.after))"
elif [ "$diff" = "the platform does not settle" ]; then
	not_ok "$T: the default firmware runs and echoes again" \
		"state '$(rp_state)', channels: $(ls /sys/bus/rpmsg/devices 2>&1 | tr '\n' ' ')"
else
	ok "$T: the default firmware runs and echoes again"
	not_ok "$T: the same objects and no higher ids than before" "$diff"
fi
finish
