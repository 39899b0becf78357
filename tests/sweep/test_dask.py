"""The same sweeps and Monte Carlo on Dask: a LocalCluster, and separate processes on loopback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tradewar.batch import PINNED_ENV, DaskExecutor, open_executor
from tradewar.sweep import load_sweep, parse_sweep, point_id
from tradewar.sweep.run import run_sweep

distributed = pytest.importorskip("distributed")

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(scope="module")
def local_executor():
    with open_executor(workers=2) as executor:
        assert isinstance(executor, DaskExecutor)
        assert executor.workers == 2
        yield executor


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys).reset_index(drop=True).drop(columns="point")


def test_sweep_on_a_local_cluster_equals_the_sweep_here(grid_spec, tmp_path, local_executor):
    there = run_sweep(grid_spec, tmp_path / "dask", executor=local_executor)
    here = run_sweep(grid_spec, tmp_path / "here")
    assert there.computed == here.computed == 8
    assert there.where == "2 local worker process(es)"
    keys = ["t01", "reply", "iso3"]
    a = load_sweep(tmp_path / "dask").countries()
    b = load_sweep(tmp_path / "here").countries()
    pd.testing.assert_frame_equal(_sorted(a, keys), _sorted(b, keys), rtol=1e-12)
    workers = set(load_sweep(tmp_path / "dask").points().worker)
    assert all(w.startswith("tcp://127.0.0.1:") for w in workers)


def test_monte_carlo_on_a_local_cluster_equals_the_run_here(local_executor):
    from tradewar.model import Shock
    from tradewar.uncertainty import monte_carlo, proportional
    from tradewar.worlds.examples import random_world

    world = random_world(5, 4, 3)
    tariffs = world.tariffs + 0.3
    tariffs[np.arange(4), np.arange(4)] = 0.0
    shock = Shock(tariffs=tariffs)
    dist = proportional(world.sectors, world.theta, 0.3)
    done = []
    there = monte_carlo(
        world,
        shock,
        draws=24,
        distribution=dist,
        seed=3,
        chunk_size=2,
        executor=local_executor,
        progress=lambda d, n: done.append(d),
    )
    here = monte_carlo(world, shock, draws=24, distribution=dist, seed=3, chunk_size=2)
    assert done[-1] == 24
    assert len(done) > 1
    np.testing.assert_array_equal(there.theta, here.theta)
    np.testing.assert_allclose(
        there.countries["welfare_pct"], here.countries["welfare_pct"], rtol=1e-12
    )
    pd.testing.assert_frame_equal(there.country_bands(), here.country_bands())


def test_local_workers_are_pinned_to_one_thread_and_core(local_executor):
    env = local_executor.client.run(lambda: {k: os.environ.get(k) for k in PINNED_ENV})
    assert len(env) == 2
    assert all(e == PINNED_ENV for e in env.values())
    if hasattr(os, "sched_getaffinity"):
        cores = local_executor.client.run(lambda: sorted(os.sched_getaffinity(0)))
        assert all(len(c) == 1 for c in cores.values())  # one core each ...
        if (os.cpu_count() or 1) >= 2:
            assert len({c[0] for c in cores.values()}) == 2  # ... and not the same one


def test_an_unreachable_scheduler_is_a_clear_error():
    from tradewar.errors import SweepError

    with (
        pytest.raises(SweepError, match="cannot reach a Dask scheduler"),
        open_executor("tcp://127.0.0.1:9", timeout=2),
    ):
        pass


# ------------------------------------------------------------------ separate processes


def _spawn(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        **PINNED_ENV,
        "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    with log.open("wb") as handle:
        return subprocess.Popen(
            [sys.executable, "-m", *args], env=env, stdout=handle, stderr=subprocess.STDOUT
        )


@pytest.fixture
def loopback_cluster(tmp_path):
    """A scheduler and two workers, each its own process, on 127.0.0.1; all stopped after."""
    info = tmp_path / "scheduler.json"
    procs: dict[str, subprocess.Popen[bytes]] = {}
    try:
        procs["scheduler"] = _spawn(
            [
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(info),
            ],
            tmp_path / "scheduler.log",
        )
        deadline = time.monotonic() + 60
        while not info.exists():
            assert time.monotonic() < deadline, (tmp_path / "scheduler.log").read_text()
            time.sleep(0.1)
        for name in ("w1", "w2"):
            procs[name] = _spawn(
                [
                    "distributed.cli.dask_worker",
                    "--scheduler-file",
                    str(info),
                    "--name",
                    name,
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                ],
                tmp_path / f"{name}.log",
            )
        import json

        address = json.loads(info.read_text())["address"]
        yield address, procs
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.mark.slow
def test_a_worker_killed_mid_sweep_loses_nothing_and_its_tasks_rerun(loopback_cluster, tmp_path):
    address, procs = loopback_cluster
    spec = parse_sweep(
        {
            "name": "killing",
            "world": "random:5:6:4",
            "chunk_size": 1,
            "task_size": 1,
            "axes": [
                {
                    "name": "t",
                    "kind": "tariff",
                    "importer": "C0",
                    "exporter": "C1",
                    "sectors": "all",
                    "range": {"start": 0, "stop": 290, "step": 10},
                }
            ],
        }
    )
    out = tmp_path / "out"
    state: dict[str, object] = {}

    with open_executor(address) as executor:
        client = executor.client
        client.wait_for_workers(2, timeout=60)
        names = {a: w["name"] for a, w in client.scheduler_info()["workers"].items()}

        def kill_a_busy_worker(progress):
            if "victim" in state or progress.done < 4:
                return
            busy = {a: keys for a, keys in client.processing().items() if keys}
            if not busy:
                return
            victim = next(iter(busy))
            state["victim"] = names[victim]
            state["victim_address"] = victim
            state["in_flight"] = [int(str(key).split("-")[2]) for key in busy[victim]]
            state["finished_before"] = {
                p.name: (p / "point.json").stat().st_mtime_ns for p in (out / "points").iterdir()
            }
            procs[names[victim]].send_signal(signal.SIGKILL)

        report = run_sweep(spec, out, executor=executor, progress=kill_a_busy_worker)

    assert "victim" in state, "no worker was busy when the test tried to kill one"
    assert procs[str(state["victim"])].wait(timeout=10) == -signal.SIGKILL
    result = load_sweep(out)
    assert result.complete
    assert report.computed == 30
    assert report.skipped == 0
    before = state["finished_before"]
    assert isinstance(before, dict)
    after = {p.name: (p / "point.json").stat().st_mtime_ns for p in (out / "points").iterdir()}
    assert all(after[k] == v for k, v in before.items())  # nothing finished was lost or redone
    points = result.points().set_index("point")
    # The blocks the dead worker held (one point each, keys "sweep-killing-<block>-...") were
    # rerun and finished by the survivor.
    in_flight = [point_id(p) for k, p in enumerate(spec.expand()) if k in state["in_flight"]]
    assert in_flight
    assert (points.loc[in_flight, "worker"] != state["victim_address"]).all()
    assert points.converged.all()
