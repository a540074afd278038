"""The Hypothesis kit itself: how it is installed, what its failures say, how its values print, how fast its
histories shrink."""

from __future__ import annotations

import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from hypothesis.vendor.pretty import pretty

from tipranking import (
    Assessment,
    History,
    MinimumStandards,
    PolicyOrPattern,
    Tier,
    WatchListFacts,
    place,
    statute_for,
)
from tipranking.assessment import Indicia, PartialPlacement, WaiverJustification, YearPlacement
from tipranking.consequences import consequences
from tipranking.errors import FieldError
from tipranking.provisions import (
    AUTOMATIC_DOWNGRADE,
    LISTS,
    POLICY_OR_PATTERN,
    POST_WAIVER_LIMIT,
    TIER_1,
    TIER_3_RESTRICTIONS,
    WATCH_LIST,
)
from tipranking.rules import WatchListClock
from tipranking.testing.invariants import (
    check_citations_in_force,
    check_history,
    check_monotonic,
    check_no_watch_list_before_2004,
    check_policy_or_pattern,
    check_post_waiver_limit,
    check_restrictions_only_for_tier_3,
    check_tier_1_iff_all_standards,
    check_waivers,
    check_watch_list_runs,
)
from tipranking.testing.strategies import assessments, histories

ROOT = Path(__file__).resolve().parents[1]
HINT = "pip install 'tipranking[testing]'"
PRONE = {"significant_efforts": True, "minimum_standards": MinimumStandards(True, True, True, False),
         "policy_or_pattern": False, "special_case": False}
NAMESPACE: dict[str, Any] = {c.__name__: c for c in (Assessment, History, MinimumStandards, Indicia, WatchListFacts,
                                                      WaiverJustification, YearPlacement, PartialPlacement, Tier,
                                                      PolicyOrPattern)}


# --------------------------------------------------------------------------------------------- install


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.mark.parametrize("module", ["tipranking.testing", "tipranking.testing.strategies",
                                    "tipranking.testing.invariants"])
def test_without_hypothesis_the_import_error_says_what_to_install(module: str) -> None:
    result = _python("import sys\nsys.modules['hypothesis'] = None\nimport tipranking\ntry:\n"
                     f"    import {module}\nexcept ImportError as err:\n    print(type(err).__name__, err.name, err)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("ImportError hypothesis tipranking.testing needs Hypothesis, which is not "
                                     f"installed: {HINT}")


def test_too_old_a_hypothesis_is_refused_with_the_same_hint() -> None:
    # Importing Hypothesis runs its entry point, which imports the kit: forget the kit, then import it again.
    result = _python("import sys, hypothesis\nhypothesis.__version_info__ = (6, 99, 3)\n"
                     "hypothesis.__version__ = '6.99.3'\n"
                     "for name in [m for m in sys.modules if m.startswith('tipranking.testing')]:\n"
                     "    del sys.modules[name]\n"
                     "import tipranking.testing")
    assert result.returncode == 1
    assert f"ImportError: tipranking.testing needs Hypothesis 6.100 or later, not 6.99.3: {HINT}" in result.stderr


def test_with_too_old_a_hypothesis_the_entry_point_registers_nothing_and_breaks_nothing() -> None:
    result = _python("import sys, hypothesis\nhypothesis.__version_info__ = (6, 99, 3)\n"
                     "for name in [m for m in sys.modules if m.startswith('tipranking.testing')]:\n"
                     "    del sys.modules[name]\n"
                     "from importlib.metadata import entry_points\n"
                     "[hook] = [e for e in entry_points(group='hypothesis') if e.value.startswith('tipranking')]\n"
                     "hook.load()()\nprint('tipranking.testing.strategies' in sys.modules)")
    assert (result.returncode, result.stdout.strip()) == (0, "False"), result.stderr


def test_the_testing_extra_and_its_old_name_pin_the_same_hypothesis() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert extras["testing"] == extras["hypothesis"] == ["hypothesis>=6.100"]  # the pin the import check holds to


# --------------------------------------------------------------------------------------------- messages

WL = Tier.TIER_2_WATCH_LIST


def _message(check: Any, *args: Any) -> str:
    with pytest.raises(AssertionError) as info:
        check(*args)
    return str(info.value)


def _broken_place(assessment: Assessment, history: History | None = None, statute: Any = None) -> Any:
    """Reads "no Watch List criterion met" as "no significant efforts": a better finding, a worse tier."""
    if assessment.watch_list == WatchListFacts(False, False):
        assessment = attrs.evolve(assessment, significant_efforts=False)
    return place(assessment, history, statute)


