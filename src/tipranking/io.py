"""Reading the JSON assessment format and placement CSV files.

This is the only module where raw dicts and strings from files exist. Everything it returns is
a validated value; everything it rejects raises a :class:`~tipranking.errors.TipRankingError`
naming the field, the value and where in the file it is (item index for JSON, line for CSV).
"""

from __future__ import annotations

import csv
import io as _io
import json
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from tipranking.assessment import (
    Assessment,
    History,
    Indicia,
    MinimumStandards,
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
from tipranking.engine import Placement
from tipranking.errors import FieldError, HistoryError, ParseError
from tipranking.tiers import Tier

__all__ = [
    "ConsequenceInputs",
    "PlacementRecord",
    "Submission",
    "assessment_to_json",
    "loads_assessments",
    "loads_consequence_inputs",
    "parse_assessment",
    "parse_placement_record",
    "parse_placements_csv",
    "read_assessments",
    "read_consequence_inputs",
    "read_placements_csv",
    "schema",
]

_STANDARDS = ("prohibits_and_punishes", "grave_crime_penalties", "deterrent_penalties",
              "serious_and_sustained_efforts")
_WATCH_LIST = ("victims_very_significant_or_increasing", "no_evidence_of_increasing_efforts",
               "commitments_for_next_year")
_WAIVER = ("written_plan", "plan_would_constitute_significant_efforts", "sufficient_resources")
_TOP = {"country", "report_year", "minimum_standards", "indicia", "provides_law_enforcement_data",
        "significant_efforts", "watch_list", "policy_or_pattern", "special_case", "history",
        "waiver_justification", "determination", "cspa", "trade_exception_letter"}
_CSPA = ("listed", "waived", "reinstated", "professionalization_exception", "pko_exception")


@attrs.frozen(slots=True)
class ConsequenceInputs:
    """The inputs of the consequences beyond the placement: the Tier 3 determination, the CSPA listing
    and determination, the trade exception letter.

    ``cspa_listed`` ``None`` means "not stated": :meth:`is_cspa_listed` then consults the bundled list of
    the report year where the package has one (2023), and is ``False`` otherwise.
    """

    determination: Determination | None = None
    cspa_listed: bool | None = None
    cspa_determination: CspaDetermination | None = None
    trade_exception_letter: bool = False

    def is_cspa_listed(self, country: str, report_year: int) -> bool:
        if self.cspa_listed is not None:
            return self.cspa_listed
        if report_year == 2023:
            from tipranking.countries import lookup
            from tipranking.data import lists_2023

            try:
                return lookup(country).name in lists_2023().cspa
            except FieldError:
                return False
        return False

    def apply(self, placement: Placement | tuple[str, int, Tier], history: History | None) -> Consequences:
        """The consequences of ``placement`` with these inputs."""
        country, year = ((placement.country, placement.report_year) if isinstance(placement, Placement)
                         else placement[:2])
        return consequences(placement, history=history, determination=self.determination,
                            cspa_listed=self.is_cspa_listed(country, year), cspa_determination=self.cspa_determination,
                            trade_exception_letter=self.trade_exception_letter)


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
    determination = None
    if "determination" in top:
        raw = _object(top["determination"], "determination", ("waivers",))
        waivers = _object(raw.get("waivers", {}), "determination.waivers", [c.value for c in Tier3Category])
        parsed = {}
        for key, ground in waivers.items():
            try:
                parsed[Tier3Category(key)] = WaiverGround(ground)
            except ValueError:
                raise FieldError(f"determination.waivers.{key}", ground,
                                 f"unknown ground; accepted: {', '.join(g.value for g in WaiverGround)}") from None
        determination = Determination(parsed)
    listed = None
    cspa = None
    if "cspa" in top:
        raw = _object(top["cspa"], "cspa", _CSPA)
        listed = _opt_bool(raw, "listed", "cspa.listed")
        waived = raw.get("waived", [])
        if not isinstance(waived, list):
            raise FieldError("cspa.waived", waived, "must be a list of programs")
        flags = {k: _opt_bool(raw, k, f"cspa.{k}") or False for k in _CSPA[2:]}
        cspa = CspaDetermination(waived, **flags)
    letter = top.get("trade_exception_letter", False)
    if not isinstance(letter, bool):
        raise FieldError("trade_exception_letter", letter, "must be true or false")
    return ConsequenceInputs(determination, listed, cspa, letter)


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


def _read_file(path: str | Path) -> str:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ParseError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ParseError(f"{path}: cannot be read: {err}") from None


def read_assessments(path: str | Path) -> tuple[Submission, ...]:
    """Read a JSON file holding one assessment object or a list of them (see :func:`loads_assessments`)."""
    return loads_assessments(_read_file(path), str(path))


def loads_assessments(text: str, name: str = "<text>") -> tuple[Submission, ...]:
    """Parse JSON text holding one assessment object or a list of them.

    Every item is validated before anything is returned; the first error raises, naming the item
    index and the field. The same (country, report year) twice is an error.
    """
    return tuple(item for item in _loads(text, name, parse_assessment) if isinstance(item, Submission))


def loads_consequence_inputs(text: str, name: str = "<text>") -> tuple[Submission | PlacementRecord, ...]:
    """Parse JSON text whose items are assessments or placements (objects with a ``tier`` key)."""
    def parse(obj: Any) -> Submission | PlacementRecord:
        return parse_placement_record(obj) if isinstance(obj, dict) and "tier" in obj else parse_assessment(obj)

    return _loads(text, name, parse)


def read_consequence_inputs(path: str | Path) -> tuple[Submission | PlacementRecord, ...]:
    """Read a file for ``tipranking consequences`` (see :func:`loads_consequence_inputs`)."""
    return loads_consequence_inputs(_read_file(path), str(path))


def _loads(text: str, name: str, parse: Callable[[Any], Submission | PlacementRecord]) -> tuple[
        Submission | PlacementRecord, ...]:
    """Parse JSON text holding one assessment object or a list of them.

    Every item is validated before anything is returned; the first error raises, naming the
    item index and the field. The same (country, report year) twice is an error.
    """
    if not text.strip():
        raise ParseError(f"{name}: the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ParseError(f"{name}: line {err.lineno}: invalid JSON: {err.msg}") from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise ParseError(f"{name}: an empty list: no assessments")
    out: list[Submission | PlacementRecord] = []
    seen: dict[tuple[str, int], int] = {}
    for index, item in enumerate(items):
        where = f"{name}: item {index}"
        try:
            parsed = parse(item)
        except FieldError as err:
            raise err.located(where) from None
        country, year = ((parsed.assessment.country, parsed.assessment.report_year) if isinstance(parsed, Submission)
                         else (parsed.country, parsed.report_year))
        key = (country.strip().casefold(), year)
        if key in seen:
            raise FieldError("country", country, f"given twice for {year} (also item {seen[key]})", where)
        seen[key] = index
        out.append(parsed)
    return tuple(out)


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
    if inputs.determination is not None:
        out["determination"] = {"waivers": {c.value: g.value for c, g in inputs.determination.waivers}}
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


def parse_placements_csv(text: str, name: str = "<csv>") -> dict[str, History]:
    """Parse placement rows (``report_year,country,tier`` and optional ``waiver``; other columns
    are ignored) into one :class:`History` per country, in order of first appearance.

    A duplicate (country, year) row, an unknown tier, a year out of range, a missing column or
    an unparseable waiver raises an error naming the line.
    """
    reader = csv.DictReader(_io.StringIO(text))
    header = reader.fieldnames
    if not header:
        raise ParseError(f"{name}: the file is empty")
    columns = [h.strip() for h in header]
    missing = [c for c in ("report_year", "country", "tier") if c not in columns]
    if missing:
        raise ParseError(f"{name}: line 1: missing column(s) {', '.join(missing)} (header: {','.join(columns)})")
    rows: dict[str, list[YearPlacement]] = {}
    seen: dict[tuple[str, int], int] = {}
    for raw in reader:
        line = reader.line_num
        where = f"{name}: line {line}"
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
            tier = Tier.parse(row.get("tier") or "")
            waiver_text = (row.get("waiver") or "").lower()
            if waiver_text not in _TRUE | _FALSE:
                raise FieldError("waiver", row.get("waiver"), "must be true/false, yes/no, 1/0 or empty")
            waiver = True if waiver_text in _TRUE else (False if waiver_text else None)
        except FieldError as err:
            raise err.located(where) from None
        key = (country, year)
        if key in seen:
            raise HistoryError("report_year", year, f"duplicate row for {country!r} (first on line {seen[key]})",
                               where)
        seen[key] = line
        rows.setdefault(country, []).append(YearPlacement(year, tier, waiver))
    if not rows:
        raise ParseError(f"{name}: no data rows")
    return {country: History(country, entries) for country, entries in rows.items()}


def read_placements_csv(path: str | Path) -> dict[str, History]:
    """Read a placements CSV file (see :func:`parse_placements_csv`)."""
    return parse_placements_csv(_read_file(path), str(path))


def schema() -> dict[str, Any]:
    """The JSON Schema of the assessment format, as shipped in the package."""
    text = resources.files("tipranking").joinpath("schema/assessment.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded

