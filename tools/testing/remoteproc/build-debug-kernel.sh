#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the "debug kernel": Debian's linux-source-6.1 with our remoteproc tree
# overlaid, configured from tinyconfig + kvm_guest.config + debug.config, built
# out of tree in build/kernel-debug with ccache.
#
#   build-debug-kernel.sh [overlay|config|build|all|static]   (default: all)
#
# static: sparse (C=2) and W=1 over our directories in the configured tree.
#
# Incremental: the source is extracted once, the overlay only rewrites files
# whose content changed, and .config is only replaced when it differs.
set -euo pipefail
. "$(dirname "$0")/common.sh"

ORIG=$BUILD/linux-6.1-orig	# upstream files our overlay replaced
MANIFEST=$KSRC/.rproc-overlay	# files the overlay put in place

# ccache: paths under build/ are hashed relative to the working directory,
# so that another clone (another absolute path) hits the same cache.
export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1

KMAKE=(make -C "$KSRC" O="$KDEBUG" ARCH=x86_64 CC="ccache gcc"
       HOSTCC="ccache gcc" -j"$(nproc)")

extract() {
	[ -e "$KSRC/.rproc-extracted" ] && return 0
	[ -r "$KSRC_TARBALL" ] || die "$KSRC_TARBALL missing (run: make deps)"
	phase_start "extracting $KSRC_TARBALL"
	rm -rf "$KSRC" "$KSRC.tmp" "$ORIG"
	mkdir -p "$KSRC.tmp"
	tar -xJf "$KSRC_TARBALL" -C "$KSRC.tmp" --strip-components=1
	touch "$KSRC.tmp/.rproc-extracted"
	mv "$KSRC.tmp" "$KSRC"
	phase_end "extract"
}

# Copy one file of ours over the kernel tree, keeping the upstream original
# (once) so that it can be put back if we drop the file later.
put_file() {
	local rel=$1
	if [ -e "$KSRC/$rel" ] && [ ! -e "$ORIG/$rel" ] &&
	   ! grep -qxF "$rel" "$MANIFEST.old" 2>/dev/null; then
		mkdir -p "$(dirname "$ORIG/$rel")"
		cp -p "$KSRC/$rel" "$ORIG/$rel"
	fi
	mkdir -p "$(dirname "$KSRC/$rel")"
	cmp -s "$SRCTREE/$rel" "$KSRC/$rel" || cp "$SRCTREE/$rel" "$KSRC/$rel"
	printf '%s\n' "$rel" >>"$MANIFEST"
}

# Directories that are wholly ours: mirrored, upstream content removed.
# rsync -c leaves files with unchanged content (and their mtimes) alone.
put_dir() {
	local rel=$1
	[ -d "$SRCTREE/$rel" ] || return 0
	# An empty placeholder directory of ours must not wipe upstream's.
	[ -n "$(find "$SRCTREE/$rel" -type f -print -quit)" ] || return 0
	mkdir -p "$KSRC/$rel"
	rsync -rc --delete --exclude='*.o' --exclude='*.ko' \
	      --exclude='.*.cmd' --exclude='*.mod*' --exclude='*.order' \
	      "$SRCTREE/$rel/" "$KSRC/$rel/"
}

overlay() {
	extract
	log "overlaying $SRCTREE on $KSRC"
	[ -e "$MANIFEST" ] && mv "$MANIFEST" "$MANIFEST.old"
	: >"$MANIFEST"

	put_dir drivers/remoteproc
	put_dir drivers/rpmsg
	put_dir samples/rpmsg

	# Headers and documentation: ours replace or join upstream's (the
	# vendor headers in include/linux/remoteproc/ stay).
	local rel
	while IFS= read -r rel; do
		put_file "$rel"
	done < <(cd "$SRCTREE" &&
		 find include Documentation -type f 2>/dev/null | sort)

	# Files we overlaid last time but no longer have: restore upstream's.
	if [ -e "$MANIFEST.old" ]; then
		while IFS= read -r rel; do
			grep -qxF "$rel" "$MANIFEST" && continue
			if [ -e "$ORIG/$rel" ]; then
				log "restoring upstream $rel"
				cp -p "$ORIG/$rel" "$KSRC/$rel"
			else
				log "removing stale $rel"
				rm -f "$KSRC/$rel"
			fi
		done <"$MANIFEST.old"
		rm -f "$MANIFEST.old"
	fi
}

