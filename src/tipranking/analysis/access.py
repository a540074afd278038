"""Whether the Watch List is open to a country in a report: freely, only with a waiver, not at all, or not
known (it depends on years the data does not hold). The audit and the outlook both ask it.

It knows no rule of its own: it asks :func:`tipranking.place` what the statute's pipeline does with *probe*
assessments (a government that makes significant efforts and meets a Watch List criterion, with and without
a justified waiver) on the country's history. So a variant statute is judged by exactly the rules it holds.
"""

from __future__ import annotations

import enum
import functools
import itertools
import math
from collections.abc import Iterable

import attrs

from tipranking.assessment import (
    Assessment,
    History,
    MinimumStandards,
    WaiverJustification,
    WatchListFacts,
    YearPlacement,
    check_report_year,
)
from tipranking.errors import InputTypeError, StatuteError
from tipranking.placing import MAX_COMPLETIONS, CompiledStatute, Grid, Placement, compiled, deciding_positions, place
from tipranking.provisions import WATCH_LIST
from tipranking.rules.base import Finding
from tipranking.rules.clock import WatchListClock
from tipranking.rules.downgrade import AutomaticDowngrade, PostWaiverLimit, WaiverAvailable
from tipranking.rules.watch_list import WatchListCriteria
from tipranking.statute import Statute, as_statute, statute_for
from tipranking.tiers import Tier

__all__ = ["SHORT_OF_FULL", "Access", "WatchListAccess", "access_kind", "access_of", "checked_question",
           "decided_probe", "forget", "place_probe", "probe_assessment", "watch_list_access"]

_WL = Tier.TIER_2_WATCH_LIST
_WATCH_LIST_CITATION = WATCH_LIST.citation


class Access(enum.Enum):
    """Whether a Watch List placement is open to a country in a report."""

    NONE = "none"
    """The statute has no Watch List (reports before 2004)."""
    FREE = "free"
    WAIVER = "waiver"
    """Only with a justified waiver of the automatic downgrade."""
    UNAVAILABLE = "unavailable"
    """Not even with a waiver."""
    UNKNOWN = "unknown"
    """It depends on years whose placements are not known."""


@attrs.frozen(slots=True)
class WatchListAccess:
    """The Watch List's availability, with the reason and citation of the rule that decides it.

    ``Access.UNKNOWN`` means the answer depends on ``missing_years``, years of the history the data
    does not hold.
    """

    access: Access
    reason: str
    citation: str
    missing_years: tuple[int, ...] = ()


def probe_assessment(country: str, year: int, statute: Statute, *, standards: MinimumStandards, efforts: bool,
                     criterion: bool = False, waiver: bool = False) -> Assessment:
    """A *probe*: an assessment of ``country`` stating every fact, as the questions of this module (and the
    outlook's) need it: the minimum ``standards``, significant ``efforts``, a Watch List ``criterion`` or not
    (the commitments criterion false where the statute has it), a justified ``waiver`` or none."""
    criteria = statute.rule_of_type(WatchListCriteria)
    commitments = False if criteria is not None and criteria.commitments_criterion else None
    return Assessment(country, year, standards, significant_efforts=efforts,
                      watch_list=WatchListFacts(False, criterion, commitments),
                      waiver_justification=WaiverJustification.full() if waiver else None)


SHORT_OF_FULL = MinimumStandards(True, True, True, False)
"""Minimum standards of a probe that does not fully comply: the fourth not met."""


def place_probe(history: History, year: int, statute: Statute, **kwargs: bool) -> Placement:
    """The placement of a probe (:func:`probe_assessment`, short of full compliance, with significant efforts)
    of ``history``'s country in ``year``."""
    probe = probe_assessment(history.country, year, statute, standards=SHORT_OF_FULL, efforts=True, **kwargs)
    return place(probe, history, statute)


def watch_list_access(history: History, report_year: int, statute: Statute | str | None = None) -> WatchListAccess:
    """Whether ``history``'s country could be on the Watch List in ``report_year``: freely, only with a
    waiver, not at all, or not because the statute has no Watch List.

    Unknown years of the history are not guessed: every way of filling them (Watch List, Tier 3, or
    any other placement) is tried; if the answers differ, the result is ``Access.UNKNOWN`` naming the
    years that make the difference.
    """
    history, report_year, version = checked_question(history, report_year, statute)
    return access_of(history, WatchListClock.marks(history), report_year, version)




