"""Text renderings of results, for people. The JSON, JSON Lines, CSV and DataFrame renderings are made from each
result's record (:mod:`tipranking.formats.records`), which says the same things as data."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from tipranking.analysis.audit import AuditReport
from tipranking.analysis.diff import DiffClass, Side, StatuteDiff
from tipranking.analysis.forecast import BacktestReport, Forecast
from tipranking.analysis.outlook import Outlook, Standing
from tipranking.analysis.readings import ReadingEvidence
from tipranking.consequences import Consequences, CspaListing, Listing, Status
from tipranking.placing import Placement
from tipranking.provisions import POST_WAIVER_LIMIT
from tipranking.rules.downgrade import Reading
from tipranking.tiers import Tier, describe

__all__ = [
    "audit_text",
    "backtest_text",
    "consequences_text",
    "diff_text",
    "forecast_table",
    "outlook_table",
    "outlook_text",
    "placement_text",
    "readings_text",
]


def placement_text(placement: Placement) -> str:
    """``Country (report year): Tier`` followed by the indented, cited explanation (:meth:`Placement.explain`)."""
    return placement.explain()


def audit_text(report: AuditReport) -> str:
    lines = [f"audited {report.rows} placements of {report.countries} countries: {len(report.events)} event(s)"]
    for e in sorted(report.events, key=lambda e: (e.report_year, e.country)):
        reading = f" under {e.reading}" if e.reading else ""
        lines.append(f"{e.report_year} {e.country}: {e.event.value}{reading} ({e.tier.label}) [{e.citation}]")
        lines.append(f"    {e.reason}")
    return "\n".join(lines)


def outlook_text(o: Outlook) -> str:
    latest = "no earlier placement" if o.latest is None else f"{o.latest.label} in {o.latest.report_year}"
    lines = [f"{o.country} ({o.report_year} report; latest: {latest}): allowed "
             + ", ".join(t.label for t in o.allowed)]
    for c in o.conditions:
        lines.append(f"  {c.tier.label} only if: {c.reason} [{c.citation}]")
    for x in o.excluded:
        lines.append(f"  not {x.tier.label}: {x.reason} [{x.citation}]")
    for u in o.undetermined:
        lines.append(f"  {u.tier.label} undetermined: {u.reason} [{u.citation}]")
    for r in o.readings:
        lines.append(f"  {r.tier.label} read as {r.reading}: {_ACCESS[r.access.value]}: {r.reason} [{r.citation}]")
    return "\n".join(lines)


_ACCESS = {"free": "open", "waiver": "only with a waiver", "unavailable": "not available", "unknown": "undetermined",
           "none": "no Watch List"}


def readings_text(readings: Iterable[Reading], evidence: Iterable[ReadingEvidence] = ()) -> str:
    """The readings of § 7107(b)(2)(F), one paragraph each (with what the record says of each, from
    ``evidence``), and how to apply one (``--statute``)."""
    found = {e.reading.name: e for e in evidence}
    lines = []
    for r in readings:
        follows = "the text" if r.default_follows.value == "text" else "State's practice, against a more literal text"
        lines += [f"{r.name}  [{r.citation}]", f"  {r.question}", f"  default: {r.default} (follows {follows})",
                  f"  this reading: {r.alternative}"]
        if r.contrary_to_text is not None:
            lines.append(f"  contrary to the text: {r.contrary_to_text}; not noted per government unless applied "
                         f"(--statute VERSION+{r.name})")
        lines.append(f"  argument: {r.argument}")
        if r.name in found:
            lines.append(f"  record: {found[r.name].summary}")
        lines.append("")
    lines.append("Apply one with --statute VERSION+READING, e.g. --statute tvpra-2019+f-every-return (several: "
                 "tvpra-2019+f-any-run+f-every-return).")
    return "\n".join(lines)


_NOTED = (Status.ALTERNATIVE, Status.PARTLY_EXCEPTED)


def _cspa_listing_lines(listing: CspaListing) -> list[str]:
    criterion = ("" if listing.criterion is None else
                 f" (forces that {listing.criterion.words} child soldiers [{listing.criterion.citation}])")
    lines = [f"  CSPA listing{criterion}: {listing.summary}"]
    if listing.bundled is not None:
        lines.append(f"    source: {listing.bundled.description}")
    return lines


def consequences_text(c: Consequences) -> str:
    lines = [f"{c.country} ({c.report_year} report, {c.tier.label}): consequences in {c.fiscal_year}"]
    groups = (("Tier 3 restrictions", c.tier3), ("CSPA restrictions", c.cspa))
    for title, restrictions in groups:
        if title.startswith("CSPA"):
            lines.extend(_cspa_listing_lines(c.cspa_listing))
        if not restrictions:
            why = f": {c.cspa_listing.status.label}" if title.startswith("CSPA") else ""
            lines.append(f"  {title}: none{why}")
            continue
        if title.startswith("CSPA") and c.cspa_listing.status is Listing.NOT_STATED:
            title = f"{title} if listed (barred for FY {c.fiscal_year.year} unless waived)"
        lines.append(f"  {title}:")
        for r in restrictions:
            ground = f" ({r.ground})" if r.ground else ""
            lines.append(f"    {r.status.label}{ground}: {r.description} [{r.citation}]")
            if r.status in _NOTED and r.note:
                lines.append(f"      {r.note}")
    lines.append(f"  trade authorities: {c.trade.status.label}: {c.trade.reason} [{c.trade.citation}]")
    for reason, cite in c.special_watch_list:
        lines.append(f"  special watch list: {reason} [{cite}]; interim assessment due February 1, "
                     f"{c.report_year + 1}")
    for o in c.obligations:
        due = o.due.isoformat() if o.due else o.due_rule
        lines.append(f"  obligation: {o.description} (due {due}) [{o.citation}]")
    return "\n".join(lines)


def _why(o: Outlook) -> str:
    parts = [f"{c.tier.value} only if: {c.reason} [{c.citation}]" for c in o.conditions]
    parts += [f"no {x.tier.value}: {x.reason} [{x.citation}]" for x in o.excluded]
    parts += [f"{u.tier.value} undetermined: {u.reason}" for u in o.undetermined]
    parts += [f"{n.tier.value}: {n.reason} [{n.citation}]" for n in o.notes]
    parts += [f"{r.tier.value} read as {r.reading}: {_ACCESS[r.access.value]} [{r.citation}]" for r in o.readings]
    return "; ".join(parts) or "any tier"


def outlook_table(outlooks: list[Outlook]) -> str:
    """A terminal table: country, latest placement, what the statute allows, and why."""
    if not outlooks:
        return "no countries"
    year = outlooks[0].report_year
    header = ("country", "latest", f"allowed in {year}", "why")
    rows = []
    for o in outlooks:
        latest = "-" if o.latest is None else f"{o.latest.codes.replace('|', ' or ')} ({o.latest.report_year})"
        allowed = " ".join(t.value for t in o.allowed) + (" ?" + " ".join(u.tier.value for u in o.undetermined)
                                                           if o.undetermined else "")
        rows.append((o.country, latest, allowed, _why(o)))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header[:3], widths, strict=True)) + "  " + header[3]]
    lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 3)
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r[:3], widths, strict=True)) + "  " + r[3])
    lines.append("")
    lines.append(f"{len(outlooks)} countries; tiers: 1, 2, 2WL (Tier 2 Watch List), 3; '?' marks a tier that depends "
                 "on years the data does not hold. Special Case is always possible. 'read as' names a reading of "
                 "§ 7107(b)(2)(F) under which the Watch List's answer differs (tipranking outlook --readings).")
    return "\n".join(lines)


def _example_text(c: DiffClass) -> str:
    history = c.example[1]
    marks = ", ".join(f"{p.report_year} {p.tier.value}" for p in history.placements
                      if p.tier in (Tier.TIER_2_WATCH_LIST, Tier.TIER_3))
    return marks or "no Watch List or Tier 3 year before"


def _lawful_text(allowed: Iterable[Tier], undetermined: Iterable[Tier]) -> str:
    shown = describe(allowed) if allowed else "nothing"
    left = list(undetermined)
    return shown + (f" ({describe(left)} undetermined)" if left else "")


def diff_text(d: StatuteDiff) -> str:
    """The diff as text: each class with both sides and its conditions, then the record's moves."""
    lines = [f"{d.a} -> {d.b}: inputs of the {d.report_year} report placed differently: {len(d.classes)} "
             f"class{'' if len(d.classes) == 1 else 'es'} (every such input is in exactly one)"]
    kinds: dict[tuple[str, str], int] = {}
    for c in d.classes:
        pair = (_side_brief(c.a), _side_brief(c.b))
        kinds[pair] = kinds.get(pair, 0) + 1
    if kinds:
        lines += ["", f"By what each version does ({d.a} -> {d.b}: classes):"]
        lines += [f"  {a} -> {b}: {n}" for (a, b), n in kinds.items()]
    if d.not_compared:
        lines += ["", f"Not compared: {len(d.not_compared)} change{'' if len(d.not_compared) == 1 else 's'} between "
                  "the versions that no rule of either decides a placement on (duties, consequences, or what a "
                  "fact means):"]
        lines += [f"  {n.citation}: {n.change} (from the {n.first_report_year} report; {n.enacted_by}; "
                  f"confidence {n.confidence})" for n in d.not_compared]
    for n, c in enumerate(d.classes, start=1):
        lines += ["", f"{n}. {c.a}", f"   {c.b}",
                  "   when: " + ("; ".join(str(cond) for cond in c.conditions) or "always"),
                  f"   e.g. history: {_example_text(c)}"]
    if d.moves is not None:
        lines += ["", f"Replay of the {d.record}: {len(d.moves)} government-year"
                  f"{'' if len(d.moves) == 1 else 's'} whose lawful tiers differ"]
        for m in d.moves:
            record = "not known" if m.tier is None else m.tier.label
            lines += ["", f"{m.country} {m.report_year} (record: {record})",
                      f"   {d.a}: {_lawful_text(m.lawful_a, m.undetermined_a)}",
                      f"   {d.b}: {_lawful_text(m.lawful_b, m.undetermined_b)}"]
            for name, reasons in ((d.a, m.reasons_a), (d.b, m.reasons_b)):
                lines += [f"   {name}, {r.tier.label}: {r.reason} [{r.citation}]" for r in reasons]
            lines += [f"   depends on the package's reading of {POST_WAIVER_LIMIT.citation}: read as {r.reading}, "
                      f"{r.statute} would allow {_lawful_text(r.lawful, r.undetermined)} ({r.question})"
                      for r in m.readings]
    return "\n".join(lines)