def test_a_monotonicity_failure_names_the_finding_and_both_tiers_with_their_provisions() -> None:
    a = Assessment("Examplestan", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                   watch_list=WatchListFacts(False, True))
    before = place(a)
    after = place(attrs.evolve(a, watch_list=WatchListFacts(False, False), significant_efforts=False))
    assert (before.tier, after.tier) == (WL, Tier.TIER_3)
    assert before.decided_by is not None and after.decided_by is not None
    message = _message(check_monotonic, a, None, None, _broken_place)
    assert message == (
        f"{LISTS.citation}: making one fact of Examplestan 2023 better (tvpra-2019) gave a worse tier: "
        f"watch_list.no_evidence_of_increasing_efforts from True to False moved it from Tier 2 Watch List "
        f"({before.decided_by.citation}: {before.decided_by.reason}) to Tier 3 "
        f"({after.decided_by.citation}: {after.decided_by.reason})")
    check_monotonic(a)  # the real rules hold


def test_a_monotonicity_failure_names_a_policy_or_pattern_dropped() -> None:
    a = Assessment("Examplestan", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                   watch_list=WatchListFacts(False, False), policy_or_pattern={PolicyOrPattern.FORCED_LABOR})

    def backwards(assessment: Assessment, history: History | None = None, statute: Any = None) -> Any:
        return place(attrs.evolve(assessment, policy_or_pattern={PolicyOrPattern.FORCED_LABOR}
                                  if not assessment.policy_or_pattern else frozenset()), history, statute)

    message = _message(check_monotonic, a, None, None, backwards)
    assert "policy_or_pattern.forced_labor from documented to not documented moved it from Tier 2 (" in message
    assert "to Tier 3 (22 U.S.C. § 7107(b)(3)(B)" in message


def test_tier_1_messages_name_the_standards_and_the_tier() -> None:
    short = Assessment("Examplestan", 2022, MinimumStandards(True, None, True, False), significant_efforts=True,
                       watch_list=WatchListFacts(False, False))
    full = Assessment("Examplestan", 2022, MinimumStandards.all_met())
    assert _message(check_tier_1_iff_all_standards, short, place(full)) == (
        f"{TIER_1.citation}: Examplestan 2022 (tvpra-2019) is placed on Tier 1 but does not meet all four minimum "
        "standards: standard 2 (grave_crime_penalties) None, standard 4 (serious_and_sustained_efforts) False")
    tier_2 = place(short)
    assert tier_2.decided_by is not None
    assert _message(check_tier_1_iff_all_standards, full, tier_2) == (
        f"{TIER_1.citation}: Examplestan 2022 (tvpra-2019) meets all four minimum standards with no policy or "
        f"pattern documented, but is placed on Tier 2 ({tier_2.decided_by.citation}: {tier_2.decided_by.reason}), "
        "not Tier 1")
    proof = attrs.evolve(full, policy_or_pattern={PolicyOrPattern.CHILD_SOLDIERS})
    assert _message(check_tier_1_iff_all_standards, proof, place(full)).endswith(
        f"is placed on Tier 1 though a documented policy or pattern (child_soldiers) is proof of no significant "
        f"efforts under {POLICY_OR_PATTERN.citation}")


def test_history_messages_name_the_country_the_years_and_the_values() -> None:
    assert _message(check_no_watch_list_before_2004, History.of("Samplonia", {2003: "2WL"})) == (
        f"{WATCH_LIST.citation}: Samplonia is on the Watch List in the 2003 report, before the Watch List existed "
        "(from the 2004 report)")
    four = History.of("Samplonia", {2021: "2WL", 2022: "2WL", 2023: "2WL", 2024: "2WL"})
    assert _message(check_watch_list_runs, four) == (
        f"{AUTOMATIC_DOWNGRADE.citation}-(ii): Samplonia is on the Watch List in 2024 for the 4th consecutive report "
        "(2021-2024); the statute in force (tvpra-2019) allows 2 years plus 1 waiver year(s)")
    unwaived = History("Samplonia", [YearPlacement(y, WL, False) for y in (2021, 2022, 2023)])
    message = _message(check_waivers, unwaived)
    assert message.startswith(f"{AUTOMATIC_DOWNGRADE.citation}: Samplonia is on the Watch List in 2023, its 3rd "
                              "consecutive year (2021-2023), without a waiver (waiver=False)")
    assert message.endswith("(tvpra-2019)")
    stayed = History.of("Samplonia", {2019: "2WL", 2020: "2WL", 2021: "2WL", 2022: "3", 2023: "2WL", 2024: "2WL"},
                        waivers=[2021])
    assert _message(check_post_waiver_limit, stayed) == (
        f"{POST_WAIVER_LIMIT.citation}, 2024 report: Samplonia returned to the Watch List in 2023 after the run "
        "2019-2021 and Tier 3 in 2022, and stayed 2 consecutive reports; at most 1 is allowed (tvpra-2019)")


