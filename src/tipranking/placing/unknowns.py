"""Unknowns: what a statute's rules read, which of those facts an assessment leaves unknown, the completions of
them, and which unknown decides.

The interpreter and the compiled statute both place an assessment with unknown facts by considering every
completion of the unknowns the rules read (the compiled statute carries the uncertain history years as sets of
automaton states instead, :class:`tipranking.placing.automaton.Grid`); this module is where those completions,
the unknowns and the test of which of them decide are written, once.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import TypeVar

import tipranking.facts as facts
from tipranking.assessment import Assessment
from tipranking.errors import MissingFactError
from tipranking.statute import Statute
from tipranking.tiers import Tier

__all__ = ["MAX_COMPLETIONS", "deciding_positions", "fact_completions", "reads", "too_many", "unknown_fields",
           "value_name"]

_V = TypeVar("_V")
_A = TypeVar("_A")

MAX_COMPLETIONS = 4096
"""The most completions of unknown facts ``place`` enumerates; more unknowns is an error."""


@functools.lru_cache(maxsize=256)
def reads(version: Statute) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every fact the statute's rules read (``Rule.reads``), in the order the rules are listed, each with the
    citations of the provisions that read it."""
    out: dict[str, list[str]] = {}
    for rule in version.rules():
        provision = rule.provision
        for path in rule.reads:
            cites = out.setdefault(path, [])
            if provision is not None and provision.citation not in cites:
                cites.append(provision.citation)
    return tuple((path, tuple(cites)) for path, cites in out.items())


def unknown_fields(assessment: Assessment, version: Statute) -> dict[str, tuple[str, ...]]:
    """The facts the statute's rules read that ``assessment`` leaves unknown, with the citations of the rules
    reading them."""
    value = facts.value
    return {path: cites for path, cites in reads(version) if value(assessment, path) is None}


def too_many(fields: Sequence[str], years: Sequence[int], count: int) -> MissingFactError | None:
    """The error for ``count`` completions of the unknown ``fields`` and ``years``, if that is more than
    :data:`MAX_COMPLETIONS`."""
    if count <= MAX_COMPLETIONS:
        return None
    return MissingFactError("facts", [*fields, *(f"history.{y}" for y in years)],
                            f"{count} completions of the unknown facts; state some of them "
                            f"(at most {MAX_COMPLETIONS} are enumerated)")


def fact_completions(assessment: Assessment, fields: Sequence[str]) -> Iterator[tuple[tuple[bool, ...], Assessment]]:
    """Every completion of the unknown ``fields`` of ``assessment`` (true before false, the first field slowest):
    the values, and the assessment stating them."""
    if not fields:
        yield (), assessment
        return
    for values in itertools.product((True, False), repeat=len(fields)):
        yield values, facts.with_values(assessment, dict(zip(fields, values, strict=True)))


def value_name(value: bool | Tier | None) -> str:
    """How a value of an unknown is named in :class:`~tipranking.placing.DecidingFact`: ``"true"``/``"false"``
    for a fact, a tier code or ``"absent"`` for a history year."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "absent" if value is None else value.value


def deciding_positions(answers: Mapping[tuple[_V, ...], _A], width: int | None = None) -> set[int]:
    """Of a grid of answers (one per combination of the unknowns' values, each combination a tuple with one
    position per unknown), the positions whose value changes the answer for some values of the others: the
    unknowns that decide. Only the first ``width`` positions are asked about (all by default); the others are
    part of every combination's rest. The one way ``place`` (for facts) and the audit tell which unknown
    matters; uncertain history years are told apart over automaton states
    (:meth:`tipranking.placing.automaton.Grid.decisive`)."""
    if width is None:
        width = len(next(iter(answers))) if answers else 0
    found: set[int] = set()
    for i in range(width):
        seen: dict[tuple[_V, ...], _A] = {}
        for combo, answer in answers.items():
            rest = combo[:i] + combo[i + 1:]
            if seen.setdefault(rest, answer) != answer:
                found.add(i)
                break
    return found
