"""The bounded job queue: order, progress, failures, bounds, forgetting, shutdown."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from tradewar.errors import TimelineError
from tradewar.web import Job, JobQueue, QueueFull, UnknownJob


def wait(queue: JobQueue, job_id: str, timeout: float = 10.0) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = queue.get(job_id)
        if job.finished:
            return job
        time.sleep(0.01)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


def test_jobs_run_in_order_and_report_progress() -> None:
    queue = JobQueue(max_pending=10)
    order: list[int] = []

    def work(k: int) -> Any:
        def run(report: Any) -> dict[str, Any]:
            report(1, 2, f"half of {k}")
            order.append(k)
            return {"k": k}

        return run

    jobs = [queue.submit("test", f"job {k}", 1, work(k)) for k in range(5)]
    done = [wait(queue, j.id) for j in jobs]
    assert order == [0, 1, 2, 3, 4]
    assert [j.result for j in done] == [{"k": k} for k in range(5)]
    assert all(j.status == "done" and j.started_at and j.finished_at for j in done)
    assert done[0].message == "half of 0"
    assert (done[0].done, done[0].total) == (1, 2)
    queue.close()


def test_a_failing_job_is_recorded_with_its_reason_and_the_next_runs() -> None:
    queue = JobQueue(max_pending=5)

    def bad(report: Any) -> dict[str, Any]:
        raise TimelineError("record 'x': field 'rate': too high")

    def boom(report: Any) -> dict[str, Any]:
        raise KeyError("missing")

    first = queue.submit("test", "bad", 1, bad)
    second = queue.submit("test", "boom", 1, boom)
    third = queue.submit("test", "good", 1, lambda report: {"ok": True})
    assert wait(queue, first.id).error == "record 'x': field 'rate': too high"
    failed = wait(queue, second.id)
    assert failed.status == "failed"
    assert failed.error == "KeyError: 'missing'"
    assert wait(queue, third.id).result == {"ok": True}
    queue.close()


def test_the_number_of_pending_jobs_is_bounded() -> None:
    queue = JobQueue(max_pending=2)
    gate = threading.Event()

    def blocked(report: Any) -> dict[str, Any]:
        gate.wait(10)
        return {}

    a = queue.submit("test", "a", 1, blocked)
    b = queue.submit("test", "b", 1, blocked)
    with pytest.raises(QueueFull, match="limit is 2"):
        queue.submit("test", "c", 1, blocked)
    assert queue.pending() == 2
    gate.set()
    wait(queue, a.id)
    wait(queue, b.id)
    c = queue.submit("test", "c", 1, blocked)  # room again once the others finished
    wait(queue, c.id)
    queue.close()


def test_old_finished_jobs_are_forgotten_and_unknown_ids_say_so() -> None:
    queue = JobQueue(max_pending=10, max_finished=3)
    ids = [queue.submit("test", str(k), 1, lambda report: {}).id for k in range(6)]
    wait(queue, ids[-1])
    time.sleep(0.05)
    kept = [j.id for j in queue.jobs()]
    assert kept == ids[-3:]
    with pytest.raises(UnknownJob, match="no job"):
        queue.get(ids[0])
    queue.close()


def test_a_closed_queue_refuses_new_jobs() -> None:
    queue = JobQueue(max_pending=2)
    job = queue.submit("test", "a", 1, lambda report: {})
    wait(queue, job.id)
    queue.close()
    with pytest.raises(QueueFull, match="shutting down"):
        queue.submit("test", "b", 1, lambda report: {})


def test_bounds_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        JobQueue(max_pending=0)


def test_identical_work_is_computed_once_and_a_failure_is_retried() -> None:
    queue = JobQueue(max_pending=2)
    calls: list[str] = []
    gate = threading.Event()

    def work(name: str, fail: bool = False) -> Any:
        def run(report: Any) -> dict[str, Any]:
            gate.wait(5)
            calls.append(name)
            if fail:
                raise TimelineError(f"{name} failed")
            return {"name": name}

        return run

    first = queue.submit("run", "a", 1, work("a"), key="A")
    again = [queue.submit("run", "a", 1, work("a again"), key="A") for _ in range(5)]
    assert {j.id for j in again} == {first.id}  # no new jobs: the bound of 2 is not reached
    bad = queue.submit("run", "b", 1, work("b", fail=True), key="B")
    gate.set()
    assert wait(queue, first.id).result == {"name": "a"}
    assert wait(queue, bad.id).status == "failed"
    assert queue.submit("run", "a", 1, work("a later"), key="A").id == first.id  # done: reused
    retry = queue.submit("run", "b", 1, work("b retried"), key="B")
    assert retry.id != bad.id
    wait(queue, retry.id)
    assert calls == ["a", "b", "b retried"]
    queue.close()
