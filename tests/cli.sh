#!/bin/sh
# Command-line tests of greenmig: exit codes, error messages with file and line, no output file
# left behind on error, and byte-identical results from a day folder, its .gz files and its
# packed form. Run by "make check" (GREENMIG_BIN, GREENMIG_SRCDIR set by Makefile.am).
set -u
bin=${GREENMIG_BIN:-./greenmig}
src=${GREENMIG_SRCDIR:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/greenmig-cli.XXXXXX")
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect STATUS PATTERN CMD...: runs CMD, checks its exit status and that stderr contains PATTERN.
expect() {
	want=$1; pat=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		bad "$* exited $got, expected $want"; sed 's/^/  stderr: /' "$tmp/err"; return
	fi
	if [ -n "$pat" ] && ! grep -F -q -- "$pat" "$tmp/err"; then
		bad "$*: stderr lacks '$pat'"; sed 's/^/  stderr: /' "$tmp/err"; return
	fi
	ok
}

paper="$src/examples/paper.ini"
short="--set simulation.limit_s=3000"   # 10 samples suffice for these runs

# A small day folder: 4 VMs, 12 samples, names out of creation order and one with a space.
day="$tmp/days/20990101"
mkdir -p "$day"
i=0
for name in "zeta" "alpha beta" "mid" "Alpha"; do
	i=$((i + 1))
	awk -v s="$i" 'BEGIN { for (k = 0; k < 12; k++) print (s * 7 + k * 13) % 90 + 5 }' >"$day/$name"
done

# --- help and version ---
expect 0 "" "$bin" --help
expect 0 "" "$bin" run --help
grep -q "Usage: greenmig run" "$tmp/out" && ok || bad "run --help prints no usage"
expect 0 "" "$bin" pack --help
expect 0 "" "$bin" synth --help
expect 0 "" "$bin" --version
grep -q "^greenmig " "$tmp/out" && ok || bad "--version prints no version"
expect 0 "" "$bin" run --version

# --- policies: every policy of run --help, with its engines, default, CloudSim class ---
expect 0 "" "$bin" run --help
policies=$(sed -n 's/^  --policy P  *placement policy: //p' "$tmp/out" | tr -d ',')
[ -n "$policies" ] && ok || bad "run --help lists no policies"
expect 0 "" "$bin" policies
cp "$tmp/out" "$tmp/policies.txt"
for p in $policies; do
	grep -q "^$p\$" "$tmp/policies.txt" && ok || bad "greenmig policies lacks $p (listed by run --help)"
done
# thr's block: the CloudSim 3.0.3 engine only, default 0.8, migrates, its CloudSim class
awk '/^thr$/ { on = 1; next } /^$/ { on = 0 } on' "$tmp/policies.txt" >"$tmp/thr.txt"
grep -q "^  engines:     CloudSim 3.0.3 engine$" "$tmp/thr.txt" && grep -q "(default 0.8)$" "$tmp/thr.txt" &&
	grep -q "^  migrations:  yes$" "$tmp/thr.txt" &&
	grep -q "^  reproduces:  PowerVmAllocationPolicyMigrationStaticThreshold$" "$tmp/thr.txt" && ok ||
	bad "policies: thr's block is wrong: $(cat "$tmp/thr.txt")"
awk '/^npa$/ { on = 1; next } /^$/ { on = 0 } on' "$tmp/policies.txt" | grep -q "^  migrations:  no$" && ok ||
	bad "policies: npa migrates"
awk '/^hpg$/ { on = 1; next } /^$/ { on = 0 } on' "$tmp/policies.txt" | grep -q "^  engines:     2010 model$" && ok ||
	bad "policies: hpg does not run on the 2010 model only"
for s in mmt mc mu rs; do
	grep -q "^  $s " "$tmp/policies.txt" && ok || bad "policies lacks the selection $s"
done
grep -q "reproduces: PowerVmSelectionPolicyMinimumMigrationTime$" "$tmp/policies.txt" && ok || bad "policies: mmt's class"
# --csv: a header, one row per policy, RFC 4180 quoting (mm's default "0.4,0.8" holds a comma)
expect 0 "" "$bin" policies --csv
[ "$(head -1 "$tmp/out")" = "name,engines,params,default,migrations,reproduces,summary,origin" ] && ok || bad "policies --csv header"
[ "$(($(wc -l <"$tmp/out") - 1))" -eq "$(echo $policies | wc -w)" ] && ok || bad "policies --csv: not one row per policy"
grep -q '^thr,cloudsim3,"a utilization threshold in \[0, 1\]",0.8,yes,PowerVmAllocationPolicyMigrationStaticThreshold,' "$tmp/out" && ok ||
	bad "policies --csv: thr's row: $(grep '^thr,' "$tmp/out")"
grep -q '^mm,cloudsim3 2010,"[^"]*","0.4,0.8",yes,' "$tmp/out" && ok || bad "policies --csv: mm's row: $(grep '^mm,' "$tmp/out")"
expect 2 "unknown option '--json'" "$bin" policies --json
expect 0 "" "$bin" policies --help
grep -q "Usage: greenmig policies" "$tmp/out" && ok || bad "policies --help"
expect 0 "" "$bin" --help
grep -q "^  policies " "$tmp/out" && ok || bad "greenmig --help lacks policies"

# --- usage errors name what is wrong and list the valid choices ---
expect 2 "unknown command 'frobnicate'; valid: run, sweep, merge, plot, reproduce, migrate, calibrate, pack, synth, policies" "$bin" frobnicate
expect 2 "unknown option '--polcy'; valid: --traces, --day" "$bin" run "$paper" --polcy dvfs
expect 2 "unknown policy 'greedy'; valid: npa, dvfs" "$bin" run "$paper" --policy greedy --traces "$day" --vms 4 $short
expect 2 "missing EXPERIMENT.ini" "$bin" run
expect 2 "--vms \"ten\": expected an integer >= 1" "$bin" run "$paper" --vms ten
expect 2 "policy dvfs takes no parameter" "$bin" run "$paper" --param 0.8 --traces "$day" --vms 4 $short
expect 2 "unknown key" "$bin" run "$paper" --set hosts.colour=red
expect 2 "cannot open" "$bin" run "$tmp/nonexistent.ini"

# --- a run on the folder, on its gzipped files and on its packed file give the same stats ---
expect 0 "" "$bin" run "$paper" --traces "$day" --vms 4 $short --stats "$tmp/folder.csv" --quiet
head -1 "$tmp/folder.csv" | grep -q '^setup,day,policy,selection,param,hosts,vms,sim_time_s,energy_kwh,migrations,slav,slatah,pdm,sla_overall,sla_average,host_shutdowns,mean_time_before_host_shutdown_s,stdev_time_before_host_shutdown_s,mean_time_before_vm_migration_s,stdev_time_before_vm_migration_s' \
	&& ok || bad "stats header is not CloudSim's columns"
sed -n 2p "$tmp/folder.csv" | grep -q '^paper,20990101,dvfs,,,100,4,3000,' && ok || bad "stats row: $(sed -n 2p "$tmp/folder.csv")"
expect 0 "" "$bin" pack "$day" -o "$tmp/days/20990101.csv.gz"
mkdir -p "$tmp/gz/20990101"
for f in "$day"/*; do gzip -n -c "$f" >"$tmp/gz/20990101/$(basename "$f").gz"; done
expect 0 "" "$bin" run "$paper" --traces "$tmp/gz/20990101" --vms 4 $short --stats "$tmp/gz.csv" --quiet
cmp -s "$tmp/folder.csv" "$tmp/gz.csv" && ok || bad "a run on .gz files differs from the plain folder"
mv "$day" "$tmp/plain-20990101"
expect 0 "" "$bin" run "$paper" --traces "$tmp/days" --day 20990101 --vms 4 $short --stats "$tmp/packed.csv" --quiet
cmp -s "$tmp/folder.csv" "$tmp/packed.csv" && ok || bad "a run on the packed day differs from the folder"
mv "$tmp/plain-20990101" "$day"
# Packing is deterministic.
expect 0 "" "$bin" pack "$day" -o "$tmp/again.csv.gz"
cmp -s "$tmp/days/20990101.csv.gz" "$tmp/again.csv.gz" && ok || bad "pack is not byte-for-byte reproducible"
# The summary goes to stderr when the stats go to stdout, so stdout stays pure CSV.
expect 0 "Energy consumption:" "$bin" run "$paper" --traces "$day" --vms 4 $short --stats -
[ "$(wc -l <"$tmp/out")" -eq 2 ] && ok || bad "--stats - printed more than the header and one row"

# --- bad input: file and line, exit 2, no output file left behind ---
printf '10\n20\nabc\n30\n-5\n101\n' >"$day/zz_bad"
rm -f "$tmp/s.csv"
expect 2 "zz_bad:3: \"abc\" is not" "$bin" run "$paper" --traces "$day" --vms 5 $short --stats "$tmp/s.csv"
grep -F -q "zz_bad:5:" "$tmp/err" && ok || bad "second bad line (5) not reported"
grep -F -q "zz_bad:6:" "$tmp/err" && ok || bad "third bad line (6) not reported"
[ ! -e "$tmp/s.csv" ] && [ ! -e "$tmp/s.csv.tmp" ] && ok || bad "output file left behind after an error"
rm -f "$day/zz_bad"
expect 2 "the simulation needs" "$bin" run "$paper" --traces "$day" --vms 4 --stats "$tmp/s.csv"
[ ! -e "$tmp/s.csv" ] && ok || bad "output file left behind after a short trace"
expect 2 "needs 5" "$bin" run "$paper" --traces "$day" --vms 5 $short
mkdir -p "$tmp/empty"
expect 2 "no trace files" "$bin" run "$paper" --traces "$tmp/empty" $short
expect 2 "No such file or directory" "$bin" run "$paper" --traces "$tmp/missing" $short
expect 2 "--set" "$bin" run "$paper" --set nodot
expect 2 "missing -o" "$bin" pack "$day"
expect 2 "No such file or directory" "$bin" pack "$tmp/missing" -o "$tmp/p.csv.gz"
[ ! -e "$tmp/p.csv.gz" ] && ok || bad "pack left an output file after an error"

# --- CloudSim's own output files: the stats row equals CloudSim's reference row field by field ---
ref="$src/tests/data/reference/paper-20110303.csv"
expect 0 "" "$bin" run "$paper" --policy lr --selection mmt --param 1.2 --cloudsim-out "$tmp/cs" \
	--timeline "$tmp/tl.csv" --stats "$tmp/lr.csv" --quiet
row="$tmp/cs/stats/20110303_lr_mmt_1.2_stats.csv"
[ -f "$row" ] && ok || bad "no $row"
want=$(grep '^paper,20110303,lr,mmt,1.2,' "$ref" | cut -d, -f2-20)
got=$(cut -d, -f2-20 "$row")
[ "$got" = "$want" ] && ok || bad "cloudsim stats row differs: got '$got', CloudSim '$want'"
[ "$(cut -d, -f1 "$row")" = "20110303_lr_mmt_1.2" ] && ok || bad "experiment name"
# Paper setup: every migration takes 128 MB / (1e6 / 16000) = 2.048 s (Java's Double.toString).
awk '$1 < 2.0479 || $1 > 2.0481 { bad = 1 } END { exit bad }' \
	"$tmp/cs/time_before_vm_migration/20110303_lr_mmt_1.2_time_before_vm_migration.csv" && ok || bad "migration times"
shut=$(wc -l <"$tmp/cs/time_before_host_shutdown/20110303_lr_mmt_1.2_time_before_host_shutdown.csv")
[ "$shut" -eq 154 ] && ok || bad "host shutdown times: $shut lines, CloudSim counts 154"
# --timeline: a header and one row per scheduling step, ending on the run's energy.
[ "$(wc -l <"$tmp/tl.csv")" -eq 288 ] && ok || bad "timeline has $(wc -l <"$tmp/tl.csv") lines, expected 288"
head -1 "$tmp/tl.csv" | grep -q '^time_s,active_hosts,power_w,overloaded_hosts,migrations_started,energy_kwh$' && ok || bad "timeline header"
# (the stats also count the migrations that complete after the last step)
awk -F, -v total="$(sed -n 2p "$tmp/lr.csv" | cut -d, -f9)" 'END { exit !($6 <= total && $6 > 0.999 * total) }' \
	"$tmp/tl.csv" && ok || bad "timeline energy does not end at the run's energy"
[ "$(awk -F, 'NR > 1 { s += $5 } END { print s }' "$tmp/tl.csv")" = "$(sed -n 2p "$tmp/lr.csv" | cut -d, -f10)" ] && ok || bad "timeline migrations do not add up"
expect 2 "unknown VM selection 'xx'; valid: mmt, mc, mu, rs" "$bin" run "$paper" --policy thr --selection xx
expect 2 "policy dvfs migrates no VM" "$bin" run "$paper" --policy dvfs --selection mmt

# --- README.md shows the real output of its first command ---
awk 'st == 0 && /^```sh quickstart/ { st = 1; next }
	st == 1 && /^```/ { st = 2; next }
	st == 2 && /^```/ { st = 3; next }
	st == 3 && /^```/ { exit }
	st == 3 { print }' \
	"$src/README.md" >"$tmp/readme-out"
(cd "$src" && "$bin" run examples/paper.ini) >"$tmp/real-out" 2>&1
cmp -s "$tmp/readme-out" "$tmp/real-out" && ok || { bad "README.md's quick-start output is not the real output"; diff "$tmp/readme-out" "$tmp/real-out" | head; }

# --- synth: deterministic, readable by run ---
expect 0 "" "$bin" synth --vms 20 --samples 12 --seed 7 -o "$tmp/s1.csv.gz"
expect 0 "" "$bin" synth --vms 20 --samples 12 --seed 7 -o "$tmp/s2.csv.gz"
cmp -s "$tmp/s1.csv.gz" "$tmp/s2.csv.gz" && ok || bad "synth is not reproducible"
expect 0 "" "$bin" run "$paper" --traces "$tmp/s1.csv.gz" --vms 20 $short --quiet
expect 2 "--vms" "$bin" synth --vms 0 --samples 12 -o "$tmp/s3.csv.gz"

# --- the best fit's index and detector shortcuts change nothing (simulation.best_fit_index) ---
# 1,500 hosts and 3,000 synthetic VMs for a day: hundreds of near-tied hosts per placement.
planetlab="$src/examples/cloudsim-planetlab.ini"
expect 0 "" "$bin" synth --vms 3000 --samples 288 --seed 5 -o "$tmp/s3k.csv.gz"
for pair in "lr mmt" "lrr mc" "thr mu" "mad mmt" "iqr rs"; do
	set -- $pair
	for idx in yes no; do
		expect 0 "" "$bin" run "$planetlab" --traces "$tmp/s3k.csv.gz" --set hosts.count=1500 \
			--policy "$1" --selection "$2" --set simulation.best_fit_index=$idx --quiet \
			--stats "$tmp/idx-$idx.csv" --timeline "$tmp/idx-$idx.tl"
	done
	cmp -s "$tmp/idx-yes.csv" "$tmp/idx-no.csv" && cmp -s "$tmp/idx-yes.tl" "$tmp/idx-no.tl" && ok ||
		bad "best_fit_index changes the $1-$2 run"
	awk -F, -v p="$1" -v s="$2" 'NR == 2 && $3 == p && $4 == s && $10 > 1000 { f = 1 } END { exit !f }' \
		"$tmp/idx-yes.csv" && ok || bad "the $1-$2 run made no migrations to compare"
done
# the paper setup's linear power model (P(0) = 0), 1,200 hosts
for pair in "lr mmt" "thr mu"; do
	set -- $pair
	for idx in yes no; do
		expect 0 "" "$bin" run "$paper" --traces "$tmp/s3k.csv.gz" --vms 3000 --set hosts.count=1200 \
			--policy "$1" --selection "$2" --set simulation.best_fit_index=$idx --quiet \
			--stats "$tmp/idx-$idx.csv" --timeline "$tmp/idx-$idx.tl"
	done
	cmp -s "$tmp/idx-yes.csv" "$tmp/idx-no.csv" && cmp -s "$tmp/idx-yes.tl" "$tmp/idx-no.tl" && ok ||
		bad "best_fit_index changes the paper $1-$2 run"
done
# network.target keeps the index (ties kept, the idle hosts by network cost): the plain scan's
# answers on a tree of racks of 7 in pods of 3 (each target) and a fat tree (cheapest_path)
for net in "same_rack tree" "cheapest_path tree" "cheapest_path fattree"; do
	set -- $net
	case $2 in
	tree) topo="--set network.topology=tree --set network.hosts_per_rack=7 --set network.racks_per_pod=3" ;;
	*) topo="--set network.topology=fattree --set network.fattree_k=20" ;;
	esac
	for idx in yes no; do
		# shellcheck disable=SC2086
		expect 0 "" "$bin" run "$planetlab" --traces "$tmp/s3k.csv.gz" --set hosts.count=1500 \
			--policy lr --selection mmt $topo --set network.target="$1" \
			--set simulation.best_fit_index=$idx --quiet --stats "$tmp/idx-$idx.csv" --timeline "$tmp/idx-$idx.tl"
	done
	cmp -s "$tmp/idx-yes.csv" "$tmp/idx-no.csv" && cmp -s "$tmp/idx-yes.tl" "$tmp/idx-no.tl" && ok ||
		bad "best_fit_index changes the lr-mmt run with network.target=$1 on a $2"
done
expect 2 "is not yes or no (simulation.best_fit_index)" "$bin" run "$planetlab" --set simulation.best_fit_index=maybe

# --- the large datacenter's path changes nothing (simulation.large_datacenter) ---
# From about 1,500 VMs (auto) the host updates ask for memory ahead and keep each host's power
# (no power states, parts or VM energy); forced on and off the same 3,000-VM day gives the same
# stats, timeline and CloudSim files, and forced on the shipped 1,052-VM day (auto: off) too.
for run in "lr mmt" "thr mu" "dvfs -" "npa -" "lr mmt --set security.enabled=yes" \
	"iqr mc --set power.states=yes --set power.idle_state=sleep" "mad rs --set power.parts=yes" \
	"lrr mu --set power.vm_energy=yes"; do
	set -- $run
	pol=$1
	sel=$2
	shift 2
	case $sel in -) sels="" ;; *) sels="--selection $sel" ;; esac
	for large in auto yes no; do
		# shellcheck disable=SC2086
		expect 0 "" "$bin" run "$planetlab" --traces "$tmp/s3k.csv.gz" --set hosts.count=1500 \
			--policy "$pol" $sels "$@" --set simulation.large_datacenter=$large --quiet \
			--stats "$tmp/ld-$large.csv" --timeline "$tmp/ld-$large.tl" --cloudsim-out "$tmp/ld-$large"
	done
	same=1
	for large in yes no; do
		cmp -s "$tmp/ld-auto.csv" "$tmp/ld-$large.csv" && cmp -s "$tmp/ld-auto.tl" "$tmp/ld-$large.tl" &&
			diff -r "$tmp/ld-auto" "$tmp/ld-$large" >/dev/null || same=0
	done
	[ "$same" = 1 ] && ok || bad "large_datacenter changes the $run run"
	rm -rf "$tmp/ld-auto" "$tmp/ld-yes" "$tmp/ld-no"
done
for large in auto yes; do
	expect 0 "" "$bin" run "$planetlab" --policy lr --selection mmt --param 1.2 \
		--set simulation.large_datacenter=$large --quiet --stats "$tmp/ld-$large.csv" --timeline "$tmp/ld-$large.tl"
done
cmp -s "$tmp/ld-auto.csv" "$tmp/ld-yes.csv" && cmp -s "$tmp/ld-auto.tl" "$tmp/ld-yes.tl" && ok ||
	bad "large_datacenter = yes changes the shipped day's LR-MMT run"
expect 2 "simulation.large_datacenter expects auto, yes or no" "$bin" run "$planetlab" \
	--set simulation.large_datacenter=maybe --quiet

# --- threads change nothing (simulation.threads): host updates and the overload scan split ---
for run in "lr mmt" "lrr mc" "st 0.5" "drr 600" "mad mu security"; do
	set -- $run
	if [ "$1" = st ] || [ "$1" = drr ]; then
		args="--policy $1 --param $2"
	else
		args="--policy $1 --selection $2"
	fi
	[ "${3:-}" = security ] && args="$args --set migration.model=precopy --set security.enabled=yes"
	for th in 1 3; do
		expect 0 "" "$bin" run "$planetlab" --traces "$tmp/s3k.csv.gz" --set hosts.count=1500 $args \
			--set simulation.threads=$th --quiet --stats "$tmp/th-$th.csv" --timeline "$tmp/th-$th.tl"
	done
	cmp -s "$tmp/th-1.csv" "$tmp/th-3.csv" && cmp -s "$tmp/th-1.tl" "$tmp/th-3.tl" && ok ||
		bad "simulation.threads changes the $run run"
done
expect 2 "\"17\" is out of range (simulation.threads expects an integer from 0" \
	"$bin" run "$planetlab" --set simulation.threads=17

# --- --timings: where a run's wall time went. The phases' seconds add up to the total, the counts
# are the same whatever the thread count, the migrations are the placements of the two phases,
# and every other output is the same as without it ---
tm_args="--traces $tmp/s3k.csv.gz --set hosts.count=1500 --policy lr --selection mmt --quiet"
expect 0 "" "$bin" run "$planetlab" $tm_args --stats "$tmp/tm-none.csv" --timeline "$tmp/tm-none.tl"
for th in 1 2; do
	expect 0 "" "$bin" run "$planetlab" $tm_args --set simulation.threads=$th --stats "$tmp/tm-$th.csv" \
		--timeline "$tmp/tm-$th.tl" --timings "$tmp/tm-$th.t"
	cmp -s "$tmp/tm-none.csv" "$tmp/tm-$th.csv" && cmp -s "$tmp/tm-none.tl" "$tmp/tm-$th.tl" && ok ||
		bad "--timings changes the stats or the timeline (threads $th)"
	items=$(cut -d, -f1 "$tmp/tm-$th.t" | tr '\n' ' ')
	[ "$items" = "item load build host_updates completions detect overload underload restore policy_hook starts \
other metrics total hosts vms threads steps completion_instants overload_calls overload_placed underload_hosts \
underload_failed underload_calls underload_placed " ] && ok || bad "--timings items: $items"
	# the seconds: none negative, a positive total, their sum the total (each written to 1e-6 s)
	awk -F, '$3 == "s" && $1 != "total" { sum += $2; if ($2 < 0) neg = 1 } $1 == "total" { t = $2 }
		END { d = sum - t; exit !(neg == 0 && t > 0 && d < 1e-5 && d > -1e-5) }' "$tmp/tm-$th.t" && ok ||
		bad "--timings: the phases do not add up to the total (threads $th)"
	grep -q "^threads,$th,count\$" "$tmp/tm-$th.t" && grep -q '^hosts,1500,count$' "$tmp/tm-$th.t" &&
		grep -q '^vms,3000,count$' "$tmp/tm-$th.t" && ok || bad "--timings: hosts, VMs or threads (threads $th)"
	# every migration started is a placement of the overload phase or of a host drained in full
	migs=$(sed -n 2p "$tmp/tm-$th.csv" | cut -d, -f10)
	awk -F, -v m="$migs" '{ v[$1] = $2 } END { exit !(v["overload_placed"] + v["underload_placed"] == m && m > 0 &&
		v["overload_placed"] <= v["overload_calls"] && v["underload_failed"] <= v["underload_hosts"] &&
		v["underload_placed"] <= v["underload_calls"] - v["underload_failed"] && v["underload_failed"] > 0) }' \
		"$tmp/tm-$th.t" && ok || bad "--timings: the placements do not add up to the $migs migrations"
	[ "$(grep -c . "$tmp/tm-$th.tl")" -eq "$(($(grep '^steps,' "$tmp/tm-$th.t" | cut -d, -f2) + 1))" ] && ok ||
		bad "--timings: steps differ from the timeline's rows"
done
grep ',count$' "$tmp/tm-1.t" | grep -v '^threads,' >"$tmp/tm-1.n"
grep ',count$' "$tmp/tm-2.t" | grep -v '^threads,' >"$tmp/tm-2.n"
cmp -s "$tmp/tm-1.n" "$tmp/tm-2.n" && ok || bad "--timings: the counts depend on the thread count"
# a policy with its own optimize hook (st): its time is policy_hook's, CloudSim's phases are empty
expect 0 "" "$bin" run "$paper" --policy st --param 0.5 $short --quiet --timings "$tmp/tm-st.t"
awk -F, '{ v[$1] = $2 } END { exit !(v["policy_hook"] > 0 && v["detect"] == 0 && v["overload"] == 0 &&
	v["underload"] == 0 && v["overload_calls"] == 0 && v["underload_calls"] == 0) }' "$tmp/tm-st.t" && ok ||
	bad "--timings: policy st's time is not its hook's"
expect 2 "the 2010 model takes no --timings" "$bin" run "$src/examples/paper2010.ini" --timings "$tmp/tm.t"
expect 2 "--timings times one run; --compare-security makes two" "$bin" run "$paper" --compare-security \
	--timings "$tmp/tm.t"
[ ! -e "$tmp/tm.t" ] && ok || bad "--timings wrote a file for a refused run"
expect 1 "$tmp/no-dir/t.csv" "$bin" run "$paper" $short --quiet --timings "$tmp/no-dir/t.csv"

# --- the 2010 model (examples/paper2010.ini) and the 2010 policies on the PlanetLab setup ---
p2010="$src/examples/paper2010.ini"
expect 2 "policy thr runs in simulation.model = cloudsim3 only" "$bin" run "$p2010" --policy thr
expect 2 "policy hpg runs in simulation.model = 2010" "$bin" run "$paper" --policy hpg
expect 2 "the 2010 model takes no --traces/--day" "$bin" run "$p2010" --policy mm --day 20110303
expect 2 "policy mm: parameter \"0.8,0.4\" is not two utilization thresholds" "$bin" run "$p2010" --policy mm --param 0.8,0.4
expect 2 "policy st: parameter \"x\"" "$bin" run "$p2010" --policy st --param x
expect 2 "policy mm has its own VM selection" "$bin" run "$paper" --policy mm --selection mmt
expect 2 "--seeds applies to simulation.model = 2010" "$bin" run "$paper" --seeds 3
expect 2 "simulation.cpu_share and simulation.migration_time apply to simulation.model = 2010 only" \
	"$bin" run "$paper" --set simulation.cpu_share=equal
expect 2 "is not a CPU sharing rule" "$bin" run "$p2010" --set simulation.cpu_share=fair
expect 2 "cloudlets still run at simulation.limit_s = 100 s" "$bin" run "$p2010" --set simulation.limit_s=100
# --seeds: one stats row per seed, in seed order, each equal to the single run of that seed
expect 0 "" "$bin" run "$p2010" --policy mm --param 0.3,0.7 --seeds 3 --seed 5 --stats "$tmp/seeds.csv" --quiet
expect 0 "" "$bin" run "$p2010" --policy mm --param 0.3,0.7 --seed 6 --stats "$tmp/seed6.csv" --quiet
[ "$(wc -l <"$tmp/seeds.csv")" -eq 4 ] && ok || bad "--seeds 3 does not write a header and 3 rows"
[ "$(sed -n 3p "$tmp/seeds.csv")" = "$(sed -n 2p "$tmp/seed6.csv")" ] && ok || bad "--seeds row 2 differs from the run with --seed 6"
# The published 2010 figures (issue 5's acceptance; doc/model2010.md#published-results), mean of
# seeds 1-10: NPA 9.15 and DVFS 4.40 kWh within 2 %; ST 50 % energy within 5 % of 2.03 and
# migrations within 10 % of 35,226; MM 30-70, 40-80, 50-90 energy within 5 % of 1.48, 1.27, 1.14 kWh
# and SLA violation within one point of 1.11, 2.75, 6.69 %.
# mean COLUMN FILE: the column's mean over the rows, counted from the end (MM's param is one quoted
# field with a comma)
mean() {
	awk -F, -v col="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) back = NF - i; next }
		{ s += $(NF - back); n++ } END { printf "%.6f", s / n }' "$2"
}
# within GOT WANT TOLERANCE (relative, or absolute with a trailing "abs") LABEL
within() {
	awk -v g="$1" -v w="$2" -v t="$3" -v mode="$4" 'BEGIN { d = g - w; if (d < 0) d = -d
		exit !(mode == "abs" ? d <= t : d <= t * w) }' && ok || bad "$5: $1, published $2 (tolerance $3 $4)"
}
while read -r pol par energy etol mig sla; do
	[ "$par" != - ] || par=
	"$bin" run "$p2010" --policy "$pol" ${par:+--param "$par"} --seeds 10 --stats "$tmp/pub.csv" --quiet
	within "$(mean energy_kwh "$tmp/pub.csv")" "$energy" "$etol" rel "2010 $pol $par energy (kWh)"
	[ "$mig" = - ] || within "$(mean migrations "$tmp/pub.csv")" "$mig" 0.10 rel "2010 $pol $par migrations"
	[ "$sla" = - ] || within "$(mean sla2010_violation_pct "$tmp/pub.csv")" "$sla" 1 abs "2010 $pol $par SLA violation (%)"
done <<'PUBLISHED'
npa - 9.15 0.02 - -
dvfs - 4.40 0.02 - -
st 0.5 2.03 0.05 35226 -
mm 0.3,0.7 1.48 0.05 - 1.11
mm 0.4,0.8 1.27 0.05 - 2.75
mm 0.5,0.9 1.14 0.05 - 6.69
PUBLISHED
# The quirk of CloudSim 2.1's single-threshold class (stay_quirk = yes) packs tighter: less energy
# than the default's, as README's table explains.
"$bin" run "$p2010" --policy st --seeds 3 --stats "$tmp/st-q.csv" --quiet --set policy.stay_quirk=yes
"$bin" run "$p2010" --policy st --seeds 3 --stats "$tmp/st-n.csv" --quiet
awk -v q="$(mean energy_kwh "$tmp/st-q.csv")" -v n="$(mean energy_kwh "$tmp/st-n.csv")" 'BEGIN { exit !(q < 0.97 * n) }' &&
	ok || bad "ST with the stay quirk does not use clearly less energy than without it"
# On the PlanetLab paper setup, on every shipped day: NPA > DVFS > ST and DVFS > MM in energy.
for d in 20110303 20110306 20110309 20110322 20110325 20110403 20110409 20110411 20110412 20110420; do
	for p in npa dvfs st mm; do
		# energy_kwh counted from the end: MM's param "0.4,0.8" is one quoted field with a comma
		"$bin" run "$paper" --day "$d" --policy "$p" --stats - --quiet |
			awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "energy_kwh") back = NF - i } NR == 2 { print $(NF - back) }' >"$tmp/e-$p"
	done
	awk -v npa="$(cat "$tmp/e-npa")" -v dvfs="$(cat "$tmp/e-dvfs")" -v st="$(cat "$tmp/e-st")" -v mm="$(cat "$tmp/e-mm")" \
		'BEGIN { exit !(npa > dvfs && dvfs > st && st > 0 && dvfs > mm && mm > 0) }' && ok ||
		bad "day $d: energy order NPA > DVFS > ST, DVFS > MM fails ($(cat "$tmp/e-npa") $(cat "$tmp/e-dvfs") $(cat "$tmp/e-st") $(cat "$tmp/e-mm"))"
done

# --- sweep: axes, order independence of -j, failures, and GNU parallel + merge ---
expect 2 "unknown axis 'colour'" "$bin" sweep "$paper" --vary colour=red -o "$tmp/sw.csv"
expect 2 "hosts.colour=red: --set: unknown key 'colour' in [hosts]" "$bin" sweep "$paper" --vary hosts.colour=red -o "$tmp/sw.csv"
expect 2 "range 0.9:0.5:0.1 needs START <= END and STEP > 0" "$bin" sweep "$paper" --vary param=0.9:0.5:0.1 -o "$tmp/sw.csv"
expect 2 "\"x\" in the range 0.1:x:0.1 is not a decimal number" "$bin" sweep "$paper" --vary param=0.1:x:0.1 -o "$tmp/sw.csv"
expect 2 "an empty value" "$bin" sweep "$paper" --vary policy=thr,,lr -o "$tmp/sw.csv"
expect 2 "the value \"thr\" appears twice" "$bin" sweep "$paper" --vary policy=thr,thr -o "$tmp/sw.csv"
expect 2 "hosts.count=abc" "$bin" sweep "$paper" --vary hosts.count=abc -o "$tmp/sw.csv"
expect 2 "no --vary axis" "$bin" sweep "$paper" -o "$tmp/sw.csv"
[ ! -e "$tmp/sw.csv" ] && ok || bad "a rejected sweep left its output file"
# exact decimal steps, in axis order (the first axis varies slowest)
expect 0 "" "$bin" sweep "$paper" --vary policy=thr,lr --vary param=0.1:0.3:0.1 --set simulation.limit_s=3000 -j 2 -o "$tmp/sw.csv"
[ ! -s "$tmp/err" ] && ok || bad "sweep printed progress or errors when stderr is not a terminal"
[ "$(cut -d, -f1,2 "$tmp/sw.csv" | tr '\n' ' ')" = "policy,param thr,0.1 thr,0.2 thr,0.3 lr,0.1 lr,0.2 lr,0.3 " ] && ok ||
	bad "sweep rows are not the product in axis order with exact decimals: $(cut -d, -f1,2 "$tmp/sw.csv" | tr '\n' ' ')"
expect 0 "" "$bin" sweep "$paper" --vary policy=thr,lr --vary param=0.1:0.3:0.1 --set simulation.limit_s=3000 -j 1 -o "$tmp/sw1.csv"
cmp -s "$tmp/sw.csv" "$tmp/sw1.csv" && ok || bad "sweep -j 1 and -j 2 differ"
# each row is the single run's stats row, byte for byte, but the columns the axes have (policy,
# param: each column once) and with the parameter's number last (param1)
expect 0 "" "$bin" run "$paper" --policy lr --param 0.2 --set simulation.limit_s=3000 --stats "$tmp/one.csv" --quiet
[ "$(sed -n 2p "$tmp/one.csv" | cut -d, -f1,2,4,6-),0.2" = "$(grep '^lr,0.2,' "$tmp/sw.csv" | cut -d, -f3-)" ] && ok || bad "a sweep row differs from the single run's"
[ "$(head -1 "$tmp/sw.csv" | tr , '\n' | sort | uniq -d)" = "" ] && ok || bad "a sweep column appears twice: $(head -1 "$tmp/sw.csv")"
# a failing run is reported with its axis values; the others are written; exit status 1
expect 1 "run 3 (policy=dvfs, param=0.7) failed: policy dvfs takes no parameter" \
	"$bin" sweep "$paper" --vary policy=thr,dvfs --vary param=0.7,0.8 --set simulation.limit_s=3000 -o "$tmp/swf.csv"
[ "$(cut -d, -f1,2 "$tmp/swf.csv" | tr '\n' ' ')" = "policy,param thr,0.7 thr,0.8 " ] && ok || bad "the good runs of a failing sweep were not written"
# joined names set together; experiment files as an axis (the reference grid's file): every row
# of the grid on one day equals its single run's stats row
expect 0 "" "$bin" sweep "$paper" --vary 'policy|param=thr|0.8;lr|1.2' --set simulation.limit_s=3000 -o "$tmp/swj.csv"
[ "$(cut -d, -f1,2 "$tmp/swj.csv" | tr '\n' ' ')" = "policy,param thr,0.8 lr,1.2 " ] && ok || bad "joined axis rows: $(cut -d, -f1,2 "$tmp/swj.csv" | tr '\n' ' ')"
expect 2 "has 1 parts, expected 2" "$bin" sweep "$paper" --vary 'policy|param=thr' -o "$tmp/swx.csv"
expect 0 "" "$bin" sweep --vary "experiment|policy|selection|param=@$src/examples/reference-grid.txt" --vary day=20110303 -j 2 -o "$tmp/grid.csv"
[ "$(wc -l <"$tmp/grid.csv")" -eq "$(grep -c '^[^#]' "$src/examples/reference-grid.txt" | awk '{ print $1 + 1 }')" ] && ok || bad "the grid sweep has not one row per grid line"
tail -n +2 "$tmp/grid.csv" | while IFS= read -r line; do
	exp=$(echo "$line" | cut -d, -f1); pol=$(echo "$line" | cut -d, -f2)
	sel=$(echo "$line" | cut -d, -f3); par=$(echo "$line" | cut -d, -f4)
	"$bin" run "$src/examples/$exp" --policy "$pol" ${sel:+--selection "$sel"} ${par:+--param "$par"} --day 20110303 --stats - --quiet | tail -1 >"$tmp/single"
	# the single run's row but the columns the axes have (day, policy, selection, param), then param1
	[ "$(echo "$line" | cut -d, -f6- | sed 's/,[^,]*$//')" = "$(cut -d, -f1,6- "$tmp/single")" ] || echo "$exp $pol $sel $par"
	awk -v a="${line##*,}" -v b="${par:-NaN}" 'BEGIN { exit !(a == b || a + 0 == b + 0 && b != "NaN") }' || echo "$exp $pol param1 ${line##*,}"
done >"$tmp/grid-diff"
[ ! -s "$tmp/grid-diff" ] && ok || bad "grid rows differ from single runs: $(cat "$tmp/grid-diff")"
# the emitted jobs run by GNU parallel, merged: the same CSV as the in-process sweep
if command -v parallel >/dev/null 2>&1; then
	expect 0 "" "$bin" sweep "$paper" --vary policy=thr,lr --vary param=0.1:0.3:0.1 --set simulation.limit_s=3000 --emit-jobs "$tmp/jobs"
	if parallel --will-cite -j 2 <"$tmp/out" >/dev/null 2>&1; then ok; else bad "GNU parallel failed on the emitted jobs"; fi
	expect 0 "" "$bin" merge "$tmp/jobs" -o "$tmp/merged.csv"
	cmp -s "$tmp/merged.csv" "$tmp/sw.csv" && ok || bad "merge of the GNU parallel runs differs from the sweep"
	rm "$tmp/jobs/run-000002.csv"
	rm "$tmp/jobs/run-000004.csv"
	expect 1 "run 2 (thr,0.2,)" "$bin" merge "$tmp/jobs" -o "$tmp/merged2.csv"
	grep -F -q "run 4 (lr,0.1,): $tmp/jobs/run-000004.csv is missing" "$tmp/err" && ok || bad "merge reports only the first missing run"
	[ "$(cut -d, -f1,2 "$tmp/merged2.csv" | tr '\n' ' ')" = "policy,param thr,0.1 thr,0.3 lr,0.2 lr,0.3 " ] && ok ||
		bad "merge did not write the runs after a missing one: $(cut -d, -f1,2 "$tmp/merged2.csv" | tr '\n' ' ')"
else
	echo "SKIP: GNU parallel is not installed (Debian package parallel): emit-jobs + merge test"
fi

# --- migrate: exit status by outcome, JSON, bad options ---
expect 0 "" "$bin" migrate
grep -q "^result=clean$" "$tmp/out" && ok || bad "migrate without attack is not clean"
expect 3 "" "$bin" migrate --attack tocttou
grep -q "^result=attack-prevented$" "$tmp/out" && ok || bad "tocttou with defences is not prevented"
expect 4 "" "$bin" migrate --attack resume-order --security off
grep -q "^result=attack-succeeded$" "$tmp/out" && ok || bad "resume-order without defences does not succeed"
expect 3 "" "$bin" migrate --attack replay --json
grep -q '"result": "attack-detected"}$' "$tmp/out" && ok || bad "migrate --json lacks the result"
expect 2 "--attack \"mitm\": expected none, tocttou, resume-order or replay" "$bin" migrate --attack mitm
expect 2 "--protected 2: expected a share from 0 to 1" "$bin" migrate --protected 2

# --- secure migration in the datacenter: longer migrations, crypto energy, pasteable calibration ---
expect 0 "" "$bin" run "$paper" --policy lr --compare-security --stats "$tmp/sec.csv"
grep -q "^difference        energy +" "$tmp/out" && ok || bad "--compare-security prints no difference"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
	NR == 2 { t0 = $c["migration_time_s"]; m0 = $c["migrations"]; s0 = $c["security_time_s"] }
	NR == 3 { t1 = $c["migration_time_s"]; m1 = $c["migrations"]; s1 = $c["security_time_s"]; e1 = $c["security_energy_kwh"] }
	END { d = t1 - t0 - s1; exit !(NR == 3 && m0 == m1 && s0 == 0 && s1 > 0 && e1 > 0 && d < 1e-6 && d > -1e-6) }' "$tmp/sec.csv" && ok ||
	bad "with security, migration time is not the plain one plus security_time_s: $(cat "$tmp/sec.csv" | cut -c1-80)"
expect 0 "" "$bin" calibrate --seconds 0.02
grep -q "^cipher_bps = [0-9.e+]*$" "$tmp/out" && grep -q "^hash_bps = [0-9.e+]*$" "$tmp/out" && ok || bad "calibrate prints no [security] lines"
{ cat "$paper"; grep -v '^#' "$tmp/out"; echo "enabled = yes"; } >"$tmp/paper-sec.ini"
sed -i "s|^traces = \.\./traces/planetlab|traces = $src/traces/planetlab|" "$tmp/paper-sec.ini"
expect 0 "" "$bin" run "$tmp/paper-sec.ini" --policy lr $short --quiet
expect 2 "is not a migration model" "$bin" run "$paper" --set migration.model=postcopy
# pre-copy timing with no dirty pages is CloudSim's delay: the same stats byte for byte; a VM type's
# dirty rate lengthens its migrations and gives them a downtime
"$bin" run "$paper" --policy lr --stats "$tmp/cs.csv" --quiet
"$bin" run "$paper" --policy lr --set migration.model=precopy --stats "$tmp/pc.csv" --quiet
cmp -s "$tmp/cs.csv" "$tmp/pc.csv" && ok || bad "precopy with no dirty pages differs from CloudSim's timing"
"$bin" run "$paper" --policy lr --set migration.model=precopy --set vm.v1000.dirty_pages_per_s=20000 --stats "$tmp/pd.csv" --quiet
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { exit !($c["migration_downtime_s"] > 0) }' "$tmp/pd.csv" && ok ||
	bad "a dirty rate gave the pre-copy migrations no downtime"
expect 2 "[security] and [migration] apply to simulation.model = cloudsim3" "$bin" run "$src/examples/paper2010.ini" --set security.enabled=yes

# --- the seed paper's controllers run in both models and report their re-packs ---
for p in placement fuzzy placement+fuzzy; do
	expect 0 "" "$bin" run "$paper" --policy "$p" $short
	expect 0 "" "$bin" run "$src/examples/paper2010.ini" --policy "$p"
done
grep -q "^Placement re-packs: [1-9]" "$tmp/out" && ok || bad "placement+fuzzy in the 2010 model reports no re-pack"
expect 2 "is larger than every host" "$bin" run "$paper" --policy placement --set vm.v1000.mips=4000 $short

# --- plots: a template renders a tiny sweep as a PNG of the expected size ---
gp=${GNUPLOT:-$(command -v gnuplot 2>/dev/null || true)}
if [ -n "$gp" ]; then
	expect 0 "" "$bin" sweep "$paper" --vary policy=thr --vary param=0.6:0.9:0.1 --set simulation.limit_s=3000 -o "$tmp/plot.csv"
	"$gp" -e "dir='$src/plots'; data='$tmp/plot.csv'; out='$tmp/plot.png'; x=2; y='energy_kwh'" "$src/plots/sweep.gp" 2>"$tmp/gp.err" && ok ||
		{ bad "gnuplot failed on plots/sweep.gp"; cat "$tmp/gp.err"; }
	# PNG signature, then the IHDR chunk's width and height (big-endian): 1050 x 780 (plots/common.gp:
	# 3.5 x 2.6 in at 300 pixels per inch)
	[ "$(od -A n -t x1 -N 24 "$tmp/plot.png" 2>/dev/null | tr -d ' \n')" = "89504e470d0a1a0a0000000d494844520000041a0000030c" ] && ok ||
		bad "plots/sweep.gp did not render a 1050 x 780 PNG"
else
	echo "SKIP: gnuplot is not installed (Debian package gnuplot-nox): the plot test"
fi

# --- reproduce: from a source tree that is not installed (its ./examples), one seed; the table's
# rows are the single runs' numbers ---
abs_bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
if (cd "$src" && "$abs_bin" reproduce --seeds 1 -j 2 -o "$tmp/rep" --quiet) >"$tmp/out" 2>"$tmp/err"; then
	ok
	col() { # col FILE NAME: the named column of FILE's rows, header excluded
		awk -F, -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next } { print $c }' "$1"
	}
	"$bin" run "$src/examples/paper2010.ini" --policy npa --seed 1 --stats "$tmp/npa1.csv" --quiet
	want=$(col "$tmp/npa1.csv" energy_kwh | awk '{ printf "%.6f", $1 }')
	got=$(grep '^paper2010,NPA,' "$tmp/rep/table1.csv" | cut -d, -f6)
	[ -n "$want" ] && [ "$want" = "$got" ] && ok || bad "reproduce: 2010 NPA energy $got, its single run $want"
	"$bin" sweep "$paper" --vary policy=dvfs --vary day=all -o "$tmp/dvfs-days.csv" --quiet
	want=$(col "$tmp/dvfs-days.csv" energy_kwh | awk '{ s += $1; n++ } END { printf "%.6f", s / n }')
	got=$(grep '^paper,DVFS,' "$tmp/rep/table1.csv" | cut -d, -f6)
	[ -n "$want" ] && [ "$want" = "$got" ] && ok || bad "reproduce: PlanetLab DVFS mean energy $got, the days' runs $want"
	grep -q '^| ST 50 % ' "$tmp/rep/table1.md" && ok || bad "reproduce: table1.md lacks the ST 50 % row"
else
	bad "greenmig reproduce from the source tree failed"; sed 's/^/  stderr: /' "$tmp/err"
fi

# --- issue 16: output files ---
# Regular files are replaced through a temporary file beside them (mode kept, none left behind);
# "-" is stdout; a device, a FIFO and a symlink's file are written where they are; SIGTERM leaves
# no temporary file; --cloudsim-out is all or nothing; reproduce leaves no folder on error.
o16="$tmp/o16"
mkdir "$o16"
run16="$paper $short --quiet"
expect 0 "" "$bin" run $run16 --stats "$o16/s.csv"
chmod 640 "$o16/s.csv"
expect 0 "" "$bin" run $run16 --stats "$o16/s.csv"
[ "$(ls -l "$o16/s.csv" | cut -c1-10)" = "-rw-r-----" ] && ok || bad "--stats did not keep the file's mode 640"
[ "$(ls -A "$o16")" = "s.csv" ] && ok || bad "a temporary file is left beside the output: $(ls -A "$o16")"
expect 0 "" "$bin" run $run16 --stats /dev/null
[ -c /dev/null ] && ok || bad "writing --stats /dev/null replaced the device"
echo old >"$o16/real.csv"
ln -s real.csv "$o16/link.csv"
expect 0 "" "$bin" run $run16 --stats "$o16/link.csv"
[ -L "$o16/link.csv" ] && cmp -s "$o16/real.csv" "$o16/s.csv" && ok ||
	bad "--stats through a symlink: the link was replaced or its file not written"
mkfifo "$o16/fifo"
cat "$o16/fifo" >"$o16/from-fifo" &
reader=$!
expect 0 "" "$bin" run $run16 --stats "$o16/fifo"
wait "$reader"
[ -p "$o16/fifo" ] && cmp -s "$o16/from-fifo" "$o16/s.csv" && ok || bad "--stats to a FIFO: not written in place"
"$bin" run $run16 --stats - >"$o16/stdout.csv" 2>"$tmp/err" && cmp -s "$o16/stdout.csv" "$o16/s.csv" && ok ||
	bad "--stats - differs from --stats FILE"
"$bin" run $paper $short --timeline - >"$o16/tl.csv" 2>"$tmp/err" && head -n 1 "$o16/tl.csv" | grep -q '^time_s,' &&
	! grep -q '^Energy' "$o16/tl.csv" && ok || bad "--timeline - is not pure CSV on stdout"
expect 0 "" "$bin" synth --vms 3 --samples 5 -o "$o16/syn.csv.gz"
"$bin" synth --vms 3 --samples 5 -o - >"$o16/syn-stdout.gz" && cmp -s "$o16/syn.csv.gz" "$o16/syn-stdout.gz" && ok ||
	bad "synth -o - differs from synth -o FILE"
"$bin" pack "$day" -o - >"$o16/day.gz" 2>"$tmp/err" && gzip -dc "$o16/day.gz" | head -n 1 | grep -q '^vm,' && ok ||
	bad "pack -o - wrote no packed day to stdout"
"$bin" sweep $paper $short --vary policy=thr --vary param=0.7,0.8 -o - --quiet >"$o16/sw.csv" 2>"$tmp/err" &&
	[ "$(wc -l <"$o16/sw.csv")" -eq 3 ] && ok || bad "sweep -o - did not write the CSV to stdout"
# SIGTERM while the packed file is being written: no temporary file left, death by the signal
"$bin" synth --vms 20000 --samples 288 -o "$o16/big.gz" &
job=$!
n=0
while [ "$n" -lt 150 ] && ! ls "$o16"/.big.gz.* >/dev/null 2>&1; do sleep 0.1; n=$((n + 1)); done
kill -TERM "$job" 2>/dev/null
wait "$job"
st=$?
if [ "$n" -lt 150 ]; then
	[ "$st" -eq 143 ] && ! ls "$o16"/.big.gz.* >/dev/null 2>&1 && [ ! -e "$o16/big.gz" ] && ok ||
		bad "SIGTERM during synth -o: status $st, left $(ls -A "$o16" | grep big)"
else
	echo "SKIP: synth finished before its temporary file was seen (a very fast machine)"
fi
# --cloudsim-out: a new DIR appears whole, no sibling left; an existing DIR where one file cannot
# be written gets nothing (and no new subfolder)
cs="--policy thr --selection mmt --param 0.8"
expect 0 "" "$bin" run $run16 $cs --cloudsim-out "$o16/cs"
[ -f "$o16/cs/stats/20110303_thr_mmt_0.8_stats.csv" ] && [ -f "$o16/cs/metrics/20110303_thr_mmt_0.8_metric_0.csv" ] &&
	[ -z "$(ls -A "$o16" | grep '^\.cs')" ] && ok || bad "--cloudsim-out into a new folder: files missing or a sibling left"
mkdir "$o16/cs2"
: >"$o16/cs2/metrics"
expect 1 "cannot write" "$bin" run $run16 $cs --cloudsim-out "$o16/cs2"
[ "$(ls -A "$o16/cs2")" = "metrics" ] && ok || bad "--cloudsim-out failure left $(ls -A "$o16/cs2")"
expect 1 "cannot create folder" "$bin" run $run16 --cloudsim-out "$o16/s.csv"
# reproduce: a failure removes the -o folder it created
expect 2 "unknown policy" "$bin" reproduce --examples "$src/examples" --policy no-such-policy -o "$o16/rep"
[ ! -e "$o16/rep" ] && ok || bad "reproduce left its -o folder behind after an error"
# --- issue 16: experiment files ---
# A bad policy, selection, parameter or day from the file is reported at its key's line; the same
# value from an option has no line. Lines too long, NUL bytes and keys given twice are errors.
abs_src=$(cd "$src" && pwd)
x16="$tmp/x16.ini"
x16_make() { # x16_make SED-SCRIPT: paper.ini with absolute traces, edited
	sed -e "s|^traces = .*|traces = $abs_src/traces/planetlab|" -e "$1" "$paper" >"$x16"
}
x16_line() { grep -n -- "$1" "$x16" | head -1 | cut -d: -f1; }
x16_make 's/^name = dvfs$/name = nosuch/'
expect 2 "x16.ini:$(x16_line '^name = nosuch'): unknown policy 'nosuch'" "$bin" run "$x16" $short
x16_make ''
expect 2 "greenmig: unknown policy 'nosuch'" "$bin" run "$x16" --policy nosuch $short
x16_make 's/^name = dvfs$/name = thr\nselection = bogus/'
expect 2 "x16.ini:$(x16_line '^selection'): unknown VM selection 'bogus'" "$bin" run "$x16" $short
x16_make 's/^name = dvfs$/name = dvfs\nselection = mmt/'
expect 2 "x16.ini:$(x16_line '^selection'): policy dvfs migrates no VM" "$bin" run "$x16" $short
x16_make 's/^name = dvfs$/name = thr\nparam = abc/'
expect 2 "x16.ini:$(x16_line '^param = abc'): " "$bin" run "$x16" $short
expect 2 "" "$bin" run "$x16" --param xyz $short
grep -q "x16.ini" "$tmp/err" && bad "--param xyz is reported at the file's line" || ok
x16_make 's/^name = dvfs$/name = dvfs\nparam = 0.8/'
expect 2 "x16.ini:$(x16_line '^param'): policy dvfs takes no parameter (got policy.param '0.8')" \
	"$bin" run "$x16" $short
x16_make 's/^day = .*/day = 19990101/'
expect 2 "x16.ini:$(x16_line '^day'): workload.day: $abs_src/traces/planetlab: has no day '19990101'" \
	"$bin" run "$x16" $short
expect 2 "traces/planetlab: has no day '19990102'" "$bin" run "$x16" --day 19990102 $short
grep -q "x16.ini" "$tmp/err" && bad "--day is reported at the file's line" || ok
# a 200-character comment ending in "count = 7" is an error, not 7 hosts
x16_make "s/^count = 100\$/count = 100\n; $(printf '%0197d' 0)count = 7/"
expect 2 "x16.ini:$(x16_line '^; 000'): line of 208 characters (expected at most 199 per line)" \
	"$bin" run "$x16" $short
x16_make 's/^count = 100$/count = 100\ncount = 7/'
expect 2 "x16.ini:$(x16_line '^count = 7'): hosts.count given again (first at line $(x16_line '^count = 100');" \
	"$bin" run "$x16" $short
expect 0 "" "$bin" run "$paper" --set hosts.count=90 --quiet --vms 5 $short
# --- issue 16: merge and sweeps ---
# merge: a stats file that exists but is cut mid-row, holds a non-number or another run's axis
# values is an error naming the file and line, and nothing is written; a missing one is not
expect 0 "" "$bin" sweep "$paper" --vary policy=thr,lr $short --emit-jobs "$tmp/mj"
sh "$tmp/out" && ok || bad "the emitted jobs failed"
expect 0 "" "$bin" merge "$tmp/mj" -o "$tmp/mj.csv"
expect 0 "" "$bin" sweep "$paper" --vary policy=thr,lr $short -o "$tmp/mj-sweep.csv"
cmp -s "$tmp/mj.csv" "$tmp/mj-sweep.csv" && ok || bad "merge of the emitted jobs differs from the sweep"
cp "$tmp/mj/run-000001.csv" "$tmp/mj-run1.csv"
{ head -1 "$tmp/mj-run1.csv"; sed -n 2p "$tmp/mj-run1.csv" | cut -d, -f1-25; } >"$tmp/mj/run-000001.csv"
expect 2 "$tmp/mj/run-000001.csv:2: 25 fields, the stats header has 40" "$bin" merge "$tmp/mj" -o "$tmp/mj-bad.csv"
[ ! -e "$tmp/mj-bad.csv" ] && ok || bad "merge wrote its output despite a run file cut mid-row"
sed '2s/^\([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*\),[^,]*,/\1,12x,/' "$tmp/mj-run1.csv" >"$tmp/mj/run-000001.csv"
expect 2 "$tmp/mj/run-000001.csv:2: energy_kwh \"12x\" is not a number" "$bin" merge "$tmp/mj" -o "$tmp/mj-bad.csv"
cp "$tmp/mj/run-000002.csv" "$tmp/mj/run-000001.csv"
expect 2 "$tmp/mj/run-000001.csv:2: policy \"lr\" is not the run's policy \"thr\" (manifest line 2)" \
	"$bin" merge "$tmp/mj" -o "$tmp/mj-bad.csv"
[ ! -e "$tmp/mj-bad.csv" ] && ok || bad "merge wrote its output despite a bad run file"
echo x >"$tmp/mj-bad.csv"
rm "$tmp/mj/run-000002.csv"
expect 2 "run-000001.csv:2: policy" "$bin" merge "$tmp/mj" -o "$tmp/mj-bad.csv"
[ "$(cat "$tmp/mj-bad.csv")" = x ] && ok || bad "a failed merge replaced its output file"
cp "$tmp/mj-run1.csv" "$tmp/mj/run-000001.csv"
expect 1 "run 2 (lr,): $tmp/mj/run-000002.csv is missing" "$bin" merge "$tmp/mj" -o "$tmp/mj-part.csv"
[ "$(wc -l <"$tmp/mj-part.csv")" -eq 2 ] && ok || bad "merge did not write the runs that exist"

# errors: out of memory is a resource failure (1), not bad input (2); a directory where a file
# is expected says so
mkdir "$tmp/dir.ini"
expect 2 "$tmp/dir.ini: is a directory (expected an experiment file)" "$bin" run "$tmp/dir.ini"
expect 2 "$tmp/dir.ini: is a directory (expected an experiment file)" "$bin" sweep "$tmp/dir.ini" --vary policy=thr -o "$tmp/d.csv"
expect 2 "$tmp/dir.ini: is a directory (expected an experiment file)" "$bin" sweep --vary "experiment=$tmp/dir.ini" -o "$tmp/d.csv"
expect 2 "$tmp/dir.ini: is a directory (expected a file of values, one per line)" "$bin" sweep "$paper" --vary "policy=@$tmp/dir.ini" -o "$tmp/d.csv"
(ulimit -v 300000 && exec "$bin" run "$paper" --set hosts.count=10000000 --set simulation.limit_s=600 --quiet) >/dev/null 2>"$tmp/err"
st=$?
if grep -q "out of memory" "$tmp/err"; then
	[ "$st" -eq 1 ] && ok || bad "out of memory exited $st, expected 1"
else
	echo "SKIP: ulimit -v does not make this run fail with out of memory (a sanitizer build?)"
fi

# sweeps resume: a sweep killed with SIGKILL after part of its journal is written, resumed,
# gives the uninterrupted sweep's file byte for byte; the journal is removed once it is written
rs="$paper --set workload.vms=20 --vary policy=thr,iqr,mad,lr --vary day=all --quiet"
expect 0 "" "$bin" sweep $rs -j 2 -o "$tmp/rs-full.csv"
[ ! -e "$tmp/rs-full.csv.journal" ] && ok || bad "a completed sweep left its journal"
[ "$(head -1 "$tmp/rs-full.csv" | cut -d, -f1-4)" = "policy,day,setup,selection" ] && [ "$(head -1 "$tmp/rs-full.csv" | tr , '\n' | sort | uniq -d)" = "" ] &&
	[ "$(head -1 "$tmp/rs-full.csv" | sed 's/.*,//')" = "param1" ] && ok || bad "the resumable sweep's header: $(head -1 "$tmp/rs-full.csv")"
"$bin" sweep $rs -j 1 -o "$tmp/rs.csv" 2>/dev/null &
rs_pid=$!
while kill -0 "$rs_pid" 2>/dev/null && [ "$(cat "$tmp/rs.csv.journal" 2>/dev/null | wc -l)" -lt 4 ]; do
	sleep 0.01
done
kill -KILL "$rs_pid" 2>/dev/null
wait "$rs_pid" 2>/dev/null
if [ -e "$tmp/rs.csv.journal" ] && [ ! -e "$tmp/rs.csv" ]; then
	ok
	expect 2 "exists: an interrupted sweep's journal; add --resume" "$bin" sweep $rs -o "$tmp/rs.csv"
	expect 2 "the journal of another sweep" "$bin" sweep $rs --vary seed=1,2 -o "$tmp/rs.csv" --resume
	expect 0 "" "$bin" sweep $rs -j 2 -o "$tmp/rs.csv" --resume
	cmp -s "$tmp/rs.csv" "$tmp/rs-full.csv" && ok || bad "a resumed sweep differs from the uninterrupted one"
	[ ! -e "$tmp/rs.csv.journal" ] && ok || bad "a resumed sweep left its journal"
else
	bad "the sweep to kill finished before it was killed (or left no journal)"
fi
expect 2 "no journal to resume" "$bin" sweep $rs -o "$tmp/rs.csv" --resume
expect 2 "--resume needs -o FILE, a regular file" "$bin" sweep $rs -o - --resume
# --- issue 16: migrate ---
# a huge dirty rate: bounded work, the same run as a rate that dirties every page each step
"$bin" migrate --dirty-rate 1e6 --json >"$tmp/mig-1e6.json" 2>&1
expect 0 "" timeout 60 "$bin" migrate --dirty-rate 1e9 --json
sed 's/"dirty_rate": [^,]*,//' "$tmp/out" >"$tmp/mig-1e9.json"
sed -i 's/"dirty_rate": [^,]*,//' "$tmp/mig-1e6.json"
cmp -s "$tmp/mig-1e6.json" "$tmp/mig-1e9.json" && ok || bad "migrate --dirty-rate 1e9 differs from 1e6"
# the harm is shown with the defences off, what they caught with them on
expect 4 "" "$bin" migrate --attack replay --security off
grep -q '^harm: page 0 resumed with its content of round 1 (version [0-9]*; the source.s is version [0-9]*): stale' "$tmp/out" && ok ||
	bad "migrate --attack replay --security off does not show the stale page"
expect 3 "" "$bin" migrate --attack replay
grep -q '^caught: page 0 holds its content of round 1 ' "$tmp/out" && ! grep -q '^harm:' "$tmp/out" && ok ||
	bad "migrate --attack replay does not show what the hash check caught"
expect 4 "" "$bin" migrate --attack resume-order --security off --json
grep -q '"unauthorized_mappings": 1, "unauth_pt_pfn": 1023, "unauth_target_pfn": 0, "unauth_context": 2' "$tmp/out" && ok ||
	bad "migrate --attack resume-order --json lacks the unauthorized mapping"
expect 4 "" "$bin" migrate --attack tocttou --security off
grep -q '^harm: the MM read page [0-9]*.s protected content (version [0-9]*) in plaintext' "$tmp/out" && ok ||
	bad "migrate --attack tocttou --security off does not show the leak"
# the defences cost nothing when off
expect 0 "" "$bin" migrate --security off
grep -q '^encrypt_s=0\.000[0-9]* meta_bytes=[1-9][0-9]* defence_s=0\.000000 defence_bytes=0$' "$tmp/out" && ok ||
	bad "migrate --security off charges the defences: $(grep defence_s "$tmp/out")"
# calibrate's output goes back into migrate; a bad file is an error with file:line
expect 0 "" "$bin" calibrate --seconds 0.005 --repeat 3
cp "$tmp/out" "$tmp/cal.txt"
grep -q '^# bytes per CPU second (not wall time), 3 repetitions of 0.005 s: min / median / max$' "$tmp/cal.txt" && ok ||
	bad "calibrate does not report its spread"
expect 0 "" "$bin" migrate --calibration "$tmp/cal.txt"
want=$(awk -F' = ' '$1 == "cipher_bps" { c = $2 } $1 == "hash_bps" { h = $2 } END { printf "cipher_bps=%g hash_bps=%g", c, h }' "$tmp/cal.txt")
grep -q "^$want$" "$tmp/out" && ok || bad "migrate --calibration did not use $want: $(grep '^cipher_bps' "$tmp/out")"
expect 0 "" "$bin" migrate --calibration "$tmp/cal.txt" --hash-bps 2e9
grep -q "^cipher_bps=.* hash_bps=2e+09$" "$tmp/out" && ok || bad "--hash-bps does not win over --calibration"
printf '[security]\ncipher_bps = 1e9\nhash_bps = 0\nwatts = 3\n' >"$tmp/cal-bad.txt"
expect 2 "$tmp/cal-bad.txt:3: hash_bps = \"0\": expected bytes/s, a number > 0" "$bin" migrate --calibration "$tmp/cal-bad.txt"
grep -F -q "$tmp/cal-bad.txt:4: \"watts\" is not a calibration key (cipher_bps, hash_bps)" "$tmp/err" && [ ! -s "$tmp/out" ] && ok ||
	bad "migrate --calibration reports only the first bad line, or printed a result"
expect 2 "--seconds \"0.0001\": expected a number >= 0.001" "$bin" calibrate --seconds 0.0001
expect 2 "--repeat 1001: at most 1000" "$bin" calibrate --repeat 1001
# --- issue 16: traces ---
# What pack writes, run reads back: "a" and "a<TAB>" are two VMs (the TAB was trimmed on reading).
tab=$(printf '\t')
td="$tmp/i16/tab"
mkdir -p "$td"
for name in "a" "a$tab" " a"; do
	awk 'BEGIN { for (k = 0; k < 12; k++) print 10 + k }' >"$td/$name"
done
expect 0 "" "$bin" pack "$td" -o "$tmp/i16/tab.csv.gz"
expect 0 "" "$bin" run "$paper" --traces "$td" --vms 3 $short --stats "$tmp/i16/tab-folder.csv" --quiet
expect 0 "" "$bin" run "$paper" --traces "$tmp/i16/tab.csv.gz" --vms 3 $short --stats "$tmp/i16/tab-packed.csv" --quiet
sed 's/^\([^,]*\),[^,]*,/\1,,/' "$tmp/i16/tab-folder.csv" >"$tmp/i16/a"
sed 's/^\([^,]*\),[^,]*,/\1,,/' "$tmp/i16/tab-packed.csv" >"$tmp/i16/b"
cmp -s "$tmp/i16/a" "$tmp/i16/b" && ok || bad "a run on the packed names with blanks differs from the folder"
# A NUL byte in a packed VM name (it became an empty name and pack read before its buffer).
printf 'vm,0,300\n\000x,5,6\n' >"$tmp/i16/nul.csv"
expect 2 "nul.csv:2:1: NUL byte (a trace file is text)" "$bin" pack "$tmp/i16/nul.csv" -o "$tmp/i16/nul-out.csv.gz"
[ ! -e "$tmp/i16/nul-out.csv.gz" ] && [ ! -e "$tmp/i16/nul-out.csv.gz.tmp" ] && ok || bad "pack left a file after a NUL byte"
printf '5\000abc\n' >"$td/b"
expect 2 "tab/b:1:2: NUL byte" "$bin" run "$paper" --traces "$td" --vms 4 $short
rm -f "$td/b"
# A day folder entry that is not a regular file is named, not skipped.
ln -s nowhere "$td/dangling"
rm -f "$tmp/i16/s.csv"
expect 2 "tab/dangling: dangling symbolic link" "$bin" run "$paper" --traces "$td" $short --stats "$tmp/i16/s.csv"
[ ! -e "$tmp/i16/s.csv" ] && ok || bad "output file left behind after a dangling link"
rm -f "$td/dangling"
if mkfifo "$td/fifo" 2>/dev/null; then
	expect 2 "tab/fifo: is a FIFO, not a trace file" "$bin" pack "$td" -o "$tmp/i16/f.csv.gz"
	rm -f "$td/fifo"
fi
# A gzip bomb stops at the line limit, read as it streams.
head -c 3000000 /dev/zero | gzip -1 >"$td/bomb.gz"
expect 2 "tab/bomb.gz:1: line longer than 64 bytes once decompressed" "$bin" run "$paper" --traces "$td" --vms 4 $short
rm -f "$td/bomb.gz"

# --- issue 17: reproduce's overrides fail before any run, naming the setup; the table's intervals ---
expect 2 "unknown variant 'nope'; valid: cloudsim21" "$bin" reproduce --examples "$src/examples" --variant nope -o "$tmp/i17"
expect 2 "paper.ini does not take these overrides: --set applies to every setup" \
	"$bin" reproduce --examples "$src/examples" --set simulation.cpu_share=equal -o "$tmp/i17"
expect 2 "unknown key 'bogus' in [simulation]" "$bin" reproduce --examples "$src/examples" --set-2010 simulation.bogus=1 -o "$tmp/i17"
expect 2 "apply to simulation.model = 2010 only" "$bin" reproduce --examples "$src/examples" --set-planetlab simulation.cpu_share=equal -o "$tmp/i17"
[ ! -e "$tmp/i17" ] && ok || bad "reproduce left its -o folder behind after a bad override"
if [ -s "$tmp/rep/table1.csv" ]; then
	# every mean column has its interval column; the label with a comma is quoted
	h=$(head -1 "$tmp/rep/table1.csv")
	for c in energy_kwh migrations sla2010_violation_pct sla2010_average_pct sla_overall_pct; do
		case ",$h," in *",${c}_mean,${c}_ci95,"*) ok ;; *) bad "table1.csv: no ${c}_mean,${c}_ci95 in $h" ;; esac
	done
	grep -q '^paper2010,"Placement (GA, 60 s)",' "$tmp/rep/table1.csv" && ok || bad "table1.csv: a label with a comma is not quoted"
	grep -q '^| ST 60 % (stay quirk) ' "$tmp/rep/table1.md" && ok || bad "table1.md lacks the stay-quirk row"
	grep -q '^| MM 30-70 %: less energy than NPA | 82 % | 83.8 % | ' "$tmp/rep/table1.md" && ok ||
		bad "table1.md: the seed's 82 % claim is not recomputed"
	[ "$(grep -c '^paper2010,"\{0,1\}MM ' "$tmp/rep/table1.csv")" -eq 33 ] && ok || bad "table1.csv: not the 33 MM pairs of the grid"
	for f in threshold tradeoff days; do
		grep -q '^array series_title\[' "$tmp/rep/$f-series.gp" && ok || bad "reproduce wrote no $f-series.gp"
	done
	grep -q '^| DRR2010 40-80 %, R 60 s | [0-9]' "$tmp/rep/table1.md" && ok || bad "table1.md lacks the drr2010 row"
fi

# drr2010 (issue 17): MM under DRR's rules, 2010 model only; its retirement threshold is a key.
expect 2 "policy drr2010 runs in simulation.model = 2010" "$bin" run "$paper" --policy drr2010
expect 2 "retire_threshold_s" "$bin" run "$p2010" --policy drr2010 --set policy.retire_threshold_s=-1
expect 2 "policy drr2010: parameter \"0.8,0.4\"" "$bin" run "$p2010" --policy drr2010 --param 0.8,0.4
"$bin" run "$p2010" --policy drr2010 --seed 1 --stats "$tmp/drr2010.csv" --quiet >/dev/null 2>&1 &&
	grep -q ",drr2010,,\"*0.4,0.8\"*," "$tmp/drr2010.csv" && ok || bad "drr2010 run or its stats row"
"$bin" run "$p2010" --policy drr2010 --seed 1 --set policy.retire_threshold_s=0 --stats "$tmp/drr2010-0.csv" --quiet >/dev/null 2>&1 &&
	! cmp -s "$tmp/drr2010.csv" "$tmp/drr2010-0.csv" && ok || bad "drr2010: retire_threshold_s changes nothing"

# A folder of days names what is not a day (issue 16), and a day held twice; a day folder's files
# together are limited like a packed day (256 MiB of text), checked as they are read.
mkdir -p "$tmp/daysf"
cp "$src/traces/planetlab/20110303.csv.gz" "$src/traces/planetlab/20110306.csv.gz" "$tmp/daysf/"
expect 0 "" "$bin" sweep "$paper" --set workload.traces="$tmp/daysf" --vary day=all --set workload.vms=3 $short -o "$tmp/days.csv"
[ "$(wc -l <"$tmp/days.csv")" -eq 3 ] && ok || bad "day=all over two days"
echo notes >"$tmp/daysf/README"
expect 2 "daysf/README: is a file that is not a day" "$bin" sweep "$paper" --set workload.traces="$tmp/daysf" --vary day=all --set workload.vms=3 $short -o "$tmp/days2.csv"
expect 0 "" "$bin" run "$paper" --traces "$tmp/daysf" --day 20110303 --vms 3 $short --quiet
rm -f "$tmp/daysf/README"
expect 2 "has no day '20110304' (days: 20110303, 20110306)" "$bin" run "$paper" --traces "$tmp/daysf" --day 20110304 --vms 3 $short
ln -s nowhere "$tmp/daysf/20110309.csv.gz"
expect 2 "daysf/20110309.csv.gz: dangling symbolic link" "$bin" sweep "$paper" --set workload.traces="$tmp/daysf" --vary day=all --set workload.vms=3 $short -o "$tmp/days2.csv"
rm -f "$tmp/daysf/20110309.csv.gz"
cp "$src/traces/planetlab/20110303.csv.gz" "$tmp/daysf/20110303.csv"
expect 2 "both 20110303.csv and 20110303.csv.gz hold day 20110303" "$bin" sweep "$paper" --set workload.traces="$tmp/daysf" --vary day=all --set workload.vms=3 $short -o "$tmp/days2.csv"
expect 2 "both 20110303.csv.gz and 20110303.csv hold day 20110303" "$bin" run "$paper" --traces "$tmp/daysf" --day 20110303 --vms 3 $short
[ ! -e "$tmp/days2.csv" ] && ok || bad "a sweep over a bad folder of days wrote its output"
# a day folder holding one VM twice (a and a.gz): both named, in name order
mkdir -p "$tmp/twice"
printf '10\n20\n' >"$tmp/twice/a"
printf '30\n40\n' | gzip >"$tmp/twice/a.gz"
printf '50\n60\n' >"$tmp/twice/b"
expect 2 "twice: both a and a.gz hold VM 'a'" "$bin" run "$paper" --traces "$tmp/twice" --vms 2 $short
mkdir -p "$tmp/bigday"
awk 'BEGIN { for (i = 0; i < 65536; i++) printf "%63s\n", "7" }' | gzip -9 >"$tmp/bigday/vm000.gz"
i=1
while [ $i -le 64 ]; do cp "$tmp/bigday/vm000.gz" "$tmp/bigday/vm$(printf %03d $i).gz"; i=$((i + 1)); done
expect 2 "bigday: the day's files hold more than 256 MiB once decompressed (at vm064.gz" "$bin" run "$paper" --traces "$tmp/bigday" --vms 65 $short
rm -rf "$tmp/bigday"

# A day the experiment file names and the traces lack: at the file's line in a sweep too.
sed "s/^day = 20110303\$/day = 20110304/; s#^traces = .*#traces = $src/traces/planetlab#" "$paper" >"$tmp/badday.ini"
expect 2 "badday.ini:11: workload.day: " "$bin" sweep "$tmp/badday.ini" --vary policy=thr --set workload.vms=3 $short -o "$tmp/badday.csv"
[ ! -e "$tmp/badday.csv" ] && ok || bad "a sweep over a missing day wrote its output"
expect 2 "has no day '20110304'" "$bin" sweep "$paper" --vary day=20110303,20110304 --set workload.vms=3 $short -o "$tmp/badday.csv"

# --- issue 17: sweep columns once, param1.., greenmig plot ---
# each column once; a joined policy|param axis with two parameters (param1, param2) and an axis on
# another key (its own column); the in-process sweep and emit-jobs + merge give the same file
mkdir -p "$tmp/i17"
expect 0 "" "$bin" sweep "$paper" $short --vary 'policy|param=st|0.5;mm|0.4,0.8' --vary security.enabled=no,yes -o "$tmp/i17/sw.csv"
h17=$(head -1 "$tmp/i17/sw.csv")
[ "$(echo "$h17" | tr , '\n' | sort | uniq -d)" = "" ] && ok || bad "a sweep column appears twice: $h17"
case "$h17" in
policy,param,security.enabled,setup,day,selection,hosts,*,placement_done,param1,param2) ok ;;
*) bad "sweep header: $h17" ;;
esac
[ "$(tail -n +2 "$tmp/i17/sw.csv" | sed -E 's/^((st,[^,]*|mm,"[^"]*"),[a-z]+),.*/\1/' | tr '\n' ' ')" = 'st,0.5,no st,0.5,yes mm,"0.4,0.8",no mm,"0.4,0.8",yes ' ] &&
	[ "$(awk -F, 'NR > 1 { print $(NF - 1) "," $NF }' "$tmp/i17/sw.csv" | tr '\n' ' ')" = "0.5,NaN 0.5,NaN 0.4,0.8 0.4,0.8 " ] && ok ||
	bad "sweep rows: $(cut -c1-40 "$tmp/i17/sw.csv" | tr '\n' ' ') / $(awk -F, '{ print $(NF - 1) "," $NF }' "$tmp/i17/sw.csv" | tr '\n' ' ')"
