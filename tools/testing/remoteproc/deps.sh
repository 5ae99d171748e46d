#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian 12 packages the builds and the tests need.  Fast and
# silent when everything is there already; otherwise needs root (apt-get).
set -euo pipefail
. "$(dirname "$0")/common.sh"

PKGS=(
	# kernels: the stock image and headers, the source for the debug kernel
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	# kernel build
	gcc make libc6-dev bc bison flex libelf-dev libssl-dev perl kmod
	ccache rsync xz-utils cpio gzip
	# static checks (checkpatch.pl needs perl)
	sparse
	# the platform and the guest
	qemu-system-x86 busybox-static
	# host-side helpers
	python3
	# the kernel-doc check (kernel-doc asks sphinx-build for its version)
	python3-sphinx
	# the parsers' fuzz targets (fuzz.sh): clang, libFuzzer, the sanitizer
	# runtimes and llvm-profdata/llvm-cov, which --no-install-recommends
	# would leave out
	clang libfuzzer-14-dev libclang-rt-14-dev llvm-14
)

missing=()
for p in "${PKGS[@]}"; do
	st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	[ "${st:0:2}" = "ii" ] || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
	[ "$(id -u)" -eq 0 ] ||
		die "missing packages: ${missing[*]} (run make deps as root)"
	log "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y --no-install-recommends "${missing[@]}"
fi

# linux-image-amd64 may have pulled a newer ABI than the running system
# knew about: the harness always uses the newest one with headers.
kver=$(stock_kver)
[ -d "/usr/src/linux-headers-$kver" ] ||
	die "headers for $kver missing: apt-get install linux-headers-$kver"
[ -r "$KSRC_TARBALL" ] || die "$KSRC_TARBALL missing"
log "deps ok (stock kernel $kver)"
