"""History rules: the audit of real placements, lawful generated histories, and the outlook."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given

from tipranking import Assessment, History, MinimumStandards, Tier, WaiverJustification, WatchListFacts, place
from tipranking.analysis.access import Access, watch_list_access
from tipranking.analysis.audit import AuditEventKind, audit
from tipranking.analysis.outlook import outlook
from tipranking.cli import main
from tipranking.errors import HistoryError, ParseError, ReportYearError, UnknownTierError
from tipranking.formats.placements import parse_placements_csv, read_placements_csv
from tipranking.rules import WatchListCriteria
from tipranking.statute import statute_for, statute_named
from tipranking.testing.invariants import check_history
from tipranking.testing.strategies import histories, report_years

from .conftest import SHARED

REAL_2001_2015 = SHARED / "reference" / "tiers_2001_2015.csv"
needs_shared = pytest.mark.skipif(not REAL_2001_2015.exists(), reason=f"{REAL_2001_2015} not present")


@needs_shared
def test_real_history_2013_forced_moves_and_no_violations() -> None:
    report = audit(read_placements_csv(REAL_2001_2015))
    assert report.countries == 186 and report.rows == 2251
    forced_2013 = {(e.country, e.tier) for e in report.of_kind(AuditEventKind.FORCED_MOVE) if e.report_year == 2013}
    assert forced_2013 == {("Azerbaijan", Tier.TIER_2), ("Congo, Republic of the", Tier.TIER_2),
                           ("Iraq", Tier.TIER_2), ("China", Tier.TIER_3), ("Russia", Tier.TIER_3),
                           ("Uzbekistan", Tier.TIER_3)}
    assert not any(e.report_year < 2013 for e in report.of_kind(AuditEventKind.FORCED_MOVE))
    assert report.of_kind(AuditEventKind.VIOLATION) == ()


@needs_shared
def test_real_history_inferred_waivers() -> None:
    """The compilation omits Special Cases: Haiti (a Special Case in the 2006-2011 reports) has no row for
    2004 and 2006-2011. Read as unknown (the default), Haiti's 2014 and 2015 waivers are undetermined; read as
    not covered (``gaps="absent"``), the inferred waivers match the 2011 report (13) and State's 2015
    memorandum (17, Haiti among them)."""
    for gaps, counts in (("absent", {2011: 13, 2012: 12, 2013: 12, 2014: 13, 2015: 17}),
                         ("unknown", {2011: 13, 2012: 12, 2013: 12, 2014: 12, 2015: 16})):
        report = audit(read_placements_csv(REAL_2001_2015, gaps=gaps))
        waivers: dict[int, set[str]] = {}
        for e in report.of_kind(AuditEventKind.WAIVER_REQUIRED):
            waivers.setdefault(e.report_year, set()).add(e.country)
        assert {year: len(names) for year, names in waivers.items()} == counts, gaps
        undetermined = {(e.country, e.report_year) for e in report.of_kind(AuditEventKind.UNDETERMINED)}
        assert undetermined == (set() if gaps == "absent" else {("Haiti", y) for y in range(2012, 2016)})
    assert not any("Haiti" in names for names in waivers.values())
    # The first year the downgrade could bite: 13 of the countries on the Watch List in 2009 and 2010 stayed on it.
    assert {"China", "Russia", "Uzbekistan", "Azerbaijan", "Congo, Republic of the", "Iraq"} <= waivers[2011]
    # China, Russia and Uzbekistan used both waiver years of the 2008 act (2011 and 2012).
    assert {"China", "Russia", "Uzbekistan"} <= waivers[2012]
    # Thailand and Malaysia, on the Watch List 2010-2013, were waived in 2012 and 2013, then forced to Tier 3.
    assert {"Thailand", "Malaysia"} <= waivers[2012] & waivers[2013]
    forced_2014 = {e.country: e.tier for e in report.of_kind(AuditEventKind.FORCED_MOVE) if e.report_year == 2014}
    assert forced_2014["Thailand"] is Tier.TIER_3 and forced_2014["Malaysia"] is Tier.TIER_3


@needs_shared
def test_cli_audit_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(REAL_2001_2015), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rows"] == 2251 and data["countries"] == 186
    forced = sorted(e["country"] for e in data["events"] if e["event"] == "forced_move" and e["report_year"] == 2013)
    assert forced == ["Azerbaijan", "China", "Congo, Republic of the", "Iraq", "Russia", "Uzbekistan"]
    assert all(set(e) == {"country", "iso3", "input_country", "report_year", "event", "tier", "citation", "reason",
                          "reading", "access", "reading_access"} for e in data["events"])
    assert {e["access"] for e in data["events"] if e["event"] == "forced_move"} == {"unavailable"}
    assert {e["access"] for e in data["events"] if e["event"] == "waiver_required"} == {"waiver"}
    assert all((e["reading_access"] is None) == (e["event"] != "reading_note") for e in data["events"])
    assert data["input"]["merged_names"]["Russia"] == ["Russian Federation"]
    assert data["input"]["gaps"]["Haiti"] == [2004, 2006, 2007, 2008, 2009, 2010, 2011]


@needs_shared
def test_counterfactual_audit_under_the_2019_law() -> None:
    """Under today's one-waiver rule, the 2012 second waivers would have been violations."""
    report = audit(read_placements_csv(REAL_2001_2015), statute_named("tvpra-2019"))
    violations_2012 = {e.country for e in report.of_kind(AuditEventKind.VIOLATION) if e.report_year == 2012}
    assert {"China", "Russia", "Uzbekistan"} <= violations_2012


