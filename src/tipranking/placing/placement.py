"""The result of placing an assessment: :class:`Placement` and, for an open tier, :class:`DecidingFact`.

A placement is a value: the tier (or the tiers still possible), its explanation (the findings in the order the
rules were considered and the finding that decided, an :class:`Explanation` shared by every placement of the same
decision-table entry) and what the history rules did. :meth:`Placement.explain` gives it as text;
:mod:`tipranking.formats.records` gives its record.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import Any

import attrs

from tipranking.errors import MissingFactError
from tipranking.rules.base import Event, Finding
from tipranking.tiers import Tier, best_first, describe

__all__ = ["DecidingFact", "Explanation", "Later", "Pending", "Placement", "finding_text", "pending_placement"]


@attrs.frozen(slots=True)
class DecidingFact:
    """An unknown fact (or history year) that matters: which value leads to which tiers.

    ``field`` is a dotted assessment path (``"minimum_standards.deterrent_penalties"``) or
    ``"history.<year>"``; ``outcomes`` pairs each value (``"true"``/``"false"``, or a tier code or
    ``"absent"`` for a year) with the tiers it can lead to; ``citations`` are the provisions that read it.
    """

    field: str
    outcomes: tuple[tuple[str, frozenset[Tier]], ...]
    citations: tuple[str, ...]


@attrs.frozen(slots=True)
class Explanation:
    """A placement's explanation: every finding, in the order the rules considered them, and the one that
    decided (``None`` while the tier is open). Placements made from the same decision-table entry of a compiled
    statute in the same report year share one :class:`Explanation` (and so one tuple of findings): it is built
    the first time one of them is read and never rebuilt."""

    findings: tuple[Finding, ...]
    decided_by: Finding | None


class Pending(abc.ABC):
    """An explanation not built yet. A placement holds one in place of its findings until they are first read,
    with its *source* (what the explanation is built from, given by the maker of the placement) in place of
    ``decided_by``; :meth:`explanation` builds or finds it."""

    __slots__ = ()

    citation: str
    """The citation of the deciding provision, known before the explanation is built."""

    @abc.abstractmethod
    def explanation(self, source: Any, report_year: int) -> Explanation:
        """The explanation of the placement made from ``source`` in ``report_year``."""


class Later(Pending):
    """An explanation built by ``build(*args)`` when first read, for one placement (the source is not used)."""

    __slots__ = ("args", "build", "citation")

    def __init__(self, build: Callable[..., Explanation], *args: object, citation: str = "") -> None:
        self.build, self.args, self.citation = build, args, citation

    def explanation(self, source: Any, report_year: int) -> Explanation:
        return self.build(*self.args)


_new = object.__new__


@attrs.frozen(slots=True, eq=False, repr=False)
class Placement:
    """The tier the statute demands, the findings that produced it, and the version used.

    ``findings`` are in the order the rules were considered (including those considered and
    rejected); ``decided_by`` is the finding of the rule that fixed the tier; ``events`` says
    what the history rules did (empty when they did nothing).

    When unknown facts leave the tier open, ``tier`` is ``None``, ``possible_tiers`` holds every
    tier some completion of the unknowns reaches, ``deciding`` says which unknown leads where, and
    ``irrelevant`` lists unknowns that cannot change the outcome.

    A placement made by :func:`tipranking.place` has its findings (the reasons, with citations) the first time
    ``findings`` or ``decided_by`` is read: placements from the same decision-table entry share one
    :class:`Explanation`, built once. The tier, the possible tiers, the citation, the events and the deciding
    unknowns are there at once. Equality, hashing and ``repr`` read the findings too.
    """

    country: str
    report_year: int
    tier: Tier | None
    statute: str
    _findings: tuple[Finding, ...] = attrs.field(alias="findings")
    _decided_by: Finding | None = attrs.field(alias="decided_by")
    events: tuple[Event, ...] = ()
    possible_tiers: frozenset[Tier] = attrs.field(default=attrs.Factory(
        lambda self: frozenset() if self.tier is None else frozenset({self.tier}), takes_self=True))
    deciding: tuple[DecidingFact, ...] = ()
    irrelevant: tuple[str, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, in the order the rules considered them."""
        found: Any = self._findings
        if found.__class__ is tuple or not isinstance(found, Pending):
            return found
        return self._explained().findings

    @property
    def decided_by(self) -> Finding | None:
        """The finding of the rule that fixed the tier (``None`` while the tier is open)."""
        if isinstance(self._findings, Pending):
            return self._explained().decided_by
        return self._decided_by

    @property
    def explanation(self) -> Explanation:
        """The findings and the deciding finding as one (shared) :class:`Explanation`."""
        if isinstance(self._findings, Pending):
            return self._explained()
        return Explanation(tuple(self._findings), self._decided_by)

    def _explained(self) -> Explanation:
        pending: Any = self._findings
        made: Explanation = pending.explanation(self._decided_by, self.report_year)
        _FINDINGS(self, made.findings)
        _DECIDED_BY(self, made.decided_by)
        return made

    def _fields(self) -> tuple[object, ...]:
        return (self.country, self.report_year, self.tier, self.statute, self.findings, self.decided_by, self.events,
                self.possible_tiers, self.deciding, self.irrelevant)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Placement)
        return self._fields() == other._fields()

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        names = ("country", "report_year", "tier", "statute", "findings", "decided_by", "events", "possible_tiers",
                 "deciding", "irrelevant")
        return "Placement(" + ", ".join(f"{n}={v!r}" for n, v in zip(names, self._fields(), strict=True)) + ")"

    def __getstate__(self) -> dict[str, object]:
        self.findings  # noqa: B018 - a placement is pickled with its explanation built
        return {a.name: getattr(self, a.name) for a in attrs.fields(Placement)}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    @property
    def decided(self) -> bool:
        return self.tier is not None

    @property
    def citation(self) -> str:
        """The citation of the provision that decided the tier (empty if undecided)."""
        pending: Any = self._findings
        if isinstance(pending, Pending):
            return pending.citation
        return self._decided_by.citation if self._decided_by is not None else ""

    def decided_tier(self) -> Tier:
        """The tier, or a :class:`~tipranking.errors.MissingFactError` naming the unknowns that decide it."""
        if self.tier is None:
            fields = [d.field for d in self.deciding]
            raise MissingFactError(fields[0] if len(fields) == 1 else "facts", fields,
                                   "the tier depends on these unknown facts: "
                                   + ", ".join(t.value for t in best_first(self.possible_tiers)))
        return self.tier

    def explain(self) -> str:
        """The placement as indented text: the tier (or the possible tiers and the unknowns that decide
        them), the deciding provision, then every finding in order, each as :func:`finding_text` gives it:
        ``yes``, ``no`` or ``unknown``, the condition the rule tests, why, and the citation."""
        if self.tier is None or self.decided_by is None:
            lines = [f"{self.country} ({self.report_year} report): {describe(self.possible_tiers)} "
                     f"— decided by: {self._deciding_text()}"]
            lines += [f"  {fact.field} [{'; '.join(fact.citations)}]" for fact in self.deciding]
        else:
            lines = [f"{self.country} ({self.report_year} report): {self.tier.label}",
                     f"  decided by {self.decided_by.citation}: {self.decided_by.reason}"]
        if self.irrelevant:
            lines.append("  unknown but irrelevant: " + ", ".join(self.irrelevant))
        lines.append(f"  statute: {self.statute}")
        if self.events:
            lines.append("  events: " + ", ".join(e.value for e in self.events))
        lines.append("  findings:")
        lines += [f"    {finding_text(finding)}" for finding in self.findings]
        return "\n".join(lines)

    def _deciding_text(self) -> str:
        parts = []
        for fact in self.deciding:
            outcomes = "; ".join(f"{value} → {', '.join(t.value for t in best_first(tiers))}"
                                 for value, tiers in fact.outcomes)
            parts.append(f"{fact.field} ({outcomes})")
        return ", ".join(parts)


