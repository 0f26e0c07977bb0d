#!/usr/bin/env python3
"""A policy written in Python and run by the C engine: CloudSim's static threshold (THR) with
Minimum Migration Time selection (MMT). It gives the built-in `thr` run's numbers to the bit.

    PYTHONPATH=BUILDDIR/python python3 examples/python/thr_mmt.py
"""
import math
import os
import sys
import time

import greenmig

HERE = os.path.dirname(os.path.abspath(__file__))
PAPER = os.path.join(HERE, "..", "paper.ini")


@greenmig.register
class PyThr(greenmig.Policy):
    """THR: a host is overloaded when its VMs request more than --param of its MIPS."""
    name = "py-thr"
    summary = "THR + MMT in Python"
    n_params, param_min, param_max, default_param = 1, 0.0, 1.0, "0.8"
    param_help = "a utilization threshold in [0, 1]"

    def overloaded(self, host):
        c = self.ctx
        threshold = c.param(0)
        # (the second value is the metric CloudSim records for the host: the threshold)
        return c.host_requested_mips(host) / c.host_total_mips(host) > threshold, threshold

    def select(self, host):
        """MMT: the VM with the least RAM (the first in the list on ties), not migrating."""
        c = self.ctx
        best, least = -1, math.inf
        for vm in c.host_vms(host):
            if not c.vm_migrating(vm) and c.vm_ram_mb(vm) < least:
                best, least = vm, c.vm_ram_mb(vm)
        return best


def main():
    t = time.perf_counter()
    py = greenmig.run(PAPER, policy="py-thr")
    t_py = time.perf_counter() - t
    t = time.perf_counter()
    c = greenmig.run(PAPER, policy="thr")
    t_c = time.perf_counter() - t
    for col in ("energy_kwh", "migrations", "slav", "sla_overall"):
        print("%-12s py-thr %-22r thr %r" % (col, py[col], c[col]))
    print("Python policy %.2f s, built-in %.2f s" % (t_py, t_c))
    same = all(py.text(k) == c.text(k) for k in py.columns if k not in ("policy", "selection"))
    print("the same numbers:", same)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
