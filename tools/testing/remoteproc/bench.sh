#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh: `make bench`, our rpmsg stack against Linux 6.1's own, measured
# side by side.
#
#   bench.sh [--rounds N] [--quick] [--smoke] [--idle "100 1000"]
#            [--logdir DIR] [--timeout S]
#
# One boot of the stock kernel (vm.sh --guest-dir bench/) runs N rounds
# (default 30, about 6 minutes; --quick: 1), each measuring our stack and
# 6.1's in turn, the order alternating from round to round, each stack
# loaded afresh before it is measured (bench/run and
# guest-tools/rpmsg-bench.c say what and how).
# Timing on TCG on a shared host moves by 2-3x from one run to the next, so
# no single number is trusted: per metric the table gives the median of
# the rounds for each stack, their ratio, the rounds each stack won (ties
# left out) and the two-sided sign-test p of that count (p < 0.05: a real
# difference; the smallest p N rounds can give is 2^(1-N)).
#
#   --quick        small counts and one round: a smoke of the whole thing
#   --smoke        fail unless every metric of the table has a value for
#                  both stacks (nothing about speed or losses) and the logs
#                  have no splat of ours; exit 77 (skip) without Linux
#                  6.1's stack in the initramfs
#   --idle LIST    numbers of idle endpoints to measure with (default
#                  "100 1000"; --quick: 20)
#   --logdir DIR   default $BUILD/bench: vm.sh's logs, rounds.tsv (round,
#                  stack, metric, value), errors.txt, bench.txt (the table
#                  and every round's values)
#
# The kernel logs are scanned for splats (scan-log.sh, 6.1's listed apart):
# one line says what it found.  Exit status 0 when the guest ran every
# measurement, else non-zero (the table is printed all the same).
set -euo pipefail
. "$(dirname "$0")/common.sh"

rounds=
quick=0
smoke=0
idle=
logdir=$BUILD/bench
timeout_s=
while [ $# -gt 0 ]; do
	case $1 in
	--rounds) rounds=$2; shift ;;
	--quick) quick=1 ;;
	--smoke) smoke=1 ;;
	--idle) idle=$2; shift ;;
	--logdir) logdir=$2; shift ;;
	--timeout) timeout_s=$2; shift ;;
	-h|--help) sed -n '4,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown option $1 (see $0 --help)" ;;
	esac
	shift
done
[ -n "$rounds" ] || rounds=$([ "$quick" = 1 ] && echo 1 || echo 30)
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "--rounds takes a positive number"
[ -n "$timeout_s" ] || timeout_s=$((240 + rounds * 150))
append="rpt.bench_rounds=$rounds rpt.bench_quick=$quick"
[ -z "$idle" ] || append+=" rpt.bench_idle=$(tr ' ' ',' <<<"$idle")"

rm -rf "$logdir"
mkdir -p "$logdir"
log "bench: $rounds round(s)$([ "$quick" = 1 ] && echo ', quick'), ours and Linux 6.1's" \
    "stack alternating in one boot of the stock kernel (logs: $logdir)"
t0=$(date +%s)
set +e
"$RPT_DIR/vm.sh" --kernel stock --logdir "$logdir" --timeout "$timeout_s" \
	--guest-dir "$RPT_DIR/bench" --append "$append" </dev/null 2>&1 |
	tee "$logdir/vm.out" | sed -u 's/\r$//' |
	grep --line-buffered -aE '^(# bench: |BENCH-ERROR: |bench: |==> )'
rc=${PIPESTATUS[0]}
set -e
elapsed=$(( $(date +%s) - t0 ))

res=$logdir/results.log
touch "$res"
if [ "$rc" -eq 77 ]; then
	log "no Linux 6.1 stack in the initramfs (make ref, then make initramfs)"
	exit 77
fi
sed -n 's/^BENCH: //p' "$res" | tr -d '\r' >"$logdir/rounds.tsv"
sed -n 's/^BENCH-ERROR: //p' "$res" | tr -d '\r' >"$logdir/errors.txt"
info() { sed -n "s/^BENCH-INFO: $1 //p" "$res" | tr -d '\r' | head -n1; }
flood_n=$(info FLOOD_N)
rtt_n=$(info RTT_N)

# The table's rows: metric|label|which is better (low or high).
spec() {
	cat <<EOF
rt1.med_us|echo round trip 1 B, median (us)|low
rt1.p99_us|echo round trip 1 B, p99 (us)|low
rt496.med_us|echo round trip 496 B, median (us)|low
rt496.p99_us|echo round trip 496 B, p99 (us)|low
flood.msgs_s|remote->Linux flood 496 B (msgs/s)|high
flood.mb_s|remote->Linux flood 496 B (MB/s)|high
flood.lost|flood: messages lost of ${flood_n:-?}|low
flood.bad|flood: payloads wrong|low
pipe1.msgs_s|pipelined echo 496 B, 1 in flight (msgs/s)|high
pipe8.msgs_s|pipelined echo 496 B, 8 in flight (msgs/s)|high
pipe64.msgs_s|pipelined echo 496 B, 64 in flight (msgs/s)|high
EOF
	local k
	for k in $(info IDLE_K | tr ',' ' '); do
		echo "idle$k.rtt_med_us|round trip 1 B, $k idle endpoints open, median (us)|low"
		echo "idle$k.slab_per_ept|slab per endpoint, node + open, of $k (bytes)|low"
	done
	cat <<EOF
ept.per_s|endpoint create+open+destroy via rpmsg_ctrl (/s)|high
boot.start_ms|default firmware: start -> running (ms)|low
boot.chan_ms|default firmware: start -> first channel (ms)|low
boot.stop_ms|default firmware: stop -> offline (ms)|low
fw1m.chan_ms|1 MiB firmware: start -> first channel (ms)|low
fw16m.chan_ms|16 MiB firmware: start -> first channel (ms)|low
crash.ms|crash -> first echo after recovery (ms)|low
EOF
}

