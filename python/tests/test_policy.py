"""Python policies run by the C engine: THR + MMT written in Python is the built-in, to the bit."""
import pytest

import greenmig
from conftest import PAPER, load_example


# THR + MMT in Python is examples/python/thr_mmt.py's policy itself (imported, not copied): the
# example registers it as "py-thr"
PyThr = load_example("thr_mmt.py").PyThr


def same(a, b, skip=("policy", "selection")):
    assert a.columns == b.columns
    for c in a.columns:
        if c not in skip:
            assert a.text(c) == b.text(c), c


@pytest.mark.parametrize("day", ["20110303", "20110306"])
def test_python_thr_mmt_equals_builtin(day):
    py = greenmig.run(PAPER, policy="py-thr", day=day)
    c = greenmig.run(PAPER, policy="thr", selection="mmt", day=day)
    assert py.policy == "py-thr" and py.migrations > 100
    same(py, c)


def test_python_thr_param():
    py = greenmig.run(PAPER, policy="py-thr", param="0.7")
    same(py, greenmig.run(PAPER, policy="thr", param="0.7"))
    assert py.param == 0.7


class Spread(greenmig.Policy):
    """No migrations; each VM on the host with the fewest VMs (a place hook)."""
    name = "py-spread"
    migrations = False

    def place(self, vm):
        c = self.ctx
        best = min((h for h in range(c.host_count) if c.host_is_suitable(h, vm)),
                   key=lambda h: (len(c.host_vms(h)), h), default=-1)
        return best


class Evacuate(greenmig.Policy):
    """An optimize hook: at each step, the first VM of the least-loaded active host moves to the
    busiest host that takes it (a toy consolidation)."""
    name = "py-evacuate"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.steps = 0

    def optimize(self):
        c = self.ctx
        self.steps += 1
        active = [h for h in range(c.host_count) if c.host_vms(h)]
        if len(active) < 2:
            return
        low = min(active, key=lambda h: (c.host_utilization(h), h))
        vm = c.host_vms(low)[0]
        for h in sorted(active, key=lambda h: (-c.host_utilization(h), h)):
            if h != low and c.host_is_suitable(h, vm) and not c.vm_migrating(vm):
                c.migrate(vm, h)
                return


class Careful(greenmig.Policy):
    """An optimize hook whose refused actions raise ActionError, and counters."""
    name = "py-careful"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.refused = []
        self.optimized = 0

    def optimize(self):
        c = self.ctx
        self.optimized += 1
        for vm, host in ((c.vm_count, 0), (0, c.host_count), (0, c.vm_host(0))):
            try:
                c.migrate(vm, host)
            except greenmig.ActionError as e:
                self.refused.append(str(e))
        if self.optimized == 1:
            assert self.refused == ["gm_migrate: no VM 290 (290 VMs)", "gm_migrate: no host 100 (100 hosts)",
                                    "gm_migrate: VM 0 is on host %d already" % c.vm_host(0)]

    def counts(self):
        return {"placement_invocations": self.optimized, "hosts_retired": len(self.refused)}


class Broken(greenmig.Policy):
    name = "py-broken"
    migrations = False

    def place(self, vm):
        if vm == 3:
            raise ZeroDivisionError("VM 3 does not fit my model")
        return self.ctx.first_fit(vm)


for cls in (Spread, Evacuate, Careful, Broken):
    greenmig.register(cls)


def test_place_hook():
    r = greenmig.run(PAPER, policy="py-spread", timeline=True)
    # 290 VMs over 100 hosts, fewest first: every host gets 2 or 3 at t = 0
    assert r.migrations == 0 and r.unplaced_vms == 0
    assert r.timeline["active_hosts"].iloc[0] == 100


def test_optimize_hook_and_simulation():
    r = greenmig.run(PAPER, policy="py-evacuate")
    assert 0 < r.migrations <= 287  # at most one per step
    # the same policy under an agent that does nothing: the same run
    sim = greenmig.Simulation(PAPER, policy="py-evacuate")
    while sim.step():
        pass
    same(sim.finish(), r, skip=())


def test_actions_refused_in_a_hook_and_counts():
    r = greenmig.run(PAPER, policy="py-careful")
    # one optimize per scheduling step, three refusals each; the counters are stats columns
    assert r.migrations == 0 and r.steps == 287
    assert r.placement_invocations == 287 and r.hosts_retired == 3 * 287


def test_hook_exception_is_raised():
    with pytest.raises(ZeroDivisionError, match="VM 3 does not fit my model"):
        greenmig.run(PAPER, policy="py-broken")
    with pytest.raises(ZeroDivisionError):
        sim = greenmig.Simulation(PAPER, policy="py-broken")
    # the engine's own message names the policy and the exception
    with pytest.raises(greenmig.GreenmigError):
        greenmig.run(PAPER, policy="py-nosuch")


def test_registration_checks():
    class NoName(greenmig.Policy):
        pass
    with pytest.raises(greenmig.GreenmigError):
        greenmig.register(NoName)

    class BadName(greenmig.Policy):
        name = "bad name!"
    with pytest.raises(greenmig.GreenmigError) as e:
        greenmig.register(BadName)
    assert "bad name!" in str(e.value)
    assert greenmig.register(PyThr) is PyThr  # twice: registered once
