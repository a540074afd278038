"""Checks of the rule modules that mutation testing showed missing (see docs/mutation-testing.md).

The rules are tested one node at a time, on a hand-built :class:`Case`, so that a wrong reason text,
an off-by-one in the Watch List clock, a combinator that drops a finding or a ``decisive=False`` guard
that decides all fail here, not only when they happen to change a placement.
"""

from __future__ import annotations

import itertools

import attrs
import pytest

from tipranking import (
    Assessment,
    History,
    MinimumStandards,
    PolicyOrPattern,
    Tier,
    WaiverJustification,
    WatchListFacts,
    statute_for,
)
from tipranking.assessment import Indicia
from tipranking.errors import FieldError, RuleConflictError, StatuteError
from tipranking.provisions import SPECIAL_CASE, provision
from tipranking.rules import (
    AllOf,
    AnyOf,
    Assign,
    AutomaticDowngrade,
    Case,
    Constant,
    DataPresumption,
    EffortsConsiderations,
    Event,
    Evidence,
    Finding,
    FirstOf,
    IndiciaEvidence,
    Leaf,
    MinimumStandard,
    Not,
    PolicyOrPatternProof,
    PostWaiverLimit,
    Rule,
    SignificantEfforts,
    SpecialCase,
    Trace,
    Unless,
    Verdict,
    WaiverAvailable,
    WaiverJustified,
    WatchListClock,
    WatchListCriteria,
    When,
    full_compliance,
    no_significant_efforts,
)
from tipranking.rules.base import Undecided, kleene_and, kleene_or
from tipranking.rules.downgrade import _span

# --------------------------------------------------------------------------- helpers

TIER_1_CITE = "22 U.S.C. § 7107(b)(1)(A)"


@attrs.frozen(slots=True)
class Fact(Leaf):
    """A leaf with a fixed answer and no provision."""

    rule_id: str
    value: bool | None
    title: str = attrs.field(default=attrs.Factory(lambda self: f"fact {self.rule_id}", takes_self=True))

    def test(self, case: Case) -> tuple[bool | None, str]:
        return self.value, f"{self.rule_id} is {self.value}"


def fact(rule_id: str, value: bool | None) -> Finding:
    """The finding :class:`Fact` records."""
    return Finding(rule_id, "", value, f"{rule_id} is {value}")


def assessment(year: int = 2023, **fields: object) -> Assessment:
    values: dict[str, object] = {"minimum_standards": MinimumStandards(True, True, True, False),
                                 "significant_efforts": True}
    values.update(fields)
    return Assessment("X", year, **values)  # type: ignore[arg-type]


def case_of(a: Assessment | None = None, history: dict[int, str] | None = None, *,
            clock: WatchListClock | None = None) -> Case:
    a = a if a is not None else assessment()
    return Case(a, History.of("X", history or {}), clock if clock is not None else statute_for(a.report_year).clock)


CASE = case_of()


def run(rule: Rule, case: Case = CASE) -> tuple[bool | None, list[Finding]]:
    trace = Trace()
    holds = rule.evaluate(case, trace)
    return holds, trace.findings


def decide(decision: object, case: Case = CASE) -> tuple[Verdict | None, Trace]:
    trace = Trace()
    assert isinstance(decision, (Assign, When, FirstOf, Unless, Evidence))
    return decision.decide(case, trace), trace


# --------------------------------------------------------------------------- Kleene logic

VALUES = (True, False, None)


@pytest.mark.parametrize(("a", "b"), list(itertools.product(VALUES, repeat=2)))
def test_kleene_and_or_truth_tables(a: bool | None, b: bool | None) -> None:
    expected_and = False if False in (a, b) else (None if None in (a, b) else True)
    expected_or = True if True in (a, b) else (None if None in (a, b) else False)
    assert kleene_and([a, b]) is expected_and
    assert kleene_or([a, b]) is expected_or


def test_kleene_of_nothing() -> None:
    assert kleene_and([]) is True
    assert kleene_or([]) is False


@pytest.mark.parametrize(("a", "b"), list(itertools.product(VALUES, repeat=2)))
def test_all_of_any_of_not_follow_kleene(a: bool | None, b: bool | None) -> None:
    x, y = Fact("x", a), Fact("y", b)
    assert run(AllOf((x, y)))[0] is kleene_and([a, b])
    assert run(AnyOf((x, y)))[0] is kleene_or([a, b])
    assert run(x & y)[0] is kleene_and([a, b])
    assert run(x | y)[0] is kleene_or([a, b])
    assert run(Not(x))[0] is (None if a is None else not a)
    assert run(~x)[0] is (None if a is None else not a)


# --------------------------------------------------------------------------- AllOf / AnyOf / Not / Constant


def test_all_of_evaluates_every_part_and_names_the_failing_ones() -> None:
    rule = AllOf((Fact("a", False), Fact("b", True), Fact("c", None), Fact("d", False)), rule_id="all",
                 title="everything", provision=provision(TIER_1_CITE))
    holds, findings = run(rule)
    assert holds is False
    assert findings == [fact("a", False), fact("b", True), fact("c", None), fact("d", False),
                        Finding("all", TIER_1_CITE, False, "everything: no (fact a; fact d: no)")]


def test_all_of_reasons_for_yes_and_unknown() -> None:
    yes = AllOf((Fact("a", True), Fact("b", True)), rule_id="all")
    assert run(yes)[1][-1] == Finding("all", "", True, "all of: yes")
    unknown = AllOf((Fact("a", None), Fact("b", True), Fact("c", None)), rule_id="all", title="T")
    assert run(unknown)[1][-1] == Finding("all", "", None, "T: unknown (fact a; fact c: unknown)")


