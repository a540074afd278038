"""``audit`` real placement sequences against the statute in force each year, and ``outlook``:
what the statute allows a country in a given report.

Neither function knows a rule of its own. Both ask :func:`tipranking.place` what the pipeline of
the statute does with *probe* assessments -- a government that makes significant efforts and meets
a Watch List criterion, with and without a justified waiver; one that fully complies; one that makes
no significant efforts -- on the country's real history. So a variant statute (a bill, the 2008 act
applied to later years) is audited by exactly the rules it contains.
"""

from __future__ import annotations

import enum
import functools
import itertools
import math
from collections.abc import Iterable, Mapping

import attrs

from tipranking.assessment import (
    Assessment,
    History,
    MinimumStandards,
    WaiverJustification,
    WatchListFacts,
    YearPlacement,
    check_report_year,
)
from tipranking.engine import MAX_COMPLETIONS, Placement, _version, place
from tipranking.errors import InputTypeError, StatuteError
from tipranking.provisions import WATCH_LIST, provision
from tipranking.rules.base import Finding
from tipranking.rules.clock import WatchListClock
from tipranking.rules.downgrade import AutomaticDowngrade, PostWaiverLimit, Reading, WaiverAvailable
from tipranking.rules.watch_list import WatchListCriteria
from tipranking.statute import Statute, other_readings, statute_for
from tipranking.tiers import Tier, best_first, describe

__all__ = [
    "Access",
    "AuditEvent",
    "AuditEventKind",
    "AuditReport",
    "Exclusion",
    "Latest",
    "Outlook",
    "ReadingNote",
    "Undetermined",
    "WatchListAccess",
    "audit",
    "outlook",
    "watch_list_access",
]

_WL = Tier.TIER_2_WATCH_LIST
_WATCH_LIST_CITATION = WATCH_LIST.citation


class AuditEventKind(enum.Enum):
    WAIVER_REQUIRED = "waiver_required"
    """A Watch List placement that was lawful only with a waiver of the automatic downgrade."""
    FORCED_MOVE = "forced_move"
    """The Watch List was not available; the country went to another tier."""
    VIOLATION = "violation"
    """Not lawful even with every waiver the statute allowed."""
    UNDETERMINED = "undetermined"
    """A Watch List placement whose lawfulness depends on years the data does not hold."""
    READING_NOTE = "reading_note"
    """Under another reading of § 7107(b)(2)(F) (``reading`` names it) the Watch List's availability that year
    differs from the package's reading: noted, not called a violation."""


@attrs.frozen(slots=True)
class AuditEvent:
    """One finding of the audit about one placement; ``reading`` names the reading of § 7107(b)(2)(F)
    behind a ``reading_note`` (``None`` for the other kinds)."""

    country: str
    report_year: int
    event: AuditEventKind
    tier: Tier
    citation: str
    reason: str
    reading: str | None = None


@attrs.frozen(slots=True)
class AuditReport:
    """The audit of a set of histories: how many rows and countries were read, and the events."""

    rows: int
    countries: int
    events: tuple[AuditEvent, ...]

    def of_kind(self, kind: AuditEventKind) -> tuple[AuditEvent, ...]:
        return tuple(e for e in self.events if e.event is kind)


class Access(enum.Enum):
    """Whether a Watch List placement is open to a country in a report."""

    NONE = "none"
    """The statute has no Watch List (reports before 2004)."""
    FREE = "free"
    WAIVER = "waiver"
    """Only with a justified waiver of the automatic downgrade."""
    UNAVAILABLE = "unavailable"
    """Not even with a waiver."""
    UNKNOWN = "unknown"
    """It depends on years whose placements are not known."""


@attrs.frozen(slots=True)
class WatchListAccess:
    """The Watch List's availability, with the reason and citation of the rule that decides it.

    ``Access.UNKNOWN`` means the answer depends on ``missing_years``, years of the history the data
    does not hold.
    """

    access: Access
    reason: str
    citation: str
    missing_years: tuple[int, ...] = ()


