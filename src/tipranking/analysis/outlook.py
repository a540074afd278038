"""``outlook``: the tiers the statute allows a country in a report, given its history, and why.

Special Case aside (the report may always describe a country without ranking it), each tier is allowed,
allowed on a condition (the Watch List only with a waiver), excluded with its reason, or undetermined
(it depends on years the data does not hold); every reading of § 7107(b)(2)(F) under which the Watch List's
answer would differ is named.
"""

from __future__ import annotations

import enum

import attrs

from tipranking.analysis.access import (
    SHORT_OF_FULL,
    Access,
    WatchListAccess,
    access_kind,
    checked_question,
    decided_probe,
    place_probe,
    probe_assessment,
    watch_list_access,
)
from tipranking.assessment import History, MinimumStandards
from tipranking.placing import Placement, place
from tipranking.rules.clock import WatchListClock
from tipranking.rules.downgrade import Reading
from tipranking.statute import Statute, other_readings
from tipranking.tiers import RANKED, Tier, best_first, describe

__all__ = ["Exclusion", "Latest", "Outlook", "ReadingNote", "Standing", "TierStatus", "Undetermined", "lawful_tiers",
           "outlook", "standings"]

_WL = Tier.TIER_2_WATCH_LIST


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


class Standing(enum.Enum):
    """What the statute says of one tier for a country in a report."""

    OPEN = "open"
    """Allowed: some assessment of the country reaches it."""
    WAIVER_REQUIRED = "waiver_required"
    """Allowed only with a waiver of the automatic downgrade (the Watch List, § 7107(b)(2)(D)(ii))."""
    CLOSED = "closed"
    """Not allowed, whatever the facts."""
    UNKNOWN = "unknown"
    """It depends on years the history does not hold."""


@attrs.frozen(slots=True)
class TierStatus:
    """One ranked tier's :class:`Standing` in an outlook, with the reason and the provision that decide it (for an
    open tier, what a government reaching it would be placed by) and, when unknown, the years it depends on."""

    tier: Tier
    standing: Standing
    reason: str
    citation: str
    missing_years: tuple[int, ...] = ()


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
    tiers: tuple[TierStatus, ...] = ()
    """Each ranked tier (1, 2, Watch List, 3) with its standing, reason and citation: the same answer as
    ``allowed``, ``conditions``, ``excluded`` and ``undetermined``, one entry per tier."""

    def status(self, tier: Tier) -> TierStatus:
        """The :class:`TierStatus` of a ranked ``tier``."""
        for found in self.tiers:
            if found.tier is tier:
                return found
        raise KeyError(tier)


def outlook(history: History, report_year: int, statute: Statute | str | None = None) -> Outlook:
    """The tiers the statute allows ``history``'s country in ``report_year`` (Special Case aside: the
    report may always describe a country without ranking it)."""
    history, report_year, version = checked_question(history, report_year, statute)
    past = history.before(report_year)
    country = history.country
    witnesses, produced, access = _lawful(past, report_year, version)
    conditions: list[Exclusion] = []
    if access.access is Access.WAIVER:
        conditions.append(Exclusion(_WL, access.reason, access.citation))
    excluded: list[Exclusion] = []
    undetermined: list[Undetermined] = []
    if access.access is Access.UNKNOWN:
        undetermined.append(Undetermined(_WL, access.missing_years, access.reason, access.citation))
    for tier in RANKED:
        if tier in produced or (tier is _WL and access.access is Access.UNKNOWN):
            continue
        if tier is _WL:
            excluded.append(Exclusion(tier, access.reason, access.citation))
        else:
            got_tier, got_by = decided_probe(witnesses[tier])
            excluded.append(Exclusion(tier, f"would be {got_tier.label}: {got_by.reason}", got_by.citation))
    known = past.last_known()
    latest = Latest(*known) if known is not None else None
    notes = []
    if access.access is Access.FREE and past.tier_in(report_year - 1) is _WL:
        notes.append(Exclusion(_WL, access.reason, access.citation))
    statuses = []
    for tier in RANKED:
        if tier is _WL:
            statuses.append(TierStatus(tier, _standing(tier, produced, access.access), access.reason, access.citation,
                                       access.missing_years))
        elif tier in produced:
            _, by = decided_probe(witnesses[tier])
            statuses.append(TierStatus(tier, Standing.OPEN, by.reason, by.citation))
        else:
            (exclusion,) = [x for x in excluded if x.tier is tier]
            statuses.append(TierStatus(tier, Standing.CLOSED, exclusion.reason, exclusion.citation))
    return Outlook(country, report_year, version.name, latest, tuple(t for t in RANKED if t in produced),
                   tuple(excluded), tuple(conditions), tuple(undetermined), tuple(notes),
                   _outlook_readings(past, report_year, version, access), tuple(statuses))


