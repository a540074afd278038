"""The bundled placements: the join of the records, coverage, unknown years, and the main job (outlook)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import tipranking.data
from tipranking import History, Tier
from tipranking.analysis.audit import AuditEventKind, audit
from tipranking.analysis.outlook import outlook
from tipranking.cli import main
from tipranking.countries import lookup
from tipranking.data import (
    EVIDENCE,
    Coverage,
    PlacementRow,
    coverage,
    evidence,
    latest_year,
    lists_2023,
    placement_rows,
    placements,
    sources,
    year_coverage,
)
from tipranking.errors import FieldError
from tipranking.rules.clock import WatchListClock

from .conftest import SHARED

REFERENCE = SHARED / "reference"
REFERENCE_FILES = ("tiers_2001_2015.csv", "special_cases_2001_2015.csv", "tiers_2016_2025.csv")
ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BUNDLED = ROOT / "src" / "tipranking" / "data"
needs_shared = pytest.mark.skipif(not REFERENCE.exists(), reason="shared reference files not present")
WL = Tier.TIER_2_WATCH_LIST
SC = Tier.SPECIAL_CASE
NOT_ON_THE_WATCH_LIST = frozenset({Tier.TIER_1, Tier.TIER_2, Tier.TIER_3, SC})
INTERIM_2009 = "state-2009-interim-assessment"


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
    assert len(rows) == 4191
    assert all(r.sources and all(s in known for s in r.sources) for r in rows)
    # 2001-2015: the compilation's ranked rows, and the Special Cases each with its own source (ids sc01...).
    early = [r for r in rows if r.report_year <= 2015]
    assert all(r.sources == ("kelley-simmons",) for r in early if r.tier is not SC)
    special = [r for r in early if r.tier is SC]
    assert len(special) == 63 and all(len(r.sources) == 1 and re.fullmatch(r"sc\d\d", r.sources[0]) for r in special)
    assert {r.report_year for r in special} == set(range(2003, 2016))
    in_2023 = [r for r in rows if r.report_year == 2023 and r.country != "Dominican Republic"]
    assert len(in_2023) == 187 and all("tip-2023-intro" in r.sources for r in in_2023)
    # The strength of each source's evidence is kept: the 2016-2025 file's "implied"/"IMPLIED", "DEDUCED", "WEAK"
    # tags, and the Special Case file's evidence column.
    assert set(evidence().values()) == set(EVIDENCE)
    assert EVIDENCE.index("direct") < EVIDENCE.index("implied") < EVIDENCE.index("dataset") < EVIDENCE.index("weak")
    weak = {(r.country, r.report_year) for r in rows if r.evidence == "weak"}
    deduced = {(r.country, r.report_year) for r in rows if r.evidence == "deduced"}
    dataset = {(r.country, r.report_year) for r in rows if r.evidence == "dataset"}
    assert weak == {("Jamaica", 2018), ("Brunei", 2008)}
    assert ("Namibia", 2019) in deduced and len(deduced) == 22  # Namibia 2019 and the 21 of 2024 below
    assert len(dataset) == 28 and {y for _, y in dataset} <= set(range(2003, 2009)) and ("Haiti", 2004) in dataset
    assert Counter(r.evidence for r in rows)["implied"] > 80


def test_a_row_is_as_strong_as_its_strongest_source() -> None:
    """A row's evidence is the strongest of its sources'; a research dataset's coding ranks below a deduction
    from published counts and above a single secondary copy."""
    known = evidence()
    for row in placement_rows():
        assert row.evidence == min((known[s] for s in row.sources), key=EVIDENCE.index)
    by_kind = {kind: next(s for s, k in known.items() if k == kind) for kind in EVIDENCE}

    def strength(*kinds: str) -> str:
        return PlacementRow(2008, "Brunei", frozenset({SC}), tuple(by_kind[k] for k in kinds), "Brunei").evidence

    assert strength("weak", "dataset") == strength("dataset", "weak") == "dataset"
    assert strength("dataset", "deduced") == "deduced" and strength("dataset", "implied", "direct") == "direct"


def test_2024_is_complete_for_tier_1_the_watch_list_and_tier_3() -> None:
    """A government the 2024 report covered that is on none of its complete lists was on Tier 2 or a Special
    Case: the record says so (a partly known year), and the clock reads it as a year off the Watch List."""
    c = year_coverage()[2024]
    assert c.complete_tiers == {Tier.TIER_1, WL, Tier.TIER_3} and c.covered == 188
    partly = [r for r in placement_rows() if r.tier is None]
    assert len(partly) == 21 and {r.report_year for r in partly} == {2024}
    assert all(r.tiers == {Tier.TIER_2, Tier.SPECIAL_CASE} and r.sources == ("reference-2024-coverage",)
               and r.evidence == "deduced" for r in partly)
    assert not {"Somalia", "Yemen"} & {r.country for r in partly}
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
    # Neither the compilation nor the Special Case file claims every government a report covered.
    assert all(years[y].covered is None for y in range(2001, 2016))
    assert all(SC not in years[y].complete_tiers for y in range(2001, 2016))
    assert all("special_cases_2001_2015.csv" in years[y].note and "not claim to be complete" in years[y].note
               for y in range(2003, 2016))
    assert all("special_cases_2001_2015.csv has no row for this year" in years[y].note for y in (2001, 2002))
    assert {y: years[y].covered for y in range(2016, 2026)} == {2016: 188, 2017: 187, 2018: 187, 2019: 187,
                                                                2020: 188, 2021: 188, 2022: 188, 2023: 188,
                                                                2024: 188, 2025: 188}
    counted = Counter(r.report_year for r in placement_rows())
    assert all(counted[y] == years[y].covered for y in range(2016, 2026))
    assert coverage()[2023] == set(Tier) and coverage()[2003] == {Tier.TIER_1, Tier.TIER_2, Tier.TIER_3}
    # Only 2009's Watch List is verified complete against a published count; every other year verifies nothing.
    verified = {y: (c.verified_complete, c.verified_source) for y, c in years.items() if c.verified_complete}
    assert verified == {2009: ({WL}, INTERIM_2009)}
    assert all(c.verified_source is None for y, c in years.items() if y != 2009)


def test_the_2009_watch_list_is_verified_against_states_count() -> None:
    """State's interim assessment of the 2009 report: 52 on the Watch List in September 2009, Swaziland among them
    though the June report placed it on Tier 3; the record's 51 Watch List rows of 2009 are the other 51."""
    rows_2009 = {r.country: r for r in placement_rows() if r.report_year == 2009}
    on_the_list = sorted(c for c, r in rows_2009.items() if r.tier is WL)
    assert len(on_the_list) == 51 and "Eswatini" not in on_the_list and rows_2009["Eswatini"].tier is Tier.TIER_3
    assert not {"Kiribati", "Solomon Islands", "Tonga"} & set(rows_2009)
    described = sources()[INTERIM_2009]
    assert all(fact in described for fact in ("http://m.state.gov/md137250.htm", "Swaziland", "Netherlands Antilles"))
    assert evidence()[INTERIM_2009] == "deduced"
    # No row cites the count: it speaks of the list, through coverage.csv.
    assert not any(INTERIM_2009 in r.sources for r in placement_rows())
    assert year_coverage()[2009].verified_complete <= year_coverage()[2009].complete_tiers