def access_of(history: History, marks: tuple[tuple[int, Tier], ...], report_year: int,
              version: Statute) -> WatchListAccess:
    """:func:`watch_list_access` of checked inputs, ``marks`` being ``WatchListClock.marks(history)``."""
    clock = version.clock
    start = clock.counts_from if clock is not None else _NEVER
    base = tuple(m for m in marks if start <= m[0] < report_year)
    relevant = version.uncertain_years_that_matter(history, report_year)
    if not relevant:
        return _access_cached(base, report_year, version)
    options = tuple((y, WatchListClock.options(history, y)) for y in relevant)
    found = _access_over_states(history, base, options, report_year, version)
    return found if found is not None else _access_unknown(base, options, report_year, version)


def _explained(base: tuple[tuple[int, Tier], ...], relevant: tuple[tuple[int, tuple[Tier | None, ...]], ...],
               report_year: int, version: Statute) -> WatchListAccess:
    """The answer for the completion that adds nothing where it can, so the reason names only known years."""
    plain = tuple((y, None if None in options else options[0]) for y, options in relevant)
    filled = tuple((y, t) for y, t in plain if t is not None)
    return _access_cached(tuple(sorted(base + filled)), report_year, version)


def _depends(years: Iterable[int], kinds: Iterable[Access]) -> WatchListAccess:
    deciding = tuple(years)
    shown = ", ".join(str(y) for y in deciding)
    options = ", ".join(sorted(k.value for k in kinds))
    return WatchListAccess(Access.UNKNOWN, f"depends on the placements in {shown}, which the data does not hold "
                           f"(possible: {options})", _WATCH_LIST_CITATION, deciding)


def _access_over_states(history: History, base: tuple[tuple[int, Tier], ...],
                        relevant: tuple[tuple[int, tuple[Tier | None, ...]], ...], report_year: int,
                        version: Statute) -> WatchListAccess | None:
    """The answer over every completion of the uncertain years without enumerating them: the probes are placed
    once per Watch List clock state the completions can end in (:class:`tipranking.placing.Grid`). ``None``
    when the statute is not compiled or a probe is not decided by the compiled tree (the enumeration then
    answers)."""
    if version.rule_of_type(WatchListCriteria) is None:
        return _access_cached(base, report_year, version)
    table = compiled(version)
    years = [y for y, _ in relevant]
    if table is None or min(years) < table.automaton.counts_from:
        return None
    grid = Grid(table.automaton, history, report_year, years)
    kinds: dict[int, Access] = {}
    for state in grid.finals:
        kind = _kind_at(version, report_year, state)
        if kind is None:
            return None
        kinds[state] = kind
    if len(set(kinds.values())) == 1:
        return _explained(base, relevant, report_year, version)
    positions = grid.decisive(kinds.__getitem__)
    return _depends((y for i, y in enumerate(years) if i in positions), set(kinds.values()))


@functools.lru_cache(maxsize=16384)
def _access_unknown(base: tuple[tuple[int, Tier], ...], relevant: tuple[tuple[int, tuple[Tier | None, ...]], ...],
                    report_year: int, version: Statute) -> WatchListAccess:
    answers: dict[tuple[Tier | None, ...], WatchListAccess] = {}
    years = [y for y, _ in relevant]
    ways = math.prod(len(options) for _, options in relevant)
    if ways > MAX_COMPLETIONS:
        shown = ", ".join(str(y) for y in years)
        return WatchListAccess(Access.UNKNOWN, f"depends on the placements in {shown}, which the data does not hold; "
                               f"the {ways:,} ways to fill them are more than the {MAX_COMPLETIONS:,} this package "
                               "tries: state some of them", _WATCH_LIST_CITATION, tuple(years))
    for combo in itertools.product(*(options for _, options in relevant)):
        filled = tuple((y, t) for y, t in zip(years, combo, strict=True) if t is not None)
        answers[combo] = _access_cached(tuple(sorted(base + filled)), report_year, version)
    kinds = {r.access for r in answers.values()}
    if len(kinds) == 1:
        return _explained(base, relevant, report_year, version)
    positions = deciding_positions({combo: r.access for combo, r in answers.items()})
    return _depends((y for i, y in enumerate(years) if i in positions), kinds)


