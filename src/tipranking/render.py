"""Text and JSON-ready renderings of results. Both come from the same findings."""

from __future__ import annotations

from typing import Any

from tipranking.engine import Placement

__all__ = ["PLACEMENT_FORMAT", "placement_dict", "placement_text"]

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
