"""Reading the JSON assessment format and placement CSV files.

This is the only module where raw dicts and strings from files exist. Everything it returns is
a validated value; everything it rejects raises a :class:`~tipranking.errors.TipRankingError`
naming the field, the value and where in the file it is (item index for JSON, line for CSV).
"""

from __future__ import annotations

import csv
import enum
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from tipranking._reading import json_items, text_chunks, text_lines
from tipranking.assessment import (
    Assessment,
    History,
    Indicia,
    MinimumStandards,
    PartialPlacement,
    PolicyOrPattern,
    WaiverJustification,
    WatchListFacts,
    YearPlacement,
    check_report_year,
)
from tipranking.consequences import (
    Consequences,
    CspaDetermination,
    Determination,
    Tier3Category,
    WaiverGround,
    consequences,
)
from tipranking.consequences.tier3 import check_received_assistance
from tipranking.engine import Placement
from tipranking.errors import FieldError, HistoryError, ParseError
from tipranking.findings import names_in
from tipranking.provisions import LISTS_REPORT_YEAR
from tipranking.statute import statute_for
from tipranking.tiers import Tier

__all__ = [
    "ConsequenceInputs",
    "Gap",
    "Gaps",
    "NameMerge",
    "PlacementInput",
    "PlacementRecord",
    "PlacementTable",
    "Submission",
    "assessment_to_json",
    "iter_assessments",
    "iter_consequence_inputs",
    "loads_assessments",
    "loads_consequence_inputs",
    "parse_assessment",
    "parse_placement_record",
    "parse_placements_csv",
    "placement_table",
    "read_assessments",
    "read_consequence_inputs",
    "read_placements_csv",
    "schema",
    "tier_or_unknown",
]

_STANDARDS = names_in("minimum_standards")
_WATCH_LIST = names_in("watch_list")
_WAIVER = names_in("waiver_justification")
_TOP = {f.name for f in attrs.fields(Assessment)} | {"history", "determination", "cspa", "trade_exception_letter"}
_CSPA = ("listed", "waived", "reinstated", "professionalization_exception", "pko_exception")
_DETERMINATION = ("waivers", "pending", "received_assistance_previous_fy")


@attrs.frozen(slots=True)
class ConsequenceInputs:
    """The inputs of the consequences beyond the placement: the Tier 3 determination, the CSPA listing
    and determination, the trade exception letter, and whether the government received nonhumanitarian,
    nontrade-related assistance in the previous fiscal year (which alternative of § 7107(d)(1)(A)).

    ``determination`` ``None`` means none has been made yet (the Tier 3 restrictions are pending).
    ``cspa_listed`` ``None`` means "not stated": :meth:`is_cspa_listed` then consults the bundled list of
    the report year where the package has one (2023), and is ``False`` otherwise.
    ``received_assistance_previous_fy`` ``None`` means not known (exchange funding is then an alternative).
    """

    determination: Determination | None = None
    cspa_listed: bool | None = None
    cspa_determination: CspaDetermination | None = None
    trade_exception_letter: bool = False
    received_assistance_previous_fy: bool | None = attrs.field(
        default=None, validator=lambda _i, a, v: check_received_assistance(v, a.name))

    def is_cspa_listed(self, country: str, report_year: int) -> bool:
        if self.cspa_listed is not None:
            return self.cspa_listed
        if report_year == LISTS_REPORT_YEAR:
            from tipranking.countries import find
            from tipranking.data import lists_2023

            government = find(country)
            return government is not None and government.name in lists_2023().cspa
        return False

    def apply(self, placement: Placement | tuple[str, int, Tier], history: History | None) -> Consequences:
        """The consequences of ``placement`` with these inputs."""
        country, year = ((placement.country, placement.report_year) if isinstance(placement, Placement)
                         else placement[:2])
        return consequences(placement, history=history, determination=self.determination,
                            cspa_listed=self.is_cspa_listed(country, year), cspa_determination=self.cspa_determination,
                            trade_exception_letter=self.trade_exception_letter,
                            received_assistance_previous_fy=self.received_assistance_previous_fy)


@attrs.frozen(slots=True)
class Submission:
    """One item of an assessment file: the assessment, its history if given, and the consequence inputs."""

    assessment: Assessment
    history: History | None = None
    inputs: ConsequenceInputs = ConsequenceInputs()


@attrs.frozen(slots=True)
class PlacementRecord:
    """An item of a consequences file that gives a placement (``tier``) instead of an assessment."""

    country: str
    report_year: int
    tier: Tier
    history: History | None = None
    inputs: ConsequenceInputs = ConsequenceInputs()


def _closest(key: str, allowed: Iterable[str]) -> str:
    import difflib

    match = difflib.get_close_matches(key, list(allowed), n=1)
    return f"; did you mean {match[0]!r}?" if match else ""