def _side_brief(side: Side) -> str:
    if side.refusal is not None:
        return "refuses" + (f" [{'; '.join(side.citations)}]" if side.citations else "")
    if side.tier is not None:
        return f"{side.tier.label} [{'; '.join(side.citations)}]"
    return "places" if side.varies and not side.possible_tiers else "open"



_STANDING_WORDS = {Standing.OPEN: "open", Standing.WAIVER_REQUIRED: "only with a waiver",
                   Standing.CLOSED: "closed", Standing.UNKNOWN: "undetermined"}


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int] = frozenset()) -> list[str]:
    """Aligned columns (those in ``right`` to the right), a rule under the header."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def _percent(probability: float, standing: Standing | None) -> str:
    if standing is Standing.CLOSED:
        return "closed"
    if 0 < probability < 0.0005:
        return "<0.1%"  # not 0.0%: only a closed tier has no chance at all
    return f"{100 * probability:.1f}%"


def forecast_table(forecasts: Iterable[Forecast]) -> str:
    """A terminal table: each government, its tier in the report before, the chance of each outcome (``closed``
    where the statute closes the tier: exactly 0) and the Watch List's standing."""
    items = list(forecasts)
    if not items:
        return "no countries"
    header = ("country", "previous", "Tier 1", "Tier 2", "2WL", "Tier 3", "Special", "Watch List")
    rows = []
    for f in items:
        watch_list = next(c.standing for c in f.chances if c.tier is Tier.TIER_2_WATCH_LIST)
        rows.append((f.country, f.previous, *(_percent(c.probability, c.standing) for c in f.chances),
                     "-" if watch_list is None else _STANDING_WORDS[watch_list]))
    lines = _table(header, rows, frozenset(range(2, 7)))
    first = items[0]
    countries = "1 country" if len(items) == 1 else f"{len(items)} countries"
    note = (f"{countries}; the {first.report_year} report under {first.statute}. previous: the tier in "
            f"the {first.report_year - 1} report (unknown: not known or known only in part; none: not placed). Each "
            "row's chances sum to 100%: how often governments in the same situation were placed on each tier in the "
            "record's earlier reports, the tiers the statute closes at 0. A chance, not a prediction: the report "
            "weighs facts the record does not hold (--format json lists each row's drivers; docs/forecast.md).")
    return "\n".join([*lines, "", textwrap.fill(note, 100)])


