"""The JSON API of the timeline, data and jobs, and the pages: answers checked against the
library, invariants of the breakdown, bad input, and offline assets."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tradewar.timeline import BUILTIN_OVERLAYS, tariffs_on
from tradewar.web import PAGES, pages_dir, static_dir


def test_series_matches_the_compiled_schedule_on_its_dates(client: Any) -> None:
    payload = client.get("/api/timeline/series", params={"end": "2026-06-30"}).json()
    assert payload["start"] == "2018-01-01"
    assert payload["end"] == "2026-06-30"
    series = payload["series"]
    assert series[0]["date"] == "2018-01-01"
    assert [p["date"] for p in series] == sorted(p["date"] for p in series)
    for point in (series[0], series[len(series) // 2], series[-1]):
        schedule = tariffs_on(point["date"])
        assert point["us_on_cn"] == pytest.approx(100 * schedule.average("USA", "CHN"), abs=1e-3)
        assert point["cn_on_us"] == pytest.approx(100 * schedule.average("CHN", "USA"), abs=1e-3)
        assert point["us_on_cn_simple"] == pytest.approx(
            100 * schedule.average("USA", "CHN", "simple"), abs=1e-3
        )
    # the peak of the war: US tariffs on China above 100% in April 2025
    assert max(p["us_on_cn"] for p in series) > 100
    events = payload["events"]
    assert events
    assert all(e["record"] == "event" and e["sources"] for e in events)
    assert all("2018-01-01" <= e["date"] <= "2026-06-30" for e in events)


def test_an_overlay_changes_the_series_after_its_date(client: Any) -> None:
    params = {"start": "2026-10-01", "end": "2026-12-31"}
    plain = client.get("/api/timeline/series", params=params).json()["series"]
    lapsed = client.get(
        "/api/timeline/series", params={**params, "overlay": "truce-lapses-2026-11-10"}
    ).json()["series"]
    assert plain[0]["cn_on_us"] == lapsed[0]["cn_on_us"]
    after = [p for p in lapsed if p["date"] >= "2026-11-10"]
    assert after
    assert after[0]["cn_on_us"] > plain[0]["cn_on_us"]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"start": "2025-01-01", "end": "2024-01-01"}, "before start"),
        ({"start": "2025-13-01"}, "date"),
        ({"start": "1999-12-31"}, "greater than or equal"),
        ({"overlay": "../../etc/passwd"}, "overlay"),
        ({"overlay": "back-to-2018"}, "overlay"),
    ],
)
def test_bad_series_requests_are_refused_with_the_reason(
    client: Any, params: dict[str, str], fragment: str
) -> None:
    r = client.get("/api/timeline/series", params=params)
    assert r.status_code == 422
    assert fragment in r.text


def test_breakdown_by_authority_and_sector_adds_up(client: Any) -> None:
    payload = client.get("/api/timeline/tariffs", params={"date": "2025-06-01"}).json()
    schedule = tariffs_on("2025-06-01")
    for key, (imp, exp) in (("US_on_CN", ("USA", "CHN")), ("CN_on_US", ("CHN", "USA"))):
        d = payload["directions"][key]
        assert d["trade_weighted"] == pytest.approx(100 * schedule.average(imp, exp), abs=1e-3)
        # the authorities' trade-weighted contributions and the base make up the average
        assert sum(d["by_authority"].values()) == pytest.approx(d["trade_weighted"], abs=0.01)
        goods = [s for s in d["sectors"] if s["goods"]]
        assert sum(s["weight_pct"] for s in goods) == pytest.approx(100, abs=0.01)
        for s in d["sectors"]:
            assert s["base"] + sum(s["by_authority"].values()) == pytest.approx(
                s["total"], abs=0.01
            )
        weighted = sum(s["weight_pct"] * s["total"] for s in goods) / 100
        assert weighted == pytest.approx(d["trade_weighted"], abs=0.01)
        assert d["records"], key
        for rec in d["records"]:
            assert rec["actor"] == imp
            assert rec["sources"]
            assert all(u.startswith("http") for u in rec["sources"])
            assert isinstance(rec["confirmed"], bool)
    assert set(payload["unconfirmed_records"]) == set(schedule.unconfirmed)


def test_records_filter_by_kind_and_date(client: Any) -> None:
    rows = client.get(
        "/api/timeline/records", params={"kind": "commitment", "start": "2020-01-01"}
    ).json()
    assert rows
    assert all(r["record"] == "commitment" and r["date"] >= "2020-01-01" for r in rows)
    assert client.get("/api/timeline/records", params={"kind": "rumour"}).status_code == 422


def test_overlays_are_the_timelines_built_in_ones(client: Any) -> None:
    from tradewar.web._timeline_api import OverlayName

    names = [o["name"] for o in client.get("/api/timeline/overlays").json()]
    assert names == list(BUILTIN_OVERLAYS)
    assert set(OverlayName.__args__) == set(BUILTIN_OVERLAYS)  # type: ignore[attr-defined]


def test_data_is_the_default_worlds(client: Any) -> None:
    from tradewar.worlds import data_info, default_world

    d = client.get("/api/data").json()
    info = data_info()
    assert d["economies"] == info["economies"]
    assert list(d["names"]) == d["economies"]
    assert d["names"]["KOR"] == "South Korea"
    assert d["base_year"] == info["base_year"]
    assert d["sha256"] == info["sha256"]
    assert d["bilateral_goods_bn"]["USA<-CHN"] == pytest.approx(
        info["bilateral_goods_bn"]["USA<-CHN"]
    )
    world = default_world()
    assert d["theta"] == {
        s: pytest.approx(float(t)) for s, t in zip(world.sectors, world.theta, strict=True)
    }


def test_jobs_and_status(client: Any) -> None:
    status = client.get("/api/status").json()
    assert status == {
        "max_pending_jobs": 64,
        "max_scenarios_per_job": 12,
        "pending_jobs": client.app.state.jobs.pending(),
    }
    assert client.get("/api/jobs/000001-deadbeef").status_code == 404
    assert client.get("/api/jobs/../../etc").status_code == 404
    assert client.get("/api/jobs/not-an-id").status_code == 422


def test_a_wrong_method_lists_the_allowed_ones(client: Any) -> None:
    r = client.request("OPTIONS", "/api/jobs")
    assert r.status_code == 405
    assert r.headers["allow"] == "GET"


@pytest.mark.parametrize("route", sorted(PAGES))
def test_pages_are_served_and_load_only_local_assets(client: Any, route: str) -> None:
    r = client.get(route)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert "/static/vendor/chart.umd.min.js" in assets
    for asset in assets:
        assert not asset.startswith(("http:", "https:", "//")), asset
        if asset.startswith("/static/"):
            assert client.get(asset).status_code == 200, asset


def test_no_shipped_page_script_or_style_loads_from_another_host() -> None:
    own = [p for p in static_dir().rglob("*") if p.is_file() and "vendor" not in p.parts]
    own += [p for p in pages_dir().rglob("*") if p.is_file()]
    assert {p.suffix for p in own} >= {".html", ".js", ".css"}
    for path in own:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), path
        assert not re.search(r"""(fetch|import)\(\s*["'`]https?://""", text), path
        assert "url(http" not in text, path
    vendored = static_dir() / "vendor"
    assert (
        (vendored / "chart.umd.min.js")
        .read_text(encoding="utf-8")
        .startswith("/*!\n * Chart.js v4")
    )
    assert "MIT" in (vendored / "chart.js-LICENSE.md").read_text(encoding="utf-8")


def test_root_redirects_and_no_cdn_docs(client: Any) -> None:
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 307)
    assert r.headers["location"] == "/timeline"
    # FastAPI's interactive docs load scripts from a CDN: they are switched off
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "tradewar dashboard"