def _probe(country: str, year: int, statute: Statute, *, standards: MinimumStandards, efforts: bool,
           criterion: bool = False, waiver: bool = False) -> Assessment:
    criteria = statute.rule_of_type(WatchListCriteria)
    commitments = False if criteria is not None and criteria.commitments_criterion else None
    return Assessment(country, year, standards, significant_efforts=efforts,
                      watch_list=WatchListFacts(False, criterion, commitments),
                      waiver_justification=WaiverJustification.full() if waiver else None)


_SHORT = MinimumStandards(True, True, True, False)


def _place_probe(history: History, year: int, statute: Statute, **kwargs: bool) -> Placement:
    return place(_probe(history.country, year, statute, standards=_SHORT, efforts=True, **kwargs),
                 history, statute)


def watch_list_access(history: History, report_year: int, statute: Statute | str | None = None) -> WatchListAccess:
    """Whether ``history``'s country could be on the Watch List in ``report_year``: freely, only with a
    waiver, not at all, or not because the statute has no Watch List.

    Unknown years of the history are not guessed: every way of filling them (Watch List, Tier 3, or
    any other placement) is tried; if the answers differ, the result is ``Access.UNKNOWN`` naming the
    years that make the difference.
    """
    history, report_year, version = _checked(history, report_year, statute)
    return _access(history, _marks(history), report_year, version)


_marks = WatchListClock.marks


def _access(history: History, marks: tuple[tuple[int, Tier], ...], report_year: int,
            version: Statute) -> WatchListAccess:
    clock = version.clock
    start = clock.counts_from if clock is not None else _NEVER
    base = tuple(m for m in marks if start <= m[0] < report_year)
    relevant = version.uncertain_years_that_matter(history, report_year)
    if not relevant:
        return _access_cached(base, report_year, version)
    return _access_unknown(base, tuple((y, WatchListClock.options(history, y)) for y in relevant), report_year, version)


@functools.lru_cache(maxsize=16384)
def _access_unknown(base: tuple[tuple[int, Tier], ...], relevant: tuple[tuple[int, tuple[Tier | None, ...]], ...],
                    report_year: int, version: Statute) -> WatchListAccess:
    answers: dict[tuple[Tier | None, ...], WatchListAccess] = {}
    years = [y for y, _ in relevant]
    ways = math.prod(len(options) for _, options in relevant)
    if ways > MAX_COMPLETIONS:
        shown = ", ".join(str(y) for y in years)
        return WatchListAccess(Access.UNKNOWN, f"depends on the placements in {shown}, which the data does not hold; "
                               f"the {ways:,} ways to fill them are more than the {MAX_COMPLETIONS:,} this package "
                               "tries: state some of them", _WATCH_LIST_CITATION, tuple(years))
    for combo in itertools.product(*(options for _, options in relevant)):
        filled = tuple((y, t) for y, t in zip(years, combo, strict=True) if t is not None)
        answers[combo] = _access_cached(tuple(sorted(base + filled)), report_year, version)
    kinds = {r.access for r in answers.values()}
    if len(kinds) == 1:
        # Explain with a completion that adds nothing where it can, so the reason names only known years.
        plain = tuple(None if None in options else options[0] for _, options in relevant)
        return answers[plain]
    deciding = _deciding_years(years, {combo: r.access for combo, r in answers.items()})
    shown = ", ".join(str(y) for y in deciding)
    options = ", ".join(sorted(k.value for k in kinds))
    return WatchListAccess(Access.UNKNOWN, f"depends on the placements in {shown}, which the data does not hold "
                           f"(possible: {options})", _WATCH_LIST_CITATION, tuple(deciding))


def _deciding_years(years: list[int], answers: dict[tuple[Tier | None, ...], Access]) -> list[int]:
    """The years whose value changes the answer for some values of the others."""
    deciding = []
    for i, year in enumerate(years):
        groups: dict[tuple[Tier | None, ...], set[Access]] = {}
        for combo, access in answers.items():
            groups.setdefault(combo[:i] + combo[i + 1:], set()).add(access)
        if any(len(v) > 1 for v in groups.values()):
            deciding.append(year)
    return deciding


