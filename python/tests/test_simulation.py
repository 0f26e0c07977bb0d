"""greenmig.Simulation: stepped to the end it is the run; observations are the engine's state;
every class of refused action raises ActionError with the engine's message."""
import csv
import gzip
import os

import numpy as np
import pytest

import greenmig
from conftest import PAPER, SRCDIR, cli_stats_start


def same(a, b):
    assert a.columns == b.columns
    assert [(c, a.text(c)) for c in a.columns] == [(c, b.text(c)) for c in b.columns]


@pytest.mark.parametrize("day", ["20110303", "20110409"])
def test_no_actions_equals_dvfs_run(day):
    sim = greenmig.Simulation(PAPER, policy="dvfs", day=day)
    assert sim.time == 0 and not sim.done and sim.steps == 0
    times, energy = [], 0.0
    while sim.step():
        times.append(sim.time)
        energy += sim.info()["energy_kwh"]
        sim.observe(copy=False)
    assert sim.done and not sim.step()
    r = sim.finish()
    same(r, greenmig.run(PAPER, policy="dvfs", day=day))
    # one stop per scheduling step: T_1 = 300.1, then every 300 s, the last T_287 = 86100.1
    assert len(times) == 287 == r.steps
    assert times[0] == 300.1 and times[1] == 600.1 and times[-1] == pytest.approx(86100.1, abs=1e-6)
    # the steps' energies add up to the run's (the last interval, after T_287, is in neither)
    assert energy == pytest.approx(r.timeline["energy_kwh"].iloc[-1], rel=1e-12)


def test_other_policies_under_the_agent():
    # a policy with its own optimize hook (st) and one drawing full power (npa): the same runs
    for policy in ("st", "npa"):
        sim = greenmig.Simulation(PAPER, policy=policy)
        while sim.step():
            pass
        same(sim.finish(), greenmig.run(PAPER, policy=policy))


def test_observation_first_step():
    sim = greenmig.Simulation(PAPER, policy="dvfs")
    assert sim.n_hosts == 100 and sim.n_vms == 290
    assert sim.step()
    o = sim.observe()
    i = sim.info()
    # first fit at t = 0: VM 0 on host 0, 1 and 2 on host 1; each VM has 128 MB. A VM whose
    # request touched 0 % is gone already (CloudSim's "completed VMs"): on no host
    assert list(o["vm_host"][:3]) == [0, 1, 1]
    assert (o["vm_ram_mb"] == 128).all()
    on = o["vm_host"] >= 0
    # ... those whose trace samples at 300 s and 600 s are both 0 (their request at 300.1 s,
    # interpolated between the two, is exactly 0): the first 290 traces in byte-wise order
    with gzip.open(os.path.join(SRCDIR, "traces", "planetlab", "20110303.csv.gz"), "rt") as f:
        rows = sorted(list(csv.reader(f))[1:], key=lambda r: r[0].encode())[:290]
    zero = [k for k, r in enumerate(rows) if int(r[2]) == 0 and int(r[3]) == 0]
    assert len(zero) == 13 and list(np.flatnonzero(~on)) == zero
    assert (o["vm_requested_mips"][~on] == 0).all()
    # the hosts' RAM used is their VMs' RAM
    used = np.bincount(o["vm_host"][on], weights=o["vm_ram_mb"][on], minlength=100)
    assert (o["host_ram_used_mb"] == used).all()
    # paper.ini's hosts: P(u) = 250 W x (0.7 + 0.3 u) when active, 0 W empty
    active = o["host_utilization"] > 0
    assert np.allclose(o["host_power_w"][active], 175 + 75 * o["host_utilization"][active], rtol=1e-13, atol=0)
    assert (o["host_power_w"][~active] == 0).all()
    # host i has type i mod 3 (1000, 2000, 3000 MIPS): utilization = allocated / capacity
    cap = np.array([1000.0, 2000.0, 3000.0])[np.arange(100) % 3]
    assert np.allclose(o["host_utilization"], o["host_allocated_mips"] / cap, rtol=0, atol=1e-12)
    # the step's terms are the observation's sums
    assert i["requested_mips"] == pytest.approx(o["vm_requested_mips"].sum(), rel=1e-12)
    unmet = np.clip(o["vm_requested_mips"] - o["vm_allocated_mips"], 0, None).sum()
    assert i["unmet_mips"] == pytest.approx(unmet, abs=1e-9)
    assert i["active_hosts"] == active.sum()
    assert i["t_s"] == 300.1 and i["migrations_total"] == 0
    # copy=False: the same arrays, refilled
    a = sim.observe(copy=False)
    assert a["vm_host"] is sim.observe(copy=False)["vm_host"]
    sim.close()


def test_migrations_by_the_agent():
    sim = greenmig.Simulation(PAPER, policy="dvfs")
    sim.step()
    o = sim.observe()
    vm, src = 0, int(o["vm_host"][0])
    dst = int(np.flatnonzero(o["host_state"] == greenmig.HOST_EMPTY)[0])
    sim.migrate(vm, dst)
    sim.step()
    assert sim.info()["migrations_started"] == 1
    o = sim.observe()
    assert o["vm_host"][vm] == dst and o["host_state"][dst] == greenmig.HOST_ACTIVE
    assert src != dst
    r = sim.finish()
    assert r.migrations == 1 and r.policy == "dvfs"
    assert r.timeline["migrations_started"].iloc[0] == 1


def test_dvfs_hosts_keep_their_vms_ram():
    # dvfs decides nothing at a step, so nothing of its allocation is redone: each host holds the
    # RAM of the VMs placed on it at creation at every stop, as in a plain run (before, the
    # wrapper's save and restore of the allocation re-created every VM, and a VM created on a
    # host once it exists asks for no RAM, CloudSim's getCurrentRequestedRam with
    # UtilizationModelNull: every host showed 0 MB from the second stop on). A VM the agent
    # migrates is created on its target so: it holds none there.
    sim = greenmig.Simulation(PAPER, policy="dvfs")
    for k in range(4):
        assert sim.step()
        o = sim.observe()
        held = np.zeros(sim.n_hosts, dtype=np.int64)
        on = o["vm_host"] >= 0
        on[0] = on[0] and k == 0  # (VM 0 migrates at the first stop)
        np.add.at(held, o["vm_host"][on], o["vm_ram_mb"][on])
        assert held.sum() > 0 and not o["vm_migrating"].any()
        assert (o["host_ram_used_mb"] == held).all(), k
        if k == 0:
            dst = int(np.flatnonzero(o["host_state"] == greenmig.HOST_EMPTY)[0])
            src = int(o["vm_host"][0])
            assert o["host_ram_used_mb"][src] > 0
            sim.migrate(0, dst)
    assert o["vm_host"][0] == dst and o["host_ram_used_mb"][dst] == 0
    sim.close()


def raises(fn, *args, match):
    with pytest.raises(greenmig.ActionError) as e:
        fn(*args)
    assert match in str(e.value), str(e.value)


def test_every_action_error():
    # h1000 hosts (0, 3, 6 ...) at 1000 Mbit/s: a migration to one lasts 128 MB / (1000 / 16000)
    # = 2048 s, longer than a step. 150 VMs leave empty hosts of every type.
    sim = greenmig.Simulation(PAPER, policy="dvfs", vms=150, set={"host.h1000.bw": 1000})
    raises(sim.migrate, 0, 1, match="not at a scheduling step")
    assert sim.step()
    o = sim.observe()
    raises(sim.migrate, 150, 1, match="gm_migrate: no VM 150 (150 VMs)")
    raises(sim.migrate, -1, 1, match="gm_migrate: no VM -1")
    raises(sim.migrate, 0, 100, match="gm_migrate: no host 100 (100 hosts)")
    raises(sim.migrate, 0, int(o["vm_host"][0]), match="gm_migrate: VM 0 is on host %d already" % o["vm_host"][0])
    gone = int(np.flatnonzero(o["vm_host"] < 0)[0])
    raises(sim.migrate, gone, 1, match="gm_migrate: VM %d is on no host" % gone)
    empty = np.flatnonzero(o["host_state"] == greenmig.HOST_EMPTY)
    slow = int([h for h in empty if h % 3 == 0][0])
    other = int([h for h in empty if h % 3 != 0][0])
    sim.migrate(1, slow)
    raises(sim.migrate, 1, other, match="gm_migrate: VM 1 is scheduled to migrate at this step already")
    h0 = int(o["vm_host"][0])
    raises(sim.switch_off, h0, match="gm_switch_off: host %d has VMs" % h0)
    raises(sim.switch_off, 100, match="gm_switch_off: no host 100")
    raises(sim.switch_on, -2, match="gm_switch_on: no host -2")
    sim.switch_off(other)
    assert sim.observe()["host_state"][other] == greenmig.HOST_HELD_OFF
    raises(sim.migrate, 2, other, match="gm_migrate: host %d is held off" % other)
    assert sim.step()
    assert sim.observe()["vm_migrating"][1] == 1
    raises(sim.migrate, 1, other, match="gm_migrate: VM 1 is migrating already")
    raises(sim.switch_off, slow, match="gm_switch_off: host %d has VMs" % slow)  # one on its way
    sim.switch_on(other)
    sim.migrate(2, other)
    sim.close()
    raises(sim_over, match="the run is over")


def sim_over():
    sim = greenmig.Simulation(PAPER, policy="dvfs", set={"vms": 5})
    while sim.step():
        pass
    sim.migrate(0, 1)


def test_storage_error():
    # h3000 hosts (2, 5, 8 ...) with 1000 MB of storage, less than a VM's 2500 MB image: no VM
    # is created on one (a VM whose first fit is one is left unplaced), none may migrate there
    sim = greenmig.Simulation(PAPER, policy="dvfs", set={"host.h3000.storage_mb": 1000})
    sim.step()
    o = sim.observe()
    assert not np.isin(np.arange(2, 100, 3), o["vm_host"]).any()
    v = int(np.flatnonzero(o["vm_host"] >= 0)[0])
    raises(sim.migrate, v, 98, match="gm_migrate: VM %d's image (2500 MB) is larger than host 98's storage" % v)
    sim.close()


@pytest.mark.parametrize("day", ["20110303", "20110409"])
def test_lr_mmt_no_actions_equals_cli(day):
    # CloudSim's own loop (lr's detector, mmt's selection, best fit) runs after the stop at each
    # step: stepped without an action it is `greenmig run`'s run, every stats column to the bit
    wait = cli_stats_start(PAPER, "--policy", "lr", "--selection", "mmt", "--day", day)
    sim = greenmig.Simulation(PAPER, policy="lr", selection="mmt", day=day)
    stops = 0
    while sim.step():
        stops += 1
        sim.observe(copy=False)
    r = sim.finish()
    names, texts = wait()
    assert stops == 287
    assert r.columns == names and [r.text(c) for c in names] == texts
    assert r.policy == "lr"


def test_loop_policy_with_actions():
    # thr: hosts held off at every step (each host once empty) never get a VM from the loop;
    # VMs moved by the caller come on top of the loop's migrations of the step
    run = greenmig.run(PAPER, policy="thr", day="20110303", timeline=True)
    sim = greenmig.Simulation(PAPER, policy="thr", day="20110303")
    assert sim.step()
    o = sim.observe()
    v, to = 0, int(np.flatnonzero(o["host_state"] == greenmig.HOST_EMPTY)[-1])
    assert o["vm_host"][v] != to
    sim.migrate(v, to)
    assert sim.step()
    assert sim.info()["migrations_started"] == 1 + run.timeline["migrations_started"].iloc[0]
    held = set()
    while True:
        o = sim.observe(copy=False)
        assert not np.isin(o["vm_host"], sorted(held)).any()
        assert (o["host_state"][sorted(held)] == greenmig.HOST_HELD_OFF).all()
        for h in np.flatnonzero(o["host_state"] == greenmig.HOST_EMPTY):
            sim.switch_off(int(h))
            held.add(int(h))
        if not sim.step():
            break
    r = sim.finish()
    assert len(held) > 50 and r.migrations < run.migrations


def test_refused_simulations():
    with pytest.raises(greenmig.GreenmigError) as e:
        greenmig.Simulation(PAPER, policy="dvfs", set={"simulation.model": "2010"})
    assert "CloudSim 3.0.3's engine" in str(e.value)
    with pytest.raises(greenmig.GreenmigError):
        greenmig.Simulation(PAPER, policy="nosuch")


def test_closed_and_finished():
    sim = greenmig.Simulation(PAPER, policy="dvfs")
    sim.step()
    r = sim.finish()  # the rest without stopping
    same(r, greenmig.run(PAPER, policy="dvfs"))
    with pytest.raises(greenmig.GreenmigError):
        sim.step()
    # freed in the middle of a run (stopped in a step): the run is dropped
    s2 = greenmig.Simulation(PAPER, policy="dvfs")
    for _ in range(3):
        s2.step()
    s2.close()
    del s2


STATES = os.path.join(SRCDIR, "examples", "paper-states.ini")


