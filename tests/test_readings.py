"""The open readings of 22 U.S.C. § 7107(b)(2)(F) as statute parameters, decided on real histories."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tipranking import Assessment, History, MinimumStandards, Tier
from tipranking.analysis.access import Access, watch_list_access
from tipranking.analysis.audit import AuditEventKind, audit
from tipranking.analysis.outlook import outlook
from tipranking.cli import main
from tipranking.data import placements
from tipranking.errors import StatuteError
from tipranking.rules import PostWaiverLimit
from tipranking.rules.base import Case, Trace
from tipranking.rules.downgrade import READINGS, reading_named
from tipranking.statute import other_readings, statute_for, statute_named, with_reading
from tipranking.testing.invariants import check_post_waiver_limit

F = "22 U.S.C. § 7107(b)(2)(F)"
WL = Tier.TIER_2_WATCH_LIST
FREE, WAIVER, UNAVAILABLE = Access.FREE, Access.WAIVER, Access.UNAVAILABLE


# Real histories (the bundled record), a report year, the Watch List's availability under the package's
# reading, and every reading under which it differs. Worked out by hand from the text:
@pytest.mark.parametrize(("country", "year", "default", "differs"), [
    # Watch List 2012-2015 (waivers 2014-2015), Tier 3 2016-2024, Watch List 2025: the 2025 return is limited to
    # one year -- unless a trigger must fall under the 2019 act (the Tier 3 placement came in 2016).
    ("Turkmenistan", 2026, UNAVAILABLE, {"f-from-2019": FREE}),
    # Watch List 2010-2013, Tier 3 2014, Watch List 2015-2016 (the first return), Tier 2 2017, Watch List 2018:
    # 2019 is a second year of a later return, barred only if every return is limited (or one year in all).
    ("Malaysia", 2019, FREE, {"f-every-return": UNAVAILABLE, "f-no-additional-years": UNAVAILABLE}),
    # Watch List 2018-2020 (waiver 2020), Tier 3 2021-2022, Watch List 2023: every reading bars 2024.
    ("Malaysia", 2024, UNAVAILABLE, {}),
    # Watch List 2009-2010, Tier 3 2011: a trigger only if a run need not use a waiver; then 2017-2018 is the
    # first return and 2019 a second year of it.
    ("Algeria", 2019, WAIVER, {"f-any-run": UNAVAILABLE}),
    # Watch List 2017-2019 (waiver), Tier 3 2020-2021, Watch List 2022 (first return), Tier 3 2023, Watch List
    # 2024: State read (F) as binding the 2022 return only.
    ("Algeria", 2024, FREE, {"f-no-additional-years": UNAVAILABLE}),
    ("Algeria", 2025, FREE, {"f-every-return": UNAVAILABLE, "f-no-additional-years": UNAVAILABLE}),
    # Watch List 2011-2013 (waiver), Tier 3 2014-2016, Watch List 2017-2018 (two free years), Tier 3 2019,
    # Watch List 2020: without a waiver year 2017-2018 is no trigger, and 2020 is not the first return.
    ("The Gambia", 2021, FREE, {"f-any-run": UNAVAILABLE, "f-every-return": UNAVAILABLE,
                                "f-no-additional-years": UNAVAILABLE}),
    # Watch List 2012-2015 (waivers), Tier 3 2016, Watch List 2017 (first return), Tier 2 2018-2020, Watch List
    # 2021-2022, Tier 3 2023-2024, Watch List 2025.
    ("Djibouti", 2026, FREE, {"f-any-run": UNAVAILABLE, "f-every-return": UNAVAILABLE,
                              "f-no-additional-years": UNAVAILABLE}),
    # Watch List 2009-2012 (waivers), Tier 2 2013-2014, Watch List 2015-2016, Tier 3 2017, Watch List 2019: the
    # Tier 3 came four reports after the run -- "subsequently" only if any later Tier 3 placement counts.
    ("Congo, Republic of the", 2020, UNAVAILABLE, {"f-from-2019": FREE, "f-next-tier3": FREE}),
])
def test_each_reading_on_real_histories(country: str, year: int, default: Access,
                                        differs: dict[str, Access]) -> None:
    history = placements()[country].before(year)
    version = statute_for(year)
    assert watch_list_access(history, year, version).access is default
    got = {r.name: watch_list_access(history, year, variant).access for r, variant in other_readings(version)}
    assert {name: access for name, access in got.items() if access is not default} == differs


def test_every_reading_changes_some_real_outcome() -> None:
    """No reading is a parameter without consequence: each changes an audit outcome in the bundled record."""
    notes = audit(placements()).of_kind(AuditEventKind.READING_NOTE)
    assert {n.reading for n in notes} == {r.name for r in READINGS}
    assert all(n.citation == F and n.reason.startswith(f"read as {n.reading} (") for n in notes)


@pytest.mark.parametrize(("country", "readings"), [
    ("Turkmenistan", ["f-from-2019"]),
    ("Algeria", ["f-every-return", "f-no-additional-years"]),
    ("Brunei", ["f-every-return", "f-no-additional-years"]),
    ("Djibouti", ["f-any-run", "f-every-return", "f-no-additional-years"]),
])
def test_the_2026_outlook_names_the_readings_that_change_the_watch_list(
        country: str, readings: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--country", country, "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert [r["reading"] for r in item["readings"]] == readings
    assert all(r["tier"] == "2WL" and r["citation"] == F and r["question"] for r in item["readings"])
    assert main(["outlook", "--country", country, "--format", "csv"]) == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert [part.split(":")[0] for part in row["readings"].split()] == readings
    assert all(f"read as {name}" in row["why"] for name in readings)
    assert main(["outlook", "--country", country]) == 0
    text = capsys.readouterr().out
    assert all(f"2WL read as {name}" in text for name in readings) and F in text


def test_turkmenistan_2026_under_the_from_2019_reading(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--country", "Turkmenistan", "--statute", "tvpra-2019+f-from-2019",
                 "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["statute"] == "tvpra-2019+f-from-2019" and item["allowed"] == ["1", "2", "2WL", "3"]
    # Readings are changes of (F) from the version given: the notes name the readings it does not apply.
    assert "f-from-2019" not in [r["reading"] for r in item["readings"]]


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_outlook_lists_the_readings(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--readings", "--format", fmt]) == 0
    out = capsys.readouterr().out
    for reading in READINGS:
        assert reading.name in out and reading.question in out
    if fmt == "json":
        assert [r["reading"] for r in json.loads(out)] == [r.name for r in READINGS]
    if fmt == "csv":
        assert [r["reading"] for r in csv.DictReader(io.StringIO(out))] == [r.name for r in READINGS]


def test_statute_names_with_readings() -> None:
    both = statute_named("tvpra-2019+f-every-return+f-any-run")
    limit = both.rule_of_type(PostWaiverLimit)
    assert limit is not None and limit.every_return and not limit.requires_waiver
    assert both.name == "tvpra-2019+f-every-return+f-any-run"
    assert [r.name for r, _ in other_readings(both)] == ["f-from-2019", "f-next-tier3", "f-no-additional-years"]
    assert other_readings(statute_for(2018)) == ()
    with pytest.raises(StatuteError, match=r"unknown reading 'f-literal'.*known: f-from-2019"):
        statute_named("tvpra-2019+f-literal")
    with pytest.raises(StatuteError, match=r"'tvpra-2008' has no § 7107\(b\)\(2\)\(F\)"):
        statute_named("tvpra-2008+f-every-return")
    with pytest.raises(StatuteError, match="unknown version 'tvpra-2020'"):
        statute_named("tvpra-2020")
    assert with_reading(statute_for(2023), reading_named("f-from-2019")).rule_of_type(
        PostWaiverLimit) == PostWaiverLimit(triggers_from=2019)


@pytest.mark.parametrize("statute", ["tvpra-2019+f-nope", "tvpra-2008+f-any-run", "nonsense"])
def test_cli_rejects_a_bad_statute_in_one_line(statute: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--statute", statute]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "statute" in err


def test_audit_under_a_reading_reports_violations_and_notes_the_default() -> None:
    algeria = placements()["Algeria"]
    strict = audit([algeria], statute_named("tvpra-2019+f-every-return"))
    violations = strict.of_kind(AuditEventKind.VIOLATION)
    # Applied to every year, the 2019 law's one waiver already makes 2011's third year unlawful; (F) read
    # every-return makes 2025 (second year of the 2024 return) unlawful.
    assert [(v.report_year, v.citation) for v in violations if v.report_year >= 2020] == [(2025, F)]
    # Under that version, the package's own readings are not among the notes (only readings not applied).
    assert {n.reading for n in strict.of_kind(AuditEventKind.READING_NOTE)} <= {
        "f-from-2019", "f-next-tier3", "f-any-run", "f-no-additional-years"}


@pytest.mark.parametrize("name", ["tvpra-2019", *(f"tvpra-2019+{r.name}" for r in READINGS)])
def test_the_invariant_and_the_audit_agree_under_every_reading(name: str) -> None:
    """The kit's (F) invariant recomputes the limit from the parameters, independently of the rule: on every
    real history, under each reading applied to every year, it fails exactly where the audit finds a
    Watch List placement that (F) made unlawful."""
    version = statute_named(name)
    for history in placements().values():
        audited = {v.report_year for v in audit([history], version).of_kind(AuditEventKind.VIOLATION)
                   if v.citation == F}
        try:
            check_post_waiver_limit(history, version)
        except AssertionError as err:
            first = int(str(err).split(", ", 1)[1][:4])  # "22 U.S.C. § 7107(b)(2)(F), <year> report: ..."
            assert audited and first == min(audited), (history.country, str(err), audited)
        else:
            assert not audited, (history.country, audited)


# --------------------------------------------------------------------------- the rule's new parameters


def _reason(rule: PostWaiverLimit, tiers: dict[int, str], year: int) -> tuple[bool | None, str]:
    case = Case(Assessment("X", year, MinimumStandards(True, True, True, False), significant_efforts=True),
                History.of("X", tiers), statute_for(year).clock)
    trace = Trace()
    holds = rule.evaluate(case, trace)
    return holds, trace.findings[-1].reason


CONGO = {2009: "2WL", 2010: "2WL", 2011: "2WL", 2012: "2WL", 2013: "2", 2014: "2", 2015: "2WL", 2016: "2WL",
         2017: "3", 2018: "3", 2019: "2WL"}


def test_tier3_right_after_and_triggers_from_explain_the_missing_trigger() -> None:
    assert _reason(PostWaiverLimit(), CONGO, 2020) == (True, (
        "Watch List 2009-2012 then Tier 3 in 2017; back on the Watch List in 2019, so another Watch List year "
        "would exceed one consecutive year"))
    assert _reason(PostWaiverLimit(tier3_right_after=True), CONGO, 2020) == (
        False, "no earlier Watch List run with a waiver year followed by Tier 3 in the next report")
    assert _reason(PostWaiverLimit(triggers_from=2019), CONGO, 2020) == (
        False, "no earlier Watch List run with a waiver year followed by Tier 3 from the 2019 report on")


def test_no_additional_years_counts_every_watch_list_year_since_the_trigger() -> None:
    algeria = {2017: "2WL", 2018: "2WL", 2019: "2WL", 2020: "3", 2021: "3", 2022: "2WL", 2023: "3"}
    rule = PostWaiverLimit(no_additional_years=True)
    assert _reason(rule, {k: v for k, v in algeria.items() if k <= 2021}, 2022) == (
        False, "Watch List 2017-2019 then Tier 3 in 2020; no Watch List year since, so one is still allowed")
    assert _reason(rule, algeria, 2024) == (True, (
        "Watch List 2017-2019 then Tier 3 in 2020; on the Watch List since in 2022, and read as one year in all, "
        "no further Watch List year is allowed"))
    assert _reason(rule, {2016: "2WL"}, 2017) == (False, "no earlier Watch List run with a waiver year followed "
                                                         "by Tier 3")


def test_no_additional_years_makes_unknown_years_after_the_trigger_matter() -> None:
    """Read as one year in all, a Watch List year anywhere after the trigger counts, so an unknown year
    matters even when the year before the report is known and off the Watch List."""
    tiers = {2017: "2WL", 2018: "2WL", 2019: "2WL", 2020: "3", 2022: "2", 2023: "2"}
    h = History(History.of("X", tiers).country, History.of("X", tiers).placements, {2021})
    assert watch_list_access(h, 2024).access is FREE
    strict = statute_named("tvpra-2019+f-no-additional-years")
    result = watch_list_access(h, 2024, strict)
    assert result.access is Access.UNKNOWN and result.missing_years == (2021,)
    assert outlook(h, 2024, strict).undetermined[0].missing_years == (2021,)
