#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# soak.sh: the long runs behind `make soak`.
#
#   soak.sh [--kernel debug|stock] [--minutes N] [--cycles N]
#           [--tests "chaos,storm,crash-cycles"]
#
# One boot of the platform (vm.sh --guest-dir soak/) that runs, for N
# minutes in all, the storm (guest/87-storm.sh, rpt.storm_secs: half of
# them) and the hostile remote (guest/86-chaos.sh, rpt.chaos_secs: the other
# half), then N crash/recover cycles with clients attached
# (guest/88-crash-cycles.sh, rpt.crash_cycles), then kmemleak.  Before and
# after, the guest settles the platform (driver rebound, default firmware
# running) and takes a snapshot (lib.sh: rpt_snapshot); here they are
# compared:
#   ids        the remoteproc, rpmsg and virtio devices and nodes: the same
#              objects, none with a higher id (compared in the guest: a
#              leaked id pushes new objects to higher numbers)
#   files      descriptors open in all processes: at most SOAK_FILES_BOUND
#              (32) more
#   sysfs      entries under /sys: at most SOAK_SYSFS_BOUND (16) more
#   memory     MemAvailable: at most SOAK_MEM_BOUND_KB (32768) less
#   slabs      active objects of the kmalloc caches, kernfs nodes, files
#              and any rproc/rpmsg/virtio cache: at most SOAK_SLAB_BOUND
#              (512) more each
# and the logs are scanned for splats (scan-log.sh).  The last lines
# summarize what ran, how long, the storm's rate, the cycles, kmemleak,
# the drift, and "soak: PASS" or "soak: FAIL"; the exit status says the same.
# Logs: $BUILD/soak-<kernel>/.
set -euo pipefail
. "$(dirname "$0")/common.sh"

kernel=debug
minutes=10
cycles=1000
tests=chaos,storm,crash-cycles
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift ;;
	--minutes) minutes=$2; shift ;;
	--cycles) cycles=$2; shift ;;
	--tests) tests=$2; shift ;;
	-h|--help) sed -n '4,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown option $1 (see $0 --help)" ;;
	esac
	shift
done
[[ $minutes =~ ^[0-9]+$ && $cycles =~ ^[0-9]+$ ]] ||
	die "--minutes and --cycles take numbers"
FILES_BOUND=${SOAK_FILES_BOUND:-32}
MEM_BOUND_KB=${SOAK_MEM_BOUND_KB:-32768}
SLAB_BOUND=${SOAK_SLAB_BOUND:-512}
SLAB_RE='^(kmalloc-|kmalloc-cg-|dma-kmalloc-|kernfs_node_cache$|kernfs_iattrs_cache$|filp$)|rproc|rpmsg|virtio'
SYSFS_BOUND=${SOAK_SYSFS_BOUND:-16}

secs=$((minutes * 60))
storm=$((secs / 2))
chaos=$((secs - storm))
# Time a cycle may take, for the timeouts only (TCG; the debug kernel is
# several times slower).
if [ "$kernel" = debug ]; then per_cycle=4; else per_cycle=2; fi
script_tmo=$((secs + cycles * per_cycle + 900))
budget=$((secs + cycles * per_cycle + 1800))

logdir=$BUILD/soak-$kernel
rm -rf "$logdir"
mkdir -p "$logdir"
log "soak on the $kernel kernel: storm ${storm}s, chaos ${chaos}s, $cycles crash cycles" \
    "(tests: $tests; at most ${budget}s; logs: $logdir)"
t0=$(date +%s)
set +e
"$RPT_DIR/vm.sh" --kernel "$kernel" --logdir "$logdir" --timeout "$budget" \
	--guest-dir "$RPT_DIR/soak" \
	--append "rpt.storm_secs=$storm rpt.chaos_secs=$chaos rpt.crash_cycles=$cycles rpt.timeout=$script_tmo rpt.soak_tests=$tests" \
	2>&1 | tee "$logdir/soak.out" |
	grep --line-buffered -aE '^(######## |# [a-z0-9-]+: exit |storm: [0-9]+ s,|storm: seed |# crash-cycles: [0-9]+/|TEST: not ok|==> )'
rc=${PIPESTATUS[0]}
set -e
elapsed=$(( $(date +%s) - t0 ))

res=$logdir/results.log
con=$logdir/console.log
touch "$res" "$con" "$logdir/dmesg.log"
fail=0
say() { printf 'soak: %s\n' "$*"; }
bad() { say "FAIL: $*"; fail=1; }

echo
say "kernel $kernel, $minutes min requested, the guest ran ${elapsed}s, exit status $rc"
[ "$rc" -eq 0 ] || bad "the guest run exited with $rc (124: timeout, 125: no status)"
# What ran, and how long each took (run-tests' lines).
grep -aE '^# [0-9][0-9]-[a-z0-9-]+: exit [0-9]+ after [0-9]+s' "$con" |
	sed 's/^# /  ran /' || say "no test ran"
grep -a '^# storm: [0-9]* s in all' "$con" | sed 's/^# /  /' || true
grep -aE '^storm: ([0-9]+ ops in|results|by kind|the remote was|[0-9]+ anomalies)' "$con" |
	sed 's/^/  /' || true
