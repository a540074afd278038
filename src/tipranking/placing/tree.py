"""A statute's pipeline as a decision tree over its guards, and the tree written out as Python.

The *guards* of a pipeline are the conditions of its ``When`` nodes (Special Case, the policy-or-pattern proof,
full compliance, significant efforts, the Watch List criteria, the clock, the waiver, the post-waiver limit).
:func:`explore` runs the pipeline with each guard replaced by an oracle, branching on every value the guard can
take (true, false, unknown; true or false for a rule with memory): each leaf (:class:`Outcome`) is what the
pipeline does on that path -- the tier, the guard whose finding decides, the events -- or the guard it stopped
at, unknown. :func:`tree_source` writes the tree as a Python function, and :func:`entry_source` a function per
leaf giving its *decision-table entry*: the values of the facts its explanation depends on. Generated source is
registered with :mod:`linecache` (:func:`compile_source`), so a traceback through it shows its lines.

A guard's value depends only on the facts its rules read (``Rule.reads``) and the report year:
:class:`GuardTable` keeps, per report year, a table from those facts' values to the guard's value, filled by
running the guard on the first assessment that shows each combination (:func:`guard_value`).
"""

from __future__ import annotations

import itertools
import linecache
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

import tipranking.facts as facts
from tipranking.assessment import Assessment, MinimumStandards, PolicyOrPattern
from tipranking.errors import RuleConflictError, StatuteError
from tipranking.placing.interpreter import NO_HISTORY, no_tier_message
from tipranking.rules.base import Case, Decision, Event, Finding, Rule, Trace, Undecided
from tipranking.rules.clock import WatchListClock
from tipranking.statute import Statute
from tipranking.tiers import Tier

__all__ = ["Explored", "Guard", "GuardTable", "Node", "Outcome", "compile_source", "entry_source", "explore",
           "fact_source", "guard_value", "key_source", "tree_source"]


@attrs.frozen(slots=True)
class Guard:
    """One guard of the pipeline: the rule, the facts it reads, and (for a rule with memory) its place among
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
    index: int = attrs.field(default=0, eq=False)
    """The leaf's number in the tree (depth first), by which a compiled statute finds its explanations."""
    steps: tuple[int, ...] = attrs.field(default=(), eq=False)
    """The rule evaluations that record findings on the way to a decided leaf, in order: a guard by its index,
    an evidence rule by ``len(guards)`` + its number (:attr:`Explored.steps`). The leaf's explanation is their
    findings, one after the other."""
    decided_at: int = attrs.field(default=-1, eq=False)
    """The position in ``steps`` of the evaluation whose last finding decides."""
    only: frozenset[Tier] = attrs.field(init=False, eq=False, repr=False, default=attrs.Factory(
        lambda self: frozenset() if self.tier is None else frozenset({self.tier}), takes_self=True))
    """``{tier}`` (the possible tiers of a decided placement), made once per leaf."""

    def raise_error(self, version: Statute, assessment: Assessment) -> None:
        """Raise the statute error this leaf stands for (nothing for a decided or undecided leaf)."""
        if self.error == "conflict":
            raise RuleConflictError(self.message)
        if self.error is not None:
            raise StatuteError(no_tier_message(version, assessment))


@attrs.frozen(slots=True)
class Node:
    """A test of the decision tree: the guard asked, and the subtree for each of its values (the last one also
    taken for a value not listed)."""

    guard: int
    branches: tuple[tuple[bool | None, Node | Outcome], ...]

    def leaf(self, values: Sequence[bool | None]) -> Outcome:
        """The leaf reached when each guard (by index) has the value in ``values``."""
        node: Node | Outcome = self
        while isinstance(node, Node):
            wanted = values[node.guard]
            node = next((sub for value, sub in node.branches if value is wanted), node.branches[-1][1])
        return node


class _Branch(Exception):
    def __init__(self, index: int) -> None:
        self.index = index
        super().__init__(index)


_ASK = object()
_MARK = "#step:"


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
    """An evidence rule during exploration: evidence never chooses a branch; it marks where it is evaluated
    (``step`` is its number among the steps, after the guards)."""

    __slots__ = ("step",)

    def __init__(self, step: int) -> None:
        self.step = step

    @property
    def rule_id(self) -> str:
        return ""

    @property
    def title(self) -> str:
        return "evidence"

    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        trace.findings.append(Finding(f"{_MARK}{self.step}", "", True, ""))
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


