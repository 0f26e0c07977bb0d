"""Simulation: a CloudSim 3.0.3 engine run stepped from Python (greenmig/simulation.h)."""
from . import policy as _policy
from ._api import ActionError, ERR_LEN, GreenmigError, err_buf, err_text, experiment, ffi, lib
from .results import result_of

# host_state's codes (enum gm_sim_host_state): 0-2 for a host that is on; with [power] states on
# (doc/power-states.md) a host that is not on has its power state, 3-8, held off or not
HOST_EMPTY, HOST_ACTIVE, HOST_HELD_OFF = 0, 1, 2
HOST_OFF, HOST_BOOTING, HOST_WAKING, HOST_SHUTTING_DOWN, HOST_SUSPENDING, HOST_ASLEEP = 3, 4, 5, 6, 7, 8
HOST_STATES = ("empty", "active", "held_off", "off", "booting", "waking", "shutting_down", "suspending",
               "asleep")
"""host_state's codes by name: HOST_STATES[code] is the name of code."""


# (observation key, struct field, C type) of struct gm_sim_hosts and struct gm_sim_vms
_HOST_FIELDS = (("host_state", "state", "int"), ("host_utilization", "utilization", "double"),
                ("host_requested_mips", "requested_mips", "double"),
                ("host_allocated_mips", "allocated_mips", "double"), ("host_power_w", "power_w", "double"),
                ("host_ram_used_mb", "ram_used_mb", "long"))
_VM_FIELDS = (("vm_host", "host", "int"), ("vm_requested_mips", "requested_mips", "double"),
              ("vm_allocated_mips", "allocated_mips", "double"), ("vm_ram_mb", "ram_mb", "long"),
              ("vm_migrating", "migrating", "unsigned char"))
_FORMAT = {"int": "i", "double": "d", "long": "l", "unsigned char": "B"}


