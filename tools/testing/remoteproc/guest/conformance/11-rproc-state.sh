#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Conformance: writes to /sys/class/remoteproc/remoteprocN/state while the
# remote runs, is offline and is crashed: the result of each write(2)
# (valid commands, with and without a newline, and a table of invalid
# ones) and the state right after it.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rproc-lib.sh

# <case>|<bytes>: invalid ones first (they change nothing), then the
# commands, each from a fresh setup.
CASES='empty|
nl_only|\n
garbage|bogus
prefix_star|star
longer_starts|starts
caps_Start|Start
lead_space| start
trail_space|start 
tab|start\t
double_nl|start\n\n
crlf|start\x0d\n
nul_then_junk|start\0junk
nl_then_junk|start\njunk
junk_nul|bogus\0start
stopp|stopp
len255|@255
len4095|@4095
len4096|@4096
len4097|@4097
start|start
start_nl|start\n
stop|stop
stop_nl|stop\n
detach|detach
detach_nl|detach\n'

for st in running offline crashed; do
	r_write_table "rproc.$st.sysfs.state.write" "$R_SYS/state" $st "$CASES"
done

r_restore
