"""The replay of a placement record under two statute versions: who would have moved, for ``diff``.

:func:`replay` goes through a record (by default, for ``diff``, the bundled one) and gives a :class:`Move` for
each government and report year whose set of lawful tiers (:func:`tipranking.analysis.outlook.outlook`)
differs between the versions, with each side's reason and the readings of § 7107(b)(2)(F) the difference
depends on (:class:`MoveReading`). The lawful tiers are remembered per automaton state, where no uncertain
year of a history matters; :func:`forget` clears them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from tipranking.analysis.access import watch_list_access
from tipranking.analysis.outlook import Exclusion, Undetermined, lawful_tiers, outlook
from tipranking.assessment import History
from tipranking.placing import compiled
from tipranking.statute import Statute, other_readings
from tipranking.tiers import Tier

__all__ = ["Move", "MoveReading", "forget", "replay"]

_WL = Tier.TIER_2_WATCH_LIST


@attrs.frozen(slots=True)
class Move:
    """A government and report year of the record whose lawful tiers differ between the versions.

    ``tier`` is the record's placement (``None`` if not known); ``lawful_a``/``lawful_b`` the tiers each
    version allows (Special Case aside), ``undetermined_a``/``undetermined_b`` those that depend on years
    the record does not hold; ``reasons_a``/``reasons_b`` each version's reason for the tiers in which they
    differ (why excluded, or the condition on which allowed).
    """

    country: str
    report_year: int
    tier: Tier | None
    lawful_a: tuple[Tier, ...]
    lawful_b: tuple[Tier, ...]
    undetermined_a: tuple[Tier, ...]
    undetermined_b: tuple[Tier, ...]
    reasons_a: tuple[Exclusion, ...]
    reasons_b: tuple[Exclusion, ...]
    readings: tuple[MoveReading, ...] = ()
    """The readings of § 7107(b)(2)(F) (those the text bears) under which a side's lawful tiers that year would
    be other than by the package's reading: the difference depends on them."""


@attrs.frozen(slots=True)
class MoveReading:
    """Read as ``reading``, version ``statute`` would allow ``lawful`` (and leave ``undetermined`` open) instead of
    what the move shows under the package's reading of § 7107(b)(2)(F)."""

    statute: str
    reading: str
    question: str
    lawful: tuple[Tier, ...]
    undetermined: tuple[Tier, ...]


def replay(a: Statute, b: Statute, histories: Mapping[str, History]) -> tuple[Move, ...]:
    """Each government and year of ``histories`` (a record: country to history) whose lawful tiers differ
    between versions ``a`` and ``b``, in the record's order of governments and each history's order of years."""
    moves = []
    for country, history in histories.items():
        known = list(history.mentioned_years)
        lawful_a = _lawful(a, history, known)
        lawful_b = _lawful(b, history, known)
        for year in known:
            if lawful_a[year] == lawful_b[year]:
                continue
            (allowed_a, open_a), (allowed_b, open_b) = lawful_a[year], lawful_b[year]
            apart = (set(allowed_a) ^ set(allowed_b)) | (set(open_a) ^ set(open_b))
            moves.append(Move(country, year, history.tier_in(year), allowed_a, allowed_b, open_a, open_b,
                              _reasons(a, history, year, apart), _reasons(b, history, year, apart),
                              _move_readings((a, b), history, year, (lawful_a[year], lawful_b[year]))))
    return tuple(moves)


def _move_readings(versions: tuple[Statute, Statute], history: History, year: int,
                   answers: tuple[tuple[tuple[Tier, ...], tuple[Tier, ...]], ...]) -> tuple[MoveReading, ...]:
    """For each side with (F), the readings (those the text bears) under which its lawful tiers would differ."""
    out = []
    for version, answer in zip(versions, answers, strict=True):
        for reading, variant in other_readings(version):
            lawful, undetermined = lawful_tiers(history, year, variant)
            if (lawful, undetermined) != answer:
                out.append(MoveReading(version.name, reading.name, reading.question, lawful, undetermined))
    return tuple(out)


def _reasons(version: Statute, history: History, year: int, tiers: set[Tier]) -> tuple[Exclusion, ...]:
    """The outlook's reasons for ``tiers``; for the Watch List alone, straight from its access (where the
    outlook takes them), without placing the outlook's probes."""
    if tiers == {_WL}:
        access = watch_list_access(history.before(year), year, version)
        return (Exclusion(_WL, access.reason, access.citation),)
    seen = outlook(history, year, version)
    given: list[Exclusion | Undetermined] = [*seen.conditions, *seen.excluded, *seen.undetermined]
    return tuple(e if isinstance(e, Exclusion) else Exclusion(e.tier, e.reason, e.citation)
                 for e in given if e.tier in tiers)


def _lawful(version: Statute, history: History, years: Sequence[int]) -> dict[int, tuple[tuple[Tier, ...],
                                                                                          tuple[Tier, ...]]]:
    """For each year, the tiers ``version`` allows the country and those left undetermined (its outlook).
    Where no uncertain year of the history matters, the outlook depends on the history only through the
    automaton's state, so it is shared between histories (and years) that reach the same state."""
    code = compiled(version)
    states: list[int] = []
    if code is not None and years:
        states = code.states(history, max(years) + 1)
    uncertain = bool(history.unknown_years or history.partial)
    out = {}
    for year in years:
        if code is None or (uncertain and version.uncertain_years_that_matter(history.before(year), year)):
            out[year] = lawful_tiers(history, year, version)
            continue
        out[year] = _lawful_at(version, year, code.state_before(states, year), history)
    return out


def _lawful_at(version: Statute, year: int, state: int, history: History) -> tuple[tuple[Tier, ...],
                                                                                      tuple[Tier, ...]]:
    key = (version, year, state)
    found = _STATES.get(key)
    if found is None:
        if len(_STATES) >= 65536:
            _STATES.clear()
        found = _STATES[key] = lawful_tiers(history, year, version)
    return found


_STATES: dict[tuple[Statute, int, int], tuple[tuple[Tier, ...], tuple[Tier, ...]]] = {}


def forget() -> None:
    """Forget the lawful tiers remembered per automaton state (for benchmarks: a cold start)."""
    _STATES.clear()