@pytest.mark.parametrize(
    "path",
    ["/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml", "/static//etc/passwd"],
)
def test_static_files_never_leave_the_static_folder(client: Any, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "[project]" not in r.text
    assert "root:" not in r.text


def test_openapi_lists_every_api_route(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in (
        "/api/timeline/series",
        "/api/timeline/tariffs",
        "/api/timeline/records",
        "/api/data",
        "/api/jobs/{job_id}",
        "/api/status",
        "/api/scenarios",
        "/api/runs",
        "/api/runs/{run_id}/scenarios/{name}",
        "/api/compare",
        "/api/strategy",
    ):
        assert route in paths, route
    assert not any(p in paths for p in PAGES)


def _serialisable(value: Any) -> None:
    """Nothing in a payload is NaN (JSON has none): missing numbers are null."""
    if isinstance(value, dict):
        for v in value.values():
            _serialisable(v)
    elif isinstance(value, list):
        for v in value:
            _serialisable(v)
    elif isinstance(value, float):
        assert value == value


def test_clean_turns_missing_numbers_into_null() -> None:
    import numpy as np

    from tradewar.web._json import clean

    out = clean({"a": np.float64("nan"), "b": [np.int64(3), float("inf")], "c": (1.5,)})
    assert out == {"a": None, "b": [3, None], "c": [1.5]}
    _serialisable(out)


def test_pair_series_by_authority(client: Any) -> None:
    params = {"importer": "USA", "exporter": "VNM", "start": "2025-01-01", "end": "2025-12-31"}
    payload = client.get("/api/timeline/pair", params=params).json()
    series = payload["series"]
    assert series[0]["date"] == "2025-01-01"
    aug = next(p for p in series if p["date"] == "2025-08-07")
    schedule = tariffs_on("2025-08-07")
    assert aug["rate"] == pytest.approx(100 * schedule.average("USA", "VNM"), abs=1e-3)
    assert sum(aug["by_authority"].values()) == pytest.approx(aug["rate"], abs=1e-2)
    everything = client.get("/api/timeline/pair", params={**params, "exporter": "ALL"})
    assert everything.status_code == 200
    bad = client.get("/api/timeline/pair", params={**params, "exporter": "XXX"})
    assert bad.status_code == 422
    assert "XXX" in bad.text
