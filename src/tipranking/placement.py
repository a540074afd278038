"""The result of placing an assessment: :class:`Placement` and, for an open tier, :class:`DecidingFact`.

A placement is a value: the tier (or the tiers still possible), the findings in the order the rules were
considered, the finding that decided, and what the history rules did. :meth:`Placement.explain` gives it as
text; :mod:`tipranking.formats.render` gives the JSON form.
"""

from __future__ import annotations

import attrs

from tipranking.errors import MissingFindingError
from tipranking.rules.base import Event, Finding
from tipranking.tiers import Tier, describe

__all__ = ["DecidingFact", "Placement"]


def _best_first_special_first(tier: Tier) -> int:
    return tier.severity or 0


@attrs.frozen(slots=True)
class DecidingFact:
    """An unknown finding (or history year) that matters: which value leads to which tiers.

    ``field`` is a dotted assessment path (``"minimum_standards.deterrent_penalties"``) or
    ``"history.<year>"``; ``outcomes`` pairs each value (``"true"``/``"false"``, or a tier code or
    ``"absent"`` for a year) with the tiers it can lead to; ``citations`` are the provisions that read it.
    """

    field: str
    outcomes: tuple[tuple[str, frozenset[Tier]], ...]
    citations: tuple[str, ...]


@attrs.frozen(slots=True)
class Placement:
    """The tier the statute demands, the findings that produced it, and the version used.

    ``findings`` are in the order the rules were considered (including those considered and
    rejected); ``decided_by`` is the finding of the rule that fixed the tier; ``events`` says
    what the history rules did (empty when they did nothing).

    When unknown findings leave the tier open, ``tier`` is ``None``, ``possible_tiers`` holds every
    tier some completion of the unknowns reaches, ``deciding`` says which unknown leads where, and
    ``irrelevant`` lists unknowns that cannot change the outcome.
    """

    country: str
    report_year: int
    tier: Tier | None
    statute: str
    findings: tuple[Finding, ...]
    decided_by: Finding | None
    events: tuple[Event, ...] = ()
    possible_tiers: frozenset[Tier] = attrs.field(default=attrs.Factory(
        lambda self: frozenset() if self.tier is None else frozenset({self.tier}), takes_self=True))
    deciding: tuple[DecidingFact, ...] = ()
    irrelevant: tuple[str, ...] = ()

    @property
    def decided(self) -> bool:
        return self.tier is not None

    @property
    def citation(self) -> str:
        """The citation of the provision that decided the tier (empty if undecided)."""
        return self.decided_by.citation if self.decided_by is not None else ""

    def decided_tier(self) -> Tier:
        """The tier, or a :class:`~tipranking.errors.MissingFindingError` naming the unknowns that decide it."""
        if self.tier is None:
            fields = [d.field for d in self.deciding]
            raise MissingFindingError(fields[0] if len(fields) == 1 else "findings", fields,
                                      "the tier depends on these unknown findings: "
                                      + ", ".join(sorted(t.value for t in self.possible_tiers)))
        return self.tier

    def explain(self) -> str:
        """The placement as indented text: the tier (or the possible tiers and the unknowns that decide
        them), the deciding provision, then every finding in order, each with its citation."""
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
        for finding in self.findings:
            mark = "?" if finding.holds is None else ("+" if finding.holds else "-")
            cite = f" [{finding.citation}]" if finding.citation else ""
            lines.append(f"    {mark} {finding.reason}{cite}")
        return "\n".join(lines)

    def _deciding_text(self) -> str:
        parts = []
        for fact in self.deciding:
            outcomes = "; ".join(f"{value} → {', '.join(t.value for t in sorted(tiers, key=_best_first_special_first))}"
                                 for value, tiers in fact.outcomes)
            parts.append(f"{fact.field} ({outcomes})")
        return ", ".join(parts)
