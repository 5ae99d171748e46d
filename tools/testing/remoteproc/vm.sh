#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm.sh: boot the emulated AMP platform once and run one program in the guest.
#
#   vm.sh [--kernel stock|debug|<bzImage>] [--initrd <cpio.gz>]
#         [--run '<shell command>'] [--guest-dir <dir>] [--append '<args>']
#         [--timeout <s>] [--logdir <dir>] [--quiet] [--loglevel <n>]
#         [--no-emu] [--no-load] [--autoload|--no-autoload]
#         [--preboot <firmware>]
#
# Starts rproc-emu (the remote processor and ivshmem server) in a private
# temporary directory, waits for its socket, then runs QEMU (TCG) with the
# guest RAM shared with the emulator and an ivshmem-doorbell device.  The
# guest's init loads the subsystem's modules and runs the program; its exit
# status is the exit status of vm.sh.  124: the hard timeout hit, 125: the
# guest died before reporting a status (panic, hang before init, ...), 126:
# QEMU itself failed: it died of a signal, e.g. abort() on an assertion of
# its own ("QEMU aborted (a QEMU failure, not the guest's): <its message>"),
# whatever the guest did or reported.  QEMU's own stderr goes to qemu.log
# and to stderr.
#
#   --guest-dir <dir>  copied to /guest in the guest; runs /guest/run unless
#                      --run says otherwise
#   --append           extra kernel arguments, e.g. ivshmem_rproc.auto_boot=0
#   --logdir <dir>     keep console.log, results.log (the results channel,
#                      with the full kernel log), dmesg.log, emu.log,
#                      qemu.log there
#   --quiet            do not copy the console to stdout
#   --loglevel <n>     console log level (default: 7 with --quiet, else 4;
#                      the full kernel log is in dmesg.log either way)
#   --no-emu           no emulator, no ivshmem device (boot path only)
#   --no-load          do not load the subsystem's modules
#   --autoload         module autoload, as on a distribution: after loading
#                      the subsystem's modules, the guest runs modprobe on
#                      the MODALIAS of every new device (busybox's uevent
#                      listener and /lib/modules/<kver>, indexed by depmod),
#                      so that a client module (the rpmsg sample, 6.1's
#                      rpmsg_tty) loads when the firmware announces its
#                      channel.  With --no-load, the whole subsystem loads
#                      that way.  Passed as rpt.autoload=1 on the kernel
#                      command line; `make run` and `make demo` use it
#   --no-autoload      no autoload (rpt.autoload=0), the default: the test
#                      suite loads what it tests itself
#   --preboot <fw>     the remote is already running when Linux boots, as if
#                      a bootloader had started it: rproc-emu loads and starts
#                      <fw> (a name in the tools build's firmware directory,
#                      or a path) before QEMU starts.  The guest's kernel
#                      command line gets rpt.preboot=<file name of fw>.
#
# The console (ttyS0) goes to stdout and console.log; ttyS1 is the results
# channel (TEST: lines, the kernel log at the end, the exit marker).
set -euo pipefail
. "$(dirname "$0")/common.sh"

kernel=stock
initrd=
run=
guest_dir=
append=
timeout_s=
logdir=
quiet=0
loglevel=
emu=1
load=1
autoload=0
preboot=

while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift ;;
	--initrd) initrd=$2; shift ;;
	--run) run=$2; shift ;;
	--guest-dir) guest_dir=$2; shift ;;
	--append) append=$2; shift ;;
	--timeout) timeout_s=$2; shift ;;
	--logdir) logdir=$2; shift ;;
	--quiet) quiet=1 ;;
	--loglevel) loglevel=$2; shift ;;
	--no-emu) emu=0 ;;
	--no-load) load=0 ;;
	--autoload) autoload=1 ;;
	--no-autoload) autoload=0 ;;
	--preboot) preboot=$2; shift ;;
	-h|--help) sed -n '4,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown option $1 (see $0 --help)" ;;
	esac
	shift
done

case $kernel in
stock)
	flavour=stock
	kimage=$(stock_kernel)
	;;
debug)
	flavour=debug
	kimage=$(debug_kernel)
	;;
*)
	flavour=custom
	kimage=$kernel
	;;
esac
[ -r "$kimage" ] || die "kernel $kimage missing"
if [ -z "$initrd" ]; then
	[ "$flavour" != custom ] || die "--initrd is needed with a custom kernel"
	initrd=$BUILD/initramfs/$flavour.cpio.gz
fi
[ -r "$initrd" ] || die "initramfs $initrd missing (make initramfs)"
if [ -z "$loglevel" ]; then
	if [ $quiet -eq 1 ]; then loglevel=7; else loglevel=4; fi
fi
if [ -z "$timeout_s" ]; then
	if [ "$flavour" = debug ]; then timeout_s=2400; else timeout_s=1800; fi
