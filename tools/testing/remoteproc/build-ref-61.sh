#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-ref-61.sh: the reference stack, Linux 6.1's own remoteproc and
# rpmsg taken unchanged from linux-source-6.1, built as out-of-tree modules
# for the stock Debian kernel into build/ref-6.1/:
#
#   remoteproc.ko         6.1's core, with remoteproc_cdev.c (/dev/remoteprocN)
#   rpmsg_core.ko rpmsg_ns.ko virtio_rpmsg_bus.ko rpmsg_char.ko rpmsg_ctrl.ko
#                         6.1's drivers/rpmsg, composed as its Makefile does
#   ivshmem_rproc.ko      our platform driver, against 6.1's core
#   rpmsg_client_sample.ko rpmsg_tty.ko
#                         6.1's samples/rpmsg and drivers/tty/rpmsg_tty.c
#
# The stock initramfs ships them in /lib/modules/ref, and guest/stack.sh
# swaps them for ours in a running guest.  Built against the stock headers
# only, since that kernel has neither CONFIG_REMOTEPROC nor CONFIG_RPMSG,
# and with the whole stack in one Kbuild directory: with CONFIG_MODVERSIONS
# the clients must be built against this Module.symvers, not ours.
#
# 6.1's REMOTEPROC (and REMOTEPROC_CDEV) are bool, so its core has two
# initcalls of its own, the core's (subsys_initcall + module_exit) and the
# virtio glue's (builtin_platform_driver: never unregistered), and the char
# device region is never given back (6.1 declares rproc_exit_cdev() but
# does not define it).  Generated files around the untouched sources make
# a module of it: remoteproc_virtio.c and remoteproc_cdev.c are each
# #included by a wrapper that adds the missing exit function, the module
# aliases of the core and of the virtio glue are renamed on the command
# line, and remoteproc_ref_init.c is the module's entry points, running
# them in the built-in kernel's order.  The rpmsg modules are tristate
# upstream and need nothing of the sort; their headers test
# IS_ENABLED(CONFIG_RPMSG) and IS_ENABLED(CONFIG_RPMSG_CHAR), so the stack's
# CONFIG_*_MODULE symbols are defined as autoconf.h would define them.
#
# Upstream's files are extracted once into build/ref-6.1-src (never into
# the source tree), copied next to the generated files, and compared with
# the extracted ones after the build.  Fails on any compiler or modpost
# warning, on a module whose vermagic is not the stock kernel's, and on a
# dependency ("depends:") that neither this build nor the stock kernel
# provides.  build/ref-6.1/.built lists the modules once all of that
# passed; mkinitramfs.sh ships nothing without it.
set -euo pipefail
. "$(dirname "$0")/common.sh"

out=$REF_OUT
srcdir=$BUILD/ref-6.1-src
logf=$BUILD/logs/ref-6.1.log

# Upstream files: <path in linux-source-6.1>, copied flat into $out except
# for the headers, which keep their include/ path.
UPSTREAM_C="drivers/remoteproc/remoteproc_core.c
	drivers/remoteproc/remoteproc_coredump.c
	drivers/remoteproc/remoteproc_debugfs.c
	drivers/remoteproc/remoteproc_sysfs.c
	drivers/remoteproc/remoteproc_virtio.c
	drivers/remoteproc/remoteproc_elf_loader.c
	drivers/remoteproc/remoteproc_cdev.c
	drivers/remoteproc/remoteproc_internal.h
	drivers/remoteproc/remoteproc_elf_helpers.h
	drivers/rpmsg/rpmsg_core.c
	drivers/rpmsg/rpmsg_ns.c
	drivers/rpmsg/virtio_rpmsg_bus.c
	drivers/rpmsg/rpmsg_char.c
	drivers/rpmsg/rpmsg_char.h
	drivers/rpmsg/rpmsg_ctrl.c
	drivers/rpmsg/rpmsg_internal.h
	samples/rpmsg/rpmsg_client_sample.c
	drivers/tty/rpmsg_tty.c"