def _reference_rows() -> list[tuple[str, int, str, dict[str, str]]]:
    """(file, line, canonical name, row) for every row of the three reference files."""
    out = []
    for name in REFERENCE_FILES:
        with open(REFERENCE / name, encoding="utf-8") as f:
            for line, r in enumerate(csv.DictReader(f), start=2):
                out.append((name, line, lookup(r["country"]).name, r))
    return out


@needs_shared
def test_bundled_rows_match_the_reference_files() -> None:
    """Every row of the three reference files is bundled, with its tier and with its source and evidence."""
    rows = {(r.report_year, r.country): r for r in placement_rows()}
    described, strength = sources(), evidence()
    seen = set()
    reference = _reference_rows()
    assert Counter(name for name, *_ in reference)["special_cases_2001_2015.csv"] == 63
    for name, line, country, r in reference:
        key = (int(r["report_year"]), country)
        where = f"{name}: line {line}"
        assert rows[key].tier is Tier.parse(r["tier"]), where
        if name == "tiers_2001_2015.csv":
            assert rows[key].sources == ("kelley-simmons",), where
        else:
            (own,) = [s for s in rows[key].sources if described[s] == r["source"].strip()]
            if name == "special_cases_2001_2015.csv":
                assert strength[own] == r["evidence"] and rows[key].evidence == r["evidence"], where
            else:
                tagged = [e for e, tag in (("weak", "WEAK"), ("deduced", "DEDUCED")) if tag in r["source"]]
                implied = "implied" in r["source"].lower()
                assert strength[own] == (tagged[0] if tagged else "implied" if implied else "direct"), where
        seen.add(key)
    # Every other row is one of the 21 partly known 2024 rows.
    others = set(rows) - seen
    assert {y for y, _ in others} == {2024}
    assert len(others) == 21
    # The 2017 corrections of the reference file (2026-12-01).
    assert all(rows[(2017, c)].tier is WL for c in ("Djibouti", "Liberia", "The Gambia"))