def test_any_of_evaluates_every_part_and_names_the_holding_ones() -> None:
    rule = AnyOf((Fact("a", True), Fact("b", False), Fact("c", None), Fact("d", True)), rule_id="any",
                 title="something", provision=provision(TIER_1_CITE))
    holds, findings = run(rule)
    assert holds is True
    assert findings == [fact("a", True), fact("b", False), fact("c", None), fact("d", True),
                        Finding("any", TIER_1_CITE, True, "something: yes (fact a; fact d)")]


def test_any_of_reasons_for_no_and_unknown() -> None:
    assert run(AnyOf((Fact("a", False),), rule_id="any"))[1][-1] == Finding("any", "", False, "any of: no")
    unknown = AnyOf((Fact("a", False), Fact("b", None)), rule_id="any", title="T")
    assert run(unknown)[1][-1] == Finding("any", "", None, "T: unknown")


def test_combinations_pass_the_case_to_their_parts() -> None:
    c = case_of(assessment(minimum_standards=MinimumStandards(True, False, True, True), special_case=True))
    parts = (MinimumStandard(2), SpecialCase())
    assert run(AllOf(parts), c)[0] is False
    assert run(AnyOf(parts), c)[0] is True
    assert run(Not(MinimumStandard(2), rule_id="n"), c)[0] is True


def test_unnamed_combinations_record_only_their_parts() -> None:
    for rule in (AllOf((Fact("a", True), Fact("b", False))), AnyOf((Fact("a", True), Fact("b", False)))):
        assert run(rule)[1] == [fact("a", True), fact("b", False)]


def test_unnamed_not_records_its_part_only() -> None:
    holds, findings = run(Not(Fact("a", True)))
    assert holds is False
    assert findings == [fact("a", True)]


@pytest.mark.parametrize(("value", "word"), [(True, "no"), (False, "yes"), (None, "unknown")])
def test_named_not_replaces_its_part_finding(value: bool | None, word: str) -> None:
    rule = Not(Fact("a", value), rule_id="not_a", provision=provision(TIER_1_CITE))
    holds, findings = run(rule)
    assert holds is (None if value is None else not value)
    assert findings == [Finding("not_a", TIER_1_CITE, holds, f"not (fact a): {word}")]


def test_not_title_defaults_to_the_part_title_and_an_explicit_one_is_kept() -> None:
    assert Not(Fact("a", True)).title == "not (fact a)"
    assert Not(Fact("a", True), title="mine").title == "mine"
    assert run(Not(Fact("a", True), rule_id="n", title="mine"))[1] == [Finding("n", "", False, "mine: no")]


def test_constant_records_its_fixed_answer() -> None:
    assert run(Constant("off", False)) == (False, [Finding("off", "", False, "switched off (fixed by the rule set)")])
    assert run(Constant("on", True, "forced")) == (True, [Finding("on", "", True, "forced (fixed by the rule set)")])


def test_leaf_records_its_provision_citation() -> None:
    assert run(SpecialCase()) == (False, [Finding("special_case", SPECIAL_CASE.citation, False,
                                                  "ranked on the tier lists")])


# --------------------------------------------------------------------------- walk / replace / operators


def _tree() -> Rule:
    return AllOf((Fact("a", True), AnyOf((Fact("b", False), Not(Fact("c", True)))), Not(Fact("d", False))),
                 rule_id="root")


def test_walk_is_depth_first() -> None:
    ids = [r.rule_id or type(r).__name__ for r in _tree().walk()]
    assert ids == ["root", "a", "AnyOf", "b", "Not", "c", "Not", "d"]


@pytest.mark.parametrize("target", ["a", "b", "c", "d"])
def test_replace_reaches_every_depth_and_leaves_the_original(target: str) -> None:
    tree = _tree()
    new = Constant("new", True)
    replaced = tree.replace(target, new)
    ids = [r.rule_id for r in replaced.walk()]
    assert target not in ids and ids.count("new") == 1
    assert [r.rule_id for r in tree.walk()] == [r.rule_id for r in _tree().walk()]
    assert type(replaced) is AllOf and replaced.rule_id == "root"


def test_replace_of_the_root_and_of_nothing() -> None:
    tree = _tree()
    new = Constant("new", True)
    assert tree.replace("root", new) is new
    assert tree.replace("missing", new) == tree
    leaf = Fact("a", True)
    assert leaf.replace("missing", new) is leaf


def test_replace_inside_not_keeps_its_id_and_title() -> None:
    rule = Not(Fact("a", True), rule_id="n", title="T")
    replaced = rule.replace("a", Constant("a", False))
    assert isinstance(replaced, Not) and replaced.rule_id == "n" and replaced.title == "T"
    assert run(replaced)[0] is True


def test_operators_build_the_combinators() -> None:
    a, b = Fact("a", True), Fact("b", False)
    assert (a & b) == AllOf((a, b))
    assert (a | b) == AnyOf((a, b))
    assert ~a == Not(a)


# --------------------------------------------------------------------------- decisions


def test_undecided_names_the_rule() -> None:
    rule = Fact("unsure", None)
    err = Undecided(rule)
    assert err.rule is rule and str(err) == "unsure"


