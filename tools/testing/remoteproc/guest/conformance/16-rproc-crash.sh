#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Conformance: writes to debugfs "crash" (Linux 6.1 takes the crash type
# as a number) while the remote runs with recovery disabled (a crash
# leaves it crashed), runs with recovery enabled (it comes back), is
# offline and is crashed: the result of each write(2) and the state once
# the crash, if one was reported, has been handled.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rproc-lib.sh

# Invalid ones first; every accepted one reports a crash.
CASES='empty|
nl_only|\n
garbage|bogus
minus1|-1
lead_space| 1
trail_space|1 
double_nl|1\n\n
hex_bad|0xg
too_big|4294967296
huge|99999999999999999999
float|1.0
nl_then_junk|1\njunk
nul_then_junk|1\0junk
name_caps|WATCHDOG
name_prefix|watch
len4096|@4096
type0|0
type1|1
type2|2
type0_nl|0\n
type2_nl|2\n
plus|+1
hex|0x2
octal|010
type3|3
type100|100
uint_max|4294967295
zeros40|0000000000000000000000000000000000000001
name_mmu_fault|mmu-fault
name_watchdog|watchdog
name_fatal_error|fatal-error
name_fatal_error_nl|fatal-error\n'

R_ASYNC=1
# A reported crash changes no power reference: the state says it all.
R_DIRTY_ON_OK=0

# running_norecovery: running, recovery disabled.
running_norecovery() {
	r_running || return 1
	# Past our stack's crash-loop window (crashes right after a start).
	sleep 0.5
	r_put "$R_SYS/recovery" disabled
}

# r_write_table knows running, offline and crashed; this section adds a
# running remote whose recovery is disabled.
r_setup() {
	case $1 in
	running) running_norecovery ;;
	recovering) r_running && sleep 0.5 ;;
	*) r_stopped_or_crashed "$1" ;;
	esac
}
r_stopped_or_crashed() {
	case $1 in
	offline) r_stopped ;;
	crashed) r_crashed ;;
	esac
}
r_is_setup() {
	case $1 in
	running) [ "$(r_state)" = running ] &&
		[ "$(cat "$R_SYS/recovery")" = disabled ] ;;
	recovering) [ "$(r_state)" = running ] &&
		[ "$(cat "$R_SYS/recovery")" = enabled ] ;;
	offline) [ "$(r_state)" = offline ] ;;
	crashed) [ "$(r_state)" = crashed ] &&
		[ "$(cat "$R_SYS/recovery")" = disabled ] ;;
	esac
}

for st in running offline crashed; do
	r_write_table "rproc.$st.debugfs.crash.write" "$R_DBG/crash" $st "$CASES"
done

# With recovery enabled: a crash, then the remote running again.
r_write_table rproc.recovering.debugfs.crash.write "$R_DBG/crash" recovering \
'type0|0
type2_nl|2\n
name_watchdog|watchdog'

r_restore
