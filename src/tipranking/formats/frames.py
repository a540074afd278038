"""pandas DataFrames of placements, audits, outlooks and histories, and histories read back from a frame.

Needs the ``pandas`` extra (``pip install 'tipranking[pandas]'``). pandas is imported when a function
is called, so this module itself imports without it.

Tiers are written as their short codes (``"1"``, ``"2"``, ``"2WL"``, ``"3"``, ``"special_case"``), as
in the CSV and JSON formats. Every frame has its columns even when it has no rows.

* :func:`placements_frame` -- ``country, report_year, tier, statute, decided_by_rule, citation, events``
* :func:`audit_frame` -- ``country, report_year, event, tier, citation, reason``
* :func:`outlook_frame` -- ``country, report_year, statute, latest_year, latest_tier, allowed,
  allowed_1, allowed_2, allowed_2WL, allowed_3, undetermined, missing_years``
* :func:`history_frame` -- ``country, report_year, tier, waiver``
* :func:`to_frame` -- any of the above, chosen by the type of its argument
* :func:`histories_from_frame` -- the inverse of :func:`history_frame`, validated like
  :func:`tipranking.formats.placements.parse_placements_csv`; errors name the row by its index label
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from tipranking.analysis.audit import AuditEvent, AuditReport
from tipranking.analysis.outlook import Outlook
from tipranking.assessment import History, check_report_year
from tipranking.errors import FieldError, ParseError
from tipranking.formats.placements import Gaps, PlacementInput, PlacementTable, placement_table, tier_or_unknown
from tipranking.placement import Placement
from tipranking.tiers import Tier, best_first

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AUDIT_COLUMNS",
    "HISTORY_COLUMNS",
    "OUTLOOK_COLUMNS",
    "PLACEMENT_COLUMNS",
    "audit_frame",
    "histories_from_frame",
    "history_frame",
    "outlook_frame",
    "placements_frame",
    "to_frame",
]

_RANKED = (Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.TIER_3)

PLACEMENT_COLUMNS = ("country", "report_year", "tier", "statute", "decided_by_rule", "citation", "events")
"""The columns of :func:`placements_frame`."""
AUDIT_COLUMNS = ("country", "report_year", "event", "tier", "citation", "reason", "reading")
"""The columns of :func:`audit_frame`."""
OUTLOOK_COLUMNS = ("country", "report_year", "statute", "latest_year", "latest_tier", "allowed",
                   *(f"allowed_{t.value}" for t in _RANKED), "undetermined", "missing_years", "readings")
"""The columns of :func:`outlook_frame`."""
HISTORY_COLUMNS = ("country", "report_year", "tier", "waiver")
"""The columns of :func:`history_frame` (and those :func:`histories_from_frame` reads by default)."""


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        raise ImportError("tipranking.formats.frames needs pandas: pip install 'tipranking[pandas]'") from err
    return pandas


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...], dtypes: Mapping[str, str]) -> pd.DataFrame:
    pandas = _pandas()
    frame: pd.DataFrame = pandas.DataFrame(rows, columns=list(columns))
    return frame.astype(dict(dtypes))


def placements_frame(placements: Iterable[Placement]) -> pd.DataFrame:
    """One row per :class:`~tipranking.Placement`: ``country, report_year, tier`` (code), ``statute``
    (the version's name), ``decided_by_rule`` (the id of the rule that fixed the tier), ``citation``
    and ``events`` (the history events' values, comma-joined; empty when there were none)."""
    rows = []
    for p in placements:
        if not isinstance(p, Placement):
            raise TypeError(f"placements_frame() needs Placements, got {type(p).__name__}")
        rows.append({"country": p.country, "report_year": p.report_year, "tier": p.tier.value if p.tier else "",
                     "statute": p.statute, "decided_by_rule": p.decided_by.rule if p.decided_by else "",
                     "citation": p.citation,
                     "events": ",".join(e.value for e in p.events)})
    return _frame(rows, PLACEMENT_COLUMNS, {"report_year": "int64"})


def audit_frame(report: AuditReport | Iterable[AuditEvent]) -> pd.DataFrame:
    """One row per audit event: ``country, report_year, event`` (e.g. ``"forced_move"``), ``tier`` (code),
    ``citation, reason`` and ``reading`` (the reading of § 7107(b)(2)(F) behind a ``reading_note``, else
    missing). Takes an :class:`~tipranking.analysis.audit.AuditReport` or its events (e.g. the result
    of :meth:`~tipranking.analysis.audit.AuditReport.of_kind`)."""
    events = report.events if isinstance(report, AuditReport) else tuple(report)
    rows = []
    for e in events:
        if not isinstance(e, AuditEvent):
            raise TypeError(f"audit_frame() needs an AuditReport or AuditEvents, got {type(e).__name__}")
        rows.append({"country": e.country, "report_year": e.report_year, "event": e.event.value,
                     "tier": e.tier.value, "citation": e.citation, "reason": e.reason, "reading": e.reading})
    return _frame(rows, AUDIT_COLUMNS, {"report_year": "int64"})


def outlook_frame(outlooks: Iterable[Outlook]) -> pd.DataFrame:
    """One row per :class:`~tipranking.analysis.outlook.Outlook`.

    ``latest_year``/``latest_tier`` are what the history last says before the report (missing when it says
    nothing): one tier code, or the possible codes joined by ``|`` for a partly known year
    (``2|special_case``); ``allowed`` holds the allowed tiers' codes, space-joined, best first, and
    ``allowed_1`` ... ``allowed_3`` the same as booleans. ``undetermined`` is true when a tier's availability
    (in practice the Watch List's) depends on years the data does not hold; ``missing_years`` names those
    years, space-joined. An undetermined tier is not counted as allowed. ``readings`` names, space-joined,
    the readings of § 7107(b)(2)(F) under which the Watch List's answer would differ.
    """
    rows = []
    for o in outlooks:
        if not isinstance(o, Outlook):
            raise TypeError(f"outlook_frame() needs Outlooks, got {type(o).__name__}")
        row: dict[str, Any] = {
            "country": o.country, "report_year": o.report_year, "statute": o.statute,
            "latest_year": o.latest.report_year if o.latest is not None else None,
            "latest_tier": o.latest.codes if o.latest is not None else None,
            "allowed": " ".join(t.value for t in o.allowed),
        }
        for tier in _RANKED:
            row[f"allowed_{tier.value}"] = tier in o.allowed
        row["undetermined"] = bool(o.undetermined)
        row["missing_years"] = " ".join(str(y) for y in sorted({y for u in o.undetermined for y in u.missing_years}))
        row["readings"] = " ".join(r.reading for r in o.readings)
        rows.append(row)
    dtypes = {"report_year": "int64", "latest_year": "Int64", "undetermined": "bool",
              **{f"allowed_{t.value}": "bool" for t in _RANKED}}
    return _frame(rows, OUTLOOK_COLUMNS, dtypes)


def _history_list(histories: Mapping[str, History] | Iterable[History]) -> list[History]:
    items = list(histories.values()) if isinstance(histories, Mapping) else list(histories)
    for h in items:
        if not isinstance(h, History):
            raise TypeError(f"history_frame() needs Histories, got {type(h).__name__}")
    return items


def history_frame(histories: Mapping[str, History] | Iterable[History]) -> pd.DataFrame:
    """One row per year a history says something about: ``country, report_year, tier`` (code), ``waiver``
    (nullable boolean: true, false or missing when the history does not say).

    Histories come in the order given, each in year order. An unknown year has the tier ``"?"`` and a
    partly known one its possible codes joined by ``|`` (``"2|special_case"``), so that
    :func:`histories_from_frame` reads every history back as it was (with ``gaps="absent"`` where a history
    has years it simply does not hold, inside its first-to-last year).
    """
    rows = []
    for h in _history_list(histories):
        entries: list[tuple[int, str, bool | None]] = [(p.report_year, p.tier.value, p.waiver) for p in h.placements]
        entries += [(y, "?", None) for y in h.unknown_years]
        entries += [(p.report_year, "|".join(t.value for t in best_first(p.tiers)), None) for p in h.partial]
        rows += [{"country": h.country, "report_year": y, "tier": t, "waiver": w} for y, t, w in sorted(entries)]
    return _frame(rows, HISTORY_COLUMNS, {"report_year": "int64", "waiver": "boolean"})


def to_frame(
    obj: Placement | AuditReport | Outlook | History | Mapping[str, History]
    | Iterable[Placement] | Iterable[AuditEvent] | Iterable[Outlook] | Iterable[History],
) -> pd.DataFrame:
    """The frame for ``obj``: a Placement or Placements (:func:`placements_frame`), an AuditReport or
    AuditEvents (:func:`audit_frame`), an Outlook or Outlooks (:func:`outlook_frame`), a History,
    Histories or a mapping name -> History (:func:`history_frame`).

    Raises TypeError for anything else, for a mix of kinds, and for an empty iterable (whose kind, and
    so whose columns, cannot be told).
    """
    if isinstance(obj, Placement):
        return placements_frame([obj])
    if isinstance(obj, AuditReport):
        return audit_frame(obj)
    if isinstance(obj, Outlook):
        return outlook_frame([obj])
    if isinstance(obj, History):
        return history_frame([obj])
    if isinstance(obj, Mapping):
        return history_frame(obj)
    if isinstance(obj, str | bytes) or not isinstance(obj, Iterable):
        raise TypeError(f"to_frame() cannot make a frame of a {type(obj).__name__}")
    items: list[Any] = list(obj)
    if not items:
        raise TypeError("to_frame() cannot tell what an empty iterable holds; call placements_frame(), "
                        "audit_frame(), outlook_frame() or history_frame()")
    kinds = {type(item) for item in items}
    builders: dict[type, Any] = {Placement: placements_frame, AuditEvent: audit_frame, Outlook: outlook_frame,
                                 History: history_frame}
    if len(kinds) == 1:
        (kind,) = kinds
        for cls, build in builders.items():
            if issubclass(kind, cls):
                result: pd.DataFrame = build(items)
                return result
    names = ", ".join(sorted(k.__name__ for k in kinds))
    raise TypeError(f"to_frame() needs items of one kind (Placement, AuditEvent, Outlook or History), got {names}")


# --------------------------------------------------------------------------- reading


_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"0", "false", "no", "n", "f", ""}


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in {"NAType", "NaTType"}


def _year(value: object, field: str) -> int:
    if isinstance(value, str):
        text = value.strip()
        try:
            value = int(text)
        except ValueError:
            value = text
    elif (isinstance(value, numbers.Integral) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()):
        value = int(value)
    if _is_missing(value):
        raise FieldError(field, value, "missing")
    return check_report_year(value, field)


def _country(value: object, field: str) -> str:
    if _is_missing(value) or not isinstance(value, str) or not value.strip():
        raise FieldError(field, value, "a country name must be a non-empty string")
    return value.strip()


def _tier(value: object, field: str) -> Tier | frozenset[Tier] | None:
    if _is_missing(value):
        raise FieldError(field, value, "missing")
    return tier_or_unknown(value, field)


def _waiver(value: object, field: str) -> bool | None:
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if type(value).__name__ == "bool_":  # numpy.bool_
        return bool(value)
    if isinstance(value, numbers.Integral) and int(value) in (0, 1):
        return bool(int(value))
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False if text else None
    raise FieldError(field, value, "must be true/false, yes/no, 1/0 or missing")


def histories_from_frame(
    df: pd.DataFrame,
    *,
    country: str = "country",
    report_year: str = "report_year",
    tier: str = "tier",
    waiver: str | None = None,
    keep_unknown_names: bool = False,
    gaps: Gaps | str = Gaps.UNKNOWN,
) -> PlacementTable:
    """One :class:`~tipranking.History` per government from a frame with one row per placement; the inverse
    of :func:`history_frame`.

    The keyword arguments name the columns. ``waiver`` names the optional waiver column; by default a
    column named ``"waiver"`` is used if the frame has one. Other columns are ignored. Rows are read as
    :func:`tipranking.formats.placements.parse_placements_csv` reads a CSV file: a report year must be an
    integer in range (``2014``, ``2014.0`` or ``"2014"``), a tier any accepted spelling or ``"?"`` for unknown, a waiver
    true/false (``"yes"``/``"no"``, ``1``/``0``) or missing; names are resolved to canonical governments
    (``keep_unknown_names`` keeps unknown ones as written) and gaps are unknown years unless
    ``gaps="absent"``. A missing column raises :class:`~tipranking.errors.ParseError`; a bad value or two
    rows for one government and year raises the package's :class:`~tipranking.errors.FieldError` subclass
    naming the frame's column and located at ``row <index label>``.
    """
    if not hasattr(df, "columns") or not hasattr(df, "index"):
        raise TypeError(f"histories_from_frame() needs a pandas DataFrame, got {type(df).__name__}")
    waiver_column = waiver if waiver is not None else ("waiver" if "waiver" in df.columns else None)
    wanted = {"country": country, "report_year": report_year, "tier": tier}
    if waiver_column is not None:
        wanted["waiver"] = waiver_column
    present = [str(c) for c in df.columns]
    missing = [f"{name!r}" + ("" if name == role else f" ({role})") for role, name in wanted.items()
               if name not in df.columns]
    if missing:
        raise ParseError(f"missing column(s) {', '.join(missing)} (columns: {', '.join(present)})")
    repeated = [name for name in wanted.values() if list(df.columns).count(name) > 1]
    if repeated:
        raise ParseError(f"column(s) {', '.join(repr(n) for n in repeated)} appear more than once")
    labels: list[Hashable] = list(df.index)
    columns = {role: df[name].tolist() for role, name in wanted.items()}
    waivers: list[object] = columns.get("waiver", [None] * len(labels))
    rows: list[PlacementInput] = []
    for i, label in enumerate(labels):
        where = f"row {label}"
        try:
            name = _country(columns["country"][i], country)
            year = _year(columns["report_year"][i], report_year)
            placed = _tier(columns["tier"][i], tier)
            flag = _waiver(waivers[i], waiver_column or "waiver")
        except FieldError as err:
            raise err.located(where) from None
        rows.append(PlacementInput(where, name, year, placed, flag))
    return placement_table(rows, "frame", keep_unknown_names=keep_unknown_names, gaps=gaps)
