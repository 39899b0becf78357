"""Property-based tests of the whole API from its OpenAPI schema (schemathesis), with every check:
whatever a client sends that the schema allows, or not, the server never answers with a server
error, answers as its schema says, and accepts what the schema allows (``schemathesis.toml`` names
the two operations where a rule spanning fields may refuse a schema-valid request).

Run and strategy requests are accepted or refused for real, but the accepted ones are not solved
here: the application's run functions are replaced by ones that only record the request (the real
ones are tested in test_runs_api.py, test_strategy_api.py and the browser tests).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="pip install -e '.[test]'")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.config import SchemathesisConfig  # noqa: E402

from tradewar.web import WebSettings, create_app  # noqa: E402


def _record_only(scenarios: Any, store: Any, report: Any) -> dict[str, Any]:
    return {"run_id": None, "converged": False, "scenarios": [s.name for s in scenarios]}


def _record_analysis(request: Any, report: Any) -> dict[str, Any]:
    return {"analysis": request.analysis}


def _app(store: Path) -> Any:
    # schemathesis calls the app as http://testserver (its test client's name)
    app = create_app(WebSettings(store=store, max_pending_jobs=8, allowed_hosts=("testserver",)))
    app.state.execute = _record_only
    app.state.execute_strategy = _record_analysis
    return app


APP = _app(Path(__file__).resolve().parents[2] / "out" / "schemathesis-store")
#: Every check; the one exception per operation (rules that span fields) is stated in the file.
CONFIG = SchemathesisConfig.from_path(Path(__file__).with_name("schemathesis.toml"))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_fails_and_answers_as_documented(case: Any) -> None:
    case.call_and_validate()
