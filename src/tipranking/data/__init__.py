"""Data bundled with the package, with provenance. See ``docs/data.md``.

* ``tip_2023_lists.csv`` -- the 2023 TIP Report's tier lists, CSPA list and "policy or pattern"
  governments, as printed in the report's introduction (web text), one row per printed name with its
  line in that text, and the resolutions taken on its defects.
* ``countries.csv`` -- canonical government names, ISO codes and TIP-specific aliases.
* ``examples.json`` -- example assessments for ``tipranking place``.
* ``placements.csv`` -- real placements 2001-2025 by canonical name, joined from the 2001-2015
  compilation, the 2001-2015 Special Cases, the 2016-2025 record and the 2023 lists
  (``tools/build_placements.py``); ``tier`` is one
  tier, or several joined by ``|`` where the record narrows a placement without fixing it; ``source``
  names the row's source(s) in ``sources.csv``; ``name_in_source`` keeps the spelling(s) used.
* ``sources.csv`` -- each source: id, the strength of its evidence (``direct``, ``implied``, ``deduced``,
  ``dataset``, ``weak``) and its description.
* ``cspa_lists.csv`` -- the Child Soldiers Prevention Act lists of the 2019 and 2022 reports, one row per
  government with its source (read by :mod:`tipranking.data.cspa_lists`; the 2023 list is in
  ``tip_2023_lists.csv``).
* ``coverage.csv`` -- for each report year, the tiers whose lists the data holds completely and, where
  known, how many governments the report covered; and the lists verified complete against a published count
  (``verified_complete``), with the id of the source of that count (``verified_source``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

import attrs

from tipranking.assessment import History, PartialPlacement, YearPlacement, check_report_year
from tipranking.data.lists import ReportLists, parse_lists
from tipranking.errors import FieldError, HistoryError
from tipranking.provisions import LISTS_REPORT_YEAR, WATCH_LIST
from tipranking.tiers import Tier

__all__ = [
    "EVIDENCE",
    "Coverage",
    "PlacementRow",
    "add_report_year",
    "coverage",
    "evidence",
    "latest_year",
    "lists_2023",
    "placement_rows",
    "placements",
    "read_text",
    "sources",
    "year_coverage",
]

EVIDENCE = ("direct", "implied", "deduced", "dataset", "weak")
"""The strengths of evidence a source may have, strongest first: ``direct`` (the source states the
placement), ``implied`` (a neighbouring year's report implies it: "remained on Tier 2", "a Special Case for
the fourth consecutive year"), ``deduced`` (worked out from published counts or from the lists known in
full), ``dataset`` (only a research dataset's coding of the year, no report page found), ``weak`` (one
third-party copy or summary)."""


@attrs.frozen(slots=True)
class PlacementRow:
    """One bundled placement with its provenance. ``tiers`` holds one tier, or several where the record
    narrows the placement without fixing it (then ``tier`` is ``None``)."""

    report_year: int
    country: str
    tiers: frozenset[Tier]
    sources: tuple[str, ...]
    name_in_source: str

    @property
    def tier(self) -> Tier | None:
        """The tier, or ``None`` where the record gives several possible tiers."""
        return next(iter(self.tiers)) if len(self.tiers) == 1 else None

    @property
    def evidence(self) -> str:
        """The strongest evidence among the row's sources (see :data:`EVIDENCE`)."""
        known = evidence()
        return min((known[s] for s in self.sources), key=EVIDENCE.index)


@attrs.frozen(slots=True)
class Coverage:
    """What the record holds for one report year: the tiers whose lists it holds in full, and how many
    governments the report covered (``None`` where the record does not know, so that a year missing inside
    a government's run is an unknown year).

    Before 2016 ``complete_tiers`` is the claim of the compilation the rows come from, which the record does not
    rely on (it misses a few ranked governments). ``verified_complete`` are the tiers whose lists are verified
    complete against a count published by ``verified_source`` (a source id of ``sources.csv``): a government with
    no row that year was on none of them (see :func:`placements`).
    """

    report_year: int
    complete_tiers: frozenset[Tier]
    covered: int | None
    note: str
    verified_complete: frozenset[Tier] = frozenset()
    verified_source: str | None = None


def read_text(name: str) -> str:
    """The text of a bundled data file."""
    return resources.files("tipranking").joinpath("data", name).read_text(encoding="utf-8")


@cache
def lists_2023() -> ReportLists:
    """The 2023 report's lists (187 governments ranked or Special Case, 17 on the CSPA list, 11 with a
    documented policy or pattern)."""
    return parse_lists(read_text("tip_2023_lists.csv"), LISTS_REPORT_YEAR, "tip_2023_lists.csv")


@cache
def _sources() -> tuple[dict[str, str], dict[str, str]]:
    descriptions, strengths = {}, {}
    for r in csv.DictReader(io.StringIO(read_text("sources.csv"))):
        descriptions[r["source"]] = r["description"]
        strengths[r["source"]] = r["evidence"]
    return descriptions, strengths


def sources() -> dict[str, str]:
    """Source id -> description (a citation or address)."""
    return _sources()[0]


def evidence() -> dict[str, str]:
    """Source id -> the strength of its evidence (see :data:`EVIDENCE`)."""
    return _sources()[1]


def _tiers(text: str) -> frozenset[Tier]:
    return frozenset(Tier.parse(t) for t in text.split("|"))


@cache
def placement_rows() -> tuple[PlacementRow, ...]:
    """Every bundled placement, with its sources."""
    return tuple(PlacementRow(int(r["report_year"]), r["country"], _tiers(r["tier"]), tuple(r["source"].split("|")),
                              r["name_in_source"])
                 for r in csv.DictReader(io.StringIO(read_text("placements.csv"))))


