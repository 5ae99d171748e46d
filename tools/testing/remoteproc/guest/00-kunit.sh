#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# KUnit: remoteproc.ko, rpmsg_core.ko and virtio_rpmsg_bus.ko run their
# built-in suites when they load, remoteproc_power_test.ko and
# rpmsg_bus_test.ko are suites of their own (debug kernel only: the stock
# kernel has no KUnit).  Every test case of the suites below counts as one
# result; a suite missing from the log of a module that was loaded is a
# failure.
. "$(dirname "$0")/lib.sh"
T=kunit
SUITES="remoteproc_elf remoteproc_rsc_table remoteproc_coredump"

if [ "$RPT_FLAVOUR" != debug ]; then
	info "$T: the $RPT_FLAVOUR kernel has no KUnit; skipped"
	exit 0
fi

dmesg | sed 's/^\[[^]]*\] //' >/tmp/kunit.log

loaded() { grep -qx "$1" /lib/modules/rpt/load-order 2>/dev/null; }
if loaded remoteproc_power_test; then
	SUITES="$SUITES remoteproc_power"
else
	not_ok "$T: remoteproc_power" \
		"remoteproc_power_test.ko is not in the initramfs"
fi
loaded rpmsg_core && SUITES="$SUITES rpmsg_addr rpmsg_ns"
loaded virtio_rpmsg_bus && SUITES="$SUITES rpmsg_virtio_rx rpmsg_virtio_tx"
if loaded rpmsg_core; then
	if loaded rpmsg_bus_test; then
		SUITES="$SUITES rpmsg_bus"
	else
		not_ok "$T: rpmsg_bus" "rpmsg_bus_test.ko is not in the initramfs"
	fi
fi

for s in $SUITES; do
	# The first run of the suite (a module reload runs it again): the case
	# lines are the ones indented by exactly four spaces.
	awk -v s="$s" '
		$0 == "    # Subtest: " s { inside = 1; next }
		inside && ($0 ~ "^(not )?ok [0-9]+ " s "( |$)") {
			print "END " $1; exit
		}
		inside && /^    (ok|not ok) [0-9]+ / { print }
	' /tmp/kunit.log >/tmp/kunit-$s.txt
	if ! grep -q '^END' /tmp/kunit-$s.txt; then
		not_ok "$T: $s" "suite missing or unfinished in the kernel log"
		continue
	fi
	cases=0
	while read -r verdict rest; do
		case $verdict in
		ok)
			# rest: "<n> <case>[ # SKIP <why>]"
			ok "$T: $s.${rest#* }"
			cases=$((cases + 1)) ;;
		not)
			rest=${rest#ok }
			not_ok "$T: $s.${rest#* }" "KUnit case failed"
			cases=$((cases + 1)) ;;
		esac
	done </tmp/kunit-$s.txt
	[ $cases -gt 0 ] || not_ok "$T: $s" "no test cases"
	grep -q '^END not' /tmp/kunit-$s.txt &&
		not_ok "$T: $s suite" "the suite reports failure"
	info "$T: $s: $cases cases"
done

# A failing case prints its expectations; show them for the log.
if grep -q '^    not ok' /tmp/kunit.log; then
	grep -E '^        # |^    not ok' /tmp/kunit.log | head -n 40 | show
fi
finish