def test_the_special_cases_the_compilation_omits_are_bundled() -> None:
    """Haiti 2006-2011 and Côte d'Ivoire 2011 (which set the Watch List clock counted from 2009) and Somalia and
    Yemen 2024 (2|special_case until sourced) are Special Cases in the bundled record, each with its evidence."""
    rows = {(r.report_year, r.country): r for r in placement_rows()}
    haiti = {y: rows[(y, "Haiti")] for y in range(2004, 2012) if y != 2005}
    assert all(r.tier is SC for r in haiti.values())
    assert {y: r.evidence for y, r in haiti.items()} == {2004: "dataset", 2006: "implied", 2007: "implied",
                                                         2008: "implied", 2009: "direct", 2010: "implied",
                                                         2011: "direct"}
    assert rows[(2005, "Haiti")].tier is WL and rows[(2012, "Haiti")].tier is WL
    ivory = rows[(2011, "Côte d'Ivoire")]
    assert ivory.tier is SC and ivory.evidence == "direct" and ivory.name_in_source == "Cote d'Ivoire"
    for country in ("Somalia", "Yemen"):
        row = rows[(2024, country)]
        assert row.tier is SC and row.tiers == {SC} and row.evidence == "implied", country
        assert placements()[country].tier_in(2024) is SC and not placements()[country].partial_in(2024)


def test_unknown_years_are_only_the_compilations_gaps() -> None:
    """From 2016 the record knows every government each report covered; before, neither the compilation nor
    the Special Case file claims to be complete, so a year missing inside a government's run is unknown. Haiti
    (a Special Case 2006-2011) and Côte d'Ivoire (2011) no longer have one; the Special Case rows of 2007-2008
    put Kiribati's 2009 and Solomon Islands' and Tonga's 2009-2010 inside their runs, and of those only 2010 stays
    unknown: 2009's Watch List is verified complete."""
    unknown = {c: sorted(h.unknown_years) for c, h in placements().items() if h.unknown_years}
    assert unknown == {"Congo, Democratic Republic of the": [2002], "Congo, Republic of the": [2005, 2006, 2007],
                       "Singapore": [2003], "Solomon Islands": [2010], "Sweden": [2002], "Tonga": [2010],
                       "Tunisia": [2004]}
    for history in placements().values():
        assert not history.unknown_years & set(history.years)