def _lawful(past: History, report_year: int, version: Statute) -> tuple[dict[Tier, Placement], set[Tier],
                                                                         WatchListAccess]:
    """The probes placed for Tier 1, 2 and 3, the tiers the statute allows (Special Case aside; the Watch List
    when its access is free or by waiver), and the Watch List's access: what ``outlook`` says is lawful."""
    witnesses, produced = _produced(past, report_year, version)
    access = watch_list_access(past, report_year, version)
    return witnesses, _with_watch_list(produced, access.access), access


def _produced(past: History, report_year: int, version: Statute) -> tuple[dict[Tier, Placement], set[Tier]]:
    """The probes placed for Tier 1, 2 and 3, and the tiers they reach."""
    country = past.country
    witnesses = {
        Tier.TIER_1: place(probe_assessment(country, report_year, version,
                                            standards=MinimumStandards(True, True, True, True), efforts=True),
                           past, version),
        Tier.TIER_2: place_probe(past, report_year, version),
        Tier.TIER_3: place(probe_assessment(country, report_year, version, standards=SHORT_OF_FULL, efforts=False),
                           past, version),
    }
    return witnesses, {_tier_of(p) for p in witnesses.values()}  # reasons are built only for excluded tiers


def lawful_tiers(history: History, report_year: int, statute: Statute | str | None = None) -> tuple[
        tuple[Tier, ...], tuple[Tier, ...]]:
    """The tiers the statute allows ``history``'s country in ``report_year`` (Special Case aside), and those
    that depend on years the history does not hold: ``outlook(...).allowed`` and the tiers of its
    ``undetermined``, without the reasons.

    >>> lawful_tiers(History.of("X", {2017: "2WL", 2018: "2WL"}), 2019)
    ((<Tier.TIER_1: '1'>, <Tier.TIER_2: '2'>, <Tier.TIER_2_WATCH_LIST: '2WL'>, <Tier.TIER_3: '3'>), ())
    """
    history, report_year, version = checked_question(history, report_year, statute)
    past = history.before(report_year)
    _, produced = _produced(past, report_year, version)
    access = access_kind(past, WatchListClock.marks(past), report_year, version)  # no reason built
    lawful = _with_watch_list(produced, access)
    return tuple(t for t in RANKED if t in lawful), (_WL,) if access is Access.UNKNOWN else ()


def standings(history: History, report_year: int, statute: Statute | str | None = None) -> tuple[
        tuple[Tier, Standing], ...]:
    """Each ranked tier with its :class:`Standing` in ``report_year``: the standings of ``outlook(...).tiers``,
    without the reasons (what :func:`tipranking.analysis.forecast.forecast` needs for every government and year).

    >>> [(t.value, s.value) for t, s in standings(History.of("X", {2017: "2WL", 2018: "2WL"}), 2019)]
    [('1', 'open'), ('2', 'open'), ('2WL', 'waiver_required'), ('3', 'open')]
    """
    history, report_year, version = checked_question(history, report_year, statute)
    past = history.before(report_year)
    _, produced = _produced(past, report_year, version)
    access = access_kind(past, WatchListClock.marks(past), report_year, version)
    return tuple((tier, _standing(tier, produced, access)) for tier in RANKED)


def _standing(tier: Tier, produced: set[Tier], access: Access) -> Standing:
    """A ranked tier's standing, from the tiers the probes reach and the Watch List's access."""
    if tier is _WL:
        return {Access.FREE: Standing.OPEN, Access.WAIVER: Standing.WAIVER_REQUIRED,
                Access.UNKNOWN: Standing.UNKNOWN}.get(access, Standing.CLOSED)
    return Standing.OPEN if tier in produced else Standing.CLOSED


def _with_watch_list(produced: set[Tier], access: Access) -> set[Tier]:
    """The tiers the probes reach, and the Watch List when it is open, freely or with a waiver."""
    return produced | {_WL} if access in (Access.FREE, Access.WAIVER) else produced


def _outlook_readings(past: History, report_year: int, version: Statute,
                      access: WatchListAccess) -> tuple[ReadingNote, ...]:
    notes = []
    marks = WatchListClock.marks(past)
    for reading, variant in other_readings(version):
        if access_kind(past, marks, report_year, variant) is not access.access:
            notes.append(_note(reading, watch_list_access(past, report_year, variant)))
    return tuple(notes)


def _tier_of(placement: Placement) -> Tier:
    if placement.tier is None:
        return decided_probe(placement)[0]  # raises: a fully stated probe is always decided
    return placement.tier


def _note(reading: Reading, alt: WatchListAccess) -> ReadingNote:
    return ReadingNote(reading.name, reading.question, _WL, alt.access, alt.reason, reading.citation)
