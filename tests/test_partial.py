"""Partial knowledge: unknown findings (None) and unknown history years."""

from __future__ import annotations

import itertools

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tipranking import (
    Assessment,
    History,
    MinimumStandards,
    Tier,
    WaiverJustification,
    WatchListFacts,
    YearPlacement,
    place,
    what_it_takes,
)
from tipranking.analysis.what_it_takes import _apply
from tipranking.errors import FieldError, MissingFactError
from tipranking.placing import unknown_fields as _unknown_fields
from tipranking.placing.interpreter import _completions
from tipranking.rules import WatchListCriteria
from tipranking.statute import Statute, statute_for
from tipranking.testing.strategies import assessments, histories

COMPLETE = assessments(special_case=None)
PARTIAL = assessments(unknowns=True, special_case=None)


def _with_unknown_years(history: History, data: st.DataObject) -> History:
    """Forget some years of ``history`` (they become unknown years)."""
    years = [y for y in history.years if y >= 2009]
    forgotten = set(data.draw(st.lists(st.sampled_from(years), max_size=2, unique=True))) if years else set()
    return History(history.country, [p for p in history.placements if p.report_year not in forgotten], forgotten)


def _complete(a: Assessment, data: st.DataObject) -> Assessment:
    """Fill every unknown finding the statute has with a drawn value (written independently of the engine)."""
    def fill(value: bool | None) -> bool:
        return value if value is not None else data.draw(st.booleans())

    criteria = statute_for(a.report_year).rule_of_type(WatchListCriteria)
    wl = a.watch_list or WatchListFacts(None, None, None)
    third = fill(wl.commitments_for_next_year) if criteria is not None and criteria.commitments_criterion else None
    proportional = fill(wl.no_proportional_concrete_actions) if criteria is not None and criteria.estimated_number \
        else wl.no_proportional_concrete_actions
    completed = attrs.evolve(
        a, minimum_standards=MinimumStandards(*(fill(v) for v in attrs.astuple(a.minimum_standards))),
        significant_efforts=fill(a.significant_efforts),
        watch_list=WatchListFacts(fill(wl.victims_very_significant_or_increasing),
                                  fill(wl.no_evidence_of_increasing_efforts), third, proportional))
    if a.waiver_justification is not None:
        completed = attrs.evolve(completed, waiver_justification=WaiverJustification(
            *(fill(v) for v in attrs.astuple(a.waiver_justification))))
    return completed


def _all_completions(a: Assessment, history: History) -> list[tuple[Assessment, History]]:
    version = statute_for(a.report_year)
    fields = list(_unknown_fields(a, version))
    years = version.clock.unknown_years_that_matter(history, a.report_year) if version.clock else []
    return [(filled, h) for _, filled, h in _completions(a, history, fields, years) if _accepted(filled, version)]


def _accepted(a: Assessment, version: Statute) -> bool:
    """Whether the statute accepts the input (a completion may state findings it refuses together: all four
    minimum standards met beside a policy or pattern)."""
    try:
        version.check_assessment(a)
    except FieldError:
        return False
    return True


@given(PARTIAL, histories(first=2006, before=2028), st.data())
def test_soundness_every_completion_is_possible(a: Assessment, full: History, data: st.DataObject) -> None:
    history = _with_unknown_years(History(a.country, full.before(a.report_year).placements), data)
    try:
        placement = place(a, history)
    except MissingFactError as err:  # more completions than place() enumerates: refused by design
        assume("completions of the unknown facts" not in err.problem)
        raise
    assert placement.possible_tiers
    if placement.tier is not None:
        assert placement.possible_tiers == {placement.tier}
    completed = _complete(a, data)
    assume(_accepted(completed, statute_for(a.report_year)))  # findings the statute refuses together: no input
    filled_years = [YearPlacement(y, data.draw(st.sampled_from([Tier.TIER_2_WATCH_LIST, Tier.TIER_3, Tier.TIER_2])))
                    for y in sorted(history.unknown_years)]
    known_history = History(a.country, (*history.placements, *filled_years))
    result = place(completed, known_history)
    assert result.tier is not None
    assert result.tier in placement.possible_tiers


