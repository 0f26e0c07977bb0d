#!/bin/sh
# greenmig benchmarks (make bench): whole-process wall time of representative runs, as the median
# of REPEAT runs, and peak memory (max RSS) where GNU time is installed. Prints one line per case
# and the machine. Timings belong here, never in the unit tests: the machines are shared and noisy.
# Usage: bench/run.sh GREENMIG_BINARY SRCDIR   (REPEAT=7 by default)
set -eu
bin=$1
src=$2
repeat=${REPEAT:-7}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/greenmig-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(uname -m), $(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo)"
echo "greenmig: $("$bin" --version)"

# median of the wall times (seconds) of `repeat` runs of the command
median_wall() {
	i=0
	: >"$tmp/times"
	while [ "$i" -lt "$repeat" ]; do
		t0=$(date +%s.%N)
		"$@" >/dev/null
		t1=$(date +%s.%N)
		echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

max_rss() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f MB", $1 / 1024 }'
	else
		echo "n/a (install GNU time)"
	fi
}

case_run() {
	name=$1
	shift
	echo "$name: median $(median_wall "$@") s over $repeat runs, max RSS $(max_rss "$@")"
}

pl="$src/examples/cloudsim-planetlab.ini"
pa="$src/examples/paper.ini"
case_run "planetlab 20110303 dvfs (800 hosts, 1052 VMs)" "$bin" run "$pl" --policy dvfs --quiet
case_run "planetlab 20110303 npa" "$bin" run "$pl" --policy npa --quiet
case_run "paper 20110303 dvfs (100 hosts, 290 VMs)" "$bin" run "$pa" --policy dvfs --quiet
"$bin" synth --vms 20000 --samples 288 --seed 1 -o "$tmp/synth.csv.gz"
case_run "synthetic 20000 VMs x 288, 16000 hosts dvfs" "$bin" run "$pl" --traces "$tmp/synth.csv.gz" \
	--set hosts.count=16000 --policy dvfs --quiet
echo "CloudSim 3.0.3 for comparison (reference README, same kind of machine): planetlab dvfs inside"
echo "startSimulation alone 2.3 s (20110303); a whole process with JVM start and trace loading is longer."
