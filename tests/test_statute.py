"""Statute versions: one per report year with no gaps or overlaps, and variant rule sets."""

from __future__ import annotations

import pytest

from tipranking import (
    Assessment,
    Event,
    History,
    MinimumStandards,
    PolicyOrPattern,
    Tier,
    WaiverJustification,
    WatchListFacts,
    place,
    statute_for,
    statute_named,
)
from tipranking.assessment import FIRST_REPORT_YEAR, LAST_KNOWN_REPORT_YEAR
from tipranking.errors import ReportYearError, RuleConflictError, StatuteError
from tipranking.rules import Assign, Constant, Unless, WaiverAvailable, When
from tipranking.statute import VERSIONS


def test_every_report_year_has_exactly_one_version() -> None:
    for year in range(FIRST_REPORT_YEAR, LAST_KNOWN_REPORT_YEAR + 1):
        covering = [v.name for v in VERSIONS if v.covers(year)]
        assert covering == [statute_for(year).name], (year, covering)


@pytest.mark.parametrize(("year", "name"), [(2001, "tvpa-2000"), (2003, "tvpa-2000"), (2004, "tvpra-2003"),
                                            (2008, "tvpra-2003"), (2009, "tvpra-2008"), (2018, "tvpra-2008"),
                                            (2019, "tvpra-2019"), (2027, "tvpra-2019")])
def test_timeline(year: int, name: str) -> None:
    assert statute_for(year).name == name


@pytest.mark.parametrize("year", [1999, 2000, 2028, 2100])
def test_years_outside_the_known_law_are_errors(year: int) -> None:
    with pytest.raises(ReportYearError, match=str(year)):
        statute_for(year)


def test_versions_differ_where_the_law_changed() -> None:
    assert statute_for(2003).find("watch_list") is None
    assert statute_for(2004).find("watch_list") is not None
    assert statute_for(2008).find("automatic_downgrade") is None
    assert statute_for(2009).find("automatic_downgrade") is not None
    waiver_2018 = statute_for(2018).rule_of_type(WaiverAvailable)
    waiver_2019 = statute_for(2019).rule_of_type(WaiverAvailable)
    assert waiver_2018 is not None and waiver_2018.max_years == 2
    assert waiver_2019 is not None and waiver_2019.max_years == 1
    assert statute_for(2018).find("post_waiver_limit") is None
    assert statute_for(2019).find("policy_or_pattern") is not None


PATTERN_BUT_EFFORTS = Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                                 watch_list=WatchListFacts(False, False),
                                 policy_or_pattern=[PolicyOrPattern.CHILD_SOLDIERS])


def test_variant_without_policy_or_pattern_proof() -> None:
    assert place(PATTERN_BUT_EFFORTS).tier is Tier.TIER_3
    variant = statute_for(2023).without("policy_or_pattern")
    placement = place(PATTERN_BUT_EFFORTS, statute=variant)
    assert placement.tier is Tier.TIER_2
    assert placement.statute == "tvpra-2019-policy_or_pattern"


def test_variant_bill_removing_the_waiver() -> None:
    third_year = Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                            watch_list=WatchListFacts(False, True), waiver_justification=WaiverJustification.full())
    history = History.of("X", {2021: "2WL", 2022: "2WL"})
    assert place(third_year, history).events == (Event.WAIVER_APPLIED,)
    bill = statute_for(2023).replace_rule("waiver_available", WaiverAvailable(max_years=0), name="no-waiver-bill")
    placement = place(third_year, history, statute=bill)
    assert placement.tier is Tier.TIER_3 and placement.statute == "no-waiver-bill"
    assert Event.WATCH_LIST_UNAVAILABLE in placement.events


def test_counterfactual_old_law_on_a_new_year() -> None:
    fourth_year = Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                             watch_list=WatchListFacts(False, True, False),
                             waiver_justification=WaiverJustification.full())
    history = History.of("X", {2020: "2WL", 2021: "2WL", 2022: "2WL"})
    assert place(fourth_year, history, statute=statute_named("tvpra-2008")).tier is Tier.TIER_2_WATCH_LIST


def test_unknown_rule_and_version_names() -> None:
    with pytest.raises(StatuteError, match="waiver_availble"):
        statute_for(2023).without("waiver_availble")
    with pytest.raises(StatuteError, match="tvpra-2019"):
        statute_named("tvpra-2020")


def test_conflicting_exceptions_raise() -> None:
    always = Constant("always", True)
    pipeline = Unless(Assign(Tier.TIER_2), (When(always, Assign(Tier.TIER_1)), When(always, Assign(Tier.TIER_3))))
    import attrs

    broken = attrs.evolve(statute_for(2023), pipeline=pipeline, name="broken")
    with pytest.raises(RuleConflictError, match="Tier 1 and Tier 3"):
        place(PATTERN_BUT_EFFORTS, statute=broken)
