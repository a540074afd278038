"""The rule tree run as written: the reference interpreter of a statute's pipeline.

Facts may be unknown (``None``). The pipeline evaluates its rules in three-valued (Kleene)
logic; when the known facts decide the tier, that is the placement. Otherwise every completion of
the unknown facts (and unknown history years) that the rules read is placed, and the placement
holds the possible tiers and, for each unknown that matters, which value leads to which tiers.
"""

from __future__ import annotations

import contextlib
import itertools
import math
from collections.abc import Iterator

import attrs

from tipranking.assessment import Assessment, History
from tipranking.countries import same_government
from tipranking.errors import HistoryError, InputTypeError, StatuteError
from tipranking.placing.placement import DecidingFact, Explanation, Placement
from tipranking.placing.unknowns import (
    MAX_COMPLETIONS,
    deciding_positions,
    fact_completions,
    too_many,
    unknown_fields,
    value_name,
)
from tipranking.provisions import AUTOMATIC_DOWNGRADE
from tipranking.rules.base import Case, Finding, Trace, Undecided
from tipranking.rules.clock import WatchListClock
from tipranking.statute import Statute, as_statute, history_rule_ids, statute_for
from tipranking.tiers import Tier

__all__ = ["NO_HISTORY", "explanation", "interpret", "no_tier_message", "partial_findings", "run"]


def interpret(assessment: Assessment, history: History | None = None,
              statute: Statute | str | None = None) -> Placement:
    """Place ``assessment`` by running the statute's rule tree itself: the reference that the compiled form
    (:mod:`tipranking.placing.compiler`, which :func:`tipranking.place` uses) is tested against. Same arguments and
    same result as :func:`tipranking.place`, every finding built on the spot; slower, and it enumerates the
    completions of unknown history years (at most :data:`MAX_COMPLETIONS` of them with the unknown facts).
    """
    if not isinstance(assessment, Assessment):
        raise InputTypeError("assessment", assessment, "interpret() needs an Assessment")
    statute = as_statute(statute)
    if history is not None and not isinstance(history, History):
        raise InputTypeError("history", history, "must be a History or None")
    version = statute if statute is not None else statute_for(assessment.report_year)
    version.check_assessment(assessment)
    return _place(assessment, history, version, assessment.report_year)


def _place(assessment: Assessment, history: History | None, version: Statute, year: int) -> Placement:
    if history is None:
        past = NO_HISTORY
    else:
        if history.country != assessment.country and not same_government(history.country, assessment.country):
            raise HistoryError("history.country", history.country,
                               f"the history is not of the assessed country {assessment.country!r}")
        past = history.before(year)
    years = version.uncertain_years_that_matter(past, year)
    if years:
        settled = _without_the_history(assessment, past, version, years)
        return settled if settled is not None else _enumerate(assessment, past, version, years, ())
    trace = Trace()
    try:
        return run(assessment, past, version, trace)
    except Undecided:
        return _enumerate(assessment, past, version, years, tuple(trace.findings))


NO_HISTORY = History("(no history)")
"""The empty history the rules see when none is given."""


def run(assessment: Assessment, past: History, version: Statute, trace: Trace | None = None) -> Placement:
    """Run the pipeline once on a fully known case (``Undecided`` escapes if a fact it needs is unknown)."""
    trace = trace if trace is not None else Trace()
    verdict = version.pipeline.decide(Case(assessment, past, version.clock), trace)
    if verdict is None or verdict.decided_by is None:
        raise StatuteError(no_tier_message(version, assessment))
    return Placement(assessment.country, assessment.report_year, verdict.tier, version.name,
                     tuple(trace.findings), verdict.decided_by, tuple(trace.events))


def no_tier_message(version: Statute, assessment: Assessment) -> str:
    return f"statute {version.name!r} yields no decided tier for {assessment.country} {assessment.report_year}"


def explanation(assessment: Assessment, past: History, version: Statute) -> Explanation:
    """The explanation of a decided case: the rule tree run once on it."""
    placement = run(assessment, past, version)
    return Explanation(placement.findings, placement.decided_by)