expect 0 "" "$bin" sweep "$paper" $short --vary 'policy|param=st|0.5;mm|0.4,0.8' --vary security.enabled=no,yes --emit-jobs "$tmp/i17/jobs"
sh "$tmp/out" 2>"$tmp/err" && ok || bad "the emitted jobs failed: $(cat "$tmp/err")"
expect 0 "" "$bin" merge "$tmp/i17/jobs" -o "$tmp/i17/merged.csv"
cmp -s "$tmp/i17/merged.csv" "$tmp/i17/sw.csv" && ok || bad "merge differs from the sweep with param columns"
# a policy's default parameter (no param axis) gives its numbers; a policy without any, NaN
expect 0 "" "$bin" sweep "$paper" $short --vary policy=mm,dvfs -o "$tmp/i17/def.csv"
[ "$(awk -F, 'NR > 1 { print $1 "," $(NF - 1) "," $NF }' "$tmp/i17/def.csv" | tr '\n' ' ')" = "mm,0.4,0.8 dvfs,NaN,NaN " ] && ok ||
	bad "default parameters: $(awk -F, '{ print $1 "," $(NF - 1) "," $NF }' "$tmp/i17/def.csv" | tr '\n' ' ')"

# plot: the thr thresholds over days (here two days of 20 VMs) against param1, with error bars
# over the days, in one command; the script holds the averaged points
expect 0 "" "$bin" sweep "$paper" --set workload.vms=20 --vary policy=thr --vary param=0.5:1.0:0.1 --vary day=20110303,20110306 -o "$tmp/i17/thr.csv"
expect 0 "" "$bin" plot "$tmp/i17/thr.csv" --x param1 --y energy_kwh --group policy --script "$tmp/i17/thr.gp"
[ "$(sed -n '/^\$d1_1 << EOD$/,/^EOD$/p' "$tmp/i17/thr.gp" | grep -c ' 2$')" -eq 6 ] && ok ||
	bad "the thr plot's data block has not 6 points of 2 days each: $(cat "$tmp/i17/thr.gp")"