def _object(value: Any, field: str, allowed: Iterable[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise FieldError(field or "item", value, "must be a JSON object")
    allowed = tuple(allowed)
    for key in value:
        if key not in allowed:
            path = f"{field}.{key}" if field else str(key)
            raise FieldError(path, value[key], f"unknown key{_closest(str(key), allowed)}")
    return value


def _opt_bool(obj: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> bool | None:
    if key not in obj:
        if required:
            raise FieldError(path, None, "missing (true, false or null)")
        return None
    value = obj[key]
    if value is not None and not isinstance(value, bool):
        raise FieldError(path, value, "must be true, false or null")
    return value


def parse_assessment(obj: Any) -> Submission:
    """Validate one JSON object of the assessment format (see ``docs/assessment-format.md``)."""
    top = _object(obj, "", sorted(_TOP))
    if "country" not in top:
        raise FieldError("country", None, "missing")
    if "report_year" not in top:
        raise FieldError("report_year", None, "missing")
    year = check_report_year(top["report_year"])
    special = top.get("special_case", False)
    if not isinstance(special, bool):
        raise FieldError("special_case", special, "must be true or false")
    if "minimum_standards" in top:
        std = _object(top["minimum_standards"], "minimum_standards", _STANDARDS)
        standards = MinimumStandards(*(_opt_bool(std, k, f"minimum_standards.{k}", required=True)
                                       for k in _STANDARDS))
    elif special:
        standards = MinimumStandards()
    else:
        raise FieldError("minimum_standards", None, "missing (required unless special_case is true)")
    if "significant_efforts" not in top and not special:
        raise FieldError("significant_efforts", None, "missing (required unless special_case is true)")
    significant = _opt_bool(top, "significant_efforts", "significant_efforts")
    indicia = Indicia()
    if "indicia" in top:
        raw = _object(top["indicia"], "indicia", [str(n) for n in range(1, 13)])
        indicia = Indicia.from_numbers({int(k): _opt_bool(raw, k, f"indicia.{k}") for k in raw})
    watch_list = None
    if "watch_list" in top:
        wl = _object(top["watch_list"], "watch_list", _WATCH_LIST)
        watch_list = WatchListFacts(*(_opt_bool(wl, k, f"watch_list.{k}", required=k != _WATCH_LIST[2])
                                      for k in _WATCH_LIST))
    policy: frozenset[PolicyOrPattern] = frozenset()
    if "policy_or_pattern" in top:
        raw_policy = top["policy_or_pattern"]
        if not isinstance(raw_policy, list):
            raise FieldError("policy_or_pattern", raw_policy, "must be a list")
        policy = frozenset(PolicyOrPattern.parse(v, f"policy_or_pattern[{i}]") for i, v in enumerate(raw_policy))
        if len(policy) != len(raw_policy):
            raise FieldError("policy_or_pattern", raw_policy, "lists a kind twice")
    justification = None
    if "waiver_justification" in top:
        wj = _object(top["waiver_justification"], "waiver_justification", _WAIVER)
        justification = WaiverJustification(*(_opt_bool(wj, k, f"waiver_justification.{k}", required=True)
                                              for k in _WAIVER))
    assessment = Assessment(
        country=top["country"], report_year=year, minimum_standards=standards, significant_efforts=significant,
        watch_list=watch_list, indicia=indicia,
        provides_law_enforcement_data=_opt_bool(top, "provides_law_enforcement_data",
                                                "provides_law_enforcement_data"),
        policy_or_pattern=policy, special_case=special, waiver_justification=justification)
    history = _history(top["history"], assessment.country) if "history" in top else None
    return Submission(assessment, history, _consequence_inputs(top))


def parse_placement_record(obj: Any) -> PlacementRecord:
    """Validate a placement object: ``{"country", "report_year", "tier"}`` plus optional ``history`` and
    consequence inputs (``determination``, ``cspa``, ``trade_exception_letter``)."""
    top = _object(obj, "", ("country", "report_year", "tier", "history", "determination", "cspa",
                            "trade_exception_letter"))
    for key in ("country", "report_year", "tier"):
        if key not in top:
            raise FieldError(key, None, "missing")
    country = top["country"]
    if not isinstance(country, str) or not country.strip():
        raise FieldError("country", country, "a country name must be a non-empty string")
    year = check_report_year(top["report_year"])
    history = _history(top["history"], country) if "history" in top else None
    return PlacementRecord(country, year, Tier.parse(top["tier"]), history, _consequence_inputs(top))


def _consequence_inputs(top: Mapping[str, Any]) -> ConsequenceInputs:
    # The callers have validated top["report_year"]; the checks against it name the JSON keys.
    year = top.get("report_year")
    determination = None
    received = None
    if "determination" in top:
        raw = _object(top["determination"], "determination", _DETERMINATION)
        waivers = _object(raw.get("waivers", {}), "determination.waivers", [c.value for c in Tier3Category])
        parsed = {}
        for key, ground in waivers.items():
            try:
                parsed[Tier3Category(key)] = WaiverGround(ground)
            except ValueError:
                raise FieldError(f"determination.waivers.{key}", ground,
                                 f"unknown ground; accepted: {', '.join(g.value for g in WaiverGround)}") from None
        pending = raw.get("pending", False)
        if not isinstance(pending, bool):
            raise FieldError("determination.pending", pending, "must be true or false")
        if pending and parsed:
            raise FieldError("determination.waivers", raw["waivers"],
                             "a pending determination waives nothing (drop the waivers or set pending to false)")
        received = _opt_bool(raw, _DETERMINATION[2], f"determination.{_DETERMINATION[2]}")
        if not pending:
            determination = Determination(parsed).check(received_assistance_previous_fy=received)
    listed = None
    cspa = None
    if "cspa" in top:
        raw = _object(top["cspa"], "cspa", _CSPA)
        listed = _opt_bool(raw, "listed", "cspa.listed")
        waived = raw.get("waived", [])
        if not isinstance(waived, list):
            raise FieldError("cspa.waived", waived, "must be a list of programs")
        repeated = sorted({p for p in waived if isinstance(p, str) and waived.count(p) > 1})
        if repeated:
            raise FieldError("cspa.waived", waived, f"lists {', '.join(repeated)} more than once")
        flags = {k: _opt_bool(raw, k, f"cspa.{k}") or False for k in _CSPA[2:]}
        cspa = CspaDetermination(waived, **flags)
        if isinstance(year, int):
            cspa.check(year)
    letter = top.get("trade_exception_letter", False)
    if not isinstance(letter, bool):
        raise FieldError("trade_exception_letter", letter, "must be true or false")
    return ConsequenceInputs(determination, listed, cspa, letter, received)


def _history(raw: Any, country: str) -> History:
    if not isinstance(raw, list):
        raise FieldError("history", raw, "must be a list of {report_year, tier, waiver?} objects")
    entries = []
    seen: set[int] = set()
    for i, item in enumerate(raw):
        path = f"history[{i}]"
        entry = _object(item, path, ("report_year", "tier", "waiver"))
        for key in ("report_year", "tier"):
            if key not in entry:
                raise FieldError(f"{path}.{key}", None, "missing")
        year = check_report_year(entry["report_year"], f"{path}.report_year")
        if year in seen:
            raise HistoryError(f"{path}.report_year", year, "duplicate report year in the history")
        seen.add(year)
        entries.append(YearPlacement(year, Tier.parse(entry["tier"], f"{path}.tier"),
                                     _opt_bool(entry, "waiver", f"{path}.waiver")))
    return History(country, entries)


def read_assessments(path: str | Path, *, max_bytes: int | None = None) -> tuple[Submission, ...]:
    """Read a JSON file holding one assessment object or a list of them (see :func:`loads_assessments`)."""
    return tuple(iter_assessments(path, max_bytes=max_bytes))


def iter_assessments(path: str | Path, *, max_bytes: int | None = None) -> Iterator[Submission]:
    """The assessments of a JSON file, read and validated one item at a time (memory does not grow with the
    number of items). An error stops the iteration at the item it names; to refuse a file before using any
    of it, iterate it once to the end first (``tipranking place`` does)."""
    for item in _items(text_chunks(path, str(path), max_bytes), str(path), parse_assessment):
        if isinstance(item, Submission):
            yield item


def loads_assessments(text: str, name: str = "<text>") -> tuple[Submission, ...]:
    """Parse JSON text holding one assessment object or a list of them.

    Every item is validated before anything is returned; the first error raises, naming the item
    index and the field. The same (country, report year) twice is an error, and so is a finding the
    statute for the item's report year does not have (criterion (III) of the Watch List after 2018, an
    indicium before its provision).
    """
    return tuple(item for item in _items([text], name, parse_assessment) if isinstance(item, Submission))


def _consequence_item(obj: Any) -> Submission | PlacementRecord:
    return parse_placement_record(obj) if isinstance(obj, dict) and "tier" in obj else parse_assessment(obj)


def loads_consequence_inputs(text: str, name: str = "<text>") -> tuple[Submission | PlacementRecord, ...]:
    """Parse JSON text whose items are assessments or placements (objects with a ``tier`` key)."""
    return tuple(_items([text], name, _consequence_item))


def read_consequence_inputs(path: str | Path, *, max_bytes: int | None = None) -> tuple[
        Submission | PlacementRecord, ...]:
    """Read a file for ``tipranking consequences`` (see :func:`loads_consequence_inputs`)."""
    return tuple(iter_consequence_inputs(path, max_bytes=max_bytes))


def iter_consequence_inputs(path: str | Path, *, max_bytes: int | None = None) -> Iterator[
        Submission | PlacementRecord]:
    """The items of a file for ``tipranking consequences``, one at a time (see :func:`iter_assessments`)."""
    return _items(text_chunks(path, str(path), max_bytes), str(path), _consequence_item)


def _items(chunks: Iterable[str], name: str, parse: Callable[[Any], Submission | PlacementRecord]) -> Iterator[
        Submission | PlacementRecord]:
    """The items of a JSON document holding one object or a list of them, validated one at a time, naming the
    item index and the field of the first error. The same (country, report year) twice is an error."""
    seen: dict[tuple[str, int], int] = {}
    for index, item in json_items(chunks, name):
        where = f"{name}: item {index}"
        try:
            parsed = parse(item)
            if isinstance(parsed, Submission):
                statute_for(parsed.assessment.report_year).check_assessment(parsed.assessment)
        except FieldError as err:
            raise err.located(where) from None
        country, year = ((parsed.assessment.country, parsed.assessment.report_year) if isinstance(parsed, Submission)
                         else (parsed.country, parsed.report_year))
        key = (country.strip().casefold(), year)
        if key in seen:
            raise FieldError("country", country, f"given twice for {year} (also item {seen[key]})", where)
        seen[key] = index
        yield parsed


def assessment_to_json(submission: Submission | Assessment) -> dict[str, Any]:
    """The JSON object for an assessment (and its history): the inverse of :func:`parse_assessment`."""
    if isinstance(submission, Assessment):
        submission = Submission(submission)
    a = submission.assessment
    out: dict[str, Any] = {"country": a.country, "report_year": a.report_year}
    std = a.minimum_standards
    if not (a.special_case and std == MinimumStandards()):
        out["minimum_standards"] = {k: getattr(std, k) for k in _STANDARDS}
    stated = dict(a.indicia.stated())
    if stated:
        out["indicia"] = {str(n): v for n, v in sorted(stated.items())}
    if a.provides_law_enforcement_data is not None:
        out["provides_law_enforcement_data"] = a.provides_law_enforcement_data
    if not (a.special_case and a.significant_efforts is None):
        out["significant_efforts"] = a.significant_efforts
    if a.watch_list is not None:
        wl = {k: getattr(a.watch_list, k) for k in _WATCH_LIST[:2]}
        if a.watch_list.commitments_for_next_year is not None:
            wl[_WATCH_LIST[2]] = a.watch_list.commitments_for_next_year
        out["watch_list"] = wl
    if a.policy_or_pattern:
        out["policy_or_pattern"] = sorted(p.value for p in a.policy_or_pattern)
    if a.special_case:
        out["special_case"] = True
    if a.waiver_justification is not None:
        out["waiver_justification"] = {k: getattr(a.waiver_justification, k) for k in _WAIVER}
    inputs = submission.inputs
    if inputs.determination is not None or inputs.received_assistance_previous_fy is not None:
        det: dict[str, Any] = ({"pending": True} if inputs.determination is None else
                               {"waivers": {c.value: g.value for c, g in inputs.determination.waivers}})
        if inputs.received_assistance_previous_fy is not None:
            det[_DETERMINATION[2]] = inputs.received_assistance_previous_fy
        out["determination"] = det
    if inputs.cspa_listed is not None or inputs.cspa_determination is not None:
        cspa: dict[str, Any] = {}
        if inputs.cspa_listed is not None:
            cspa["listed"] = inputs.cspa_listed
        d = inputs.cspa_determination
        if d is not None:
            cspa["waived"] = sorted(p.value for p in d.waived)
            cspa.update({k: getattr(d, k) for k in _CSPA[2:]})
        out["cspa"] = cspa
    if inputs.trade_exception_letter:
        out["trade_exception_letter"] = True
    if submission.history is not None:
        out["history"] = [{"report_year": p.report_year, "tier": p.tier.value,
                           **({} if p.waiver is None else {"waiver": p.waiver})}
                          for p in submission.history.placements]
    return out


# --------------------------------------------------------------------------- CSV


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
    from tipranking.countries import lookup
    from tipranking.errors import UnknownCountryError

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
    than ``max_bytes`` (see :data:`tipranking._reading.DEFAULT_MAX_INPUT_BYTES`)."""
    return _placement_file(text_lines(text_chunks(path, str(path), max_bytes), str(path)), str(path),
                           keep_unknown_names, gaps)


def schema() -> dict[str, Any]:
    """The JSON Schema of the assessment format, as shipped in the package."""
    text = resources.files("tipranking").joinpath("schema/assessment.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded

