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

import enum
import functools
from collections.abc import Callable
from typing import Any, ClassVar

import attrs

from tipranking.assessment import History
from tipranking.errors import StatuteError
from tipranking.facts import paths_of
from tipranking.provisions import AUTOMATIC_DOWNGRADE, POST_WAIVER_LIMIT, WAIVER, Provision
from tipranking.rules.base import Case, Leaf, kleene_and
from tipranking.rules.clock import Machine, Mark, WatchListClock
from tipranking.tiers import Tier

__all__ = [
    "READINGS",
    "AutomaticDowngrade",
    "Basis",
    "PostWaiverLimit",
    "Reading",
    "WaiverAvailable",
    "WaiverJustified",
    "WatchListClock",
    "reading_named",
]

_WL = Tier.TIER_2_WATCH_LIST


def _span(years: tuple[int, ...]) -> str:
    if not years:
        return "none"
    if len(years) == 1:
        return str(years[0])
    return f"{years[0]}-{years[-1]}"


def _run_step(cap: int, run: int, year: int, mark: Mark) -> int:
    """The consecutive Watch List years counted so far, up to ``cap`` (more are all alike to the rule)."""
    return min(run + 1, cap) if mark is _WL else 0


def _run_machine(cap: int, holds: Callable[[int], bool]) -> Machine:
    return Machine(0, functools.partial(_run_step, cap), holds)


def _clock(case: Case) -> WatchListClock:
    if case.clock is None:
        raise StatuteError("a rule set with history rules needs a Watch List clock (Statute.clock)")
    return case.clock


@attrs.frozen(slots=True)
class AutomaticDowngrade(Leaf):
    """§ 7107(b)(2)(D)(i): after the clock's free years on the Watch List, a country that would be
    on it again goes on Tier 3 instead."""

    reads_history: ClassVar[bool] = True

    rule_id: ClassVar[str] = "automatic_downgrade"

    @property
    def provision(self) -> Provision:
        return AUTOMATIC_DOWNGRADE

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

    def machine(self, clock: WatchListClock) -> Machine:
        """State: the consecutive Watch List years counted, up to the clock's free years."""
        free = clock.free_years
        return _run_machine(free, lambda run: run >= free)


@attrs.frozen(slots=True)
class WaiverAvailable(Leaf):
    """§ 7107(b)(2)(D)(ii): how many waiver years one Watch List run may use.

    ``max_years`` is 2 under the 2008 act ("for up to 2 years", 2009-2018 reports) and 1 from
    the 2019 report ("for up to 1 year"). Years of the current run beyond the clock's free years
    were waiver years.
    """

    reads_history: ClassVar[bool] = True

    max_years: int = 1

    rule_id: ClassVar[str] = "waiver_available"

    @property
    def provision(self) -> Provision:
        return WAIVER

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

    def machine(self, clock: WatchListClock) -> Machine:
        """State: the consecutive Watch List years counted, up to the free years plus ``max_years``."""
        free, most = clock.free_years, self.max_years
        return _run_machine(max(free + most, 0), lambda run: max(0, run - free) < most)


