#!/bin/sh
# make check: every fuzz harness (built with tests/fuzz/replay.c) replays its seed corpus and its
# regressions, the inputs that crashed it once (tests/fuzz/README.md). Fails on the first crash.
set -u
src=${GREENMIG_SRCDIR:-.}
build=${GREENMIG_BUILDDIR:-.}
fail=0
for h in fuzz_config fuzz_set fuzz_trace_folder fuzz_trace_packed fuzz_merge fuzz_tracefmt fuzz_trace_days; do
	set -- "$src/tests/fuzz/seeds/$h"
	[ -d "$src/tests/fuzz/regressions/$h" ] && set -- "$@" "$src/tests/fuzz/regressions/$h"
	if "$build/tests/fuzz/$h" "$@"; then
		echo "PASS: $h"
	else
		echo "FAIL: $h (exit $?): replay one file with $build/tests/fuzz/$h FILE"
		fail=1
	fi
done
exit $fail
