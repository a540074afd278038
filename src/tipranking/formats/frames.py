"""pandas DataFrames of placements, audits, outlooks and histories, and histories read back from a frame.

Needs the ``pandas`` extra (``pip install 'tipranking[pandas]'``). pandas is imported when a function
is called, so this module itself imports without it.

A result's frame is its record form's table (:mod:`tipranking.formats.records`, flattened by the rule of
:mod:`tipranking.formats.contract`): the same columns as the command's CSV, missing values as ``NA``, tiers as an
ordered categorical (``1 < 2 < 2WL < 3 < special_case``, always those five categories). Every frame has its
columns even when it has no rows.

* :func:`placements_frame` -- ``PLACEMENT.columns()``: ``country, iso3, input_country, report_year, tier,
  possible_tiers, statute, decided_by_rule, decided_by_citation, events, deciding, irrelevant``
* :func:`audit_frame` -- ``AUDIT_EVENT.columns()``
* :func:`outlook_frame` -- ``OUTLOOK.columns()``: a status per tier (``tier_2WL_status`` ...)
* :func:`history_frame` -- ``country, report_year, tier, waiver``
* :func:`to_frame` -- any of the above, chosen by the type of its argument
* :func:`histories_from_frame` -- the inverse of :func:`history_frame`, validated like
  :func:`tipranking.formats.placements.parse_placements_csv`; errors name the row by its index label
* :func:`records_frame` -- any records of one kind (consequences, readings, diff classes...) by their form
* :func:`place_frame` -- placements of a whole frame of facts at once
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import tipranking.facts as facts
from tipranking.analysis.audit import AuditEvent, AuditReport
from tipranking.analysis.outlook import Outlook
from tipranking.assessment import Assessment, History, MinimumStandards, check_country, check_report_year
from tipranking.countries import identify_all
from tipranking.errors import FieldError, InputTypeError, ParseError
from tipranking.formats.contract import TIER_CODES, typed
from tipranking.formats.placements import Gaps, PlacementInput, PlacementTable, placement_table, tier_or_unknown
from tipranking.formats.records import (
    AUDIT_EVENT,
    FORMS,
    OUTLOOK,
    PLACEMENT,
    audit_event_record,
    identity_names,
    outlook_record,
    placement_record,
)
from tipranking.placing import UNKNOWN_CODE, Placement, history_lookup, place, place_columns
from tipranking.statute import Statute, as_statute
from tipranking.tiers import Tier, best_first

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "HISTORY_COLUMNS",
    "assessments_from_frame",
    "audit_frame",
    "histories_from_frame",
    "history_frame",
    "outlook_frame",
    "place_frame",
    "placements_frame",
    "records_frame",
    "to_frame",
]

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
    """One row per :class:`~tipranking.Placement`: the ``placement`` record's table (see the module docs)."""
    records = []
    for p in placements:
        if not isinstance(p, Placement):
            raise TypeError(f"placements_frame() needs Placements, got {type(p).__name__}")
        records.append(placement_record(p))
    return PLACEMENT.frame(records)


def audit_frame(report: AuditReport | Iterable[AuditEvent]) -> pd.DataFrame:
    """One row per audit event: the ``audit_event`` record's table (``country, ..., event, tier, citation, reason,
    reading, access, reading_access``). Takes an :class:`~tipranking.analysis.audit.AuditReport` or its events
    (e.g. the result of :meth:`~tipranking.analysis.audit.AuditReport.of_kind`)."""
    events = report.events if isinstance(report, AuditReport) else tuple(report)
    records = []
    for e in events:
        if not isinstance(e, AuditEvent):
            raise TypeError(f"audit_frame() needs an AuditReport or AuditEvents, got {type(e).__name__}")
        records.append(audit_event_record(e))
    return AUDIT_EVENT.frame(records)


