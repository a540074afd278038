"""Each statute version compiled: a decision tree over its guards, and its rules with memory as one automaton.

The rule tree of :mod:`tipranking.rules` is the law as written, and running it builds every cited finding.
Placing needs less at first -- the tier, the possible tiers, which unknowns decide -- and
:class:`CompiledStatute` answers that from structures derived from the rule objects (never written by hand),
built once per statute version, when it is first used:

* **The decision tree.** The *guards* of the pipeline are the conditions of its ``When`` nodes (Special
  Case, the policy-or-pattern proof, full compliance, significant efforts, the Watch List criteria, the
  clock, the waiver, the post-waiver limit). The pipeline itself is run with each guard replaced by an
  oracle, branching on every value the guard can take (true, false, unknown; true or false for a rule with
  memory): each leaf is what the pipeline does on that path -- the tier, the guard whose finding decides,
  the events -- or the guard it stopped at, unknown. The tree is written out as a Python function
  (:attr:`CompiledStatute.source`), so a placement is a handful of comparisons.
* **Guard tables.** A guard's value depends only on the findings its rules read (``Rule.reads``) and the
  report year; each guard keeps, per report year, a table from those findings' values to its value, filled
  by running the guard on the first assessment that shows each combination.
* **The Watch List automaton.** The rules with memory (the automatic downgrade, the waiver, the post-waiver
  limit) each give their :class:`~tipranking.rules.clock.Machine`; their product, enumerated over the report
  years, is a small table of states. A known history is one walk through it. A history with unknown years
  carries the *set* of states reachable year by year, so the cost grows linearly with the number of
  unknown years, and the unknown years that decide are found by a backward pass over pairs of states.

The explanation -- every finding, with its reason and citation -- is built from the rule tree when a
placement's findings are first read (:class:`~tipranking.placement.Deferred`). A statute whose rule tree
holds a decision or a rule with memory this module cannot see through (see ``Decision.compilable`` and
``Rule.machine``) is not compiled: :func:`compiled` returns ``None`` and ``place`` runs the tree
(:mod:`tipranking.interpreter`). ``tests/test_compiled.py`` checks compiled == interpreted.
"""

from __future__ import annotations

import functools
import itertools
import types
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

import tipranking.findings as findings
from tipranking.assessment import Assessment, History, MinimumStandards, PolicyOrPattern
from tipranking.countries import same_government
from tipranking.errors import FieldError, HistoryError, MissingFindingError, RuleConflictError, StatuteError
from tipranking.interpreter import (
    MAX_COMPLETIONS,
    NO_HISTORY,
    no_tier_message,
    partial_findings,
    run,
    value_name,
)
from tipranking.placement import DecidingFact, Deferred, Placement
from tipranking.provisions import AUTOMATIC_DOWNGRADE, LAST_KNOWN_REPORT_YEAR
from tipranking.rules.base import Case, Decision, Event, Finding, Rule, Trace, Undecided
from tipranking.rules.clock import Machine, Mark, WatchListClock
from tipranking.statute import Statute
from tipranking.tiers import Tier

__all__ = ["IN_FORCE", "Automaton", "CompiledStatute", "Grid", "Guard", "Outcome", "compiled", "forget", "refusals",
           "refused_together"]

_WL = Tier.TIER_2_WATCH_LIST
_T3 = Tier.TIER_3
_MARKS: tuple[Mark, ...] = (_WL, _T3, None)
_CODE: dict[Tier | None, int] = {_WL: 0, _T3: 1}
_OTHER = 2


# --------------------------------------------------------------------------- guards and outcomes


@attrs.frozen(slots=True)
class Guard:
    """One guard of the pipeline: the rule, the findings it reads, and (for a rule with memory) its place among
    the automaton's machines."""

    index: int
    rule: Rule
    paths: tuple[str, ...]
    memory: int | None


@attrs.frozen(slots=True)
class Outcome:
    """A leaf of the decision tree: what the pipeline does when the guards on the way have these values.

    Decided: ``tier``, the ``events``, and the guard ``decider`` whose finding decides (its ``citation`` and
    ``rule`` id). Otherwise ``undecided`` names the guard left unknown, or ``error`` the statute error the
    rule tree raises there (``conflict``: two exceptions disagree; ``no_tier``: nothing yields a tier).
    ``evaluated`` are the guards met on the way.
    """

    tier: Tier | None
    events: tuple[Event, ...]
    decider: int | None
    citation: str
    rule: str
    evaluated: frozenset[int]
    undecided: int | None = None
    error: str | None = None
    message: str = ""
    only: frozenset[Tier] = attrs.field(init=False, eq=False, repr=False, default=attrs.Factory(
        lambda self: frozenset() if self.tier is None else frozenset({self.tier}), takes_self=True))
    """``{tier}`` (the possible tiers of a decided placement), made once per leaf."""

    def raise_error(self, version: Statute, assessment: Assessment) -> None:
        if self.error == "conflict":
            raise RuleConflictError(self.message)
        if self.error is not None:
            raise StatuteError(no_tier_message(version, assessment))


