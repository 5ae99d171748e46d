#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-kmod.sh <stock|debug>: the test modules of kmod/ (rproc_kuser.ko, a
# kernel user of rproc_boot()/rproc_shutdown() for the stress test), built
# from a copy of kmod/ so that the source tree never sees an object file:
#
#   stock   against the stock headers with our include/ first, like
#           build-oot.sh, linked against build/oot's Module.symvers, into
#           build/kmod-stock/
#   debug   against the debug kernel (our tree overlaid), into
#           build/kmod-debug/
#
# Fails on any compiler or modpost warning.  mkinitramfs.sh ships the .ko
# files that exist; the guest loads them only in the tests that want them.
set -euo pipefail
. "$(dirname "$0")/common.sh"

flavour=${1:-}
MODULES="rproc_kuser"
out=$BUILD/kmod-$flavour

case $flavour in stock|debug) ;; *) die "usage: $0 <stock|debug>" ;; esac

mkdir -p "$out" "$BUILD/logs"
# rsync -c: unchanged files keep their mtimes, so rebuilds stay incremental.
rsync -rc --delete --exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
      --exclude='*.mod.c' --exclude='.*.cmd' --exclude='*.order' \
      --exclude='Module.symvers' --exclude='.tmp_*' \
      "$RPT_DIR/kmod/" "$out/"
for m in $MODULES; do
	rm -f "$out/$m.ko"
done
build_ext_modules "$flavour" "$out" REMOTEPROC drivers/remoteproc/remoteproc \
	"test modules of kmod/" "$BUILD/logs/kmod-$flavour.log"
for m in $MODULES; do
	[ -e "$out/$m.ko" ] || die "$out/$m.ko was not built"
	log "built $out/$m.ko"
done
