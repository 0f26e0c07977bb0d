#!/usr/bin/env bash
# examples/network/run.sh: what a shared datacenter network does to live migration (issue 22).
#
#   examples/network/run.sh GREENMIG SRCDIR > results.csv
#
# ST, MM, LR-MMT and DRR on the paper's setup (examples/paper.ini) and CloudSim's PlanetLab setup
# (examples/cloudsim-planetlab.ini), on every shipped day, under four network models (each row:
# setup,day,policy,model, then the stats row's energy, SLA and migration columns and, with a
# network, its net_* columns; doc/network.md):
#   off        CloudSim 3.0.3: each migration takes RAM / (half the target's bandwidth), alone
#   nonblock   a tree of racks of 40 hosts under one aggregation switch, non-blocking (1:1)
#   over4      the same with 4:1 oversubscribed rack uplinks
#   over4cap2  over4 with at most 2 migrations at once per host (the rest queued)
# JOBS (default 2) runs at once; the output order is fixed.
set -euo pipefail
bin=${1:?usage: examples/network/run.sh GREENMIG SRCDIR}
src=${2:?usage: examples/network/run.sh GREENMIG SRCDIR}
jobs=${JOBS:-2}
days="20110303 20110306 20110309 20110322 20110325 20110403 20110409 20110411 20110412 20110420"
models="off nonblock over4 over4cap2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

list() {
	for setup in paper cloudsim-planetlab; do
		for day in $days; do
			for p in st mm lr drr; do
				for m in $models; do
					echo "$setup $day $p $m"
				done
			done
		done
	done
}

one() {
	local setup=$1 day=$2 p=$3 m=$4 extra=()
	local tree="--set network.topology=tree --set network.hosts_per_rack=40"
	case $m in
	nonblock) extra=($tree) ;;
	over4) extra=($tree --set network.oversubscription=4) ;;
	over4cap2) extra=($tree --set network.oversubscription=4 --set network.max_migrations_per_host=2) ;;
	esac
	local sel=()
	[ "$p" = lr ] && sel=(--selection mmt)
	"$bin" run "$src/examples/$setup.ini" --day "$day" --policy "$p" "${sel[@]}" "${extra[@]}" \
		--quiet --stats "$work/$setup.$day.$p.$m.csv"
}
export -f one
export bin src work

list | xargs -P "$jobs" -L 1 bash -c 'one "$@"' _
python3 - "$work" "$days" "$models" <<'PY'
import csv, os, sys
work, days, models = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
cols = ["energy_kwh", "migrations", "slav", "sla_overall", "pdm", "migration_time_s",
        "mean_time_before_vm_migration_s", "migration_energy_kwh", "net_landed", "net_in_flight_end",
        "net_queued_end", "net_queued_s", "net_queued_max_s", "net_migration_mean_s",
        "net_migration_max_s", "net_bytes_host", "net_bytes_rack", "net_rate_updates", "net_max_flows",
        "net_switch_kwh", "net_switch_traffic_kwh", "net_nic_kwh"]
print("setup,day,policy,model," + ",".join(cols))
for setup in ["paper", "cloudsim-planetlab"]:
    for day in days:
        for p in ["st", "mm", "lr", "drr"]:
            for m in models:
                with open(os.path.join(work, f"{setup}.{day}.{p}.{m}.csv")) as f:
                    r = next(csv.DictReader(f))
                print(",".join([setup, day, p, m] + [r.get(c, "") for c in cols]))
PY
