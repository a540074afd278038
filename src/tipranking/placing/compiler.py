"""Each statute version compiled: a decision tree over its guards, its rules with memory as one automaton, and
its explanations shared by decision-table entry.

The rule tree of :mod:`tipranking.rules` is the law as written, and running it builds every cited finding.
Placing needs less at first -- the tier, the possible tiers, which unknowns decide -- and
:class:`CompiledStatute` answers that from structures derived from the rule objects (never written by hand),
built once per statute version, when it is first used:

* **The decision tree** (:mod:`tipranking.placing.tree`): the pipeline explored over the values of its guards,
  written out as a Python function (:attr:`CompiledStatute.source`), so a placement is a handful of
  comparisons, with a table per guard and report year from the values of the facts it reads to its value.
* **The Watch List automaton** (:mod:`tipranking.placing.automaton`): the product of the machines of the rules
  with memory, enumerated over the report years. A known history is one walk through it; a history with
  unknown years carries the *set* of states reachable year by year, so the cost grows linearly with the
  number of unknown years.
* **Explanations** -- every finding, with its reason and citation -- are built from the rule tree when a
  placement's findings are first read, once per report year and *decision-table entry*: the leaf reached and
  the values of the facts the guards met on the way (and the evidence) read, with the history if a rule with
  memory was met. Placements of the same entry share one :class:`~tipranking.placing.Explanation`.

A statute whose rule tree holds a decision or a rule with memory the tree cannot see through (see
``Decision.compilable`` and ``Rule.machine``) is not compiled: :func:`compiled` returns ``None`` and ``place``
runs the tree (:mod:`tipranking.placing.interpreter`). ``tests/test_compiled.py`` checks compiled ==
interpreted.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Sequence
from typing import Any

from tipranking.assessment import Assessment, History, MinimumStandards
from tipranking.countries import same_government
from tipranking.errors import HistoryError, StatuteError
from tipranking.placing.automaton import MARKS, Automaton, Grid
from tipranking.placing.checks import checks_for, forget_checks, rules_checking
from tipranking.placing.interpreter import NO_HISTORY, explanation, partial_findings, run
from tipranking.placing.placement import (
    DecidingFact,
    Explanation,
    Later,
    Pending,
    Placement,
    pending_placement,
)
from tipranking.placing.tree import (
    Explored,
    Guard,
    GuardTable,
    Node,
    Outcome,
    compile_source,
    entry_source,
    explore,
    guard_value,
    tree_source,
)
from tipranking.placing.unknowns import (
    deciding_positions,
    fact_completions,
    reads,
    too_many,
    unknown_fields,
    value_name,
)
from tipranking.provisions import AUTOMATIC_DOWNGRADE, LAST_KNOWN_REPORT_YEAR
from tipranking.rules.base import Case, Finding, Rule, Trace
from tipranking.rules.clock import WatchListClock
from tipranking.statute import Statute
from tipranking.tiers import Tier

__all__ = ["IN_FORCE", "CompiledStatute", "LeafExplanations", "Segments", "YearCode", "compiled", "forget"]

_ENTRIES = 65536
"""The most explanations (and segments of explanations) kept per leaf or step and report year; then it starts
again."""


class Segments:
    """The findings each step (a guard or an evidence rule, :attr:`~tipranking.placing.tree.Outcome.steps`)
    records in one report year, by its key: the rule evaluated by itself on the first assessment (and history)
    that shows each key. Rules read only the case, so a rule records the same findings inside the pipeline as
    alone."""

    __slots__ = ("built", "clock", "rules")

    def __init__(self, rules: Sequence[Rule], clock: WatchListClock | None) -> None:
        self.rules, self.clock = tuple(rules), clock
        self.built: list[dict[object, tuple[Finding, ...]]] = [{} for _ in self.rules]

    def of(self, step: int, key: object, assessment: Assessment, past: History) -> tuple[Finding, ...]:
        """The findings of ``step`` for an assessment (and history) whose key for it is ``key``."""
        built = self.built[step]
        found = built.get(key)
        if found is None:
            if len(built) >= _ENTRIES:
                built.clear()
            trace = Trace()
            self.rules[step].evaluate(Case(assessment, past, self.clock), trace)
            found = built[key] = tuple(trace.findings)
        return found


class LeafExplanations(Pending):
    """The explanations of the assessments reaching one decided leaf in one report year, by decision-table
    entry: what a placement of that leaf holds until its findings are read. The source it is given is the
    assessment, or ``(assessment, past)`` with a history. An entry seen for the first time is put together from
    the findings of its steps (:class:`Segments`), each built once per key."""

    __slots__ = ("built", "citation", "decided_at", "entry", "segments", "steps")

    def __init__(self, leaf: Outcome, entry: Callable[[Assessment, History], tuple[object, ...]],
                 segments: Segments) -> None:
        self.citation, self.entry, self.segments = leaf.citation, entry, segments
        self.steps, self.decided_at = leaf.steps, leaf.decided_at
        self.built: dict[object, Explanation] = {}

    def explanation(self, source: Any, report_year: int) -> Explanation:
        if source.__class__ is tuple:
            assessment, past = source
        else:
            assessment, past = source, NO_HISTORY
        key = self.entry(assessment, past)
        found = self.built.get(key)
        if found is None:
            if len(self.built) >= _ENTRIES:
                self.built.clear()
            of = self.segments.of
            parts = [of(step, part, assessment, past) for step, part in zip(self.steps, key, strict=True)]
            found = self.built[key] = Explanation(tuple(f for part in parts for f in part),
                                                  parts[self.decided_at][-1])
        return found


class YearCode:
    """What a compiled statute needs for one report year: the decision function (its guard tables filled as
    they are asked), the input checks that refuse something that year, the answers of the rules with memory
    for an empty history, the explanations of each leaf (by ``Outcome.index``; ``None`` for a leaf that
    decides nothing), and ``place_plain``: :meth:`CompiledStatute.place` of an assessment without a history,
    its shortest path."""

    __slots__ = ("checks", "compiled", "decide", "empty", "explanations", "place_plain")

    def __init__(self, code: CompiledStatute, decide: Callable[[Assessment, tuple[bool, ...]], Outcome],
                 checks: tuple[Callable[[Assessment], None], ...], empty: tuple[bool, ...],
                 explanations: list[LeafExplanations | None]) -> None:
        self.compiled, self.decide, self.checks, self.empty, self.explanations = (code, decide, checks, empty,
                                                                                 explanations)
        self.place_plain = _plain(code, decide, checks, empty, explanations)


def _plain(code: CompiledStatute, decide: Callable[[Assessment, tuple[bool, ...]], Outcome],
           checks: tuple[Callable[[Assessment], None], ...], empty: tuple[bool, ...],
           explanations: list[LeafExplanations | None]) -> Callable[[Assessment], Placement]:
    """The placement of an assessment of one report year without a history: the tree's leaf, and the placement
    it decides with its explanation pending; anything else as :meth:`CompiledStatute.place` does it. (A
    closure over the year's parts: the call ``place`` makes most often, so no attribute is looked up twice.)"""
    name = code.name
    place = code.place

    def place_plain(assessment: Assessment) -> Placement:
        for check in checks:
            check(assessment)
        leaf = decide(assessment, empty)
        tier = leaf.tier
        if tier is None:
            return place(assessment, None)
        explained: Any = explanations[leaf.index]
        return pending_placement(assessment.country, assessment.report_year, tier, name, explained, assessment,
                                 leaf.events, leaf.only)

    return place_plain


class CompiledStatute:
    """A statute version compiled (see the module's description). Build it with :func:`compiled`."""

    def __init__(self, version: Statute, explored: Explored, automaton: Automaton) -> None:
        self.version = version
        self.name = version.name
        self.guards = explored.guards
        self.tree = explored.tree
        self.automaton = automaton
        names: dict[str, object] = {}
        self.outcomes: list[Outcome] = []
        self.source = tree_source(self.tree, self.guards, names, self.outcomes)
        """The decision tree as Python source: ``decide(a, h)`` for an assessment ``a`` and the answers ``h`` of
        the rules with memory, returning the leaf. The tables ``T<guard>`` hold each guard's value by the facts
        it reads; below it, ``entry<n>(a)`` gives the decision-table entry of an assessment reaching leaf ``n``."""
        decided = [leaf for leaf in self.outcomes if leaf.tier is not None]
        self.source += "".join("\n\n" + entry_source(leaf, explored.steps, names) for leaf in decided)
        self._names = names
        namespace: dict[str, Any] = {"__builtins__": {}, **names}
        compile_source(self.source, f"compiled {version.name}", namespace)
        self._code: types.CodeType = namespace["decide"].__code__
        self._entries: list[tuple[Outcome, Callable[[Assessment, History], tuple[object, ...]]]] = [
            (leaf, namespace[f"entry{leaf.index}"]) for leaf in decided]
        self._steps = tuple(step.rule for step in explored.steps)
        self._leaves = explored.leaves
        self._checking = rules_checking(version)
        self._years: dict[int, YearCode] = {}
        self._walks: dict[tuple[History, int], int] = {}

    def year(self, report_year: int) -> YearCode:
        """The decision function, guard tables, input checks and explanations for ``report_year``."""
        found = self._years.get(report_year)
        if found is None:
            template = Assessment("(compiled)", report_year, MinimumStandards())
            namespace: dict[str, Any] = {"__builtins__": {}, **self._names}
            for guard in self.guards:
                if guard.memory is None:
                    namespace[f"T{guard.index}"] = GuardTable(guard, template, self.version.clock)
            decide = types.FunctionType(self._code, namespace, f"decide_{report_year}")
            empty = self.automaton.holds[self.automaton.walk({}, report_year)]
            explanations: list[LeafExplanations | None] = [None] * self._leaves
            segments = Segments(self._steps, self.version.clock)
            for leaf, entry in self._entries:
                explanations[leaf.index] = LeafExplanations(leaf, entry, segments)
            checks = checks_for(self.version, self._checking, report_year)
            found = self._years[report_year] = YearCode(self, decide, checks, empty, explanations)
        return found

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

    def states(self, history: History, until: int = LAST_KNOWN_REPORT_YEAR) -> list[int]:
        """The automaton's state before each report year from the clock's first (index 0) to ``until``, for
        ``history``'s known years (:meth:`~tipranking.placing.automaton.Automaton.path`)."""
        return self.automaton.path({p.report_year: p.tier for p in history.placements}, until)

    def state_before(self, states: Sequence[int], report_year: int) -> int:
        """Of ``states`` (from :meth:`states`), the one before ``report_year``."""
        return states[min(max(report_year - self.automaton.counts_from, 0), len(states) - 1)]

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
            explained = at.explanations[leaf.index]
            assert explained is not None
            return pending_placement(assessment.country, year, leaf.tier, self.name, explained,
                                     assessment if history is None else (assessment, past), leaf.events, leaf.only)
        if leaf.error is not None:
            leaf.raise_error(self.version, assessment)
        return self._enumerate(assessment, past, Grid(self.automaton, past, year, ()), at, partial=True)

    def guard_value(self, guard: Guard, report_year: int, values: Sequence[bool | None]) -> bool | None:
        """What a guard without memory says in ``report_year`` when the facts it reads (``guard.paths``) have
        ``values``: the entries of its table, for batch placing and ``diff``."""
        template = Assessment("(compiled)", report_year, MinimumStandards())
        return guard_value(guard, template, self.version.clock, values)

    def leaf_of(self, values: Sequence[bool | None]) -> Outcome:
        """The leaf of the tree when each guard (in the order of ``guards``) has the value in ``values``."""
        return self.tree.leaf(values) if isinstance(self.tree, Node) else self.tree

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
        """The placement of a decided ``leaf`` (from :meth:`leaf`), its explanation shared by entry."""
        year = assessment.report_year
        explained = (self._years.get(year) or self.year(year)).explanations[leaf.index]
        assert leaf.tier is not None and explained is not None
        source = assessment if history is None else (assessment, history.before(year))
        return pending_placement(assessment.country, year, leaf.tier, self.name, explained, source, leaf.events,
                                 leaf.only)

    def _uncertain(self, assessment: Assessment, past: History, years: list[int], at: YearCode) -> Placement:
        """Uncertain years matter: decided without a rule with memory, or every completion considered."""
        grid = Grid(self.automaton, past, assessment.report_year, years)
        plain = at.decide(assessment, self.automaton.holds[self.walk(past, assessment.report_year)])
        if plain.error is not None and plain.undecided is None:
            plain.raise_error(self.version, assessment)
        if plain.tier is not None and not any(self.guards[i].memory is not None for i in plain.evaluated):
            later: Any = Later(explanation, assessment, past.resolve(dict.fromkeys(years)), self.version,
                               citation=plain.citation)
            return Placement(assessment.country, assessment.report_year, plain.tier, self.name, later, None,
                             plain.events, irrelevant=tuple(f"history.{y}" for y in years))
        return self._enumerate(assessment, past, grid, at, partial=False)

    def _enumerate(self, assessment: Assessment, past: History, grid: Grid, at: YearCode, *,
                   partial: bool) -> Placement:
        """Every completion of the unknown facts the rules read and of the uncertain years: the possible tiers,
        the unknowns that decide, and what each of their values leads to (see
        :mod:`tipranking.placing.interpreter`, whose answer this is, computed over sets of automaton states
        instead of completions)."""
        holds = self.automaton.holds
        years = [grid.steps[k][0] for k in grid.positions]
        unknown = unknown_fields(assessment, self.version)
        fields = list(unknown)
        unread: list[str] = []
        if years and fields:
            stuck = grid.first(lambda s: _stops(at.decide(assessment, holds[s])))
            if stuck is None:
                unread, fields = fields, []
            else:
                at.decide(assessment, holds[stuck]).raise_error(self.version, assessment)
        error = too_many(fields, years, 2 ** len(fields))
        if error is not None:
            raise error
        finals = sorted(grid.finals)
        filled: list[Assessment] = []
        answers: list[dict[int, Outcome]] = []
        combos: list[tuple[bool, ...]] = []
        for values, one in fact_completions(assessment, fields):
            leaves = {s: at.decide(one, holds[s]) for s in finals}
            if any(leaf.tier is None for leaf in leaves.values()):
                bad = grid.first(lambda s, leaves=leaves: leaves[s].tier is None)  # type: ignore[misc]
                assert bad is not None
                leaf = leaves[bad]
                if leaf.undecided is not None:
                    raise StatuteError(f"statute {self.name!r}: guard {self.guards[leaf.undecided].rule.rule_id!r} "
                                       "reads a fact it does not declare (Rule.reads)")
                leaf.raise_error(self.version, one)
            filled.append(one)
            answers.append(leaves)
            combos.append(values)
        tiers = [{s: leaf.tier for s, leaf in leaves.items()} for leaves in answers]
        grid_of = {(*values, s): tier for values, table in zip(combos, tiers, strict=True) for s, tier in table.items()}
        matters = deciding_positions(grid_of, len(fields))
        deciding: list[DecidingFact] = []
        irrelevant = list(unread)
        for i, path in enumerate(fields):
            if i in matters:
                outcomes = [(value_name(v), frozenset(t for values, table in zip(combos, tiers, strict=True)
                                                      if values[i] is v for t in table.values() if t is not None))
                            for v in (True, False)]
                deciding.append(DecidingFact(path, tuple(outcomes), unknown[path]))
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
        witness = past.resolve({y: MARKS[grid.steps[k][1][0]] for k, y in zip(grid.positions, years,
                                                                              strict=True)}) if years else past
        if len(possible) == 1 and len(kinds) == 1:
            later: Any = Later(_explain_first, self.version, assessment, past, filled[0], witness, partial,
                               citation=first.citation)
            return Placement(assessment.country, assessment.report_year, first.tier, self.name, later, None,
                             first.events, irrelevant=tuple(irrelevant))
        found: Any = Later(_explain_open, self.version, assessment, past) if partial else ()
        return Placement(assessment.country, assessment.report_year, None, self.name, found, None, (), possible,
                         tuple(deciding), tuple(irrelevant))


def _stops(leaf: Outcome) -> bool:
    return leaf.tier is None


def _explain_first(version: Statute, assessment: Assessment, past: History, first: Assessment, witness: History,
                   partial: bool) -> Explanation:
    placement = run(first, witness, version)
    if partial:
        return Explanation(partial_findings(assessment, past, version) or placement.findings, placement.decided_by)
    return Explanation(placement.findings, placement.decided_by)


def _explain_open(version: Statute, assessment: Assessment, past: History) -> Explanation:
    return Explanation(partial_findings(assessment, past, version), None)


_COMPILED: dict[Statute, CompiledStatute | None] = {}
IN_FORCE: dict[int, YearCode] = {}
"""The compiled statute in force for each report year, as its :class:`YearCode` for that year: ``place``'s
shortest path (kept with the rest)."""


def forget() -> None:
    """Forget every compiled statute, with the explanations each keeps (they are rebuilt when next used), and
    the answers of the input checks: a cold start, for benchmarks."""
    _COMPILED.clear()
    IN_FORCE.clear()
    forget_checks()
    reads.cache_clear()


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
    explored = explore(version)
    if explored is None:
        result = _COMPILED[version] = None
        return result
    clock = version.clock
    automaton = Automaton(explored.machines, clock.counts_from if clock is not None else LAST_KNOWN_REPORT_YEAR)
    made = _COMPILED[version] = CompiledStatute(version, explored, automaton)
    return made
