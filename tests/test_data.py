"""The bundled placements: the join of the records, coverage, unknown years, and the main job (outlook)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from tipranking import Tier
from tipranking.analysis.outlook import outlook
from tipranking.cli import main
from tipranking.countries import lookup
from tipranking.data import (
    EVIDENCE,
    coverage,
    evidence,
    latest_year,
    lists_2023,
    placement_rows,
    placements,
    sources,
    year_coverage,
)
from tipranking.rules.clock import WatchListClock

from .conftest import SHARED

REFERENCE = SHARED / "reference"
needs_shared = pytest.mark.skipif(not REFERENCE.exists(), reason="shared reference files not present")
WL = Tier.TIER_2_WATCH_LIST


def test_one_history_per_government_joining_both_records() -> None:
    h = placements()
    assert lookup("Myanmar") == lookup("Burma")
    russia = h[lookup("Russian Federation").name]
    assert russia is h[lookup("Russia").name]
    assert set(range(2001, 2026)) <= set(russia.years)
    names = {r.name_in_source for r in placement_rows() if r.country == russia.country}
    assert names == {"Russian Federation", "Russia"}
    assert russia.tier_in(2013) is Tier.TIER_3


def test_every_row_keeps_its_source() -> None:
    known = sources()
    rows = placement_rows()
    assert len(rows) == 4128
    assert all(r.sources and all(s in known for s in r.sources) for r in rows)
    assert {s for r in rows if r.report_year <= 2015 for s in r.sources} == {"kelley-simmons"}
    in_2023 = [r for r in rows if r.report_year == 2023 and r.country != "Dominican Republic"]
    assert len(in_2023) == 187 and all("tip-2023-intro" in r.sources for r in in_2023)
    # The strength of each source's evidence is kept: the reference file's "implied", "DEDUCED", "WEAK" tags.
    assert set(evidence().values()) == set(EVIDENCE)
    weak = {(r.country, r.report_year) for r in rows if r.evidence == "weak"}
    deduced = {(r.country, r.report_year) for r in rows if r.evidence == "deduced"}
    assert weak == {("Jamaica", 2018)}
    assert ("Namibia", 2019) in deduced and len(deduced) == 24  # Namibia 2019 and the 23 of 2024 below
    assert Counter(r.evidence for r in rows)["implied"] > 80


def test_2024_is_complete_for_tier_1_the_watch_list_and_tier_3() -> None:
    """A government the 2024 report covered that is on none of its complete lists was on Tier 2 or a Special
    Case: the record says so (a partly known year), and the clock reads it as a year off the Watch List."""
    c = year_coverage()[2024]
    assert c.complete_tiers == {Tier.TIER_1, WL, Tier.TIER_3} and c.covered == 188
    partly = [r for r in placement_rows() if r.tier is None]
    assert len(partly) == 23 and {r.report_year for r in partly} == {2024}
    assert all(r.tiers == {Tier.TIER_2, Tier.SPECIAL_CASE} and r.sources == ("reference-2024-coverage",)
               for r in partly)
    senegal = placements()["Senegal"]
    (year,) = senegal.partial
    assert year.report_year == 2024 and year.label == "Tier 2 or Special Case"
    assert WatchListClock.options(senegal, 2024) == (None,) and 2024 not in WatchListClock.uncertain_years(senegal)
    o = outlook(senegal, 2025)
    assert o.latest is not None and (o.latest.report_year, o.latest.label) == (2024, "Tier 2 or Special Case")
    assert o.latest.tier is None and o.undetermined == ()


def test_coverage_per_year() -> None:
    years = year_coverage()
    assert sorted(years) == list(range(2001, 2026)) and latest_year() == 2025
    assert all(years[y].covered is None for y in range(2001, 2016))  # the compilation omits Special Cases
    assert {y: years[y].covered for y in range(2016, 2026)} == {2016: 188, 2017: 187, 2018: 187, 2019: 187,
                                                                2020: 188, 2021: 188, 2022: 188, 2023: 188,
                                                                2024: 188, 2025: 188}
    counted = Counter(r.report_year for r in placement_rows())
    assert all(counted[y] == years[y].covered for y in range(2016, 2026))
    assert coverage()[2023] == set(Tier) and coverage()[2003] == {Tier.TIER_1, Tier.TIER_2, Tier.TIER_3}


@needs_shared
def test_bundled_rows_match_the_reference_files() -> None:
    rows = {(r.report_year, r.country): r for r in placement_rows()}
    seen = set()
    for name in ("tiers_2001_2015.csv", "tiers_2016_2025.csv"):
        with open(REFERENCE / name, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                key = (int(r["report_year"]), lookup(r["country"]).name)
                assert rows[key].tier is Tier.parse(r["tier"]), key
                seen.add(key)
    # Every other row is a 2023 list entry or one of the 23 partly known 2024 rows.
    others = set(rows) - seen
    assert {y for y, _ in others} == {2024}
    assert len(others) == 23
    # The 2017 corrections of the reference file (2026-12-01).
    assert all(rows[(2017, c)].tier is WL for c in ("Djibouti", "Liberia", "The Gambia"))


def test_unknown_years_are_only_the_compilations_gaps() -> None:
    """From 2016 the record knows every government each report covered; before, the compilation omits Special
    Cases, so a year missing inside a government's run is unknown (Haiti was a Special Case 2006-2011)."""
    unknown = {c: sorted(h.unknown_years) for c, h in placements().items() if h.unknown_years}
    assert all(y <= 2011 for years in unknown.values() for y in years)
    assert unknown["Haiti"] == [2004, 2006, 2007, 2008, 2009, 2010, 2011]
    assert unknown["Côte d'Ivoire"] == [2011] and unknown["Tunisia"] == [2007, 2008]
    for history in placements().values():
        assert not history.unknown_years & set(history.years)


