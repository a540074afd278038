"""``diff``: every kind of case two statute versions place differently, and who in a record would have moved.

What a bill changes is a question about *all* inputs, and the rules' inputs are finite: each finding is
true, false or unknown, and a history matters only through the state of the Watch List automaton
(:mod:`tipranking.placing.compiler`). So two versions can be compared exhaustively, not by sampling:

* **The input space.** The findings the two versions' guards read fall into *components* (findings read by
  a common guard, or refused by one version, belong together). Within a component every combination of
  values is run through both versions' guards; combinations that no version tells apart are one point. A
  component is described by the guards' answers ("fully complies with the minimum standards: no") when
  those answers say all that matters, otherwise by the findings themselves ("watch_list.
  commitments_for_next_year: true or false"). The history is described by the answers of the rules with
  memory on each side ("a waiver of the downgrade is still available [tvpra-2008]: yes"), over every state
  the two automata can reach together before the report year.
* **Placing.** Each point is placed by :func:`tipranking.place` under each version (a representative
  assessment and history; points that look alike to one version share its answer). Two versions place a
  point differently when the tier, or the set of possible tiers, differs, or when one of them refuses the
  input and the other places it. A different citation for the same tier is not a difference; an input
  both versions refuse (a finding neither has) is outside the comparison.
* **Classes.** The differing points are grouped by *kind* -- the answer under each version, with the
  provisions responsible -- and each kind is covered by disjoint conjunctions of conditions, grown one after
  another from the kind's first input not yet covered, each as wide as the kind's uncovered inputs allow:
  no condition of a class can be dropped without taking in an input placed alike, placed differently in
  another way, or already in an earlier class of its kind. (Disjoint classes cannot all be prime
  implicants: "x or y" has two, and they overlap; the first class of each kind is one.) Every differing
  input lies in exactly one class.
* **Replay.** Over a record of real placements (by default the bundled one), each government and report
  year whose set of lawful tiers (:func:`tipranking.analysis.outlook.outlook`) differs between the versions,
  with each side's reason.

>>> d = diff("tvpra-2019", "tvpra-2019+f-every-return", record=None)
>>> len(d.classes) > 0, d.report_year
(True, 2019)
"""

from __future__ import annotations

import functools
import itertools
import os
import runpy
import traceback
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

import tipranking.findings as findings
from tipranking.analysis.access import watch_list_access
from tipranking.analysis.outlook import Exclusion, Undetermined, lawful_tiers, outlook
from tipranking.assessment import LAST_KNOWN_REPORT_YEAR, Assessment, History, MinimumStandards, check_report_year
from tipranking.errors import FieldError, HistoryError, InputTypeError, StatuteError, TipRankingError
from tipranking.placing import MARKS, CompiledStatute, Guard, compiled, place, reads, refusals, value_name
from tipranking.provisions import all_provisions
from tipranking.rules.base import Rule
from tipranking.rules.clock import Mark
from tipranking.statute import Statute, as_statute, other_readings
from tipranking.tiers import Tier, describe

__all__ = ["MAX_TOGETHER", "Condition", "DiffClass", "Move", "MoveReading", "NotCompared", "Side", "StatuteDiff",
           "Variable", "diff", "forget", "load_bill", "not_compared"]

_WL = Tier.TIER_2_WATCH_LIST
_T3 = Tier.TIER_3
_DOMAINS: dict[str, tuple[bool | None, ...]] = {"optional": (True, False, None), "flag": (True, False),
                                                 "documented": (True, False)}
_BOOL: tuple[bool | None, ...] = (True, False, None)
_BUNDLED = object()
MAX_TOGETHER = 10
"""The most findings one group of rules may read together for :func:`diff` (3**10 combinations in a group;
every real version reads at most 5 together)."""
_ASK: Any = object()


# --------------------------------------------------------------------------- values


@attrs.frozen(slots=True)
class Variable:
    """One input the classes put conditions on.

    ``kind`` is ``"finding"`` (a finding of the assessment, by path), ``"guard"`` (what a rule of one or both
    versions answers about the findings it reads) or ``"history"`` (what a rule with memory answers about the
    history). ``statutes`` names the versions whose rule it is (both when they hold the same rule);
    ``domain`` the values it can take (``None``: unknown).
    """

    key: str
    label: str
    kind: str
    statutes: tuple[str, ...]
    citations: tuple[str, ...]
    domain: tuple[bool | None, ...]

    def value_text(self, value: bool | None) -> str:
        if self.kind == "finding":
            return "unknown" if value is None else value_name(value)
        return "unknown" if value is None else ("yes" if value else "no")


@attrs.frozen(slots=True)
class Condition:
    """``variable`` takes one of ``values``."""

    variable: Variable
    values: tuple[bool | None, ...]

    def holds(self, value: bool | None) -> bool:
        return value in self.values

    def __str__(self) -> str:
        shown = [self.variable.value_text(v) for v in self.values]
        words = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
        where = f" [{', '.join(self.variable.statutes)}]" if self.variable.kind != "finding" and len(
            self.variable.statutes) == 1 else ""
        return f"{self.variable.label}{where}: {words}"


