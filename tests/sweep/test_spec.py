"""Sweep files: validation with errors that name the field, expansion, point arrays."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from tradewar.errors import SweepError
from tradewar.sweep import load_sweep_spec, parse_sweep, point_id, prepare, sweep_schema
from tradewar.sweep._spec import Range

from .conftest import GRID


def test_grid_expands_to_every_combination(grid_spec):
    points = grid_spec.expand()
    assert len(points) == 8
    assert points[0] == {"t01": 0.0, "reply": 0.0}
    assert points[-1] == {"t01": 60.0, "reply": 1.0}
    assert len({point_id(p) for p in points}) == 8


def test_range_includes_its_stop():
    assert Range(start=0, stop=150, step=25).values() == (0, 25, 50, 75, 100, 125, 150)
    assert Range(start=0, stop=1, step=0.1).values()[-1] == 1.0


def test_point_arrays_follow_the_axes(grid_spec):
    prepared = prepare(grid_spec)
    world = prepared.world
    tariffs, costs, theta = prepared.arrays({"t01": 40.0, "reply": 1.0})
    np.testing.assert_allclose(tariffs[0, 1], world.tariffs[0, 1] + 0.4)
    np.testing.assert_allclose(tariffs[1, 0], world.tariffs[1, 0] + 0.4)  # reply = 1 x t01
    untouched = np.ones_like(tariffs, dtype=bool)
    untouched[0, 1] = untouched[1, 0] = False
    np.testing.assert_array_equal(tariffs[untouched], world.tariffs[untouched])
    assert (costs == 1).all()
    assert np.array_equal(theta, world.theta)


def test_set_trade_cost_and_theta_axes():
    spec = parse_sweep(
        {
            "name": "mixed",
            "world": "random:5:4:3",
            "mode": "list",
            "axes": [
                {
                    "name": "level",
                    "kind": "tariff",
                    "importer": "C2",
                    "exporter": ["C0", "C1"],
                    "sectors": ["S1"],
                    "how": "set",
                },
                {"name": "ice", "kind": "trade_cost", "importer": "C3", "exporter": "C0"},
                {"name": "elastic", "kind": "theta_scale", "sectors": ["S0", "S2"]},
            ],
            "points": [{"level": 25, "ice": 1.5, "elastic": 2.0}],
        }
    )
    prepared = prepare(spec)
    world = prepared.world
    tariffs, costs, theta = prepared.arrays(spec.expand()[0])
    assert tariffs[2, 0, 1] == tariffs[2, 1, 1] == pytest.approx(0.25)
    assert tariffs[2, 0, 0] == world.tariffs[2, 0, 0]
    assert (costs[3, 0] == 1.5).all()
    assert costs.sum() == costs.size + 0.5 * 3
    np.testing.assert_allclose(theta, world.theta * [2, 1, 2])


def _broken(**changes):
    data = copy.deepcopy(GRID)
    for key, value in changes.items():
        if key.startswith("axis0_"):
            data["axes"][0][key[6:]] = value
        else:
            data[key] = value
    return data


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (_broken(extra=1), r"field 'extra': Extra inputs are not permitted"),
        (_broken(axis0_kind="quota"), r"axes\.0\.kind"),
        (_broken(axis0_range={"start": 0, "stop": 1, "step": 1}), "'values' or 'range', not both"),
        (_broken(axis0_importer=None), "needs 'importer' and 'exporter'"),
        (_broken(mode="list"), "axes take no values"),
        (_broken(axis0_name="Bad Name"), r"axes\.0\.name"),
        (_broken(axis0_values=[]), "grid axes need 'values' or 'range'"),
        (_broken(axis0_name="welfare_pct"), "name result columns"),
    ],
)
def test_bad_specs_name_the_field(data, match):
    with pytest.raises(SweepError, match=match):
        parse_sweep(data, "spec.toml")


def test_relative_axes_and_list_points_are_checked():
    data = copy.deepcopy(GRID)
    data["axes"][1]["of"] = "nowhere"
    with pytest.raises(SweepError, match="'of' must name another tariff axis"):
        parse_sweep(data)
    data = copy.deepcopy(GRID)
    data["mode"] = "list"
    for axis in data["axes"]:
        del axis["values"]
    data["points"] = [{"t01": 1}]
    with pytest.raises(SweepError, match=r"points\[0\]: give exactly one value"):
        parse_sweep(data)


def test_names_are_resolved_against_the_world():
    data = copy.deepcopy(GRID)
    data["axes"][0]["exporter"] = "ZZZ"
    with pytest.raises(SweepError, match="unknown economy 'ZZZ'"):
        prepare(parse_sweep(data))
    data = copy.deepcopy(GRID)
    data["axes"][0]["sectors"] = "goods"
    with pytest.raises(SweepError, match="no default goods sectors"):
        prepare(parse_sweep(data))
    data = copy.deepcopy(GRID)
    data["axes"][0]["values"] = [-150]
    spec = parse_sweep(data)
    with pytest.raises(SweepError, match="below -100%"):
        prepare(spec).arrays(spec.expand()[0])
    data = copy.deepcopy(GRID)
    data["world"] = "random:x"
    with pytest.raises(SweepError, match="random:SEED:COUNTRIES:SECTORS"):
        prepare(parse_sweep(data))


def test_files_and_schema(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('name = "x"\n[[axes]]\nname = "a"\nkind = "theta_scale"\nvalues = [1, 2]\n')
    spec = load_sweep_spec(path)
    assert spec.origin == path.resolve()
    assert len(spec.expand()) == 2
    path.write_text("name = \n")
    with pytest.raises(SweepError, match="not valid TOML"):
        load_sweep_spec(path)
    with pytest.raises(SweepError, match="cannot be read"):
        load_sweep_spec(tmp_path / "missing.toml")
    schema = sweep_schema()
    assert schema["title"] == "tradewar sweep"
    assert "axes" in schema["properties"]


def test_the_documented_sweep_file_is_valid():
    import re
    import tomllib
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "uncertainty.md").read_text()
    (block,) = re.findall(r"```toml\n(.*?)```", doc, re.DOTALL)
    spec = parse_sweep(tomllib.loads(block), "docs/uncertainty.md")
    assert len(spec.expand()) == 16 * 3
    prepared = prepare(spec)
    tariffs, _, _ = prepared.arrays({"us_on_china": 100.0, "china_response": 0.5})
    usa, chn = prepared.world.country_index("USA"), prepared.world.country_index("CHN")
    goods = [prepared.world.sector_index(s) for s in ("computers_phones", "machinery")]
    np.testing.assert_allclose(tariffs[usa, chn, goods], prepared.tariffs[usa, chn, goods] + 1.0)
    np.testing.assert_allclose(tariffs[chn, usa, goods], prepared.tariffs[chn, usa, goods] + 0.5)
    svc = prepared.world.sector_index("svc_business")
    assert tariffs[usa, chn, svc] == prepared.tariffs[usa, chn, svc]  # goods only
