#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-config.sh <fragment> <.config>
#
# Fail loudly unless every option the fragment asks for ended up in .config
# exactly as asked: Kconfig drops options with unmet dependencies silently.
set -euo pipefail

frag=$1
config=$2
bad=0

while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		sym=${line%%=*}
		want=$line
		;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		want=$line
		;;
	*)
		continue
		;;
	esac
	got=$(grep -E "^(# )?$sym[= ]" "$config" || true)
	# "not set" is also satisfied by the symbol not being visible at all.
	if [ "$want" != "$got" ] &&
	   ! { [ -z "$got" ] && [ "${want#\# }" != "$want" ]; }; then
		printf 'config: want "%s", got "%s"\n' "$want" \
		       "${got:-<absent>}" >&2
		bad=1
	fi
done <"$frag"

if [ "$bad" -ne 0 ]; then
	echo "config: $config does not match $frag (unmet dependencies?)" >&2
	exit 1
fi
echo "config: all options of $(basename "$frag") are set"