# The table from rounds.tsv: medians, ratio, wins, two-sided sign-test p.
table() {
	awk -F'|' -v rounds="$logdir/rounds.tsv" '
	function median(s,   a, n, i, j, t) {
		n = split(s, a, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		if (n == 0) return ""
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	function signp(w, l,   n, k, i, p, sum) {
		n = w + l
		if (n == 0) return ""
		k = w < l ? w : l
		p = 0.5 ^ n; sum = 0
		for (i = 0; i <= k; i++) { sum += p; p = p * (n - i) / (i + 1) }
		sum *= 2
		return sum > 1 ? 1 : sum
	}
	function num(v) {
		if (v == "") return "-"
		if (v + 0 >= 100 || v + 0 <= -100) return sprintf("%.0f", v)
		if (v == int(v)) return sprintf("%d", v)
		return sprintf("%.3g", v)
	}
	BEGIN {
		while ((getline line < rounds) > 0) {
			split(line, f, " ")
			key = f[3] SUBSEP f[2]
			vals[key] = vals[key] " " f[4]
			val[f[3], f[2], f[1]] = f[4]
			if (f[1] > maxr) maxr = f[1]
		}
		print "| metric | ours (median) | 6.1 (median) | ours/6.1 | rounds won ours:6.1 | sign test p |"
		print "|---|---|---|---|---|---|"
	}
	{
		m = $1; mo = median(vals[m, "ours"]); mr = median(vals[m, "ref"])
		w = 0; l = 0
		for (r = 1; r <= maxr; r++) {
			if (!((m, "ours", r) in val) || !((m, "ref", r) in val)) continue
			o = val[m, "ours", r] + 0; x = val[m, "ref", r] + 0
			if (o == x) continue
			if (($3 == "low") == (o < x)) w++; else l++
		}
		ratio = (mo != "" && mr != "" && mr + 0 != 0) ? sprintf("%.2f", mo / mr) : "-"
		p = signp(w, l)
		printf "| %s | %s | %s | %s | %d:%d | %s |\n", $2, num(mo), num(mr),
			ratio, w, l, p == "" ? "-" : sprintf("%.2g", p)
	}' <(spec)
}

# Every round's values, one line per metric and stack.
per_round() {
	local m
	spec | while IFS='|' read -r m _ _; do
		for s in ours ref; do
			printf '%-22s %-4s' "$m" "$([ $s = ref ] && echo 6.1 || echo $s)"
			awk -v m="$m" -v s="$s" '$3 == m && $2 == s { printf " %s", $4 }' \
				"$logdir/rounds.tsv"
			echo
		done
	done
}

# Messages lost in all rounds, per stack.
losses() {
	local s name
	for s in ours ref; do
		name=$([ $s = ref ] && echo "6.1's" || echo ours)
		awk -v s="$s" -v name="$name" -v n="${flood_n:-0}" '
			$2 == s && $3 == "flood.lost" {
				r++; lost += $4; if ($4 > 0) bad++
			}
			END {
				printf "messages lost in the floods: %s %d of %d (in %d of %d rounds)\n",
					name, lost, r * n, bad, r
			}' "$logdir/rounds.tsv"
	done
}

splat_ok=1
if "$RPT_DIR/scan-log.sh" "$logdir/console.log" "$logdir/dmesg.log" \
	>"$logdir/splats.log" 2>&1; then
	splats="kernel log: no splat while ours was loaded"
else
	splat_ok=0
	splats="kernel log: SPLATS while ours was loaded"
fi
grep -q '^note: Linux 6.1' "$logdir/splats.log" &&
	splats+="; Linux 6.1's stack logged splats"
splats+=" (scan-log.sh: $logdir/splats.log)"

host="$(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
{
	echo "make bench: $rounds round(s) of ours and Linux 6.1's stack, alternating," \
	     "in one boot of the stock kernel $(info KERNEL) (QEMU TCG, $(info CPUS) vCPUs;" \
	     "host: $host); ${rtt_n:-?} round trips per round trip metric;" \
	     "the run took ${elapsed}s"
	echo
	table
	echo
	losses
	echo "$splats"
	if [ -s "$logdir/errors.txt" ]; then
		echo
		echo "errors (round stack metric what):"
		sed 's/^/  /' "$logdir/errors.txt"
	fi
} >"$logdir/table.txt"
{
	cat "$logdir/table.txt"
	echo
	echo "per round (ours first in odd rounds, 6.1's first in even ones):"
	per_round
} >"$logdir/bench.txt"
echo
cat "$logdir/table.txt"
echo
echo "every round's values: $logdir/bench.txt (rounds.tsv: round stack metric value)"

[ "$smoke" = 1 ] || exit "$rc"
# The smoke: every metric measured on both stacks, whatever the values,
# and no splat of ours in the logs (as for every boot of make check).
missing=$(spec | while IFS='|' read -r m _ _; do
	for s in ours ref; do
		awk -v m="$m" -v s="$s" '$3 == m && $2 == s { f = 1 } END { exit !f }' \
			"$logdir/rounds.tsv" || printf ' %s(%s)' "$m" "$s"
	done
done)
nm=$(spec | wc -l)
if [ "$rc" -ne 0 ] || [ -n "$missing" ] || [ "$splat_ok" = 0 ]; then
	log "bench smoke: FAIL: guest exit $rc${missing:+; no value for:$missing}" \
	    "$([ "$splat_ok" = 1 ] || echo "; kernel splats: $logdir/splats.log")"
	exit 1
fi
log "bench smoke: PASS: all $nm metrics measured on both stacks (${elapsed}s)"