def test_when_unknown_condition_raises_undecided_after_recording_it() -> None:
    condition = Fact("unsure", None)
    trace = Trace()
    with pytest.raises(Undecided) as info:
        When(condition, Assign(Tier.TIER_1, (Event.WAIVER_APPLIED,))).decide(CASE, trace)
    assert info.value.rule is condition
    assert trace.findings == [fact("unsure", None)] and trace.events == []


def test_when_false_yields_nothing_and_records_no_events() -> None:
    verdict, trace = decide(When(Fact("c", False), Assign(Tier.TIER_1, (Event.WAIVER_APPLIED,))))
    assert verdict is None and trace.events == [] and trace.findings == [fact("c", False)]


def test_when_decisive_condition_decides() -> None:
    verdict, trace = decide(When(Fact("c", True), Assign(Tier.TIER_1, (Event.WAIVER_APPLIED,))))
    assert verdict == Verdict(Tier.TIER_1, fact("c", True))
    assert trace.events == [Event.WAIVER_APPLIED]


def test_when_not_decisive_only_gates() -> None:
    verdict, _ = decide(When(Fact("c", True), Assign(Tier.TIER_1), decisive=False))
    assert verdict == Verdict(Tier.TIER_1, None)
    # a gate over a deciding rule leaves the deeper finding in place
    verdict, _ = decide(When(Fact("gate", True), When(Fact("deep", True), Assign(Tier.TIER_3)), decisive=False))
    assert verdict == Verdict(Tier.TIER_3, fact("deep", True))


def test_when_deeper_rule_wins() -> None:
    verdict, _ = decide(When(Fact("outer", True), When(Fact("inner", True), Assign(Tier.TIER_3))))
    assert verdict == Verdict(Tier.TIER_3, fact("inner", True))


def test_when_unnamed_condition_decides_by_its_last_finding() -> None:
    verdict, _ = decide(When(AllOf((Fact("a", True), Fact("b", True))), Assign(Tier.TIER_2)))
    assert verdict == Verdict(Tier.TIER_2, fact("b", True))


def test_when_condition_without_findings_does_not_borrow_an_earlier_one() -> None:
    trace = Trace()
    trace.findings.append(fact("earlier", True))
    verdict = When(AllOf(()), Assign(Tier.TIER_2)).decide(CASE, trace)
    assert verdict == Verdict(Tier.TIER_2, None)


def test_first_of_takes_the_first_that_yields_and_stops() -> None:
    decision = FirstOf((When(Fact("a", False), Assign(Tier.TIER_1)), When(Fact("b", True), Assign(Tier.TIER_2)),
                        When(Fact("c", True), Assign(Tier.TIER_3))))
    verdict, trace = decide(decision)
    assert verdict == Verdict(Tier.TIER_2, fact("b", True))
    assert trace.findings == [fact("a", False), fact("b", True)]
    assert decide(FirstOf((When(Fact("a", False), Assign(Tier.TIER_1)),)))[0] is None


def _unless(*exceptions: object) -> Unless:
    return Unless(When(Fact("default", True), Assign(Tier.TIER_2, (Event.WATCH_LIST_UNAVAILABLE,))),
                  exceptions)  # type: ignore[arg-type]


def test_unless_without_a_yielding_exception_keeps_the_default_and_its_events() -> None:
    verdict, trace = decide(_unless(When(Fact("e1", False), Assign(Tier.TIER_3, (Event.AUTOMATIC_DOWNGRADE,)))))
    assert verdict == Verdict(Tier.TIER_2, fact("default", True))
    assert trace.events == [Event.WATCH_LIST_UNAVAILABLE]
    assert trace.findings == [fact("default", True), fact("e1", False)]


def test_unless_exception_wins_with_its_own_events_only() -> None:
    decision = _unless(When(Fact("e1", False), Assign(Tier.TIER_1)),
                       When(Fact("e2", True), Assign(Tier.TIER_3, (Event.AUTOMATIC_DOWNGRADE,))),
                       When(Fact("e3", True), Assign(Tier.TIER_3, (Event.POST_WAIVER_LIMIT,))))
    verdict, trace = decide(decision)
    assert verdict == Verdict(Tier.TIER_3, fact("e2", True))
    assert trace.events == [Event.AUTOMATIC_DOWNGRADE]
    # every branch considered is in the explanation, in order
    assert trace.findings == [fact("default", True), fact("e1", False), fact("e2", True), fact("e3", True)]


def test_unless_default_that_yields_nothing() -> None:
    decision = Unless(When(Fact("d", False), Assign(Tier.TIER_2)), (When(Fact("e", False), Assign(Tier.TIER_3)),))
    verdict, trace = decide(decision)
    assert verdict is None and trace.findings == [fact("d", False), fact("e", False)]


def test_unless_disagreeing_exceptions_are_a_conflict() -> None:
    decision = _unless(When(Fact("e1", True), Assign(Tier.TIER_1)), When(Fact("e2", False), Assign(Tier.TIER_2)),
                       When(Fact("e3", True), Assign(Tier.TIER_3)))
    with pytest.raises(RuleConflictError) as info:
        decide(decision)
    assert str(info.value) == "two exceptions apply and disagree: Tier 1 and Tier 3"


def test_unless_keeps_findings_when_a_branch_is_undecided() -> None:
    trace = Trace()
    with pytest.raises(Undecided):
        Unless(When(Fact("d", None), Assign(Tier.TIER_2)), ()).decide(CASE, trace)
    assert trace.findings == [fact("d", None)]
    trace = Trace()
    with pytest.raises(Undecided):
        _unless(When(Fact("e", None), Assign(Tier.TIER_3))).decide(CASE, trace)
    assert trace.findings == [fact("default", True), fact("e", None)]


