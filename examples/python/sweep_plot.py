#!/usr/bin/env python3
"""A sweep into a pandas DataFrame, and a figure of it (with matplotlib, when installed).

THR's threshold and LR's safety parameter on the paper setup, two trace days: energy against
SLA violation, one point per run, the mean per setting.

    PYTHONPATH=BUILDDIR/python python3 examples/python/sweep_plot.py [OUT.png]
"""
import os
import sys

import greenmig

HERE = os.path.dirname(os.path.abspath(__file__))
PAPER = os.path.join(HERE, "..", "paper.ini")


def main():
    df = greenmig.sweep(PAPER, vary={"policy|param": "thr|0.7;thr|0.8;thr|0.9;lr|1.0;lr|1.2;lr|1.4",
                                     "day": ["20110303", "20110306"]}, jobs=os.cpu_count())
    mean = df.groupby(["policy", "param"], sort=False)[["energy_kwh", "slav", "migrations"]].mean()
    print(mean.to_string())
    out = sys.argv[1] if len(sys.argv) > 1 else "sweep.png"
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no figure (Debian: python3-matplotlib)")
        return 0
    fig, ax = plt.subplots(figsize=(6, 4))
    for policy, g in mean.reset_index().groupby("policy", sort=False):
        ax.plot(g["energy_kwh"], g["slav"], "o-", label=policy)
        for _, row in g.iterrows():
            ax.annotate(str(row["param"]), (row["energy_kwh"], row["slav"]), fontsize=8)
    ax.set_xlabel("energy (kWh per day)")
    ax.set_ylabel("SLAV (SLATAH x PDM)")
    ax.set_title("paper setup, mean of 2 PlanetLab days")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    print("figure:", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
