#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fuzz.sh: build and run the libFuzzer targets of the parsers (fuzz/).
#
#   fuzz.sh [--time S] [--jobs N] [--keep-going] [--max-len N] [TARGET[:S]...]
#       runs each target for S seconds (default 60; TARGET:S for that
#       target only) over its working corpus
#       $BUILD/fuzz/work/<target> (created from, and refreshed with, the
#       committed corpus fuzz/corpus/<target>), N fuzzer processes at a
#       time (default 1, one per target).  Per target it prints the
#       executions, exec/s, libFuzzer's last "cov:"/"ft:" (edges, features),
#       the corpus size and the crashes, saved in $BUILD/fuzz/crashes/.
#       --keep-going restarts a target after a crash until its time is up
#       (default: a crash ends that target's run).  Exit status 1 on any
#       crash.
#   fuzz.sh --smoke [TARGET...]
#       make check's step: each target replays its committed corpus, then
#       mutates it for 20000 runs (fixed seed), in a few seconds in all.
#   fuzz.sh --coverage [TARGET...]
#       builds the targets with source-based coverage, replays the working
#       corpus (the committed one where there is none) and prints the line
#       coverage of each kernel file they compile (llvm-cov-14).
#   fuzz.sh --list
#       the targets.
#
# TARGET is a name such as "elf" (fuzz/fuzz_elf.c).  A crash replays with
# $BUILD/fuzz/bin/fuzz_<target> <file>; KSHIM_LOG=1 prints the kernel
# messages on the way.
set -euo pipefail
. "$(dirname "$0")/common.sh"

FUZZ_SRC=$RPT_DIR/fuzz
OUT=$BUILD/fuzz
BIN=$OUT/bin
CRASHES=$OUT/crashes
DICT=$FUZZ_SRC/fuzz.dict
ALL_TARGETS="elf rsc_table rsc rpmsg_ns rpmsg_rx"

mode=run
time_per=60
jobs=1
keep_going=0
max_len=
targets=()
while [ $# -gt 0 ]; do
	case $1 in
	--time) time_per=$2; shift ;;
	--jobs) jobs=$2; shift ;;
	--smoke) mode=smoke ;;
	--coverage) mode=coverage ;;
	--keep-going) keep_going=1 ;;
	--max-len) max_len=$2; shift ;;
	--list) echo "$ALL_TARGETS"; exit 0 ;;
	-h|--help) sed -n '4,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) die "unknown option $1 (see --help)" ;;
	*) targets+=("$1") ;;
	esac
	shift
done
[ ${#targets[@]} -gt 0 ] || read -r -a targets <<<"$ALL_TARGETS"
[[ $time_per =~ ^[0-9]+$ ]] || die "--time takes seconds"
declare -A seconds=()
for i in "${!targets[@]}"; do
	t=${targets[$i]%%:*}
	case " $ALL_TARGETS " in *" $t "*) ;; *) die "no target $t" ;; esac
	seconds[$t]=$time_per
	if [[ ${targets[$i]} == *:* ]]; then
		seconds[$t]=${targets[$i]#*:}
		[[ ${seconds[$t]} =~ ^[0-9]+$ ]] || die "${targets[$i]}: seconds?"
	fi
	targets[$i]=$t
done
[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "--jobs takes a positive number"

for tool in clang-14 llvm-profdata-14 llvm-cov-14; do
	command -v "$tool" >/dev/null ||
		die "$tool missing (make deps installs clang, libfuzzer-14-dev)"
done

# Inputs larger than this are not generated (the project's firmware images
# are 20 KiB; tables, messages are small).
max_len_of() {
	[ -n "$max_len" ] && { echo "$max_len"; return; }
	case $1 in
	elf) echo 81920 ;;
	rsc|rsc_table) echo 4096 ;;
	rpmsg_ns) echo 256 ;;
	rpmsg_rx) echo 4096 ;;
	*) echo 8192 ;;
	esac
}

build() {
	local mode=$1
	log "building the fuzz targets ($mode) in $OUT"
	make -s -C "$FUZZ_SRC" BUILD="$BUILD" MODE="$mode" \
		-j"$(( $(nproc) < 2 ? $(nproc) : 2 ))" all >&2
}

# The crash files of <target>, one per line: libFuzzer's artifacts but its
# "slow-unit" ones (a unit over -report_slow_units seconds: on a busy host,
# often not the input's fault; -timeout makes a real hang a crash).
crash_files() {
	find "$CRASHES" -maxdepth 1 -type f -name "$1-*" \
		-not -name "$1-slow-unit-*" 2>/dev/null | sort
}

# ---- smoke ---------------------------------------------------------------

smoke() {
	local t log rc bad=0 tmp
	build fuzz
	mkdir -p "$CRASHES"
	tmp=$(mktemp -d)
	for t in "${targets[@]}"; do
		log=$OUT/smoke-$t.log
		mkdir -p "$tmp/$t"
		rc=0
		"$BIN/fuzz_$t" -seed=1 -runs=20000 -max_len="$(max_len_of "$t")" \
			-dict="$DICT" -timeout=10 \
			-artifact_prefix="$CRASHES/$t-" \
			"$tmp/$t" "$FUZZ_SRC/corpus/$t" >"$log" 2>&1 || rc=$?
		if [ "$rc" -eq 0 ]; then
			printf 'fuzz smoke %-10s ok: %s\n' "$t" \
				"$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n1 |
				   sed -E 's/^#([0-9]+)[[:space:]]+DONE[[:space:]]+/\1 runs, /; s/ lim:.*//')"
		else
			printf 'fuzz smoke %-10s FAILED (exit %d, log %s)\n' "$t" "$rc" "$log"
			grep -E 'ERROR|kshim:|SUMMARY|Test unit written' "$log" | head -n 10 |
				sed 's/^/    /'
			bad=$((bad + 1))
		fi
	done
	rm -rf "$tmp"
	[ "$bad" -eq 0 ] || die "$bad fuzz target(s) failed"
}

