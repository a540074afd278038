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
from collections.abc import Iterable, Mapping

import attrs

from tipranking.assessment import (
    Assessment,
    History,
    MinimumStandards,
    WaiverJustification,
    WatchListFacts,
    YearPlacement,
)
from tipranking.engine import Placement, place
from tipranking.errors import StatuteError
from tipranking.provisions import provision
from tipranking.rules.base import Finding
from tipranking.rules.downgrade import PostWaiverLimit
from tipranking.rules.watch_list import WatchListCriteria
from tipranking.statute import Statute, statute_for
from tipranking.tiers import Tier

__all__ = [
    "Access",
    "AuditEvent",
    "AuditEventKind",
    "AuditReport",
    "Exclusion",
    "Outlook",
    "Undetermined",
    "WatchListAccess",
    "audit",
    "outlook",
    "watch_list_access",
]

_WL = Tier.TIER_2_WATCH_LIST
_WATCH_LIST_CITATION = "22 U.S.C. § 7107(b)(2)(A)(iii)"


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
    """Lawful as the State Department reads § 7107(b)(2)(F) (only the first return is limited), not lawful
    read literally (every return limited): noted, not called a violation."""


@attrs.frozen(slots=True)
class AuditEvent:
    country: str
    report_year: int
    event: AuditEventKind
    tier: Tier
    citation: str
    reason: str


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


def watch_list_access(history: History, report_year: int, statute: Statute | None = None) -> WatchListAccess:
    """Whether ``history``'s country could be on the Watch List in ``report_year``: freely, only with a
    waiver, not at all, or not because the statute has no Watch List.

    Unknown years of the history are not guessed: every way of filling them (Watch List, Tier 3, or
    any other placement) is tried; if the answers differ, the result is ``Access.UNKNOWN`` naming the
    years that make the difference.
    """
    version = statute if statute is not None else statute_for(report_year)
    return _access(history, _marks(history), report_year, version)


def _marks(history: History) -> tuple[tuple[int, Tier], ...]:
    """The history's Watch List and Tier 3 years: all the history rules can see (every other placement, and
    no placement, count alike: not on the Watch List, not Tier 3)."""
    return tuple((p.report_year, p.tier) for p in history.placements if p.tier in (_WL, Tier.TIER_3))


def _access(history: History, marks: tuple[tuple[int, Tier], ...], report_year: int,
            version: Statute) -> WatchListAccess:
    clock = version.clock
    start = clock.counts_from if clock is not None else _NEVER
    base = tuple(m for m in marks if start <= m[0] < report_year)
    relevant = clock.unknown_years_that_matter(history, report_year) if clock is not None else []
    if not relevant:
        return _access_cached(base, report_year, version)
    return _access_unknown(base, tuple(relevant), report_year, version)


@functools.lru_cache(maxsize=16384)
def _access_unknown(base: tuple[tuple[int, Tier], ...], relevant: tuple[int, ...], report_year: int,
                    version: Statute) -> WatchListAccess:
    answers: dict[tuple[Tier | None, ...], WatchListAccess] = {}
    for combo in itertools.product(_FILL, repeat=len(relevant)):
        filled = tuple((y, t) for y, t in zip(relevant, combo, strict=True) if t is not None)
        answers[combo] = _access_cached(tuple(sorted(base + filled)), report_year, version)
    kinds = {r.access for r in answers.values()}
    if len(kinds) == 1:
        # Explain with the completion that adds nothing, so the reason names only known years.
        return answers[(None,) * len(relevant)]
    deciding = _deciding_years(list(relevant), {combo: r.access for combo, r in answers.items()})
    years = ", ".join(str(y) for y in deciding)
    options = ", ".join(sorted(k.value for k in kinds))
    return WatchListAccess(Access.UNKNOWN, f"depends on the placements in {years}, which the data does not hold "
                           f"(possible: {options})", _WATCH_LIST_CITATION, tuple(deciding))


