"""docs/scenarios.md: "US 60% on China and China 34% on the US from 2027" three ways, one result.

The TOML file the docs show, the ``--tariff`` command line the docs show and the Python builder
must compile to the same tariffs and give the same welfare and trade numbers.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tradewar.cli import app
from tradewar.compile import compile_scenario
from tradewar.runner import run_scenarios
from tradewar.scenarios import ScenarioBuilder, load_scenario

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
TOML = ROOT / "docs" / "examples" / "us-china-2027.toml"


def _doc_command() -> list[str]:
    line = next(ln for ln in DOC.splitlines() if ln.startswith("tradewar run --tariff 'USA<-CHN:="))
    return shlex.split(line)[1:]


def _builder():
    return (
        ScenarioBuilder("us-china-2027", date="2027-01-01")
        .tariff("USA", "CHN", 60, mode="set", start="2027-01-01")
        .tariff("CHN", "USA", 34, mode="set", start="2027-01-01")
    )


def test_the_docs_show_the_file_and_the_builder():
    assert TOML.read_text(encoding="utf-8") in DOC
    code = re.search(
        r"```python\n(from tradewar.runner import run_scenarios\nfrom tradewar"
        r".scenarios import ScenarioBuilder.*?)```",
        DOC,
        re.DOTALL,
    )
    assert code is not None
    assert '.tariff("USA", "CHN", 60, mode="set", start="2027-01-01")' in code.group(1)
    assert _doc_command() == [
        "run",
        "--tariff",
        "USA<-CHN:=60%@2027-01-01",
        "--tariff",
        "CHN<-USA:=34%@2027-01-01",
    ]


def test_toml_cli_and_python_give_the_same_numbers(tmp_path, monkeypatch):
    monkeypatch.setenv("TRADEWAR_JAX_CACHE", "off")
    from_file = load_scenario(TOML)
    built = _builder().build()
    assert from_file.tariffs == built.tariffs
    a, b = compile_scenario(from_file), compile_scenario(built)
    np.testing.assert_array_equal(a.shock.tariffs, b.shock.tariffs)
    world = a.world
    usa, chn = world.country_index("USA"), world.country_index("CHN")
    goods = [j for j, s in enumerate(world.sectors) if not s.startswith("svc")]
    np.testing.assert_allclose(a.shock.tariffs[usa, chn, goods], 0.60)
    np.testing.assert_allclose(a.shock.tariffs[chn, usa, goods], 0.34)

    res = CliRunner().invoke(app, [*_doc_command(), "--no-save", "--json"])
    assert res.exit_code == 0, res.output
    cli = json.loads(res.output)["scenarios"][0]
    run = run_scenarios([from_file]).summary()["scenarios"][0]
    assert cli["tariffs"]["US_on_CN"] == pytest.approx(run["tariffs"]["US_on_CN"], abs=1e-12)
    assert cli["tariffs"]["US_on_CN"]["scenario_pct"] == pytest.approx(60.0)
    assert cli["tariffs"]["CN_on_US"]["scenario_pct"] == pytest.approx(34.0)
    for key in ("countries", "bilateral"):
        for mine, theirs in zip(cli[key], run[key], strict=True):
            assert mine.keys() == theirs.keys()
            for k, v in mine.items():
                if isinstance(v, float):
                    assert v == pytest.approx(theirs[k], rel=1e-9, abs=1e-12), (key, k)
                else:
                    assert v == theirs[k]
