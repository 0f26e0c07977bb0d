"""The C library through cffi, and what the modules of the package share: errors, experiments."""
import os

from ._greenmig import ffi, lib

ERR_LEN = 8192


class GreenmigError(Exception):
    """An error of the library: bad input (``file:line: what was expected``, one message per
    line, as the command line prints them), or a run that failed."""


class ActionError(GreenmigError):
    """An action (migrate, switch_off, switch_on) the engine refused: the message says why
    (``gm_migrate: VM 3 is migrating already`` ...)."""


def err_buf():
    """A buffer for the C functions' messages."""
    return ffi.new("char[]", ERR_LEN)


def err_text(buf):
    """The message a C function wrote into buf (err_buf()), as text."""
    return ffi.string(buf).decode("utf-8", "replace")


def _text(value):
    """A setting's value as the command line would take it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ",".join(_text(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


class Experiment:
    """An experiment file, loaded, with changes.

    ``Experiment("examples/paper.ini", policy="lr", set={"hosts.count": 400})``: the names of
    ``greenmig run``'s options (policy, selection, param, seed, day, traces, vms) as keywords,
    and any ``SECTION.KEY`` of the file in ``set``. Bad input raises GreenmigError with the
    ``file:line: message`` of the command line. run(), Simulation() and Env() take an Experiment
    or a path.
    """

    def __init__(self, path, set=None, **overrides):
        self.path = os.fspath(path)
        self.changes = []
        err = err_buf()
        p = lib.gm_experiment_load(self.path.encode(), err, ERR_LEN)
        if p == ffi.NULL:
            raise GreenmigError(err_text(err))
        self._p = ffi.gc(p, lib.gm_experiment_free)
        self.set(set, **overrides)

    def set(self, set=None, **overrides):
        """Changes settings (as the constructor's keywords and ``set``); returns self."""
        items = list(overrides.items()) + list((set or {}).items())
        err = err_buf()
        for name, value in items:
            if value is None:
                continue
            if lib.gm_experiment_set(self._p, str(name).encode(), _text(value).encode(), err, ERR_LEN) != 0:
                raise GreenmigError(err_text(err))
            self.changes.append((str(name), value))
        return self

    def __repr__(self):
        return "Experiment(%r, changes=%r)" % (self.path, self.changes)


def experiment(exp, set=None, **overrides):
    """exp as an Experiment: a path is loaded; an Experiment is used as it is, or copied (its
    changes made again) when there are more changes, so that the caller's stays as it was."""
    more = bool(set) or any(v is not None for v in overrides.values())
    if isinstance(exp, Experiment):
        if not more:
            return exp
        copy = Experiment(exp.path)
        copy.set(dict(exp.changes))
        return copy.set(set, **overrides)
    return Experiment(exp, set=set, **overrides)
