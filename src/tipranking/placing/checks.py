"""The statute's input checks, asked once per report year: which facts (and which facts together) a version
refuses.

``Rule.check_input`` refuses a fact stated in a year it does not exist, and ``Rule.refused_together`` names the
facts a rule refuses together though each alone is accepted. Asking every rule about every fact for every
assessment would cost as much as placing it; asked once per report year with one *probe* per fact and value, the
answers say which checks can refuse anything that year (:func:`checks_for`, what ``place`` runs) and, for batch
readers, which ``(fact, value)`` pairs are refused (:func:`refusals`, :func:`refused_together`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import tipranking.facts as facts
from tipranking.assessment import Assessment, MinimumStandards
from tipranking.errors import FieldError, StatuteError
from tipranking.placing.tree import compile_source, fact_source
from tipranking.rules.base import Rule
from tipranking.statute import Statute

__all__ = ["checks_for", "forget_checks", "refusals", "refused_together", "rules_checking"]


@functools.lru_cache(maxsize=1024)
def _probes(report_year: int) -> tuple[tuple[str, bool, Assessment], ...]:
    """``(path, value, assessment)`` for each fact and value (true, false): an assessment stating only that
    fact, for asking the input checks which facts a report year refuses (``Rule.check_input`` refuses a
    fact stated in a year it does not exist, so one fact at a time shows them all)."""
    template = Assessment("(compiled)", report_year, MinimumStandards())
    return tuple((fact.path, value, facts.with_values(template, {fact.path: value}))
                 for fact in facts.catalogue() for value in (True, False)
                 if fact.kind != "flag" or value != facts.value(template, fact.path))


@functools.lru_cache(maxsize=4096)
def _refuses(rule: Rule, report_year: int) -> bool:
    """Whether ``rule.check_input`` refuses anything in ``report_year`` (a fact, or facts together)."""
    if rule.refused_together(report_year):
        return True
    for _, _, probe in _probes(report_year):
        try:
            rule.check_input(probe)
        except FieldError:
            return True
    return False


def refused_together(version: Statute, report_year: int) -> dict[tuple[tuple[str, bool], ...], FieldError]:
    """The error ``version``'s input checks raise in ``report_year`` for each combination of facts they
    refuse together though each alone is accepted (``Rule.refused_together``), by its ``(path, value)`` pairs:
    what a batch reader checks its rows against, beside :func:`refusals`."""
    out: dict[tuple[tuple[str, bool], ...], FieldError] = {}
    template = Assessment("(compiled)", report_year, MinimumStandards())
    for rule in rules_checking(version):
        for combination in rule.refused_together(report_year):
            try:
                rule.check_input(facts.with_values(template, dict(combination)))
            except FieldError as err:
                out[combination] = err
            else:  # pragma: no cover - a rule that names a combination it accepts is a bug in the rule
                raise StatuteError(f"rule {rule.rule_id!r} names {combination} as refused but accepts it")
    return out


def refusals(version: Statute, report_year: int) -> dict[tuple[str, bool], FieldError]:
    """The error ``version``'s input checks raise in ``report_year`` for each fact and value they refuse, by
    ``(path, value)``: what a batch reader checks its columns against."""
    out: dict[tuple[str, bool], FieldError] = {}
    checks = [rule for rule in rules_checking(version) if _refuses(rule, report_year)]
    for path, value, probe in _probes(report_year) if checks else ():
        for rule in checks:
            try:
                rule.check_input(probe)
            except FieldError as err:
                out[(path, value)] = err
                break
    return out


def rules_checking(version: Statute) -> tuple[Rule, ...]:
    """The rules of ``version`` that check their input (override ``Rule.check_input``)."""
    return tuple(r for r in version.rules() if _overrides_check(r))


def _overrides_check(rule: Rule) -> bool:
    return type(rule).check_input is not Rule.check_input


def checks_for(version: Statute, checking: tuple[Rule, ...],
               report_year: int) -> tuple[Callable[[Assessment], None], ...]:
    """What ``place`` runs on every assessment of ``report_year``: nothing if no input check of the rules
    ``checking`` (:func:`rules_checking`) refuses anything that year; otherwise one function that looks for the
    facts (and facts together) refused that year (:func:`refusals`, :func:`refused_together`) -- a few
    comparisons, written out as Python -- and runs the rules' checks, which raise, only when one is there."""
    checks = tuple(r.check_input for r in checking if _refuses(r, report_year))
    if not checks:
        return ()
    names: dict[str, object] = {}
    single: dict[str, list[bool]] = {}
    for path, value in refusals(version, report_year):
        single.setdefault(path, []).append(value)
    conditions = [f"{fact_source(path, names)} is {'not None' if len(values) == 2 else repr(values[0])}"
                  for path, values in single.items()]
    for together in refused_together(version, report_year):
        # the cheapest and rarest part first: a kind of policy or pattern documented
        parts = sorted(together, key=lambda pv: facts.lookup(pv[0]).kind != "documented")
        conditions.append("(" + " and ".join(f"{fact_source(p, names)} is {v!r}" for p, v in parts) + ")")
    if not conditions:  # pragma: no cover - a check that refuses something refuses a fact or facts together
        return checks
    source = (f"def check(a):\n    if {' or '.join(conditions)}:\n        for one in CHECKS:\n"
              "            one(a)\n")
    namespace: dict[str, Any] = {"__builtins__": {}, "CHECKS": checks, **names}
    compile_source(source, f"input checks {version.name} {report_year}", namespace)
    check: Callable[[Assessment], None] = namespace["check"]
    return (check,)


def forget_checks() -> None:
    """Forget the answers of the probes (for a cold start)."""
    _probes.cache_clear()
    _refuses.cache_clear()
