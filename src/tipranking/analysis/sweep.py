"""Monte Carlo scenario sweeps: facts with probabilities, distributions of tiers and consequences.

Each :class:`Scenario` is a base assessment (with its history) plus a probability for each uncertain
fact. Every draw sets each uncertain fact true with its probability and places the result.
Work is cut into chunks of ``(scenario, chunk)``; chunk ``c`` of scenario ``s`` draws from its own
generator seeded with ``(seed, s, c)``, so the result depends only on the seed and the chunk size,
never on how many processes or which cluster ran the chunks.

>>> from tipranking import Assessment, MinimumStandards, WatchListFacts
>>> base = Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
...                   watch_list=WatchListFacts(False, False))
>>> result = sweep([Scenario(base, {"significant_efforts": 0.5})], draws=1000, seed=1, processes=1)
>>> dist = result.results[0]
>>> sorted(t.value for t in dist.tiers), dist.draws, sum(dist.tiers.values())
(['2', '3'], 1000, 1000)
"""

from __future__ import annotations

import os
import random
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import attrs

import tipranking.facts as facts
from tipranking.assessment import Assessment, History
from tipranking.consequences import tier3_restrictions
from tipranking.errors import FieldError
from tipranking.placing import place
from tipranking.tiers import Tier

__all__ = ["CHUNK", "Distribution", "Scenario", "SweepResult", "sweep"]

_UNDECIDED = "undecided"
CHUNK = 10_000
"""Draws per chunk (the unit of work and of random streams)."""


def _probabilities(value: Mapping[str, float] | Iterable[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    items = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    for field, p in items:
        if not isinstance(p, int | float) or isinstance(p, bool) or not 0.0 <= p <= 1.0:
            raise FieldError(f"probabilities.{field}", p, "a probability must be a number from 0 to 1")
    return tuple(sorted(items))


@attrs.frozen(slots=True)
class Scenario:
    """A base assessment, the probability that each uncertain fact is true, and the history.

    Fields are dotted assessment paths as in :class:`tipranking.placing.DecidingFact`
    (``"significant_efforts"``, ``"watch_list.no_evidence_of_increasing_efforts"``...).
    """

    assessment: Assessment
    probabilities: tuple[tuple[str, float], ...] = attrs.field(converter=_probabilities)
    history: History | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.assessment, Assessment):
            raise FieldError("assessment", self.assessment, "must be an Assessment")
        for field, _ in self.probabilities:
            facts.lookup(field, f"probabilities.{field}")


@attrs.frozen(slots=True)
class Distribution:
    """The outcome of one scenario: draws per tier, and draws in which Tier 3 restrictions apply."""

    country: str
    report_year: int
    draws: int
    tiers: Mapping[Tier, int] = attrs.field(eq=False)
    tier3_restricted: int
    undecided: int = 0
    """Draws whose tier depends on history years the data does not hold (see ``History.unknown_years``)."""

    def share(self, tier: Tier) -> float:
        return self.tiers.get(tier, 0) / self.draws if self.draws else 0.0

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Distribution) and (self.country, self.report_year, self.draws,
                                                     self.tier3_restricted, self.undecided) ==
                (other.country, other.report_year, other.draws, other.tier3_restricted, other.undecided)
                and dict(self.tiers) == dict(other.tiers))

    def __hash__(self) -> int:
        return hash((self.country, self.report_year, self.draws, tuple(sorted((t.value, n)
                                                                                for t, n in self.tiers.items()))))


@attrs.frozen(slots=True)
class SweepResult:
    seed: int
    draws: int
    results: tuple[Distribution, ...]

    @property
    def placements(self) -> int:
        return sum(d.draws for d in self.results)


def _chunk(task: tuple[Scenario, int, int, int, int]) -> tuple[int, dict[str, int], int]:
    """Run ``n`` draws of scenario ``index`` with the generator of ``(seed, index, chunk)``."""
    scenario, index, chunk, n, seed = task
    rng = random.Random(f"{seed}:{index}:{chunk}")
    fields = [f for f, _ in scenario.probabilities]
    probs = [p for _, p in scenario.probabilities]
    memo: dict[tuple[bool, ...], tuple[str, bool]] = {}  # tier code ("undecided" if unknown years decide)
    counts: Counter[str] = Counter()
    restricted = 0
    base = scenario.assessment
    for _ in range(n):
        bits = tuple(rng.random() < p for p in probs)
        outcome = memo.get(bits)
        if outcome is None:
            placement = place(facts.with_values(base, dict(zip(fields, bits, strict=True))), scenario.history)
            tier = placement.tier
            outcome = (_UNDECIDED, False) if tier is None else (tier.value,
                                                                  bool(tier3_restrictions(tier, base.report_year)))
            memo[bits] = outcome
        counts[outcome[0]] += 1
        restricted += outcome[1]
    return index, dict(counts), restricted


def _tasks(scenarios: Sequence[Scenario], draws: int, seed: int) -> list[tuple[Scenario, int, int, int, int]]:
    tasks = []
    for index, scenario in enumerate(scenarios):
        for chunk, start in enumerate(range(0, draws, CHUNK)):
            tasks.append((scenario, index, chunk, min(CHUNK, draws - start), seed))
    return tasks


def sweep(scenarios: Iterable[Scenario], *, draws: int, seed: int = 0, processes: int | None = None,
          map_fn: Callable[[Callable[[Any], Any], list[Any]], Iterable[Any]] | None = None,
          dask_client: Any = None) -> SweepResult:
    """Run ``draws`` draws of each scenario and return the distributions.

    By default the chunks run on all local cores (``processes``, default ``os.cpu_count()``; ``1``
    runs in this process). ``dask_client`` (a ``dask.distributed.Client``, from the ``dask`` extra)
    runs them on a Dask cluster instead; ``map_fn`` accepts any ``map``-like executor. The result is
    the same for the same seed whichever runs it.
    """
    items = list(scenarios)
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise FieldError("draws", draws, "must be a positive whole number")
    tasks = _tasks(items, draws, seed)
    if dask_client is not None:
        futures = dask_client.map(_chunk, tasks, pure=False)
        outputs: Iterable[tuple[int, dict[str, int], int]] = dask_client.gather(futures)
    elif map_fn is not None:
        outputs = map_fn(_chunk, tasks)
    else:
        workers = processes if processes is not None else (os.cpu_count() or 1)
        if workers <= 1 or len(tasks) == 1:
            outputs = map(_chunk, tasks)
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                outputs = list(pool.map(_chunk, tasks, chunksize=max(1, len(tasks) // (workers * 4))))
    totals: list[Counter[str]] = [Counter() for _ in items]
    restricted = [0] * len(items)
    for index, counts, r in outputs:
        totals[index].update(counts)
        restricted[index] += r
    results = tuple(Distribution(s.assessment.country, s.assessment.report_year, draws,
                                 {Tier(t): n for t, n in sorted(totals[i].items()) if t != _UNDECIDED}, restricted[i],
                                 totals[i].get(_UNDECIDED, 0))
                    for i, s in enumerate(items))
    return SweepResult(seed, draws, results)
