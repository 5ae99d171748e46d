#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# debugfs: name, resource_table and carveout_memories are readable and
# sensible while the remote runs and while it is offline.
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

# TIGHTEN: the exact layout of resource_table and carveout_memories (only
# the entries' names are checked), and what they say while offline.
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
	if readable "$T: resource_table ($phase)" "$D/resource_table" &&
	   [ $phase = running ]; then
		# The default firmware's table: a trace buffer "trace0" and a
		# carveout "fw-heap" (tools/remoteproc/firmware/heartbeat.c).
		check "$T: resource_table lists a carveout" "no carveout" \
			grep -qi 'carveout' "$D/resource_table"
		check "$T: resource_table shows fw-heap" "no fw-heap" \
			grep -q 'fw-heap' "$D/resource_table"
		check "$T: resource_table shows trace0" "no trace0" \
			grep -q 'trace0' "$D/resource_table"
	fi
	if readable "$T: carveout_memories ($phase)" \
	   "$D/carveout_memories" && [ $phase = running ]; then
		check "$T: carveout_memories shows fw-heap" \
			"no fw-heap while running" \
			grep -q 'fw-heap' "$D/carveout_memories"
	fi
	if [ $phase = running ]; then
		check "$T: trace0 present" "no trace0 while running" \
			[ -r "$D/trace0" ]
	fi
done

rp_boot_default || not_ok "$T: restore" "cannot boot the default firmware"
finish
