#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Conformance: /dev/remoteprocN.  Its mode; writes of the commands and of
# invalid text in each state, with the state after each; the ioctls
# (valid and invalid arguments, bad pointers, unknown commands); the other
# file operations; and what closing a file whose shutdown-on-release flag
# is set does in each state.  conf-rproc (guest-tools/) makes the calls.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rproc-lib.sh

conf_mode rproc.cdev.mode "$R_NODE"

# <case>|<bytes>, one write(2) each: invalid ones first.
CASES='empty|
nl_only|\n
garbage|bogus
caps_Start|Start
longer_starts|starts
lead_space| start
trail_space|start 
double_nl|start\n\n
nul_only|\0
nul_then_junk|start\0junk
stopp|stopp
len10|stopstopst
len11|stopstopsto
len16|@16
len17|@17
len4096|@4096
prefix_s|s
prefix_star|star
prefix_sto|sto
prefix_d|d
start_nul|start\0
start|start
start_nl|start\n
stop|stop
stop_nl|stop\n
detach|detach
detach_nl|detach\n'

for st in running offline crashed; do
	r_write_table "rproc.$st.cdev.write" "$R_NODE" $st "$CASES"
done

# The ioctls and the other calls, on a running remote: none of them
# changes its state.
r_running
conf-rproc ioctls rproc.cdev.ioctl "$R_NODE"
emit rproc.cdev.ioctl.state "$(r_state)"
conf-rproc calls rproc.cdev.call "$R_NODE"
emit rproc.cdev.call.state "$(r_state)"

# Shutdown on release: close a file with the flag in each state; with a
# command written through it; with the flag cleared again.
# hold_case <key> <state> <flag|-> <command|->
hold_case() {
	r_setup "$2" || { emit "$1" SETUP-FAILED; return; }
	conf-rproc hold "$1" "$R_NODE" "$3" "$4"
	emit "$1.state" "$(r_state)"
	# Whatever 6.1 left set on the remote: clear it.
	conf-rproc hold setup "$R_NODE" 0 - >/dev/null
}
hold_case rproc.cdev.release.running.flag1 running 1 -
hold_case rproc.cdev.release.running.flag0 running 0 -
hold_case rproc.cdev.release.running.noflag running - -
hold_case rproc.cdev.release.offline.flag1 offline 1 -
hold_case rproc.cdev.release.offline.flag1_start offline 1 start
hold_case rproc.cdev.release.offline.flag0_start offline 0 start
hold_case rproc.cdev.release.running.flag1_stop running 1 stop
hold_case rproc.cdev.release.crashed.flag1 crashed 1 -
hold_case rproc.cdev.release.crashed.flag1_stop crashed 1 stop

# A file with the flag set, the remote stopped and started meanwhile
# through sysfs: closing it stops the remote that runs then.
r_running
conf-rproc hold-run rproc.cdev.release.restarted "$R_NODE" 1 \
	"conf-io write $R_SYS/state stop >/dev/null;
	 conf-io write $R_SYS/state start >/dev/null;
	 echo rproc.cdev.release.restarted.state_before \$(cat $R_SYS/state)"
emit rproc.cdev.release.restarted.state "$(r_state)"
conf-rproc hold setup "$R_NODE" 0 - >/dev/null

# Whose is the flag: the file's (ours) or the remote's (6.1)?
r_running
conf-rproc two-files rproc.cdev.flag_owner "$R_NODE"
emit rproc.cdev.flag_owner.state "$(r_state)"
r_running
conf-rproc other-close rproc.cdev.flag_owner.other_close "$R_NODE" "$R_SYS/state"
conf-rproc hold setup "$R_NODE" 0 - >/dev/null

r_restore