def test_placement_messages_name_the_kinds_the_provisions_and_the_restrictions() -> None:
    plain = Assessment("Illustria", 2021, MinimumStandards(True, True, True, False), significant_efforts=True,
                       watch_list=WatchListFacts(False, False))
    tier_2 = place(plain)
    assert tier_2.decided_by is not None
    documented = attrs.evolve(plain, policy_or_pattern={PolicyOrPattern.FORCED_LABOR, PolicyOrPattern.TRAFFICKING})
    assert _message(check_policy_or_pattern, documented, tier_2) == (
        f"{POLICY_OR_PATTERN.citation}: Illustria 2021 has a documented policy or pattern (forced_labor, trafficking) "
        f"but is placed on Tier 2 ({tier_2.decided_by.citation}: {tier_2.decided_by.reason}), not Tier 3")

    late = place(attrs.evolve(plain, significant_efforts=False))
    early = attrs.evolve(late, report_year=2010)  # the same findings, read in a report before 2019
    message = _message(check_citations_in_force, early)
    assert "Illustria 2010 (tvpra-2019) cites" in message and "not in the 2010 report" in message
    assert "in force from the 2019 report" in message

    tier_3 = consequences(("Illustria", 2021, Tier.TIER_3))
    wrong = attrs.evolve(tier_3, tier=Tier.TIER_2)
    listed = ", ".join(f"{r.category} [{r.citation}]" for r in tier_3.tier3)
    assert _message(check_restrictions_only_for_tier_3, wrong) == (
        f"{TIER_3_RESTRICTIONS.citation}: Illustria 2021 is on Tier 2 but has Tier 3 restrictions: {listed}")


@settings(max_examples=200, database=None, deadline=None)
@given(histories(first=2019, before=2028, lawful=True, assessments_with=PRONE,
                 statute=attrs.evolve(statute_for(2023), clock=WatchListClock(counts_from=2009, free_years=3))))
def _three_free_years(history: History) -> None:
    check_history(history)


def test_a_failing_property_prints_the_message_once() -> None:
    with pytest.raises(AssertionError) as info:
        _three_free_years()
    message = str(info.value)
    assert message.startswith(AUTOMATIC_DOWNGRADE.citation)
    printed = "\n".join([message, *getattr(info.value, "__notes__", [])])
    assert printed.count(message) == 1


# --------------------------------------------------------------------------------------------- printing


@given(st.one_of(assessments(special_case=None, unknowns=True), histories(lawful=True), histories()))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_values_print_compactly_and_read_back(value: Assessment | History) -> None:
    text = pretty(value)
    assert eval(text, NAMESPACE) == value
    assert "=None" not in text and "=frozenset()" not in text and "=()" not in text  # no field left at its default
    if isinstance(value, Assessment) and value.indicia == Indicia():
        assert "indicia" not in text
    assert repr(value).startswith(f"{type(value).__name__}(country=")  # repr itself is attrs' own, unchanged


def test_compact_forms() -> None:
    a = Assessment("Examplestan", 2023, MinimumStandards(True, True, None, False), significant_efforts=True,
                   watch_list=WatchListFacts(True, False))
    assert pretty(a) == ("Assessment(\n    'Examplestan',\n    2023,\n    MinimumStandards(True, True, None, False),\n"
                         "    significant_efforts=True,\n    watch_list=WatchListFacts(True, False),\n)")
    assert pretty(MinimumStandards()) == "MinimumStandards()"
    assert pretty(Indicia(progress=False)) == "Indicia(progress=False)"
    assert pretty(History.of("X", {2020: "2WL"}, waivers=[2020])) == (
        "History('X', (YearPlacement(2020, Tier.TIER_2_WATCH_LIST, waiver=True),))")


@settings(max_examples=200, database=None, deadline=None)
@given(assessments(report_year=2023))
def _never_on_the_watch_list(a: Assessment) -> None:
    assert place(a).tier is not WL


