"""``data_info()``: what the default world holds, for ``tradewar data info``.

``us_imports_check()`` sets the default world's US imports by sector against the 2024 HS10 data
aggregated through the HS concordance (the table in ``docs/data.md``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import numpy as np

from tradewar.data import read_csv
from tradewar.sectors import GOODS_CODES
from tradewar.worlds._default import INPUT_FILES, built_dir, default_world, inputs_dir

#: US partners whose composition the check reports separately (issue 12).
CHECK_PARTNERS = ("ALL", "CHN", "VNM", "MEX", "TWN")
#: Sectors at or above this size (USD bn, 2024 HS10 data) must match within CHECK_TOLERANCE.
CHECK_MIN_BN = 50.0
CHECK_TOLERANCE = 0.10


def _sha(path: Any) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _composition(world: Any, goods: np.ndarray) -> dict[str, dict[str, dict[str, float]]]:
    """{economy: {"exports"|"imports": {sector: bn}}} of goods trade (home sales excluded)."""
    off = world.trade.copy()
    idx = np.arange(world.n_countries)
    off[idx, idx, :] = 0.0
    cols = np.flatnonzero(goods)
    sectors = [world.sectors[k] for k in cols]
    out: dict[str, dict[str, dict[str, float]]] = {}
    for k, c in enumerate(world.countries):
        exports = off[:, k, :][:, cols].sum(axis=0)
        imports = off[k, :, :][:, cols].sum(axis=0)
        out[c] = {
            "exports": {s: round(float(v), 3) for s, v in zip(sectors, exports, strict=True)},
            "imports": {s: round(float(v), 3) for s, v in zip(sectors, imports, strict=True)},
        }
    return out


def data_info() -> dict[str, Any]:
    """Economies, sectors, base year, sources, file hashes, margins against their sources and
    the composition of each economy's goods trade by sector (USD bn)."""
    world = default_world()
    manifest = json.loads((built_dir() / "manifest.json").read_text(encoding="utf-8"))
    goods = np.array([s in GOODS_CODES for s in world.sectors])
    flows = world.trade[:, :, goods].sum(axis=2)
    domestic = np.diag(flows)
    c = world.countries
    files = {f"inputs/{p}": _sha(inputs_dir() / p) for p in INPUT_FILES}
    files.update({f"built/{p.name}": _sha(p) for p in sorted(built_dir().iterdir()) if p.is_file()})
    theta = read_csv(built_dir() / "theta.csv", ("sector", "theta", "se", "estimates"))
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
        "composition_bn": _composition(world, goods),
        "theta": {
            r.text("sector"): {
                "theta": r.number("theta"),
                "se": r.number("se"),
                "estimates": r.text("estimates"),
            }
            for r in theta
        },
        "build_report": manifest["build_report"],
    }


def us_imports_check() -> list[dict[str, Any]]:
    """US 2024 goods imports by sector: the default world against the HS10 data.

    One row per (partner, sector) with ``data_bn`` (2024 HS10 imports for consumption, chapters
    1-97, through the HS concordance; ``us_imports_2024.csv`` of the build), ``model_bn`` (the
    world's US import flow), their shares of the partner's total and the relative gap. Partner
    ``ALL`` is every exporter together (the HS10 files cover 51 partners; the rest of the world
    in the model also carries what they miss).
    """
    world = default_world()
    usa = world.country_index("USA")
    data: dict[tuple[str, str], float] = {}
    for r in read_csv(built_dir() / "us_imports_2024.csv", ("partner", "sector", "imports_bn")):
        key = (r.text("partner"), r.text("sector"))
        data[key] = r.number("imports_bn")
    rows = []
    for partner in CHECK_PARTNERS:
        if partner == "ALL":
            model = {
                s: float(world.trade[usa, :, world.sector_index(s)].sum()) for s in GOODS_CODES
            }
            model = {
                s: v - float(world.trade[usa, usa, world.sector_index(s)]) for s, v in model.items()
            }
            hs10 = {s: sum(v for (p, q), v in data.items() if q == s) for s in GOODS_CODES}
        else:
            i = world.country_index(partner)
            model = {s: float(world.trade[usa, i, world.sector_index(s)]) for s in GOODS_CODES}
            hs10 = {s: data.get((partner, s), 0.0) for s in GOODS_CODES}
        total_model, total_data = sum(model.values()), sum(hs10.values())
        for s in GOODS_CODES:
            gap = model[s] / hs10[s] - 1.0 if hs10[s] > 0 else float("nan")
            rows.append(
                {
                    "partner": partner,
                    "sector": s,
                    "data_bn": hs10[s],
                    "model_bn": model[s],
                    "data_share": hs10[s] / total_data,
                    "model_share": model[s] / total_model,
                    "gap": gap,
                    "checked": hs10[s] >= CHECK_MIN_BN,
                }
            )
    return rows
