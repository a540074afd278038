"""The rules with memory: the automatic downgrade, its waiver, and the post-waiver limit.

22 U.S.C. § 7107(b)(2)(D)(i) reads "the special watch list ... for 2 consecutive years after
December 23, 2008". Literally that list also holds countries that moved up a tier
((A)(i)-(ii)); the State Department applies the clock to the Watch List, (A)(iii), and so
do these rules.

How years are counted is the statute version's :class:`WatchListClock`. A report in which the
country is not on the Watch List -- any other tier, Special Case, or no entry at all -- ends a
consecutive run.
"""

from __future__ import annotations

import attrs

from tipranking.assessment import History
from tipranking.errors import StatuteError
from tipranking.provisions import Provision, provision
from tipranking.rules.base import Case, Leaf, kleene_and
from tipranking.tiers import Tier

__all__ = ["AutomaticDowngrade", "PostWaiverLimit", "WaiverAvailable", "WaiverJustified", "WatchListClock"]

_WL = Tier.TIER_2_WATCH_LIST


def _span(years: tuple[int, ...]) -> str:
    if not years:
        return "none"
    if len(years) == 1:
        return str(years[0])
    return f"{years[0]}-{years[-1]}"


@attrs.frozen(slots=True)
class WatchListClock:
    """How § 7107(b)(2)(D)(i) counts: Watch List reports from ``counts_from`` on (the 2009 report
    is the first after December 23, 2008); ``free_years`` consecutive years are allowed before
    the next would-be Watch List year is a downgrade to Tier 3."""

    counts_from: int = 2009
    free_years: int = 2

    def unknown_years_that_matter(self, history: History, report_year: int) -> list[int]:
        """The unknown years of ``history`` that the history rules could depend on for ``report_year``.

        They all look at the Watch List run that ends the year before: with that year known and not on
        the Watch List there is no run, and no unknown year can change anything.
        """
        if not history.unknown_years:
            return []
        years = sorted(y for y in history.unknown_years if self.counts_from <= y < report_year)
        last = report_year - 1
        if years and last not in history.unknown_years and history.tier_in(last) is not _WL:
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


def _clock(case: Case) -> WatchListClock:
    clock = case.statute.clock
    if clock is None:
        raise StatuteError(f"statute {case.statute.name!r} has history rules but no Watch List clock")
    return clock


@attrs.frozen(slots=True)
class AutomaticDowngrade(Leaf):
    """§ 7107(b)(2)(D)(i): after the clock's free years on the Watch List, a country that would be
    on it again goes on Tier 3 instead."""

    @property
    def rule_id(self) -> str:
        return "automatic_downgrade"

    @property
    def provision(self) -> Provision:
        return provision("22 U.S.C. § 7107(b)(2)(D)(i)")

    @property
    def title(self) -> str:
        return "the Watch List clock has run out"

    def test(self, case: Case) -> tuple[bool | None, str]:
        clock = _clock(case)
        run = clock.run_before(case.history, case.report_year)
        holds = len(run) >= clock.free_years
        counted = f"{len(run)} consecutive Watch List report(s) counted from {clock.counts_from}: {_span(run)}"
        if holds:
            return True, f"{counted}; another Watch List year means Tier 3 unless waived"
        return False, f"{counted}; below the {clock.free_years} that trigger the downgrade"


@attrs.frozen(slots=True)
class WaiverAvailable(Leaf):
    """§ 7107(b)(2)(D)(ii): how many waiver years one Watch List run may use.

    ``max_years`` is 2 under the 2008 act ("for up to 2 years", 2009-2018 reports) and 1 from
    the 2019 report ("for up to 1 year"). Years of the current run beyond the clock's free years
    were waiver years.
    """

    max_years: int = 1

    @property
    def rule_id(self) -> str:
        return "waiver_available"

    @property
    def provision(self) -> Provision:
        return provision("22 U.S.C. § 7107(b)(2)(D)(ii)")

    @property
    def title(self) -> str:
        return "a waiver of the downgrade is still available"

    def test(self, case: Case) -> tuple[bool | None, str]:
        clock = _clock(case)
        run = clock.run_before(case.history, case.report_year)
        used = max(0, len(run) - clock.free_years)
        if used < self.max_years:
            return True, f"waiver years used in this run: {used} of {self.max_years}"
        return False, (f"waiver years used in this run: {used} of {self.max_years}: no waiver left, the "
                       "Watch List is not available this year")


