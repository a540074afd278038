"""Hypothesis strategies for tipranking values (needs the ``hypothesis`` extra).

Plural names, keyword-only options. Values are built valid by construction rather than
filtered, so failures shrink well. Importing this module registers :func:`assessments`,
:func:`histories` and friends for ``st.from_type``; the ``hypothesis`` entry point does the same
for any test run that has tipranking installed.

>>> from hypothesis import given
>>> @given(assessments(report_year=2023))
... def test(a):
...     assert a.report_year == 2023
>>> test()
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import attrs
from hypothesis import strategies as st

import tipranking.findings as findings
from tipranking.assessment import (
    FIRST_REPORT_YEAR,
    LAST_KNOWN_REPORT_YEAR,
    Assessment,
    History,
    MinimumStandards,
    PolicyOrPattern,
    WaiverJustification,
    WatchListFacts,
    YearPlacement,
)
from tipranking.compiled import refusals, refused_together
from tipranking.consequences import (
    CspaDetermination,
    CspaProgram,
    Determination,
    Tier3Category,
    WaiverGround,
    covered_programs,
)
from tipranking.errors import FieldError
from tipranking.provisions import WATCH_LIST
from tipranking.rules.base import Event
from tipranking.statute import Statute, statute_for
from tipranking.tiers import Tier

__all__ = [
    "assessments",
    "cspa_determinations",
    "determinations",
    "histories",
    "register",
    "report_years",
    "statutes",
    "tiers",
]

_COUNTRIES = ("Examplestan", "Samplonia", "Illustria", "Demoland", "Paradigma")


def report_years(
    *, min_year: int = FIRST_REPORT_YEAR, max_year: int = LAST_KNOWN_REPORT_YEAR
) -> st.SearchStrategy[int]:
    """Report years the package covers (optionally a narrower span)."""
    return st.integers(min_value=max(min_year, FIRST_REPORT_YEAR), max_value=min(max_year, LAST_KNOWN_REPORT_YEAR))


def statutes() -> st.SearchStrategy[Statute]:
    """The real statute versions."""
    from tipranking.statute import VERSIONS

    return st.sampled_from(VERSIONS)


def tiers(*, ranked_only: bool = False) -> st.SearchStrategy[Tier]:
    return st.sampled_from([t for t in Tier if t.is_ranked or not ranked_only])


@functools.lru_cache(maxsize=4096)
def _allowed(finding: findings.FindingPath, year: int, version: Statute) -> bool:
    """Whether ``version`` has ``finding`` for ``year``'s report (what its rules' ``check_input`` accept)."""
    return (finding.path, True) not in refusals(version, year)


@st.composite
def _assessments(draw: st.DrawFn, report_year: int | None, statute: Statute | None, country: str | None,
                 special_case: bool | None, policy_or_pattern: bool | None, unknowns: bool,
                 fixed: dict[str, Any]) -> Assessment:
    """Each finding of the catalogue the statute has for the year: a value (or, with ``unknowns``, maybe
    none); indicia and the law-enforcement data may always be left unstated; a waiver justification is
    given or not as a whole; a few kinds of policy or pattern."""
    year = report_year if report_year is not None else draw(report_years())
    version = statute if statute is not None else statute_for(year)
    b: st.SearchStrategy[bool | None] = st.booleans()
    if unknowns:
        b = st.booleans() | st.none()
    values: dict[str, bool] = {}
    waiver = draw(st.booleans())
    for finding in findings.catalogue():
        if finding.kind != "optional" or not _allowed(finding, year, version):
            continue
        if finding.group == "waiver_justification":
            value = draw(b)
            if waiver and value is not None:
                values[finding.path] = value
            continue
        optional = finding.group == "indicia" or (finding.group is None and finding.path != "significant_efforts")
        value = draw(st.none() | b) if optional else draw(b)
        if value is not None:
            values[finding.path] = value
    if policy_or_pattern is None:
        policy = draw(st.frozensets(st.sampled_from(list(PolicyOrPattern)), max_size=2))
    elif policy_or_pattern:
        policy = draw(st.frozensets(st.sampled_from(list(PolicyOrPattern)), min_size=1, max_size=2))
    else:
        policy = frozenset()
    base = Assessment(
        country if country is not None else draw(st.sampled_from(_COUNTRIES)), year, MinimumStandards(),
        watch_list=WatchListFacts(None, None), policy_or_pattern=policy,
        special_case=special_case if special_case is not None else draw(st.integers(0, 9)) == 0,
        waiver_justification=WaiverJustification(None, None, None) if waiver else None)
    drawn = findings.with_values(base, values)
    drawn = attrs.evolve(drawn, **fixed) if fixed else drawn
    return _without_refused_combinations(drawn, version, keep_last=bool(policy_or_pattern))


def _without_refused_combinations(assessment: Assessment, version: Statute, *, keep_last: bool) -> Assessment:
    """``assessment`` with one finding of each combination the statute refuses together (e.g. a kind of policy or
    pattern beside all four minimum standards met) turned to its other value, so it is valid: the last (the kind
    of policy or pattern), or with ``keep_last`` (the caller asked for one) the first."""
    for combination in refused_together(version, assessment.report_year):
        if all(findings.value(assessment, path) is value for path, value in combination):
            path, value = combination[-1 if not keep_last else 0]
            assessment = findings.with_values(assessment, {path: not value})
    return assessment


def assessments(*, report_year: int | None = None, statute: Statute | None = None, country: str | None = None,
                special_case: bool | None = False, policy_or_pattern: bool | None = None,
                unknowns: bool = False, **fixed: Any) -> st.SearchStrategy[Assessment]:
    """Complete assessments valid for ``report_year`` under ``statute`` (default: the one in force).

    ``special_case`` defaults to ``False`` (pass ``None`` to draw it); ``policy_or_pattern``
    ``True``/``False`` forces a documented one or none. Any other Assessment field can be fixed
    by keyword, e.g. ``significant_efforts=True``. ``unknowns=True`` leaves findings unknown (``None``)
    at random, for partial-knowledge tests.
    """
    return _assessments(report_year, statute, country, special_case, policy_or_pattern, unknowns, fixed)


@st.composite
def _histories(draw: st.DrawFn, country: str, before: int, first: int, lawful: bool,
               statute: Statute | None, fixed: Mapping[str, Any]) -> History:
    start = draw(st.integers(min_value=first, max_value=max(first, before - 1)))
    if not lawful:
        entries = []
        for year in range(start, before):
            tier = draw(st.none() | tiers())
            if tier is None:
                continue
            if tier is Tier.TIER_2_WATCH_LIST and not WATCH_LIST.in_force(year):
                tier = Tier.TIER_2
            entries.append(YearPlacement(year, tier))
        return History(country, entries)
    from tipranking.engine import place

    history = History(country)
    for year in range(start, before):
        if draw(st.integers(0, 9)) == 0:
            continue  # not in that report
        options = {"special_case": None, **fixed}
        assessment = draw(assessments(report_year=year, country=country, statute=statute, **options))
        placement = place(assessment, history, statute)
        waived = Event.WAIVER_APPLIED in placement.events
        tier = placement.decided_tier()
        history = history.with_placement(year, tier, waived if tier is Tier.TIER_2_WATCH_LIST else None)
    return history


def histories(*, country: str = "Examplestan", before: int = LAST_KNOWN_REPORT_YEAR + 1,
              first: int = FIRST_REPORT_YEAR, lawful: bool = False,
              statute: Statute | None = None, assessments_with: Mapping[str, Any] | None = None,
              ) -> st.SearchStrategy[History]:
    """Placement histories of ``country`` for report years from about ``first`` up to ``before``.

    ``lawful=True`` builds each year by placing a generated assessment with :func:`tipranking.place`
    on the history so far -- under ``statute`` if given (a rule set you want to check), else the
    statute in force each year; otherwise tiers are drawn freely (with gaps), so an audit has
    something to find. A lawful history records ``waiver=True`` or ``False`` on each Watch List year.
    ``assessments_with`` fixes fields of the generated assessments (as :func:`assessments` does), e.g.
    ``{"significant_efforts": True}`` to make Watch List runs common.
    """
    return _histories(country, before, first, lawful, statute, dict(assessments_with or {}))


def determinations() -> st.SearchStrategy[Determination]:
    """Presidential determinations for a Tier 3 government: none, partial or full waivers, with grounds."""
    return st.builds(Determination, st.dictionaries(st.sampled_from(list(Tier3Category)),
                                                    st.sampled_from(list(WaiverGround))))


def cspa_determinations(*, report_year: int | None = None,
                        pko_from: int | None = None) -> st.SearchStrategy[CspaDetermination]:
    """CSPA determinations: per-program waivers, reinstatement, the (e) and (f) exceptions.

    With ``report_year``, only determinations valid for the list of that report
    (:meth:`~tipranking.consequences.CspaDetermination.check`): no PKO waiver and no (f) exception
    for a list before the Peacekeeping Operations ban (``pko_from`` as in
    :func:`~tipranking.consequences.covered_programs`; by default the 2013 report). Without it,
    any program may be drawn: valid for lists from the PKO ban on.
    """
    pko = True
    if report_year is not None:
        pko = CspaProgram.PKO in covered_programs(report_year, pko_from=pko_from)
    elif pko_from is not None:
        raise FieldError("pko_from", pko_from, "needs report_year")
    programs = [p for p in CspaProgram if pko or p is not CspaProgram.PKO]
    return st.builds(CspaDetermination, st.frozensets(st.sampled_from(programs)), st.booleans(),
                     st.booleans(), st.booleans() if pko else st.just(False))


def register() -> None:
    """Register the strategies for ``st.from_type`` (idempotent)."""
    st.register_type_strategy(Assessment, assessments())
    st.register_type_strategy(History, histories())
    st.register_type_strategy(Tier, tiers())
    st.register_type_strategy(Determination, determinations())
    st.register_type_strategy(CspaDetermination, cspa_determinations())


register()
