"""The Python API on wrong arguments (issue 12): every refusal is a ``TipRankingError``, never a bare
AttributeError, TypeError, KeyError or ``_csv.Error`` from deep inside; and questions whose enumeration
would explode are answered (``undetermined``, naming the bound) within seconds."""

from __future__ import annotations

import csv
from collections.abc import Callable

import pytest

from tipranking import (
    Assessment,
    History,
    MinimumStandards,
    Tier,
    WatchListFacts,
    YearPlacement,
    place,
    statute_named,
    what_it_takes,
)
from tipranking.analysis.access import Access, watch_list_access
from tipranking.analysis.audit import AuditEventKind, audit
from tipranking.analysis.outlook import outlook
from tipranking.errors import TipRankingError, UnknownTierError
from tipranking.formats.placements import parse_placements_csv

WL = Tier.TIER_2_WATCH_LIST
# Tier 2 Watch List in 2023: short of standard 4, significant efforts, criterion (II) met.
A = Assessment("Examplestan", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
               watch_list=WatchListFacts(False, True))
HISTORY = History.of("Examplestan", {2021: "2WL", 2022: "2"})


def _refused(call: Callable[[], object]) -> TipRankingError:
    """``call()`` raises an error of the package's hierarchy (whatever else it may also be); return it."""
    try:
        result = call()
    except TipRankingError as err:
        assert "\n" not in str(err), str(err)
        return err
    except Exception as err:  # anything else escaping is the bug under test
        pytest.fail(f"raised {type(err).__module__}.{type(err).__qualname__} outside the package hierarchy: {err}")
    pytest.fail(f"accepted, returned {result!r:.300}")


# --------------------------------------------------------------------------- place(statute=...)


@pytest.mark.parametrize("name", ["tvpra-2019", "tvpra-2008", "tvpra-2019+f-every-return", " tvpra-2003 "])
def test_place_accepts_a_version_name(name: str) -> None:
    assert place(A, statute=name) == place(A, statute=statute_named(name))
    assert place(A, HISTORY, statute=name) == place(A, HISTORY, statute=statute_named(name))


def test_place_by_name_uses_that_version() -> None:
    assert place(A, statute="tvpra-2008").statute == "tvpra-2008"


@pytest.mark.parametrize("statute", [42, 4.2, b"tvpra-2019", ["tvpra-2019"], object()],
                         ids=["int", "float", "bytes", "list", "object"])
def test_place_refuses_a_statute_of_the_wrong_type(statute: object) -> None:
    _refused(lambda: place(A, statute=statute))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["tvpra-1999", "", "tvpra-2019+no-such-reading"])
def test_place_refuses_an_unknown_version_name(name: str) -> None:
    _refused(lambda: place(A, statute=name))