# its first point by hand: the mean of the two days' energy at 0.5 and t(0.975, 1) x sd / sqrt 2
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "energy_kwh") c = i }
	NR > 1 && $2 == "0.5" { x[++n] = $c }
	END { m = (x[1] + x[2]) / 2; sd = sqrt(((x[1] - m) ^ 2 + (x[2] - m) ^ 2)); printf "%.6f %.6f\n", m, 12.706 * sd / sqrt(2) }' \
	"$tmp/i17/thr.csv" >"$tmp/i17/want"
awk '/^\$d1_1 << EOD$/ { on = 1; next } on && /^0\.5 / { printf "%.6f %.6f\n", $2, $3; exit }' "$tmp/i17/thr.gp" >"$tmp/i17/got"
cmp -s "$tmp/i17/want" "$tmp/i17/got" && ok || bad "thr plot point 0.5: $(cat "$tmp/i17/got"), by hand $(cat "$tmp/i17/want")"
grep -q "^set ylabel 'energy (kWh)'$" "$tmp/i17/thr.gp" && grep -q "^set terminal pngcairo noenhanced" "$tmp/i17/thr.gp" && ok ||
	bad "the thr plot's labels or terminal"
# ST x MM on the 2010 model over seeds, one line per policy against the upper threshold
expect 0 "" "$bin" sweep "$src/examples/paper2010.ini" --vary 'policy|param=st|0.5;st|0.7;st|0.9;mm|0.1,0.5;mm|0.3,0.7;mm|0.5,0.9' --vary seed=1:2:1 -o "$tmp/i17/stmm.csv"
expect 0 "" "$bin" plot "$tmp/i17/stmm.csv" --x param2,param1 --xlabel 'upper threshold' --y energy_kwh --group policy --script "$tmp/i17/stmm.gp"
[ "$(grep -c '^\$d1_[12] << EOD$' "$tmp/i17/stmm.gp")" -eq 2 ] && [ "$(grep -c 'with yerrorlines' "$tmp/i17/stmm.gp")" -eq 2 ] &&
	grep -q "title 'st'" "$tmp/i17/stmm.gp" && grep -q "title 'mm'" "$tmp/i17/stmm.gp" && ok || bad "the ST x MM plot has not one line per policy"
[ "$(sed -n '/^\$d1_2 << EOD$/,/^EOD$/p' "$tmp/i17/stmm.gp" | grep -v '^[#$E]' | cut -d' ' -f1 | tr '\n' ' ')" = "0.5 0.7 0.9 " ] && ok ||
	bad "MM's points are not at its upper thresholds: $(cat "$tmp/i17/stmm.gp")"
# NaN values are skipped and said so; errors: a column the file lacks (the valid ones listed), an
# x that is not a number (file and line), an unknown format, a file that is not a sweep's
expect 0 "6 rows with a NaN param2 skipped" "$bin" plot "$tmp/i17/stmm.csv" --x param2 --y energy_kwh --script "$tmp/i17/nan.gp"
expect 2 "--y: no column 'energy'; valid: policy, param, seed, setup," "$bin" plot "$tmp/i17/stmm.csv" --x param1 --y energy --script "$tmp/i17/x.gp"
expect 2 "$tmp/i17/stmm.csv:8: --x param: \"0.1,0.5\" is not a number (x must be numeric)" "$bin" plot "$tmp/i17/stmm.csv" --x param --y energy_kwh --script "$tmp/i17/x.gp"
expect 2 "-o x.jpg: expected a name ending in .png, .svg or .pdf" "$bin" plot "$tmp/i17/stmm.csv" --x param1 --y energy_kwh -o x.jpg
expect 2 "$tmp/i17/want:1: not a greenmig sweep CSV" "$bin" plot "$tmp/i17/want" --x param1 --y energy_kwh --script "$tmp/i17/x.gp"
[ ! -e "$tmp/i17/x.gp" ] && ok || bad "a failed plot wrote its script"
# no gnuplot: a clear message, no figure; --script alone needs none
expect 1 "/nonexistent/gnuplot: not found (install gnuplot" env GNUPLOT=/nonexistent/gnuplot "$bin" plot "$tmp/i17/thr.csv" --x param1 --y energy_kwh -o "$tmp/i17/none.png"
[ ! -e "$tmp/i17/none.png" ] && ok || bad "a plot without gnuplot left a figure"
expect 0 "" env GNUPLOT=/nonexistent/gnuplot "$bin" plot "$tmp/i17/thr.csv" --x param1 --y energy_kwh --script "$tmp/i17/alone.gp"
if [ -n "$gp" ]; then
	expect 0 "" "$bin" plot "$tmp/i17/thr.csv" --x param1 --y energy_kwh --group policy -o "$tmp/i17/thr.png"
	[ "$(od -A n -t x1 -N 16 "$tmp/i17/thr.png" | tr -d ' \n')" = "89504e470d0a1a0a0000000d49484452" ] && ok || bad "greenmig plot did not render a PNG"
	expect 0 "" "$bin" plot "$tmp/i17/stmm.csv" --x param2,param1 --y energy_kwh --group policy --facet seed -o "$tmp/i17/stmm.svg" --script "$tmp/i17/stmm2.gp"
	grep -q '<svg' "$tmp/i17/stmm.svg" && grep -q 'seed = 2' "$tmp/i17/stmm.svg" && ok || bad "greenmig plot did not render an SVG with its panels"
	# the script is self-contained: gnuplot alone draws the same figure from it
	(cd "$tmp" && "$gp" -e "out='$tmp/i17/again.svg'" "$tmp/i17/stmm2.gp") && grep -q '<svg' "$tmp/i17/again.svg" && ok ||
		bad "gnuplot could not run greenmig plot's script on its own"
