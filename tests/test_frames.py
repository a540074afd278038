"""tipranking.frames: DataFrames of results and histories, and histories read back from a frame."""

from __future__ import annotations

import pytest

pytest.importorskip("pandas")

import pandas as pd

from tipranking import Assessment, History, MinimumStandards, Tier, WatchListFacts, YearPlacement, place
from tipranking.audit import AuditEventKind, audit, outlook
from tipranking.data import placements
from tipranking.errors import FieldError, HistoryError, ParseError, ReportYearError, UnknownTierError
from tipranking.frames import (
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
    return place(Assessment("X", 2021, SHORT, significant_efforts=True, watch_list=WatchListFacts(True, False)),
                 history)


# --------------------------------------------------------------------------- placements


def test_placements_frame():
    tier3 = place(Assessment("Y", 2023, SHORT, significant_efforts=False))
    downgraded = _downgraded_placement()
    assert downgraded.events  # the automatic downgrade fired
    df = placements_frame([tier3, downgraded])
    assert list(df.columns) == ["country", "report_year", "tier", "statute", "decided_by_rule", "citation", "events"]
    first, second = df.to_dict("records")
    assert first == {"country": "Y", "report_year": 2023, "tier": "3", "statute": tier3.statute,
                     "decided_by_rule": tier3.decided_by.rule, "citation": "22 U.S.C. § 7107(b)(1)(C)", "events": ""}
    assert second["tier"] == downgraded.tier.value == "3"
    assert second["events"] == ",".join(e.value for e in downgraded.events)
    assert "automatic_downgrade" in second["events"].split(",")
    assert second["citation"] == downgraded.citation
    assert df["report_year"].dtype == "int64"


def test_empty_frames_have_their_columns():
    assert list(placements_frame([]).columns)[:3] == ["country", "report_year", "tier"]
    assert list(history_frame([]).columns) == ["country", "report_year", "tier", "waiver"]
    assert len(audit_frame([])) == 0 and "reason" in audit_frame([]).columns


# --------------------------------------------------------------------------- audit


def test_audit_frame(bundled):
    report = audit([bundled["Thailand"], bundled["Malaysia"]])
    df = audit_frame(report)
    assert list(df.columns) == ["country", "report_year", "event", "tier", "citation", "reason"]
    assert len(df) == len(report.events)
    moves = df[df["event"] == "forced_move"]
    assert sorted(zip(moves["country"], moves["report_year"], moves["tier"], strict=True)) == [
        ("Malaysia", 2014, "3"), ("Thailand", 2014, "3")]
    assert set(df[df["event"] == "waiver_required"]["report_year"]) == {2012, 2013}
    assert audit_frame(report.of_kind(AuditEventKind.UNDETERMINED))["country"].tolist() == ["Malaysia"]


# --------------------------------------------------------------------------- outlook


def test_outlook_frame(bundled):
    malaysia = outlook(bundled["Malaysia"], 2021)  # depends on the unknown 2019
    thailand = outlook(bundled["Thailand"], 2014)  # four Watch List years: the list is closed
    fresh = outlook(History("New"), 2023)
    df = outlook_frame([malaysia, thailand, fresh])
    assert list(df.columns) == ["country", "report_year", "statute", "latest_year", "latest_tier", "allowed",
                                "allowed_1", "allowed_2", "allowed_2WL", "allowed_3", "undetermined",
                                "missing_years"]
    m, t, n = df.to_dict("records")
    assert (m["latest_year"], m["latest_tier"]) == (2020, "2WL")
    assert m["undetermined"] is True and m["missing_years"] == "2019" and m["allowed_2WL"] is False
    assert (t["latest_year"], t["latest_tier"]) == (2013, "2WL")
    assert t["allowed"] == "1 2 3" and t["allowed_2WL"] is False and t["undetermined"] is False
    assert t["statute"] == thailand.statute
    assert n["allowed"] == "1 2 2WL 3" and all(n[f"allowed_{c}"] for c in ("1", "2", "2WL", "3"))
    assert pd.isna(n["latest_year"]) and pd.isna(n["latest_tier"])
    assert df["allowed_1"].dtype == bool and df["latest_year"].dtype == "Int64"


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
    known = {name: h for name, h in bundled.items() if not h.unknown_years}
    assert len(known) > 10
    assert histories_from_frame(history_frame(known)) == known
    # ... and with the unknown years dropped, every bundled history
    stripped = {name: History(name, h.placements) for name, h in bundled.items()}
    assert histories_from_frame(history_frame(stripped)) == stripped


def test_round_trip_keeps_waivers_and_order():
    h = {"B": History.of("B", {2012: "2WL", 2013: "2WL"}, waivers=[2013]),
         "A": History("A", [YearPlacement(2010, Tier.TIER_1, False)])}
    back = histories_from_frame(history_frame(h))
    assert back == h
    assert list(back) == ["B", "A"]
    assert histories_from_frame(history_frame(h).drop(columns="waiver")) == {
        "B": History.of("B", {2012: "2WL", 2013: "2WL"}), "A": History.of("A", {2010: "1"})}


def test_reader_accepts_other_column_names_and_spellings():
    df = pd.DataFrame({"Government": ["X", "X", "Y"], "Year": ["2014", 2015.0, 2016],
                       "Placement": ["Tier 2 Watch List", "tier 3", "1"], "Waived": ["yes", "", None]})
    got = histories_from_frame(df, country="Government", report_year="Year", tier="Placement", waiver="Waived")
    assert got == {"X": History("X", [YearPlacement(2014, Tier.TIER_2_WATCH_LIST, True),
                                      YearPlacement(2015, Tier.TIER_3)]),
                   "Y": History.of("Y", {2016: "1"})}


def test_empty_frame_reads_as_no_histories():
    assert histories_from_frame(history_frame([])) == {}


# --------------------------------------------------------------------------- reader errors


def _frame(index=("a", "b", "c"), **changes):
    data = {"country": ["X", "X", "Y"], "report_year": [2010, 2011, 2010], "tier": ["2", "2WL", "3"]}
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
        histories_from_frame(_frame(index=(10, 11, 12), report_year=[2010, 2011, 2010], country=["X", "Y", "X"]))
    assert info.value.where == "row 12"
    assert "first at row 10" in str(info.value)


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
        histories_from_frame(_frame(country=["X", "X", " "]))
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
