#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# golden-test.sh DAXLABEL [--record IMG] - over every golden image: what
# info -j, list and dump print of it as found, then 'check' -n, -y, -y
# again (idempotent) and -n, then list -j -M of the result; each output
# and exit code is compared with NAME.expect.  The images are frozen
# (.img.xz, made once by make-golden.sh); --record prints a transcript
# for a new image's .expect, to be read before it is committed.
set -u
dl=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)

# show IMG CMD [ARGS]: one command's output and exit code
show() {
	local img=$1 cmd=$2 rc
	shift 2
	echo "# $cmd${*:+ $*}"
	"$dl" "$cmd" "$img" "$@" 2>&1 | sed "s|$img|IMG|g"
	rc=${PIPESTATUS[0]}
	echo "exit $rc"
}

transcript() {
	local img=$1 step
	show "$img" info -j
	show "$img" list
	show "$img" dump
	for step in -n -y -y -n; do
		show "$img" check $step
	done
	show "$img" list -j -M
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
