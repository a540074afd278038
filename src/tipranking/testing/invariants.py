"""Reusable checks of the statute's invariants, for this package's tests and for downstream suites.

Each function raises :class:`AssertionError` whose message starts with the citation of the provision
broken and names the country, the report year and the values involved (for :func:`check_monotonic`, the
fact made better, from what to what, and both tiers with the provisions that decided them). They
recompute what they check from the statute version's parameters, independently of the pipeline, so a
mis-composed rule set (or a broken variant) fails them.

>>> from tipranking import Assessment, MinimumStandards, WatchListFacts, place
>>> a = Assessment("Examplestan", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
...                watch_list=WatchListFacts(False, False))
>>> check_tier_1_iff_all_standards(a, place(a))  # Tier 2: holds, nothing raised
>>> try:
...     check_tier_1_iff_all_standards(a, place(Assessment("Examplestan", 2023, MinimumStandards.all_met())))
... except AssertionError as err:
...     print(err)
22 U.S.C. § 7107(b)(1)(A): Examplestan 2023 (tvpra-2019) is placed on Tier 1 but does not meet all four \
minimum standards: standard 4 (serious_and_sustained_efforts) False
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import NoReturn

import attrs

from tipranking.assessment import Assessment, History, MinimumStandards, WaiverJustification, WatchListFacts
from tipranking.consequences import Consequences
from tipranking.errors import FieldError
from tipranking.placing import Placement
from tipranking.provisions import (
    AUTOMATIC_DOWNGRADE,
    FIRST_REPORT_YEAR,
    LISTS,
    POLICY_OR_PATTERN,
    POST_WAIVER_LIMIT,
    TIER_1,
    TIER_3_RESTRICTIONS,
    WAIVER,
    WATCH_LIST,
    provision,
)
from tipranking.rules.downgrade import PostWaiverLimit, WaiverAvailable
from tipranking.statute import VERSIONS, Statute, statute_for
from tipranking.tiers import Tier

__all__ = [
    "check_all",
    "check_citations_in_force",
    "check_history",
    "check_monotonic",
    "check_no_watch_list_before_2004",
    "check_policy_or_pattern",
    "check_post_waiver_limit",
    "check_restrictions_only_for_tier_3",
    "check_tier_1_iff_all_standards",
    "check_waivers",
    "check_watch_list_runs",
]

_WL = Tier.TIER_2_WATCH_LIST


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _fail(message: str) -> NoReturn:
    # Raised, not also passed to hypothesis.note(): Hypothesis prints the exception once, and a note would
    # print the same text a second time below it.
    raise AssertionError(message)


def _decided(placement: Placement) -> str:
    """``"Tier 3 (22 U.S.C. § 7107(b)(1)(C): <the reason>)"``: the tier with the finding that decided it."""
    label = placement.tier.label if placement.tier is not None else "no tier"
    by = placement.decided_by
    return f"{label} ({by.citation}: {by.reason})" if by is not None else label


def _standards(assessment: Assessment) -> str:
    """``"standard 4 (serious_and_sustained_efforts) False"``: each minimum standard not met, with its value."""
    names = list(attrs.fields_dict(MinimumStandards))
    unmet = [f"standard {n} ({names[n - 1]}) {assessment.minimum_standards.by_number(n)}" for n in (1, 2, 3, 4)
             if assessment.minimum_standards.by_number(n) is not True]
    return ", ".join(unmet)


def check_tier_1_iff_all_standards(assessment: Assessment, placement: Placement,
                                   statute: Statute | None = None) -> None:
    """Tier 1 exactly when all four minimum standards are met (22 U.S.C. § 7107(b)(1)(A)), outside
    Special Case and unless a policy or pattern is proof of no significant efforts (§ 7107(b)(3)(B))."""
    version = statute if statute is not None else statute_for(assessment.report_year)
    if assessment.special_case or placement.tier is None:
        return
    met = all(assessment.minimum_standards.by_number(n) for n in (1, 2, 3, 4))
    proof = bool(assessment.policy_or_pattern) and version.find("policy_or_pattern") is not None
    expected = met and not proof
    if (placement.tier is Tier.TIER_1) == expected:
        return
    where = f"{TIER_1.citation}: {assessment.country} {assessment.report_year} ({version.name})"
    if expected:
        _fail(f"{where} meets all four minimum standards with no policy or pattern documented, but is placed on "
              f"{_decided(placement)}, not Tier 1")
    if not met:
        _fail(f"{where} is placed on Tier 1 but does not meet all four minimum standards: {_standards(assessment)}")
    kinds = ", ".join(sorted(k.value for k in assessment.policy_or_pattern))
    _fail(f"{where} is placed on Tier 1 though a documented policy or pattern ({kinds}) is proof of no "
          f"significant efforts under {POLICY_OR_PATTERN.citation}")


def check_no_watch_list_before_2004(history: History) -> None:
    """No Tier 2 Watch List before the 2004 report (22 U.S.C. § 7107(b)(2)(A)(iii), TVPRA of 2003)."""
    for entry in history.placements:
        if entry.tier is _WL and not WATCH_LIST.in_force(entry.report_year):
            _fail(f"{WATCH_LIST.citation}: {history.country} is on the Watch List in the {entry.report_year} report, "
                  f"before the Watch List existed (from the {WATCH_LIST.first_report_year} report)")


def _counts_from(statute: Statute | None) -> int:
    """The first report the Watch List clock counts: ``statute``'s, or the earliest of the real versions'."""
    clocks = [statute.clock] if statute is not None else [v.clock for v in VERSIONS]
    return min((c.counts_from for c in clocks if c is not None), default=FIRST_REPORT_YEAR)


def _runs(history: History, counts_from: int) -> Iterable[tuple[int, ...]]:
    run: list[int] = []
    for year in range(counts_from, max(history.years, default=counts_from) + 1):
        if history.tier_in(year) is _WL:
            run.append(year)
        elif run:
            yield tuple(run)
            run = []
    if run:
        yield tuple(run)


def check_watch_list_runs(history: History, statute: Statute | None = None) -> None:
    """No consecutive Watch List run (counted from the clock's first report) is longer than the
    free years plus the waiver years the statute in force allows (22 U.S.C. § 7107(b)(2)(D))."""
    for run in _runs(history, _counts_from(statute)):
        for i, year in enumerate(run):
            version = statute if statute is not None else statute_for(year)
            clock = version.clock
            if clock is None or year < clock.counts_from:
                continue
            waiver = version.rule_of_type(WaiverAvailable)
            limit = clock.free_years + (waiver.max_years if waiver is not None else 0)
            length = len([y for y in run[: i + 1] if y >= clock.counts_from])
            if length > limit:
                _fail(f"{AUTOMATIC_DOWNGRADE.citation}-(ii): {history.country} is on the Watch List in {year} for the "
                      f"{_ordinal(length)} consecutive report ({run[0]}-{year}); the statute in force ({version.name}) "
                      f"allows {clock.free_years} years plus {limit - clock.free_years} waiver year(s)")


def check_waivers(history: History, statute: Statute | None = None) -> None:
    """A Watch List year beyond the clock's free years was lawful only with a waiver
    (22 U.S.C. § 7107(b)(2)(D)(i)-(ii)): where the history records the waiver flag, it must be set.
    Years whose flag is not recorded (``None``) are not checked."""
    for run in _runs(history, _counts_from(statute)):
        for i, year in enumerate(run):
            version = statute if statute is not None else statute_for(year)
            clock = version.clock
            entry = history.entry(year)
            if clock is None or entry is None or entry.waiver is not False:
                continue
            position = len([y for y in run[: i + 1] if y >= clock.counts_from])
            if position > clock.free_years:
                _fail(f"{AUTOMATIC_DOWNGRADE.citation}: {history.country} is on the Watch List in {year}, its "
                      f"{_ordinal(position)} consecutive year ({run[0]}-{year}), without a waiver (waiver=False); "
                      f"after {clock.free_years} years only a waiver under {WAIVER.citation} keeps it there "
                      f"({version.name})")


def check_post_waiver_limit(history: History, statute: Statute | None = None) -> None:
    """After a Watch List run with a waiver year and a later Tier 3 placement (the trigger), the first return
    to the Watch List lasts at most one consecutive report (22 U.S.C. § 7107(b)(2)(F), from 2019), as the
    statute version's :class:`~tipranking.rules.downgrade.PostWaiverLimit` reads it: every return, one year
    in all, only triggers from a given report, only a Tier 3 right after the run, or runs without a waiver."""
    watch_years = [p.report_year for p in history.placements if p.tier is _WL]
    for year in watch_years:
        version = statute if statute is not None else statute_for(year)
        limit = version.rule_of_type(PostWaiverLimit)
        clock = version.clock
        if limit is None or clock is None:
            continue
        if year < clock.counts_from:
            continue
        runs = list(_runs(history, clock.counts_from))
        triggers = []
        for run in runs:
            if len(run) < clock.free_years + (1 if limit.requires_waiver else 0):
                continue
            # The first Tier 3 placement after the run that can complete a trigger (from ``triggers_from``).
            tier3 = [y for y in history.years if y > run[-1] and history.tier_in(y) is Tier.TIER_3
                     and (limit.triggers_from is None or y >= limit.triggers_from)]
            if not tier3 or tier3[0] >= year or (limit.tier3_right_after and tier3[0] != run[-1] + 1):
                continue
            triggers.append((run, tier3[0]))
        if not triggers:
            continue
        if limit.no_additional_years:
            qualifying, t3 = triggers[0]
            since = [y for y in watch_years if t3 < y < year]
            if since:
                _fail(f"{POST_WAIVER_LIMIT.citation}, {year} report: {history.country} is on the Watch List after the "
                      f"run {qualifying[0]}-{qualifying[-1]} and Tier 3 in {t3}, and already in {since[0]}; read as "
                      f"one year in all, at most 1 is allowed ({version.name})")
            continue
        (current,) = [r for r in runs if year in r]
        if current[0] == year:
            continue  # the first year of a return is allowed
        qualifying, t3 = [t for t in triggers if t[1] < current[0]][-1]
        returns = [r for r in runs if r[0] > t3]
        if limit.every_return or returns[0] == current:
            _fail(f"{POST_WAIVER_LIMIT.citation}, {year} report: {history.country} returned to the Watch List in "
                  f"{current[0]} after the run {qualifying[0]}-{qualifying[-1]} and Tier 3 in {t3}, and stayed "
                  f"{current.index(year) + 1} consecutive reports; at most 1 is allowed ({version.name})")


def check_history(history: History, statute: Statute | None = None) -> None:
    """Every history invariant above."""
    check_no_watch_list_before_2004(history)
    check_watch_list_runs(history, statute)
    check_waivers(history, statute)
    check_post_waiver_limit(history, statute)


def check_policy_or_pattern(assessment: Assessment, placement: Placement) -> None:
    """From the 2019 report, a documented government policy or pattern is proof of failing to make
    significant efforts: Tier 3 unless the country is a Special Case (22 U.S.C. § 7107(b)(3)(B))."""
    effective = POLICY_OR_PATTERN.first_report_year
    if placement.tier is None:
        return
    if (assessment.policy_or_pattern and not assessment.special_case and assessment.report_year >= effective
            and placement.tier is not Tier.TIER_3):
        kinds = ", ".join(sorted(k.value for k in assessment.policy_or_pattern))
        _fail(f"{POLICY_OR_PATTERN.citation}: {assessment.country} {assessment.report_year} has a documented policy "
              f"or pattern ({kinds}) but is placed on {_decided(placement)}, not Tier 3")


def check_citations_in_force(placement: Placement) -> None:
    """Every finding cites a provision in force for the placement's report year."""
    for finding in placement.findings:
        if not finding.citation:
            _fail(f"no citation: finding {finding.rule!r} of {placement.country} {placement.report_year} "
                  f"({placement.statute}) cites no provision")
        cited = provision(finding.citation)
        if not cited.in_force(placement.report_year):
            _fail(f"{finding.citation}: finding {finding.rule!r} of {placement.country} {placement.report_year} "
                  f"({placement.statute}) cites {cited.title!r}, in force from the {cited.first_report_year} report, "
                  f"not in the {placement.report_year} report")


def check_restrictions_only_for_tier_3(consequences: Consequences) -> None:
    """Tier 3 funding restrictions follow only from a Tier 3 placement (22 U.S.C. § 7107(d))."""
    if consequences.tier3 and consequences.tier is not Tier.TIER_3:
        listed = ", ".join(f"{r.category} [{r.citation}]" for r in consequences.tier3)
        _fail(f"{TIER_3_RESTRICTIONS.citation}: {consequences.country} {consequences.report_year} is on "
              f"{consequences.tier.label} but has Tier 3 restrictions: {listed}")


def _better(assessment: Assessment) -> Iterator[tuple[str, object, object, Assessment]]:
    """``(path, value, better value, assessment)`` for each fact of ``assessment`` that can be made better, one
    at a time: a standard or significant efforts met, a Watch List criterion no longer found, a kind of policy or
    pattern no longer documented, law-enforcement data provided, an element of the waiver justification found."""
    std = assessment.minimum_standards
    for name in attrs.fields_dict(MinimumStandards):
        if getattr(std, name) is False:
            yield (f"minimum_standards.{name}", False, True,
                   attrs.evolve(assessment, minimum_standards=attrs.evolve(std, **{name: True})))
    if assessment.significant_efforts is False:
        yield "significant_efforts", False, True, attrs.evolve(assessment, significant_efforts=True)
    if assessment.watch_list is not None:
        for name in attrs.fields_dict(WatchListFacts):
            if getattr(assessment.watch_list, name) is True:
                yield (f"watch_list.{name}", True, False,
                       attrs.evolve(assessment, watch_list=attrs.evolve(assessment.watch_list, **{name: False})))
    for kind in sorted(assessment.policy_or_pattern, key=lambda k: k.value):
        yield (f"policy_or_pattern.{kind.value}", "documented", "not documented",
               attrs.evolve(assessment, policy_or_pattern=assessment.policy_or_pattern - {kind}))
    if assessment.provides_law_enforcement_data is False:
        yield ("provides_law_enforcement_data", False, True,
               attrs.evolve(assessment, provides_law_enforcement_data=True))
    justification = assessment.waiver_justification
    if justification is not None:
        for name in attrs.fields_dict(WaiverJustification):
            if getattr(justification, name) is False:
                yield (f"waiver_justification.{name}", False, True,
                       attrs.evolve(assessment, waiver_justification=attrs.evolve(justification, **{name: True})))


def check_monotonic(assessment: Assessment, history: History | None = None, statute: Statute | None = None,
                    place: Callable[..., Placement] | None = None) -> None:
    """Making any single fact better never yields a worse tier (22 U.S.C. § 7107(b)(1): the lists are
    ordered by compliance). ``place`` defaults to :func:`tipranking.place`; pass your own to check it.

    The message names the fact made better (its path, from what to what) and both tiers with the
    provisions that decided them.
    """
    from tipranking.placing import place as default_place

    run = place if place is not None else default_place
    before = run(assessment, history, statute)
    if before.tier is None or before.tier.severity is None:
        return
    version = statute if statute is not None else statute_for(assessment.report_year)
    for path, old, new, better in _better(assessment):
        try:
            version.check_assessment(better)
        except FieldError:
            continue  # facts the statute refuses together (all four standards and a policy or pattern)
        after = run(better, history, statute)
        if after.tier is not None and after.tier.severity is not None and after.tier.severity > before.tier.severity:
            _fail(f"{LISTS.citation}: making one fact of {assessment.country} {assessment.report_year} better "
                  f"({version.name}) gave a worse tier: {path} from {old} to {new} moved it from "
                  f"{_decided(before)} to {_decided(after)}")


def check_all(items: Iterable[object], statute: Statute | None = None) -> None:
    """Run every invariant that applies to each item: a :class:`History`, a ``(assessment, placement)``
    pair, a :class:`Placement`, or :class:`Consequences`."""
    for item in items:
        if isinstance(item, History):
            check_history(item, statute)
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Assessment):
            assessment, placement = item
            check_tier_1_iff_all_standards(assessment, placement, statute)
            check_policy_or_pattern(assessment, placement)
            check_citations_in_force(placement)
        elif isinstance(item, Placement):
            check_citations_in_force(item)
        elif isinstance(item, Consequences):
            check_restrictions_only_for_tier_3(item)
        else:
            raise TypeError(f"check_all: cannot check a {type(item).__name__}")
