#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: the whole suite behind `make check`.
#
#   static     checkpatch --strict on each kernel file of ours; sparse (C=2)
#              and W=1 on the out-of-tree build (and, after the debug kernel
#              build, in tree, where the KUnit tests are compiled too); the
#              kernel-doc directives of the rpmsg documentation; a short
#              smoke of the parsers' fuzz targets (fuzz.sh --smoke)
#   builds     out-of-tree modules (stock headers), Linux 6.1's own stack
#              with our platform driver (build-ref-61.sh, stock headers),
#              the tools and their own tests, the debug kernel (built at
#              the lowest priority while the stock guest suite runs)
#   guest      the guest test suite in QEMU on the stock kernel and on the
#              debug kernel (there also KUnit and kmemleak), each run failing
#              on any kernel splat in its logs
#
# Every result is one line "PASS: <name>", "FAIL: <name>" or "SKIP: <name>"
# (a prerequisite is not built yet: counted apart, never a failure); the
# line before the last is "<N> skipped", the last one "<N> passed, <N>
# failed".  Exit status 0 only with no failure.  Logs go to
# build/check/.  CHECK_ONLY="static builds stock debug" (a subset) narrows
# the run for development.
set -uo pipefail
. "$(dirname "$0")/common.sh"

OUT=$BUILD/check
ONLY=${CHECK_ONLY:-static builds stock debug}
rm -rf "$OUT"
mkdir -p "$OUT"
npass=0
nfail=0
nskip=0
T_START=$(date +%s)
IN_BACKGROUND=0

pass() {
	npass=$((npass + 1))
	echo "PASS: $*"
}

fail() {
	nfail=$((nfail + 1))
	echo "FAIL: $*"
}

skip() {
	nskip=$((nskip + 1))
	echo "SKIP: $*"
}

wanted() {
	case " $ONLY " in *" $1 "*) return 0 ;; esac
	return 1
}

slug() {
	printf '%s' "$*" | tr -c 'A-Za-z0-9._-' '_'
}

# ticker <name> <log> <pid>: every 30 s while <pid> runs, one line saying
# how long <name> has been running and the last progress line of its log
# ("==> ..." from the scripts, "######## <test>" from a guest run).
ticker() {
	local t0=$SECONDS last
	while sleep 30; do
		kill -0 "$3" 2>/dev/null || return 0
		last=$(grep -aE '^(==> |######## )' "$2" 2>/dev/null | tail -n1 |
			cut -c1-100)
		echo "  ... $1: $((SECONDS - t0))s${last:+, at: $last}"
	done
}

# with_progress <name> <log> <command...>: run the command with its output
# in <log>, with a ticker line every 30 s; returns its exit status.
with_progress() {
	local name=$1 logf=$2 pid tick rc
	shift 2
	"$@" >"$logf" 2>&1 &
	pid=$!
	if [ "$IN_BACKGROUND" = 1 ]; then
		wait "$pid"
		return
	fi
	ticker "$name" "$logf" "$pid" &
	tick=$!
	wait "$pid"
	rc=$?
	kill "$tick" 2>/dev/null
	wait "$tick" 2>/dev/null
	return "$rc"
}

# step <name> <command...>: one result; output in build/check/<name>.log,
# shown on failure (its last lines).  Exit status 77 means "skipped".
declare -A STEP_OK
step() {
	local name=$1 logf t0 rc
	shift
	logf=$OUT/$(slug "$name").log
	t0=$(date +%s)
	with_progress "$name" "$logf" "$@"
	rc=$?
	local dt=$(( $(date +%s) - t0 ))
	if [ "$rc" -eq 77 ]; then
		# The command says its prerequisites are not in the tree yet.
		skip "$name (${dt}s, $(tail -n1 "$logf" | sed 's/^==> //'))"
		STEP_OK[$name]=0
		return 0
	fi
	if [ "$rc" -eq 0 ]; then
		pass "$name (${dt}s)"
		STEP_OK[$name]=1
	else
		fail "$name (${dt}s, exit $rc, log: $logf)"
		tail -n 40 "$logf" | sed 's/^/    /'
		STEP_OK[$name]=0
	fi
	return "$rc"
}

ok_step() {
	[ "${STEP_OK[$1]:-0}" = 1 ]
}

# The tools' own tests end with "N passed, M failed": their checks count
# one by one in the total.
tools_tests() {
	local logf=$OUT/tools-tests.log t0 rc sum p f
	t0=$(date +%s)
	make -C "$SRCTREE/tools/remoteproc" O="$TOOLS_O" -j"$(nproc)" test \
		>"$logf" 2>&1
	rc=$?
	sum=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logf" | tail -n1)
	p=$(printf '%s' "$sum" | awk '{print $1}')
	f=$(printf '%s' "$sum" | awk '{print $3}')
	if [ -n "$sum" ]; then
		npass=$((npass + p))
		nfail=$((nfail + f))
	fi
	echo "tools tests: ${sum:-no summary}, exit $rc ($(( $(date +%s) - t0 ))s, log: $logf)"
	if [ "$rc" -ne 0 ] || [ -z "$sum" ] || [ "$f" -ne 0 ]; then
		[ -n "$sum" ] && [ "$f" -ne 0 ] || fail "tools tests (exit $rc)"
		grep -E 'not ok|FAIL|fail' "$logf" | head -n 40 | sed 's/^/    /'
	fi
}

