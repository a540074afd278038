"""Audit the whole bundled placement record (2001-2025) five times in one process; print each time and the
median. The first run fills the memo of Watch List access by (Watch List/Tier 3 years, report year, statute);
later runs show the steady state.

Run: .venv/bin/python benchmarks/bench_audit.py
"""

from __future__ import annotations

import statistics
import time

from tipranking.analysis.audit import audit
from tipranking.data import placements


def main() -> None:
    histories = placements()
    rows = sum(len(h) for h in histories.values())
    times = []
    for _ in range(5):
        start = time.perf_counter()
        report = audit(histories)
        times.append(time.perf_counter() - start)
    print(f"audited {rows} placements of {len(histories)} governments ({len(report.events)} events)")
    print("runs (ms): " + ", ".join(f"{t * 1000:.1f}" for t in times))
    print(f"median of 5: {statistics.median(times) * 1000:.1f} ms; first (cold) run: {times[0] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
