#!/usr/bin/env bash
# What a user gets from `make install`: run by .ci/run after installing into a temporary prefix.
# The example plugins build with their own Makefile against the installed headers and
# greenmig.pc, the installed greenmig runs them on the installed example experiment, and a C
# program built with `pkg-config --cflags --libs greenmig` runs an experiment through the library.
# Usage: tests/installed.sh PREFIX SRCDIR
set -euo pipefail
prefix=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
pkg-config --exists greenmig
echo "pkg-config: $(pkg-config --modversion greenmig): $(pkg-config --cflags --libs greenmig)"
test -f "$prefix/include/greenmig/policy.h"
ls "$prefix"/lib/libgreenmig.so.* "$prefix/lib/libgreenmig.a" >/dev/null

cp -r "$src/examples/plugins" "$work/plugins"
make -C "$work/plugins"
ex=$prefix/share/greenmig/examples/paper.ini
for p in ewma twochoices; do
	"$prefix/bin/greenmig" run "$ex" --policy "$work/plugins/$p.so" --stats "$work/$p.csv" --quiet
	tail -1 "$work/$p.csv" | cut -d, -f1-5
	grep -q ",$p," "$work/$p.csv"
done
"$prefix/bin/greenmig" policies --policy "$work/plugins/ewma.so" | grep -q ewma

cp -r "$src/examples/c-api" "$work/c-api"
make -C "$work/c-api"
(cd "$work/c-api" && ./runexp "$ex" lr) | tee "$work/runexp.out"
"$prefix/bin/greenmig" run "$ex" --policy lr --stats - --quiet | tail -1 | cut -d, -f9 >"$work/cli-energy"
grep -qF "energy_kwh $(cat "$work/cli-energy")" "$work/runexp.out"
echo "installed: all passed"