fi
if [ -n "$guest_dir" ]; then
	[ -d "$guest_dir" ] || die "$guest_dir is not a directory"
	[ -n "$run" ] || run=/guest/run
fi

if [ $emu -eq 1 ]; then
	emu_bin=$EMU_BIN
	[ -x "$emu_bin" ] || die "$emu_bin not built (make tools)"
fi
if [ -n "$preboot" ]; then
	[ $emu -eq 1 ] || die "--preboot needs the emulator (drop --no-emu)"
	case $preboot in
	*/*) preboot_fw=$preboot ;;
	*) preboot_fw=$FW_OUT/$preboot ;;
	esac
	[ -f "$preboot_fw" ] && [ -r "$preboot_fw" ] ||
		die "firmware $preboot_fw missing (make tools)"
	# Guest tests read /proc/cmdline to know the remote was prebooted.
	append="${append:+$append }rpt.preboot=$(basename "$preboot_fw")"
fi

# Private directory: tmpfs when there is one (the guest RAM file lives there).
base=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
tmp=$(mktemp -d "$base/rproc-vm.XXXXXX")
emu_pid=
qemu_pid=

cleanup() {
	local rc=$?
	if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
		kill "$qemu_pid" 2>/dev/null || true
	fi
	if [ -n "$emu_pid" ] && kill -0 "$emu_pid" 2>/dev/null; then
		kill "$emu_pid" 2>/dev/null || true
		sleep 0.2
		kill -9 "$emu_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The per-run overlay archive: what to run, and the user's directory.
ov=$tmp/overlay
mkdir -p "$ov/etc"
{
	printf 'RPT_RUN=%q\n' "$run"
	printf 'RPT_LOAD=%s\n' "$load"
} >"$ov/etc/rpt-run.conf"
if [ -n "$guest_dir" ]; then
	mkdir -p "$ov/guest"
	cp -a "$guest_dir/." "$ov/guest/"
fi
cp "$initrd" "$tmp/initrd"
(cd "$ov" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) | gzip -1 >>"$tmp/initrd"

ram=$tmp/ram
sock=$tmp/ivshmem.sock
touch "$tmp/console.log" "$tmp/results.log"

qemu=(qemu-system-x86_64 -nodefaults -no-user-config -display none
      -machine pc,memory-backend=ram -m 512M
      -object "memory-backend-file,id=ram,size=512M,mem-path=$ram,share=on"
      -smp 2 -no-reboot
      -kernel "$kimage" -initrd "$tmp/initrd"
      # no_timer_check: on a loaded host, TCG can be too slow for the
      # kernel's early IO-APIC timer check, which then panics the boot.
      # log_buf_len: the whole log of a long run fits in dmesg.log.
      -append "console=ttyS0 loglevel=$loglevel panic=-1 no_timer_check log_buf_len=8M rpt.autoload=$autoload $append")
if [ $quiet -eq 1 ] || [ ! -t 0 ]; then
	# Without a terminal, QEMU's stdio backend is of no use: log to a file
	# and follow it.
	qemu+=(-chardev "file,id=con,path=$tmp/console.log")
else
	qemu+=(-chardev "stdio,id=con,logfile=$tmp/console.log")
fi
qemu+=(-serial chardev:con
       -chardev "file,id=res,path=$tmp/results.log" -serial chardev:res)

if [ $emu -eq 1 ]; then
	# The emulator maps the guest RAM file when the core starts (with
	# --preboot: at once), and QEMU takes an existing file of exactly
	# its size as it is: create it before either side.
	truncate -s 512M "$ram"
	emu_args=(--socket "$sock" --ram "$ram" --ram-size 512M
		  --log "$tmp/emu.log")
	[ -z "$preboot" ] || emu_args+=(--preboot "$preboot_fw")
	"$emu_bin" "${emu_args[@]}" </dev/null &
	emu_pid=$!
	for _ in $(seq 100); do
		[ -S "$sock" ] && break
		kill -0 "$emu_pid" 2>/dev/null || break
		sleep 0.1
	done
	if [ ! -S "$sock" ]; then
		cat "$tmp/emu.log" >&2 2>/dev/null || true
		die "rproc-emu did not create $sock"
	fi
	qemu+=(-chardev "socket,path=$sock,id=ivs"
	       -device ivshmem-doorbell,chardev=ivs,vectors=3)
fi

log "booting $kimage ($flavour) with $(basename "$initrd")${run:+, running: $run}"
t0=$(date +%s)
follow_pid=
if [ $quiet -eq 0 ] && [ ! -t 0 ]; then
	tail -n +1 -f "$tmp/console.log" &
	follow_pid=$!
elif [ $quiet -eq 1 ]; then
	# Quiet: only the guest test runner's headers, to show progress.
	tail -n +1 -f "$tmp/console.log" \
		> >(grep --line-buffered -a '^######## ' | sed -u 's/\r$//') &
	follow_pid=$!
fi
# QEMU's own stderr (its errors, a failed assertion) goes to qemu.log and,
# as it comes, to ours.  Bash's own notice of a command killed by a signal
# is kept out (2>/dev/null on the shell's side): what happened is said below.
exec 4> >(tee "$tmp/qemu.log" >&2)
tee_pid=$!
set +e
if [ -t 0 ] && [ $quiet -eq 0 ]; then
	# --foreground: QEMU must stay in the terminal's process group to read
	# from it.
	{ timeout --foreground -k 10 "$timeout_s" "${qemu[@]}" 2>&4 4>&-; } \
		2>/dev/null
	qrc=$?
else
	timeout -k 10 "$timeout_s" "${qemu[@]}" </dev/null 2>&4 4>&- &
	qemu_pid=$!
	wait "$qemu_pid" 2>/dev/null
	qrc=$?
	qemu_pid=
fi
exec 4>&-
wait "$tee_pid"
set -e
if [ -n "$follow_pid" ]; then
	sleep 0.3
	kill "$follow_pid" 2>/dev/null || true
	wait "$follow_pid" 2>/dev/null || true
fi
elapsed=$(( $(date +%s) - t0 ))

# The emulator leaves on its own once QEMU has gone.
if [ -n "$emu_pid" ]; then
	for _ in $(seq 50); do
		kill -0 "$emu_pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$emu_pid" 2>/dev/null; then
		log "warning: rproc-emu still running after QEMU exited; killing it"
		kill "$emu_pid" 2>/dev/null || true
	fi
	set +e
	wait "$emu_pid"
	erc=$?
	set -e
	emu_pid=
	[ "$erc" -eq 0 ] || log "warning: rproc-emu exited with status $erc"
fi

tr -d '\r' <"$tmp/results.log" >"$tmp/results.txt"
sed -n '/^@@RPT-DMESG-BEGIN@@$/,/^@@RPT-DMESG-END@@$/p' "$tmp/results.txt" |
	sed '1d;$d' >"$tmp/dmesg.log"
exit_marker() {
	tr -d '\r' <"$1" | { grep -ao '@@RPT-EXIT@@ [0-9]*' || true; } |
		tail -n1 | awk '{print $2}'
}
status=$(exit_marker "$tmp/results.txt")
[ -n "$status" ] || status=$(exit_marker "$tmp/console.log")
# What QEMU said about its own failure: a failed assertion (assert() or
# GLib's), a fatal error, else its last line on stderr.
qemu_assert='Assertion .* failed|assertion failed'
qemu_said() {
	local line
	line=$(grep -a -m1 -E "$qemu_assert|: fatal:|hardware error" \
		"$tmp/qemu.log" 2>/dev/null) ||
		line=$(grep -a -v '^[[:space:]]*$' "$tmp/qemu.log" 2>/dev/null |
		       tail -n1) || true
	printf '%s' "$line"
}
# timeout(1) exits 124 when it stopped QEMU at the deadline and 137 when it
# had to kill it 10 s later; 128+N otherwise means QEMU itself died of
# signal N (timeout re-raises it), e.g. 134 for abort() after an assertion.
if [ "$qrc" -eq 124 ] ||
   { [ "$qrc" -eq 137 ] && [ "$elapsed" -ge "$timeout_s" ]; }; then
	log "timeout: the guest did not finish within ${timeout_s}s"
	status=124
elif [ "$qrc" -gt 128 ] || grep -a -q -E "$qemu_assert" "$tmp/qemu.log"; then
	why=$(qemu_said)
	if [ -z "$why" ]; then
		sig=$((qrc - 128))
		why="killed by signal $sig (SIG$(kill -l "$sig" 2>/dev/null))"
	fi
	# A QEMU killed on its terminal leaves it raw: restore it.
	[ ! -t 0 ] || stty sane 2>/dev/null || true
	log "QEMU aborted (a QEMU failure, not the guest's): $why"
	[ -z "$status" ] || log "(the guest had reported exit status $status)"
	status=126
elif [ -z "$status" ]; then
	why=
	[ "$qrc" -eq 0 ] || why=$(qemu_said)
	log "the guest stopped without reporting an exit status" \
	    "(qemu: $qrc${why:+: $why})"
	status=125
fi

if [ -n "$logdir" ]; then
	mkdir -p "$logdir"
	tr -d '\r' <"$tmp/console.log" >"$logdir/console.log"
	cp "$tmp/results.txt" "$logdir/results.log"
	cp "$tmp/dmesg.log" "$logdir/dmesg.log"
	[ -e "$tmp/emu.log" ] && cp "$tmp/emu.log" "$logdir/emu.log"
	cp "$tmp/qemu.log" "$logdir/qemu.log"
	printf '%s\n' "$status" >"$logdir/status"
	printf '%s\n' "$elapsed" >"$logdir/seconds"
fi
log "guest exit status $status after ${elapsed}s"
exit "$status"