@attrs.frozen(slots=True)
class _Test:
    guard: int
    branches: tuple[tuple[bool | None, _Test | Outcome], ...]


class _Branch(Exception):
    def __init__(self, index: int) -> None:
        self.index = index
        super().__init__(index)


_ASK = object()
_MARK = "#guard:"


class _Explorer:
    __slots__ = ("values",)

    def __init__(self) -> None:
        self.values: dict[int, bool | None] = {}


class _Oracle(Rule):
    """A guard during exploration: answers from the explorer's current values, or asks to branch."""

    __slots__ = ("explorer", "index", "records")

    def __init__(self, index: int, explorer: _Explorer, records: bool) -> None:
        self.index, self.explorer, self.records = index, explorer, records

    @property
    def rule_id(self) -> str:
        return ""

    @property
    def title(self) -> str:
        return f"guard {self.index}"

    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        value = self.explorer.values.get(self.index, _ASK)
        if value is _ASK:
            raise _Branch(self.index)
        assert value is None or isinstance(value, bool)
        if self.records:
            trace.findings.append(Finding(f"{_MARK}{self.index}", "", value, ""))
        return value


class _Silent(Rule):
    """An evidence rule during exploration: evidence never chooses a branch."""

    __slots__ = ()

    @property
    def rule_id(self) -> str:
        return ""

    @property
    def title(self) -> str:
        return "evidence"

    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        return True


def _recorder(rule: Rule) -> Rule | None:
    """The rule whose finding is the last one ``rule`` records (the one a ``When`` takes as deciding)."""
    if rule.rule_id:
        return rule
    for child in reversed(rule.children()):
        found = _recorder(child)
        if found is not None:
            return found
    return None


def _decisions(decision: Decision) -> Iterator[Decision]:
    yield decision
    for branch in decision.branches():
        yield from _decisions(branch)


