"""Placing columns of facts at once, with NumPy: the batch evaluator behind ``formats.frames.place_frame``.

Each fact is a column of codes (:data:`FALSE_CODE`, :data:`TRUE_CODE`, :data:`UNKNOWN_CODE`). For each
statute version and report year the compiled statute's guard tables become lookup tables indexed by the codes
of the facts each guard reads, and one table maps the guards' values to the leaf of the decision tree; a row
whose leaf decides is placed by two lookups. Rows the tree leaves open (unknown facts that matter, or a
history with uncertain years that matter) are left for ``place``, one by one. NumPy is imported when
:func:`place_columns` is called (it comes with the ``pandas`` extra).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

import tipranking.facts as facts
from tipranking.assessment import Assessment, History, MinimumStandards
from tipranking.countries import same_government
from tipranking.errors import FieldError
from tipranking.placing.checks import refusals, refused_together
from tipranking.placing.compiler import CompiledStatute, compiled
from tipranking.placing.engine import history_lookup
from tipranking.placing.tree import Outcome
from tipranking.provisions import FIRST_REPORT_YEAR
from tipranking.statute import Statute, statute_for

__all__ = ["FALSE_CODE", "MAX_GUARDS", "TRUE_CODE", "UNKNOWN_CODE", "ColumnPlacements", "fact_code", "place_columns"]

FALSE_CODE, TRUE_CODE, UNKNOWN_CODE = 0, 1, 2
"""The codes of a fact's value in a column: false, true, unknown."""

MAX_GUARDS = 12
"""A statute with more guards is not placed by tables (3 ** guards entries); its rows are placed one by one."""


def fact_code(value: bool | None) -> int:
    """The code of a fact's value (``None``: unknown)."""
    return UNKNOWN_CODE if value is None else int(value)


@attrs.frozen(slots=True, eq=False)
class ColumnPlacements:
    """What :func:`place_columns` decides: for each row, the index in ``leaves`` of its leaf (``-1`` for a row
    to place one by one, listed in ``open_rows``); ``leaves`` pairs each decided leaf with its statute."""

    leaf_of_row: Any
    leaves: tuple[tuple[Statute, Outcome], ...]
    open_rows: tuple[int, ...]


def place_columns(years: Any, codes: Mapping[str, Any], countries: Any, histories: Mapping[str, History] | None,
                  statute: Statute | None, locate: Callable[[int], str]) -> ColumnPlacements:
    """Place every row of the columns at once.

    ``years`` is an int64 array of checked report years; ``codes`` maps fact paths to int8 arrays of codes (a
    fact without a column is absent, as an assessment that does not state it); ``countries`` is an array of
    checked names, which find their histories in ``histories`` (:func:`~tipranking.placing.history_lookup`).
    ``statute`` is the version for every row, or ``None`` for the one in force each year. A fact the statute
    refuses (``Statute.check_assessment``) raises, located by ``locate(row)``.
    """
    import numpy as np

    n = len(years)
    leaf_of_row = np.full(n, -1, dtype=np.int64)
    leaves: list[tuple[Statute, Outcome]] = []
    leaf_ids: dict[tuple[int, int], int] = {}
    open_rows: list[int] = []
    unique_years = np.flatnonzero(np.bincount(years - FIRST_REPORT_YEAR)) + FIRST_REPORT_YEAR if n else years
    versions: dict[Statute, list[int]] = {}
    for year in unique_years.tolist():
        versions.setdefault(statute if statute is not None else statute_for(year), []).append(year)
    for number, (version, version_years) in enumerate(versions.items()):
        everything = len(versions) == 1
        rows = np.arange(n) if everything else np.flatnonzero(np.isin(years, version_years))
        table = compiled(version)
        if table is None or len(table.guards) > MAX_GUARDS:
            open_rows += rows.tolist()
            continue
        _check_inputs(version, version_years, years, codes, locate)
        take: Any = slice(None) if everything else rows
        sub_years = years[take]
        position = np.zeros(max(version_years) - FIRST_REPORT_YEAR + 1, dtype=np.int64)
        position[np.asarray(version_years) - FIRST_REPORT_YEAR] = np.arange(len(version_years))
        year_index = position[sub_years - FIRST_REPORT_YEAR]
        state, uncertain = _states(table, version, version_years, sub_years, year_index, countries[take], histories)
        combined: Any = np.zeros(len(rows), dtype=np.int64 if 3 ** len(table.guards) >= 2 ** 31 else np.int32)
        holds = np.asarray(table.automaton.holds, dtype=np.int8).reshape(table.automaton.size, -1)
        for guard in table.guards:
            if guard.memory is not None:
                value = holds[state, guard.memory]
            else:
                index: Any = 0
                for path in guard.paths:
                    column = codes.get(path)
                    index = index * 3 + (_absent_code(path) if column is None else column[take])
                width = 3 ** len(guard.paths)
                keyed = index + year_index * width
                lut = np.full(width * len(version_years), UNKNOWN_CODE, dtype=np.int8)
                seen: list[int] = np.flatnonzero(np.bincount(keyed)).tolist() if len(rows) else []
                for key in seen:
                    where, entry = divmod(key, width)
                    lut[key] = fact_code(table.guard_value(guard, version_years[where],
                                                           _decode(entry, len(guard.paths))))
                value = lut[keyed]
            combined *= 3
            combined += value
        present = np.flatnonzero(np.bincount(combined)) if len(rows) else np.zeros(0, dtype=np.int64)
        leaf_lut = np.full(len(present) and int(present[-1]) + 1, -1, dtype=np.int64)
        for code in present.tolist():
            leaf = table.leaf_of(_decode(code, len(table.guards)))
            if leaf.tier is not None:
                found = leaf_ids.get((number, leaf.index))
                if found is None:
                    found = leaf_ids[(number, leaf.index)] = len(leaves)
                    leaves.append((version, leaf))
                leaf_lut[code] = found
        chosen = leaf_lut[combined]
        if uncertain is not None:
            chosen[uncertain] = -1
        leaf_of_row[take] = chosen
        open_rows += rows[chosen < 0].tolist()
    return ColumnPlacements(leaf_of_row, tuple(leaves), tuple(sorted(open_rows)))


