"""The compiled statute against the rule tree it is derived from.

``place`` answers from :mod:`tipranking.compiled` (a decision tree over the pipeline's guards and a Watch List
automaton); :func:`tipranking.interpreter.interpret` runs the rule objects themselves and is the reference.
Every property here compares the two on the whole placement -- tier, possible tiers, deciding facts,
irrelevant unknowns, every finding with its reason and citation, the deciding finding, the events -- or
compares a rule's machine with its own ``test``.
"""

from __future__ import annotations

import itertools
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from tipranking import (
    Assessment,
    History,
    MinimumStandards,
    Tier,
    WatchListFacts,
    YearPlacement,
    place,
    place_many,
)
from tipranking.assessment import PartialPlacement
from tipranking.errors import MissingFactError, TipRankingError
from tipranking.placing import compiled, interpret
from tipranking.provisions import FIRST_REPORT_YEAR, LAST_KNOWN_REPORT_YEAR
from tipranking.rules import AutomaticDowngrade, PostWaiverLimit, WaiverAvailable
from tipranking.rules.base import Assign, Case, Constant, Decision, Rule, When
from tipranking.rules.clock import WatchListClock
from tipranking.rules.downgrade import READINGS
from tipranking.statute import VERSIONS, Statute, statute_for, with_reading
from tipranking.testing.strategies import assessments

WL, T3 = Tier.TIER_2_WATCH_LIST, Tier.TIER_3
READ = [with_reading(statute_for(2019), r) for r in READINGS]
NAMED = {s.name: s for s in (*VERSIONS, *READ)}
_PARTIAL_SETS = (frozenset({Tier.TIER_2, Tier.SPECIAL_CASE}), frozenset({WL, T3}), frozenset({Tier.TIER_2, WL}),
                 frozenset({Tier.TIER_1, Tier.TIER_2, Tier.SPECIAL_CASE}), frozenset({WL, T3, Tier.TIER_2}))


@st.composite
def histories_with_unknowns(draw: st.DrawFn, before: int) -> History:
    """Up to 12 report years before ``before``: tiers drawn freely (Watch List runs made likely), gaps, up to
    three unknown years and up to two partly known years."""
    first = max(FIRST_REPORT_YEAR, before - draw(st.integers(0, 12)))
    years = list(range(first, before))
    placed: list[YearPlacement] = []
    unknown: set[int] = set()
    partial: list[PartialPlacement] = []
    for year in years:
        kind = draw(st.sampled_from(("wl", "wl", "t3", "other", "absent", "unknown", "partial")))
        if kind == "unknown" and len(unknown) < 3:
            unknown.add(year)
        elif kind == "partial" and len(partial) < 2:
            partial.append(PartialPlacement(year, draw(st.sampled_from(_PARTIAL_SETS))))
        elif kind == "wl" and year >= 2004:
            placed.append(YearPlacement(year, WL, draw(st.none() | st.booleans())))
        elif kind == "t3":
            placed.append(YearPlacement(year, T3))
        elif kind == "other":
            placed.append(YearPlacement(year, draw(st.sampled_from((Tier.TIER_1, Tier.TIER_2, Tier.SPECIAL_CASE)))))
    return History("Examplestan", placed, unknown, partial)


def _same(version: Statute, a: Assessment, h: History | None) -> None:
    """``place`` (compiled) and ``interpret`` (the rule tree) give the same placement, or the same error."""
    note(f"statute {version.name}\n{a!r}\n{h!r}")
    try:
        expected = interpret(a, h, version)
    except MissingFactError as error:
        if "completions" in error.problem:
            assume(False)  # the interpreter's enumeration bound; the compiled form has no such bound for years
        with pytest.raises(MissingFactError) as info:
            place(a, h, version)
        assert str(info.value) == str(error)
        return
    except TipRankingError as error:
        with pytest.raises(type(error)) as caught:
            place(a, h, version)
        assert str(caught.value) == str(error)
        return
    got = place(a, h, version)
    assert got.tier == expected.tier
    assert got.possible_tiers == expected.possible_tiers
    assert got.deciding == expected.deciding
    assert got.irrelevant == expected.irrelevant
    assert got.events == expected.events
    assert got.decided_by == expected.decided_by
    assert got.findings == expected.findings
    assert got == expected and hash(got) == hash(expected)
    assert got.explain() == expected.explain()