def _number(value: float, digits: int = 4) -> str:
    return "-" if value != value else f"{value:.{digits}f}"  # NaN: a group with no targets


def backtest_text(report: BacktestReport) -> str:
    """The backtest as text: the score of every model on every group, each baseline's difference to the model
    with its interval, the reliability table and the calibration error."""
    lines = [f"Backtest of the {report.first}-{report.last} reports: each report forecast from the reports before "
             "it only.", "", "Scores (log-loss: mean, in nats, lower is better; Brier: summed over the five "
             "outcomes; accuracy: of the most likely outcome):"]
    rows = [(s.group, s.model, str(s.targets), _number(s.log_loss), _number(s.brier),
             "-" if s.accuracy != s.accuracy else f"{100 * s.accuracy:.1f}%") for s in report.scores]
    lines += _table(("group", "model", "targets", "log-loss", "Brier", "accuracy"), rows, frozenset(range(2, 6)))
    lines += ["", "Differences (the baseline's log-loss minus the model's: positive, the model does better; 95% "
              "bootstrap interval over governments):"]
    gaps = [(d.group, d.baseline, _number(d.mean), f"[{_number(d.low)}, {_number(d.high)}]")
            for d in report.differences]
    lines += _table(("group", "baseline", "difference", "interval"), gaps, frozenset({2}))
    lines += ["", "Reliability (the model's targets by the probability of their most likely outcome):"]
    bins = [(f"{b.low:.1f}-{b.high:.1f}", str(b.count), _number(b.predicted, 3), _number(b.observed, 3))
            for b in report.reliability]
    lines += _table(("probability", "targets", "predicted", "observed"), bins, frozenset({1, 2, 3}))
    lines += ["", f"Expected calibration error: {report.ece:.4f}"]
    return "\n".join(lines)
