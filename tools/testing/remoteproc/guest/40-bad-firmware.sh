#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Bad firmware, table-driven from bad-firmware.list (generated with the
# images by tools/remoteproc): each image must fail to start with an error
# line from remoteproc in the kernel log, leave the remote offline, and the
# good firmware must still boot afterwards.  A missing file likewise.
#
# bad-firmware.list: one image per line, "<file> [description]"; blank lines
# and lines starting with '#' are ignored.
. "$(dirname "$0")/lib.sh"
T=bad-fw
LIST=$FW_DIR/bad-firmware.list

require_remote $T

# Exactly one error-level line from the remote's device per image ("one clear
# line naming the problem").  The firmware loader's own report of a missing
# file (Debian's "firmware: failed to load <name>") is not ours to count.
ERR_RE='remoteproc remoteproc[0-9]+: '
FW_LOADER_RE='remoteproc[0-9]+: firmware: failed to load '

# try_bad <file> <description>
try_bad() {
	fw=$1
	what=$2
	n=$((n + 1))
	tag="bad-$n"
	info "$fw: $what"
	if ! rp_offline; then
		not_ok "$T: $fw" "cannot get the remote offline first"
		return
	fi
	res=$(rp_write firmware "$fw")
	if [ "$res" != OK ]; then
		not_ok "$T: $fw set" "writing the name gave $res"
		return
	fi
	kmsg_mark "$tag"
	res=$(rp_write state start)
	if [ "$res" = OK ]; then
		not_ok "$T: $fw start fails" "start succeeded"
	else
		ok "$T: $fw start fails"
		info "start: $res"
	fi
	# Give an asynchronous failure time to show, then check it stuck.
	sleep 0.5
	st=$(rp_state)
	check "$T: $fw stays offline" "state is '$st'" [ "$st" = offline ]
	errs=$(kmsg_errors_since "$tag" | grep -E "$ERR_RE" |
	       grep -vE "$FW_LOADER_RE")
	cnt=0
	[ -z "$errs" ] || cnt=$(echo "$errs" | wc -l)
	if [ "$cnt" -eq 1 ]; then
		ok "$T: $fw one error line"
		echo "$errs" | show
	else
		not_ok "$T: $fw one error line" \
			"$cnt error-level lines from remoteproc"
		kmsg_since "$tag" | tail -n 10 | show
	fi
	# The remote is still usable.
	if rp_boot_default; then
		ok "$T: $fw then good firmware boots"
	else
		not_ok "$T: $fw then good firmware boots" "state '$(rp_state)'"
	fi
}

n=0
if [ -r "$LIST" ]; then
	list=$(grep -vE '^[[:space:]]*(#|$)' "$LIST")
else
	not_ok "$T: list" "$LIST missing; falling back to bad-*.elf"
	list=$(cd "$FW_DIR" && ls bad-*.elf 2>/dev/null)
fi
[ -n "$list" ] || not_ok "$T: images" "no bad images to test"

echo "$list" >/tmp/bad-fw.list
while read -r fw what; do
	[ -n "$fw" ] || continue
	fw=${fw##*/}
	if [ ! -e "$FW_DIR/$fw" ]; then
		not_ok "$T: $fw" "listed but not installed in $FW_DIR"
		continue
	fi
	try_bad "$fw" "${what:-(no description)}" </dev/null
done </tmp/bad-fw.list

# Every installed bad image is in the list (nothing silently skipped).
for f in "$FW_DIR"/bad-*.elf; do
	[ -e "$f" ] || continue
	b=${f##*/}
	grep -qE "(^|/)$b([[:space:]]|\$)" /tmp/bad-fw.list ||
		not_ok "$T: $b listed" "installed but not in $LIST"
done
info "$n bad images tried"

try_bad does-not-exist.elf "missing firmware file"

rp_boot_default || not_ok "$T: restore" "cannot boot the default firmware"
finish
