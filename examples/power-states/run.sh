#!/usr/bin/env bash
# examples/power-states/run.sh: what host power states and sub-system power-down change (issue 18).
#
#   examples/power-states/run.sh GREENMIG SRCDIR > results.csv
#
# ST, MM, DRR and LR-MMT on the paper's setup and CloudSim's PlanetLab setup, on every shipped
# day, under five models (each row: setup,day,policy,model, then the stats row's energy_kwh,
# migrations, slav, sla_overall, pdm and the new models' columns where they exist):
#   cloudsim   CloudSim 3.0.3: an empty host is off, instantly and for free
#   off        [power] states with the documented example set (doc/power-states.md#example-set),
#              emptied hosts shut down at once
#   sleep      the same, emptied hosts suspend to RAM instead
#   parts      CloudSim's hosts with sub-system power, every unused part powered down
#              (doc/power-parts.md)
#   off+parts  off and parts together
# JOBS (default 2) runs at once; the output order is fixed.
set -euo pipefail
bin=${1:?usage: examples/power-states/run.sh GREENMIG SRCDIR}
src=${2:?usage: examples/power-states/run.sh GREENMIG SRCDIR}
jobs=${JOBS:-2}
days="20110303 20110306 20110309 20110322 20110325 20110403 20110409 20110411 20110412 20110420"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The example set, per host type of each setup (suspend_w: the type's idle power).
states_for() {
	local setup=$1 t
	local types
	if [ "$setup" = paper ]; then types="h1000:175 h2000:175 h3000:175"; else types="hp_g4:86 hp_g5:93.7"; fi
	echo "--set power.states=yes"
	for t in $types; do
		local n=${t%%:*} idle=${t##*:}
		echo "--set host.$n.boot_s=150 --set host.$n.boot_w=120 --set host.$n.shutdown_s=7"
		echo "--set host.$n.shutdown_w=110 --set host.$n.off_w=10 --set host.$n.suspend_s=1"
		echo "--set host.$n.suspend_w=$idle --set host.$n.sleep_w=9.75 --set host.$n.wake_s=10"
		echo "--set host.$n.wake_w=120"
	done
}
parts="--set power.parts=yes --set power.power_down_unused_memory=yes --set power.power_down_unused_disk=yes --set power.power_down_unused_nic=yes"

list() {
	for setup in paper cloudsim-planetlab; do
		for day in $days; do
			for p in st mm drr lr; do
				for m in cloudsim off sleep parts off+parts; do
					echo "$setup $day $p $m"
				done
			done
		done
	done
}

one() {
	local setup=$1 day=$2 p=$3 m=$4 extra=()
	local short=${setup%-planetlab}; [ "$setup" = cloudsim-planetlab ] && short=planetlab
	case $m in
	off) extra=($(states_for "$short")) ;;
	sleep) extra=($(states_for "$short") --set power.idle_state=sleep) ;;
	parts) extra=($parts) ;;
	off+parts) extra=($(states_for "$short") $parts) ;;
	esac
	local sel=()
	[ "$p" = lr ] && sel=(--selection mmt)
	"$bin" run "$src/examples/$setup.ini" --day "$day" --policy "$p" "${sel[@]}" "${extra[@]}" \
		--quiet --stats "$work/$setup.$day.$p.$m.csv"
}
export -f one states_for
export bin src work parts

list | xargs -P "$jobs" -L 1 bash -c 'one "$@"' _
python3 - "$work" <<'PY'
import csv, os, sys
work = sys.argv[1]
cols = ["energy_kwh", "migrations", "slav", "sla_overall", "pdm", "ps_boots", "ps_shutdowns",
        "ps_suspends", "ps_wakes", "ps_vm_wait_s", "ps_migration_wait_s", "ps_off_kwh", "ps_asleep_kwh",
        "ps_booting_kwh", "ps_waking_kwh", "ps_shutting_down_kwh", "parts_saved_kwh", "part_memory_kwh"]
print("setup,day,policy,model," + ",".join(cols))
days = "20110303 20110306 20110309 20110322 20110325 20110403 20110409 20110411 20110412 20110420".split()
for setup in ["paper", "cloudsim-planetlab"]:
    for day in days:
        for p in ["st", "mm", "drr", "lr"]:
            for m in ["cloudsim", "off", "sleep", "parts", "off+parts"]:
                with open(os.path.join(work, f"{setup}.{day}.{p}.{m}.csv")) as f:
                    r = next(csv.DictReader(f))
                print(",".join([setup, day, p, m] + [r.get(c, "") for c in cols]))
PY
