"""tipranking.formats.frames: DataFrames of results and histories, and histories read back from a frame."""

from __future__ import annotations

import pytest

pytest.importorskip("pandas")

import pandas as pd

from tipranking import Assessment, History, MinimumStandards, Tier, WatchListFacts, YearPlacement, place
from tipranking.analysis.audit import AuditEventKind, audit
from tipranking.analysis.outlook import outlook
from tipranking.data import placements
from tipranking.errors import FieldError, HistoryError, ParseError, ReportYearError, UnknownTierError
from tipranking.formats.frames import (
    audit_frame,
    histories_from_frame,
    history_frame,
    outlook_frame,
    placements_frame,
    to_frame,
)

SHORT = MinimumStandards(True, True, True, False)


@pytest.fixture(scope="module")
def bundled():
    return placements()


def _downgraded_placement():
    history = History.of("X", {2019: "2WL", 2020: "2WL"})
    return place(Assessment("X", 2021, SHORT, significant_efforts=True, watch_list=WatchListFacts(False, True)),
                 history)


# --------------------------------------------------------------------------- placements


def test_placements_frame():
    tier3 = place(Assessment("Y", 2023, SHORT, significant_efforts=False))
    downgraded = _downgraded_placement()
    assert downgraded.events  # the automatic downgrade fired
    df = placements_frame([tier3, downgraded])
    assert list(df.columns) == ["country", "iso3", "input_country", "report_year", "tier", "possible_tiers", "statute",
                                "decided_by_rule", "decided_by_citation", "events", "deciding", "irrelevant"]
    first, second = df.to_dict("records")
    assert first == {"country": "Y", "iso3": None, "input_country": None, "report_year": 2023, "tier": "3",
                     "possible_tiers": "3", "statute": tier3.statute, "decided_by_rule": tier3.decided_by.rule,
                     "decided_by_citation": "22 U.S.C. § 7107(b)(1)(C)", "events": "", "deciding": "",
                     "irrelevant": ""}
    assert second["tier"] == downgraded.tier.value == "3"
    assert second["events"] == "|".join(e.value for e in downgraded.events)
    assert "automatic_downgrade" in second["events"].split("|")
    assert second["decided_by_citation"] == downgraded.citation
    assert df["report_year"].dtype == "Int64"
    assert df["tier"].dtype == pd.CategoricalDtype(["1", "2", "2WL", "3", "special_case"], ordered=True)
    # an open tier is NA, with the possible tiers and the findings that decide
    open_one = placements_frame([place(Assessment("Z", 2023, SHORT))]).iloc[0]
    assert pd.isna(open_one["tier"]) and pd.isna(open_one["decided_by_rule"])
    assert open_one["possible_tiers"] == "2|2WL|3" and open_one["deciding"].startswith("significant_efforts|")


def test_empty_frames_have_their_columns():
    assert list(placements_frame([]).columns)[:5] == ["country", "iso3", "input_country", "report_year", "tier"]
    assert list(history_frame([]).columns) == ["country", "report_year", "tier", "waiver"]
    assert len(audit_frame([])) == 0 and "reason" in audit_frame([]).columns


# --------------------------------------------------------------------------- audit


def test_audit_frame(bundled):
    report = audit([bundled["Thailand"], bundled["Malaysia"], bundled["Haiti"]])
    df = audit_frame(report)
    assert list(df.columns) == ["country", "iso3", "input_country", "report_year", "event", "tier", "citation",
                                "reason", "reading", "access", "reading_access"]
    assert len(df) == len(report.events)
    moves = df[df["event"] == "forced_move"]
    assert sorted(zip(moves["country"], moves["report_year"], moves["tier"], strict=True)) == [
        ("Haiti", 2016, "3"), ("Haiti", 2019, "2"), ("Malaysia", 2014, "3"), ("Malaysia", 2021, "3"),
        ("Malaysia", 2024, "2"), ("Thailand", 2014, "3")]
    assert set(df[(df["event"] == "waiver_required") & (df["country"] != "Haiti")]["report_year"]) == {2012, 2013,
                                                                                                     2020}
    # Haiti's Special Case years 2006-2011 are in the record: its clock is known, nothing is undetermined...
    assert report.of_kind(AuditEventKind.UNDETERMINED) == ()
    assert sorted(df[(df["event"] == "waiver_required") & (df["country"] == "Haiti")]["report_year"]) == [2014, 2015,
                                                                                                        2023]
    # ... but a year the data does not hold is: Kiribati with 2009 unknown (as before the 2009 Watch List was
    # verified complete) leaves its second Watch List year, 2011, undetermined.
    kiribati = bundled["Kiribati"]
    unverified = History("Kiribati", kiribati.placements, {2009},
                         [p for p in kiribati.partial if p.report_year != 2009])
    undetermined = audit_frame(audit([unverified]).of_kind(AuditEventKind.UNDETERMINED))
    assert undetermined[["country", "report_year", "event", "tier"]].to_dict("records") == [
        {"country": "Kiribati", "report_year": 2011, "event": "undetermined", "tier": "2WL"}]
    notes = df[df["event"] == "reading_note"]
    assert len(notes) > 0 and notes["reading"].str.startswith("f-").all()
    assert df[df["event"] != "reading_note"]["reading"].isna().all()


