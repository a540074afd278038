"""The Child Soldiers Prevention Act lists bundled with the package, with their sources.

``cspa_lists.csv`` (UTF-8 CSV) has the columns ``report_year,name,name_in_source,source,description``: one row
per government on the CSPA list published with that year's report. ``name`` is the government's canonical name
(``countries.csv``), ``name_in_source`` the spelling the source prints, ``source`` an id and ``description`` the
source itself (document, date, address). Each year the file holds, it holds in full, from one source: a
government absent from a year's rows was not on that year's list. The 2023 list is read from
``tip_2023_lists.csv`` (its ``cspa`` rows), so ``cspa_lists.csv`` must not repeat that year.

Validation names the file and line: an unknown or non-canonical name, a government twice in one year, a year
before the first CSPA list or outside the package's years, and a year whose rows name two sources.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

import attrs

from tipranking.assessment import check_report_year
from tipranking.countries import find, lookup
from tipranking.data.lists import parse_lists
from tipranking.errors import DataError, FieldError, ParseError
from tipranking.provisions import CSPA, LISTS_REPORT_YEAR

__all__ = ["CSPA_LISTS_FILE", "CspaList", "bundled_cspa_years", "cspa_list", "cspa_lists", "parse_cspa_lists"]

CSPA_LISTS_FILE = "cspa_lists.csv"
"""The bundled file of CSPA lists (every year but the one of ``tip_2023_lists.csv``)."""

_LISTS_FILE = "tip_2023_lists.csv"
_LISTS_SOURCE = ("tip-2023-intro", "U.S. Department of State, 2023 Trafficking in Persons Report, introduction: "
                                   "the CSPA list (bundled tip_2023_lists.csv, list 'cspa')")
_COLUMNS = ("report_year", "name", "name_in_source", "source", "description")


def _text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise FieldError(attribute.name, value, "must be a non-empty string")


def _year(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    check_report_year(value, attribute.name)
    if not CSPA.in_force(value):  # type: ignore[arg-type]
        raise FieldError(attribute.name, value, f"the first CSPA list was published with the "
                                                f"{CSPA.first_report_year} report")


def _governments(value: object) -> frozenset[str]:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        raise FieldError("governments", value, "must be a collection of canonical government names")
    out = frozenset(value)
    for name in out:
        if not isinstance(name, str) or lookup(name).name != name:
            raise FieldError("governments", name, "must be a canonical government name")
    return out


@attrs.frozen(slots=True)
class CspaList:
    """The CSPA list published with one report, complete, by canonical government name, with its source
    (``source``: an id; ``description``: the document, its date and address) and the bundled ``file`` it was
    read from."""

    report_year: int = attrs.field(validator=_year)
    governments: frozenset[str] = attrs.field(converter=_governments)
    source: str = attrs.field(validator=_text)
    description: str = attrs.field(validator=_text)
    file: str = attrs.field(validator=_text)

    def has(self, country: str) -> bool:
        """Whether the government ``country`` names is on the list (any name the package knows; a name it does
        not know is not on the list, which names known governments only)."""
        government = find(country)
        return government is not None and government.name in self.governments


def _read(name: str) -> str:
    return resources.files("tipranking").joinpath("data", name).read_text(encoding="utf-8")


def parse_cspa_lists(text: str, name: str = "<cspa lists>") -> dict[int, CspaList]:
    """Parse and validate a file of CSPA lists (see the module docs): report year -> :class:`CspaList`."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise ParseError(f"{name}: the file is empty")
    missing = [c for c in _COLUMNS if c not in reader.fieldnames]
    if missing:
        raise ParseError(f"{name}: line 1: missing column(s) {', '.join(missing)}")
    names: dict[int, dict[str, int]] = {}
    sources: dict[int, tuple[str, str, int]] = {}
    for row in reader:
        where = f"{name}: line {reader.line_num}"
        raw_year = (row.get("report_year") or "").strip()
        try:
            year = check_report_year(int(raw_year) if raw_year.isdigit() else raw_year)
            government = lookup((row.get("name") or "").strip()).name
        except FieldError as err:
            raise err.located(where) from None
        if year == LISTS_REPORT_YEAR:
            raise DataError(f"{where}: the {year} CSPA list is read from {_LISTS_FILE}; do not repeat it here")
        if not CSPA.in_force(year):
            raise DataError(f"{where}: report_year: the first CSPA list was published with the "
                            f"{CSPA.first_report_year} report (got {year})")
        if government != (row.get("name") or "").strip():
            raise DataError(f"{where}: name: write the canonical name {government!r} "
                            f"(got {row.get('name')!r}; the printed spelling goes in name_in_source)")
        if not (row.get("name_in_source") or "").strip():
            raise DataError(f"{where}: name_in_source: missing (the spelling the source prints)")
        seen = names.setdefault(year, {})
        if government in seen:
            raise DataError(f"{where}: {government} is listed twice for {year} (also line {seen[government]})")
        seen[government] = reader.line_num
        source = ((row.get("source") or "").strip(), (row.get("description") or "").strip())
        if not all(source):
            raise DataError(f"{where}: source and description are both required")
        first = sources.setdefault(year, (*source, reader.line_num))
        if first[:2] != source:
            raise DataError(f"{where}: the {year} rows name two sources (see line {first[2]}): a year's list comes "
                            "from one source")
    return {year: CspaList(year, frozenset(seen), sources[year][0], sources[year][1], name)
            for year, seen in sorted(names.items())}


@cache
def cspa_lists() -> dict[int, CspaList]:
    """Every bundled CSPA list, by report year: those of ``cspa_lists.csv`` and the 2023 list of
    ``tip_2023_lists.csv``."""
    out = parse_cspa_lists(_read(CSPA_LISTS_FILE), CSPA_LISTS_FILE)
    lists = parse_lists(_read(_LISTS_FILE), LISTS_REPORT_YEAR, _LISTS_FILE)
    out[LISTS_REPORT_YEAR] = CspaList(LISTS_REPORT_YEAR, lists.cspa, *_LISTS_SOURCE, _LISTS_FILE)
    return dict(sorted(out.items()))


def cspa_list(report_year: int) -> CspaList | None:
    """The bundled CSPA list published with ``report_year``'s report, or ``None`` where none is bundled."""
    return cspa_lists().get(check_report_year(report_year))


def bundled_cspa_years() -> tuple[int, ...]:
    """The report years whose CSPA list is bundled, in order."""
    return tuple(cspa_lists())
