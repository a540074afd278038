"""Data bundled with the package, with provenance. See ``docs/data.md``.

* ``tip_2023_lists.csv`` -- the 2023 TIP Report's tier lists, CSPA list and "policy or pattern"
  governments, as printed in the report's introduction (web text), one row per printed name with its
  line in that text, and the resolutions taken on its defects.
* ``countries.csv`` -- canonical government names, ISO codes and TIP-specific aliases.
* ``examples.json`` -- example assessments for ``tipranking place``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from tipranking.lists import ReportLists, parse_lists

__all__ = ["lists_2023", "read_text"]


def read_text(name: str) -> str:
    """The text of a bundled data file."""
    return resources.files("tipranking").joinpath("data", name).read_text(encoding="utf-8")


@cache
def lists_2023() -> ReportLists:
    """The 2023 report's lists (187 governments ranked or Special Case, 17 on the CSPA list, 11 with a
    documented policy or pattern)."""
    return parse_lists(read_text("tip_2023_lists.csv"), 2023, "tip_2023_lists.csv")