_FILL = (Tier.TIER_2_WATCH_LIST, Tier.TIER_3, None)


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
        clock = [f for f in plain.findings if f.rule == "automatic_downgrade"]
        shown = clock[-1] if clock else plain_by
        return WatchListAccess(Access.FREE, shown.reason, shown.citation)
    waived = _place_probe(history, report_year, version, criterion=True, waiver=True)
    waived_tier, waived_by = _decided(waived)
    if waived_tier is _WL:
        return WatchListAccess(Access.WAIVER, f"{plain_by.reason}; lawful only with a waiver", waived_by.citation)
    blocking = [f for f in waived.findings if f.holds is False and f.rule == "waiver_available"]
    blocking += [f for f in waived.findings if f.holds and f.rule == "post_waiver_limit"]
    reasons = [waived_by.reason] + [f.reason for f in blocking if f is not waived_by]
    return WatchListAccess(Access.UNAVAILABLE, "; ".join(reasons), waived_by.citation)


def _decided(placement: Placement) -> tuple[Tier, Finding]:
    """The tier and deciding finding of a probe, which states every finding and so is always decided."""
    if placement.tier is None or placement.decided_by is None:
        raise StatuteError(f"statute {placement.statute!r} leaves a fully stated probe undecided")
    return placement.tier, placement.decided_by


@functools.lru_cache(maxsize=64)
def _literal_reading(version: Statute) -> Statute | None:
    """``version`` with the post-waiver limit read literally (every return limited), if that differs."""
    limit = version.rule_of_type(PostWaiverLimit)
    if limit is None or limit.every_return:
        return None
    return version.replace_rule("post_waiver_limit", attrs.evolve(limit, every_return=True),
                                name=f"{version.name}+literal-F")


def _histories(source: Mapping[str, History] | Iterable[History]) -> list[History]:
    return list(source.values()) if isinstance(source, Mapping) else list(source)


def audit(histories: Mapping[str, History] | Iterable[History], statute: Statute | None = None) -> AuditReport:
    """Check every Watch List placement (and every move off the Watch List that the statute forced)
    against the statute in force for its report year, or against ``statute`` for all years.

    Reports ``waiver_required`` where the Watch List was lawful only with a waiver, ``forced_move``
    where the Watch List was not available and the country went to another tier, and ``violation``
    where a Watch List placement was not lawful even with every waiver allowed (or a waiver flag in
    the data contradicts the waiver the clock required).
    """
    items = _histories(histories)
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
                elif (literal := _literal_reading(version)) is not None and (
                        alt := _access(history, marks, year, literal)).access is Access.UNAVAILABLE:
                    events.append(AuditEvent(country, year, AuditEventKind.READING_NOTE, tier, alt.citation,
                                             f"lawful as § 7107(b)(2)(F) is applied (first return only); read "
                                             f"literally it would not be: {alt.reason}"))
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
    return AuditReport(rows, len(items), tuple(events))


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
class Outlook:
    """What the statute allows a country in ``report_year``, given its history.

    ``allowed`` are the tiers some assessment of the country would reach; ``conditions`` says
    what a conditionally allowed tier needs (e.g. the Watch List only with a waiver);
    ``excluded`` says why each other tier is not available.
    """

    country: str
    report_year: int
    statute: str
    latest: tuple[int, Tier] | None
    allowed: tuple[Tier, ...]
    excluded: tuple[Exclusion, ...]
    conditions: tuple[Exclusion, ...] = ()
    undetermined: tuple[Undetermined, ...] = ()
    notes: tuple[Exclusion, ...] = ()


_RANKED = (Tier.TIER_1, Tier.TIER_2, _WL, Tier.TIER_3)


def outlook(history: History, report_year: int, statute: Statute | None = None) -> Outlook:
    """The tiers the statute allows ``history``'s country in ``report_year`` (Special Case aside: the
    report may always describe a country without ranking it)."""
    version = statute if statute is not None else statute_for(report_year)
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
    latest = (past.placements[-1].report_year, past.placements[-1].tier) if past.placements else None
    notes = []
    if access.access is Access.FREE and past.tier_in(report_year - 1) is _WL:
        notes.append(Exclusion(_WL, access.reason, access.citation))
    return Outlook(country, report_year, version.name, latest, tuple(t for t in _RANKED if t in produced),
                   tuple(excluded), tuple(conditions), tuple(undetermined), tuple(notes))


