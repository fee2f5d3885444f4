#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# problem-table.sh HEADER SOURCE - the problem ids of dxl_problem.h's enum
# and the rows of dxl_problem.c's table are the same names in the same
# order (ids ascending): an id without a row would print as "UNKNOWN".
set -eu
enum=$(sed -n 's/^\tDXL_P_\([A-Z0-9_]*\) = \([0-9]*\),$/\1 \2/p' "$1")
rows=$(sed -n 's/^\tDXL_P(\([A-Z0-9_]*\),.*$/\1/p' "$2")
[ -n "$enum" ] || { echo "problem-table: no enum values in $1" >&2; exit 1; }
names=$(echo "$enum" | cut -d' ' -f1)
if [ "$names" != "$rows" ]; then
	echo "problem-table: enum and table differ:" >&2
	diff <(echo "$names") <(echo "$rows") >&2 || true
	exit 1
fi
ids=$(echo "$enum" | cut -d' ' -f2)
if [ "$ids" != "$(echo "$ids" | sort -n -u)" ]; then
	echo "problem-table: ids not strictly ascending" >&2
	exit 1
fi
echo "problem-table: $(echo "$names" | wc -l) ids, table complete"