def test_outlook_names_the_years_the_record_lacks() -> None:
    """Haiti: Watch List 2012. Whether the Watch List was open in 2013 depends on 2009-2011."""
    haiti = placements()["Haiti"]
    result = outlook(haiti, 2013)
    (undetermined,) = result.undetermined
    assert undetermined.tier is WL and undetermined.missing_years == (2009, 2010, 2011)
    assert result.allowed == (Tier.TIER_1, Tier.TIER_2, Tier.TIER_3)


def test_outlook_2026_covers_the_2025_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--format", "json"]) == 0
    items = {o["country"]: o for o in json.loads(capsys.readouterr().out)}
    ranked_2025 = {r.country: r.tier for r in placement_rows() if r.report_year == 2025}
    assert len(ranked_2025) == 188 and set(ranked_2025) <= set(items)
    # No government is undetermined for want of data, and every one in the 2025 report is shown from 2025.
    assert [c for c, o in items.items() if o["undetermined"]] == []
    assert all(items[c]["latest"]["report_year"] == 2025 and items[c]["report_year"] == 2026 for c in ranked_2025)
    assert all(items[c]["latest"]["tier"] == t.value for c, t in ranked_2025.items() if t is not None)
    for country, tier in ranked_2025.items():
        if tier is Tier.TIER_2:
            assert items[country]["allowed"] == ["1", "2", "2WL", "3"], country
    # Bolivia: first Watch List year in 2025, so one counted year; the clock is the limiting provision.
    (note,) = items["Bolivia"]["notes"]
    assert note["citation"] == "22 U.S.C. § 7107(b)(2)(D)(i)" and "1 consecutive Watch List report" in note["reason"]
    # Algeria: Watch List 2024-2025 -> a third year only with the waiver.
    (condition,) = items["Algeria"]["conditions"]
    assert condition["tier"] == "2WL" and condition["citation"] == "22 U.S.C. § 7107(b)(2)(D)(ii)"
    assert "2024-2025" in condition["reason"]


