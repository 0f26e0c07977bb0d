#!/usr/bin/env python3
"""Two agents on greenmig.Env (Gymnasium's signature): a random one and a greedy one.

At each scheduling step the greedy agent empties the least utilized active host when the others
can take its VMs under 80 % of their capacity (best fit by utilization): fewer hosts on, less
energy. The random agent migrates a random VM to a random host now and then; the engine refuses
what it cannot do (counted in info["refused"]). Both are compared with doing nothing (dvfs).

    PYTHONPATH=BUILDDIR/python python3 examples/python/agents.py
"""
import os
import sys

import numpy as np

import greenmig

HERE = os.path.dirname(os.path.abspath(__file__))
PAPER = os.path.join(HERE, "..", "paper.ini")
CAPACITY = np.array([1000.0, 2000.0, 3000.0])  # paper.ini: host i has type i mod 3


def nothing(obs, rng):
    return []


def random_agent(obs, rng):
    if rng.random() < 0.2:
        return [(int(rng.integers(len(obs["vm_host"]))), int(rng.integers(len(obs["host_state"]))))]
    return []


def greedy(obs, rng, limit=0.8):
    n = len(obs["host_state"])
    cap = CAPACITY[np.arange(n) % 3]
    req = obs["host_requested_mips"].copy()
    ram_free = 8192 - obs["host_ram_used_mb"]
    hosts = obs["vm_host"]
    active = np.flatnonzero((obs["host_state"] == greenmig.HOST_ACTIVE) & (req > 0))
    if len(active) < 2 or obs["vm_migrating"].any():
        return []
    src = active[np.argmin(req[active] / cap[active])]
    moves = []
    for vm in np.flatnonzero(hosts == src):
        need = obs["vm_requested_mips"][vm]
        fits = [h for h in active if h != src and req[h] + need <= limit * cap[h]
                and ram_free[h] >= obs["vm_ram_mb"][vm]]
        if not fits:
            return []  # it cannot be emptied: leave it
        best = max(fits, key=lambda h: ((req[h] + need) / cap[h], -h))
        req[best] += need
        ram_free[best] -= obs["vm_ram_mb"][vm]
        moves.append((int(vm), int(best)))
    return moves


def episode(agent, seed=1):
    env = greenmig.Env(PAPER, energy_weight=1.0, sla_weight=10.0)
    rng = np.random.default_rng(seed)
    obs, info = env.reset()
    total, refused, migrations, unmet = 0.0, 0, 0, 0.0
    energy = info["energy_kwh"]
    done = False
    while not done:
        obs, reward, done, truncated, info = env.step(agent(obs, rng))
        total += reward
        energy += info["energy_kwh"]
        refused += len(info["refused"])
        migrations += info["migrations_started"]
        unmet += info["unmet_mips"] / info["requested_mips"] if info["requested_mips"] else 0
    env.close()
    return total, energy, migrations, refused, unmet


def main():
    print("%-8s %10s %12s %10s %8s %12s" % ("agent", "reward", "energy_kWh", "migrations", "refused", "unmet_sum"))
    for name, agent in (("nothing", nothing), ("random", random_agent), ("greedy", greedy)):
        r = episode(agent)
        print("%-8s %10.3f %12.3f %10d %8d %12.4f" % ((name,) + r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
