"""Bad input gets a specific error naming the field (and, for files, where); the CLI exits 2
with one line on stderr and nothing on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipranking import (
    Assessment,
    History,
    MinimumStandards,
    Tier,
    WatchListFacts,
    loads_assessments,
    place,
    statute_for,
)
from tipranking.cli import main
from tipranking.errors import (
    FieldError,
    MissingFactError,
    ParseError,
    ReportYearError,
    TipRankingError,
    UnknownTierError,
)

GOOD = {
    "country": "Examplestan", "report_year": 2023,
    "minimum_standards": {"prohibits_and_punishes": True, "grave_crime_penalties": True,
                          "deterrent_penalties": True, "serious_and_sustained_efforts": False},
    "significant_efforts": True,
    "watch_list": {"victims_very_significant_or_increasing": False, "no_evidence_of_increasing_efforts": True},
}


def _with(**changes: object) -> str:
    item = {**GOOD, **changes}
    return json.dumps([GOOD | {"country": "Other"}, {k: v for k, v in item.items() if v is not ...}])


def test_good_input_parses() -> None:
    (_, second) = loads_assessments(_with())
    assert place(second.assessment).tier is Tier.TIER_2_WATCH_LIST


@pytest.mark.parametrize(("text", "error", "fragments"), [
    (_with(history=[{"report_year": 2022, "tier": "4"}]), UnknownTierError, ["item 1", "history[0].tier", "'4'"]),
    (_with(country=...), FieldError, ["item 1", "country", "missing"]),
    (_with(report_year=1999), ReportYearError, ["item 1", "report_year", "1999"]),
    (_with(report_year=2031), ReportYearError, ["report_year", "2031"]),
    (_with(significant_efforts="yes"), FieldError, ["item 1", "significant_efforts", "'yes'", "true, false"]),
    (_with(signficant_efforts=True), FieldError, ["item 1", "signficant_efforts", "unknown key",
                                                  "did you mean 'significant_efforts'"]),
    (_with(minimum_standards={"prohibits_and_punishes": True}), FieldError,
     ["minimum_standards.grave_crime_penalties", "missing"]),
    (_with(indicia={"13": True}), FieldError, ["indicia.13", "unknown key"]),
    (_with(policy_or_pattern=["slavery"]), FieldError, ["policy_or_pattern[0]", "'slavery'"]),
    (_with(history=[{"report_year": 2021, "tier": "2"}, {"report_year": 2021, "tier": "3"}]), FieldError,
     ["history[1].report_year", "duplicate"]),
    ("", ParseError, ["empty"]),
    ("   \n", ParseError, ["empty"]),
    ("[]", ParseError, ["empty list"]),
    ('{"country": "X",', ParseError, ["line 1", "invalid JSON"]),
    (json.dumps([GOOD, GOOD]), FieldError, ["item 1", "country", "twice", "item 0"]),
])
def test_bad_input_names_the_field(text: str, error: type[Exception], fragments: list[str]) -> None:
    with pytest.raises(error) as info:
        loads_assessments(text)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    assert isinstance(info.value, TipRankingError)


def test_unknown_tier_string() -> None:
    with pytest.raises(UnknownTierError, match="'Tier 4'"):
        Tier.parse("Tier 4")


@pytest.mark.parametrize(("spelling", "tier"), [
    ("1", Tier.TIER_1), ("2", Tier.TIER_2), ("2WL", Tier.TIER_2_WATCH_LIST), ("3", Tier.TIER_3),
    ("special_case", Tier.SPECIAL_CASE), ("Tier 2 Watch List", Tier.TIER_2_WATCH_LIST), ("Tier 3", Tier.TIER_3),
    ("Special Case", Tier.SPECIAL_CASE), ("tier 1", Tier.TIER_1), (" 2wl ", Tier.TIER_2_WATCH_LIST),
])
def test_tier_spellings(spelling: str, tier: Tier) -> None:
    assert Tier.parse(spelling) is tier


def test_python_api_validates_too() -> None:
    with pytest.raises(FieldError, match="significant_efforts"):
        Assessment("X", 2023, MinimumStandards(True, True, True, True), significant_efforts=1)  # type: ignore[arg-type]
    with pytest.raises(ReportYearError):
        statute_for(2000)
    with pytest.raises(ReportYearError):
        Assessment("X", True, MinimumStandards())  # type: ignore[arg-type]


def test_commitments_criterion_outside_its_years_is_an_error() -> None:
    text = _with(watch_list={"victims_very_significant_or_increasing": False,
                             "no_evidence_of_increasing_efforts": False, "commitments_for_next_year": True})
    # Checked when the item is read, so the error names the item (and still when placed from Python).
    with pytest.raises(FieldError, match=r"^<text>: item 1: watch_list.commitments_for_next_year: .*2004-2018"):
        loads_assessments(text)
    a = Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                   watch_list=WatchListFacts(False, False, True))
    with pytest.raises(FieldError, match=r"commitments_for_next_year.*2004-2018"):
        place(a)


def test_an_indicium_before_its_provision_names_the_item() -> None:
    text = _with(report_year=2005, indicia={"12": True})
    with pytest.raises(FieldError, match=r"^<text>: item 1: indicia.12: this indicium applies from the 2006 report"):
        loads_assessments(text)


def test_many_unknowns_are_placed_over_sets_of_clock_states() -> None:
    """Four unknown years and nine unknown findings: the reference interpreter refuses (it would enumerate
    82,944 completions); the compiled statute carries the set of reachable Watch List clock states instead."""
    from tipranking import WaiverJustification
    from tipranking.placing import interpret

    a = Assessment("X", 2023, MinimumStandards(), significant_efforts=None,
                   waiver_justification=WaiverJustification(None, None, None))
    history = History("X", [], unknown_years={2019, 2020, 2021, 2022})
    p = place(a, history)
    assert p.tier is None and p.possible_tiers == set(Tier) - {Tier.SPECIAL_CASE}
    deciding = {d.field for d in p.deciding}
    assert {"history.2020", "history.2021", "history.2022", "significant_efforts"} <= deciding
    # 2019 cannot matter in 2023: the run it could start has reached Tier 3 (or left the list) by 2022
    # whatever the later years were, and the one-year limit after a waiver looks back only to 2020.
    assert "history.2019" in p.irrelevant
    with pytest.raises(MissingFactError, match="165888 completions"):  # with (I)'s 2019 proportional-actions element
        interpret(a, history)


def test_indicium_before_it_existed() -> None:
    text = _with(report_year=2002, watch_list=..., indicia={"12": True})
    with pytest.raises(FieldError, match=r"indicia\.12.*2006"):
        place(loads_assessments(text)[1].assessment)


@pytest.mark.parametrize("content", ["", "{", json.dumps({**GOOD, "signficant_efforts": True}),
                                     json.dumps({**GOOD, "report_year": 1999})])
def test_cli_bad_input_exits_2_with_nothing_on_stdout(content: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    assert main(["place", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("tipranking: error:") and err.count("\n") == 1


def test_cli_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["place", "/nonexistent/x.json"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert main(["place", str(path), "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)["items"]
    assert item["tier"] == "2WL" and item["statute"] == "tvpra-2019" and item["events"] == []
    assert {"country", "report_year", "tier", "statute", "findings", "events"} <= item.keys()
    assert any(f["rule"] == "watch_list" and f["holds"] and f["citation"] == "22 U.S.C. § 7107(b)(2)(A)(iii)"
               for f in item["findings"])