def test_decisions_pass_the_case_on() -> None:
    c = case_of(assessment(special_case=True))
    special = When(SpecialCase(), Assign(Tier.SPECIAL_CASE))
    assert decide(When(Fact("gate", True), special), c)[0] == Verdict(Tier.SPECIAL_CASE, run(SpecialCase(), c)[1][0])
    assert decide(Unless(special, ()), c)[0] == Verdict(Tier.SPECIAL_CASE, run(SpecialCase(), c)[1][0])
    assert decide(Unless(Assign(Tier.TIER_2), (special,)), c)[0] == Verdict(Tier.SPECIAL_CASE,
                                                                             run(SpecialCase(), c)[1][0])


def test_evidence_records_then_decides() -> None:
    decision = Evidence((Fact("ev1", False), Fact("ev2", None)), then=When(Fact("c", True), Assign(Tier.TIER_1)))
    verdict, trace = decide(decision)
    assert verdict == Verdict(Tier.TIER_1, fact("c", True))
    assert trace.findings == [fact("ev1", False), fact("ev2", None), fact("c", True)]


def _pipeline() -> Evidence:
    return Evidence((Not(Fact("ev", True)),), then=FirstOf((
        When(Fact("a", True), Unless(Assign(Tier.TIER_2), (When(Fact("b", True), Assign(Tier.TIER_3)),)),
             decisive=False),
        When(AnyOf((Fact("c", False), Fact("d", True))), Assign(Tier.TIER_1)),
    )))


def test_decision_rules_lists_every_rule_in_order() -> None:
    ids = [r.rule_id or type(r).__name__ for r in _pipeline().rules()]
    assert ids == ["Not", "ev", "a", "b", "AnyOf", "c", "d"]
    assert list(Assign(Tier.TIER_1).rules()) == []


@pytest.mark.parametrize("target", ["ev", "a", "b", "c", "d"])
def test_decision_replace_reaches_every_rule(target: str) -> None:
    pipeline = _pipeline()
    replaced = pipeline.replace(target, Constant("new", True))
    ids = [r.rule_id for r in replaced.rules()]
    assert target not in ids and ids.count("new") == 1
    assert len(ids) == len(list(pipeline.rules()))
    assert target in [r.rule_id for r in pipeline.rules()]


def test_map_rules_keeps_the_shape_and_the_decisive_flag() -> None:
    pipeline = _pipeline()
    assert pipeline.map_rules(lambda r: r) == pipeline
    assert pipeline.replace("missing", Constant("new", True)) == pipeline
    gate = When(Fact("a", True), Assign(Tier.TIER_1), decisive=False)
    assert gate.map_rules(lambda r: r) == gate
    assert decide(gate.replace("a", Constant("a", True)))[0] == Verdict(Tier.TIER_1, None)
    assign = Assign(Tier.TIER_2)
    assert assign.replace("a", Constant("a", True)) is assign


def test_decision_replace_changes_the_outcome() -> None:
    pipeline = _pipeline()
    assert decide(pipeline)[0] == Verdict(Tier.TIER_3, fact("b", True))
    assert decide(pipeline.replace("b", Constant("b", False)))[0] == Verdict(Tier.TIER_2, None)
    assert decide(pipeline.replace("a", Constant("a", False)))[0] == Verdict(Tier.TIER_1, fact("d", True))


# --------------------------------------------------------------------------- standards and efforts


def test_minimum_standard_reasons() -> None:
    c = case_of(assessment(minimum_standards=MinimumStandards(True, False, None, True)))
    assert run(MinimumStandard(1), c) == (True, [Finding(
        "minimum_standard_1", "22 U.S.C. § 7106(a)(1)", True,
        "standard 1 (prohibits and punishes severe forms of trafficking): met")])
    assert run(MinimumStandard(2), c)[1][0].reason == (
        "standard 2 (penalties for grave crimes comparable to forcible sexual assault): not met")
    assert run(MinimumStandard(3), c)[1][0].reason == "standard 3 (penalties sufficiently stringent to deter): unknown"
    assert run(MinimumStandard(4), c)[0] is True


@pytest.mark.parametrize("concrete", [False, True])
def test_full_compliance_is_all_four_standards(concrete: bool) -> None:
    rule = full_compliance(concrete_actions_only=concrete)
    suffix = " (based only on concrete actions recorded in the reporting period)" if concrete else ""
    assert isinstance(rule, AllOf)
    assert rule.rule_id == "full_compliance"
    assert rule.title == "fully complies with the minimum standards" + suffix
    assert rule.provision is not None and rule.provision.citation == TIER_1_CITE
    assert rule.parts == (MinimumStandard(1), MinimumStandard(2), MinimumStandard(3), MinimumStandard(4))
    holds, findings = run(rule, case_of(assessment(minimum_standards=MinimumStandards.all_met())))
    assert holds is True and findings[-1].rule == "full_compliance" and findings[-1].citation == TIER_1_CITE


@pytest.mark.parametrize(("value", "word"), [(True, "yes"), (False, "no"), (None, "unknown")])
def test_significant_efforts_reasons(value: bool | None, word: str) -> None:
    c = case_of(assessment(significant_efforts=value))
    assert run(SignificantEfforts(), c) == (value, [Finding(
        "significant_efforts", "22 U.S.C. § 7107(b)(1)(B)", value, f"makes significant efforts to comply: {word}")])
    assert run(SignificantEfforts(concrete_actions_only=True), c)[1][0].reason == (
        f"makes significant efforts to comply on concrete actions only, not commitments: {word}")


