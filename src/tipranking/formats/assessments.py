"""The JSON assessment format: reading (item by item, validated) and writing assessments, histories and
consequence inputs. See ``docs/assessment-format.md``.

Raw dicts and strings from users' files exist only here and in :mod:`tipranking.formats.placements` (the
files bundled with the package are read by :mod:`tipranking.data`). Everything returned is a validated value;
everything refused raises a :class:`~tipranking.errors.TipRankingError` naming the field, the value and where
in the file it is (the item index).

Every reader that takes a path reads standard input for ``-`` (named ``<stdin>`` in messages), and reads JSON
or JSON Lines (``input_format``; see :data:`INPUT_FORMATS`). :func:`checked_assessments` and
:func:`checked_consequence_inputs` read their input once, validate all of it, then give its items: what
``tipranking place`` and ``tipranking consequences`` need to refuse a bad input before writing anything, from
a pipe as from a file. See ``docs/pipelines.md``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar

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
    check_country,
    check_report_year,
)
from tipranking.consequences.cspa import CspaDetermination, check_cspa_listed
from tipranking.consequences.inputs import ConsequenceInputs
from tipranking.consequences.tier3 import Determination, Tier3Category, WaiverGround
from tipranking.countries import government_key
from tipranking.errors import FieldError, HistoryError
from tipranking.facts import names_in
from tipranking.formats._limits import Spool, json_values, source_name, text_chunks
from tipranking.placing import compiled
from tipranking.statute import statute_for
from tipranking.tiers import Tier

__all__ = [
    "INPUT_FORMATS",
    "CheckedItems",
    "PlacementRecord",
    "Submission",
    "assessment_to_json",
    "checked_assessments",
    "checked_consequence_inputs",
    "iter_assessments",
    "iter_consequence_inputs",
    "loads_assessments",
    "loads_consequence_inputs",
    "located_assessments",
    "located_consequence_inputs",
    "parse_assessment",
    "parse_placement_record",
    "read_assessments",
    "read_consequence_inputs",
    "schema",
]

_STANDARDS = names_in("minimum_standards")
_WATCH_LIST = names_in("watch_list")
_WATCH_LIST_REQUIRED = frozenset(f.name for f in attrs.fields(WatchListFacts) if f.default is attrs.NOTHING)
"""The Watch List facts a ``watch_list`` object must name (criteria (I) and (II)); the others -- (III) to
2018, (I)'s proportional-actions element from 2019 -- may be left out (unknown)."""
_WAIVER = names_in("waiver_justification")
_TOP = {f.name for f in attrs.fields(Assessment)} | {"history", "determination", "cspa", "trade_exception_letter"}
_CSPA = ("listed", "waived", "reinstated", "professionalization_exception", "pko_exception")
_DETERMINATION = ("waivers", "pending", "received_assistance_previous_fy")


@attrs.frozen(slots=True)
class Submission:
    """One item of an assessment file: the assessment, its history if given, and the consequence inputs."""

    assessment: Assessment
    history: History | None = None
    inputs: ConsequenceInputs = attrs.field(factory=ConsequenceInputs)


@attrs.frozen(slots=True)
class PlacementRecord:
    """An item of a consequences file that gives a placement (``tier``) instead of an assessment."""

    country: str
    report_year: int
    tier: Tier
    history: History | None = None
    inputs: ConsequenceInputs = attrs.field(factory=ConsequenceInputs)


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


