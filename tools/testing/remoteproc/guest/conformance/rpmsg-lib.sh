# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the rpmsg sections (20-39) of the conformance suite, sourced
# after lib.sh.  Not a section itself (no NN- prefix).
#
# A section writes its lines through rpmsg_norm, which keeps the transcript
# the same on every run and on both stacks where only history differs:
#
#   - addresses of dynamically allocated endpoints (>= 1024, local or
#     remote, hex "0x..." anywhere in a value, decimal in channel device
#     names and in the src/dst attributes of /sys/class/rpmsg) become dynK,
#     K by order of first appearance in the section;
#   - instance numbers (virtioN, rpmsgN, rpmsg_ctrlN, ttyRPMSGN) become the
#     same prefix and their order of first appearance, so that the first
#     one seen is always 0 and a name that comes back is recognised;
#   - character device majors become majK, minors minK (per major).
#
# Names, errnos, modes and contents stay exact.

# shellcheck disable=SC1091
[ -r /usr/share/rpt/stack.sh ] && . /usr/share/rpt/stack.sh
if ! type stack_client >/dev/null 2>&1; then
	# Until stack.sh exists: 6.1's clients built against our stack.
	stack_client() {
		case $2 in
		sample) echo "$MODDIR/rpmsg_client_sample_61.ko" ;;
		tty) echo "$MODDIR/rpmsg_tty_61.ko" ;;
		esac
	}
fi

# rpmsg_norm: the transcript filter described above (stdin to stdout).
rpmsg_norm() {
	awk '
	function hexnum(s,   i, n) {
		n = 0
		s = tolower(substr(s, 3))
		for (i = 1; i <= length(s); i++)
			n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return n
	}
	function addr(n, orig) {
		if (n < 1024 || n == 4294967295)
			return orig
		if (!((n "") in A))
			A[n ""] = na++
		return "dyn" A[n ""]
	}
	# The instance number in the namespace ns, shown after label.
	function inst(label, num, ns,   k) {
		if (ns == "")
			ns = label
		k = ns ":" (num + 0)
		if (!(k in I))
			I[k] = NI[ns]++
		return label I[k]
	}
	# <vdev>.<name>.<src>.<dst>: a channel device name
	function chan(t,   n, p, out, i) {
		n = split(t, p, ".")
		out = inst("virtio", substr(p[1], 7))
		for (i = 2; i <= n - 2; i++)
			out = out "." p[i]
		return out "." addr(p[n - 1] + 0, p[n - 1]) "." \
		       addr(p[n] + 0, p[n])
	}
	# Replace every match of re in v; kind says how.
	function each(v, re, kind,   out, t, lead) {
		out = ""
		while (match(v, re)) {
			t = substr(v, RSTART, RLENGTH)
			out = out substr(v, 1, RSTART - 1)
			v = substr(v, RSTART + RLENGTH)
			lead = ""
			if (t ~ /^[^A-Za-z0-9_]/) {
				lead = substr(t, 1, 1)
				t = substr(t, 2)
			}
			if (kind == "chan")
				out = out lead chan(t)
			else if (kind == "hex")
				out = out lead addr(hexnum(t), t)
			else if (kind == "major") {
				cur = inst("maj", substr(t, 7))
				out = out lead "MAJOR=" cur
			} else if (kind == "minor")
				out = out lead "MINOR=" inst("min", substr(t, 7), "min" cur)
			else {
				match(t, /[0-9]+$/)
				out = out lead inst(substr(t, 1, RSTART - 1), \
					substr(t, RSTART))
			}
		}
		return out v
	}
	{
		key = $1
		v = substr($0, length(key) + 2)
		if (key ~ /\.(src|dst)\.value$/ && v ~ /^-?[0-9]+(\\n)?$/) {
			sub(/\\n$/, "", v)
			v = addr(v + 0, v) "\\n"
		}
		if (key ~ /\.dev\.value$/ && v ~ /^[0-9]+:[0-9]+\\n$/) {
			split(v, d, /[:\\]/)
			cur = inst("maj", d[1])
			v = cur ":" inst("min", d[2], "min" cur) "\\n"
		}
		v = each(v, "virtio[0-9]+\\.[A-Za-z0-9_:-]+\\.-?[0-9]+\\.-?[0-9]+", "chan")
		v = each(v, "(^|[^A-Za-z0-9_])0x[0-9a-fA-F]+", "hex")
		v = each(v, "MAJOR=[0-9]+", "major")
		v = each(v, "MINOR=[0-9]+", "minor")
		v = each(v, "ttyRPMSG[0-9]+", "name")
		v = each(v, "rpmsg_ctrl[0-9]+", "name")
		v = each(v, "(^|[^A-Za-z0-9_])rpmsg[0-9]+", "name")
		v = each(v, "(^|[^A-Za-z0-9_.])virtio[0-9]+", "name")
		print key " " v
	}'
}

