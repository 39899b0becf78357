"""How long the timeline takes to compile: one date, and the daily series 2018 to today, all pairs.

Run: ``PYTHONPATH=src python benchmarks/bench_timeline.py``. The daily series is exact from the
step series: the schedule only changes on the dates a tariff measure starts or ends, so it is
compiled once per change date (every importer x exporter x sector at once) and expanded to days.
"""

from __future__ import annotations

import datetime as dt
import time

END = dt.date(2026, 12, 4)


def main() -> None:
    from tradewar.timeline import all_imports_average, builtin_timeline, product_duties, tariffs_on
    from tradewar.timeline._series import change_dates

    t0 = time.perf_counter()
    builtin_timeline()
    tariffs_on("2025-05-14")
    first = time.perf_counter() - t0
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        tariffs_on("2025-05-14")
        runs.append(time.perf_counter() - t0)
    days = change_dates(builtin_timeline(), dt.date(2018, 1, 1), END)
    t0 = time.perf_counter()
    schedules = [tariffs_on(d) for d in days]
    series = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_days = (END - dt.date(2018, 1, 1)).days + 1
    pairs = sorted(schedules[0].weights)  # the pairs with trade weights (all US pairs, CHN<-USA)
    daily = {}
    for k, s in enumerate(schedules):
        stop = days[k + 1] if k + 1 < len(days) else END + dt.timedelta(days=1)
        values = {p: s.average(*p) for p in pairs}
        values[("USA", "ALL")] = all_imports_average(s)
        day = days[k]
        while day < stop:
            daily[day] = values
            day += dt.timedelta(days=1)
    expand = time.perf_counter() - t0
    assert len(daily) == n_days
    t0 = time.perf_counter()
    product_duties("2025-04-12", "6109100012", "CHN")
    product_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(20):
        product_duties("2025-04-12", "6109100012", "CHN")
    product = (time.perf_counter() - t0) / 20
    print(f"first tariffs_on (load + compile)      {first:8.3f} s")
    print(f"tariffs_on one date (best of 5)        {min(runs) * 1e3:8.1f} ms")
    print(f"{len(days)} change dates 2018-01-01..{END}   {series:8.3f} s")
    print(f"daily averages, {len(pairs)} pairs x {n_days} days  {expand:8.3f} s")
    print(f"product_duties first / warm            {product_first:8.3f} s / {product * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