grep -aE '^# crash-cycles: .*(cycles,|rpmsg-attach)' "$con" | tail -n 4 |
	sed 's/^# /  /' || true
grep -aE '^# chaos: ' "$con" | tail -n 3 | sed 's/^# /  /' || true
npass=$(grep -ac '^TEST: ok' "$res" || true)
nfail=$(grep -ac '^TEST: not ok' "$res" || true)
say "checks: $npass passed, $nfail failed"
[ "$nfail" -eq 0 ] || { grep -a '^TEST: not ok' "$res" | head -n 20 | sed 's/^/  /'; fail=1; }

# kmemleak
if grep -aq '^TEST: ok kmemleak: no leaks' "$res"; then
	say "kmemleak: no leaks"
elif grep -aq '^TEST: not ok kmemleak' "$res"; then
	bad "kmemleak: $(grep -a '^TEST: not ok kmemleak' "$res" | head -n1)"
else
	say "kmemleak: not available in the $kernel kernel"
fi

# drift
snap() { sed -n "s/^SOAK: $1 //p" "$res" | tr -d '\r'; }
snap before >"$logdir/snapshot.before"
snap after >"$logdir/snapshot.after"
if [ ! -s "$logdir/snapshot.before" ] || [ ! -s "$logdir/snapshot.after" ]; then
	bad "no snapshots to compare"
else
	val() { awk -v k="$1" '$1 == k { print $2; exit }' "$logdir/snapshot.$2"; }
	# The guest compared the ids (lib.sh: rpt_ids_diff).
	line=$(grep -a '^TEST: .*soak: the same objects' "$res" | head -n1 || true)
	case $line in
	"TEST: ok "*) say "ids: ${line#TEST: ok soak: }" ;;
	"") bad "ids: not compared" ;;
	*) bad "ids drifted: ${line#TEST: not ok soak: }" ;;
	esac
	if ! diff <(grep '^id ' "$logdir/snapshot.before") \
		  <(grep '^id ' "$logdir/snapshot.after") >/dev/null; then
		say "ids renamed (not a leak unless above): $(diff \
			<(grep '^id ' "$logdir/snapshot.before") \
			<(grep '^id ' "$logdir/snapshot.after") |
			grep '^[<>]' | sed 's/id //' | tr '\n' ' ')"
	fi
	fb=$(val files before) fa=$(val files after)
	fb=${fb:-0} fa=${fa:-0}
	say "open files: $fb -> $fa ($((fa - fb)), bound +$FILES_BOUND)"
	[ $((fa - fb)) -le "$FILES_BOUND" ] || bad "open files grew by $((fa - fb))"
	sb=$(val sysfs before) sa=$(val sysfs after)
	sb=${sb:-0} sa=${sa:-0}
	say "sysfs entries: $sb -> $sa ($((sa - sb)), bound +$SYSFS_BOUND)"
	[ $((sa - sb)) -le "$SYSFS_BOUND" ] || bad "sysfs grew by $((sa - sb)) entries"
	for k in MemAvailable Slab SUnreclaim VmallocUsed; do
		b=$(val "mem.$k" before) a=$(val "mem.$k" after)
		[ -n "$b" ] && [ -n "$a" ] || continue
		say "$k: $b kB -> $a kB ($((a - b)) kB)"
	done
	b=$(val mem.MemAvailable before) a=$(val mem.MemAvailable after)
	b=${b:-0} a=${a:-0}
	[ $((b - a)) -le "$MEM_BOUND_KB" ] ||
		bad "MemAvailable dropped by $((b - a)) kB (bound $MEM_BOUND_KB kB)"
	# slabs: growth per cache, the largest first
	join <(grep '^slab\.' "$logdir/snapshot.before" | sort) \
	     <(grep '^slab\.' "$logdir/snapshot.after" | sort) |
		awk '{ printf "%s %d %d %d\n", substr($1, 6), $2, $3, $3 - $2 }' |
		sort -k4,4nr >"$logdir/slab-drift"
	if [ ! -s "$logdir/slab-drift" ]; then
		say "slabs: no /proc/slabinfo in this kernel"
	else
		say "slabs, largest growth (cache before after delta):"
		head -n 6 "$logdir/slab-drift" | sed 's/^/    /'
		over=$(awk -v re="$SLAB_RE" -v b="$SLAB_BOUND" '$1 ~ re && $4 > b' \
			"$logdir/slab-drift")
		if [ -n "$over" ]; then
			bad "slab caches grew by more than $SLAB_BOUND objects: $(tr '\n' ';' <<<"$over")"
		else
			say "slabs: no kmalloc/kernfs/filp/rproc/rpmsg/virtio cache grew by more than $SLAB_BOUND objects"
		fi
	fi
fi

# splats
if "$RPT_DIR/scan-log.sh" "$con" "$logdir/dmesg.log" >"$logdir/splats.log" 2>&1; then
	say "splats: none in the console and kernel logs"
else
	bad "kernel splats (see $logdir/splats.log)"
	head -n 40 "$logdir/splats.log" | sed 's/^/  /'
fi

if [ "$fail" -eq 0 ]; then
	say "PASS (logs: $logdir)"
else
	say "FAIL (logs: $logdir)"
fi
exit "$fail"
