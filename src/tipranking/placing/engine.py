"""``place``: the tier a statute demands for an assessment and a history, explained.

Facts may be unknown (``None``). When the known facts decide the tier, that is the placement; otherwise
every completion of the unknown facts (and unknown history years) that the rules read is considered, and
the placement holds the possible tiers and, for each unknown that matters, which value leads to which tiers.

``place`` uses the statute's compiled form (:mod:`tipranking.placing.compiler`), derived from its rule objects;
the findings of the explanation are built from the rule tree the first time they are read, once per
decision-table entry. A statute that cannot be compiled runs on the rule tree alone
(:func:`tipranking.placing.interpret`, the reference the compiled form is tested against).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

from tipranking.assessment import Assessment, History
from tipranking.countries import government_key
from tipranking.errors import FieldError, HistoryError, InputTypeError
from tipranking.placing.compiler import IN_FORCE, CompiledStatute, compiled
from tipranking.placing.interpreter import interpret
from tipranking.placing.placement import Placement
from tipranking.placing.tree import Outcome
from tipranking.statute import Statute, as_statute, statute_for
from tipranking.tiers import Tier

__all__ = ["PlacementBatch", "history_lookup", "place", "place_many"]


def place(assessment: Assessment, history: History | None = None, statute: Statute | str | None = None) -> Placement:
    """Place ``assessment`` under ``statute`` (by default the version in force for its report year; a
    version name such as ``"tvpra-2019+f-every-return"`` is accepted).

    ``history`` holds the country's earlier placements; only years before the assessment's
    report year are used.

    >>> from tipranking import Assessment, MinimumStandards
    >>> a = Assessment("Examplestan", 2023, MinimumStandards(True, True, True, False),
    ...                significant_efforts=False)
    >>> p = place(a)
    >>> p.tier.label, p.citation
    ('Tier 3', '22 U.S.C. § 7107(b)(1)(C)')
    >>> unsure = place(Assessment("Examplestan", 2023, MinimumStandards(True, True, True, False),
    ...                           significant_efforts=None))
    >>> unsure.tier, sorted(t.value for t in unsure.possible_tiers), [d.field for d in unsure.deciding]
    (None, ['2', '2WL', '3'], ['significant_efforts', 'watch_list.victims_very_significant_or_increasing', \
'watch_list.no_evidence_of_increasing_efforts', 'watch_list.no_proportional_concrete_actions'])
    """
    if statute is None and assessment.__class__ is Assessment:
        fast = IN_FORCE.get(assessment.report_year)
        if fast is not None:
            if history is None:
                return fast.place_plain(assessment)
            if history.__class__ is History:
                return fast.compiled.place(assessment, history)
    if assessment.__class__ is not Assessment and not isinstance(assessment, Assessment):
        raise InputTypeError("assessment", assessment, "place() needs an Assessment")
    version = statute_for(assessment.report_year) if statute is None else as_statute(statute)
    assert version is not None
    if history is not None and not isinstance(history, History):
        raise InputTypeError("history", history, "must be a History or None")
    code = compiled(version)
    if code is None:
        return interpret(assessment, history, version)
    if statute is None:
        IN_FORCE[assessment.report_year] = code.year(assessment.report_year)
    return code.place(assessment, history)


class PlacementBatch(Sequence[Placement]):
    """The placements of :func:`place_many`, in input order. Each :class:`Placement` is made when it is first
    read (and kept); ``tiers`` gives every tier without making them."""

    __slots__ = ("_assessments", "_codes", "_histories", "_results")

    def __init__(self, assessments: list[Assessment], histories: list[History | None],
                 results: list[Outcome | Placement], codes: dict[int, CompiledStatute | None]) -> None:
        self._assessments, self._histories, self._results, self._codes = assessments, histories, results, codes

    def __len__(self) -> int:
        return len(self._results)

    @overload
    def __getitem__(self, index: int) -> Placement: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Placement]: ...

    def __getitem__(self, index: int | slice) -> Placement | Sequence[Placement]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        result = self._results[index]
        if result.__class__ is Placement:
            return result
        position = index if index >= 0 else index + len(self)
        assessment = self._assessments[position]
        code = self._codes[assessment.report_year]
        assert code is not None and isinstance(result, Outcome)
        made = self._results[position] = code.placement(assessment, self._histories[position], result)
        return made

    def __iter__(self) -> Iterator[Placement]:
        for index in range(len(self)):
            yield self[index]

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled with every placement made (and its explanation built): the compiled statute stays behind.
        made = [self[i] for i in range(len(self))]
        return (PlacementBatch, (list(self._assessments), list(self._histories), made, {}))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PlacementBatch):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a sequence compared by value, like a list

    @property
    def tiers(self) -> tuple[Tier | None, ...]:
        """Each placement's tier (``None`` where unknown facts leave it open), without making the placements."""
        return tuple(r.tier for r in self._results)

    def __repr__(self) -> str:
        return f"<PlacementBatch of {len(self)} placements>"