@pytest.mark.parametrize(("args", "kwargs"), [
    (("not an assessment",), {}),
    ((None,), {}),
    ((A, "history"), {}),
    ((A, {2021: "2WL"}), {}),
], ids=["assessment-str", "assessment-none", "history-str", "history-dict"])
def test_place_refuses_wrong_arguments(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    _refused(lambda: place(*args, **kwargs))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- audit / outlook arguments


@pytest.mark.parametrize("histories", [
    {"X": "s"},
    ["s"],
    [HISTORY, "s"],
    {"X": None},
    [1],
    "Chad",
    42,
    None,
], ids=["mapping-of-str", "list-of-str", "mixed-list", "mapping-of-none", "list-of-int", "str", "int", "none"])
def test_audit_refuses_what_is_not_histories(histories: object) -> None:
    _refused(lambda: audit(histories))  # type: ignore[arg-type]


def test_audit_refuses_a_statute_of_the_wrong_type() -> None:
    _refused(lambda: audit([HISTORY], 42))  # type: ignore[arg-type]


@pytest.mark.parametrize(("history", "year"), [
    ("Burma", 2024),
    (None, 2024),
    ({2021: "2WL"}, 2024),
    (History("X"), "2024"),
    (History("X"), 2024.0),
    (History("X"), None),
    (History("X"), 1999),
    (History("X"), 2031),
], ids=["history-str", "history-none", "history-dict", "year-str", "year-float", "year-none", "year-1999",
        "year-2031"])
def test_outlook_refuses_wrong_arguments(history: object, year: object) -> None:
    _refused(lambda: outlook(history, year))  # type: ignore[arg-type]


def test_outlook_refuses_a_statute_of_the_wrong_type() -> None:
    _refused(lambda: outlook(HISTORY, 2024, 42))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- what_it_takes(target)


@pytest.mark.parametrize("target", ["Tier 9", "4", "", "Watch List 3"])
def test_what_it_takes_refuses_an_unknown_tier(target: str) -> None:
    err = _refused(lambda: what_it_takes(A, target))  # type: ignore[arg-type]
    assert isinstance(err, UnknownTierError)


@pytest.mark.parametrize("target", [9, None, 2.0])
def test_what_it_takes_refuses_a_target_that_is_no_tier(target: object) -> None:
    _refused(lambda: what_it_takes(A, target))  # type: ignore[arg-type]


@pytest.mark.parametrize(("spelling", "tier"), [
    ("2", Tier.TIER_2), ("Tier 2", Tier.TIER_2), ("3", Tier.TIER_3), ("tier 1", Tier.TIER_1),
])
def test_what_it_takes_accepts_a_tier_spelling(spelling: str, tier: Tier) -> None:
    expected = what_it_takes(A, tier)
    assert what_it_takes(A, spelling) == expected  # type: ignore[arg-type]
    if tier is Tier.TIER_2:
        assert expected, "Tier 2 is reachable from the Watch List by one change"


# --------------------------------------------------------------------------- CSV reader


def test_csv_with_bare_carriage_returns() -> None:
    text = "report_year,country,tier\r2020,Chad,2\r"
    try:
        table = parse_placements_csv(text)
    except TipRankingError as err:
        assert "line" in str(err), str(err)
        assert "\n" not in str(err)
    except csv.Error as err:
        pytest.fail(f"_csv.Error escaped: {err}")
    else:
        assert list(table) == ["Chad"]
        assert table["Chad"].placements == (YearPlacement(2020, Tier.TIER_2),)


def test_csv_with_crlf_line_endings() -> None:
    table = parse_placements_csv("report_year,country,tier\r\n2020,Chad,2\r\n2021,Chad,2WL\r\n")
    assert table["Chad"].tier_in(2021) is WL


@pytest.mark.parametrize(("text", "line"), [
    ("report_year,country,tier\n2020,Chad," + "2" * 200_000 + "\n", "line 2"),
    ("report_year,country,tier\n2020,Chad,2\n2021," + "C" * 200_000 + ",2\n", "line 3"),
    ("report_year,country,tier,note\n2020,Chad,2," + "n" * 200_000 + "\n", "line 2"),
], ids=["tier", "country", "ignored-column"])
def test_csv_field_over_the_limit_names_the_line(text: str, line: str) -> None:
    err = _refused(lambda: parse_placements_csv(text, "big.csv"))
    assert "big.csv" in str(err) and line in str(err), str(err)


@pytest.mark.parametrize("text", [
    "report_year,country,tier\n2020,Chad,2\x00\n",
    "report_year,country,tier\n2020,\"Chad,2\n",
    "report_year,country,tier\n2020,Ch\"ad,2\n",
    "\ufeffreport_year,country,tier\n2020,Chad,2\n",
    "report_year,country,tier\n2020,Chad,2\u2028\n",
    "report_year,report_year,country,tier\n2020,2021,Chad,2\n",
    "\x00",
], ids=["nul", "open-quote", "inner-quote", "bom", "line-separator", "duplicate-column", "only-nul"])
def test_odd_csv_parses_or_is_refused(text: str) -> None:
    try:
        parse_placements_csv(text, "odd.csv")
    except TipRankingError as err:
        assert "\n" not in str(err), str(err)


# --------------------------------------------------------------------------- many unknown years


UNKNOWN = frozenset(range(2009, 2026))  # 17 years not known, between two Watch List years
CHAD = History("Chad", [YearPlacement(2008, WL), YearPlacement(2026, WL), YearPlacement(2027, WL)],
               unknown_years=UNKNOWN)


@pytest.fixture
def no_enumeration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the Watch List access is computed by enumerating completions (3^17 of them here)."""
    import tipranking.analysis.access as access

    def refuse(*args: object) -> None:
        raise AssertionError("the completions of the unknown years were enumerated")

    monkeypatch.setattr(access, "_access_unknown", refuse)


def _access_known(tiers: dict[int, str], year: int) -> Access:
    return watch_list_access(History.of("Chad", tiers), year).access


def test_an_early_unknown_year_can_decide_a_late_access() -> None:
    """Why 2009 is among the deciding years below: a waiver in 2011 followed by Tier 3 spends the one
    Watch List year after it (2026), so 2027 is closed; without the 2009 Watch List year there was no waiver."""
    later = {2012: "3", 2026: "2WL"}
    assert _access_known({2008: "2WL", 2009: "2WL", 2010: "2WL", 2011: "2WL", **later}, 2027) is Access.UNAVAILABLE
    assert _access_known({2008: "2WL", 2009: "2", 2010: "2WL", 2011: "2WL", **later}, 2027) is Access.FREE


def test_audit_with_17_unknown_years_is_answered_over_clock_states(no_enumeration: None) -> None:
    assert len(UNKNOWN) == 17
    report = audit([CHAD])
    assert not [e for e in report.events if e.event is AuditEventKind.VIOLATION], report.events
    late = [e for e in report.events if e.report_year in (2026, 2027) and e.event is AuditEventKind.UNDETERMINED]
    assert late, report.events
    for event in late:
        assert "which the data does not hold (possible: " in event.reason, event.reason
        assert "2009" in event.reason and "2025" in event.reason, event.reason


def test_outlook_with_17_unknown_years_is_answered_over_clock_states(no_enumeration: None) -> None:
    result = outlook(CHAD, 2027)
    assert WL not in result.allowed
    assert WL not in {x.tier for x in result.excluded}
    (wl,) = [u for u in result.undetermined if u.tier is WL]
    assert set(wl.missing_years) <= UNKNOWN and {2009, 2025} <= set(wl.missing_years)
    assert wl.reason.endswith("(possible: free, unavailable, waiver)"), wl.reason


def test_place_with_17_unknown_years_names_the_deciding_years() -> None:
    probe = Assessment("Chad", 2027, MinimumStandards(True, True, True, False), significant_efforts=True,
                       watch_list=WatchListFacts(False, True))
    placement = place(probe, CHAD)
    assert placement.tier is None and placement.possible_tiers == {WL, Tier.TIER_3}
    deciding = {d.field for d in placement.deciding}
    assert {"history.2009", "history.2025"} <= deciding <= {f"history.{y}" for y in UNKNOWN}
    # (II) holds, so (I)'s 2019 proportional-actions element, unknown, cannot matter
    assert set(placement.irrelevant) | deciding == {f"history.{y}" for y in UNKNOWN} | {
        "watch_list.no_proportional_concrete_actions"}
