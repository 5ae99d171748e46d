#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh <stock|debug>: the base initramfs of one kernel flavour,
# build/initramfs/<flavour>.cpio.gz:
#
#   /init                        guest/init
#   /bin                         busybox (static) and its applets
#   /usr/share/rpt/              the guest test scripts, demo.sh, lib.sh
#   /lib/modules/rpt/*.ko        the subsystem's modules (stock: build/oot,
#   /lib/modules/rpt/load-order  debug: build/kernel-debug), in load order
#   /lib/firmware/               build/tools/firmware/*.elf, bad-firmware.list
#   /etc/rpt-flavour             "stock" or "debug"
#
# vm.sh appends a small per-run archive (the program to run, GUEST_DIR) to a
# copy of it: the kernel unpacks concatenated archives in order.
set -euo pipefail
. "$(dirname "$0")/common.sh"

flavour=${1:-}
case $flavour in
stock)
	moddir=$BUILD/oot
	kver=$(stock_kver)
	;;
debug)
	moddir=$KDEBUG
	kver=$(cat "$KDEBUG/include/config/kernel.release" 2>/dev/null) ||
		die "the debug kernel is not built (make kernel-debug)"
	;;
*)
	die "usage: $0 <stock|debug>"
	;;
esac

out=$BUILD/initramfs/$flavour.cpio.gz
mkdir -p "$BUILD/initramfs"
# A private staging directory: two builds at once must not share one.
root=$(mktemp -d "$BUILD/initramfs/.$flavour.XXXXXX")
trap 'rm -rf "$root" "$out.tmp.$$"' EXIT
mkdir -p "$root"/{bin,dev,proc,sys,tmp,run,root,etc,usr/share/rpt} \
	 "$root"/lib/{modules/rpt,firmware}
ln -s bin "$root/sbin"
ln -s ../bin "$root/usr/bin"
ln -s ../bin "$root/usr/sbin"

# busybox and its applets.
bb=$(command -v busybox) || die "busybox missing (make deps)"
readelf -l "$bb" | grep -q 'INTERP' &&
	die "$bb is not static (apt-get install busybox-static)"
cp "$bb" "$root/bin/busybox"
for a in $("$bb" --list); do
	[ "$a" = busybox ] || ln -s busybox "$root/bin/$a"
done

install -m 0755 "$RPT_DIR/guest/init" "$root/init"
install -m 0755 "$RPT_DIR"/guest/{run-tests,demo.sh,lib.sh} \
	"$RPT_DIR"/guest/[0-9][0-9]-*.sh "$root/usr/share/rpt/"
printf '%s\n' "$flavour" >"$root/etc/rpt-flavour"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"

# Modules, checked against the kernel they are for.  A stock module our
# modules need (none today) is picked up from /lib/modules of that kernel.
: >"$root/lib/modules/rpt/load-order"
add_stock_dep() {
	local dep=$1 line path name
	while read -r line; do
		case $line in insmod\ *) ;; *) continue ;; esac
		path=$(awk '{print $2}' <<<"$line")
		name=$(basename "$path" .ko)
		grep -qxF "$name" "$root/lib/modules/rpt/load-order" && continue
		cp "$path" "$root/lib/modules/rpt/$name.ko"
		printf '%s\n' "$name" >>"$root/lib/modules/rpt/load-order"
	done < <(modprobe -S "$kver" --show-depends "$dep")
}
ours=" "
for m in $RPROC_MODULES; do
	ours+="$(basename "$m") "
done
for m in $RPROC_MODULES; do
	ko=$moddir/$m.ko
	name=$(basename "$m")
	[ -e "$ko" ] || die "$ko missing (build the $flavour modules first)"
	vm=$(modinfo -F vermagic "$ko" | awk '{print $1}')
	[ "$vm" = "$kver" ] || die "$ko is for $vm, not $kver"
	if [ "$flavour" = stock ]; then
		for d in $(modinfo -F depends "$ko" | tr ',' ' '); do
			case $ours in *" $d "*) ;; *) add_stock_dep "$d" ;; esac
		done
	fi
	strip --strip-debug -o "$root/lib/modules/rpt/$name.ko" "$ko"
	printf '%s\n' "$name" >>"$root/lib/modules/rpt/load-order"
done

# Firmware images from the tools build (optional: without them the guest
# still boots, which is how the boot path is tested on its own).
nfw=0
for f in "$FW_OUT"/*.elf "$FW_OUT"/bad-firmware.list; do
	[ -f "$f" ] || continue
	cp "$f" "$root/lib/firmware/"
	nfw=$((nfw + 1))
done
[ "$nfw" -gt 0 ] || log "warning: no firmware in $FW_OUT (make tools)"

chmod 0755 "$root"
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) | gzip -1 >"$out.tmp.$$"
mv "$out.tmp.$$" "$out"
log "initramfs $out: $(du -h "$out" | cut -f1), $nfw firmware files," \
    "modules: $(tr '\n' ' ' <"$root/lib/modules/rpt/load-order")"
