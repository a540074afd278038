"""Old home of the pandas DataFrames, kept for one release: use :mod:`tipranking.formats.frames`."""

from tipranking.formats.frames import (
    AUDIT_COLUMNS,
    HISTORY_COLUMNS,
    OUTLOOK_COLUMNS,
    PLACEMENT_COLUMNS,
    audit_frame,
    histories_from_frame,
    history_frame,
    outlook_frame,
    placements_frame,
    to_frame,
)

__all__ = [
    "AUDIT_COLUMNS",
    "HISTORY_COLUMNS",
    "OUTLOOK_COLUMNS",
    "PLACEMENT_COLUMNS",
    "audit_frame",
    "histories_from_frame",
    "history_frame",
    "outlook_frame",
    "placements_frame",
    "to_frame",
]
