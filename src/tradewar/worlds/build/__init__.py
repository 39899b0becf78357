"""Build the embedded default world (base year 2024) from real tables in ``../shared/data``.

The steps, each documented in ``docs/data.md``:

1. bilateral flows by sector from the WIOD 2016-release table for 2014 (16 sectors, 44
   economies); the EU members summed to EU27; Viet Nam, Thailand, Malaysia, Singapore and Saudi
   Arabia, which have no table of their own, split out of WIOD's rest of the world in proportion
   to their 2024 goods exports (as exporters), imports (as importers) and GDP (domestic sales);
   as exporters their sector mix is tilted to the mix of their 2024 exports to the USA;
2. each WIOD sector split into the default sectors it holds (crude oil from coal and ores,
   steel from aluminium, semiconductors from computers ...) by the exporter's 2024 exports to the
   USA through the HS concordance (the all-partner US import mix where an exporter sold none);
   services into three by the exporter's WIOD 2011 gross output; every split cell is imputed;
3. the US import row replaced by the 2024 HS10 data aggregated through the concordance (the
   rest of the world takes the remainder of the WTO total); every other pair's goods total
   balanced by RAS to 2024 goods exports and imports by economy, with the published 2024
   bilateral flows held fixed; domestic sales and services scaled so that value added equals 2024
   GDP; gross output raised where exports would leave less than 10% for home sales;
4. tariffs: 2014 applied rates by pair and sector (TRAINS, via Lashkaripour-Lugovskyy), with the
   USA and CHN import rows from the policy timeline's compiler at
   :data:`~tradewar.worlds.build._tariffs.TIMELINE_DATE`;
5. input-output and value-added shares from the OECD ICIO 2018 (via Rodriguez-Clare, Ulate and
   Vasquez), each ICIO input group split by the economy's output of its default sectors; the
   USA's value-added shares from WIOD 2011 (the ICIO file has US states only); Switzerland,
   which has neither table, borrows the EU27's shares; the economies in step 1 borrow the ICIO
   rest of the world's; input rows moved to services where they would leave under 2% of
   absorption to final demand;
6. trade elasticities from published estimates with their standard errors (``theta_choice.csv``).

:func:`build_files` returns the built files' bytes; :func:`build_default` writes them. The output is
deterministic: numbers are written with 12 significant digits in a fixed order.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tradewar.sectors import SECTOR_CODES, sector_of_hs
from tradewar.worlds._default import BUILT_FILES, built_dir
from tradewar.worlds.build import _sources as sources
from tradewar.worlds.build._compose import Flows, compose
from tradewar.worlds.build._inputs import (
    BASE_YEAR,
    ECONOMIES,
    INPUT_FILES,
    NO_TABLE,
    Inputs,
    inputs_dir,
    read_inputs,
)

__all__ = [
    "BASE_YEAR",
    "BUILT_FILES",
    "ECONOMIES",
    "INPUT_FILES",
    "NO_TABLE",
    "Flows",
    "Inputs",
    "build_default",
    "build_files",
    "compose",
    "read_inputs",
    "shared_dir",
]

CP_URL = "https://doi.org/10.1093/restud/rdu035"
LL_URL = "https://doi.org/10.1257/aer.20210419"


def shared_dir() -> Path:
    """``../shared/data`` next to the repository (where the real tables are)."""
    return Path(__file__).resolve().parents[4].parent / "shared" / "data"


def _fmt(x: float, digits: int = 12) -> str:
    return format(float(x), f".{digits}g")


def _table(header: str, rows: list[str]) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_files(directory: Path | None = None, shared: Path | None = None) -> dict[str, bytes]:
    """The built default world as {file name: bytes}, from the inputs and the real sources."""
    root = directory or inputs_dir()
    data = shared or shared_dir()
    inp = read_inputs(root)
    flows = compose(inp, data)
    gtap = sources.gtap_of_hs6(data)
    hs6_codes = sorted(
        {c for c in sources.us_imports_2024(data)["hs6"] if c[:2] not in ("98", "99")} | set(gtap)
    )
    hs6_codes = [c for c in hs6_codes if c[:2] not in ("98", "99", "77")]
    c, s = ECONOMIES, SECTOR_CODES
    n, j = len(c), len(s)
    cells = [(a, b, k) for a in range(n) for b in range(n) for k in range(j)]
    files = {
        "trade.csv": _table(
            "importer,exporter,sector,value_bn",
            [
                f"{c[a]},{c[b]},{s[k]},{_fmt(flows.trade[a, b, k])}"
                for a, b, k in cells
                if flows.trade[a, b, k] != 0.0
            ],
        ),
        "tariffs.csv": _table(
            "importer,exporter,sector,rate",
            [
                f"{c[a]},{c[b]},{s[k]},{_fmt(flows.tariffs[a, b, k])}"
                for a, b, k in cells
                if flows.tariffs[a, b, k] != 0.0
            ],
        ),
        "io_share.csv": _table(
            "economy,input,sector,share",
            [
                f"{c[a]},{s[k]},{s[m]},{_fmt(flows.io_share[a, k, m])}"
                for a in range(n)
                for k in range(j)
                for m in range(j)
            ],
        ),
        "va_share.csv": _table(
            "economy,sector,share",
            [f"{c[a]},{s[k]},{_fmt(flows.va_share[a, k])}" for a in range(n) for k in range(j)],
        ),
        "theta.csv": _table(
            "sector,theta,se,estimates",
            [
                f"{s[k]},{_fmt(flows.theta[k], 8)},{_fmt(flows.theta_se[k], 8)},"
                f"{flows.theta_source[k]}"
                for k in range(j)
            ],
        ),
        "imputed.csv": _table(
            "importer,exporter,sector",
            [f"{c[a]},{c[b]},{s[k]}" for a, b, k in cells if flows.imputed[a, b, k]],
        ),
        "elasticities.csv": _table(
            "estimate,theta,se,source_url",
            [
                f"{e},{_fmt(t, 8)},{_fmt(se, 8)},{CP_URL if e.startswith('cp:') else LL_URL}"
                for e, (t, se) in flows.estimates.items()
            ],
        ),
        "hs6_sector.csv": _table(
            "hs6,sector,gtap",
            [f"{code},{sector_of_hs(code)},{gtap.get(code, '')}" for code in hs6_codes],
        ),
        "us_imports_2024.csv": _table(
            "partner,sector,imports_bn,duty_bn",
            [
                f"{e},{k},{_fmt(v)},{_fmt(d)}"
                for e, k, v, d in zip(
                    flows.us_imports["economy"],
                    flows.us_imports["sector"],
                    flows.us_imports["imports"],
                    flows.us_imports["duty"],
                    strict=True,
                )
            ],
        ),
    }
    manifest = {
        "name": f"tradewar default world {BASE_YEAR}",
        "base_year": BASE_YEAR,
        "units": "current USD billions; trade at producer prices (net of tariffs)",
        "economies": list(c),
        "sectors": list(s),
        "inputs_sha256": {name: _sha((root / name).read_bytes()) for name in INPUT_FILES},
        "outputs_sha256": {name: _sha(data) for name, data in files.items()},
        "sources": {
            **inp.sources,
            "tables": [
                "WIOD 2016 release, 2014, via Lashkaripour-Lugovskyy (2023) " + LL_URL,
                "OECD ICIO 2021 edition, 2018 shares, via Rodriguez-Clare-Ulate-Vasquez",
                "WIOD 2013 release, 2011 (Timmer et al. 2015)",
                "US Census imports for consumption 2024 by HS10 (tradewartracker)",
                "Caliendo-Parro (2015) Table 1 " + CP_URL,
            ],
        },
        "unconfirmed_rows": inp.unconfirmed,
        "build_report": flows.report,
    }
    files["manifest.json"] = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
    return files


def build_default(
    out_dir: Path | None = None, inputs: Path | None = None, shared: Path | None = None
) -> dict[str, str]:
    """Build the default world into ``out_dir`` (default: the package's shipped folder).

    Returns {file name: sha256}. Rebuilding from unchanged inputs reproduces the shipped files
    byte for byte.
    """
    target = out_dir or built_dir()
    target.mkdir(parents=True, exist_ok=True)
    files = build_files(inputs, shared)
    for name, data in files.items():
        (target / name).write_bytes(data)
    return {name: _sha(data) for name, data in files.items()}
