"""``forecast``: how likely each tier is for each government in the next report, learned from the record and
bounded by the law; ``backtest``: how well that would have done, year by year, against simple baselines.

A government's *situation* before report year ``Y`` is read off its history before ``Y`` and the statute in
force for ``Y``: its tier in ``Y - 1`` (or that the year is unknown, or that the record has nothing), the move
that brought it there, how long it has been there, and what the law says of each ranked tier in ``Y``
(:func:`~tipranking.analysis.outlook.standings`: open, open only with a waiver, closed, or depending on
unknown years). The model counts, in every earlier report of the record, what governments in each situation
were placed on next, and estimates the chances by backing off from the most detailed situation to coarser
ones (each level's counts are pulled towards the level above by a pseudo-count, so a rare situation borrows
from a common one). Tiers the law closes get exactly zero; a Watch List open only with a waiver gets what
governments in that situation actually got, since the law's answer is part of the situation.

Nothing is random: the same record gives the same numbers. The backtest fits the model for each target year
only on the reports before it, as :func:`forecast` would have been run on the record truncated there.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence

import attrs

from tipranking.analysis.outlook import Standing, standings
from tipranking.assessment import FIRST_REPORT_YEAR, History
from tipranking.errors import FieldError, InputTypeError
from tipranking.statute import Statute, as_statute, statute_for
from tipranking.tiers import RANKED, Tier

__all__ = [
    "BACKTEST_REPORTS",
    "CATEGORIES",
    "CHECK_REPORTS",
    "DEFAULT_SETTINGS",
    "MODELS",
    "BacktestReport",
    "Difference",
    "Forecast",
    "ReliabilityBin",
    "Score",
    "Settings",
    "Situation",
    "TierChance",
    "backtest",
    "forecast",
    "situation",
]

CATEGORIES: tuple[Tier, ...] = (*RANKED, Tier.SPECIAL_CASE)
"""The five outcomes a forecast gives a probability to, in this order."""

_WL = Tier.TIER_2_WATCH_LIST
_T3 = Tier.TIER_3
_NO_RECORD = "none"
_UNKNOWN = "unknown"
_SCORE_FLOOR = 1e-4
"""Probabilities are floored here when scored: a placement the law as encoded calls unlawful (the audit lists
them) would otherwise cost an infinite log-loss."""


@attrs.frozen(slots=True)
class Situation:
    """What the model sees of a government before a report: ``previous`` is its tier in the year before
    (``"unknown"`` for an unknown or partly known year, ``"none"`` when the record has nothing), ``move`` how
    it got there from the year before that (``"up"``, ``"down"``, ``"same"``, or ``"none"``), ``run`` the
    consecutive years it has held that tier (at most 4), ``watch_list`` the law's standing of the Watch List
    in the report, and ``closed`` the ranked tiers the law closes."""

    country: str
    report_year: int
    previous: str
    move: str
    run: int
    watch_list: Standing
    closed: frozenset[Tier]
    unknown: frozenset[Tier]

    def key(self, order: Sequence[str], level: int) -> tuple[object, ...]:
        """The situation at backing-off ``level``: its first ``level`` features in ``order`` (names of this
        class's fields: ``previous``, ``watch_list``, ``move``, ``run``)."""
        return tuple(getattr(self, name) for name in order[:level])


@attrs.frozen(slots=True)
class Settings:
    """The model's choices: ``order`` the situation's features from the coarsest backing-off level to the
    finest (see :meth:`Situation.key`), and ``strength`` the pseudo-count pulling each level towards the one
    above. Chosen on the backtest's targets 2012-2019 only (docs/forecast.md)."""

    order: tuple[str, ...] = ("previous", "move", "run", "watch_list")
    strength: tuple[float, ...] = (1.0, 30.0, 30.0, 30.0)

    @property
    def levels(self) -> int:
        """The deepest level."""
        return len(self.order)


DEFAULT_SETTINGS = Settings()
"""The settings :func:`forecast` and :func:`backtest` use unless given others: the features in the order
previous tier, move, run, Watch List standing, each level pulled towards the one above by 30 cases (the first
by one). docs/forecast.md says how they were chosen."""


@attrs.frozen(slots=True)
class TierChance:
    """One outcome's probability, with the law's standing of it in the report (``None`` for Special Case, which
    the report may always use)."""

    tier: Tier
    probability: float
    standing: Standing | None


@attrs.frozen(slots=True)
class Forecast:
    """The chances of each outcome (:data:`CATEGORIES` order) for ``country`` in ``report_year``, with the
    facts that drove them (``drivers``) and the number of earlier cases the most detailed situation used had
    (``cases``)."""

    country: str
    report_year: int
    statute: str
    previous: str
    chances: tuple[TierChance, ...]
    drivers: tuple[str, ...]
    cases: int

    def probability(self, tier: Tier) -> float:
        """The probability of ``tier``."""
        for chance in self.chances:
            if chance.tier is tier:
                return chance.probability
        raise FieldError("tier", tier, "not an outcome of a forecast")

    @property
    def most_likely(self) -> Tier:
        """The outcome with the highest probability (the better tier on a tie)."""
        return max(self.chances, key=lambda c: c.probability).tier


# --------------------------------------------------------------------------- situations


def _tier_text(history: History, year: int) -> str:
    tier = history.tier_in(year)
    if tier is not None:
        return tier.value
    return _UNKNOWN if history.mentions(year) else _NO_RECORD


def situation(history: History, report_year: int, statute: Statute | str | None = None) -> Situation:
    """The :class:`Situation` of ``history``'s government before ``report_year``: read only from the history's
    years before it and the statute (by default the one in force for ``report_year``)."""
    if not isinstance(history, History):
        raise InputTypeError("history", history, "must be a History")
    version = as_statute(statute) or statute_for(report_year)
    past = history.before(report_year)
    previous = _tier_text(past, report_year - 1)
    before = _tier_text(past, report_year - 2)
    move = "none"
    if previous not in (_UNKNOWN, _NO_RECORD) and before not in (_UNKNOWN, _NO_RECORD):
        now, then = _severity(previous), _severity(before)
        move = "same" if now == then else "down" if now > then else "up"
    run = 0
    if previous not in (_UNKNOWN, _NO_RECORD):
        while run < 4 and _tier_text(past, report_year - 1 - run) == previous:
            run += 1
    law = dict(standings(past, report_year, version))
    return Situation(history.country, report_year, previous, move, run, law[_WL],
                     frozenset(t for t, s in law.items() if s is Standing.CLOSED),
                     frozenset(t for t, s in law.items() if s is Standing.UNKNOWN))


_SEVERITY = {Tier.TIER_1.value: 0, Tier.TIER_2.value: 1, _WL.value: 2, _T3.value: 3, Tier.SPECIAL_CASE.value: 1.5}


def _severity(code: str) -> float:
    return _SEVERITY[code]


# --------------------------------------------------------------------------- the model


@attrs.frozen(slots=True)
class _Counts:
    """Outcome counts per situation key, at every level."""

    by_key: dict[tuple[object, ...], list[int]]


def _count(cases: Iterable[tuple[Situation, Tier]], settings: Settings) -> _Counts:
    by_key: dict[tuple[object, ...], list[int]] = {}
    index = {t: i for i, t in enumerate(CATEGORIES)}
    for found, outcome in cases:
        for level in range(settings.levels + 1):
            counts = by_key.setdefault(found.key(settings.order, level), [0] * len(CATEGORIES))
            counts[index[outcome]] += 1
    return _Counts(by_key)


def _chances(counts: _Counts, found: Situation, settings: Settings) -> tuple[list[float], int]:
    """The backed-off probabilities for ``found`` (the law not applied yet), and the cases at the deepest level
    that had any."""
    root = counts.by_key.get((), [0] * len(CATEGORIES))
    total = sum(root)
    probs = [(n + 1) / (total + len(CATEGORIES)) for n in root]
    cases = total
    for level in range(1, settings.levels + 1):
        here = counts.by_key.get(found.key(settings.order, level))
        if not here:
            break
        n = sum(here)
        strength = settings.strength[level - 1]
        probs = [(c + strength * p) / (n + strength) for c, p in zip(here, probs, strict=True)]
        cases = n
    return probs, cases


def _lawful(probs: Sequence[float], closed: frozenset[Tier]) -> list[float]:
    """``probs`` with the closed tiers at zero, renormalized."""
    kept = [0.0 if t in closed else p for t, p in zip(CATEGORIES, probs, strict=True)]
    total = math.fsum(kept)
    return [p / total for p in kept]


def _cases(histories: Mapping[str, History], years: Iterable[int],
           situations: dict[tuple[str, int], Situation]) -> list[tuple[Situation, Tier]]:
    """Every (situation, outcome) of the record in ``years``: governments placed on one tier that year."""
    out = []
    for year in years:
        for name, history in histories.items():
            outcome = history.tier_in(year)
            if outcome is not None:
                out.append((_situation_of(situations, name, history, year), outcome))
    return out


def _situation_of(situations: dict[tuple[str, int], Situation], name: str, history: History, year: int,
                  statute: Statute | None = None) -> Situation:
    key = (name, year)
    found = situations.get(key) if statute is None else None
    if found is None:
        found = situation(history, year, statute)
        if statute is None:
            situations[key] = found
    return found


def _first_year(histories: Mapping[str, History]) -> int:
    years = [h.mentioned_years[0] for h in histories.values() if h.mentioned_years]
    return min(years) if years else FIRST_REPORT_YEAR


def _histories(histories: Mapping[str, History] | Iterable[History]) -> dict[str, History]:
    items = list(histories.values()) if isinstance(histories, Mapping) else list(histories)
    out: dict[str, History] = {}
    for history in items:
        if not isinstance(history, History):
            raise InputTypeError("histories", history, "must be History values")
        if history.country in out:
            raise FieldError("histories", history.country, "a government is given twice")
        out[history.country] = history
    return out


def _drivers(found: Situation, cases: int, settings: Settings) -> tuple[str, ...]:
    out = []
    if found.previous == _NO_RECORD:
        out.append(f"no placement in the {found.report_year - 1} report")
    elif found.previous == _UNKNOWN:
        out.append(f"the {found.report_year - 1} placement is not known")
    else:
        tier = Tier(found.previous)
        years = ("4 or more consecutive reports" if found.run >= 4 else
                 f"{found.run} consecutive reports" if found.run > 1 else "its first report there")
        out.append(f"{tier.label} in the {found.report_year - 1} report ({years})")
        if found.move in ("up", "down"):
            out.append(f"moved {found.move} in the {found.report_year - 1} report")
    standing = {Standing.OPEN: "open", Standing.WAIVER_REQUIRED: "open only with a waiver",
                Standing.CLOSED: "closed by the law", Standing.UNKNOWN: "depends on unknown years"}[found.watch_list]
    out.append(f"the Watch List is {standing} for the {found.report_year} report")
    closed = [t.label for t in RANKED if t in found.closed and t is not _WL]
    if closed:
        out.append(f"closed by the law: {', '.join(closed)}")
    out.append(f"{cases} earlier cases in the same situation")
    return tuple(out)


def _forecast_one(counts: _Counts, found: Situation, statute: str, settings: Settings) -> Forecast:
    probs, cases = _chances(counts, found, settings)
    lawful = _lawful(probs, found.closed)
    law = {t: Standing.CLOSED for t in found.closed}
    law.update({t: Standing.UNKNOWN for t in found.unknown})
    law[_WL] = found.watch_list
    chances = tuple(TierChance(t, p, None if t is Tier.SPECIAL_CASE else law.get(t, Standing.OPEN))
                    for t, p in zip(CATEGORIES, lawful, strict=True))
    return Forecast(found.country, found.report_year, statute, found.previous, chances,
                    _drivers(found, cases, settings), cases)


def forecast(histories: Mapping[str, History] | Iterable[History], report_year: int | None = None, *,
             statute: Statute | str | None = None, countries: Iterable[str] | None = None,
             settings: Settings = DEFAULT_SETTINGS) -> tuple[Forecast, ...]:
    """The chances of each tier (and Special Case) for every government of ``histories`` (or those named in
    ``countries``) in ``report_year`` (by default the report after the latest year the histories mention),
    learned from the placements of every report before it and bounded by ``statute`` (by default the one in
    force for ``report_year``; earlier reports are read under the statute in force for each).

    >>> from tipranking.data import placements
    >>> (f,) = forecast(placements(), 2026, countries=["Algeria"])
    >>> round(sum(c.probability for c in f.chances), 12), f.previous
    (1.0, '2WL')
    """
    known = _histories(histories)
    if report_year is None:
        years = [h.mentioned_years[-1] for h in known.values() if h.mentioned_years]
        if not years:
            raise FieldError("histories", [], "no report year to forecast from: the histories are empty")
        report_year = max(years) + 1
    version = as_statute(statute) or statute_for(report_year)
    situations: dict[tuple[str, int], Situation] = {}
    counts = _count(_cases(known, range(_first_year(known) + 1, report_year), situations), settings)
    wanted = list(known) if countries is None else _wanted(known, countries)
    return tuple(_forecast_one(counts, situation(known[name], report_year, version), version.name, settings)
                 for name in wanted)


def _wanted(known: Mapping[str, History], countries: Iterable[str]) -> list[str]:
    from tipranking.countries import find

    out = []
    for name in countries:
        government = find(name)
        key = government.name if government is not None and government.name in known else name.strip()
        if key not in known:
            raise FieldError("country", name, "not in the histories")
        out.append(key)
    return out


# --------------------------------------------------------------------------- baselines

MODELS: tuple[str, ...] = ("model", "persistence", "markov_tier", "markov_watch_list_law")
"""The backtest's models: the forecast, and three baselines -- the tier of the year before (its share of
repeats learned from the training years, the rest spread evenly), a Markov chain on the tier (add-one
smoothing), and a Markov chain on the tier and the Watch List run (capped at 3) with the tiers the law closes
removed."""


def _baseline(name: str, training: Sequence[tuple[Situation, Tier]], found: Situation,
              previous_runs: Mapping[tuple[str, int], int]) -> list[float]:
    k = len(CATEGORIES)
    index = {t.value: i for i, t in enumerate(CATEGORIES)}
    if name == "persistence":
        with_previous = [(s, o) for s, o in training if s.previous in index]
        repeats = sum(1 for s, o in with_previous if o.value == s.previous)
        share = (repeats + 1) / (len(with_previous) + 2)
        if found.previous not in index:
            return [1 / k] * k
        return [share if i == index[found.previous] else (1 - share) / (k - 1) for i in range(k)]
    if name == "markov_tier":
        counts = [0] * k
        for s, o in training:
            if s.previous == found.previous:
                counts[index[o.value]] += 1
        n = sum(counts)
        return [(c + 1) / (n + k) for c in counts]
    # markov_watch_list_law
    run = previous_runs[(found.country, found.report_year)]
    counts = [0] * k
    for s, o in training:
        if s.previous == found.previous and previous_runs[(s.country, s.report_year)] == run:
            counts[index[o.value]] += 1
    n = sum(counts)
    return _lawful([(c + 1) / (n + k) for c in counts], found.closed)


def _watch_list_run(found: Situation) -> int:
    return min(found.run, 3) if found.previous == _WL.value else 0


# --------------------------------------------------------------------------- the backtest


@attrs.frozen(slots=True)
class Score:
    """How ``model`` scored on the ``targets`` government-years of ``group``: mean log-loss (nats; probabilities
    floored at 1e-4), mean Brier score (summed over the five outcomes) and accuracy of the most likely
    outcome."""

    model: str
    group: str
    targets: int
    log_loss: float
    brier: float
    accuracy: float


@attrs.frozen(slots=True)
class Difference:
    """``baseline``'s mean log-loss minus the model's on ``group`` (positive: the model is better), with a 95%
    bootstrap interval over governments."""

    baseline: str
    group: str
    mean: float
    low: float
    high: float


@attrs.frozen(slots=True)
class ReliabilityBin:
    """The model's targets whose most likely outcome had a probability in ``[low, high)``: how many, the mean of
    that probability, and how often the outcome was that one."""

    low: float
    high: float
    count: int
    predicted: float
    observed: float


@attrs.frozen(slots=True)
class BacktestReport:
    """The expanding-window backtest of report years ``first``..``last``: every target year forecast from the
    reports before it only. ``forecasts`` holds the model's forecasts of every target (government placed on one
    tier that year), in year then record order; ``ece`` is the model's top-label calibration error."""

    first: int
    last: int
    groups: tuple[str, ...]
    scores: tuple[Score, ...]
    differences: tuple[Difference, ...]
    reliability: tuple[ReliabilityBin, ...]
    ece: float
    forecasts: tuple[Forecast, ...]

    def score(self, model: str, group: str = "all") -> Score:
        """The :class:`Score` of ``model`` on ``group``."""
        for found in self.scores:
            if found.model == model and found.group == group:
                return found
        raise FieldError("model", model, f"no score for group {group!r}")


BACKTEST_REPORTS = 14
"""How many of the latest reports :func:`backtest` forecasts by default."""
CHECK_REPORTS = 6
"""The latest reports the backtest also scores apart by default: the model's settings were chosen on the
earlier ones only, and these check that they generalise."""


def backtest(histories: Mapping[str, History] | Iterable[History], first: int | None = None,
             last: int | None = None, *, split: int | None = None, settings: Settings = DEFAULT_SETTINGS,
             resamples: int = 1000, seed: int = 20261207) -> BacktestReport:
    """The expanding-window backtest: for each report year from ``first`` to ``last``, the model and the
    baselines (:data:`MODELS`) fitted only on the reports before it, scored on the governments placed on one
    tier that year; overall, for governments on the Watch List the year before, and for the years before
    ``split`` and from ``split`` apart; bootstrap intervals (``resamples`` resamples of governments, seeded) for
    each baseline's difference to the model.

    By default: the last :data:`BACKTEST_REPORTS` reports the histories mention (fewer if the histories start
    later: the first target needs two earlier reports), and ``split`` the first of the last
    :data:`CHECK_REPORTS` (with the bundled record: 2012-2025, split at 2020; the model's settings were chosen
    on the years before the split only)."""
    known = _histories(histories)
    latest = max((h.mentioned_years[-1] for h in known.values() if h.mentioned_years), default=None)
    if latest is None:
        raise FieldError("histories", [], "nothing to backtest: the histories are empty")
    last = latest if last is None else last
    start = _first_year(known) + 1
    first = max(last - BACKTEST_REPORTS + 1, start + 1) if first is None else first
    split = last - CHECK_REPORTS + 1 if split is None else split
    if not isinstance(first, int) or not isinstance(last, int) or first > last:
        raise FieldError("years", (first, last), "must be two report years, the first not after the last")
    situations: dict[tuple[str, int], Situation] = {}
    if first <= start:
        raise FieldError("first", first, f"needs earlier reports to learn from (the record starts in {start - 1})")
    everything = _cases(known, range(start, last + 1), situations)
    runs = {(s.country, s.report_year): _watch_list_run(s) for s, _ in everything}
    rows: list[tuple[int, str, bool, Tier, dict[str, list[float]]]] = []
    forecasts: list[Forecast] = []
    for year in range(first, last + 1):
        training = [(s, o) for s, o in everything if s.report_year < year]
        counts = _count(training, settings)
        version = statute_for(year)
        for found, outcome in (c for c in everything if c[0].report_year == year):
            made = _forecast_one(counts, found, version.name, settings)
            forecasts.append(made)
            probs = {"model": [c.probability for c in made.chances]}
            for name in MODELS[1:]:
                probs[name] = _baseline(name, training, found, runs)
            rows.append((year, found.country, found.previous == _WL.value, outcome, probs))
    groups = _groups(first, last, split)
    scores = tuple(_score(name, group, [r for r in rows if _in(group, r)]) for group in groups for name in MODELS)
    differences = tuple(_difference(name, group, [r for r in rows if _in(group, r)], resamples, seed)
                        for group in groups for name in MODELS[1:])
    bins, ece = _reliability(rows)
    return BacktestReport(first, last, groups, scores, differences, bins, ece, tuple(forecasts))


def _groups(first: int, last: int, split: int) -> tuple[str, ...]:
    groups = ["all", "watch_list_before"]
    if first < split <= last:
        groups += [f"{first}-{split - 1}", f"{split}-{last}"]
    return tuple(groups)


def _in(group: str, row: tuple[int, str, bool, Tier, dict[str, list[float]]]) -> bool:
    if group == "all":
        return True
    if group == "watch_list_before":
        return row[2]
    low, high = (int(y) for y in group.split("-"))
    return low <= row[0] <= high


def _losses(name: str, rows: Sequence[tuple[int, str, bool, Tier, dict[str, list[float]]]]) -> list[float]:
    index = {t: i for i, t in enumerate(CATEGORIES)}
    return [-math.log(max(r[4][name][index[r[3]]], _SCORE_FLOOR)) for r in rows]


def _score(name: str, group: str, rows: Sequence[tuple[int, str, bool, Tier, dict[str, list[float]]]]) -> Score:
    if not rows:
        return Score(name, group, 0, math.nan, math.nan, math.nan)
    index = {t: i for i, t in enumerate(CATEGORIES)}
    losses = _losses(name, rows)
    brier = [math.fsum((p - (1.0 if i == index[r[3]] else 0.0)) ** 2 for i, p in enumerate(r[4][name])) for r in rows]
    hits = [1.0 if _top(r[4][name]) == index[r[3]] else 0.0 for r in rows]
    n = len(rows)
    return Score(name, group, n, math.fsum(losses) / n, math.fsum(brier) / n, math.fsum(hits) / n)


def _top(probs: Sequence[float]) -> int:
    best = 0
    for i, p in enumerate(probs):
        if p > probs[best]:
            best = i
    return best


def _difference(name: str, group: str, rows: Sequence[tuple[int, str, bool, Tier, dict[str, list[float]]]],
                resamples: int, seed: int) -> Difference:
    if not rows:
        return Difference(name, group, math.nan, math.nan, math.nan)
    gaps = [b - m for b, m in zip(_losses(name, rows), _losses("model", rows), strict=True)]
    by_country: dict[str, list[float]] = {}
    for row, gap in zip(rows, gaps, strict=True):
        by_country.setdefault(row[1], []).append(gap)
    countries = sorted(by_country)
    sums = [(math.fsum(by_country[c]), len(by_country[c])) for c in countries]
    rng = random.Random(f"{seed} {name} {group}")
    means = []
    for _ in range(resamples):
        total, count = 0.0, 0
        for _ in countries:
            s, n = sums[rng.randrange(len(countries))]
            total += s
            count += n
        means.append(total / count)
    means.sort()
    low = means[int(0.025 * (resamples - 1))] if means else math.nan
    high = means[math.ceil(0.975 * (resamples - 1))] if means else math.nan
    return Difference(name, group, math.fsum(gaps) / len(gaps), low, high)


def _reliability(rows: Sequence[tuple[int, str, bool, Tier, dict[str, list[float]]]],
                 bins: int = 10) -> tuple[tuple[ReliabilityBin, ...], float]:
    index = {t: i for i, t in enumerate(CATEGORIES)}
    grouped: list[list[tuple[float, float]]] = [[] for _ in range(bins)]
    for r in rows:
        probs = r[4]["model"]
        top = _top(probs)
        confidence = probs[top]
        grouped[min(int(confidence * bins), bins - 1)].append((confidence, 1.0 if top == index[r[3]] else 0.0))
    out = []
    ece = 0.0
    for i, members in enumerate(grouped):
        if not members:
            continue
        predicted = math.fsum(c for c, _ in members) / len(members)
        observed = math.fsum(h for _, h in members) / len(members)
        out.append(ReliabilityBin(i / bins, (i + 1) / bins, len(members), predicted, observed))
        ece += len(members) / len(rows) * abs(predicted - observed)
    return tuple(out), ece