_NEVER = 10_000


@functools.lru_cache(maxsize=65536)
def _access_cached(key: tuple[tuple[int, Tier], ...], report_year: int, version: Statute) -> WatchListAccess:
    history = History("the country", [YearPlacement(y, t) for y, t in key])
    if version.rule_of_type(WatchListCriteria) is None:
        return WatchListAccess(Access.NONE, f"the statute for the {report_year} report ({version.name}) has no "
                               f"Tier 2 Watch List; it applies from the "
                               f"{provision(_WATCH_LIST_CITATION).first_report_year} report", _WATCH_LIST_CITATION)
    plain = _place_probe(history, report_year, version, criterion=True)
    plain_tier, plain_by = _decided(plain)
    if plain_tier is _WL:
        clock = [f for f in plain.findings if f.rule == AutomaticDowngrade.rule_id]
        shown = clock[-1] if clock else plain_by
        return WatchListAccess(Access.FREE, shown.reason, shown.citation)
    waived = _place_probe(history, report_year, version, criterion=True, waiver=True)
    waived_tier, waived_by = _decided(waived)
    if waived_tier is _WL:
        return WatchListAccess(Access.WAIVER, f"{plain_by.reason}; lawful only with a waiver", waived_by.citation)
    blocking = [f for f in waived.findings if f.holds is False and f.rule == WaiverAvailable.rule_id]
    blocking += [f for f in waived.findings if f.holds and f.rule == PostWaiverLimit.rule_id]
    reasons = [waived_by.reason] + [f.reason for f in blocking if f is not waived_by]
    return WatchListAccess(Access.UNAVAILABLE, "; ".join(reasons), waived_by.citation)


def _decided(placement: Placement) -> tuple[Tier, Finding]:
    """The tier and deciding finding of a probe, which states every finding and so is always decided."""
    if placement.tier is None or placement.decided_by is None:
        raise StatuteError(f"statute {placement.statute!r} leaves a fully stated probe undecided")
    return placement.tier, placement.decided_by


def _histories(source: Mapping[str, History] | Iterable[History]) -> list[History]:
    if isinstance(source, str | bytes | History) or not isinstance(source, Mapping | Iterable):
        raise InputTypeError("histories", source, "must be a mapping of name to History, or Histories")
    items = list(source.items()) if isinstance(source, Mapping) else list(enumerate(source))
    for key, history in items:
        if not isinstance(history, History):
            raise InputTypeError(f"histories[{key!r}]", history, "must be a History")
    return [h for _, h in items]


def _checked(history: object, report_year: object, statute: Statute | str | None) -> tuple[History, int, Statute]:
    if not isinstance(history, History):
        raise InputTypeError("history", history, "must be a History")
    year = check_report_year(report_year)
    version = _version(statute)
    return history, year, version if version is not None else statute_for(year)


