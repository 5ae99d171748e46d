#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Conformance: /sys/kernel/debug/remoteproc/remoteprocN while the remote
# runs (two firmware images), is offline and is crashed (recovery
# disabled): the entries, their modes, and the content of the files whose
# content is deterministic.  resource_table and carveout_memories are shown
# one field per key, with addresses and kernel pointers normalised (they
# depend on where each stack allocated memory); the trace buffer's
# presence and mode only, since the firmware rewrites it all the time.
. /usr/share/rpt/conformance/lib.sh
. /usr/share/rpt/conformance/rproc-lib.sh

# norm_addr: hexadecimal numbers after an address word, and %pK pointers
# (hashed, zero or "(____ptrval____)"), become <addr> and <ptr>.
norm_addr() {
	sed -E \
	    -e 's/\((_+ptrval_+)\)/<ptr>/g' \
	    -e 's/([Vv]irtual address:?|\bva) +[0-9a-fx]+/\1 <ptr>/g' \
	    -e 's/([Aa]ddress:?|\bda|\bpa|\bdma) +0x[0-9a-fA-F]+/\1 <addr>/g' \
	    -e 's/\[hdr: [^]]*\]/[hdr: <ptr>]/g'
}

# rsc_lines <key> <file>: the resource table, one field per key
# <key>.entry<i>.<field> (vring fields: <key>.entry<i>.vring<j>.<field>),
# other lines as <key>.text.<n>; then <key>.lines, the number of lines.
rsc_lines() {
	if ! cat "$2" >/tmp/conf-rproc.$$ 2>/dev/null; then
		conf_read "$1" "$2"
		return
	fi
	norm_addr </tmp/conf-rproc.$$ | awk -v k="$1" '
	/^Entry [0-9]+ is of type / { e = "entry" $2; v = ""
		printf "%s.%s.type %s\n", k, e, $NF; next }
	/^  Vring [0-9]+$/ { v = ".vring" $2; next }
	/^ +[A-Z]/ && e != "" {
		n = NF; if ($NF == "Bytes") n--
		label = ""; for (i = 1; i < n; i++) label = label (i > 1 ? "_" : "") $i
		gsub(/[^A-Za-z0-9_]/, "", label)
		val = $n; for (i = n + 1; i <= NF; i++) val = val " " $i
		printf "%s.%s%s.%s %s\n", k, e, v, label, val; next }
	/^$/ { next }
	{ t++; printf "%s.text.%03d %s\n", k, t, $0 }
	END { printf "%s.lines %d\n", k, NR }'
	rm -f /tmp/conf-rproc.$$
}

# carveout_lines <key> <file>: the memory regions by name, one property
# per key <key>.<name>.<property>, other lines as <key>.text.<n>; then
# <key>.names, the names in order, and <key>.lines.
carveout_lines() {
	if ! cat "$2" >/tmp/conf-rproc.$$ 2>/dev/null; then
		conf_read "$1" "$2"
		return
	fi
	norm_addr </tmp/conf-rproc.$$ | awk -v k="$1" '
	/^Carveout memory entry:$/ { c = "?"; next }
	/^\tName: / { c = $2; names = names (names == "" ? "" : " ") c; next }
	/^\t[A-Za-z ]+: / && c != "" {
		label = $0; sub(/^\t/, "", label); sub(/:.*/, "", label)
		val = $0; sub(/^[^:]*: /, "", val)
		gsub(/ /, "_", label)
		printf "%s.%s.%s %s\n", k, c, label, val; next }
	/^$/ { next }
	{ t++; printf "%s.text.%03d %s\n", k, t, $0 }
	END { printf "%s.names %s\n%s.lines %d\n", k, names, k, NR }'
	rm -f /tmp/conf-rproc.$$
}

# dbg_state <label> <setup...>
dbg_state() {
	_p=rproc.$1.debugfs
	shift
	"$@" || { emit "$_p" SETUP-FAILED; return; }
	conf_ls "$_p.ls" "$R_DBG"
	for _f in $(ls "$R_DBG" | LC_ALL=C sort); do
		conf_mode "$_p.$_f.mode" "$R_DBG/$_f"
	done
	conf_read "$_p.name" "$R_DBG/name"
	conf_read "$_p.recovery" "$R_DBG/recovery"
	conf_read "$_p.coredump" "$R_DBG/coredump"
	conf_read "$_p.crash.read" "$R_DBG/crash"
	rsc_lines "$_p.resource_table" "$R_DBG/resource_table"
	carveout_lines "$_p.carveout_memories" "$R_DBG/carveout_memories"
	if [ -e "$R_DBG/trace0" ]; then
		_t=$(cat "$R_DBG/trace0" | tr -d '\0' | wc -c)
		emit "$_p.trace0.nonempty" "$([ "$_t" -gt 0 ] && echo yes || echo no)"
	fi
}

conf_mode rproc.debugfs.root.mode /sys/kernel/debug/remoteproc
conf_ls rproc.debugfs.root.ls /sys/kernel/debug/remoteproc
conf_mode rproc.debugfs.dir.mode "$R_DBG"

dbg_state running r_running
dbg_state running_other r_running rproc-emu-1m.elf
dbg_state offline r_stopped
dbg_state crashed r_crashed

r_restore
