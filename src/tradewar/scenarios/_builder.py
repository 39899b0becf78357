"""Build a scenario in Python: typed calls instead of edits to a tariff array.

    >>> from tradewar.scenarios import ScenarioBuilder
    >>> scenario = (
    ...     ScenarioBuilder("us-china-2027", date="2027-01-01")
    ...     .tariff("USA", "CHN", 60, start="2027-01-01")
    ...     .tariff("CHN", "USA", 34, start="2027-01-01")
    ...     .build()
    ... )
    >>> [t.label for t in scenario.tariffs]
    ['USA<-CHN =60% on all goods from 2027-01-01', 'CHN<-USA =34% on all goods from 2027-01-01']

Each call returns a new builder (the old one is unchanged); :meth:`ScenarioBuilder.build`
validates the result exactly as a TOML file is validated, so the errors are the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from tradewar._toml import validate
from tradewar.errors import ScenarioError
from tradewar.scenarios._schema import Scenario, Tariff, parse_scenario


@dataclass(frozen=True)
class ScenarioBuilder:
    """A scenario under construction: a name, a policy date (or "today") and added measures.

    ``date`` is the day whose tariffs are simulated (``None`` with ``baseline=True``: the
    world's own); ``overlay`` a built-in overlay name or file; ``world`` as in a scenario file.
    """

    name: str
    date: dt.date | str | None = "today"
    overlay: str | None = None
    baseline: bool = False
    world: str = "default"
    title: str = ""
    description: str = ""
    deficits: Literal["fixed", "zero", "ratio"] = "fixed"
    tariffs: tuple[dict[str, Any], ...] = ()
    trade_costs: tuple[dict[str, Any], ...] = ()

    def tariff(
        self,
        importer: str,
        exporter: str,
        rate: float,
        *,
        mode: Literal["set", "add"] = "set",
        sectors: Sequence[str] | Literal["all"] | None = None,
        hs: Sequence[str] = (),
        start: dt.date | str | None = None,
        note: str = "",
    ) -> ScenarioBuilder:
        """Add a tariff of ``importer`` on ``exporter``: ``rate`` percent, set or added."""
        item: dict[str, Any] = {"importer": importer, "exporter": exporter, "rate": rate}
        item["mode"] = mode
        if sectors is not None:
            item["sectors"] = sectors if isinstance(sectors, str) else list(sectors)
        if hs:
            item["hs"] = list(hs)
        if start is not None:
            item["from"] = start
        if note:
            item["note"] = note
        return replace(self, tariffs=(*self.tariffs, item))

    def trade_cost(
        self,
        importer: str,
        exporter: str,
        factor: float,
        *,
        sectors: Sequence[str] | Literal["all"] = "all",
    ) -> ScenarioBuilder:
        """Multiply the iceberg trade cost of ``importer``'s imports from ``exporter``."""
        item = {"importer": importer, "exporter": exporter, "factor": factor}
        item["sectors"] = sectors if isinstance(sectors, str) else list(sectors)
        return replace(self, trade_costs=(*self.trade_costs, item))

    def data(self) -> dict[str, Any]:
        """The scenario as the mapping a TOML file would hold."""
        policy: dict[str, Any] = {"baseline": True} if self.baseline else {"date": self.date}
        if self.overlay is not None:
            policy["overlay"] = self.overlay
        out: dict[str, Any] = {"name": self.name, "world": self.world, "policy": policy}
        out["deficits"] = self.deficits
        for key in ("title", "description"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.tariffs:
            out["tariffs"] = [dict(t) for t in self.tariffs]
        if self.trade_costs:
            out["trade_costs"] = [dict(t) for t in self.trade_costs]
        return out

    def build(self) -> Scenario:
        """The validated :class:`Scenario` (a :class:`~tradewar.errors.ScenarioError` if not)."""
        return parse_scenario(self.data())


_ONE_LINE = re.compile(
    r"^(?P<importer>[A-Za-z0-9_]+)<-(?P<exporter>[A-Za-z0-9_]+)"
    r"(?:\[(?P<goods>[^\]]*)\])?"
    r":(?P<op>[=+-])?(?P<rate>\d+(?:\.\d*)?|\.\d+)%?"
    r"(?:@(?P<start>\d{4}-\d{2}-\d{2}))?$"
)

TARIFF_SYNTAX = (
    "IMPORTER<-EXPORTER[GOODS]:=RATE%@YYYY-MM-DD, e.g. USA<-CHN:=60%@2027-01-01 (set 60%), "
    "USA<-CHN:+25% (add 25 points), USA<-CHN[electronics,machinery]:+10%, "
    "USA<-CHN[hs:8541,8542]:=50%; [GOODS] and @DATE are optional"
)


def parse_tariff(text: str) -> Tariff:
    """A :class:`Tariff` from the one-line form of ``tradewar run --tariff`` (see
    :data:`TARIFF_SYNTAX`): ``=`` sets the rate, ``+`` or ``-`` adds to it.

    >>> parse_tariff("USA<-CHN:+25%@2027-01-01").label
    'USA<-CHN +25pp on all goods from 2027-01-01'
    """
    match = _ONE_LINE.match(text.strip().replace(" ", ""))
    if match is None:
        raise ScenarioError(f"tariff {text!r}: write {TARIFF_SYNTAX}")
    if match["op"] is None:
        raise ScenarioError(
            f"tariff {text!r}: say whether the rate is set or added: "
            f"'=' sets it ({match['importer']}<-{match['exporter']}:={match['rate']}%), "
            f"'+' adds to it (...:+{match['rate']}%)"
        )
    item: dict[str, Any] = {
        "importer": match["importer"],
        "exporter": match["exporter"],
        "rate": float(match["rate"]) * (-1 if match["op"] == "-" else 1),
        "mode": "set" if match["op"] == "=" else "add",
    }
    goods = match["goods"]
    if goods is not None:
        names = [g for g in goods.split(",") if g]
        if names and names[0].startswith("hs:"):
            item["hs"] = [names[0][3:], *names[1:]]
        elif names:
            item["sectors"] = names
        else:
            raise ScenarioError(f"tariff {text!r}: the brackets name no goods; drop them for all")
    if match["start"]:
        item["from"] = match["start"]
    return validate(Tariff, item, kind="tariff", origin=f"tariff {text!r}", error=ScenarioError)
