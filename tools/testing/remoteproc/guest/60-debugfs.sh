#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# debugfs: name, resource_table and carveout_memories are readable and
# sensible (in Linux 6.1's layout) while the remote runs and while it is
# offline; crash takes 6.1's numeric crash types (and our names); recovery
# and coredump take what 6.1 takes, with its length limits.
. "$(dirname "$0")/lib.sh"
T=debugfs

require_remote $T
D=$(rp_debugfs)

# readable <name> <file>: reading succeeds; prints the content.
readable() {
	if out=$(cat "$2" 2>&1); then
		ok "$1 readable"
		echo "$out" | head -n 40 | show
		return 0
	fi
	not_ok "$1 readable" "$out"
	return 1
}

# has_line <file> <line>: the file has exactly that line.
has_line() {
	grep -qxF "$2" "$1"
}

for phase in running offline; do
	if [ $phase = running ]; then
		rp_boot_default || not_ok "$T: setup" "cannot boot"
	else
		rp_offline || not_ok "$T: setup" "cannot stop"
	fi
	check "$T: directory ($phase)" "$D missing" [ -d "$D" ]

	if readable "$T: name ($phase)" "$D/name"; then
		check "$T: name content ($phase)" "no '$RP_NAME' in name" \
			grep -q "$RP_NAME" "$D/name"
	fi
	if readable "$T: resource_table ($phase)" "$D/resource_table"; then
		if [ $phase = running ]; then
			# The default firmware's table, in 6.1's layout: a
			# trace buffer "trace0", a carveout "fw-heap", a vdev
			# (tools/remoteproc/firmware/heartbeat.c).
			check "$T: resource_table entry 0 is the trace" \
				"no 'Entry 0 is of type trace'" \
				has_line "$D/resource_table" "Entry 0 is of type trace"
			check "$T: resource_table shows trace0" "no '  Name trace0'" \
				has_line "$D/resource_table" "  Name trace0"
			check "$T: resource_table entry 1 is a carveout" \
				"no 'Entry 1 is of type carveout'" \
				has_line "$D/resource_table" "Entry 1 is of type carveout"
			check "$T: resource_table shows fw-heap" "no '  Name fw-heap'" \
				has_line "$D/resource_table" "  Name fw-heap"
			check "$T: resource_table shows its length" \
				"no '  Length 0x10000 Bytes'" \
				has_line "$D/resource_table" "  Length 0x10000 Bytes"
			check "$T: resource_table shows the vdev" \
				"no 'Entry 2 is of type vdev' / '  Number of vrings 2'" \
				sh -c "grep -qxF 'Entry 2 is of type vdev' '$D/resource_table' &&
				       grep -qxF '  Number of vrings 2' '$D/resource_table'"
			check "$T: resource_table shows vring 1" \
				"no '    Number of buffers 256' after '  Vring 1'" \
				sh -c "sed -n '/^  Vring 1\$/,\$p' '$D/resource_table' |
				       grep -qxF '    Number of buffers 256'"
		else
			check "$T: resource_table without a table" \
				"'$(cat "$D/resource_table")'" \
				[ "$(cat "$D/resource_table")" = "No resource table found" ]
		fi
	fi
	if readable "$T: carveout_memories ($phase)" "$D/carveout_memories"; then
		if [ $phase = running ]; then
			check "$T: carveout_memories shows fw-heap" \
				"no '<tab>Name: fw-heap' line" \
				has_line "$D/carveout_memories" "$(printf '\tName: fw-heap')"
			check "$T: carveout_memories entries have a heading" \
				"no 'Carveout memory entry:' line" \
				has_line "$D/carveout_memories" "Carveout memory entry:"
			check "$T: carveout_memories shows fw-heap's length" \
				"no '<tab>Length: 0x10000 Bytes' line" \
				has_line "$D/carveout_memories" "$(printf '\tLength: 0x10000 Bytes')"
		else
			check "$T: carveout_memories empty while offline" \
				"'$(cat "$D/carveout_memories")'" \
				[ ! -s "$D/carveout_memories" ]
		fi
	fi
	if [ $phase = running ]; then
		check "$T: trace0 present" "no trace0 while running" \
			[ -r "$D/trace0" ]
	fi