@attrs.frozen(slots=True)
class Side:
    """What one version does with the inputs of a class.

    Placed: ``tier`` (``None`` while open), ``possible_tiers`` and the ``citations`` of the provisions that
    decide (for an open tier, those of the findings it depends on). ``refusal`` is set when the version
    refuses the input instead (a finding it does not have), with the refusing provision in ``citations``.
    ``varies`` is true when the version's answer is not the same for every input of the class: the tier is
    open for each of them, and which of ``possible_tiers`` remain possible depends on the findings the class
    leaves free (``citations``: the provisions of the unknowns it depends on) -- or, when the other version
    refuses these inputs, ``possible_tiers`` is empty: the version places them, in whatever tier the other
    findings lead to.
    """

    statute: str
    tier: Tier | None
    possible_tiers: frozenset[Tier]
    citations: tuple[str, ...]
    refusal: str | None = None
    varies: bool = False

    def __str__(self) -> str:
        if self.refusal is not None:
            return f"{self.statute}: refuses the input ({self.refusal})" + _cited(self.citations)
        if self.varies and not self.possible_tiers:
            return f"{self.statute}: places these inputs (the tier by the other findings)"
        if self.varies:
            return (f"{self.statute}: open, among {describe(self.possible_tiers)} (which remain depends on the "
                    "findings left free)" + _cited(self.citations))
        if self.tier is not None:
            return f"{self.statute}: {self.tier.label}" + _cited(self.citations)
        return f"{self.statute}: open, {describe(self.possible_tiers)}" + _cited(self.citations)


def _cited(citations: Sequence[str]) -> str:
    return f" [{'; '.join(citations)}]" if citations else ""


@attrs.frozen(slots=True)
class DiffClass:
    """Inputs both versions see alike within the class and place differently, described by ``conditions``
    (a conjunction; a variable without a condition may take any value). ``example`` is one input of the
    class: an assessment and the history before it."""

    conditions: tuple[Condition, ...]
    a: Side
    b: Side
    example: tuple[Assessment, History] = attrs.field(eq=False)
    _space: _Space = attrs.field(repr=False, alias="space", eq=False)

    def contains(self, assessment: Assessment, history: History | None = None) -> bool:
        """Whether the input (an assessment for the diff's report year, and a history with no unknown year
        before it) lies in this class."""
        values = self._space.values_of(assessment, history)
        return values is not None and self._takes(values)

    def _takes(self, values: Mapping[str, bool | None]) -> bool:
        return all(c.holds(values[c.variable.key]) for c in self.conditions)

    def __str__(self) -> str:
        when = "; ".join(str(c) for c in self.conditions) or "always"
        return f"{self.a}\n{self.b}\nwhen: {when}"


@attrs.frozen(slots=True)
class Move:
    """A government and report year of the record whose lawful tiers differ between the versions.

    ``tier`` is the record's placement (``None`` if not known); ``lawful_a``/``lawful_b`` the tiers each
    version allows (Special Case aside), ``undetermined_a``/``undetermined_b`` those that depend on years
    the record does not hold; ``reasons_a``/``reasons_b`` each version's reason for the tiers in which they
    differ (why excluded, or the condition on which allowed).
    """

    country: str
    report_year: int
    tier: Tier | None
    lawful_a: tuple[Tier, ...]
    lawful_b: tuple[Tier, ...]
    undetermined_a: tuple[Tier, ...]
    undetermined_b: tuple[Tier, ...]
    reasons_a: tuple[Exclusion, ...]
    reasons_b: tuple[Exclusion, ...]
    readings: tuple[MoveReading, ...] = ()
    """The readings of § 7107(b)(2)(F) (those the text bears) under which a side's lawful tiers that year would
    be other than by the package's reading: the difference depends on them."""


@attrs.frozen(slots=True)
class MoveReading:
    """Read as ``reading``, version ``statute`` would allow ``lawful`` (and leave ``undetermined`` open) instead of
    what the move shows under the package's reading of § 7107(b)(2)(F)."""

    statute: str
    reading: str
    question: str
    lawful: tuple[Tier, ...]
    undetermined: tuple[Tier, ...]


@attrs.frozen(slots=True)
class NotCompared:
    """A change of the law between the two versions that the comparison does not evaluate: a provision that came
    into force (or ended) between them but on which no rule of either version decides a placement -- a duty of
    the State Department, a consequence, or text that shapes what a finding means (the findings are inputs).
    ``change`` says what changed, in one line; the rest is the provision's row in
    :mod:`tipranking.provisions`."""

    citation: str
    change: str
    first_report_year: int
    last_report_year: int | None
    enacted_by: str
    confidence: str


@attrs.frozen(slots=True)
class StatuteDiff:
    """The result of :func:`diff`: the classes of single-year inputs (assessment and history) placed
    differently in ``report_year``, and, when a record was replayed, the ``moves``."""

    a: str
    b: str
    report_year: int
    variables: tuple[Variable, ...]
    classes: tuple[DiffClass, ...]
    moves: tuple[Move, ...] | None
    record: str | None
    _space: _Space = attrs.field(repr=False, alias="space", eq=False)
    not_compared: tuple[NotCompared, ...] = ()
    """The changes between the two versions the classes do not cover (:func:`not_compared`)."""

    def classify(self, assessment: Assessment, history: History | None = None) -> DiffClass | None:
        """The class the input lies in, or ``None`` if the two versions place it alike."""
        values = self._space.values_of(assessment, history)
        if values is None:
            return None
        return next((found for found in self.classes if found._takes(values)), None)



# --------------------------------------------------------------------------- the input space


@attrs.frozen(slots=True)
class _Component:
    """Findings read together: its variables, and for each realizable point (a tuple of variable values)
    the answer key of each version and a representative raw assessment state."""

    paths: tuple[str, ...]
    variables: tuple[Variable, ...]
    points: tuple[tuple[bool | None, ...], ...]
    keys: tuple[tuple[Hashable, Hashable], ...]
    raws: tuple[tuple[bool | None, ...], ...]
    value_of: Callable[[tuple[bool | None, ...]], tuple[bool | None, ...]]


