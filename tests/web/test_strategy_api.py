"""The strategy routes (War and talks page): a job's result is the strategy layer's answer, and
bad requests are refused."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest


def run(client: Any, request: dict[str, Any], timeout: float = 600) -> dict[str, Any]:
    r = client.post("/api/strategy", json={"request": request})
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            assert job["status"] == "done", job["error"]
            return job["result"]  # type: ignore[no-any-return]
        time.sleep(0.3)
    raise AssertionError("strategy job did not finish")


def test_escalation_paths_are_the_strategy_layers(client: Any) -> None:
    import tradewar.strategy as st
    from tradewar.web._strategy_api import _model

    result = run(client, {"analysis": "escalate", "months": 4, "strategies": ["tft", "grim"]})
    m = _model()
    game = st.Game.create(m, ("USA", "CHN"), ladder=[0.0, 0.1, 0.25, 0.5])
    paths = st.tournament(game, [st.TitForTat(), st.GrimTrigger()], 4)
    assert [p["strategies"] for p in result["plays"]] == [list(p.strategies) for p in paths]
    for shown, path in zip(result["plays"], paths, strict=True):
        usa, chn = m.countries.index("USA"), m.countries.index("CHN")
        assert shown["average_payoff_pct"]["USA"] == pytest.approx(path.average()[usa])
        assert shown["average_payoff_pct"]["CHN"] == pytest.approx(path.average()[chn])
        assert np.allclose(shown["path_extra_tariff_pct"], 100 * path.intensity)


@pytest.mark.parametrize(
    ("request_", "fragment"),
    [
        ({"analysis": "war", "players": ["USA", "USA"]}, "must differ"),
        ({"analysis": "war", "players": ["USA", "CHN", "MEX"]}, "at most 2"),
        ({"analysis": "optimal", "country": "ATLANTIS"}, "is not an economy of the default world"),
        ({"analysis": "escalate", "months": 1000}, "less than or equal to 36"),
        ({"analysis": "talks", "concept": "bribery"}, "Input should be"),
        ({"analysis": "peace"}, "does not match any of the expected tags"),
    ],
)
def test_bad_strategy_requests_are_refused(
    client: Any, request_: dict[str, Any], fragment: str
) -> None:
    r = client.post("/api/strategy", json={"request": request_})
    assert r.status_code == 422
    assert fragment in r.text


def test_every_economy_of_the_default_world_can_play() -> None:
    """The players are the default world's economies (22), not a list typed out."""
    from tradewar.web._strategy_api import StrategyBody
    from tradewar.worlds import default_world

    for code in default_world().countries:
        body = StrategyBody.model_validate({"request": {"analysis": "optimal", "country": code}})
        assert body.request.country == code  # type: ignore[union-attr]
    war = StrategyBody.model_validate({"request": {"analysis": "war", "players": ["THA", "SAU"]}})
    assert war.request.players == ["THA", "SAU"]  # type: ignore[union-attr]


def test_results_name_the_starting_and_resulting_tariffs(client: Any) -> None:
    """Optimal and escalation results carry each player's goods tariffs at the start (factual)
    and at the result, so the page can show from → to (issue 15)."""
    import tradewar.strategy as st
    from tradewar.web._strategy_api import _model

    m = _model()
    factual = m.factual_tariffs()
    result = run(client, {"analysis": "optimal", "country": "USA"})
    moves = result["tariffs"]["USA"]
    expected = st.tariff_moves(m, factual, factual, ["USA"])["USA"]
    assert moves["from_median_pct"] == pytest.approx(expected["from_median_pct"])
    assert moves["to_median_pct"] > moves["from_median_pct"]  # an optimal tariff is above MFN
    game = run(client, {"analysis": "escalate", "months": 2, "strategies": ["tft"]})
    assert game["starting_tariffs"]["CHN"]["median_pct"] == pytest.approx(
        st.tariff_moves(m, factual, factual, ["CHN"], ["USA", "CHN"])["CHN"]["from_median_pct"]
    )
    # the bilateral game counts only the tariffs on each other, not third countries' MFN rates
    us_on_cn = st.tariff_moves(m, factual, factual, ["USA"], ["USA", "CHN"])["USA"]
    assert us_on_cn["from_median_pct"] > 10 > expected["from_median_pct"]
