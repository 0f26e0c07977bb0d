"""Python policies: a class with the hooks of the C policy interface (greenmig/policy.h), which
the C engine runs through the policy registration API, for prototyping.

    class Thr(greenmig.Policy):
        name = "py-thr"
        n_params, param_min, param_max, default_param = 1, 0.0, 1.0, "0.8"

        def overloaded(self, host):
            c = self.ctx
            return c.host_requested_mips(host) / c.host_total_mips(host) > c.param(0)

    greenmig.register(Thr)
    greenmig.run("examples/paper.ini", policy="py-thr")

Hosts and VMs are ids (0 .. n - 1); ``self.ctx`` (a Context) reads the datacenter and takes the
actions. A hook the class does not define is left to the engine, as a C policy's NULL hook is.
"""
import math
import threading

from ._api import GreenmigError, ActionError, ERR_LEN, err_buf, err_text, ffi, lib

HOOKS = ("place", "overloaded", "overloaded_bound", "select", "target", "optimize", "vm_left", "counts")
COUNTS = ("hosts_retired", "hosts_evacuated", "hosts_drained", "placement_invocations", "placement_hosts_sum",
          "placement_planned", "placement_done", "placement_infeasible")


class Context:
    """One run of a policy as its hooks see it (``gm_ctx``): parameters, time, the datacenter
    (hosts and VMs by id) and the actions. Valid during the run only."""

    def __init__(self, p):
        self._p = p
        self._dc = lib.gm_ctx_datacenter(p)
        self.host_count = lib.gm_dc_host_count(self._dc)
        self.vm_count = lib.gm_dc_vm_count(self._dc)
        self._hosts = [lib.gm_dc_host(self._dc, h) for h in range(self.host_count)]
        self._vms = [lib.gm_dc_vm(self._dc, v) for v in range(self.vm_count)]

    # the run
    def param(self, i):
        """The i-th parameter of the policy (NaN if out of range)."""
        return lib.gm_ctx_param(self._p, i)

    @property
    def param_count(self):
        """How many parameters the run's policy has."""
        return lib.gm_ctx_param_count(self._p)

    @property
    def now(self):
        """Simulated time, s."""
        return lib.gm_ctx_now(self._p)

    @property
    def interval(self):
        """The scheduling interval, s."""
        return lib.gm_ctx_interval(self._p)

    def random(self):
        """Uniform in [0, 1) from the run's seed."""
        return lib.gm_ctx_random(self._p)

    def setting(self, section_key):
        """An experiment setting ("placement.window_s") as the file writes it, or None."""
        buf = ffi.new("char[]", 1024)
        if lib.gm_ctx_setting(self._p, section_key.encode(), buf, 1024) != 0:
            return None
        return ffi.string(buf).decode()

    # hosts
    def host_total_mips(self, h):
        """Its capacity: PEs x MIPS per PE."""
        return lib.gm_host_total_mips(self._hosts[h])

    def host_pes(self, h):
        """Its processing elements (cores)."""
        return lib.gm_host_pes(self._hosts[h])

    def host_ram_mb(self, h):
        """Its RAM, MB."""
        return lib.gm_host_ram_mb(self._hosts[h])

    def host_ram_free_mb(self, h):
        """Its RAM not held by VMs, MB."""
        return lib.gm_host_ram_free_mb(self._hosts[h])

    def host_available_mips(self, h):
        """The MIPS its VM scheduler has free."""
        return lib.gm_host_available_mips(self._hosts[h])

    def host_utilization(self, h):
        """CPU utilization 0..1 as of the last update."""
        return lib.gm_host_utilization(self._hosts[h])

    def host_utilization_mips(self, h):
        """Its allocated MIPS as of the last update."""
        return lib.gm_host_utilization_mips(self._hosts[h])

    def host_requested_mips(self, h):
        """The sum of the current requests of the VMs on its list (tentative ones included)."""
        return lib.gm_host_requested_mips(self._dc, self._hosts[h])

    def host_history(self, h):
        """Its utilization history, newest first."""
        out = ffi.new("double[30]")
        n = lib.gm_host_history(self._dc, self._hosts[h], out)
        return [out[i] for i in range(n)]

    def host_power(self, h, utilization):
        """Its power model at a utilization, W."""
        return lib.gm_host_power(self._hosts[h], utilization)

    def host_vms(self, h):
        """The VMs on its list, in list order."""
        hp = self._hosts[h]
        return [lib.gm_vm_id(lib.gm_host_vm(self._dc, hp, i)) for i in range(lib.gm_host_vm_count(hp))]

    def host_migrating_in(self, h):
        """The VMs on their way to it."""
        return lib.gm_host_migrating_in(self._hosts[h])

    def host_is_suitable(self, h, vm):
        """Whether vm fits on it now (CPU, RAM, bandwidth, storage as CloudSim checks)."""
        return bool(lib.gm_host_is_suitable(self._dc, self._hosts[h], self._vms[vm]))

    def host_is_held_off(self, h):
        """Whether switch_off holds it off."""
        return bool(lib.gm_host_is_held_off(self._p, h))

    # VMs
    def vm_host(self, v):
        """Its host, or -1."""
        return lib.gm_vm_host(self._vms[v])

    def vm_ram_mb(self, v):
        """Its RAM, MB."""
        return lib.gm_vm_ram_mb(self._vms[v])

    def vm_mips(self, v):
        """Its MIPS per PE."""
        return lib.gm_vm_mips(self._vms[v])

    def vm_requested_mips(self, v):
        """Its current request, all PEs."""
        return lib.gm_vm_requested_mips(self._vms[v])

    def vm_allocated_mips(self, v):
        """What its host gives it now (0 on none)."""
        return lib.gm_vm_allocated_mips(self._dc, self._vms[v])

    def vm_migrating(self, v):
        """Whether it is migrating now."""
        return bool(lib.gm_vm_migrating(self._vms[v]))

    def vm_placed(self, v):
        """Whether it was placed (and not gone since)."""
        return bool(lib.gm_vm_placed(self._vms[v]))

    def vm_history(self, v):
        """Its utilization history, newest first."""
        n = ffi.new("int *")
        p = lib.gm_vm_history(self._vms[v], n)
        return [p[i] for i in range(n[0])]

    def vm_utilization_at(self, v, t):
        """Its trace's utilization 0..1 at time t (s), past or future."""
        return lib.gm_vm_utilization_at(self._vms[v], t)

    # actions
    def _act(self, rc):
        if rc < 0:
            raise ActionError(ffi.string(lib.gm_ctx_error(self._p)).decode())
        return rc

    def migrate(self, vm, host):
        """Starts migrating vm to host at the end of this step (optimize). ActionError if refused."""
        self._act(lib.gm_migrate(self._p, vm, host))

    def move_tentatively(self, vm, host):
        """Moves vm in the view for the rest of this step (host -1: off its host)."""
        self._act(lib.gm_move_tentatively(self._p, vm, host))

    def best_fit(self, vm, excluded=None):
        """CloudSim's power-aware best fit for vm, or -1."""
        ex = ffi.NULL if excluded is None else ffi.from_buffer("unsigned char[]", excluded)
        return lib.gm_best_fit(self._p, self._vms[vm], ex)

    def first_fit(self, vm):
        """The first suitable host in id order, or -1 (also in place)."""
        return lib.gm_first_fit(self._p, self._vms[vm])

    def switch_off(self, host):
        """Holds an empty host off until switch_on (optimize). ActionError if refused."""
        self._act(lib.gm_switch_off(self._p, host))

    def switch_on(self, host):
        """Lets a held-off host take VMs again (optimize). ActionError if refused."""
        self._act(lib.gm_switch_on(self._p, host))