# ----------------------------------------------------------------- generated histories


@given(histories(first=2004, lawful=True))
def test_lawful_histories_pass_the_audit_and_the_invariants(history: History) -> None:
    report = audit([history])
    assert report.of_kind(AuditEventKind.VIOLATION) == ()
    check_history(history)


@given(histories(first=2004))
def test_audit_flags_exactly_the_runs_the_invariants_reject(history: History) -> None:
    """The audit (through the pipeline) and the invariants (from the parameters) agree."""
    violations = audit([history]).of_kind(AuditEventKind.VIOLATION)
    try:
        check_history(history)
    except AssertionError:
        assert violations
    else:
        assert violations == ()


def _all_probes(history: History, year: int) -> set[Tier]:
    """Every ranked tier some assessment in a broad space reaches for this history."""
    version = statute_for(year)
    criteria = version.rule_of_type(WatchListCriteria)
    third = (False, True) if criteria is not None and criteria.commitments_criterion else (None,)
    proportional = (False, True) if criteria is not None and criteria.estimated_number else (None,)
    reached = set()
    justifications = (None, WaiverJustification.full(), WaiverJustification(True, False, True))
    for met, efforts, c1, c2, c3, c4, just in itertools.product((True, False), (True, False), (True, False),
                                                               (True, False), third, proportional, justifications):
        a = Assessment(history.country, year, MinimumStandards(True, True, True, met), significant_efforts=efforts,
                       watch_list=WatchListFacts(c1, c2, c3, c4), waiver_justification=just)
        reached.add(place(a, history).tier)
    return reached


@given(histories(first=2006, before=2026), report_years(min_year=2003, max_year=2027))
def test_outlook_allows_exactly_what_place_can_produce(history: History, year: int) -> None:
    past = history.before(year)
    result = outlook(past, year)
    assert set(result.allowed) == _all_probes(past, year)
    assert {x.tier for x in result.excluded} == {Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST,
                                                 Tier.TIER_3} - set(result.allowed)
    for exclusion in result.excluded:
        assert exclusion.citation.startswith("22 U.S.C. § 7107(b)(2)") and exclusion.reason


# ----------------------------------------------------------------- worked examples per statute version


def test_2010_report_does_not_count_2007_and_2008() -> None:
    h = History.of("X", {2007: "2WL", 2008: "2WL", 2009: "2WL"})
    assert watch_list_access(h, 2010).access is Access.FREE
    assert watch_list_access(h.with_placement(2010, Tier.TIER_2_WATCH_LIST), 2011).access is Access.WAIVER