@cache
def year_coverage() -> dict[int, Coverage]:
    """Report year -> what the record holds for it."""
    out = {}
    for line, r in enumerate(csv.DictReader(io.StringIO(read_text("coverage.csv"))), start=2):
        where = f"coverage.csv: line {line}"
        verified = frozenset(Tier.parse(t, "verified_complete", where) for t in r["verified_complete"].split("|") if t)
        source = r["verified_source"] or None
        if bool(verified) != (source is not None):
            raise FieldError("verified_source", r["verified_source"],
                             "give it exactly when verified_complete names a list (the source of that list's count)",
                             where)
        if source is not None and source not in sources():
            raise FieldError("verified_source", source, "not a source id of sources.csv", where)
        year = int(r["report_year"])
        out[year] = Coverage(year, frozenset(Tier.parse(t, "complete_tiers", where)
                                             for t in r["complete_tiers"].split("|") if t),
                             int(r["covered"]) if r["covered"] else None, r["note"], verified, source)
    return out


def coverage() -> dict[int, frozenset[Tier]]:
    """Report year -> the tiers whose lists the bundled data holds completely."""
    return {year: c.complete_tiers for year, c in year_coverage().items()}


def latest_year() -> int:
    """The last report year the bundled data covers."""
    return max(year_coverage())


@cache
def placements() -> dict[str, History]:
    """One :class:`History` per government (canonical name), ready for ``audit`` and ``outlook``.

    A row with one tier is a placement; a row with several is a :class:`~tipranking.assessment.PartialPlacement`
    (e.g. 2024's "Tier 2 or Special Case"). A year with no row is read from the year's coverage: where the
    record knows every government the report covered, the government was not covered (no entry); where it
    does not, a year inside the government's first-to-last year is an *unknown year*, never filled in. So is,
    from 2004, any year whose Watch List or Tier 3 list the record holds only in part.

    Such a year is only partly unknown where some of its lists are verified complete against a published count
    (:attr:`Coverage.verified_complete`, e.g. the 2009 Watch List): the government was on none of them, and the
    year is a :class:`~tipranking.assessment.PartialPlacement` of every other tier (for 2009, ``1|2|3|special_case``:
    not on the Watch List). That partial year also stands for "not covered": the record does not know whether the
    government was ranked, a Special Case or not in the report, and the rules with memory read every one of these
    alike (a year off the Watch List) except Tier 3. Were every list of a year verified, the year would have no
    entry (not covered).
    """
    by_country: dict[str, list[PlacementRow]] = {}
    for row in placement_rows():
        by_country.setdefault(row.country, []).append(row)
    years = year_coverage()
    partial_lists = {y for y, c in years.items() if WATCH_LIST.in_force(y)
                     and not {Tier.TIER_2_WATCH_LIST, Tier.TIER_3} <= c.complete_tiers}
    # A missing year of these is on none of the verified lists: the other tiers are still open.
    open_tiers = {y: frozenset(Tier) - c.verified_complete for y, c in years.items() if c.verified_complete}
    out = {}
    for country in sorted(by_country):
        rows = by_country[country]
        present = {r.report_year for r in rows}
        inside = set(range(min(present), max(present) + 1))
        missing = {y for y in inside - present if years[y].covered is None} | (partial_lists - present)
        narrowed = sorted(missing & open_tiers.keys())
        out[country] = History(country, [YearPlacement(r.report_year, tier) for r in rows
                                         if (tier := r.tier) is not None],
                               missing - open_tiers.keys(),
                               [*(PartialPlacement(r.report_year, r.tiers) for r in rows if r.tier is None),
                                *(PartialPlacement(y, open_tiers[y]) for y in narrowed if open_tiers[y])])
    return out


def add_report_year(record: Mapping[str, History], new: Mapping[str, History], report_year: int, *,
                    complete: Iterable[Tier | str]) -> dict[str, History]:
    """``record`` with one more report: ``new`` holds the ``report_year`` rows (e.g. a small CSV read with
    :func:`tipranking.formats.placements.parse_placements_csv`), ``complete`` the tiers whose lists those rows
    hold in full.

    A government of ``record`` placed in the report before and absent from ``new`` gets a partly known year
    (the tiers not in ``complete``; nothing if every tier is complete, as it was then not covered). A
    government in ``new`` that ``record`` lacks starts a history. Rows of another year, or a year the record
    already holds, are errors; nothing is returned unless every row is accepted.
    """
    check_report_year(report_year)
    full = frozenset(Tier.parse(t, "complete") for t in complete)
    for name, history in new.items():
        other = [y for y in history.mentioned_years if y != report_year]
        if other:
            raise FieldError("report_year", other[0], f"the rows for {name} must all be of {report_year}")
    out = dict(record)
    for name, history in new.items():
        base = out.get(name, History(name))
        if base.mentions(report_year):
            raise HistoryError("report_year", report_year, f"the record already holds {report_year} for {name}")
        out[name] = History(name, (*base.placements, *history.placements), base.unknown_years | history.unknown_years,
                            (*base.partial, *history.partial))
    open_tiers = frozenset(Tier) - full
    if len(open_tiers) >= 2:
        for name, history in record.items():
            previous = report_year - 1
            placed_before = history.tier_in(previous) is not None or history.partial_in(previous) is not None
            if name not in new and placed_before:
                out[name] = History(name, history.placements, history.unknown_years,
                                    (*history.partial, PartialPlacement(report_year, open_tiers)))
    return out
