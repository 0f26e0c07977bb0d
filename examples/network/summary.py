#!/usr/bin/env python3
"""examples/network/summary.py RESULTS.csv [--plot-data]: the mean over the ten days of each setup, policy and
network model (run.sh's output) as a Markdown table: energy (kWh) and its change against the
network off, SLAV, migrations, mean and longest migration time (s), queued time (h), and the
switches' energy (kWh, not in the hosts' energy). With --plot-data: the mean migration time and
the SLAV per setup and policy, one column per network model, for plot.gp."""
import csv, math, sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
acc = defaultdict(lambda: defaultdict(list))
for r in rows:
    k = (r["setup"], r["policy"], r["model"])
    for c, v in r.items():
        if c in ("setup", "day", "policy", "model") or v in ("", "NaN"):
            continue
        acc[k][c].append(float(v))

def mean(k, c):
    v = acc[k][c]
    return sum(v) / len(v) if v else math.nan

def biggest(k, c):
    v = acc[k][c]
    return max(v) if v else math.nan

names = {"st": "ST", "mm": "MM", "lr": "LR-MMT", "drr": "DRR"}
models = ("off", "nonblock", "over4", "over4cap2")

def mig_time(k):
    if k[2] == "off":
        # CloudSim's delay: the started migrations' delays over their count
        return sum(acc[k]["migration_time_s"]) / max(1.0, sum(acc[k]["migrations"]))
    return sum(a * b for a, b in zip(acc[k]["net_migration_mean_s"], acc[k]["net_landed"])) / \
        max(1.0, sum(acc[k]["net_landed"]))

if len(sys.argv) > 2 and sys.argv[2] == "--plot-data":
    print("# setup-policy " + " ".join(f"time_{m} slav_{m}" for m in models))
    for setup in ("paper", "cloudsim-planetlab"):
        for p in ("st", "mm", "lr", "drr"):
            label = ("paper" if setup == "paper" else "planetlab") + "-" + names[p]
            vals = " ".join(f"{mig_time((setup, p, m)):.4f} {mean((setup, p, m), 'slav'):.6e}" for m in models)
            print(f"{label} {vals}")
    sys.exit(0)
print("| setup | policy | network | energy kWh | vs off | SLAV | SLA violation | migrations | "
      "mean migration s | longest s | queued h | switches kWh |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for setup in ("paper", "cloudsim-planetlab"):
    for p in ("st", "mm", "lr", "drr"):
        base = mean((setup, p, "off"), "energy_kwh")
        for m in models:
            k = (setup, p, m)
            e = mean(k, "energy_kwh")
            t = mig_time(k)
            if m == "off":
                tmax, q, sw = "-", "-", "-"
            else:
                tmax = f"{biggest(k, 'net_migration_max_s'):.1f}"
                q = f"{mean(k, 'net_queued_s') / 3600:.2f}"
                sw = f"{mean(k, 'net_switch_kwh'):.2f}"
            print(f"| {setup} | {names[p]} | {m} | {e:.2f} | {100 * (e - base) / base:+.2f} % | "
                  f"{mean(k, 'slav'):.3e} | {mean(k, 'sla_overall'):.4f} | {mean(k, 'migrations'):.0f} | "
                  f"{t:.2f} | {tmax} | {q} | {sw} |")
