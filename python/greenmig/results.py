"""run() and sweep(): experiments run by the C library, results as Python values and DataFrames."""
import io
import os
import sys
import time

from ._api import ERR_LEN, GreenmigError, err_buf, err_text, experiment, ffi, lib

def _typed(text):
    """A stats field as a Python value: int, float (NaN for "NaN") or str ("" stays "")."""
    digits = text[1:] if text[:1] in ("+", "-") else text
    if digits.isascii() and digits.isdigit():
        return int(text)
    try:
        return float(text)
    except ValueError:
        return text


class Result:
    """The result of one run: every column of ``greenmig run --stats``, typed.

    ``r.energy_kwh`` or ``r["energy_kwh"]`` is a column's value (int, float, or str for the
    policy, day, ...); ``r.text("energy_kwh")`` the exact text of the stats CSV, ``r.csv`` the
    whole CSV (header and row: the bytes ``greenmig run --stats`` writes), ``r.columns`` the
    names in order, ``r.to_dict()`` / ``r.to_series()`` all of them. ``r.timeline`` is the
    timeline of the scheduling steps as a pandas DataFrame when run() was asked for it
    (``timeline=True``), else None.
    """

    def __init__(self, p, timeline=False):
        self.columns = [ffi.string(lib.gm_result_column(p, i)).decode() for i in range(lib.gm_result_columns(p))]
        self._text = {c: ffi.string(lib.gm_result_text(p, c.encode())).decode() for c in self.columns}
        self._values = {c: _typed(t) for c, t in self._text.items()}
        self._rows = _timeline_rows(p) if timeline else None
        self._timeline = None

    @property
    def timeline(self):
        """The timeline (a DataFrame: t_s, active_hosts, power_w, overloaded_hosts,
        migrations_started, energy_kwh cumulative), or None if not asked for."""
        if self._rows is not None and self._timeline is None:
            self._timeline = _timeline_frame(self._rows)  # (pandas imported only now)
        return self._timeline

    @property
    def csv(self):
        """The stats CSV as ``greenmig run --stats`` writes it."""
        return ",".join(_csv_field(c) for c in self.columns) + "\n" + \
            ",".join(_csv_field(self._text[c]) for c in self.columns) + "\n"

    def text(self, column):
        """A column's value as written in the stats CSV."""
        return self._text[column]

    def __getitem__(self, column):
        return self._values[column]

    def __getattr__(self, name):
        values = self.__dict__.get("_values")
        if values is not None and name in values:
            return values[name]
        raise AttributeError(name)

    def __contains__(self, column):
        return column in self._values

    def to_dict(self):
        """Every column, typed, in order."""
        return dict(self._values)

    def to_series(self):
        """Every column as a pandas Series."""
        import pandas as pd
        return pd.Series(self._values)

    def __repr__(self):
        keys = [k for k in ("policy", "day", "energy_kwh", "sla_violation_pct", "migrations") if k in self._values]
        return "Result(%s)" % ", ".join("%s=%r" % (k, self._values[k]) for k in keys)


