#!/bin/sh
# greenmig benchmarks (make bench): whole-process wall time of representative runs (trace loading
# included) as the median of REPEAT runs (5 by default), and peak memory (max RSS) from GNU time
# (/usr/bin/time -v; Debian package "time"). Prints a table beside CloudSim 3.0.3's whole-process
# figures and the machine. Timings belong here, never in unit tests: the machines are shared.
# Usage: bench/run.sh GREENMIG_BINARY SRCDIR      (REPEAT=5, SCALE=1 to add the 20k-host day)
set -eu
bin=$1
src=$2
repeat=${REPEAT:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/greenmig-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(uname -m), $(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
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

max_rss_mb() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ { printf "%.1f", $2 / 1024 }'
	else
		echo "n/a"
	fi
}

printf '\n| run | greenmig median (s) | greenmig max RSS (MB) | CloudSim 3.0.3 whole process |\n|---|---|---|---|\n'
row() {
	name=$1
	cloudsim=$2
	shift 2
	printf '| %s | %s | %s | %s |\n' "$name" "$(median_wall "$@")" "$(max_rss_mb "$@")" "$cloudsim"
}

pl="$src/examples/cloudsim-planetlab.ini"
pa="$src/examples/paper.ini"
row "planetlab 20110303 lr mmt 1.2" "27.4 s / 1895 MB" "$bin" run "$pl" --day 20110303 --policy lr --selection mmt --param 1.2 --quiet
row "planetlab 20110303 npa" "1.3 s / 379 MB" "$bin" run "$pl" --day 20110303 --policy npa --quiet
row "planetlab 20110303 dvfs" "" "$bin" run "$pl" --day 20110303 --policy dvfs --quiet
row "planetlab 20110303 thr mmt 0.8" "" "$bin" run "$pl" --day 20110303 --policy thr --selection mmt --param 0.8 --quiet
row "planetlab 20110303 iqr mmt 1.5" "" "$bin" run "$pl" --day 20110303 --policy iqr --selection mmt --param 1.5 --quiet
row "planetlab 20110303 mad mmt 2.5" "" "$bin" run "$pl" --day 20110303 --policy mad --selection mmt --param 2.5 --quiet
row "planetlab 20110303 lrr mmt 1.2" "" "$bin" run "$pl" --day 20110303 --policy lrr --selection mmt --param 1.2 --quiet
row "planetlab 20110303 lr mc 1.2" "" "$bin" run "$pl" --day 20110303 --policy lr --selection mc --param 1.2 --quiet
row "paper 20110303 lr mmt 1.2" "2.5 s / 719 MB" "$bin" run "$pa" --day 20110303 --policy lr --selection mmt --param 1.2 --quiet
row "paper 20110303 dvfs" "" "$bin" run "$pa" --day 20110303 --policy dvfs --quiet

if [ "${SCALE:-0}" = 1 ]; then
	"$bin" synth --vms 40000 --samples 288 --seed 1 -o "$tmp/synth40k.csv.gz"
	repeat=1
	row "synthetic 20000 hosts x 40000 VMs, dvfs" "" "$bin" run "$pl" --traces "$tmp/synth40k.csv.gz" --set hosts.count=20000 --policy dvfs --quiet
	row "synthetic 20000 hosts x 40000 VMs, lr mmt, first 2 h" "" "$bin" run "$pl" --traces "$tmp/synth40k.csv.gz" --set hosts.count=20000 --set simulation.limit_s=7200 --policy lr --selection mmt --quiet
fi