def _states(table: CompiledStatute, version: Statute, version_years: list[int], years: Any, year_index: Any,
            countries: Any, histories: Mapping[str, History] | None) -> tuple[Any, Any]:
    """The automaton state of each row (the empty history's, or its country's), and which rows have uncertain
    years that matter (``None`` if none)."""
    import numpy as np

    named: dict[str, History | None] = {}
    if histories is not None:
        find = history_lookup(histories)
        named = {c: find(c) for c in set(countries.tolist())}
    if not any(h is not None for h in named.values()):
        empty = np.array([table.automaton.walk({}, year) for year in version_years], dtype=np.int64)
        return empty[year_index], None
    state = np.zeros(len(years), dtype=np.int64)
    uncertain = np.zeros(len(years), dtype=bool)
    keyed: dict[tuple[str, int], int] = {}
    for k, (country, year) in enumerate(zip(countries.tolist(), years.tolist(), strict=True)):
        found = keyed.get((country, year))
        if found is None:
            history = named[country]
            if history is None:
                found = table.automaton.walk({}, year)
            elif not same_government(history.country, country) or version.uncertain_years_that_matter(
                    history.before(year), year):
                found = -1
            else:
                found = table.walk(history.before(year), year)
            keyed[(country, year)] = found
        if found < 0:
            uncertain[k] = True
        else:
            state[k] = found
    return state, uncertain


def _absent_code(path: str) -> int:
    """The code of a fact whose column is not given: what the rules see when it is not stated."""
    return fact_code(facts.value(Assessment("absent", FIRST_REPORT_YEAR, MinimumStandards()), path))


def _decode(code: int, width: int) -> tuple[bool | None, ...]:
    """The values (true, false, unknown) of ``width`` base-3 digits, most significant first."""
    digits: list[bool | None] = []
    for _ in range(width):
        code, digit = divmod(code, 3)
        digits.append(None if digit == UNKNOWN_CODE else bool(digit))
    return tuple(reversed(digits))


def _check_inputs(version: Statute, years_of_version: list[int], years: Any, codes: Mapping[str, Any],
                  locate: Callable[[int], str]) -> None:
    """The statute's input checks (``Statute.check_assessment``) for each fact column and report year: a fact
    the version does not have for the year, stated (true or false) in some row, or facts it refuses together,
    all stated so in one row, are an error naming it. Only the (column, year, value) triples the statute
    refuses are looked for in the rows."""
    import numpy as np

    for year in years_of_version:
        refused: dict[tuple[tuple[str, bool], ...], FieldError] = {
            ((path, value),): err for (path, value), err in refusals(version, year).items()}
        refused.update(refused_together(version, year))
        if not refused:
            continue
        in_year = years == year
        for combination, refusal in refused.items():
            if any(codes.get(path) is None for path, _ in combination):
                continue
            hit = in_year
            for path, value in combination:
                hit = hit & (codes[path] == int(value))
            if hit.any():
                raise refusal.located(locate(int(np.argmax(hit))))