@st.composite
def cases(draw: st.DrawFn, version: Statute, first: int, last: int | None) -> tuple[Assessment, History]:
    year = draw(st.integers(first, last if last is not None else LAST_KNOWN_REPORT_YEAR))
    a = draw(assessments(report_year=year, statute=version, unknowns=True, special_case=None,
                         policy_or_pattern=draw(st.sampled_from((None, False)))))
    return a, draw(histories_with_unknowns(year))


def _span(version: Statute) -> tuple[int, int | None]:
    return version.first_report_year, version.last_report_year


@pytest.mark.parametrize("name", list(NAMED))
def test_every_version_and_reading_is_compiled(name: str) -> None:
    assert compiled(NAMED[name]) is not None


@pytest.mark.parametrize("with_history", [True, False], ids=["history", "no-history"])
@pytest.mark.parametrize("name", list(NAMED))
@given(data=st.data())
def test_compiled_equals_interpreted(name: str, with_history: bool, data: st.DataObject) -> None:
    version = NAMED[name]
    a, h = data.draw(cases(version, *_span(version)))
    _same(version, a, h if with_history else None)


def _variant_rules(version: Statute) -> list[str]:
    return sorted({r.rule_id for r in version.rules() if r.rule_id})


@st.composite
def variants(draw: st.DrawFn) -> Statute:
    """A real version changed once or twice: a rule switched off, the waiver's length, the post-waiver limit's
    parameters, or the clock's free years."""
    version = draw(st.sampled_from([v for v in VERSIONS if v.clock is not None]))
    for _ in range(draw(st.integers(1, 2))):
        change = draw(st.sampled_from(("without", "waiver", "limit", "clock")))
        if change == "without":
            version = version.without(draw(st.sampled_from(_variant_rules(version))))
        elif change == "waiver" and "waiver_available" in _variant_rules(version):
            version = version.replace_rule("waiver_available", WaiverAvailable(max_years=draw(st.integers(0, 3))))
        elif change == "limit" and "post_waiver_limit" in _variant_rules(version):
            limit = PostWaiverLimit(requires_waiver=draw(st.booleans()), every_return=draw(st.booleans()),
                                    triggers_from=draw(st.sampled_from((None, 2013, 2019))),
                                    tier3_right_after=draw(st.booleans()), no_additional_years=draw(st.booleans()))
            version = version.replace_rule("post_waiver_limit", limit)
        elif change == "clock":
            version = attrs.evolve(version, clock=WatchListClock(counts_from=2009, free_years=draw(st.integers(1, 3))),
                                   name=version.name + "+clock")
    return version


@given(data=st.data())
def test_compiled_equals_interpreted_for_variants(data: st.DataObject) -> None:
    version = data.draw(variants())
    assert compiled(version) is not None
    a, h = data.draw(cases(version, *_span(version)))
    _same(version, a, h)


# --------------------------------------------------------------------------- each machine against its rule's test


def _machine_rules() -> list[Rule]:
    rules: list[Rule] = [AutomaticDowngrade(), *(WaiverAvailable(max_years=n) for n in range(4))]
    for flags in itertools.product((True, False), repeat=4):
        for triggers_from in (None, 2013):
            rules.append(PostWaiverLimit(requires_waiver=flags[0], every_return=flags[1], tier3_right_after=flags[2],
                                         no_additional_years=flags[3], triggers_from=triggers_from))
    return rules


MACHINE_RULES = _machine_rules()
_SEEN = (WL, T3, None, Tier.TIER_2)


def _agrees(rule: Rule, clock: WatchListClock, marks: tuple[Tier | None, ...],
            waivers: tuple[bool | None, ...]) -> None:
    start = clock.counts_from
    history = History("X", [YearPlacement(start + i, m, w if m is WL else None)
                            for i, (m, w) in enumerate(zip(marks, waivers, strict=True)) if m is not None])
    case = Case(Assessment("X", start + len(marks), MinimumStandards()), history, clock)
    machine = rule.machine(clock)
    expected = rule.test(case)[0]
    assert machine is not None, rule
    state: Any = machine.start
    for i, mark in enumerate(marks):
        state = machine.step(state, start + i, mark if mark in (WL, T3) else None)
    assert machine.holds(state) == expected, (rule, marks, waivers)