@pytest.mark.parametrize("idle", ["off", "sleep"])
def test_power_states_observed(idle):
    # examples/paper-states.ini: boot 150 s at 120 W, shutdown 7 s at 110 W, off 10 W, suspend
    # 1 s at 175 W, asleep 9.75 W, wake 10 s at 120 W; here boot and wake of the h1000 hosts
    # (0, 3, 6 ...) last 400 s and every shutdown and suspend 1000 s, so that the stops see them
    s = {"power.idle_state": idle, "host.h1000.boot_s": 400, "host.h1000.wake_s": 400}
    for t in ("h1000", "h2000", "h3000"):
        s["host.%s.shutdown_s" % t] = 1000
        s["host.%s.suspend_s" % t] = 1000
    sim = greenmig.Simulation(STATES, policy="dvfs", set=s)
    down, down_w = (greenmig.HOST_OFF, 10.0) if idle == "off" else (greenmig.HOST_ASLEEP, 9.75)
    assert sim.step()
    o = sim.observe()
    # at 300.1 s: the hosts first fit left without a VM went to the idle state at t = 0; those
    # with VMs are on and draw at least their idle power, 175 + 75 u W, even at 0 %
    on = np.isin(np.arange(100), o["vm_host"])
    assert (o["host_state"][on] == greenmig.HOST_ACTIVE).all()
    assert np.allclose(o["host_power_w"][on], 175 + 75 * o["host_utilization"][on], rtol=1e-13, atol=0)
    assert (o["host_state"][~on] == down).all() and (o["host_power_w"][~on] == down_w).all()
    # a VM alone on its host to an h1000 host that is down: the target comes up first
    count = np.bincount(o["vm_host"][o["vm_host"] >= 0], minlength=100)
    v = int(np.flatnonzero((o["vm_host"] >= 0) & (count[np.maximum(o["vm_host"], 0)] == 1))[0])
    src = int(o["vm_host"][v])
    to = int(np.flatnonzero(~on & (np.arange(100) % 3 == 0))[0])
    sim.migrate(v, to)
    sim.switch_off(int(np.flatnonzero(~on)[-1]))  # held off and down: its power state shows
    assert sim.step()  # 600.1 s: the target boots (or wakes) from 300.1 to 700.1 s
    o = sim.observe()
    up = greenmig.HOST_BOOTING if idle == "off" else greenmig.HOST_WAKING
    assert o["host_state"][to] == up and o["host_power_w"][to] == 120
    assert o["vm_host"][v] == src and o["vm_migrating"][v] == 1
    assert o["host_state"][np.flatnonzero(~on)[-1]] == down
    assert sim.step()  # 900.1 s: the VM is on the target; its source, empty since, goes down
    o = sim.observe()
    assert o["vm_host"][v] == to and o["host_state"][to] == greenmig.HOST_ACTIVE
    going = greenmig.HOST_SHUTTING_DOWN if idle == "off" else greenmig.HOST_SUSPENDING
    assert o["host_state"][src] == going
    assert o["host_power_w"][src] == (110 if idle == "off" else 175)
    for _ in range(3):  # 1800.1 s: the 1000 s transition is over
        assert sim.step()
    o = sim.observe()
    assert o["host_state"][src] == down and o["host_power_w"][src] == down_w
    assert [greenmig.HOST_STATES[k] for k in (3, 4, 5, 6, 7, 8)] == [
        "off", "booting", "waking", "shutting_down", "suspending", "asleep"]
    sim.close()


def test_imports_and_memoryview_observations():
    # `import greenmig` imports neither numpy nor pandas (a run does not need them), nor does a
    # simulation observed as memoryviews; the first numpy observation imports numpy
    code = """
import sys, greenmig
mods = lambda: [m for m in ("numpy", "pandas") if m in sys.modules]
assert mods() == [], mods()
r = greenmig.run(sys.argv[1], policy="dvfs", vms=20)
sim = greenmig.Simulation(sys.argv[1], policy="dvfs", vms=20)
while sim.step():
    o = sim.observe(numpy=False)
sim.finish()
assert mods() == [], mods()
print("ok", r.energy_kwh)
"""
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c", code, PAPER], check=True, stdout=subprocess.PIPE, text=True).stdout
    assert out.startswith("ok ")
    sim = greenmig.Simulation(PAPER, policy="lr")
    for _ in range(3):
        sim.step()
    mv, own = sim.observe(numpy=False), sim.observe(numpy=False, copy=False)
    arr, view = sim.observe(), sim.observe(copy=False)
    assert list(mv) == list(arr) == [
        "host_state", "host_utilization", "host_requested_mips", "host_allocated_mips", "host_power_w",
        "host_ram_used_mb", "vm_host", "vm_requested_mips", "vm_allocated_mips", "vm_ram_mb", "vm_migrating"]
    for k in mv:
        assert mv[k].format == arr[k].dtype.char or (mv[k].format, arr[k].dtype.char) == ("l", "q")
        assert mv[k].tolist() == arr[k].tolist()
    assert arr["host_state"].dtype == np.int32 and arr["vm_ram_mb"].dtype == np.int64
    assert arr["vm_migrating"].dtype == np.uint8 and len(mv["vm_host"]) == 290
    # the views are the simulation's memory: the next observation overwrites them, not the copies
    sim.step()
    sim.observe(copy=False)
    new = sim.observe()
    assert own["host_utilization"].tolist() == new["host_utilization"].tolist()
    assert (view["host_utilization"] == new["host_utilization"]).all()
    assert mv["host_utilization"].tolist() != new["host_utilization"].tolist()
    sim.close()
