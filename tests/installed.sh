#!/usr/bin/env bash
# What a user gets from `make install`: run by .ci/run after installing into a temporary prefix.
# The example plugins build with their own Makefile against the installed headers and
# greenmig.pc, the installed greenmig runs them on the installed example experiment, and a C
# program built with `pkg-config --cflags --libs greenmig` runs an experiment through the library.
# The Python package, when built, is imported from the prefix and runs there too.
# Usage: tests/installed.sh PREFIX SRCDIR  (GREENMIG_BUILDDIR: the build tree, default SRCDIR)
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
# The Python package (doc/python.md), installed into the prefix's Python directory when configure
# found a Python with cffi, numpy and pandas: imported from there, outside the build tree, it
# runs the installed example experiment with the installed library and gives the CLI's energy.
py=$(sed -n 's/^GM_PYTHON = //p' "${GREENMIG_BUILDDIR:-$src}/Makefile" 2>/dev/null || true)
if [ -n "$py" ]; then
	site=$(ls -d "$prefix"/lib/python3*/*-packages 2>/dev/null | head -1)
	test -f "$site/greenmig/__init__.py"
	(cd "$work" && PYTHONPATH=$site "$py" -c '
import sys, greenmig
assert greenmig.__file__.startswith(sys.argv[1]), greenmig.__file__
r = greenmig.run(sys.argv[2], policy="lr")
print("python: greenmig from", greenmig.__file__, "energy_kwh", r.text("energy_kwh"))
' "$site" "$ex") | tee "$work/python.out"
	grep -qF "energy_kwh $(cat "$work/cli-energy")" "$work/python.out"
else
	echo "installed: no Python package (configure found no Python with cffi, numpy and pandas)"
fi
echo "installed: all passed"
