"""greenmig.sweep gives greenmig sweep's CSV: the same bytes, and a DataFrame of its rows."""
import math

import pytest

import greenmig
from conftest import PAPER, cli


def test_sweep_equals_cli_csv(tmp_path):
    out = tmp_path / "sweep.csv"
    cli("sweep", PAPER, "--vary", "policy=thr,lr", "--vary", "day=20110303,20110306",
        "--set", "hosts.count=90", "-j", "2", "-o", str(out), "--quiet")
    want = out.read_text()
    text = greenmig.sweep(PAPER, vary={"policy": ["thr", "lr"], "day": ["20110303", "20110306"]},
                          set={"hosts.count": 90}, jobs=2, csv=True)
    assert text == want
    df = greenmig.sweep(PAPER, vary={"policy": ["thr", "lr"], "day": ["20110303", "20110306"]},
                        set={"hosts.count": 90}, jobs=1, progress=False)
    assert df.attrs["csv"] == want
    # 4 runs, the first axis slowest; each row's numbers are the CSV's
    assert list(df["policy"]) == ["thr", "thr", "lr", "lr"]
    assert list(df["day"].astype(str)) == ["20110303", "20110306"] * 2
    lines = want.splitlines()
    header = lines[0].split(",")
    e = header.index("energy_kwh")
    for i, line in enumerate(lines[1:]):
        assert df["energy_kwh"].iloc[i] == float(line.split(",")[e])
    assert (df["hosts"] == 90).all()


def test_sweep_ranges_and_progress():
    seen = []
    df = greenmig.sweep(PAPER, vary={"policy": "thr", "param": "0.7:0.9:0.1"}, jobs=2,
                        progress=lambda done, total: seen.append((done, total)))
    assert list(df["param"]) == [0.7, 0.8, 0.9]
    assert sorted(seen) == [(1, 3), (2, 3), (3, 3)]
    # the param columns are the policy's numbers
    assert list(df["param1"]) == [0.7, 0.8, 0.9]


def test_sweep_errors():
    with pytest.raises(greenmig.GreenmigError) as e:
        greenmig.sweep(PAPER, vary={"nosuchkey": [1, 2]})
    assert "nosuchkey" in str(e.value)
    with pytest.raises(greenmig.GreenmigError) as e:
        # a run that fails: the traces of 20110303 are fewer than 5000 VMs
        greenmig.sweep(PAPER, vary={"vms": [10, 5000]}, jobs=1, progress=False)
    assert "run 2 (vms=5000) failed:" in str(e.value)
