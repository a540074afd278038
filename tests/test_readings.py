"""The open readings of 22 U.S.C. § 7107(b)(2)(F) as statute parameters, decided on real histories."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tipranking import Assessment, History, MinimumStandards, Tier
from tipranking.analysis.access import Access, watch_list_access
from tipranking.analysis.audit import AuditEventKind, audit
from tipranking.analysis.outlook import lawful_tiers, outlook
from tipranking.analysis.readings import evidence_table, reading_evidence, spans
from tipranking.cli import main
from tipranking.data import placements
from tipranking.errors import StatuteError
from tipranking.rules import PostWaiverLimit
from tipranking.rules.base import Case, Trace
from tipranking.rules.downgrade import READINGS, Reading, reading_named
from tipranking.statute import VERSIONS, other_readings, statute_for, statute_named, with_reading
from tipranking.testing.invariants import check_post_waiver_limit

ROOT = Path(__file__).resolve().parents[1]
F = "22 U.S.C. § 7107(b)(2)(F)"
WL = Tier.TIER_2_WATCH_LIST
FREE, WAIVER, UNAVAILABLE = Access.FREE, Access.WAIVER, Access.UNAVAILABLE


# Real histories (the bundled record), a report year, the Watch List's availability under the package's
# reading, and every reading under which it differs. Worked out by hand from the text:
@pytest.mark.parametrize(("country", "year", "default", "differs"), [
    # Watch List 2012-2015 (waivers 2014-2015), Tier 3 2016-2024, Watch List 2025: the 2025 return is limited to
    # one year under every reading -- even if a trigger must fall under the 2019 act, the 2019 Tier 3 placement
    # follows the run.
    ("Turkmenistan", 2026, UNAVAILABLE, {}),
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
    # Watch List 2020: without a waiver year 2017-2018 is no trigger, and 2020 is not the first return -- unless
    # the trigger must come from 2019 on: then 2019's Tier 3 placement completes the 2011-2013 run's trigger and
    # 2020 is its first return.
    ("The Gambia", 2021, FREE, {"f-from-2019": UNAVAILABLE, "f-any-run": UNAVAILABLE,
                                "f-every-return": UNAVAILABLE, "f-no-additional-years": UNAVAILABLE}),
    # Watch List 2012-2015 (waivers), Tier 3 2016, Watch List 2017 (first return), Tier 2 2018-2020, Watch List
    # 2021-2022, Tier 3 2023-2024, Watch List 2025 (the first return after 2023's Tier 3 placement, which
    # completes the 2012-2015 run's trigger from 2019 on).
    ("Djibouti", 2026, FREE, {"f-from-2019": UNAVAILABLE, "f-any-run": UNAVAILABLE,
                              "f-every-return": UNAVAILABLE, "f-no-additional-years": UNAVAILABLE}),
    # Watch List 2009-2012 (waivers), Tier 2 2013-2014, Watch List 2015-2016, Tier 3 2017, Watch List 2019: the
    # Tier 3 came four reports after the run -- "subsequently" only if any later Tier 3 placement counts.
    ("Congo, Republic of the", 2020, UNAVAILABLE, {"f-from-2019": FREE, "f-next-tier3": FREE}),
])
def test_each_reading_on_real_histories(country: str, year: int, default: Access,
                                        differs: dict[str, Access]) -> None:
    history = placements()[country].before(year)
    version = statute_for(year)
    assert watch_list_access(history, year, version).access is default
    got = {r.name: watch_list_access(history, year, variant).access
           for r, variant in other_readings(version, contrary=True)}
    assert {name: access for name, access in got.items() if access is not default} == differs


def test_every_reading_changes_some_real_outcome() -> None:
    """No reading is a parameter without consequence: each changes an audit outcome in the bundled record. The
    audit notes the readings the text bears; the one contrary to it only when asked."""
    noted = {r.name for r in READINGS if r.noted}
    assert noted == {r.name for r in READINGS} - {"f-no-additional-years"}
    notes = audit(placements()).of_kind(AuditEventKind.READING_NOTE)
    assert {n.reading for n in notes} == noted
    every = audit(placements(), contrary_readings=True).of_kind(AuditEventKind.READING_NOTE)
    assert {n.reading for n in every} == {r.name for r in READINGS}
    assert [n for n in every if n.reading in noted] == list(notes)
    assert all(n.citation == F and n.reason.startswith(f"read as {n.reading} (") for n in every)
    assert all(n.access is not None and n.reading_access is not None and n.access is not n.reading_access
               for n in every)


def test_no_government_carries_a_note_for_a_reading_contrary_to_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--format", "json"]) == 0
    outlooks = json.loads(capsys.readouterr().out)["items"]
    assert not [o["country"] for o in outlooks
                if any(r["reading"] == "f-no-additional-years" for r in o["readings"])]
    assert main(["outlook", "--readings", "--format", "json"]) == 0
    (listed,) = [r for r in json.loads(capsys.readouterr().out)["items"] if r["reading"] == "f-no-additional-years"]
    assert listed["noted"] is False and "consecutive" in listed["contrary_to_text"]
    # Asked for by name, it is applied: Algeria's 2024 return was its second after the trigger.
    assert main(["outlook", "--country", "Algeria", "--statute", "tvpra-2019+f-no-additional-years",
                 "--format", "json"]) == 0
    (algeria,) = json.loads(capsys.readouterr().out)["items"]
    assert "2WL" not in algeria["allowed"] and algeria["tier_2WL"]["citation"] == F


@pytest.mark.parametrize(("country", "readings"), [
    ("Algeria", ["f-every-return"]),
    ("Brunei", ["f-every-return"]),
    ("Djibouti", ["f-from-2019", "f-any-run", "f-every-return"]),
])
def test_the_2026_outlook_names_the_readings_that_change_the_watch_list(
        country: str, readings: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--country", country, "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)["items"]
    assert [r["reading"] for r in item["readings"]] == readings
    assert all(r["tier"] == "2WL" and r["citation"] == F and r["question"] for r in item["readings"])
    assert all(r["status"] == "closed" and item["tier_2WL"]["status"] != "closed" for r in item["readings"])
    assert main(["outlook", "--country", country, "--format", "csv"]) == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row["readings"] == "|".join(f"{name}:closed" for name in readings)
    assert main(["outlook", "--country", country]) == 0
    text = capsys.readouterr().out
    assert all(f"2WL read as {name}" in text for name in readings) and F in text


def test_turkmenistan_2026_under_the_from_2019_reading(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--country", "Turkmenistan", "--statute", "tvpra-2019+f-from-2019",
                 "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)["items"]
    # Watch List 2012-2015 (waived), Tier 3 2016-2024, Watch List 2025: the first Tier 3 placement in or after the
    # 2019 report that follows the run is 2019's, so the 2025 return is limited under this reading too.
    assert item["statute"] == "tvpra-2019+f-from-2019" and item["allowed"] == ["1", "2", "3"]
    excluded = item["tier_2WL"]
    assert excluded["status"] == "closed" and excluded["citation"] == F and "Tier 3 in 2019" in excluded["reason"]
    # Readings are changes of (F) from the version given: the notes name the readings it does not apply.
    assert "f-from-2019" not in [r["reading"] for r in item["readings"]]


@pytest.mark.parametrize(("country", "year"), [("Belarus", 2022), ("Burundi", 2022), ("Comoros", 2023)])
def test_from_2019_counts_a_later_tier3_placement(country: str, year: int) -> None:
    """Each ran the Watch List with waivers before 2019 and stayed on Tier 3 into 2019 and beyond; under
    f-from-2019 the 2019 Tier 3 placement completes the trigger, so it agrees with the default about their
    later placements -- more Tier 3 years never lift the limit."""
    history = placements()[country]
    assert history.tier_in(2019) is Tier.TIER_3
    default = statute_for(year)
    variant = with_reading(default, reading_named("f-from-2019"))
    assert watch_list_access(history.before(year), year, variant).access is \
        watch_list_access(history.before(year), year, default).access is UNAVAILABLE
    notes = audit([history]).of_kind(AuditEventKind.READING_NOTE)
    assert not [n for n in notes if n.reading == "f-from-2019" and n.report_year == year]


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_outlook_lists_the_readings(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlook", "--readings", "--format", fmt]) == 0
    out = capsys.readouterr().out
    for reading in READINGS:
        assert reading.name in out and reading.question in out
    if fmt == "json":
        assert [r["reading"] for r in json.loads(out)["items"]] == [r.name for r in READINGS]
    if fmt == "csv":
        assert [r["reading"] for r in csv.DictReader(io.StringIO(out))] == [r.name for r in READINGS]


def test_statute_names_with_readings() -> None:
    both = statute_named("tvpra-2019+f-every-return+f-any-run")
    limit = both.rule_of_type(PostWaiverLimit)
    assert limit is not None and limit.every_return and not limit.requires_waiver
    assert both.name == "tvpra-2019+f-every-return+f-any-run"
    assert [r.name for r, _ in other_readings(both)] == ["f-from-2019", "f-next-tier3"]
    assert [r.name for r, _ in other_readings(both, contrary=True)] == [
        "f-from-2019", "f-next-tier3", "f-no-additional-years"]
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


# --------------------------------------------------------------------------- properties of every reading



# Every version with a Watch List clock, and the current one under each reading alone and under all together.
_CLOCKED = [v for v in VERSIONS if v.clock is not None]
_READ = [with_reading(statute_for(2023), r) for r in READINGS]
_ALL_READINGS = statute_named("tvpra-2019+" + "+".join(r.name for r in READINGS))
VARIANTS = [*_CLOCKED, *_READ, _ALL_READINGS]
_CHOICES = ("1", "2", "2WL", "2WL", "3", "3", "special_case", None)  # None: no entry that year


@st.composite
def _histories_with_a_tier3_stretch(draw: st.DrawFn) -> tuple[dict[int, str], int, int]:
    """A history 2009..report-1 (tiers drawn with the Watch List and Tier 3 twice as likely), a report year, and a
    year ``x`` before it that is neither on the Watch List nor on Tier 3, followed by a Tier 3 year."""
    report = draw(st.integers(2013, 2027))
    tiers = {y: t for y in range(2009, report) if (t := draw(st.sampled_from(_CHOICES))) is not None}
    x = draw(st.integers(2009, report - 2))
    tiers[x] = draw(st.sampled_from(["1", "2", "special_case", "none"]))
    if tiers[x] == "none":
        del tiers[x]
    tiers[x + 1] = "3"
    return tiers, report, x


def _lawful(tiers: dict[int, str], report: int, version: object) -> set[Tier]:
    allowed, undetermined = lawful_tiers(History.of("X", tiers), report, version)  # type: ignore[arg-type]
    assert not undetermined
    return set(allowed)


# The case: Tier 2 in 2016-2018 and Tier 3 in 2019-2020 after a waived run must not be barred where
# Tier 3 in 2016-2020 is free (f-from-2019 once tested only the first Tier 3 placement against 2019).
_RUN = {2012: "2WL", 2013: "2WL", 2014: "2WL", 2015: "2WL"}


@given(_histories_with_a_tier3_stretch(), st.sampled_from(VARIANTS))
@example(({**_RUN, 2016: "2", 2017: "2", 2018: "2", 2019: "3", 2020: "3", 2021: "2WL"}, 2022, 2018),
         with_reading(statute_for(2023), reading_named("f-from-2019")))
def test_one_more_tier3_year_never_opens_the_watch_list(case: tuple[dict[int, str], int, int],
                                                        version: object) -> None:
    """Placing a country on Tier 3 one year earlier (the year before a Tier 3 placement) never makes the Watch
    List -- or any tier -- more available in a later report, under any statute version or reading: more Tier 3
    years never lift a limit."""
    tiers, report, x = case
    more = {**tiers, x: "3"}
    assert _lawful(more, report, version) <= _lawful(tiers, report, version)


def _runs(tiers: dict[int, str], before: int) -> list[list[int]]:
    runs: list[list[int]] = []
    for year in range(2009, before):
        if tiers.get(year) == "2WL":
            if runs and runs[-1][-1] == year - 1:
                runs[-1].append(year)
            else:
                runs.append([year])
    return runs


def _first_tier3_after(tiers: dict[int, str], year: int, before: int) -> int | None:
    return next((y for y in range(year + 1, before) if tiers.get(y) == "3"), None)


def _matters(name: str, tiers: dict[int, str], report: int) -> bool:
    """Where a reading's own question arises in a history before ``report`` -- an oracle written from the
    readings' definitions, independently of the rule. Triggers are the default's: a run with a waiver year (three
    or more Watch List years counted from 2009) and the first Tier 3 placement after it."""
    runs = _runs(tiers, report)
    waived = [r for r in runs if len(r) >= 3]
    triggers = [t for r in waived if (t := _first_tier3_after(tiers, r[-1], report)) is not None]
    if name == "f-from-2019":  # a trigger completed before 2019
        return any(t < 2019 for t in triggers)
    if name == "f-next-tier3":  # a trigger that is not the report right after its run
        return any(t != r[-1] + 1 for r in waived if (t := _first_tier3_after(tiers, r[-1], report)) is not None)
    if name == "f-any-run":  # a run of the two free years alone, followed by Tier 3
        return any(len(r) == 2 and _first_tier3_after(tiers, r[-1], report) is not None for r in runs)
    # f-every-return, f-no-additional-years: a return to the Watch List after a trigger that is over before the
    # report (a later Watch List year, or one year out of the first return, is where the readings part)
    return any(w > t and w + 1 < report and tiers.get(w + 1) != "2WL" for t in triggers for w in tiers
               if tiers[w] == "2WL")


@st.composite
def _clocked_histories(draw: st.DrawFn) -> tuple[dict[int, str], int]:
    report = draw(st.integers(2019, 2027))
    return {y: t for y in range(2009, report) if (t := draw(st.sampled_from(_CHOICES))) is not None}, report


@given(_clocked_histories(), st.sampled_from(READINGS))
@example(({2011: "2WL", 2012: "2WL", 2013: "2WL", 2014: "3", 2017: "2WL", 2018: "2WL", 2019: "3", 2020: "2WL"},
          2021), reading_named("f-from-2019"))
@example(({2017: "2WL", 2018: "2WL", 2019: "3", 2020: "2WL"}, 2021), reading_named("f-any-run"))
def test_a_reading_changes_nothing_where_its_question_does_not_arise(case: tuple[dict[int, str], int],
                                                                      reading: Reading) -> None:
    """A reading gives the lawful tiers of the default except where its own question arises in the history
    (``_matters``): never a tier the default forbids, never one fewer, elsewhere."""
    tiers, report = case
    default = statute_for(report)
    if _lawful(tiers, report, with_reading(default, reading)) != _lawful(tiers, report, default):
        assert _matters(reading.name, tiers, report), (reading.name, tiers, report)


# --------------------------------------------------------------------------- the computed evidence




def test_the_evidence_table_in_the_docs_is_the_audit() -> None:
    """docs/rules/downgrade.md prints the table :func:`evidence_table` makes from the audit of the bundled
    record; regenerate it there when the record or a reading changes."""
    text = (ROOT / "docs" / "rules" / "downgrade.md").read_text(encoding="utf-8")
    begin = text.index("<!-- reading-evidence")
    start = text.index("\n", begin) + 1
    end = text.index("<!-- /reading-evidence -->")
    expected = evidence_table(reading_evidence())
    assert text[start:end].strip() == expected, f"docs/rules/downgrade.md needs the table:\n{expected}"


def test_the_evidence_is_what_the_audit_notes() -> None:
    """Each kind of evidence re-derived from the audit's notes by their accesses, and the cases the issue that
    asked for the evidence named (State's placements that contradict f-any-run and f-every-return)."""
    by_name = {e.reading.name: e for e in reading_evidence()}
    assert list(by_name) == [r.name for r in READINGS]
    notes = audit(placements(), contrary_readings=True).of_kind(AuditEventKind.READING_NOTE)
    for name, evidence in by_name.items():
        mine = [n for n in notes if n.reading == name]
        assert sorted((n.country, n.report_year) for n in mine if n.tier is WL and n.reading_access is UNAVAILABLE) \
            == list(evidence.unlawful)
        assert sorted((n.country, n.report_year) for n in mine if n.tier is not WL and n.access is UNAVAILABLE) \
            == list(evidence.forced_by_default)
        counted = (evidence.unlawful, evidence.unlawful_by_default, evidence.forced_by_default,
                   evidence.forced_by_reading, evidence.waiver)
        assert sum(len(kind) for kind in counted) == len(mine)
    assert spans(by_name["f-any-run"].unlawful) == (
        "Algeria 2019; Belize 2020-2021; Central African Republic 2019; Congo, Democratic Republic of the "
        "2021-2022; Equatorial Guinea 2021-2022; Sudan 2019-2020; The Gambia 2021")
    assert len(by_name["f-every-return"].governments_contradicting) == 10
    assert {"Malaysia", "Haiti", "Guinea", "Djibouti"} <= set(by_name["f-every-return"].governments_contradicting)
    assert by_name["f-next-tier3"].unlawful == ()
    # (a): the 2019 forced moves of Guinea, Mali and Suriname fit the default (and the alternative)
    assert {("Guinea", 2019), ("Mali", 2019), ("Suriname", 2019)} <= set(by_name["f-from-2019"].forced_by_default)
    # No reading makes a real placement lawful that the default finds unlawful: the audit finds no violation.
    assert all(e.unlawful_by_default == () for e in by_name.values())
    assert "contradicted by State's placements: 11 Watch List placement(s) of 7 government(s)" in \
        by_name["f-any-run"].summary
