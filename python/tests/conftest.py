"""Shared by the Python package's tests: where the sources and the program are (make check sets
GREENMIG_SRCDIR and GREENMIG_BIN; by default the tree this file is in), and the command line's
outputs to compare with."""
import csv
import importlib.util
import io
import os
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get("GREENMIG_SRCDIR") or os.path.dirname(os.path.dirname(HERE))
BIN = os.environ.get("GREENMIG_BIN") or os.path.join(SRCDIR, "greenmig")
PAPER = os.path.join(SRCDIR, "examples", "paper.ini")
PLANETLAB = os.path.join(SRCDIR, "examples", "cloudsim-planetlab.ini")


def cli(*args):
    """The program's standard output (it must succeed)."""
    return subprocess.run([BIN, *args], check=True, stdout=subprocess.PIPE, text=True).stdout


def cli_stats(ini, *args):
    """`greenmig run INI ARGS --stats -`: the header and the row as (names, texts)."""
    return cli_stats_start(ini, *args)()


def cli_stats_start(ini, *args):
    """cli_stats started in the background: returns the function that waits for it (so that
    the program and an in-process run share the processors)."""
    p = subprocess.Popen([BIN, "run", ini, *args, "--stats", "-", "--quiet"], stdout=subprocess.PIPE, text=True)

    def wait():
        out, _ = p.communicate()
        assert p.returncode == 0
        rows = list(csv.reader(io.StringIO(out)))
        assert len(rows) == 2
        return rows[0], rows[1]
    return wait


def cloudsim_policies():
    """The built-in policies that run on CloudSim 3.0.3's engine, from `greenmig policies`."""
    names, name = [], None
    for line in cli("policies").splitlines():
        if line and not line.startswith(" ") and " " not in line.strip():
            name = line.strip()
        elif name and line.strip().startswith("engines:") and "CloudSim" in line:
            names.append(name)
    return names


def load_example(name):
    """examples/python/NAME imported as a module (its main() is not run)."""
    path = os.path.join(SRCDIR, "examples", "python", name)
    spec = importlib.util.spec_from_file_location("example_" + name[:-3], path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def days():
    return sorted(f[:8] for f in os.listdir(os.path.join(SRCDIR, "traces", "planetlab")) if f.endswith(".csv.gz"))


@pytest.fixture(scope="session")
def paper():
    return PAPER
