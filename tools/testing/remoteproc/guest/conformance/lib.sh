# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the conformance sections (busybox sh).  A section prints its
# transcript on stdout, one observable per line: "<key> <value>".  Keys have
# no spaces and are unique across the whole transcript; values are one line
# and the same on every run of the same stack.  The harness,
# ../95-conformance.sh, runs every section against our stack and against
# Linux 6.1's and compares the transcripts key by key.
#
# CONF_STACK (ours or ref) tells a section which stack it runs against; a
# section must not need it to decide what to observe.

# shellcheck disable=SC1091
. /usr/share/rpt/lib.sh
CONF_STACK=${CONF_STACK:-ours}

# emit <key> <value...>
emit() {
	_k=$1
	shift
	printf '%s %s\n' "$_k" "$*"
}

# conf_write <key> <path> <bytes>: one write(2) of exactly <bytes> (escapes
# \n \t \0 \\ \xHH); the value is OK, E<NAME> or open:E<NAME>.
conf_write() {
	emit "$1" "$(conf-io write "$2" "$3")"
}

# conf_read <key> <path>: the content with escapes, or read:/open:E<NAME>.
conf_read() {
	emit "$1" "$(conf-io read "$2")"
}

# conf_mode <key> <path>: "<type><octal mode>", "-" when absent.
conf_mode() {
	emit "$1" "$(conf-io mode "$2")"
}

# conf_ls <key> <dir-or-glob>: the sorted entry names, space separated.
conf_ls() {
	if [ -d "$2" ]; then
		emit "$1" "$(ls -A "$2" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
	else
		# shellcheck disable=SC2086
		emit "$1" "$(for _e in $2; do [ -e "$_e" ] || [ -L "$_e" ] &&
			basename "$_e"; done | LC_ALL=C sort | tr '\n' ' ' |
			sed 's/ $//')"
	fi
}

# conf_attrs <prefix> <dir>: for each entry of <dir>, sorted: the mode of
# regular files (and the content of the readable ones), "exists" for
# symlinks and directories.
conf_attrs() {
	for _a in $(ls -A "$2" | LC_ALL=C sort); do
		_p=$2/$_a
		if [ -L "$_p" ] || [ -d "$_p" ]; then
			emit "$1.$_a.exists" "$(conf-io mode "$_p" | cut -c1)"
			continue
		fi
		conf_mode "$1.$_a.mode" "$_p"
		case $(conf-io mode "$_p") in
		f0[4-7]??) conf_read "$1.$_a.value" "$_p" ;;
		esac
	done
}
