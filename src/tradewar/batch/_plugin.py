"""A Dask worker plugin that pins each local worker process to a core of its own."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from tradewar.batch._executor import pin_to_core


class PinToCore(WorkerPlugin):
    """Pin local worker ``k`` (workers are named 0, 1, ... by ``LocalCluster``) to core ``k``."""

    name = "tradewar-pin-to-core"

    def setup(self, worker: Any) -> None:
        name = str(worker.name)
        if name.isdigit():
            pin_to_core(int(name))
