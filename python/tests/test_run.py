"""greenmig.run gives the command line's stats to the last digit, typed."""
import math

import pytest

import greenmig
from conftest import PAPER, PLANETLAB, cli_stats, cli_stats_start, cloudsim_policies, days

POLICIES = cloudsim_policies()


def test_policies_listed():
    # the 13 built-in policies of CloudSim's engine (a new one joins the loops below by itself)
    assert {"npa", "dvfs", "thr", "iqr", "mad", "lr", "lrr", "st", "mm", "drr", "placement", "fuzzy",
            "placement+fuzzy"} <= set(POLICIES)


def check_same(ini, policy, day):
    wait = cli_stats_start(ini, "--policy", policy, "--day", day)
    r = greenmig.run(ini, policy=policy, day=day)
    names, texts = wait()
    assert r.columns == names
    for name, text in zip(names, texts):
        assert r.text(name) == text, (policy, day, name)
        v = r[name]
        if isinstance(v, float) and math.isnan(v):
            assert text == "NaN"
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            assert repr(v) == text or str(v) == text or v == float(text), (name, v, text)
            assert v == float(text)  # the same double: the text is its shortest round-trip form


@pytest.mark.parametrize("day", days())
def test_paper_every_policy_every_day(day):
    for policy in POLICIES:
        check_same(PAPER, policy, day)


# (CloudSim's own 800-host setup: one day, as the placement controller takes a few seconds there)
@pytest.mark.parametrize("day", ["20110420"])
def test_planetlab_every_policy(day):
    for policy in POLICIES:
        check_same(PLANETLAB, policy, day)


def test_typed_columns_and_csv():
    r = greenmig.run(PAPER, policy="lr", day="20110303")
    names, texts = cli_stats(PAPER, "--policy", "lr", "--day", "20110303")
    assert r.csv == ",".join(names) + "\n" + ",".join(texts) + "\n"
    assert r.policy == "lr" and r["policy"] == "lr"
    assert isinstance(r.migrations, int) and isinstance(r.energy_kwh, float)
    assert r.hosts == 100 and r.vms == 290
    assert r.to_series()["energy_kwh"] == r.energy_kwh


def test_timeline_dataframe():
    r = greenmig.run(PAPER, policy="lr", timeline=True)
    tl = r.timeline
    # 287 scheduling steps, T_1 = 300.1 s, the last at 86100.1 s; energy_kwh is cumulative
    assert len(tl) == 287
    assert tl["t_s"].iloc[0] == 300.1 and abs(tl["t_s"].iloc[-1] - 86100.1) < 1e-6
    assert tl["migrations_started"].sum() == r.migrations
    assert tl["energy_kwh"].iloc[-1] <= r.energy_kwh
    assert greenmig.run(PAPER, policy="lr").timeline is None


def test_overrides_and_set(tmp_path):
    a = greenmig.run(PAPER, policy="thr", param="0.7", set={"hosts.count": 80})
    names, texts = cli_stats(PAPER, "--policy", "thr", "--param", "0.7", "--set", "hosts.count=80")
    assert [a.text(n) for n in names] == texts
    assert a.hosts == 80


def test_bad_input_is_file_line_message(tmp_path):
    bad = tmp_path / "bad.ini"
    bad.write_text("[hosts]\ncount = many\n")
    with pytest.raises(greenmig.GreenmigError) as e:
        greenmig.run(str(bad))
    assert str(e.value).startswith(str(bad) + ":2:")
    with pytest.raises(greenmig.GreenmigError) as e:
        greenmig.run(PAPER, policy="nosuch")
    assert "unknown policy 'nosuch'" in str(e.value)
    with pytest.raises(greenmig.GreenmigError) as e:
        greenmig.run(PAPER, set={"hosts.count": -3})
    assert "hosts.count" in str(e.value)


def test_every_public_name_has_a_docstring():
    import inspect
    missing = []
    for name in greenmig.__all__:
        obj = getattr(greenmig, name)
        if isinstance(obj, int):
            continue
        if not inspect.getdoc(obj):
            missing.append(name)
        if inspect.isclass(obj):
            for k, v in vars(obj).items():
                if not k.startswith("_") and (inspect.isfunction(v) or isinstance(v, property)) \
                        and not (v.__doc__ or "").strip():
                    missing.append(name + "." + k)
    assert missing == []