def test_a_gap_in_a_year_with_a_verified_watch_list_is_known_to_be_off_it() -> None:
    """Kiribati's and Solomon Islands' 2009 are partly known: not on the 2009 Watch List (verified complete), any
    other tier or not covered -- never a tier filled in. Solomon Islands' 2010 has no verified list: unknown."""
    h = placements()
    early = {c: [(p.report_year, p.tiers) for p in x.partial if p.report_year < 2016] for c, x in h.items()}
    assert {c: v for c, v in early.items() if v} == {c: [(2009, NOT_ON_THE_WATCH_LIST)]
                                                      for c in ("Kiribati", "Solomon Islands", "Tonga")}
    kiribati, solomons = h["Kiribati"], h["Solomon Islands"]
    for history in (kiribati, solomons):
        partial = history.partial_in(2009)
        assert partial is not None and partial.tiers == NOT_ON_THE_WATCH_LIST
        assert partial.label == "Tier 1, Tier 2, Tier 3 or Special Case"
        assert 2009 not in history.unknown_years and history.tier_in(2009) is None
        # The clock no longer tries the Watch List in 2009; it still tries Tier 3 and "anything else".
        assert WatchListClock.options(history, 2009) == (Tier.TIER_3, None)
    assert 2010 in solomons.unknown_years and solomons.partial_in(2010) is None
    assert WatchListClock.options(solomons, 2010) == (WL, Tier.TIER_3, None)
    assert kiribati.tier_in(2010) is WL and kiribati.tier_in(2011) is WL and solomons.tier_in(2011) is WL
    # A year outside a government's first-to-last year is still no entry, verified list or not.
    assert all(not x.partial_in(2009) and 2009 not in x.unknown_years for x in h.values() if min(x.years) > 2009)


@pytest.mark.parametrize(("verified", "source", "message"), [
    ("2WL", "", "coverage.csv: line 2: verified_source: give it exactly when verified_complete names a list"),
    ("", INTERIM_2009, "coverage.csv: line 2: verified_source: give it exactly when verified_complete names a list"),
    ("2WL", "no-such-source", "coverage.csv: line 2: verified_source: not a source id of sources.csv "
                              "(got 'no-such-source')"),
    ("2W", INTERIM_2009, "coverage.csv: line 2: verified_complete: unknown tier"),
])
def test_a_bad_verified_list_in_coverage_is_an_error_naming_its_line(
        monkeypatch: pytest.MonkeyPatch, verified: str, source: str, message: str) -> None:
    real = tipranking.data.read_text
    text = ("report_year,complete_tiers,covered,verified_complete,verified_source,note\n"
            f"2009,1|2|2WL|3,,{verified},{source},a note\n")
    monkeypatch.setattr(tipranking.data, "read_text", lambda name: text if name == "coverage.csv" else real(name))
    year_coverage.cache_clear()
    try:
        with pytest.raises(FieldError) as caught:
            year_coverage()
    finally:
        year_coverage.cache_clear()
    assert str(caught.value).startswith(message)


@pytest.fixture
def fresh_placements() -> Iterator[None]:
    tipranking.data.placements.cache_clear()
    yield
    tipranking.data.placements.cache_clear()


def test_a_verified_list_narrows_a_gap_to_the_other_tiers(monkeypatch: pytest.MonkeyPatch,
                                                          fresh_placements: None) -> None:
    """The tiers left open are exactly those not verified: with 2010's Watch List and Tier 3 verified, Solomon
    Islands' 2010 is Tier 1, Tier 2 or Special Case; with every list of 2009 verified, its 2009 is not covered."""
    real, haiti = year_coverage(), placements()["Haiti"]
    changed: dict[int, Coverage] = dict(real)
    changed[2010] = attrs.evolve(real[2010], verified_complete=frozenset({WL, Tier.TIER_3}), verified_source="test")
    changed[2009] = attrs.evolve(real[2009], verified_complete=frozenset(Tier), verified_source="test")
    monkeypatch.setattr(tipranking.data, "year_coverage", lambda: changed)
    tipranking.data.placements.cache_clear()
    solomons = tipranking.data.placements()["Solomon Islands"]
    narrowed = solomons.partial_in(2010)
    assert narrowed is not None and narrowed.tiers == {Tier.TIER_1, Tier.TIER_2, SC}
    assert WatchListClock.options(solomons, 2010) == (None,)
    assert solomons.partial_in(2009) is None and 2009 not in solomons.unknown_years and solomons.tier_in(2009) is None
    assert solomons.unknown_years == frozenset()
    # A government with no gap is untouched.
    assert tipranking.data.placements()["Haiti"] == haiti and not haiti.unknown_years


def test_haitis_clock_counts_from_2012() -> None:
    """Special Case 2009-2011, Watch List 2012-2015: 2013 is a second year, 2014 and 2015 need the waiver (State's
    2015 memorandum names Haiti), 2016 is closed."""
    haiti = placements()["Haiti"]
    assert outlook(haiti, 2013).allowed == tuple(t for t in Tier if t is not SC)
    assert outlook(haiti, 2013).conditions == () and outlook(haiti, 2013).undetermined == ()
    (condition,) = outlook(haiti, 2014).conditions
    assert condition.tier is WL and "2012-2013" in condition.reason
    assert [x.tier for x in outlook(haiti, 2016).excluded] == [WL]