done

# dbg_write <name> <file> <bytes> <expected>: one write(2) of exactly the
# bytes (conf-io escapes) to a file of the remote's debugfs directory.
dbg_write() {
	_got=$(conf-io write "$D/$2" "$3")
	if [ "$_got" = "$4" ]; then
		ok "$1"
	else
		not_ok "$1" "writing '$3' to $2 gave $_got, expected $4"
	fi
}

# ---- crash: 6.1's numeric types, and our names -----------------------------

rp_boot_default || not_ok "$T: boot before crash" "cannot boot"
sleep 0.5
echo disabled >"$D/recovery"
dbg_write "$T: crash takes garbage as EINVAL" crash bogus EINVAL
dbg_write "$T: crash takes an empty write as EINVAL" crash "" EINVAL
dbg_write "$T: crash takes a negative type as EINVAL" crash -1 EINVAL
dbg_write "$T: crash takes an overflowing type as ERANGE" crash 4294967296 ERANGE
check "$T: no crash from refused writes" "state is '$(rp_state)'" \
	[ "$(rp_state)" = running ]
for c in '2\n' 0x1 3; do
	rp_boot_default || not_ok "$T: boot before crash $c" "cannot boot"
	sleep 0.5
	echo disabled >"$D/recovery"
	dbg_write "$T: crash takes type '$c' (6.1)" crash "$c" OK
	check "$T: crash '$c' crashed the remote" "state is '$(rp_state)'" \
		rp_wait_state crashed
done
rp_boot_default || not_ok "$T: boot before a named crash" "cannot boot"
sleep 0.5
echo disabled >"$D/recovery"
dbg_write "$T: crash takes a type name" crash watchdog OK
check "$T: named crash crashed the remote" "state is '$(rp_state)'" \
	rp_wait_state crashed

# ---- recovery and coredump: 6.1's limits -----------------------------------

dbg_write "$T: recovery refuses 11 bytes" recovery 'disabled\n\0\0' EINVAL
dbg_write "$T: recovery refuses a newline before the end" recovery \
	'enabled\n\0' EINVAL
check "$T: refused recovery writes left the remote crashed" \
	"state is '$(rp_state)'" [ "$(rp_state)" = crashed ]
check "$T: coredump file mode" "mode $(stat -c %a "$D/coredump" 2>&1)" \
	[ "$(stat -c %a "$D/coredump" 2>/dev/null)" = 600 ]
check "$T: coredump reads the sysfs setting" "'$(cat "$D/coredump")'" \
	[ "$(cat "$D/coredump")" = "$(cat "$(rp_sysfs)/coredump")" ]
dbg_write "$T: coredump busy while crashed" coredump inline EBUSY
dbg_write "$T: coredump refuses 21 bytes even while crashed" coredump \
	'inline\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0' EINVAL
dbg_write "$T: recovery takes 'recover' (10 bytes at most)" recovery \
	'recover\n' OK
check "$T: recovered" "state is '$(rp_state)'" [ "$(rp_state)" = running ]
dbg_write "$T: coredump takes inline" coredump 'inline\n' OK
check "$T: coredump inline shows in sysfs" \
	"'$(cat "$(rp_sysfs)/coredump")'" \
	[ "$(cat "$(rp_sysfs)/coredump")" = inline ]
dbg_write "$T: coredump takes 20 bytes" coredump \
	'enabled\0\0\0\0\0\0\0\0\0\0\0\0\0' OK
dbg_write "$T: coredump refuses a newline before the end" coredump \
	'disabled\n\0' EINVAL
check "$T: coredump still enabled" "'$(cat "$D/coredump")'" \
	[ "$(cat "$D/coredump")" = enabled ]
dbg_write "$T: coredump back to disabled" coredump disabled OK
echo enabled >"$D/recovery"

rp_boot_default || not_ok "$T: restore" "cannot boot the default firmware"
finish