class _Space:
    """Both versions' inputs in one report year, as a product of components and joint history states."""

    def __init__(self, a: Statute, b: Statute, ca: CompiledStatute, cb: CompiledStatute, year: int) -> None:
        self.a, self.b, self.ca, self.cb, self.year = a, b, ca, cb, year
        self.template = Assessment("Examplestan", year, MinimumStandards())
        self.refused = (refusals(a, year), refusals(b, year))
        self.components = self._components()
        self.memory, self.history_points, self.history_keys, self.witnesses = self._history()
        self.variables: tuple[Variable, ...] = tuple(v for c in self.components for v in c.variables) + self.memory
        self.examples: dict[tuple[int, ...], Assessment] = {}
        self.histories: dict[int, History] = {}

    # ----------------------------------------------------------------- findings

    def _components(self) -> list[_Component]:
        guards = [(0, g) for g in self.ca.guards if g.memory is None] + [
            (1, g) for g in self.cb.guards if g.memory is None]
        parent: dict[str, str] = {}

        def root(p: str) -> str:
            while parent.setdefault(p, p) != p:
                p = parent[p]
            return p

        for _, g in guards:
            for p in g.paths:
                parent[root(p)] = root(g.paths[0])
        for refused in self.refused:
            for path, _ in refused:
                root(path)
        order = {f.path: i for i, f in enumerate(findings.catalogue())}
        groups: dict[str, list[str]] = defaultdict(list)
        for p in parent:
            groups[root(p)].append(p)
        built = []
        for members in sorted(groups.values(), key=lambda ps: min(order[p] for p in ps)):
            paths = tuple(sorted(members, key=order.__getitem__))
            inside = [(side, g) for side, g in guards if g.paths and root(g.paths[0]) == root(paths[0])]
            built.append(self._component(paths, inside))
        self.fixed = [c for c in built if len(c.points) <= 1]  # one point: no condition can tell inputs apart
        return [c for c in built if len(c.points) > 1]

    def _component(self, paths: tuple[str, ...], inside: list[tuple[int, Guard]]) -> _Component:
        domains = [_DOMAINS[findings.lookup(p).kind] for p in paths]
        if len(paths) > MAX_TOGETHER:
            raise StatuteError(f"diff: the findings {', '.join(paths)} are read together by the versions' rules; "
                               f"at most {MAX_TOGETHER} findings read together can be compared exhaustively")
        raws = list(itertools.product(*domains))
        at = {r: i for i, r in enumerate(raws)}
        # each guard's value for every combination, computed once
        codes = (self.ca, self.cb)
        values = [tuple(codes[side].guard_value(g, self.year, [r[paths.index(p)] for p in g.paths]) for r in raws)
                  for side, g in inside]

        def own(side: int, i: int) -> tuple[bool | None, ...]:
            return tuple(column[i] for (s, _), column in zip(inside, values, strict=True) if s == side)

        def key(side: int, raw: tuple[bool | None, ...]) -> Hashable:
            refused = self.refused[side]
            stated = next(((p, v) for p, v in zip(paths, raw, strict=True) if (p, v) in refused), None)
            if stated is not None:
                return ("refused", stated)
            mine = own(side, at[raw])
            if None not in mine:
                return mine, frozenset({mine})
            holes = [i for i, v in enumerate(raw) if v is None]
            done = set()
            for fill in itertools.product((True, False), repeat=len(holes)):
                full = list(raw)
                for i, v in zip(holes, fill, strict=True):
                    full[i] = v
                done.add(own(side, at[tuple(full)]))
            return mine, frozenset(done)

        keys = [(key(0, r), key(1, r)) for r in raws]
        # an input both versions refuse is outside the comparison (neither places it)
        kept = [i for i, k in enumerate(keys) if not (_refused(k[0]) and _refused(k[1]))]
        raws, keys = [raws[i] for i in kept], [keys[i] for i in kept]
        # the guards' answers as variables, one per distinct answer function
        columns: dict[tuple[bool | None, ...], list[tuple[int, Guard]]] = {}
        for owner, column in zip(inside, values, strict=True):
            columns.setdefault(tuple(column[i] for i in kept), []).append(owner)
        # A finding some version refuses stays a variable of its own (stated or not is what matters there);
        # the rest is described by the guards' answers, if those (with it) say all the versions see.
        refused_at = [i for i, p in enumerate(paths) if any(p == path for refused in self.refused
                                                                for path, _ in refused)]
        cols = [tuple(r[i] for r in raws) for i in refused_at] + list(columns)
        by_answers: dict[tuple[bool | None, ...], tuple[Hashable, Hashable]] = {}
        determined = True
        for i, k in enumerate(keys):
            if by_answers.setdefault(tuple(c[i] for c in cols), k) != k:
                determined = False
        if determined and columns:
            variables = tuple(self._finding_variable(paths[i], domains[i]) for i in refused_at) + tuple(
                self._guard_variable(owners) for owners in columns.values())
            firsts: dict[tuple[bool | None, ...], int] = {}
            point_of: dict[tuple[bool | None, ...], tuple[bool | None, ...]] = {}
            for i, r in enumerate(raws):
                point = tuple(c[i] for c in cols)
                firsts.setdefault(point, i)
                point_of[r] = point
            return _Component(paths, variables, tuple(firsts), tuple(keys[i] for i in firsts.values()),
                              tuple(raws[i] for i in firsts.values()), point_of.__getitem__)
        variables = tuple(self._finding_variable(p, d) for p, d in zip(paths, domains, strict=True))
        known = {r: r for r in raws}
        return _Component(paths, variables, tuple(raws), tuple(keys), tuple(raws), known.__getitem__)

    def _guard_variable(self, owners: list[tuple[int, Guard]]) -> Variable:
        """One variable for guards that answer alike on every input, labelled with each version's own wording
        where the versions word their rules differently (e.g. Tier 1 "based only on concrete actions" from
        2019)."""
        names = (self.a.name, self.b.name)
        sides = sorted({side for side, _ in owners})
        titles: dict[str, list[str]] = {}
        for side, g in owners:
            titles.setdefault(g.rule.title, [])
            if names[side] not in titles[g.rule.title]:
                titles[g.rule.title].append(names[side])
        label = next(iter(titles)) if len(titles) == 1 else " / ".join(
            f"{title} [{', '.join(versions)}]" for title, versions in titles.items())
        citations = tuple(dict.fromkeys(_citation(g) for _, g in owners if _citation(g)))
        key = "guard:" + "|".join(f"{names[side]}:{g.index}" for side, g in owners)
        return Variable(key, label, "guard", tuple(names[s] for s in sides), citations, _BOOL)

    def _finding_variable(self, path: str, domain: tuple[bool | None, ...]) -> Variable:
        cites: dict[str, None] = {}
        names: list[str] = []
        for version, _code in ((self.a, self.ca), (self.b, self.cb)):
            for read, cited in reads(version):
                if read == path:
                    cites.update(dict.fromkeys(cited))
                    names.append(version.name)
        return Variable(f"finding:{path}", path, "finding", tuple(names), tuple(cites), domain)

    # ----------------------------------------------------------------- history

    def _history(self) -> tuple[tuple[Variable, ...], list[tuple[bool, ...]], list[tuple[Hashable, Hashable]],
                                list[tuple[Mark, ...]]]:
        """Every pair of automaton states the two versions can be in together before the report year, by a
        forward pass over the years from the earlier clock's first; each kept with the first history (fewest
        Watch List and Tier 3 years, earliest years plain) that reaches it."""
        autos = (self.ca.automaton, self.cb.automaton)
        self.start = _start(self.ca, self.cb)
        frontier: dict[tuple[int, int], tuple[Mark, ...]] = {}
        for year, frontier in _joint(self.ca, self.cb):  # noqa: B007 - the frontier of the report year is wanted
            if year >= self.year:
                break
        pairs = sorted(frontier, key=lambda p: (_weight(frontier[p]), [MARKS.index(m) for m in frontier[p]]))
        holds = [(autos[0].holds[sa], autos[1].holds[sb]) for sa, sb in pairs]
        mems = [(0, g) for g in self.ca.guards if g.memory is not None] + [
            (1, g) for g in self.cb.guards if g.memory is not None]
        columns: dict[tuple[bool, ...], list[tuple[int, Guard]]] = {}
        for side, g in mems:
            assert g.memory is not None
            column = tuple(h[side][g.memory] for h in holds)
            columns.setdefault(column, []).append((side, g))
        variables = tuple(attrs.evolve(self._guard_variable(owners), kind="history", domain=(True, False))
                          for owners in columns.values())
        cols = list(columns)
        points: list[tuple[bool, ...]] = []
        keys: list[tuple[Hashable, Hashable]] = []
        witnesses: list[tuple[Mark, ...]] = []
        self._pair_point: dict[tuple[int, int], int] = {}
        seen: dict[tuple[bool, ...], int] = {}
        for i, pair in enumerate(pairs):
            point = tuple(c[i] for c in cols)
            at = seen.get(point)
            if at is None:
                at = seen[point] = len(points)
                points.append(point)
                keys.append(holds[i])
                witnesses.append(frontier[pair])
            elif keys[at] != holds[i]:  # pragma: no cover - the columns are the holds, so equal points agree
                raise StatuteError("diff: two history states look alike but answer differently")
            self._pair_point[pair] = at
        return variables, points, keys, witnesses

    def history_of(self, marks: tuple[Mark, ...], country: str = "Examplestan") -> History:
        tiers: dict[int, Tier | str] = {}
        for offset, mark in enumerate(marks):
            tiers[self.start + offset] = Tier.TIER_2 if mark is None else mark
        return History.of(country, tiers)

    # ----------------------------------------------------------------- one input

    def values_of(self, assessment: Assessment, history: History | None) -> dict[str, bool | None] | None:
        """Each variable's value for the input; ``None`` if both versions refuse it (outside the comparison)."""
        if not isinstance(assessment, Assessment):
            raise InputTypeError("assessment", assessment, "must be an Assessment")
        if assessment.report_year != self.year:
            raise FieldError("report_year", assessment.report_year,
                             f"this diff compares placements in the {self.year} report")
        if history is not None and not isinstance(history, History):
            raise InputTypeError("history", history, "must be a History or None")
        values: dict[str, bool | None] = {}
        for component in (*self.components, *self.fixed):
            raw = tuple(findings.value(assessment, p) for p in component.paths)
            try:
                point = component.value_of(raw)
            except KeyError:  # a value both versions refuse
                return None
            for variable, value in zip(component.variables, point, strict=True):
                values[variable.key] = value
        past = History(assessment.country, []) if history is None else history.before(self.year)
        uncertain = [y for y in past.unknown_years | {p.report_year for p in past.partial} if y >= self.start]
        if uncertain:
            raise HistoryError("history", sorted(uncertain)[0], "the diff's classes are over known histories; "
                               "this year is unknown or partly known")
        tiers = {p.report_year: p.tier for p in past.placements}
        autos = (self.ca.automaton, self.cb.automaton)
        pair = (autos[0].walk(tiers, self.year), autos[1].walk(tiers, self.year))
        point = self.history_points[self._pair_point[pair]]
        for variable, value in zip(self.memory, point, strict=True):
            values[variable.key] = value
        return values