def outlook_frame(outlooks: Iterable[Outlook]) -> pd.DataFrame:
    """One row per :class:`~tipranking.analysis.outlook.Outlook`: the ``outlook`` record's table.

    For each ranked tier ``T`` (``1``, ``2``, ``2WL``, ``3``): ``tier_T_status`` (``open``, ``waiver_required``,
    ``closed`` or ``unknown``), ``tier_T_reason``, ``tier_T_citation`` and ``tier_T_missing_years`` (the years
    an unknown status depends on, ``|``-joined). ``allowed`` lists the tiers some assessment reaches;
    ``readings`` the readings of § 7107(b)(2)(F) under which the Watch List's status differs, each as
    ``name:status``. So ``frame[frame.tier_2WL_status == "waiver_required"]`` are the governments that may be on
    the Watch List only with a waiver.
    """
    records = []
    for o in outlooks:
        if not isinstance(o, Outlook):
            raise TypeError(f"outlook_frame() needs Outlooks, got {type(o).__name__}")
        records.append(outlook_record(o))
    return OUTLOOK.frame(records)


def records_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """The frame of records of one kind (:mod:`tipranking.formats.records`: e.g. ``consequences_record`` or
    ``reading_record`` results, or the lines of a command's JSON Lines output), by their form's table: the same
    columns as the command's CSV. An empty list gives an error (its kind, and so its columns, cannot be told), as
    does a mix of kinds or a record of no known form.

    >>> from tipranking.consequences import consequences
    >>> from tipranking.formats.records import consequences_record
    >>> from tipranking.tiers import Tier
    >>> frame = records_frame([consequences_record(consequences(("Burma", 2019, Tier.TIER_3)))])
    >>> frame[["country", "consequences_cspa_listing_status", "consequences_trade_status"]].values.tolist()
    [['Burma', 'listed', 'barred']]
    """
    items = list(records)
    formats = {r.get("format") if isinstance(r, Mapping) else None for r in items}
    if len(formats) != 1:
        raise InputTypeError("records", sorted(str(f) for f in formats),
                             "must be a non-empty list of records of one kind (one format)")
    (fmt,) = formats
    form = next((f for f in FORMS if f.format == fmt), None)
    if form is None:
        raise InputTypeError("records", fmt, f"is not a record format of this version; known: "
                             f"{', '.join(f.format for f in FORMS)}")
    return form.frame(items)


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


# --------------------------------------------------------------------------- placing a frame


def _fact_codes(frame: pd.DataFrame, column: str, fact: facts.Fact) -> Any:
    """A fact column as int8 codes (1 true, 0 false, 2 unknown); a value that is not a truth value (or an
    unknown flag) is an error naming its row."""
    import numpy as np

    series = frame[column]
    dtype = str(series.dtype)
    if dtype == "bool":
        return series.to_numpy().astype(np.int8)
    if dtype == "boolean":
        codes = series.to_numpy(dtype=np.int8, na_value=UNKNOWN_CODE)
    else:
        codes = np.empty(len(series), dtype=np.int8)
        for i, (label, value) in enumerate(series.items()):
            if _is_missing(value):
                codes[i] = UNKNOWN_CODE
            elif isinstance(value, bool) or type(value).__name__ == "bool_":
                codes[i] = int(bool(value))
            else:
                raise FieldError(column, value, "must be true, false or missing", f"row {label!r}")
    if fact.kind != "optional" and (codes == UNKNOWN_CODE).any():
        label = series.index[int(np.argmax(codes == UNKNOWN_CODE))]
        raise FieldError(column, None, "must be true or false (it cannot be unknown)", f"row {label!r}")
    return codes


def _row_assessment(country: str, year: int, stated: Mapping[str, int], paths: Iterable[str]) -> Assessment:
    values = {p: (None if stated[p] == UNKNOWN_CODE else bool(stated[p])) for p in paths}
    return facts.with_values(Assessment(country, year, MinimumStandards()), values)  # type: ignore[arg-type]


def assessments_from_frame(frame: pd.DataFrame) -> list[Assessment]:
    """One :class:`~tipranking.Assessment` per row of ``frame`` (columns as for :func:`place_frame`), in order:
    the reference :func:`place_frame` is checked against (``place_many(assessments_from_frame(df))``)."""
    years, countries, codes = _frame_columns(frame)
    paths = list(codes)
    return [_row_assessment(countries[i], int(years[i]), {p: int(codes[p][i]) for p in paths}, paths)
            for i in range(len(frame))]


