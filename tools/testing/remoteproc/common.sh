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
#   $BUILD/kmod-<flavour> the test modules of kmod/ (build-kmod.sh)
#   $BUILD/initramfs      one initramfs per kernel flavour

RPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRCTREE=$(cd "$RPT_DIR/../../.." && pwd)
BUILD=${BUILD:-$SRCTREE/build}

# Modules of the subsystem as "<dir in the tree>/<name>".  RPROC_MODULES
# must always be built.  The rpmsg symbols are enabled (and their modules
# then required) once every source file their Makefile lists is in the tree,
# so that the suite stays usable while rpmsg lands piece by piece.
RPROC_MODULES="drivers/remoteproc/remoteproc drivers/remoteproc/ivshmem_rproc"
RPMSG_MODULES="drivers/rpmsg/rpmsg_core drivers/rpmsg/rpmsg_ns
	drivers/rpmsg/virtio_rpmsg_bus drivers/rpmsg/rpmsg_char
	drivers/rpmsg/rpmsg_ctrl"
# Built and shipped in the initramfs, loaded only by the tests that want it.
SAMPLE_MODULES="samples/rpmsg/rpmsg_client_sample"
# KUnit suites that come as modules of their own (debug kernel only),
# loaded last when they were built.
KUNIT_MODULES="drivers/rpmsg/rpmsg_bus_test
	drivers/remoteproc/remoteproc_power_test"
RPMSG_SYMBOLS="RPMSG RPMSG_NS RPMSG_VIRTIO RPMSG_CHAR RPMSG_CTRL
	RPMSG_KUNIT_TEST SAMPLE_RPMSG_CLIENT"

# The .c files a symbol builds, from drivers/rpmsg/Makefile and
# samples/rpmsg/Makefile: "obj-$(CONFIG_X) += m.o" (m.c, or the m-y
# objects of a composite module) and "m-$(CONFIG_X) += o.o" (o.c).
symbol_sources() {
	local mk
	for mk in drivers/rpmsg/Makefile samples/rpmsg/Makefile; do
		[ -e "$SRCTREE/$mk" ] || continue
		awk -v sym="$1" -v dir="${mk%/Makefile}" '
			{ sub(/#.*/, "") }
			$1 ~ /-y$/ && ($2 == ":=" || $2 == "+=") {
				m = substr($1, 1, length($1) - 2)
				for (i = 3; i <= NF; i++) parts[m] = parts[m] " " $i
			}
			$1 == "obj-$(CONFIG_" sym ")" {
				for (i = 3; i <= NF; i++) mods[$i] = 1
			}
			$1 !~ /^obj-/ &&
			$1 ~ ("^[a-z0-9_]+-\\$\\(CONFIG_" sym "\\)$") {
				for (i = 3; i <= NF; i++) extra = extra " " $i
			}
			END {
				for (o in mods) {
					m = substr(o, 1, length(o) - 2)
					list = (m in parts) ? parts[m] : " " o
					n = split(list, a, " ")
					for (i = 1; i <= n; i++) print dir "/" a[i]
				}
				n = split(extra, a, " ")
				for (i = 1; i <= n; i++) print dir "/" a[i]
			}' "$SRCTREE/$mk" | sed 's/\.o$/.c/'
	done
}

# The rpmsg symbols the tree can build now, one per line: declared in a
# Makefile, every source present, and the core buildable (everything else
# links against it; the sample also needs our include/linux/rpmsg.h).
rpmsg_symbols() {
	local sym src srcs ok core=0
	for sym in $RPMSG_SYMBOLS; do
		srcs=$(symbol_sources "$sym")
		[ -n "$srcs" ] || continue
		ok=1
		for src in $srcs; do
			[ -e "$SRCTREE/$src" ] || ok=0
		done
		[ "$sym" = RPMSG ] && core=$ok
		[ "$core" = 1 ] || ok=0
		[ "$sym" = SAMPLE_RPMSG_CLIENT ] &&
			[ ! -e "$SRCTREE/include/linux/rpmsg.h" ] && ok=0
		[ "$ok" = 1 ] && printf '%s\n' "$sym"
	done
	return 0
}

# The .ko (without the extension) a symbol builds, for the presence checks.
rpmsg_symbol_module() {
	case $1 in
	RPMSG) echo drivers/rpmsg/rpmsg_core ;;
	RPMSG_NS) echo drivers/rpmsg/rpmsg_ns ;;
	RPMSG_VIRTIO) echo drivers/rpmsg/virtio_rpmsg_bus ;;
	RPMSG_CHAR) echo drivers/rpmsg/rpmsg_char ;;
	RPMSG_CTRL) echo drivers/rpmsg/rpmsg_ctrl ;;
	SAMPLE_RPMSG_CLIENT) echo samples/rpmsg/rpmsg_client_sample ;;
	esac
}

