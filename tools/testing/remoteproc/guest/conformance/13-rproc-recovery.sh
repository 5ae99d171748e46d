#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Conformance: the recovery setting, through sysfs and through debugfs,
# while the remote runs, is offline and is crashed (recovery disabled):
# the result of each write(2), what both files read afterwards, and the
# state (writing "enabled" or "recover" to a crashed remote recovers it).
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rproc-lib.sh

CASES='empty|
nl_only|\n
enabled|enabled
enabled_nl|enabled\n
disabled|disabled
disabled_nl|disabled\n
recover|recover
recover_nl|recover\n
double_nl|enabled\n\n
crlf|enabled\x0d\n
caps|Enabled
lead_space| enabled
trail_space|enabled 
nul_then_junk|disabled\0junk
nl_then_junk|disabled\njunk
prefix_e|e
prefix_dis|dis
prefix_rec|rec
prefix_e_nl|e\n
longer|enabledd
number0|0
number1|1
yes|yes
len10|disabled\n\0
len11|disabled\n\0\0
len16|@16
len4096|@4096
len4097|@4097'

# Both files, after each write; then the setting of the setup back.
show_recovery() {
	conf_read "$1.sysfs_reads" "$R_SYS/recovery"
	conf_read "$1.debugfs_reads" "$R_DBG/recovery"
	if [ "$(r_state)" = crashed ]; then
		r_put "$R_SYS/recovery" disabled
	else
		r_put "$R_SYS/recovery" enabled
	fi
}
r_after_write=show_recovery
R_DIRTY_ON_OK=0

for st in running offline crashed; do
	for where in sysfs debugfs; do
		if [ $where = sysfs ]; then
			f=$R_SYS/recovery
		else
			f=$R_DBG/recovery
		fi
		r_write_table "rproc.$st.$where.recovery.write" "$f" $st "$CASES"
	done
done

r_restore
