"""Properties of the single-year rules that a wrong rule would break."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from tipranking import Assessment, MinimumStandards, Tier, WatchListFacts, place, statute_for
from tipranking.provisions import provision
from tipranking.strategies import assessments, report_years


def _all_met(a: Assessment) -> bool:
    return all(a.minimum_standards.by_number(n) for n in (1, 2, 3, 4))


def _proof_in_force(a: Assessment) -> bool:
    return bool(a.policy_or_pattern) and statute_for(a.report_year).find("policy_or_pattern") is not None


@given(assessments())
def test_tier_1_iff_all_standards_met(a: Assessment) -> None:
    tier = place(a).tier
    assert (tier is Tier.TIER_1) == (_all_met(a) and not _proof_in_force(a))


@given(assessments(policy_or_pattern=True, report_year=None))
def test_policy_or_pattern_gives_tier_3_from_2019(a: Assessment) -> None:
    placement = place(a)
    if a.report_year >= 2019:
        assert placement.tier is Tier.TIER_3
        assert placement.citation == "22 U.S.C. § 7107(b)(3)(B)"
    else:
        assert all(f.rule != "policy_or_pattern" for f in placement.findings)


@given(assessments(report_year=None).filter(lambda a: a.report_year < 2004))
def test_no_watch_list_before_2004(a: Assessment) -> None:
    assert place(a).tier is not Tier.TIER_2_WATCH_LIST


@given(report_years(max_year=2003), st.booleans(), st.booleans())
def test_watch_list_facts_ignored_before_2004(year: int, first: bool, second: bool) -> None:
    a = Assessment("X", year, MinimumStandards(True, True, True, False), significant_efforts=True,
                   watch_list=WatchListFacts(first, second))
    assert place(a).tier is Tier.TIER_2


def _improvements(a: Assessment) -> list[Assessment]:
    """Every assessment that differs from ``a`` by one finding made better."""
    out = []
    std = a.minimum_standards
    for name in attrs.fields_dict(MinimumStandards):
        if getattr(std, name) is False:
            out.append(attrs.evolve(a, minimum_standards=attrs.evolve(std, **{name: True})))
    if a.significant_efforts is False:
        out.append(attrs.evolve(a, significant_efforts=True))
    if a.watch_list is not None:
        for name in attrs.fields_dict(WatchListFacts):
            if getattr(a.watch_list, name) is True:
                out.append(attrs.evolve(a, watch_list=attrs.evolve(a.watch_list, **{name: False})))
    for kind in a.policy_or_pattern:
        out.append(attrs.evolve(a, policy_or_pattern=a.policy_or_pattern - {kind}))
    if a.provides_law_enforcement_data is False:
        out.append(attrs.evolve(a, provides_law_enforcement_data=True))
    if a.waiver_justification is not None:
        for name in attrs.fields_dict(type(a.waiver_justification)):
            if getattr(a.waiver_justification, name) is False:
                out.append(attrs.evolve(a, waiver_justification=attrs.evolve(a.waiver_justification,
                                                                             **{name: True})))
    return out


@given(assessments())
def test_a_better_finding_never_gives_a_worse_tier(a: Assessment) -> None:
    before = place(a).tier.severity
    assert before is not None
    for better in _improvements(a):
        after = place(better).tier.severity
        assert after is not None and after <= before, (better, before, after)


@given(assessments(special_case=None))
def test_every_citation_is_in_force_in_the_version_used(a: Assessment) -> None:
    placement = place(a)
    assert placement.statute == statute_for(a.report_year).name
    assert placement.findings and placement.decided_by in placement.findings
    for finding in placement.findings:
        assert provision(finding.citation).in_force(a.report_year), finding


@given(assessments(special_case=True))
def test_special_case_is_never_ranked(a: Assessment) -> None:
    placement = place(a)
    assert placement.tier is Tier.SPECIAL_CASE
    assert placement.citation == "22 U.S.C. § 7107(b)(1)"
