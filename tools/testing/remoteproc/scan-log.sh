#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scan-log.sh <log>...: fail if a kernel log or console log shows a kernel
# splat (warning, BUG, oops, panic, KASAN, UBSAN, lockdep, hung task, RCU
# stall, kmemleak report, stack trace).  Prints each hit with a few lines of context.
#
# splat-allow.txt (next to this script) may list extended regexes, one per
# line, of known-harmless lines to ignore; keep it empty unless a line is
# understood and documented there.
set -euo pipefail
. "$(dirname "$0")/common.sh"

SPLAT_RE='WARNING:|BUG:|Oops|KASAN|UBSAN|possible circular locking|possible recursive locking|inconsistent lock state|INFO: task .* blocked|unreferenced object|Call Trace'
# Not in the list above but just as fatal.
SPLAT_RE+='|Kernel panic|kernel BUG at|general protection fault|detected stalls'
allow=$RPT_DIR/splat-allow.txt

# Lines logged while Linux 6.1's own stack was loaded (the conformance and
# reference-stack tests put them between these markers) are 6.1's: its
# splats are listed apart and do not count.
REF_BEGIN='rpt: mark 6.1-stack begin'
REF_END='rpt: mark 6.1-stack end'

# region <file> <ours|ref>: the file with the other side's lines blanked
# (line numbers kept).  The kernel log the guest dumps at the end can have
# lost its oldest lines: an end marker before any begin marker means the
# log starts inside a 6.1 region.
region() {
	tr -d '\r' <"$1" | awk -v b="$REF_BEGIN" -v e="$REF_END" -v want="$2" '
		{ line[NR] = $0 }
		first == "" && index($0, b) { first = "b" }
		first == "" && index($0, e) { first = "e" }
		END {
			in6 = (first == "e")
			for (i = 1; i <= NR; i++) {
				if (index(line[i], b)) in6 = 1
				print ((in6 == (want == "ref")) ? line[i] : "")
				if (index(line[i], e)) in6 = 0
			}
		}'
}
ours_only() { region "$1" ours; }
ref_only() { region "$1" ref; }

hits=0
for f in "$@"; do
	[ -e "$f" ] || continue
	ref=$(ref_only "$f" | grep -naE "$SPLAT_RE" || true)
	if [ -n "$ref" ]; then
		echo "note: Linux 6.1's own stack logged, in $f (not counted):"
		printf '%s\n' "$ref" | head -n 20 | sed 's/^/    6.1| /'
	fi
	lines=$(ours_only "$f" | grep -naE "$SPLAT_RE" || true)
	if [ -s "$allow" ] && [ -n "$lines" ]; then
		lines=$(printf '%s\n' "$lines" |
			grep -vEf <(grep -vE '^[[:space:]]*(#|$)' "$allow") || true)
	fi
	[ -n "$lines" ] || continue
	n=$(printf '%s\n' "$lines" | wc -l)
	hits=$((hits + n))
	echo "splat: $n line(s) in $f:"
	first=$(printf '%s\n' "$lines" | head -n1 | cut -d: -f1)
	printf '%s\n' "$lines" | head -n 20 | sed 's/^/    /'
	echo "    ---- context of the first hit (line $first) ----"
	tr -d '\r' <"$f" | sed -n "$((first > 5 ? first - 5 : 1)),$((first + 40))p" |
		sed 's/^/    | /'
done
[ "$hits" -eq 0 ]
