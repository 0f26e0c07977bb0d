"""greenmig.Env: Gymnasium's signature over a Simulation, with the documented reward."""
import numpy as np
import pytest

import greenmig
from conftest import PAPER


def test_episode_without_actions_is_the_dvfs_run():
    env = greenmig.Env(PAPER, energy_weight=2.0, sla_weight=10.0)
    obs, info = env.reset()
    assert info["t_s"] == 300.1 and set(obs) >= {"host_utilization", "vm_host"}
    total, steps, terminated = 0.0, 0, False
    energy = info["energy_kwh"]
    while not terminated:
        obs, reward, terminated, truncated, info = env.step(None)
        assert truncated is False and info["refused"] == []
        unmet = info["unmet_mips"] / info["requested_mips"] if info["requested_mips"] > 0 else 0.0
        # reward = -(2 x the step's kWh + 10 x the unmet share): dvfs on paper.ini meets every
        # request, so the reward is the energy alone
        assert reward == pytest.approx(-(2.0 * info["energy_kwh"] + 10.0 * unmet), rel=1e-12)
        assert unmet == 0.0
        total += reward
        energy += info["energy_kwh"]
        steps += 1
    assert steps == 287  # reset stopped at the first of the 287 steps; the last step ends the run
    r = greenmig.run(PAPER, policy="dvfs")
    assert energy == pytest.approx(r.energy_kwh, rel=1e-9)
    assert total == pytest.approx(-2.0 * energy, rel=1e-9)
    env.close()


def test_actions_and_refusals():
    env = greenmig.Env(PAPER, migration_weight=0.5, refused_weight=3.0, energy_weight=0.0, sla_weight=0.0)
    obs, info = env.reset(seed=7)
    empty = int(np.flatnonzero(obs["host_state"] == greenmig.HOST_EMPTY)[0])
    obs, reward, term, trunc, info = env.step([(0, empty), ("migrate", 0, empty), ("switch_off", 1)])
    # the first migration starts; the second is refused (scheduled already), so is switch_off
    # of a host with VMs: 0.5 x 1 + 3 x 2
    assert reward == -6.5
    assert len(info["refused"]) == 2 and "scheduled to migrate" in info["refused"][0]
    assert obs["vm_host"][0] == empty and info["migrations_started"] == 1
    with pytest.raises(ValueError):
        env.step([("reboot", 1)])
    env.close()
