# SPDX-License-Identifier: GPL-2.0
#
# Shared by the host-side scripts of the remoteproc test harness.  Source it
# from a bash script that has already done `set -euo pipefail`.
#
# Layout (everything generated lives under $BUILD, which git ignores):
#   $BUILD/oot            out-of-tree modules against the stock headers
#   $BUILD/oot-w1         the same with W=1 C=2 (static check only)
#   $BUILD/linux-6.1      Debian's linux-source-6.1 with our tree overlaid
#   $BUILD/kernel-debug   the debug kernel (O= of the above)
#   $BUILD/tools          tools/remoteproc (emulator, firmware, bad images)
#   $BUILD/initramfs      one initramfs per kernel flavour

RPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRCTREE=$(cd "$RPT_DIR/../../.." && pwd)
BUILD=${BUILD:-$SRCTREE/build}

# Modules of the subsystem, in load order, as "<dir in the tree>/<name>".
# The next issue appends the rpmsg modules here.
RPROC_MODULES="drivers/remoteproc/remoteproc drivers/remoteproc/ivshmem_rproc"

# Command-line variables of the top-level make (GUEST_DIR=, KERNEL=, ...)
# must not leak into the kernel's make through MAKEFLAGS.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

KSRC_TARBALL=/usr/src/linux-source-6.1.tar.xz
KSRC=$BUILD/linux-6.1
KDEBUG=$BUILD/kernel-debug
TOOLS_O=$BUILD/tools

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The newest installed stock Debian kernel, e.g. 6.1.0-56-amd64.  Looked up,
# never hard-coded: the ABI number moves with every point release.
stock_kver() {
	local v
	v=$(dpkg-query -W -f='${Depends}\n' linux-image-amd64 2>/dev/null |
	    grep -o 'linux-image-6\.1\.[0-9]*-[0-9]*-amd64' | head -n1 |
	    sed 's/^linux-image-//') || true
	if [ -z "$v" ] || [ ! -e "/boot/vmlinuz-$v" ]; then
		v=$(find /boot -maxdepth 1 -name 'vmlinuz-6.1.*-amd64' -printf '%f\n' |
		    sed 's/^vmlinuz-//' | sort -V | tail -n1)
	fi
	[ -n "$v" ] || die "no stock 6.1 kernel installed (run: make deps)"
	printf '%s\n' "$v"
}

stock_kernel() { printf '/boot/vmlinuz-%s\n' "$(stock_kver)"; }
stock_headers() { printf '/usr/src/linux-headers-%s\n' "$(stock_kver)"; }
debug_kernel() { printf '%s\n' "$KDEBUG/arch/x86/boot/bzImage"; }

# What tools/remoteproc/Makefile puts under its O= (see its header).
EMU_BIN=$TOOLS_O/rproc-emu
FW_OUT=$TOOLS_O/firmware

# Elapsed wall time of a phase, for the logs and the report.
phase_start() { PHASE_T0=$(date +%s); log "$1"; }
phase_end() { log "$1 took $(( $(date +%s) - PHASE_T0 ))s"; }
