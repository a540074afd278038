"""``place``: run a statute's pipeline over an assessment and a history.

Findings may be unknown (``None``). The pipeline evaluates its rules in three-valued (Kleene)
logic; when the known facts decide the tier, that is the placement. Otherwise every completion of
the unknown findings (and unknown history years) that the rules read is placed, and the placement
holds the possible tiers and, for each unknown that matters, which value leads to which tiers.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from typing import TypeVar

import attrs

import tipranking.findings as findings
from tipranking.assessment import Assessment, History
from tipranking.errors import HistoryError, InputTypeError, MissingFindingError, StatuteError
from tipranking.placement import DecidingFact, Placement
from tipranking.provisions import AUTOMATIC_DOWNGRADE
from tipranking.rules.base import Case, Finding, Trace, Undecided
from tipranking.rules.clock import WatchListClock
from tipranking.statute import VERSIONS, Statute, as_statute, history_rule_ids, statute_for
from tipranking.tiers import Tier

__all__ = ["MAX_COMPLETIONS", "DecidingFact", "Placement", "deciding_positions", "place"]

_V = TypeVar("_V")
_A = TypeVar("_A")

MAX_COMPLETIONS = 4096
"""The most completions of unknown findings ``place`` enumerates; more unknowns is an error."""


def place(assessment: Assessment, history: History | None = None, statute: Statute | str | None = None) -> Placement:
    """Place ``assessment`` under ``statute`` (by default the version in force for its report year; a
    version name such as ``"tvpra-2019+f-every-return"`` is accepted).

    ``history`` holds the country's earlier placements; only years before the assessment's
    report year are used.

    >>> from tipranking import Assessment, MinimumStandards
    >>> a = Assessment("Examplestan", 2023, MinimumStandards(True, True, True, False),
    ...                significant_efforts=False)
    >>> p = place(a)
    >>> p.tier.label, p.citation
    ('Tier 3', '22 U.S.C. § 7107(b)(1)(C)')
    >>> unsure = place(Assessment("Examplestan", 2023, MinimumStandards(True, True, True, False),
    ...                           significant_efforts=None))
    >>> unsure.tier, sorted(t.value for t in unsure.possible_tiers), [d.field for d in unsure.deciding]
    (None, ['2', '2WL', '3'], ['significant_efforts', 'watch_list.victims_very_significant_or_increasing', \
'watch_list.no_evidence_of_increasing_efforts'])
    """
    if not isinstance(assessment, Assessment):
        raise InputTypeError("assessment", assessment, "place() needs an Assessment")
    statute = as_statute(statute)
    if history is not None and not isinstance(history, History):
        raise InputTypeError("history", history, "must be a History or None")
    key: object = assessment if statute is None and history is None else (
        0 if statute is None else id(statute), assessment, history)
    fast = _FAST.get(key)
    if fast is not None:
        return fast
    version = statute if statute is not None else statute_for(assessment.report_year)
    result = _place(assessment, history, version, assessment.report_year)
    if id(version) in _REAL and result.tier is not None:
        if len(_FAST) >= _CACHE_LIMIT:
            _FAST.clear()
        _FAST[key] = result
    return result


def _place(assessment: Assessment, history: History | None, version: Statute, year: int) -> Placement:
    if history is None:
        past = _NO_HISTORY
    else:
        if history.country.strip().casefold() != assessment.country.strip().casefold():
            raise HistoryError("history.country", history.country,
                               f"the history is not of the assessed country {assessment.country!r}")
        past = history.before(year)
    years = version.uncertain_years_that_matter(past, year)
    if years:
        settled = _without_the_history(assessment, past, version, years)
        return settled if settled is not None else _enumerate(assessment, past, version, years, ())
    trace = Trace()
    try:
        return _run(assessment, past, version, trace)
    except Undecided:
        return _enumerate(assessment, past, version, years, tuple(trace.findings))


_NO_HISTORY = History("(no history)")
_FAST: dict[object, Placement] = {}
"""Placements by assessment alone (statute in force, no history) or by (statute id or 0, assessment, history):
the same values give the same placement."""
_CACHE: dict[tuple[object, ...], Placement] = {}
_CACHE_LIMIT = 20_000
"""Entries each memo keeps before it starts again: enough for every distinct case of a sweep or an audit,
small enough that a file of 200,000 distinct assessments does not keep them all (memory stays flat)."""
_REAL = {id(v) for v in VERSIONS}


def _run(assessment: Assessment, past: History, version: Statute, trace: Trace | None = None) -> Placement:
    """Run the pipeline. For the real statute versions the result is memoized: a placement is a pure
    function of the statute, the assessment's findings and the history's Watch List and Tier 3 years
    (the only years the history rules read), and no reason names the country."""
    key: tuple[object, ...] | None = None
    if id(version) in _REAL:
        a = assessment
        key = (version.name, a.report_year, a.minimum_standards, a.significant_efforts, a.watch_list, a.indicia,
               a.provides_law_enforcement_data, a.policy_or_pattern, a.special_case, a.waiver_justification,
               WatchListClock.marks(past))
        cached = _CACHE.get(key)
        if cached is not None:
            if cached.country == assessment.country:
                return cached
            c = cached
            return Placement(assessment.country, c.report_year, c.tier, c.statute, c.findings, c.decided_by, c.events,
                             c.possible_tiers, c.deciding, c.irrelevant)
    trace = trace if trace is not None else Trace()
    verdict = version.pipeline.decide(Case(assessment, past, version.clock), trace)
    if verdict is None or verdict.decided_by is None:
        raise StatuteError(f"statute {version.name!r} yields no decided tier for {assessment.country} "
                           f"{assessment.report_year}")
    placement = Placement(assessment.country, assessment.report_year, verdict.tier, version.name,
                          tuple(trace.findings), verdict.decided_by, tuple(trace.events))
    if key is not None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[key] = placement
    return placement


def _unknown_fields(assessment: Assessment, version: Statute) -> dict[str, tuple[str, ...]]:
    """Unknown findings read by the statute's rules, with the citations of the rules reading them."""
    out: dict[str, list[str]] = {}
    for rule in version.rules():
        provision = rule.provision
        for path in findings.unknown(assessment, rule.reads):
            cites = out.setdefault(path, [])
            if provision is not None and provision.citation not in cites:
                cites.append(provision.citation)
    return {k: tuple(v) for k, v in out.items()}


