"""Trade: 19 U.S.C. § 4205(b)(6) -- no trade-authorities procedures for a Tier 3 country, and the
description required when a country moves from Tier 3 to the Watch List."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from tipranking.assessment import History, check_report_year
from tipranking.consequences.common import kind_of
from tipranking.errors import FieldError
from tipranking.provisions import (
    TIP_REPORT_RELEASES,
    TRADE_ACT_ENACTED,
    TRADE_AGREEMENTS_BEFORE,
    TRADE_AUTHORITIES_PERIOD,
    TRADE_BAR,
    TRADE_DESCRIPTION,
    TRADE_ENFORCEMENT_ACT,
    TRADE_LETTER,
)
from tipranking.tiers import Tier

__all__ = ["Obligation", "TradeProcedures", "TradeStatus", "tier3_to_watch_list_description", "trade_authorities"]


def _day(date: dt.date) -> str:
    return f"{date:%B} {date.day}, {date.year}"


class TradeProcedures(enum.Enum):
    """Where trade-authorities ("fast track") procedures stand for an agreement with a country, by its tier in a
    report that was the most recent one (19 U.S.C. § 4205(b)(6)(A))."""

    AVAILABLE = "available"
    """The procedures were in force and the Tier 3 bar does not apply (not on Tier 3, or the exception letter
    of (B) was sent)."""
    BARRED = "barred"
    """The procedures were in force and the country was on Tier 3: they do not apply to its agreements."""
    NOT_YET_ENACTED = "not_yet_enacted"
    """The report was never the most recent one while the Tier 3 bar was law (reports before 2014: the bar was
    enacted on June 29, 2015)."""
    NOT_IN_FORCE = "not_in_force"
    """No trade-authorities procedures in force: they cover only agreements entered into before July 1, 2021,
    and the report came out after that (reports from 2021)."""

    @property
    def in_force(self) -> bool:
        """Whether the Tier 3 bar governed the report (:attr:`AVAILABLE` or :attr:`BARRED`)."""
        return self in (TradeProcedures.AVAILABLE, TradeProcedures.BARRED)

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    TradeProcedures.AVAILABLE: "available",
    TradeProcedures.BARRED: "NOT available",
    TradeProcedures.NOT_YET_ENACTED: "no Tier 3 bar yet",
    TradeProcedures.NOT_IN_FORCE: "no trade-authorities procedures in force",
}


@attrs.frozen(slots=True)
class TradeStatus:
    """Where trade-authorities procedures stand for an agreement with the country (``status``), why
    (``reason``), and the provision that says so (``citation``)."""

    status: TradeProcedures = attrs.field(validator=kind_of(TradeProcedures))
    reason: str = attrs.field(validator=kind_of(str))
    citation: str = attrs.field(validator=kind_of(str))

    @property
    def in_force(self) -> bool:
        """Whether the Tier 3 bar of § 4205(b)(6) governed the report (see :attr:`TradeProcedures.in_force`)."""
        return self.status.in_force


@attrs.frozen(slots=True)
class Obligation:
    """Something the executive must deliver, with its deadline (a date, or a rule when the date depends
    on a report date the package does not hold)."""

    description: str
    citation: str
    due: dt.date | None
    due_rule: str


def _window(report_year: int) -> str:
    """Why a report at an edge of the window was the most recent one while the bar was in force."""
    if report_year == TRADE_BAR.first_report_year:
        return (f" (the most recent report from the act's enactment, {_day(TRADE_ACT_ENACTED)}, until the "
                f"{report_year + 1} report of {_day(TIP_REPORT_RELEASES[report_year + 1])})")
    if report_year == TRADE_BAR.last_report_year:
        last_day = TRADE_AGREEMENTS_BEFORE - dt.timedelta(days=1)
        return (f" (still the most recent report on {_day(last_day)}, the last day for entering into an "
                f"agreement; the {report_year + 1} report came out on {_day(TIP_REPORT_RELEASES[report_year + 1])})")
    return ""


def trade_authorities(latest_tier: Tier | None, report_year: int, *, exception_letter: bool = False) -> TradeStatus:
    """§ 4205(b)(6)(A)-(B) for a country whose tier in ``report_year``'s report is ``latest_tier`` (``None``:
    not ranked), for the time that report was the most recent one.

    The bar governs the reports that were the most recent one while the procedures could be had: from the
    act's enactment (June 29, 2015), when the 2014 report was the most recent, to the last day for entering
    into an agreement (June 30, 2021), when the 2020 report was (see :data:`TRADE_BAR` and the dates in
    :mod:`tipranking.provisions`). Earlier reports: ``not_yet_enacted``; later ones: ``not_in_force`` (the
    procedures cover only agreements entered into before July 1, 2021, 19 U.S.C. § 4202(c)(1)). Within the
    window: ``barred`` on Tier 3 unless the exception letter was sent, else ``available``.
    """
    if latest_tier is not None and not isinstance(latest_tier, Tier):
        raise FieldError("tier", latest_tier, "must be a Tier or None")
    if not isinstance(exception_letter, bool):
        raise FieldError("trade_exception_letter", exception_letter, "must be true or false")
    year = check_report_year(report_year)
    if year < TRADE_BAR.first_report_year:
        return TradeStatus(TradeProcedures.NOT_YET_ENACTED,
                           f"the Tier 3 bar was enacted on {_day(TRADE_ACT_ENACTED)}; the {year} report was never "
                           f"the most recent report while it was law (the first was the "
                           f"{TRADE_BAR.first_report_year} report)", TRADE_BAR.citation)
    if not TRADE_BAR.in_force(year):
        letter = "; the exception letter has no bar to lift" if exception_letter else ""
        return TradeStatus(TradeProcedures.NOT_IN_FORCE,
                           f"the procedures cover only agreements entered into before "
                           f"{_day(TRADE_AGREEMENTS_BEFORE)}, and the {year} report came out after the last day for "
                           f"entering into one (the last report that governed the Tier 3 bar is the "
                           f"{TRADE_BAR.last_report_year} report){letter}", TRADE_AUTHORITIES_PERIOD.citation)
    window = _window(year)
    if latest_tier is not Tier.TIER_3:
        label = "not in" if latest_tier is None else f"on {latest_tier.label} in"
        return TradeStatus(TradeProcedures.AVAILABLE, f"{label} the {year} report{window}: no Tier 3 bar",
                           TRADE_BAR.citation)
    if exception_letter:
        return TradeStatus(TradeProcedures.AVAILABLE,
                           f"on Tier 3 in the {year} report{window}, but the President's public letter on concrete "
                           "actions to implement the report's principal recommendations lifts the bar",
                           TRADE_LETTER.citation)
    return TradeStatus(TradeProcedures.BARRED,
                       f"on Tier 3 in the {year} report{window}: trade-authorities procedures do not apply to an "
                       "implementing bill unless the exception letter is sent", TRADE_BAR.citation)


def tier3_to_watch_list_description(history: History, report_year: int) -> Obligation | None:
    """§ 4205(b)(6)(C): a country on Tier 3 in a report from 2014 on and on the Watch List in the next
    report needs a detailed description of the credible evidence for the change. The words of (C) have no end
    date and do not depend on the trade-authorities procedures of § 4202, so the duty is kept after those
    ended in 2021."""
    if (not TRADE_DESCRIPTION.in_force(report_year) or history.tier_in(report_year) is not Tier.TIER_2_WATCH_LIST
            or history.tier_in(report_year - 1) is not Tier.TIER_3):
        return None
    cite = TRADE_DESCRIPTION.citation
    text = (f"{history.country} moved from Tier 3 ({report_year - 1}) to the Watch List ({report_year}): the "
            "President submits a detailed description of the credible evidence for the change, with documents")
    if report_year == TRADE_DESCRIPTION.first_report_year:
        return Obligation(text, cite, TRADE_ENFORCEMENT_ACT + dt.timedelta(days=90),
                          f"within 90 days after {TRADE_ENFORCEMENT_ACT:%B} {TRADE_ENFORCEMENT_ACT.day}, "
                          f"{TRADE_ENFORCEMENT_ACT.year}")
    return Obligation(text, cite, None, f"within 90 days after the {report_year} report is submitted")
