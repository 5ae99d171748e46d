#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /dev/remoteprocN: the node matches the class device, "start"/"stop" and
# their errors, the shutdown-on-release flag (one per open file), the power
# reference shared with sysfs, bad ioctls and pointers, and a file kept open
# while the platform driver goes away.  rproc-cdev (guest-tools/) does the
# system calls.
. "$(dirname "$0")/lib.sh"
T=cdev

require_remote $T
rp_boot_default || not_ok "$T: setup" "cannot boot the default firmware"

# The node of our remote, from its sysfs name (remoteprocN -> /dev/remoteprocN).
cdev_node() {
	_s=$(rp_sysfs) || return 1
	echo "/dev/${_s##*/}"
}

# expect_cdev <name> <write|writeln> <text> <expected word>
expect_cdev() {
	_got=$(rproc-cdev "$2" "$NODE" "$3" 2>&1)
	if [ "$_got" = "$4" ]; then
		ok "$1"
	else
		not_ok "$1" "$2 '$3' to $NODE gave '$_got', expected $4"
	fi
}

# expect_out <name> <expected output> <command...>
expect_out() {
	_name=$1
	_want=$2
	shift 2
	_got=$("$@" 2>&1)
	if [ "$_got" = "$_want" ]; then
		ok "$_name"
	else
		not_ok "$_name" "'$*' gave '$_got', expected '$_want'"
	fi
}

expect_state() {
	if rp_wait_state "$2"; then
		ok "$1"
	else
		not_ok "$1" "state is '$(rp_state)', expected $2"
	fi
}

# ---- the node --------------------------------------------------------------

NODE=$(cdev_node)
SYS=$(rp_sysfs)
check "$T: $NODE is a character device" "no such node" [ -c "$NODE" ]

# sysfs "dev" is decimal major:minor; stat prints them in hex.
want=$(cat "$SYS/dev" 2>/dev/null)
set -- $(stat -c '%t %T' "$NODE" 2>/dev/null)
got=$(printf '%d:%d' "0x${1:-0}" "0x${2:-0}")
check "$T: $NODE is $SYS/dev ($want)" "the node is $got" [ "$got" = "$want" ]
check "$T: minor number is the index" "dev is '$want'" \
	[ "${want#*:}" = "${SYS##*/remoteproc}" ]

# ---- start and stop --------------------------------------------------------

expect_cdev "$T: stop" write stop OK
expect_state "$T: offline after stop" offline
expect_cdev "$T: stop while offline" write stop EINVAL
expect_cdev "$T: start" write start OK
expect_state "$T: running after start" running
expect_cdev "$T: second start" write start EBUSY
expect_cdev "$T: stop with a newline" writeln stop OK
expect_state "$T: offline after stop with a newline" offline
expect_cdev "$T: start with a newline" writeln start OK
expect_state "$T: running after start with a newline" running

expect_cdev "$T: garbage" write bogus EINVAL
expect_cdev "$T: prefix of a command" write star EINVAL
expect_cdev "$T: command and garbage" write "start now" EINVAL
expect_cdev "$T: empty write" write "" EINVAL
expect_cdev "$T: write beyond the bound" write "stopstopstopstopstop" EINVAL
expect_cdev "$T: detach while running (not attached)" write detach EINVAL
expect_out "$T: write from a bad pointer" EFAULT rproc-cdev write-badptr "$NODE"
# conf_call <case>: one result of conf-rproc's other file operations.
conf_call() {
	conf-rproc calls c "$NODE" | sed -n "s/^c\.$1 //p"
}
# As in Linux 6.1: at most 10 bytes, the length checked before the bytes
# are read; pwrite(2) is write(2), pread(2) is read(2).
expect_out "$T: 10 bytes from a bad pointer are read" EFAULT \
	conf_call 'write\.bad_low\.len10'
expect_out "$T: 11 bytes are too many" EINVAL \
	conf_call 'write\.bad_low\.len11'
expect_out "$T: pwrite is write" EINVAL conf_call 'pwrite\.garbage'
expect_out "$T: pread is read" EINVAL conf_call pread
expect_out "$T: no lseek" ESPIPE conf_call 'lseek\.set0'
check "$T: still running after bad writes" "state is '$(rp_state)'" \
	[ "$(rp_state)" = running ]

# ---- ioctls ------------------------------------------------------------------

expect_out "$T: flag is off on a new file" 0 rproc-cdev get "$NODE"
expect_out "$T: set 1 then get on the same file" 1 rproc-cdev set-get "$NODE" 1
expect_out "$T: set 7 reads back as 1" 1 rproc-cdev set-get "$NODE" 7
expect_out "$T: set 0 then get" 0 rproc-cdev set-get "$NODE" 0
expect_out "$T: flag of one file is not another's" "1 0" \
	rproc-cdev two-files "$NODE"
