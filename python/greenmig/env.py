"""Env: a Simulation as a reinforcement-learning environment with Gymnasium's signature (no
dependency on gymnasium)."""
from ._api import ActionError
from .simulation import Simulation


class Env:
    """``reset() -> (observation, info)`` and ``step(action) -> (observation, reward,
    terminated, truncated, info)``, as Gymnasium's Env, over a Simulation: one step of the
    environment is one scheduling step (300 s).

    observation: the dict of numpy arrays of ``Simulation.observe()`` (per host and per VM).
    action: None or ``[]`` (nothing), or a list of actions taken at this step, each
    ``(vm, host)`` or ``("migrate", vm, host)``, ``("switch_off", host)``, ``("switch_on",
    host)``. A refused action does not stop the episode: info["refused"] lists the engine's
    messages and each costs ``refused_weight``.

    reward (of the step, after the actions): ``-(energy_weight * energy_kwh + sla_weight *
    unmet_fraction + migration_weight * migrations + refused_weight * refused)``, where
    energy_kwh is the energy since the previous step, unmet_fraction the share of the VMs'
    requested MIPS not allocated at the new step (0 when nothing is requested), migrations the
    migrations the step's actions started. terminated: the run is over; truncated: never (a
    trace day ends the episode).

    info: the Simulation's ``info()`` (energy, SLA terms, time) and "refused".

    policy: the policy the episodes run (any of CloudSim 3.0.3's engine): the agent acts first at
    each step, then the policy's own step (nothing for dvfs, the default; CloudSim's loop for
    thr ... lrr), as in Simulation.
    """

    def __init__(self, exp, policy="dvfs", energy_weight=1.0, sla_weight=1.0, migration_weight=0.0,
                 refused_weight=0.0, set=None, **overrides):
        self.exp = exp
        self.policy = policy
        self.energy_weight = energy_weight
        self.sla_weight = sla_weight
        self.migration_weight = migration_weight
        self.refused_weight = refused_weight
        self.set = set
        self.overrides = overrides
        self.sim = None

    def reset(self, seed=None, options=None):
        """Starts a new episode (a new run; seed sets the experiment's policy.seed) and returns
        the observation at its first scheduling step and the info."""
        if self.sim is not None:
            self.sim.close()
        over = dict(self.overrides)
        if seed is not None:
            over["seed"] = seed
        self.sim = Simulation(self.exp, policy=self.policy, set=self.set, **over)
        self.sim.step()
        info = self.sim.info()
        info["refused"] = []
        return self.sim.observe(), info

    @property
    def n_hosts(self):
        """Hosts of the current episode's datacenter (after reset)."""
        return self.sim.n_hosts

    @property
    def n_vms(self):
        """VMs of the current episode (after reset)."""
        return self.sim.n_vms

    def step(self, action):
        """Takes the actions, runs to the next scheduling step; see the class."""
        sim = self.sim
        refused = []
        started = 0
        for a in action or []:
            try:
                if len(a) == 2 and not isinstance(a[0], str):
                    sim.migrate(a[0], a[1])
                    started += 1
                elif a[0] == "migrate":
                    sim.migrate(a[1], a[2])
                    started += 1
                elif a[0] == "switch_off":
                    sim.switch_off(a[1])
                elif a[0] == "switch_on":
                    sim.switch_on(a[1])
                else:
                    raise ValueError("unknown action %r" % (a,))
            except ActionError as e:
                refused.append(str(e))
        more = sim.step()
        info = sim.info()
        info["refused"] = refused
        unmet = info["unmet_mips"] / info["requested_mips"] if info["requested_mips"] > 0 else 0.0
        reward = -(self.energy_weight * info["energy_kwh"] + self.sla_weight * unmet +
                   self.migration_weight * started + self.refused_weight * len(refused))
        return sim.observe(), reward, not more, False, info

    def close(self):
        """Ends the current episode's run."""
        if self.sim is not None:
            self.sim.close()
            self.sim = None
