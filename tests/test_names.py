"""One government, one name: a history matches the assessed country by the country table (issue 21, items 6
and 11), and each line of ``Placement.explain`` says in words whether its condition holds (item 9)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import tipranking.placing.compiler
from tipranking import (
    Assessment,
    Finding,
    History,
    MinimumStandards,
    Placement,
    Tier,
    WatchListFacts,
    place,
    place_many,
    statute_for,
)
from tipranking.data import placements
from tipranking.errors import HistoryError
from tipranking.placing import finding_text, interpret

Engine = Callable[[Assessment, History], Placement]
ENGINES: list[Engine] = [place, interpret]
ENGINE_IDS = ["place", "interpret"]


def _watch_list(country: str, year: int = 2023) -> Assessment:
    """A Watch List case: Tier 3 after two Watch List years, Tier 2 Watch List without them."""
    return Assessment(country, year, MinimumStandards(True, True, True, False), significant_efforts=True,
                      watch_list=WatchListFacts(False, True))


RUN: dict[int, Tier | str] = {2021: "2WL", 2022: "2WL"}


# --------------------------------------------------------------------------- one government, one name


@pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)
@pytest.mark.parametrize(("assessed", "recorded"), [
    ("Myanmar", "Burma"),
    ("Burma", "Myanmar"),
    ("Cote d'Ivoire", "Côte d'Ivoire"),
    ("Türkiye", "Turkey"),
    ("Russian Federation", "Russia"),
])
def test_a_history_under_another_name_of_the_same_government_is_used(engine: Engine, assessed: str,
                                                                      recorded: str) -> None:
    """The history is read (two Watch List years: the clock runs out), and the placement keeps the assessment's
    spelling."""
    placement = engine(_watch_list(assessed), History.of(recorded, RUN))
    assert placement.tier is Tier.TIER_3 and placement.country == assessed
    assert placement == engine(_watch_list(assessed), History.of(assessed, RUN))


@pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)
def test_the_bundled_record_of_burma_places_myanmar(engine: Engine) -> None:
    burma = placements()["Burma"]
    myanmar = Assessment("Myanmar", 2023, MinimumStandards(True, True, True, False), significant_efforts=False)
    assert engine(myanmar, burma).tier is Tier.TIER_3
    assert engine(myanmar, burma).findings == engine(Assessment("Burma", 2023, myanmar.minimum_standards,
                                                                significant_efforts=False), burma).findings


@pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)
@pytest.mark.parametrize(("assessed", "recorded"), [
    ("Myanmar", "Thailand"),
    ("Congo, Republic of the", "Congo, Democratic Republic of the"),
    ("Burma", "Burmah"),  # a name the table does not know is not an alias
    ("Atlantis", "Burma"),
    ("Examplestan", "Samplonia"),
])
def test_another_governments_history_is_still_refused(engine: Engine, assessed: str, recorded: str) -> None:
    with pytest.raises(HistoryError, match="not of the assessed country") as info:
        engine(_watch_list(assessed), History.of(recorded, RUN))
    assert info.value.field == "history.country" and info.value.value == recorded


@pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)
def test_names_the_table_does_not_know_are_compared_as_before(engine: Engine) -> None:
    """Surrounding whitespace and case only: made-up names keep working as they did."""
    assert engine(_watch_list("Examplestan"), History.of(" examplestan ", RUN)).tier is Tier.TIER_3
    assert engine(_watch_list("ATLANTIS"), History.of("Atlantis", RUN)).tier is Tier.TIER_3
    with pytest.raises(HistoryError):
        engine(_watch_list("Example-stan"), History.of("Examplestan", RUN))


def test_equal_names_skip_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled engine compares the strings first: the lookup is off the path of the usual call."""
    def refuse(first: str, second: str) -> bool:
        raise AssertionError(f"same_government({first!r}, {second!r}) called for equal names")

    monkeypatch.setattr(tipranking.placing.compiler, "same_government", refuse)
    assert place(_watch_list("Examplestan"), History.of("Examplestan", RUN)).tier is Tier.TIER_3
    with pytest.raises(AssertionError, match="called for equal names"):
        place(_watch_list("Myanmar"), History.of("Burma", RUN))


def test_place_many_finds_the_history_of_the_same_government() -> None:
    histories = {"Burma": History.of("Burma", RUN), "Examplestan": History.of("Examplestan", RUN)}
    items = [_watch_list("Myanmar"), _watch_list("examplestan"), _watch_list("Thailand"), _watch_list("Burma")]
    assert list(place_many(items, histories).tiers) == [Tier.TIER_3, Tier.TIER_3, Tier.TIER_2_WATCH_LIST,
                                                        Tier.TIER_3]
    assert place_many(items, [histories["Burma"], None, None, None]).tiers[0] is Tier.TIER_3