def partial_findings(assessment: Assessment, past: History, version: Statute) -> tuple[Finding, ...]:
    """The findings the pipeline records before it stops at an unknown guard."""
    trace = Trace()
    with contextlib.suppress(Undecided):
        version.pipeline.decide(Case(assessment, past, version.clock), trace)
    return tuple(trace.findings)


def _completions(assessment: Assessment, past: History, fields: list[str], years: list[int]) -> Iterator[
        tuple[tuple[bool | Tier | None, ...], Assessment, History]]:
    options = [WatchListClock.options(past, y) for y in years]
    for field_values, filled in fact_completions(assessment, fields):
        for year_values in itertools.product(*options):
            history = past.resolve(dict(zip(years, year_values, strict=True))) if years else past
            yield (*field_values, *year_values), filled, history


def _enumerate(assessment: Assessment, past: History, version: Statute, years: list[int],
               partial: tuple[Finding, ...]) -> Placement:
    unknown = unknown_fields(assessment, version)
    fields = list(unknown)
    unread: list[str] = []
    if years and fields and _years_alone_decide(assessment, past, version, years):
        unread, fields = fields, []  # every completion of the years decides with these facts unknown
    error = too_many(fields, years, 2 ** len(fields) * math.prod(len(WatchListClock.options(past, y)) for y in years))
    if error is not None:
        raise error
    results: dict[tuple[bool | Tier | None, ...], Placement] = {}
    for combo, filled, history in _completions(assessment, past, fields, years):
        results[combo] = run(filled, history, version)
    names = fields + [f"history.{y}" for y in years]
    citations = [unknown[f] for f in fields] + [(AUTOMATIC_DOWNGRADE.citation,)] * len(years)
    tiers = {combo: placement.decided_tier() for combo, placement in results.items()}
    matters = deciding_positions(tiers)
    deciding: list[DecidingFact] = []
    irrelevant = list(unread)
    for i, name in enumerate(names):
        if i in matters:
            by_value: dict[str, set[Tier]] = {}
            for combo, tier in tiers.items():
                by_value.setdefault(value_name(combo[i]), set()).add(tier)
            deciding.append(DecidingFact(name, tuple((v, frozenset(t)) for v, t in by_value.items()), citations[i]))
        else:
            irrelevant.append(name)
    possible = frozenset(p.decided_tier() for p in results.values())
    outcomes = list(results.values())
    first = outcomes[0]
    if len(possible) == 1 and len({(p.events, p.citation) for p in outcomes}) == 1:
        return attrs.evolve(first, findings=partial or first.findings, irrelevant=tuple(irrelevant))
    return Placement(assessment.country, assessment.report_year, None, version.name, partial, None, (),
                     possible, tuple(deciding), tuple(irrelevant))


def _without_the_history(assessment: Assessment, past: History, version: Statute,
                         years: list[int]) -> Placement | None:
    """The placement, if the pipeline decides it without evaluating a rule that reads the history: then every
    completion of the uncertain ``years`` gives it (they are reported irrelevant). ``None`` otherwise."""
    trace = Trace()
    try:
        placement = run(assessment, past.resolve(dict.fromkeys(years)), version, trace)
    except Undecided:
        return None
    if {f.rule for f in placement.findings} & history_rule_ids(version):
        return None
    return attrs.evolve(placement, irrelevant=tuple(f"history.{y}" for y in years))


def _years_alone_decide(assessment: Assessment, past: History, version: Statute, years: list[int]) -> bool:
    """Whether the pipeline decides, with the unknown facts left unknown, on every completion of the
    uncertain ``years`` (then the facts cannot matter and need not be enumerated)."""
    options = [WatchListClock.options(past, y) for y in years]
    if math.prod(len(o) for o in options) > MAX_COMPLETIONS:
        return False
    for values in itertools.product(*options):
        try:
            run(assessment, past.resolve(dict(zip(years, values, strict=True))), version, Trace())
        except Undecided:
            return False
    return True
