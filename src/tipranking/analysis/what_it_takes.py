"""``what_it_takes``: the smallest sets of fact changes that place an assessment on a given tier."""

from __future__ import annotations

import itertools

import attrs

import tipranking.facts as facts
from tipranking.assessment import Assessment, History
from tipranking.errors import FieldError, InputTypeError
from tipranking.placing import Placement, place, reads
from tipranking.statute import Statute, as_statute, statute_for
from tipranking.tiers import Tier

__all__ = ["Change", "Path", "what_it_takes"]


@attrs.frozen(slots=True)
class Change:
    """One change to an assessment: set ``field`` to ``value`` (for ``policy_or_pattern.<kind>``, ``False``
    means the policy or pattern is no longer documented). ``citations`` are the provisions that read it."""

    field: str
    value: bool
    citations: tuple[str, ...]


@attrs.frozen(slots=True)
class Path:
    """A set of changes that reaches the target tier, and the placement they lead to."""

    changes: tuple[Change, ...]
    placement: Placement


def _candidates(assessment: Assessment, version: Statute) -> list[Change]:
    out: list[Change] = []
    documented: list[Change] = []
    for path, cites in reads(version):
        kind = facts.lookup(path).kind
        if kind == "flag":
            continue  # Special Case is the report's choice, not a fact a change can undo
        current = facts.value(assessment, path)
        if kind == "documented":
            if current:  # a documented policy or pattern can only stop being documented
                documented.append(Change(path, False, tuple(cites)))
            continue
        if documented:
            out += sorted(documented, key=lambda c: c.field)
            documented = []
        for value in (True, False):
            if current is not value:
                out.append(Change(path, value, tuple(cites)))
    return out + sorted(documented, key=lambda c: c.field)


def _apply(assessment: Assessment, changes: tuple[Change, ...]) -> Assessment:
    return facts.with_values(assessment, {c.field: c.value for c in changes})


def what_it_takes(assessment: Assessment, target: Tier | str, history: History | None = None,
                  statute: Statute | str | None = None, *, max_changes: int = 4) -> tuple[Path, ...]:
    """The smallest sets of fact changes that place ``assessment`` on ``target`` for certain, under
    ``statute`` (default: the statute in force). Each set is minimal: no proper subset reaches the
    target. Stating an unknown fact counts as a change. Empty if no set of up to ``max_changes``
    changes reaches it (e.g. the Watch List before 2004).

    >>> from tipranking import Assessment, MinimumStandards, Tier, WatchListFacts
    >>> a = Assessment("X", 2023, MinimumStandards(True, True, False, False), significant_efforts=False,
    ...                watch_list=WatchListFacts(False, False))
    >>> [[(c.field, c.value) for c in p.changes] for p in what_it_takes(a, Tier.TIER_2)]
    [[('significant_efforts', True)]]
    """
    if not isinstance(assessment, Assessment):
        raise InputTypeError("assessment", assessment, "what_it_takes() needs an Assessment")
    target = Tier.parse(target, "target")
    if isinstance(max_changes, bool) or not isinstance(max_changes, int) or max_changes < 0:
        raise InputTypeError("max_changes", max_changes, "must be a whole number, 0 or more")
    statute = as_statute(statute)
    version = statute if statute is not None else statute_for(assessment.report_year)
    if assessment.special_case and target is not Tier.SPECIAL_CASE:
        return ()  # Special Case is the report's choice, not a fact a change can undo
    version.check_assessment(assessment)
    candidates = _candidates(assessment, version)
    for size in range(0, min(max_changes, len(candidates)) + 1):
        found = []
        for combo in itertools.combinations(candidates, size):
            if len({c.field for c in combo}) < size:
                continue
            changed = _apply(assessment, combo)
            try:
                version.check_assessment(changed)
            except FieldError:
                continue  # facts the statute refuses together (all four standards and a policy or pattern)
            placement = place(changed, history, version)
            if placement.tier is target:
                found.append(Path(combo, placement))
        if found:
            return tuple(found)
    return ()
