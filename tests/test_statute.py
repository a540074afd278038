"""Statute versions: one per report year with no gaps or overlaps, and variant rule sets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
from tipranking.rules import Assign, Constant, PostWaiverLimit, Unless, WaiverAvailable, When
from tipranking.rules.downgrade import READINGS
from tipranking.statute import VERSIONS, Statute, with_reading


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


# --------------------------------------------------------------------------- names round-trip (issue 21, item 8)


def _rule_ids(version: Statute) -> list[str]:
    return sorted({r.rule_id for r in version.rules() if r.rule_id})


@st.composite
def named_variants(draw: st.DrawFn) -> Statute:
    """A real version changed by steps the package names: rules switched off (``without``, or ``replace_rule``
    with the same constant), readings of (F) (``with_reading``, or ``replace_rule`` with the post-waiver limit
    read one or more ways), and rules replaced by themselves; in any order."""
    version = draw(st.sampled_from(VERSIONS))
    for _ in range(draw(st.integers(0, 4))):
        step = draw(st.sampled_from(("without", "switch off", "reading", "readings", "same")))
        limit = version.rule_of_type(PostWaiverLimit)
        if step in ("reading", "readings") and limit is None:
            continue  # no (F) to read: with_reading refuses (tested below)
        if step == "without":
            version = version.without(draw(st.sampled_from(_rule_ids(version))))
        elif step == "switch off":
            rule_id = draw(st.sampled_from(_rule_ids(version)))
            version = version.replace_rule(rule_id, Constant(rule_id, False, f"{rule_id} removed"))
        elif step == "reading":
            version = with_reading(version, draw(st.sampled_from(READINGS)))
        elif step == "readings":
            assert limit is not None
            for reading in draw(st.lists(st.sampled_from(READINGS), min_size=1, max_size=3)):
                limit = reading.apply(limit)
            version = version.replace_rule(PostWaiverLimit.rule_id, limit)
        else:
            rule_id = draw(st.sampled_from(_rule_ids(version)))
            found = version.find(rule_id)
            assert found is not None
            version = version.replace_rule(rule_id, found)
    return version


@given(named_variants())
def test_every_name_the_package_gives_parses_back_to_the_variant(variant: Statute) -> None:
    assert "~" not in variant.name
    assert statute_named(variant.name) == variant
    assert statute_named(f"  {variant.name} ") == variant


def test_replace_rule_names_the_variant_by_what_it_is() -> None:
    today = statute_for(2023)
    assert today.replace_rule("policy_or_pattern", Constant("policy_or_pattern", False, "policy_or_pattern removed")
                              ).name == "tvpra-2019-policy_or_pattern"
    assert today.replace_rule("post_waiver_limit", PostWaiverLimit(every_return=True)).name == \
        "tvpra-2019+f-every-return"
    both = today.replace_rule("post_waiver_limit", PostWaiverLimit(every_return=True, requires_waiver=False))
    assert both.name == "tvpra-2019+f-any-run+f-every-return" and statute_named(both.name) == both
    assert today.replace_rule("waiver_available", WaiverAvailable(max_years=1)) == today
    read = statute_named("tvpra-2019+f-every-return")
    off = read.without("policy_or_pattern")
    assert off.name == "tvpra-2019+f-every-return-policy_or_pattern" and statute_named(off.name) == off


def test_a_replaced_rule_is_named_with_a_tilde_and_refused_by_name() -> None:
    bill = statute_for(2023).replace_rule("waiver_available", WaiverAvailable(max_years=0))
    assert bill.name == "tvpra-2019~waiver_available"
    later = bill.without("policy_or_pattern")
    assert later.name == "tvpra-2019~waiver_available-policy_or_pattern"
    for name in (bill.name, later.name, "tvpra-2019+f-any-run~post_waiver_limit"):
        with pytest.raises(StatuteError, match=r"rule '(waiver_available|post_waiver_limit)' was replaced .*"
                                               r"pass the Statute value itself"):
            statute_named(name)
    # a limit no reading gives: another object of one's own
    assert statute_for(2023).replace_rule("post_waiver_limit", PostWaiverLimit(triggers_from=2013)).name == \
        "tvpra-2019~post_waiver_limit"


def test_the_old_name_of_a_replaced_rule_is_refused_saying_why() -> None:
    with pytest.raises(StatuteError, match=r"'\+waiver_available' is not a reading .*now '~waiver_available'.* "
                                           r"pass the Statute value itself"):
        statute_named("tvpra-2019+waiver_available")
    with pytest.raises(StatuteError, match="unknown reading 'f-nope'"):
        statute_named("tvpra-2019+f-nope")
    with pytest.raises(StatuteError, match="no rule id after '-'"):
        statute_named("tvpra-2019+f-every-return-")
    with pytest.raises(StatuteError, match="has no § 7107"):
        statute_named("tvpra-2003+f-any-run")
