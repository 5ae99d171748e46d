#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fresh-check.sh: README's two commands, as a new user on a bare Debian 12
# machine runs them.  Builds a pristine Debian 12 (bookworm) root with
# mmdebstrap from the Debian archive (the apt variant, plus make, which a
# user needs to type the commands at all: README says so), clones this repository's HEAD into it
# (committed work only: what a clean clone has), and runs, as root inside
# it, `make demo` and then `make check`.  Prints the last lines of each and
# a summary; exits 0 only if both passed.  Not part of make check (it takes
# as long as make check from scratch, plus the package downloads).
#
#   fresh-check.sh [--dir <dir>] [--keep] [--ref <commit>] [--ccache]
#                  [--only demo|check]
#
#   --dir <dir>     where the root goes (default: a new directory under
#                   /var/tmp); must not exist or be empty
#   --keep          keep the root afterwards (default: removed)
#   --ref <commit>  check out this commit instead of HEAD
#   --ccache        share the host's ccache (faster, but then the debug
#                   kernel build is not the one a bare machine does)
#   --only <cmd>    run only `make demo` or only `make check`
#
# Needs root (mmdebstrap, mount, chroot); installs mmdebstrap if missing.
# Inside, /dev, /dev/pts, /dev/shm, /proc and /sys are bind-mounted from
# the host: QEMU, the emulator and the kernel build need nothing else.
set -euo pipefail
. "$(dirname "$0")/common.sh"

dir=
keep=0
ref=HEAD
use_ccache=0
only="demo check"
while [ $# -gt 0 ]; do
	case $1 in
	--dir) dir=$2; shift ;;
	--keep) keep=1 ;;
	--ref) ref=$2; shift ;;
	--ccache) use_ccache=1 ;;
	--only) only=$2; shift ;;
	-h|--help) sed -n '4,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown option $1 (see $0 --help)" ;;
	esac
	shift
done
[ "$(id -u)" -eq 0 ] || die "run as root (mmdebstrap, mount, chroot)"
for t in $only; do
	case $t in demo|check) ;; *) die "--only demo|check" ;; esac
done
mkdir -p "$BUILD"

if ! command -v mmdebstrap >/dev/null; then
	log "installing mmdebstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y \
		--no-install-recommends mmdebstrap >/dev/null
fi

[ -n "$dir" ] || dir=$(mktemp -d /var/tmp/rpt-fresh.XXXXXX)
mkdir -p "$dir"
[ -z "$(ls -A "$dir")" ] || die "$dir is not empty"
dir=$(cd "$dir" && pwd)

mounted=()
cleanup() {
	local i
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
		umount -l "${mounted[$i]}" 2>/dev/null || true
	done
	if [ "$keep" = 0 ]; then
		rm -rf --one-file-system "$dir"
	else
		log "root kept in $dir"
	fi
}
trap cleanup EXIT

# The same archive the host uses (this machine reaches only Debian's).
mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null |
	 grep -v security | head -n1)
mirror=${mirror:-http://deb.debian.org/debian}
secmirror=${mirror%/debian}/debian-security

phase_start "pristine Debian 12 root in $dir (mmdebstrap, $mirror)"
mmdebstrap --quiet --variant=apt --include=make bookworm "$dir" \
	"deb $mirror bookworm main" \
	"deb $mirror bookworm-updates main" \
	"deb $secmirror bookworm-security main"
phase_end "mmdebstrap"

# A clean clone of the requested commit: what CI and a new user get.
git -C "$SRCTREE" rev-parse --verify -q "$ref^{commit}" >/dev/null ||
	die "no commit $ref in $SRCTREE"
commit=$(git -C "$SRCTREE" rev-parse "$ref")
git clone -q --no-local "$SRCTREE" "$dir/root/project"
git -C "$dir/root/project" checkout -q "$commit"
rm -rf "$dir/root/project/.git"
log "clone of $commit in $dir/root/project"

for m in dev dev/pts dev/shm proc sys; do
	mkdir -p "$dir/$m"
	mount --bind "/$m" "$dir/$m"
	mounted+=("$dir/$m")
done
cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
if [ "$use_ccache" = 1 ]; then
	cc=$(ccache -k cache_dir 2>/dev/null || echo "$HOME/.cache/ccache")
	mkdir -p "$cc" "$dir/root/.cache/ccache"
	mount --bind "$cc" "$dir/root/.cache/ccache"
	mounted+=("$dir/root/.cache/ccache")
fi

# run_in <make target>: as root in the fresh root, with a bare environment.
declare -A result
run_in() {
	local t0 rc logf=$dir/root/make-$1.log
	phase_start "make $1 in the fresh root (log: $logf)"
	t0=$(date +%s)
	set +e
	chroot "$dir" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/bash -c "cd /root/project && make $1" 2>&1 |
		tee "$logf" | sed -u "s/^/[$1] /"
	rc=${PIPESTATUS[0]}
	set -e
	result[$1]="exit $rc after $(( $(date +%s) - t0 ))s"
	phase_end "make $1"
	# Keep the log when the root goes away.
	cp "$logf" "$BUILD/fresh-make-$1.log" 2>/dev/null || true
	return "$rc"
}

status=0
for t in $only; do
	run_in "$t" || status=1
done

echo
echo "fresh-check: commit $commit in a pristine Debian 12 root"
for t in $only; do
	echo "---- make $t: ${result[$t]} (log: $BUILD/fresh-make-$t.log) ----"
	tail -n 3 "$BUILD/fresh-make-$t.log" 2>/dev/null
done
exit "$status"
