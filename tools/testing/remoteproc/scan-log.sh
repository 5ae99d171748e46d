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

hits=0
for f in "$@"; do
	[ -e "$f" ] || continue
	lines=$(tr -d '\r' <"$f" | grep -naE "$SPLAT_RE" || true)
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
