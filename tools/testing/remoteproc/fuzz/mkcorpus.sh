#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkcorpus.sh [--with-work] [TARGET...]: regenerate the committed seed
# corpus fuzz/corpus/<target>/ (a maintainer's tool, not run by the tests).
#
# Seeds: the hand-made ones of mkseeds.py; for elf, the project's firmware
# images, good and malformed (tools/remoteproc, built in $BUILD/tools; the
# 1 MiB and 16 MiB ones are left out); for rsc_table and rsc, the
# .resource_table sections of those images.  libFuzzer's -merge=1 keeps the
# smallest set of them with the same coverage, under their own names.  With
# --with-work, the inputs of the working corpus $BUILD/fuzz/work/<target>
# (earlier fuzz.sh runs) that add coverage to those join them, named by
# their SHA-1.
set -euo pipefail
. "$(dirname "$0")/../common.sh"

FUZZ_SRC=$RPT_DIR/fuzz
OUT=$BUILD/fuzz
with_work=0
targets=()
for a in "$@"; do
	case $a in
	--with-work) with_work=1 ;;
	-*) die "usage: mkcorpus.sh [--with-work] [TARGET...]" ;;
	*) targets+=("$a") ;;
	esac
done
[ ${#targets[@]} -gt 0 ] || read -r -a targets <<<"$("$RPT_DIR/fuzz.sh" --list)"

make -s -C "$SRCTREE/tools/remoteproc" O="$BUILD/tools" -j2 all
make -s -C "$FUZZ_SRC" BUILD="$BUILD" -j2 all
FW=$BUILD/tools/firmware

stage=$OUT/stage
rm -rf "$stage"
python3 "$FUZZ_SRC/mkseeds.py" "$stage"
for f in "$FW"/*.elf; do
	b=$(basename "$f" .elf)
	case $b in rproc-emu-1m|rproc-emu-16m) continue ;; esac
	cp "$f" "$stage/elf/$b"
	objcopy -O binary --only-section=.resource_table "$f" \
		"$stage/rsc_table/$b" 2>/dev/null || continue
	[ -s "$stage/rsc_table/$b" ] || { rm -f "$stage/rsc_table/$b"; continue; }
	# fuzz_rsc reads fault bits from the last byte: none.
	{ cat "$stage/rsc_table/$b"; printf '\0'; } >"$stage/rsc/$b"
done

for t in "${targets[@]}"; do
	cand=$stage/$t
	kept=$(mktemp -d)
	"$OUT/bin/fuzz_$t" -merge=1 "$kept" "$cand" >"$OUT/merge-$t.log" 2>&1 ||
		die "merge of $t failed: $OUT/merge-$t.log"
	rm -rf "$FUZZ_SRC/corpus/$t"
	mkdir -p "$FUZZ_SRC/corpus/$t"
	# The kept inputs are named by their SHA-1: find them their names.
	declare -A keep=()
	for k in "$kept"/*; do
		keep[$(basename "$k")]=1
	done
	for c in "$cand"/*; do
		s=$(sha1sum "$c" | cut -d' ' -f1)
		if [ -n "${keep[$s]:-}" ]; then
			cp "$c" "$FUZZ_SRC/corpus/$t/"
			unset "keep[$s]"
		fi
	done
	unset keep
	rm -rf "$kept"
	if [ "$with_work" = 1 ] && [ -d "$OUT/work/$t" ]; then
		"$OUT/bin/fuzz_$t" -merge=1 "$FUZZ_SRC/corpus/$t" "$OUT/work/$t" \
			>>"$OUT/merge-$t.log" 2>&1 ||
			die "merge of $t's working corpus failed: $OUT/merge-$t.log"
	fi
	log "corpus/$t: $(ls "$FUZZ_SRC/corpus/$t" | wc -l) inputs ($(ls "$cand" | wc -l) seeds considered), $(cat "$FUZZ_SRC/corpus/$t"/* | wc -c) bytes"
done
