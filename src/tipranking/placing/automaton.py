"""The Watch List automaton: the rules with memory of a statute as one machine over report years, and the
completions of a history's uncertain years as sets of its states.

A report year leaves one *mark* on the clock: the country was on the Watch List, on Tier 3, or anything else
(:data:`MARKS`, the one alphabet: the compiled statute walks it, and ``diff`` walks two versions' automata
together over it). :class:`Automaton` is the product of the machines of a statute's rules with memory
(:meth:`~tipranking.rules.base.Rule.machine`), enumerated over the report years; :class:`Grid` carries a history
with uncertain years as the set of states reachable year by year.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Mapping, Sequence

from tipranking.assessment import History
from tipranking.provisions import LAST_KNOWN_REPORT_YEAR
from tipranking.rules.clock import Machine, Mark, WatchListClock
from tipranking.tiers import Tier

__all__ = ["MARKS", "Automaton", "Grid", "mark_code"]

MARKS: tuple[Mark, ...] = (None, Tier.TIER_2_WATCH_LIST, Tier.TIER_3)
"""The marks a report year can leave on the Watch List clock, in the order their codes number them: anything
else (another tier, a Special Case, no entry), the Watch List, Tier 3."""

_CODE: dict[Tier | None, int] = {Tier.TIER_2_WATCH_LIST: 1, Tier.TIER_3: 2}


def mark_code(tier: Tier | None) -> int:
    """The code (the index in :data:`MARKS`) of the mark a year placed on ``tier`` leaves (``None``: no entry)."""
    return _CODE.get(tier, 0)


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
                            for mark in MARKS)
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
            states.append(delta[year][states[-1]][_CODE.get(tiers.get(year), 0)])
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
                codes = tuple(_CODE.get(t, 0) for t in WatchListClock.options(past, year))
            else:
                codes = (_CODE.get(tiers.get(year), 0),)
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
        return [(MARKS[c], set().union(*(outs[after(year, s, c)] for s in self.reach[step]))) for c in codes]


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)