# ---- run -------------------------------------------------------------------

# run_target <target> <seconds>: fuzz, then print one summary line.
run_target() {
	local t=$1 left=$2 work=$OUT/work/$1 log=$OUT/logs/$1.log
	local execs=0 n t0 rc crashed=0 cov="" before after
	mkdir -p "$work" "$CRASHES" "$OUT/logs"
	# Refresh the working copy with the committed corpus (never the reverse).
	cp -n "$FUZZ_SRC/corpus/$t/"* "$work/" 2>/dev/null || true
	before=$(crash_files "$t" | wc -l)
	: >"$log"
	t0=$(date +%s)
	while :; do
		rc=0
		"$BIN/fuzz_$t" -max_total_time="$left" -max_len="$(max_len_of "$t")" \
			-dict="$DICT" -timeout=10 -rss_limit_mb=2048 \
			-print_final_stats=1 -artifact_prefix="$CRASHES/$t-" \
			"$work" >>"$log" 2>&1 || rc=$?
		# The final stats of this run (printed after most crashes too),
		# else its last status line.
		n=$(awk '/^--- fuzz.sh: run ended/ { s = ""; l = ""; next }
			 /^stat::number_of_executed_units:/ { s = $2 }
			 /^#[0-9]+/ { l = substr($1, 2) }
			 END { print (s != "" ? s : (l != "" ? l : 0)) }' "$log")
		execs=$((execs + n))
		echo "--- fuzz.sh: run ended, exit $rc" >>"$log"
		[ "$rc" -ne 0 ] || break
		crashed=$((crashed + 1))
		[ "$keep_going" = 1 ] || break
		left=$(( $2 - ($(date +%s) - t0) ))
		[ "$left" -gt 0 ] || break
	done
	local dt=$(( $(date +%s) - t0 ))
	[ "$dt" -gt 0 ] || dt=1
	cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" |
	      tail -n1 || true)
	after=$(crash_files "$t" | wc -l)
	printf '%-10s %12d execs %8d exec/s  %s  crashes: %d (log %s)\n' \
		"$t" "$execs" $((execs / dt)) "${cov:-cov: ?}" \
		$((after - before)) "$log"
	crash_files "$t" | tail -n $((after - before)) | sed 's/^/    /'
	[ "$crashed" -eq 0 ]
}

run() {
	local t pids=() names=() i rc=0 results=$OUT/logs/summary.txt
	build fuzz
	mkdir -p "$OUT/logs"
	: >"$results"
	log "fuzzing $(for t in "${targets[@]}"; do printf '%s:%ss ' "$t" "${seconds[$t]}"; done)$jobs at a time"
	for t in "${targets[@]}"; do
		while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
			wait -n || true
		done
		( run_target "$t" "${seconds[$t]}" | tee -a "$results"; ) &
		pids+=($!)
		names+=("$t")
	done
	for i in "${!pids[@]}"; do
		wait "${pids[$i]}" || rc=1
	done
	log "summary (also in $results):"
	cat "$results"
	[ "$rc" -eq 0 ] || die "crash(es): see $CRASHES"
}

# ---- coverage --------------------------------------------------------------

coverage() {
	local cov=$OUT/cov prof=$OUT/cov/prof t dir objs=() files=()
	build cov
	rm -rf "$prof"
	mkdir -p "$prof"
	for t in "${targets[@]}"; do
		dir=$OUT/work/$t
		[ -d "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ] ||
			dir=$FUZZ_SRC/corpus/$t
		log "replaying $dir ($(ls "$dir" | wc -l) inputs) with fuzz_$t"
		LLVM_PROFILE_FILE="$prof/$t-%p.profraw" \
			"$cov/fuzz_$t" -runs=0 -timeout=60 -rss_limit_mb=4096 "$dir" \
			>"$prof/$t.log" 2>&1 || die "replay of $t failed: $prof/$t.log"
		llvm-profdata-14 merge -sparse "$prof/$t"-*.profraw -o "$prof/$t.profdata"
		objs+=(-object "$cov/fuzz_$t")
	done
	llvm-profdata-14 merge -sparse "$prof"/*.profraw -o "$prof/all.profdata"
	# The kernel files of the chosen targets.
	mapfile -t files < <(make -s -C "$FUZZ_SRC" BUILD="$BUILD" sources |
		awk -v want=" ${targets[*]} " '{
			t = $1; sub(/^fuzz_/, "", t); sub(/:$/, "", t)
			if (index(want, " " t " "))
				for (i = 2; i <= NF; i++) print $i
		}' | sort -u)
	echo "Line coverage of the kernel files, all targets' corpora together:"
	llvm-cov-14 report -instr-profile="$prof/all.profdata" "${objs[@]:1}" \
		-show-region-summary=false -show-branch-summary=false \
		"${files[@]/#/$SRCTREE/}" | sed "s|$SRCTREE/||"
	echo "HTML: llvm-cov-14 show -format=html -instr-profile=$prof/all.profdata ${objs[*]:1} <file>"
}

case $mode in
smoke) smoke ;;
run) run ;;
coverage) coverage ;;
esac
