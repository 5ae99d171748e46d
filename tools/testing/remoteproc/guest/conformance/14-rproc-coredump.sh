#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Conformance: the coredump setting, through sysfs and through debugfs,
# while the remote runs, is offline and is crashed (recovery disabled, so
# the setting cannot change): the result of each write(2) and what both
# files read afterwards.  No crash is dumped here (53-coredump.sh does
# that): the setting goes back to "disabled" before any crash.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rproc-lib.sh

CASES='empty|
nl_only|\n
disabled|disabled
disabled_nl|disabled\n
enabled|enabled
enabled_nl|enabled\n
inline|inline
inline_nl|inline\n
default|default
double_nl|inline\n\n
crlf|inline\x0d\n
caps|Inline
lead_space| inline
trail_space|inline 
nul_then_junk|inline\0junk
nl_then_junk|inline\njunk
prefix_i|i
prefix_en|en
prefix_i_nl|i\n
longer|inlinee
number0|0
number1|1
len20|inline\n\0\0\0\0\0\0\0\0\0\0\0\0\0
len21|inline\n\0\0\0\0\0\0\0\0\0\0\0\0\0\0
len4096|@4096
len4097|@4097'

show_coredump() {
	conf_read "$1.sysfs_reads" "$R_SYS/coredump"
	conf_read "$1.debugfs_reads" "$R_DBG/coredump"
	# Back to the baseline before anything could crash.
	r_put "$R_SYS/coredump" disabled
}
r_after_write=show_coredump
R_DIRTY_ON_OK=0

for st in running offline crashed; do
	for where in sysfs debugfs; do
		if [ $where = sysfs ]; then
			f=$R_SYS/coredump
		else
			f=$R_DBG/coredump
		fi
		r_write_table "rproc.$st.$where.coredump.write" "$f" $st "$CASES"
	done
done

r_restore
