"""The shipped data: every record sourced and flagged, concordance complete, weights consistent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tradewar.sectors import GOODS_CODES
from tradewar.timeline import BUILTIN_OVERLAYS, builtin_overlay, builtin_timeline
from tradewar.timeline._weights import (
    bilateral_totals,
    concordance,
    product_sets,
    weight_tables,
)


def test_timeline_loads_with_all_required_content() -> None:
    tl = builtin_timeline()
    ids = set(tl.by_id)
    required = {
        "us-s301-list1",
        "us-s301-list2",
        "us-s301-list3-10",
        "us-s301-list3-25",
        "us-s301-list4a-15",
        "us-s301-list4a-7p5",
        "us-s301-2024rev-ev",
        "us-232-steel-alu-50",
        "us-ieepa-fent-10",
        "us-ieepa-fent-20",
        "us-ieepa-fent-10b",
        "us-ieepa-recip-chn-34",
        "us-ieepa-recip-chn-84",
        "us-ieepa-recip-chn-125",
        "us-ieepa-recip-chn-susp-geneva",
        "ruling-scotus-ieepa",
        "us-s122-10",
        "us-s301-excess-capacity",
        "cn-2018-r1",
        "cn-2025-apr-34",
        "cn-re-oct2025",
        "cn-re-suspension",
        "round-2025-geneva",
        "round-2026-paris",
        "round-2026-beijing",
        "round-2025-busan",
        "com-phase1-total",
        "com-busan-soy-25",
        "com-2026-boeing-200",
    }
    assert required <= ids, sorted(required - ids)
    assert len(tl.measures) > 90
    assert len(tl.events) > 20
    assert len(tl.commitments) > 10
    assert all(r.sources for r in tl)
    assert any(not r.confirmed for r in tl)
    assert any(r.confirmed for r in tl)


def test_concordance_covers_every_chapter() -> None:
    conc = concordance()
    assert all(f"{c:02d}" in conc for c in range(1, 98))
    assert set(conc.values()) <= set(GOODS_CODES)
    assert set(conc.values()) == set(GOODS_CODES)  # every goods sector is reachable
    assert conc["8471"] == "electronics"
    assert conc["8542"] == "electronics"
    assert conc["84"] == "machinery"
    assert conc["85"] == "electrical"


def test_weights_add_up_to_published_totals() -> None:
    totals = bilateral_totals()
    for (imp, exp), table in weight_tables().items():
        assert table.year == 2017
        assert table.total / 1000 == pytest.approx(totals[(imp, exp, 2017)], rel=1e-3)
        assert all(c.value >= 0 for c in table.cells)


def test_disjoint_lists_never_cover_more_than_everything() -> None:
    from tradewar.timeline._models import Scope
    from tradewar.timeline._weights import CoverageModel

    model = CoverageModel(weight_tables()[("USA", "CHN")])
    per_cell: dict[str, float] = {}
    for set_id, ps in product_sets().items():
        if ps.partition != "us301-china":
            continue
        for code, share in model.cell_shares(Scope(product_set=set_id), set_id).items():
            per_cell[code] = per_cell.get(code, 0.0) + share
    assert max(per_cell.values()) <= 1.0 + 1e-9


def test_builtin_overlays_validate() -> None:
    tl = builtin_timeline()
    for name in BUILTIN_OVERLAYS:
        assert builtin_overlay(name).apply(tl) is not tl


def test_records_after_july_2026_are_flagged_or_sourced() -> None:
    late = [r for r in builtin_timeline().between(dt.date(2026, 7, 1), None)]
    assert all(r.sources for r in late)


def test_timeline_does_not_import_the_solver() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tradewar.timeline, tradewar.cli.timeline; "
        "tradewar.timeline.tariffs_on('2025-05-14'); "
        "bad = [m for m in ('jax', 'tradewar.model') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_exported_schemas_are_current(tmp_path: Path) -> None:
    from tradewar.timeline import export_schemas

    shipped = Path(__file__).resolve().parents[2] / "docs" / "schema"
    for path in export_schemas(tmp_path):
        assert (shipped / path.name).read_text() == path.read_text(), (
            f"docs/schema/{path.name} is stale: regenerate it with "
            "tradewar.timeline.export_schemas('docs/schema')"
        )


def test_package_docstring_example_runs() -> None:
    import doctest

    import tradewar.timeline

    assert doctest.testmod(tradewar.timeline).failed == 0
