"""Old home of the parser of a report's printed lists, kept for one release: use :mod:`tipranking.data.lists`."""

from tipranking.data.lists import (
    LIST_TIERS,
    ListsError,
    ReportLists,
    parse_lists,
)

__all__ = [
    "LIST_TIERS",
    "ListsError",
    "ReportLists",
    "parse_lists",
]
