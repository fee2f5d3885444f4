#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# tests/vm/lib.sh - what tests/vm/run and tests/vm/bench share: booting the
# kernel in QEMU (TCG) on a file-backed NVDIMM or an e820 range, the
# guest-side helpers, and converters between daxctl's and daxlabel's views
# of a layout.  Sourced, never run.
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=${VM_WORK:-$top/build-vm}
dl=${DAXLABEL:-$top/build-test/gcc/daxlabel/daxlabel}
mkdir -p "$work"
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "  ok: $*"; }
bad() { fail=$((fail + 1)); echo "  FAIL: $*"; }

# E820 legacy pmem: guest RAM is this shared file, and memmap= makes the
# E820_PMEM_* range of it a pmem region (file offset = physical address).
E820_RAM=2G
E820_START=$((1 << 30))
E820_SIZE=$((512 << 20))

# vm_start NAME KERNEL IMG GUEST_SCRIPT [e820]: build the initramfs and
# start QEMU in the background (its pid in $vm_pid, serial output in
# $work/NAME.log).  IMG is a label-less NVDIMM (NFIT), with "labelled" an
# NVDIMM with a label area, or with "e820" the guest RAM file holding a
# memmap= pmem range.
vm_start() {
	local name=$1 kernel=$2 img=$3 script=$4 kind=${5:-nfit} size append=
	local -a mem
	size=$(stat -c %s "$img")
	local nvdimm=nvdimm,id=nv1,memdev=mem1
	# "labelled": an NVDIMM with a namespace label area, as libnvdimm's
	# labels need (QEMU keeps it in the file's last 128 KiB)
	[ "$kind" = labelled ] && nvdimm+=,label-size=128K
	if [ "$kind" = e820 ]; then
		mem=(-machine pc,memory-backend=ram0 -m "$E820_RAM"
		     -object memory-backend-file,id=ram0,share=on,mem-path="$img",size="$E820_RAM")
		append="memmap=$((E820_SIZE >> 20))M!$((E820_START >> 20))M"
	else
		mem=(-machine pc,nvdimm=on -m 2G,slots=2,maxmem=$((2 + size / (1 << 30) + 2))G
		     -object memory-backend-file,id=mem1,share=on,mem-path="$img",size="$size",align=2M
		     -device "$nvdimm")
	fi
	local ktree= kmods= kroot=
	case $kernel in
	*/boot/vmlinuz-*)	# Debian's, modular: ROOT/boot and ROOT/lib/modules
		kmods=${kernel##*/boot/vmlinuz-}
		kroot=${kernel%/boot/vmlinuz-*} ;;
	*) ktree=$(cd "$(dirname "$kernel")/../../.." && pwd) ;;
	esac
	KTREE=$ktree KMODS=$kmods KMODS_ROOT=$kroot \
		"$top/tests/vm/mkinitramfs" "$work/$name.cpio.gz" "$script" "$dl" \
		"$(dirname "$dl")/../tests/dax-pattern" "$(dirname "$dl")/../tests/vm-time" \
		"$(dirname "$dl")/../labeld/daxlabeld" "${VM_BINS[@]}"
	timeout "${VM_TIMEOUT:-120}" qemu-system-x86_64 -cpu max -smp 2 "${VM_EXTRA[@]}" "${mem[@]}" \
		-kernel "$kernel" -initrd "$work/$name.cpio.gz" \
		-append "console=ttyS0 panic=-1 oops=panic $append ${VM_APPEND:-}" \
		-nographic -serial mon:stdio -nic none -no-reboot \
		</dev/null >"$work/$name.log" 2>&1 &
	vm_pid=$!
}

VM_BINS=()	# more binaries for the next vm_start's initramfs
VM_EXTRA=()	# more QEMU arguments for the next vm_start (and $VM_APPEND:
		# more kernel arguments)

# the kernel reported a problem in the serial log $1: a WARN, a BUG (KASAN
# reports are "BUG: KASAN: ..."), an oops or panic, or a lockdep report
kernel_trouble() {
	grep -qE 'WARNING:|BUG:|UBSAN:|Oops|Kernel panic|possible (circular|recursive) locking|inconsistent lock state|INFO: task .* blocked' "$1"
}

# boot NAME KERNEL IMG GUEST_SCRIPT [e820]: one VM run to its power-off.
# The guest's stdout (between GUEST-START and GUEST-DONE) ends up in
# $work/NAME.out.
boot() {
	vm_start "$@"
	vm_finish "$1"
}

# vm_await NAME WORD: wait until the guest of vm_start NAME prints a line
# starting with WORD (the host may then act on the image, which QEMU maps
# shared), or until it is gone.  Returns 1 when it ended without WORD.
vm_await() {
	until tr -d '\r' 2>/dev/null <"$work/$1.log" | grep -q "^$2"; do
		kill -0 "$vm_pid" 2>/dev/null || return 1
		sleep 1
	done
}

