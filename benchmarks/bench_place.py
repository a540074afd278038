"""Place 100,000 generated assessments and print placements per second.

Run: .venv/bin/python benchmarks/bench_place.py [N]
The assessments are drawn with a seeded random generator (not Hypothesis) across report years
2001-2027, with and without a two-year Watch List history, so every rule family is exercised.
"""

from __future__ import annotations

import platform
import random
import sys
import time

from tipranking import Assessment, History, MinimumStandards, WaiverJustification, WatchListFacts, place
from tipranking.rules import WatchListCriteria
from tipranking.statute import statute_for


def generate(n: int, seed: int = 2023) -> list[tuple[Assessment, History]]:
    rng = random.Random(seed)
    cases = []
    for i in range(n):
        year = rng.randint(2001, 2027)
        criteria = statute_for(year).rule_of_type(WatchListCriteria)
        third = rng.random() < 0.3 if criteria is not None and criteria.commitments_criterion else None
        a = Assessment(
            f"C{i % 190}", year,
            MinimumStandards(*(rng.random() < 0.8 for _ in range(4))),
            significant_efforts=rng.random() < 0.7,
            watch_list=WatchListFacts(rng.random() < 0.3, rng.random() < 0.3, third),
            waiver_justification=WaiverJustification.full() if rng.random() < 0.5 else None,
        )
        history = History.of(a.country, {year - 2: "2WL", year - 1: "2WL"}) if year >= 2006 and i % 3 == 0 \
            else History(a.country)
        cases.append((a, history))
    return cases


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    cases = generate(n)
    start = time.perf_counter()
    for a, h in cases:
        place(a, h)
    elapsed = time.perf_counter() - start
    print(f"placed {n} assessments in {elapsed:.2f} s: {n / elapsed:,.0f} placements/s "
          f"(Python {platform.python_version()}, {platform.machine()}, {platform.processor() or 'unknown cpu'})")


if __name__ == "__main__":
    main()