@given(PARTIAL, histories(first=2006, before=2028), st.data())
def test_tightness_every_possible_tier_is_reached(a: Assessment, full: History, data: st.DataObject) -> None:
    history = _with_unknown_years(History(a.country, full.before(a.report_year).placements), data)
    completions = _all_completions(a, history)
    assume(len(completions) <= 2 ** 8)
    reached = {place(filled, h).tier for filled, h in completions}
    assert None not in reached
    assert reached == set(place(a, history).possible_tiers)


@given(PARTIAL)
def test_deciding_and_irrelevant_facts(a: Assessment) -> None:
    placement = place(a)
    deciding = {d.field for d in placement.deciding}
    assert not deciding & set(placement.irrelevant)
    if placement.tier is None:
        assert deciding and len(placement.possible_tiers) > 1
        for fact in placement.deciding:
            union = frozenset().union(*(tiers for _, tiers in fact.outcomes))
            assert union == placement.possible_tiers
            assert fact.citations
    else:
        assert placement.deciding == ()


@given(COMPLETE, st.none() | histories(first=2006, before=2028))
def test_with_everything_known_the_placement_is_decided(a: Assessment, history: History | None) -> None:
    if history is not None:
        history = History(a.country, history.before(a.report_year).placements)
    placement = place(a, history)
    assert placement.tier is not None and placement.decided_by is not None
    assert placement.possible_tiers == {placement.tier} and placement.deciding == () and placement.irrelevant == ()


@given(PARTIAL, st.sampled_from([Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.TIER_3]))
def test_what_it_takes_is_correct_and_minimal(a: Assessment, target: Tier) -> None:
    paths = what_it_takes(a, target, max_changes=3)
    for path in paths:
        assert place(_apply(a, path.changes)).tier is target
        assert path.placement.tier is target
        for size in range(len(path.changes)):
            for smaller in itertools.combinations(path.changes, size):
                changed = _apply(a, smaller)
                if _accepted(changed, statute_for(a.report_year)):  # a refused input reaches no tier
                    assert place(changed).tier is not target
    if place(a).tier is target:
        assert [p.changes for p in paths] == [()]


def test_what_it_takes_examples() -> None:
    a = Assessment("X", 2023, MinimumStandards(True, True, False, False), significant_efforts=True,
                   watch_list=WatchListFacts(True, False, no_proportional_concrete_actions=True))
    # Criterion (I) holds by two elements from 2019: undoing either one takes the country off the Watch List.
    to_tier_2 = what_it_takes(a, Tier.TIER_2)
    assert [[(c.field, c.value, c.citations) for c in p.changes] for p in to_tier_2] == [
        [("watch_list.victims_very_significant_or_increasing", False, ("22 U.S.C. § 7107(b)(2)(A)(iii)",))],
        [("watch_list.no_proportional_concrete_actions", False, ("22 U.S.C. § 7107(b)(2)(A)(iii)",))]]
    (to_tier_1,) = what_it_takes(a, Tier.TIER_1)
    assert {c.field for c in to_tier_1.changes} == {"minimum_standards.deterrent_penalties",
                                                    "minimum_standards.serious_and_sustained_efforts"}
    assert what_it_takes(attrs.evolve(a, report_year=2003, watch_list=None), Tier.TIER_2_WATCH_LIST) == ()


def test_partial_example_and_cli_text(tmp_path: object) -> None:
    a = Assessment("X", 2023, MinimumStandards(True, True, None, False), significant_efforts=True)
    p = place(a)
    assert p.tier is None and p.possible_tiers == {Tier.TIER_2, Tier.TIER_2_WATCH_LIST}
    assert [d.field for d in p.deciding] == ["watch_list.victims_very_significant_or_increasing",
                                             "watch_list.no_evidence_of_increasing_efforts",
                                             "watch_list.no_proportional_concrete_actions"]
    assert p.irrelevant == ("minimum_standards.deterrent_penalties",)
    assert p.explain().startswith("X (2023 report): Tier 2 or Tier 2 Watch List — decided by: watch_list.")
    with pytest.raises(ValueError, match="unknown facts"):
        p.decided_tier()


