"""The examples in examples/python run and say what they should."""
import os
import subprocess
import sys

from conftest import SRCDIR

EX = os.path.join(SRCDIR, "examples", "python")


def run(name, *args, cwd=None):
    p = subprocess.run([sys.executable, os.path.join(EX, name), *args], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, cwd=cwd)
    assert p.returncode == 0, p.stdout
    return p.stdout


def test_thr_mmt():
    assert "the same numbers: True" in run("thr_mmt.py")


def test_agents():
    out = run("agents.py").splitlines()
    rows = {line.split()[0]: line.split() for line in out[1:]}
    assert set(rows) == {"nothing", "random", "greedy"}
    # doing nothing migrates nothing and is refused nothing; the greedy agent saves energy
    assert rows["nothing"][3:5] == ["0", "0"]
    assert float(rows["greedy"][2]) < float(rows["nothing"][2])


def test_sweep_plot(tmp_path):
    out = run("sweep_plot.py", str(tmp_path / "s.png"), cwd=str(tmp_path))
    assert "thr" in out and "lr" in out
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert "matplotlib is not installed" in out
    else:
        assert (tmp_path / "s.png").stat().st_size > 1000
