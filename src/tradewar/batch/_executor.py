"""Where the solves run: in this process, or on a Dask cluster.

An :class:`Executor` hands out independent tasks and yields their results as they finish, in
any order. :class:`InProcess` runs them one after the other here; :class:`DaskExecutor` submits
them to a Dask distributed cluster (a scheduler at ``tcp://HOST:PORT``, or local worker
processes started by :func:`open_executor`). When a worker dies, the scheduler reruns its
unfinished tasks on the others; results are collected by the caller (the client), so whatever
finished before is kept.

Each local worker is one process with one thread, XLA and BLAS are limited to one thread in it
(:data:`PINNED_ENV`), and, where the operating system allows it, the process is pinned to a core
of its own (:func:`pin_to_core`): otherwise two workers on two cores would each try to use both
(XLA's CPU runtime hands work between two threads even with the flags).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from tradewar.errors import SweepError, TradewarError

#: Environment of local Dask workers: one thread each for XLA's CPU backend, OpenMP and BLAS.
PINNED_ENV: dict[str, str] = {
    "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


def pin_to_core(index: int) -> int | None:
    """Pin every thread of this process to one allowed CPU (by ``index``); returns the CPU.

    Threads created later inherit the pinning. Does nothing (returns None) where the operating
    system has no CPU affinity (e.g. macOS).
    """
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    cpu = cpus[index % len(cpus)]
    tasks = os.listdir("/proc/self/task") if os.path.isdir("/proc/self/task") else ["0"]
    for tid in tasks:
        try:
            os.sched_setaffinity(int(tid), {cpu})
        except OSError:  # a thread that ended meanwhile
            continue
    return cpu


class Executor(Protocol):
    """Runs ``fn(item, *shared)`` for every item and yields ``(index, result)`` as they finish."""

    @property
    def workers(self) -> int: ...

    @property
    def where(self) -> str: ...

    @property
    def local(self) -> bool:
        """Whether the tasks run on this machine (and can write to its file system)."""
        ...

    def share(self, value: Any) -> Any:
        """A handle to ``value`` that tasks receive as ``value`` (sent to each worker once)."""
        ...

    def map_unordered(
        self, fn: Callable[..., Any], items: Sequence[Any], *shared: Any, name: str = "task"
    ) -> Iterator[tuple[int, Any]]: ...


class InProcess:
    """Run every task here, in order (no Dask)."""

    workers = 1
    where = "this process"
    local = True

    def share(self, value: Any) -> Any:
        return value

    def map_unordered(
        self, fn: Callable[..., Any], items: Sequence[Any], *shared: Any, name: str = "task"
    ) -> Iterator[tuple[int, Any]]:
        for k, item in enumerate(items):
            yield k, fn(item, *shared)


class DaskExecutor:
    """Run tasks on the cluster behind a :class:`distributed.Client`.

    ``local`` says whether the workers run on this machine (and so share its file system).
    """

    def __init__(self, client: Any, where: str, *, local: bool = False) -> None:
        self.client = client
        self.where = where
        self.local = local

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def share(self, value: Any) -> Any:
        return self.client.scatter(value, broadcast=True, hash=False)

    def map_unordered(
        self, fn: Callable[..., Any], items: Sequence[Any], *shared: Any, name: str = "task"
    ) -> Iterator[tuple[int, Any]]:
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        futures = [
            self.client.submit(
                fn, item, *shared, pure=False, key=f"{name}-{k}-{os.urandom(4).hex()}"
            )
            for k, item in enumerate(items)
        ]
        index = {f.key: k for k, f in enumerate(futures)}
        pending = set(index)
        try:
            for future, result in as_completed(futures, with_results=True):
                pending.discard(future.key)
                yield index[future.key], result
                future.release()
        except KilledWorker as exc:
            raise SweepError(
                f"{name}: a task was lost with every worker that tried it ({exc}); the cluster "
                f"at {self.where} keeps losing workers (out of memory?). Results finished so far "
                "are kept; run again to resume."
            ) from exc
        except TradewarError:
            raise
        finally:
            left = [f for f in futures if f.key in pending]
            if left:
                self.client.cancel(left)


@contextmanager
def open_executor(
    cluster: str | None = None, workers: int | None = None, *, timeout: float = 20.0
) -> Iterator[Executor]:
    """An executor for ``--cluster``/``--workers``, closed (with any cluster it started) on exit.

    ``cluster`` is a scheduler address (``tcp://HOST:PORT``); without it, ``workers`` local
    worker processes are started (default: one per CPU core); ``workers=0`` runs in this
    process without Dask. ``timeout`` bounds the wait for a remote scheduler, in seconds.
    """
    if cluster is None and workers == 0:
        yield InProcess()
        return
    if workers is not None and workers < 0:
        raise SweepError(f"workers={workers}; give 0 (this process) or a positive number.")
    from distributed import Client, LocalCluster

    if cluster is not None:
        try:
            client = Client(cluster, timeout=f"{timeout}s")
        except (OSError, TimeoutError) as exc:
            raise SweepError(
                f"cannot reach a Dask scheduler at {cluster} ({exc}); start one with "
                "`dask scheduler` and workers with `dask worker ADDRESS`, or leave out --cluster "
                "to use local processes."
            ) from exc
        try:
            yield DaskExecutor(client, cluster)
        finally:
            client.close()
        return
    count = workers or os.cpu_count() or 1
    local = LocalCluster(
        n_workers=count,
        threads_per_worker=1,
        processes=True,
        env=dict(PINNED_ENV),
        dashboard_address=":0",  # any free port: never collides with a running cluster
        silence_logs=logging.ERROR,
    )
    client = Client(local)
    if count <= (os.cpu_count() or 1):
        from tradewar.batch._plugin import PinToCore

        client.register_plugin(PinToCore())
    try:
        yield DaskExecutor(client, f"{count} local worker process(es)", local=True)
    finally:
        client.close()
        local.close()