def _weight(marks: tuple[Mark, ...]) -> int:
    return sum(m is not None for m in marks)


def _citation(guard: Guard) -> str:
    provision = guard.rule.provision
    return provision.citation if provision is not None else ""


# --------------------------------------------------------------------------- answers and kinds


_Answer = tuple[Any, ...]
"""``("placed", tier, possible_tiers, citations)`` or ``("refused", message, citations)``."""
_PLACES: _Answer = ("places",)
"""The answer of the version that places an input the other refuses, in a kind: which tier does not matter."""


def _answer(version: Statute, assessment: Assessment, history: History) -> _Answer:
    try:
        p = place(assessment, history, version)
    except FieldError as err:
        return ("refused", f"{err.field}: {err.problem}", _refusing(version, assessment))
    except TipRankingError as err:
        return ("refused", str(err), ())
    if p.tier is not None:
        return ("placed", p.tier, p.possible_tiers, (p.citation,) if p.citation else ())
    cites = tuple(dict.fromkeys(c for d in p.deciding for c in d.citations))
    return ("placed", None, p.possible_tiers, cites)


def _refusing(version: Statute, assessment: Assessment) -> tuple[str, ...]:
    """The provision of the rule whose input check refuses ``assessment``."""
    for rule in _checking(version):
        try:
            rule.check_input(assessment)
        except FieldError:
            return (rule.provision.citation,) if rule.provision is not None else ()
    return ()