def place_many(assessments: Iterable[Assessment],
               histories: Mapping[str, History] | Sequence[History | None] | None = None,
               statute: Statute | str | None = None) -> PlacementBatch:
    """Place many assessments in one pass: the same placements as ``[place(a, h, statute) ...]``, made lazily.

    ``histories`` is ``None`` (no history), a mapping from country name to :class:`History` (a country not in
    it has none; a name not among its keys finds the history of the same government,
    :func:`tipranking.countries.same_government`, so ``"Myanmar"`` finds ``"Burma"``), or a sequence with one
    history (or ``None``) per assessment. Every item is checked first: a bad one raises, naming its index, and
    nothing is returned.

    >>> from tipranking import Assessment, MinimumStandards, History
    >>> batch = place_many([Assessment("A", 2023, MinimumStandards(True, True, True, True)),
    ...                     Assessment("B", 2023, MinimumStandards(True, True, True, False),
    ...                                significant_efforts=False)],
    ...                    {"B": History.of("B", {2022: "2WL"})})
    >>> [t.label for t in batch.tiers], batch[1].citation
    (['Tier 1', 'Tier 3'], '22 U.S.C. § 7107(b)(1)(C)')
    """
    if isinstance(assessments, Assessment | str | bytes) or not isinstance(assessments, Iterable):
        raise InputTypeError("assessments", assessments, "place_many() needs an iterable of Assessments")
    items = list(assessments)
    fixed = None if statute is None else as_statute(statute)
    if histories is None:
        paired: list[History | None] = [None] * len(items)
    elif isinstance(histories, Mapping):
        paired = _paired_by_country(items, histories)
    elif isinstance(histories, Sequence) and not isinstance(histories, str | bytes):
        if len(histories) != len(items):
            raise InputTypeError("histories", f"{len(histories)} histories",
                                 f"must be one per assessment ({len(items)})")
        paired = list(histories)
    else:
        raise InputTypeError("histories", histories, "must be None, a mapping of country to History, or a "
                             "sequence of Histories")
    results: list[Outcome | Placement] = []
    codes: dict[int, CompiledStatute | None] = {}
    years_at: dict[int, Any] = {}
    append = results.append
    for index, (assessment, history) in enumerate(zip(items, paired, strict=True)):
        try:
            if assessment.__class__ is not Assessment and not isinstance(assessment, Assessment):
                raise InputTypeError("assessment", assessment, "place_many() needs Assessments")
            year = assessment.report_year
            if year in codes:
                code, at = codes[year], years_at[year]
            else:
                version = fixed if fixed is not None else statute_for(year)
                code = codes[year] = compiled(version)
                at = years_at[year] = code.year(year) if code is not None else None
            if history is None and at is not None:
                # CompiledStatute.leaf's no-history branch, inlined: a call per item is ~10% of place_many's
                # time (benchmarks/README.md); tests/test_batch.py checks place_many == place.
                assert code is not None
                for check in at.checks:
                    check(assessment)
                leaf = at.decide(assessment, at.empty)
                append(leaf if leaf.tier is not None else code.place(assessment, None))
                continue
            if history is not None and history.__class__ is not History and not isinstance(history, History):
                raise InputTypeError("history", history, "must be a History or None")
            if code is None:
                append(interpret(assessment, history, fixed if fixed is not None else statute_for(year)))
            else:
                append(code.leaf(assessment, history))
        except FieldError as error:
            raise error.located(f"place_many item {index}") from None
    return PlacementBatch(items, paired, results, codes)


def history_lookup(histories: Mapping[str, History]) -> Callable[[str], History | None]:
    """A function from a country name to its history in ``histories`` (a mapping by country name): the key that is
    the name, else the one key naming the same government (:func:`tipranking.countries.government_key`; indexed on
    the first miss only), else ``None``. Two keys for the government of a name raise a
    :class:`~tipranking.errors.HistoryError` naming them. ``place_many`` and ``frames.place_frame`` pair
    assessments with histories by it.

    >>> find = history_lookup({"Burma": History("Burma")})
    >>> find("Myanmar").country, find("Examplestan")
    ('Burma', None)
    """
    by_government: dict[tuple[bool, str], list[str]] | None = None

    def find(country: str) -> History | None:
        nonlocal by_government
        found = histories.get(country)
        if found is not None or not histories:
            return found
        if by_government is None:
            by_government = {}
            for key in histories:
                if isinstance(key, str):
                    by_government.setdefault(government_key(key), []).append(key)
        keys = by_government.get(government_key(country), [])
        if len(keys) > 1:
            raise HistoryError("histories", keys, f"more than one history for the government of {country!r}: keep one")
        return histories[keys[0]] if keys else None

    return find


def _paired_by_country(items: list[Assessment], histories: Mapping[str, History]) -> list[History | None]:
    """Each assessment's history from a mapping by country name (:func:`history_lookup`); two keys for one
    government are refused, naming the item."""
    find = history_lookup(histories)
    paired: list[History | None] = []
    for index, assessment in enumerate(items):
        if assessment.__class__ is not Assessment and not isinstance(assessment, Assessment):
            paired.append(None)  # refused, naming the item, when it is placed
            continue
        try:
            paired.append(find(assessment.country))
        except HistoryError as error:
            raise error.located(f"place_many item {index}") from None
    return paired
