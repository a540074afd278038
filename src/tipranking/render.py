"""Text and JSON-ready renderings of results. Both come from the same findings."""

from __future__ import annotations

from typing import Any

from tipranking.audit import AuditReport, Outlook
from tipranking.engine import Placement

__all__ = ["PLACEMENT_FORMAT", "audit_dict", "audit_text", "outlook_dict", "outlook_text", "placement_dict",
           "placement_text"]

PLACEMENT_FORMAT = "tipranking.placement/1"


def placement_text(placement: Placement) -> str:
    """``Country (report year): Tier`` followed by the indented, cited explanation."""
    lines = [f"{placement.country} ({placement.report_year} report): {placement.tier.label}",
             f"  decided by {placement.decided_by.citation}: {placement.decided_by.reason}",
             f"  statute: {placement.statute}"]
    if placement.events:
        lines.append("  events: " + ", ".join(e.value for e in placement.events))
    lines.append("  findings:")
    for finding in placement.findings:
        mark = "+" if finding.holds else "-"
        cite = f" [{finding.citation}]" if finding.citation else ""
        lines.append(f"    {mark} {finding.reason}{cite}")
    return "\n".join(lines)


def placement_dict(placement: Placement) -> dict[str, Any]:
    """The JSON object for one placement (format ``tipranking.placement/1``)."""
    return {
        "format": PLACEMENT_FORMAT,
        "country": placement.country,
        "report_year": placement.report_year,
        "tier": placement.tier.value,
        "statute": placement.statute,
        "decided_by": {"rule": placement.decided_by.rule, "citation": placement.decided_by.citation},
        "findings": [{"rule": f.rule, "citation": f.citation, "holds": f.holds, "reason": f.reason}
                     for f in placement.findings],
        "events": [e.value for e in placement.events],
    }


def audit_dict(report: AuditReport) -> dict[str, Any]:
    """``{"rows", "countries", "events": [{"country", "report_year", "event", "tier", "citation", "reason"}]}``."""
    return {
        "format": "tipranking.audit/1",
        "rows": report.rows,
        "countries": report.countries,
        "events": [{"country": e.country, "report_year": e.report_year, "event": e.event.value,
                    "tier": e.tier.value, "citation": e.citation, "reason": e.reason} for e in report.events],
    }


def audit_text(report: AuditReport) -> str:
    lines = [f"audited {report.rows} placements of {report.countries} countries: {len(report.events)} event(s)"]
    for e in sorted(report.events, key=lambda e: (e.report_year, e.country)):
        lines.append(f"{e.report_year} {e.country}: {e.event.value} ({e.tier.label}) [{e.citation}]")
        lines.append(f"    {e.reason}")
    return "\n".join(lines)


def outlook_dict(o: Outlook) -> dict[str, Any]:
    """``{"country", "report_year", "allowed": [...], "excluded": [{"tier", "reason", "citation"}], ...}``."""
    return {
        "country": o.country,
        "report_year": o.report_year,
        "statute": o.statute,
        "latest": None if o.latest is None else {"report_year": o.latest[0], "tier": o.latest[1].value},
        "allowed": [t.value for t in o.allowed],
        "conditions": [{"tier": c.tier.value, "reason": c.reason, "citation": c.citation} for c in o.conditions],
        "excluded": [{"tier": x.tier.value, "reason": x.reason, "citation": x.citation} for x in o.excluded],
    }


def outlook_text(o: Outlook) -> str:
    latest = "no earlier placement" if o.latest is None else f"{o.latest[1].label} in {o.latest[0]}"
    lines = [f"{o.country} ({o.report_year} report; latest: {latest}): allowed "
             + ", ".join(t.label for t in o.allowed)]
    for c in o.conditions:
        lines.append(f"  {c.tier.label} only if: {c.reason} [{c.citation}]")
    for x in o.excluded:
        lines.append(f"  not {x.tier.label}: {x.reason} [{x.citation}]")
    return "\n".join(lines)