def _countries(frame: pd.DataFrame) -> Any:
    """The country column as an array of names, each one :func:`~tipranking.assessment.check_country` accepts.
    Passes at C speed clear the common case (non-empty ASCII strings with a visible character); otherwise the
    names those passes cannot clear are checked one by one, and the first refused names its row."""
    column = frame["country"]
    names = column.to_numpy(dtype=object)
    typed = not column.hasnans if str(column.dtype) in ("str", "string") else set(map(type, names)) <= {str}
    if typed and all(names) and not any(map(str.isspace, names)) and "".join(names).isascii():
        return names
    for i, name in enumerate(names):
        if type(name) is not str or not name.isascii() or not name.strip():
            try:
                check_country(name)
            except FieldError as err:
                raise err.located(f"row {frame.index[i]!r}") from None
    return names


def _frame_columns(frame: pd.DataFrame) -> tuple[Any, Any, dict[str, Any]]:
    """The report years (int64), countries and fact codes of ``frame``, every value validated."""
    import numpy as np

    pandas = _pandas()
    if not isinstance(frame, pandas.DataFrame):
        raise InputTypeError("frame", frame, "must be a pandas DataFrame")
    known = {f.path: f for f in facts.catalogue()}
    if frame.columns.has_duplicates:
        twice = frame.columns[frame.columns.duplicated()][0]
        raise FieldError("column", twice, "given twice")
    for column in frame.columns:
        if column not in known and column not in ("country", "report_year"):
            facts.lookup(column, "column")  # names the closest paths of facts
    for column in ("country", "report_year"):
        if column not in frame.columns:
            raise FieldError("column", column, "missing: a frame of assessments needs country and report_year")
    year_codes, year_values = pandas.factorize(frame["report_year"], use_na_sentinel=True)
    checked = []
    for k, value in enumerate(year_values.tolist()):
        try:
            checked.append(_year(value, "report_year"))
        except FieldError as err:
            raise err.located(f"row {frame.index[int(np.argmax(year_codes == k))]!r}") from None
    if (year_codes < 0).any():
        raise FieldError("report_year", None, "missing", f"row {frame.index[int(np.argmax(year_codes < 0))]!r}")
    years = np.asarray(checked, dtype=np.int64)[year_codes] if len(frame) else np.zeros(0, dtype=np.int64)
    countries = _countries(frame)
    codes = {column: _fact_codes(frame, column, known[column]) for column in frame.columns if column in known}
    return years, countries, codes


