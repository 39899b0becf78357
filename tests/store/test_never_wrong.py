"""The store never answers wrongly (issue 19, "Why" cases 5 and 6): every read verifies the
manifest's sha256, damaged runs are listed as such, run selectors mean one thing, and output
paths that are folders, missing folders or wrong suffixes are handled, never a false success."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tradewar.cli import app
from tradewar.errors import DamagedRunError, StoreError
from tradewar.store import Store


@pytest.fixture
def two_runs(tmp_path: Path, small_run: Any) -> tuple[Store, list[Path]]:
    from dataclasses import replace

    store = Store(tmp_path / "store")
    first = store.save(small_run)
    later = small_run.run_id[:-6] + "ffffff"
    second = store.save(
        replace(small_run, run_id=later, manifest={**small_run.manifest, "run_id": later})
    )
    return store, [first, second]


def _cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def _alter(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:-12] + b"hand-altered")


def test_query_verifies_every_file(two_runs: Any) -> None:
    store, folders = two_runs
    assert len(store.query("SELECT * FROM countries")) > 0
    _alter(folders[0] / "countries.parquet")
    with pytest.raises(DamagedRunError, match=r"countries\.parquet does not match"):
        store.query("SELECT * FROM countries")


def test_a_damaged_run_is_listed_as_damaged_not_converged(two_runs: Any) -> None:
    store, folders = two_runs
    (folders[0] / "bilateral.parquet").unlink()
    frame = store.runs().set_index("run_id")
    bad, good = folders[0].name, folders[1].name
    assert frame.loc[good, "status"] == "ok"
    assert frame.loc[bad, "status"].startswith("damaged")
    assert "bilateral.parquet" in frame.loc[bad, "status"]
    assert not frame.loc[bad, "converged"]
    out = _cli("results", "list", "--store", str(store.root))
    assert out.exit_code == 0, out.output
    assert "DAMAGED" in out.output
    assert "yes" in out.output  # the good run is still shown as converged


def test_a_run_without_a_readable_manifest_is_listed(two_runs: Any) -> None:
    store, folders = two_runs
    (folders[0] / "manifest.json").write_text("{not json", encoding="utf-8")
    frame = store.runs().set_index("run_id")
    assert frame.loc[folders[0].name, "status"].startswith("damaged")
    with pytest.raises(DamagedRunError, match=r"manifest\.json: cannot be read"):
        store.load(folders[0].name)


def test_a_copied_run_folder_with_another_id_is_damaged_not_a_crash(two_runs: Any) -> None:
    import shutil

    store, folders = two_runs
    shutil.copytree(folders[0], folders[0].with_name("20990101-000000-abcdef"))
    frame = store.runs().set_index("run_id")
    assert "run_id" in frame.loc["20990101-000000-abcdef", "status"]
    assert frame.loc[folders[0].name, "status"] == "ok"


@pytest.mark.parametrize("command", [["results", "show"], ["results", "export", "--to", "X"]])
def test_a_deleted_parquet_file_is_a_message_not_a_traceback(
    two_runs: Any, tmp_path: Path, command: list[str]
) -> None:
    store, folders = two_runs
    (folders[1] / "countries.parquet").unlink()
    args = [a if a != "X" else str(tmp_path / "out") for a in command]
    out = _cli(*args, "latest", "--store", str(store.root))
    assert out.exit_code == 2, out.output
    assert "countries.parquet" in out.output
    assert "damaged" in out.output
    assert "Traceback" not in out.output
    assert not (tmp_path / "out").exists()  # nothing half-exported


def test_run_selectors(two_runs: Any) -> None:
    store, folders = two_runs
    old, new = folders[0].name, folders[1].name
    assert store.resolve("latest") == new
    assert store.resolve("latest~0") == new
    assert store.resolve("latest~1") == old
    with pytest.raises(StoreError, match="holds only 2 run"):
        store.resolve("latest~2")
    for bad in ("latest~-1", "latest~x", "latest~", "latest~1~1", "latest1"):
        with pytest.raises(StoreError, match="run selector"):
            store.resolve(bad)
    out = _cli("results", "show", "latest~-1", "--store", str(store.root))
    assert out.exit_code == 2
    assert "run selector" in out.output


def test_report_into_an_existing_folder_writes_a_file_inside(two_runs: Any, tmp_path: Path) -> None:
    store, folders = two_runs
    folder = tmp_path / "reports"
    folder.mkdir()
    out = _cli("report", "latest", "--html", str(folder), "--store", str(store.root))
    assert out.exit_code == 0, out.output
    written = folder / f"{folders[1].name}.html"
    assert written.is_file()
    assert written.stat().st_size > 0
    assert str(written) in out.output


@pytest.mark.parametrize(
    ("option", "name", "fragment"),
    [
        ("--html", "missing/report.html", "does not exist"),
        ("--pdf", "missing/report.pdf", "does not exist"),
        ("--html", "report.txt", "must end in .html"),
        ("--pdf", "report.html", "must end in .pdf"),
    ],
)
def test_report_output_paths_are_checked_before_any_work(
    two_runs: Any, tmp_path: Path, option: str, name: str, fragment: str
) -> None:
    store, _ = two_runs
    out = _cli("report", "latest", option, str(tmp_path / name), "--store", str(store.root))
    assert out.exit_code == 2, out.output
    assert fragment in out.output
    assert option in out.output


def test_export_to_a_file_or_a_missing_folder_is_refused(two_runs: Any, tmp_path: Path) -> None:
    store, _ = two_runs
    target = tmp_path / "a-file.csv"
    target.write_text("keep me", encoding="utf-8")
    out = _cli("results", "export", "latest", "--to", str(target), "--store", str(store.root))
    assert out.exit_code == 2
    assert "is a file" in out.output
    assert target.read_text(encoding="utf-8") == "keep me"
    missing = tmp_path / "no" / "such" / "folder"
    out = _cli("results", "export", "latest", "--to", str(missing), "--store", str(store.root))
    assert out.exit_code == 2
    assert "does not exist" in out.output


def test_a_store_that_is_a_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.txt"
    path.write_text("", encoding="utf-8")
    out = _cli("results", "list", "--store", str(path))
    assert out.exit_code == 2
    assert "is a file, not a results-store folder" in out.output


def test_etr_plot_path_and_reversed_range(tmp_path: Path) -> None:
    out = _cli("etr", "--from", "2025-01-01", "--to", "2025-02-01", "--plot", "/nonexistent/x.png")
    assert out.exit_code == 2
    assert "/nonexistent does not exist" in out.output
    out = _cli("etr", "--from", "2025-06-01", "--to", "2025-01-01")
    assert out.exit_code == 2
    assert "before --from" in out.output