def audit(histories: Mapping[str, History] | Iterable[History], statute: Statute | str | None = None) -> AuditReport:
    """Check every Watch List placement (and every move off the Watch List that the statute forced)
    against the statute in force for its report year, or against ``statute`` for all years.

    Reports ``waiver_required`` where the Watch List was lawful only with a waiver, ``forced_move``
    where the Watch List was not available and the country went to another tier, and ``violation``
    where a Watch List placement was not lawful even with every waiver allowed (or a waiver flag in
    the data contradicts the waiver the clock required). ``undetermined`` marks a Watch List placement
    whose lawfulness depends on years the data does not hold, and ``reading_note`` a placement whose
    lawfulness (or forced move) another reading of § 7107(b)(2)(F) would change.
    """
    items = _histories(histories)
    statute = _version(statute)
    events: list[AuditEvent] = []
    rows = 0
    for history in items:
        rows += len(history)
        marks = _marks(history)
        for entry in history.placements:
            year, tier = entry.report_year, entry.tier
            if tier is Tier.SPECIAL_CASE:
                continue
            version = statute if statute is not None else statute_for(year)
            access = _access(history, marks, year, version)
            country = history.country
            if tier is _WL:
                if access.access in (Access.NONE, Access.UNAVAILABLE):
                    events.append(AuditEvent(country, year, AuditEventKind.VIOLATION, tier, access.citation,
                                             f"on the Watch List, but {access.reason}"))
                elif access.access is Access.UNKNOWN:
                    events.append(AuditEvent(country, year, AuditEventKind.UNDETERMINED, tier, access.citation,
                                             access.reason))
                if access.access is Access.WAIVER:
                    if entry.waiver is False:
                        events.append(AuditEvent(country, year, AuditEventKind.VIOLATION, tier, access.citation,
                                                 f"{access.reason}, but the data records no waiver"))
                    else:
                        events.append(AuditEvent(country, year, AuditEventKind.WAIVER_REQUIRED, tier,
                                                 access.citation, access.reason))
            elif access.access is Access.UNAVAILABLE:
                events.append(AuditEvent(country, year, AuditEventKind.FORCED_MOVE, tier, access.citation,
                                         f"the Watch List was not available ({access.reason}); "
                                         f"moved to {tier.label}"))
            events.extend(_reading_notes(history, marks, entry.report_year, tier, access, version))
    return AuditReport(rows, len(items), tuple(events))


_SETTLED = (Access.FREE, Access.WAIVER, Access.UNAVAILABLE)


def _reading_notes(history: History, marks: tuple[tuple[int, Tier], ...], year: int, tier: Tier,
                   access: WatchListAccess, version: Statute) -> list[AuditEvent]:
    """A ``reading_note`` for each other reading of § 7107(b)(2)(F) under which this placement's lawfulness (a
    Watch List placement) or its forced move (any other tier) would differ."""
    if access.access not in _SETTLED or (tier is not _WL and history.tier_in(year - 1) is not _WL):
        return []  # off the Watch List the year before: nothing moved off it, so nothing could be forced
    notes = []
    for reading, variant in other_readings(version):
        alt = _access(history, marks, year, variant)
        if alt.access not in _SETTLED or alt.access is access.access:
            continue
        if tier is _WL:
            what = {Access.FREE: "have been lawful without a waiver", Access.WAIVER: "have been lawful only with a "
                    "waiver", Access.UNAVAILABLE: "not have been lawful"}[alt.access]
            text = f"this Watch List placement would {what}"
        elif Access.UNAVAILABLE not in (access.access, alt.access):
            continue
        elif alt.access is Access.UNAVAILABLE:
            text = f"the Watch List would not have been available, so the move to {tier.label} would have been forced"
        else:
            how = "open" if alt.access is Access.FREE else "open with a waiver"
            text = f"the Watch List would have been {how}, so the move to {tier.label} was not forced"
        notes.append(AuditEvent(history.country, year, AuditEventKind.READING_NOTE, tier, reading.citation,
                                f"read as {reading.name} ({reading.alternative}), {text}: {alt.reason}",
                                reading.name))
    return notes


@attrs.frozen(slots=True)
class Exclusion:
    """A tier the statute does not allow, with the reason and the provision."""

    tier: Tier
    reason: str
    citation: str


@attrs.frozen(slots=True)
class Undetermined:
    """A tier whose availability depends on ``missing_years``, which the data does not hold."""

    tier: Tier
    missing_years: tuple[int, ...]
    reason: str
    citation: str


@attrs.frozen(slots=True)
class Latest:
    """The latest report year about which a history says anything, and what it says: one tier, or the
    tiers a partly known year allows (e.g. "Tier 2 or Special Case")."""

    report_year: int
    tiers: frozenset[Tier]

    @property
    def tier(self) -> Tier | None:
        """The tier, if the history fixes it (``None`` for a partly known year)."""
        return next(iter(self.tiers)) if len(self.tiers) == 1 else None

    @property
    def label(self) -> str:
        """``"Tier 2"``, ``"Tier 2 or Special Case"``..."""
        return describe(self.tiers)

    @property
    def codes(self) -> str:
        """The tier codes joined by ``|``, best first (``"2"``, ``"2|special_case"``)."""
        return "|".join(t.value for t in best_first(self.tiers))


