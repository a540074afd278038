"""Text and JSON-ready renderings of results. Both come from the same findings."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from tipranking.analysis.audit import AuditReport
from tipranking.analysis.diff import DiffClass, Side, StatuteDiff
from tipranking.analysis.outlook import Outlook
from tipranking.analysis.readings import ReadingEvidence
from tipranking.assessment import History
from tipranking.consequences import Consequences, CspaListing, Listing, Restriction, Status
from tipranking.placement import Placement
from tipranking.provisions import POST_WAIVER_LIMIT
from tipranking.rules.downgrade import Reading
from tipranking.tiers import Tier, describe

__all__ = [
    "DIFF_COLUMNS",
    "DIFF_FORMAT",
    "PLACEMENT_FORMAT",
    "audit_dict",
    "audit_text",
    "consequences_dict",
    "consequences_text",
    "diff_csv",
    "diff_dict",
    "diff_text",
    "outlook_csv",
    "outlook_dict",
    "outlook_table",
    "outlook_text",
    "placement_dict",
    "placement_text",
    "readings_dict",
    "readings_text",
]

PLACEMENT_FORMAT = "tipranking.placement/1"
"""The ``format`` value of every placement object that :func:`placement_dict` returns."""





def placement_text(placement: Placement) -> str:
    """``Country (report year): Tier`` followed by the indented, cited explanation (:meth:`Placement.explain`)."""
    return placement.explain()


def placement_dict(placement: Placement) -> dict[str, Any]:
    """The JSON object for one placement (format ``tipranking.placement/1``)."""
    return {
        "format": PLACEMENT_FORMAT,
        "country": placement.country,
        "report_year": placement.report_year,
        "tier": None if placement.tier is None else placement.tier.value,
        "statute": placement.statute,
        "decided_by": (None if placement.decided_by is None else
                       {"rule": placement.decided_by.rule, "citation": placement.decided_by.citation}),
        "possible_tiers": _tiers(placement.possible_tiers),
        "deciding": [{"field": d.field, "citations": list(d.citations),
                      "outcomes": {value: _tiers(tiers) for value, tiers in d.outcomes}}
                     for d in placement.deciding],
        "irrelevant": list(placement.irrelevant),
        "findings": [{"rule": f.rule, "citation": f.citation, "holds": f.holds, "reason": f.reason}
                     for f in placement.findings],
        "events": [e.value for e in placement.events],
    }


def audit_dict(report: AuditReport) -> dict[str, Any]:
    """``{"rows", "countries", "events": [{"country", "report_year", "event", "tier", "citation", "reason",
    "reading", "access", "reading_access"}]}`` (``access``: the Watch List's availability that year; for a
    reading note, ``reading_access`` is the availability under ``reading``)."""
    return {
        "format": "tipranking.audit/1",
        "rows": report.rows,
        "countries": report.countries,
        "events": [{"country": e.country, "report_year": e.report_year, "event": e.event.value,
                    "tier": e.tier.value, "citation": e.citation, "reason": e.reason, "reading": e.reading,
                    "access": None if e.access is None else e.access.value,
                    "reading_access": None if e.reading_access is None else e.reading_access.value}
                   for e in report.events],
    }


def audit_text(report: AuditReport) -> str:
    lines = [f"audited {report.rows} placements of {report.countries} countries: {len(report.events)} event(s)"]
    for e in sorted(report.events, key=lambda e: (e.report_year, e.country)):
        reading = f" under {e.reading}" if e.reading else ""
        lines.append(f"{e.report_year} {e.country}: {e.event.value}{reading} ({e.tier.label}) [{e.citation}]")
        lines.append(f"    {e.reason}")
    return "\n".join(lines)


def outlook_dict(o: Outlook) -> dict[str, Any]:
    """``{"country", "report_year", "allowed": [...], "excluded": [{"tier", "reason", "citation"}], ...}``."""
    return {
        "country": o.country,
        "report_year": o.report_year,
        "statute": o.statute,
        "latest": None if o.latest is None else {
            "report_year": o.latest.report_year, "tier": None if o.latest.tier is None else o.latest.tier.value,
            "possible_tiers": o.latest.codes.split("|"), "label": o.latest.label},
        "allowed": [t.value for t in o.allowed],
        "conditions": [{"tier": c.tier.value, "reason": c.reason, "citation": c.citation} for c in o.conditions],
        "excluded": [{"tier": x.tier.value, "reason": x.reason, "citation": x.citation} for x in o.excluded],
        "notes": [{"tier": n.tier.value, "reason": n.reason, "citation": n.citation} for n in o.notes],
        "undetermined": [{"tier": u.tier.value, "missing_years": list(u.missing_years), "reason": u.reason,
                          "citation": u.citation} for u in o.undetermined],
        "readings": [{"reading": r.reading, "question": r.question, "tier": r.tier.value, "access": r.access.value,
                      "reason": r.reason, "citation": r.citation} for r in o.readings],
    }


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


def readings_dict(readings: Iterable[Reading], evidence: Iterable[ReadingEvidence] = ()) -> list[dict[str, Any]]:
    """The readings of § 7107(b)(2)(F) as JSON objects: name, question, default, what the default follows,
    alternative, whether the alternative is contrary to the text (and why), the argument from the text, the
    citation, and what the record says (``record``: the placements the reading and the default judge otherwise,
    from ``evidence``, as ``[government, year]`` pairs; ``null`` without evidence)."""
    found = {e.reading.name: e for e in evidence}
    out = []
    for r in readings:
        e = found.get(r.name)
        record = None if e is None else {
            "summary": e.summary,
            **{kind: [list(p) for p in getattr(e, kind)] for kind in _EVIDENCE_KINDS}}
        out.append({"reading": r.name, "question": r.question, "default": r.default,
                    "default_follows": r.default_follows.value, "alternative": r.alternative,
                    "contrary_to_text": r.contrary_to_text, "noted": r.noted, "argument": r.argument,
                    "citation": r.citation, "record": record})
    return out


_EVIDENCE_KINDS = ("unlawful", "unlawful_by_default", "forced_by_default", "forced_by_reading", "waiver")


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


def _restriction(r: Restriction) -> dict[str, Any]:
    return {"category": r.category, "description": r.description, "status": r.status.value, "ground": r.ground,
            "fiscal_year": {"year": r.fiscal_year.year, "start": r.fiscal_year.start.isoformat(),
                            "end": r.fiscal_year.end.isoformat()},
            "citation": r.citation, "note": r.note}


def _cspa_listing(listing: CspaListing) -> dict[str, Any]:
    bundled = listing.bundled
    return {"status": listing.status.value, "source": None if listing.source is None else listing.source.value,
            "criterion": None if listing.criterion is None else listing.criterion.words,
            "criterion_citation": None if listing.criterion is None else listing.criterion.citation,
            "list": None if bundled is None else {
                "report_year": bundled.report_year, "governments": len(bundled.governments),
                "file": bundled.file, "source": bundled.source, "description": bundled.description},
            "note": listing.note}


def consequences_dict(c: Consequences) -> dict[str, Any]:
    """The JSON ``"consequences"`` object."""
    return {
        "fiscal_year": {"year": c.fiscal_year.year, "start": c.fiscal_year.start.isoformat(),
                        "end": c.fiscal_year.end.isoformat()},
        "tier3_restrictions": [_restriction(r) for r in c.tier3],
        "cspa_restrictions": [_restriction(r) for r in c.cspa],
        "cspa_listing": _cspa_listing(c.cspa_listing),
        "trade": {"status": c.trade.status.value, "in_force": c.trade.in_force, "reason": c.trade.reason,
                  "citation": c.trade.citation},
        "special_watch_list": [{"reason": r, "citation": cite} for r, cite in c.special_watch_list],
        "obligations": [{"description": o.description, "citation": o.citation,
                         "due": None if o.due is None else o.due.isoformat(), "due_rule": o.due_rule}
                        for o in c.obligations],
    }


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


def outlook_csv(outlooks: list[Outlook]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["country", "report_year", "statute", "latest_year", "latest_tier", "allowed", "undetermined",
                     "readings", "why"])
    for o in outlooks:
        writer.writerow([o.country, o.report_year, o.statute, "" if o.latest is None else o.latest.report_year,
                         "" if o.latest is None else o.latest.codes, " ".join(t.value for t in o.allowed),
                         " ".join(u.tier.value for u in o.undetermined),
                         " ".join(f"{r.reading}:{r.access.value}" for r in o.readings), _why(o)])
    return out.getvalue().rstrip("\n")


# --------------------------------------------------------------------------- diff

DIFF_FORMAT = "tipranking.diff/1"
"""The ``format`` value of the object :func:`diff_dict` returns."""


def _tiers(tiers: Iterable[Tier]) -> list[str]:
    return [t.value for t in sorted(tiers, key=lambda t: t.severity or 0)]


def _side_dict(side: Side) -> dict[str, Any]:
    return {"statute": side.statute, "tier": None if side.tier is None else side.tier.value,
            "possible_tiers": _tiers(side.possible_tiers), "citations": list(side.citations),
            "refusal": side.refusal, "varies": side.varies}


def _history_marks(history: History) -> dict[str, str]:
    return {str(p.report_year): p.tier.value for p in history.placements}


def diff_dict(d: StatuteDiff) -> dict[str, Any]:
    """The JSON object for a :class:`~tipranking.analysis.diff.StatuteDiff` (format ``tipranking.diff/1``)."""
    from tipranking.formats.assessments import assessment_to_json

    return {
        "format": DIFF_FORMAT, "a": d.a, "b": d.b, "report_year": d.report_year,
        "variables": [{"key": v.key, "label": v.label, "kind": v.kind, "statutes": list(v.statutes),
                       "citations": list(v.citations), "domain": list(v.domain)} for v in d.variables],
        "classes": [{"index": n, "a": _side_dict(c.a), "b": _side_dict(c.b),
                     "conditions": [{"variable": cond.variable.key, "label": cond.variable.label,
                                     "values": list(cond.values), "text": str(cond)} for cond in c.conditions],
                     "example": {"assessment": assessment_to_json(c.example[0]),
                                 "history": _history_marks(c.example[1])}}
                    for n, c in enumerate(d.classes, start=1)],
        "record": d.record,
        "moves": None if d.moves is None else [
            {"country": m.country, "report_year": m.report_year, "tier": None if m.tier is None else m.tier.value,
             "lawful_a": _tiers(m.lawful_a), "lawful_b": _tiers(m.lawful_b),
             "undetermined_a": _tiers(m.undetermined_a), "undetermined_b": _tiers(m.undetermined_b),
             "reasons_a": [{"tier": r.tier.value, "reason": r.reason, "citation": r.citation} for r in m.reasons_a],
             "reasons_b": [{"tier": r.tier.value, "reason": r.reason, "citation": r.citation} for r in m.reasons_b],
             "readings": [{"statute": r.statute, "reading": r.reading, "question": r.question,
                           "lawful": _tiers(r.lawful), "undetermined": _tiers(r.undetermined)} for r in m.readings]}
            for m in d.moves],
        "not_compared": [{"citation": n.citation, "change": n.change, "first_report_year": n.first_report_year,
                          "last_report_year": n.last_report_year, "enacted_by": n.enacted_by,
                          "confidence": n.confidence} for n in d.not_compared],
    }


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
                  "finding means):"]
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


DIFF_COLUMNS = ("section", "index", "statute_a", "a", "citations_a", "statute_b", "b", "citations_b", "conditions",
                "country", "report_year", "tier", "lawful_a", "lawful_b", "reasons_a", "reasons_b", "readings")
"""The columns of :func:`diff_csv`: a ``class`` row per class, a ``move`` row per government-year (``readings``:
the readings of § 7107(b)(2)(F) the difference depends on, ``statute+reading: lawful tiers``), then a
``not_compared`` row per change the classes do not cover (its citation in ``citations_a``, what changed in
``conditions``, its first report in ``report_year``)."""


def diff_csv(d: StatuteDiff) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DIFF_COLUMNS)
    for n, c in enumerate(d.classes, start=1):
        writer.writerow(["class", n, d.a, _side_short(c.a), " ".join(c.a.citations), d.b, _side_short(c.b),
                         " ".join(c.b.citations), "; ".join(str(cond) for cond in c.conditions),
                         "", "", "", "", "", "", "", ""])
    for m in d.moves or ():
        writer.writerow(["move", "", d.a, "", "", d.b, "", "", "", m.country, m.report_year,
                         "" if m.tier is None else m.tier.value,
                         " ".join(_tiers(m.lawful_a)) + "".join(f" ?{t}" for t in _tiers(m.undetermined_a)),
                         " ".join(_tiers(m.lawful_b)) + "".join(f" ?{t}" for t in _tiers(m.undetermined_b)),
                         "; ".join(f"{r.tier.value}: {r.reason}" for r in m.reasons_a),
                         "; ".join(f"{r.tier.value}: {r.reason}" for r in m.reasons_b),
                         "; ".join(f"{r.statute}+{r.reading}: {' '.join(_tiers(r.lawful))}" for r in m.readings)])
    for change in d.not_compared:
        writer.writerow(["not_compared", "", d.a, "", change.citation, d.b, "", "", change.change, "",
                         change.first_report_year, "", "", "", "", "", ""])
    return out.getvalue().rstrip("\n")


def _side_brief(side: Side) -> str:
    if side.refusal is not None:
        return "refuses" + (f" [{'; '.join(side.citations)}]" if side.citations else "")
    if side.tier is not None:
        return f"{side.tier.label} [{'; '.join(side.citations)}]"
    return "places" if side.varies and not side.possible_tiers else "open"


def _side_short(side: Side) -> str:
    if side.refusal is not None:
        return "refused"
    if side.tier is not None:
        return side.tier.value
    if side.varies and not side.possible_tiers:
        return "places"
    return ("varies:" if side.varies else "open:") + " ".join(_tiers(side.possible_tiers))
