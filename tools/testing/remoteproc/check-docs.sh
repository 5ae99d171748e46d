#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-docs.sh [<rst>...]: the kernel-doc directives of our documentation
# (default: Documentation/driver-api/*.rst) resolve, without `make htmldocs`:
# every referenced file exists, every ":doc:" section and ":identifiers:"
# name is found, ":export:" finds documented exports, and kernel-doc (the
# kernel's, from build/linux-6.1) prints no warning for any of them.
set -euo pipefail
. "$(dirname "$0")/common.sh"

kd=$KSRC/scripts/kernel-doc
[ -e "$kd" ] || die "$kd missing (make checkpatch extracts the source)"

if [ $# -eq 0 ]; then
	set -- "$SRCTREE"/Documentation/driver-api/*.rst
fi

bad=0
# run <what> <kernel-doc args...>: non-empty output, no warning.
run() {
	local what=$1 out err
	shift
	err=$(mktemp)
	out=$(cd "$SRCTREE" && perl "$kd" -rst "$@" 2>"$err") || true
	if grep -qiE 'warning|error' "$err"; then
		echo "docs: $what:" >&2
		sed 's/^/    /' "$err" >&2
		bad=$((bad + 1))
	elif [ -z "$out" ]; then
		echo "docs: $what: kernel-doc finds nothing" >&2
		bad=$((bad + 1))
	fi
	rm -f "$err"
}

for rst in "$@"; do
	rel=${rst#"$SRCTREE"/}
	n=0
	# Each directive with its option line (if any), as "<file>|<opt>|<arg>".
	while IFS='|' read -r file opt arg; do
		n=$((n + 1))
		what="$rel: $file${opt:+ :$opt:}${arg:+ $arg}"
		if [ ! -e "$SRCTREE/$file" ]; then
			echo "docs: $what: no such file" >&2
			bad=$((bad + 1))
			continue
		fi
		case $opt in
		doc) run "$what" -function "$arg" "$file" ;;
		export) run "$what" -export "$file" ;;
		internal) run "$what" -internal "$file" ;;
		identifiers)
			for id in $arg; do
				run "$what ($id)" -function "$id" "$file"
			done ;;
		"") run "$what" "$file" ;;
		*) echo "docs: $what: option not checked" >&2 ;;
		esac
	done < <(awk '
		function flush() { if (f != "") print f "|" o "|" a; f = "" }
		/^\.\. kernel-doc::/ { flush(); f = $3; o = ""; a = ""; next }
		f != "" && /^   :[a-z]+:/ {
			line = $0; sub(/^   :/, "", line)
			o = line; sub(/:.*/, "", o)
			a = line; sub(/^[a-z]+:[ ]*/, "", a)
			next
		}
		{ flush() }
		END { flush() }' "$rst")
	echo "docs: $rel: $n kernel-doc directives checked"
done
[ "$bad" -eq 0 ] || die "$bad kernel-doc problem(s)"