# Guest load order (what exists of it): the core, the rpmsg bus and its
# transport and user-space drivers, then the platform driver, whose
# auto-boot creates the virtio device and so the channels.  Stock modules
# they need (virtio, virtio_ring) are put in front by mkinitramfs.sh.
LOAD_ORDER="drivers/remoteproc/remoteproc $RPMSG_MODULES
	drivers/remoteproc/ivshmem_rproc"

# Linux 6.1's own stack, the reference (build-ref-61.sh builds it unchanged
# into $REF_OUT; the stock initramfs ships it in /lib/modules/ref, and
# guest/stack.sh switches between it and ours): its modules in guest load
# order (ivshmem_rproc, ours, last), and its clients, loaded by tests only.
REF_OUT=$BUILD/ref-6.1
REF_LOAD_ORDER="remoteproc rpmsg_core rpmsg_ns virtio_rpmsg_bus rpmsg_char
	rpmsg_ctrl ivshmem_rproc"
REF_CLIENTS="rpmsg_client_sample rpmsg_tty"

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

# build_ext_modules <stock|debug> <dir> <symbol> <module> <what> <log>:
# build the external modules in <dir> with Kbuild, against the stock
# headers (our include/ first, CONFIG_<symbol>=m, our Module.symvers) or
# against the debug kernel.  <module> is the .ko of ours they link against,
# e.g. drivers/rpmsg/rpmsg_core.  Dies on a failed build or any warning.
build_ext_modules() {
	local flavour=$1 dir=$2 sym=$3 dep=$4 what=$5 logf=$6 rc cmd
	mkdir -p "$(dirname "$logf")"
	if [ "$flavour" = stock ]; then
		[ -e "$BUILD/oot/$dep.ko" ] && [ -e "$BUILD/oot/Module.symvers" ] ||
			die "build/oot has no $dep.ko (run build-oot.sh first)"
		cmd=(make -C "$(stock_headers)" M="$dir" "CONFIG_$sym=m"
		     KBUILD_EXTRA_SYMBOLS="$BUILD/oot/Module.symvers"
		     NOSTDINC_FLAGS="-I$SRCTREE/include -I$SRCTREE/include/uapi -DCONFIG_${sym}_MODULE=1"
		     modules)
	else
		[ -e "$KDEBUG/$dep.ko" ] ||
			die "the debug kernel has no $dep.ko (build it first)"
		cmd=(make -C "$KSRC" O="$KDEBUG" M="$dir" modules)
	fi

	phase_start "$what ($flavour)"
	set +e
	"${cmd[@]}" 2>&1 | tee "$logf"
	rc=${PIPESTATUS[0]}
	set -e
	phase_end "$what ($flavour)"
	[ "$rc" -eq 0 ] || die "building $what failed (log: $logf)"
	if grep -E '(warning|error):|^WARNING: modpost:' "$logf" >"$logf.warnings"; then
		cat "$logf.warnings" >&2
		die "warnings building $what"
	fi
}