class Policy:
    """The base class of Python policies. Class attributes describe it (as ``struct gm_policy``):
    ``name`` (required: letters, digits, ``_-+``), ``summary``, ``n_params``, ``param_min``,
    ``param_max``, ``params_increasing``, ``param_help``, ``default_param``, ``migrations``
    (False: no optimization step), ``energy`` ("utilization" or "max_power").

    Hooks (define those you need; ids for hosts and VMs; ``self.ctx`` is the run's Context):
    ``place(vm) -> host or -1``; ``overloaded(host) -> bool`` or ``(bool, metric)``;
    ``overloaded_bound(host, vm) -> 1, 0 or -1``; ``select(host) -> vm or -1``;
    ``target(vm, excluded) -> host or -1`` (excluded: a numpy uint8 array per host, or None);
    ``optimize()`` (a whole step: ``self.ctx.migrate(vm, host)`` ...); ``vm_left(host)``;
    ``counts() -> dict`` of the counters that become stats columns (``hosts_retired``,
    ``hosts_evacuated``, ``hosts_drained``, ``placement_invocations``, ``placement_hosts_sum``,
    ``placement_planned``, ``placement_done``, ``placement_infeasible``; the others are 0).
    One object per run, made by the engine: ``__init__(self, ctx)``.
    """

    name = None
    summary = "a Python policy"
    n_params = 0
    param_min = 0.0
    param_max = 0.0
    params_increasing = False
    param_help = None
    default_param = None
    migrations = True
    energy = "utilization"

    def __init__(self, ctx):
        self.ctx = ctx


