#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.sh [--list | <file>...]: checkpatch.pl --strict (the kernel's,
# from build/linux-6.1, --no-tree) on kernel source files of ours: the given
# ones, or all of them.  With --list, only print the file names.  Exits
# non-zero if any file has findings (errors, warnings or checks).
set -euo pipefail
. "$(dirname "$0")/common.sh"

# Our kernel C files and headers: everything the tree carries under these
# directories is ours (upstream's vendor headers are only in the overlay),
# and the test modules of kmod/.
ours() {
	(cd "$SRCTREE" && find drivers/remoteproc drivers/rpmsg include \
		samples/rpmsg tools/testing/remoteproc/kmod -type f \
		\( -name '*.c' -o -name '*.h' \) 2>/dev/null | LC_ALL=C sort)
}

if [ "${1:-}" = --list ]; then
	ours
	exit 0
fi

cp=$KSRC/scripts/checkpatch.pl
[ -x "$cp" ] || die "$cp missing (make checkpatch extracts the source)"

if [ $# -gt 0 ]; then
	files=("$@")
else
	mapfile -t files < <(ours)
fi

# checkpatch leaves a CamelCase cache (.checkpatch-camelcase.*) in its
# working directory: run it from the repository root (so that it reads our
# headers through git) and remove the cache afterwards.
cleanup() {
	rm -f "$SRCTREE"/.checkpatch-camelcase.*
}
trap cleanup EXIT

# checkpatch.ignore: "<file> <TYPE>[,<TYPE>...]" lines, each with a comment
# above it saying why that finding is wrong for that file.
ignores_for() {
	local file types
	[ -r "$RPT_DIR/checkpatch.ignore" ] || return 0
	while read -r file types; do
		case $file in ''|\#*) continue ;; esac
		[ "$file" = "$1" ] && printf -- '--ignore=%s\n' "$types"
	done <"$RPT_DIR/checkpatch.ignore"
}

bad=0
for f in "${files[@]}"; do
	f=${f#"$SRCTREE"/}
	mapfile -t ign < <(ignores_for "$f")
	if out=$(cd "$SRCTREE" && "$cp" --no-tree --strict --show-types \
		 --no-summary --quiet "${ign[@]}" -f "$f" 2>&1) &&
	   [ -z "$out" ]; then
		echo "checkpatch: $f: clean"
	else
		echo "checkpatch: $f: findings"
		printf '%s\n' "$out" | sed 's/^/    /'
		bad=$((bad + 1))
	fi
done
[ "$bad" -eq 0 ]