def test_outlook_names_the_years_the_record_lacks() -> None:
    """Solomon Islands: Special Case 2007-2008, not on the (verified) 2009 Watch List, no row for 2010, Watch List
    2011. Whether 2012 needed a waiver depends on 2010 alone. Kiribati: not on the 2009 Watch List, Watch List
    2010, so 2011 was a second year, open without a waiver."""
    solomons = placements()["Solomon Islands"]
    result = outlook(solomons, 2012)
    (undetermined,) = result.undetermined
    assert undetermined.tier is WL and undetermined.missing_years == (2010,)
    assert result.allowed == (Tier.TIER_1, Tier.TIER_2, Tier.TIER_3)
    assert outlook(solomons, 2011).undetermined == () and WL in outlook(solomons, 2011).allowed
    kiribati = outlook(placements()["Kiribati"], 2011)
    assert kiribati.undetermined == () and kiribati.conditions == ()
    assert kiribati.allowed == (Tier.TIER_1, Tier.TIER_2, WL, Tier.TIER_3)


def test_outlook_2026_covers_the_2025_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--format", "json"]) == 0
    items = {o["country"]: o for o in json.loads(capsys.readouterr().out)["items"]}
    ranked_2025 = {r.country: r.tier for r in placement_rows() if r.report_year == 2025}
    assert len(ranked_2025) == 188 and set(ranked_2025) <= set(items)
    # No government is undetermined for want of data, and every one in the 2025 report is shown from 2025.
    assert [c for c, o in items.items() if "unknown" in {o[f"tier_{t}"]["status"] for t in ("1", "2", "2WL", "3")}] \
        == []
    assert all(items[c]["latest"]["report_year"] == 2025 and items[c]["report_year"] == 2026 for c in ranked_2025)
    assert all(items[c]["latest"]["tier"] == t.value for c, t in ranked_2025.items() if t is not None)
    for country, tier in ranked_2025.items():
        if tier is Tier.TIER_2:
            assert items[country]["allowed"] == ["1", "2", "2WL", "3"], country
    # Bolivia: first Watch List year in 2025, so one counted year; the clock is the limiting provision.
    (note,) = items["Bolivia"]["notes"]
    assert note["citation"] == "22 U.S.C. § 7107(b)(2)(D)(i)" and "1 consecutive Watch List report" in note["reason"]
    # Algeria: Watch List 2024-2025 -> a third year only with the waiver.
    condition = items["Algeria"]["tier_2WL"]
    assert condition["status"] == "waiver_required" and condition["citation"] == "22 U.S.C. § 7107(b)(2)(D)(ii)"
    assert "2024-2025" in condition["reason"]


def test_outlook_csv_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--format", "csv", "--country", "Myanmar", "--country", "Algeria"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["country"] for r in rows] == ["Burma", "Algeria"]
    assert rows[0]["latest_tier"] == "3" and rows[0]["allowed"] == "1|2|2WL|3"
    assert (rows[0]["iso3"], rows[0]["input_country"]) == ("MMR", "")  # the bundled record's own spelling
    # (f-no-additional-years, contrary to the text, is not noted per government)
    assert rows[1]["readings"] == "f-every-return:closed" and rows[1]["tier_2WL_status"] == "waiver_required"
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
    # Haiti: Special Case 2006-2011, Watch List 2012-2015, so waived in 2014 and 2015 (State's 2015 memorandum
    # names Haiti), and forced to Tier 3 in 2016.
    haiti = {e["report_year"]: (e["event"], e["tier"]) for e in events
             if e["country"] == "Haiti" and e["report_year"] <= 2016 and e["event"] != "reading_note"}
    assert haiti == {2014: ("waiver_required", "2WL"), 2015: ("waiver_required", "2WL"), 2016: ("forced_move", "3")}
    # With Haiti, the 2015 waivers are exactly the 17 of State's 2015 memorandum (statute.md, real fact 5).
    waived_2015 = {e["country"] for e in events if e["event"] == "waiver_required" and e["report_year"] == 2015}
    assert waived_2015 == {"Burma", "Cambodia", "Djibouti", "Guinea", "Guyana", "Haiti", "Lebanon", "Lesotho", "Mali",
                           "Namibia", "Solomon Islands", "Suriname", "Sri Lanka", "Tunisia", "Tanzania", "Turkmenistan",
                           "Ukraine"}