# What the C side holds: per slot the class, its struct gm_policy and strings (kept alive).
_slots = []
_live = {}           # handle address -> (policy object, handle)
_lock = threading.Lock()
# The first exception of a hook since begin_run (on any thread: a sweep's runs go on several),
# raised by run() or Simulation once the engine has returned.
_exc = [None]


def begin_run():
    """Forgets the exception of a previous run's hooks (called before each run and simulation)."""
    _exc[0] = None


def end_run():
    """The exception a Python policy's hook raised during the run just ended (None if none), forgotten."""
    exc = _exc[0]
    _exc[0] = None
    return exc


def _fail(ctx, exc):
    """Ends the run (gm_ctx_fail); the exception is kept for the caller."""
    if _exc[0] is None:
        _exc[0] = exc
    msg = ffi.new("char[]", ("Python %s: %s" % (type(exc).__name__, exc)).encode("utf-8", "replace"))
    lib.gm_ctx_fail(ffi.cast("gm_ctx *", ctx), b"%s", msg)


def register(cls):
    """Registers a Policy subclass with the engine: then ``policy=cls.name`` runs it (run(),
    sweep(), Simulation()). Returns cls (usable as a class decorator). Raises GreenmigError if
    the engine refuses it (bad name, parameters, a name taken)."""
    if not (isinstance(cls, type) and issubclass(cls, Policy)) or not cls.name:
        raise GreenmigError("register: a subclass of greenmig.Policy with a name")
    with _lock:
        for c, _, _ in _slots:
            if c is cls:
                return cls
        slot = len(_slots)
        if slot >= lib.GMPY_SLOTS:
            raise GreenmigError("register: at most %d Python policies per process" % lib.GMPY_SLOTS)
        keep = []

        def s(text):
            if text is None:
                return ffi.NULL
            b = ffi.new("char[]", str(text).encode())
            keep.append(b)
            return b
        p = ffi.new("struct gm_policy *")
        p.api_version = lib.GREENMIG_API_VERSION
        p.name = s(cls.name)
        p.summary = s(cls.summary)
        p.reproduces = ffi.NULL
        p.n_params = cls.n_params
        p.param_min = cls.param_min
        p.param_max = cls.param_max
        p.params_increasing = bool(cls.params_increasing)
        p.param_help = s(cls.param_help if cls.param_help or cls.n_params == 0 else "%d numbers" % cls.n_params)
        p.default_param = s(cls.default_param)
        p.engines = lib.GM_ENGINE_CLOUDSIM3
        p.energy = lib.GM_ENERGY_MAX_POWER if cls.energy == "max_power" else lib.GM_ENERGY_UTILIZATION
        p.migrations = bool(cls.migrations)
        p.create = lib.gmpy_create_for(slot)
        p.destroy = lib.gmpy_destroy
        for hook in HOOKS:
            if getattr(cls, hook, None) is not None:
                setattr(p, hook, getattr(lib, "gmpy_" + hook))
        err = err_buf()
        if lib.gm_policy_register(p, err, ERR_LEN) != 0:
            raise GreenmigError(err_text(err))
        _slots.append((cls, p, keep))
    return cls


