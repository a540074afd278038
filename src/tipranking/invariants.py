"""Reusable checks of the statute's invariants, for this package's tests and for downstream suites.

Each function raises :class:`AssertionError` whose message is the explanation with the citation.
They recompute what they check from the statute version's parameters, independently of the
pipeline, so a mis-composed rule set (or a broken variant) fails them.
"""

from __future__ import annotations

from collections.abc import Iterable

from tipranking.assessment import Assessment, History
from tipranking.engine import Placement
from tipranking.rules.downgrade import PostWaiverLimit, WaiverAvailable
from tipranking.statute import Statute, statute_for
from tipranking.tiers import Tier

__all__ = [
    "check_history",
    "check_no_watch_list_before_2004",
    "check_post_waiver_limit",
    "check_tier_1_iff_all_standards",
    "check_watch_list_runs",
]

_WL = Tier.TIER_2_WATCH_LIST


def _fail(message: str) -> None:
    try:
        from hypothesis import note

        note(message)
    except Exception:
        pass
    raise AssertionError(message)


def check_tier_1_iff_all_standards(assessment: Assessment, placement: Placement,
                                   statute: Statute | None = None) -> None:
    """Tier 1 exactly when all four minimum standards are met (22 U.S.C. § 7107(b)(1)(A)), outside
    Special Case and unless a policy or pattern is proof of no significant efforts (§ 7107(b)(3)(B))."""
    version = statute if statute is not None else statute_for(assessment.report_year)
    if assessment.special_case:
        return
    met = all(assessment.minimum_standards.by_number(n) for n in (1, 2, 3, 4))
    proof = bool(assessment.policy_or_pattern) and version.find("policy_or_pattern") is not None
    expected = met and not proof
    if (placement.tier is Tier.TIER_1) != expected:
        _fail(f"22 U.S.C. § 7107(b)(1)(A): {assessment.country} {assessment.report_year} is "
              f"{placement.tier.label} but all four standards met={met}, policy-or-pattern proof={proof}")


def check_no_watch_list_before_2004(history: History) -> None:
    """No Tier 2 Watch List before the 2004 report (22 U.S.C. § 7107(b)(2)(A)(iii), TVPRA of 2003)."""
    for entry in history.placements:
        if entry.tier is _WL and entry.report_year < 2004:
            _fail(f"22 U.S.C. § 7107(b)(2)(A)(iii): {history.country} is on the Watch List in "
                  f"{entry.report_year}, before the Watch List existed (2004 report)")


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
    for run in _runs(history, 2009):
        for i, year in enumerate(run):
            version = statute if statute is not None else statute_for(year)
            clock = version.clock
            if clock is None or year < clock.counts_from:
                continue
            waiver = version.rule_of_type(WaiverAvailable)
            limit = clock.free_years + (waiver.max_years if waiver is not None else 0)
            length = len([y for y in run[: i + 1] if y >= clock.counts_from])
            if length > limit:
                _fail(f"22 U.S.C. § 7107(b)(2)(D): {history.country} is on the Watch List in {year} for the "
                      f"{length}th consecutive report ({run[0]}-{year}); the statute in force ({version.name}) "
                      f"allows {clock.free_years} years plus {limit - clock.free_years} waiver year(s)")


def check_post_waiver_limit(history: History, statute: Statute | None = None) -> None:
    """After a Watch List run with a waiver year and a later Tier 3 placement, the first return to
    the Watch List lasts at most one consecutive report (22 U.S.C. § 7107(b)(2)(F), from 2019)."""
    for run in _runs(history, 2009):
        if len(run) < 2:
            continue
        year = run[1]
        version = statute if statute is not None else statute_for(year)
        limit = version.rule_of_type(PostWaiverLimit)
        clock = version.clock
        if limit is None or clock is None:
            continue
        needed = clock.free_years + (1 if limit.requires_waiver else 0)
        earlier = [r for r in _runs(history, clock.counts_from) if r[-1] < run[0] and len(r) >= needed]
        for qualifying in earlier[-1:]:
            tier3 = [y for y in history.years if y > qualifying[-1] and history.tier_in(y) is Tier.TIER_3]
            if not tier3 or tier3[0] > run[0]:
                continue
            returns = [r for r in _runs(history, clock.counts_from) if r[0] > tier3[0]]
            if limit.every_return or returns[0] == run:
                _fail(f"22 U.S.C. § 7107(b)(2)(F): {history.country} returned to the Watch List in {run[0]} "
                      f"after the run {qualifying[0]}-{qualifying[-1]} and Tier 3 in {tier3[0]}, and stayed "
                      f"{len(run)} consecutive reports; at most 1 is allowed")


def check_history(history: History, statute: Statute | None = None) -> None:
    """Every history invariant above."""
    check_no_watch_list_before_2004(history)
    check_watch_list_runs(history, statute)
    check_post_waiver_limit(history, statute)
