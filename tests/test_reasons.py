"""The explanation texts: each finding's reason names the facts used (years, counts, criteria). Pinned
here because the reason is part of the product: an analyst reads it, and a wrong count or span must fail."""

from __future__ import annotations

import pytest

from tipranking import (
    Assessment,
    History,
    MinimumStandards,
    Tier,
    WaiverJustification,
    WatchListFacts,
    place,
    statute_for,
)
from tipranking.rules import AllOf, AnyOf, Constant, Not, PostWaiverLimit, WaiverAvailable


def _reasons(a: Assessment, h: History | None = None, statute: object = None) -> dict[str, tuple[bool | None, str]]:
    p = place(a, h, statute)  # type: ignore[arg-type]
    return {f.rule: (f.holds, f.reason) for f in p.findings}


WL_2023 = Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                     watch_list=WatchListFacts(True, True, no_proportional_concrete_actions=True))


@pytest.mark.parametrize(("years", "holds", "reason"), [
    ({}, False, "0 consecutive Watch List report(s) counted from 2009: none; below the 2 that trigger the downgrade"),
    ({2022: "2WL"}, False, "1 consecutive Watch List report(s) counted from 2009: 2022; below the 2 that trigger "
                           "the downgrade"),
    ({2021: "2WL", 2022: "2WL"}, True, "2 consecutive Watch List report(s) counted from 2009: 2021-2022; another "
                                       "Watch List year means Tier 3 unless waived"),
    ({2020: "2WL", 2021: "3", 2022: "2WL"}, False, "1 consecutive Watch List report(s) counted from 2009: 2022; "
                                                   "below the 2 that trigger the downgrade"),
])
def test_clock_reason_counts_and_spans(years: dict[int, str], holds: bool, reason: str) -> None:
    assert _reasons(WL_2023, History.of("X", years))["automatic_downgrade"] == (holds, reason)


def test_waiver_reasons() -> None:
    h = History.of("X", {2021: "2WL", 2022: "2WL"})
    found = _reasons(WL_2023, h)
    assert found["waiver_available"] == (True, "waiver years used in this run: 0 of 1")
    assert found["waiver_justified"] == (False, "no waiver justification given")
    partial = Assessment("X", 2023, WL_2023.minimum_standards, significant_efforts=True,
                         watch_list=WL_2023.watch_list, waiver_justification=WaiverJustification(True, False, True))
    assert _reasons(partial, h)["waiver_justified"] == (
        False, "waiver not justified, not shown: the plan would constitute significant efforts")
    full = Assessment("X", 2023, WL_2023.minimum_standards, significant_efforts=True, watch_list=WL_2023.watch_list,
                      waiver_justification=WaiverJustification.full())
    assert _reasons(full, h)["waiver_justified"] == (
        True, "waiver justified: written plan to begin significant efforts; the plan would constitute significant "
              "efforts; sufficient resources devoted to the plan")
    long = History.of("X", {2020: "2WL", 2021: "2WL", 2022: "2WL"})
    assert _reasons(full, long)["waiver_available"] == (
        False, "waiver years used in this run: 1 of 1: no waiver left, the Watch List is not available this year")
    old = Assessment("X", 2012, WL_2023.minimum_standards, significant_efforts=True,
                     watch_list=WatchListFacts(True, True, False), waiver_justification=WaiverJustification.full())
    assert _reasons(old, History.of("X", {2009: "2WL", 2010: "2WL", 2011: "2WL"}))["waiver_available"] == (
        True, "waiver years used in this run: 1 of 2")


def test_post_waiver_limit_reasons() -> None:
    malaysia = History.of("M", {2018: "2WL", 2019: "2WL", 2020: "2WL", 2021: "3", 2022: "3", 2023: "2WL"})
    a = Assessment("M", 2024, WL_2023.minimum_standards, significant_efforts=True,
                   watch_list=WatchListFacts(False, True))
    assert _reasons(a, malaysia)["post_waiver_limit"] == (
        True, "Watch List 2018-2020 then Tier 3 in 2021; back on the Watch List in 2023, so another Watch List year "
              "would exceed one consecutive year")
    algeria = History.of("A", {2017: "2WL", 2018: "2WL", 2019: "2WL", 2020: "3", 2021: "3", 2022: "2WL", 2023: "3",
                               2024: "2WL"})
    b = Assessment("A", 2025, WL_2023.minimum_standards, significant_efforts=True,
                   watch_list=WatchListFacts(False, True))
    assert _reasons(b, algeria)["post_waiver_limit"] == (
        False, "Watch List 2017-2019 then Tier 3 in 2020; the limited first return was 2022, this run began in 2024")
    assert _reasons(b, History.of("A", {2024: "2WL"}))["post_waiver_limit"] == (
        False, "no earlier Watch List run with a waiver year followed by Tier 3")
    literal = statute_for(2025).replace_rule("post_waiver_limit", PostWaiverLimit(requires_waiver=False))
    assert _reasons(b, History.of("A", {2024: "2WL"}), literal)["post_waiver_limit"] == (
        False, "no earlier Watch List run followed by Tier 3")
    assert _reasons(b, History("A"))["post_waiver_limit"] == (
        False, "not on the Watch List in the previous report: no one-year limit at stake")