def test_no_significant_efforts_is_the_named_negation() -> None:
    efforts = SignificantEfforts()
    rule = no_significant_efforts(efforts)
    assert isinstance(rule, Not) and rule.part is efforts
    assert rule.rule_id == "no_significant_efforts"
    assert rule.title == "makes no significant efforts to comply"
    assert rule.provision is not None and rule.provision.citation == "22 U.S.C. § 7107(b)(1)(C)"
    c = case_of(assessment(significant_efforts=False))
    assert run(rule, c) == (True, [Finding("no_significant_efforts", "22 U.S.C. § 7107(b)(1)(C)", True,
                                           "makes no significant efforts to comply: yes")])


def test_policy_or_pattern_reasons() -> None:
    c = case_of(assessment(policy_or_pattern=[PolicyOrPattern.TRAFFICKING, PolicyOrPattern.CHILD_SOLDIERS,
                                              PolicyOrPattern.FORCED_LABOR]))
    assert run(PolicyOrPatternProof(), c) == (True, [Finding(
        "policy_or_pattern", "22 U.S.C. § 7107(b)(3)(B)", True,
        "documented government policy or pattern of child soldiers, forced labor, trafficking: proof of failing "
        "to make significant efforts")])
    assert run(PolicyOrPatternProof()) == (False, [Finding(
        "policy_or_pattern", "22 U.S.C. § 7107(b)(3)(B)", False, "no government policy or pattern documented")])


def test_indicia_evidence_one_finding_per_stated_indicium() -> None:
    c = case_of(assessment(indicia=Indicia.from_numbers({1: True, 7: False, 12: True})))
    holds, findings = run(IndiciaEvidence(), c)
    assert holds is True
    assert findings == [
        Finding("indicium_1", "22 U.S.C. § 7106(b)(1)", True,
                "indicium 1 (vigorous investigation, prosecution, conviction and sentencing): shown"),
        Finding("indicium_7", "22 U.S.C. § 7106(b)(7)", False,
                "indicium 7 (action against complicit officials): not shown"),
        Finding("indicium_12", "22 U.S.C. § 7106(b)(12)", True,
                "indicium 12 (efforts to reduce demand for commercial sex acts and sex tourism): shown"),
    ]
    assert run(IndiciaEvidence()) == (True, [])


def test_indicium_before_its_first_report_is_an_input_error() -> None:
    assert run(IndiciaEvidence(), case_of(assessment(2004, indicia=Indicia.from_numbers({8: True}))))[0] is True
    with pytest.raises(FieldError) as info:
        run(IndiciaEvidence(), case_of(assessment(2003, indicia=Indicia.from_numbers({8: False}))))
    err = info.value
    assert (err.field, err.value) == ("indicia.8", False)
    assert err.problem == "this indicium applies from the 2004 report, not 2003"


def test_data_presumption() -> None:
    presumption = DataPresumption(grace_years=(2004, 2005))
    assert run(presumption, case_of(assessment(2005, provides_law_enforcement_data=None))) == (None, [])
    assert run(presumption, case_of(assessment(2005, provides_law_enforcement_data=True))) == (False, [Finding(
        "data_presumption", "22 U.S.C. § 7106(b)", False, "law-enforcement data provided: no presumption")])
    base = ("no law-enforcement data provided: presumed not to have vigorously investigated, prosecuted, convicted "
            "or sentenced (indicia 1 and 7 count as not shown)")
    holds, findings = run(presumption, case_of(assessment(2006, provides_law_enforcement_data=False)))
    assert holds is True and findings[0].reason == base
    holds, findings = run(presumption, case_of(assessment(2005, provides_law_enforcement_data=False)))
    assert holds is True
    grace = "; in this report the presumption could be disregarded for data given in good faith"
    assert findings[0].reason == base + grace


def test_efforts_considerations() -> None:
    three = ("extent of trafficking in the country; extent of non-compliance, especially official complicity; "
             "what is reasonable given the government's resources and capabilities")
    two = "sufficient budget for law enforcement and for victims and prevention; concrete actions from consultation " \
          "with civil society"
    assert run(EffortsConsiderations(), case_of(assessment(significant_efforts=None))) == (None, [])
    assert run(EffortsConsiderations(), case_of(assessment(significant_efforts=True))) == (True, [Finding(
        "efforts_considerations", "22 U.S.C. § 7107(b)(3)(A)", True, f"significant efforts found, weighing: {three}")])
    holds, findings = run(EffortsConsiderations(budget_and_civil_society=True),
                          case_of(assessment(significant_efforts=False)))
    assert holds is False
    assert findings[0].reason == f"no significant efforts, weighing: {three}; {two}"


def test_special_case_reasons() -> None:
    c = case_of(assessment(special_case=True))
    assert run(SpecialCase(), c) == (True, [Finding("special_case", SPECIAL_CASE.citation, True,
                                                    "described as a Special Case: placed on none of the tier lists")])


# --------------------------------------------------------------------------- Watch List criteria

WL_CITE = "22 U.S.C. § 7107(b)(2)(A)(iii)"
CRIT_I_EST = "(I) estimated number of victims very significant or significantly increasing, without proportional " \
             "concrete actions"
CRIT_I_ABS = "(I) absolute number of victims very significant or significantly increasing"
CRIT_II = "(II) no evidence of increasing efforts compared with the previous year"
CRIT_III = "(III) significant efforts rested on commitments to take additional steps next year"

