#!/bin/sh
# Representative commands under valgrind's memcheck (issue 16: "valgrind stays clean"): runs on
# both engines, a sweep, pack and reread, the migration model, a policy plugin, and bad input on
# the error paths. Any memcheck error or definite leak fails. CI runs it after installing
# valgrind; by hand: tests/valgrind.sh ./greenmig . (a plain build: not --enable-sanitizers).
bin=${1:-./greenmig}
src=${2:-.}
if ! command -v valgrind >/dev/null 2>&1; then
	echo "SKIP: valgrind is not installed (Debian package valgrind)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
# vg STATUS CMD...: CMD under memcheck must exit STATUS with no memcheck error.
vg() {
	want=$1
	shift
	n=$((n + 1))
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--log-file="$tmp/vg.log" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ] || [ -s "$tmp/vg.log" ]; then
		echo "FAIL (exit $got, expected $want): $*"
		sed 's/^/  /' "$tmp/vg.log" "$tmp/err" | head -40
		fail=$((fail + 1))
	fi
}
paper="$src/examples/paper.ini"
short="--set simulation.limit_s=6000"
vg 0 "$bin" run "$paper" --policy lr --selection mmt --vms 60 $short --quiet --stats "$tmp/s.csv" --timeline "$tmp/t.csv"
vg 0 "$bin" run "$paper" --policy placement+fuzzy --vms 40 $short --quiet --cloudsim-out "$tmp/cs"
vg 0 "$bin" run "$paper" --policy mad --selection mc --vms 40 $short --quiet --set security.enabled=yes --set migration.model=precopy
vg 0 "$bin" run "$src/examples/paper2010.ini" --policy drr2010 --seeds 2 --quiet
vg 0 "$bin" run "$src/examples/paper2010.ini" --policy st --param 0.5 --set simulation.migration_time=cloudsim21 --set simulation.cpu_share=equal --quiet
vg 0 "$bin" sweep "$paper" --vary policy=thr,drr --vary day=20110303,20110306 --set workload.vms=20 $short -o "$tmp/sw.csv" --quiet
vg 0 "$bin" pack "$src/tests/data/trace/good" -o "$tmp/day.csv.gz"
vg 0 "$bin" run "$paper" --traces "$tmp/day.csv.gz" --vms 3 --quiet --set simulation.limit_s=900
vg 3 "$bin" migrate --attack tocttou
vg 4 "$bin" migrate --attack replay --security off
vg 0 "$bin" policies --csv
vg 2 "$bin" run "$paper" --policy thr --param 1.5
vg 2 "$bin" run "$paper" --set workload.day=20110304
vg 2 "$bin" sweep "$paper" --vary day=all --set workload.traces="$tmp" -o "$tmp/x.csv"
echo "valgrind: $n commands, $fail failed"
[ "$fail" -eq 0 ]
