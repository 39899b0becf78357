"""Concurrent writers and writers killed midway never damage the store or lose a finished run.

Writers are separate processes (DuckDB allows one writing process at a time, which is what the
store's design has to cope with). Each reads a stored run and saves copies under new ids.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tradewar.store import Store

SRC = Path(__file__).resolve().parents[2] / "src"

WRITER = textwrap.dedent(
    """
    import dataclasses, sys
    from pathlib import Path
    from tradewar.store import Store
    from tradewar.store._files import read_run

    source, target, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    run = read_run(Path(source))
    store = Store(target)
    {patch}
    for k in range(count):
        run_id = f"{{run.run_id}}-{{tag}}-{{k}}"
        manifest = {{**run.manifest, "run_id": run_id}}
        store.save(dataclasses.replace(run, run_id=run_id, manifest=manifest))
    print("finished", flush=True)
    """
)

READER = textwrap.dedent(
    """
    import sys, time
    from tradewar.store import Store
    store = Store(sys.argv[1])
    deadline = time.time() + float(sys.argv[2])
    reads = 0
    while time.time() < deadline:
        ids = store.run_ids()
        if ids:
            store.load(ids[-1])
        store.runs()
        reads += 1
    print("reads", reads, flush=True)
    """
)

# Pause a writer at a given point: print "paused" and sleep until killed.
PAUSE_IN_PARQUET = """
import time
from tradewar.store import _files
_write = _files.write_table
_count = [0]
def write_table(frame, path):
    out = _write(frame, path)
    _count[0] += 1
    if _count[0] == 2:
        print("paused", flush=True)
        time.sleep(120)
    return out
_files.write_table = write_table
"""

PAUSE_IN_INDEX = """
import time
from tradewar.store import _index
_reconcile = _index.reconcile
def reconcile(con, runs_dir):
    con.execute("BEGIN TRANSACTION")
    con.execute("INSERT INTO runs (run_id) VALUES ('half-written')")
    print("paused", flush=True)
    time.sleep(120)
_index.reconcile = reconcile
"""


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _spawn(script_path, *args):
    return subprocess.Popen(
        [sys.executable, str(script_path), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


@pytest.fixture
def source(tmp_path, small_run):
    store = Store(tmp_path / "source")
    return store.save(small_run)


def _script(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_concurrent_writers_and_readers(tmp_path, source, small_run):
    target = tmp_path / "store"
    writer = _script(tmp_path, "writer.py", WRITER.format(patch=""))
    reader = _script(tmp_path, "reader.py", READER)
    procs = [_spawn(writer, source, target, f"w{k}", 2) for k in range(4)]
    procs.append(_spawn(reader, target, 4))
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    assert all("finished" in out for out, _ in outputs[:4])
    store = Store(target)
    runs = store.runs()
    assert len(runs) == 8
    assert runs["run_id"].is_unique
    assert store.check() == {"runs": 8, "problems": []}
    for run_id in runs["run_id"]:
        assert store.load(run_id).summary()["scenarios"] == small_run.summary()["scenarios"]
    assert not list((target / "staging").iterdir())


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
@pytest.mark.parametrize("where", ["parquet", "index"])
def test_a_writer_killed_midway_loses_nothing_finished(tmp_path, source, small_run, where):
    target = tmp_path / "store"
    plain = _script(tmp_path, "writer.py", WRITER.format(patch=""))
    first = _spawn(plain, source, target, "before", 2)
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    patch = PAUSE_IN_PARQUET if where == "parquet" else PAUSE_IN_INDEX
    paused = _script(tmp_path, "paused.py", WRITER.format(patch=textwrap.indent(patch, "")))
    victim = _spawn(paused, source, target, "killed", 1)
    line = victim.stdout.readline()
    assert line.strip() == "paused", victim.stderr.read()
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=60)
    assert victim.returncode == -signal.SIGKILL

    store = Store(target, lock_timeout=30)
    start = time.monotonic()
    ids = list(store.runs()["run_id"])  # the lock died with the writer: no wait
    assert time.monotonic() - start < 20
    before = [f"{small_run.run_id}-before-{k}" for k in range(2)]
    killed = f"{small_run.run_id}-killed-0"
    if where == "parquet":
        assert ids == before  # the half-written run never appears ...
        assert len(list((target / "staging").iterdir())) == 1  # ... it stays in staging
    else:
        assert ids == [*before, killed]  # published before the index update: not lost
        assert "half-written" not in ids  # the uncommitted index row was rolled back
    assert store.check()["problems"] == []
    for run_id in ids:
        store.load(run_id)
    # the next save cleans the dead writer's staging folder and the store goes on
    again = _spawn(plain, source, target, "after", 1)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert not list((target / "staging").iterdir())
    assert len(store.runs()) == len(ids) + 1
