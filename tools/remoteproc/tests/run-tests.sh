#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run the tests of tools/remoteproc.
#
#   run-tests.sh BUILD_DIR
#
# BUILD_DIR is the O= of the build.  Every test program prints one line per
# check and ends with "N passed, M failed"; a program may exit with 77 to
# say it was skipped.  This script adds the counts up, prints the total as
# its last line and exits non-zero when anything failed.

set -u

O=${1:?usage: run-tests.sh BUILD_DIR}
total_passed=0
total_failed=0
log=$(mktemp "${TMPDIR:-/tmp}/rproc-tests.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT

run() {
	name=$1
	shift
	echo "== $name"
	"$@" >"$log" 2>&1
	status=$?
	cat "$log"
	if [ "$status" -eq 77 ]; then
		echo "== $name: skipped"
		return
	fi
	summary=$(tail -n 1 "$log")
	passed=$(echo "$summary" | sed -n 's/^\([0-9][0-9]*\) passed, [0-9][0-9]* failed$/\1/p')
	failed=$(echo "$summary" | sed -n 's/^[0-9][0-9]* passed, \([0-9][0-9]*\) failed$/\1/p')
	if [ -z "$passed" ] || [ -z "$failed" ]; then
		echo "== $name: no summary line (exit status $status)"
		passed=0
		failed=1
	elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
		echo "== $name: exit status $status"
		failed=1
	fi
	total_passed=$((total_passed + passed))
	total_failed=$((total_failed + failed))
}

run emu-test "$O/tests/emu-test" "$O"
run badfw-check "$O/tests/badfw-check" "$O/firmware"
run qemu-smoke "$O/tests/qemu-smoke" "$O"

echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
