"""``/api/strategy/...``: optimal, Nash and negotiated tariffs and escalation paths (issue 8).

They come from :mod:`tradewar.strategy`; without it these routes are not mounted and
``GET /api/status`` says why.
"""

from __future__ import annotations

from fastapi import APIRouter

from tradewar.web._models import ERROR_RESPONSES

router = APIRouter(prefix="/api/strategy", tags=["strategy"], responses=ERROR_RESPONSES)


def strategy_available() -> bool:
    """True when :mod:`tradewar.strategy` is installed."""
    try:
        import tradewar.strategy  # noqa: F401
    except ImportError:
        return False
    return True