NEW = WatchListCriteria(commitments_criterion=False, estimated_number=True)
OLD = WatchListCriteria(commitments_criterion=True, estimated_number=False)


def _wl(rule: WatchListCriteria, facts: WatchListFacts | None, year: int = 2023) -> tuple[bool | None, str]:
    holds, findings = run(rule, case_of(assessment(year, watch_list=facts)))
    (finding,) = findings
    assert finding.rule == "watch_list" and finding.citation == WL_CITE
    return holds, finding.reason


def test_watch_list_criteria_met() -> None:
    both = {"no_proportional_concrete_actions": True}
    assert _wl(NEW, WatchListFacts(True, False, **both)) == (True, f"Tier 2 Watch List criteria met: {CRIT_I_EST}")
    assert _wl(NEW, WatchListFacts(True, True, **both)) == (
        True, f"Tier 2 Watch List criteria met: {CRIT_I_EST}; {CRIT_II}")
    # From 2019, (I) needs both of its elements: the number alone is no criterion, and an unknown element
    # leaves (I) unknown.
    assert _wl(NEW, WatchListFacts(True, False, no_proportional_concrete_actions=False)) == (
        False, "no Tier 2 Watch List criterion met")
    assert _wl(NEW, WatchListFacts(False, False, no_proportional_concrete_actions=True)) == (
        False, "no Tier 2 Watch List criterion met")
    assert _wl(NEW, WatchListFacts(True, False)) == (None, f"Tier 2 Watch List criteria unknown: {CRIT_I_EST}")
    assert _wl(NEW, WatchListFacts(True, True)) == (True, f"Tier 2 Watch List criteria met: {CRIT_II}")
    # Before 2019 (I) is the number alone: the 2019 element is not read.
    assert _wl(OLD, WatchListFacts(True, False, False, no_proportional_concrete_actions=False), 2010) == (
        True, f"Tier 2 Watch List criteria met: {CRIT_I_ABS}")
    assert _wl(OLD, WatchListFacts(False, None, True), 2010) == (True, f"Tier 2 Watch List criteria met: {CRIT_III}")
    assert _wl(OLD, WatchListFacts(True, False, False), 2010) == (True, f"Tier 2 Watch List criteria met: {CRIT_I_ABS}")


def test_watch_list_criteria_not_met_or_unknown() -> None:
    assert _wl(NEW, WatchListFacts(False, False)) == (False, "no Tier 2 Watch List criterion met")
    assert _wl(OLD, WatchListFacts(False, False, False), 2010) == (False, "no Tier 2 Watch List criterion met")
    assert _wl(NEW, None) == (None, f"Tier 2 Watch List criteria unknown: {CRIT_I_EST}; {CRIT_II}")
    assert _wl(NEW, WatchListFacts(False, None)) == (None, f"Tier 2 Watch List criteria unknown: {CRIT_II}")
    assert _wl(OLD, WatchListFacts(False, False, None), 2010) == (None, f"Tier 2 Watch List criteria unknown: "
                                                                        f"{CRIT_III}")


@pytest.mark.parametrize("value", [True, False])
def test_commitments_criterion_outside_its_statute_is_an_input_error(value: bool) -> None:
    with pytest.raises(FieldError) as info:
        run(NEW, case_of(assessment(2021, watch_list=WatchListFacts(False, False, value))))
    err = info.value
    assert (err.field, err.value) == ("watch_list.commitments_for_next_year", value)
    assert err.problem == (f"criterion (III) is not part of {WL_CITE} in the statute for the 2021 report (it existed "
                           "for the 2004-2018 reports; from 2019 its substance is in the Tier 2 definition, "
                           "22 U.S.C. § 7107(b)(1)(B), whose significant efforts rest only on concrete actions, "
                           "excluding commitments to take future steps: state significant_efforts on that basis)")


# --------------------------------------------------------------------------- the Watch List clock


def test_span() -> None:
    assert _span(()) == "none"
    assert _span((2020,)) == "2020"
    assert _span((2019, 2020, 2021)) == "2019-2021"


def test_run_before_counts_from_the_first_counted_year() -> None:
    clock = WatchListClock()
    h = History.of("X", {2007: "2WL", 2008: "2WL", 2009: "2WL", 2010: "2WL", 2012: "2WL", 2013: "2WL"})
    assert clock.run_before(h, 2011) == (2009, 2010)
    assert clock.run_before(h, 2014) == (2012, 2013)
    assert clock.run_before(h, 2012) == ()
    assert clock.run_before(h, 2009) == ()
    assert WatchListClock(counts_from=2008).run_before(h, 2011) == (2008, 2009, 2010)
    assert WatchListClock(counts_from=2010).run_before(h, 2011) == (2010,)


def test_unknown_years_that_matter() -> None:
    clock = WatchListClock()
    assert clock.unknown_years_that_matter(History("X"), 2023) == []
    unknown = History("X", [], {2008, 2009, 2021, 2022, 2023})
    assert clock.unknown_years_that_matter(unknown, 2023) == [2009, 2021, 2022]
    # the year before is known and off the Watch List: no run, nothing matters
    off = History("X", History.of("X", {2022: "2"}).placements, {2009, 2021})
    assert clock.unknown_years_that_matter(off, 2023) == []
    absent = History("X", History.of("X", {2020: "2WL"}).placements, {2009, 2021})
    assert clock.unknown_years_that_matter(absent, 2023) == []
    on = History("X", History.of("X", {2022: "2WL"}).placements, {2020, 2021})
    assert clock.unknown_years_that_matter(on, 2023) == [2020, 2021]
    later = History("X", History.of("X", {2022: "2"}).placements, {2025})
    assert clock.unknown_years_that_matter(later, 2023) == []


