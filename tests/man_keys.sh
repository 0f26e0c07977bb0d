#!/bin/sh
# make check: greenmig(1)'s list of experiment-file keys (doc/greenmig.1.in) is the key table's
# (src/io/config_keys.c), as tests/config_keys prints it; on a difference it names each key.
set -u
src=${GREENMIG_SRCDIR:?set by make check}
bin=${GREENMIG_BIN:?set by make check}
# And the column lists of doc/columns.md and greenmig(1) are the column table's
# (src/app/columns.c), as tests/columns prints them.
rc=0
"$(dirname "$bin")/tests/config_keys" --check "$src/doc/greenmig.1.in" || rc=1
"$(dirname "$bin")/tests/columns" --check "$src/doc/columns.md" || rc=1
"$(dirname "$bin")/tests/columns" --check "$src/doc/greenmig.1.in" || rc=1
exit $rc