@pytest.mark.parametrize("free_years", [1, 2, 3])
def test_machines_agree_with_their_rules_on_every_short_history(free_years: int) -> None:
    """Every history of up to 5 counted years over the Watch List, Tier 3, Tier 2 and absent."""
    clock = WatchListClock(counts_from=2009, free_years=free_years)
    for length in range(6):
        for marks in itertools.product(_SEEN, repeat=length):
            for rule in MACHINE_RULES:
                _agrees(rule, clock, marks, tuple(True for _ in marks))


@given(rule=st.sampled_from(MACHINE_RULES), free_years=st.integers(1, 3),
       marks=st.lists(st.sampled_from(_SEEN), max_size=LAST_KNOWN_REPORT_YEAR - 2009 - 1), data=st.data())
def test_machines_agree_with_their_rules_on_long_histories(rule: Rule, free_years: int, marks: list[Tier | None],
                                                           data: st.DataObject) -> None:
    clock = WatchListClock(counts_from=2009, free_years=free_years)
    waivers = tuple(data.draw(st.none() | st.booleans()) for _ in marks)
    _agrees(rule, clock, tuple(marks), waivers)


# --------------------------------------------------------------------------- lazy explanations


def _lazy_case() -> tuple[Assessment, History]:
    a = Assessment("Illustria", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                   watch_list=WatchListFacts(True, None, no_proportional_concrete_actions=True))
    return a, History.of("Illustria", {2021: "2WL", 2022: "3"})


def test_a_pickled_placement_carries_its_explanation() -> None:
    a, h = _lazy_case()
    p = place(a, h)
    copy = pickle.loads(pickle.dumps(p))
    assert copy == interpret(a, h) and copy.findings == interpret(a, h).findings
    assert copy.explain() == p.explain()


def test_equality_and_hash_read_the_explanation() -> None:
    a, h = _lazy_case()
    p, q = place(a, h), place(a, h)
    assert p == q and hash(p) == hash(q)
    assert p != place(attrs.evolve(a, significant_efforts=False), h)
    assert repr(p) == repr(interpret(a, h))


# --------------------------------------------------------------------------- the Watch List access over clock states


@pytest.mark.parametrize("name", ["tvpra-2008", "tvpra-2019", *(r.name for r in READ)])
@settings(suppress_health_check=[HealthCheck.filter_too_much])  # most drawn histories leave no year uncertain
@given(data=st.data())
def test_access_over_clock_states_equals_access_over_completions(name: str, data: st.DataObject) -> None:
    """What the audit and the outlook ask (is the Watch List open, with or without a waiver?) answered from the
    set of clock states equals the answer over every completion of the unknown years, enumerated."""
    from tipranking.analysis import access
    from tipranking.rules.clock import WatchListClock as Clock

    version = NAMED[name]
    year = data.draw(st.integers(version.first_report_year, version.last_report_year or LAST_KNOWN_REPORT_YEAR))
    history = data.draw(histories_with_unknowns(year))
    relevant = version.uncertain_years_that_matter(history, year)
    assume(relevant)
    base = tuple(m for m in Clock.marks(history) if 2009 <= m[0] < year)
    options = tuple((y, Clock.options(history, y)) for y in relevant)
    fast = access._access_over_states(history, base, options, year, version)
    assert fast is not None
    assert fast == access._access_unknown.__wrapped__(base, options, year, version)


# --------------------------------------------------------------------------- what the compiler cannot see through


@attrs.frozen(slots=True)
class _Coin(Decision):
    """A decision class of one's own (not ``compilable``): Tier 1 in even report years, else what ``then`` says."""

    then: Decision

    def decide(self, case: Case, trace: Any) -> Any:
        if case.report_year % 2 == 0:
            return When(Constant("even_year", True, "an even report year"), Assign(Tier.TIER_1)).decide(case, trace)
        return self.then.decide(case, trace)

    def rules(self) -> Any:
        return self.then.rules()


