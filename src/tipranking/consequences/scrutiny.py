"""Interim scrutiny: the special watch list of 22 U.S.C. § 7107(b)(2)(A), its February 1 interim
assessment ((b)(2)(B)), and the 180-day action plans of (b)(4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from tipranking.consequences.trade import Obligation
from tipranking.errors import FieldError
from tipranking.provisions import (
    ACTION_PLANS,
    MOVED_UP_FROM_TIER_3,
    MOVED_UP_TO_TIER_1,
    SPECIAL_WATCH_LIST,
    WATCH_LIST,
)
from tipranking.tiers import Tier

__all__ = ["SpecialWatchList", "WatchListEntry", "membership", "special_watch_list"]

_TIER_2 = (Tier.TIER_2, Tier.TIER_2_WATCH_LIST)


@attrs.frozen(slots=True)
class WatchListEntry:
    country: str
    tier: Tier
    reasons: tuple[str, ...]
    citations: tuple[str, ...]


@attrs.frozen(slots=True)
class SpecialWatchList:
    report_year: int
    entries: tuple[WatchListEntry, ...]
    interim_assessment_due: dt.date
    action_plans: tuple[Obligation, ...]

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(e.country for e in self.entries)


def membership(current: Tier, previous: Tier | None) -> tuple[tuple[str, str], ...]:
    """The (reason, citation) pairs that put a country on the special watch list."""
    out = []
    if current is Tier.TIER_1 and previous in _TIER_2:
        out.append(("moved up from Tier 2 to Tier 1", MOVED_UP_TO_TIER_1.citation))
    if current in _TIER_2 and previous is Tier.TIER_3:
        out.append(("moved up from Tier 3 to Tier 2", MOVED_UP_FROM_TIER_3.citation))
    if current is Tier.TIER_2_WATCH_LIST:
        out.append(("on the Tier 2 Watch List", WATCH_LIST.citation))
    return tuple(out)


def special_watch_list(current: Mapping[str, Tier], previous: Mapping[str, Tier], report_year: int, *,
                       report_date: dt.date | None = None) -> SpecialWatchList:
    """The special watch list that follows from ``current`` (the ``report_year`` report's placements) and
    ``previous`` (the report before), keyed by country name.

    The interim assessment is due February 1 of the following year. From the 2019 report, each
    country upgraded from Tier 3 to the Watch List gets an action plan within 180 days after the
    report (dated when ``report_date`` is given).
    """
    if not SPECIAL_WATCH_LIST.in_force(report_year):
        raise FieldError("report_year", report_year, "the special watch list exists from the 2004 report")
    entries = []
    plans = []
    for country in sorted(current):
        tier = current[country]
        found = membership(tier, previous.get(country))
        if found:
            entries.append(WatchListEntry(country, tier, tuple(r for r, _ in found), tuple(c for _, c in found)))
        if (tier is Tier.TIER_2_WATCH_LIST and previous.get(country) is Tier.TIER_3
                and ACTION_PLANS.in_force(report_year)):
            due = report_date + dt.timedelta(days=180) if report_date is not None else None
            plans.append(Obligation(f"action plan for {country}, upgraded from Tier 3 to the Watch List",
                                    ACTION_PLANS.citation, due,
                                    "within 180 days after the report"))
    return SpecialWatchList(report_year, tuple(entries), dt.date(report_year + 1, 2, 1), tuple(plans))
