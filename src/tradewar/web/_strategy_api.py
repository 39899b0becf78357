"""``/api/strategy/...``: optimal, Nash and negotiated tariffs and escalation paths (issue 8).

They come from :mod:`tradewar.strategy`. An installation without it says so here (the War and
talks page shows that message) and serves everything else.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(prefix="/api/strategy", tags=["strategy"])


def strategy_available() -> bool:
    try:
        import tradewar.strategy  # noqa: F401
    except ImportError:
        return False
    return True


class StrategyStatus(BaseModel):
    available: bool
    message: str


@router.get("/status", response_model=StrategyStatus, summary="Is the strategy layer installed")
def status() -> Any:
    """Whether this installation has :mod:`tradewar.strategy` (optimal, Nash, talks,
    escalation); the War and talks page needs it."""
    if strategy_available():
        return {"available": True, "message": "tradewar.strategy is installed"}
    return {
        "available": False,
        "message": "optimal, Nash and negotiated tariffs and escalation paths come from "
        "tradewar.strategy (issue 8), which this installation does not have yet",
    }
