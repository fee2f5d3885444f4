#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make-golden.sh DAXLABEL - (re)create the golden images and their expected
# 'check' transcripts.  Run by hand when the format or the checker's
# wording changes, review every .expect diff, and commit both.
set -eu
dl=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

C0=8192
C1=$((8192 + (2 * 1024 * 1024 - 8192) / 2))

base() {
	rm -f "$1"
	truncate -s 8M "$1"
	"$dl" init "$1" -u 11111111-2222-4333-8444-555555555555 >/dev/null
	"$dl" create "$1" -s 2M -n alpha -u aaaaaaaa-0000-4000-8000-000000000001 >/dev/null
	"$dl" create "$1" -s 2M -n beta -u aaaaaaaa-0000-4000-8000-000000000002 >/dev/null
}
poke() { printf '%s' "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

base clean.img
base copy0-torn.img; poke copy0-torn.img $((C0 + 300)) XXXX
base copy1-bad-header.img; poke copy1-bad-header.img $C1 JUNKJUNK
base copy1-stale.img
dd if=copy1-stale.img of=stale-copy bs=1 skip=$C1 count=4096 status=none
"$dl" resize copy1-stale.img alpha -s 4M >/dev/null
dd if=stale-copy of=copy1-stale.img bs=1 seek=$C1 conv=notrunc status=none
base info-checksum.img; poke info-checksum.img $((4096 + 100)) XXXX
base both-copies-torn.img
poke both-copies-torn.img $((C0 + 300)) XXXX; poke both-copies-torn.img $((C1 + 300)) XXXX
base diverged.img
python3 - diverged.img $C1 <<'PY'
import struct, sys, zlib
f = open(sys.argv[1], "r+b"); off = int(sys.argv[2])
f.seek(off); h = bytearray(f.read(256))
rb = struct.unpack_from("<Q", h, 120)[0]
f.seek(off + 256); recs = bytearray(f.read(rb))
recs[24] = ord("A")		# first record's name: alpha -> Alpha
struct.pack_into("<I", h, 252, zlib.crc32(bytes(recs), zlib.crc32(bytes(h[:252]))))
f.seek(off); f.write(h); f.write(recs)
PY

for img in *.img; do
	name=${img%.img}
	xz -9 -k -c "$img" >"$here/$name.img.xz"
	"$here/golden-test.sh" "$dl" --record "$img" >"$here/$name.expect"
done
echo "made: $(ls *.img | tr '\n' ' ')"
