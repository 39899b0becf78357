"""``data_info()``: what the default world holds, for ``tradewar data info``."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import numpy as np

from tradewar.sectors import GOODS_CODES
from tradewar.worlds._build import built_dir
from tradewar.worlds._default import default_world
from tradewar.worlds._inputs import INPUT_FILES, inputs_dir


def _sha(path: Any) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_info() -> dict[str, Any]:
    """Economies, sectors, base year, sources, file hashes and headline figures (USD bn)."""
    world = default_world()
    manifest = json.loads((built_dir() / "manifest.json").read_text(encoding="utf-8"))
    goods = np.array([s in GOODS_CODES for s in world.sectors])
    flows = world.trade[:, :, goods].sum(axis=2)
    domestic = np.diag(flows)
    c = world.countries
    files = {f"inputs/{p}": _sha(inputs_dir() / p) for p in INPUT_FILES}
    files.update({f"built/{p.name}": _sha(p) for p in sorted(built_dir().iterdir()) if p.is_file()})
    return {
        "name": world.name,
        "base_year": manifest["base_year"],
        "units": manifest["units"],
        "economies": list(c),
        "sectors": list(world.sectors),
        "goods_sectors": [s for s in world.sectors if s in GOODS_CODES],
        "sources": manifest["sources"],
        "unconfirmed_rows": manifest["unconfirmed_rows"],
        "sha256": files,
        "gdp_bn": {k: float(v) for k, v in zip(c, world.value_added, strict=True)},
        "goods_exports_bn": {
            k: float(v) for k, v in zip(c, flows.sum(axis=0) - domestic, strict=True)
        },
        "goods_imports_bn": {
            k: float(v) for k, v in zip(c, flows.sum(axis=1) - domestic, strict=True)
        },
        "bilateral_goods_bn": {
            f"{c[n]}<-{c[i]}": float(flows[n, i])
            for n in range(len(c))
            for i in range(len(c))
            if n != i
        },
        "build_report": manifest["build_report"],
    }