def test_history_rules_need_a_clock() -> None:
    c = case_of(assessment(2023))
    c = Case(c.assessment, c.history, None)
    for rule in (AutomaticDowngrade(), WaiverAvailable(), PostWaiverLimit()):
        with pytest.raises(StatuteError, match=r"^a rule set with history rules needs a Watch List clock"):
            run(rule, c)


@pytest.mark.parametrize(("years", "holds", "reason"), [
    ((), False, "0 consecutive Watch List report(s) counted from 2009: none; below the 2 that trigger the downgrade"),
    ((2022,), False, "1 consecutive Watch List report(s) counted from 2009: 2022; below the 2 that trigger the "
                     "downgrade"),
    ((2021, 2022), True, "2 consecutive Watch List report(s) counted from 2009: 2021-2022; another Watch List year "
                         "means Tier 3 unless waived"),
    ((2020, 2021, 2022), True, "3 consecutive Watch List report(s) counted from 2009: 2020-2022; another Watch List "
                               "year means Tier 3 unless waived"),
])
def test_automatic_downgrade_boundary(years: tuple[int, ...], holds: bool, reason: str) -> None:
    c = case_of(history=dict.fromkeys(years, "2WL"))
    assert run(AutomaticDowngrade(), c) == (holds, [Finding("automatic_downgrade", "22 U.S.C. § 7107(b)(2)(D)(i)",
                                                            holds, reason)])


def test_automatic_downgrade_follows_the_clock() -> None:
    c = case_of(history=dict.fromkeys((2021, 2022), "2WL"), clock=WatchListClock(counts_from=2009, free_years=3))
    assert run(AutomaticDowngrade(), c)[0] is False
    assert run(AutomaticDowngrade(), c)[1][0].reason.endswith("below the 3 that trigger the downgrade")
    c = case_of(history=dict.fromkeys((2021, 2022), "2WL"), clock=WatchListClock(counts_from=2022))
    assert run(AutomaticDowngrade(), c)[1][0].reason.startswith("1 consecutive Watch List report(s) counted from 2022")


@pytest.mark.parametrize(("max_years", "years", "holds", "used"), [
    (1, (), True, 0),
    (1, (2022,), True, 0),
    (1, (2021, 2022), True, 0),
    (1, (2020, 2021, 2022), False, 1),
    (2, (2020, 2021, 2022), True, 1),
    (2, (2019, 2020, 2021, 2022), False, 2),
    (0, (2021, 2022), False, 0),
])
def test_waiver_available_boundary(max_years: int, years: tuple[int, ...], holds: bool, used: int) -> None:
    c = case_of(history=dict.fromkeys(years, "2WL"))
    reason = f"waiver years used in this run: {used} of {max_years}"
    if not holds:
        reason += ": no waiver left, the Watch List is not available this year"
    assert run(WaiverAvailable(max_years=max_years), c) == (holds, [Finding(
        "waiver_available", "22 U.S.C. § 7107(b)(2)(D)(ii)", holds, reason)])


PLAN = "written plan to begin significant efforts"
WOULD = "the plan would constitute significant efforts"
RESOURCES = "sufficient resources devoted to the plan"


@pytest.mark.parametrize(("justification", "holds", "reason"), [
    (None, False, "no waiver justification given"),
    (WaiverJustification.full(), True, f"waiver justified: {PLAN}; {WOULD}; {RESOURCES}"),
    (WaiverJustification(False, True, False), False, f"waiver not justified, not shown: {PLAN}; {RESOURCES}"),
    (WaiverJustification(True, False, None), False, f"waiver not justified, not shown: {WOULD}"),
    (WaiverJustification(None, True, None), None, f"waiver justification unknown: {PLAN}; {RESOURCES}"),
    (WaiverJustification(True, None, True), None, f"waiver justification unknown: {WOULD}"),
])
def test_waiver_justified_reasons(justification: WaiverJustification | None, holds: bool | None, reason: str) -> None:
    c = case_of(assessment(waiver_justification=justification))
    assert run(WaiverJustified(), c) == (holds, [Finding("waiver_justified", "22 U.S.C. § 7107(b)(2)(D)(ii)", holds,
                                                         reason)])


# --------------------------------------------------------------------------- the post-waiver limit


def test_qualifying_runs_need_a_waiver_year_by_default() -> None:
    clock = WatchListClock()
    h = History.of("X", {2016: "2WL", 2017: "2WL", 2018: "2WL", 2019: "3", 2020: "3", 2021: "2WL"})
    assert PostWaiverLimit().qualifying_tier3_years(clock, h) == [((2016, 2017, 2018), 2019)]
    short = History.of("X", {2017: "2WL", 2018: "2WL", 2019: "3", 2020: "2WL"})
    assert PostWaiverLimit().qualifying_tier3_years(clock, short) == []
    assert PostWaiverLimit(requires_waiver=False).qualifying_tier3_years(clock, short) == [((2017, 2018), 2019)]


