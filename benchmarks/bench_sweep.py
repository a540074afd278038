"""A Monte Carlo sweep of about 1,000,000 country-year placements over the bundled governments, on all local
cores and (if the `dask` extra is installed) on a local Dask cluster, checking the two give identical
distributions for the same seed.

Run: .venv/bin/python benchmarks/bench_sweep.py [TOTAL_PLACEMENTS]
"""

from __future__ import annotations

import os
import sys
import time

from tipranking import Assessment, MinimumStandards, WaiverJustification, WatchListFacts
from tipranking.analysis.sweep import Scenario, SweepResult, sweep
from tipranking.data import latest_year, placements

UNCERTAIN = {
    "minimum_standards.prohibits_and_punishes": 0.9,
    "minimum_standards.grave_crime_penalties": 0.8,
    "minimum_standards.deterrent_penalties": 0.7,
    "minimum_standards.serious_and_sustained_efforts": 0.4,
    "significant_efforts": 0.75,
    "watch_list.victims_very_significant_or_increasing": 0.2,
    "watch_list.no_evidence_of_increasing_efforts": 0.3,
    "waiver_justification.written_plan": 0.6,
    "waiver_justification.plan_would_constitute_significant_efforts": 0.6,
    "waiver_justification.sufficient_resources": 0.6,
}


def scenarios() -> list[Scenario]:
    """One scenario per bundled government, its history as recorded: unknown and partly known years included
    (24 governments have some)."""
    year = latest_year() + 1
    out = []
    for country, history in placements().items():
        base = Assessment(country, year, MinimumStandards(True, True, True, True), significant_efforts=True,
                          watch_list=WatchListFacts(False, False),
                          waiver_justification=WaiverJustification(False, False, False))
        out.append(Scenario(base, UNCERTAIN, history))
    return out


def run(label: str, fn: object) -> SweepResult:
    start = time.perf_counter()
    result: SweepResult = fn()  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    print(f"{label:<22} {result.placements:,} placements in {elapsed:.1f} s: {result.placements / elapsed:,.0f}/s")
    return result


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    items = scenarios()
    draws = -(-total // len(items))
    uncertain = sum(1 for s in items if s.history is not None and (s.history.unknown_years or s.history.partial))
    print(f"{len(items)} governments ({uncertain} with unknown or partly known years) x {draws:,} draws, "
          f"{os.cpu_count()} cores")
    local = run("local processes", lambda: sweep(items, draws=draws, seed=2026))
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("dask not installed: pip install 'tipranking[dask]' to compare with a Dask cluster")
        return
    with LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        on_dask = run("local Dask cluster", lambda: sweep(items, draws=draws, seed=2026, dask_client=client))
    print("identical distributions:", on_dask == local)


if __name__ == "__main__":
    main()
