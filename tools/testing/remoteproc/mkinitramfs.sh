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
#   /lib/modules/rpt/load-order  debug: build/kernel-debug), in load order;
#                                the rpmsg sample (ours, and Linux 6.1's
#                                sample and rpmsg_tty as *_61.ko when
#                                build-clients-61.sh built them) and the
#                                test modules of kmod/ (rproc_kuser.ko, when
#                                build-kmod.sh built it) only on disk
#   /lib/modules/<kver>/         the same .ko files (hard links, under extra/,
#                                but for 6.1's sample), indexed by depmod for
#                                modprobe; /usr/share/rpt/autoload runs it on
#                                uevents (vm.sh --autoload)
#   /usr/share/rpt/bin/          static guest programs: guest-tools/ and the
#                                rpmsg test program (tools/testing/remoteproc/
#                                rpmsg), when present
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
mkdir -p "$root"/{bin,dev,proc,sys,tmp,run,root,etc,usr/share/rpt/bin} \
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
# The conformance suite's sections, its library and its allow-list.
mkdir -p "$root/usr/share/rpt/conformance"
install -m 0644 "$RPT_DIR"/guest/conformance/*.sh \
	"$RPT_DIR/conformance.allow" "$root/usr/share/rpt/conformance/"
printf '%s\n' "$flavour" >"$root/etc/rpt-flavour"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"

# Modules, checked against the kernel they are for.  A stock module our
# modules need (virtio and virtio_ring, for the remoteproc core) is picked
# up from /lib/modules of that kernel and loaded before them.
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
for m in $LOAD_ORDER $SAMPLE_MODULES $KUNIT_MODULES; do
	ours+="$(basename "$m") "
done
# add_module <.ko> <name> <in load order: 0|1>
add_module() {
	local ko=$1 name=$2 vm d
	vm=$(modinfo -F vermagic "$ko" | awk '{print $1}')
	[ "$vm" = "$kver" ] || die "$ko is for $vm, not $kver"
	if [ "$flavour" = stock ]; then
		for d in $(modinfo -F depends "$ko" | tr ',' ' '); do
			case $ours in *" $d "*) ;; *) add_stock_dep "$d" ;; esac
		done
	fi
	strip --strip-debug -o "$root/lib/modules/rpt/$name.ko" "$ko"
	[ "$3" = 1 ] && printf '%s\n' "$name" >>"$root/lib/modules/rpt/load-order"
	return 0
}
# The rpmsg modules are optional until their source lands; a .ko left
# over from an earlier build of a symbol that is off now is not shipped.
enabled=" "
for sym in $(rpmsg_symbols); do
	enabled+="$(rpmsg_symbol_module "$sym") "
done
for m in $LOAD_ORDER; do
	ko=$moddir/$m.ko
	name=$(basename "$m")
	case " $RPROC_MODULES " in
	*" $m "*)
		[ -e "$ko" ] || die "$ko missing (build the $flavour modules first)" ;;
	*)
		case $enabled in *" $m "*) ;; *) continue ;; esac
		[ -e "$ko" ] || continue ;;
	esac
	add_module "$ko" "$name" 1
done
for m in $KUNIT_MODULES; do
	ko=$moddir/$m.ko
	[ -e "$ko" ] && add_module "$ko" "$(basename "$m")" 1
done
for m in $SAMPLE_MODULES; do
	case $enabled in *" $m "*) ;; *) continue ;; esac
	[ -e "$moddir/$m.ko" ] && add_module "$moddir/$m.ko" "$(basename "$m")" 0
done
for m in rpmsg_client_sample_61 rpmsg_tty_61; do
	ko=$BUILD/sample-61-$flavour/$m.ko
	[ -e "$ko" ] && add_module "$ko" "$m" 0
done
ko=$BUILD/kmod-$flavour/rproc_kuser.ko
[ -e "$ko" ] && add_module "$ko" rproc_kuser 0

# The same modules as a distribution installs them: hard links under
# /lib/modules/<kver>/extra/, and depmod's index of them (modules.dep,
# modules.alias, ...), so that busybox's modprobe resolves a MODALIAS; the
# guest's "autoload" (guest/autoload, started by /init with rpt.autoload=1)
# runs it on each uevent.  Linux 6.1's sample stays out: it declares the
# same alias as ours, rpmsg:rpmsg-client-sample, and one module owns it.
kdir=$root/lib/modules/$kver
mkdir -p "$kdir/extra"
install -m 0755 "$RPT_DIR/guest/autoload" "$root/usr/share/rpt/"
while read -r name; do
	printf 'extra/%s.ko\n' "$name"
done <"$root/lib/modules/rpt/load-order" >"$kdir/modules.order"
for ko in "$root"/lib/modules/rpt/*.ko; do
	name=$(basename "$ko" .ko)
	[ "$name" = rpmsg_client_sample_61 ] && continue
	ln "$ko" "$kdir/extra/$name.ko"
	grep -qxF "extra/$name.ko" "$kdir/modules.order" ||
		printf 'extra/%s.ko\n' "$name" >>"$kdir/modules.order"
done
# What the kernel has built in (depmod warns without these files).
if [ "$flavour" = stock ]; then kbuiltin=/lib/modules/$kver; else kbuiltin=$KDEBUG; fi
for f in modules.builtin modules.builtin.modinfo; do
	if [ -r "$kbuiltin/$f" ]; then cp "$kbuiltin/$f" "$kdir/"; else : >"$kdir/$f"; fi
done
depmod -b "$root" "$kver" 2>"$root/depmod.err" ||
	die "depmod -b <root> $kver failed: $(cat "$root/depmod.err")"
[ -s "$root/depmod.err" ] && log "depmod: $(cat "$root/depmod.err")"
rm -f "$root/depmod.err"
owners=$(awk '$1 == "alias" && $2 == "rpmsg:rpmsg-client-sample" { print $3 }' \
	"$kdir/modules.alias")
[ "$(wc -w <<<"$owners")" -le 1 ] ||
	die "more than one module has the alias rpmsg:rpmsg-client-sample: $owners"

# Static guest programs: our small helpers, and the rpmsg test program when
# its directory exists.  A dynamically linked one would not run in the guest.
add_program() {
	local f=$1
	if readelf -l "$f" 2>/dev/null | grep -q 'INTERP'; then
		log "warning: $f is not static; left out"
		return 0
	fi
	install -m 0755 "$f" "$root/usr/share/rpt/bin/"
}
make -s -C "$RPT_DIR/guest-tools" O="$BUILD/guest-tools" ||
	die "building $RPT_DIR/guest-tools failed"
for f in "$BUILD"/guest-tools/*; do
	[ -f "$f" ] && [ -x "$f" ] && add_program "$f"
done
if [ -e "$RPT_DIR/rpmsg/Makefile" ]; then
	mkdir -p "$BUILD/rpmsg-tests"
	if make -s -C "$RPT_DIR/rpmsg" O="$BUILD/rpmsg-tests"; then
		for f in "$BUILD"/rpmsg-tests/*; do
			[ -f "$f" ] && [ -x "$f" ] && add_program "$f"
		done
	else
		log "warning: building $RPT_DIR/rpmsg failed; its tests will skip"
	fi
fi

# Firmware images from the tools build (optional: without them the guest
# still boots, which is how the boot path is tested on its own).
nfw=0
for f in "$FW_OUT"/*.elf "$FW_OUT"/bad-firmware.list "$FW_OUT"/odd-firmware.list; do
	[ -f "$f" ] || continue
	cp "$f" "$root/lib/firmware/"
	nfw=$((nfw + 1))
done
[ "$nfw" -gt 0 ] || log "warning: no firmware in $FW_OUT (make tools)"

# What of rpmsg this initramfs can exercise: the guest tests skip (rather
# than fail) the checks whose pieces are not in the tree yet.
features() {
	local lo=$root/lib/modules/rpt/load-order fw=$FW_OUT/$1
	grep -qx virtio_rpmsg_bus "$lo" && echo rpmsg
	grep -qx rpmsg_char "$lo" && grep -qx rpmsg_ctrl "$lo" && echo rpmsg-char
	grep -qw remoteproc_virtio.o "$SRCTREE/drivers/remoteproc/Makefile" &&
		echo rproc-virtio
	[ -e "$fw" ] && grep -qa rpmsg-client-sample "$fw" && echo fw-rpmsg
	[ -e "$fw" ] && grep -qa rpmsg-test-ctrl "$fw" && echo fw-test-ctrl
	[ -e "$root/lib/modules/rpt/rpmsg_client_sample.ko" ] && echo sample
	[ -e "$root/lib/modules/rpt/rpmsg_client_sample_61.ko" ] && echo sample-61
	[ -e "$root/lib/modules/rpt/rpmsg_tty_61.ko" ] && echo tty-61
	[ -e "$root/lib/modules/rpt/rproc_kuser.ko" ] && echo kuser
	return 0
}
features rproc-emu-fw.elf >"$root/etc/rpt-features"

# The stock kernel's virtio drivers of other device kinds (block, console,
# net), for a firmware that declares such devices (guest/86-chaos.sh): on
# disk only, in /lib/modules/virtio-drivers/ with their load order (the
# virtio core itself is in ours), and "virtio-drivers" in rpt-features.  The
# debug kernel has them built in.
if [ "$flavour" = stock ]; then
	vd=$root/lib/modules/virtio-drivers
	mkdir -p "$vd"
	: >"$vd/load-order"
	for m in virtio_blk virtio_console virtio_net; do
		while read -r line; do
			case $line in insmod\ *) ;; *) continue ;; esac
			path=$(awk '{print $2}' <<<"$line")
			name=$(basename "$path" .ko)
			grep -qxF "$name" "$root/lib/modules/rpt/load-order" \
				"$vd/load-order" && continue
			cp "$path" "$vd/$name.ko"
			printf '%s\n' "$name" >>"$vd/load-order"
		done < <(modprobe -S "$kver" --show-depends "$m")
	done
	echo virtio-drivers >>"$root/etc/rpt-features"
fi

# ---- Linux 6.1's own stack, the reference (build-ref-61.sh) ----------------
# guest/stack.sh swaps it for ours in a running guest:
#   /lib/modules/ref/*.ko         its modules and its clients (sample, tty)
#   /lib/modules/ref/load-order   the stock modules it needs, its core, rpmsg,
#                                 then ivshmem_rproc (the clients: on disk only)
#   /lib/modules/ref/build-ids    "<module> <.note.gnu.build-id as hex>": the
#                                 modules of both stacks have the same names
#   /lib/modules/stack-shared     the stock modules either stack loads
#                                 (virtio, ...): stack.sh never unloads them
# and "ref" in /etc/rpt-features.  Stock only: the debug kernel has no room
# for a second stack.  A ref build that did not finish ships nothing.
install -m 0644 "$RPT_DIR/guest/stack.sh" "$root/usr/share/rpt/"
ref_dir=$root/lib/modules/ref
ref_shared=" "
while read -r name; do
	case $ours in *" $name "*) ;; *) ref_shared+="$name " ;; esac
done <"$root/lib/modules/rpt/load-order"
# ref_add <.ko> <name> <in load order: 0|1>
ref_add() {
	local ko=$1 name=$2 d line path dep vm
	vm=$(modinfo -F vermagic "$ko" | awk '{print $1}')
	[ "$vm" = "$kver" ] || die "$ko is for $vm, not $kver"
	for d in $(modinfo -F depends "$ko" | tr ',' ' '); do
		case " $REF_LOAD_ORDER " in *[[:space:]]"$d"[[:space:]]*) continue ;; esac
		while read -r line; do
			case $line in insmod\ *) ;; *) continue ;; esac
			path=$(awk '{print $2}' <<<"$line")
			dep=$(basename "$path" .ko)
			grep -qxF "$dep" "$ref_dir/load-order" && continue
			cp "$path" "$ref_dir/$dep.ko"
			printf '%s\n' "$dep" >>"$ref_dir/load-order"
			ref_shared+="$dep "
		done < <(modprobe -S "$kver" --show-depends "$d")
	done
	strip --strip-debug -o "$ref_dir/$name.ko" "$ko"
	objcopy -O binary --only-section=.note.gnu.build-id "$ref_dir/$name.ko" \
		"$root/ref-build-id"
	[ -s "$root/ref-build-id" ] || die "$ko has no .note.gnu.build-id"
	printf '%s %s\n' "$name" "$(od -An -v -tx1 "$root/ref-build-id" |
		tr -d ' \n')" >>"$ref_dir/build-ids"
	rm -f "$root/ref-build-id"
	[ "$3" = 1 ] && printf '%s\n' "$name" >>"$ref_dir/load-order"
	return 0
}
if [ "$flavour" != stock ]; then
	log "no reference stack in the $flavour initramfs"
elif [ ! -e "$REF_OUT/.built" ]; then
	log "warning: no reference stack in $REF_OUT (make ref); its tests will skip"
else
	mkdir -p "$ref_dir"
	: >"$ref_dir/load-order"
	: >"$ref_dir/build-ids"
	for m in $REF_LOAD_ORDER; do
		ref_add "$REF_OUT/$m.ko" "$m" 1
	done
	for m in $REF_CLIENTS; do
		ref_add "$REF_OUT/$m.ko" "$m" 0
	done
	echo ref >>"$root/etc/rpt-features"
	log "reference stack: $(tr '\n' ' ' <"$ref_dir/load-order")+ clients $REF_CLIENTS"
fi
tr ' ' '\n' <<<"$ref_shared" | sed '/^$/d' | sort -u \
	>"$root/lib/modules/stack-shared"

chmod 0755 "$root"
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) | gzip -1 >"$out.tmp.$$"
mv "$out.tmp.$$" "$out"
log "initramfs $out: $(du -h "$out" | cut -f1), $nfw firmware files," \
    "modules: $(tr '\n' ' ' <"$root/lib/modules/rpt/load-order")," \
    "programs: $(ls "$root/usr/share/rpt/bin" | tr '\n' ' ')," \
    "features: $(tr '\n' ' ' <"$root/etc/rpt-features")"
