# SPDX-License-Identifier: GPL-2.0-only
# memcheck.sh - sourced by the CLI test scripts after they set $dl and
# $work: under tests/support/memcheck, $dl becomes a wrapper that runs the
# real daxlabel under valgrind (a report exits 125, failing the check).
if [ -n "${DAXLABEL_MEMCHECK:-}" ]; then
	printf '#!/bin/sh\nexec %s %s "$@"\n' "$DAXLABEL_MEMCHECK" "$dl" \
		>"$work/daxlabel-memcheck"
	chmod +x "$work/daxlabel-memcheck"
	dl=$work/daxlabel-memcheck
fi
