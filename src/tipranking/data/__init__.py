"""Data bundled with the package, with provenance. See ``docs/data.md``.

* ``tip_2023_lists.csv`` -- the 2023 TIP Report's tier lists, CSPA list and "policy or pattern"
  governments, as printed in the report's introduction (web text), one row per printed name with its
  line in that text, and the resolutions taken on its defects.
* ``countries.csv`` -- canonical government names, ISO codes and TIP-specific aliases.
* ``examples.json`` -- example assessments for ``tipranking place``.
* ``placements.csv`` -- real placements 2001-2025 by canonical name, joined from the 2001-2015
  compilation, the partial 2016-2025 record and the 2023 lists (``tools/build_placements.py``);
  ``source`` names the row's source(s) in ``sources.csv``; ``name_in_source`` keeps the spelling used.
* ``coverage.csv`` -- for each report year, the tiers whose lists the data holds completely.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

import attrs

from tipranking.assessment import History, YearPlacement
from tipranking.lists import ReportLists, parse_lists
from tipranking.tiers import Tier

__all__ = [
    "PlacementRow",
    "coverage",
    "latest_year",
    "lists_2023",
    "placement_rows",
    "placements",
    "read_text",
    "sources",
]


@attrs.frozen(slots=True)
class PlacementRow:
    """One bundled placement with its provenance."""

    report_year: int
    country: str
    tier: Tier
    sources: tuple[str, ...]
    name_in_source: str


def read_text(name: str) -> str:
    """The text of a bundled data file."""
    return resources.files("tipranking").joinpath("data", name).read_text(encoding="utf-8")


@cache
def lists_2023() -> ReportLists:
    """The 2023 report's lists (187 governments ranked or Special Case, 17 on the CSPA list, 11 with a
    documented policy or pattern)."""
    return parse_lists(read_text("tip_2023_lists.csv"), 2023, "tip_2023_lists.csv")


@cache
def sources() -> dict[str, str]:
    """Source id -> description (a citation or address)."""
    return {r["source"]: r["description"] for r in csv.DictReader(io.StringIO(read_text("sources.csv")))}


@cache
def placement_rows() -> tuple[PlacementRow, ...]:
    """Every bundled placement, with its sources."""
    return tuple(PlacementRow(int(r["report_year"]), r["country"], Tier.parse(r["tier"]), tuple(r["source"].split("|")),
                              r["name_in_source"])
                 for r in csv.DictReader(io.StringIO(read_text("placements.csv"))))


@cache
def coverage() -> dict[int, frozenset[Tier]]:
    """Report year -> the tiers whose lists the bundled data holds completely."""
    return {int(r["report_year"]): frozenset(Tier.parse(t) for t in r["complete_tiers"].split("|") if t)
            for r in csv.DictReader(io.StringIO(read_text("coverage.csv")))}


def latest_year() -> int:
    """The last report year the bundled data covers."""
    return max(coverage())


@cache
def placements() -> dict[str, History]:
    """One :class:`History` per government (canonical name), ready for ``audit`` and ``outlook``.

    A year in which the data holds the Watch List and Tier 3 lists completely and the country is not
    on them is known to be neither; a year whose Watch List or Tier 3 list is partial and in which the
    country has no row is an *unknown year* of its history, never filled in.
    """
    by_country: dict[str, list[YearPlacement]] = {}
    for row in placement_rows():
        by_country.setdefault(row.country, []).append(YearPlacement(row.report_year, row.tier))
    partial = [y for y, tiers in coverage().items() if not {Tier.TIER_2_WATCH_LIST, Tier.TIER_3} <= tiers
               and y >= 2004]
    out = {}
    for country in sorted(by_country):
        entries = by_country[country]
        placed = {e.report_year for e in entries}
        out[country] = History(country, entries, {y for y in partial if y not in placed})
    return out