def test_unknown_history_year_decides() -> None:
    a = Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                   watch_list=WatchListFacts(False, True))
    history = History("X", [YearPlacement(2022, Tier.TIER_2_WATCH_LIST)], unknown_years={2021})
    p = place(a, history)
    assert p.possible_tiers == {Tier.TIER_2_WATCH_LIST, Tier.TIER_3}
    (fact,) = p.deciding
    assert fact.field == "history.2021"
    assert dict(fact.outcomes) == {"2WL": {Tier.TIER_3}, "3": {Tier.TIER_2_WATCH_LIST},
                                   "absent": {Tier.TIER_2_WATCH_LIST}}


def test_unknown_years_do_not_multiply_the_completions() -> None:
    """Nine unknown findings and two unknown years: the unknown years are carried as sets of clock states,
    so only the findings are enumerated (2^9, under the cap)."""
    a = Assessment("X", 2022, MinimumStandards(), significant_efforts=None, watch_list=WatchListFacts(None, None),
                   waiver_justification=WaiverJustification(None, None, None))
    history = History("X", [YearPlacement(2019, Tier.TIER_2_WATCH_LIST)], {2020, 2021})
    p = place(a, history)
    assert p.tier is None and p.possible_tiers == set(Tier) - {Tier.SPECIAL_CASE}
    assert {"history.2020", "history.2021"} <= {d.field for d in p.deciding}
    # The waiver (one year under tvpra-2019) matters only when 2022 would be a run's third Watch List year,
    # i.e. 2020 and 2021 on the list and 2019 not; 2019 is on the list, so that never happens.
    assert set(p.irrelevant) == {"waiver_justification.written_plan",
                                 "waiver_justification.plan_would_constitute_significant_efforts",
                                 "waiver_justification.sufficient_resources"}


def test_too_many_completions_are_refused_naming_the_unknowns(monkeypatch: pytest.MonkeyPatch) -> None:
    import tipranking.placing.unknowns

    monkeypatch.setattr(tipranking.placing.unknowns, "MAX_COMPLETIONS", 256)
    a = Assessment("X", 2022, MinimumStandards(), significant_efforts=None, watch_list=WatchListFacts(None, None),
                   waiver_justification=WaiverJustification(None, None, None))
    history = History("X", [YearPlacement(2019, Tier.TIER_2_WATCH_LIST)], {2020, 2021})
    with pytest.raises(MissingFactError) as info:
        place(a, history)
    # 2 x 4 x 2**3 x 2 x 2**3 ...: ten unknown findings (three of the Watch List from 2019) and two years
    assert info.value.problem.startswith("2048 completions of the unknown facts; state some of them (at most "
                                         "256 are enumerated)")
    assert "history.2021" in info.value.value and "significant_efforts" in info.value.value


def test_findings_no_completion_of_the_years_reads_are_not_enumerated() -> None:
    """A Special Case is decided whatever the findings: with unknown history years, the findings are reported
    irrelevant instead of being enumerated (9 unknown findings and 2 unknown years would exceed the cap)."""
    a = Assessment("X", 2022, MinimumStandards(), significant_efforts=None, watch_list=WatchListFacts(None, None),
                   special_case=True, waiver_justification=WaiverJustification(None, None, None))
    history = History("X", [YearPlacement(2019, Tier.TIER_2_WATCH_LIST)], {2020, 2021})
    p = place(a, history)
    assert p.tier is Tier.SPECIAL_CASE and p.deciding == ()
    assert {"history.2020", "history.2021"} <= set(p.irrelevant)