# ---- waiting ------------------------------------------------------------

# cr_until <tenths> <command...>: retry until the command succeeds.
cr_until() {
	cr_u_left=$1
	shift
	while [ "$cr_u_left" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		cr_u_left=$((cr_u_left - 1))
	done
	return 1
}

# Every service of the default firmware and the rpmsg-raw node are there.
cr_services_up() {
	for cr_su_s in $RPMSG_SERVICES; do
		rpmsg_channel "$cr_su_s" >/dev/null || return 1
	done
	cr_su_n=$(rpmsg_node rpmsg-raw) && [ -c "$cr_su_n" ] &&
		rpmsg_ctrl_node >/dev/null
}

cr_wait_services() {
	cr_until $((TMO_RPMSG * 10)) cr_services_up ||
		echo "rpmsg: services not up (state $(rp_state))" >&2
}

cr_no_channels() {
	! ls /sys/bus/rpmsg/devices/* >/dev/null 2>&1
}

# Stop, start with the default firmware, wait for the services.
cr_restart() {
	rp_offline || echo "rpmsg: cannot stop the remote" >&2
	cr_until $((TMO_RPMSG * 10)) cr_no_channels ||
		echo "rpmsg: channels left after stop" >&2
	rp_boot_default || echo "rpmsg: cannot boot the default firmware" >&2
	cr_wait_services
}

# The state every section starts from and leaves behind.
cr_setup() {
	[ "$(rp_state)" = running ] || rp_boot_default ||
		echo "rpmsg: cannot boot the default firmware" >&2
	cr_wait_services
}

# ---- looking ------------------------------------------------------------

# cr_link <path>: the last component of a symlink's target, "-" if none.
cr_link() {
	if [ -L "$1" ]; then
		basename "$(readlink "$1")"
	else
		echo -
	fi
}

# cr_chan_dev <name>: the device name of the channel named <name>.
cr_chan_dev() {
	cr_cd_c=$(rpmsg_channel "$1") || return 1
	basename "$cr_cd_c"
}

# cr_class_by_name <name>: the /sys/class/rpmsg directories of the endpoint
# nodes named <name>.
cr_class_by_name() {
	for cr_cb_d in /sys/class/rpmsg/rpmsg[0-9]*; do
		[ -r "$cr_cb_d/name" ] || continue
		if [ "$(cat "$cr_cb_d/name")" = "$1" ]; then
			echo "$cr_cb_d"
		fi
	done
}

# cr_node_of <class dir>: /dev/<name>.
cr_node_of() {
	echo "/dev/${1##*/}"
}