def test_place_many_prefers_the_exact_key_and_refuses_two_histories_of_one_government() -> None:
    exact = {"Myanmar": History("Myanmar"), "Burma": History.of("Burma", RUN)}
    assert place_many([_watch_list("Myanmar")], exact).tiers == (Tier.TIER_2_WATCH_LIST,)
    with pytest.raises(HistoryError, match="place_many item 1: histories: more than one history") as info:
        place_many([_watch_list("Burma"), _watch_list("burma")], {"Burma": History("Burma"),
                                                                   "Myanmar": History("Myanmar")})
    assert info.value.value == ["Burma", "Myanmar"]


# --------------------------------------------------------------------------- explain: yes, no, unknown


@pytest.mark.parametrize(("holds", "answer"), [(True, "yes"), (False, "no"), (None, "unknown")])
def test_a_finding_line_leads_with_its_answer_then_the_condition(holds: bool | None, answer: str) -> None:
    finding = Finding("special_case", "TIP Report practice", holds, "ranked on the tier lists",
                      title="the report treats the country as a Special Case")
    assert finding_text(finding) == (f"{answer}: the report treats the country as a Special Case — "
                                     "ranked on the tier lists [TIP Report practice]")


def test_a_reason_that_states_the_condition_is_not_repeated_and_a_finding_without_title_shows_its_reason() -> None:
    assert finding_text(Finding("s1", "", True, "standard 1 (x): met", title="standard 1 (x)")) == \
        "yes: standard 1 (x): met"
    assert finding_text(Finding("indicium_7", "§ 7106(b)(7)", False, "indicium 7: not shown")) == \
        "no: indicium 7: not shown [§ 7106(b)(7)]"


def _finding_lines(placement: Placement) -> list[str]:
    lines = placement.explain().splitlines()
    return lines[lines.index("  findings:") + 1:]


def test_explain_lines_say_whether_each_condition_holds() -> None:
    special = _finding_lines(place(Assessment("Yemen", 2023, MinimumStandards(), special_case=True)))
    assert special == ["    yes: the report treats the country as a Special Case — described as a Special Case: "
                       "placed on none of the tier lists [TIP Report practice: Special Case (not a list of "
                       "22 U.S.C. § 7107(b)(1))]"]
    ranked = place(Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=None))
    lines = _finding_lines(ranked)
    assert lines[0] == ("    no: the report treats the country as a Special Case — ranked on the tier lists "
                        "[TIP Report practice: Special Case (not a list of 22 U.S.C. § 7107(b)(1))]")
    assert lines[-1] == ("    unknown: makes significant efforts to comply on concrete actions only, not commitments: "
                         "unknown [22 U.S.C. § 7107(b)(1)(B)]")
    assert "    yes: standard 1 (prohibits and punishes severe forms of trafficking): met [22 U.S.C. § 7106(a)(1)]" \
        in lines


def test_every_finding_line_answers_as_its_finding_holds() -> None:
    cases = [place(_watch_list("X"), History.of("X", RUN)),
             place(Assessment("X", 2023, MinimumStandards(True, None, True, False), significant_efforts=None)),
             place(_watch_list("X"), statute=statute_for(2023).without("policy_or_pattern")),
             interpret(_watch_list("X", 2010), History.of("X", {2008: "2WL", 2009: "2WL"}))]
    answers = {True: "yes: ", False: "no: ", None: "unknown: "}
    for placement in cases:
        lines = _finding_lines(placement)
        assert len(lines) == len(placement.findings)
        for line, finding in zip(lines, placement.findings, strict=True):
            assert line.startswith("    " + answers[finding.holds]), line
            assert finding.title and finding.title in line, line


def test_a_rule_switched_off_says_which_rule_does_not_hold() -> None:
    placement = place(_watch_list("X"), statute=statute_for(2023).without("policy_or_pattern"))
    assert "    no: policy_or_pattern holds — policy_or_pattern removed (fixed by the rule set)" in \
        _finding_lines(placement)


def test_a_findings_title_is_descriptive_only() -> None:
    """Equality, hashing and repr are those of (rule, citation, holds, reason), as before the title."""
    titled = Finding("a", "c", True, "r", title="the condition")
    assert titled == Finding("a", "c", True, "r") and hash(titled) == hash(Finding("a", "c", True, "r"))
    assert repr(titled) == "Finding(rule='a', citation='c', holds=True, reason='r')"