class GuardTable(dict[Any, Any]):
    """A guard's values for one report year, by the values of the facts it reads (the key :func:`key_source`
    writes); filled on first sight."""

    __slots__ = ("clock", "guard", "template")

    def __init__(self, guard: Guard, template: Assessment, clock: WatchListClock | None) -> None:
        super().__init__()
        self.guard, self.template, self.clock = guard, template, clock

    def __missing__(self, key: Any) -> bool | None:
        if isinstance(key, frozenset):  # the kinds of policy or pattern documented
            values = tuple(facts.lookup(p).name in {k.value for k in key} for p in self.guard.paths)
        else:
            values = (key,) if len(self.guard.paths) == 1 else key
        value = self[key] = guard_value(self.guard, self.template, self.clock, values)
        return value


def guard_value(guard: Guard, template: Assessment, clock: WatchListClock | None,
                values: Sequence[bool | None]) -> bool | None:
    """What ``guard`` says when the facts it reads have ``values`` (in the order of ``guard.paths``)."""
    filled = facts.with_values(template, dict(zip(guard.paths, values, strict=True)))  # type: ignore[arg-type]
    return guard.rule.evaluate(Case(filled, NO_HISTORY, clock), Trace())


def key_source(guard: Guard, names: dict[str, object]) -> str:
    """A Python expression for the key of ``guard``'s table: the values of the facts it reads."""
    catalogue = [facts.lookup(p) for p in guard.paths]
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
    parts = [fact_source(f.path, names) for f in catalogue]
    return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ",)"


def fact_source(path: str, names: dict[str, object]) -> str:
    """A Python expression for the value of the fact ``path`` of an assessment ``a`` (what the rules see: the
    absent value for a fact of a group the assessment does not state); the constants it needs go in
    ``names``."""
    f = facts.lookup(path)
    if f.kind == "documented":
        names[f"K_{f.name}"] = PolicyOrPattern(f.name)
        return f"(K_{f.name} in a.policy_or_pattern)"
    if f.group is None:
        return f"a.{f.name}"
    names[f"M_{f.group}_{f.name}"] = f.absent
    return f"(M_{f.group}_{f.name} if a.{f.group} is None else a.{f.group}.{f.name})"


def tree_source(tree: Node | Outcome, guards: Sequence[Guard], names: dict[str, object],
                outcomes: list[Outcome]) -> str:
    """The tree as the source of ``decide(a, h)``, for an assessment ``a`` and the answers ``h`` of the rules
    with memory, returning the leaf; the leaves are bound to names ``O<n>`` in ``names`` and listed in
    ``outcomes``, and each guard's table is ``T<guard>``."""
    lines = ["def decide(a, h):"]

    def emit(node: Node | Outcome, depth: int) -> None:
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
            lines.append(f"{pad}{var} = T{guard.index}[{key_source(guard, names)}]")
        for n, (value, branch) in enumerate(node.branches):
            last = n == len(node.branches) - 1
            if last and n > 0:
                lines.append(f"{pad}else:")
            else:
                lines.append(f"{pad}{'if' if n == 0 else 'elif'} {var} is {value!r}:")
            emit(branch, depth + 1)

    emit(tree, 1)
    return "\n".join(lines) + "\n"


def entry_source(leaf: Outcome, steps: Sequence[Guard], names: dict[str, object]) -> str:
    """The source of ``entry<n>(a, h)`` for the decided ``leaf`` number ``n``, for an assessment ``a`` and the
    history ``h`` before its report year: one key per step of the leaf (:attr:`Outcome.steps`) -- the values
    of the facts the step's rules read or show, or the history for a rule with memory. With the report year
    they fix the leaf's explanation: the assessment's *decision-table entry*."""
    keys = ", ".join("h" if steps[i].memory is not None else key_source(steps[i], names) for i in leaf.steps)
    return f"def entry{leaf.index}(a, h):\n    return ({keys}{',' if leaf.steps else ''})\n"


def compile_source(source: str, name: str, namespace: dict[str, Any]) -> None:
    """Run the generated ``source`` in ``namespace``, registering it with :mod:`linecache` under ``name`` so a
    traceback through it shows its lines (as attrs does for the methods it writes)."""
    filename = f"<tipranking {name}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(compile(source, filename, "exec"), namespace)