UPSTREAM_H="include/linux/remoteproc.h
	include/linux/rpmsg.h
	include/linux/rpmsg/ns.h
	include/linux/rpmsg/byteorder.h
	include/uapi/linux/rpmsg.h
	include/uapi/linux/rpmsg_types.h
	include/uapi/linux/remoteproc_cdev.h"
# What the stack defines, as autoconf.h would (bool: 1, tristate m: _MODULE).
DEFINES="CONFIG_REMOTEPROC_MODULE CONFIG_REMOTEPROC_CDEV CONFIG_RPMSG_MODULE
	CONFIG_RPMSG_NS_MODULE CONFIG_RPMSG_VIRTIO_MODULE CONFIG_RPMSG_CHAR_MODULE
	CONFIG_RPMSG_CTRL_MODULE CONFIG_IVSHMEM_REMOTEPROC_MODULE
	CONFIG_SAMPLE_RPMSG_CLIENT_MODULE CONFIG_RPMSG_TTY_MODULE"
# <module>:<dependency>...: what each module must link against (the
# remaining ones, virtio and virtio_ring, must just resolve).
REQUIRED_DEPS="ivshmem_rproc:remoteproc
	rpmsg_ns:rpmsg_core
	virtio_rpmsg_bus:rpmsg_core:rpmsg_ns
	rpmsg_char:rpmsg_core
	rpmsg_ctrl:rpmsg_core:rpmsg_char
	rpmsg_client_sample:rpmsg_core
	rpmsg_tty:rpmsg_core"

kdir=$(stock_headers)
kver=$(stock_kver)
[ -f "$kdir/Module.symvers" ] || die "$kdir/Module.symvers missing (run: make deps)"
[ -r "$KSRC_TARBALL" ] || die "$KSRC_TARBALL missing (run: make deps)"

# ---- upstream sources, extracted once per tarball --------------------------

extract() {
	local sig members=() f
	sig="$(stat -c '%s %Y' "$KSRC_TARBALL") $(printf '%s ' $UPSTREAM_C $UPSTREAM_H Makefile | md5sum)"
	if [ "$(cat "$srcdir/.extracted" 2>/dev/null)" = "$sig" ]; then
		return 0
	fi
	rm -rf "$srcdir"
	mkdir -p "$srcdir"
	for f in $UPSTREAM_C $UPSTREAM_H Makefile; do
		members+=("*/$f")
	done
	phase_start "extracting Linux 6.1's remoteproc and rpmsg from $KSRC_TARBALL"
	# One top-level directory in the tarball: '*' matches just that.
	tar -xJf "$KSRC_TARBALL" -C "$srcdir" --strip-components=1 \
		--wildcards --no-wildcards-match-slash "${members[@]}"
	phase_end "extraction"
	for f in $UPSTREAM_C $UPSTREAM_H Makefile; do
		[ -s "$srcdir/$f" ] || die "$f not found in $KSRC_TARBALL"
	done
	printf '%s\n' "$sig" >"$srcdir/.extracted"
}

# cp_if_changed <from> <to>: keep the mtime of an unchanged file, so that
# Kbuild rebuilds only what changed.
cp_if_changed() {
	mkdir -p "$(dirname "$2")"
	cmp -s "$1" "$2" || cp "$1" "$2"
}

# ---- generated files ---------------------------------------------------------

# gen <file>: stdin to $out/<file>, if different.  The SPDX tag is split in
# the heredocs below so that tools reading this script do not take it for
# the script's own.
gen() {
	local tmp=$out/.gen.tmp
	{
		printf '// %s: GPL-2.0\n' "SPDX-License-Identifier"
		cat
	} >"$tmp"
	if cmp -s "$tmp" "$out/$1"; then
		rm -f "$tmp"
	else
		mv "$tmp" "$out/$1"
	fi
}