expect_out "$T: unknown ioctls give ENOTTY" "ENOTTY ENOTTY" \
	rproc-cdev bad-ioctl "$NODE"
expect_out "$T: bad ioctl pointers give EFAULT" "EFAULT EFAULT" \
	rproc-cdev bad-pointer "$NODE"
check "$T: still running after the ioctls" "state is '$(rp_state)'" \
	[ "$(rp_state)" = running ]

# ---- one power reference for the node and sysfs ----------------------------

expect_cdev "$T: stop (cdev)" write stop OK
expect_state "$T: offline (cdev stop)" offline
expect_cdev "$T: start (cdev) before a sysfs stop" write start OK
expect_state "$T: running (cdev start)" running
expect_write "$T: sysfs stop after cdev start" state stop OK
expect_state "$T: offline (sysfs stop)" offline
expect_write "$T: sysfs start before a cdev stop" state start OK
expect_state "$T: running (sysfs start)" running
expect_cdev "$T: sysfs start, then start (cdev)" write start EBUSY
expect_cdev "$T: cdev stop after sysfs start" write stop OK
expect_state "$T: offline (cdev stop after sysfs start)" offline

# ---- shutdown on release ---------------------------------------------------

expect_out "$T: start from a file with the flag" OK \
	rproc-cdev hold "$NODE" 1 start 0
expect_state "$T: closing it stopped the remote" offline

expect_out "$T: start from a file without the flag" OK \
	rproc-cdev hold "$NODE" 0 start 0
sleep 0.5
check "$T: closing it left the remote running" "state is '$(rp_state)'" \
	[ "$(rp_state)" = running ]

expect_out "$T: flag set on a remote another file started" OK \
	rproc-cdev hold "$NODE" 1 - 0
expect_state "$T: its close stopped the remote" offline

kmsg_mark cdev-offline
expect_out "$T: flag set on an offline remote" OK rproc-cdev hold "$NODE" 1 - 0
sleep 0.5
check "$T: its close left the remote offline" "state is '$(rp_state)'" \
	[ "$(rp_state)" = offline ]
errs=$(kmsg_errors_since cdev-offline)
check "$T: and logged no error" "$errs" [ -z "$errs" ]

rproc-cdev hold "$NODE" 1 start 600 >/tmp/cdev-hold.out 2>&1 &
holder=$!
expect_state "$T: started by a process that will be killed" running
kill -9 "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
check "$T: the killed process had started it" \
	"it printed '$(cat /tmp/cdev-hold.out)'" \
	[ "$(cat /tmp/cdev-hold.out)" = OK ]
expect_state "$T: its death stopped the remote" offline
rm -f /tmp/cdev-hold.out

# ---- a file open while the platform driver goes away -----------------------

rp_boot_default || not_ok "$T: boot before removal" "cannot boot the default firmware"
if lsmod | grep -q '^ivshmem_rproc '; then
	exec 3>"$NODE"
	expect_out "$T: flag readable on a kept file" 0 rproc-cdev get-fd 3
	if out=$(rmmod ivshmem_rproc 2>&1); then
		ok "$T: driver removed with the node open"
	else
		not_ok "$T: driver removed with the node open" "$out"
	fi
	check "$T: node gone with the device" "$NODE still exists" \
		[ ! -e "$NODE" ]
	expect_out "$T: start on a removed remote" ENODEV \
		rproc-cdev write-fd 3 start
	expect_out "$T: stop on a removed remote" ENODEV \
		rproc-cdev write-fd 3 stop
	expect_out "$T: ioctl on a removed remote" 0 rproc-cdev get-fd 3
	# /proc/self/fd/3 of the program is the same inode, the node removed.
	expect_out "$T: reopening a removed remote" "open ENODEV" \
		rproc-cdev get /proc/self/fd/3
	exec 3>&-
	if out=$(insmod "$MODDIR/ivshmem_rproc.ko" 2>&1); then
		ok "$T: driver reloaded"
	else
		not_ok "$T: driver reloaded" "$out"
	fi
	expect_state "$T: auto boot after reload" running
	NODE=$(cdev_node)
	check "$T: new node $NODE" "no such node" [ -c "$NODE" ]
else
	skip "$T: removal with the node open" "ivshmem_rproc is not a module"
fi

rp_boot_default || not_ok "$T: restore" "cannot boot the default firmware"
finish