@pytest.mark.parametrize(("years", "report", "access"), [
    ((2009, 2010), 2011, Access.WAIVER),
    ((2009, 2010, 2011), 2012, Access.WAIVER),       # 2008 act: a second waiver year
    ((2009, 2010, 2011, 2012), 2013, Access.UNAVAILABLE),
    ((2016, 2017), 2018, Access.WAIVER),
    ((2016, 2017, 2018), 2019, Access.UNAVAILABLE),  # 2019: one waiver, already used in 2018
    ((2020, 2021), 2022, Access.WAIVER),
    ((2020, 2021, 2022), 2023, Access.UNAVAILABLE),
    ((2021,), 2022, Access.FREE),
    ((2003,), 2004, Access.FREE),
])
def test_watch_list_access_by_statute_version(years: tuple[int, ...], report: int, access: Access) -> None:
    h = History.of("X", dict.fromkeys(years, "2WL"))
    assert watch_list_access(h, report).access is access


def test_no_watch_list_before_2004() -> None:
    assert watch_list_access(History("X"), 2003).access is Access.NONE
    result = outlook(History("X"), 2003)
    assert Tier.TIER_2_WATCH_LIST not in result.allowed
    assert result.excluded[0].citation == "22 U.S.C. § 7107(b)(2)(A)(iii)"


def test_post_waiver_limit_malaysia() -> None:
    """Watch List 2018-2020 (waiver 2020), Tier 3 2021-2022, Watch List 2023: not the Watch List in 2024."""
    h = History.of("Malaysia", {2018: "2WL", 2019: "2WL", 2020: "2WL", 2021: "3", 2022: "3", 2023: "2WL"})
    result = outlook(h, 2024)
    assert result.allowed == (Tier.TIER_1, Tier.TIER_2, Tier.TIER_3)
    (excluded,) = result.excluded
    assert excluded.tier is Tier.TIER_2_WATCH_LIST and excluded.citation == "22 U.S.C. § 7107(b)(2)(F)"
    assert watch_list_access(h.before(2023), 2023).access is Access.FREE   # the first return year itself


def test_post_waiver_limit_algeria_second_return_allowed() -> None:
    h = History.of("Algeria", {2017: "2WL", 2018: "2WL", 2019: "2WL", 2020: "3", 2021: "3", 2022: "2WL", 2023: "3",
                               2024: "2WL", 2025: "2WL"})
    report = audit([h])
    assert report.of_kind(AuditEventKind.VIOLATION) == ()
    notes = {(n.report_year, n.reading) for n in report.of_kind(AuditEventKind.READING_NOTE)}
    # Every return limited: 2025 is the second year of the 2024 return.
    assert notes == {(2025, "f-every-return")}
    # One year in all -- a reading contrary to the text, noted only when asked: 2024 is already one too many
    # after 2022.
    every = audit([h], contrary_readings=True).of_kind(AuditEventKind.READING_NOTE)
    assert {(n.report_year, n.reading) for n in every} == notes | {(2024, "f-no-additional-years"),
                                                                   (2025, "f-no-additional-years")}
    assert all(n.citation == "22 U.S.C. § 7107(b)(2)(F)" and "not have been lawful" in n.reason
               and n.reading_access is Access.UNAVAILABLE and n.access is Access.FREE for n in every)


def test_post_waiver_limit_literal_reading_flags_algeria() -> None:
    from tipranking.rules import PostWaiverLimit

    literal = statute_for(2025).replace_rule("post_waiver_limit", PostWaiverLimit(every_return=True))
    h = History.of("Algeria", {2017: "2WL", 2018: "2WL", 2019: "2WL", 2020: "3", 2021: "3", 2022: "2WL", 2023: "3",
                               2024: "2WL", 2025: "2WL"})
    violations = audit([h], literal).of_kind(AuditEventKind.VIOLATION)
    assert [(v.report_year, v.citation) for v in violations] == [(2025, "22 U.S.C. § 7107(b)(2)(F)")]


