"""The bundled placements: the join of the records, coverage, unknown years, and the main job (outlook)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tipranking import Tier
from tipranking.audit import Access, AuditEventKind, audit, outlook, watch_list_access
from tipranking.cli import main
from tipranking.countries import lookup
from tipranking.data import coverage, latest_year, placement_rows, placements, sources

from .conftest import SHARED


def test_one_history_per_government_joining_both_records() -> None:
    h = placements()
    assert lookup("Myanmar") == lookup("Burma")
    russia = h[lookup("Russian Federation").name]
    assert russia is h[lookup("Russia").name]
    assert {2009, 2013, 2015}.issubset(russia.years) and {2020, 2023, 2025}.issubset(russia.years)
    names = {r.name_in_source for r in placement_rows() if r.country == russia.country}
    assert names == {"Russian Federation", "Russia"}
    assert russia.tier_in(2013) is Tier.TIER_3


def test_every_row_keeps_its_source() -> None:
    known = sources()
    rows = placement_rows()
    assert len(rows) == 3216
    assert all(r.sources and all(s in known for s in r.sources) for r in rows)
    by_source = {s for r in rows if r.report_year <= 2015 for s in r.sources}
    assert by_source == {"kelley-simmons"}
    in_2023 = [r for r in rows if r.report_year == 2023 and r.country != "Dominican Republic"]
    assert len(in_2023) == 187 and all("tip-2023-intro" in r.sources for r in in_2023)


@pytest.mark.skipif(not (SHARED / "reference").exists(), reason="shared reference files not present")
def test_bundled_rows_match_the_reference_files() -> None:
    rows = {(r.report_year, r.country): r.tier for r in placement_rows()}
    for name in ("tiers_2001_2015.csv", "tiers_2016_2025.csv"):
        with open(SHARED / "reference" / name, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                assert rows[(int(r["report_year"]), lookup(r["country"]).name)] is Tier.parse(r["tier"])


def test_unknown_years_only_where_the_record_is_partial() -> None:
    cov = coverage()
    assert cov[2023] == {Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.TIER_3, Tier.SPECIAL_CASE}
    partial = {y for y, tiers in cov.items() if not {Tier.TIER_2_WATCH_LIST, Tier.TIER_3} <= tiers and y >= 2004}
    assert partial == {2016, 2017, 2018, 2019}
    for history in placements().values():
        assert history.unknown_years <= partial
        assert not history.unknown_years & set(history.years)


def test_2019_outlook_names_the_missing_years() -> None:
    """Angola: Watch List 2011-2014, Tier 2 2015 and 2017, no data for 2016 and 2018. Whether the Watch
    List is open in 2019 depends on those two years (a 2018 Watch List year after a Tier 3 in 2016 would
    be a first return under § 7107(b)(2)(F))."""
    angola = placements()["Angola"]
    result = outlook(angola, 2019)
    (undetermined,) = result.undetermined
    assert undetermined.tier is Tier.TIER_2_WATCH_LIST and undetermined.missing_years == (2016, 2018)
    assert "2016, 2018" in undetermined.reason
    assert result.allowed == (Tier.TIER_1, Tier.TIER_2, Tier.TIER_3)
    assert watch_list_access(angola, 2019).access is Access.UNKNOWN


def test_outlook_2026_covers_the_2025_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert latest_year() == 2025
    assert main(["outlook", "--format", "json"]) == 0
    items = {o["country"]: o for o in json.loads(capsys.readouterr().out)}
    in_2025 = {r.country: r.tier for r in placement_rows() if r.report_year == 2025}
    assert set(in_2025) <= set(items)
    assert all(items[c]["report_year"] == 2026 for c in in_2025)
    for country, tier in in_2025.items():
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
    assert main(["outlook"]) == 0
    text = capsys.readouterr().out
    assert text.count("\n") > len(placements()) and "allowed in 2026" in text


def test_unknown_country_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--country", "Tailand"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "'Thailand'" in err and err.count("\n") == 1


def test_bundled_audit_has_no_violation_under_the_default_readings() -> None:
    report = audit(placements())
    assert report.of_kind(AuditEventKind.VIOLATION) == ()
    forced_2014 = {e.country for e in report.of_kind(AuditEventKind.FORCED_MOVE) if e.report_year == 2014}
    assert {"Thailand", "Malaysia"} <= forced_2014
    assert all(e.report_year in range(2016, 2026) for e in report.of_kind(AuditEventKind.UNDETERMINED))
