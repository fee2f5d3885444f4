#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# freestanding.sh CC... -- FILE... - compile format/ with no libc headers at
# all, with the kernel's warnings that matter for shared code.
set -eu
cc=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	cc="$cc $1"
	shift
done
shift
for f in "$@"; do
	# shellcheck disable=SC2086
	$cc -std=gnu11 -ffreestanding -nostdinc -DDXL_FREESTANDING \
		-fno-builtin-printf -mno-red-zone -mcmodel=kernel -fno-pic \
		-Wall -Wextra -Werror -Wno-unused-parameter \
		-Wdeclaration-after-statement -Wvla -Wframe-larger-than=1024 \
		-Wmissing-prototypes -Wstrict-prototypes \
		-c -o /dev/null "$f"
	echo "freestanding: $(basename "$f") ok"
done