def _csv_field(s):
    if any(ch in s for ch in ',"\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


_TL = ("t_s", "active_hosts", "power_w", "overloaded_hosts", "migrations_started", "energy_kwh")


def _timeline_rows(p):
    row = ffi.new("struct gm_timeline_row *")
    rows = []
    for i in range(lib.gm_result_timeline_rows(p)):
        lib.gm_result_timeline(p, i, row)
        rows.append(tuple(getattr(row, k) for k in _TL))
    return rows


def _timeline_frame(rows):
    import numpy as np
    import pandas as pd
    ints = ("active_hosts", "overloaded_hosts", "migrations_started")
    return pd.DataFrame({k: np.array([r[j] for r in rows], dtype=np.int64 if k in ints else np.float64)
                         for j, k in enumerate(_TL)})


def result_of(p, timeline):
    """A Result from a gm_result (freed here)."""
    try:
        return Result(p, timeline=timeline)
    finally:
        lib.gm_result_free(p)


def run(exp, timeline=False, set=None, **overrides):
    """Runs an experiment and returns its Result.

    exp: an experiment file's path or an Experiment. overrides: ``policy``, ``selection``,
    ``param``, ``seed``, ``day``, ``traces``, ``vms`` (as ``greenmig run``'s options), and
    ``set={"SECTION.KEY": value}`` for any key of the file. ``timeline=True`` adds the timeline
    as ``Result.timeline`` (a DataFrame). The numbers are the command line's to the last digit.
    Raises GreenmigError (``file:line: message``) on bad input; a Python policy's exception is
    raised as itself.
    """
    from . import policy as _policy
    e = experiment(exp, set=set, **overrides)
    err = err_buf()
    _policy.begin_run()
    p = lib.gm_run(e._p, err, ERR_LEN)
    pending = _policy.end_run()
    if p == ffi.NULL:
        if pending is not None:
            raise pending
        raise GreenmigError(err_text(err))
    return result_of(p, timeline)


class _Progress:
    """The sweep's progress line on a terminal, as ``greenmig sweep`` writes it."""

    def __init__(self, stream):
        self.stream = stream
        self.start = time.monotonic()

    def __call__(self, done, total):
        el = time.monotonic() - self.start
        left = el / done * (total - done) if done > 0 else 0
        self.stream.write("\rgreenmig sweep: %d/%d runs, %.1f s elapsed, about %.1f s left   " % (done, total, el, left))
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


_progress_fn = None


@ffi.def_extern()
def gmpy_progress(ctx, done, total):
    """gm_sweep's progress callback (cffi): hands (done, total) to the sweep's progress function."""
    if _progress_fn is not None:
        try:
            _progress_fn(done, total)
        except Exception:  # a progress display must not stop the sweep
            pass


def _values_text(values):
    if isinstance(values, str):
        return values
    items = [v if isinstance(v, str) else repr(v) if isinstance(v, float) else str(v) for v in values]
    sep = ";" if any("," in v for v in items) else ","
    return sep.join(items)


def sweep(exp, vary, jobs=None, set=None, progress=None, csv=False):
    """Runs the runs of ``greenmig sweep`` and returns them as a pandas DataFrame.

    exp: an experiment file's path (or None when an axis is ``experiment``). vary: the axes, in
    order, as ``{name: values}``: values a list (``[0.7, 0.8]``), or a string as ``--vary``
    takes it (``"0.5:0.9:0.1"``, ``"all"``, ``"@file"``); the first axis varies slowest. set:
    ``{"SECTION.KEY": value}`` overrides (``--set``). jobs: threads (default: the processors).
    progress: True (the default on a terminal) shows ``greenmig sweep``'s progress line on
    stderr, False none, or a function ``f(done, total)``. The rows and columns are those of
    ``greenmig sweep``'s CSV (``csv=True`` returns that text instead of a DataFrame). Raises
    GreenmigError on bad input or when a run failed (``run I (AXES) failed: ...``).
    """
    global _progress_fn
    if jobs is None:
        jobs = os.cpu_count() or 1
    if progress is None:
        progress = sys.stderr.isatty()
    if progress is True:
        fn = _Progress(sys.stderr)
    elif callable(progress):
        fn = progress
    else:
        fn = None
    path = None if exp is None else os.fspath(exp)
    from ._api import _text
    sets = [ffi.new("char[]", ("%s=%s" % (k, _text(v))).encode()) for k, v in (set or {}).items()]
    axes = [ffi.new("char[]", ("%s=%s" % (k, _values_text(v))).encode()) for k, v in vary.items()]
    c_sets = ffi.new("const char *[]", sets or [ffi.NULL])
    c_axes = ffi.new("const char *[]", axes or [ffi.NULL])
    err = err_buf()
    _progress_fn = fn
    try:
        out = lib.gm_sweep(path.encode() if path is not None else ffi.NULL, c_sets, len(sets), c_axes, len(axes),
                           int(jobs), lib.gmpy_progress if fn is not None else ffi.NULL, ffi.NULL, err, ERR_LEN)
    finally:
        _progress_fn = None
    if out == ffi.NULL:
        raise GreenmigError(err_text(err))
    try:
        text = ffi.string(out).decode()
    finally:
        lib.free(out)
    if csv:
        return text
    import pandas as pd
    df = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=["NaN"])
    df.attrs["csv"] = text
    return df
