#!/usr/bin/env python3
"""examples/power-states/summary.py RESULTS.csv: the mean over the ten days of each setup, policy and
model (run.sh's output) as a Markdown table: energy (kWh) and its change against CloudSim's,
SLAV, migrations, boots + wakes, the migrations' waits (host-hours) and the energy of the hosts
while off or asleep."""
import csv, sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
acc = defaultdict(lambda: defaultdict(list))
for r in rows:
    k = (r["setup"], r["policy"], r["model"])
    for c, v in r.items():
        if c in ("setup", "day", "policy", "model"):
            continue
        acc[k][c].append(float(v) if v not in ("", "NaN") else 0.0)

def mean(k, c):
    v = acc[k][c]
    return sum(v) / len(v) if v else 0.0

names = {"st": "ST", "mm": "MM", "drr": "DRR", "lr": "LR-MMT"}
print("| setup | policy | model | energy kWh | vs CloudSim | SLAV | migrations | boots+wakes | migration wait h | off+asleep kWh |")
print("|---|---|---|---|---|---|---|---|---|---|")
for setup in ("paper", "cloudsim-planetlab"):
    for p in ("st", "mm", "drr", "lr"):
        base = mean((setup, p, "cloudsim"), "energy_kwh")
        for m in ("cloudsim", "off", "sleep", "parts", "off+parts"):
            k = (setup, p, m)
            e = mean(k, "energy_kwh")
            print(f"| {setup} | {names[p]} | {m} | {e:.2f} | {100 * (e - base) / base:+.1f} % | "
                  f"{mean(k, 'slav'):.3e} | {mean(k, 'migrations'):.0f} | "
                  f"{mean(k, 'ps_boots') + mean(k, 'ps_wakes'):.0f} | {mean(k, 'ps_migration_wait_s') / 3600:.1f} | "
                  f"{mean(k, 'ps_off_kwh') + mean(k, 'ps_asleep_kwh'):.2f} |")
