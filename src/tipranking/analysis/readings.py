"""What the real record says of each open reading of § 7107(b)(2)(F): computed from the audit, not written by hand.

For each reading, :func:`reading_evidence` audits a record (the bundled one by default) with every reading noted,
the readings contrary to the text included, and sorts the placements the reading would judge otherwise than the
package's default:

* ``unlawful``: real Watch List placements the reading would make unlawful -- State's practice contradicts it;
* ``unlawful_by_default``: real Watch List placements lawful only under the reading -- State's practice
  contradicts the default;
* ``forced_by_default``: moves off the Watch List the default forced and the reading would not have (State's
  placements fit both: the Watch List was closed under one, merely not chosen under the other);
* ``forced_by_reading``: moves off the Watch List the reading would have forced and the default did not (they
  fit both too);
* ``waiver``: real Watch List placements that needed a waiver under one reading and not under the other.

>>> from tipranking.data import placements
>>> anyrun = reading_evidence(placements(), names=["f-any-run"])[0]
>>> anyrun.reading.name, spans(anyrun.unlawful[:3])
('f-any-run', 'Algeria 2019; Belize 2020-2021')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence

import attrs

from tipranking.analysis.access import Access
from tipranking.analysis.audit import AuditEvent, AuditEventKind, audit
from tipranking.assessment import History
from tipranking.rules.downgrade import READINGS, Reading, reading_named
from tipranking.tiers import Tier

__all__ = ["Placed", "ReadingEvidence", "evidence_table", "reading_evidence", "spans"]

_WL = Tier.TIER_2_WATCH_LIST
_OPEN = (Access.FREE, Access.WAIVER)

Placed = tuple[str, int]
"""A government and a report year."""


@attrs.frozen(slots=True)
class ReadingEvidence:
    """The real placements on which one reading of § 7107(b)(2)(F) and the package's default part (see the module
    docs for each kind), each sorted by government, then year."""

    reading: Reading
    unlawful: tuple[Placed, ...]
    unlawful_by_default: tuple[Placed, ...]
    forced_by_default: tuple[Placed, ...]
    forced_by_reading: tuple[Placed, ...]
    waiver: tuple[Placed, ...]

    @property
    def governments_contradicting(self) -> tuple[str, ...]:
        """The governments with a real placement the reading would make unlawful, in order."""
        return tuple(dict.fromkeys(country for country, _ in self.unlawful))

    @property
    def summary(self) -> str:
        """One line: what the record says of the reading against the default."""
        parts = []
        if self.unlawful:
            parts.append(f"contradicted by State's placements: {len(self.unlawful)} Watch List placement(s) of "
                         f"{len(self.governments_contradicting)} government(s) it would make unlawful: "
                         f"{spans(self.unlawful)}")
        if self.unlawful_by_default:
            parts.append(f"contradicting the default: {len(self.unlawful_by_default)} Watch List placement(s) "
                         f"lawful only under this reading: {spans(self.unlawful_by_default)}")
        if self.forced_by_default:
            parts.append(f"fitting both: {len(self.forced_by_default)} move(s) off the Watch List the default "
                         f"forced and this reading would have left open: {spans(self.forced_by_default)}")
        if self.forced_by_reading:
            parts.append(f"fitting both: {len(self.forced_by_reading)} move(s) off the Watch List this reading "
                         f"would have forced and the default left open: {spans(self.forced_by_reading)}")
        if self.waiver:
            parts.append(f"a waiver needed under one reading only: {spans(self.waiver)}")
        if not parts:
            return "no placement of the record is judged otherwise than under the default"
        return "; ".join(parts)


def spans(placed: Iterable[Placed]) -> str:
    """``"Algeria 2019; Belize 2020-2021; Bolivia 2023, 2025"``: governments apart by ``;``, consecutive years of
    one government as a span."""
    out = []
    for country, group in itertools.groupby(sorted(placed), key=lambda p: p[0]):
        years = [y for _, y in group]
        runs: list[list[int]] = []
        for year in years:
            if runs and year == runs[-1][-1] + 1:
                runs[-1].append(year)
            else:
                runs.append([year])
        out.append(f"{country} " + ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs))
    return "; ".join(out)


def reading_evidence(histories: Mapping[str, History] | Iterable[History] | None = None, *,
                     names: Sequence[str] | None = None) -> tuple[ReadingEvidence, ...]:
    """For each reading of § 7107(b)(2)(F) (all of :data:`~tipranking.rules.downgrade.READINGS`, or those
    ``names``), the real placements of ``histories`` (default: the bundled record) it judges otherwise than the
    package's default, each placement under the statute in force for its year."""
    if histories is None:
        from tipranking.data import placements

        histories = placements()
    wanted = READINGS if names is None else tuple(reading_named(n) for n in names)
    notes = audit(histories, contrary_readings=True).of_kind(AuditEventKind.READING_NOTE)
    return tuple(_evidence(reading, [n for n in notes if n.reading == reading.name]) for reading in wanted)


def _evidence(reading: Reading, notes: list[AuditEvent]) -> ReadingEvidence:
    kinds: dict[str, list[Placed]] = {k: [] for k in ("unlawful", "default", "forced", "reading", "waiver")}
    for note in notes:
        where = (note.country, note.report_year)
        if note.tier is _WL:
            if note.reading_access is Access.UNAVAILABLE:
                kinds["unlawful"].append(where)
            elif note.access is Access.UNAVAILABLE:
                kinds["default"].append(where)
            else:
                kinds["waiver"].append(where)
        elif note.access is Access.UNAVAILABLE:
            kinds["forced"].append(where)
        else:
            kinds["reading"].append(where)
    return ReadingEvidence(reading, *(tuple(sorted(set(v))) for v in kinds.values()))


def evidence_table(evidence: Iterable[ReadingEvidence]) -> str:
    """A Markdown table of :func:`reading_evidence`: per reading, what its default follows, and the real placements
    each side would make unlawful or would have forced (the table in ``docs/rules/downgrade.md``)."""
    rows = ["| reading | the default follows | real placements the reading makes unlawful | made unlawful by the "
            "default | moves the default forced (fit both) | moves the reading would have forced (fit both) |",
            "|---|---|---|---|---|---|"]
    for e in evidence:
        follows = "the text" if e.reading.default_follows.value == "text" else "State's practice"
        if e.reading.contrary_to_text is not None:
            follows += " (the reading is contrary to the text)"
        cells = [spans(x) if x else "none" for x in (e.unlawful, e.unlawful_by_default, e.forced_by_default,
                                                     e.forced_by_reading)]
        rows.append(f"| `{e.reading.name}` | {follows} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