def access_kind(history: History, marks: tuple[tuple[int, Tier], ...], report_year: int,
                version: Statute) -> Access:
    """Only the kind of :func:`watch_list_access` (its ``access``), without building its reason: from the
    automaton state the history's known years lead to, for the audit, which needs the reason only for the
    placements it reports. ``marks`` is ``WatchListClock.marks(history)``."""
    if version.rule_of_type(WatchListCriteria) is None:
        return Access.NONE
    table = compiled(version)
    if table is None or version.uncertain_years_that_matter(history, report_year):
        return access_of(history, marks, report_year, version).access
    states = _path(table, marks)
    kind = _kind_at(version, report_year, states[max(0, report_year - table.automaton.counts_from)])
    return kind if kind is not None else access_of(history, marks, report_year, version).access


@functools.lru_cache(maxsize=4096)
def _path(table: CompiledStatute, marks: tuple[tuple[int, Tier], ...]) -> list[int]:
    """The automaton's state before each report year (:meth:`~tipranking.placing.Automaton.path`) of a history
    whose Watch List and Tier 3 years are ``marks``, remembered for the next report year asked about."""
    return table.automaton.path(dict(marks))


@functools.lru_cache(maxsize=16384)
def _kind_at(version: Statute, report_year: int, state: int) -> Access | None:
    """The access in ``report_year`` for a history that leaves the automaton in ``state``: the probes placed by
    the compiled tree (``None`` if it leaves them undecided; the placements then answer)."""
    table = compiled(version)
    assert table is not None
    plain, waived = (table.outcome(probe_assessment("the country", report_year, version, standards=SHORT_OF_FULL,
                                                    efforts=True, criterion=True, waiver=waiver), state).tier
                     for waiver in (False, True))
    if plain is None or waived is None:
        return None
    return Access.FREE if plain is _WL else Access.WAIVER if waived is _WL else Access.UNAVAILABLE


_NEVER = 10_000


@functools.lru_cache(maxsize=65536)
def _access_cached(key: tuple[tuple[int, Tier], ...], report_year: int, version: Statute) -> WatchListAccess:
    history = History("the country", [YearPlacement(y, t) for y, t in key])
    if version.rule_of_type(WatchListCriteria) is None:
        return WatchListAccess(Access.NONE, f"the statute for the {report_year} report ({version.name}) has no "
                               f"Tier 2 Watch List; it applies from the "
                               f"{WATCH_LIST.first_report_year} report", _WATCH_LIST_CITATION)
    plain = place_probe(history, report_year, version, criterion=True)
    plain_tier, plain_by = decided_probe(plain)
    if plain_tier is _WL:
        clock = [f for f in plain.findings if f.rule == AutomaticDowngrade.rule_id]
        shown = clock[-1] if clock else plain_by
        return WatchListAccess(Access.FREE, shown.reason, shown.citation)
    waived = place_probe(history, report_year, version, criterion=True, waiver=True)
    waived_tier, waived_by = decided_probe(waived)
    if waived_tier is _WL:
        return WatchListAccess(Access.WAIVER, f"{plain_by.reason}; lawful only with a waiver", waived_by.citation)
    blocking = [f for f in waived.findings if f.holds is False and f.rule == WaiverAvailable.rule_id]
    blocking += [f for f in waived.findings if f.holds and f.rule == PostWaiverLimit.rule_id]
    reasons = [waived_by.reason] + [f.reason for f in blocking if f != waived_by]
    return WatchListAccess(Access.UNAVAILABLE, "; ".join(reasons), waived_by.citation)


def decided_probe(placement: Placement) -> tuple[Tier, Finding]:
    """The tier and deciding finding of a probe, which states every fact and so is always decided."""
    if placement.tier is None or placement.decided_by is None:
        raise StatuteError(f"statute {placement.statute!r} leaves a fully stated probe undecided")
    return placement.tier, placement.decided_by


def checked_question(history: object, report_year: object,
                     statute: Statute | str | None) -> tuple[History, int, Statute]:
    """The arguments of a question about a history in a report year, checked: the history, the report year,
    and the statute (by default the one in force that year)."""
    if not isinstance(history, History):
        raise InputTypeError("history", history, "must be a History")
    year = check_report_year(report_year)
    version = as_statute(statute)
    return history, year, version if version is not None else statute_for(year)


def forget() -> None:
    """Forget the answers remembered per history and automaton state (for benchmarks: a cold start)."""
    for cached in (_access_unknown, _path, _kind_at, _access_cached):
        cached.cache_clear()
