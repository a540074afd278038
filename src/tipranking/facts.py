"""The catalogue of facts: every fact an :class:`~tipranking.assessment.Assessment` can state, by path.

A *path* names one fact: ``"significant_efforts"``, ``"minimum_standards.deterrent_penalties"``,
``"watch_list.no_evidence_of_increasing_efforts"``, ``"indicia.progress"``, or
``"policy_or_pattern.forced_labor"`` (whether that kind of policy or pattern is documented). The catalogue is
derived from the attrs classes of :mod:`tipranking.assessment` -- no list of facts is written by hand --
and it is the one place that knows what an absent group means: an absent ``watch_list`` leaves its criteria
unknown, an absent ``waiver_justification`` means no waiver was sought (each element ``False``), as the
fields' ``metadata["absent"]`` in :class:`~tipranking.assessment.Assessment` say.

Rules declare the paths they read (``Rule.reads``); partial knowledge, ``what_it_takes``, sweeps, the JSON
reader and the Hypothesis strategies all read and write facts through here.

>>> from tipranking import Assessment, MinimumStandards
>>> a = Assessment("X", 2023, MinimumStandards(True, None, True, True))
>>> value(a, "minimum_standards.grave_crime_penalties") is None, value(a, "waiver_justification.written_plan")
(True, False)
>>> sorted(paths_of("waiver_justification"))
['waiver_justification.plan_would_constitute_significant_efforts', 'waiver_justification.sufficient_resources', \
'waiver_justification.written_plan']
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import attrs

from tipranking.assessment import Assessment, PolicyOrPattern
from tipranking.errors import FieldError

__all__ = ["Fact", "catalogue", "lookup", "names_in", "paths_of", "unknown", "value", "with_values"]


@attrs.frozen(slots=True)
class Fact:
    """One fact of an assessment.

    ``group`` is the assessment's attribute holding it (``None`` for a fact on the assessment itself);
    ``name`` the attribute inside the group (for ``policy_or_pattern``, the kind's value). ``kind`` is
    ``"optional"`` (true, false or unknown), ``"flag"`` (true or false) or ``"documented"`` (a kind of policy
    or pattern, documented or not). ``absent`` is what the rules see for this fact when its group is
    absent (``None``: unknown).
    """

    path: str
    group: str | None
    name: str
    kind: str
    absent: bool | None = None


def _group_class(hint: object) -> type | None:
    """The attrs class a field holds, looking through ``X | None``."""
    for candidate in (hint, *typing.get_args(hint)):
        if isinstance(candidate, type) and attrs.has(candidate):
            return candidate
    return None


@cache
def catalogue() -> tuple[Fact, ...]:
    """Every fact, in the order of the assessment's fields."""
    hints = typing.get_type_hints(Assessment)
    found: list[Fact] = []
    for field in attrs.fields(Assessment):
        hint = hints[field.name]
        group = _group_class(hint)
        if group is not None:
            absent = field.metadata.get("absent")
            found += [Fact(f"{field.name}.{inner.name}", field.name, inner.name, "optional", absent)
                      for inner in attrs.fields(group)]
        elif hint == bool | None:
            found.append(Fact(field.name, None, field.name, "optional"))
        elif hint is bool:
            found.append(Fact(field.name, None, field.name, "flag"))
        elif field.name == "policy_or_pattern":
            found += [Fact(f"{field.name}.{kind.value}", field.name, kind.value, "documented")
                      for kind in PolicyOrPattern]
    return tuple(found)


@cache
def _by_path() -> dict[str, Fact]:
    return {f.path: f for f in catalogue()}


def lookup(path: object, field: str = "path") -> Fact:
    """The fact called ``path``; a :class:`~tipranking.errors.FieldError` naming ``field`` (with the closest
    paths) for anything else."""
    known = _by_path()
    if isinstance(path, str) and path in known:
        return known[path]
    close = difflib.get_close_matches(str(path), list(known), n=3)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise FieldError(field, path, f"not a fact of an assessment{hint}")


def paths_of(group: str) -> tuple[str, ...]:
    """The paths of one group (``"minimum_standards"``, ``"watch_list"``, ``"indicia"``...)."""
    return tuple(f.path for f in catalogue() if f.group == group)


def names_in(group: str) -> tuple[str, ...]:
    """The attribute names of one group, in order (the JSON keys of that object)."""
    return tuple(f.name for f in catalogue() if f.group == group)


def value(assessment: Assessment, path: str) -> bool | None:
    """What the rules see for ``path``: the stated value, the group's absent meaning if the group is absent,
    ``None`` if unknown."""
    fact = lookup(path)
    if fact.kind == "documented":
        return any(k.value == fact.name for k in assessment.policy_or_pattern)
    if fact.group is None:
        result: bool | None = getattr(assessment, fact.name)
        return result
    group = getattr(assessment, fact.group)
    if group is None:
        return fact.absent
    inner: bool | None = getattr(group, fact.name)
    return inner


def unknown(assessment: Assessment, paths: Iterable[str]) -> list[str]:
    """Those of ``paths`` whose value is unknown, in order, each once."""
    seen: list[str] = []
    for path in paths:
        if path not in seen and value(assessment, path) is None:
            seen.append(path)
    return seen


def with_values(assessment: Assessment, values: Mapping[str, bool]) -> Assessment:
    """``assessment`` with each fact of ``values`` set (for a ``policy_or_pattern.<kind>`` path, documented
    or not). An absent group is created with its absent meaning for the facts not set."""
    top: dict[str, Any] = {}
    groups: dict[str, dict[str, bool]] = {}
    kinds = set(assessment.policy_or_pattern)
    for path, new in values.items():
        fact = lookup(path)
        if fact.kind == "documented":
            kind = PolicyOrPattern(fact.name)
            kinds = kinds | {kind} if new else kinds - {kind}
            top["policy_or_pattern"] = frozenset(kinds)
        elif fact.group is None:
            top[fact.name] = new
        else:
            groups.setdefault(fact.group, {})[fact.name] = new
    for name, changes in groups.items():
        current = getattr(assessment, name)
        if current is None:
            defaults = {f.name: f.absent for f in catalogue() if f.group == name}
            current = _group_type(name)(**defaults)
        top[name] = attrs.evolve(current, **changes)
    return attrs.evolve(assessment, **top) if top else assessment


@cache
def _group_type(name: str) -> Any:
    group = _group_class(typing.get_type_hints(Assessment)[name])
    if group is None:  # pragma: no cover - the catalogue only names attrs groups
        raise FieldError("group", name, "not a group of facts")
    return group