def test_the_bundled_audit_is_determined(capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing is undetermined. Haiti's Special Case years are rows; Kiribati and Solomon Islands, Special Cases in
    2007-2008 and on the Watch List in 2011, were not on the 2009 Watch List (verified complete against State's
    count), so 2011 was at most a second consecutive Watch List year: lawful without a waiver, no event at all."""
    report = audit(placements())
    assert report.rows == 4170 and report.countries == 189 and report.of_kind(AuditEventKind.VIOLATION) == ()
    assert report.of_kind(AuditEventKind.UNDETERMINED) == ()
    assert [e for e in report.events if e.country in ("Kiribati", "Solomon Islands") and e.report_year <= 2012] == []
    haiti = [(e.report_year, e.reason) for e in report.of_kind(AuditEventKind.WAIVER_REQUIRED)
             if e.country == "Haiti" and e.report_year <= 2015]
    assert [y for y, _ in haiti] == [2014, 2015]
    assert "2012-2013" in haiti[0][1] and "2012-2014" in haiti[1][1]
    # The acceptance, as the command line gives it: no undetermined event in `tipranking audit --format json`.
    assert main(["audit", "--format", "json"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    assert [e for e in events if e["event"] == "undetermined"] == []
    haiti_events = {(e["report_year"], e["event"]) for e in events
                    if e["country"] == "Haiti" and e["report_year"] in (2014, 2015)}
    assert haiti_events == {(2014, "waiver_required"), (2015, "waiver_required")}
    # With 2009 unknown again (as before the count was verified), the two 2011 placements are undetermined.
    for country, missing in (("Kiribati", "2009"), ("Solomon Islands", "2009, 2010")):
        h = placements()[country]
        unverified = History(country, h.placements, h.unknown_years | {2009},
                             [p for p in h.partial if p.report_year != 2009])
        (event,) = audit([unverified]).of_kind(AuditEventKind.UNDETERMINED)
        assert (event.report_year, event.tier) == (2011, WL)
        assert event.reason.startswith(f"depends on the placements in {missing}, which the data does not hold")


def test_the_evidence_table_in_the_docs_matches_the_record() -> None:
    """docs/data.md counts the rows per evidence kind; the counts are those of the bundled record."""
    text = (DOCS / "data.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `(\w+)` \| [^|\n]+ \| (\d+) \|$", text, re.MULTILINE))
    assert list(table) == list(EVIDENCE)
    assert {kind: int(n) for kind, n in table.items()} == Counter(r.evidence for r in placement_rows())
    # The table of where the rows come from: per reference file, the rows and their evidence.
    columns = r" \| ".join([r"(\d+)"] * len(EVIDENCE))
    origin = re.compile(rf"^\| `([\w.]+)`[^|]* \| `([\w-]+)`[^|]* \| (\d+) \| {columns} \|$", re.MULTILINE)
    documented = {ident: [int(n) for n in numbers] for _, ident, *numbers in origin.findall(text)}

    def first_id(row: PlacementRow) -> str:  # the id the table shows first for the row's reference file
        first = row.sources[0]
        if re.fullmatch(r"s\d+", first) or first == "tip-2023-intro":
            return "s001"
        return "sc01" if re.fullmatch(r"sc\d+", first) else first

    found: dict[str, Counter[str]] = {}
    for row in placement_rows():
        found.setdefault(first_id(row), Counter())[row.evidence] += 1
    assert set(documented) == set(found) == {"kelley-simmons", "sc01", "s001", "reference-2024-coverage"}
    for key, counts in found.items():
        assert documented[key] == [counts.total(), *(counts[kind] for kind in EVIDENCE)], key


@needs_shared
def test_both_reference_files_in_one_csv_audit_like_the_bundled_record(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The rows of the three shared files, names as written, in one file: the names are merged into governments,
    the file's gaps are unknown years (2024's unsourced Tier 2 rows among them), and the events are those of
    the bundled record -- the 2016 forced move of Burma (Watch List 2012-2015 as "Myanmar") included."""
    lines = ["report_year,country,tier"]
    lines += [f'{r["report_year"]},"{r["country"]}",{r["tier"]}' for *_, r in _reference_rows()]
    path = tmp_path / "both.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["audit", str(path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    from_file = json.loads(out)
    assert main(["audit", "--format", "json"]) == 0
    bundled = json.loads(capsys.readouterr().out)

    def events(report: dict[str, list[dict[str, object]]]) -> set[tuple[object, ...]]:
        return {tuple(e.values()) for e in report["events"]}

    # The file cannot say that 2009's Watch List is complete, so Kiribati's and Solomon Islands' 2009 stay unknown
    # there, and their 2011 Watch List years undetermined; every other event is the bundled record's.
    assert events(bundled) <= events(from_file)
    assert sorted((e[0], *e[3:5], e[5]) for e in events(from_file) - events(bundled)) == [
        ("Kiribati", 2011, "undetermined", "2WL"), ("Solomon Islands", 2011, "undetermined", "2WL")]
    burma = [e for e in from_file["events"] if e["country"] == "Burma" and e["report_year"] == 2016]
    assert [(e["event"], e["tier"]) for e in burma] == [("forced_move", "3")]
    merged = from_file["input"]["merged_names"]
    assert merged["Burma"] == ["Myanmar", "Burma"] and merged["Russia"] == ["Russian Federation", "Russia"]
    assert from_file["input"]["gaps"]["Senegal"] == [2024]
    assert err.count("\n") == 2 and "names read as one government: " in err and "read as unknown" in err


def _build_copy(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of the build script laid out as in the checkout (``<root>/tools``, ``<root>/../shared/reference``),
    writing to its own empty data folder: (script, reference folder, output folder)."""
    root = tmp_path / "main"
    (root / "tools").mkdir(parents=True)
    out = root / "src" / "tipranking" / "data"
    out.mkdir(parents=True)
    script = root / "tools" / "build_placements.py"
    shutil.copy(ROOT / "tools" / "build_placements.py", script)
    reference = tmp_path / "shared" / "reference"
    reference.mkdir(parents=True)
    for name in REFERENCE_FILES:
        shutil.copy(REFERENCE / name, reference / name)
    return script, reference, out


def _run(script: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=120)


@needs_shared
def test_the_build_writes_the_bundled_files(tmp_path: Path) -> None:
    """Run on the reference files, the build writes exactly the bundled placements, sources and coverage."""
    script, _, out = _build_copy(tmp_path)
    done = _run(script)
    assert done.returncode == 0, done.stderr
    for name in ("placements.csv", "sources.csv", "coverage.csv"):
        assert (out / name).read_bytes() == (BUNDLED / name).read_bytes(), name


@needs_shared
@pytest.mark.parametrize(("old", "new", "found"), [("2WL", "2", 50), ("2", "2WL", 52)])
def test_the_build_stops_when_the_verified_watch_list_miscounts(tmp_path: Path, old: str, new: str,
                                                                 found: int) -> None:
    """One 2009 row moved off (or onto) the Watch List: its rows no longer add up to State's count, and the build
    stops with one line naming the year, the list, both numbers and the source, writing nothing."""
    script, reference, out = _build_copy(tmp_path)
    path = reference / "tiers_2001_2015.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("2009,") and line.rstrip("\r\n").endswith(f",{old}"))
    lines[at] = lines[at].rstrip("\r\n").removesuffix(old) + new + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    done = _run(script)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == (f"build_placements: 2009: {found} rows on tier 2WL, but {INTERIM_2009} counts 51 on that "
                           "list\n")
    assert list(out.iterdir()) == []


def test_the_2023_lists_agree_with_the_record() -> None:
    record = {r.country: r.tier for r in placement_rows() if r.report_year == 2023}
    assert all(record[c] is t for c, t in lists_2023().tiers)
