"""Peak memory of placing 1,000,000 distinct country-years in one batch.

Run under /usr/bin/time -v (its "Maximum resident set size" is the figure), one kind per process:

    /usr/bin/time -v .venv/bin/python benchmarks/bench_batch_memory.py many [N]
    /usr/bin/time -v .venv/bin/python benchmarks/bench_batch_memory.py frame [N]
    /usr/bin/time -v .venv/bin/python benchmarks/bench_batch_memory.py inputs-many [N]   # the inputs alone
    /usr/bin/time -v .venv/bin/python benchmarks/bench_batch_memory.py inputs-frame [N]  # the inputs alone

``many`` builds N Assessment objects and places them with ``place_many``, reading every tier; ``frame``
builds a DataFrame of N rows and places it with ``frames.place_frame``. The ``inputs-`` runs build the same
inputs and stop, so the difference is what placing costs.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_compare
import numpy as np
import pandas as pd

from tipranking import Assessment, MinimumStandards, PolicyOrPattern, WatchListFacts, place_many


def lean_assessments(n: int) -> list[Assessment]:
    """``n`` distinct country-years, drawn as ``bench_compare.documents`` draws them, built one at a time (no
    list of JSON documents beside them); equal groups of facts are one shared object, as a reader that
    interns them would make."""
    rng = random.Random(7)
    shared: dict[object, object] = {}
    years = bench_compare.YEARS
    out = []
    for i in range(n):
        d = bench_compare.draw_row(rng)
        standards = MinimumStandards(**d["minimum_standards"])
        standards = shared.setdefault(standards, standards)  # type: ignore[assignment]
        facts = WatchListFacts(**d["watch_list"])
        facts = shared.setdefault(facts, facts)  # type: ignore[assignment]
        out.append(Assessment(f"Country {i // len(years):06d}", years[i % len(years)], standards,
                              significant_efforts=d["significant_efforts"], watch_list=facts,
                              policy_or_pattern=d["policy_or_pattern"], special_case=d["special_case"]))
    return out


def lean_frame(n: int) -> pd.DataFrame:
    """The same kind of rows as a DataFrame, drawn column by column with NumPy."""
    rng = np.random.default_rng(7)
    years = np.asarray(bench_compare.YEARS)
    data: dict[str, object] = {"country": [f"Country {i // len(years):06d}" for i in range(n)],
                               "report_year": years[np.arange(n) % len(years)],
                               "special_case": rng.random(n) < 0.03}
    policy = rng.random(n) < 0.1
    for kind in PolicyOrPattern:
        data[f"policy_or_pattern.{kind.value}"] = policy & (rng.random(n) < 0.3)
    for name in bench_compare.STANDARDS:
        data[f"minimum_standards.{name}"] = rng.random(n) < 0.8
    data["significant_efforts"] = rng.random(n) < 0.7
    for name in bench_compare.CRITERIA:
        data[f"watch_list.{name}"] = rng.random(n) < 0.3
    return pd.DataFrame(data)


def main() -> None:
    kind = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    if kind.endswith("frame"):
        frame = lean_frame(n)
        if kind == "frame":
            from tipranking.formats.frames import place_frame

            start = time.perf_counter()
            result = place_frame(frame)
            print(f"place_frame: {n:,} rows in {time.perf_counter() - start:.2f} s; tiers: "
                  f"{result['tier'].value_counts().to_dict()}")
        return
    assessments = lean_assessments(n)
    if kind == "many":
        start = time.perf_counter()
        batch = place_many(assessments)
        tiers = batch.tiers
        print(f"place_many: {n:,} in {time.perf_counter() - start:.2f} s; {len(set(tiers))} distinct tiers")


if __name__ == "__main__":
    main()
