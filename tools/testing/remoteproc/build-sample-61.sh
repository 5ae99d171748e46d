#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-sample-61.sh <stock|debug>: Linux 6.1's own rpmsg sample client,
# taken unchanged from linux-source-6.1 at test time (never committed), built
# against our headers and modules:
#
#   stock   against the stock headers with our include/ first, like
#           build-oot.sh, into build/sample-61-stock/
#   debug   against the debug kernel (our tree overlaid), into
#           build/sample-61-debug/
#
# Its module is named rpmsg_client_sample_61 (a one-object composite module:
# the source stays untouched) so that it cannot be mistaken for ours; both
# match "rpmsg-client-sample", so the guest loads one at a time.
# mkinitramfs.sh ships the .ko when it exists.  Exit status 77 (skipped)
# while our rpmsg core or header is not in the tree yet.
set -euo pipefail
. "$(dirname "$0")/common.sh"

flavour=${1:-}
src_rel=samples/rpmsg/rpmsg_client_sample.c
srcdir=$BUILD/sample-61-src
out=$BUILD/sample-61-$flavour
ko=$out/rpmsg_client_sample_61.ko

case $flavour in stock|debug) ;; *) die "usage: $0 <stock|debug>" ;; esac

if [ ! -e "$SRCTREE/include/linux/rpmsg.h" ] ||
   [ ! -e "$SRCTREE/drivers/rpmsg/rpmsg_bus.c" ]; then
	log "no include/linux/rpmsg.h or rpmsg core in the tree yet: skipped"
	rm -rf "$out"
	exit 77
fi

# The upstream file, extracted once from the source tarball (the kernel
# tree in build/linux-6.1 carries our samples/rpmsg instead).
if [ ! -s "$srcdir/$src_rel" ]; then
	[ -r "$KSRC_TARBALL" ] || die "$KSRC_TARBALL missing (run: make deps)"
	rm -rf "$srcdir"
	mkdir -p "$srcdir"
	log "extracting $src_rel from $KSRC_TARBALL"
	tar -xJf "$KSRC_TARBALL" -C "$srcdir" --strip-components=1 \
		--wildcards "*/$src_rel"
	[ -s "$srcdir/$src_rel" ] || die "$src_rel not found in $KSRC_TARBALL"
fi

mkdir -p "$out"
cmp -s "$srcdir/$src_rel" "$out/rpmsg_client_sample.c" ||
	cp "$srcdir/$src_rel" "$out/rpmsg_client_sample.c"
cat >"$out/Kbuild" <<'KBUILD'
obj-m += rpmsg_client_sample_61.o
rpmsg_client_sample_61-y := rpmsg_client_sample.o
KBUILD
logf=$BUILD/logs/sample-61-$flavour.log
mkdir -p "$BUILD/logs"

if [ "$flavour" = stock ]; then
	symvers=$BUILD/oot/Module.symvers
	[ -e "$BUILD/oot/drivers/rpmsg/rpmsg_core.ko" ] ||
		die "build/oot has no rpmsg_core.ko (run build-oot.sh first)"
	cmd=(make -C "$(stock_headers)" M="$out" CONFIG_RPMSG=m
	     KBUILD_EXTRA_SYMBOLS="$symvers"
	     NOSTDINC_FLAGS="-I$SRCTREE/include -I$SRCTREE/include/uapi -DCONFIG_RPMSG_MODULE=1"
	     modules)
else
	[ -e "$KDEBUG/drivers/rpmsg/rpmsg_core.ko" ] ||
		die "the debug kernel has no rpmsg_core.ko (build it first)"
	cmd=(make -C "$KSRC" O="$KDEBUG" M="$out" modules)
fi

rm -f "$ko"
phase_start "Linux 6.1's $src_rel against our rpmsg ($flavour)"
set +e
"${cmd[@]}" 2>&1 | tee "$logf"
rc=${PIPESTATUS[0]}
set -e
phase_end "sample-61 ($flavour)"
[ "$rc" -eq 0 ] || die "building 6.1's sample failed (log: $logf)"
[ -e "$ko" ] || die "$ko was not built"
cmp -s "$srcdir/$src_rel" "$out/rpmsg_client_sample.c" ||
	die "the 6.1 sample was modified"
if grep -E '(warning|error):|^WARNING: modpost:' "$logf" >"$logf.warnings"; then
	cat "$logf.warnings" >&2
	die "warnings building 6.1's sample against our headers"
fi
log "built $ko"
