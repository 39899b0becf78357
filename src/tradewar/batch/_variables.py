"""Names of the figures a draw or a sweep point reports (no imports: spec validation reads them)."""

#: Country figures, each (draws, N).
COUNTRY_VARIABLES: tuple[str, ...] = (
    "welfare_pct",
    "real_wage_pct",
    "wage_pct",
    "price_index_pct",
    "exports_pct",
    "imports_pct",
    "trade_balance_bn",
    "trade_balance_change_bn",
)
#: Bilateral figures (importer x exporter), each (draws, N, N); the diagonal is not reported.
BILATERAL_VARIABLES: tuple[str, ...] = ("counterfactual_bn", "pct_change")