@attrs.frozen(slots=True)
class _Forgetful(AutomaticDowngrade):
    """A rule with memory that gives no machine."""

    def machine(self, clock: WatchListClock) -> None:
        return None


def test_a_decision_of_ones_own_runs_on_the_rule_tree() -> None:
    version = attrs.evolve(statute_for(2023), name="coin", pipeline=_Coin(statute_for(2023).pipeline))
    assert compiled(version) is None
    a = Assessment("X", 2022, MinimumStandards(True, True, True, False), significant_efforts=False)
    assert place(a, statute=version).tier is Tier.TIER_1
    b = attrs.evolve(a, report_year=2023)
    assert place(b, statute=version) == interpret(b, None, version)
    assert place(b, statute=version).tier is Tier.TIER_3
    assert list(place_many([a, b], statute=version)) == [place(a, statute=version), place(b, statute=version)]


def test_a_history_rule_without_a_machine_runs_on_the_rule_tree() -> None:
    version = statute_for(2023).replace_rule("automatic_downgrade", _Forgetful())
    assert compiled(version) is None
    a = Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                   watch_list=WatchListFacts(False, True))
    history = History.of("X", {2021: "2WL", 2022: "2WL"})
    assert place(a, history, version).tier is Tier.TIER_3
    assert place(a, history, version) == interpret(a, history, version)


@pytest.mark.parametrize("name", ["tvpra-2003", "tvpra-2008", "tvpra-2019", *(r.name for r in READ)])
@given(data=st.data())
def test_the_audits_kind_of_access_is_the_access(name: str, data: st.DataObject) -> None:
    """The audit decides which event to report from the kind of access alone (from the automaton state) and
    builds the reason with the placements only then: the two must agree, unknown years or not."""
    from tipranking.analysis import access
    from tipranking.rules.clock import WatchListClock as Clock

    version = NAMED[name]
    year = data.draw(st.integers(version.first_report_year, version.last_report_year or LAST_KNOWN_REPORT_YEAR))
    history = data.draw(histories_with_unknowns(year))
    marks = Clock.marks(history)
    assert access.access_kind(history, marks, year, version) is access.access_of(history, marks, year, version).access


# --------------------------------------------------------------------------- every rule with memory has a machine


def _rule_classes_with_memory() -> list[type[Rule]]:
    """Every concrete rule class defined in a module of :mod:`tipranking.rules` whose rules read the history."""
    import importlib
    import inspect
    import pkgutil

    import tipranking.rules

    found: list[type[Rule]] = []
    for info in pkgutil.walk_packages(tipranking.rules.__path__, "tipranking.rules."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (cls.__module__ == module.__name__ and issubclass(cls, Rule) and not inspect.isabstract(cls)
                    and cls.reads_history):
                found.append(cls)
    return found


CLOCKS = sorted({v.clock for v in NAMED.values() if v.clock is not None}, key=repr)


@pytest.mark.parametrize("cls", _rule_classes_with_memory(), ids=lambda c: c.__name__)
def test_every_rule_class_with_memory_has_a_machine(cls: type[Rule]) -> None:
    """Without a machine, a statute holding the rule is placed by the rule tree alone (slower) and ``diff``
    refuses it. A new rule class with memory must give one (built here with its defaults)."""
    rule = cls()
    assert CLOCKS
    for clock in CLOCKS:
        assert rule.machine(clock) is not None, (cls.__name__, clock)


def test_the_rule_classes_with_memory_are_found() -> None:
    assert {c.__name__ for c in _rule_classes_with_memory()} >= {"AutomaticDowngrade", "WaiverAvailable",
                                                                "PostWaiverLimit"}


@pytest.mark.parametrize("name", list(NAMED))
def test_every_rule_with_memory_of_every_version_and_reading_has_a_machine(name: str) -> None:
    version = NAMED[name]
    with_memory = [r for r in version.rules() if r.reads_history]
    if with_memory:
        assert version.clock is not None, name
    for rule in with_memory:
        assert version.clock is not None and rule.machine(version.clock) is not None, (name, rule.rule_id)
    assert compiled(version) is not None, name