# vm_finish NAME: wait for the VM of vm_start NAME to power off, then
# judge it as boot does: 0 when QEMU, the kernel and the guest script all
# ended well.
vm_finish() {
	local name=$1 rc
	wait "$vm_pid"
	rc=$?
	sed -n '/GUEST-START/,/GUEST-DONE/p' "$work/$name.log" | tr -d '\r' >"$work/$name.out"
	if [ $rc -ne 0 ]; then
		bad "$name: qemu exited $rc (see $work/$name.log)"
		return 1
	fi
	# the console and the guest's full dmesg (KLOG-START..KLOG-END)
	if kernel_trouble "$work/$name.log"; then
		bad "$name: kernel reported a problem (see $work/$name.log)"
		return 1
	fi
	if ! grep -q 'GUEST-DONE rc=0' "$work/$name.out"; then
		bad "$name: guest script failed (see $work/$name.out)"
		return 1
	fi
	return 0
}

# vm_clean: drop the disk and initramfs images of what just ran (each
# scenario makes its own, up to gigabytes; a run of every scenario would
# hold 4 GB of them).  Logs, .out files and guest scripts stay.  VM_KEEP=1
# keeps the images too, to look into after a failure.
vm_clean() {
	[ "${VM_KEEP:-0}" = 1 ] && return 0
	rm -f "$work"/*.img "$work"/*.img.* "$work"/*.cpio.gz
	rm -rf "$work/anchor"
}

# md5 of the namespace metadata: info-block and label area (4K..2M)
meta_sum() { dd if="$1" bs=4096 skip=1 count=511 status=none | md5sum | cut -d' ' -f1; }

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# Debian's own, unpatched kernel of the $DAXLABEL_KVER line (default 7.3;
# linux-image-amd64 of its suite, kernel/source --image), for what a
# stock kernel does with a labelled namespace
debian_kernel() {
	"$top/kernel/source" "${DAXLABEL_KVER:-7.3}" --image
}

# the kernel with the daxlabel series for $DAXLABEL_KVER (default 7.3:
# kernel/build --kernel); $DAXLABEL_KERNEL overrides with a bzImage, for a
# kernel developer's own tree; DAXLABEL_DEBUG_KERNEL=1 takes the KASAN and
# lockdep variant of kernel/build
patched_kernel() {
	if [ -n "${DAXLABEL_KERNEL:-}" ]; then
		echo "$DAXLABEL_KERNEL"
	elif [ "${DAXLABEL_DEBUG_KERNEL:-0}" = 1 ]; then
		"$top/kernel/build" --kernel "${DAXLABEL_KVER:-7.3}" --debug | tail -n 1
	else
		"$top/kernel/build" --kernel "${DAXLABEL_KVER:-7.3}" | tail -n 1
	fi
}

# devices of 'daxctl list -M' output as canonical lines: name size align
# and every mapping, sorted by name
layout() {
	python3 -c '
import json, sys
d = json.loads(sys.stdin.read() or "[]")
for dev in sorted(d, key=lambda x: x["chardev"]):
    m = " ".join("%#x-%#x@%d" % (x["start"], x["end"], x["page_offset"])
                 for x in sorted(dev.get("mappings", []),
                                 key=lambda x: x["page_offset"]))
    print(dev["chardev"], dev["size"], dev.get("align", "-"), m)
'
}

# The guest-side helpers every patched-kernel scenario uses.
GUEST_LIB='
# the labelled region: its dax devices are daxX.N, its sysfs directory R
X=$(ls /sys/bus/dax/devices | head -n 1 | sed "s/^dax\([0-9]*\)\..*/\1/")
R=$(dirname "$(readlink -f /sys/bus/dax/devices/dax$X.0)")/dax_region
layout() { echo "DAXCTL $(daxctl list -M | tr -d "\n")"; }
# a new 0-size device, as daxctl create-device makes one
new_dev() { echo 1 >$R/create && cat $R/create; }
# the names of the region devices that have a size
sized() {
	for d in /sys/bus/dax/devices/dax$X.*; do
		[ "$(cat $d/size)" = 0 ] || echo ${d##*/}
	done
}
# pattern_dev write|verify NAME: one device, seeded by its id
pattern_dev() { dax-pattern $1 /dev/$2 $((${2#dax$X.} + 1)); }
# pattern write|verify: every sized device
pattern() {
	for n in $(sized); do
		pattern_dev $1 $n || return 1
	done
}
'


# copy offsets of a default-sized label area (2 MiB - 8 KiB at 8 KiB)
C0=8192
C1=$((8192 + (2 * 1024 * 1024 - 8192) / 2))
poke() { printf '%s' "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }
NS_BASE=0x100000000	# where QEMU puts the NVDIMM

# an image with three devices, one of them in two ranges
provisioned() {
	rm -f "$1"
	truncate -s 1G "$1"
	{ "$dl" init "$1" && "$dl" create "$1" -s 64M -n a &&
		"$dl" create "$1" -s 128M -n b && "$dl" create "$1" -s 32M -n c &&
		"$dl" destroy "$1" b && "$dl" resize "$1" a -s 128M; } >/dev/null 2>&1
}

# what the kernel must rebuild, from the host's view of the image
# 'daxlabel list -M -j' output (stdin) as layout() lines
label_layout() {
	json 'json.dumps([dict(x, chardev="dax0.%d" % x["id"]) for x in d["devices"]])' | layout
}
host_layout() { "$dl" list "$1" -M -j --base $NS_BASE | label_layout; }