# debug.config with its rpmsg block reduced to what the tree can build now
# (see the comment on the block), in $BUILD/debug-effective.config.
effective_fragment() {
	local out=$BUILD/debug-effective.config kc line sym have=""
	local enabled
	enabled=" $(rpmsg_symbols | tr '\n' ' ') "
	for kc in "$KSRC/drivers/rpmsg/Kconfig" "$KSRC/samples/Kconfig"; do
		[ -e "$kc" ] && have+=$(sed -n 's/^\(menu\)\{0,1\}config \([A-Z0-9_]*\)/\2/p' "$kc")$'\n'
	done
	local block=0 keep_block=0
	case $enabled in *" RPMSG_VIRTIO "*) keep_block=1 ;; esac
	grep -qx 'RPMSG_VIRTIO' <<<"$have" || keep_block=0
	mkdir -p "$BUILD"
	while IFS= read -r line; do
		case $line in
		"# >>> rpmsg") block=1; continue ;;
		"# <<< rpmsg") block=0; continue ;;
		esac
		if [ "$block" = 1 ]; then
			[ "$keep_block" = 1 ] || continue
			sym=${line%%=*}
			sym=${sym#CONFIG_}
			grep -qx "$sym" <<<"$have" || continue
			case " $(echo $RPMSG_SYMBOLS) " in
			*" $sym "*) case $enabled in *" $sym "*) ;; *) continue ;; esac ;;
			esac
		fi
		printf '%s\n' "$line"
	done <"$RPT_DIR/debug.config" >"$out.tmp"
	cmp -s "$out.tmp" "$out" && rm -f "$out.tmp" || mv "$out.tmp" "$out"
	printf '%s\n' "$out"
}

config() {
	local cfgdir=$BUILD/kernel-debug-config
	local frag
	frag=$(effective_fragment)
	local stamp=$KDEBUG/.rproc-config-inputs
	local inputs

	inputs=$(cat "$frag" "$KSRC/kernel/configs/kvm_guest.config" \
		     "$KSRC/drivers/remoteproc/Kconfig" \
		     "$KSRC/drivers/rpmsg/Kconfig" | md5sum)
	if [ -e "$KDEBUG/.config" ] && [ -e "$stamp" ] &&
	   [ "$(cat "$stamp")" = "$inputs" ]; then
		log "debug kernel config up to date"
		"$RPT_DIR/check-config.sh" "$frag" "$KDEBUG/.config"
		return 0
	fi
	log "generating debug kernel config"
	rm -rf "$cfgdir"
	mkdir -p "$cfgdir" "$KDEBUG"
	local cmake=(make -C "$KSRC" O="$cfgdir" ARCH=x86_64 CC="ccache gcc"
		     HOSTCC="ccache gcc")
	"${cmake[@]}" -s tinyconfig >/dev/null
	(cd "$KSRC" && ARCH=x86_64 scripts/kconfig/merge_config.sh -m \
		-O "$cfgdir" "$cfgdir/.config" kernel/configs/kvm_guest.config \
		"$frag" >"$cfgdir/merge.log")
	"${cmake[@]}" -s olddefconfig >/dev/null
	"$RPT_DIR/check-config.sh" "$frag" "$cfgdir/.config"
	if ! cmp -s "$cfgdir/.config" "$KDEBUG/.config"; then
		cp "$cfgdir/.config" "$KDEBUG/.config"
	fi
	printf '%s\n' "$inputs" >"$stamp"
}