@attrs.frozen(slots=True)
class ReadingNote:
    """Under the reading ``reading`` of § 7107(b)(2)(F), the Watch List's availability would be ``access``
    (instead of the outlook's answer), for ``reason``."""

    reading: str
    question: str
    tier: Tier
    access: Access
    reason: str
    citation: str


@attrs.frozen(slots=True)
class Outlook:
    """What the statute allows a country in ``report_year``, given its history.

    ``allowed`` are the tiers some assessment of the country would reach; ``conditions`` says
    what a conditionally allowed tier needs (e.g. the Watch List only with a waiver);
    ``excluded`` says why each other tier is not available. ``latest`` is what the history last says
    before the report; ``readings`` names each reading of § 7107(b)(2)(F) under which the Watch List's
    availability would differ.
    """

    country: str
    report_year: int
    statute: str
    latest: Latest | None
    allowed: tuple[Tier, ...]
    excluded: tuple[Exclusion, ...]
    conditions: tuple[Exclusion, ...] = ()
    undetermined: tuple[Undetermined, ...] = ()
    notes: tuple[Exclusion, ...] = ()
    readings: tuple[ReadingNote, ...] = ()


_RANKED = (Tier.TIER_1, Tier.TIER_2, _WL, Tier.TIER_3)


def outlook(history: History, report_year: int, statute: Statute | str | None = None) -> Outlook:
    """The tiers the statute allows ``history``'s country in ``report_year`` (Special Case aside: the
    report may always describe a country without ranking it)."""
    history, report_year, version = _checked(history, report_year, statute)
    past = history.before(report_year)
    country = history.country
    witnesses = {
        Tier.TIER_1: place(_probe(country, report_year, version, standards=MinimumStandards(True, True, True, True),
                                  efforts=True), past, version),
        Tier.TIER_2: _place_probe(past, report_year, version),
        Tier.TIER_3: place(_probe(country, report_year, version, standards=_SHORT, efforts=False), past, version),
    }
    produced = {_decided(p)[0] for p in witnesses.values()}
    access = watch_list_access(past, report_year, version)
    conditions: list[Exclusion] = []
    if access.access in (Access.FREE, Access.WAIVER):
        produced.add(_WL)
    if access.access is Access.WAIVER:
        conditions.append(Exclusion(_WL, access.reason, access.citation))
    excluded: list[Exclusion] = []
    undetermined: list[Undetermined] = []
    if access.access is Access.UNKNOWN:
        undetermined.append(Undetermined(_WL, access.missing_years, access.reason, access.citation))
    for tier in _RANKED:
        if tier in produced or (tier is _WL and access.access is Access.UNKNOWN):
            continue
        if tier is _WL:
            excluded.append(Exclusion(tier, access.reason, access.citation))
        else:
            got_tier, got_by = _decided(witnesses[tier])
            excluded.append(Exclusion(tier, f"would be {got_tier.label}: {got_by.reason}", got_by.citation))
    known = past.last_known()
    latest = Latest(*known) if known is not None else None
    notes = []
    if access.access is Access.FREE and past.tier_in(report_year - 1) is _WL:
        notes.append(Exclusion(_WL, access.reason, access.citation))
    return Outlook(country, report_year, version.name, latest, tuple(t for t in _RANKED if t in produced),
                   tuple(excluded), tuple(conditions), tuple(undetermined), tuple(notes),
                   _outlook_readings(past, report_year, version, access))


def _outlook_readings(past: History, report_year: int, version: Statute,
                      access: WatchListAccess) -> tuple[ReadingNote, ...]:
    notes = []
    for reading, variant in other_readings(version):
        alt = watch_list_access(past, report_year, variant)
        if alt.access is not access.access:
            notes.append(_note(reading, alt))
    return tuple(notes)


def _note(reading: Reading, alt: WatchListAccess) -> ReadingNote:
    return ReadingNote(reading.name, reading.question, _WL, alt.access, alt.reason, reading.citation)