def _value_name(value: bool | Tier | None) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "absent" if value is None else value.value


def _completions(assessment: Assessment, past: History, fields: list[str], years: list[int]) -> Iterator[
        tuple[tuple[bool | Tier | None, ...], Assessment, History]]:
    options = [WatchListClock.options(past, y) for y in years]
    for field_values in itertools.product((True, False), repeat=len(fields)):
        filled = findings.with_values(assessment, dict(zip(fields, field_values, strict=True)))
        for year_values in itertools.product(*options):
            history = past.resolve(dict(zip(years, year_values, strict=True))) if years else past
            yield (*field_values, *year_values), filled, history


def _enumerate(assessment: Assessment, past: History, version: Statute, years: list[int],
               partial: tuple[Finding, ...]) -> Placement:
    unknown = _unknown_fields(assessment, version)
    fields = list(unknown)
    unread: list[str] = []
    if years and fields and _years_alone_decide(assessment, past, version, years):
        unread, fields = fields, []  # every completion of the years decides with these findings unknown
    count = 2 ** len(fields) * math.prod(len(WatchListClock.options(past, y)) for y in years)
    if count > MAX_COMPLETIONS:
        raise MissingFindingError("findings", fields + [f"history.{y}" for y in years],
                                  f"{count} completions of the unknown findings; state some of them "
                                  f"(at most {MAX_COMPLETIONS} are enumerated)")
    results: dict[tuple[bool | Tier | None, ...], Placement] = {}
    for combo, filled, history in _completions(assessment, past, fields, years):
        results[combo] = _run(filled, history, version)
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
                by_value.setdefault(_value_name(combo[i]), set()).add(tier)
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


def deciding_positions(answers: Mapping[tuple[_V, ...], _A]) -> set[int]:
    """Of a grid of answers (one per combination of the unknowns' values, each combination a tuple with one
    position per unknown), the positions whose value changes the answer for some values of the others: the
    unknowns that decide. The one way both ``place`` and the audit tell which unknown matters."""
    width = len(next(iter(answers))) if answers else 0
    found: set[int] = set()
    for i in range(width):
        seen: dict[tuple[_V, ...], _A] = {}
        for combo, answer in answers.items():
            rest = combo[:i] + combo[i + 1:]
            if seen.setdefault(rest, answer) != answer:
                found.add(i)
                break
    return found


def _without_the_history(assessment: Assessment, past: History, version: Statute,
                         years: list[int]) -> Placement | None:
    """The placement, if the pipeline decides it without evaluating a rule that reads the history: then every
    completion of the uncertain ``years`` gives it (they are reported irrelevant). ``None`` otherwise."""
    trace = Trace()
    try:
        placement = _run(assessment, past.resolve(dict.fromkeys(years)), version, trace)
    except Undecided:
        return None
    if {f.rule for f in placement.findings} & history_rule_ids(version):
        return None
    return attrs.evolve(placement, irrelevant=tuple(f"history.{y}" for y in years))


def _years_alone_decide(assessment: Assessment, past: History, version: Statute, years: list[int]) -> bool:
    """Whether the pipeline decides, with the unknown findings left unknown, on every completion of the
    uncertain ``years`` (then the findings cannot matter and need not be enumerated)."""
    options = [WatchListClock.options(past, y) for y in years]
    if math.prod(len(o) for o in options) > MAX_COMPLETIONS:
        return False
    for values in itertools.product(*options):
        try:
            _run(assessment, past.resolve(dict(zip(years, values, strict=True))), version, Trace())
        except Undecided:
            return False
    return True