write_generated() {
	local d defs=""

	gen remoteproc_virtio_ref.c <<-'EOF'
	/*
	 * Generated by build-ref-61.sh: Linux 6.1's remoteproc_virtio.c,
	 * unchanged, and the exit function a module needs: upstream registers
	 * its platform driver with builtin_platform_driver(), never to be
	 * unregistered.
	 */
	#include "remoteproc_virtio.c"

	void rproc_ref_virtio_exit(void);

	void rproc_ref_virtio_exit(void)
	{
		platform_driver_unregister(&rproc_virtio_driver);
	}
	EOF

	gen remoteproc_cdev_ref.c <<-'EOF'
	/*
	 * Generated by build-ref-61.sh: Linux 6.1's remoteproc_cdev.c,
	 * unchanged, and rproc_exit_cdev(), which remoteproc_internal.h
	 * declares but 6.1 never defines (built in, the region is never
	 * given back).
	 */
	#include "remoteproc_cdev.c"

	void rproc_exit_cdev(void)
	{
		if (rproc_major)
			unregister_chrdev_region(rproc_major, NUM_RPROC_DEVICES);
	}
	EOF

	gen remoteproc_ref_init.c <<-'EOF'
	/*
	 * Generated by build-ref-61.sh: the entry points of Linux 6.1's
	 * remoteproc core built as a module.  The init functions of the core
	 * and of the virtio glue, and the core's exit function, are reached
	 * through their module aliases, renamed per file (see Kbuild).
	 */
	#include <linux/init.h>
	#include <linux/module.h>
	#include <linux/remoteproc.h>

	#include "remoteproc_internal.h"

	int rproc_ref_core_init(void);
	void rproc_ref_core_exit(void);
	int rproc_ref_virtio_init(void);
	void rproc_ref_virtio_exit(void);

	/* __ref: calls __init functions and, on failure, an __exit one */
	static int __ref rproc_ref_init(void)
	{
		int ret;

		ret = rproc_ref_core_init();
		if (ret)
			return ret;

		ret = rproc_ref_virtio_init();
		if (ret) {
			rproc_ref_core_exit();
			rproc_exit_cdev();
		}
		return ret;
	}
	module_init(rproc_ref_init);

	static void __exit rproc_ref_exit(void)
	{
		rproc_ref_virtio_exit();
		rproc_ref_core_exit();
		rproc_exit_cdev();
	}
	module_exit(rproc_ref_exit);
	EOF

	for d in $DEFINES; do
		defs+=" -D$d=1"
	done
	cat >"$out/Kbuild.tmp" <<-EOF
	# Generated by build-ref-61.sh: Linux 6.1's remoteproc and rpmsg,
	# unchanged, with our platform driver and 6.1's clients.  Headers here
	# come first: 6.1's remoteproc.h and rpmsg headers, and our platform
	# interface <linux/remoteproc/ivshmem_rproc.h>.
	NOSTDINC_FLAGS += -I\$(src)/include -I\$(src)/include/uapi
	ccflags-y +=$defs

	# drivers/remoteproc/Makefile, with REMOTEPROC=m and REMOTEPROC_CDEV=y
	obj-m += remoteproc.o
	remoteproc-y := remoteproc_core.o remoteproc_coredump.o
	remoteproc-y += remoteproc_debugfs.o remoteproc_sysfs.o
	remoteproc-y += remoteproc_virtio_ref.o remoteproc_elf_loader.o
	remoteproc-y += remoteproc_cdev_ref.o remoteproc_ref_init.o
	# One module_init per module: see remoteproc_ref_init.c.
	CFLAGS_remoteproc_core.o += -Dinit_module=rproc_ref_core_init
	CFLAGS_remoteproc_core.o += -Dcleanup_module=rproc_ref_core_exit
	CFLAGS_remoteproc_virtio_ref.o += -Dinit_module=rproc_ref_virtio_init
	obj-m += ivshmem_rproc.o

	# drivers/rpmsg/Makefile: one object per module
	obj-m += rpmsg_core.o rpmsg_ns.o virtio_rpmsg_bus.o
	obj-m += rpmsg_char.o rpmsg_ctrl.o

	# samples/rpmsg/Makefile, drivers/tty/Makefile
	obj-m += rpmsg_client_sample.o rpmsg_tty.o
	EOF
	if cmp -s "$out/Kbuild.tmp" "$out/Kbuild"; then
		rm -f "$out/Kbuild.tmp"
	else
		mv "$out/Kbuild.tmp" "$out/Kbuild"
	fi
}