@functools.lru_cache(maxsize=64)
def _checking(version: Statute) -> tuple[Rule, ...]:
    return tuple(r for r in version.rules() if type(r).check_input is not Rule.check_input)


def _differ(x: _Answer, y: _Answer) -> bool:
    if x[0] == "refused" or y[0] == "refused":
        return bool(x[0] != y[0])
    return bool(x[1] != y[1] or x[2] != y[2])


def _kind(x: _Answer, y: _Answer) -> tuple[Hashable, Hashable]:
    """What a class keeps alike on each side: a refusal (the other side then only places), a decided tier with
    its provision, or an open tier (whichever tiers remain possible)."""
    if x[0] == "refused":
        return x, _PLACES
    if y[0] == "refused":
        return _PLACES, y
    return _responsible(x), _responsible(y)


def _responsible(answer: _Answer) -> Hashable:
    return ("decided", answer[1], answer[3]) if answer[1] is not None else ("open",)


_BIT: dict[bool | None, int] = {True: 1, False: 2, None: 4}


class _Points:
    """Every point of the space, numbered in product order (the history part varies fastest), with sets of
    points as integers (bit ``i`` for point ``i``): what a conjunction of conditions takes in is an AND of one
    set per condition, so growing a class is a handful of integer operations."""

    def __init__(self, space: _Space) -> None:
        self.parts: list[tuple[tuple[Variable, ...], list[tuple[bool | None, ...]]]] = [
            (c.variables, list(c.points)) for c in space.components]
        self.parts.append((space.memory, list(space.history_points)))
        sizes = [len(points) for _, points in self.parts]
        self.total = 1
        for n in sizes:
            self.total *= n
        self.all = (1 << self.total) - 1
        strides = [1] * len(sizes)
        for k in range(len(sizes) - 2, -1, -1):
            strides[k] = strides[k + 1] * sizes[k + 1]
        self.at: list[list[int]] = []  # the points whose part k is its point j
        for k, n in enumerate(sizes):
            period = n * strides[k]
            repeat = ((1 << (period * (self.total // period))) - 1) // ((1 << period) - 1)
            self.at.append([(((1 << strides[k]) - 1) << (j * strides[k])) * repeat for j in range(n)])
        self.variables: list[tuple[Variable, int, int]] = [
            (v, k, local) for k, (variables, _) in enumerate(self.parts) for local, v in enumerate(variables)]
        self._sets: dict[tuple[int, int], int] = {}

    def having(self, v: int, mask: int) -> int:
        """The points whose variable ``v`` takes one of the values in ``mask``."""
        key = (v, mask)
        found = self._sets.get(key)
        if found is None:
            _, k, local = self.variables[v]
            found = 0
            for j, point in enumerate(self.parts[k][1]):
                if _BIT[point[local]] & mask:
                    found |= self.at[k][j]
            self._sets[key] = found
        return found

    def values(self, index: int) -> list[bool | None]:
        """The variables' values at point ``index``."""
        return [v for k, j in enumerate(self.indices(index)) for v in self.parts[k][1][j]]

    def indices(self, index: int) -> tuple[int, ...]:
        """Each part's point at point ``index``."""
        chosen = []
        rest = index
        for k in range(len(self.parts) - 1, -1, -1):
            n = len(self.parts[k][1])
            chosen.append(rest % n)
            rest //= n
        return tuple(reversed(chosen))

    def grow(self, seed: int, allowed: int) -> list[int]:
        """A conjunction around point ``seed`` taking in only points of ``allowed``, as wide as it can be: first
        each condition dropped where that stays inside (the later variables first), then each remaining
        condition given more values where that takes in more and stays inside. Returns a value mask per
        variable (``-1``: no condition)."""
        masks = [_BIT[v] for v in self.values(seed)]
        full = self.realizable()

        def taken(ms: list[int]) -> int:
            got = self.all
            for v, m in enumerate(ms):
                if m != full[v]:
                    got &= self.having(v, m)
            return got

        for v in reversed(range(len(masks))):  # of two conditions saying the same, the earlier stays
            trial = [*masks[:v], full[v], *masks[v + 1:]]
            if taken(trial) & ~allowed == 0:
                masks = trial
        for v in range(len(masks)):
            for bit in (1, 2, 4):
                if full[v] & bit and not masks[v] & bit:  # only values some point has
                    trial = [*masks[:v], masks[v] | bit, *masks[v + 1:]]
                    wider = taken(trial)
                    if wider & ~allowed == 0 and wider != taken(masks):  # more inputs, all allowed
                        masks = trial
        return [m if m != full[v] else -1 for v, m in enumerate(masks)]

    def realizable(self) -> list[int]:
        """For each variable, the values some point gives it (a condition allowing all of them is no condition)."""
        return [_mask(x for x in v.domain if self.having(n, _BIT[x])) for n, (v, _, _) in enumerate(self.variables)]

    def taken(self, masks: Sequence[int]) -> int:
        got = self.all
        for v, m in enumerate(masks):
            if m != -1:
                got &= self.having(v, m)
        return got


def _mask(values: Iterable[bool | None]) -> int:
    out = 0
    for v in values:
        out |= _BIT[v]
    return out


def _bits(number: int) -> Iterator[int]:
    """The indices of the set bits of ``number``, lowest first."""
    while number:
        low = number & -number
        yield low.bit_length() - 1
        number ^= low


def _classes(space: _Space) -> tuple[DiffClass, ...]:
    """Each kind's points covered by classes one after another: each grown from the kind's first point not yet
    covered, as wide as the kind's uncovered points allow (so no condition of a class can be dropped without
    taking in an input placed alike, placed differently in another way, or in an earlier class of its kind)."""
    comps = space.components
    answers: tuple[dict[Hashable, _Answer], dict[Hashable, _Answer]] = ({}, {})
    versions = (space.a, space.b)
    ids: dict[Hashable, int] = {}  # each component's answer keys as small numbers: cheap to hash in tuples
    parts = [[(ids.setdefault((n, c.keys[j][0]), len(ids)), ids.setdefault((n, c.keys[j][1]), len(ids)), j)
              for j in range(len(c.points))] for n, c in enumerate(comps)]
    parts.append([(ids.setdefault(("h", k[0]), len(ids)), ids.setdefault(("h", k[1]), len(ids)), j)
                  for j, k in enumerate(space.history_keys)])
    pairs: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[tuple[Hashable, Hashable], _Answer, _Answer] | None] = {}
    regions: dict[tuple[Hashable, Hashable], list[int]] = {}
    got_at: dict[int, tuple[_Answer, _Answer]] = {}
    for index, combo in enumerate(itertools.product(*parts)):
        key_a, key_b, indices = zip(*combo, strict=True)
        seen = pairs.get((key_a, key_b), _ASK)
        if seen is _ASK:
            got = []
            for side, key in ((0, key_a), (1, key_b)):
                found = answers[side].get(key)
                if found is None:
                    assessment, history = _example(space, indices)
                    found = answers[side][key] = _answer(versions[side], assessment, history)
                got.append(found)
            seen = pairs[(key_a, key_b)] = (_kind(got[0], got[1]), got[0], got[1]) if _differ(got[0], got[1]) \
                else None
        if seen is None:
            continue
        regions.setdefault(seen[0], []).append(index)
        got_at[index] = (seen[1], seen[2])
    points = _Points(space)
    made: list[tuple[int, DiffClass]] = []
    for sides, members in regions.items():
        left = 0
        for index in members:
            left |= 1 << index
        while left:
            seed = (left & -left).bit_length() - 1
            masks = points.grow(seed, left)
            inside = points.taken(masks)
            left &= ~inside
            seen_a = frozenset(_PLACES if sides[0] is _PLACES else got_at[i][0] for i in _bits(inside))
            seen_b = frozenset(_PLACES if sides[1] is _PLACES else got_at[i][1] for i in _bits(inside))
            conditions = tuple(Condition(v, tuple(d for d in v.domain if _BIT[d] & m))
                               for (v, _, _), m in zip(points.variables, masks, strict=True) if m != -1)
            made.append((seed, DiffClass(conditions, _side(space.a, seen_a), _side(space.b, seen_b),
                                         _example(space, points.indices(seed)), space)))
    return tuple(c for _, c in sorted(made, key=lambda item: (_rank(item[1]), item[0])))


def _rank(c: DiffClass) -> int:
    """Refusals first, then classes both versions decide, then those with an open tier."""
    if c.a.refusal is not None or c.b.refusal is not None:
        return 0
    return 1 if c.a.tier is not None and c.b.tier is not None else 2


def _refused(key: Hashable) -> bool:
    return isinstance(key, tuple) and bool(key) and key[0] == "refused"


def _side(version: Statute, seen: frozenset[_Answer]) -> Side:
    """One version's side of a class, from its answers over the class's points: exact when they agree."""
    if _PLACES in seen:
        return Side(version.name, None, frozenset(), (), varies=True)
    if len(seen) == 1:
        (answer,) = seen
        if answer[0] == "refused":
            return Side(version.name, None, frozenset(), answer[2], refusal=answer[1])
        return Side(version.name, answer[1], answer[2], answer[3])
    tiers: frozenset[Tier] = frozenset().union(*(a[2] for a in seen if a[0] == "placed"))
    refused = next((a for a in seen if a[0] == "refused"), None)
    if refused is not None:  # pragma: no cover - a kind never mixes refusals and placements on one side
        return Side(version.name, None, tiers, refused[2], refusal=refused[1])
    cites = tuple(sorted({c for a in seen for c in a[3]}))
    return Side(version.name, None, tiers, cites, varies=True)


def _order(answer: _Answer) -> tuple[int, str]:
    return (0, answer[1].value) if answer[1] is not None else (1, "")


def _example(space: _Space, combo: Sequence[int]) -> tuple[Assessment, History]:
    """The representative input of a point: the first raw findings of each component's point, and the first
    history reaching its automaton states."""
    found = space.examples.get(tuple(combo[:-1]))
    if found is None:
        values: dict[str, bool] = {}
        for component, j in zip(space.components, combo[:-1], strict=True):
            values.update(zip(component.paths, component.raws[j], strict=True))  # type: ignore[arg-type]
        found = space.examples[tuple(combo[:-1])] = findings.with_values(space.template, values)
    history = space.histories.get(combo[-1])
    if history is None:
        history = space.histories[combo[-1]] = space.history_of(space.witnesses[combo[-1]])
    return found, history


# --------------------------------------------------------------------------- replay


def _replay(a: Statute, b: Statute, histories: Mapping[str, History]) -> tuple[Move, ...]:
    moves = []
    for country, history in histories.items():
        known = list(history.mentioned_years)
        lawful_a = _lawful(a, history, known)
        lawful_b = _lawful(b, history, known)
        for year in known:
            if lawful_a[year] == lawful_b[year]:
                continue
            (allowed_a, open_a), (allowed_b, open_b) = lawful_a[year], lawful_b[year]
            apart = (set(allowed_a) ^ set(allowed_b)) | (set(open_a) ^ set(open_b))
            moves.append(Move(country, year, history.tier_in(year), allowed_a, allowed_b, open_a, open_b,
                              _reasons(a, history, year, apart), _reasons(b, history, year, apart),
                              _move_readings((a, b), history, year, (lawful_a[year], lawful_b[year]))))
    return tuple(moves)


def _move_readings(versions: tuple[Statute, Statute], history: History, year: int,
                   answers: tuple[tuple[tuple[Tier, ...], tuple[Tier, ...]], ...]) -> tuple[MoveReading, ...]:
    """For each side with (F), the readings (those the text bears) under which its lawful tiers would differ."""
    out = []
    for version, answer in zip(versions, answers, strict=True):
        for reading, variant in other_readings(version):
            lawful, undetermined = lawful_tiers(history, year, variant)
            if (lawful, undetermined) != answer:
                out.append(MoveReading(version.name, reading.name, reading.question, lawful, undetermined))
    return tuple(out)


def _reasons(version: Statute, history: History, year: int, tiers: set[Tier]) -> tuple[Exclusion, ...]:
    """The outlook's reasons for ``tiers``; for the Watch List alone, straight from its access (where the
    outlook takes them), without placing the outlook's probes."""
    if tiers == {_WL}:
        access = watch_list_access(history.before(year), year, version)
        return (Exclusion(_WL, access.reason, access.citation),)
    seen = outlook(history, year, version)
    given: list[Exclusion | Undetermined] = [*seen.conditions, *seen.excluded, *seen.undetermined]
    return tuple(e if isinstance(e, Exclusion) else Exclusion(e.tier, e.reason, e.citation)
                 for e in given if e.tier in tiers)


def _lawful(version: Statute, history: History, years: Sequence[int]) -> dict[int, tuple[tuple[Tier, ...],
                                                                                          tuple[Tier, ...]]]:
    """For each year, the tiers ``version`` allows the country and those left undetermined (its outlook).
    Where no uncertain year of the history matters, the outlook depends on the history only through the
    automaton's state, so it is shared between histories (and years) that reach the same state."""
    code = compiled(version)
    states: list[int] = []
    if code is not None and years:
        states = code.states(history, max(years) + 1)
    uncertain = bool(history.unknown_years or history.partial)
    out = {}
    for year in years:
        if code is None or (uncertain and version.uncertain_years_that_matter(history.before(year), year)):
            out[year] = lawful_tiers(history, year, version)
            continue
        out[year] = _lawful_at(version, year, code.state_before(states, year), history)
    return out


def _lawful_at(version: Statute, year: int, state: int, history: History) -> tuple[tuple[Tier, ...],
                                                                                      tuple[Tier, ...]]:
    key = (version, year, state)
    found = _STATES.get(key)
    if found is None:
        if len(_STATES) >= 65536:
            _STATES.clear()
        found = _STATES[key] = lawful_tiers(history, year, version)
    return found


_STATES: dict[tuple[Statute, int, int], tuple[tuple[Tier, ...], tuple[Tier, ...]]] = {}


# --------------------------------------------------------------------------- the entry point


def diff(a: Statute | str, b: Statute | str, *, report_year: int | None = None,
         record: Mapping[str, History] | object | None = _BUNDLED) -> StatuteDiff:
    """Every kind of single-year input (findings and history) that versions ``a`` and ``b`` place
    differently in ``report_year`` (default: the later of the two versions' first report years, or, if later,
    the first from which every history the two versions tell apart can have happened), and the
    governments and years of ``record`` (default: the bundled 2001-2025 record; ``None``: no replay) whose
    lawful tiers differ. Versions by value or by name (``"tvpra-2019+f-every-return"``).

    >>> d = diff("tvpra-2008", "tvpra-2019", record=None)
    >>> any("waiver" in str(c) for c in d.classes)
    True
    """
    version_a, version_b = _version("a", a), _version("b", b)
    codes = (compiled(version_a), compiled(version_b))
    for version, code in zip((version_a, version_b), codes, strict=True):
        if code is None:
            raise StatuteError(f"statute {version.name!r}: its rule tree holds a decision or a rule with memory the "
                               "compiler cannot see through (see tipranking.placing.compiler), so it cannot be diffed")
    assert codes[0] is not None and codes[1] is not None
    year = max(version_a.first_report_year, version_b.first_report_year, _settled(codes[0], codes[1])) \
        if report_year is None else check_report_year(report_year, "report_year")
    space = _Space(version_a, version_b, codes[0], codes[1], year)
    classes = _classes(space)
    histories: Mapping[str, History] | None
    source: str | None
    if record is _BUNDLED:
        from tipranking.data import placements

        histories, source = placements(), "bundled record"
    elif record is None:
        histories, source = None, None
    elif isinstance(record, Mapping):
        histories, source = record, getattr(record, "source", "record")
        for name, history in histories.items():
            if not isinstance(history, History):
                raise InputTypeError(f"record[{name!r}]", history, "must be a History")
    else:
        raise InputTypeError("record", record, "must be a mapping of country to History, or None")
    moves = None if histories is None else _replay(version_a, version_b, histories)
    return StatuteDiff(version_a.name, version_b.name, year, space.variables, classes, moves, source, space,
                       not_compared(version_a, version_b))


def not_compared(a: Statute | str, b: Statute | str) -> tuple[NotCompared, ...]:
    """The changes of the law between versions ``a`` and ``b`` that :func:`diff` does not evaluate, in citation
    order: every provision of :mod:`tipranking.provisions` that came into force after the older version's last
    report and by the newer version's first (or ended in between), on which no rule of either version decides a
    placement. Empty for two variants of one version (same reports): all they change is in their rules.

    >>> [n.citation for n in not_compared("tvpra-2008", "tvpra-2019")][:3]
    ['22 U.S.C. § 2370c(2) (police or other security forces)', '22 U.S.C. § 2370c-1(a) (recruit or use)', \
'22 U.S.C. § 2370c-1(c) (certification)']
    """
    version_a, version_b = _version("a", a), _version("b", b)
    older, newer = sorted((version_a, version_b), key=lambda v: v.first_report_year)
    if older.first_report_year == newer.first_report_year:
        return ()
    after = older.last_report_year if older.last_report_year is not None else newer.first_report_year - 1
    decided = {rule.provision.citation for version in (version_a, version_b) for rule in version.rules()
               if rule.provision is not None and _decides(rule)}
    out = []
    for p in all_provisions():
        started = after < p.first_report_year <= newer.first_report_year
        ended = p.last_report_year is not None and older.first_report_year <= p.last_report_year < \
            newer.first_report_year
        if (started or ended) and p.citation not in decided:
            out.append(NotCompared(p.citation, p.title, p.first_report_year, p.last_report_year, p.enacted_by,
                                   p.confidence))
    return tuple(out)


def _decides(rule: Rule) -> bool:
    """Whether a rule can decide a placement (a guard), as opposed to evidence the placement only records."""
    return bool(rule.reads) or rule.reads_history


def _start(ca: CompiledStatute, cb: CompiledStatute) -> int:
    return min(ca.automaton.counts_from, cb.automaton.counts_from)


def _joint(ca: CompiledStatute, cb: CompiledStatute) -> Iterator[tuple[int, dict[tuple[int, int], tuple[Mark, ...]]]]:
    """For each report year from the earlier clock's first to the last known, the pairs of automaton states the
    two versions can be in before it, each with the first history reaching it (fewest Watch List and Tier 3
    years, earliest years plain): its marks year by year from the earlier clock's first."""
    autos = (ca.automaton, cb.automaton)
    frontier: dict[tuple[int, int], tuple[Mark, ...]] = {(0, 0): ()}
    for year in range(_start(ca, cb), LAST_KNOWN_REPORT_YEAR + 1):
        yield year, frontier
        if year == LAST_KNOWN_REPORT_YEAR:
            return
        nxt: dict[tuple[int, int], tuple[Mark, ...]] = {}
        for (sa, sb), marks in frontier.items():
            for code, mark in enumerate(MARKS):
                pair = (autos[0].after(year, sa, code) if year >= autos[0].counts_from else sa,
                        autos[1].after(year, sb, code) if year >= autos[1].counts_from else sb)
                nxt.setdefault(pair, (*marks, mark))
        frontier = nxt


def _settled(ca: CompiledStatute, cb: CompiledStatute) -> int:
    """The first report year from which the answers of both versions' rules with memory can be every pair
    they will ever be (before it, some histories cannot have happened yet: no clock has run out in 2009)."""
    autos = (ca.automaton, cb.automaton)
    seen = [frozenset((autos[0].holds[x], autos[1].holds[y]) for x, y in frontier) for _, frontier in _joint(ca, cb)]
    settled = len(seen) - 1
    while settled > 0 and seen[settled - 1] == seen[-1]:
        settled -= 1
    return _start(ca, cb) + settled if settled else 0  # 0: every history state is there from the start


def _version(field: str, value: object) -> Statute:
    try:
        found = as_statute(value)  # type: ignore[arg-type]
    except InputTypeError:
        raise InputTypeError(field, value, "must be a Statute or a version name such as 'tvpra-2019'") from None
    if found is None:
        raise InputTypeError(field, value, "must be a Statute or a version name such as 'tvpra-2019'")
    return found


def load_bill(path: str | os.PathLike[str]) -> Statute:
    """The statute a *bill file* builds: a Python file that sets ``statute`` to a :class:`Statute`, usually a
    variant of a real version (``statute_named("tvpra-2019").replace_rule(...)``). The file is run as
    Python -- only run files you trust. Any problem is a :class:`~tipranking.errors.FieldError` naming the
    file (and the line, when the file raised).
    """
    shown = os.fspath(path)
    if not os.path.isfile(shown):
        raise FieldError("--bill", shown, "no such file")
    try:
        namespace = runpy.run_path(shown, run_name="tipranking_bill")
    except Exception as err:  # the file's own error, reported as the input's fault
        line = next((f.lineno for f in reversed(traceback.extract_tb(err.__traceback__))
                     if os.path.abspath(f.filename) == os.path.abspath(shown)), None)
        raise FieldError("--bill", shown, f"running the bill raised {type(err).__name__}: {err}",
                         f"line {line}" if line is not None else None) from None
    found = namespace.get("statute")
    if not isinstance(found, Statute):
        raise FieldError("--bill", shown, "the file must set `statute` to a tipranking Statute (e.g. "
                         "statute_named('tvpra-2019').replace_rule(...))"
                         + ("" if found is None else f"; it is a {type(found).__name__}"))
    return found


def forget() -> None:
    """Forget the lawful tiers remembered per automaton state (for benchmarks: a cold start)."""
    _STATES.clear()


def _iter_points(space: _Space) -> Iterator[tuple[tuple[bool | None, ...], Assessment, History]]:
    """Every realizable point of the space with its representative input (for tests that enumerate)."""
    comps = space.components
    ranges = [range(len(c.points)) for c in comps] + [range(len(space.history_points))]
    for combo in itertools.product(*ranges):
        point = tuple(v for i, j in enumerate(combo[:-1]) for v in comps[i].points[j]) + \
            space.history_points[combo[-1]]
        yield (point, *_example(space, combo))