class Simulation:
    """A run stepped by the caller, stopping at each scheduling step (every 300 s of simulated
    time) after the hosts' update and before the step's migrations start.

        sim = greenmig.Simulation("examples/paper.ini", policy="dvfs")
        while sim.step():
            obs = sim.observe()            # numpy arrays, filled by the C library
            sim.migrate(vm, host)          # checked by the engine: ActionError if refused
        result = sim.finish()              # a Result, as run() gives

    exp: a path or an Experiment; policy: the policy the run runs (default: the experiment's),
    any of CloudSim 3.0.3's engine: the caller acts first at each step, then the policy decides
    as in a run (its optimize hook, or CloudSim's loop of detector, VM selection and best fit for
    thr, iqr, mad, lr, lrr; nothing for dvfs, npa). Other keywords change the experiment as
    run()'s do. Stepped to the end without an action, a Simulation gives its policy's run to the
    bit (tested for dvfs and lr + mmt).
    """

    def __init__(self, exp, policy=None, set=None, **overrides):
        e = experiment(exp, set=set, **overrides)
        err = err_buf()
        _policy.begin_run()
        p = lib.gm_sim_create(e._p, policy.encode() if policy is not None else ffi.NULL, err, ERR_LEN)
        if p == ffi.NULL:
            self._raise(err)
        self._p = p
        self.n_hosts = lib.gm_sim_host_count(p)
        self.n_vms = lib.gm_sim_vm_count(p)
        # the observation's arrays: C memory the library fills, seen as numpy arrays or
        # memoryviews without a copy (numpy is imported at the first numpy observation only)
        self._c_hosts = ffi.new("struct gm_sim_hosts *")
        self._c_vms = ffi.new("struct gm_sim_vms *")
        self._c_arrays = {}
        for owner, n, fields in ((self._c_hosts, self.n_hosts, _HOST_FIELDS), (self._c_vms, self.n_vms, _VM_FIELDS)):
            for key, field, ctype in fields:
                a = ffi.new("%s[]" % ctype, max(n, 1))
                setattr(owner, field, a)
                self._c_arrays[key] = (a, n, ctype)
        self._views = {k: memoryview(ffi.buffer(a, n * ffi.sizeof(c))).cast(_FORMAT[c])
                       for k, (a, n, c) in self._c_arrays.items()}
        self._np = None
        self._info = ffi.new("struct gm_sim_step_info *")
        self._err = err_buf()

    def _raise(self, err):
        exc = _policy.end_run()
        if exc is not None:
            raise exc
        raise GreenmigError(err_text(err))

    def _live(self):
        if self._p is None:
            raise GreenmigError("the simulation is closed")
        return self._p

    def step(self):
        """Runs to the next scheduling step (the actions taken before start first). True: stopped
        at a step; False: the run is over. A failed run raises GreenmigError."""
        r = lib.gm_sim_step(self._live(), self._err, ERR_LEN)
        if r < 0:
            self._raise(self._err)
        return r == 1

    @property
    def time(self):
        """Simulated time of the current step, s (0 before the first)."""
        return lib.gm_sim_time(self._live())

    @property
    def done(self):
        """Whether the run is over."""
        return bool(lib.gm_sim_done(self._live()))

    @property
    def steps(self):
        """Scheduling steps stopped at so far."""
        return lib.gm_sim_steps(self._live())

    def observe(self, copy=True, numpy=True):
        """The observation now: a dict of arrays, one value per host (``host_state``: 0 on and
        empty, 1 on and active, 2 on and held off; with [power] states, a host not on has its
        power state: 3 off, 4 booting, 5 waking, 6 shutting down, 7 suspending, 8 asleep
        (HOST_STATES names them); ``host_utilization`` 0..1; ``host_requested_mips``;
        ``host_allocated_mips``; ``host_power_w`` (with power states, its state's power);
        ``host_ram_used_mb``) or per VM (``vm_host``, -1 on none; ``vm_requested_mips``;
        ``vm_allocated_mips``; ``vm_ram_mb``; ``vm_migrating``), filled by the C library in one
        pass. numpy=True: numpy arrays (int32, float64, int64, uint8); numpy=False: typed
        memoryviews of the same values (formats i, d, l, B), without importing numpy. copy=False
        gives views of the simulation's own memory (overwritten by the next observe),
        copy=True one copy of each.
        """
        p = self._live()
        lib.gm_sim_hosts_observe(p, self._c_hosts)
        lib.gm_sim_vms_observe(p, self._c_vms)
        if not numpy:
            if copy:
                return {k: memoryview(bytearray(v)).cast(v.format) for k, v in self._views.items()}
            return dict(self._views)
        if self._np is None:
            import numpy as np
            self._np = {k: np.frombuffer(v, dtype=np.dtype(v.format)) for k, v in self._views.items()}
        if copy:
            return {k: a.copy() for k, a in self._np.items()}
        return dict(self._np)

    def info(self):
        """The step's energy and SLA terms (a dict): ``t_s``; ``energy_kwh`` since the previous
        step and ``energy_total_kwh``; ``requested_mips`` and ``unmet_mips`` (requested but not
        allocated, over the VMs) now; ``saturated_hosts`` (VMs asking more than the host has);
        ``active_hosts``; ``migrations_started`` at the previous step, ``migrations_total``."""
        lib.gm_sim_info(self._live(), self._info)
        i = self._info
        return {"t_s": i.t_s, "energy_kwh": i.energy_kwh, "energy_total_kwh": i.energy_total_kwh,
                "requested_mips": i.requested_mips, "unmet_mips": i.unmet_mips,
                "saturated_hosts": i.saturated_hosts, "active_hosts": i.active_hosts,
                "migrations_started": i.migrations_started, "migrations_total": i.migrations_total}

    def migrate(self, vm, host):
        """Starts migrating vm to host at this step. ActionError (the engine's message) if
        refused: no such VM or host, VM not placed, migrating or scheduled already, on that host
        already, host held off, image larger than its storage, not at a step, run over."""
        if lib.gm_sim_migrate(self._live(), int(vm), int(host), self._err, ERR_LEN) != 0:
            raise ActionError(err_text(self._err))

    def switch_off(self, host):
        """Holds an empty host off (no placement or migration to it until switch_on).
        ActionError if refused (no such host, it has VMs, not at a step)."""
        if lib.gm_sim_switch_off(self._live(), int(host), self._err, ERR_LEN) != 0:
            raise ActionError(err_text(self._err))

    def switch_on(self, host):
        """Lets a held-off host take VMs again. ActionError if refused."""
        if lib.gm_sim_switch_on(self._live(), int(host), self._err, ERR_LEN) != 0:
            raise ActionError(err_text(self._err))

    def finish(self):
        """Runs the rest without stopping and returns the run's Result (timeline included);
        closes the simulation."""
        p = self._live()
        r = lib.gm_sim_finish(p, self._err, ERR_LEN)
        try:
            if r == ffi.NULL:
                self._raise(self._err)
            return result_of(r, timeline=True)
        finally:
            self.close()

    def close(self):
        """Stops the run wherever it is and frees it."""
        if self._p is not None:
            lib.gm_sim_free(self._p)
            self._p = None

    def __del__(self):
        if getattr(self, "_p", None) is not None:
            self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
