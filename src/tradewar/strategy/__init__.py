"""Strategy layer: optimal tariffs, Nash trade wars, trade talks and escalation games."""

from tradewar.solution import Outcome
from tradewar.strategy._cp import CaliendoParro
from tradewar.strategy._escalation import (
    AsItHappened,
    EscalationPath,
    Game,
    GenerousTitForTat,
    GrimTrigger,
    MyopicBestResponse,
    Strategy,
    TitForTat,
    Truce,
    play,
    replay,
    tournament,
)
from tradewar.strategy._game import Instrument, StrategyError, TariffModel, combine, instrument
from tradewar.strategy._history import month_starts, timeline_profiles
from tradewar.strategy._nash import (
    DeviationCheck,
    NashEquilibrium,
    deviation_gains,
    nash_equilibrium,
)
from tradewar.strategy._optimal import OptimalTariffs, best_response, optimal_tariffs
from tradewar.strategy._summary import (
    deal_summary,
    optimal_summary,
    tariff_moves,
    war_summary,
    welfare_both_ways,
)
from tradewar.strategy._talks import (
    Agreement,
    Frontier,
    cooperative,
    nash_bargaining,
    pareto_frontier,
)

__all__ = [
    "Agreement",
    "AsItHappened",
    "CaliendoParro",
    "DeviationCheck",
    "EscalationPath",
    "Frontier",
    "Game",
    "GenerousTitForTat",
    "GrimTrigger",
    "Instrument",
    "MyopicBestResponse",
    "NashEquilibrium",
    "OptimalTariffs",
    "Outcome",
    "Strategy",
    "StrategyError",
    "TariffModel",
    "TitForTat",
    "Truce",
    "best_response",
    "combine",
    "cooperative",
    "deal_summary",
    "deviation_gains",
    "instrument",
    "month_starts",
    "nash_bargaining",
    "nash_equilibrium",
    "optimal_summary",
    "optimal_tariffs",
    "pareto_frontier",
    "play",
    "replay",
    "tariff_moves",
    "timeline_profiles",
    "tournament",
    "war_summary",
    "welfare_both_ways",
]