def test_year_after_waiver_forces_a_move() -> None:
    h = History.of("X", {2020: "2WL", 2021: "2WL", 2022: "2WL", 2023: "2"})
    (event,) = audit([h]).of_kind(AuditEventKind.FORCED_MOVE)
    assert (event.report_year, event.tier, event.citation) == (2023, Tier.TIER_2, "22 U.S.C. § 7107(b)(2)(D)(i)")


def test_waiver_flag_contradiction_is_a_violation() -> None:
    rows = "report_year,country,tier,waiver\n2021,Chad,2WL,\n2022,Chad,2WL,\n2023,Chad,2WL,no\n"
    (violation,) = audit(parse_placements_csv(rows)).of_kind(AuditEventKind.VIOLATION)
    assert violation.report_year == 2023 and "no waiver" in violation.reason


# ----------------------------------------------------------------- bad CSV input


@pytest.mark.parametrize(("text", "error", "fragments"), [
    ("report_year,country,tier\n2020,Chad,2\n2020,Chad,3\n", HistoryError, ["line 3", "duplicate", "line 2"]),
    ("report_year,country,tier\n2020,Chad,4\n", UnknownTierError, ["line 2", "tier", "'4'"]),
    ("report_year,country\n2020,Chad\n", ParseError, ["line 1", "missing column", "tier"]),
    ("report_year,country,tier\n1999,Chad,2\n", ReportYearError, ["line 2", "report_year", "1999"]),
    ("report_year,country,tier\nabc,Chad,2\n", ReportYearError, ["line 2", "report_year", "'abc'"]),
    ("report_year,country,tier\n2020,,2\n", Exception, ["line 2", "country"]),
    ("report_year,country,tier,waiver\n2020,Chad,2WL,maybe\n", Exception, ["line 2", "waiver", "'maybe'"]),
    ("", ParseError, ["empty"]),
    ("report_year,country,tier\n", ParseError, ["no data rows"]),
])
def test_bad_csv(text: str, error: type[Exception], fragments: list[str]) -> None:
    with pytest.raises(error) as info:
        parse_placements_csv(text, "f.csv")
    for fragment in fragments:
        assert fragment in str(info.value), (fragment, str(info.value))


@pytest.mark.parametrize("command", [["audit"], ["outlook", "--year", "2024"]])
@pytest.mark.parametrize("text", ["report_year,country,tier\n2020,Chad,2\n2020,Chad,3\n",
                                  "report_year,country,tier\n2020,Chad,4\n", "report_year,country\n2020,Chad\n",
                                  "report_year,country,tier\n1999,Chad,2\n"])
def test_cli_bad_csv_exit_2(command: list[str], text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "h.csv"
    path.write_text(text, encoding="utf-8")
    assert main([command[0], str(path), *command[1:]]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "line" in err and err.count("\n") == 1


def test_cli_outlook_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "h.csv"
    path.write_text("report_year,country,tier\n2021,Chad,2WL\n2022,Chad,2WL\n2023,Chad,2WL\n2022,Peru,2\n",
                    encoding="utf-8")
    assert main(["outlook", str(path), "--year", "2024", "--format", "json"]) == 0
    x, y = json.loads(capsys.readouterr().out)["items"]
    assert x["allowed"] == ["1", "2", "3"] and x["tier_2WL"]["status"] == "closed"
    assert x["tier_2WL"]["citation"] == "22 U.S.C. § 7107(b)(2)(D)(i)"
    assert y["allowed"] == ["1", "2", "2WL", "3"]
    assert {y[f"tier_{t}"]["status"] for t in ("1", "2", "2WL", "3")} == {"open"}


@pytest.mark.parametrize("year", ["2031", "2000", "soon"])
def test_cli_outlook_year_out_of_range(year: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "x.csv", "--year", year]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "--year" in err and err.count("\n") == 1 and "usage" not in err