# ---- static checks ---------------------------------------------------------

static_checks() {
	# checkpatch needs the kernel source (extracted once, cached).
	step "extract linux-source-6.1" \
		"$RPT_DIR/build-debug-kernel.sh" overlay || true
	local f out
	while IFS= read -r f; do
		if out=$("$RPT_DIR/checkpatch.sh" "$f" 2>&1); then
			pass "checkpatch $f"
		else
			fail "checkpatch $f"
			printf '%s\n' "$out" | sed 1d | head -n 60
		fi
	done < <("$RPT_DIR/checkpatch.sh" --list)
	step "sparse C=2 + W=1 (out-of-tree)" "$RPT_DIR/build-oot.sh" --static
	step "kernel-doc directives of Documentation/driver-api/*.rst" \
		"$RPT_DIR/check-docs.sh"
	step "fuzz smoke: the parsers' libFuzzer targets over their corpus" \
		"$RPT_DIR/fuzz.sh" --smoke
}

# ---- builds ------------------------------------------------------------------

# Linux 6.1's own remoteproc and rpmsg with our platform driver, for the
# stock kernel (the compatibility build of ivshmem_rproc.c against 6.1's
# core).  Not a prerequisite of the stock guest suite: without it the stock
# initramfs has no /lib/modules/ref and the tests of it skip.
ref_build() {
	step "Linux 6.1 reference stack, unchanged, with ivshmem_rproc (stock)" \
		"$RPT_DIR/build-ref-61.sh"
}

builds() {
	step "out-of-tree build (stock headers)" "$RPT_DIR/build-oot.sh" && {
		step "Linux 6.1 rpmsg sample and rpmsg_tty, unchanged (stock)" \
			"$RPT_DIR/build-clients-61.sh" stock
		step "test modules of kmod/ (stock)" \
			"$RPT_DIR/build-kmod.sh" stock
	}
	ref_build
	step "tools build" make -C "$SRCTREE/tools/remoteproc" O="$TOOLS_O" \
		-j"$(nproc)" all
	tools_tests
}

# The debug kernel and what is built against it (with the in-tree sparse
# and W=1 pass).
debug_builds() {
	step "debug kernel build" "$RPT_DIR/build-debug-kernel.sh" all &&
		step "sparse C=2 + W=1 (in-tree, with the KUnit tests)" \
			"$RPT_DIR/build-debug-kernel.sh" static &&
		{
			step "Linux 6.1 rpmsg sample and rpmsg_tty, unchanged (debug)" \
				"$RPT_DIR/build-clients-61.sh" debug
			step "test modules of kmod/ (debug)" \
				"$RPT_DIR/build-kmod.sh" debug
		}
}

# ---- steps in the background ---------------------------------------------
#
# The debug kernel builds while the stock guest suite runs: at the lowest
# CPU and I/O priority, so that the guest (whose tests have timing in them)
# runs as if alone and the build takes only the time the guest leaves
# idle.  Its results are printed and counted when it is joined.

BG_PID=
BG_OUT=$OUT/background.out

bg_start() {
	(
		IN_BACKGROUND=1
		renice -n 19 -p "$BASHPID" >/dev/null 2>&1
		ionice -c 3 -p "$BASHPID" >/dev/null 2>&1
		"$@"
		for k in "${!STEP_OK[@]}"; do
			printf 'STEP_OK\t%s\t%s\n' "$k" "${STEP_OK[$k]}"
		done
	) >"$BG_OUT" 2>&1 &
	BG_PID=$!
}

bg_join() {
	local line k v
	[ -n "$BG_PID" ] || return 0
	wait "$BG_PID"
	BG_PID=
	while IFS= read -r line; do
		case $line in
		"PASS: "*) npass=$((npass + 1)) ;;
		"FAIL: "*) nfail=$((nfail + 1)) ;;
		"SKIP: "*) nskip=$((nskip + 1)) ;;
		STEP_OK$'\t'*)
			IFS=$'\t' read -r _ k v <<<"$line"
			STEP_OK[$k]=$v
			continue ;;
		esac
		printf '%s\n' "$line"
	done <"$BG_OUT"
}

# ---- guest suites ------------------------------------------------------------

