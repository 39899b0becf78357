"""A bounded background job queue: work runs in worker threads, clients poll its progress.

A job is a function ``work(report) -> dict`` that calls ``report(done, total, message)`` as it
goes and returns a JSON-able result. The queue bounds the number of jobs waiting or running
(``max_pending``: a submission beyond it is refused with :class:`QueueFull`, never silently
dropped) and the number of finished jobs it remembers (``max_finished``: the oldest are
forgotten first; their results stay wherever the work saved them). Jobs run in submission order
on ``workers`` daemon threads, started on the first submission. A job that raises is recorded as
failed with the error's message; the worker goes on with the next one.

Nothing is computed twice: a submission with the same ``key`` as a job that is waiting, running
or done (and still remembered) is answered with that job instead of a new one (a failed job is
not reused: submitting again retries it).
"""

from __future__ import annotations

import datetime as dt
import itertools
import queue
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from tradewar.errors import TradewarError

Status = Literal["queued", "running", "done", "failed"]
Report = Callable[[int, int, str], None]
Work = Callable[[Report], dict[str, Any]]


class QueueFull(TradewarError):
    """The queue already holds its maximum number of waiting or running jobs."""


class UnknownJob(TradewarError):
    """No job with that id (never submitted, or forgotten after finishing)."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Job:
    """A snapshot of one job (the queue replaces it at each change; it is never mutated)."""

    id: str
    kind: str
    label: str
    size: int
    status: Status = "queued"
    done: int = 0
    total: int = 0
    message: str = ""
    submitted_at: str = field(default_factory=_now)
    started_at: str | None = None
    finished_at: str | None = None
    result: dict[str, Any] | None = None
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "size": self.size,
            "status": self.status,
            "progress": {"done": self.done, "total": self.total, "message": self.message},
            "submitted_at": self.submitted_at,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "result": self.result,
            "error": self.error,
        }


class JobQueue:
    """Bounded FIFO of background jobs run by ``workers`` threads."""

    def __init__(self, *, max_pending: int = 64, max_finished: int = 256, workers: int = 1) -> None:
        if max_pending < 1 or max_finished < 1 or workers < 1:
            raise ValueError("max_pending, max_finished and workers must be at least 1")
        self.max_pending = max_pending
        self.max_finished = max_finished
        self.workers = workers
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._work: dict[str, Work] = {}
        self._keys: dict[str, str] = {}  # key -> id of the job computing it
        self._todo: queue.Queue[str | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._counter = itertools.count(1)
        self._closed = False

    # ------------------------------------------------------------------ clients

    def submit(self, kind: str, label: str, size: int, work: Work, key: str | None = None) -> Job:
        """Queue ``work``; raises :class:`QueueFull` when ``max_pending`` jobs are unfinished.

        With ``key`` (what the work computes, e.g. a hash of its inputs), a job with the same key
        that is not failed is returned instead, and ``work`` is not queued again.
        """
        with self._lock:
            if self._closed:
                raise QueueFull("the server is shutting down; no new jobs are accepted")
            same = self._jobs.get(self._keys.get(key, "")) if key is not None else None
            if same is not None and same.status != "failed":
                return same
            pending = sum(1 for j in self._jobs.values() if not j.finished)
            if pending >= self.max_pending:
                raise QueueFull(
                    f"{pending} jobs are already waiting or running (the limit is "
                    f"{self.max_pending}); try again when some have finished"
                )
            job_id = f"{next(self._counter):06d}-{secrets.token_hex(4)}"
            job = Job(id=job_id, kind=kind, label=label, size=size)
            self._jobs[job_id] = job
            self._work[job_id] = work
            if key is not None:
                self._keys[key] = job_id
            self._start_workers()
        self._todo.put(job_id)
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            if job_id not in self._jobs:
                raise UnknownJob(f"no job {job_id!r}; list the jobs with GET /api/jobs")
            return self._jobs[job_id]

    def jobs(self) -> list[Job]:
        """Every job remembered, oldest first."""
        with self._lock:
            return list(self._jobs.values())

    def pending(self) -> int:
        with self._lock:
            return sum(1 for j in self._jobs.values() if not j.finished)

    def close(self, timeout: float = 5.0) -> None:
        """Refuse new jobs, let the workers finish the current one, and stop them."""
        with self._lock:
            self._closed = True
            threads = list(self._threads)
        for _ in threads:
            self._todo.put(None)
        for thread in threads:
            thread.join(timeout)

    # ------------------------------------------------------------------ workers

    def _start_workers(self) -> None:
        while len(self._threads) < self.workers:
            thread = threading.Thread(
                target=self._loop, name=f"tradewar-job-{len(self._threads)}", daemon=True
            )
            self._threads.append(thread)
            thread.start()

    def _update(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)

    def _loop(self) -> None:
        while True:
            job_id = self._todo.get()
            if job_id is None:
                return
            self._run(job_id)

    def _run(self, job_id: str) -> None:
        with self._lock:
            work = self._work.pop(job_id)
        self._update(job_id, status="running", started_at=_now())

        def report(done: int, total: int, message: str) -> None:
            self._update(job_id, done=done, total=total, message=message)

        try:
            result = work(report)
        except Exception as exc:  # a failed job is recorded with its reason, never lost
            why = str(exc) if isinstance(exc, TradewarError) else f"{type(exc).__name__}: {exc}"
            self._update(job_id, status="failed", finished_at=_now(), error=why)
        else:
            self._update(job_id, status="done", finished_at=_now(), result=result)
        self._forget_old()

    def _forget_old(self) -> None:
        with self._lock:
            finished = [k for k, j in self._jobs.items() if j.finished]
            for job_id in finished[: max(0, len(finished) - self.max_finished)]:
                del self._jobs[job_id]
            for key in [k for k, job_id in self._keys.items() if job_id not in self._jobs]:
                del self._keys[key]
