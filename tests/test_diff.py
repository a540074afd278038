"""``diff``: the classes of inputs two statute versions place differently, and the replay of the record.

What a class promises is checked against ``place`` itself, never against the diff's own answers: an input
lies in a class exactly when the two versions place it differently (by tier, possible tiers, or one
refusing it), then in exactly one class, and the class's sides say what each version does with it.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tipranking.facts as facts
from tipranking import Assessment, History, MinimumStandards, Tier, place
from tipranking.analysis.diff import (
    MAX_TOGETHER,
    DiffClass,
    Side,
    StatuteDiff,
    diff,
    not_compared,
)
from tipranking.analysis.outlook import lawful_tiers, outlook
from tipranking.cli import main
from tipranking.data import placements
from tipranking.errors import FieldError, InputTypeError, StatuteError, TipRankingError
from tipranking.formats.bills import load_bill
from tipranking.provisions import provision
from tipranking.rules.base import Case, Leaf
from tipranking.rules.clock import WatchListClock
from tipranking.rules.downgrade import WaiverAvailable
from tipranking.statute import Statute, statute_named

NO_WAIVER = statute_named("tvpra-2019").replace_rule("waiver_available", WaiverAvailable(max_years=0),
                                                     name="no-waiver bill")
THREE_YEARS = attrs.evolve(statute_named("tvpra-2019"), clock=WatchListClock(counts_from=2009, free_years=3),
                           name="three-year clock bill")
PAIRS: list[tuple[Statute | str, Statute | str]] = [
    ("tvpra-2008", "tvpra-2019"),
    ("tvpra-2019", "tvpra-2019+f-every-return"),
    ("tvpra-2019", NO_WAIVER),
    ("tvpra-2019", THREE_YEARS),
    ("tvpra-2003", "tvpra-2008"),
]


@functools.cache
def _diff(a: Statute | str, b: Statute | str) -> StatuteDiff:
    return diff(a, b, record=None)


def _answer(version: Statute | str, assessment: Assessment, history: History) -> tuple[Any, ...]:
    try:
        p = place(assessment, history, version)
    except TipRankingError:
        return ("refused",)
    return ("placed", p.tier, p.possible_tiers, p.citation)


def _differ(x: tuple[Any, ...], y: tuple[Any, ...]) -> bool:
    if x[0] == "refused" or y[0] == "refused":
        return x[0] != y[0]
    return x[1:3] != y[1:3]


def _describes(side: Side, answer: tuple[Any, ...]) -> bool:
    """Whether ``side`` of a class says what a version did with an input."""
    if side.refusal is not None:
        return answer[0] == "refused"
    if answer[0] == "refused":
        return False
    if side.varies:  # open for every input, possible tiers varying within the side's; or placed at all
        return not side.possible_tiers or (answer[1] is None and answer[2] <= side.possible_tiers)
    if side.tier is not None:
        return answer[1] is side.tier and answer[3] in side.citations
    return answer[1] is None and answer[2] == side.possible_tiers


# --------------------------------------------------------------------------- random raw inputs


_VALUES = {"optional": st.sampled_from([True, False, None]), "flag": st.booleans(), "documented": st.booleans()}


@st.composite
def _inputs(draw: st.DrawFn, year: int) -> tuple[Assessment, History]:
    values = {f.path: draw(_VALUES[f.kind]) for f in facts.catalogue()
              if draw(st.booleans()) or f.group in (None, "watch_list", "minimum_standards")}
    assessment = facts.with_values(Assessment("Examplestan", year, MinimumStandards()), values)
    tiers = {y: draw(st.sampled_from(["1", "2", "2WL", "2WL", "3", "special_case", None]))
             for y in range(2004, year)}
    return assessment, History.of("Examplestan", {y: t for y, t in tiers.items() if t is not None})


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=lambda v: getattr(v, "name", v))
@given(data=st.data())
def test_an_input_is_in_one_class_exactly_when_the_versions_place_it_differently(
        a: Statute | str, b: Statute | str, data: st.DataObject) -> None:
    d = _diff(a, b)
    assessment, history = data.draw(_inputs(d.report_year))
    got_a, got_b = _answer(a, assessment, history), _answer(b, assessment, history)
    holding = [c for c in d.classes if c.contains(assessment, history)]
    if _differ(got_a, got_b):
        assert len(holding) == 1, (got_a, got_b, holding)
        (found,) = holding
        assert _describes(found.a, got_a) and _describes(found.b, got_b), (found, got_a, got_b)
        assert d.classify(assessment, history) is found
    else:
        assert holding == [], (got_a, got_b)
        assert d.classify(assessment, history) is None


# --------------------------------------------------------------------------- exhaustive checks


def _points(d: StatuteDiff, a: Statute | str, b: Statute | str) -> Iterator[tuple[tuple[Any, ...], bool, Any, Any]]:
    for point, assessment, history in d._space.iter_points():
        got_a, got_b = _answer(a, assessment, history), _answer(b, assessment, history)
        yield point, _differ(got_a, got_b), got_a, got_b


def _inside(c: DiffClass, keys: list[str], point: tuple[Any, ...]) -> bool:
    values = dict(zip(keys, point, strict=True))
    return all(cond.holds(values[cond.variable.key]) for cond in c.conditions)


@pytest.mark.parametrize(("a", "b"), PAIRS[:3], ids=lambda v: getattr(v, "name", v))
def test_every_point_of_the_input_space_is_covered_once_and_each_class_is_minimal(
        a: Statute | str, b: Statute | str) -> None:
    """By enumeration over every realizable input (each with a representative assessment and history, placed
    by ``place``): completeness and disjointness, then minimality -- widening any one condition of a class to
    every value takes in an input placed alike, one the class's sides do not describe, or one of an earlier
    class (a partition cannot in general be made of prime implicants: x or y has two, and they overlap)."""
    d = _diff(a, b)
    keys = [v.key for v in d.variables]
    points = list(_points(d, a, b))
    assert points and d.classes
    for point, differs, got_a, got_b in points:
        holding = [c for c in d.classes if _inside(c, keys, point)]
        assert len(holding) == (1 if differs else 0), (point, got_a, got_b, holding)
        if differs:
            assert _describes(holding[0].a, got_a) and _describes(holding[0].b, got_b)
    for n, c in enumerate(d.classes):
        earlier = d.classes[:n]
        for cond in c.conditions:
            wider = attrs.evolve(c, conditions=tuple(
                attrs.evolve(x, values=x.variable.domain) if x is cond else x for x in c.conditions))
            taken = [(point, differs, ga, gb) for point, differs, ga, gb in points
                     if _inside(wider, keys, point) and not _inside(c, keys, point)]
            assert taken, f"class {c}: the condition {cond} takes nothing out"
            assert any(not differs or not (_describes(c.a, ga) and _describes(c.b, gb))
                       or any(_inside(e, keys, point) for e in earlier) for point, differs, ga, gb in taken), (
                f"class {c} can drop {cond}")


# --------------------------------------------------------------------------- the 2008 act against the 2019 act


def _with(d: StatuteDiff, predicate: Any) -> list[DiffClass]:
    return [c for c in d.classes if predicate(c)]


def _conditions(c: DiffClass) -> dict[str, tuple[Any, ...]]:
    return {cond.variable.key + "@" + ",".join(cond.variable.statutes): cond.values for cond in c.conditions}


def test_2008_against_2019_reports_the_changes_with_their_citations() -> None:
    d = _diff("tvpra-2008", "tvpra-2019")
    assert (d.a, d.b, d.report_year) == ("tvpra-2008", "tvpra-2019", 2019)
    # the third Watch List criterion is gone: stating it is refused (saying where its substance went), and
    # unknown it no longer matters
    refused = _with(d, lambda c: c.b.refusal is not None)
    crit_iii = [c for c in refused if "commitments_for_next_year" in (c.b.refusal or "")]
    assert crit_iii and all(c.b.citations == ("22 U.S.C. § 7107(b)(2)(A)(iii)",) for c in crit_iii)
    assert all("22 U.S.C. § 7107(b)(1)(B)" in (c.b.refusal or "") for c in crit_iii)
    assert all(_conditions(c)["finding:watch_list.commitments_for_next_year@tvpra-2008"] == (True, False)
               for c in crit_iii)
    # all four minimum standards with a policy or pattern: placed under 2008 (which has no proof), refused from
    # 2019 ((b)(3)(B) applies only to a government that does not fully comply) -- never Tier 1 -> Tier 3
    (full,) = [c for c in refused if c not in crit_iii]
    assert full.b.citations == ("22 U.S.C. § 7107(b)(3)(B)",) and full.b.refusal.startswith("policy_or_pattern:")
    assert full.a.varies and not full.a.possible_tiers
    assert not _with(d, lambda c: c.a.tier is Tier.TIER_1 and c.b.tier is Tier.TIER_3)
    open_then_tier2 = _with(d, lambda c: c.b.tier is Tier.TIER_2 and c.a.tier is None
                            and Tier.TIER_2_WATCH_LIST in c.a.possible_tiers)
    assert open_then_tier2, "criterion (III) unknown leaves the Watch List open under 2008, not under 2019"
    # criterion (I): from 2019 a very significant number of victims is no criterion where the country takes
    # proportional concrete actions -- the Watch List under 2008, Tier 2 under 2019
    narrowed = _with(d, lambda c: c.a.tier is Tier.TIER_2_WATCH_LIST and c.b.tier is Tier.TIER_2
                     and c.a.citations == ("22 U.S.C. § 7107(b)(2)(A)(iii)",))
    assert narrowed
    for c in narrowed:
        facts = c.example[0].watch_list
        assert facts is not None
        assert (facts.victims_very_significant_or_increasing, facts.no_evidence_of_increasing_efforts,
                facts.no_proportional_concrete_actions) == (True, False, False)
        labels = {(x.variable.label, x.variable.statutes): x.values for x in c.conditions}
        old = [v for (label, who), v in labels.items() if who == ("tvpra-2008",) and "absolute number" in label]
        new = [v for (label, who), v in labels.items() if who == ("tvpra-2019",) and "estimated number" in label
               and "proportional concrete actions" in label]
        assert old == [(True,)] and new == [(False,)]
    # one waiver year instead of two
    waiver = _with(d, lambda c: c.a.tier is Tier.TIER_2_WATCH_LIST and c.a.citations == (
        "22 U.S.C. § 7107(b)(2)(D)(ii)",) and c.b.tier is Tier.TIER_3 and c.b.citations == (
        "22 U.S.C. § 7107(b)(2)(D)(i)",))
    assert waiver
    for c in waiver:
        by_statute = {(x.variable.label, x.variable.statutes): x.values for x in c.conditions}
        assert by_statute[("a waiver of the downgrade is still available", ("tvpra-2008",))] == (True,)
        assert by_statute[("a waiver of the downgrade is still available", ("tvpra-2019",))] == (False,)
    # the post-waiver limit of (F), and the policy-or-pattern proof
    assert _with(d, lambda c: c.b.tier is Tier.TIER_3 and c.b.citations == ("22 U.S.C. § 7107(b)(2)(F)",)
                 and c.a.tier is Tier.TIER_2_WATCH_LIST)
    proof = _with(d, lambda c: c.b.tier is Tier.TIER_3 and c.b.citations == ("22 U.S.C. § 7107(b)(3)(B)",))
    assert proof and all(Tier.TIER_1 not in c.a.possible_tiers or c.a.tier is None for c in proof)
    # each version's guard in its own words: one condition for both, labelled with each wording
    compliance = {x.variable.label for c in d.classes for x in c.conditions if x.variable.label.startswith(
        "fully complies")}
    assert compliance == {"fully complies with the minimum standards [tvpra-2008] / fully complies with the minimum "
                          "standards (based only on concrete actions recorded in the reporting period) [tvpra-2019]"}


def test_the_diff_lists_what_it_did_not_compare() -> None:
    d = _diff("tvpra-2008", "tvpra-2019")
    listed = {n.citation: n for n in d.not_compared}
    for citation in ("22 U.S.C. § 7107(b)(3)(D)-(F)", "22 U.S.C. § 7107(b)(1)(H)", "22 U.S.C. § 7107(b)(4)",
                     "22 U.S.C. § 7107(b)(2)(E)", "22 U.S.C. § 7102 (concrete actions, credible information)",
                     "22 U.S.C. § 7106(b)(1), (7) (2019 text)", "22 U.S.C. § 7107(b)(1)(A)-(B) (concrete actions)"):
        assert citation in listed and listed[citation].first_report_year == 2019 and listed[citation].change
        assert listed[citation].citation == provision(citation).citation
    # what the classes compare is not listed: every provision a rule of either version decides on
    decided = {r.provision.citation for v in (statute_named("tvpra-2008"), statute_named("tvpra-2019"))
               for r in v.rules() if r.provision is not None and (r.reads or r.reads_history)}
    assert {"22 U.S.C. § 7107(b)(2)(F)", "22 U.S.C. § 7107(b)(3)(B)", "22 U.S.C. § 7107(b)(2)(A)(iii)"} <= decided
    assert not decided & set(listed)
    # two variants of one version differ only in their rules: nothing is left uncompared
    assert _diff("tvpra-2019", "tvpra-2019+f-every-return").not_compared == ()
    assert not_compared("tvpra-2019", "tvpra-2008") == d.not_compared


def test_replaying_the_record_names_the_governments_whose_2018_waiver_was_their_first() -> None:
    d = diff("tvpra-2008", "tvpra-2019")
    assert d.record == "bundled record" and d.moves is not None
    in_2019 = {m.country: m for m in d.moves if m.report_year == 2019}
    for country in ("Kuwait", "Niger", "Eswatini", "Senegal", "Hong Kong"):
        move = in_2019[country]
        assert Tier.TIER_2_WATCH_LIST in move.lawful_a and Tier.TIER_2_WATCH_LIST not in move.lawful_b
        assert [r.citation for r in move.reasons_b] == ["22 U.S.C. § 7107(b)(2)(D)(i)"]
        assert move.readings == ()  # the one-waiver rule: no reading of (F) changes it
        assert "1 of 1" in move.reasons_b[0].reason
    # (F) from a trigger before 2019 closes the Watch List in 2019 -- by the package's reading of (F)(a); read as
    # f-from-2019 the Watch List stays open, and the move says so
    for country in ("Guinea", "Haiti", "Mali", "Suriname", "The Gambia"):
        move = in_2019[country]
        assert [r.citation for r in move.reasons_b] == ["22 U.S.C. § 7107(b)(2)(F)"]
        (reading,) = move.readings
        assert (reading.statute, reading.reading) == ("tvpra-2019", "f-from-2019")
        assert Tier.TIER_2_WATCH_LIST in reading.lawful and reading.lawful == move.lawful_a
    assert "Cuba" not in in_2019 and "Saudi Arabia" not in in_2019
    record = placements()
    for m in d.moves:  # each move is what the outlook says under each version
        seen_a, seen_b = outlook(record[m.country], m.report_year, "tvpra-2008"), outlook(
            record[m.country], m.report_year, "tvpra-2019")
        assert (m.lawful_a, m.lawful_b) == (seen_a.allowed, seen_b.allowed)
        assert m.tier == record[m.country].tier_in(m.report_year)


def test_the_replay_misses_no_government_year_whose_lawful_tiers_differ() -> None:
    record = placements()
    some = dict(list(record.items())[::9])
    d = diff("tvpra-2008", "tvpra-2019", record=some)
    moved = {(m.country, m.report_year) for m in d.moves or ()}
    for country, history in some.items():
        for year in history.years:
            differs = lawful_tiers(history, year, "tvpra-2008") != lawful_tiers(history, year, "tvpra-2019")
            assert ((country, year) in moved) == differs, (country, year)


def test_lawful_tiers_is_the_outlook_without_its_reasons() -> None:
    record = placements()
    for country in ("Malaysia", "Algeria", "Cuba", "Turkmenistan", "Haiti"):
        for year in (2012, 2019, 2024):
            seen = outlook(record[country], year)
            assert lawful_tiers(record[country], year) == (seen.allowed, tuple(u.tier for u in seen.undetermined))


# --------------------------------------------------------------------------- bills and variants


def test_a_bill_without_the_waiver_moves_the_third_watch_list_year_to_tier_3() -> None:
    d = _diff("tvpra-2019", NO_WAIVER)
    assert d.classes
    for c in d.classes:
        assert c.a.tier is not Tier.TIER_3 or c.a.varies
        assert Tier.TIER_3 in ({c.b.tier} | c.b.possible_tiers)
    assert any(c.a.tier is Tier.TIER_2_WATCH_LIST and c.a.citations == ("22 U.S.C. § 7107(b)(2)(D)(ii)",)
               and c.b.tier is Tier.TIER_3 for c in d.classes)


def test_a_three_year_clock_lets_the_third_watch_list_year_through() -> None:
    d = _diff("tvpra-2019", THREE_YEARS)
    assert any(c.a.tier is Tier.TIER_3 and c.b.tier is Tier.TIER_2_WATCH_LIST for c in d.classes)
    example = next(c for c in d.classes if c.a.tier is Tier.TIER_3 and c.b.tier is Tier.TIER_2_WATCH_LIST).example
    assert place(*example, statute="tvpra-2019").tier is Tier.TIER_3
    assert place(*example, statute=THREE_YEARS).tier is Tier.TIER_2_WATCH_LIST


def test_a_version_against_itself_has_no_classes_and_no_moves() -> None:
    d = diff("tvpra-2019", "tvpra-2019")
    assert d.classes == () and d.moves == ()


def test_bad_arguments_are_named() -> None:
    with pytest.raises(InputTypeError, match=r"^a: "):
        diff(3, "tvpra-2019")  # type: ignore[arg-type]
    with pytest.raises(StatuteError, match="tvpra-2031"):
        diff("tvpra-2019", "tvpra-2031")
    with pytest.raises(FieldError, match="report_year"):
        diff("tvpra-2008", "tvpra-2019", report_year=1999)
    with pytest.raises(InputTypeError, match="record"):
        diff("tvpra-2008", "tvpra-2019", record=[1, 2])  # type: ignore[arg-type]
    d = _diff("tvpra-2008", "tvpra-2019")
    with pytest.raises(FieldError, match=r"report_year.*2019 report"):
        d.classify(Assessment("X", 2020, MinimumStandards()))
    unknown = History("X", [], unknown_years=frozenset({2017}))
    with pytest.raises(TipRankingError, match="history"):
        d.classify(Assessment("X", 2019, MinimumStandards()), unknown)


# --------------------------------------------------------------------------- the command line


NO_WAIVER_BILL = '''from tipranking.rules.downgrade import WaiverAvailable
from tipranking.statute import statute_named

statute = statute_named("tvpra-2019").replace_rule("waiver_available", WaiverAvailable(max_years=0),
                                                   name="no-waiver bill")
'''


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_diff_in_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, text, _ = _run(["diff", "tvpra-2008", "tvpra-2019"], capsys)
    assert code == 0
    assert "22 U.S.C. § 7107(b)(3)(B)" in text and "22 U.S.C. § 7107(b)(2)(F)" in text
    assert "Kuwait 2019 (record: Tier 2)" in text
    summary = text.split("\n\n1. ")[0]  # the count of classes by what each version does, before the classes
    assert "  places -> refuses [22 U.S.C. § 7107(b)(2)(A)(iii)]: 2" in summary
    assert "  places -> refuses [22 U.S.C. § 7107(b)(3)(B)]: 1" in summary
    assert "Tier 2 Watch List [22 U.S.C. § 7107(b)(2)(A)(iii)] -> Tier 2 [22 U.S.C. § 7107(b)(1)(B)]" in summary
    assert "Tier 2 Watch List [22 U.S.C. § 7107(b)(2)(D)(ii)] -> Tier 3 [22 U.S.C. § 7107(b)(2)(D)(i)]" in summary
    counts = summary.split("\n\n")[1].splitlines()[1:]  # the block "By what each version does", then its lines
    assert sum(int(line.rsplit(": ", 1)[1]) for line in counts) == len(
        diff("tvpra-2008", "tvpra-2019", record=None).classes)
    code, out, _ = _run(["diff", "tvpra-2008", "tvpra-2019", "--format", "json"], capsys)
    obj = json.loads(out)
    assert code == 0 and obj["format"] == "tipranking.diff/2"
    d = diff("tvpra-2008", "tvpra-2019")
    assert len(obj["classes"]) == len(d.classes) and len(obj["moves"]) == len(d.moves or ())
    first = obj["classes"][0]
    assert first["b"]["refusal"] and first["conditions"][0]["values"] == [True]
    assert not [c for c in obj["classes"] if c["a"]["tier"] == "1" and c["b"]["tier"] == "3"]
    assert [c for c in obj["classes"] if c["a"]["tier"] == "2WL" and c["b"]["tier"] == "2"
            and c["example"]["assessment"]["watch_list"].get("no_proportional_concrete_actions") is False]
    assert obj["not_compared"] and all(n["citation"] and n["change"] for n in obj["not_compared"])
    assert [n["citation"] for n in obj["not_compared"]] == [n.citation for n in d.not_compared]
    guinea = next(m for m in obj["moves"] if (m["country"], m["report_year"]) == ("Guinea", 2019))
    assert [(r["statute"], r["reading"]) for r in guinea["readings"]] == [("tvpra-2019", "f-from-2019")]
    code, out, _ = _run(["diff", "tvpra-2008", "tvpra-2019", "--format", "csv", "--no-record"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [int(r["index"]) for r in rows] == list(range(1, len(d.classes) + 1))
    assert rows[0]["b_refusal"] and rows[0]["a_statute"] == "tvpra-2008"
    code, out, _ = _run(["diff", "tvpra-2008", "tvpra-2019", "--format", "csv", "--table", "changes"], capsys)
    changes = list(csv.DictReader(io.StringIO(out)))
    assert [r["citation"] for r in changes] == [n.citation for n in d.not_compared]
    code, out, _ = _run(["diff", "tvpra-2008", "tvpra-2019", "--format", "csv", "--table", "moves"], capsys)
    assert len(list(csv.DictReader(io.StringIO(out)))) == len(d.moves or ())
    code, out, _ = _run(["diff", "tvpra-2008", "tvpra-2019", "--format", "jsonl"], capsys)
    kinds = [json.loads(line)["format"] for line in out.splitlines()]
    assert kinds == (["tipranking.diff_class/1"] * len(d.classes) + ["tipranking.diff_move/1"] * len(d.moves or ())
                     + ["tipranking.diff_change/1"] * len(d.not_compared))
    assert "Not compared: 11 changes" in text and "22 U.S.C. § 7107(b)(3)(D)-(F)" in text
    assert "depends on the package's reading of 22 U.S.C. § 7107(b)(2)(F): read as f-from-2019" in text


def test_cli_diff_with_a_bill_and_a_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bill = tmp_path / "no_waiver.py"
    bill.write_text(NO_WAIVER_BILL, encoding="utf-8")
    record = tmp_path / "record.csv"
    record.write_text("report_year,country,tier\n2017,Chad,2WL\n2018,Chad,2WL\n2019,Chad,2WL\n2020,Chad,3\n",
                      encoding="utf-8")
    code, out, err = _run(["diff", "tvpra-2019", "--bill", str(bill), "--record", str(record), "--format", "json"],
                          capsys)
    assert code == 0, err
    obj = json.loads(out)
    assert obj["b"] == "no-waiver bill"
    assert [(m["country"], m["report_year"]) for m in obj["moves"]] == [("Chad", 2019)]
    assert load_bill(bill).name == "no-waiver bill"


@pytest.mark.parametrize(("args", "message"), [
    (["diff", "tvpra-2008"], "give VERSION_B"),
    (["diff", "tvpra-2008", "tvpra-2019", "--bill", "x.py"], "not both"),
    (["diff", "tvpra-2008", "tvpra-2019", "--record", "x.csv", "--no-record"], "not both"),
    (["diff", "tvpra-2099", "tvpra-2019"], "tvpra-2099"),
    (["diff", "tvpra-2008", "--bill", "/nonexistent/bill.py"], "--bill: no such file"),
    (["diff", "tvpra-2019", "tvpra-2019-"], "no rule id after '-'"),
    (["diff", "tvpra-2019", "tvpra-2019-waiver"], "'waiver' is not in statute"),
])
def test_cli_diff_refuses_bad_arguments_in_one_line(args: list[str], message: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(args, capsys)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_a_rule_switched_off_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["diff", "tvpra-2019", "tvpra-2019-policy_or_pattern", "--no-record", "--format", "json"],
                          capsys)
    assert code == 0, err
    obj = json.loads(out)
    assert obj["b"] == "tvpra-2019-policy_or_pattern"
    assert {c["a"]["citations"][0] for c in obj["classes"] if c["a"]["tier"] == "3"} == {"22 U.S.C. § 7107(b)(3)(B)"}
    assert all(c["b"]["tier"] != "3" or c["b"]["citations"] != ["22 U.S.C. § 7107(b)(3)(B)"] for c in obj["classes"])


def test_a_bill_that_fails_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("x = 1\nstatute = undefined_name\n", encoding="utf-8")
    code, out, err = _run(["diff", "tvpra-2019", "--bill", str(broken)], capsys)
    assert code == 2 and out == "" and "line 2" in err and "NameError" in err
    empty = tmp_path / "empty.py"
    empty.write_text("statute = 3\n", encoding="utf-8")
    code, out, err = _run(["diff", "tvpra-2019", "--bill", str(empty)], capsys)
    assert code == 2 and "must set `statute`" in err and "it is a int" in err


def test_the_installed_command_runs_the_diff() -> None:
    exe = Path(sys.executable).with_name("tipranking")
    done = subprocess.run([str(exe), "diff", "tvpra-2019", "tvpra-2019+f-every-return", "--no-record"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "22 U.S.C. § 7107(b)(2)(F)" in done.stdout


@attrs.frozen(slots=True)
class _ManyIndicia(Leaf):
    """A made-up guard for significant efforts that reads eleven indicia together."""

    rule_id: ClassVar[str] = "significant_efforts"

    @property
    def title(self) -> str:
        return "eleven indicia shown"

    @property
    def reads(self) -> tuple[str, ...]:
        return tuple(sorted(facts.paths_of("indicia")))[:MAX_TOGETHER + 1]

    def test(self, case: Case) -> tuple[bool | None, str]:
        values = [facts.value(case.assessment, p) for p in self.reads]
        return (None if None in values else all(values)), "eleven indicia"


def test_a_variant_reading_too_many_findings_together_is_refused_with_the_reason() -> None:
    variant = statute_named("tvpra-2019").replace_rule("significant_efforts", _ManyIndicia(), name="many")
    assert len(_ManyIndicia().reads) == MAX_TOGETHER + 1
    with pytest.raises(StatuteError, match=r"at most 10 facts read together"):
        diff("tvpra-2019", variant, record=None)