@attrs.frozen(slots=True)
class WaiverJustified(Leaf):
    """§ 7107(b)(2)(D)(ii)(I)-(III): a written plan, which would be significant efforts, with
    sufficient resources. No justification given means no waiver."""

    rule_id: ClassVar[str] = "waiver_justified"

    @property
    def provision(self) -> Provision:
        return WAIVER

    @property
    def title(self) -> str:
        return "a waiver is justified"

    @property
    def reads(self) -> tuple[str, ...]:
        return paths_of("waiver_justification")

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
    years) and a subsequent Tier 3 placement -- the *trigger* -- it may not be on the Watch List for more
    than one consecutive year. No waiver extends this.

    The text and State's practice leave five questions open; each answer is a parameter, the defaults
    being the package's reading (see :data:`READINGS` for the alternatives, by name):

    * ``triggers_from`` (default ``None``: any report; the text counts Watch List years from December 23,
      2008): the first report year whose Tier 3 placement can complete a trigger. With ``2019`` the trigger is
      the first Tier 3 placement in or after the 2019 report (the first the act that added (F) governs) that
      follows the run; an earlier Tier 3 placement leaves the run waiting for it.
    * ``tier3_right_after`` (default ``False``: any later Tier 3 placement is "subsequently"): ``True``
      counts only a Tier 3 placement in the report right after the run.
    * ``requires_waiver`` (default ``True``, the report's own summary): the run must have used a
      waiver year. ``False`` is the literal text ("and any additional years"), under which the
      free years alone qualify.
    * ``every_return`` (default ``False``, State's practice, e.g. Algeria 2024-2025): only the
      first return to the Watch List after that Tier 3 is limited. ``True`` limits every later
      return.
    * ``no_additional_years`` (default ``False``: at most one *consecutive* Watch List year per return):
      ``True`` reads the limit as one Watch List year in all after the trigger.
    """

    reads_history: ClassVar[bool] = True

    requires_waiver: bool = True
    every_return: bool = False
    triggers_from: int | None = None
    tier3_right_after: bool = False
    no_additional_years: bool = False

    rule_id: ClassVar[str] = "post_waiver_limit"

    @property
    def provision(self) -> Provision:
        return POST_WAIVER_LIMIT

    @property
    def title(self) -> str:
        return "the one-year limit after a waiver and Tier 3 applies"

    def qualifying_tier3_years(self, clock: WatchListClock, history: History) -> list[tuple[tuple[int, ...], int]]:
        """``(run, tier3_year)`` for each qualifying Watch List run and the Tier 3 placement after it that
        completes the trigger."""
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
            later3 = [y for y in years if y > year and history.tier_in(y) is Tier.TIER_3 and self._counts(y)]
            if not later3 or (self.tier3_right_after and later3[0] != year + 1):
                continue
            found.append((run, later3[0]))
        return found

    def _counts(self, year: int) -> bool:
        """Whether a Tier 3 placement in ``year`` can complete a trigger (``triggers_from``)."""
        return self.triggers_from is None or year >= self.triggers_from

    def _trigger_kind(self) -> str:
        kind = "with a waiver year " if self.requires_waiver else ""
        then = "by Tier 3 in the next report" if self.tier3_right_after else "by Tier 3"
        since = f" from the {self.triggers_from} report on" if self.triggers_from is not None else ""
        return f"no earlier Watch List run {kind}followed {then}{since}"

    def test(self, case: Case) -> tuple[bool | None, str]:
        clock = _clock(case)
        history = case.history
        triggers = [(run, t3) for run, t3 in self.qualifying_tier3_years(clock, history) if t3 < case.report_year]
        if self.no_additional_years:
            return self._no_additional_years(history, case.report_year, triggers)
        current = clock.run_before(history, case.report_year)
        if not current:
            return False, "not on the Watch List in the previous report: no one-year limit at stake"
        events = [(run, t3) for run, t3 in triggers if t3 < current[0]]
        if not events:
            return False, self._trigger_kind()
        run, t3 = events[-1]
        first_return = min(y for y in history.years if y > t3 and history.tier_in(y) is _WL)
        if not self.every_return and first_return != current[0]:
            return False, (f"Watch List {_span(run)} then Tier 3 in {t3}; the limited first return was "
                           f"{first_return}, this run began in {current[0]}")
        return True, (f"Watch List {_span(run)} then Tier 3 in {t3}; back on the Watch List in "
                      f"{current[0]}, so another Watch List year would exceed one consecutive year")

    def machine(self, clock: WatchListClock) -> Machine | None:
        """State: ``(run, pending, phase)`` -- the consecutive Watch List years counted (up to the length that
        qualifies a run), whether a qualifying run has ended and waits for its Tier 3 placement, and where
        the country stands since the latest trigger: none yet, triggered, back on the Watch List (the limited
        return; for ``no_additional_years``, any Watch List year since the first trigger), or past that
        return. ``None`` for a clock with no free years and no waiver year required (a run of no years
        would qualify, which no machine over counted years can see)."""
        needed = clock.free_years + (1 if self.requires_waiver else 0)
        if needed < 1:
            return None
        return Machine((0, False, _NONE), functools.partial(_limit_step, self, needed), functools.partial(
            _limit_holds, self))

    def _no_additional_years(self, history: History, report_year: int,
                             triggers: list[tuple[tuple[int, ...], int]]) -> tuple[bool, str]:
        if not triggers:
            return False, self._trigger_kind()
        run, t3 = triggers[0]
        since = [y for y in history.years if t3 < y < report_year and history.tier_in(y) is _WL]
        if not since:
            return False, (f"Watch List {_span(run)} then Tier 3 in {t3}; no Watch List year since, so one is "
                           "still allowed")
        shown = ", ".join(str(y) for y in since)
        return True, (f"Watch List {_span(run)} then Tier 3 in {t3}; on the Watch List since in {shown}, and read "
                      "as one year in all, no further Watch List year is allowed")


_NONE, _TRIGGERED, _RETURNED, _SPENT = range(4)


def _limit_step(limit: PostWaiverLimit, needed: int, state: tuple[int, bool, int], year: int,
                mark: Mark) -> tuple[int, bool, int]:
    run, pending, phase = state
    if mark is _WL:
        return min(run + 1, needed), pending, _RETURNED if phase == _TRIGGERED else phase
    if phase == _RETURNED and not limit.no_additional_years:
        phase = _SPENT
    pending = pending or run >= needed
    if pending:
        completes = mark is Tier.TIER_3 and limit._counts(year)
        if completes and (phase == _NONE or not limit.no_additional_years):
            phase = _TRIGGERED
        if completes or limit.tier3_right_after:
            pending = False  # a Tier 3 placement before ``triggers_from`` leaves the run waiting for a later one
    return 0, pending, phase


def _limit_holds(limit: PostWaiverLimit, state: tuple[int, bool, int]) -> bool:
    run, _, phase = state
    if limit.no_additional_years:
        return phase == _RETURNED
    if limit.every_return:
        return run > 0 and phase in (_RETURNED, _SPENT)
    return run > 0 and phase == _RETURNED


class Basis(enum.Enum):
    """What the package's default answer to an open question of § 7107(b)(2)(F) follows."""

    TEXT = "text"
    """The statute's words, where State's practice so far neither confirms nor contradicts them."""
    PRACTICE = "practice"
    """State's placements and the report's own summary of (F), against a more literal reading of the text."""


@attrs.frozen(slots=True)
class Reading:
    """One open reading of § 7107(b)(2)(F): the question, the package's default answer, this reading's
    answer, the argument from the text, and the :class:`PostWaiverLimit` parameters that encode it.

    ``default_follows`` says whether the default answer follows the text or State's practice against a more
    literal text. ``contrary_to_text`` is set (to why) for a reading the words of (F) do not bear: it stays
    available by name, but the outlook and the audit do not note it per government unless the statute applies
    it (:attr:`noted`). What the real record says of each reading is computed, not written here:
    :func:`tipranking.analysis.readings.reading_evidence`.

    A statute version with (F) is read this way by ``statute_named("tvpra-2019+<name>")`` or
    :meth:`apply`.
    """

    name: str
    question: str
    default: str
    alternative: str
    argument: str
    changes: tuple[tuple[str, bool | int], ...]
    default_follows: Basis
    contrary_to_text: str | None = None

    @property
    def citation(self) -> str:
        return POST_WAIVER_LIMIT.citation

    @property
    def noted(self) -> bool:
        """Whether the outlook and the audit name this reading where it would change an answer (every reading
        the text bears)."""
        return self.contrary_to_text is None

    def apply(self, limit: PostWaiverLimit) -> PostWaiverLimit:
        """``limit`` read this way."""
        changes: dict[str, Any] = dict(self.changes)
        return attrs.evolve(limit, **changes)

    def changes_nothing(self, limit: PostWaiverLimit) -> bool:
        """Whether ``limit`` already reads (F) this way."""
        return all(getattr(limit, key) == value for key, value in self.changes)


_FIRST_F_REPORT = POST_WAIVER_LIMIT.first_report_year
_HEADING = ("(F)'s enacted heading, 'Special rule for certain countries on special watch list that are downgraded "
            "and reinstated on special watch list'")

READINGS: tuple[Reading, ...] = (
    Reading(
        "f-from-2019",
        "(a) Can a Tier 3 placement from before the 2019 report complete the trigger?",
        "yes: the text counts Watch List years from December 23, 2008, and any later Tier 3 placement is "
        "'subsequently'",
        f"no: the trigger is completed only by the first Tier 3 placement in or after the {_FIRST_F_REPORT} report "
        "(the first governed by the act that added (F)) that follows the run",
        "the text counts the run from December 23, 2008 and has no transition clause; the act that added (F) "
        f"first governed the {_FIRST_F_REPORT} report",
        (("triggers_from", _FIRST_F_REPORT),), Basis.TEXT),
    Reading(
        "f-next-tier3",
        "(b) Must the Tier 3 placement come in the report right after the run?",
        "no: any later Tier 3 placement is 'subsequently', however many other placements come between",
        "yes: only a Tier 3 placement in the report right after the run completes the trigger",
        f"the text says only 'subsequently'; {_HEADING}, describes a country downgraded at the end of its run, "
        "which supports this reading",
        (("tier3_right_after", True),), Basis.TEXT),
    Reading(
        "f-any-run",
        "(c) Must the run have used a waiver year?",
        "yes: the report describes the limit as following a waiver and a downgrade",
        "no: 'any additional years' may be none, so two Watch List years and then Tier 3 are a trigger",
        "the text: '2 consecutive years ... and any additional years ... as a result of' a waiver, which may be "
        "none; the 2023 report's summary speaks of a waived country",
        (("requires_waiver", False),), Basis.PRACTICE),
    Reading(
        "f-every-return",
        "(d) Does the limit bind only the first return to the Watch List after the trigger?",
        "yes: only the first return is limited (Algeria: Watch List 2022 alone after its trigger, then again 2024 "
        "and 2025)",
        "no: every later return to the Watch List lasts at most one consecutive year",
        "the text sets no end to the limit",
        (("every_return", True),), Basis.PRACTICE),
    Reading(
        "f-no-additional-years",
        "(e) Is the limit one consecutive Watch List year per return, or one year in all?",
        "one consecutive year: the word 'consecutive' limits each stay",
        "one year in all: after the trigger, any Watch List year beyond the first is barred",
        "the text: 'for more than 1 consecutive year after' the trigger",
        (("no_additional_years", True),), Basis.TEXT,
        contrary_to_text="it drops the word 'consecutive': (F) bars 'more than 1 consecutive year' on the Watch "
        "List, not more than one year in all"),
)
"""The open readings of § 7107(b)(2)(F), by name, in the order of their questions (a)-(e); the defaults of
:class:`PostWaiverLimit` answer each the package's way."""


def reading_named(name: str) -> Reading:
    """The reading called ``name`` (see :data:`READINGS`)."""
    for reading in READINGS:
        if reading.name == name:
            return reading
    known = ", ".join(r.name for r in READINGS)
    raise StatuteError(f"statute: unknown reading {name!r} of § 7107(b)(2)(F); known: {known}")