# --------------------------------------------------------------------------- outlook


def test_outlook_frame(bundled):
    solomons = outlook(bundled["Solomon Islands"], 2012)  # depends on the unknown 2010 (2009 was not on the Watch List)
    thailand = outlook(bundled["Thailand"], 2014)  # four Watch List years: the list is closed
    fresh = outlook(History("New"), 2023)
    botswana = outlook(bundled["Botswana"], 2025)  # 2024: Tier 2 or Special Case
    djibouti = outlook(bundled["Djibouti"], 2026)  # open, but closed under three readings of (F)
    df = outlook_frame([solomons, thailand, fresh, botswana, djibouti])
    assert list(df.columns)[:10] == ["country", "iso3", "input_country", "report_year", "statute",
                                     "latest_report_year", "latest_tier", "latest_possible_tiers", "latest_label",
                                     "allowed"]
    assert [c for c in df.columns if c.endswith("_status")] == [f"tier_{t}_status" for t in ("1", "2", "2WL", "3")]
    m, t, n, b, tk = df.to_dict("records")
    assert (m["country"], m["latest_report_year"], m["latest_tier"]) == ("Solomon Islands", 2011, "2WL")
    assert m["tier_2WL_status"] == "unknown" and m["tier_2WL_missing_years"] == "2010"
    assert (b["latest_report_year"], b["latest_possible_tiers"]) == (2024, "2|special_case")
    assert pd.isna(b["latest_tier"])
    assert tk["readings"] == "f-from-2019:closed|f-any-run:closed|f-every-return:closed"
    assert tk["tier_2WL_status"] == "open" and m["readings"] == ""
    assert (t["latest_report_year"], t["latest_tier"]) == (2013, "2WL")
    assert t["allowed"] == "1|2|3" and t["tier_2WL_status"] == "closed"
    assert t["tier_2WL_citation"] == "22 U.S.C. § 7107(b)(2)(D)(i)" and "no waiver left" in t["tier_2WL_reason"]
    assert t["statute"] == thailand.statute
    assert n["allowed"] == "1|2|2WL|3" and all(n[f"tier_{c}_status"] == "open" for c in ("1", "2", "2WL", "3"))
    assert pd.isna(n["latest_report_year"]) and pd.isna(n["latest_tier"])
    assert df["latest_report_year"].dtype == "Int64" and str(df["tier_1_status"].dtype) == "string"


# --------------------------------------------------------------------------- histories


def test_history_frame():
    h = History("X", [YearPlacement(2020, Tier.TIER_2_WATCH_LIST, True), YearPlacement(2019, Tier.TIER_2),
                      YearPlacement(2021, Tier.SPECIAL_CASE, False)])
    df = history_frame({"X": h})
    assert df["report_year"].tolist() == [2019, 2020, 2021]  # year order
    assert df["tier"].tolist() == ["2", "2WL", "special_case"]
    assert df["waiver"].tolist() == [pd.NA, True, False]
    assert str(df["waiver"].dtype) == "boolean"


def test_round_trip_bundled_histories(bundled):
    # Unknown years come back as "?" rows and partly known ones as "2|special_case" (2024) or
    # "1|2|3|special_case" (2009, off the verified Watch List) rows.
    assert dict(histories_from_frame(history_frame(bundled))) == bundled
    assert bundled["Solomon Islands"].partial_in(2009) is not None
    # ... and with them dropped, every bundled history: the years they leave are read as not covered
    stripped = {name: History(name, h.placements) for name, h in bundled.items()}
    assert dict(histories_from_frame(history_frame(stripped), gaps="absent")) == stripped
    back = histories_from_frame(history_frame(stripped))  # by default, a gap is an unknown year
    assert back["Botswana"].unknown_years == {2024} and back["Haiti"].unknown_years == frozenset()
    # (Haiti's Special Case years are placements; Solomon Islands' partly known 2009 and unknown 2010 are gaps.)
    assert back["Solomon Islands"].unknown_years == {2009, 2010}


def test_round_trip_keeps_waivers_and_order():
    h = {"Peru": History.of("Peru", {2012: "2WL", 2013: "2WL"}, waivers=[2013]),
         "Chad": History("Chad", [YearPlacement(2010, Tier.TIER_1, False)])}
    back = histories_from_frame(history_frame(h))
    assert back == h
    assert list(back) == ["Peru", "Chad"]
    assert histories_from_frame(history_frame(h).drop(columns="waiver")) == {
        "Peru": History.of("Peru", {2012: "2WL", 2013: "2WL"}), "Chad": History.of("Chad", {2010: "1"})}


