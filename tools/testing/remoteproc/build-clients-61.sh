#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-clients-61.sh <stock|debug>: Linux 6.1's own rpmsg client drivers,
# taken unchanged from linux-source-6.1 at test time (never committed), built
# against our headers and modules:
#
#   samples/rpmsg/rpmsg_client_sample.c  as rpmsg_client_sample_61.ko
#   drivers/tty/rpmsg_tty.c              as rpmsg_tty_61.ko
#
#   stock   against the stock headers with our include/ first, like
#           build-oot.sh, into build/sample-61-stock/
#   debug   against the debug kernel (our tree overlaid), into
#           build/sample-61-debug/
#
# Each is a one-object composite module named *_61 (the sources stay
# untouched) so that it cannot be mistaken for ours; the sample and ours
# both match "rpmsg-client-sample", so the guest loads one at a time.
# mkinitramfs.sh ships the .ko files that exist.  Exit status 77 (skipped)
# while our rpmsg core or header is not in the tree yet.
set -euo pipefail
. "$(dirname "$0")/common.sh"

flavour=${1:-}
# <source in linux-source-6.1>:<module name>
CLIENTS="samples/rpmsg/rpmsg_client_sample.c:rpmsg_client_sample_61
	drivers/tty/rpmsg_tty.c:rpmsg_tty_61"
srcdir=$BUILD/sample-61-src
out=$BUILD/sample-61-$flavour

case $flavour in stock|debug) ;; *) die "usage: $0 <stock|debug>" ;; esac

if [ ! -e "$SRCTREE/include/linux/rpmsg.h" ] ||
   [ ! -e "$SRCTREE/drivers/rpmsg/rpmsg_bus.c" ]; then
	log "no include/linux/rpmsg.h or rpmsg core in the tree yet: skipped"
	rm -rf "$out"
	exit 77
fi

# The upstream files, extracted once from the source tarball (the kernel
# tree in build/linux-6.1 carries our drivers/rpmsg and samples/rpmsg).
mkdir -p "$out"
: >"$out/Kbuild"
for c in $CLIENTS; do
	rel=${c%%:*}
	mod=${c##*:}
	if [ ! -s "$srcdir/$rel" ]; then
		[ -r "$KSRC_TARBALL" ] || die "$KSRC_TARBALL missing (run: make deps)"
		mkdir -p "$srcdir"
		log "extracting $rel from $KSRC_TARBALL"
		tar -xJf "$KSRC_TARBALL" -C "$srcdir" --strip-components=1 \
			--wildcards "*/$rel"
		[ -s "$srcdir/$rel" ] || die "$rel not found in $KSRC_TARBALL"
	fi
	base=$(basename "$rel")
	cmp -s "$srcdir/$rel" "$out/$base" || cp "$srcdir/$rel" "$out/$base"
	printf 'obj-m += %s.o\n%s-y := %s\n' "$mod" "$mod" "${base%.c}.o" \
		>>"$out/Kbuild"
	rm -f "$out/$mod.ko"
done
build_ext_modules "$flavour" "$out" RPMSG drivers/rpmsg/rpmsg_core \
	"Linux 6.1's rpmsg clients" "$BUILD/logs/sample-61-$flavour.log"
for c in $CLIENTS; do
	rel=${c%%:*}
	mod=${c##*:}
	[ -e "$out/$mod.ko" ] || die "$out/$mod.ko was not built"
	cmp -s "$srcdir/$rel" "$out/$(basename "$rel")" ||
		die "6.1's $rel was modified"
	log "built $out/$mod.ko"
done