def test_a_falsifying_assessment_shows_only_what_is_set() -> None:
    with pytest.raises(AssertionError) as info:
        _never_on_the_watch_list()
    example = info.value.__notes__[0]
    assert "a=Assessment(\n        'Examplestan',\n        2023,\n" in example
    assert "significant_efforts=True" in example and "watch_list=WatchListFacts(" in example
    assert "None" not in example and "indicia" not in example and "report_year=" not in example


# --------------------------------------------------------------------------------------------- histories


def test_the_f_example_fails_and_shrinks_fast() -> None:
    calls = 0

    @settings(max_examples=200, database=None, deadline=None)
    @given(histories(first=2019, before=2028, lawful=True, statute=statute_for(2023).without("post_waiver_limit"),
                     assessments_with=PRONE))
    def without_f(history: History) -> None:
        nonlocal calls
        calls += 1
        check_history(history)

    started = time.perf_counter()
    with pytest.raises(AssertionError, match=r"§ 7107\(b\)\(2\)\(F\).*at most 1 is allowed") as info:
        without_f()
    assert time.perf_counter() - started < 5  # found and shrunk (the old strategy: found about one run in six, 30-70 s)
    assert calls < 1000
    shrunk = info.value.__notes__[0]
    assert 6 <= shrunk.count("YearPlacement(") <= 7  # the run, its waiver, Tier 3, the return: nothing else


def test_shrinking_keeps_runs_whole_and_moves_them_to_the_first_year() -> None:
    waived = find(histories(first=2019, before=2028, lawful=True, assessments_with=PRONE),
                  lambda h: any(p.waiver for p in h.placements), settings=settings(database=None, max_examples=2000))
    # The run to the waiver, whole, and nothing after it; at times a year or two off the Watch List before it (the
    # shrinker can stop at a local minimum), never the years to 2027 the old strategy always drew.
    first_year = waived.years[-3]
    assert waived.placements[-3:] == (YearPlacement(first_year, WL, False), YearPlacement(first_year + 1, WL, False),
                                      YearPlacement(first_year + 2, WL, True))
    assert waived.years == tuple(range(2019, first_year + 3)) and len(waived) <= 6
    assert all(p.tier is not WL for p in waived.placements[:-3])
    run = find(histories(first=2004), lambda h: sum(p.tier is WL for p in h.placements) >= 4,
               settings=settings(database=None, max_examples=2000))
    assert run == History.of("Examplestan", {2004: "2WL", 2005: "2WL", 2006: "2WL", 2007: "2WL"})


@given(histories(first=2001, before=2004))
def test_free_histories_read_the_watch_list_before_2004_as_tier_2(history: History) -> None:
    assert all(p.tier is not WL and 2001 <= p.report_year < 2004 for p in history.placements)


@pytest.mark.parametrize("lawful", [False, True])
@pytest.mark.parametrize(("first", "before"), [(2001, 2002), (2003, 2009), (2019, 2028), (2025, 2040), (2010, 2010)])
def test_histories_stay_between_first_and_before(first: int, before: int, lawful: bool) -> None:
    found = find(histories(first=first, before=before, lawful=lawful), lambda h: True,
                 settings=settings(database=None, max_examples=2000))
    assert found == History("Examplestan")  # the simplest history is the empty one
    last = min(before, 2028)
    widest = find(histories(first=first, before=before, lawful=lawful, assessments_with={"special_case": False}),
                  lambda h: len(h) >= last - first, settings=settings(database=None, max_examples=2000))
    assert widest.years == tuple(range(first, last))

    @given(histories(first=first, before=before, lawful=lawful))
    @settings(max_examples=20, database=None)
    def inside(history: History) -> None:
        assert all(first <= y < before for y in history.years)

    inside()


def test_lawful_histories_refuse_fields_they_cannot_fix() -> None:
    for key in ("country", "report_year", "unknowns", "signficant_efforts"):
        with pytest.raises(FieldError) as info:
            histories(lawful=True, assessments_with={key: True})
        assert info.value.field == "assessments_with" and info.value.value == key


@given(histories(first=2019, before=2028, lawful=True,
                 assessments_with={**PRONE, "policy_or_pattern": frozenset({PolicyOrPattern.FORCED_LABOR})}))
def test_a_fixed_policy_or_pattern_is_a_field_value(history: History) -> None:
    assert all(p.tier is Tier.TIER_3 for p in history.placements)  # documented from 2019: proof of no efforts