# kunit_module_wanted <module of KUNIT_MODULES>: the .config builds it (its
# framework is modular and has its KUnit tests enabled).
kunit_module_wanted() {
	local sym
	case $1 in
	drivers/remoteproc/*) sym=REMOTEPROC ;;
	drivers/rpmsg/*) sym=RPMSG ;;
	*) die "kunit_module_wanted: no symbol known for $1" ;;
	esac
	grep -qx "CONFIG_${sym}_KUNIT_TEST=y" "$KDEBUG/.config" &&
		grep -qx "CONFIG_$sym=m" "$KDEBUG/.config"
}

build() {
	local frag
	frag=$(effective_fragment)
	phase_start "building the debug kernel in $KDEBUG ($(nproc) jobs)"
	# make -s is silent for minutes: say every 20 s how far it got.
	local stamp=$KDEBUG/.build-start ticker rc
	touch "$stamp"
	(
		while sleep 20; do
			log "debug kernel: $(find "$KDEBUG" -name '*.o' -newer "$stamp" |
				wc -l) objects compiled so far"
		done
	) &
	ticker=$!
	set +e
	"${KMAKE[@]}" -s bzImage modules
	rc=$?
	set -e
	kill "$ticker" 2>/dev/null
	wait "$ticker" 2>/dev/null || true
	[ "$rc" -eq 0 ] || die "debug kernel build failed"
	"$RPT_DIR/check-config.sh" "$frag" "$KDEBUG/.config"
	local m sym
	for m in $RPROC_MODULES; do
		[ -e "$KDEBUG/$m.ko" ] || die "$m.ko was not built"
	done
	for sym in $(sed -n 's/^CONFIG_\(.*\)=m$/\1/p' "$frag"); do
		m=$(rpmsg_symbol_module "$sym")
		[ -z "$m" ] || [ -e "$KDEBUG/$m.ko" ] ||
			die "$m.ko was not built (CONFIG_$sym=m)"
	done
	for m in $KUNIT_MODULES; do
		kunit_module_wanted "$m" || continue
		[ -e "$KDEBUG/$m.ko" ] || die "$m.ko was not built"
	done
	phase_end "debug kernel build"
	ls -l "$(debug_kernel)"
}

# sparse (C=2) and W=1 on our directories inside the configured debug kernel:
# unlike the out-of-tree build, this also compiles the KUnit tests.  Fails
# on any diagnostic pointing into them.
static() {
	[ -e "$KDEBUG/.config" ] || die "build the debug kernel first"
	local logf=$BUILD/logs/kernel-debug-static.log dirs=() d
	for d in drivers/remoteproc drivers/rpmsg; do
		[ -e "$KSRC/$d/Makefile" ] && dirs+=("$d/")
	done
	# The sample only when it is configured (it needs the rpmsg core).
	grep -q '^CONFIG_SAMPLE_RPMSG_CLIENT=m' "$KDEBUG/.config" &&
		dirs+=(samples/rpmsg/)
	mkdir -p "$BUILD/logs"
	phase_start "sparse + W=1 in the debug kernel: ${dirs[*]}"
	set +e
	"${KMAKE[@]}" C=2 W=1 "${dirs[@]}" 2>&1 | tee "$logf"
	local rc=${PIPESTATUS[0]}
	set -e
	phase_end "in-tree static check"
	[ "$rc" -eq 0 ] || die "in-tree W=1 C=2 build failed (log: $logf)"
	if grep -E "^($KSRC/)?(drivers/remoteproc|drivers/rpmsg|samples/rpmsg|include/linux/remoteproc|include/linux/rpmsg)[^:]*:[0-9]+(:[0-9]+)?: (warning|error):" \
		"$logf" >"$logf.warnings"; then
		cat "$logf.warnings" >&2
		die "$(wc -l <"$logf.warnings") warning(s) in the in-tree W=1 C=2 build"
	fi
	log "in-tree W=1 C=2 clean"
}

case ${1:-all} in
overlay) overlay ;;
config) overlay; config ;;
build) build ;;
all) overlay; config; build ;;
static) overlay; static ;;
*) die "usage: $0 [overlay|config|build|all|static]" ;;
esac