# cr_dump_class <prefix> <class dir>: what sysfs and /dev say of one
# rpmsg class device (control or endpoint node).
cr_dump_class() {
	cr_p=$1
	cr_d=$2
	emit "$cr_p.devname" "${cr_d##*/}"
	conf_attrs "$cr_p" "$cr_d"
	emit "$cr_p.device" "$(cr_link "$cr_d/device")"
	emit "$cr_p.subsystem" "$(cr_link "$cr_d/subsystem")"
	cr_n=$(cr_node_of "$cr_d")
	conf_mode "$cr_p.node.mode" "$cr_n"
	# The node is the device the dev attribute names.
	cr_dev=$(cat "$cr_d/dev" 2>/dev/null)
	cr_st=$(stat -L -c '%t:%T' "$cr_n" 2>/dev/null)
	cr_hex=$(printf '%x:%x' "${cr_dev%%:*}" "${cr_dev##*:}" 2>/dev/null)
	if [ -n "$cr_dev" ] && [ "$cr_st" = "$cr_hex" ]; then
		emit "$cr_p.node.rdev" "matches dev"
	else
		emit "$cr_p.node.rdev" "dev '$cr_dev' node '$cr_st'"
	fi
	# The minor is the instance number of the name.
	cr_idx=$(echo "${cr_d##*/}" | sed 's/^[a-z_]*//')
	if [ "${cr_dev##*:}" = "$cr_idx" ]; then
		emit "$cr_p.minor" "is the name's number"
	else
		emit "$cr_p.minor" "${cr_dev##*:} for ${cr_d##*/}"
	fi
}

# cr_dump_chan <prefix> <channel dir>: every attribute of one channel.
cr_dump_chan() {
	cr_p=$1
	cr_d=$2
	emit "$cr_p.devname" "${cr_d##*/}"
	conf_attrs "$cr_p" "$cr_d"
	emit "$cr_p.driver" "$(cr_link "$cr_d/driver")"
	emit "$cr_p.subsystem" "$(cr_link "$cr_d/subsystem")"
	[ -d "$cr_d/rpmsg" ] && conf_ls "$cr_p.rpmsg.ls" "$cr_d/rpmsg"
	return 0
}

# cr_ls_class <key>, cr_ls_dev <key>, cr_ls_bus <key>: the listings.
cr_ls_class() {
	conf_ls "$1" /sys/class/rpmsg
}

cr_ls_dev() {
	conf_ls "$1" '/dev/rpmsg*'
}

cr_ls_bus() {
	conf_ls "$1" /sys/bus/rpmsg/devices
}

# cr_names <key>: the name attribute of every endpoint node, sorted.
cr_names() {
	emit "$1" "$(cat /sys/class/rpmsg/rpmsg[0-9]*/name 2>/dev/null |
		LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
}

# ---- doing --------------------------------------------------------------

# cr_new_node <name> <before>: the /dev node of an endpoint named <name>
# that is not in <before> (a list of class names), waiting for it.
cr_new_node_once() {
	for cr_nn_d in /sys/class/rpmsg/rpmsg[0-9]*; do
		[ -r "$cr_nn_d/name" ] || continue
		[ "$(cat "$cr_nn_d/name")" = "$1" ] || continue
		case " $2 " in *" ${cr_nn_d##*/} "*) continue ;; esac
		[ -c "/dev/${cr_nn_d##*/}" ] || continue
		echo "/dev/${cr_nn_d##*/}"
		return 0
	done
	return 1
}

cr_new_node() {
	cr_until $((TMO_RPMSG * 10)) cr_new_node_once "$1" "$2"
}

# The class names present now, for cr_new_node.
cr_class_now() {
	ls /sys/class/rpmsg 2>/dev/null | tr '\n' ' '
}

# cr_ctl <text>: one command to the firmware's rpmsg-test-ctrl; the reply.
cr_ctl() {
	rpmsg_ctrl_cmd "$1" 2>/dev/null
}

# cr_crash <key>: the firmware faults on command; emits whether the command
# went out.  The endpoint used for it is closed but not destroyed by
# ioctl: its control node may be gone by then, and RPMSG_DESTROY_EPT_IOCTL
# on such a node is a use after free in 6.1.  Whether the reply is read
# before the node goes away is a race: it is not looked at.
cr_crash() {
	cr_cr_ctl=$(rpmsg_ctrl_node)
	cr_cr_before=$(cr_class_now)
	conf-rpmsg ioctl x "$cr_cr_ctl" create_ept conf-crash any \
		"$(rpmsg_dst rpmsg-test-ctrl)" >/dev/null
	if ! cr_cr_n=$(cr_new_node conf-crash "$cr_cr_before"); then
		emit "$1" "no node"
		return 0
	fi
	exec 8<>"$cr_cr_n"
	conf-rpmsg write "$1" fd:8 text:crash
	sleep 1
	exec 8>&-
}
