#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# golden-test.sh DAXLABEL [--record IMG] - run 'check' over every golden
# image: -n, then -y, then -y again (idempotent), then -n, and compare
# each transcript and exit code with NAME.expect.
set -u
dl=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)

transcript() {
	local img=$1 step rc
	for step in -n -y -y -n; do
		echo "# check $step"
		"$dl" check "$img" $step 2>&1 | sed "s|$img|IMG|g"
		rc=${PIPESTATUS[0]}
		echo "exit $rc"
	done
}

if [ "${2:-}" = --record ]; then
	transcript "$3"
	exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$here/../support/memcheck.sh"
pass=0
fail=0
for xz in "$here"/*.img.xz; do
	name=$(basename "$xz" .img.xz)
	xz -d -c "$xz" >"$work/$name.img"
	if diff -u "$here/$name.expect" <(transcript "$work/$name.img") \
			>"$work/diff"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name"
		cat "$work/diff"
	fi
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
