"""Every consequence's status, reason and citation, pinned (issue 24).

Mutation testing of ``tipranking.consequences`` left mutants alive that replaced a reason with ``None`` or dropped
a citation. These tests tie each answer to the provision table: citations are compared with the table's
:class:`~tipranking.provisions.Provision` objects, never with copied strings; reasons are checked for the facts
they must name (the report year, the tier's label, the provision's dates and first or last report year),
computed from the inputs and the table. The user-facing sentences are checked word for word once per template.
Tables run over every report year the package covers; Hypothesis states the rules that read better as
properties.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipranking import History, Tier, place
from tipranking.assessment import Assessment, MinimumStandards, WatchListFacts
from tipranking.consequences import _PARTS as PARTS_CACHE
from tipranking.consequences import (
    CHILD_SOLDIER,
    ChildSoldierDefinition,
    Consequences,
    CspaDetermination,
    CspaListing,
    CspaProgram,
    CspaText,
    Determination,
    FiscalYear,
    Force,
    ListCriterion,
    Listing,
    ListingSource,
    Obligation,
    Person,
    ProfessionalizationException,
    Recruitment,
    Restriction,
    Status,
    Tier3Category,
    TradeProcedures,
    TradeStatus,
    WaiverGround,
    consequences,
    covered_programs,
    cspa_listing,
    cspa_restrictions,
    cspa_text,
    membership,
    special_watch_list,
    tier3_restrictions,
    tier3_to_watch_list_description,
    trade_authorities,
)
from tipranking.consequences.common import kind_of
from tipranking.consequences.cspa import check_cspa_listed
from tipranking.consequences.inputs import ConsequenceInputs
from tipranking.consequences.tier3 import check_received_assistance
from tipranking.data.cspa_lists import CspaList, bundled_cspa_years, cspa_list
from tipranking.errors import FieldError, InputError, ReportYearError, TipRankingError
from tipranking.provisions import (
    ACTION_PLANS,
    AUTHORITIES,
    CHILD_SOLDIER_DEFINITION,
    CHILD_SOLDIER_POLICE,
    CSPA,
    CSPA_PEACEKEEPING,
    CSPA_PEACEKEEPING_EXCEPTION,
    CSPA_PROFESSIONALIZATION,
    CSPA_PROFESSIONALIZATION_LIMITED,
    CSPA_PROHIBITIONS,
    CSPA_RECRUIT_OR_USE,
    CSPA_REINSTATEMENT,
    CSPA_WAIVER,
    DETERMINATION_NOTICE,
    FIRST_REPORT_YEAR,
    LAST_KNOWN_REPORT_YEAR,
    MOVED_UP_FROM_TIER_3,
    MOVED_UP_TO_TIER_1,
    MULTILATERAL_LENDING,
    NO_ASSISTANCE,
    NO_ASSISTANCE_OR_EXCHANGES,
    SPECIAL_WATCH_LIST,
    TIER_3_RESTRICTIONS,
    TIER_3_WAIVER,
    TIP_REPORT_RELEASES,
    TRADE_ACT_ENACTED,
    TRADE_AGREEMENTS_BEFORE,
    TRADE_AUTHORITIES_PERIOD,
    TRADE_BAR,
    TRADE_DESCRIPTION,
    TRADE_ENFORCEMENT_ACT,
    TRADE_LETTER,
    VULNERABLE_POPULATIONS_WAIVER,
    WATCH_LIST,
    Provision,
    most_recent_report,
    provision,
)
from tipranking.testing.strategies import cspa_determinations, determinations, report_years, tiers

YEARS = tuple(range(FIRST_REPORT_YEAR, LAST_KNOWN_REPORT_YEAR + 1))
TIERS_OR_NONE: tuple[Tier | None, ...] = (*Tier, None)
COUNTRY = "Examplestan"
"""A name the package does not know (on no bundled list)."""
T3, WL = Tier.TIER_3, Tier.TIER_2_WATCH_LIST
FULL_WAIVER = Determination.full_waiver(WaiverGround.NATIONAL_INTEREST)
_RECEIVED = "received_assistance_previous_fy"
REINSTATED = CspaDetermination(reinstated=True)


def _long(day: dt.date) -> str:
    """A date the way the reasons write it: ``June 29, 2015`` (no leading zero)."""
    return f"{day:%B} {day.day}, {day.year}"


def _fy(report_year: int) -> FiscalYear:
    """The fiscal year that follows a report, built by hand: FY N runs from October 1 of N-1."""
    return FiscalYear(report_year + 1)


def _says(text: object, *facts: str) -> None:
    """``text`` is a non-empty string naming every fact."""
    assert isinstance(text, str) and text.strip(), text
    for fact in facts:
        assert fact in text, (fact, text)


def _history(prev_year: int, prev: Tier | None, year: int, cur: Tier | None, country: str = COUNTRY) -> History:
    tiers_by_year: dict[int, Tier | str] = {}
    if prev is not None and prev_year >= FIRST_REPORT_YEAR:
        tiers_by_year[prev_year] = prev
    if cur is not None:
        tiers_by_year[year] = cur
    return History.of(country, tiers_by_year)


_UNCHECKED = object()


def _raises_field(kind: type[FieldError], field: str, call: object, *args: object, got: object = _UNCHECKED,
                  **kwargs: object) -> FieldError:
    """``call(*args, **kwargs)`` raises exactly ``kind`` (a package error, also a ValueError) naming ``field``, with a
    problem in words that starts in lower case (the message reads ``field: problem (got value)``), and the offending
    value ``got`` when given."""
    assert callable(call)
    with pytest.raises(FieldError) as caught:
        call(*args, **kwargs)
    err = caught.value
    assert type(err) is kind, (type(err), kind)
    assert isinstance(err, InputError) and isinstance(err, TipRankingError) and isinstance(err, ValueError)
    assert err.field == field, (err.field, field)
    assert isinstance(err.problem, str) and err.problem[:1].islower(), err.problem
    assert str(err).startswith(f"{field}: {err.problem} (got ")
    if got is not _UNCHECKED:
        assert err.value == got and type(err.value) is type(got), (err.value, got)
    return err


# =========================================================================== the provision years the tables use


def test_the_trade_window_of_the_provision_table_is_what_the_tables_below_assume() -> None:
    # The tables derive everything from these; make sure they are not vacuous (a window with both edges and a
    # middle, years before and after it) and agree with the release dates that decide them.
    first, last = TRADE_BAR.first_report_year, TRADE_BAR.last_report_year
    assert last is not None and FIRST_REPORT_YEAR < first < first + 1 < last < LAST_KNOWN_REPORT_YEAR
    assert first == most_recent_report(TRADE_ACT_ENACTED)
    assert last == most_recent_report(TRADE_AGREEMENTS_BEFORE - dt.timedelta(days=1))
    for p in (TRADE_LETTER, TRADE_AUTHORITIES_PERIOD):
        assert (p.first_report_year, p.last_report_year) == (first, last)
    assert TRADE_DESCRIPTION.last_report_year is None
    assert TRADE_DESCRIPTION.first_report_year == TRADE_ENFORCEMENT_ACT.year - 1
    assert len({TRADE_BAR.citation, TRADE_LETTER.citation, TRADE_AUTHORITIES_PERIOD.citation,
                TRADE_DESCRIPTION.citation}) == 4


# =========================================================================== trade.py: trade_authorities


def _expected_trade(tier: Tier | None, year: int, letter: bool) -> tuple[TradeProcedures, Provision]:
    if year < TRADE_BAR.first_report_year:
        return TradeProcedures.NOT_YET_ENACTED, TRADE_BAR
    if not TRADE_BAR.in_force(year):
        return TradeProcedures.NOT_IN_FORCE, TRADE_AUTHORITIES_PERIOD
    if tier is T3:
        return (TradeProcedures.AVAILABLE, TRADE_LETTER) if letter else (TradeProcedures.BARRED, TRADE_BAR)
    return TradeProcedures.AVAILABLE, TRADE_BAR


def _window_facts(year: int) -> tuple[str, ...]:
    """What the reason must add at an edge of the window: why that report was the most recent one."""
    nxt = year + 1
    if year == TRADE_BAR.first_report_year:
        return (_long(TRADE_ACT_ENACTED), f"the {nxt} report of {_long(TIP_REPORT_RELEASES[nxt])}")
    if year == TRADE_BAR.last_report_year:
        return (_long(TRADE_AGREEMENTS_BEFORE - dt.timedelta(days=1)),
                f"the {nxt} report came out on {_long(TIP_REPORT_RELEASES[nxt])}")
    return ()


def test_trade_authorities_for_every_year_tier_and_letter() -> None:
    seen: set[TradeProcedures] = set()
    first, last = TRADE_BAR.first_report_year, TRADE_BAR.last_report_year
    assert last is not None
    for year, tier, letter in itertools.product(YEARS, TIERS_OR_NONE, (False, True)):
        got = trade_authorities(tier, year, exception_letter=letter)
        status, cited = _expected_trade(tier, year, letter)
        where = (year, tier, letter)
        assert type(got) is TradeStatus, where
        assert (got.status, got.citation) == (status, cited.citation), where
        assert got.in_force is status.in_force is TRADE_BAR.in_force(year), where
        seen.add(got.status)
        _says(got.reason, f"the {year} report")
        if year < first:
            _says(got.reason, _long(TRADE_ACT_ENACTED), f"the {first} report")
        elif year > last:
            _says(got.reason, _long(TRADE_AGREEMENTS_BEFORE), f"the {last} report")
            assert ("exception letter" in got.reason) is letter, where
        else:
            _says(got.reason, "not in" if tier is None else f"on {tier.label} in", *_window_facts(year))
            if year not in (first, last):
                assert "(" not in got.reason, where  # no window text in the middle of the window
            if tier is T3:
                assert "letter" in got.reason and ("lifts the bar" in got.reason) is letter, where
            else:
                assert "no Tier 3 bar" in got.reason and "letter" not in got.reason, where
    assert seen == set(TradeProcedures)


def test_trade_reasons_do_not_depend_on_what_does_not_matter() -> None:
    first = TRADE_BAR.first_report_year
    for year in YEARS:
        reasons = {trade_authorities(tier, year, exception_letter=letter).reason
                   for tier in TIERS_OR_NONE for letter in (False, True)}
        if year < first:
            assert len(reasons) == 1  # before the bar: neither the tier nor the letter matters
        elif not TRADE_BAR.in_force(year):
            assert len(reasons) == 2  # after it: only whether a letter was sent is mentioned
        else:
            for tier in TIERS_OR_NONE:
                if tier is not T3:  # the letter lifts nothing off a country not on Tier 3
                    assert (trade_authorities(tier, year).reason
                            == trade_authorities(tier, year, exception_letter=True).reason)


def test_trade_reason_sentences_word_for_word() -> None:
    first, last = TRADE_BAR.first_report_year, TRADE_BAR.last_report_year
    assert last is not None
    mid = first + 2
    assert mid < last
    exact = {
        (T3, first - 1, False): "the Tier 3 bar was enacted on June 29, 2015; the 2013 report was never the most "
                                "recent report while it was law (the first was the 2014 report)",
        (T3, last + 1, False): "the procedures cover only agreements entered into before July 1, 2021, and the 2021 "
                               "report came out after the last day for entering into one (the last report that "
                               "governed the Tier 3 bar is the 2020 report)",
        (T3, last + 1, True): "the procedures cover only agreements entered into before July 1, 2021, and the 2021 "
                              "report came out after the last day for entering into one (the last report that "
                              "governed the Tier 3 bar is the 2020 report); the exception letter has no bar to lift",
        (None, mid, False): "not in the 2016 report: no Tier 3 bar",
        (Tier.TIER_2, mid, False): "on Tier 2 in the 2016 report: no Tier 3 bar",
        (T3, mid, True): "on Tier 3 in the 2016 report, but the President's public letter on concrete actions to "
                         "implement the report's principal recommendations lifts the bar",
        (T3, mid, False): "on Tier 3 in the 2016 report: trade-authorities procedures do not apply to an "
                          "implementing bill unless the exception letter is sent",
        (WL, first, False): "on Tier 2 Watch List in the 2014 report (the most recent report from the act's "
                            "enactment, June 29, 2015, until the 2015 report of July 27, 2015): no Tier 3 bar",
        (T3, last, False): "on Tier 3 in the 2020 report (still the most recent report on June 30, 2021, the last "
                           "day for entering into an agreement; the 2021 report came out on July 1, 2021): "
                           "trade-authorities procedures do not apply to an implementing bill unless the exception "
                           "letter is sent",
    }
    for (tier, year, letter), text in exact.items():
        assert trade_authorities(tier, year, exception_letter=letter).reason == text


def test_trade_procedures_labels_and_in_force() -> None:
    assert {p: (p.label, p.in_force) for p in TradeProcedures} == {
        TradeProcedures.AVAILABLE: ("available", True),
        TradeProcedures.BARRED: ("NOT available", True),
        TradeProcedures.NOT_YET_ENACTED: ("no Tier 3 bar yet", False),
        TradeProcedures.NOT_IN_FORCE: ("no trade-authorities procedures in force", False),
    }


@pytest.mark.parametrize(("kind", "field", "value", "args", "kwargs"), [
    (FieldError, "tier", "3", ("3", 2016), {}),
    (FieldError, "tier", 3, (3, 2016), {}),
    (FieldError, "trade_exception_letter", 1, (T3, 2016), {"exception_letter": 1}),
    (FieldError, "trade_exception_letter", None, (T3, 2016), {"exception_letter": None}),
    (FieldError, "trade_exception_letter", "yes", (T3, 2016), {"exception_letter": "yes"}),
    (ReportYearError, "report_year", FIRST_REPORT_YEAR - 1, (T3, FIRST_REPORT_YEAR - 1), {}),
    (ReportYearError, "report_year", LAST_KNOWN_REPORT_YEAR + 1, (T3, LAST_KNOWN_REPORT_YEAR + 1), {}),
    (ReportYearError, "report_year", True, (T3, True), {}),
    (ReportYearError, "report_year", "2016", (T3, "2016"), {}),
])
def test_trade_authorities_errors(kind: type[FieldError], field: str, value: object, args: tuple[object, ...],
                                  kwargs: dict[str, object]) -> None:
    err = _raises_field(kind, field, trade_authorities, *args, **kwargs)
    assert err.value == value and type(err.value) is type(value)
    if field == "tier":
        assert err.problem == "must be a Tier or None"
    elif field == "trade_exception_letter":
        assert err.problem == "must be true or false"


@pytest.mark.parametrize(("field", "kwargs"), [
    ("status", {"status": "available"}),
    ("reason", {"reason": None}),
    ("citation", {"citation": None}),
    ("citation", {"citation": 7}),
])
def test_trade_status_rejects_a_missing_reason_or_citation(field: str, kwargs: dict[str, object]) -> None:
    fields: dict[str, object] = {"status": TradeProcedures.AVAILABLE, "reason": "r", "citation": TRADE_BAR.citation}
    err = _raises_field(FieldError, field, TradeStatus, **{**fields, **kwargs})
    assert "must be a" in err.problem


# =========================================================================== trade.py: the (C) description


def test_tier3_to_watch_list_description_for_every_year_and_move() -> None:
    found = 0
    for year, prev, cur in itertools.product(YEARS, TIERS_OR_NONE, TIERS_OR_NONE):
        history = _history(year - 1, prev, year, cur)
        got = tier3_to_watch_list_description(history, year)
        due_now = TRADE_DESCRIPTION.in_force(year) and prev is T3 and cur is WL
        assert (got is not None) is due_now, (year, prev, cur)
        if got is None:
            continue
        found += 1
        assert type(got) is Obligation and got.citation == TRADE_DESCRIPTION.citation
        _says(got.description, COUNTRY, f"{T3.label} ({year - 1})", f"Watch List ({year})", "description")
        _says(got.due_rule, "within 90 days after")
        if year == TRADE_DESCRIPTION.first_report_year:
            assert got.due == TRADE_ENFORCEMENT_ACT + dt.timedelta(days=90)
            _says(got.due_rule, _long(TRADE_ENFORCEMENT_ACT))
        else:
            assert got.due is None
            _says(got.due_rule, f"the {year} report")
    assert found == LAST_KNOWN_REPORT_YEAR - TRADE_DESCRIPTION.first_report_year + 1


def test_tier3_to_watch_list_description_looks_at_the_year_before_only() -> None:
    year = TRADE_DESCRIPTION.first_report_year + 3
    # Tier 3 the year after, or two years before, is not a move into the Watch List from Tier 3
    for history in (History.of(COUNTRY, {year: WL, year + 1: T3}),
                    History.of(COUNTRY, {year - 2: T3, year: WL}),
                    History.of(COUNTRY, {year - 1: T3, year: Tier.TIER_2})):
        assert tier3_to_watch_list_description(history, year) is None
    # a move out of the Watch List into Tier 3 is not described
    assert tier3_to_watch_list_description(History.of(COUNTRY, {year - 1: WL, year: T3}), year) is None
    # the report year asked about decides, not the last year of the history
    later = History.of(COUNTRY, {year - 1: T3, year: WL, year + 1: WL})
    assert tier3_to_watch_list_description(later, year) is not None
    assert tier3_to_watch_list_description(later, year + 1) is None


def test_tier3_to_watch_list_description_word_for_word() -> None:
    first = TRADE_DESCRIPTION.first_report_year
    assert tier3_to_watch_list_description(History.of("Malaysia", {first - 1: T3, first: WL}), first) == Obligation(
        "Malaysia moved from Tier 3 (2014) to the Watch List (2015): the President submits a detailed description of "
        "the credible evidence for the change, with documents", TRADE_DESCRIPTION.citation, dt.date(2016, 5, 24),
        "within 90 days after February 24, 2016")
    later = tier3_to_watch_list_description(History.of("Malaysia", {2022: T3, 2023: WL}), 2023)
    assert later is not None and later.due_rule == "within 90 days after the 2023 report is submitted"


# =========================================================================== tier3.py


def test_tier3_categories_and_waiver_grounds_cite_the_table() -> None:
    assert {c: c.citation for c in Tier3Category} == {
        Tier3Category.BILATERAL_ASSISTANCE: NO_ASSISTANCE.citation,
        Tier3Category.EXCHANGE_FUNDING: NO_ASSISTANCE_OR_EXCHANGES.citation,
        Tier3Category.MULTILATERAL_LENDING: MULTILATERAL_LENDING.citation,
    }
    assert {g: g.citation for g in WaiverGround} == {
        WaiverGround.PROMOTES_PURPOSES: TIER_3_WAIVER.citation,
        WaiverGround.NATIONAL_INTEREST: TIER_3_WAIVER.citation,
        WaiverGround.VULNERABLE_POPULATIONS: VULNERABLE_POPULATIONS_WAIVER.citation,
    }
    assert Tier3Category.BILATERAL_ASSISTANCE.description == (
        "no nonhumanitarian, nontrade-related foreign assistance to the government")
    assert Tier3Category.EXCHANGE_FUNDING.description == (
        "no funding for participation by government officials or employees in educational and cultural exchange "
        "programs")
    _says(Tier3Category.MULTILATERAL_LENDING.description, "multilateral development banks", "IMF", "vote against",
          "humanitarian assistance", "basic human needs")


def _tier3_determinations() -> Iterator[Determination | None]:
    yield None
    yield Determination()
    for ground in WaiverGround:
        yield Determination.full_waiver(ground)
        for category in Tier3Category:
            yield Determination({category: ground})
    yield Determination({Tier3Category.BILATERAL_ASSISTANCE: WaiverGround.NATIONAL_INTEREST,
                         Tier3Category.MULTILATERAL_LENDING: WaiverGround.VULNERABLE_POPULATIONS})


def _pending_note() -> str:
    return f"pending determination: the President notifies it 45 to 90 days after the report " \
           f"({DETERMINATION_NOTICE.citation})"


def _check_tier3(tier: Tier, year: int, determination: Determination | None, received: bool | None) -> None:
    where = (tier, year, determination, received)
    exchange_waived = determination is not None and determination.ground_for(Tier3Category.EXCHANGE_FUNDING)
    if received is True and exchange_waived:
        _raises_field(FieldError, "determination.waivers.exchange_funding", tier3_restrictions, tier, year,
                      determination, received_assistance_previous_fy=received)
        return
    got = tier3_restrictions(tier, year, determination, received_assistance_previous_fy=received)
    if tier is not T3 or not TIER_3_RESTRICTIONS.in_force(year):
        assert got == (), where
        return
    categories = [c for c in Tier3Category if not (c is Tier3Category.EXCHANGE_FUNDING and received is True)]
    assert [r.category for r in got] == [c.value for c in categories], where
    previous_fy = f"FY {year}"
    for r, category in zip(got, categories, strict=True):
        assert type(r) is Restriction
        assert r.description == category.description and r.fiscal_year == _fy(year), where
        ground = determination.ground_for(category) if determination is not None else None
        assert r.ground == (None if ground is None else ground.value), where
        if category is Tier3Category.EXCHANGE_FUNDING and received is None and ground is None:
            status = Status.ALTERNATIVE  # whether it can apply at all is open, determination made or not
        elif determination is None:
            status = Status.PENDING
        elif ground is not None:
            status = Status.WAIVED
        else:
            status = Status.APPLIES
        assert r.status is status, where
        if category is Tier3Category.BILATERAL_ASSISTANCE:
            cited = NO_ASSISTANCE_OR_EXCHANGES if received is False else NO_ASSISTANCE
        else:
            cited = {Tier3Category.EXCHANGE_FUNDING: NO_ASSISTANCE_OR_EXCHANGES,
                     Tier3Category.MULTILATERAL_LENDING: MULTILATERAL_LENDING}[category]
        assert r.citation == cited.citation, where
        note = r.note
        if category is Tier3Category.MULTILATERAL_LENDING:
            assert note == (_pending_note() if determination is None else None), where
            continue
        _says(note, previous_fy)
        assert note is not None
        assert note.endswith(_pending_note()) is (determination is None), where
        if received is True:
            assert note.startswith("(A)(i):") and "(A)(ii)" not in note, where
        elif received is False:
            assert note.startswith("(A)(ii):") and "received no" in note, where
        else:
            _says(note, "(A)(ii)", "received_assistance_previous_fy decides")
            assert ("(A)(i) " in note) is (category is Tier3Category.BILATERAL_ASSISTANCE), where


def test_tier3_restrictions_for_every_year_tier_determination_and_alternative() -> None:
    dets = list(_tier3_determinations())
    for year, tier, received in itertools.product(YEARS, Tier, (None, True, False)):
        for determination in dets if tier is T3 else dets[:3]:
            _check_tier3(tier, year, determination, received)


def test_tier3_restrictions_start_with_the_first_year_of_the_provision() -> None:
    first = TIER_3_RESTRICTIONS.first_report_year
    assert tier3_restrictions(T3, first - 1, Determination()) == ()
    assert len(tier3_restrictions(T3, first, Determination())) == len(Tier3Category)
    assert all(tier3_restrictions(T3, y) == () for y in YEARS if y < first)
    assert all(len(tier3_restrictions(T3, y)) == 3 for y in YEARS if y >= first)


def test_tier3_notes_word_for_word() -> None:
    def notes(received: bool | None, determination: Determination | None = None) -> dict[str, str | None]:
        found = tier3_restrictions(T3, 2023, determination, received_assistance_previous_fy=received)
        return {r.category: r.note for r in found}

    made = Determination()
    assert notes(True, made) == {"bilateral_assistance": "(A)(i): the government received such assistance in FY 2023",
                                 "multilateral_lending": None}
    assert notes(False, made) == {
        "bilateral_assistance": "(A)(ii): the government received no such assistance in FY 2023",
        "exchange_funding": "(A)(ii): the government received no nonhumanitarian, nontrade-related assistance in "
                            "FY 2023",
        "multilateral_lending": None}
    assert notes(None, made) == {
        "bilateral_assistance": "barred under either alternative: (A)(i) if the government received "
                                "nonhumanitarian, nontrade-related assistance in FY 2023, (A)(ii) if it received "
                                "none; received_assistance_previous_fy decides which",
        "exchange_funding": "applies only under (A)(ii), where the government received no nonhumanitarian, "
                            "nontrade-related assistance in FY 2023; received_assistance_previous_fy decides",
        "multilateral_lending": None}
    pending = notes(True)
    assert pending["multilateral_lending"] == ("pending determination: the President notifies it 45 to 90 days "
                                               "after the report (22 U.S.C. § 7107(c))")
    assert pending["bilateral_assistance"] == ("(A)(i): the government received such assistance in FY 2023; "
                                               "pending determination: the President notifies it 45 to 90 days "
                                               "after the report (22 U.S.C. § 7107(c))")


@given(tier=tiers(), year=report_years(), determination=st.none() | determinations(),
       received=st.none() | st.booleans())
def test_tier3_a_determination_lifts_exactly_what_it_waives(tier: Tier, year: int,
                                                            determination: Determination | None,
                                                            received: bool | None) -> None:
    waived = dict(determination.waivers) if determination is not None else {}
    if received is True and Tier3Category.EXCHANGE_FUNDING in waived:
        _raises_field(FieldError, "determination.waivers.exchange_funding", tier3_restrictions, tier, year,
                      determination, received_assistance_previous_fy=received)
        return
    got = tier3_restrictions(tier, year, determination, received_assistance_previous_fy=received)
    assert bool(got) is (tier is T3 and TIER_3_RESTRICTIONS.in_force(year))
    for r in got:
        category = Tier3Category(r.category)
        assert (r.status is Status.WAIVED) is (category in waived)
        alternative = category is Tier3Category.EXCHANGE_FUNDING and received is None and category not in waived
        assert (r.status is Status.ALTERNATIVE) is alternative
        assert (r.status is Status.PENDING) is (determination is None and not alternative)
        if category in waived:
            assert r.ground == waived[category].value
        assert r.citation in {NO_ASSISTANCE.citation, NO_ASSISTANCE_OR_EXCHANGES.citation,
                              MULTILATERAL_LENDING.citation}


def test_determination_waivers_and_their_errors() -> None:
    both = {Tier3Category.MULTILATERAL_LENDING: WaiverGround.PROMOTES_PURPOSES,
            Tier3Category.BILATERAL_ASSISTANCE: WaiverGround.NATIONAL_INTEREST}
    d = Determination(both)
    assert d == Determination(tuple(both.items())) == Determination(tuple(reversed(both.items())))
    assert [c for c, _ in d.waivers] == [Tier3Category.BILATERAL_ASSISTANCE, Tier3Category.MULTILATERAL_LENDING]
    assert d.ground_for(Tier3Category.MULTILATERAL_LENDING) is WaiverGround.PROMOTES_PURPOSES
    assert d.ground_for(Tier3Category.EXCHANGE_FUNDING) is None
    for ground in WaiverGround:
        full = Determination.full_waiver(ground)
        assert {c: full.ground_for(c) for c in Tier3Category} == dict.fromkeys(Tier3Category, ground)
    err = _raises_field(FieldError, "waivers", Determination, {"bilateral_assistance": WaiverGround.NATIONAL_INTEREST})
    assert err.value == "bilateral_assistance"
    assert err.problem == f"must be one of {[c.value for c in Tier3Category]}"
    err = _raises_field(FieldError, "waivers.exchange_funding", Determination,
                        {Tier3Category.EXCHANGE_FUNDING: "national_interest"})
    assert err.value == "national_interest"
    assert err.problem == f"must be one of {[g.value for g in WaiverGround]}"
    # the waivers are kept in category order, whatever the order given and whatever the grounds
    by_ground = {Tier3Category.MULTILATERAL_LENDING: WaiverGround.NATIONAL_INTEREST,
                 Tier3Category.BILATERAL_ASSISTANCE: WaiverGround.VULNERABLE_POPULATIONS,
                 Tier3Category.EXCHANGE_FUNDING: WaiverGround.PROMOTES_PURPOSES}
    assert [c for c, _ in Determination(by_ground).waivers] == sorted(Tier3Category, key=lambda c: c.value)
    same = dict.fromkeys((Tier3Category.MULTILATERAL_LENDING, Tier3Category.BILATERAL_ASSISTANCE),
                         WaiverGround.NATIONAL_INTEREST)
    assert Determination(same) == Determination(dict(reversed(same.items())))


def test_determination_check_and_received_assistance_errors() -> None:
    for ground in WaiverGround:
        d = Determination({Tier3Category.EXCHANGE_FUNDING: ground})
        err = _raises_field(FieldError, "determination.waivers.exchange_funding", d.check,
                            received_assistance_previous_fy=True)
        assert err.value == ground.value
        _says(err.problem, NO_ASSISTANCE.citation, "received_assistance_previous_fy true")
        assert d.check(received_assistance_previous_fy=False) is d
        assert d.check(received_assistance_previous_fy=None) is d
        other = Determination({Tier3Category.BILATERAL_ASSISTANCE: ground})
        assert other.check(received_assistance_previous_fy=True) is other
    _raises_field(FieldError, "received_assistance_previous_fy", Determination().check,
                  received_assistance_previous_fy=1)
    assert [check_received_assistance(v) for v in (None, True, False)] == [None, True, False]
    err = _raises_field(FieldError, "received_assistance_previous_fy", check_received_assistance, "no")
    assert (err.value, err.problem) == ("no", "must be true, false or null (not known)")
    _raises_field(FieldError, "assistance", check_received_assistance, 0, "assistance")


@pytest.mark.parametrize(("field", "value", "problem", "args", "kwargs"), [
    ("tier", "3", "must be a Tier", ("3", 2023), {}),
    ("tier", None, "must be a Tier", (None, 2023), {}),
    ("determination", "waived", "must be a Determination or None", (T3, 2023, "waived"), {}),
    ("determination", {}, "must be a Determination or None", (Tier.TIER_1, 2023, {}), {}),
    (_RECEIVED, 1, "must be true, false or null (not known)", (T3, 2023), {_RECEIVED: 1}),
    (_RECEIVED, "yes", "must be true, false or null (not known)", (T3, 2023), {_RECEIVED: "yes"}),
    # checked whatever the tier: an impossible waiver is an error even where nothing is restricted
    ("determination.waivers.exchange_funding", "national_interest", "nothing to waive",
     (Tier.TIER_1, 2023, FULL_WAIVER), {_RECEIVED: True}),
    ("determination.waivers.exchange_funding", "national_interest", "nothing to waive",
     (T3, 2002, FULL_WAIVER), {_RECEIVED: True}),
])
def test_tier3_restrictions_errors(field: str, value: object, problem: str, args: tuple[object, ...],
                                   kwargs: dict[str, object]) -> None:
    err = _raises_field(FieldError, field, tier3_restrictions, *args, **kwargs)
    assert err.value == value and type(err.value) is type(value)
    assert err.problem.startswith(problem)


@pytest.mark.parametrize("year", [FIRST_REPORT_YEAR - 1, LAST_KNOWN_REPORT_YEAR + 1, True, "2023"])
def test_tier3_restrictions_report_year_errors(year: object) -> None:
    _raises_field(ReportYearError, "report_year", tier3_restrictions, T3, year)


# =========================================================================== cspa.py: programs and text

CSPA_YEARS = tuple(y for y in YEARS if CSPA.in_force(y))


def test_the_cspa_provisions_the_tables_use() -> None:
    assert CSPA_YEARS[0] == CSPA.first_report_year == CSPA_PROHIBITIONS.first_report_year > FIRST_REPORT_YEAR
    for p in (CSPA_PEACEKEEPING, CHILD_SOLDIER_POLICE, CSPA_RECRUIT_OR_USE, CSPA_PROFESSIONALIZATION_LIMITED):
        assert CSPA.first_report_year < p.first_report_year < LAST_KNOWN_REPORT_YEAR, p


@pytest.mark.parametrize("pko_from", [None, CSPA.first_report_year, 2012, 2016, LAST_KNOWN_REPORT_YEAR])
def test_covered_programs_for_every_year(pko_from: int | None) -> None:
    pko = CSPA_PEACEKEEPING.first_report_year if pko_from is None else pko_from
    for year in YEARS:
        got = covered_programs(year, pko_from=pko_from)
        if not CSPA_PROHIBITIONS.in_force(year):
            assert got == (), year
            continue
        assert got == tuple(p for p in CspaProgram if p is not CspaProgram.PKO or year >= pko), year
        assert (CspaProgram.PKO in got) is (year >= pko), year


def test_covered_programs_errors() -> None:
    for bad in ("2013", True, 2013.0):
        # the amendment year is checked even for a year before any list
        _raises_field(FieldError, "pko_from", covered_programs, 2005, pko_from=bad, got=bad)
        _raises_field(FieldError, "pko_from", covered_programs, 2020, pko_from=bad, got=bad)
    err = _raises_field(FieldError, "pko_from", covered_programs, 2020, pko_from="x")
    _says(err.problem, str(CSPA_PEACEKEEPING.first_report_year))
    _raises_field(ReportYearError, "report_year", covered_programs, LAST_KNOWN_REPORT_YEAR + 1)


def test_cspa_program_descriptions_name_their_authorities() -> None:
    for program in CspaProgram:
        if program.value in AUTHORITIES:
            assert program.description.endswith(f" ({AUTHORITIES[program.value]})"), program
    assert {p: p.description for p in CspaProgram} == {
        CspaProgram.IMET: "International Military Education and Training (22 U.S.C. § 2347)",
        CspaProgram.FMF: "Foreign Military Financing (22 U.S.C. § 2763)",
        CspaProgram.EDA: "Excess Defense Articles (22 U.S.C. § 2321j)",
        CspaProgram.PKO: "Peacekeeping Operations (22 U.S.C. § 2348)",
        CspaProgram.DCS_LICENSES: "licenses for direct commercial sales of military equipment",
    }


def test_list_criteria_and_exceptions_cite_the_table() -> None:
    assert {c: (c.words, c.citation) for c in ListCriterion} == {
        ListCriterion.RECRUIT_AND_USE: ("recruit and use", CSPA_PROHIBITIONS.citation),
        ListCriterion.RECRUIT_OR_USE: ("recruit or use", CSPA_RECRUIT_OR_USE.citation),
    }
    old, new = ProfessionalizationException.IMET_TRAINING_AND_NONLETHAL_SUPPLIES, \
        ProfessionalizationException.LISTED_INSTITUTES
    assert (old.covers_all_imet, new.covers_all_imet) == (True, False)
    assert (old.citation, new.citation) == (CSPA_PROFESSIONALIZATION.citation,
                                            CSPA_PROFESSIONALIZATION_LIMITED.citation)
    for e, p in ((old, CSPA_PROFESSIONALIZATION), (new, CSPA_PROFESSIONALIZATION_LIMITED)):
        assert e.description == p.title.removeprefix("CSPA: ") and not e.description.startswith("CSPA")


_AMENDMENTS = {"pko_from": CSPA_PEACEKEEPING, "police_from": CHILD_SOLDIER_POLICE,
               "or_use_from": CSPA_RECRUIT_OR_USE, "limited_exception_from": CSPA_PROFESSIONALIZATION_LIMITED}


def _check_text(text: CspaText, year: int, firsts: dict[str, int]) -> None:
    where = (year, firsts)
    assert text.report_year == year
    assert text.programs == covered_programs(year, pko_from=firsts["pko_from"])
    police = year >= firsts["police_from"]
    assert text.police_and_security_forces is police, where
    assert text.criterion is (ListCriterion.RECRUIT_OR_USE if year >= firsts["or_use_from"]
                              else ListCriterion.RECRUIT_AND_USE), where
    limited = year >= firsts["limited_exception_from"]
    assert text.exception is (ProfessionalizationException.LISTED_INSTITUTES if limited
                              else ProfessionalizationException.IMET_TRAINING_AND_NONLETHAL_SUPPLIES), where
    cites = [CSPA_PROHIBITIONS.citation]
    if text.criterion is ListCriterion.RECRUIT_OR_USE:
        cites.append(CSPA_RECRUIT_OR_USE.citation)
    if police:
        cites.append(CHILD_SOLDIER_POLICE.citation)
    if CspaProgram.PKO in text.programs:
        cites.append(CSPA_PEACEKEEPING.citation)
    cites.append((CSPA_PROFESSIONALIZATION_LIMITED if limited else CSPA_PROFESSIONALIZATION).citation)
    assert text.citations == tuple(cites), where
    _says(text.wording, f"that {text.criterion.words} child soldiers", "governmental armed forces")
    assert ("police, or other security forces" in text.wording) is police, where


@pytest.mark.parametrize("amendment", sorted(_AMENDMENTS))
def test_cspa_text_for_every_year_and_each_amendment_year(amendment: str) -> None:
    defaults = {name: p.first_report_year for name, p in _AMENDMENTS.items()}
    for year in CSPA_YEARS:
        _check_text(cspa_text(year), year, defaults)
        for first in (CSPA.first_report_year, defaults[amendment] - 1, defaults[amendment] + 1,
                      LAST_KNOWN_REPORT_YEAR):
            _check_text(cspa_text(year, **{amendment: first}), year, {**defaults, amendment: first})


def test_cspa_text_is_the_same_remembered_or_not() -> None:
    class Year(int):
        """An int that is not exactly an int: cspa_text computes it afresh instead of from its cache."""

    for year in CSPA_YEARS:
        assert cspa_text(year) is cspa_text(year)  # remembered: asked again for every listing of a year
        assert cspa_text(year, pko_from=2016) is cspa_text(year, pko_from=2016)
        assert cspa_text(Year(year)) == cspa_text(year)
        assert cspa_text(year, pko_from=Year(2016)) == cspa_text(year, pko_from=2016)


def test_cspa_text_wording_word_for_word() -> None:
    assert cspa_text(2010).wording == ("governments with governmental armed forces, or government-supported armed "
                                       "groups (paramilitaries, militias, civil defense forces), that recruit and use "
                                       "child soldiers")
    assert cspa_text(2023).wording == ("governments with governmental armed forces, police, or other security forces, "
                                       "or government-supported armed groups (paramilitaries, militias, civil defense "
                                       "forces), that recruit or use child soldiers")


def test_cspa_text_errors() -> None:
    before = CSPA.first_report_year - 1
    err = _raises_field(FieldError, "report_year", cspa_text, before, got=before)
    _says(err.problem, f"the {CSPA.first_report_year} report")
    _raises_field(ReportYearError, "report_year", cspa_text, LAST_KNOWN_REPORT_YEAR + 1)
    _raises_field(ReportYearError, "report_year", cspa_text, "2020")
    for name in _AMENDMENTS:
        for bad in ("2019", True):
            err = _raises_field(FieldError, name, cspa_text, 2020, got=bad, **{name: bad})
            _says(err.problem, str(_AMENDMENTS[name].first_report_year))
    good = cspa_text(2020)
    _raises_field(FieldError, "report_year", CspaText, before, good.programs, good.criterion, True, good.exception,
                  got=before)
    _raises_field(ReportYearError, "report_year", CspaText, 1999, good.programs, good.criterion, True, good.exception)
    _raises_field(FieldError, "programs", CspaText, 2020, (), good.criterion, True, good.exception, got=())
    _raises_field(FieldError, "programs", CspaText, 2020, ("imet",), good.criterion, True, good.exception)
    _raises_field(FieldError, "criterion", CspaText, 2020, good.programs, "recruit_or_use", True, good.exception)
    _raises_field(FieldError, "police_and_security_forces", CspaText, 2020, good.programs, good.criterion, 1,
                  good.exception)
    _raises_field(FieldError, "exception", CspaText, 2020, good.programs, good.criterion, True, "listed_institutes")


# =========================================================================== cspa.py: the listing

BUNDLED = bundled_cspa_years()


def test_cspa_listing_for_every_year_and_statement() -> None:
    assert BUNDLED and all(CSPA.in_force(y) for y in BUNDLED)
    for year, listed, country in itertools.product(YEARS, (None, True, False), ("Burma", "Myanmar", "Thailand",
                                                                                 COUNTRY)):
        where = (year, listed, country)
        if not CSPA.in_force(year):
            if listed is True:
                err = _raises_field(FieldError, "cspa.listed", cspa_listing, country, year, listed)
                _says(err.problem, f"the {year} report", f"the {CSPA.first_report_year} report")
                continue
            got = cspa_listing(country, year, listed)
            assert got == CspaListing(country, year, Listing.NO_LIST), where
            assert got.listed is False
            assert got.summary == f"no list: the first CSPA list was published with the {CSPA.first_report_year} " \
                                  "report"
            continue
        got = cspa_listing(country, year, listed)
        assert (got.country, got.report_year, got.criterion) == (country, year, cspa_text(year).criterion), where
        bundled = cspa_list(year)
        assert (bundled is not None) is (year in BUNDLED)
        if listed is not None:
            assert got.status is (Listing.LISTED if listed else Listing.NOT_LISTED), where
            assert (got.source, got.bundled, got.listed) == (ListingSource.INPUT, None, listed), where
            differs = bundled is not None and country != COUNTRY and bundled.has(country) is not listed
            assert (got.note is not None) is differs, where
            if bundled is not None and differs:
                _says(got.note, f"the bundled {year} CSPA list", "Burma" if country != "Thailand" else country,
                      "which has" if bundled.has(country) else "which does not have")
            _says(got.summary, got.status.label, "as stated in the input")
        elif bundled is not None:
            on = bundled.has(country)
            assert got.status is (Listing.LISTED if on else Listing.NOT_LISTED), where
            assert (got.source, got.bundled, got.listed) == (ListingSource.BUNDLED_LIST, bundled, on), where
            if country == COUNTRY:
                _says(got.note, repr(COUNTRY), "cspa.listed")
            else:
                assert got.note is None, where
            _says(got.summary, got.status.label, f"from the bundled {year} CSPA list ({bundled.file})")
        else:
            assert (got.status, got.source, got.bundled, got.listed) == (Listing.NOT_STATED, None, None, None)
            _says(got.note, f"no CSPA list of {year} is bundled", *(str(y) for y in BUNDLED), "(cspa.listed)")
            assert got.summary == f"not stated: {got.note}"


def test_cspa_listing_sentences_word_for_word() -> None:
    assert cspa_listing("Myanmar", 2019, False).note == "differs from the bundled 2019 CSPA list, which has Burma"
    assert cspa_listing("Thailand", 2019, True).note == ("differs from the bundled 2019 CSPA list, which does not "
                                                        "have Thailand")
    assert cspa_listing("Myanmar", 2019, False).summary == ("not listed, as stated in the input; differs from the "
                                                           "bundled 2019 CSPA list, which has Burma")
    assert cspa_listing(COUNTRY, 2019).note == ("'Examplestan' is not a name the package knows: check its spelling, "
                                                "or state the listing (cspa.listed)")
    assert cspa_listing("Burma", 2019).summary == "listed, from the bundled 2019 CSPA list (cspa_lists.csv)"
    assert cspa_listing("Burma", 2018).note == ("no CSPA list of 2018 is bundled (bundled: 2019, 2022, 2023) and the "
                                                "input does not say (cspa.listed)")
    assert CspaListing("X", 2018, Listing.NOT_STATED).summary == "not stated"
    assert {s: s.label for s in Listing} == {Listing.LISTED: "listed", Listing.NOT_LISTED: "not listed",
                                             Listing.NOT_STATED: "not stated", Listing.NO_LIST: "no list"}


def test_cspa_listing_passes_the_criterion_year_on() -> None:
    year = CSPA_RECRUIT_OR_USE.first_report_year - 2
    assert cspa_listing("Burma", year, True).criterion is ListCriterion.RECRUIT_AND_USE
    assert cspa_listing("Burma", year, True, or_use_from=year).criterion is ListCriterion.RECRUIT_OR_USE
    assert cspa_listing("Burma", year + 2, True, or_use_from=year + 3).criterion is ListCriterion.RECRUIT_AND_USE


def test_cspa_listing_errors() -> None:
    _raises_field(FieldError, "country", cspa_listing, 5, 2020, got=5)
    err = _raises_field(FieldError, "cspa.listed", cspa_listing, "Burma", 2020, "yes", got="yes")
    assert err.problem == "must be true, false or null (not stated)"
    _raises_field(FieldError, "cspa.listed", cspa_listing, "Burma", 2020, 1)
    _raises_field(ReportYearError, "report_year", cspa_listing, "Burma", LAST_KNOWN_REPORT_YEAR + 1)
    _raises_field(FieldError, "or_use_from", cspa_listing, "Burma", 2020, or_use_from="2019")
    assert [check_cspa_listed(v, 2020) for v in (None, True, False)] == [None, True, False]
    _raises_field(FieldError, "inputs.listed", check_cspa_listed, True, CSPA.first_report_year - 1, "inputs.listed",
                  got=True)
    assert check_cspa_listed(False, CSPA.first_report_year - 1) is False
    assert check_cspa_listed(True, CSPA.first_report_year) is True


def test_cspa_listing_validators() -> None:
    bundled = cspa_list(2019)
    assert bundled is not None
    ok = CspaListing("Burma", 2019, Listing.LISTED, ListingSource.BUNDLED_LIST, bundled)
    assert ok.bundled is bundled
    err = _raises_field(FieldError, "source", CspaListing, "Burma", 2019, Listing.LISTED, got=None)
    assert err.problem == "a listed listing needs source"
    _raises_field(FieldError, "source", CspaListing, "Burma", 2019, Listing.NOT_LISTED)
    err = _raises_field(FieldError, "source", CspaListing, "Burma", 2019, Listing.NOT_STATED, ListingSource.INPUT,
                        got=ListingSource.INPUT)
    assert err.problem == "a not_stated listing has no source"
    _raises_field(FieldError, "source", CspaListing, "Burma", 2005, Listing.NO_LIST, ListingSource.INPUT)
    err = _raises_field(FieldError, "source", CspaListing, "Burma", 2019, Listing.LISTED, "input", got="input")
    assert err.problem == f"must be one of {[s.value for s in ListingSource]} or None"
    _raises_field(FieldError, "bundled", CspaListing, "Burma", 2019, Listing.LISTED, ListingSource.BUNDLED_LIST,
                  got=None)
    err = _raises_field(FieldError, "bundled", CspaListing, "Burma", 2019, Listing.LISTED, ListingSource.INPUT,
                        bundled, got=bundled)
    assert err.problem == "the bundled list is given exactly when the source is bundled_list"
    other = cspa_list(2022)
    assert isinstance(other, CspaList)
    err = _raises_field(FieldError, "bundled", CspaListing, "Burma", 2019, Listing.LISTED,
                        ListingSource.BUNDLED_LIST, other)
    assert err.value == 2022
    _raises_field(FieldError, "bundled", CspaListing, "Burma", 2019, Listing.LISTED, ListingSource.BUNDLED_LIST,
                  "cspa_lists.csv")
    _raises_field(FieldError, "country", CspaListing, None, 2019, Listing.NOT_STATED)
    _raises_field(ReportYearError, "report_year", CspaListing, "Burma", 1999, Listing.NO_LIST)
    _raises_field(FieldError, "status", CspaListing, "Burma", 2019, "listed")
    _raises_field(FieldError, "criterion", CspaListing, "Burma", 2019, Listing.NOT_STATED, criterion="or")
    _raises_field(FieldError, "note", CspaListing, "Burma", 2019, Listing.NOT_STATED, note=1)


# =========================================================================== cspa.py: the restrictions


def _cspa_dets() -> Iterator[CspaDetermination | None]:
    yield None
    yield CspaDetermination()
    yield CspaDetermination(reinstated=True)
    yield CspaDetermination(frozenset(CspaProgram), reinstated=True, professionalization_exception=True,
                            pko_exception=True)
    for program in CspaProgram:
        yield CspaDetermination(frozenset({program}))
    yield CspaDetermination(professionalization_exception=True)
    yield CspaDetermination(pko_exception=True)
    yield CspaDetermination(frozenset({CspaProgram.IMET}), professionalization_exception=True)
    yield CspaDetermination(frozenset({CspaProgram.FMF}), professionalization_exception=True, pko_exception=True)


def _if_listed(year: int) -> str:
    return f"applies only if the government is on the {year} CSPA list"


def _check_cspa(listed: bool | None, year: int, d: CspaDetermination | None, pko_from: int | None,
                limited_from: int | None) -> None:
    where = (listed, year, d, pko_from, limited_from)
    kwargs: dict[str, int | None] = {"pko_from": pko_from, "limited_exception_from": limited_from}
    if listed is True and not CSPA.in_force(year):
        _raises_field(FieldError, "cspa.listed", cspa_restrictions, listed, year, d, **kwargs)
        return
    if listed is False or not CSPA.in_force(year):
        assert cspa_restrictions(listed, year, d, **kwargs) == (), where
        return
    programs = covered_programs(year, pko_from=pko_from)
    lifted = d if d is not None else CspaDetermination()
    if CspaProgram.PKO not in programs and (CspaProgram.PKO in lifted.waived or lifted.pko_exception):
        field = "cspa.waived" if CspaProgram.PKO in lifted.waived else "cspa.pko_exception"
        _raises_field(FieldError, field, cspa_restrictions, listed, year, d, **kwargs)
        return
    got = cspa_restrictions(listed, year, d, **kwargs)
    assert [r.category for r in got] == [p.value for p in programs], where
    limited = year >= (CSPA_PROFESSIONALIZATION_LIMITED.first_report_year if limited_from is None else limited_from)
    for r, program in zip(got, programs, strict=True):
        assert r.description == program.description and r.fiscal_year == _fy(year), where
        ground: str | None = None
        note_facts: tuple[str, ...] = ()
        if lifted.reinstated:
            status, cited, note_facts = Status.NOT_APPLICABLE, CSPA_REINSTATEMENT, ("reinstated",)
        elif program in lifted.waived:
            status, cited, ground = Status.WAIVED, CSPA_WAIVER, "national_interest"
        elif program is CspaProgram.IMET and lifted.professionalization_exception:
            if limited:
                status, cited = Status.PARTLY_EXCEPTED, CSPA_PROFESSIONALIZATION_LIMITED
                note_facts = ("Defense Institute of International Legal Studies",
                              "Center for Civil-Military Relations", "5 years")
            else:
                status, cited, note_facts = Status.EXCEPTED, CSPA_PROFESSIONALIZATION, ("the 2008 text of (e)",)
        elif program is CspaProgram.PKO and lifted.pko_exception:
            status, cited = Status.EXCEPTED, CSPA_PEACEKEEPING_EXCEPTION
        else:
            status, cited = Status.APPLIES, CSPA_PROHIBITIONS
        if program is CspaProgram.PKO and status in (Status.APPLIES, Status.EXCEPTED):
            note_facts = (CSPA_PEACEKEEPING_EXCEPTION.citation.removeprefix("22 U.S.C. "), "demobilisation")
        if listed is None and status is Status.APPLIES:
            status = Status.IF_LISTED
            note_facts = (_if_listed(year), f"barred for {_fy(year)} unless waived", *note_facts)
        assert (r.status, r.citation, r.ground) == (status, cited.citation, ground), (where, program)
        if note_facts:
            _says(r.note, *note_facts)
        else:
            assert r.note is None, (where, program)


def test_cspa_restrictions_for_every_year_listing_and_determination() -> None:
    dets = list(_cspa_dets())
    for year, listed in itertools.product(YEARS, (True, None, False)):
        for d, pko_from, limited_from in itertools.product(dets, (None, 2016), (None, 2012)):
            _check_cspa(listed, year, d, pko_from, limited_from)


def test_cspa_restrictions_read_the_status_of_a_listing() -> None:
    for year in (2018, 2019, 2023):
        for country in ("Burma", "Thailand", COUNTRY):
            for listed in (None, True, False):
                listing = cspa_listing(country, year, listed)
                assert cspa_restrictions(listing, year) == cspa_restrictions(listing.listed, year)
    with_no_list = cspa_listing("Burma", CSPA.first_report_year - 1)
    assert cspa_restrictions(with_no_list, CSPA.first_report_year - 1) == ()


def test_cspa_restriction_notes_word_for_word() -> None:
    notes = {r.category: r.note for r in cspa_restrictions(None, 2018)}
    fy = "FY 2019 (2018-10-01 to 2019-09-30)"
    unstated = f"applies only if the government is on the 2018 CSPA list, which is not stated: then barred for {fy} " \
               "unless waived"
    pko = ("programs for professionalisation, security-sector reform, human rights, peacekeeping preparation or "
           "demobilisation of child soldiers are not covered (§ 2370c-1(f))")
    assert notes == {"imet": unstated, "fmf": unstated, "eda": unstated, "pko": f"{unstated}; {pko}",
                     "dcs_licenses": unstated}
    assert [r.note for r in cspa_restrictions(True, 2018, CspaDetermination(reinstated=True))] == [
        "assistance reinstated on certification"] * 5
    exception = CspaDetermination(professionalization_exception=True)
    assert cspa_restrictions(True, 2018, exception)[0].note == (
        "the 2008 text of (e) lets IMET, training and nonlethal supplies through for programs that directly support "
        "the professionalisation of the military")
    assert cspa_restrictions(True, 2019, exception)[0].note == (
        "excepted only for IMET through the Defense Institute of International Legal Studies or the Center for "
        "Civil-Military Relations (and nonlethal supplies); any other IMET stays barred; at most 5 years per country")
    assert cspa_restrictions(True, 2019)[3].note == pko


@given(data=st.data(), year=report_years(min_year=CSPA.first_report_year), listed=st.none() | st.just(True))
def test_cspa_a_determination_lifts_only_what_it_names(data: st.DataObject, year: int, listed: bool | None) -> None:
    d = data.draw(cspa_determinations(report_year=year))
    got = cspa_restrictions(listed, year, d)
    assert tuple(CspaProgram(r.category) for r in got) == covered_programs(year)
    barred = Status.APPLIES if listed else Status.IF_LISTED
    for r in got:
        program = CspaProgram(r.category)
        lifted = (d.reinstated or program in d.waived
                  or (program is CspaProgram.IMET and d.professionalization_exception)
                  or (program is CspaProgram.PKO and d.pko_exception))
        assert (r.status is barred) is not lifted, (r, d)
        assert (r.citation == CSPA_PROHIBITIONS.citation) is not lifted, (r, d)
        assert (r.status is Status.WAIVED) is (program in d.waived and not d.reinstated)
        assert (r.ground is not None) is (r.status is Status.WAIVED)


def test_cspa_determination_check_errors() -> None:
    pko_first = CSPA_PEACEKEEPING.first_report_year
    before = pko_first - 1
    waived = CspaDetermination(frozenset({CspaProgram.PKO}))
    excepted = CspaDetermination(pko_exception=True)
    err = _raises_field(FieldError, "cspa.waived", waived.check, before)
    assert err.value == CspaProgram.PKO.value
    _says(err.problem, AUTHORITIES["pko"], f"from the {pko_first} report", f"the {before} list", "to waive")
    err = _raises_field(FieldError, "cspa.pko_exception", excepted.check, before)
    assert err.value is True
    _says(err.problem, AUTHORITIES["pko"], f"from the {pko_first} report", "(f) exception")
    assert waived.check(pko_first) is waived and excepted.check(pko_first) is excepted
    _raises_field(FieldError, "cspa.waived", waived.check, pko_first, pko_from=pko_first + 1)
    err = _raises_field(FieldError, "cspa.pko_exception", excepted.check, pko_first + 1, pko_from=pko_first + 2)
    _says(err.problem, f"from the {pko_first + 2} report")
    both = CspaDetermination(frozenset({CspaProgram.PKO}), pko_exception=True)
    _raises_field(FieldError, "cspa.waived", both.check, before)
    other = CspaDetermination(frozenset({CspaProgram.IMET}), reinstated=True, professionalization_exception=True)
    assert other.check(CSPA.first_report_year) is other
    _raises_field(FieldError, "pko_from", waived.check, 2020, pko_from="2013")
    assert CspaDetermination(frozenset({"imet", CspaProgram.FMF})).waived == {CspaProgram.IMET, CspaProgram.FMF}
    _raises_field(FieldError, "cspa.programs", CspaDetermination, frozenset({"tanks"}), got="tanks")


def test_cspa_restrictions_errors() -> None:
    _raises_field(FieldError, "cspa", cspa_restrictions, True, 2020, "waived", got="waived")
    _raises_field(FieldError, "cspa", cspa_restrictions, True, 2020, {"waived": ()})
    err = _raises_field(FieldError, "cspa.listing", cspa_restrictions, cspa_listing("Burma", 2019), 2020)
    assert err.value == 2019
    _raises_field(FieldError, "cspa.listed", cspa_restrictions, "yes", 2020)
    _raises_field(FieldError, "cspa.listed", cspa_restrictions, True, CSPA.first_report_year - 1, got=True)
    _raises_field(ReportYearError, "report_year", cspa_restrictions, None, LAST_KNOWN_REPORT_YEAR + 1)
    _raises_field(FieldError, "limited_exception_from", cspa_restrictions, True, 2020, limited_exception_from="x")
    _raises_field(FieldError, "cspa.waived", cspa_restrictions, None, CSPA_PEACEKEEPING.first_report_year - 1,
                  CspaDetermination(frozenset({CspaProgram.PKO})))


# =========================================================================== cspa.py: the child-soldier definition


def _expected_cases(definition: ChildSoldierDefinition, person: Person) -> tuple[str, ...]:
    counted = person.force is Force.GOVERNMENT or (person.force is Force.POLICE_OR_SECURITY
                                                   and definition.police_and_security_forces)
    found = []
    if counted and person.age < 18 and person.direct_part_in_hostilities:
        found.append("(i)")
    if counted and person.age < 18 and person.recruitment is Recruitment.COMPULSORY:
        found.append("(ii)")
    if counted and person.age < 15 and person.recruitment is Recruitment.VOLUNTARY:
        found.append("(iii)")
    if person.force is Force.NON_STATE and person.age < 18 and (person.recruitment is not Recruitment.NONE
                                                                 or person.used_in_hostilities):
        found.append("(iv)")
    return tuple(found)


def test_child_soldier_cases_and_reasons_for_every_kind_of_person() -> None:
    for police, age, force, recruitment, direct, used, role in itertools.product(
            (True, False), (14, 15, 17, 18), Force, Recruitment, (False, True), (False, True), (None, "porter")):
        definition = ChildSoldierDefinition(police)
        person = Person(age, force, recruitment, direct, used, role)
        cases = _expected_cases(definition, person)
        where = (definition, person)
        assert definition.cases(person) == cases, where
        finding = definition.apply(person)
        assert (finding.rule, finding.citation, finding.holds) == ("child_soldier", CHILD_SOLDIER_DEFINITION.citation,
                                                                   bool(cases)), where
        _says(finding.reason, f"aged {age}", *((f" as {role}",) if role else ()))
        assert (" as " in finding.reason) is (role is not None), where
        if cases:
            _says(finding.reason, ", ".join(cases))
            assert ("support roles" in finding.reason) is bool(set(cases) - {"(i)"}), where
        elif force is Force.POLICE_OR_SECURITY and not police:
            _says(finding.reason, "2008 wording", CHILD_SOLDIER_POLICE.enacted_by)
        else:
            _says(finding.reason, "not a child soldier under any of the four cases")


def test_child_soldier_reasons_word_for_word() -> None:
    old = ChildSoldierDefinition(False)
    assert CHILD_SOLDIER.apply(Person(14, Force.GOVERNMENT, Recruitment.VOLUNTARY, role="cook")).reason == (
        "a child soldier under case(s) (iii): aged 14 as cook; any capacity counts, support roles included")
    assert CHILD_SOLDIER.apply(Person(16, Force.GOVERNMENT, direct_part_in_hostilities=True)).reason == (
        "a child soldier under case(s) (i): aged 16")
    assert old.apply(Person(16, Force.POLICE_OR_SECURITY, direct_part_in_hostilities=True)).reason == (
        "not a child soldier under the 2008 wording, which counts governmental armed forces only (aged 16); police "
        "and other security forces count only in the wording of Frederick Douglass TVPRA of 2018, Pub. L. 115-425 "
        "(Jan. 8, 2019)")
    assert CHILD_SOLDIER.apply(Person(18, Force.NON_STATE, Recruitment.VOLUNTARY)).reason == (
        "not a child soldier under any of the four cases (aged 18)")


def test_child_soldier_definition_by_report_year() -> None:
    police_first = CHILD_SOLDIER_POLICE.first_report_year
    for year in CSPA_YEARS:
        d = ChildSoldierDefinition.for_report(year)
        assert d.police_and_security_forces is (year >= police_first)
        assert d.wording == ("2019" if year >= police_first else "2008")
        assert d.citation == CHILD_SOLDIER_DEFINITION.citation
        assert ChildSoldierDefinition.for_report(year, police_from=year).police_and_security_forces
        assert not ChildSoldierDefinition.for_report(year, police_from=year + 1).police_and_security_forces
    assert ChildSoldierDefinition(True) == CHILD_SOLDIER
    before = CHILD_SOLDIER_DEFINITION.first_report_year - 1
    err = _raises_field(FieldError, "report_year", ChildSoldierDefinition.for_report, before, got=before)
    _says(err.problem, f"the {CHILD_SOLDIER_DEFINITION.first_report_year} report")
    _raises_field(ReportYearError, "report_year", ChildSoldierDefinition.for_report, 1999)
    _raises_field(FieldError, "police_from", ChildSoldierDefinition.for_report, 2020, police_from="2019", got="2019")
    _raises_field(FieldError, "police_and_security_forces", ChildSoldierDefinition, 1, got=1)
    for bad in (-1, 130, True, 16.0):
        _raises_field(FieldError, "age", Person, bad, Force.GOVERNMENT, got=bad)
    assert Person(0, Force.GOVERNMENT).age == 0 and Person(129, Force.GOVERNMENT).age == 129
    _raises_field(FieldError, "force", Person, 16, "government", got="government")


# =========================================================================== scrutiny.py


def _expected_membership(cur: Tier, prev: Tier | None) -> list[tuple[str, Provision]]:
    tier_2 = (Tier.TIER_2, WL)
    out: list[tuple[str, Provision]] = []
    if cur is Tier.TIER_1 and prev in tier_2:
        out.append((f"from {Tier.TIER_2.label} to {Tier.TIER_1.label}", MOVED_UP_TO_TIER_1))
    if cur in tier_2 and prev is T3:
        out.append((f"from {T3.label} to {Tier.TIER_2.label}", MOVED_UP_FROM_TIER_3))
    if cur is WL:
        out.append((WL.label, WATCH_LIST))
    return out


def test_membership_for_every_move() -> None:
    for cur, prev in itertools.product(Tier, TIERS_OR_NONE):
        got = membership(cur, prev)
        expected = _expected_membership(cur, prev)
        assert [c for _, c in got] == [p.citation for _, p in expected], (cur, prev)
        for (reason, _), (fact, _) in zip(got, expected, strict=True):
            _says(reason, fact)
    assert {r: c for r, c in membership(WL, T3)} == {"moved up from Tier 3 to Tier 2": MOVED_UP_FROM_TIER_3.citation,
                                                     "on the Tier 2 Watch List": WATCH_LIST.citation}
    assert membership(Tier.TIER_1, Tier.TIER_2) == (("moved up from Tier 2 to Tier 1", MOVED_UP_TO_TIER_1.citation),)


def test_special_watch_list_for_every_year_and_move() -> None:
    moves = list(itertools.product(Tier, TIERS_OR_NONE))
    names = {move: f"{move[0].value}-after-{move[1].value if move[1] else 'none'}" for move in moves}
    current = {names[m]: m[0] for m in moves}
    previous = {names[m]: m[1] for m in moves if m[1] is not None}
    first = SPECIAL_WATCH_LIST.first_report_year
    for year in YEARS:
        if year < first:
            err = _raises_field(FieldError, "report_year", special_watch_list, current, previous, year)
            assert err.value == year
            _says(err.problem, "special watch list", f"the {first} report")
            continue
        for report_date in (None, dt.date(year, 6, 20)):
            got = special_watch_list(current, previous, year, report_date=report_date)
            assert got.report_year == year
            assert got.interim_assessment_due == dt.date(year + 1, 2, 1)
            on = [m for m in moves if _expected_membership(*m)]
            assert [e.country for e in got.entries] == sorted(names[m] for m in on)
            assert got.countries == {names[m] for m in on}
            for entry in got.entries:
                move = next(m for m in moves if names[m] == entry.country)
                expected = _expected_membership(*move)
                assert entry.tier is move[0]
                assert entry.citations == tuple(p.citation for _, p in expected)
                assert len(entry.reasons) == len(expected)
            if not ACTION_PLANS.in_force(year):
                assert got.action_plans == (), year
                continue
            (plan,) = got.action_plans
            country = names[(WL, T3)]
            assert plan.citation == ACTION_PLANS.citation
            _says(plan.description, country, f"from {T3.label} to the Watch List")
            assert plan.due == (None if report_date is None else report_date + dt.timedelta(days=180))
            assert plan.due_rule == "within 180 days after the report"
    assert special_watch_list(current, previous, first).action_plans == ()
    assert special_watch_list(current, previous, ACTION_PLANS.first_report_year).action_plans != ()


def test_special_watch_list_action_plan_word_for_word() -> None:
    got = special_watch_list({"Malaysia": WL, "Brunei": T3}, {"Malaysia": T3, "Brunei": WL}, 2023,
                             report_date=dt.date(2023, 6, 15))
    assert got.action_plans == (Obligation("action plan for Malaysia, upgraded from Tier 3 to the Watch List",
                                           ACTION_PLANS.citation, dt.date(2023, 12, 12),
                                           "within 180 days after the report"),)
    assert got.countries == {"Malaysia"}


# =========================================================================== common.py


def test_fiscal_years_and_status_labels() -> None:
    for year in YEARS:
        fy = FiscalYear.following_report(year)
        assert fy == FiscalYear(year + 1)
        assert (fy.start, fy.end) == (dt.date(year, 10, 1), dt.date(year + 1, 9, 30))
        assert str(fy) == f"FY {year + 1} ({year}-10-01 to {year + 1}-09-30)"
        assert fy.start - dt.timedelta(days=1) == FiscalYear(year).end
    assert {s: s.label for s in Status} == {
        Status.APPLIES: "applies", Status.WAIVED: "waived", Status.EXCEPTED: "excepted",
        Status.PARTLY_EXCEPTED: "partly excepted", Status.NOT_APPLICABLE: "not applicable",
        Status.PENDING: "pending determination", Status.ALTERNATIVE: "alternative", Status.IF_LISTED: "if listed"}


def test_kind_of_names_the_attribute_and_what_it_must_be() -> None:
    import attrs

    @attrs.frozen
    class Probe:
        number: int = attrs.field(validator=kind_of(int))
        status: Status | None = attrs.field(default=None, validator=kind_of(Status, optional=True))

    assert Probe(3).number == 3 and Probe(3, Status.WAIVED).status is Status.WAIVED
    for bad in (True, None, "3"):
        err = _raises_field(FieldError, "number", Probe, bad)
        assert err.value == bad and err.problem == "must be a int"
    err = _raises_field(FieldError, "status", Probe, 3, "waived")
    assert err.problem == f"must be a Status or None (one of {[s.value for s in Status]})"


# =========================================================================== consequences(): end to end


def _expected_obligations(country: str, year: int, prev: Tier | None, cur: Tier) -> list[tuple[Provision, str]]:
    if cur is not WL or prev is not T3:
        return []
    out: list[tuple[Provision, str]] = []
    if TRADE_DESCRIPTION.in_force(year):
        out.append((TRADE_DESCRIPTION, f"{country} moved from {T3.label} ({year - 1})"))
    if ACTION_PLANS.in_force(year):
        out.append((ACTION_PLANS, f"action plan for {country}"))
    return out


def test_consequences_for_every_year_and_move() -> None:
    found = set()
    for year, prev, cur in itertools.product(YEARS, TIERS_OR_NONE, Tier):
        if year == FIRST_REPORT_YEAR:
            prev = None  # no report before the first
        history = _history(year - 1, prev, year, None)
        c = consequences((COUNTRY, year, cur), history=history)
        where = (year, prev, cur)
        assert type(c) is Consequences
        assert (c.country, c.report_year, c.tier) == (COUNTRY, year, cur)
        assert (c.fiscal_year.start, c.fiscal_year.end) == (dt.date(year, 10, 1), dt.date(year + 1, 9, 30)), where
        expected = _expected_obligations(COUNTRY, year, prev, cur)
        assert [o.citation for o in c.obligations] == [p.citation for p, _ in expected], where
        for o, (_, fact) in zip(c.obligations, expected, strict=True):
            _says(o.description, fact)
            found.add(o.citation)
        scrutiny = _expected_membership(cur, prev) if SPECIAL_WATCH_LIST.in_force(year) else []
        assert [cite for _, cite in c.special_watch_list] == [p.citation for _, p in scrutiny], where
        assert c.tier3 == tier3_restrictions(cur, year)
        assert c.trade == trade_authorities(cur if cur.is_ranked else None, year)
        assert c.cspa_listing == cspa_listing(COUNTRY, year)
        assert c.cspa == cspa_restrictions(c.cspa_listing, year)
    assert found == {TRADE_DESCRIPTION.citation, ACTION_PLANS.citation}


def test_consequences_without_a_history_or_with_later_years_in_it() -> None:
    year = ACTION_PLANS.first_report_year + 1
    assert consequences((COUNTRY, year, WL)).obligations == ()
    assert consequences((COUNTRY, year, WL)).special_watch_list == (("on the Tier 2 Watch List",
                                                                      WATCH_LIST.citation),)
    # the report's own year and later ones in the history are not "the previous report"
    history = History.of(COUNTRY, {year - 1: T3, year: Tier.TIER_1, year + 1: T3})
    c = consequences((COUNTRY, year, WL), history=history)
    assert [o.citation for o in c.obligations] == [TRADE_DESCRIPTION.citation, ACTION_PLANS.citation]
    assert consequences((COUNTRY, year, WL), history=History.of(COUNTRY, {year - 2: T3})).obligations == ()


def test_a_special_case_is_not_ranked_for_trade() -> None:
    year = TRADE_BAR.first_report_year + 1
    c = consequences((COUNTRY, year, Tier.SPECIAL_CASE), trade_exception_letter=True)
    assert c.trade == trade_authorities(None, year)
    assert c.trade.reason.startswith(f"not in the {year} report")


def test_consequences_of_a_placement_are_those_of_its_tier() -> None:
    a = Assessment(COUNTRY, 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                   watch_list=WatchListFacts(False, True))
    history = History.of(COUNTRY, {2021: "2WL", 2022: "2WL"})
    p = place(a, history)
    assert p.tier is T3
    assert consequences(p, history=history) == consequences((COUNTRY, 2023, T3), history=history)


def test_consequences_pass_every_input_on() -> None:
    year = 2019
    d = Determination({Tier3Category.MULTILATERAL_LENDING: WaiverGround.PROMOTES_PURPOSES})
    cd = CspaDetermination(frozenset({CspaProgram.FMF}))
    c = consequences(("Burma", year, T3), determination=d, cspa_determination=cd, trade_exception_letter=True,
                     received_assistance_previous_fy=False)
    assert c.tier3 == tier3_restrictions(T3, year, d, received_assistance_previous_fy=False)
    assert c.cspa == cspa_restrictions(True, year, cd)
    assert c.cspa_listing == cspa_listing("Burma", year)
    assert (c.trade.status, c.trade.citation) == (TradeProcedures.AVAILABLE, TRADE_LETTER.citation)
    stated = cspa_listing("Burma", year, False)
    assert consequences(("Burma", year, T3), cspa_listed=stated).cspa == ()
    assert consequences(("Burma", year, T3), cspa_listed=False).cspa_listing == stated


def test_consequences_errors() -> None:
    err = _raises_field(FieldError, "cspa_listed", consequences, ("Burma", 2019, T3),
                        cspa_listed=cspa_listing("Burma", 2022))
    assert err.value == "Burma 2022"
    _says(err.problem, "another government or report", "Burma 2019")
    _raises_field(FieldError, "cspa_listed", consequences, ("Burma", 2019, T3), cspa_listed=cspa_listing("Iraq", 2019))
    # 1 == True and 0 == False: a value that is not a bool must not find the parts remembered for the bool
    consequences((COUNTRY, 2016, T3), trade_exception_letter=True, received_assistance_previous_fy=False)
    err = _raises_field(FieldError, "trade_exception_letter", consequences, (COUNTRY, 2016, T3),
                        trade_exception_letter=1, received_assistance_previous_fy=False)
    assert err.value == 1 and type(err.value) is int
    err = _raises_field(FieldError, "received_assistance_previous_fy", consequences, (COUNTRY, 2016, T3),
                        trade_exception_letter=True, received_assistance_previous_fy=0)
    assert err.value == 0 and type(err.value) is int
    _raises_field(FieldError, "tier", consequences, (COUNTRY, 2016, "3"))
    _raises_field(FieldError, "determination", consequences, (COUNTRY, 2016, T3), determination="none")
    _raises_field(FieldError, "cspa", consequences, (COUNTRY, 2016, T3), cspa_determination="none")
    _raises_field(FieldError, "country", consequences, (5, 2016, T3))
    _raises_field(ReportYearError, "report_year", consequences, (COUNTRY, LAST_KNOWN_REPORT_YEAR + 1, T3))


class _OwnDetermination(Determination):
    """A subclass: consequences() does not remember the parts it gives (see ``_parts``)."""


class _OwnCspaDetermination(CspaDetermination):
    pass


class _Inputs(NamedTuple):
    """The inputs of the parts consequences() remembers."""

    tier: Tier
    year: int
    d: Determination | None
    received: bool | None
    listed: bool | None
    cd: CspaDetermination | None
    letter: bool

    def consequences(self) -> Consequences:
        return consequences((COUNTRY, self.year, self.tier), determination=self.d,
                            received_assistance_previous_fy=self.received, cspa_listed=self.listed,
                            cspa_determination=self.cd, trade_exception_letter=self.letter)

    def direct(self) -> tuple[object, ...]:
        """The parts, computed by the functions themselves."""
        listing = cspa_listing(COUNTRY, self.year, self.listed)
        return (FiscalYear(self.year + 1),
                tier3_restrictions(self.tier, self.year, self.d, received_assistance_previous_fy=self.received),
                cspa_restrictions(listing, self.year, self.cd),
                trade_authorities(self.tier if self.tier.is_ranked else None, self.year,
                                  exception_letter=self.letter))


def _parts_of(c: Consequences) -> tuple[object, ...]:
    return c.fiscal_year, c.tier3, c.cspa, c.trade


def test_remembered_parts_are_the_parts_for_each_input() -> None:
    # Vary one input at a time after a call with the base inputs: a part remembered under a key that misses the
    # input would come back for the varied call.
    base = _Inputs(T3, 2016, Determination({Tier3Category.BILATERAL_ASSISTANCE: WaiverGround.NATIONAL_INTEREST}),
                   None, None, CspaDetermination(frozenset({CspaProgram.IMET})), False)
    variants = [base._replace(tier=t) for t in (Tier.TIER_2, WL, Tier.SPECIAL_CASE)]
    variants += [base._replace(year=y) for y in (2017, 2013, 2021)]
    variants += [base._replace(d=None), base._replace(d=Determination())]
    variants += [base._replace(received=True), base._replace(received=False)]
    variants += [base._replace(listed=True), base._replace(listed=False)]
    variants += [base._replace(cd=None), base._replace(cd=CspaDetermination(reinstated=True))]
    variants += [base._replace(letter=True)]
    for varied in variants:
        PARTS_CACHE.clear()
        for inputs in (base, varied, base):
            assert _parts_of(inputs.consequences()) == inputs.direct(), varied


def test_remembered_parts_equal_parts_computed_afresh() -> None:
    for year, tier in itertools.product((2002, 2012, 2016, 2019, 2023), Tier):
        waiver = {Tier3Category.EXCHANGE_FUNDING: WaiverGround.VULNERABLE_POPULATIONS}
        uncached = consequences((COUNTRY, year, tier), determination=_OwnDetermination(waiver),
                                cspa_determination=_OwnCspaDetermination(frozenset({CspaProgram.EDA})),
                                received_assistance_previous_fy=False)
        for _ in range(2):  # a second call reads what the first remembered
            cached = consequences((COUNTRY, year, tier), determination=Determination(tuple(waiver.items())),
                                  cspa_determination=CspaDetermination(frozenset({"eda"})),
                                  received_assistance_previous_fy=False)
            assert cached == uncached
        assert _parts_of(cached) == _Inputs(tier, year, Determination(waiver), False, None,
                                            CspaDetermination(frozenset({CspaProgram.EDA})), False).direct()
    # the same parts for two countries that share the inputs, their own country and listing each
    one, other = consequences(("Burma", 2019, T3)), consequences(("Iraq", 2019, T3))
    assert _parts_of(one) == _parts_of(other) and one.country != other.country
    assert consequences(("Thailand", 2019, T3)).cspa == ()


def test_equal_inputs_of_the_exact_types_reuse_the_remembered_parts() -> None:
    PARTS_CACHE.clear()
    d = Determination({Tier3Category.EXCHANGE_FUNDING: WaiverGround.PROMOTES_PURPOSES})
    for listed, letter in itertools.product((None, True, False), (False, True)):
        first = _Inputs(T3, 2016, d, False, listed, REINSTATED, letter).consequences()
        again = _Inputs(T3, 2016, Determination(d.waivers), False, listed, CspaDetermination(reinstated=True),
                        letter).consequences()
        assert all(a is b for a, b in zip(_parts_of(first), _parts_of(again), strict=True))
    afresh = consequences((COUNTRY, 2016, T3), determination=_OwnDetermination(d.waivers),
                          received_assistance_previous_fy=False, cspa_determination=REINSTATED)
    assert afresh.tier3 == first.tier3


def test_the_remembered_parts_stay_bounded() -> None:
    # more distinct inputs than the 4,096 parts remembered: the memory is emptied when full, not grown
    PARTS_CACHE.clear()
    largest, calls = 0, 0
    for year, tier, letter, received in itertools.product(YEARS, Tier, (False, True), (None, True, False)):
        for d, cd in itertools.product((None, Determination(), FULL_WAIVER), (None, REINSTATED)):
            if received is True and d is not None and d.waivers:
                continue
            c = consequences((COUNTRY, year, tier), determination=d, cspa_determination=cd,
                             trade_exception_letter=letter, received_assistance_previous_fy=received)
            calls += 1
            largest = max(largest, len(PARTS_CACHE))
            if calls % 997 == 0:  # right after the memory was emptied, too
                assert _parts_of(c) == _Inputs(tier, year, d, received, None, cd, letter).direct()
    assert calls > 4096 and largest == 4096 and len(PARTS_CACHE) == calls - 4096


# =========================================================================== inputs.py


def test_consequence_inputs_apply_is_consequences_with_the_same_inputs() -> None:
    d = Determination({Tier3Category.BILATERAL_ASSISTANCE: WaiverGround.PROMOTES_PURPOSES})
    cd = CspaDetermination(professionalization_exception=True)
    history = History.of("Burma", {2015: T3, 2017: T3, 2018: T3})
    for listed, letter, received in itertools.product((None, True, False), (False, True), (None, True, False)):
        inputs = ConsequenceInputs(d, listed, cd, letter, received)
        for year, tier in itertools.product((2016, 2018, 2019, 2020), (WL, T3)):
            got = inputs.apply(("Burma", year, tier), history)
            assert got == consequences(("Burma", year, tier), history=history, determination=d,
                                       cspa_listed=cspa_listing("Burma", year, listed), cspa_determination=cd,
                                       trade_exception_letter=letter, received_assistance_previous_fy=received)
            assert inputs.cspa_listing("Burma", year) == cspa_listing("Burma", year, listed)
            assert inputs.is_cspa_listed("Burma", year) is cspa_listing("Burma", year, listed).listed
    assert ConsequenceInputs().is_cspa_listed("Burma", 2018) is None
    assert ConsequenceInputs().is_cspa_listed("Burma", 2019) is True
    barred = ConsequenceInputs().apply(("Burma", 2016, T3), None).trade
    lifted = ConsequenceInputs(trade_exception_letter=True).apply(("Burma", 2016, T3), None).trade
    assert (barred.citation, lifted.citation) == (TRADE_BAR.citation, TRADE_LETTER.citation)
    a = Assessment(COUNTRY, 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                   watch_list=WatchListFacts(False, True))
    two_years = History.of(COUNTRY, {2021: "2WL", 2022: "2WL"})
    placed = place(a, two_years)
    assert (ConsequenceInputs(cspa_listed=True).apply(placed, two_years)
            == consequences((COUNTRY, 2023, T3), history=two_years, cspa_listed=True))


def test_consequence_inputs_errors() -> None:
    err = _raises_field(FieldError, "cspa.listed", ConsequenceInputs, cspa_listed="yes")
    assert (err.value, err.problem) == ("yes", "must be true, false or null (not stated)")
    err = _raises_field(FieldError, "received_assistance_previous_fy", ConsequenceInputs,
                        received_assistance_previous_fy="no")
    assert err.value == "no"
    _raises_field(FieldError, "cspa.listed", ConsequenceInputs(cspa_listed=True).cspa_listing, "Burma",
                  CSPA.first_report_year - 1)


def test_every_citation_given_is_in_the_provision_table() -> None:
    # a citation string that is not a provision's (a typo, a swapped field) is caught wherever it comes from
    for year in (2013, 2014, 2016, 2019, 2020, 2023):
        for tier in Tier:
            for letter in (False, True):
                c = consequences((COUNTRY, year, tier), history=History.of(COUNTRY, {year - 1: T3}),
                                 determination=Determination(), cspa_listed=True, trade_exception_letter=letter)
                cites = [r.citation for r in (*c.tier3, *c.cspa)] + [c.trade.citation]
                cites += [o.citation for o in c.obligations] + [cite for _, cite in c.special_watch_list]
                for cite in cites:
                    assert provision(cite).citation == cite


@pytest.mark.parametrize(("placement", "field"), [
    (("X", 2020, ["3"]), "tier"),  # unhashable: refused before the parts are looked up in memory
    (("X", 2020, "3"), "tier"),
    (("X", "2020", Tier.TIER_3), "report_year"),
])
def test_a_bad_placement_tuple_is_refused_with_its_field(placement: Any, field: str) -> None:
    with pytest.raises(FieldError) as info:
        consequences(placement)
    assert info.value.field == field
