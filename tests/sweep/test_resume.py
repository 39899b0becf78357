"""Sweeps resume after an interruption without recomputing finished points."""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tradewar.errors import SweepError
from tradewar.sweep import SweepDirectory, load_sweep, parse_sweep
from tradewar.sweep.run import run_sweep

from .conftest import GRID

SRC = Path(__file__).resolve().parents[2] / "src"


class Stop(KeyboardInterrupt):
    """Raised from the progress callback to interrupt a sweep midway."""


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for folder in (root / "points").iterdir():
        stat = (folder / "countries.parquet").stat()
        out[folder.name] = (stat.st_ino, stat.st_mtime_ns)
    return out


def test_interrupted_sweep_resumes_without_recomputing(grid_spec, tmp_path):
    out = tmp_path / "sweep"

    def stop_after_three(p):
        if p.done == 3:
            raise Stop

    with pytest.raises(Stop):
        run_sweep(grid_spec, out, progress=stop_after_three)
    before = _stamps(out)
    assert len(before) == 4  # the block of two that the third point belongs to was written
    assert load_sweep(out).manifest["status"] == "running"
    assert len(load_sweep(out).missing) == 4

    seen = []
    report = run_sweep(grid_spec, out, progress=seen.append)
    assert (report.computed, report.skipped, report.total) == (4, 4, 8)
    assert {p.point for p in seen}.isdisjoint(before)
    after = _stamps(out)
    assert all(after[k] == v for k, v in before.items())  # finished points untouched
    result = load_sweep(out)
    assert result.complete
    assert result.manifest["status"] == "complete"
    assert result.manifest["counts"] == {"points": 8, "finished": 8, "failed": 0}

    fresh = run_sweep(grid_spec, tmp_path / "fresh")
    assert fresh.computed == 8
    key = ["t01", "reply", "iso3"]
    a = load_sweep(out).countries().sort_values(key).reset_index(drop=True)
    b = load_sweep(tmp_path / "fresh").countries().sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a.drop(columns="point"), b.drop(columns="point"))

    again = run_sweep(grid_spec, out)
    assert (again.computed, again.skipped) == (0, 8)


def test_results_are_the_model_solution(grid_spec, tmp_path):
    from tradewar.model import Shock, solve
    from tradewar.sweep import prepare

    run_sweep(grid_spec, tmp_path)
    result = load_sweep(tmp_path)
    prepared = prepare(grid_spec)
    table = result.countries()
    bilateral = result.bilateral()
    point = {"t01": 60.0, "reply": 1.0}
    tariffs, _, _ = prepared.arrays(point)
    eq = solve(prepared.world, Shock(tariffs=tariffs))
    rows = table[(table.t01 == 60) & (table.reply == 1)].set_index("iso3")
    np.testing.assert_allclose(
        rows.loc[list(prepared.world.countries), "welfare_pct"], 100 * (eq.welfare_hat - 1)
    )
    pair = bilateral[(bilateral.t01 == 60) & (bilateral.reply == 1)]
    pair = pair[(pair.importer == "C0") & (pair.exporter == "C1")].iloc[0]
    assert pair.counterfactual_bn == pytest.approx(eq.trade[0, 1].sum(), rel=1e-10)
    assert pair.baseline_bn == pytest.approx(prepared.world.trade[0, 1].sum(), rel=1e-12)
    points = result.points()
    assert len(points) == 8
    assert points.converged.all()
    assert (points.iterations > 0).all()


def test_failed_points_are_kept_as_failures_and_not_redone(grid_spec, tmp_path):
    report = run_sweep(grid_spec, tmp_path, settings={"max_iter": 2})
    assert report.failed == 6  # all but the two zero shocks, which need no iteration
    table = load_sweep(tmp_path).countries()
    failed = table[table.t01 != 0]
    assert (~failed.converged).all()
    assert failed.welfare_pct.isna().all()
    assert table[table.t01 == 0].converged.all()
    assert load_sweep(tmp_path).manifest["counts"]["failed"] == 6
    assert run_sweep(grid_spec, tmp_path).computed == 0


def test_extending_a_grid_reuses_its_points_but_a_new_model_is_refused(grid_spec, tmp_path):
    run_sweep(grid_spec, tmp_path)
    data = copy.deepcopy(GRID)
    data["axes"][0]["values"] = [0, 20, 40, 60, 80]
    bigger = run_sweep(parse_sweep(data), tmp_path)
    assert (bigger.computed, bigger.skipped) == (2, 8)
    data["axes"][0]["sectors"] = ["S0"]
    with pytest.raises(SweepError, match="different model"):
        run_sweep(parse_sweep(data), tmp_path)


def test_debris_is_cleaned_and_a_second_runner_is_refused(grid_spec, tmp_path):
    directory = SweepDirectory(tmp_path)
    (tmp_path / ".staging" / "p123.99.abcd").mkdir(parents=True)
    (tmp_path / "points" / "pdebris").mkdir(parents=True)
    (tmp_path / "points" / "pdebris" / "countries.parquet").write_text("half")
    with directory.locked(), pytest.raises(SweepError, match="another process"):
        run_sweep(grid_spec, tmp_path)
    run_sweep(grid_spec, tmp_path)
    assert not (tmp_path / "points" / "pdebris").exists()
    assert not any((tmp_path / ".staging").iterdir())
    assert len(load_sweep(tmp_path).finished) == 8


@pytest.mark.slow
def test_a_killed_sweep_process_resumes(tmp_path):
    """SIGKILL the CLI midway (no cleanup runs), then resume: nothing finished is lost."""
    spec = tmp_path / "kill.toml"
    spec.write_text(
        'name = "kill"\nworld = "random:5:4:3"\nchunk_size = 1\n'
        '[[axes]]\nname = "t"\nkind = "tariff"\nimporter = "C0"\nexporter = "C1"\n'
        'sectors = "all"\nrange = {start = 0, stop = 390, step = 10}\n'
    )
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    code = "from tradewar.cli import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "sweep", str(spec), "--out", str(out), "--workers", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            points = out / "points"
            if points.exists() and len(list(points.iterdir())) >= 3:
                break
            if proc.poll() is not None:
                pytest.fail(f"the sweep exited early with status {proc.returncode}")
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    before = _stamps(out)
    assert 3 <= len(before) < 40
    from tradewar.sweep import load_sweep_spec

    report = run_sweep(load_sweep_spec(spec), out)
    assert report.skipped == len(before)
    assert report.computed == 40 - len(before)
    after = _stamps(out)
    assert all(after[k] == v for k, v in before.items())
    assert load_sweep(out).complete


def test_points_written_by_the_caller_or_by_the_workers_are_the_same(grid_spec, tmp_path):
    run_sweep(grid_spec, tmp_path / "workers", write_on_workers=True)
    run_sweep(grid_spec, tmp_path / "caller", write_on_workers=False)
    key = ["t01", "reply", "iso3"]
    a = load_sweep(tmp_path / "workers").countries().sort_values(key).reset_index(drop=True)
    b = load_sweep(tmp_path / "caller").countries().sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns[:2]) == ["sweep", "point"]
