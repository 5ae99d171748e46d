#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kmemleak (debug kernel): after the other tests (which end by unloading the
# modules), scan for unreferenced objects.  init cleared boot-time reports
# before loading the modules, so anything listed now is ours or a regression.
. "$(dirname "$0")/lib.sh"
T=kmemleak
K=/sys/kernel/debug/kmemleak

if [ ! -w "$K" ]; then
	if [ "$RPT_FLAVOUR" = debug ]; then
		not_ok "$T: available" "$K missing in the debug kernel"
		finish
	fi
	info "$T: not available in the $RPT_FLAVOUR kernel; skipped"
	exit 0
fi

# Delayed kobject releases (DEBUG_KOBJECT_RELEASE) take up to a few seconds,
# and kmemleak only reports objects older than 5 s: wait, then scan twice.
sleep 6
echo scan >"$K"
sleep 1
echo scan >"$K"
leaks=$(cat "$K")
if [ -z "$leaks" ]; then
	ok "$T: no leaks"
else
	# Print the report on the console: the host's splat scan sees it too.
	not_ok "$T: no leaks" "$(echo "$leaks" | grep -c 'unreferenced object') object(s)"
	echo "$leaks" | head -n 200
fi
finish