def test_reader_accepts_other_column_names_and_spellings():
    df = pd.DataFrame({"Government": ["Myanmar", "Burma", "Y"], "Year": ["2014", 2015.0, 2016],
                       "Placement": ["Tier 2 Watch List", "tier 3", "1"], "Waived": ["yes", "", None]})
    got = histories_from_frame(df, country="Government", report_year="Year", tier="Placement", waiver="Waived",
                               keep_unknown_names=True)
    assert got == {"Burma": History("Burma", [YearPlacement(2014, Tier.TIER_2_WATCH_LIST, True),
                                              YearPlacement(2015, Tier.TIER_3)]),
                   "Y": History.of("Y", {2016: "1"})}
    assert got.merged_names[0].spellings == ("Myanmar", "Burma") and got.kept_names == ("Y",)
    with pytest.raises(FieldError, match=r"^row 2: country: unknown country"):
        histories_from_frame(df, country="Government", report_year="Year", tier="Placement", waiver="Waived")


def test_empty_frame_reads_as_no_histories():
    assert histories_from_frame(history_frame([])) == {}


# --------------------------------------------------------------------------- reader errors


def _frame(index=("a", "b", "c"), **changes):
    data = {"country": ["Chad", "Chad", "Peru"], "report_year": [2010, 2011, 2010], "tier": ["2", "2WL", "3"]}
    data.update(changes)
    return pd.DataFrame(data, index=list(index))


def test_missing_column():
    with pytest.raises(ParseError, match=r"missing column.*'tier'"):
        histories_from_frame(_frame().drop(columns="tier"))
    with pytest.raises(ParseError, match=r"'Waived' \(waiver\)"):
        histories_from_frame(_frame(), waiver="Waived")


def test_unknown_tier_names_the_row():
    with pytest.raises(UnknownTierError) as info:
        histories_from_frame(_frame(tier=["2", "Tier 4", "3"]))
    assert info.value.where == "row b"
    assert str(info.value).startswith("row b: tier:")
    assert info.value.value == "Tier 4"


def test_duplicate_names_both_rows():
    with pytest.raises(HistoryError) as info:
        histories_from_frame(_frame(index=(10, 11, 12), report_year=[2010, 2011, 2010], country=["Chad", "Peru",
                                                                                                 "Chad"]))
    assert info.value.where == "row 12"
    assert "first on row 10" in str(info.value)
    with pytest.raises(HistoryError) as info:  # one government under two names
        histories_from_frame(_frame(index=(10, 11, 12), report_year=[2010, 2011, 2010], country=["Burma", "Peru",
                                                                                                 "Myanmar"]))
    assert info.value.where == "row 12" and info.value.field == "country"
    assert "'Burma' (row 10) and this row are both Burma: two rows for 2010" in str(info.value)


def test_year_out_of_range_names_the_row():
    with pytest.raises(ReportYearError) as info:
        histories_from_frame(_frame(report_year=[2010, 2011, 1999]))
    assert info.value.where == "row c"
    assert info.value.value == 1999


def test_missing_and_bad_values_name_the_row():
    with pytest.raises(FieldError, match=r"^row a: report_year: missing"):
        histories_from_frame(_frame(report_year=[None, 2011.0, 2010.0]))
    with pytest.raises(ReportYearError, match=r"^row b: "):
        histories_from_frame(_frame(report_year=[2010, 2011.5, 2010]))
    with pytest.raises(FieldError, match=r"^row c: country: "):
        histories_from_frame(_frame(country=["Chad", "Chad", " "]))
    with pytest.raises(FieldError, match=r"^row a: tier: missing"):
        histories_from_frame(_frame(tier=[None, "2", "3"]))
    with pytest.raises(FieldError, match=r"^row b: waiver: "):
        histories_from_frame(_frame(waiver=[True, "maybe", None]))
    with pytest.raises(FieldError, match=r"^row a: Year: "):
        histories_from_frame(_frame().rename(columns={"report_year": "Year"}).assign(Year=[3000, 2011, 2010]),
                             report_year="Year")


def test_reader_refuses_a_non_frame():
    with pytest.raises(TypeError):
        histories_from_frame([{"country": "X"}])


# --------------------------------------------------------------------------- to_frame


def test_to_frame_dispatches(bundled):
    p = _downgraded_placement()
    report = audit([bundled["Thailand"]])
    o = outlook(bundled["Thailand"], 2014)
    h = bundled["Thailand"]
    pd.testing.assert_frame_equal(to_frame(p), placements_frame([p]))
    pd.testing.assert_frame_equal(to_frame([p, p]), placements_frame([p, p]))
    pd.testing.assert_frame_equal(to_frame(report), audit_frame(report))
    pd.testing.assert_frame_equal(to_frame(list(report.events)), audit_frame(report))
    pd.testing.assert_frame_equal(to_frame(o), outlook_frame([o]))
    pd.testing.assert_frame_equal(to_frame(iter([o])), outlook_frame([o]))
    pd.testing.assert_frame_equal(to_frame(h), history_frame([h]))
    pd.testing.assert_frame_equal(to_frame({"Thailand": h}), history_frame([h]))
    pd.testing.assert_frame_equal(to_frame((h, h)), history_frame([h, h]))


@pytest.mark.parametrize("bad", [[], "Thailand", 3, [History("X"), 1]])
def test_to_frame_refuses(bad):
    with pytest.raises(TypeError):
        to_frame(bad)
