"""The joint input space of two statute versions and its exhaustive covering: what ``diff`` runs through.

* :class:`Space`: both versions' inputs in one report year. The facts the two versions' guards read fall
  into components (facts read by a common guard, or refused by one version, belong together); within a
  component every combination of values is run through both versions' guards, and combinations no version
  tells apart are one point, described by variables (:class:`Variable`: the guards' answers, or the
  facts themselves); a component holds at most :data:`MAX_TOGETHER` facts. The history is the pairs
  of automaton states the two versions can be in together before the report year (their joint walk, each
  pair with the first history reaching it), described by the answers of the rules with memory.
* :class:`Points`: every point of the space, numbered, with sets of points as integers, and the growing of
  a conjunction of conditions as wide as a set of allowed points lets it be.
* :func:`settled_year`: the first report year from which every history state the two versions tell apart
  can have happened.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence

import attrs

import tipranking.facts as facts
from tipranking.assessment import LAST_KNOWN_REPORT_YEAR, Assessment, History, MinimumStandards
from tipranking.errors import FieldError, HistoryError, InputTypeError, StatuteError
from tipranking.placing import MARKS, CompiledStatute, Guard, reads, refusals, value_name
from tipranking.rules.clock import Mark
from tipranking.statute import Statute
from tipranking.tiers import Tier

__all__ = ["MAX_TOGETHER", "Points", "Space", "Variable", "settled_year"]

_DOMAINS: dict[str, tuple[bool | None, ...]] = {"optional": (True, False, None), "flag": (True, False),
                                                 "documented": (True, False)}
_BOOL: tuple[bool | None, ...] = (True, False, None)
MAX_TOGETHER = 10
"""The most facts one group of rules may read together for :func:`diff` (3**10 combinations in a group;
every real version reads at most 5 together)."""


@attrs.frozen(slots=True)
class Variable:
    """One input the classes put conditions on.

    ``kind`` is ``"finding"`` (a fact of the assessment, by path: the value predates the rename of findings to
    facts and is part of the ``diff`` formats, as is the key ``"finding:<path>"``), ``"guard"`` (what a rule of one
    or both versions answers about the facts it reads) or ``"history"`` (what a rule with memory answers about the
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


# --------------------------------------------------------------------------- the input space


@attrs.frozen(slots=True)
class _Component:
    """Facts read together: its variables, and for each realizable point (a tuple of variable values)
    the answer key of each version and a representative raw assessment state."""

    paths: tuple[str, ...]
    variables: tuple[Variable, ...]
    points: tuple[tuple[bool | None, ...], ...]
    keys: tuple[tuple[Hashable, Hashable], ...]
    raws: tuple[tuple[bool | None, ...], ...]
    value_of: Callable[[tuple[bool | None, ...]], tuple[bool | None, ...]]


class Space:
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

    # ----------------------------------------------------------------- facts

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
        order = {f.path: i for i, f in enumerate(facts.catalogue())}
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
        domains = [_DOMAINS[facts.lookup(p).kind] for p in paths]
        if len(paths) > MAX_TOGETHER:
            raise StatuteError(f"diff: the facts {', '.join(paths)} are read together by the versions' rules; "
                               f"at most {MAX_TOGETHER} facts read together can be compared exhaustively")
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
        # A fact some version refuses stays a variable of its own (stated or not is what matters there);
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
            variables = tuple(self._fact_variable(paths[i], domains[i]) for i in refused_at) + tuple(
                self._guard_variable(owners) for owners in columns.values())
            firsts: dict[tuple[bool | None, ...], int] = {}
            point_of: dict[tuple[bool | None, ...], tuple[bool | None, ...]] = {}
            for i, r in enumerate(raws):
                point = tuple(c[i] for c in cols)
                firsts.setdefault(point, i)
                point_of[r] = point
            return _Component(paths, variables, tuple(firsts), tuple(keys[i] for i in firsts.values()),
                              tuple(raws[i] for i in firsts.values()), point_of.__getitem__)
        variables = tuple(self._fact_variable(p, d) for p, d in zip(paths, domains, strict=True))
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

    def _fact_variable(self, path: str, domain: tuple[bool | None, ...]) -> Variable:
        cites: dict[str, None] = {}
        names: list[str] = []
        for version, _code in ((self.a, self.ca), (self.b, self.cb)):
            for read, cited in reads(version):
                if read == path:
                    cites.update(dict.fromkeys(cited))
                    names.append(version.name)
        # "finding" (kind and key prefix) is a value of the shipped diff formats: it stays, meaning a fact
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
            raw = tuple(facts.value(assessment, p) for p in component.paths)
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

    # ----------------------------------------------------------------- one point

    def example(self, combo: Sequence[int]) -> tuple[Assessment, History]:
        """The representative input of a point (each component's point, then the history's): the first raw
        facts of each component's point, and the first history reaching its automaton states."""
        found = self.examples.get(tuple(combo[:-1]))
        if found is None:
            values: dict[str, bool] = {}
            for component, j in zip(self.components, combo[:-1], strict=True):
                values.update(zip(component.paths, component.raws[j], strict=True))  # type: ignore[arg-type]
            found = self.examples[tuple(combo[:-1])] = facts.with_values(self.template, values)
        history = self.histories.get(combo[-1])
        if history is None:
            history = self.histories[combo[-1]] = self.history_of(self.witnesses[combo[-1]])
        return found, history

    def iter_points(self) -> Iterator[tuple[tuple[bool | None, ...], Assessment, History]]:
        """Every realizable point of the space with its representative input (for tests that enumerate)."""
        comps = self.components
        ranges = [range(len(c.points)) for c in comps] + [range(len(self.history_points))]
        for combo in itertools.product(*ranges):
            point = tuple(v for i, j in enumerate(combo[:-1]) for v in comps[i].points[j]) + \
                self.history_points[combo[-1]]
            yield (point, *self.example(combo))


def _weight(marks: tuple[Mark, ...]) -> int:
    return sum(m is not None for m in marks)


def _citation(guard: Guard) -> str:
    provision = guard.rule.provision
    return provision.citation if provision is not None else ""


def _refused(key: Hashable) -> bool:
    return isinstance(key, tuple) and bool(key) and key[0] == "refused"


# --------------------------------------------------------------------------- sets of points


_BIT: dict[bool | None, int] = {True: 1, False: 2, None: 4}


class Points:
    """Every point of the space, numbered in product order (the history part varies fastest), with sets of
    points as integers (bit ``i`` for point ``i``): what a conjunction of conditions takes in is an AND of one
    set per condition, so growing a class is a handful of integer operations."""

    def __init__(self, space: Space) -> None:
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

    def conditions(self, masks: Sequence[int]) -> list[tuple[Variable, tuple[bool | None, ...]]]:
        """The variables ``masks`` (as :meth:`grow` returns them) put a condition on, each with the values of its
        domain the condition allows, in the variables' order."""
        return [(v, tuple(d for d in v.domain if _BIT[d] & m))
                for (v, _, _), m in zip(self.variables, masks, strict=True) if m != -1]


def _mask(values: Iterable[bool | None]) -> int:
    out = 0
    for v in values:
        out |= _BIT[v]
    return out


# --------------------------------------------------------------------------- the joint walk of two automata


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


def settled_year(ca: CompiledStatute, cb: CompiledStatute) -> int:
    """The first report year from which the answers of both versions' rules with memory can be every pair
    they will ever be (before it, some histories cannot have happened yet: no clock has run out in 2009);
    0 when every history state is there from the start."""
    autos = (ca.automaton, cb.automaton)
    seen = [frozenset((autos[0].holds[x], autos[1].holds[y]) for x, y in frontier) for _, frontier in _joint(ca, cb)]
    settled = len(seen) - 1
    while settled > 0 and seen[settled - 1] == seen[-1]:
        settled -= 1
    return _start(ca, cb) + settled if settled else 0  # 0: every history state is there from the start
