# SPDX-License-Identifier: GPL-2.0
#
# Switching between our stack and Linux 6.1's own remoteproc and rpmsg (the
# reference stack, build-ref-61.sh) in a running guest.  Busybox sh; source
# it after lib.sh.
#
#   stack_available <ours|ref>   exit 0 if that stack is in the initramfs
#   stack_current                prints ours, ref or none (what is loaded)
#   stack_unload                 unloads the loaded stack: the clients and
#                                whatever else holds its modules first, then
#                                its modules in reverse load order (unloading
#                                ivshmem_rproc stops and removes the remote);
#                                non-zero with a message if one stays loaded
#   stack_load <ours|ref>        loads that stack in load order, with the
#                                module parameters of /proc/cmdline as /init
#                                does; with the other stack loaded it fails
#   stack_use <ours|ref>         stack_unload (if the other one is loaded),
#                                stack_load, then waits for a remoteproc
#                                device in /sys/class/remoteproc
#   stack_moddir <ours|ref>      /lib/modules/rpt or /lib/modules/ref
#   stack_client <ours|ref> <sample|tty>
#                                the .ko of Linux 6.1's rpmsg_client_sample
#                                or rpmsg_tty for that stack (ours:
#                                rpmsg_client_sample_61.ko, rpmsg_tty_61.ko);
#                                non-zero if it is not in the initramfs
#
# What mkinitramfs.sh provides: /lib/modules/{rpt,ref}/load-order (stock
# dependencies first), /lib/modules/ref/build-ids (both stacks name their
# modules alike: a loaded module is 6.1's if its build-id, in
# /sys/module/<name>/notes, is the one listed there) and
# /lib/modules/stack-shared (stock modules such as virtio and virtio_ring:
# loaded by either stack when missing, never unloaded here).
#
# Loading 6.1's stack puts "rpt: mark 6.1-stack begin" into the kernel log,
# unloading it "rpt: mark 6.1-stack end": scan-log.sh reports the lines in
# between as 6.1's.

STACK_SHARED=/lib/modules/stack-shared
STACK_REF_IDS=/lib/modules/ref/build-ids
# Client modules of either stack, unloaded before anything else.
STACK_CLIENTS="rpmsg_client_sample rpmsg_tty rpmsg_client_sample_61
	rpmsg_tty_61 rproc_kuser"
# Retries of a busy rmmod, 0.1 s apart.
STACK_RMMOD_TRIES=50
_sk_failed=" "

stack_moddir() {
	case ${1:-} in
	ours) echo /lib/modules/rpt ;;
	ref) echo /lib/modules/ref ;;
	*)
		echo "stack: unknown stack '${1:-}' (ours or ref)" >&2
		return 2 ;;
	esac
}

stack_available() {
	_sk_dir=$(stack_moddir "$1") || return 2
	[ -s "$_sk_dir/load-order" ]
}

stack_client() {
	case ${2:-} in
	sample) _sk_ko=rpmsg_client_sample ;;
	tty) _sk_ko=rpmsg_tty ;;
	*)
		echo "stack: unknown client '${2:-}' (sample or tty)" >&2
		return 2 ;;
	esac
	_sk_dir=$(stack_moddir "$1") || return 2
	[ "$1" = ours ] && _sk_ko=${_sk_ko}_61
	echo "$_sk_dir/$_sk_ko.ko"
	[ -e "$_sk_dir/$_sk_ko.ko" ]
}

# _stack_loaded <module>: loaded as a module (not built in).
_stack_loaded() {
	[ -e "/sys/module/$1/initstate" ]
}

_stack_shared() {
	grep -qxF "$1" "$STACK_SHARED" 2>/dev/null
}

# _stack_modules <ours|ref>: the stack's own modules in load order (the
# shared stock modules left out).
_stack_modules() {
	_sk_dir=$(stack_moddir "$1") || return 2
	[ -r "$_sk_dir/load-order" ] || return 0
	while read -r _sk_m; do
		[ -n "$_sk_m" ] || continue
		_stack_shared "$_sk_m" || echo "$_sk_m"
	done <"$_sk_dir/load-order"
}

# _stack_is_ref <module>: the loaded module is 6.1's.
_stack_is_ref() {
	_sk_id=$(od -An -v -tx1 "/sys/module/$1/notes/.note.gnu.build-id" \
		2>/dev/null | tr -d ' \n')
	[ -n "$_sk_id" ] && grep -qxF "$1 $_sk_id" "$STACK_REF_IDS" 2>/dev/null
}

# Any loaded module of 6.1's makes it "ref" (the stacks are never mixed
# unless a load failed half-way, and then unloading is what is wanted).
stack_current() {
	_sk_cur=none
	for _sk_m in $({ _stack_modules ours; _stack_modules ref; } | sort -u); do
		_stack_loaded "$_sk_m" || continue
		if _stack_is_ref "$_sk_m"; then
			echo ref
			return 0
		fi
		_sk_cur=ours
	done
	echo "$_sk_cur"
}