def _ordered_union(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        seen.update(dict.fromkeys(group))
    return tuple(seen)


# --------------------------------------------------------------------------- the automaton


class Automaton:
    """The product of the machines of a statute's rules with memory, enumerated over report years.

    States are numbered; ``holds[state]`` gives each machine's answer (in the order of ``machines``) and
    ``after(year, state, mark)`` the next state.
    """

    __slots__ = ("_delta", "_ids", "_states", "counts_from", "holds", "machines")

    def __init__(self, machines: Sequence[Machine], counts_from: int) -> None:
        self.machines = tuple(machines)
        self.counts_from = counts_from
        start = tuple(m.start for m in self.machines)
        self._states: list[tuple[Hashable, ...]] = [start]
        self._ids: dict[tuple[Hashable, ...], int] = {start: 0}
        self._delta: dict[int, dict[int, tuple[int, int, int]]] = {}
        frontier = {0}
        for year in range(counts_from, LAST_KNOWN_REPORT_YEAR):
            table: dict[int, tuple[int, int, int]] = {}
            nxt: set[int] = set()
            for state in sorted(frontier):
                parts = self._states[state]
                row = tuple(self._id(tuple(m.step(p, year, mark) for m, p in zip(self.machines, parts, strict=True)))
                            for mark in _MARKS)
                table[state] = (row[0], row[1], row[2])
                nxt.update(row)
            self._delta[year] = table
            frontier = nxt
        self.holds: list[tuple[bool, ...]] = [
            tuple(bool(m.holds(p)) for m, p in zip(self.machines, parts, strict=True)) for parts in self._states]

    def _id(self, state: tuple[Hashable, ...]) -> int:
        found = self._ids.get(state)
        if found is None:
            found = self._ids[state] = len(self._states)
            self._states.append(state)
        return found

    @property
    def size(self) -> int:
        """The number of states."""
        return len(self._states)

    def after(self, year: int, state: int, code: int) -> int:
        return self._delta[year][state][code]

    def walk(self, tiers: Mapping[int, Tier], report_year: int) -> int:
        """The state after the years before ``report_year``, each year's mark read from ``tiers``."""
        return self.path(tiers, report_year)[-1]

    def path(self, tiers: Mapping[int, Tier], until: int = LAST_KNOWN_REPORT_YEAR) -> list[int]:
        """The state before each report year from the clock's first (index 0) to ``until``, each year's mark
        read from ``tiers``: one pass answers every report year of a history."""
        states = [0]
        delta = self._delta
        for year in range(self.counts_from, until):
            states.append(delta[year][states[-1]][_CODE.get(tiers.get(year), _OTHER)])
        return states


class Grid:
    """The completions of a history's uncertain years, as sets of automaton states year by year.

    ``steps`` are the years from the clock's first to the one before the report, each with the marks it may
    have (one for a known year); ``reach[k]`` the states reachable before step ``k``; ``positions`` the steps
    of the uncertain years that matter, in order. Questions about every completion -- which answers are
    possible, which uncertain year decides, what each of its values leads to -- cost time linear in the
    number of years.
    """

    __slots__ = ("automaton", "positions", "reach", "steps")

    def __init__(self, automaton: Automaton, past: History, report_year: int, years: Sequence[int]) -> None:
        self.automaton = automaton
        uncertain = set(years)
        tiers = {p.report_year: p.tier for p in past.placements}
        self.steps: list[tuple[int, tuple[int, ...]]] = []
        self.positions: list[int] = []
        for year in range(automaton.counts_from, report_year):
            if year in uncertain:
                self.positions.append(len(self.steps))
                codes = tuple(_CODE.get(t, _OTHER) for t in WatchListClock.options(past, year))
            else:
                codes = (_CODE.get(tiers.get(year), _OTHER),)
            self.steps.append((year, codes))
        self.reach: list[set[int]] = [{0}]
        for year, codes in self.steps:
            self.reach.append({automaton.after(year, s, c) for s in self.reach[-1] for c in codes})

    @property
    def finals(self) -> set[int]:
        """The states some completion ends in."""
        return self.reach[-1]

    def first(self, wanted: Callable[[int], bool] | None = None) -> int | None:
        """The final state of the first completion, in the order of each year's options, whose final state is
        ``wanted`` (the very first completion without ``wanted``); ``None`` if there is none."""
        after = self.automaton.after
        if wanted is None:
            state = 0
            for year, codes in self.steps:
                state = after(year, state, codes[0])
            return state
        able: list[set[int]] = [set() for _ in self.reach]
        able[-1] = {s for s in self.finals if wanted(s)}
        for k in range(len(self.steps) - 1, -1, -1):
            year, codes = self.steps[k]
            able[k] = {s for s in self.reach[k] if any(after(year, s, c) in able[k + 1] for c in codes)}
        if 0 not in able[0]:
            return None
        state = 0
        for k, (year, codes) in enumerate(self.steps):
            state = next(t for t in (after(year, state, c) for c in codes) if t in able[k + 1])
        return state

    def decisive(self, answer: Callable[[int], Hashable]) -> set[int]:
        """The indices (into ``positions``) of the uncertain years whose value changes ``answer`` for some
        values of the others."""
        if not self.positions:
            return set()
        after = self.automaton.after
        finals = sorted(self.finals)
        last = {s: answer(s) for s in finals}
        if len(set(last.values())) < 2:
            return set()
        apart: set[tuple[int, int]] = {(s, t) for s, t in itertools.combinations(finals, 2) if last[s] != last[t]}
        found: set[int] = set()
        lowest = self.positions[0]
        where = {step: i for i, step in enumerate(self.positions)}
        for k in range(len(self.steps) - 1, lowest - 1, -1):
            year, codes = self.steps[k]
            if k in where and len(codes) > 1:
                for s in self.reach[k]:
                    nexts = [after(year, s, c) for c in codes]
                    if any(_pair(a, b) in apart for a, b in itertools.combinations(nexts, 2)):
                        found.add(where[k])
                        break
            if k == lowest:
                break
            states = sorted(self.reach[k])
            apart = {(s, t) for s, t in itertools.combinations(states, 2)
                     if any(_pair(after(year, s, c), after(year, t, c)) in apart for c in codes)}
        return found

    def by_value(self, answer: Callable[[int], Hashable], index: int) -> list[tuple[Mark, set[Hashable]]]:
        """For the uncertain year at ``positions[index]``: each of its marks, in order, with the answers the
        completions giving it that mark reach."""
        after = self.automaton.after
        step = self.positions[index]
        outs: dict[int, set[Hashable]] = {s: {answer(s)} for s in self.finals}
        for k in range(len(self.steps) - 1, step, -1):
            year, codes = self.steps[k]
            outs = {s: set().union(*(outs[after(year, s, c)] for c in codes)) for s in self.reach[k]}
        year, codes = self.steps[step]
        return [(_MARKS[c], set().union(*(outs[after(year, s, c)] for s in self.reach[step]))) for c in codes]


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


# --------------------------------------------------------------------------- code generation


class _Table(dict[Any, Any]):
    """A guard's values for one report year, by the values of the findings it reads; filled on first sight."""

    __slots__ = ("clock", "guard", "template")

    def __init__(self, guard: Guard, template: Assessment, clock: WatchListClock | None) -> None:
        super().__init__()
        self.guard, self.template, self.clock = guard, template, clock

    def __missing__(self, key: Any) -> bool | None:
        if isinstance(key, frozenset):  # the kinds of policy or pattern documented
            values = tuple(findings.lookup(p).name in {k.value for k in key} for p in self.guard.paths)
        else:
            values = (key,) if len(self.guard.paths) == 1 else key
        value = self[key] = _guard_value(self.guard, self.template, self.clock, values)
        return value


def _guard_value(guard: Guard, template: Assessment, clock: WatchListClock | None,
                 values: Sequence[bool | None]) -> bool | None:
    """What ``guard`` says when the findings it reads have ``values`` (in the order of ``guard.paths``)."""
    filled = findings.with_values(template, dict(zip(guard.paths, values, strict=True)))  # type: ignore[arg-type]
    return guard.rule.evaluate(Case(filled, NO_HISTORY, clock), Trace())


def _key_source(guard: Guard, names: dict[str, object]) -> str:
    """A Python expression for the key of ``guard``'s table: the values of the findings it reads."""
    catalogue = [findings.lookup(p) for p in guard.paths]
    groups = {f.group for f in catalogue}
    if catalogue and all(f.kind == "documented" for f in catalogue):
        return "a.policy_or_pattern"  # a frozenset: its own key
    if len(groups) == 1 and None not in groups and all(f.kind == "optional" for f in catalogue):
        (group,) = groups
        absent = tuple(f.absent for f in catalogue)
        inner = ", ".join(f"g{guard.index}.{f.name}" for f in catalogue)
        if len(catalogue) == 1:
            names[f"A{guard.index}"] = absent[0]
            return f"(A{guard.index} if (g{guard.index} := a.{group}) is None else {inner})"
        names[f"A{guard.index}"] = absent
        return f"(A{guard.index} if (g{guard.index} := a.{group}) is None else ({inner},))"
    if not catalogue:
        return "()"
    parts = []
    for f in catalogue:
        if f.kind == "documented":
            names[f"K_{f.name}"] = PolicyOrPattern(f.name)
            parts.append(f"(K_{f.name} in a.policy_or_pattern)")
        elif f.group is None:
            parts.append(f"a.{f.name}")
        else:
            names[f"M_{f.group}_{f.name}"] = f.absent
            parts.append(f"(M_{f.group}_{f.name} if a.{f.group} is None else a.{f.group}.{f.name})")
    return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ",)"


def _tree_source(tree: _Test | Outcome, guards: Sequence[Guard], names: dict[str, object],
                 outcomes: list[Outcome]) -> str:
    lines = ["def decide(a, h):"]

    def emit(node: _Test | Outcome, depth: int) -> None:
        pad = "    " * depth
        if isinstance(node, Outcome):
            names[f"O{len(outcomes)}"] = node
            lines.append(f"{pad}return O{len(outcomes)}")
            outcomes.append(node)
            return
        guard = guards[node.guard]
        if guard.memory is not None:
            var = f"h[{guard.memory}]"
        else:
            var = f"c{guard.index}"
            lines.append(f"{pad}{var} = T{guard.index}[{_key_source(guard, names)}]")
        for n, (value, branch) in enumerate(node.branches):
            last = n == len(node.branches) - 1
            if last and n > 0:
                lines.append(f"{pad}else:")
            else:
                lines.append(f"{pad}{'if' if n == 0 else 'elif'} {var} is {value!r}:")
            emit(branch, depth + 1)

    emit(tree, 1)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the compiled statute


class _Year:
    """What a compiled statute needs for one report year."""

    __slots__ = ("checks", "decide", "empty")

    def __init__(self, decide: Callable[[Assessment, tuple[bool, ...]], Outcome],
                 checks: tuple[Callable[[Assessment], None], ...], empty: tuple[bool, ...]) -> None:
        self.decide, self.checks, self.empty = decide, checks, empty




@functools.lru_cache(maxsize=1024)
def _probes(report_year: int) -> tuple[tuple[str, bool, Assessment], ...]:
    """``(path, value, assessment)`` for each finding and value (true, false): an assessment stating only that
    finding, for asking the input checks which findings a report year refuses (``Rule.check_input`` refuses a
    finding stated in a year it does not exist, so one finding at a time shows them all)."""
    template = Assessment("(compiled)", report_year, MinimumStandards())
    return tuple((finding.path, value, findings.with_values(template, {finding.path: value}))
                 for finding in findings.catalogue() for value in (True, False)
                 if finding.kind != "flag" or value != findings.value(template, finding.path))


@functools.lru_cache(maxsize=4096)
def _refuses(rule: Rule, report_year: int) -> bool:
    """Whether ``rule.check_input`` refuses anything in ``report_year`` (a finding, or findings together)."""
    if rule.refused_together(report_year):
        return True
    for _, _, probe in _probes(report_year):
        try:
            rule.check_input(probe)
        except FieldError:
            return True
    return False


def refused_together(version: Statute, report_year: int) -> dict[tuple[tuple[str, bool], ...], FieldError]:
    """The error ``version``'s input checks raise in ``report_year`` for each combination of findings they
    refuse together though each alone is accepted (``Rule.refused_together``), by its ``(path, value)`` pairs:
    what a batch reader checks its rows against, beside :func:`refusals`."""
    out: dict[tuple[tuple[str, bool], ...], FieldError] = {}
    template = Assessment("(compiled)", report_year, MinimumStandards())
    for rule in _rules_checking(version):
        for combination in rule.refused_together(report_year):
            try:
                rule.check_input(findings.with_values(template, dict(combination)))
            except FieldError as err:
                out[combination] = err
            else:  # pragma: no cover - a rule that names a combination it accepts is a bug in the rule
                raise StatuteError(f"rule {rule.rule_id!r} names {combination} as refused but accepts it")
    return out


def refusals(version: Statute, report_year: int) -> dict[tuple[str, bool], FieldError]:
    """The error ``version``'s input checks raise in ``report_year`` for each finding and value they refuse, by
    ``(path, value)``: what a batch reader checks its columns against."""
    out: dict[tuple[str, bool], FieldError] = {}
    checks = [rule for rule in _rules_checking(version) if _refuses(rule, report_year)]
    for path, value, probe in _probes(report_year) if checks else ():
        for rule in checks:
            try:
                rule.check_input(probe)
            except FieldError as err:
                out[(path, value)] = err
                break
    return out


def _rules_checking(version: Statute) -> tuple[Rule, ...]:
    return tuple(r for r in version.rules() if _overrides_check(r))


def _overrides_check(rule: Rule) -> bool:
    return type(rule).check_input is not Rule.check_input


class CompiledStatute:
    """A statute version compiled (see the module's description). Build it with :func:`compiled`."""

    def __init__(self, version: Statute, guards: tuple[Guard, ...], tree: _Test | Outcome,
                 automaton: Automaton) -> None:
        self.version = version
        self.name = version.name
        self.guards = guards
        self.tree = tree
        self.automaton = automaton
        names: dict[str, object] = {}
        self.outcomes: list[Outcome] = []
        self.source = _tree_source(tree, guards, names, self.outcomes)
        """The decision tree as Python source: ``decide(a, h)`` for an assessment ``a`` and the answers ``h`` of
        the rules with memory. The tables ``T<guard>`` hold each guard's value by the findings it reads."""
        self._names = names
        namespace: dict[str, Any] = {"__builtins__": {}}
        exec(compile(self.source, f"<tipranking compiled {version.name}>", "exec"), namespace)
        self._code: types.CodeType = namespace["decide"].__code__
        self._checking = _rules_checking(version)
        self._years: dict[int, _Year] = {}
        self._walks: dict[tuple[History, int], int] = {}
        self._reads: tuple[tuple[str, tuple[str, ...]], ...] | None = None

    def year(self, report_year: int) -> _Year:
        """The decision function, guard tables and input checks for ``report_year``."""
        found = self._years.get(report_year)
        if found is None:
            template = Assessment("(compiled)", report_year, MinimumStandards())
            namespace: dict[str, Any] = {"__builtins__": {}, **self._names}
            for guard in self.guards:
                if guard.memory is None:
                    namespace[f"T{guard.index}"] = _Table(guard, template, self.version.clock)
            decide = types.FunctionType(self._code, namespace, f"decide_{report_year}")
            empty = self.automaton.holds[self.automaton.walk({}, report_year)]
            found = self._years[report_year] = _Year(decide, self._checks_for(report_year), empty)
        return found

    def _checks_for(self, report_year: int) -> tuple[Callable[[Assessment], None], ...]:
        """The rules' input checks that refuse something in ``report_year`` (see :func:`_refuses`)."""
        return tuple(r.check_input for r in self._checking if _refuses(r, report_year))

    def walk(self, past: History, report_year: int) -> int:
        """The automaton's state for a history with no uncertain year that matters."""
        key = (past, report_year)
        state = self._walks.get(key)
        if state is None:
            if len(self._walks) >= 65536:
                self._walks.clear()
            state = self._walks[key] = self.automaton.walk({p.report_year: p.tier for p in past.placements},
                                                           report_year)
        return state

    def outcome(self, assessment: Assessment, state: int = 0) -> Outcome:
        """The leaf of the tree ``assessment`` reaches with the automaton in ``state`` (no input checks)."""
        return self.year(assessment.report_year).decide(assessment, self.automaton.holds[state])

    def place(self, assessment: Assessment, history: History | None) -> Placement:
        year = assessment.report_year
        at = self._years.get(year) or self.year(year)
        for check in at.checks:
            check(assessment)
        if history is None:
            past = NO_HISTORY
            leaf = at.decide(assessment, at.empty)
        else:
            if history.country != assessment.country and not same_government(history.country, assessment.country):
                raise HistoryError("history.country", history.country,
                                   f"the history is not of the assessed country {assessment.country!r}")
            past = history.before(year)
            years = self.version.uncertain_years_that_matter(past, year)
            if years:
                return self._uncertain(assessment, past, years, at)
            leaf = at.decide(assessment, self.automaton.holds[self.walk(past, year)])
        if leaf.tier is not None:
            return Placement._decided(assessment.country, year, leaf.tier, self.name,
                                      Deferred((_explain, self.version, assessment, past)), leaf.events, leaf.only,
                                      Deferred((_decider, self.version, assessment, past,
                                                self.guards[leaf.decider].rule)) if leaf.decider is not None
                                      else None)
        if leaf.error is not None:
            leaf.raise_error(self.version, assessment)
        return self._enumerate(assessment, past, Grid(self.automaton, past, year, ()), at, partial=True)

    def guard_value(self, guard: Guard, report_year: int, values: Sequence[bool | None]) -> bool | None:
        """What a guard without memory says in ``report_year`` when the findings it reads (``guard.paths``) have
        ``values``: the entries of its table, for batch placing (:func:`tipranking.formats.frames.place_frame`)."""
        template = Assessment("(compiled)", report_year, MinimumStandards())
        return _guard_value(guard, template, self.version.clock, values)

    def leaf_of(self, values: Sequence[bool | None]) -> Outcome:
        """The leaf of the tree when each guard (in the order of ``guards``) has the value in ``values``."""
        node = self.tree
        while isinstance(node, _Test):
            wanted = values[node.guard]
            node = next((sub for value, sub in node.branches if value is wanted), node.branches[-1][1])
        return node

    def leaf(self, assessment: Assessment, history: History | None) -> Outcome | Placement:
        """What :meth:`place` does, stopping short of the :class:`Placement` when the tree decides the tier: the
        leaf (the placement is then ``self.placement(assessment, history, leaf)``); otherwise the placement."""
        year = assessment.report_year
        at = self._years.get(year) or self.year(year)
        for check in at.checks:
            check(assessment)
        if history is None:
            leaf = at.decide(assessment, at.empty)
        else:
            if history.country != assessment.country or history.unknown_years or history.partial:
                return self.place(assessment, history)
            leaf = at.decide(assessment, self.automaton.holds[self.walk(history.before(year), year)])
        return leaf if leaf.tier is not None else self.place(assessment, history)

    def placement(self, assessment: Assessment, history: History | None, leaf: Outcome) -> Placement:
        """The placement of a decided ``leaf`` (from :meth:`leaf`), its explanation deferred."""
        past = NO_HISTORY if history is None else history.before(assessment.report_year)
        assert leaf.tier is not None
        return Placement._decided(assessment.country, assessment.report_year, leaf.tier, self.name,
                                  Deferred((_explain, self.version, assessment, past)), leaf.events, leaf.only,
                                  Deferred((_decider, self.version, assessment, past,
                                            self.guards[leaf.decider].rule)) if leaf.decider is not None else None)

    def _uncertain(self, assessment: Assessment, past: History, years: list[int], at: _Year) -> Placement:
        """Uncertain years matter: decided without a rule with memory, or every completion considered."""
        grid = Grid(self.automaton, past, assessment.report_year, years)
        plain = at.decide(assessment, self.automaton.holds[self.walk(past, assessment.report_year)])
        if plain.error is not None and plain.undecided is None:
            plain.raise_error(self.version, assessment)
        if plain.tier is not None and not any(self.guards[i].memory is not None for i in plain.evaluated):
            deferred = Deferred((_explain, self.version, assessment, past.resolve(dict.fromkeys(years))))
            return Placement(assessment.country, assessment.report_year, plain.tier, self.name, deferred, deferred,
                             plain.events, irrelevant=tuple(f"history.{y}" for y in years))
        return self._enumerate(assessment, past, grid, at, partial=False)

    def _read_paths(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if self._reads is None:
            out: dict[str, list[str]] = {}
            for rule in self.version.rules():
                provision = rule.provision
                for path in rule.reads:
                    cites = out.setdefault(path, [])
                    if provision is not None and provision.citation not in cites:
                        cites.append(provision.citation)
            self._reads = tuple((k, tuple(v)) for k, v in out.items())
        return self._reads

    def _enumerate(self, assessment: Assessment, past: History, grid: Grid, at: _Year, *,
                   partial: bool) -> Placement:
        """Every completion of the unknown findings the rules read and of the uncertain years: the possible tiers,
        the unknowns that decide, and what each of their values leads to (see :mod:`tipranking.interpreter`,
        whose answer this is, computed over sets of automaton states instead of completions)."""
        holds = self.automaton.holds
        years = [grid.steps[k][0] for k in grid.positions]
        unknown = {path: cites for path, cites in self._read_paths() if findings.value(assessment, path) is None}
        fields = list(unknown)
        unread: list[str] = []
        if years and fields:
            stuck = grid.first(lambda s: _stops(at.decide(assessment, holds[s])))
            if stuck is None:
                unread, fields = fields, []
            else:
                at.decide(assessment, holds[stuck]).raise_error(self.version, assessment)
        if 2 ** len(fields) > MAX_COMPLETIONS:
            raise MissingFindingError("findings", fields + [f"history.{y}" for y in years],
                                      f"{2 ** len(fields)} completions of the unknown findings; state some of them "
                                      f"(at most {MAX_COMPLETIONS} are enumerated)")
        finals = sorted(grid.finals)
        filled: list[Assessment] = []
        answers: list[dict[int, Outcome]] = []
        for values in itertools.product((True, False), repeat=len(fields)):
            one = findings.with_values(assessment, dict(zip(fields, values, strict=True))) if fields else assessment
            leaves = {s: at.decide(one, holds[s]) for s in finals}
            if any(leaf.tier is None for leaf in leaves.values()):
                bad = grid.first(lambda s, leaves=leaves: leaves[s].tier is None)  # type: ignore[misc]
                assert bad is not None
                leaf = leaves[bad]
                if leaf.undecided is not None:
                    raise StatuteError(f"statute {self.name!r}: guard {self.guards[leaf.undecided].rule.rule_id!r} "
                                       "reads a finding it does not declare (Rule.reads)")
                leaf.raise_error(self.version, one)
            filled.append(one)
            answers.append(leaves)
        tiers = [{s: leaf.tier for s, leaf in leaves.items()} for leaves in answers]
        n = len(fields)
        deciding: list[DecidingFact] = []
        irrelevant = list(unread)
        for i, path in enumerate(fields):
            flip = 1 << (n - 1 - i)
            matters = any(tiers[c][s] != tiers[c ^ flip][s] for c in range(len(tiers)) if not c & flip for s in finals)
            if matters:
                outcomes = [(value_name(v), frozenset(t for c in range(len(tiers)) if bool(c & flip) is not v
                                                      for t in tiers[c].values() if t is not None))
                            for v in (True, False)]
                deciding.append(DecidingFact(path, tuple((name, ts) for name, ts in outcomes), unknown[path]))
            else:
                irrelevant.append(path)
        decisive: set[int] = set()
        for table in tiers:
            decisive |= grid.decisive(table.__getitem__)
        for k, year in enumerate(years):
            if k in decisive:
                by_mark: dict[str, set[Tier]] = {}
                for table in tiers:
                    for mark, reached in grid.by_value(table.__getitem__, k):
                        by_mark.setdefault(value_name(mark), set()).update(reached)  # type: ignore[arg-type]
                deciding.append(DecidingFact(f"history.{year}", tuple((v, frozenset(t)) for v, t in by_mark.items()),
                                             (AUTOMATIC_DOWNGRADE.citation,)))
            else:
                irrelevant.append(f"history.{year}")
        possible = frozenset(t for table in tiers for t in table.values() if t is not None)
        kinds = {(leaf.events, leaf.citation) for leaves in answers for leaf in leaves.values()}
        first_state = grid.first()
        assert first_state is not None
        first = answers[0][first_state]
        witness = past.resolve({y: _MARKS[grid.steps[k][1][0]] for k, y in zip(grid.positions, years,
                                                                               strict=True)}) if years else past
        if len(possible) == 1 and len(kinds) == 1:
            deferred = Deferred((_explain_first, self.version, assessment, past, filled[0], witness, partial))
            return Placement(assessment.country, assessment.report_year, first.tier, self.name, deferred, deferred,
                             first.events, irrelevant=tuple(irrelevant))
        found: Any = Deferred((_explain_open, self.version, assessment, past)) if partial else ()
        return Placement(assessment.country, assessment.report_year, None, self.name, found, None, (), possible,
                         tuple(deciding), tuple(irrelevant))


def _stops(leaf: Outcome) -> bool:
    return leaf.tier is None


def _explain(version: Statute, assessment: Assessment, past: History) -> tuple[tuple[Finding, ...], Finding | None]:
    placement = run(assessment, past, version)
    return placement.findings, placement.decided_by


def _decider(version: Statute, assessment: Assessment, past: History, guard: Rule) -> Finding:
    """The deciding finding of a decided leaf alone: what a ``When`` takes as deciding is the last finding its
    condition records, and rules read only the case, so the guard evaluated by itself records the same one."""
    trace = Trace()
    guard.evaluate(Case(assessment, past, version.clock), trace)
    return trace.findings[-1]


def _explain_first(version: Statute, assessment: Assessment, past: History, first: Assessment, witness: History,
                   partial: bool) -> tuple[tuple[Finding, ...], Finding | None]:
    placement = run(first, witness, version)
    if partial:
        return partial_findings(assessment, past, version) or placement.findings, placement.decided_by
    return placement.findings, placement.decided_by


def _explain_open(version: Statute, assessment: Assessment, past: History) -> tuple[tuple[Finding, ...], None]:
    return partial_findings(assessment, past, version), None


# --------------------------------------------------------------------------- building


_COMPILED: dict[Statute, CompiledStatute | None] = {}
IN_FORCE: dict[int, CompiledStatute] = {}
"""The compiled statute in force for each report year, for ``place``'s shortest path (kept with the rest)."""


def forget() -> None:
    """Forget every compiled statute (they are rebuilt when next used): a cold start, for benchmarks."""
    _COMPILED.clear()
    IN_FORCE.clear()
    _probes.cache_clear()
    _refuses.cache_clear()


def compiled(version: Statute) -> CompiledStatute | None:
    """``version`` compiled, built on first use and kept; ``None`` if its rule tree holds something that cannot
    be compiled (a decision class with ``compilable`` false, a rule with memory without a machine, or a rule
    with memory inside a larger guard): ``place`` then runs the rule tree."""
    try:
        return _COMPILED[version]
    except KeyError:
        pass
    if len(_COMPILED) >= 256:
        forget()
    result = _COMPILED[version] = _compile(version)
    return result


def _compile(version: Statute) -> CompiledStatute | None:
    pipeline = version.pipeline
    if not all(d.compilable for d in _decisions(pipeline)):
        return None
    rules: dict[int, Rule] = {}
    for rule in pipeline.guards():
        rules.setdefault(id(rule), rule)
    machines: list[Machine] = []
    guards: list[Guard] = []
    for index, rule in enumerate(rules.values()):
        inside = list(rule.walk())
        memory: int | None = None
        if rule.reads_history:
            if version.clock is None:
                return None
            machine = rule.machine(version.clock)
            if machine is None:
                return None
            memory = len(machines)
            machines.append(machine)
        elif any(r.reads_history for r in inside):
            return None
        guards.append(Guard(index, rule, _ordered_union(r.reads for r in inside), memory))
    inside_guards = {id(r) for rule in rules.values() for r in rule.walk()}
    if any(r.reads_history for r in version.rules() if id(r) not in inside_guards):
        return None  # evidence with memory: its finding would show whether the history was read
    index_of = {key: i for i, key in enumerate(rules)}
    explorer = _Explorer()
    oracles = {key: _Oracle(index_of[key], explorer, _recorder(rule) is not None) for key, rule in rules.items()}
    silent = _Silent()
    mapped = pipeline.map_rules(lambda r: oracles.get(id(r), silent))
    case = Case(Assessment("(exploring)", version.first_report_year, MinimumStandards()), NO_HISTORY, None)

    def explore(values: dict[int, bool | None]) -> _Test | Outcome:
        explorer.values = values
        trace = Trace()
        evaluated = frozenset(values)
        try:
            verdict = mapped.decide(case, trace)
        except _Branch as branch:
            i = branch.index
            options: tuple[bool | None, ...] = (True, False) if guards[i].memory is not None else (True, False, None)
            return _Test(i, tuple((v, explore({**values, i: v})) for v in options))
        except Undecided as stop:
            assert isinstance(stop.rule, _Oracle)
            return Outcome(None, (), None, "", "", evaluated, undecided=stop.rule.index)
        except RuleConflictError as err:
            return Outcome(None, (), None, "", "", evaluated, error="conflict", message=str(err.args[0]))
        if verdict is None or verdict.decided_by is None:
            return Outcome(None, (), None, "", "", evaluated, error="no_tier")
        decider = int(verdict.decided_by.rule.removeprefix(_MARK))
        recorder = _recorder(guards[decider].rule)
        assert recorder is not None
        provision = recorder.provision
        citation = provision.citation if provision is not None else ""
        return Outcome(verdict.tier, tuple(trace.events), decider, citation, recorder.rule_id, evaluated)

    tree = explore({})
    clock = version.clock
    automaton = Automaton(machines, clock.counts_from if clock is not None else LAST_KNOWN_REPORT_YEAR)
    return CompiledStatute(version, tuple(guards), tree, automaton)
