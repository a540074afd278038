"""Trade: 19 U.S.C. § 4205(b)(6) -- no trade-authorities procedures for a Tier 3 country, and the
description required when a country moves from Tier 3 to the Watch List."""

from __future__ import annotations

import datetime as dt

import attrs

from tipranking.assessment import History
from tipranking.provisions import TRADE_BAR, TRADE_DESCRIPTION, TRADE_ENFORCEMENT_ACT, TRADE_LETTER, provision
from tipranking.tiers import Tier

__all__ = ["Obligation", "TradeStatus", "tier3_to_watch_list_description", "trade_authorities"]


@attrs.frozen(slots=True)
class TradeStatus:
    """Whether trade-authorities ("fast track") procedures are available for an agreement with the country."""

    available: bool
    reason: str
    citation: str


@attrs.frozen(slots=True)
class Obligation:
    """Something the executive must deliver, with its deadline (a date, or a rule when the date depends
    on a report date the package does not hold)."""

    description: str
    citation: str
    due: dt.date | None
    due_rule: str


def trade_authorities(latest_tier: Tier | None, report_year: int, *, exception_letter: bool = False) -> TradeStatus:
    """§ 4205(b)(6)(A)-(B) for a country whose tier in the most recent report (``report_year``) is
    ``latest_tier``. Applies from the 2015 report."""
    cite = TRADE_BAR.citation
    if not provision(cite).in_force(report_year):
        return TradeStatus(True, f"the Tier 3 bar on trade-authorities procedures applies from the 2015 report, "
                                 f"not {report_year}", cite)
    if latest_tier is not Tier.TIER_3:
        label = "not in" if latest_tier is None else f"on {latest_tier.label} in"
        return TradeStatus(True, f"{label} the {report_year} report: no Tier 3 bar", cite)
    if exception_letter:
        return TradeStatus(True, "on Tier 3, but the President's public letter on concrete actions to implement "
                                 "the report's principal recommendations lifts the bar",
                           TRADE_LETTER.citation)
    return TradeStatus(False, f"on Tier 3 in the {report_year} report: trade-authorities procedures do not apply "
                              "to an implementing bill unless the exception letter is sent", cite)


def tier3_to_watch_list_description(history: History, report_year: int) -> Obligation | None:
    """§ 4205(b)(6)(C): a country on Tier 3 in a report from 2014 on and on the Watch List in the next
    report needs a detailed description of the credible evidence for the change."""
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
