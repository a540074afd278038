"""What follows from a placement: Tier 3 funding restrictions, CSPA restrictions, trade, and interim scrutiny.

:func:`consequences` is a pure function of the placement (or tier), the country's history and the
presidential determinations given: the same inputs always give the same output.
"""

from __future__ import annotations

import attrs

from tipranking.assessment import History
from tipranking.consequences.common import FiscalYear, Restriction, Status
from tipranking.consequences.cspa import (
    CHILD_SOLDIER,
    ChildSoldierDefinition,
    CspaDetermination,
    CspaListing,
    CspaProgram,
    CspaText,
    Force,
    ListCriterion,
    Listing,
    ListingSource,
    Person,
    ProfessionalizationException,
    Recruitment,
    covered_programs,
    cspa_listing,
    cspa_restrictions,
    cspa_text,
)
from tipranking.consequences.scrutiny import SpecialWatchList, WatchListEntry, membership, special_watch_list
from tipranking.consequences.tier3 import Determination, Tier3Category, WaiverGround, tier3_restrictions
from tipranking.consequences.trade import (
    Obligation,
    TradeProcedures,
    TradeStatus,
    tier3_to_watch_list_description,
    trade_authorities,
)
from tipranking.errors import FieldError
from tipranking.placing import Placement
from tipranking.provisions import SPECIAL_WATCH_LIST
from tipranking.tiers import Tier

__all__ = [
    "CHILD_SOLDIER", "ChildSoldierDefinition", "Consequences", "CspaDetermination", "CspaListing", "CspaProgram",
    "CspaText", "Determination", "FiscalYear", "Force", "ListCriterion", "Listing", "ListingSource", "Obligation",
    "Person", "ProfessionalizationException", "Recruitment", "Restriction", "SpecialWatchList", "Status",
    "Tier3Category", "TradeProcedures", "TradeStatus", "WaiverGround", "WatchListEntry", "consequences",
    "covered_programs", "cspa_listing", "cspa_restrictions", "cspa_text", "membership", "special_watch_list",
    "tier3_restrictions", "tier3_to_watch_list_description", "trade_authorities",
]


@attrs.frozen(slots=True)
class Consequences:
    """Everything that follows from one country's placement in one report. ``cspa_listing`` says whether the
    government is on the report's CSPA list and on whose word; ``cspa`` holds the restrictions that follow
    (``if_listed`` ones when the listing is not stated)."""

    country: str
    report_year: int
    tier: Tier
    fiscal_year: FiscalYear
    tier3: tuple[Restriction, ...]
    cspa: tuple[Restriction, ...]
    cspa_listing: CspaListing
    trade: TradeStatus
    special_watch_list: tuple[tuple[str, str], ...]
    obligations: tuple[Obligation, ...]


def consequences(placement: Placement | tuple[str, int, Tier], *, history: History | None = None,
                 determination: Determination | None = None, cspa_listed: bool | CspaListing | None = None,
                 cspa_determination: CspaDetermination | None = None,
                 trade_exception_letter: bool = False,
                 received_assistance_previous_fy: bool | None = None) -> Consequences:
    """The consequences of ``placement`` (a :class:`~tipranking.Placement`, or ``(country, report_year,
    tier)``). ``history`` (earlier reports) decides special-watch-list membership and the trade
    description duty. ``cspa_listed`` says whether the government is on the CSPA list published with
    the report: ``True`` / ``False``, a :class:`CspaListing`, or ``None`` (not stated: the bundled CSPA lists
    decide where the package has the year's list, see :func:`cspa_listing`; otherwise the CSPA restrictions
    are shown as ``if_listed``). ``determination`` (``None``: not made yet, so the Tier 3 restrictions are
    pending) and ``received_assistance_previous_fy`` (which alternative of § 7107(d)(1)(A); ``None``: not
    known) are passed to :func:`tier3_restrictions`."""
    if isinstance(placement, Placement):
        country, year, tier = placement.country, placement.report_year, placement.decided_tier()
    else:
        country, year, tier = placement
    if isinstance(cspa_listed, CspaListing):
        if (cspa_listed.country, cspa_listed.report_year) != (country, year):
            raise FieldError("cspa_listed", f"{cspa_listed.country} {cspa_listed.report_year}",
                             f"is the listing of another government or report than {country} {year}")
        listing = cspa_listed
    else:
        listing = cspa_listing(country, year, cspa_listed)
    past = history.before(year) if history is not None else None
    previous = past.tier_in(year - 1) if past is not None else None
    scrutiny = membership(tier, previous) if SPECIAL_WATCH_LIST.in_force(year) else ()
    obligations: list[Obligation] = []
    if tier is Tier.TIER_2_WATCH_LIST and previous is Tier.TIER_3:  # up from Tier 3: the only duties of a move
        with_now = (past if past is not None else History(country)).with_placement(year, tier)
        described = tier3_to_watch_list_description(with_now, year)
        if described is not None:
            obligations.append(described)
        if SPECIAL_WATCH_LIST.in_force(year):
            obligations.extend(special_watch_list({country: tier}, {country: previous}, year).action_plans)
    fiscal_year, tier3, cspa, trade = _parts(tier, year, determination, received_assistance_previous_fy, listing,
                                             cspa_determination, trade_exception_letter)
    return Consequences(country, year, tier, fiscal_year, tier3, cspa, listing, trade, scrutiny, tuple(obligations))


_PARTS: dict[tuple[object, ...], tuple[FiscalYear, tuple[Restriction, ...], tuple[Restriction, ...], TradeStatus]] = {}


def _parts(tier: Tier, year: int, determination: Determination | None, received: bool | None, listing: CspaListing,
           cspa_determination: CspaDetermination | None, exception_letter: bool) -> tuple[
        FiscalYear, tuple[Restriction, ...], tuple[Restriction, ...], TradeStatus]:
    """The parts of the consequences that do not depend on the country, its history or the list it is on (only
    whether it is): remembered by their inputs, which many placements share."""
    key: tuple[object, ...] | None = None
    if (tier.__class__ is Tier and year.__class__ is int
            and (determination is None or type(determination) is Determination)
            and (cspa_determination is None or type(cspa_determination) is CspaDetermination)
            and (received is None or received is True or received is False)
            and (exception_letter is True or exception_letter is False)):
        key = (tier, year, determination, received, listing.status, cspa_determination, exception_letter)
        found = _PARTS.get(key)
        if found is not None:
            return found
    made = (FiscalYear.following_report(year),
            tier3_restrictions(tier, year, determination, received_assistance_previous_fy=received),
            cspa_restrictions(listing, year, cspa_determination),
            trade_authorities(tier if tier.is_ranked else None, year, exception_letter=exception_letter))
    if key is not None:
        if len(_PARTS) >= 4096:
            _PARTS.clear()
        _PARTS[key] = made
    return made
