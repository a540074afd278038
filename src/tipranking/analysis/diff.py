"""``diff``: every kind of case two statute versions place differently, and who in a record would have moved.

What a bill changes is a question about *all* inputs, and the rules' inputs are finite: each fact is
true, false or unknown, and a history matters only through the state of the Watch List automaton
(:mod:`tipranking.placing.compiler`). So two versions can be compared exhaustively, not by sampling:

* **The input space.** The facts the two versions' guards read fall into *components* (facts read by
  a common guard, or refused by one version, belong together). Within a component every combination of
  values is run through both versions' guards; combinations that no version tells apart are one point. A
  component is described by the guards' answers ("fully complies with the minimum standards: no") when
  those answers say all that matters, otherwise by the facts themselves ("watch_list.
  commitments_for_next_year: true or false"). The history is described by the answers of the rules with
  memory on each side ("a waiver of the downgrade is still available [tvpra-2008]: yes"), over every state
  the two automata can reach together before the report year.
* **Placing.** Each point is placed by :func:`tipranking.place` under each version (a representative
  assessment and history; points that look alike to one version share its answer). Two versions place a
  point differently when the tier, or the set of possible tiers, differs, or when one of them refuses the
  input and the other places it. A different citation for the same tier is not a difference; an input
  both versions refuse (a fact neither has) is outside the comparison.
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

This module holds the result values, the placing of points and the classes, and the entry point :func:`diff`;
the input space and its covering are in :mod:`tipranking.analysis.covering`, the replay in
:mod:`tipranking.analysis.replay` (their result values are importable from here too).

>>> d = diff("tvpra-2019", "tvpra-2019+f-every-return", record=None)
>>> len(d.classes) > 0, d.report_year
(True, 2019)
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from tipranking.analysis.covering import MAX_TOGETHER, Points, Space, Variable, settled_year
from tipranking.analysis.replay import Move, MoveReading, forget, replay
from tipranking.assessment import Assessment, History, check_report_year
from tipranking.errors import FieldError, InputTypeError, StatuteError, TipRankingError
from tipranking.placing import compiled, place, rules_checking
from tipranking.provisions import all_provisions
from tipranking.rules.base import Rule
from tipranking.statute import Statute, as_statute
from tipranking.tiers import Tier, describe

__all__ = ["MAX_TOGETHER", "Condition", "DiffClass", "Move", "MoveReading", "NotCompared", "Side", "StatuteDiff",
           "Variable", "diff", "forget", "not_compared"]

_BUNDLED = object()
_ASK: Any = object()


# --------------------------------------------------------------------------- values


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
    decide (for an open tier, those of the facts it depends on). ``refusal`` is set when the version
    refuses the input instead (a fact it does not have), with the refusing provision in ``citations``.
    ``varies`` is true when the version's answer is not the same for every input of the class: the tier is
    open for each of them, and which of ``possible_tiers`` remain possible depends on the facts the class
    leaves free (``citations``: the provisions of the unknowns it depends on) -- or, when the other version
    refuses these inputs, ``possible_tiers`` is empty: the version places them, in whatever tier the other
    facts lead to.
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
            return f"{self.statute}: places these inputs (the tier by the other facts)"
        if self.varies:
            return (f"{self.statute}: open, among {describe(self.possible_tiers)} (which remain depends on the "
                    "facts left free)" + _cited(self.citations))
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
    _space: Space = attrs.field(repr=False, alias="space", eq=False)

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
class NotCompared:
    """A change of the law between the two versions that the comparison does not evaluate: a provision that came
    into force (or ended) between them but on which no rule of either version decides a placement -- a duty of
    the State Department, a consequence, or text that shapes what a fact means (the facts are inputs).
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
    _space: Space = attrs.field(repr=False, alias="space", eq=False)
    not_compared: tuple[NotCompared, ...] = ()
    """The changes between the two versions the classes do not cover (:func:`not_compared`)."""

    def classify(self, assessment: Assessment, history: History | None = None) -> DiffClass | None:
        """The class the input lies in, or ``None`` if the two versions place it alike."""
        values = self._space.values_of(assessment, history)
        if values is None:
            return None
        return next((found for found in self.classes if found._takes(values)), None)


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
    for rule in rules_checking(version):
        try:
            rule.check_input(assessment)
        except FieldError:
            return (rule.provision.citation,) if rule.provision is not None else ()
    return ()


@functools.lru_cache(maxsize=64)
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


def _bits(number: int) -> Iterator[int]:
    """The indices of the set bits of ``number``, lowest first."""
    while number:
        low = number & -number
        yield low.bit_length() - 1
        number ^= low


# --------------------------------------------------------------------------- classes


def _classes(space: Space) -> tuple[DiffClass, ...]:
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
                    assessment, history = space.example(indices)
                    found = answers[side][key] = _answer(versions[side], assessment, history)
                got.append(found)
            seen = pairs[(key_a, key_b)] = (_kind(got[0], got[1]), got[0], got[1]) if _differ(got[0], got[1]) \
                else None
        if seen is None:
            continue
        regions.setdefault(seen[0], []).append(index)
        got_at[index] = (seen[1], seen[2])
    points = Points(space)
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
            conditions = tuple(Condition(v, values) for v, values in points.conditions(masks))
            made.append((seed, DiffClass(conditions, _side(space.a, seen_a), _side(space.b, seen_b),
                                         space.example(points.indices(seed)), space)))
    return tuple(c for _, c in sorted(made, key=lambda item: (_rank(item[1]), item[0])))


def _rank(c: DiffClass) -> int:
    """Refusals first, then classes both versions decide, then those with an open tier."""
    if c.a.refusal is not None or c.b.refusal is not None:
        return 0
    return 1 if c.a.tier is not None and c.b.tier is not None else 2


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


# --------------------------------------------------------------------------- the entry point


def diff(a: Statute | str, b: Statute | str, *, report_year: int | None = None,
         record: Mapping[str, History] | object | None = _BUNDLED) -> StatuteDiff:
    """Every kind of single-year input (facts and history) that versions ``a`` and ``b`` place
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
    year = max(version_a.first_report_year, version_b.first_report_year, settled_year(codes[0], codes[1])) \
        if report_year is None else check_report_year(report_year, "report_year")
    space = Space(version_a, version_b, codes[0], codes[1], year)
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
    moves = None if histories is None else replay(version_a, version_b, histories)
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


def _version(field: str, value: object) -> Statute:
    try:
        found = as_statute(value)  # type: ignore[arg-type]
    except InputTypeError:
        raise InputTypeError(field, value, "must be a Statute or a version name such as 'tvpra-2019'") from None
    if found is None:
        raise InputTypeError(field, value, "must be a Statute or a version name such as 'tvpra-2019'")
    return found