# ---- checks of the result ------------------------------------------------------

# The modules this build makes, in guest load order, then the clients.
modules() {
	printf '%s\n' $REF_LOAD_ORDER $REF_CLIENTS
}

check_modules() {
	local m ko vm d deps built=" " spec need
	for m in $(modules); do
		built+="$m "
	done
	for m in $(modules); do
		ko=$out/$m.ko
		[ -e "$ko" ] || die "$ko was not built"
		vm=$(modinfo -F vermagic "$ko" | awk '{print $1}')
		[ "$vm" = "$kver" ] || die "$m.ko has vermagic $vm, not $kver"
		deps=$(modinfo -F depends "$ko" | tr ',' ' ')
		for d in $deps; do
			case $built in *" $d "*) continue ;; esac
			modinfo -k "$kver" -F filename "$d" 2>/dev/null |
				grep -q "^/lib/modules/$kver/" ||
				die "$m.ko depends on $d, which neither this build nor $kver has"
		done
	done
	for spec in $REQUIRED_DEPS; do
		m=${spec%%:*}
		deps=" $(modinfo -F depends "$out/$m.ko" | tr ',' ' ') "
		for need in $(tr ':' ' ' <<<"${spec#*:}"); do
			case $deps in
			*" $need "*) ;;
			*) die "$m.ko does not depend on $need (depends:$deps)" ;;
			esac
		done
	done
}

# The upstream files must come out of the build as they went in.
check_unchanged() {
	local f
	for f in $UPSTREAM_C; do
		cmp -s "$srcdir/$f" "$out/${f##*/}" || die "6.1's $f was modified"
	done
	for f in $UPSTREAM_H; do
		cmp -s "$srcdir/$f" "$out/$f" || die "6.1's $f was modified"
	done
	cmp -s "$SRCTREE/drivers/remoteproc/ivshmem_rproc.c" "$out/ivshmem_rproc.c" ||
		die "the copy of ivshmem_rproc.c differs from the tree's"
}

main() {
	local f rc m up_ver

	extract
	up_ver=$(awk -F' *= *' '$1 == "VERSION" { v = $2 }
		$1 == "PATCHLEVEL" { p = $2 } $1 == "SUBLEVEL" { s = $2 }
		END { print v "." p "." s }' "$srcdir/Makefile")

	# A directory an earlier run did not finish is rebuilt from scratch:
	# objects that compiled with warnings then must compile again.
	[ -e "$out/.built" ] || rm -rf "$out"
	rm -f "$out/.built"
	mkdir -p "$out" "$(dirname "$logf")"
	for f in $UPSTREAM_C; do
		cp_if_changed "$srcdir/$f" "$out/${f##*/}"
	done
	for f in $UPSTREAM_H; do
		cp_if_changed "$srcdir/$f" "$out/$f"
	done
	cp_if_changed "$SRCTREE/drivers/remoteproc/ivshmem_rproc.c" \
		"$out/ivshmem_rproc.c"
	cp_if_changed "$SRCTREE/include/linux/remoteproc/ivshmem_rproc.h" \
		"$out/include/linux/remoteproc/ivshmem_rproc.h"
	write_generated

	phase_start "Linux $up_ver reference stack against $kdir"
	set +e
	make -C "$kdir" M="$out" -j"$(nproc)" modules 2>&1 | tee "$logf"
	rc=${PIPESTATUS[0]}
	set -e
	phase_end "Linux $up_ver reference stack"
	[ "$rc" -eq 0 ] || die "building the reference stack failed (log: $logf)"
	if grep -E '(warning|error):|^WARNING: modpost:' "$logf" >"$logf.warnings"; then
		cat "$logf.warnings" >&2
		die "warnings building the reference stack (log: $logf)"
	fi

	check_modules
	check_unchanged
	modules >"$out/.built"
	log "built Linux $up_ver's stack for $kver in $out:"
	for m in $(modules); do
		printf '  %-24s depends: %s\n' "$m.ko" \
			"$(modinfo -F depends "$out/$m.ko")" >&2
	done
}

main "$@"
