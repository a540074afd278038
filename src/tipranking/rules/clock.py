"""The Watch List clock of 22 U.S.C. § 7107(b)(2)(D)(i), and what the rules with memory see of a history.

The history rules (the automatic downgrade, the waiver, the post-waiver limit) tell apart only three things
about a report year: the country was on the Watch List, on Tier 3, or anything else (another tier, a Special
Case, not in the report). :class:`WatchListClock` is the one owner of that view: :meth:`WatchListClock.marks`
is what a cache of their results may be keyed on, :meth:`WatchListClock.options` what an unknown or partly
known year may be, and :meth:`WatchListClock.unknown_years_that_matter` which of those years can change an
answer.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, ClassVar

import attrs

from tipranking.assessment import History
from tipranking.provisions import AUTOMATIC_DOWNGRADE
from tipranking.tiers import Tier

__all__ = ["Machine", "Mark", "WatchListClock"]

Mark = Tier | None
"""What a rule with memory sees of one report year: the Watch List, Tier 3, or ``None`` for anything else."""

_WL = Tier.TIER_2_WATCH_LIST


@attrs.frozen(slots=True)
class Machine:
    """A rule with memory as a finite-state machine over report years: the compiled form of its ``test``.

    The machine starts in ``start`` before the clock's first counted report year and reads one :data:`Mark`
    per report year in order, up to the year before the report (a year with no entry is ``None``);
    ``holds(state)`` is then what the rule's ``test`` says. States are small hashable values, so a history
    with unknown years is handled by carrying the *set* of states reachable year by year. Each rule with
    memory builds its machine from its own parameters (``Rule.machine``), next to its ``test``; a property
    test checks that the two agree.
    """

    start: Hashable
    step: Callable[[Any, int, Mark], Any]
    holds: Callable[[Any], bool]


@attrs.frozen(slots=True)
class WatchListClock:
    """How § 7107(b)(2)(D)(i) counts: Watch List reports from ``counts_from`` on (the 2009 report
    is the first after December 23, 2008); ``free_years`` consecutive years are allowed before
    the next would-be Watch List year is a downgrade to Tier 3."""

    counts_from: int = AUTOMATIC_DOWNGRADE.first_report_year
    free_years: int = 2

    TIERS: ClassVar[tuple[Tier, ...]] = (Tier.TIER_2_WATCH_LIST, Tier.TIER_3)
    """The placements the history rules tell apart; every other placement, and no placement, reads as
    "neither" (``None``)."""

    @classmethod
    def marks(cls, history: History) -> tuple[tuple[int, Tier], ...]:
        """``(year, tier)`` for each placement of ``history`` the history rules tell apart: all they can see of
        its placements (the unknown and partly known years aside)."""
        return tuple((p.report_year, p.tier) for p in history.placements if p.tier in cls.TIERS)

    @classmethod
    def options(cls, history: History, report_year: int) -> tuple[Tier | None, ...]:
        """What the history rules may see in ``report_year``: one option for a known year (the Watch List,
        Tier 3, or ``None`` for anything else), several for an unknown or partly known one."""
        if report_year in history.unknown_years:
            return (*cls.TIERS, None)
        narrowed = history.partial_in(report_year)
        if narrowed is not None:
            seen: list[Tier | None] = [t for t in cls.TIERS if t in narrowed.tiers]
            return (*seen, None) if narrowed.tiers - set(cls.TIERS) else tuple(seen)
        tier = history.tier_in(report_year)
        return (tier if tier in cls.TIERS else None,)

    @classmethod
    def uncertain_years(cls, history: History) -> frozenset[int]:
        """The years of ``history`` in which the history rules could see more than one thing."""
        if not history.partial:
            return history.unknown_years
        return history.unknown_years | {p.report_year for p in history.partial
                                        if len(cls.options(history, p.report_year)) > 1}

    def unknown_years_that_matter(self, history: History, report_year: int, *,
                                  whole_history: bool = False) -> list[int]:
        """The uncertain years of ``history`` (unknown, or partly known with a choice the rules see) that the
        history rules could depend on for ``report_year``.

        They all look at the Watch List run that ends the year before: with that year known and not on
        the Watch List there is no run, and no uncertain year can change anything -- unless
        ``whole_history`` is set (a reading of § 7107(b)(2)(F) that counts every Watch List year since a
        trigger, not only the current run).
        """
        uncertain = self.uncertain_years(history)
        if not uncertain:
            return []
        years = sorted(y for y in uncertain if self.counts_from <= y < report_year)
        last = report_year - 1
        if whole_history or not years:
            return years
        if last not in uncertain and history.tier_in(last) is not _WL:
            return []
        return years

    def run_before(self, history: History, report_year: int) -> tuple[int, ...]:
        """The counted consecutive Watch List years that end just before ``report_year``."""
        run: list[int] = []
        year = report_year - 1
        while year >= self.counts_from and history.tier_in(year) is _WL:
            run.append(year)
            year -= 1
        return tuple(reversed(run))