_ANSWERS = {True: "yes", False: "no", None: "unknown"}
_BECAUSE = " — "


def finding_text(finding: Finding) -> str:
    """One finding as a line of :meth:`Placement.explain`: whether its condition holds (``yes``, ``no`` or
    ``unknown``), then the condition (the rule's title), then the reason, then the citation in brackets. A
    reason that already begins with the condition is not preceded by it again; a finding without a title
    shows its reason alone.

    >>> finding_text(Finding("special_case", "TIP Report practice", False, "ranked on the tier lists",
    ...                      title="the report treats the country as a Special Case"))
    'no: the report treats the country as a Special Case — ranked on the tier lists [TIP Report practice]'
    >>> finding_text(Finding("minimum_standard_1", "", None, "standard 1: unknown", title="standard 1"))
    'unknown: standard 1: unknown'
    """
    condition, reason = finding.title, finding.reason
    said = reason if not condition or reason.startswith(condition) else (
        f"{condition}{_BECAUSE}{reason}" if reason else condition)
    cite = f" [{finding.citation}]" if finding.citation else ""
    return f"{_ANSWERS[finding.holds]}: {said}{cite}"


def pending_placement(country: str, report_year: int, tier: Tier, statute: str, pending: Pending, source: object,
                      events: tuple[Event, ...], possible: frozenset[Tier]) -> Placement:
    """A decided placement whose explanation is ``pending`` (built from ``source`` when first read), made without
    ``__init__``: its parts come from a compiled statute, already checked (the fields are those ``__init__``
    sets)."""
    made = _new(Placement)
    _COUNTRY(made, country)
    _YEAR(made, report_year)
    _TIER(made, tier)
    _STATUTE(made, statute)
    _FINDINGS(made, pending)
    _DECIDED_BY(made, source)
    _EVENTS(made, events)
    _POSSIBLE(made, possible)
    _DECIDING(made, ())
    _IRRELEVANT(made, ())
    return made


# The slots' setters, for pending_placement and Placement._explained (bypassing the frozen class's __setattr__, as
# __init__ does).
(_COUNTRY, _YEAR, _TIER, _STATUTE, _FINDINGS, _DECIDED_BY, _EVENTS, _POSSIBLE, _DECIDING, _IRRELEVANT) = (
    Placement.__dict__[name].__set__ for name in ("country", "report_year", "tier", "statute", "_findings",
                                                  "_decided_by", "events", "possible_tiers", "deciding",
                                                  "irrelevant"))