def place_frame(frame: pd.DataFrame, histories: Mapping[str, History] | None = None,
                statute: Statute | str | None = None) -> pd.DataFrame:
    """Place every row of ``frame`` at once; the result has the columns and values of :func:`placements_frame`
    (its text columns as categoricals, which a million rows share).

    ``frame`` has ``country``, ``report_year`` and a column per fact, named by its path
    (``"minimum_standards.deterrent_penalties"``, ``"significant_efforts"``, ``"policy_or_pattern.forced_labor"``,
    see :func:`tipranking.facts.catalogue`): true, false or missing (unknown). A group of facts none of
    whose columns is in the frame is absent, as in the JSON format. ``histories`` maps a country to its
    :class:`~tipranking.History`. The rows are the same placements as
    ``placements_frame(place_many(assessments_from_frame(frame), histories, statute))``, made with NumPy from
    the compiled statute's guard tables: a table per guard and report year, indexed by the codes of the
    facts it reads, then one table from the guards' values to the leaf of the decision tree. Rows the tree
    leaves undecided (unknown facts that matter, or uncertain history years) are placed one by one.
    An invalid value raises, naming its row, and nothing is returned.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"country": ["A", "B"], "report_year": [2023, 2023],
    ...                    "minimum_standards.prohibits_and_punishes": [True, True],
    ...                    "minimum_standards.grave_crime_penalties": [True, True],
    ...                    "minimum_standards.deterrent_penalties": [True, True],
    ...                    "minimum_standards.serious_and_sustained_efforts": [True, False],
    ...                    "significant_efforts": [True, None]})
    >>> got = place_frame(df)
    >>> got[["country", "tier", "decided_by_rule"]].astype(object).to_dict("list")
    {'country': ['A', 'B'], 'tier': ['1', nan], 'decided_by_rule': ['full_compliance', nan]}
    >>> got["possible_tiers"].tolist(), got["deciding"].tolist()
    (['1', '2|2WL|3'], ['', 'significant_efforts|watch_list.victims_very_significant_or_increasing|\
watch_list.no_evidence_of_increasing_efforts|watch_list.no_proportional_concrete_actions'])
    """
    import numpy as np

    pandas = _pandas()
    years, countries, codes = _frame_columns(frame)
    fixed = None if statute is None else as_statute(statute)
    n = len(frame)
    placed = place_columns(years, codes, countries, histories, fixed, lambda row: f"row {frame.index[row]!r}")
    leaves: list[tuple[str | None, ...]] = []  # the values of _LEAF_COLUMNS
    leaf_ids: dict[tuple[str | None, ...], int] = {}
    renumber = np.full(len(placed.leaves) + 1, -1, dtype=np.int64)  # the last entry: rows placed one by one
    for number, (version, leaf) in enumerate(placed.leaves):
        assert leaf.tier is not None
        shown: tuple[str | None, ...] = (leaf.tier.value, leaf.tier.value, version.name, leaf.rule, leaf.citation,
                                         "|".join(e.value for e in leaf.events), "", "")
        renumber[number] = leaf_ids.setdefault(shown, len(leaves))
        if leaf_ids[shown] == len(leaves):
            leaves.append(shown)
    leaf_of_row = renumber[placed.leaf_of_row]
    slow = placed.open_rows
    paths_present = list(codes)
    # rows the tree leaves open: placed one by one, exactly as place() does
    lookup = None if histories is None else history_lookup(histories)
    extra: dict[int, tuple[str | None, ...]] = {}
    for row in slow:
        a = _row_assessment(countries[row], int(years[row]), {p: int(codes[p][row]) for p in paths_present},
                            paths_present)
        try:
            p = place(a, None if lookup is None else lookup(a.country), fixed)
        except FieldError as err:
            raise err.located(f"row {frame.index[row]!r}") from None
        cells = PLACEMENT.row(placement_record(p))
        extra[row] = tuple(cells[c] for c in _LEAF_COLUMNS)
    for row, shown in extra.items():
        leaf_of_row[row] = leaf_ids.setdefault(shown, len(leaves))
        if leaf_ids[shown] == len(leaves):
            leaves.append(shown)
    columns: dict[str, Any] = _name_columns(countries) if n else {key: [] for key in _NAME_COLUMNS}
    columns["report_year"] = years
    tier_type = pandas.CategoricalDtype(list(TIER_CODES), ordered=True)
    for k, name in enumerate(_LEAF_COLUMNS):
        values = sorted({value for leaf in leaves if (value := leaf[k]) is not None})
        numbered = {v: i for i, v in enumerate(values)}
        per_leaf = np.array([-1 if leaf[k] is None else numbered[str(leaf[k])] for leaf in leaves] or [0],
                            dtype=np.int64)
        column = pandas.Categorical.from_codes(per_leaf[leaf_of_row] if n else per_leaf[:0], categories=values)
        columns[name] = column.astype(tier_type) if name == "tier" else column
    result: pd.DataFrame = pandas.DataFrame(columns, columns=list(PLACEMENT.columns()), index=frame.index)
    return typed(result, {"report_year": "Int64"})


_NAME_COLUMNS = ("country", "iso3", "input_country")


def _name_columns(countries: Any) -> dict[str, Any]:
    """The ``country``, ``iso3`` and ``input_country`` columns (:func:`~tipranking.formats.records.names`) of the
    names of the rows, as categoricals: each distinct name identified once, the rows given its values by their
    code (the categories sorted, as ``pandas.Categorical`` of the values would have them)."""
    import numpy as np

    pandas = _pandas()
    row_codes, distinct = pandas.factorize(countries)
    named = [identity_names(i) for i in identify_all(distinct.tolist())]
    columns = {}
    for key in _NAME_COLUMNS:
        codes, categories = pandas.factorize(np.array([n[key] for n in named], dtype=object), sort=True)
        columns[key] = pandas.Categorical.from_codes(codes[row_codes], categories=categories)
    return columns


_LEAF_COLUMNS = ("tier", "possible_tiers", "statute", "decided_by_rule", "decided_by_citation", "events", "deciding",
                 "irrelevant")
"""The columns of :func:`place_frame` a leaf of the decision tree decides (the others come from the row)."""