def test_qualifying_runs_are_whole_runs_once_each() -> None:
    clock = WatchListClock()
    h = History.of("X", {2012: "2WL", 2013: "2WL", 2014: "2WL", 2015: "2WL", 2016: "2", 2017: "3", 2018: "2WL",
                         2019: "2WL", 2020: "3"})
    assert PostWaiverLimit(requires_waiver=False).qualifying_tier3_years(clock, h) == [
        ((2012, 2013, 2014, 2015), 2017), ((2018, 2019), 2020)]
    assert PostWaiverLimit().qualifying_tier3_years(clock, h) == [((2012, 2013, 2014, 2015), 2017)]
    no_tier3 = History.of("X", {2012: "2WL", 2013: "2WL", 2014: "2WL", 2015: "2"})
    assert PostWaiverLimit(requires_waiver=False).qualifying_tier3_years(clock, no_tier3) == []


def test_a_short_run_does_not_hide_a_later_qualifying_one() -> None:
    h = History.of("X", {2010: "2WL", 2011: "2", 2012: "2WL", 2013: "2WL", 2014: "2WL", 2015: "3"})
    assert PostWaiverLimit().qualifying_tier3_years(WatchListClock(), h) == [((2012, 2013, 2014), 2015)]


def _limit(rule: PostWaiverLimit, history: dict[int, str], year: int) -> tuple[bool | None, str]:
    holds, findings = run(rule, case_of(assessment(year), history))
    (finding,) = findings
    assert finding.rule == "post_waiver_limit" and finding.citation == "22 U.S.C. § 7107(b)(2)(F)"
    return holds, finding.reason


MALAYSIA = {2018: "2WL", 2019: "2WL", 2020: "2WL", 2021: "3", 2022: "3", 2023: "2WL"}
ALGERIA = {2017: "2WL", 2018: "2WL", 2019: "2WL", 2020: "3", 2021: "3", 2022: "2WL", 2023: "3", 2024: "2WL"}


def test_post_waiver_limit_applies_to_the_first_return() -> None:
    assert _limit(PostWaiverLimit(), MALAYSIA, 2024) == (True, (
        "Watch List 2018-2020 then Tier 3 in 2021; back on the Watch List in 2023, so another Watch List year would "
        "exceed one consecutive year"))


def test_post_waiver_limit_nothing_at_stake() -> None:
    assert _limit(PostWaiverLimit(), MALAYSIA, 2023) == (
        False, "not on the Watch List in the previous report: no one-year limit at stake")
    short = {2019: "2WL", 2020: "2WL", 2021: "3", 2022: "2WL"}
    assert _limit(PostWaiverLimit(), short, 2023) == (
        False, "no earlier Watch List run with a waiver year followed by Tier 3")
    no_tier3 = {2019: "2WL", 2020: "2WL", 2021: "2"}
    assert _limit(PostWaiverLimit(requires_waiver=False), no_tier3 | {2022: "2WL"}, 2023) == (
        False, "no earlier Watch List run followed by Tier 3")
    assert _limit(PostWaiverLimit(requires_waiver=False), short, 2023)[0] is True


def test_post_waiver_limit_counts_only_a_tier3_before_the_current_run() -> None:
    # Read on a whole record (years after the report included), a run whose Tier 3 comes later is not "earlier".
    history = {2019: "2WL", 2020: "2WL", 2021: "2WL", 2023: "3"}
    assert _limit(PostWaiverLimit(), history, 2022) == (False, "no earlier Watch List run with a waiver year followed "
                                                               "by Tier 3")


def test_post_waiver_limit_first_return_only_unless_every_return() -> None:
    assert _limit(PostWaiverLimit(), ALGERIA, 2025) == (False, (
        "Watch List 2017-2019 then Tier 3 in 2020; the limited first return was 2022, this run began in 2024"))
    assert _limit(PostWaiverLimit(every_return=True), ALGERIA, 2025) == (True, (
        "Watch List 2017-2019 then Tier 3 in 2020; back on the Watch List in 2024, so another Watch List year would "
        "exceed one consecutive year"))


def test_post_waiver_limit_uses_the_latest_qualifying_run() -> None:
    history = {2009: "2WL", 2010: "2WL", 2011: "2WL", 2012: "3", 2013: "2WL", 2014: "2WL", 2015: "2WL", 2016: "3",
               2017: "2WL"}
    assert _limit(PostWaiverLimit(), history, 2018) == (True, (
        "Watch List 2013-2015 then Tier 3 in 2016; back on the Watch List in 2017, so another Watch List year would "
        "exceed one consecutive year"))


# --------------------------------------------------------------------------- the real pipelines


def test_a_freshly_built_pipeline_decides_with_the_rules_built_here() -> None:
    """The statute versions are built at import time; building a pipeline again checks the rule constructors."""
    from tipranking.statute import build_pipeline

    pipeline = build_pipeline(data_presumption=None, watch_list=None, waiver=None, post_waiver_limit=None,
                              budget_and_civil_society=False, concrete_actions_only=True, policy_or_pattern_proof=False)
    verdict, trace = decide(pipeline, case_of(assessment(2002, minimum_standards=MinimumStandards.all_met())))
    assert verdict == Verdict(Tier.TIER_1, trace.findings[-1])
    assert trace.findings[-1] == Finding("full_compliance", TIER_1_CITE, True, "fully complies with the minimum "
                                         "standards (based only on concrete actions recorded in the reporting "
                                         "period): yes")
    verdict, trace = decide(pipeline, case_of(assessment(2002, significant_efforts=False)))
    assert verdict == Verdict(Tier.TIER_3, trace.findings[-1])
    assert trace.findings[-1] == Finding("no_significant_efforts", "22 U.S.C. § 7107(b)(1)(C)", True,
                                         "makes no significant efforts to comply: yes")