# guest_run <label> <flavour> <run-tests patterns> [vm.sh options...]: one
# boot of the platform running the guest scripts; each check is a result.
guest_run() {
	local label=$1 flavour=$2 patterns=$3 logdir rc t0 line n=0
	shift 3
	logdir=$OUT/vm-$label
	t0=$(date +%s)
	with_progress "$label guest run" "$OUT/vm-$label.out" \
		"$RPT_DIR/vm.sh" --kernel "$flavour" --quiet --logdir "$logdir" \
		"$@" --run "/usr/share/rpt/run-tests $patterns"
	rc=$?
	while IFS= read -r line; do
		case $line in
		"TEST: ok "*)
			pass "$label: ${line#TEST: ok }"
			n=$((n + 1)) ;;
		"TEST: not ok "*)
			fail "$label: ${line#TEST: not ok }"
			n=$((n + 1)) ;;
		"TEST: skip "*)
			skip "$label: ${line#TEST: skip }" ;;
		esac
	done < <(grep -a '^TEST: ' "$logdir/results.log" 2>/dev/null)
	local dt=$(( $(date +%s) - t0 ))
	if [ "$rc" -eq 0 ] && [ "$n" -gt 0 ]; then
		pass "$label guest run: exit 0, $n checks (${dt}s)"
	else
		# 126: QEMU itself died; vm.sh said how ("QEMU aborted ...").
		local why=
		[ "$rc" -ne 126 ] || why=$(grep -a -m1 'QEMU aborted' \
			"$OUT/vm-$label.out" | sed 's/^==> //')
		fail "$label guest run: exit $rc, $n checks (${dt}s, logs: $logdir)${why:+: $why}"
		tail -n 30 "$logdir/console.log" 2>/dev/null | sed 's/^/    | /'
	fi
	if "$RPT_DIR/scan-log.sh" "$logdir/console.log" "$logdir/dmesg.log" \
		>"$OUT/splats-$label.log" 2>&1; then
		pass "$label: no kernel warnings/splats in the logs"
	else
		fail "$label: kernel splats (see $OUT/splats-$label.log)"
		head -n 60 "$OUT/splats-$label.log" | sed 's/^/    /'
	fi
}

# guest_suite <stock|debug> <prerequisite step...>: the whole guest suite,
# then a second boot whose remote the emulator started before Linux (the
# attach test, then unloading (stock) and kmemleak).
guest_suite() {
	local flavour=$1 pre
	shift
	for pre in "$@"; do
		if ! ok_step "$pre"; then
			fail "$flavour guest suite (not run: '$pre' failed)"
			return
		fi
	done
	step "$flavour initramfs" "$RPT_DIR/mkinitramfs.sh" "$flavour" ||
		return
	guest_run "$flavour" "$flavour" ""
	# Unloading takes minutes on the debug kernel (delayed kobject
	# releases); it is tested after attaching on the stock kernel.
	if [ "$flavour" = debug ]; then
		guest_run "$flavour-attach" "$flavour" "attach kmemleak" \
			--preboot rproc-emu-attach.elf
	else
		guest_run "$flavour-attach" "$flavour" "attach unload kmemleak" \
			--preboot rproc-emu-attach.elf
	fi
	# The CVE classes that need an attached remote (89-cve-classes runs
	# only those when the remote was prebooted; 80-attach leaves none).
	guest_run "$flavour-attach-cve" "$flavour" "cve" \
		--preboot rproc-emu-attach.elf
}

wanted static && static_checks
if wanted builds; then
	builds
	if wanted stock; then
		bg_start debug_builds
	else
		debug_builds
	fi
fi
if wanted stock; then
	wanted builds || {
		step "out-of-tree build (stock headers)" "$RPT_DIR/build-oot.sh" && {
			step "Linux 6.1 rpmsg sample and rpmsg_tty, unchanged (stock)" \
				"$RPT_DIR/build-clients-61.sh" stock
			step "test modules of kmod/ (stock)" \
				"$RPT_DIR/build-kmod.sh" stock
		}
		step "tools build" make -C "$SRCTREE/tools/remoteproc" \
			O="$TOOLS_O" -j"$(nproc)" all
		ref_build
	}
	guest_suite stock "out-of-tree build (stock headers)" "tools build"
fi
bg_join
if wanted debug; then
	wanted builds || {
		step "debug kernel build" "$RPT_DIR/build-debug-kernel.sh" all && {
			step "Linux 6.1 rpmsg sample and rpmsg_tty, unchanged (debug)" \
				"$RPT_DIR/build-clients-61.sh" debug
			step "test modules of kmod/ (debug)" \
				"$RPT_DIR/build-kmod.sh" debug
		}
		ok_step "tools build" || step "tools build" \
			make -C "$SRCTREE/tools/remoteproc" O="$TOOLS_O" \
			-j"$(nproc)" all
	}
	guest_suite debug "debug kernel build" "tools build"
fi

echo "check: logs in $OUT; took $(( $(date +%s) - T_START ))s"
echo "$nskip skipped"
echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
