"""``audit``: check real placement sequences against the statute in force each year (or a variant).

For every placement it asks :func:`tipranking.analysis.access.watch_list_access` whether the Watch List was
open that year, and reports what follows: a waiver that was needed, a move the statute forced, a violation,
a placement whose lawfulness depends on years the data does not hold, and the readings of
§ 7107(b)(2)(F) under which the answer would differ.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

import attrs

from tipranking.analysis.access import Access, access_kind, access_of
from tipranking.assessment import History
from tipranking.errors import InputTypeError
from tipranking.rules.clock import WatchListClock
from tipranking.statute import Statute, as_statute, other_readings, statute_for
from tipranking.tiers import Tier

__all__ = ["AuditEvent", "AuditEventKind", "AuditReport", "audit"]

_WL = Tier.TIER_2_WATCH_LIST


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
    """One finding of the audit about one placement.

    ``access`` is the Watch List's availability that year under the statute audited. For a ``reading_note``,
    ``reading`` names the reading of § 7107(b)(2)(F) behind it and ``reading_access`` is the availability under
    that reading (both ``None`` for the other kinds).
    """

    country: str
    report_year: int
    event: AuditEventKind
    tier: Tier
    citation: str
    reason: str
    reading: str | None = None
    access: Access | None = None
    reading_access: Access | None = None


@attrs.frozen(slots=True)
class AuditReport:
    """The audit of a set of histories: how many rows and countries were read, and the events."""

    rows: int
    countries: int
    events: tuple[AuditEvent, ...]

    def of_kind(self, kind: AuditEventKind) -> tuple[AuditEvent, ...]:
        return tuple(e for e in self.events if e.event is kind)


def _histories(source: Mapping[str, History] | Iterable[History]) -> list[History]:
    if isinstance(source, str | bytes | History) or not isinstance(source, Mapping | Iterable):
        raise InputTypeError("histories", source, "must be a mapping of name to History, or Histories")
    items = list(source.items()) if isinstance(source, Mapping) else list(enumerate(source))
    for key, history in items:
        if not isinstance(history, History):
            raise InputTypeError(f"histories[{key!r}]", history, "must be a History")
    return [h for _, h in items]


def audit(histories: Mapping[str, History] | Iterable[History], statute: Statute | str | None = None, *,
          contrary_readings: bool = False) -> AuditReport:
    """Check every Watch List placement (and every move off the Watch List that the statute forced)
    against the statute in force for its report year, or against ``statute`` for all years.

    Reports ``waiver_required`` where the Watch List was lawful only with a waiver, ``forced_move``
    where the Watch List was not available and the country went to another tier, and ``violation``
    where a Watch List placement was not lawful even with every waiver allowed (or a waiver flag in
    the data contradicts the waiver the clock required). ``undetermined`` marks a Watch List placement
    whose lawfulness depends on years the data does not hold, and ``reading_note`` a placement whose
    lawfulness (or forced move) another reading of § 7107(b)(2)(F) would change: the readings the text bears,
    and with ``contrary_readings`` also those it does not (:attr:`~tipranking.rules.downgrade.Reading.noted`).
    """
    items = _histories(histories)
    statute = as_statute(statute)
    events: list[AuditEvent] = []
    rows = 0
    for history in items:
        rows += len(history)
        marks = WatchListClock.marks(history)
        for entry in history.placements:
            year, tier = entry.report_year, entry.tier
            if tier is Tier.SPECIAL_CASE:
                continue
            version = statute if statute is not None else statute_for(year)
            kind = access_kind(history, marks, year, version)
            country = history.country
            if tier is _WL and kind is not Access.FREE:
                access = access_of(history, marks, year, version)
                if kind in (Access.NONE, Access.UNAVAILABLE):
                    events.append(AuditEvent(country, year, AuditEventKind.VIOLATION, tier, access.citation,
                                             f"on the Watch List, but {access.reason}", access=kind))
                elif kind is Access.UNKNOWN:
                    events.append(AuditEvent(country, year, AuditEventKind.UNDETERMINED, tier, access.citation,
                                             access.reason, access=kind))
                elif entry.waiver is False:
                    events.append(AuditEvent(country, year, AuditEventKind.VIOLATION, tier, access.citation,
                                             f"{access.reason}, but the data records no waiver", access=kind))
                else:
                    events.append(AuditEvent(country, year, AuditEventKind.WAIVER_REQUIRED, tier,
                                             access.citation, access.reason, access=kind))
            elif tier is not _WL and kind is Access.UNAVAILABLE:
                access = access_of(history, marks, year, version)
                events.append(AuditEvent(country, year, AuditEventKind.FORCED_MOVE, tier, access.citation,
                                         f"the Watch List was not available ({access.reason}); "
                                         f"moved to {tier.label}", access=kind))
            events.extend(_reading_notes(history, marks, entry.report_year, tier, kind, version, contrary_readings))
    return AuditReport(rows, len(items), tuple(events))


_SETTLED = (Access.FREE, Access.WAIVER, Access.UNAVAILABLE)


def _reading_notes(history: History, marks: tuple[tuple[int, Tier], ...], year: int, tier: Tier,
                   kind: Access, version: Statute, contrary: bool) -> list[AuditEvent]:
    """A ``reading_note`` for each other reading of § 7107(b)(2)(F) under which this placement's lawfulness (a
    Watch List placement) or its forced move (any other tier) would differ."""
    if kind not in _SETTLED or (tier is not _WL and history.tier_in(year - 1) is not _WL):
        return []  # off the Watch List the year before: nothing moved off it, so nothing could be forced
    notes = []
    for reading, variant in other_readings(version, contrary=contrary):
        other = access_kind(history, marks, year, variant)
        if other not in _SETTLED or other is kind:
            continue
        if tier is _WL:
            what = {Access.FREE: "have been lawful without a waiver", Access.WAIVER: "have been lawful only with a "
                    "waiver", Access.UNAVAILABLE: "not have been lawful"}[other]
            text = f"this Watch List placement would {what}"
        elif Access.UNAVAILABLE not in (kind, other):
            continue
        elif other is Access.UNAVAILABLE:
            text = f"the Watch List would not have been available, so the move to {tier.label} would have been forced"
        else:
            how = "open" if other is Access.FREE else "open with a waiver"
            text = f"the Watch List would have been {how}, so the move to {tier.label} was not forced"
        alt = access_of(history, marks, year, variant)
        notes.append(AuditEvent(history.country, year, AuditEventKind.READING_NOTE, tier, reading.citation,
                                f"read as {reading.name} ({reading.alternative}), {text}: {alt.reason}",
                                reading.name, kind, other))
    return notes
