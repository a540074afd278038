"""Old home of the text, JSON and CSV renderings, kept for one release: use :mod:`tipranking.formats.render`."""

from tipranking.formats.render import (
    PLACEMENT_FORMAT,
    audit_dict,
    audit_text,
    consequences_dict,
    consequences_text,
    outlook_csv,
    outlook_dict,
    outlook_table,
    outlook_text,
    placement_dict,
    placement_text,
    readings_dict,
    readings_text,
)

__all__ = [
    "PLACEMENT_FORMAT",
    "audit_dict",
    "audit_text",
    "consequences_dict",
    "consequences_text",
    "outlook_csv",
    "outlook_dict",
    "outlook_table",
    "outlook_text",
    "placement_dict",
    "placement_text",
    "readings_dict",
    "readings_text",
]