@attrs.frozen(slots=True)
class WaiverJustified(Leaf):
    """§ 7107(b)(2)(D)(ii)(I)-(III): a written plan, which would be significant efforts, with
    sufficient resources. No justification given means no waiver."""

    @property
    def rule_id(self) -> str:
        return "waiver_justified"

    @property
    def provision(self) -> Provision:
        return provision("22 U.S.C. § 7107(b)(2)(D)(ii)")

    @property
    def title(self) -> str:
        return "a waiver is justified"

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f"waiver_justification.{n}" for n in ("written_plan", "plan_would_constitute_significant_efforts",
                                                            "sufficient_resources"))

    def test(self, case: Case) -> tuple[bool | None, str]:
        justification = case.assessment.waiver_justification
        if justification is None:
            return False, "no waiver justification given"
        elements = [("written plan to begin significant efforts", justification.written_plan, "written_plan"),
                    ("the plan would constitute significant efforts",
                     justification.plan_would_constitute_significant_efforts,
                     "plan_would_constitute_significant_efforts"),
                    ("sufficient resources devoted to the plan", justification.sufficient_resources,
                     "sufficient_resources")]
        holds = kleene_and(value for _, value, _ in elements)
        if holds is False:
            return False, "waiver not justified, not shown: " + "; ".join(t for t, v, _ in elements if v is False)
        if holds is None:
            return None, "waiver justification unknown: " + "; ".join(t for t, v, _ in elements if v is None)
        return True, "waiver justified: " + "; ".join(text for text, _, _ in elements)


@attrs.frozen(slots=True)
class PostWaiverLimit(Leaf):
    """§ 7107(b)(2)(F): after a country's Watch List run (the clock's free years plus any waiver
    years) and a subsequent Tier 3 placement, it may not be on the Watch List for more than one
    consecutive year. No waiver extends this.

    Two readings are parameters, because the text and practice leave them open:

    * ``requires_waiver`` (default ``True``, the report's own summary): the run must have used a
      waiver year. ``False`` is the literal text ("and any additional years"), under which the
      free years alone qualify.
    * ``every_return`` (default ``False``, State's practice, e.g. Algeria 2024-2025): only the
      first return to the Watch List after that Tier 3 is limited. ``True`` limits every later
      return.
    """

    requires_waiver: bool = True
    every_return: bool = False

    @property
    def rule_id(self) -> str:
        return "post_waiver_limit"

    @property
    def provision(self) -> Provision:
        return provision("22 U.S.C. § 7107(b)(2)(F)")

    @property
    def title(self) -> str:
        return "the one-year limit after a waiver and Tier 3 applies"

    def qualifying_tier3_years(self, clock: WatchListClock, history: History) -> list[tuple[tuple[int, ...], int]]:
        """``(run, tier3_year)`` for each qualifying Watch List run and the first Tier 3 after it."""
        needed = clock.free_years + (1 if self.requires_waiver else 0)
        found: list[tuple[tuple[int, ...], int]] = []
        years = history.years
        for entry in history.placements:
            year = entry.report_year
            if entry.tier is not _WL or history.tier_in(year + 1) is _WL:
                continue
            run = clock.run_before(history, year + 1)
            if len(run) < needed:
                continue
            later3 = [y for y in years if y > year and history.tier_in(y) is Tier.TIER_3]
            if later3:
                found.append((run, later3[0]))
        return found

    def test(self, case: Case) -> tuple[bool | None, str]:
        clock = _clock(case)
        history = case.history
        current = clock.run_before(history, case.report_year)
        if not current:
            return False, "not on the Watch List in the previous report: no one-year limit at stake"
        events = [(run, t3) for run, t3 in self.qualifying_tier3_years(clock, history) if t3 < current[0]]
        if not events:
            kind = "with a waiver year " if self.requires_waiver else ""
            return False, f"no earlier Watch List run {kind}followed by Tier 3"
        run, t3 = events[-1]
        first_return = min(y for y in history.years if y > t3 and history.tier_in(y) is _WL)
        if not self.every_return and first_return != current[0]:
            return False, (f"Watch List {_span(run)} then Tier 3 in {t3}; the limited first return was "
                           f"{first_return}, this run began in {current[0]}")
        return True, (f"Watch List {_span(run)} then Tier 3 in {t3}; back on the Watch List in "
                      f"{current[0]}, so another Watch List year would exceed one consecutive year")
