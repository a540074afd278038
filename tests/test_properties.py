"""Properties of the single-year rules that a wrong rule would break, checked with the kit's invariants."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from tipranking import Assessment, History, MinimumStandards, Statute, Tier, WatchListFacts, place, statute_for
from tipranking.consequences import CspaProgram, Determination, consequences, covered_programs, cspa_restrictions
from tipranking.errors import FieldError
from tipranking.provisions import SPECIAL_CASE
from tipranking.rules import WatchListClock
from tipranking.testing.invariants import (
    check_all,
    check_citations_in_force,
    check_history,
    check_monotonic,
    check_policy_or_pattern,
    check_restrictions_only_for_tier_3,
    check_tier_1_iff_all_standards,
)
from tipranking.testing.strategies import (
    assessments,
    cspa_determinations,
    determinations,
    histories,
    report_years,
    tiers,
)


@given(assessments())
def test_tier_1_iff_all_standards_met(a: Assessment) -> None:
    check_tier_1_iff_all_standards(a, place(a))


@given(assessments(policy_or_pattern=True))
def test_policy_or_pattern_gives_tier_3_from_2019(a: Assessment) -> None:
    placement = place(a)
    check_policy_or_pattern(a, placement)
    if a.report_year < 2019:
        assert all(f.rule != "policy_or_pattern" for f in placement.findings)


@given(assessments().filter(lambda a: a.report_year < 2004))
def test_no_watch_list_before_2004(a: Assessment) -> None:
    assert place(a).tier is not Tier.TIER_2_WATCH_LIST


@given(report_years(max_year=2003), st.booleans(), st.booleans())
def test_watch_list_facts_ignored_before_2004(year: int, first: bool, second: bool) -> None:
    a = Assessment("X", year, MinimumStandards(True, True, True, False), significant_efforts=True,
                   watch_list=WatchListFacts(first, second))
    assert place(a).tier is Tier.TIER_2


@given(assessments(), st.none() | histories(first=2006, before=2026))
def test_a_better_finding_never_gives_a_worse_tier(a: Assessment, history: History | None) -> None:
    if history is not None:
        history = History(a.country, history.before(a.report_year).placements)
    check_monotonic(a, history)


@given(assessments(special_case=None))
def test_every_citation_is_in_force_in_the_version_used(a: Assessment) -> None:
    placement = place(a)
    assert placement.statute == statute_for(a.report_year).name
    assert placement.findings and placement.decided_by in placement.findings
    check_citations_in_force(placement)
    check_all([(a, placement), placement])


@given(assessments(special_case=True))
def test_special_case_is_never_ranked(a: Assessment) -> None:
    placement = place(a)
    assert placement.tier is Tier.SPECIAL_CASE
    assert placement.citation == SPECIAL_CASE.citation and "not a list" in placement.citation


@given(tiers(), report_years(), determinations())
def test_restrictions_only_for_tier_3(tier: Tier, year: int, determination: Determination) -> None:
    result = consequences(("X", year, tier), determination=determination)
    check_restrictions_only_for_tier_3(result)
    assert bool(result.tier3) == (tier is Tier.TIER_3 and year >= 2003)


@given(st.data(), report_years(min_year=2010), st.sampled_from([None, 2012, 2013, 2014]))
def test_cspa_determinations_are_valid_for_their_report_year(data: st.DataObject, year: int,
                                                              pko_from: int | None) -> None:
    determination = data.draw(cspa_determinations(report_year=year, pko_from=pko_from))
    assert determination.check(year, pko_from=pko_from) is determination
    restrictions = cspa_restrictions(True, year, determination, pko_from=pko_from)
    assert [r.category for r in restrictions] == [p.value for p in covered_programs(year, pko_from=pko_from)]


def test_cspa_determinations_still_draw_pko_where_the_ban_exists() -> None:
    # the property above shows that nothing invalid is drawn; this, that the valid PKO cases still are
    assert CspaProgram.PKO in find(cspa_determinations(report_year=2013), lambda d: CspaProgram.PKO in d.waived).waived
    assert find(cspa_determinations(report_year=2012, pko_from=2012), lambda d: d.pko_exception).pko_exception
    assert find(cspa_determinations(), lambda d: d.pko_exception).pko_exception  # no report year: anything
    with pytest.raises(FieldError) as info:
        cspa_determinations(pko_from=2012)
    assert info.value.field == "pko_from"


@given(histories(first=2004, lawful=True))
def test_lawful_histories_hold_every_history_invariant(history: History) -> None:
    check_all([history])


# A rule set broken on purpose: three Watch List years before the downgrade instead of two, so a third
# consecutive year needs no waiver.
def _broken() -> Statute:
    return attrs.evolve(statute_for(2023), clock=WatchListClock(counts_from=2009, free_years=3), name="broken")


WATCH_LIST_PRONE = {"significant_efforts": True, "minimum_standards": MinimumStandards(True, True, True, False),
                    "policy_or_pattern": False, "special_case": False}


@settings(max_examples=200, database=None)
@given(histories(first=2019, before=2028, lawful=True, statute=_broken(), assessments_with=WATCH_LIST_PRONE))
def _histories_under_the_broken_rule(history: History) -> None:
    check_history(history)


def test_the_kit_catches_a_broken_rule() -> None:
    with pytest.raises(AssertionError, match=r"22 U\.S\.C\. § 7107\(b\)\(2\)\(D\)\(i\).*without a waiver"):
        _histories_under_the_broken_rule()


@given(histories(first=2009, before=2028, lawful=True, assessments_with=WATCH_LIST_PRONE))
def test_the_same_search_passes_under_the_real_rules(history: History) -> None:
    check_history(history)