def test_watch_list_reasons_by_version() -> None:
    assert _reasons(WL_2023)["watch_list"] == (
        True, "Tier 2 Watch List criteria met: (I) estimated number of victims very significant or significantly "
              "increasing, without proportional concrete actions; (II) no evidence of increasing efforts compared "
              "with the previous year")
    old = Assessment("X", 2010, WL_2023.minimum_standards, significant_efforts=True,
                     watch_list=WatchListFacts(False, False, True))
    assert _reasons(old)["watch_list"] == (
        True, "Tier 2 Watch List criteria met: (III) significant efforts rested on commitments to take additional "
              "steps next year")
    none = Assessment("X", 2023, WL_2023.minimum_standards, significant_efforts=True,
                      watch_list=WatchListFacts(False, False))
    assert _reasons(none)["watch_list"] == (False, "no Tier 2 Watch List criterion met")


def test_efforts_policy_and_presumption_reasons() -> None:
    a = Assessment("O", 2005, MinimumStandards(False, True, True, False), significant_efforts=False,
                   provides_law_enforcement_data=False, policy_or_pattern=["forced_labor"])
    found = _reasons(a)
    assert found["data_presumption"] == (
        True, "no law-enforcement data provided: presumed not to have vigorously investigated, prosecuted, convicted "
              "or sentenced (indicia 1 and 7 count as not shown); in this report the presumption could be disregarded "
              "for data given in good faith")
    assert found["significant_efforts"] == (False, "makes significant efforts to comply: no")
    assert found["no_significant_efforts"] == (True, "makes no significant efforts to comply: yes")
    assert "policy_or_pattern" not in found  # no proof rule before 2019
    b = Assessment("O", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                   provides_law_enforcement_data=True, policy_or_pattern=["forced_labor", "child_soldiers"])
    found = _reasons(b)
    assert found["policy_or_pattern"] == (
        True, "documented government policy or pattern of child soldiers, forced labor: proof of failing to make "
              "significant efforts")
    assert found["data_presumption"] == (False, "law-enforcement data provided: no presumption")
    assert found["special_case"] == (False, "ranked on the tier lists")


def test_combinator_reasons_and_plumbing() -> None:
    statute = statute_for(2023)
    standards = statute.find("full_compliance")
    assert isinstance(standards, AllOf) and [r.rule_id for r in standards.parts] == [
        f"minimum_standard_{n}" for n in (1, 2, 3, 4)]
    a = Assessment("X", 2023, MinimumStandards(True, None, False, None), significant_efforts=False)
    assert _reasons(a)["full_compliance"] == (
        False, "fully complies with the minimum standards (based only on concrete actions recorded in the reporting "
               "period): no (standard 3 (penalties sufficiently stringent to deter): no)")
    unknown = Assessment("X", 2023, MinimumStandards(True, None, True, True), significant_efforts=False)
    p = place(unknown)
    assert {f.rule: f.holds for f in p.findings}["full_compliance"] is None
    either = AnyOf((Constant("a", False), Constant("b", True)), rule_id="either", title="either")
    neither = Not(either, rule_id="neither")
    assert neither.title == "not (either)"
    assert [r.rule_id for r in neither.walk()] == ["neither", "either", "a", "b"]
    swapped = neither.replace("b", Constant("b", False))
    assert [getattr(r, "value", None) for r in swapped.walk()][-1] is False
    combined = Constant("a", True) & Constant("b", True) | ~Constant("c", True)
    assert isinstance(combined, AnyOf) and isinstance(combined.parts[0], AllOf) and isinstance(combined.parts[1], Not)
    bill = statute.replace_rule("waiver_available", WaiverAvailable(max_years=0))
    assert bill.find("waiver_available") == WaiverAvailable(max_years=0)
    assert statute.find("waiver_available") == WaiverAvailable(max_years=1)
    assert place(WL_2023, History.of("X", {2021: "2WL", 2022: "2WL"}), bill).tier is Tier.TIER_3