# "ivshmem_rproc.auto_boot=0 ..." on the command line -> insmod arguments,
# as /init does.
_stack_modparams() {
	for _sk_tok in $(cat /proc/cmdline); do
		case $_sk_tok in
		"$1".*=*) printf '%s ' "${_sk_tok#"$1".}" ;;
		esac
	done
}

# _stack_rmmod <module>: unload it if loaded, the modules holding it first;
# a busy module (a device still open, a reference being dropped) is tried
# again for a few seconds, once per stack_unload ($_sk_failed).
_stack_rmmod() {
	_stack_loaded "$1" || return 0
	case $_sk_failed in *" $1 "*) return 1 ;; esac
	for _sk_h in "/sys/module/$1/holders"/*; do
		[ -e "$_sk_h" ] || continue
		_stack_rmmod "${_sk_h##*/}" || return 1
	done
	_sk_try=0
	while ! _sk_err=$(rmmod "$1" 2>&1); do
		_stack_loaded "$1" || return 0
		case $_sk_err in
		*"temporarily unavailable"*|*"resource busy"*|*"in use"*) ;;
		*)
			echo "stack: rmmod $1: $_sk_err" >&2
			_sk_failed="$_sk_failed$1 "
			return 1 ;;
		esac
		_sk_try=$((_sk_try + 1))
		if [ "$_sk_try" -ge "$STACK_RMMOD_TRIES" ]; then
			echo "stack: rmmod $1: still busy after $_sk_try tries: $_sk_err" >&2
			_sk_failed="$_sk_failed$1 "
			return 1
		fi
		sleep 0.1
	done
}

stack_unload() {
	_sk_from=$(stack_current)
	[ "$_sk_from" = none ] && return 0
	_sk_failed=" "
	for _sk_m in $STACK_CLIENTS; do
		_stack_rmmod "$_sk_m"
	done
	# The loaded stack in reverse load order, then anything of the
	# other one (after a half-done load).
	for _sk_m in $(_stack_modules "$_sk_from" | sed '1!G;h;$!d') \
		     $(_stack_modules ours | sed '1!G;h;$!d') \
		     $(_stack_modules ref | sed '1!G;h;$!d'); do
		_stack_rmmod "$_sk_m"
	done
	[ "$_sk_from" = ref ] && kmsg_mark "6.1-stack end"
	_sk_left=
	for _sk_m in $STACK_CLIENTS $({ _stack_modules ours; _stack_modules ref; } | sort -u); do
		_stack_loaded "$_sk_m" && _sk_left="$_sk_left $_sk_m"
	done
	if [ -n "$_sk_left" ]; then
		echo "stack: still loaded after unloading the $_sk_from stack:$_sk_left" >&2
		return 1
	fi
	return 0
}

# With the same stack partly loaded, stack_load loads the rest.
stack_load() {
	_sk_dir=$(stack_moddir "$1") || return 2
	if ! stack_available "$1"; then
		echo "stack: no $1 stack in this initramfs" >&2
		return 1
	fi
	# Our depmod'ed tree and 6.1's stack share module names: autoloading
	# would modprobe our clients onto 6.1's core.
	if [ "$1" = ref ] && [ -x /usr/share/rpt/autoload ] &&
	   /usr/share/rpt/autoload status >/dev/null 2>&1; then
		/usr/share/rpt/autoload off
		echo "stack: autoload is off while 6.1's stack is loaded" >&2
	fi
	_sk_from=$(stack_current)
	case $_sk_from in
	none) [ "$1" = ref ] && kmsg_mark "6.1-stack begin" ;;
	"$1") ;;
	*)
		echo "stack: the $_sk_from stack is loaded (stack_unload first)" >&2
		return 1 ;;
	esac
	while read -r _sk_m; do
		[ -n "$_sk_m" ] || continue
		_stack_loaded "$_sk_m" && continue
		# shellcheck disable=SC2046
		if ! _sk_err=$(insmod "$_sk_dir/$_sk_m.ko" \
			       $(_stack_modparams "$_sk_m") 2>&1); then
			echo "stack: insmod $_sk_dir/$_sk_m.ko: $_sk_err" >&2
			return 1
		fi
	done <"$_sk_dir/load-order"
	return 0
}

stack_use() {
	stack_moddir "$1" >/dev/null || return 2
	if ! stack_available "$1"; then
		echo "stack: no $1 stack in this initramfs" >&2
		return 1
	fi
	_sk_cur=$(stack_current)
	if [ "$_sk_cur" != none ] && [ "$_sk_cur" != "$1" ]; then
		stack_unload || return 1
	fi
	stack_load "$1" || return 1
	_sk_t=$((TMO_STATE * 10))
	while ! ls -d /sys/class/remoteproc/remoteproc* >/dev/null 2>&1; do
		_sk_t=$((_sk_t - 1))
		if [ "$_sk_t" -le 0 ]; then
			echo "stack: no device in /sys/class/remoteproc after loading the $1 stack" >&2
			return 1
		fi
		sleep 0.1
	done
	return 0
}
