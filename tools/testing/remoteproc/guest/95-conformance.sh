#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The conformance suite: a differential test against Linux 6.1.  Every
# section in conformance/ (NN-<topic>.sh) writes a transcript of what a user
# or tool can observe of the subsystem ("<key> <value>" lines).  They run
# against our stack, then against Linux 6.1's own remoteproc/rpmsg built
# unchanged (/lib/modules/ref, see build-ref-61.sh).  With rpt.conf_twice=1
# on the kernel command line (vm.sh --append), against ours once more, which
# must give the same transcript: the sections are deterministic (a section
# that is not would hide differences; make check skips that ~4 min pass).
# Each key must have the same value on both stacks, unless
# conformance/conformance.allow lists it with its reason.
#
# Kernel messages printed while 6.1's stack is loaded are 6.1's: they sit
# between the markers "rpt: 6.1-stack begin/end", which scan-log.sh reports
# apart (a warning there is 6.1's own and does not fail the run).
#
# rpt-timeout: 900
. "$(dirname "$0")/lib.sh"
# shellcheck disable=SC1091
[ -r "$(dirname "$0")/stack.sh" ] && . "$(dirname "$0")/stack.sh"

CONF=$(dirname "$0")/conformance
ALLOW=$CONF/conformance.allow
T=conformance
OUT=/tmp/conformance
mkdir -p "$OUT"

require_features "$T" rpmsg ref

# transcript <stack> <file>: load <stack>, wait for the default firmware,
# run every section.
transcript() {
	if ! stack_use "$1"; then
		not_ok "$T: load the $1 stack" "stack_use $1 failed"
		return 1
	fi
	if ! rp_wait_state running; then
		not_ok "$T: $1 stack boots the remote" "state $(rp_state)"
		return 1
	fi
	# The firmware's channels, so that every section starts alike.
	for _s in $RPMSG_SERVICES; do
		rpmsg_wait_channel "$_s" || info "$1: no channel $_s"
	done
	: >"$2"
	for _sec in "$CONF"/[0-9][0-9]-*.sh; do
		[ -e "$_sec" ] || continue
		_n=$(basename "$_sec" .sh)
		_t0=$(date +%s)
		CONF_STACK=$1 timeout 600 sh "$_sec" >"$OUT/$1.$_n" \
			2>"$OUT/$1.$_n.err"
		_rc=$?
		cat "$OUT/$1.$_n" >>"$2"
		info "$1: $_n: $(wc -l <"$OUT/$1.$_n") lines, exit $_rc," \
			"$(( $(date +%s) - _t0 ))s"
		[ "$_rc" -eq 0 ] ||
			not_ok "$T: $1: $_n runs" "exit $_rc: $(tail -n 3 "$OUT/$1.$_n.err")"
	done
	ok "$T: $1 transcript ($(wc -l <"$2") observables)"
}

# The allow-list as "<regex>\t<glob>" lines in $OUT/allow; an entry
# without a reason fails.
allow_regexes() {
	grep -vE '^[[:space:]]*(#|$)' "$ALLOW" >"$OUT/allow.src"
	: >"$OUT/allow"
	while IFS= read -r _l; do
		_g=$(printf '%s\n' "$_l" | sed 's/[[:space:]]*#.*//')
		case $_l in
		*"#"*[![:space:]]*) ;;
		*) not_ok "$T: allow entry '$_g'" "has no reason"; continue ;;
		esac
		_re=$(printf '%s\n' "$_g" | sed 's/[].[^$\\+(){}|]/\\&/g;
			s/\*/.*/g; s/?/./g')
		printf '^%s$\t%s\n' "$_re" "$_g" >>"$OUT/allow"
	done <"$OUT/allow.src"
}

# compare <ours> <ref>: one line per key that differs, "<key>\t<ours>\t<ref>"
# (a missing key shows as <absent>).
compare() {
	awk '
	function val(line) { sub(/^[^ ]* ?/, "", line); return line }
	FNR == NR { a[$1] = val($0); keys[$1] = 1; next }
	{ b[$1] = val($0); keys[$1] = 1 }
	END {
		for (k in keys) {
			va = (k in a) ? a[k] : "<absent>"
			vb = (k in b) ? b[k] : "<absent>"
			if (va != vb) printf "%s\t%s\t%s\n", k, va, vb
		}
	}' "$1" "$2" | LC_ALL=C sort
}

transcript ours "$OUT/ours.txt" || finish
kmsg_mark "6.1-stack begin"
transcript ref "$OUT/ref.txt"
ref_rc=$?
stack_unload
kmsg_mark "6.1-stack end"
if grep -qw 'rpt.conf_twice=1' /proc/cmdline; then
	transcript ours "$OUT/ours2.txt" || finish
	# Our stack gives the same transcript twice.
	compare "$OUT/ours.txt" "$OUT/ours2.txt" >"$OUT/nondet"
	if [ -s "$OUT/nondet" ]; then
		not_ok "$T: our transcript is the same twice" \
			"$(wc -l <"$OUT/nondet") keys differ, e.g. $(head -n 3 "$OUT/nondet" | tr '\t' ' ')"
	else
		ok "$T: our transcript is the same twice"
	fi
else
	# The remaining tests run on our stack.
	stack_use ours && rp_wait_state running ||
		not_ok "$T: our stack back" "stack_use ours failed"
fi
[ "$ref_rc" -eq 0 ] || finish

allow_regexes
compare "$OUT/ours.txt" "$OUT/ref.txt" >"$OUT/diff"
total=$(cat "$OUT/ours.txt" "$OUT/ref.txt" | awk '{print $1}' | sort -u | wc -l)
ndiff=0
nallowed=0
: >"$OUT/used"
while IFS="$(printf '\t')" read -r key vours vref; do
	ndiff=$((ndiff + 1))
	used=
	while IFS="$(printf '\t')" read -r re glob; do
		if printf '%s\n' "$key" | grep -qE "$re"; then
			used=$glob
			break
		fi
	done <"$OUT/allow"
	if [ -n "$used" ]; then
		nallowed=$((nallowed + 1))
		printf '%s\n' "$used" >>"$OUT/used"
		info "allowed ($used): $key: ours '$vours', 6.1 '$vref'"
	else
		not_ok "$T: $key" "ours '$vours', 6.1 '$vref'"
	fi
done <"$OUT/diff"
while IFS="$(printf '\t')" read -r re glob; do
	grep -qxF "$glob" "$OUT/used" ||
		not_ok "$T: allow entry '$glob'" "matches no difference (remove it)"
done <"$OUT/allow"
info "$total observables compared, $ndiff differ, $nallowed of them allowed"
[ "$ndiff" -eq "$nallowed" ] &&
	ok "$T: $total observables, identical but for $nallowed allowed"
finish
