#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# cli-test.sh DAXLABEL DAXLABELD - the daxlabel tool end to end on image
# files, and both programs' --help against their man pages.
#
# Every failing command must exit 8 or 16 with a one-line message naming
# the problem and leave the image byte-identical (hashed before and after).
set -u
dl=$(realpath "$1")
labeld=${2:+$(realpath "$2")}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
. "$here/../support/memcheck.sh"
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect CODE PATTERN IMAGE -- ARGS...: exit code, stderr pattern, image unchanged
expect() {
	local code=$1 pat=$2 img=$3 before after out rc
	shift 4
	before=$(md5sum "$img" 2>/dev/null)
	out=$("$dl" "$@" 2>&1 >/dev/null)
	rc=$?
	after=$(md5sum "$img" 2>/dev/null)
	if [ "$rc" -ne "$code" ]; then
		bad "daxlabel $*: exit $rc, want $code ($out)"
	elif ! grep -q -- "$pat" <<<"$out"; then
		bad "daxlabel $*: message '$out' lacks '$pat'"
	elif [ "$(wc -l <<<"$out")" -ne 1 ]; then
		bad "daxlabel $*: message is not one line: $out"
	elif [ "$before" != "$after" ]; then
		bad "daxlabel $*: image changed"
	else
		ok
	fi
}

run() {
	if "$dl" "$@" >/dev/null 2>"$work/err"; then ok; else
		bad "daxlabel $*: $(cat "$work/err")"; fi
}

