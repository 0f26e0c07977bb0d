#!/bin/sh
# The Python package's tests (python/tests, pytest) on the build tree's package: run by make
# check when configure found a Python with cffi, numpy and pandas (GREENMIG_PYTHON), skipped
# (exit 77) when not, or when that Python has no pytest (Debian: python3-pytest).
set -eu
py=${GREENMIG_PYTHON:-}
if [ -z "$py" ]; then
	echo "SKIP: configure found no Python 3 with cffi, numpy and pandas"
	exit 77
fi
if ! "$py" -c 'import pytest' >/dev/null 2>&1; then
	echo "SKIP: $py has no pytest (Debian: python3-pytest)"
	exit 77
fi
builddir=${GREENMIG_BUILDDIR:?}
srcdir=${GREENMIG_SRCDIR:?}
PYTHONPATH=$builddir/python
PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH PYTHONDONTWRITEBYTECODE
cd "$builddir"
exec "$py" -m pytest -q -p no:cacheprovider --rootdir "$srcdir/python/tests" "$srcdir/python/tests"
