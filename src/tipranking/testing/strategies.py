"""Hypothesis strategies for tipranking values (needs the ``hypothesis`` extra).

Plural names, keyword-only options. Values are built valid by construction rather than
filtered, so failures shrink well. Importing this module registers :func:`assessments`,
:func:`histories` and friends for ``st.from_type``; the ``hypothesis`` entry point does the same
for any test run that has tipranking installed (``pip install 'tipranking[testing]'``).

Importing it also gives Hypothesis compact printers for the value classes, so a falsifying example shows
only what is set -- ``Assessment('Examplestan', 2023, MinimumStandards(True, True, None, False),
significant_efforts=True)``, not twelve unstated indicia -- and still reads back with ``eval`` given the
classes. Only Hypothesis's output changes: ``repr`` of the classes is untouched.

>>> from hypothesis import given
>>> @given(assessments(report_year=2023))
... def test(a):
...     assert a.report_year == 2023
>>> test()
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.vendor.pretty import RepresentationPrinter, for_type_by_name

import tipranking.facts as facts
from tipranking.assessment import (
    FIRST_REPORT_YEAR,
    LAST_KNOWN_REPORT_YEAR,
    Assessment,
    History,
    Indicia,
    MinimumStandards,
    PartialPlacement,
    PolicyOrPattern,
    WaiverJustification,
    WatchListFacts,
    YearPlacement,
)
from tipranking.consequences import (
    CspaDetermination,
    CspaProgram,
    Determination,
    Tier3Category,
    WaiverGround,
    covered_programs,
)
from tipranking.errors import FieldError
from tipranking.placing import refusals, refused_together
from tipranking.provisions import WATCH_LIST
from tipranking.rules.base import Event
from tipranking.statute import Statute, statute_for
from tipranking.tiers import Tier

__all__ = [
    "assessments",
    "cspa_determinations",
    "determinations",
    "histories",
    "register",
    "report_years",
    "statutes",
    "tiers",
]

_COUNTRIES = ("Examplestan", "Samplonia", "Illustria", "Demoland", "Paradigma")

# Built once: a strategy made inside a draw is validated again on every draw.
_BOOLS: st.SearchStrategy[bool | None] = st.booleans()
_BOOLS_OR_UNKNOWN: st.SearchStrategy[bool | None] = st.booleans() | st.none()
_UNSTATED_OR_BOOLS: st.SearchStrategy[bool | None] = st.none() | st.booleans()
_ONE_IN_TEN = st.integers(0, 9).map(lambda n: n == 9)
"""``True`` about one time in ten; shrinks to ``False``."""
_WAIVER_KINDS = st.integers(0, 2)
"""No waiver sought (0, the simplest), a full justification (1), or each element drawn (2)."""
_KINDS = sorted(PolicyOrPattern, key=lambda k: k.value)
_POLICIES: dict[bool | None, st.SearchStrategy[frozenset[PolicyOrPattern]]] = {
    None: st.frozensets(st.sampled_from(_KINDS), max_size=2),
    True: st.frozensets(st.sampled_from(_KINDS), min_size=1, max_size=2),
    False: st.just(frozenset()),
}
_MAX_RUN = 7
"""The longest stretch of years a history draws in one piece: room for two free Watch List years, two waiver
years (the 2008 act's), the downgrade, and a return of two years."""
_MAX_PIECES = 3
"""How many such stretches a history has at most: histories stay short (about five years on average)."""


def report_years(
    *, min_year: int = FIRST_REPORT_YEAR, max_year: int = LAST_KNOWN_REPORT_YEAR
) -> st.SearchStrategy[int]:
    """Report years the package covers (optionally a narrower span)."""
    return st.integers(min_value=max(min_year, FIRST_REPORT_YEAR), max_value=min(max_year, LAST_KNOWN_REPORT_YEAR))


def statutes() -> st.SearchStrategy[Statute]:
    """The real statute versions."""
    from tipranking.statute import VERSIONS

    return st.sampled_from(VERSIONS)


def tiers(*, ranked_only: bool = False) -> st.SearchStrategy[Tier]:
    return st.sampled_from([t for t in Tier if t.is_ranked or not ranked_only])


@functools.lru_cache(maxsize=4096)
def _allowed(fact: facts.Fact, year: int, version: Statute) -> bool:
    """Whether ``version`` has ``fact`` for ``year``'s report (what its rules' ``check_input`` accept)."""
    return (fact.path, True) not in refusals(version, year)


@functools.lru_cache(maxsize=4096)
def _refused_together(version: Statute, year: int) -> tuple[tuple[tuple[str, bool], ...], ...]:
    return tuple(refused_together(version, year))


@functools.lru_cache(maxsize=256)
def _reads(version: Statute) -> frozenset[str]:
    """The facts ``version``'s rules read: the only ones that can change a placement."""
    return frozenset(path for rule in version.rules() for path in rule.reads)


def _fixed_field(fact: facts.Fact, fixed: Mapping[str, Any]) -> bool:
    return (fact.group or fact.name) in fixed


@st.composite
def _assessments(draw: st.DrawFn, report_year: int | None, statute: Statute | None, country: str | None,
                 special_case: bool | None, policy_or_pattern: bool | None, unknowns: bool,
                 fixed: dict[str, Any]) -> Assessment:
    """Each fact of the catalogue the statute has for the year: a value (or, with ``unknowns``, maybe
    none); indicia and the law-enforcement data may always be left unstated; a waiver justification is
    sought or not, and when sought is full or drawn element by element; a few kinds of policy or pattern.
    Fields fixed by the caller are not drawn."""
    year = report_year if report_year is not None else draw(report_years())
    version = statute if statute is not None else statute_for(year)
    b = _BOOLS_OR_UNKNOWN if unknowns else _BOOLS
    values: dict[str, bool] = {}
    for fact in facts.catalogue():
        if (fact.kind != "optional" or fact.group == "waiver_justification" or _fixed_field(fact, fixed)
                or not _allowed(fact, year, version)):
            continue
        optional = fact.group == "indicia" or (fact.group is None and fact.path != "significant_efforts")
        value = draw(_UNSTATED_OR_BOOLS if optional else b)
        if value is not None:
            values[fact.path] = value
    justification = None
    if "waiver_justification" not in fixed:
        justification = _justification(draw, b, year, version)
    policy = draw(_POLICIES[bool(policy_or_pattern) if policy_or_pattern is not None else None])
    base = Assessment(
        country if country is not None else draw(st.sampled_from(_COUNTRIES)), year, MinimumStandards(),
        watch_list=WatchListFacts(None, None), policy_or_pattern=policy,
        special_case=special_case if special_case is not None else draw(_ONE_IN_TEN),
        waiver_justification=justification)
    drawn = facts.with_values(base, values)
    drawn = attrs.evolve(drawn, **fixed) if fixed else drawn
    return _without_refused_combinations(drawn, version, keep_last=bool(policy_or_pattern))


def _justification(draw: st.DrawFn, b: st.SearchStrategy[bool | None], year: int,
                   version: Statute) -> WaiverJustification | None:
    kind = draw(_WAIVER_KINDS)
    if kind == 0:
        return None
    elements = {f.name: f for f in facts.catalogue() if f.group == "waiver_justification"}
    return WaiverJustification(**{name: (True if kind == 1 else draw(b)) if _allowed(f, year, version) else None
                                  for name, f in elements.items()})


def _without_refused_combinations(assessment: Assessment, version: Statute, *, keep_last: bool) -> Assessment:
    """``assessment`` with one fact of each combination the statute refuses together (e.g. a kind of policy or
    pattern beside all four minimum standards met) turned to its other value, so it is valid: the last (the kind
    of policy or pattern), or with ``keep_last`` (the caller asked for one) the first."""
    for combination in _refused_together(version, assessment.report_year):
        if all(facts.value(assessment, path) is value for path, value in combination):
            path, value = combination[-1 if not keep_last else 0]
            assessment = facts.with_values(assessment, {path: not value})
    return assessment


def assessments(*, report_year: int | None = None, statute: Statute | None = None, country: str | None = None,
                special_case: bool | None = False, policy_or_pattern: bool | None = None,
                unknowns: bool = False, **fixed: Any) -> st.SearchStrategy[Assessment]:
    """Complete assessments valid for ``report_year`` under ``statute`` (default: the one in force).

    ``special_case`` defaults to ``False`` (pass ``None`` to draw it); ``policy_or_pattern``
    ``True``/``False`` forces a documented one or none. Any other Assessment field can be fixed
    by keyword, e.g. ``significant_efforts=True``. ``unknowns=True`` leaves facts unknown (``None``)
    at random, for partial-knowledge tests.
    """
    return _assessments(report_year, statute, country, special_case, policy_or_pattern, unknowns, fixed)


# ----------------------------------------------------------------------------------------------- histories


@attrs.frozen
class _Situation:
    """What one stretch of a lawful history finds, year after year: the facts the rules read (each year
    keeps those its statute has), the policy or pattern, the waiver justification, Special Case, or absence
    from the reports."""

    values: tuple[tuple[str, bool], ...]
    policy: frozenset[PolicyOrPattern]
    waiver: int
    elements: tuple[bool, bool, bool]
    special_case: bool
    absent: bool


@st.composite
def _situations(draw: st.DrawFn, paths: tuple[str, ...], special_case: bool | None,
                policy_or_pattern: bool | None) -> _Situation:
    # The simplest situation is a country in the report, neither Special Case nor with a waiver sought, each
    # fact False: shrinking moves a stretch towards it, and every stretch stays lawful, as place() makes it.
    absent = draw(_ONE_IN_TEN)
    special = special_case if special_case is not None else draw(_ONE_IN_TEN)
    values = tuple((path, bool(draw(_BOOLS))) for path in paths)
    policy = draw(_POLICIES[policy_or_pattern])
    waiver = draw(_WAIVER_KINDS)
    elements = (True, True, True)
    if waiver == 2:
        elements = (bool(draw(_BOOLS)), bool(draw(_BOOLS)), bool(draw(_BOOLS)))
    return _Situation(values, policy, waiver, elements, special, absent)


def _assessment_in(situation: _Situation, country: str, year: int, version: Statute,
                   fields: Mapping[str, Any], keep_policy: bool) -> Assessment:
    """The assessment of ``year`` in a stretch: the situation's facts that ``version`` reads and has for
    ``year``, the fixed fields over them."""
    reads = _reads(version)

    def kept(path: str) -> bool:
        return path in reads and _allowed(facts.lookup(path), year, version)

    values = {path: value for path, value in situation.values if kept(path)}
    policy = frozenset(k for k in situation.policy if kept(f"policy_or_pattern.{k.value}"))
    justification = None
    names = facts.names_in("waiver_justification")
    if situation.waiver and any(kept(f"waiver_justification.{name}") for name in names):
        justification = WaiverJustification(*situation.elements)
    base = Assessment(country, year, MinimumStandards(), watch_list=WatchListFacts(None, None),
                      policy_or_pattern=policy, special_case=situation.special_case,
                      waiver_justification=justification)
    assessment = facts.with_values(base, values)
    assessment = attrs.evolve(assessment, **fields) if fields else assessment
    return _without_refused_combinations(assessment, version, keep_last=keep_policy)


@attrs.frozen
class _Lawful:
    """How a lawful history places each year: for ``country``, under ``statute`` (``None``: the one in force),
    with the fixed Assessment ``fields``; ``keep_policy``: a policy or pattern was asked for."""

    country: str
    statute: Statute | None
    fields: tuple[tuple[str, Any], ...]
    keep_policy: bool


def _placed(how: _Lawful, situation: _Situation, year: int, history: History) -> YearPlacement:
    """``year`` placed by :func:`tipranking.place` on ``history``, with a waiver flag on a Watch List year."""
    from tipranking.placing import place

    version = how.statute if how.statute is not None else statute_for(year)
    assessment = _assessment_in(situation, how.country, year, version, dict(how.fields), how.keep_policy)
    placement = place(assessment, history, how.statute)
    tier = placement.decided_tier()
    waived = Event.WAIVER_APPLIED in placement.events
    return YearPlacement(year, tier, waived if tier is Tier.TIER_2_WATCH_LIST else None)


_placed_once = functools.lru_cache(maxsize=1 << 14)(_placed)
""":func:`_placed`, remembered: shrinking replays the same years on the same histories again and again (and
Hypothesis traces every line it runs while it shrinks, to explain a failure)."""

_Stretches = st.SearchStrategy[list[tuple[Any, int]]]


def _stretches(of: st.SearchStrategy[Any]) -> _Stretches:
    return st.lists(st.tuples(of, st.integers(1, _MAX_RUN)), max_size=_MAX_PIECES)


_FREE_STRETCHES = _stretches(st.none() | st.sampled_from(list(Tier)))
"""Stretches of one tier, or of a gap (``None``), for histories drawn freely."""


def _start(draw: st.DrawFn, first: int, before: int, stretches: list[tuple[Any, int]]) -> int:
    """The first year: drawn after the stretches, among those that leave room for all of them (a stretch that
    runs past ``before`` is cut short). Shrinking a stretch only leaves more room, so the start stays valid, and
    it shrinks towards ``first``."""
    room = before - first - sum(length for _, length in stretches)
    return first + draw(st.integers(0, max(0, room)))


@st.composite
def _free_histories(draw: st.DrawFn, country: str, first: int, before: int) -> History:
    """Tiers drawn freely, a stretch of years at a time; a stretch may be a gap. The Watch List before it existed
    is read as Tier 2, not filtered out."""
    stretches = draw(_FREE_STRETCHES)
    start = _start(draw, first, before, stretches)
    entries = []
    years = iter(range(start, before))
    for tier, length in stretches:
        for _, year in zip(range(length), years, strict=False):  # range first: zip takes no year too many
            if tier is not None:
                lawful = tier is not Tier.TIER_2_WATCH_LIST or WATCH_LIST.in_force(year)
                entries.append(YearPlacement(year, tier if lawful else Tier.TIER_2))
    return History(country, entries)


@st.composite
def _lawful_histories(draw: st.DrawFn, how: _Lawful, first: int, before: int, stretches_of: _Stretches,
                      place_year: Callable[[_Lawful, _Situation, int, History], YearPlacement]) -> History:
    """Each year of each stretch placed in turn on the history so far."""
    stretches = draw(stretches_of)
    start = _start(draw, first, before, stretches)
    history = History(how.country)
    years = iter(range(start, before))
    for situation, length in stretches:
        for _, year in zip(range(length), years, strict=False):  # range first: zip takes no year too many
            if not situation.absent:  # else not in that report
                entry = place_year(how, situation, year, history)
                history = history.with_placement(year, entry.tier, entry.waiver)
    return history


def histories(*, country: str = "Examplestan", before: int = LAST_KNOWN_REPORT_YEAR + 1,
              first: int = FIRST_REPORT_YEAR, lawful: bool = False,
              statute: Statute | None = None, assessments_with: Mapping[str, Any] | None = None,
              ) -> st.SearchStrategy[History]:
    """Placement histories of ``country``: a few stretches of consecutive report years from a start year in
    ``first`` up to ``before`` (not included), short: about five years on average, at most 21.

    ``lawful=True`` builds each year by placing an assessment with :func:`tipranking.place` on the history so
    far -- under ``statute`` if given (a rule set you want to check), else the statute in force each year.
    The facts of a stretch stay the same from year to year (a country whose situation persists), so Watch
    List runs, waivers, downgrades and returns are common; each year's assessment states the facts its
    statute's rules read (``Rule.reads``), the only ones that can change a placement. A lawful history records
    ``waiver=True`` or ``False`` on each Watch List year. ``assessments_with`` fixes fields of those
    assessments (any Assessment field, and ``special_case`` and ``policy_or_pattern`` as :func:`assessments`
    reads them), e.g. ``{"significant_efforts": True}`` to make Watch List runs commoner still.

    Otherwise tiers are drawn freely, a stretch of years at a time (with gaps), so an audit has something to
    find. Either way shrinking shortens a stretch or drops one, and moves the start towards ``first``: what is
    left is still a run of consecutive years, and still lawful.
    """
    fixed = dict(assessments_with or {})
    refused = [k for k in fixed if k not in attrs.fields_dict(Assessment) or k in ("country", "report_year")]
    if refused:
        raise FieldError("assessments_with", refused[0],
                         "a lawful history's assessments take Assessment fields (not country or report_year), "
                         "special_case and policy_or_pattern")
    first, before = max(first, FIRST_REPORT_YEAR), min(before, LAST_KNOWN_REPORT_YEAR + 1)
    if before <= first:
        return st.just(History(country))
    if not lawful:
        return _free_histories(country, first, before)
    special_case = fixed.pop("special_case", None)
    policy = fixed.pop("policy_or_pattern", None)
    if not (policy is None or isinstance(policy, bool)):  # a set of kinds: the field's value, not the option
        fixed["policy_or_pattern"], policy = policy, False
    versions = {statute} if statute is not None else {statute_for(y) for y in range(first, before)}
    paths = tuple(f.path for f in facts.catalogue()
                  if f.kind == "optional" and f.group not in ("waiver_justification", "policy_or_pattern")
                  and not _fixed_field(f, fixed) and any(f.path in _reads(v) for v in versions))
    how = _Lawful(country, statute, tuple(fixed.items()), bool(policy))
    place_year: Callable[[_Lawful, _Situation, int, History], YearPlacement] = _placed_once
    try:
        hash(how)
    except TypeError:  # a fixed field that cannot be hashed: nothing remembered
        place_year = _placed
    return _lawful_histories(how, first, before, _stretches(_situations(paths, special_case, policy)), place_year)


def determinations() -> st.SearchStrategy[Determination]:
    """Presidential determinations for a Tier 3 government: none, partial or full waivers, with grounds."""
    return st.builds(Determination, st.dictionaries(st.sampled_from(list(Tier3Category)),
                                                    st.sampled_from(list(WaiverGround))))


def cspa_determinations(*, report_year: int | None = None,
                        pko_from: int | None = None) -> st.SearchStrategy[CspaDetermination]:
    """CSPA determinations: per-program waivers, reinstatement, the (e) and (f) exceptions.

    With ``report_year``, only determinations valid for the list of that report
    (:meth:`~tipranking.consequences.CspaDetermination.check`): no PKO waiver and no (f) exception
    for a list before the Peacekeeping Operations ban (``pko_from`` as in
    :func:`~tipranking.consequences.covered_programs`; by default the 2013 report). Without it,
    any program may be drawn: valid for lists from the PKO ban on.
    """
    pko = True
    if report_year is not None:
        pko = CspaProgram.PKO in covered_programs(report_year, pko_from=pko_from)
    elif pko_from is not None:
        raise FieldError("pko_from", pko_from, "needs report_year")
    programs = [p for p in CspaProgram if pko or p is not CspaProgram.PKO]
    return st.builds(CspaDetermination, st.frozensets(st.sampled_from(programs)), st.booleans(),
                     st.booleans(), st.booleans() if pko else st.just(False))


def register() -> None:
    """Register the strategies for ``st.from_type`` (idempotent)."""
    st.register_type_strategy(Assessment, assessments())
    st.register_type_strategy(History, histories())
    st.register_type_strategy(Tier, tiers())
    st.register_type_strategy(Determination, determinations())
    st.register_type_strategy(CspaDetermination, cspa_determinations())


# ------------------------------------------------------------------------------------ compact printing

_LEADING = {Assessment: 3, WatchListFacts: 2, YearPlacement: 2, History: 2, Indicia: 0}
"""How many leading fields these classes print by position; a later field is printed by keyword, and only when
it is set. The other classes print by position up to their last field set (``MinimumStandards(True, True, None,
False)``, ``MinimumStandards()``)."""


def _compact(obj: Any, p: RepresentationPrinter, cycle: bool) -> None:
    """Print an attrs value as the call that builds it, without the fields left at their default."""
    cls = type(obj)
    name = cls.__name__
    if cycle:
        p.text(f"{name}(...)")
        return
    leading = _LEADING.get(cls)
    positional: list[Any] = []
    keywords: list[tuple[str, Any]] = []
    pending: list[Any] = []  # defaults before a later positional field that is set
    for index, field in enumerate(attrs.fields(cls)):
        value = getattr(obj, field.name)
        factory = getattr(field.default, "factory", None)  # an attrs.Factory (none of these takes self)
        default = factory() if factory is not None else field.default
        unset = field.default is not attrs.NOTHING and value == default and type(value) is type(default)
        if (leading is not None and index < leading) or (leading is None and not unset):
            positional += [*pending, value]
            pending = []
        elif leading is None:
            pending.append(value)
        elif not unset:
            keywords.append((field.name, value))
    p.repr_call(name, positional, dict(keywords))  # one line if it fits, else one argument a line


def _register_printers() -> None:
    """Give Hypothesis's printer (its falsifying examples, ``note``, ``event``) the compact form of each value
    class. Registered by module and name, so it reaches only Hypothesis's output, never ``repr``."""
    for cls in (Assessment, MinimumStandards, Indicia, WatchListFacts, WaiverJustification, YearPlacement,
                PartialPlacement, History):
        for_type_by_name(cls.__module__, cls.__name__, _compact)


register()
_register_printers()