# set_header IMG FORMAT OFFSET VALUE: one header field of both label copies
# (default geometry), CRC made good again; VALUE is a Python expression
set_header() {
	python3 - "$@" <<'PY'
import struct, sys, zlib
img, fmt, field, value = sys.argv[1], sys.argv[2], int(sys.argv[3]), eval(sys.argv[4])
f = open(img, "r+b")
for off in (8192, 8192 + (2 * 1024 * 1024 - 8192) // 2):
    f.seek(off); h = bytearray(f.read(256))
    rb = struct.unpack_from("<Q", h, 120)[0]
    f.seek(off + 256); recs = f.read(rb)
    struct.pack_into(fmt, h, field, value)
    struct.pack_into("<I", h, 252, zlib.crc32(recs, zlib.crc32(bytes(h[:252]))))
    f.seek(off); f.write(h)
PY
}

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# 64 MiB namespaces: a 62 MiB data area at 2 MiB
truncate -s 64M img
truncate -s 1M tiny
truncate -s 64M blank
run init img
expect 8 "in use" img -- init img
expect 16 "label-size" img -- init img --label-size 12K
expect 16 "from 16K to 64M" img -- init img --label-size 65544K
expect 16 "align" img -- init img --align 3M
expect 16 "uuid" img -- init img --uuid not-a-uuid
expect 8 "too small" tiny -- init tiny
# too small for an info-block: the error names that, never "problem 0"
for n in 100 4096 6000; do
	truncate -s "$n" "short$n"
	expect 8 "not a daxlabel namespace (INFO_TRUNCATED" "short$n" -- list "short$n"
	expect 8 "not a daxlabel namespace (INFO_TRUNCATED" "short$n" -- check "short$n"
	expect 8 "not a daxlabel namespace (INFO_TRUNCATED" "short$n" -- create "short$n" -s 2M
done
expect 8 "not a daxlabel namespace" blank -- list blank
expect 8 "not a daxlabel namespace" blank -- create blank -s 2M
expect 8 "open failed" img -- list "$work/none"
expect 8 "not an image file or block device" img -- list "$work"
expect 16 "expected one TARGET" img -- list
expect 16 "not a daxlabel command" img -- frobnicate img

# sizes, names, uuids, devices
expect 16 "invalid --size" img -- create img -s 0
expect 16 "invalid --size" img -- create img -s 12Q
expect 16 "invalid --size" img -- create img -s -4M
expect 16 "invalid --size" img -- create img -s 99999999999T
expect 16 "invalid --size" img -- create img -s 0x
expect 16 "not a multiple of 2.00 MiB" img -- create img -s 3M
expect 16 "not a multiple of 1.00 GiB" img -- create img -s 2M --align 1G
expect 16 "size is required" img -- create img
expect 16 "invalid name" img -- create img -s 2M -n a/b
expect 16 "invalid name" img -- create img -s 2M -n ..
expect 16 "invalid name" img -- create img -s 2M -n "$(printf 'a\tb')"
expect 16 "invalid name" img -- create img -s 2M -n "$(printf '%064d' 0)"
expect 16 "invalid name" img -- create img -s 2M -n "$(printf '\xc3\x28')"
expect 16 "invalid --uuid" img -- create img -s 2M -u 1234
expect 16 "invalid --mode" img -- create img -s 2M --mode 8888
expect 16 "unknown user" img -- create img -s 2M --owner no-such-user-xyz
expect 8 "not enough free space" img -- create img -s 2G

run create img -s 16M -n db
run create img -s 32M -n log --owner 0 --group 0 --mode 640
expect 8 "name used twice" img -- create img -s 2M -n db
u=$("$dl" list img -j | json 'd["devices"][0]["uuid"]')
expect 8 "uuid used twice" img -- create img -s 2M -u "$u"
expect 8 "no device" img -- resize img nosuch -s 2M
expect 8 "no device" img -- destroy img 99
expect 16 "only for create" img -- resize img db -s 2M -n x
expect 16 "option '--name' is only for create" img -- resize img db --size 2M --name foo
expect 16 "option '--uuid' is only for create" img -- resize img db -s 2M -u 1234
expect 16 "option '--size' is not one of destroy's" img -- destroy img db --size 4M
expect 16 "option '--mappings' is not one of destroy's" img -- destroy img db -MM
run resize img db -s 24M	# end gap after log: a new range at 48M
run resize img "$u" -s 26M	# db's last range ends the region: in place
run resize img dax0.1 -s 16M	# log shrinks from its end
run destroy img log
run create img -s 4M		# lowest free id 1, first gap: 16M

# the layout follows the kernel's first fit (worked out by hand)
got=$("$dl" list img -j -M | json '[(x["id"], [(m["start"], m["page_offset"]) for m in x["mappings"]]) for x in d["devices"]]')
want="[(0, [(2097152, 0), (52428800, 4096)]), (1, [(18874368, 0)])]"
[ "$got" = "$want" ] && ok || bad "layout: $got, want $want"
[ "$("$dl" list img -j | json 'd["generation"]')" = 8 ] && ok || bad "generation"

# dump, restore onto a fresh image with the same uuid, byte-compare list -j
tu=$("$dl" list img -j | json 'd["uuid"]')
run dump img -o set.json
# -o replaces the file whole (no partial or temporary file left); a
# lost write to stdout or to a device is an operational error
[ -s set.json ] && [ -z "$(ls set.json.* 2>/dev/null)" ] && ok || bad "dump -o: $(ls set.json*)"
for c in "dump img" "info img" "list img -j"; do
	# shellcheck disable=SC2086
	"$dl" $c >/dev/full 2>/dev/null; rc=$?
	[ "$rc" -eq 8 ] && ok || bad "$c >/dev/full: exit $rc, want 8"
done
expect 8 "the output is incomplete" img -- dump img -o /dev/full
mkdir fresh
truncate -s 64M fresh/img
run init fresh/img -u "$tu"
(cd fresh && "$dl" restore img -i ../set.json 2>/dev/null) && ok || bad "restore"
if diff <("$dl" list img -j -M | grep -v '"generation"') \
	<(cd fresh && "$dl" list img -j -M | grep -v '"generation"') >/dev/null; then
	ok; else bad "list -j differs after dump/restore"; fi
"$dl" dump fresh/img | "$dl" restore img 2>/dev/null && ok || bad "restore from stdin"

# a device at size 0 keeps its id, uuid, name and owner: both copies say
# INCOMPAT_EMPTY_DEVS while one does, it lists with size 0 and no
# mappings (as daxctl), survives dump/restore and check, grows back as
# itself, and destroy removes it and the bit
incompat() { python3 -c "
import struct, sys
b = open('$1', 'rb').read()
print(*[struct.unpack_from('<I', b, o + 32)[0] for o in (8192, 8192 + 0x1fe000 // 2)])"; }
cp img empty
eu=$("$dl" list empty -j | json '[x["uuid"] for x in d["devices"] if x["id"] == 1][0]')
run resize empty 1 -s 0
got=$("$dl" list empty -j -M | json '[(x["id"], x["uuid"], x["size"], "mappings" in x) for x in d["devices"]]')
want="[(0, '$u', 27262976, True), (1, '$eu', 0, False)]"
[ "$got" = "$want" ] && ok || bad "resize -s 0: $got, want $want"
[ "$(incompat empty)" = "1 1" ] && ok || bad "incompat with an empty device: $(incompat empty)"
run check empty -n
run dump empty -o empty.json
mkdir fresh-empty
truncate -s 64M fresh-empty/img
run init fresh-empty/img -u "$tu"
run restore fresh-empty/img -i empty.json
if diff <("$dl" list empty -j -M | grep -Ev '"(generation|target)"') \
	<("$dl" list fresh-empty/img -j -M | grep -Ev '"(generation|target)"') >/dev/null; then
	ok; else bad "list -j differs after dump/restore of an empty device"; fi
python3 -c "import json; d = json.load(open('empty.json')); d['devices'][1]['size'] = 2097152; json.dump(d, open('bad.json', 'w'))"
expect 16 "non-zero size needs its mappings" fresh-empty/img -- restore fresh-empty/img -i bad.json
run resize empty 1 -s 4M
[ "$("$dl" list empty -j | json '[x["uuid"] for x in d["devices"] if x["id"] == 1][0]')" = "$eu" ] &&
	ok || bad "grown back: another uuid"
[ "$(incompat empty)" = "0 0" ] && ok || bad "incompat, every device sized: $(incompat empty)"
run resize empty 1 -s 0
run destroy empty 1
[ "$("$dl" list empty -j | json 'len(d["devices"])')" = 1 ] && [ "$(incompat empty)" = "0 0" ] &&
	ok || bad "destroy of an empty device"

# both copies lost (8 KiB to 2 MiB zeroed): restore --from-backup rebuilds
# the label area from BACKUP/<uuid>/current.json, features and all
cp img lost
mkdir -p "backup/$tu"
run dump img -o "backup/$tu/current.json"
dd if=/dev/zero of=lost bs=4K seek=2 count=510 conv=notrunc status=none
expect 8 "" lost -- list lost
run restore lost --from-backup=backup
run check lost -n
if diff <("$dl" list img -j -M | grep -Ev '"(generation|target)"') \
	<("$dl" list lost -j -M | grep -Ev '"(generation|target)"') >/dev/null; then
	ok; else bad "list -j differs after restore --from-backup"; fi

# bad documents: usage errors (16) or refusals (8); the image is untouched
doc() { python3 -c "import json,sys; d=json.load(open('set.json')); $1; json.dump(d, sys.stdout)" >bad.json; }
head -c 200 set.json >bad.json
expect 16 "not valid JSON" fresh/img -- restore fresh/img -i bad.json
echo '[1,2]' >bad.json
expect 16 "expected an object" fresh/img -- restore fresh/img -i bad.json
echo '{} {}' >bad.json
expect 16 "not valid JSON" fresh/img -- restore fresh/img -i bad.json
doc 'd["format"]="lvm"'
expect 16 "format" fresh/img -- restore fresh/img -i bad.json
doc 'd["version"]=2'
expect 16 "only version 1" fresh/img -- restore fresh/img -i bad.json
doc 'del d["devices"]'
expect 16 "devices: missing" fresh/img -- restore fresh/img -i bad.json
doc 'd["devices"][0]["size"]="big"'
expect 16 "devices\[0\].size: expected an integer" fresh/img -- restore fresh/img -i bad.json
doc 'd["devices"][0]["uuid"]="xyz"'
expect 16 "devices\[0\].uuid: not a uuid" fresh/img -- restore fresh/img -i bad.json
doc 'd["devices"][0]["mappings"][0]["start"]="five"'
expect 16 "mappings\[0\].start: expected an integer or a hex string" fresh/img -- restore fresh/img -i bad.json
doc 'd["devices"][0]["mappings"][0]["start"]=1.5'
expect 16 "mappings\[0\].start: expected an integer" fresh/img -- restore fresh/img -i bad.json
doc 'm=d["devices"][0]["mappings"][0]; m["start"]=hex(m["start"]); m["end"]=hex(m["end"]); m["page_offset"]=hex(m["page_offset"])'
(cd fresh && "$dl" restore img -i ../bad.json 2>/dev/null) && ok || bad "restore with hex-string addresses"
doc 'd["devices"][0]["mappings"][1]["page_offset"]=0'
expect 16 "page_offset does not follow" fresh/img -- restore fresh/img -i bad.json
doc 'd["devices"][0]["mappings"][0]["end"]=1'
expect 16 "end is not start" fresh/img -- restore fresh/img -i bad.json
doc 'd["devices"][0]["size"]=2097152'
expect 16 "not the sum" fresh/img -- restore fresh/img -i bad.json
doc 'm=d["devices"][1]["mappings"][0]; m["start"]=d["devices"][0]["mappings"][0]["start"]; m["end"]=m["start"]+m["size"]-1'
expect 8 "ranges overlap" fresh/img -- restore fresh/img -i bad.json
doc 'd["devices"][1]["id"]=0'
expect 8 "not strictly ascending" fresh/img -- restore fresh/img -i bad.json
doc 'd["devices"][1]["name"]="db"'
expect 8 "name used twice" fresh/img -- restore fresh/img -i bad.json
doc 'm=d["devices"][0]["mappings"][0]; m["start"]=1<<40; m["end"]=(1<<40)+m["size"]-1'
expect 8 "outside the data area" fresh/img -- restore fresh/img -i bad.json
head -c $((65 << 20)) /dev/zero >big.json
expect 16 "larger than 64 MiB" fresh/img -- restore fresh/img -i big.json
rm -f big.json

# copies at one generation, same length and CRC32, other bytes (copy 1's
# first record: another gid, its uid forged to keep the CRC): COPY_DIVERGED,
# -y rewrites copy 1 from copy 0, and then the copies are byte-identical
cp img samecrc
python3 - samecrc <<'PY'
import struct, sys, zlib
f = open(sys.argv[1], "r+b"); off = 8192 + (2 * 1024 * 1024 - 8192) // 2
f.seek(off); h = f.read(256)
rb = struct.unpack_from("<Q", h, 120)[0]
f.seek(off + 256); recs = bytearray(f.read(rb))
crc = struct.unpack_from("<I", h, 252)[0]
def crc_of(r): return zlib.crc32(bytes(r), zlib.crc32(h[:252]))
struct.pack_into("<I", recs, 104, 0x5eed)	# gid
struct.pack_into("<I", recs, 100, 0)		# uid: solved for below
base = crc_of(recs); cols = []
for i in range(32):
    struct.pack_into("<I", recs, 100, 1 << i); cols.append((crc_of(recs) ^ base, 1 << i))
rhs, x = crc ^ base, 0
for bit in range(31, -1, -1):
    piv = next((c for c in cols if c[0] >> bit & 1), None)
    if piv is None: continue
    cols = [(c[0] ^ piv[0], c[1] ^ piv[1]) if c is not piv and c[0] >> bit & 1 else c for c in cols if c is not piv]
    if rhs >> bit & 1: rhs ^= piv[0]; x ^= piv[1]
struct.pack_into("<I", recs, 100, x)
assert crc_of(recs) == crc
f.seek(off + 256); f.write(recs)
PY
c0() { dd if=samecrc bs=1 skip=8192 count=4096 status=none | md5sum; }
c1() { dd if=samecrc bs=1 skip=$((8192 + (2 * 1024 * 1024 - 8192) / 2)) count=4096 status=none | md5sum; }
[ "$(c0)" != "$(c1)" ] && ok || bad "samecrc: copies equal before the repair"
"$dl" check samecrc -n >out 2>&1; rc=$?
[ $rc = 4 ] && grep -q "copy 1: 404 COPY_DIVERGED" out && ok || bad "samecrc check -n: exit $rc: $(cat out)"
"$dl" check samecrc -y >out 2>&1; rc=$?
[ $rc = 1 ] && grep -q "COPY_DIVERGED.*fixed" out && ok || bad "samecrc check -y: exit $rc: $(cat out)"
[ "$(c0)" = "$(c1)" ] && ok || bad "samecrc: copies differ after check -y"
run check samecrc -n

# unsigned 64-bit values print as such in JSON: a set at the last
# generation (both copies, CRC fixed), an info-block whose npfns has the
# top bit set (invalid, but info prints every field)
cp img biggen
set_header biggen '<Q' 40 '(1 << 64) - 1'
[ "$("$dl" list biggen -j | json 'd["generation"]')" = 18446744073709551615 ] && ok ||
	bad "list -j: generation $("$dl" list biggen -j | json 'd["generation"]')"
[ "$("$dl" dump biggen | json 'd["generation"]')" = 18446744073709551615 ] && ok ||
	bad "dump: generation $("$dl" dump biggen | json 'd["generation"]')"
cp img bignpfns
printf '\x80' | dd of=bignpfns bs=1 seek=$((4096 + 64 + 7)) conv=notrunc status=none
got=$("$dl" info bignpfns -j | json 'd["npfns"]')
want=$(python3 -c 'print((1 << 63) + 15872)')	# 62 MiB of pages
[ "$got" = "$want" ] && ok || bad "info -j: npfns $got, want $want"
# an unusable info-block: "state" names the problem, "problem" is its id
got=$("$dl" info bignpfns -j | json '(d["state"], d.get("problem"))')
[ "$got" = "('INFO_BAD_CHECKSUM', 103)" ] && ok || bad "info -j: state/problem $got"

# an fsdax namespace made over a labelled one: its valid NVDIMM_PFN_INFO
# info-block is not ours, so the old label copies left in the gap must not
# bring the label area back (check -y would overwrite the file system's
# info-block): report and stop, the image untouched
cp img fsdax
python3 - fsdax <<'PY'
import struct, sys
b = bytearray(4096)
b[0:16] = b"NVDIMM_PFN_INFO\0"
b[16:32] = bytes(range(1, 17))
struct.pack_into("<IHHQQI", b, 48, 0, 1, 4, 2 << 20, 15872, 2)	# flags, v1.4, PMEM
struct.pack_into("<IIIIH", b, 76, 0, 0, 2 << 20, 4096, 64)
lo = hi = 0
for (w,) in struct.iter_unpack("<I", bytes(b)):
    lo = (lo + w) & 0xffffffff; hi = (hi + lo) & 0xffffffff
struct.pack_into("<Q", b, 4088, hi << 32 | lo)
f = open(sys.argv[1], "r+b"); f.seek(4096); f.write(b)
PY
for m in -n -p -y; do
	expect 8 "not a daxlabel namespace (INFO_FOREIGN" fsdax -- check fsdax $m
done
expect 8 "not a daxlabel namespace (INFO_FOREIGN" fsdax -- create fsdax -s 2M
expect 8 "in use" fsdax -- init fsdax

# list's table cuts a long UTF-8 name at a character, never inside one,
# and keeps the columns: 'a' then twenty 2-byte characters, 41 bytes
cp img utf8
run create utf8 -s 2M -n "a$(printf 'é%.0s' $(seq 20))"
"$dl" list utf8 >out
python3 - out <<'PY' && ok || bad "list: UTF-8 name column: $(cat out)"
import sys
lines = open(sys.argv[1], "rb").read().decode("utf-8").splitlines()	# raises on a cut
head = next(l for l in lines if l.startswith("ID "))
row = next(l for l in lines if " a\u00e9" in l)
assert row.split()[1] == "a" + "\u00e9" * 15, row
assert row.index(row.split()[-1]) == head.index("UUID"), (row, head)
PY

# a newer writer's commit: copy 1 at the next generation with an unknown
# incompat bit and a larger header.  Not damage: nothing may roll it back
# (create, check -p and -y refuse, the image untouched)
cp img newer
python3 - newer <<'PY'
import struct, sys, zlib
f = open(sys.argv[1], "r+b"); off = 8192 + (2 * 1024 * 1024 - 8192) // 2
f.seek(off); h = bytearray(f.read(256))
rb = struct.unpack_from("<Q", h, 120)[0]
f.seek(off + 256); recs = f.read(rb)
struct.pack_into("<I", h, 20, 512)			# header_size
struct.pack_into("<I", h, 32, 0x80)			# incompat
struct.pack_into("<Q", h, 40, struct.unpack_from("<Q", h, 40)[0] + 1)
struct.pack_into("<I", h, 252, zlib.crc32(recs, zlib.crc32(bytes(h[:252]))))
f.seek(off); f.write(h)
PY
expect 8 "newer version" newer -- create newer -s 2M
expect 8 "newer version" newer -- check newer -n
expect 8 "newer version" newer -- check newer -p
expect 8 "newer version" newer -- check newer -y

# a newer writer's read-only feature: readable, not writable
set_header img '<I' 28 0x100
run list img
expect 8 "read-only features.*(SET_UNKNOWN_RO_COMPAT)" img -- create img -s 2M
expect 8 "(SET_UNKNOWN_RO_COMPAT)" img -- destroy img 0

# two writers, no lost update: 1000 edits natively; under memcheck 100
# (the race is about locking, and each valgrind start costs about 0.3 s)
per=500
[ -n "${DAXLABEL_MEMCHECK:-}" ] && per=50
truncate -s 4G race
run init race
writer() {
	local i
	for i in $(seq 1 "$per"); do
		"$dl" create race -s 2M -n "$1-$i" >/dev/null 2>>"$work/race.err" || echo "$1-$i" >>"$work/race.lost"
	done
}
writer a & writer b & wait
n=$("$dl" list race -j | json 'len({x["name"] for x in d["devices"]})')
h=$("$dl" list race -j | json 'd["labels"]')
if [ "$n" = $((2 * per)) ] && [ "$h" = ok ] && [ ! -s "$work/race.lost" ]; then ok; else
	bad "race: $n of $((2 * per)) devices, labels $h, errors: $(head -3 "$work/race.err" 2>/dev/null)"; fi

# a namespace name that leads nowhere: one line, and DAXLABEL_LOG says why
expect 8 "no labelled devdax namespace of that name" none -- list namespace977.3
out=$(DAXLABEL_LOG=debug "$dl" list namespace977.3 2>&1 >/dev/null)
grep -q "libdaxlabel: .*namespace977.3/holder" <<<"$out" && ok || bad "DAXLABEL_LOG=debug: no reason given: $out"

# --help comes from the option table: it and the man page name the same
# long options, every command, and every listed option parses
for c in check create destroy dump info init list resize restore; do
	h=$("$dl" "$c" --help | grep -o -- '--[a-z-]*' | grep -vx -- '--help' | sort -u | tr '\n' ' ')
	m=$(grep '::$' "$here/../../Documentation/daxlabel-$c.txt" | grep -o -- '--[a-z-]*' | sort -u | tr '\n' ' ')
	if [ -n "$h" ] || [ "$c" = destroy ]; then
		[ "$h" = "$m" ] && ok || bad "$c: --help lists '$h', the man page '$m'"
	else
		bad "$c --help lists no options"
	fi
done
"$dl" dump --help | grep -q -- '-o, --output FILE' && ok || bad "dump --help lacks -o"
if [ -x "$labeld" ]; then
	h=$("$labeld" --help | grep -o -- '--[a-z-]*' | grep -vx -- '--help' | sort -u | tr '\n' ' ')
	m=$(grep '::$' "$here/../../Documentation/daxlabeld.txt" | grep -o -- '--[a-z-]*' | sort -u | tr '\n' ' ')
	[ "$h" = "$m" ] && ok || bad "daxlabeld: --help lists '$h', the man page '$m'"
	"$labeld" --once --bogus >/dev/null 2>&1; [ $? -eq 16 ] && ok || bad "daxlabeld --bogus: not a usage error"
else
	bad "no daxlabeld given (second argument)"
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
