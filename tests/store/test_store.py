"""The results store: round trip, listing, lookup, query, export, integrity, index rebuild."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from tradewar.errors import StoreError
from tradewar.results import RUN_TABLES, SCENARIO_TABLES
from tradewar.store import Store, default_root


def renamed(run, run_id):
    return dataclasses.replace(run, run_id=run_id, manifest={**run.manifest, "run_id": run_id})


def assert_same_run(a, b):
    assert a.run_id == b.run_id
    assert a.names == b.names
    assert json.loads(json.dumps(dict(a.manifest), default=str)) == json.loads(
        json.dumps(dict(b.manifest), default=str)
    )
    for name in (*SCENARIO_TABLES, *RUN_TABLES):
        left, right = a.table(name), b.table(name)
        assert left.shape == right.shape, name
        if len(left):
            pd.testing.assert_frame_equal(
                left.reset_index(drop=True), right.reset_index(drop=True), check_dtype=False
            )
    assert a.summary() == b.summary()


def test_save_and_load_give_back_the_same_run(tmp_path, small_run):
    store = Store(tmp_path)
    folder = store.save(small_run)
    assert folder == tmp_path / "runs" / small_run.run_id
    assert_same_run(store.load(small_run.run_id), small_run)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["countries"]["rows"] == 3 * 4
    assert not any((tmp_path / "staging").iterdir())


def test_listing_and_lookup(tmp_path, small_run):
    store = Store(tmp_path)
    with pytest.raises(StoreError, match="holds no runs"):
        store.resolve("latest")
    for run_id in ("20250101-000000-aaaaaa", "20250101-000000-aaaabb", "20250102-000000-cccccc"):
        store.save(renamed(small_run, run_id))
    runs = store.runs()
    assert list(runs["run_id"]) == sorted(runs["run_id"])
    assert len(runs) == 3
    assert runs["converged"].all()
    assert (runs["n_scenarios"] == 3).all()
    assert store.resolve("latest") == "20250102-000000-cccccc"
    assert store.resolve("latest~2") == "20250101-000000-aaaaaa"
    assert store.resolve("20250102") == "20250102-000000-cccccc"
    with pytest.raises(StoreError, match="ambiguous"):
        store.resolve("20250101-000000-aaaa")
    with pytest.raises(StoreError, match="no run 'zzz'"):
        store.resolve("zzz")
    with pytest.raises(StoreError, match="already in the store"):
        store.save(renamed(small_run, "20250101-000000-aaaaaa"))
    scenarios = store.scenarios("latest")
    assert list(scenarios["name"]) == ["base", "peak", "year"]
    assert scenarios["hash"].str.startswith("sha256:").all()


def test_query_reads_every_run(tmp_path, small_run):
    store = Store(tmp_path)
    store.save(renamed(small_run, "r1"))
    store.save(renamed(small_run, "r2"))
    frame = store.query(
        "SELECT run_id, scenario, welfare_pct FROM countries WHERE iso3 = 'USA' "
        "ORDER BY run_id, scenario"
    )
    assert len(frame) == 6
    assert set(frame["run_id"]) == {"r1", "r2"}
    peak = small_run.scenario("peak").table("countries").set_index("iso3")
    got = frame[(frame["run_id"] == "r1") & (frame["scenario"] == "peak")]["welfare_pct"]
    assert float(got.iloc[0]) == pytest.approx(float(peak.loc["USA", "welfare_pct"]))
    with pytest.raises(StoreError, match="query failed"):
        store.query("SELECT * FROM nonexistent")


def test_export_formats(tmp_path, small_run):
    store = Store(tmp_path / "store")
    store.save(small_run)
    csv = store.export("latest", tmp_path / "csv", "csv")
    assert {p.name for p in csv} >= {"countries.csv", "bilateral.csv", "manifest.json"}
    back = pd.read_csv(tmp_path / "csv" / "countries.csv")
    assert list(back["scenario"].unique()) == ["base", "peak", "year"]
    parquet = store.export("latest", tmp_path / "pq", "parquet")
    assert (tmp_path / "pq" / "countries.parquet") in parquet
    (path,) = store.export("latest", tmp_path / "js", "json")
    payload = json.loads(path.read_text())
    assert payload["manifest"]["run_id"] == small_run.run_id
    assert len(payload["tables"]["bilateral"]) == 3 * 12
    with pytest.raises(StoreError, match="format"):
        store.export("latest", tmp_path / "x", "xlsx")  # type: ignore[arg-type]


def test_damaged_files_are_detected(tmp_path, small_run):
    store = Store(tmp_path)
    folder = store.save(small_run)
    assert store.check() == {"runs": 1, "problems": []}
    path = folder / "bilateral.parquet"
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    assert "bilateral.parquet does not match" in store.check()["problems"][0]
    with pytest.raises(StoreError, match="damaged"):
        store.load("latest")


def test_the_index_is_rebuilt_from_the_run_folders(tmp_path, small_run):
    store = Store(tmp_path)
    store.save(renamed(small_run, "r1"))
    store.save(renamed(small_run, "r2"))
    store.index_path.unlink()
    assert list(store.runs()["run_id"]) == ["r1", "r2"]
    store.index_path.write_bytes(b"this is not a duckdb database" * 100)
    assert list(store.runs()["run_id"]) == ["r1", "r2"]
    assert list(tmp_path.glob("index.duckdb.damaged-*"))


def test_delete(tmp_path, small_run):
    store = Store(tmp_path)
    store.save(renamed(small_run, "r1"))
    store.save(renamed(small_run, "r2"))
    assert store.delete("r1") == "r1"
    assert list(store.runs()["run_id"]) == ["r2"]
    assert store.run_ids() == ["r2"]


def test_default_root_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TRADEWAR_STORE", str(tmp_path / "a"))
    assert default_root() == tmp_path / "a"
    monkeypatch.delenv("TRADEWAR_STORE")
    monkeypatch.setenv("TRADEWAR_HOME", str(tmp_path / "home"))
    assert default_root() == tmp_path / "home" / "store"
    monkeypatch.delenv("TRADEWAR_HOME")
    assert default_root().name == "store"