@attrs.frozen(slots=True)
class Explored:
    """What :func:`explore` finds in a statute's pipeline: its guards, the decision tree over them (leaves
    numbered depth first, ``leaves`` of them), the machines of its rules with memory, in the order of
    ``Guard.memory``, and the *steps*: every rule evaluation that can record findings, the guards (by index)
    then the evidence rules, each with every fact its rules read or show (``Rule.reads``, ``Rule.shows``) as
    its ``paths``: what its findings depend on."""

    guards: tuple[Guard, ...]
    tree: Node | Outcome
    machines: tuple[Any, ...]
    steps: tuple[Guard, ...]
    leaves: int


def explore(version: Statute) -> Explored | None:
    """The decision tree of ``version``'s pipeline; ``None`` if its rule tree holds something the tree cannot
    see through: a decision class with ``compilable`` false, a rule with memory without a machine
    (``Rule.machine``), or a rule with memory inside a larger guard or outside every guard."""
    pipeline = version.pipeline
    if not all(d.compilable for d in _decisions(pipeline)):
        return None
    rules: dict[int, Rule] = {}
    for rule in pipeline.guards():
        rules.setdefault(id(rule), rule)
    machines: list[Any] = []
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
    outside = [r for r in version.rules() if id(r) not in inside_guards]
    if any(r.reads_history for r in outside):
        return None  # evidence with memory: its finding would show whether the history was read
    index_of = {key: i for i, key in enumerate(rules)}
    explorer = _Explorer()
    oracles: dict[int, Rule] = {key: _Oracle(index_of[key], explorer, _recorder(rule) is not None)
                                for key, rule in rules.items()}
    evidence: list[Rule] = []

    def stand_in(rule: Rule) -> Rule:
        found = oracles.get(id(rule))
        if found is None:  # an evidence rule (the pipeline maps only its guards and its evidence)
            found = oracles[id(rule)] = _Silent(len(guards) + len(evidence))
            evidence.append(rule)
        return found

    mapped = pipeline.map_rules(stand_in)
    steps = tuple(Guard(g.index, g.rule, _ordered_union([g.paths, *(r.shows for r in g.rule.walk())]), g.memory)
                  for g in guards) + tuple(
        Guard(len(guards) + k, rule, _ordered_union([*(r.reads for r in rule.walk()), *(r.shows for r in rule.walk())]),
              None) for k, rule in enumerate(evidence))
    case = Case(Assessment("(exploring)", version.first_report_year, MinimumStandards()), NO_HISTORY, None)
    numbers = itertools.count()

    def explore_from(values: dict[int, bool | None]) -> Node | Outcome:
        explorer.values = values
        trace = Trace()
        evaluated = frozenset(values)
        try:
            verdict = mapped.decide(case, trace)
        except _Branch as branch:
            i = branch.index
            options: tuple[bool | None, ...] = (True, False) if guards[i].memory is not None else (True, False, None)
            return Node(i, tuple((v, explore_from({**values, i: v})) for v in options))
        except Undecided as stop:
            assert isinstance(stop.rule, _Oracle)
            return Outcome(None, (), None, "", "", evaluated, undecided=stop.rule.index, index=next(numbers))
        except RuleConflictError as err:
            return Outcome(None, (), None, "", "", evaluated, error="conflict", message=str(err.args[0]),
                           index=next(numbers))
        if verdict is None or verdict.decided_by is None:
            return Outcome(None, (), None, "", "", evaluated, error="no_tier", index=next(numbers))
        decider = int(verdict.decided_by.rule.removeprefix(_MARK))
        recorder = _recorder(guards[decider].rule)
        assert recorder is not None
        provision = recorder.provision
        citation = provision.citation if provision is not None else ""
        marks = [f for f in trace.findings if f.rule.startswith(_MARK)]
        return Outcome(verdict.tier, tuple(trace.events), decider, citation, recorder.rule_id, evaluated,
                       index=next(numbers), steps=tuple(int(f.rule.removeprefix(_MARK)) for f in marks),
                       decided_at=next(i for i, f in enumerate(marks) if f is verdict.decided_by))

    tree = explore_from({})
    return Explored(tuple(guards), tree, tuple(machines), steps, next(numbers))
