#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Out-of-tree build of the subsystem's modules against the stock Debian
# headers, the way a distribution-kernel user builds them.
#
#   build-oot.sh            modules in build/oot
#   build-oot.sh --static   W=1 + sparse (C=2) in build/oot-w1; fails on any
#                           warning that points into our files
#
# The tree is copied first (rsync -c: unchanged files keep their mtimes, so
# rebuilds stay incremental) so that the source tree never sees a .o.
# NOSTDINC_FLAGS comes before the kernel's own -I options on the compiler
# command line: that is how our include/linux/remoteproc.h overrides the
# one shipped in the headers package.
set -euo pipefail
. "$(dirname "$0")/common.sh"

static=0
[ "${1:-}" = "--static" ] && static=1

if [ $static -eq 1 ]; then
	oot=$BUILD/oot-w1
	extra=(W=1 C=2)
	what="out-of-tree build with W=1 C=2"
else
	oot=$BUILD/oot
	extra=()
	what="out-of-tree build"
fi
logf=$BUILD/logs/$(basename "$oot").log
kdir=$(stock_headers)
[ -d "$kdir" ] || die "$kdir missing (run: make deps)"

mkdir -p "$oot" "$BUILD/logs"
# Excluded names are neither copied nor deleted on the receiving side.
rsync -rc --delete --exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
      --exclude='*.mod.c' --exclude='.*.cmd' --exclude='*.order' \
      --exclude='Module.symvers' --exclude='*.a' --exclude='.tmp_*' \
      --exclude='*.s' --exclude='*.i' --exclude='*.dwo' \
      --include='/Kbuild' --include='/drivers/***' --include='/include/***' \
      --include='/samples/***' --exclude='*' \
      "$SRCTREE/" "$oot/"

# Each symbol as make variable and as the define autoconf.h would carry,
# since <linux/kconfig.h>'s IS_ENABLED() reads the latter.  The rpmsg ones
# only once their source is in the tree (see RPMSG_SYMBOLS in common.sh).
rpmsg_syms=()
for sym in $(rpmsg_symbols); do
	[ -n "$(rpmsg_symbol_module "$sym")" ] && rpmsg_syms+=("$sym")
done
defines=""
flags=()
for sym in REMOTEPROC IVSHMEM_REMOTEPROC "${rpmsg_syms[@]}"; do
	flags+=("CONFIG_$sym=m")
	defines+=" -DCONFIG_${sym}_MODULE=1"
done

phase_start "$what against $kdir"
set +e
make -C "$kdir" M="$oot" -j"$(nproc)" "${flags[@]}" "${extra[@]}" \
     NOSTDINC_FLAGS="-I$oot/include -I$oot/include/uapi$defines" \
     modules 2>&1 | tee "$logf"
rc=${PIPESTATUS[0]}
set -e
phase_end "$what"
[ "$rc" -eq 0 ] || die "$what failed (log: $logf)"

for m in $RPROC_MODULES; do
	[ -e "$oot/$m.ko" ] || die "$oot/$m.ko was not built"
done
for sym in "${rpmsg_syms[@]}"; do
	m=$(rpmsg_symbol_module "$sym")
	[ -e "$oot/$m.ko" ] || die "$oot/$m.ko was not built (CONFIG_$sym=m)"
done
[ ${#rpmsg_syms[@]} -gt 0 ] || log "note: no rpmsg source in the tree yet"

# Compiler and sparse diagnostics come as "<path>:<line>:<col>: warning:",
# modpost's as "WARNING: modpost: ...".  Anything in our copy counts.
if grep -E "^($oot/|drivers/|include/|samples/)[^:]*:[0-9]+(:[0-9]+)?: (warning|error):|^WARNING: modpost:" \
	"$logf" >"$logf.warnings"; then
	echo "---- warnings in our files ($logf) ----" >&2
	cat "$logf.warnings" >&2
	die "$(wc -l <"$logf.warnings") warning(s) in the $what"
fi
log "$what: clean"
