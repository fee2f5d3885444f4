#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# bench-cli.sh DAXLABEL - figures for the tool (a benchmark, not a test):
#   init on a 1 GiB and a 1 TiB sparse image (target: ratio <= 2),
#   check of a 1024-device set, the capacity of the default label area.
set -eu
dl=$(realpath "$1")
mkset=$(realpath "$(dirname "$0")/../support/mkset.py")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# best of N runs of a command, in microseconds
best_us() {
	local n=$1 best=999999999 t0 t1 i
	shift
	for i in $(seq "$n"); do
		"$@" >/dev/null 2>&1 || true
		t0=$(date +%s%N)
		"$@" >/dev/null
		t1=$(date +%s%N)
		[ $(((t1 - t0) / 1000)) -lt "$best" ] && best=$(((t1 - t0) / 1000))
	done
	echo "$best"
}

init_us() {
	rm -f img
	truncate -s "$1" img
	best_us 5 "$dl" init img --force
}
small=$(init_us 1G)
large=$(init_us 1T)
python3 -c "print('bench-cli: init 1 GiB %.2f ms, 1 TiB %.2f ms, ratio %.2f (target <= 2)' % ($small/1000, $large/1000, $large/$small))"

# set_json N: a restore document of N named 2 MiB devices, end to end
set_json() { python3 "$mkset" "$1" --names; }

# a 1024-device set, made in one restore
rm -f img
truncate -s 4G img
"$dl" init img >/dev/null
set_json 1024 >set.json
"$dl" restore img -i set.json 2>/dev/null
chk=$(best_us 5 "$dl" check img)
lst=$(best_us 5 "$dl" list img -j)
python3 -c "print('bench-cli: 1024 devices: check %.2f ms, list -j %.2f ms' % ($chk/1000, $lst/1000))"

# capacity: the most devices the default label area holds, found by
# restoring N and N+1 named 2 MiB devices (target >= 4096)
rm -f img
truncate -s 16G img
"$dl" init img >/dev/null
lo=4096 hi=16384
set_json $lo >set.json
"$dl" restore img -i set.json 2>/dev/null || { echo "bench-cli: capacity: $lo devices do not fit"; exit 1; }
while [ $((hi - lo)) -gt 1 ]; do
	mid=$(((lo + hi) / 2))
	set_json $mid >set.json
	if "$dl" restore img -i set.json 2>/dev/null; then lo=$mid; else hi=$mid; fi
done
set_json $hi >set.json
why=$("$dl" restore img -i set.json 2>&1 >/dev/null | head -n 1)
echo "bench-cli: capacity: the default label area holds $lo named 2 MiB devices (target >= 4096); $hi: $why"