_NO_INDICIA = Indicia()


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
    indicia = _NO_INDICIA
    if "indicia" in top:
        raw = _object(top["indicia"], "indicia", [str(n) for n in range(1, 13)])
        indicia = Indicia.from_numbers({int(k): _opt_bool(raw, k, f"indicia.{k}") for k in raw})
    watch_list = None
    if "watch_list" in top:
        wl = _object(top["watch_list"], "watch_list", _WATCH_LIST)
        watch_list = WatchListFacts(*(_opt_bool(wl, k, f"watch_list.{k}", required=k in _WATCH_LIST_REQUIRED)
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
    country = check_country(top["country"])
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
            check_cspa_listed(listed, year)
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


INPUT_FORMATS = ("json", "jsonl")
"""The values of ``input_format``: ``"json"``, a JSON document holding one object or a list of them;
``"jsonl"``, JSON Lines, one object a line (blank lines allowed). Left ``None``, a path ending ``.jsonl`` or
``.ndjson`` is read as JSON Lines, and anything else (standard input too) as JSON, except that input whose
first line is a whole object and whose next value starts on a later line -- which no JSON document can be --
is read as JSON Lines."""

_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_T = TypeVar("_T", Submission, Submission | PlacementRecord)


def _format(path: str | Path, input_format: str | None) -> str:
    """The reader's format for ``path``: ``json``, ``jsonl`` or ``auto`` (JSON, one-line objects recognised)."""
    if input_format is None:
        return "jsonl" if str(path).lower().endswith(_JSONL_SUFFIXES) else "auto"
    if input_format not in INPUT_FORMATS:
        raise FieldError("input_format", input_format, f"accepted: {', '.join(INPUT_FORMATS)}")
    return input_format


def read_assessments(path: str | Path, *, max_bytes: int | None = None,
                     input_format: str | None = None) -> tuple[Submission, ...]:
    """Read a JSON file holding one assessment object or a list of them, or a JSON Lines file of them (see
    :func:`loads_assessments` and :data:`INPUT_FORMATS`); ``-`` reads standard input."""
    return tuple(iter_assessments(path, max_bytes=max_bytes, input_format=input_format))


def iter_assessments(path: str | Path, *, max_bytes: int | None = None,
                     input_format: str | None = None) -> Iterator[Submission]:
    """The assessments of a JSON or JSON Lines file (``-``: standard input), read and validated one item at a
    time (memory does not grow with the number of items). An error stops the iteration at the item it names;
    to refuse an input before using any of it, use :func:`checked_assessments`."""
    name = source_name(path)
    return _items(text_chunks(path, name, max_bytes), name, parse_assessment, _format(path, input_format))


def located_assessments(path: str | Path, *, max_bytes: int | None = None,
                        input_format: str | None = None) -> Iterator[tuple[str, Submission]]:
    """``(where, assessment)`` for each assessment of ``path`` (``-``: standard input), read and validated one at
    a time as :func:`iter_assessments` does; ``where`` locates the item as errors do (``"data.jsonl: line 4,
    item 3"``). The input is read once: a caller that must not act on a bad input's first items keeps what it
    makes until the iteration ends (the command line writes its output to a temporary file first)."""
    name = source_name(path)
    for where, _, item in _located(text_chunks(path, name, max_bytes), name, parse_assessment,
                                   _format(path, input_format)):
        yield where, item


def checked_assessments(path: str | Path, *, max_bytes: int | None = None, input_format: str | None = None,
                        check: Callable[[Submission, str], None] | None = None) -> CheckedItems[Submission]:
    """The assessments of ``path`` (``-``: standard input; JSON or JSON Lines, see :data:`INPUT_FORMATS`), all
    validated before this returns, then given one at a time; the input is read once.

    Reading copies the input to an anonymous temporary file while every item is validated; the items are
    then read again from that copy, so a pipe or FIFO works, a file changed meanwhile does not matter, and
    memory holds one item at a time (and the keys that refuse a government given twice). The first error
    raises here -- a :class:`~tipranking.errors.TipRankingError` naming the input, the line and column or the
    item, the field and the value -- before any item is given. The copy is removed when the iteration ends or
    fails, by :meth:`CheckedItems.close` (or a ``with`` block), or when the iterator is dropped. ``check``, if
    given, is called with each item and its location during that first pass: a further check of the caller's
    (the command line's ``--strict-names``), whose error also comes before any item is given.
    """
    return CheckedItems(path, parse_assessment, max_bytes=max_bytes, input_format=input_format, check=check)


def loads_assessments(text: str, name: str = "<text>", *, input_format: str | None = None) -> tuple[
        Submission, ...]:
    """Parse JSON text holding one assessment object or a list of them (or JSON Lines: see
    :data:`INPUT_FORMATS`; ``name`` is read as a path would be).

    Every item is validated before anything is returned; the first error raises, naming the item
    index and the field. The same (country, report year) twice is an error, and so is a fact the
    statute for the item's report year does not have (criterion (III) of the Watch List after 2018, an
    indicium before its provision).
    """
    return tuple(_items([text], name, parse_assessment, _format(name, input_format)))


def _consequence_item(obj: Any) -> Submission | PlacementRecord:
    return parse_placement_record(obj) if isinstance(obj, dict) and "tier" in obj else parse_assessment(obj)


def loads_consequence_inputs(text: str, name: str = "<text>", *, input_format: str | None = None) -> tuple[
        Submission | PlacementRecord, ...]:
    """Parse JSON text (or JSON Lines) whose items are assessments or placements (objects with a ``tier``
    key)."""
    return tuple(_items([text], name, _consequence_item, _format(name, input_format)))


def read_consequence_inputs(path: str | Path, *, max_bytes: int | None = None,
                            input_format: str | None = None) -> tuple[Submission | PlacementRecord, ...]:
    """Read a file for ``tipranking consequences`` (see :func:`loads_consequence_inputs`); ``-`` reads
    standard input."""
    return tuple(iter_consequence_inputs(path, max_bytes=max_bytes, input_format=input_format))


def iter_consequence_inputs(path: str | Path, *, max_bytes: int | None = None,
                            input_format: str | None = None) -> Iterator[Submission | PlacementRecord]:
    """The items of a file for ``tipranking consequences``, one at a time (see :func:`iter_assessments`)."""
    name = source_name(path)
    return _items(text_chunks(path, name, max_bytes), name, _consequence_item, _format(path, input_format))


def located_consequence_inputs(path: str | Path, *, max_bytes: int | None = None, input_format: str | None = None
                                ) -> Iterator[tuple[str, Submission | PlacementRecord]]:
    """``(where, item)`` for each item of an input for ``tipranking consequences``, one at a time (see
    :func:`located_assessments`)."""
    name = source_name(path)
    for where, _, item in _located(text_chunks(path, name, max_bytes), name, _consequence_item,
                                   _format(path, input_format)):
        yield where, item


def checked_consequence_inputs(path: str | Path, *, max_bytes: int | None = None, input_format: str | None = None,
                               check: Callable[[Submission | PlacementRecord, str], None] | None = None
                               ) -> CheckedItems[Submission | PlacementRecord]:
    """The items of an input for ``tipranking consequences``, all validated first, the input read once (see
    :func:`checked_assessments`)."""
    return CheckedItems(path, _consequence_item, max_bytes=max_bytes, input_format=input_format, check=check)


class CheckedItems(Generic[_T]):
    """The items of an input read once and validated to its end, given one at a time: what
    :func:`checked_assessments` and :func:`checked_consequence_inputs` return.

    Making it reads the whole input, copying it to an anonymous temporary file, and raises the first error;
    iterating reads the items again from the copy. ``name`` names the input in messages (``<stdin>`` for
    ``-``), ``input_format`` is the format it was read as (``"json"`` or ``"jsonl"``), and ``where`` locates
    the item last given as errors do (``"data.jsonl: line 4, item 3"``; ``None`` before the first). Iterate it
    once. The copy is removed when the iteration ends or fails, by :meth:`close`, on leaving a ``with`` block,
    or when the object is dropped.
    """

    __slots__ = ("_items", "_spool", "input_format", "name", "where")

    def __init__(self, path: str | Path, parse: Callable[[Any], _T], *, max_bytes: int | None = None,
                 input_format: str | None = None, check: Callable[[_T, str], None] | None = None) -> None:
        self.name = source_name(path)
        self.where: str | None = None
        fmt = _format(path, input_format)
        self._spool = Spool(self.name, max_bytes)
        try:
            lines = False
            for where, line, item in _located(self._spool.tee(path), self.name, parse, fmt):
                lines = lines or line is not None
                if check is not None:
                    check(item, where)
            self.input_format = "jsonl" if lines else "json"
            # The copy holds the text just validated: its items have no repeat to look for.
            self._items: Generator[tuple[str, int | None, _T], None, None] = _located(
                self._spool.text(), self.name, parse, fmt, repeats=False)
        except BaseException:
            self._spool.close()
            raise

    def __iter__(self) -> CheckedItems[_T]:
        return self

    def __next__(self) -> _T:
        try:
            where, _, item = next(self._items)
        except BaseException:
            self.close()
            raise
        self.where = where
        return item

    def close(self) -> None:
        """Stop: remove the temporary copy (closing it again does nothing)."""
        self._items.close()
        self._spool.close()

    @property
    def closed(self) -> bool:
        """Whether the temporary copy is removed: the iteration ended or failed, or :meth:`close` was called."""
        return self._spool.closed

    def __enter__(self) -> CheckedItems[_T]:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def __del__(self) -> None:
        spool = getattr(self, "_spool", None)  # None if __init__ failed before making it
        if spool is not None:
            spool.close()


@functools.lru_cache(maxsize=64)
def _checks(report_year: int) -> tuple[Callable[[Assessment], None], ...]:
    """The input checks of the statute in force for ``report_year`` (``Statute.check_assessment``), as its
    compiled form keeps them: none for a year in which they refuse nothing."""
    version = statute_for(report_year)
    table = compiled(version)
    return (version.check_assessment,) if table is None else table.year(report_year).checks


def _items(chunks: Iterable[str], name: str, parse: Callable[[Any], _T], input_format: str) -> Iterator[_T]:
    """The items of JSON or JSON Lines text (see :func:`_located`)."""
    for _, _, item in _located(chunks, name, parse, input_format):
        yield item


def _located(chunks: Iterable[str], name: str, parse: Callable[[Any], _T], input_format: str, *,
             repeats: bool = True) -> Generator[tuple[str, int | None, _T], None, None]:
    """``(where, line, item)`` for each item of a JSON document holding one object or a list of them, or of
    JSON Lines (``input_format``: ``json``, ``jsonl`` or ``auto``), validated one at a time; ``where`` names
    the item as errors do (the item index, and its line for JSON Lines), ``line`` is ``None`` for JSON. An
    error names the item and the field. The same (country, report year) twice is an error, unless
    ``repeats`` is false (the text has been read to its end once already and had none)."""
    # One string key and one int a government-year (the item index, or the line in JSON Lines): what grows
    # with the number of items.
    seen: dict[str, int] = {}
    for index, line, item in json_values(chunks, name, input_format):
        where = f"{name}: item {index}" if line is None else f"{name}: line {line}, item {index}"
        try:
            parsed = parse(item)
            if isinstance(parsed, Submission):
                for check in _checks(parsed.assessment.report_year):
                    check(parsed.assessment)
        except FieldError as err:
            raise err.located(where) from None
        country, year = ((parsed.assessment.country, parsed.assessment.report_year) if isinstance(parsed, Submission)
                         else (parsed.country, parsed.report_year))
        if not repeats:
            yield where, line, parsed
            continue
        known, name_key = government_key(country)  # Burma and Myanmar are one government
        key = f"{year} {'=' if known else '~'}{name_key}"
        if key in seen:
            also = f"item {seen[key]}" if line is None else f"line {seen[key]}"
            raise FieldError("country", country, f"given twice for {year} (also {also})", where)
        seen[key] = index if line is None else line
        yield where, line, parsed


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
        out["watch_list"] = {k: getattr(a.watch_list, k) for k in _WATCH_LIST
                             if k in _WATCH_LIST_REQUIRED or getattr(a.watch_list, k) is not None}
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


def schema() -> dict[str, Any]:
    """The JSON Schema of the assessment format, as shipped in the package."""
    text = resources.files("tipranking").joinpath("schema/assessment.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