else
	echo "SKIP: gnuplot is not installed (Debian package gnuplot-nox): greenmig plot's rendering"
fi
# Published traces (issue 20): pack --format reads each owner's layout, reports what it filled,
# and its output runs unchanged; bad input is file:line, exit 2 and no output file.
fx="$src/tests/data"
expect 0 "greenmig pack: bitbrains: 2 VMs kept of 3 alive over [0 s, 1800 s) (2 read cover it, 1 with gaps longer than 2 slots); 1 empty slots filled" \
	"$bin" pack --format bitbrains "$fx/bitbrains/fastStorage/2013-8" --duration 1800 -o "$tmp/bb.csv.gz"
[ "$(gzip -dc "$tmp/bb.csv.gz")" = "$(printf 'vm,0,300,600,900,1200,1500,cores,mhz,ram_mb,mem_0,mem_300,mem_600,mem_900,mem_1200,mem_1500\n0001,11,20,30,30,40,13,2,2600,4096,10,25,25,25,70,75\n0002,5,8,99,100,0,51,1,2599.998989,65536,2,2,2,2,2,2')" ] && ok || bad "bitbrains pack values"
expect 0 "1 second readings in a slot averaged" "$bin" pack --format azure "$fx/azure/vmtable" "$fx/azure/vm_cpu_readings" --duration 1800 -o "$tmp/az.csv.gz"
expect 0 "2 invalid or empty values skipped" "$bin" pack --format=alibaba2018 "$fx/alibaba2018/container_meta.csv" "$fx/alibaba2018/container_usage.csv" --duration 900 -o "$tmp/al.csv.gz"
expect 0 "1 usage rows of tasks not in task_events skipped" "$bin" pack --format google2011 "$fx/google2011/task_events" "$fx/google2011/task_usage" --duration 900 -o "$tmp/g.csv.gz"
[ "$(gzip -dc "$tmp/g.csv.gz" | tail -1)" = "6253771429-1,20,30,100,68,68,68" ] && ok || bad "google pack values"
# The examples for these traces run on the fixtures' packs (issue 20): Bitbrains with memory and
# its own sizes (VM 0001: 2 x 2600 MIPS, 4096 MB; at 300.1 s it uses 25 % = 1 GB), Azure CPU-only
"$bin" run "$src/examples/bitbrains.ini" --traces "$tmp/bb.csv.gz" --set simulation.limit_s=1500 --quiet \
	--stats "$tmp/bb-stats.csv" --timeline "$tmp/bb-tl.csv" && ok || bad "examples/bitbrains.ini on the fixture"
[ "$(head -1 "$tmp/bb-tl.csv" | tr ',' '\n' | tail -2 | tr '\n' ' ')" = "mem_used_gb mem_host_max " ] && ok ||
	bad "bitbrains timeline lacks the memory columns"
head -1 "$tmp/bb-stats.csv" | grep -q ',mem_used_gb_mean,mem_host_peak,mem_migrated_gb$' && ok ||
	bad "bitbrains stats lack the memory columns"
# a sweep reads its traces' headers before it writes its own: on a trace with memory its rows and
# the merge of its jobs carry the memory columns (the run's figures), and the two are the same bytes
bbsw="$src/examples/bitbrains.ini --set workload.traces=$tmp/bb.csv.gz --set simulation.limit_s=1500"
rm -rf "$tmp/bb-jobs"
"$bin" sweep $bbsw --vary 'policy|param=thr|0.8;lr|1.2' -j 2 --quiet -o "$tmp/bb-sw.csv" &&
	"$bin" sweep $bbsw --vary 'policy|param=thr|0.8;lr|1.2' --emit-jobs "$tmp/bb-jobs" >"$tmp/bb-jobs.sh" &&
	sh "$tmp/bb-jobs.sh" && "$bin" merge "$tmp/bb-jobs" -o "$tmp/bb-merged.csv" &&
	cmp -s "$tmp/bb-sw.csv" "$tmp/bb-merged.csv" && ok || bad "merge of a sweep on a trace with memory is not the sweep"
"$bin" run $bbsw --policy lr --param 1.2 --quiet --stats "$tmp/bb-lr.csv" || bad "bitbrains lr run"
[ "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 3 { print $c["mem_used_gb_mean"], $c["mem_migrated_gb"] }' "$tmp/bb-sw.csv")" = \
	"$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { print $c["mem_used_gb_mean"], $c["mem_migrated_gb"] }' "$tmp/bb-lr.csv")" ] &&
	head -1 "$tmp/bb-sw.csv" | grep -q ',mem_used_gb_mean,mem_host_peak,mem_migrated_gb,param1$' && ok ||
	bad "the sweep's row lacks the run's memory columns"
# a trace with memory and one without in one sweep: NaN in the CPU-only row, merge the same bytes
gzip -dc "$tmp/bb.csv.gz" | cut -d, -f1-10 >"$tmp/bbcpu.csv"
mixed="workload.traces=$tmp/bbcpu.csv,$tmp/bb.csv.gz"
rm -rf "$tmp/bb-jobs"
"$bin" sweep $bbsw --vary "$mixed" -j 2 --quiet -o "$tmp/bb-sw.csv" &&
	"$bin" sweep $bbsw --vary "$mixed" --emit-jobs "$tmp/bb-jobs" >"$tmp/bb-jobs.sh" &&
	sh "$tmp/bb-jobs.sh" && "$bin" merge "$tmp/bb-jobs" -o "$tmp/bb-merged.csv" &&
	cmp -s "$tmp/bb-sw.csv" "$tmp/bb-merged.csv" &&
	[ "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR > 1 { printf "%s ", $c["mem_host_peak"] }' "$tmp/bb-sw.csv")" = \
	"NaN 0.021874999999999999 " ] && ok || bad "a sweep over traces with and without memory"
# a sweep on CPU-only traces has no memory columns
"$bin" sweep "$paper" $short --vary 'policy=lr,thr' --quiet -o "$tmp/cpu-sw.csv" && ! grep -q mem_ "$tmp/cpu-sw.csv" &&
	ok || bad "a CPU-only sweep has memory columns"
"$bin" run "$src/examples/azure.ini" --traces "$tmp/az.csv.gz" --set simulation.limit_s=1500 --quiet \
	--stats "$tmp/az-stats.csv" --timeline "$tmp/az-tl.csv" && ok || bad "examples/azure.ini on the fixture"
grep -q mem_ "$tmp/az-stats.csv" "$tmp/az-tl.csv" && bad "azure (no memory series) has memory columns" || ok
# a packed file's bad memory field: file:line:column, exit 2, no output
printf 'vm,0,300,mem_0,mem_300\na,1,2,30,1x\n' >"$tmp/badmem.csv"
rm -f "$tmp/badmem-stats.csv"
expect 2 "badmem.csv:2:5: " "$bin" run "$paper" --traces "$tmp/badmem.csv" --set simulation.limit_s=600 --stats "$tmp/badmem-stats.csv"
[ ! -e "$tmp/badmem-stats.csv" ] && ok || bad "a bad memory field left a stats file"
# [vms] size needs a trace with sizes: the key's file:line, exit 2
sed 's/^\[vms\]$/[vms]\nsize = own/; s|^traces = \.\./|traces = '"$src"'/|' "$paper" >"$tmp/own.ini"
line=$(grep -n '^size = own' "$tmp/own.ini" | cut -d: -f1)
expect 2 "own.ini:$line: [vms] size = own: the trace" "$bin" run "$tmp/own.ini" $short

# a day-long pack of synthetic Azure input runs as a packed day
expect 0 "azure: 6 VMs x 288 samples" "$bin" synth --format azure --vms 6 --samples 288 --seed 2 -o "$tmp/synaz"
expect 0 "" "$bin" pack --format azure "$tmp/synaz" --vms 4 --select random --seed 9 -o "$tmp/synaz1.csv.gz"
expect 0 "" "$bin" pack --format azure "$tmp/synaz" --vms 4 --select random --seed 9 -o "$tmp/synaz2.csv.gz"
cmp -s "$tmp/synaz1.csv.gz" "$tmp/synaz2.csv.gz" && ok || bad "pack --select random is not reproducible"
expect 0 "" "$bin" run "$paper" --traces "$tmp/synaz1.csv.gz" --vms 4
grep -q "^Number of VMs: 4$" "$tmp/out" && ok || bad "a run on a packed Azure day"
for case in bad-unknown:"is not in the VM table" bad-backwards:"goes back before its previous sample" bad-grid:"is not on the trace's 300 s grid" bad-separator:"wrong separator?" bad-column:"10 fields; vmtable"; do
	expect 2 "${case#*:}" "$bin" pack --format azure "$fx/azure/${case%%:*}" -o "$tmp/badfmt.csv.gz"
done
expect 2 "bad/number.csv:2:5: \"12,5\" is not a number" "$bin" pack --format bitbrains "$fx/bitbrains/bad/number.csv" -o "$tmp/badfmt.csv.gz"
expect 2 "is not in container_meta" "$bin" pack --format alibaba2018 "$fx/alibaba2018/bad-unknown" -o "$tmp/badfmt.csv.gz"
expect 2 "task_events/part-00000-of-00001.csv:2:1: time 4 goes back" "$bin" pack --format google2011 "$fx/google2011/bad-backwards" -o "$tmp/badfmt.csv.gz"
expect 2 "asked for 3" "$bin" pack --format bitbrains "$fx/bitbrains/fastStorage/2013-8" --duration 1800 --vms 3 -o "$tmp/badfmt.csv.gz"
[ ! -e "$tmp/badfmt.csv.gz" ] && ok || bad "a failed pack --format left its output"
expect 2 "--format 'planetlab': expected bitbrains, azure, alibaba2018 or google2011" "$bin" pack --format planetlab x -o "$tmp/badfmt.csv.gz"
expect 2 "--select 'best': expected first, random or busiest" "$bin" pack --format azure --select best x -o "$tmp/badfmt.csv.gz"
expect 2 "must be whole 300 s slots" "$bin" pack --format azure "$fx/azure/vmtable" "$fx/azure/vm_cpu_readings" --duration 1000 -o "$tmp/badfmt.csv.gz"

# Issue 18: the new models' columns only when they are on; a bad series is file:line, exit 2,
# nothing written; --vm-energy writes one row per VM whose shares add up with the unattributed.
states="$src/examples/paper-states.ini"
"$bin" run "$paper" $short --stats "$tmp/i18-off.csv" --quiet >/dev/null 2>&1 &&
	! grep -q "ps_boots\|part_cpu_kwh\|facility_kwh" "$tmp/i18-off.csv" && ok || bad "issue 18 columns without their models"
"$bin" run "$states" $short --policy lr --stats "$tmp/i18-on.csv" --timeline "$tmp/i18-on.tl" --quiet >/dev/null 2>&1 &&
	head -1 "$tmp/i18-on.csv" | grep -q ",ps_boots,ps_shutdowns," &&
	head -1 "$tmp/i18-on.tl" | grep -q ",hosts_on,hosts_off,hosts_asleep,hosts_in_transition$" && ok ||
	bad "issue 18 power-state columns"
printf 'time_s,g_per_kwh\n0,100\n300,-5\n' >"$tmp/i18-ci.csv"
expect 2 "i18-ci.csv:3:2: \"-5\" is not a value (a number >= 0)" "$bin" run "$paper" $short \
	--set facility.enabled=yes --set facility.carbon_file="$tmp/i18-ci.csv" --stats "$tmp/i18-bad.csv"
[ ! -e "$tmp/i18-bad.csv" ] && ok || bad "a bad carbon file left a stats file"
expect 2 "power.states applies to simulation.model = cloudsim3" "$bin" run "$p2010" --set power.states=yes
"$bin" run "$states" $short --policy lr --set power.parts=yes --vm-energy "$tmp/i18-vm.csv" \
	--stats "$tmp/i18-vm-stats.csv" --quiet >/dev/null 2>&1 &&
	[ "$(wc -l <"$tmp/i18-vm.csv")" -eq 291 ] &&
	awk -F, 'NR == FNR { if (FNR > 1) s += $2; next }
		FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ d = s + $c["unattributed_kwh"] - $c["energy_kwh"]; exit !(d < 1e-9 && d > -1e-9) }' \
		"$tmp/i18-vm.csv" "$tmp/i18-vm-stats.csv" && ok || bad "--vm-energy rows or their sum"

# Issue 18 in sweeps and merges: the columns of every model some run turns on, NaN where a run's
# model is off; the merged jobs give the same bytes.
"$bin" sweep "$states" $short --vary policy=lr,dvfs --vary power.states=no,yes -j 2 --quiet -o "$tmp/i18-sw.csv" 2>"$tmp/err" &&
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ n++; if ($c["power.states"] == "no" && $c["ps_boots"] != "NaN") bad = 1
		  if ($c["power.states"] == "yes" && $c["ps_boots"] !~ /^[0-9]+$/) bad = 1 }
		END { exit bad || n != 4 || !c["ps_asleep_h"] }' "$tmp/i18-sw.csv" && ok || bad "sweep: the power states' columns"
want=$("$bin" run "$states" $short --policy lr --stats - --quiet | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { print $c["energy_kwh"] "," $c["ps_boots"] }')
got=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $1 == "lr" && $2 == "yes" { print $c["energy_kwh"] "," $c["ps_boots"] }' "$tmp/i18-sw.csv")
[ -n "$want" ] && [ "$want" = "$got" ] && ok || bad "sweep row lr/yes ($got) is not its run's ($want)"
rm -rf "$tmp/i18-jobs"
"$bin" sweep "$states" $short --vary policy=lr,dvfs --vary power.states=no,yes --emit-jobs "$tmp/i18-jobs" >"$tmp/i18-jobs.sh" &&
	sh "$tmp/i18-jobs.sh" && "$bin" merge "$tmp/i18-jobs" -o "$tmp/i18-merged.csv" &&
	cmp -s "$tmp/i18-sw.csv" "$tmp/i18-merged.csv" && ok || bad "merge of a sweep with power states is not the sweep"

# Issue 18 in Table 1: reproduce --power-states on small setups (20 hosts, 40 VMs, one day):
# 2 setups x 6 policies x 5 models, CloudSim's rows equal the plain paper setup's runs, the
# off rows their runs with power states, the change against CloudSim recomputed.
mkdir -p "$tmp/i18-day" && ln -sf "$src/traces/planetlab/20110303.csv.gz" "$tmp/i18-day/"
small="--set-planetlab workload.traces=$tmp/i18-day --set-planetlab workload.vms=40 --set-planetlab hosts.count=20"
if "$bin" reproduce --examples "$src/examples" --seeds 1 --power-states -j 2 --quiet -o "$tmp/i18-rep" $small \
	--set-2010 hosts.count=10 --set-2010 simulation.limit_s=3600 >/dev/null 2>"$tmp/err"; then
	[ "$(wc -l <"$tmp/i18-rep/power-states.csv")" -eq 61 ] && ok || bad "power-states.csv: not 60 rows"
	tiny="--set workload.traces=$tmp/i18-day --set workload.vms=40 --set hosts.count=20 --quiet --stats -"
	want=$("$bin" run "$paper" $tiny --policy st --param 0.5 | awk -F, 'NR == 2 { printf "%.4f", $9 }')
	got=$(grep '^paper,ST 50 %,cloudsim,' "$tmp/i18-rep/power-states.csv" | cut -d, -f5)
	[ -n "$want" ] && [ "$want" = "$got" ] && ok || bad "power-states.csv: ST's CloudSim energy $got, paper.ini's $want"
	want=$("$bin" run "$src/examples/planetlab-states.ini" $tiny --policy lr --selection mmt --param 1.2 |
		awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { printf "%.4f,%.1f", $c["energy_kwh"], $c["ps_boots"] }')
	got=$(grep '^planetlab,LR-MMT 1.2,off,' "$tmp/i18-rep/power-states.csv" | cut -d, -f5,11)
	[ -n "$want" ] && [ "$want" = "$got" ] && ok || bad "power-states.csv: LR-MMT off $got, its run $want"
	awk -F, '$3 == "cloudsim" { e[$1 $2] = $5 } $3 == "off+parts" { d = ($5 - e[$1 $2]) / e[$1 $2] * 100 - $7; if (d > 0.006 || d < -0.006) bad = 1; n++ }
		END { exit bad || n != 12 }' "$tmp/i18-rep/power-states.csv" && ok || bad "power-states.csv: energy_vs_cloudsim_pct"
	grep -q '^## What a switched-off host costs' "$tmp/i18-rep/table1.md" &&
		grep -q '^|  | off+parts | ' "$tmp/i18-rep/table1.md" && ok || bad "table1.md lacks the power-states section"
	[ "$(grep -c '^[A-Z]' "$tmp/i18-rep/power-states-plot.csv")" -eq 12 ] && ok || bad "power-states-plot.csv: not 6 rows per setup"
else
	bad "reproduce --power-states failed"; sed 's/^/  stderr: /' "$tmp/err"
fi
# ... and the facility model through --set in Table 1: its columns at the end of table1.csv (the
# constant PUE of 1.9 over the IT energy), a section of table1.md; none without it
if "$bin" reproduce --examples "$src/examples" --seeds 1 -j 2 --quiet -o "$tmp/i18-fac" $small \
	--set-planetlab facility.enabled=yes --set-2010 hosts.count=10 --set-2010 simulation.limit_s=3600 >/dev/null 2>"$tmp/err"; then
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $1 == "paper" && $2 == "DVFS" {
		r = $c["facility_kwh_mean"] / $c["energy_kwh_mean"]; exit !(r > 1.89999 && r < 1.90001) }' \
		"$tmp/i18-fac/table1.csv" && ok || bad "table1.csv: facility_kwh_mean is not 1.9 x the energy"
	grep -q '^## Facility energy, emissions and cost' "$tmp/i18-fac/table1.md" && ok || bad "table1.md: no facility section"
	! grep -q "facility_kwh" "$tmp/i18-rep/table1.csv" && ok || bad "table1.csv has facility columns without the model"
else
	bad "reproduce with the facility model failed"; sed 's/^/  stderr: /' "$tmp/err"
fi

# Issue 22: the network with power states (a run with both, their columns together), the target
# choice refused without a topology (file:line, exit 2), and reproduce --network on small setups
# (2 setups x 4 policies x 3 networks; the off rows are the plain setups' runs, the nonblock rows
# their runs on the tree).
"$bin" run "$states" $short --policy lr --set network.topology=tree --set network.hosts_per_rack=10 \
	--set network.target=same_rack --stats "$tmp/i22-ps.csv" --quiet >/dev/null 2>"$tmp/err" &&
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ exit !(c["ps_migration_wait_s"] && c["net_landed"] && $c["net_landed"] ~ /^[0-9]+$/ && $c["net_switch_kwh"] > 0) }' \
		"$tmp/i22-ps.csv" && ok || { bad "network with power states"; sed 's/^/  stderr: /' "$tmp/err"; }
printf '[network]\ntarget = same_rack\n' >"$tmp/i22-target.ini"
cat "$paper" "$tmp/i22-target.ini" >"$tmp/i22-bad.ini"
line=$(grep -n '^target = same_rack' "$tmp/i22-bad.ini" | cut -d: -f1)
expect 2 "i22-bad.ini:$line: network.target prefers targets by rack or path: it needs a network.topology" \
	"$bin" run "$tmp/i22-bad.ini" $short
if "$bin" reproduce --examples "$src/examples" --seeds 1 --network -j 2 --quiet -o "$tmp/i22-rep" $small \
	--set-2010 hosts.count=10 --set-2010 simulation.limit_s=3600 >/dev/null 2>"$tmp/err"; then
	[ "$(wc -l <"$tmp/i22-rep/network.csv")" -eq 25 ] && ok || bad "network.csv: not 24 rows"
	tiny="--set workload.traces=$tmp/i18-day --set workload.vms=40 --set hosts.count=20 --quiet --stats -"
	want=$("$bin" run "$paper" $tiny --policy st --param 0.5 |
		awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { printf "%.4f", $c["energy_kwh"] }')
	got=$(grep '^paper,ST 50 %,off,' "$tmp/i22-rep/network.csv" | cut -d, -f5)
	[ -n "$want" ] && [ "$want" = "$got" ] && ok || bad "network.csv: ST's energy off $got, paper.ini's $want"
	want=$("$bin" run "$src/examples/cloudsim-planetlab.ini" $tiny --policy lr --selection mmt --param 1.2 \
		--set network.topology=tree --set network.hosts_per_rack=40 |
		awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { printf "%.4f,%.2f", $c["energy_kwh"], $c["net_migration_mean_s"] }')
	got=$(grep '^planetlab,LR-MMT 1.2,nonblock,' "$tmp/i22-rep/network.csv" | cut -d, -f5,11)
	[ -n "$want" ] && [ "$want" = "$got" ] && ok || bad "network.csv: LR-MMT nonblock $got, its run $want"
	grep -q '^## Live migration over a shared network' "$tmp/i22-rep/table1.md" &&
		grep -q '^|  | over4 | ' "$tmp/i22-rep/table1.md" && ok || bad "table1.md lacks the network section"
	[ "$(grep -c '^[A-Z]' "$tmp/i22-rep/network-plot.csv")" -eq 8 ] && ok || bad "network-plot.csv: not 4 rows per setup"
else
	bad "reproduce --network failed"; sed 's/^/  stderr: /' "$tmp/err"
fi

# --- runs over several days (issue 20, [workload] days): read a day at a time, the same bytes as
# the days concatenated in one file ---
# synth --split-days cuts the very series synth writes whole: day 2 of 3 is columns 290-577
expect 0 "" "$bin" synth --vms 40 --samples 864 --seed 11 -o "$tmp/whole3.csv.gz"
expect 0 "" "$bin" synth --vms 40 --samples 864 --seed 11 --split-days 288 -o "$tmp/days3"
[ "$(ls "$tmp/days3" | tr '\n' ' ')" = "day01.csv.gz day02.csv.gz day03.csv.gz " ] && ok || bad "synth --split-days files"
[ "$(gzip -dc "$tmp/days3/day02.csv.gz" | sed -n 2p)" = "$(gzip -dc "$tmp/whole3.csv.gz" | sed -n 2p | cut -d, -f1,290-577)" ] &&
	ok || bad "synth --split-days: day 2 is not samples 288-575 of the whole series"
[ "$(gzip -dc "$tmp/days3/day03.csv.gz" | head -1)" = "$(gzip -dc "$tmp/days3/day01.csv.gz" | head -1)" ] && ok ||
	bad "synth --split-days: a day's times do not start at 0"
expect 2 "not a whole number of days" "$bin" synth --vms 4 --samples 100 --split-days 288 -o "$tmp/days-bad"
three="--set simulation.limit_s=259200 --set hosts.count=40 --quiet"
for pol in "lr mmt" "thr mu" "dvfs -"; do
	set -- $pol
	sel=; [ "$2" != - ] && sel="--selection $2"
	"$bin" run "$planetlab" --traces "$tmp/whole3.csv.gz" $three --policy $1 $sel \
		--stats "$tmp/w3.csv" --timeline "$tmp/w3.tl" &&
	"$bin" run "$planetlab" --traces "$tmp/days3" --day day01 --set workload.days=3 $three --policy $1 $sel \
		--stats "$tmp/d3.csv" --timeline "$tmp/d3.tl" &&
	[ "$(cut -d, -f1,3- "$tmp/w3.csv")" = "$(cut -d, -f1,3- "$tmp/d3.csv")" ] && cmp -s "$tmp/w3.tl" "$tmp/d3.tl" &&
		[ "$(wc -l <"$tmp/d3.tl")" -eq 864 ] && ok || bad "3 days of $1 read a day at a time differ from the whole file"
done
awk -F, 'NR == 2 && $2 == "day01" { f = 1 } END { exit !f }' "$tmp/d3.csv" && ok || bad "the stats' day of a run over several days is its first day"
# with memory and sizes: the Bitbrains fixture's 6 samples cut into 6 days of 1 and 3 of 2 (every
# step interpolates across a day's end; the VMs hold 3 days), the same as the file
split_days() { # FILE L DIR: FILE's samples (with sizes and memory) in days of L samples under DIR
	mkdir -p "$3"
	gzip -dc "$1" | awk -F, -v L="$2" -v out="$3" '
		NR == 1 { n = 0; for (i = 2; i <= NF && $i != "cores"; i++) n++; D = n / L }
		{ for (j = 0; j < D; j++) {
			if (NR == 1) { s = "vm"; for (k = 0; k < L; k++) s = s "," k * 300
				s = s ",cores,mhz,ram_mb"; for (k = 0; k < L; k++) s = s ",mem_" k * 300 }
			else { s = $1; for (k = 0; k < L; k++) s = s "," $(2 + j * L + k)
				s = s "," $(n + 2) "," $(n + 3) "," $(n + 4)
				for (k = 0; k < L; k++) s = s "," $(n + 5 + j * L + k) }
			print s > (out "/d" (j + 1) ".csv") } }'
}
# pack --split-days writes the window it would pack whole as days of the same VMs
expect 0 "" "$bin" pack --format bitbrains "$fx/bitbrains/fastStorage/2013-8" --duration 1800 --split-days 2 -o "$tmp/bbp"
rm -rf "$tmp/bbd2"; split_days "$tmp/bb.csv.gz" 2 "$tmp/bbd2"
for j in 1 2 3; do
	[ "$(gzip -dc "$tmp/bbp/day0$j.csv.gz")" = "$(cat "$tmp/bbd2/d$j.csv")" ] && ok || bad "pack --split-days: day $j"
done
expect 2 "--duration 1800 s is not a whole number of days of --split-days 4 samples" \
	"$bin" pack --format bitbrains "$fx/bitbrains/fastStorage/2013-8" --duration 1800 --split-days 4 -o "$tmp/bbq"
[ ! -e "$tmp/bbq" ] && ok || bad "a refused pack --split-days left its folder"
bbdays="$src/examples/bitbrains.ini --set simulation.limit_s=1500 --set placement.window_s=300 --quiet"
"$bin" run $bbdays --traces "$tmp/bb.csv.gz" --stats "$tmp/bbw.csv" --timeline "$tmp/bbw.tl" || bad "bitbrains fixture, whole"
for l in 1 2; do
	rm -rf "$tmp/bbd$l"; split_days "$tmp/bb.csv.gz" $l "$tmp/bbd$l"
	"$bin" run $bbdays --traces "$tmp/bbd$l" --day d1 --set workload.days=$((6 / l)) \
		--stats "$tmp/bbd.csv" --timeline "$tmp/bbd.tl" &&
	[ "$(cut -d, -f1,3- "$tmp/bbw.csv")" = "$(cut -d, -f1,3- "$tmp/bbd.csv")" ] && cmp -s "$tmp/bbw.tl" "$tmp/bbd.tl" &&
		ok || bad "the Bitbrains fixture in days of $l sample(s) differs from the whole file"
done
# at 600.1 s (sample 2, day 3 of 6) VM 0001 uses 25 % of 4096 MB, VM 0002 2 % of 65536 MB: 2.28 GB
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } NR == 3 { m = $c["mem_used_gb"]
	exit !($1 > 600 && $1 < 601 && m > 2.28 - 1e-9 && m < 2.28 + 1e-9) }' \
	"$tmp/bbd.tl" && ok || bad "bitbrains days: used memory at 600.1 s is not 2.28 GB"
# every later day must hold the first day's VMs, in order, with as many samples: file:line, exit 2
rm -rf "$tmp/bbe"; cp -r "$tmp/bbd1" "$tmp/bbe"; sed -i '3s/^0002/0003/' "$tmp/bbe/d4.csv"
expect 2 "bbe/d4.csv:3: VM \"0003\" where $tmp/bbe/d1.csv:3 has VM \"0002\": the days of a run over several days" \
	"$bin" run $bbdays --traces "$tmp/bbe" --day d1 --set workload.days=6 --stats "$tmp/bbe.csv"
[ ! -e "$tmp/bbe.csv" ] && ok || bad "a bad later day left a stats file"
rm -rf "$tmp/bbe"; cp -r "$tmp/bbd1" "$tmp/bbe"; sed -i '3d' "$tmp/bbe/d5.csv"
expect 2 "bbe/d5.csv:2: ends after 1 VMs; $tmp/bbe/d1.csv has 2" "$bin" run $bbdays --traces "$tmp/bbe" --day d1 --set workload.days=6
rm -rf "$tmp/bbe"; cp -r "$tmp/bbd1" "$tmp/bbe"; cp "$tmp/bbd2/d1.csv" "$tmp/bbe/d2.csv"
expect 2 "bbe/d2.csv:2: trace of VM \"0001\" has 2 samples; the first day $tmp/bbe/d1.csv has 1" \
	"$bin" run $bbdays --traces "$tmp/bbe" --day d1 --set workload.days=6
expect 2 "has 6 days from d1 on (d1 to d6); workload.days = 7 needs 7" "$bin" run $bbdays --traces "$tmp/bbd1" --day d1 --set workload.days=7
expect 2 "hold 4; simulation.limit_s = 1500 s needs 5" "$bin" run $bbdays --traces "$tmp/bbd1" --day d2 --set workload.days=4
expect 2 "workload.days = 3 needs a folder of days" "$bin" run $bbdays --traces "$tmp/bb.csv.gz" --set workload.days=3
expect 2 "placement.window_s = 600 s is longer than a day of the trace (1 samples" \
	"$bin" run $bbdays --traces "$tmp/bbd1" --day d1 --set workload.days=6 --set placement.window_s=600

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