def test_outlook_csv_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--format", "csv", "--country", "Myanmar", "--country", "Algeria"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["country"] for r in rows] == ["Burma", "Algeria"]
    assert rows[0]["latest_tier"] == "3" and rows[0]["allowed"] == "1 2 2WL 3"
    assert rows[1]["readings"] == "f-every-return:unavailable f-no-additional-years:unavailable"
    assert main(["outlook"]) == 0
    text = capsys.readouterr().out
    assert text.count("\n") > len(placements()) and "allowed in 2026" in text


def test_unknown_country_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--country", "Tailand"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "'Thailand'" in err and err.count("\n") == 1


def test_bundled_audit_matches_the_record_of_waivers_and_forced_moves(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["input"]["source"] == "bundled record" and data["countries"] == 189
    events = data["events"]
    assert [e for e in events if e["event"] == "violation"] == []
    # State's 2018 memorandum waived Cuba, Kuwait, Niger, Saudi Arabia, Senegal, Swaziland (Eswatini) and,
    # contingently, Hong Kong.
    waived_2018 = {e["country"] for e in events if e["event"] == "waiver_required" and e["report_year"] == 2018}
    assert {"Cuba", "Kuwait", "Niger", "Saudi Arabia", "Senegal", "Eswatini", "Hong Kong"} <= waived_2018
    # Cuba and Saudi Arabia had used both waiver years of the 2008 act: the 2019 law left no waiver.
    forced_2019 = {e["country"]: e["tier"] for e in events if e["event"] == "forced_move" and e["report_year"] == 2019}
    assert forced_2019["Cuba"] == "3" and forced_2019["Saudi Arabia"] == "3"
    # 2013: the first forced moves (statute.md, real fact 2).
    forced_2013 = {e["country"] for e in events if e["event"] == "forced_move" and e["report_year"] == 2013}
    assert forced_2013 == {"Azerbaijan", "China", "Congo, Republic of the", "Iraq", "Russia", "Uzbekistan"}
    undetermined = {(e["country"], e["report_year"]) for e in events if e["event"] == "undetermined"}
    assert undetermined == {("Haiti", y) for y in range(2012, 2016)}


@needs_shared
def test_both_reference_files_in_one_csv_audit_like_the_bundled_record(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The rows of both shared files, names as written, in one file: the names are merged into governments,
    the file's gaps are unknown years (2024's unsourced Tier 2 rows among them), and the events are those of
    the bundled record -- the 2016 forced move of Burma (Watch List 2012-2015 as "Myanmar") included."""
    lines = ["report_year,country,tier"]
    for name in ("tiers_2001_2015.csv", "tiers_2016_2025.csv"):
        with open(REFERENCE / name, encoding="utf-8") as f:
            lines += [f'{r["report_year"]},"{r["country"]}",{r["tier"]}' for r in csv.DictReader(f)]
    path = tmp_path / "both.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["audit", str(path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    from_file = json.loads(out)
    assert main(["audit", "--format", "json"]) == 0
    bundled = json.loads(capsys.readouterr().out)

    def events(report: dict[str, list[dict[str, object]]]) -> set[tuple[object, ...]]:
        return {tuple(e.values()) for e in report["events"]}

    assert events(from_file) == events(bundled)
    burma = [e for e in from_file["events"] if e["country"] == "Burma" and e["report_year"] == 2016]
    assert [(e["event"], e["tier"]) for e in burma] == [("forced_move", "3")]
    merged = from_file["input"]["merged_names"]
    assert merged["Burma"] == ["Myanmar", "Burma"] and merged["Russia"] == ["Russian Federation", "Russia"]
    assert from_file["input"]["gaps"]["Senegal"] == [2024]
    assert err.count("\n") == 2 and "names read as one government: " in err and "read as unknown" in err


def test_the_2023_lists_agree_with_the_record() -> None:
    record = {r.country: r.tier for r in placement_rows() if r.report_year == 2023}
    assert all(record[c] is t for c, t in lists_2023().tiers)
