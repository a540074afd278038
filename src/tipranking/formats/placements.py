"""Placement files: CSV rows (or frame rows) of ``report_year,country,tier`` read into one
:class:`~tipranking.History` per government, names resolved to canonical governments, explicit unknown years
and gaps kept as unknown. See ``docs/audit-and-outlook.md``.
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

import attrs

from tipranking.assessment import History, PartialPlacement, YearPlacement, check_report_year
from tipranking.countries import lookup
from tipranking.errors import FieldError, HistoryError, InputTypeError, ParseError, UnknownCountryError
from tipranking.formats._limits import source_name, text_chunks, text_lines
from tipranking.tiers import Tier, best_first

__all__ = [
    "PLACEMENT_COLUMNS",
    "Gap",
    "Gaps",
    "NameMerge",
    "PlacementInput",
    "PlacementTable",
    "parse_placements_csv",
    "placement_table",
    "placements_csv",
    "read_placements_csv",
    "tier_or_unknown",
]


_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"0", "false", "no", "n", "f", ""}
_UNKNOWN_TIER = {"?", "unknown"}


class Gaps(enum.Enum):
    """How a placement file's *gaps* are read: report years inside a government's first-to-last year that
    have no row."""

    UNKNOWN = "unknown"
    """A gap is a year whose placement the file does not hold (the default): never guessed."""
    ABSENT = "absent"
    """A gap is a year the report did not cover the government: off the Watch List."""


@attrs.frozen(slots=True)
class NameMerge:
    """The spellings of one government found in a file, in order of first appearance; ``name`` is the
    canonical name the histories use."""

    name: str
    spellings: tuple[str, ...]


@attrs.frozen(slots=True)
class Gap:
    """The gap years of one government in a file (see :class:`Gaps`)."""

    country: str
    years: tuple[int, ...]


def tier_or_unknown(value: object, field: str = "tier") -> Tier | frozenset[Tier] | None:
    """A tier of a placement file: any spelling :meth:`Tier.parse` accepts; ``None`` for the explicit
    unknown ``"?"`` / ``"unknown"``; or, for a year the record narrows without fixing, two or more tiers
    joined by ``|`` (``"2|special_case"``)."""
    if isinstance(value, str) and value.strip().lower() in _UNKNOWN_TIER:
        return None
    if isinstance(value, str) and "|" in value:
        tiers = frozenset(Tier.parse(part, field) for part in value.split("|"))
        if len(tiers) < 2:
            raise FieldError(field, value, "tiers joined by '|' must name at least two different tiers")
        return tiers
    return Tier.parse(value, field)


@attrs.frozen(slots=True)
class PlacementInput:
    """One row of a placement file or frame, as given: ``where`` locates it (``"line 4"``, ``"row 7"``);
    ``tier`` is a tier, a set of possible tiers (a partly known year) or ``None`` (an explicit unknown)."""

    where: str
    country: str
    report_year: int
    tier: Tier | frozenset[Tier] | None
    waiver: bool | None = None


def _read_only(histories: Mapping[str, History]) -> Mapping[str, History]:
    return MappingProxyType(dict(histories))


@attrs.frozen(slots=True, eq=False)
class PlacementTable(Mapping[str, History]):
    """The histories read from a placement file, keyed by canonical government name, with what the reading
    did: the spellings it merged into one government, the gaps and how they were read, and the unknown
    names kept as written. It is a read-only mapping ``name -> History``.
    """

    source: str
    histories: Mapping[str, History] = attrs.field(converter=_read_only)
    merged_names: tuple[NameMerge, ...] = ()
    gaps: tuple[Gap, ...] = ()
    gap_policy: Gaps = Gaps.UNKNOWN
    kept_names: tuple[str, ...] = ()

    def __getitem__(self, name: str) -> History:
        return self.histories[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.histories)

    def __len__(self) -> int:
        return len(self.histories)

    def notes(self) -> tuple[str, ...]:
        """One line for each thing the reading did that the file does not say itself."""
        out = []
        if self.merged_names:
            out.append(f"{self.source}: names read as one government: "
                       + "; ".join(f"{m.name} ({', '.join(m.spellings)})" for m in self.merged_names))
        if self.gaps:
            how = ("unknown (use --gaps absent to read them as not covered)" if self.gap_policy is Gaps.UNKNOWN
                   else "not covered")
            out.append(f"{self.source}: years with no row inside a government's first-to-last year, read as {how}: "
                       + "; ".join(f"{g.country} {_years_text(g.years)}" for g in self.gaps))
        if self.kept_names:
            out.append(f"{self.source}: unknown names kept as written: {', '.join(self.kept_names)}")
        return tuple(out)


def _years_text(years: Iterable[int]) -> str:
    """``2004-2006, 2009`` for runs of consecutive years."""
    ordered = sorted(years)
    parts: list[str] = []
    start = prev = ordered[0]
    for year in [*ordered[1:], None]:
        if year is not None and year == prev + 1:
            prev = year
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if year is not None:
            start = prev = year
    return ", ".join(parts)


def placement_table(rows: Iterable[PlacementInput], source: str, *, keep_unknown_names: bool = False,
                    gaps: Gaps | str = Gaps.UNKNOWN) -> PlacementTable:
    """One :class:`History` per government from placement rows: names resolved through
    :mod:`tipranking.countries` (any known spelling; the histories use the canonical name), explicit unknown
    tiers and gaps as unknown years (or gaps as not covered, ``gaps="absent"``).

    Errors name the row: an unknown name (with suggestions; unless ``keep_unknown_names``, which keeps it
    as written), two rows for one government and year (under one name or two), a waiver flag on an
    unknown tier. Nothing is returned unless every row is valid.
    """
    policy = _gaps(gaps)
    keys: dict[str, str] = {}
    kept: list[str] = []
    spellings: dict[str, list[str]] = {}
    by_key: dict[str, dict[int, PlacementInput]] = {}
    for row in rows:
        key = keys.get(row.country)
        if key is None:
            try:
                key = lookup(row.country).name
            except UnknownCountryError as err:
                if not keep_unknown_names:
                    raise err.located(row.where) from None
                key = row.country.strip()
                kept.append(key)
            keys[row.country] = key
        years = by_key.setdefault(key, {})
        previous = years.get(row.report_year)
        if previous is not None:
            if previous.country == row.country:
                raise HistoryError("report_year", row.report_year,
                                   f"duplicate row for {row.country!r} (first on {previous.where})", row.where)
            raise HistoryError("country", row.country, f"{previous.country!r} ({previous.where}) and this row are "
                               f"both {key}: two rows for {row.report_year}", row.where)
        if not isinstance(row.tier, Tier) and row.waiver is not None:
            raise FieldError("waiver", row.waiver, "a waiver flag needs a known tier (this row's tier is not known)",
                             row.where)
        years[row.report_year] = row
        names = spellings.setdefault(key, [])
        if row.country not in names:
            names.append(row.country)
    histories: dict[str, History] = {}
    found_gaps: list[Gap] = []
    for key, years in by_key.items():
        placed = [YearPlacement(y, r.tier, r.waiver) for y, r in years.items() if isinstance(r.tier, Tier)]
        partial = [PartialPlacement(y, r.tier) for y, r in years.items() if isinstance(r.tier, frozenset)]
        unknown = {y for y, r in years.items() if r.tier is None}
        missing = tuple(y for y in range(min(years), max(years) + 1) if y not in years)
        if missing:
            found_gaps.append(Gap(key, missing))
            if policy is Gaps.UNKNOWN:
                unknown |= set(missing)
        histories[key] = History(key, placed, unknown, partial)
    merged = tuple(NameMerge(key, tuple(names)) for key, names in spellings.items()
                   if names != [key] and key not in kept)
    return PlacementTable(source, histories, merged, tuple(found_gaps), policy, tuple(kept))


def _gaps(value: Gaps | str) -> Gaps:
    if isinstance(value, Gaps):
        return value
    try:
        return Gaps(value)
    except ValueError:
        raise FieldError("gaps", value, f"accepted: {', '.join(g.value for g in Gaps)}") from None


def _csv_rows(lines: Iterable[str], name: str) -> Iterator[PlacementInput]:
    fed = 0

    def counted() -> Iterator[str]:
        nonlocal fed
        for text in lines:
            fed += 1
            yield text

    reader = csv.DictReader(counted())
    try:
        header = reader.fieldnames
    except csv.Error as err:
        raise ParseError(f"{name}: line {fed}: not CSV: {err}") from None
    if not header:
        raise ParseError(f"{name}: the file is empty")
    columns = [h.strip() for h in header]
    missing = [c for c in ("report_year", "country", "tier") if c not in columns]
    if missing:
        shown = ",".join(columns)
        shown = shown if len(shown) <= 200 else f"{shown[:120]}... ({len(shown):,} characters)"
        raise ParseError(f"{name}: line 1: missing column(s) {', '.join(missing)} (header: {shown})")
    rows = iter(reader)
    while True:
        try:
            raw = next(rows)
        except StopIteration:
            return
        except csv.Error as err:
            raise ParseError(f"{name}: line {fed}: not CSV: {err}") from None
        where = f"{name}: line {reader.line_num}"
        row = {(k or "").strip(): (v or "").strip() if isinstance(v, str) else v for k, v in raw.items()}
        if None in raw:
            raise ParseError(f"{where}: more fields than the header has")
        try:
            year_text = row.get("report_year") or ""
            try:
                year: object = int(year_text)
            except ValueError:
                year = year_text
            year = check_report_year(year)
            country = row.get("country") or ""
            if not country:
                raise FieldError("country", country, "empty")
            tier = tier_or_unknown(row.get("tier") or "")
            waiver_text = (row.get("waiver") or "").lower()
            if waiver_text not in _TRUE | _FALSE:
                raise FieldError("waiver", row.get("waiver"), "must be true/false, yes/no, 1/0 or empty")
            waiver = True if waiver_text in _TRUE else (False if waiver_text else None)
        except FieldError as err:
            raise err.located(where) from None
        yield PlacementInput(where, country, year, tier, waiver)


def parse_placements_csv(text: str, name: str = "<csv>", *, keep_unknown_names: bool = False,
                         gaps: Gaps | str = Gaps.UNKNOWN) -> PlacementTable:
    """Parse placement rows (``report_year,country,tier`` and optional ``waiver``; other columns
    are ignored) into one :class:`History` per government, keyed by canonical name, in order of first
    appearance (see :func:`placement_table`).

    The tier ``?`` (or ``unknown``) says the year's placement is not known; tiers joined by ``|``
    (``2|special_case``) that it is one of those. A duplicate (government, year)
    row, an unknown name or tier, a year out of range, a missing column or an unparseable waiver raises an
    error naming the line.
    """
    return _placement_file(text_lines([text], name), name, keep_unknown_names, gaps)


def _placement_file(lines: Iterable[str], name: str, keep_unknown_names: bool, gaps: Gaps | str) -> PlacementTable:
    table = placement_table(_csv_rows(lines, name), name, keep_unknown_names=keep_unknown_names, gaps=gaps)
    if not table:
        raise ParseError(f"{name}: no data rows")
    return table


def read_placements_csv(path: str | Path, *, keep_unknown_names: bool = False, gaps: Gaps | str = Gaps.UNKNOWN,
                        max_bytes: int | None = None) -> PlacementTable:
    """Read a placements CSV file (see :func:`parse_placements_csv`), line by line, refusing a file larger
    than ``max_bytes`` (by default 2 GiB or ``TIPRANKING_MAX_INPUT_BYTES``). ``-`` reads standard input, named
    ``<stdin>`` in messages and in the table's ``source``. The input is read once: nothing is returned unless
    every row is valid."""
    name = source_name(path)
    return _placement_file(text_lines(text_chunks(path, name, max_bytes), name), name, keep_unknown_names, gaps)


PLACEMENT_COLUMNS = ("report_year", "country", "tier", "waiver")
"""The columns :func:`placements_csv` writes."""


def placements_csv(histories: Mapping[str, History] | Iterable[History], before: int | None = None) -> str:
    """``histories`` as placement CSV text (:data:`PLACEMENT_COLUMNS`), which :func:`parse_placements_csv` and
    :func:`read_placements_csv` read back to the same histories; with ``before``, only the years before it (each
    history's :meth:`~tipranking.History.before`), e.g. the record as it stood when a report came out.

    Each history's years in order, the histories in the order given: a placement as its tier code, with
    ``waiver`` ``true``, ``false`` or empty (not stated); a partly known year as its tiers joined by ``|``
    (``2|special_case``); an unknown year as ``?``. A history that mentions no year (before ``before``) has no
    row, so it is not read back. Names are written as the histories hold them: read them back with
    ``keep_unknown_names=True`` if the package does not know one. A history with a year it does not mention
    inside its first-to-last year (not covered by that report) is read back the same only with
    ``gaps="absent"``: every unknown year has its own ``?`` row, so a missing one is not covered.

    >>> from tipranking.data import placements
    >>> text = placements_csv(placements(), before=2002)
    >>> text.splitlines()[:3]
    ['report_year,country,tier,waiver', '2001,Albania,3,', '2001,Angola,2,']
    >>> truncated = {n: h.before(2002) for n, h in placements().items() if h.before(2002).mentioned_years}
    >>> dict(parse_placements_csv(text)) == truncated
    True
    """
    if isinstance(histories, Mapping):
        items = list(histories.values())
    elif isinstance(histories, History | str | bytes):
        raise InputTypeError("histories", histories, "must be a mapping or a list of History values")
    else:
        items = list(histories)
    if before is not None and (isinstance(before, bool) or not isinstance(before, int)):
        raise InputTypeError("before", before, "must be a report year (an integer) or None")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PLACEMENT_COLUMNS)
    for history in items:
        if not isinstance(history, History):
            raise InputTypeError("histories", history, "must be History values")
        kept = history if before is None else history.before(before)
        for year in kept.mentioned_years:
            entry = kept.entry(year)
            partial = kept.partial_in(year)
            if entry is not None:
                waiver = "" if entry.waiver is None else "true" if entry.waiver else "false"
                writer.writerow((year, kept.country, entry.tier.value, waiver))
            elif partial is not None:
                writer.writerow((year, kept.country, "|".join(t.value for t in best_first(partial.tiers)), ""))
            else:
                writer.writerow((year, kept.country, "?", ""))
    return out.getvalue()