def _obj(ctx):
    return _live[int(ffi.cast("uintptr_t", lib.gm_ctx_state(ctx)))][0]


@ffi.def_extern()
def gmpy_create(slot, ctx):
    """The engine's create hook of Python policy `slot` (cffi callback): makes the policy's object."""
    try:
        cls = _slots[slot][0]
        obj = cls.__new__(cls)
        obj.ctx = Context(ctx)
        obj.__init__(obj.ctx)
        h = ffi.new_handle(obj)
        with _lock:
            _live[int(ffi.cast("uintptr_t", h))] = (obj, h)
        return h
    except Exception as exc:
        _fail(ctx, exc)
        return ffi.NULL


@ffi.def_extern()
def gmpy_destroy(state):
    """The engine's destroy hook (cffi callback): forgets the object made by gmpy_create."""
    with _lock:
        _live.pop(int(ffi.cast("uintptr_t", state)), None)


@ffi.def_extern()
def gmpy_place(ctx, vm):
    """The engine's place hook (cffi callback): calls the object's place(vm)."""
    try:
        return int(_obj(ctx).place(lib.gm_vm_id(vm)))
    except Exception as exc:
        _fail(ctx, exc)
        return -1


@ffi.def_extern()
def gmpy_overloaded(ctx, h, metric):
    """The engine's overloaded hook (cffi callback): calls overloaded(host), writes the metric."""
    try:
        r = _obj(ctx).overloaded(lib.gm_host_id(h))
        if isinstance(r, tuple):
            r, m = r
        else:
            m = math.nan
        if metric != ffi.NULL:
            metric[0] = m
        return bool(r)
    except Exception as exc:
        _fail(ctx, exc)
        return False


@ffi.def_extern()
def gmpy_overloaded_bound(ctx, h, vm):
    """The engine's overloaded_bound hook (cffi callback): calls overloaded_bound(host, vm)."""
    try:
        return int(_obj(ctx).overloaded_bound(lib.gm_host_id(h), lib.gm_vm_id(vm)))
    except Exception as exc:
        _fail(ctx, exc)
        return -1


@ffi.def_extern()
def gmpy_select(ctx, h):
    """The engine's select hook (cffi callback): calls select(host)."""
    try:
        return int(_obj(ctx).select(lib.gm_host_id(h)))
    except Exception as exc:
        _fail(ctx, exc)
        return -1


@ffi.def_extern()
def gmpy_target(ctx, vm, excluded):
    """The engine's target hook (cffi callback): calls target(vm, excluded)."""
    try:
        o = _obj(ctx)
        ex = None
        if excluded != ffi.NULL:
            import numpy as np
            ex = np.frombuffer(ffi.buffer(excluded, o.ctx.host_count), dtype=np.uint8)
        return int(o.target(lib.gm_vm_id(vm), ex))
    except Exception as exc:
        _fail(ctx, exc)
        return -1


@ffi.def_extern()
def gmpy_optimize(ctx):
    """The engine's optimize hook (cffi callback): calls optimize()."""
    try:
        _obj(ctx).optimize()
        return 0
    except Exception as exc:
        _fail(ctx, exc)
        return -1


@ffi.def_extern()
def gmpy_vm_left(ctx, host):
    """The engine's vm_left hook (cffi callback): calls vm_left(host)."""
    try:
        _obj(ctx).vm_left(host)
    except Exception as exc:
        _fail(ctx, exc)


@ffi.def_extern()
def gmpy_counts(ctx, out):
    """The engine's counts hook (cffi callback): copies counts()'s dict into struct gm_counts."""
    try:
        for k, v in (_obj(ctx).counts() or {}).items():
            if k not in COUNTS:
                raise KeyError("counts: %r is not one of %s" % (k, ", ".join(COUNTS)))
            setattr(out, k, v)
    except Exception as exc:
        _fail(ffi.cast("gm_ctx *", ctx), exc)
