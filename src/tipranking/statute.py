"""Statute versions: which rules, with which parameters, governed which report years.

A :class:`Statute` is a value. :func:`statute_for` returns the one in force for a report year;
:data:`VERSIONS` lists them all. A variant -- a pending bill, a counterfactual -- is built from a
real version with :meth:`Statute.replace_rule`, :meth:`Statute.without` or :func:`attrs.evolve`,
and passed to :func:`tipranking.place`, ``audit`` or ``outlook``.

Where the reference notes tag a date or an attribution as inferred or uncertain, it is a
parameter here (see ``docs/statute-versions.md``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TypeVar

import attrs

from tipranking.assessment import FIRST_REPORT_YEAR, LAST_KNOWN_REPORT_YEAR, Assessment, History, check_report_year
from tipranking.errors import InputTypeError, StatuteError
from tipranking.rules.base import (
    Assign,
    Constant,
    Decision,
    Event,
    Evidence,
    FirstOf,
    Rule,
    Unless,
    When,
)
from tipranking.rules.clock import WatchListClock
from tipranking.rules.downgrade import (
    READINGS,
    AutomaticDowngrade,
    PostWaiverLimit,
    Reading,
    WaiverAvailable,
    WaiverJustified,
    reading_named,
)
from tipranking.rules.efforts import (
    DataPresumption,
    EffortsConsiderations,
    IndiciaEvidence,
    PolicyOrPatternProof,
    SignificantEfforts,
    no_significant_efforts,
)
from tipranking.rules.special_case import SpecialCase
from tipranking.rules.standards import full_compliance
from tipranking.rules.watch_list import WatchListCriteria
from tipranking.tiers import Tier

__all__ = [
    "VERSIONS",
    "Statute",
    "as_statute",
    "build_pipeline",
    "history_rule_ids",
    "other_readings",
    "statute_for",
    "statute_named",
    "timeline_table",
    "with_reading",
]

_R = TypeVar("_R", bound=Rule)


@attrs.frozen(slots=True, cache_hash=True)
class Statute:
    """A statute version: the rule pipeline in force for a span of report years.

    ``clock`` is the counting of § 7107(b)(2)(D)(i) (``None`` before the 2009 report).
    ``last_report_year`` is ``None`` for the version in force today.
    """

    name: str
    title: str
    first_report_year: int
    last_report_year: int | None
    pipeline: Decision = attrs.field(repr=False)
    clock: WatchListClock | None = None

    def covers(self, report_year: int) -> bool:
        last = LAST_KNOWN_REPORT_YEAR if self.last_report_year is None else self.last_report_year
        return self.first_report_year <= report_year <= last

    def rules(self) -> Iterator[Rule]:
        """Every rule in the pipeline, depth first."""
        return self.pipeline.rules()

    def find(self, rule_id: str) -> Rule | None:
        """The first rule with this id, or ``None``."""
        return next((r for r in self.rules() if r.rule_id == rule_id), None)

    def rule_of_type(self, kind: type[_R]) -> _R | None:
        """The first rule of this class in the pipeline, or ``None`` (remembered per version and class)."""
        found = _rule_of_type(self, kind)
        return found if found is None or isinstance(found, kind) else None

    def replace_rule(self, rule_id: str, new: Rule, *, name: str | None = None) -> Statute:
        """A variant in which every rule with ``rule_id`` is ``new``.

        Its default name says what changed, so that :func:`statute_named` gives the variant back where a name
        can: this statute's own name if nothing changed; ``<name>-<rule_id>`` if ``new`` switches the rule off
        as :meth:`without` does; ``<name>+<reading>...`` if ``new`` is the post-waiver limit read as
        :data:`~tipranking.rules.downgrade.READINGS` read it (as :func:`with_reading` names it). Any other rule
        is the caller's own object, which no name can rebuild: ``<name>~<rule_id>``, a name
        :func:`statute_named` refuses, saying to pass the value.

        >>> from tipranking.rules.downgrade import PostWaiverLimit, WaiverAvailable
        >>> today = statute_for(2023)
        >>> today.replace_rule("post_waiver_limit", PostWaiverLimit(every_return=True)).name
        'tvpra-2019+f-every-return'
        >>> no_waiver = today.replace_rule("waiver_available", WaiverAvailable(max_years=0))
        >>> no_waiver.name
        'tvpra-2019~waiver_available'
        """
        if self.find(rule_id) is None:
            known = sorted({r.rule_id for r in self.rules() if r.rule_id})
            raise StatuteError(f"rule_id: {rule_id!r} is not in statute {self.name!r}; its rules: {known}")
        pipeline = self.pipeline.replace(rule_id, new)
        return attrs.evolve(self, pipeline=pipeline, name=name or _variant_name(self, rule_id, new, pipeline))

    def check_assessment(self, assessment: Assessment) -> None:
        """Raise :class:`~tipranking.errors.FieldError` if ``assessment`` states a fact one of this version's
        rules says does not exist (e.g. Watch List criterion (III) after 2018, an indicium before its
        provision). Readers call it as each item is read, so the error names the item."""
        for rule in _rules(self):
            rule.check_input(assessment)

    def uncertain_years_that_matter(self, history: History, report_year: int) -> list[int]:
        """The uncertain years of ``history`` (unknown or partly known) that this version's history rules
        could depend on for ``report_year`` (none without a Watch List clock)."""
        if self.clock is None:
            return []
        return self.clock.unknown_years_that_matter(history, report_year, whole_history=_counts_every_year(self))

    def without(self, rule_id: str, *, name: str | None = None) -> Statute:
        """A variant in which the rule ``rule_id`` never holds (e.g. ``"policy_or_pattern"``), named
        ``<name>-<rule_id>`` by default, a name :func:`statute_named` reads back (see :meth:`replace_rule`)."""
        return self.replace_rule(rule_id, _switched_off(rule_id), name=name)


def _switched_off(rule_id: str) -> Constant:
    """The rule :meth:`Statute.without` puts in place of ``rule_id``: a constant that never holds."""
    return Constant(rule_id, False, f"{rule_id} removed")


_RULE_ID_IN_NAME = re.compile(r"\w+")
_SWITCHED_OFF = "-"
_READ_AS = "+"
_REPLACED = "~"


def _variant_name(version: Statute, rule_id: str, new: Rule, pipeline: Decision) -> str:
    """The default name of ``version`` with ``rule_id`` replaced by ``new`` (giving ``pipeline``): see
    :meth:`Statute.replace_rule`."""
    if pipeline == version.pipeline:
        return version.name
    nameable = _RULE_ID_IN_NAME.fullmatch(rule_id) is not None
    if nameable and new == _switched_off(rule_id):
        return f"{version.name}{_SWITCHED_OFF}{rule_id}"
    limit = version.rule_of_type(PostWaiverLimit)
    if rule_id == PostWaiverLimit.rule_id and limit is not None and isinstance(new, PostWaiverLimit):
        readings = [r for r in READINGS if not r.changes_nothing(limit) and r.changes_nothing(new)]
        read = version
        for reading in readings:
            read = with_reading(read, reading)
        if readings and read.pipeline == pipeline:
            return read.name
    return f"{version.name}{_REPLACED}{rule_id}"


def build_pipeline(
    *,
    indicia: bool = True,
    data_presumption: DataPresumption | None,
    budget_and_civil_society: bool,
    concrete_actions_only: bool,
    policy_or_pattern_proof: bool,
    watch_list: WatchListCriteria | None,
    waiver: WaiverAvailable | None,
    post_waiver_limit: PostWaiverLimit | None,
) -> Decision:
    """Compose the placement pipeline from its parts.

    Special Case; else (from 2019) Tier 3 on proof of a policy or pattern; else Tier 1 on full
    compliance; else Tier 2 on significant efforts -- *unless* a Watch List criterion holds
    (Tier 2 Watch List), *unless* the clock has run out (Tier 3), *unless* a justified waiver is
    still available (Watch List); and, over all of that, *unless* the post-waiver limit applies
    (Tier 3); else Tier 3 for no significant efforts.
    """
    efforts = SignificantEfforts(concrete_actions_only=concrete_actions_only)
    tier2: Decision = Assign(Tier.TIER_2)
    if watch_list is not None:
        on_watch_list: Decision = Assign(Tier.TIER_2_WATCH_LIST)
        if waiver is not None:
            downgrade = When(AutomaticDowngrade(), FirstOf((
                When(waiver, Unless(Assign(Tier.TIER_3, (Event.AUTOMATIC_DOWNGRADE,)), (
                    When(WaiverJustified(), Assign(Tier.TIER_2_WATCH_LIST, (Event.WAIVER_APPLIED,))),
                )), decisive=False),
                Assign(Tier.TIER_3, (Event.AUTOMATIC_DOWNGRADE, Event.WATCH_LIST_UNAVAILABLE)),
            )))
            on_watch_list = Unless(on_watch_list, (downgrade,))
        if post_waiver_limit is not None:
            on_watch_list = Unless(on_watch_list, (When(post_waiver_limit, Assign(
                Tier.TIER_3, (Event.POST_WAIVER_LIMIT, Event.WATCH_LIST_UNAVAILABLE))),))
        tier2 = Unless(tier2, (When(watch_list, on_watch_list),))
    options: list[Decision] = [When(SpecialCase(), Assign(Tier.SPECIAL_CASE))]
    if policy_or_pattern_proof:
        options.append(When(PolicyOrPatternProof(), Assign(Tier.TIER_3)))
    options += [
        When(full_compliance(concrete_actions_only=concrete_actions_only), Assign(Tier.TIER_1)),
        When(efforts, tier2),
        When(no_significant_efforts(efforts), Assign(Tier.TIER_3)),
    ]
    evidence: list[Rule] = []
    if indicia:
        evidence.append(IndiciaEvidence())
    if data_presumption is not None:
        evidence.append(data_presumption)
    evidence.append(EffortsConsiderations(budget_and_civil_society=budget_and_civil_society))
    return Evidence(tuple(evidence), then=FirstOf(tuple(options)))


def _versions() -> tuple[Statute, ...]:
    base = {"budget_and_civil_society": False, "concrete_actions_only": False, "policy_or_pattern_proof": False}
    old_watch_list = WatchListCriteria(commitments_criterion=True, estimated_number=False)
    return (
        Statute(
            "tvpa-2000", "Trafficking Victims Protection Act of 2000, Pub. L. 106-386", FIRST_REPORT_YEAR, 2003,
            build_pipeline(data_presumption=None, watch_list=None, waiver=None, post_waiver_limit=None,
                           **base)),
        Statute(
            "tvpra-2003", "TVPRA of 2003, Pub. L. 108-193: Watch List and data presumption", 2004, 2008,
            build_pipeline(data_presumption=DataPresumption(grace_years=(2004, 2005)), watch_list=old_watch_list,
                           waiver=None, post_waiver_limit=None, **base)),
        Statute(
            "tvpra-2008", "William Wilberforce TVPRA of 2008, Pub. L. 110-457: automatic downgrade, waiver for "
            "up to 2 years", 2009, 2018,
            build_pipeline(data_presumption=DataPresumption(), watch_list=old_watch_list,
                           waiver=WaiverAvailable(max_years=2), post_waiver_limit=None, **base),
            clock=WatchListClock(counts_from=2009, free_years=2)),
        Statute(
            "tvpra-2019", "Frederick Douglass TVPRA of 2018, Pub. L. 115-425, and TVPRA of 2017, Pub. L. 115-427 "
            "(January 2019): waiver for up to 1 year, post-waiver limit, policy-or-pattern proof", 2019, None,
            build_pipeline(data_presumption=DataPresumption(),
                           watch_list=WatchListCriteria(commitments_criterion=False, estimated_number=True),
                           waiver=WaiverAvailable(max_years=1), post_waiver_limit=PostWaiverLimit(),
                           budget_and_civil_society=True, concrete_actions_only=True,
                           policy_or_pattern_proof=True),
            clock=WatchListClock(counts_from=2009, free_years=2)),
    )


VERSIONS: tuple[Statute, ...] = _versions()
"""Every statute version, oldest first: ``tvpa-2000``, ``tvpra-2003``, ``tvpra-2008``, ``tvpra-2019``.
:func:`statute_for` picks from it by report year."""


@cache
def statute_for(report_year: int) -> Statute:
    """The statute version in force for the report of ``report_year``.

    >>> statute_for(2013).name
    'tvpra-2008'
    >>> statute_for(1999)
    Traceback (most recent call last):
    ...
    tipranking.errors.ReportYearError: report_year: the first TIP Report is 2001 (got 1999)
    """
    check_report_year(report_year)
    for version in VERSIONS:
        if version.covers(report_year):
            return version
    raise StatuteError(f"report_year: no statute version covers {report_year}")  # pragma: no cover


def statute_named(name: str) -> Statute:
    """The statute a name denotes: a version, or a variant of one as the package names its variants.

    The grammar, read left to right, each step applied to the statute so far::

        name    = version { "-" rule_id | "+" reading }
        version = "tvpa-2000" | "tvpra-2003" | "tvpra-2008" | "tvpra-2019"

    ``-rule_id`` switches a rule off (:meth:`Statute.without`); ``+reading`` reads § 7107(b)(2)(F) another
    way (:func:`with_reading`; the names are those of :data:`tipranking.rules.downgrade.READINGS`, such as
    ``f-every-return``). A rule id is letters, digits and underscores. These are exactly the names
    :meth:`Statute.without`, :func:`with_reading` and :meth:`Statute.replace_rule` give by default, so
    ``statute_named(v.name) == v`` for every variant built from a version by those steps, in any order
    (``"tvpra-2019-policy_or_pattern+f-every-return"``, ``"tvpra-2019+f-every-return-waiver_available"``).

    One default name does not parse back: ``~rule_id``, which :meth:`Statute.replace_rule` gives a variant
    whose rule was replaced by an object of the caller's own (``"tvpra-2019~waiver_available"``). A name
    cannot rebuild that object, so it is refused with a :class:`~tipranking.errors.StatuteError` that says so:
    pass the :class:`Statute` value itself.

    >>> statute_named("tvpra-2019+f-from-2019").rule_of_type(PostWaiverLimit).triggers_from
    2019
    >>> statute_named("tvpra-2019-policy_or_pattern") == statute_for(2023).without("policy_or_pattern")
    True
    >>> statute_named("tvpra-2019~waiver_available")
    Traceback (most recent call last):
    ...
    tipranking.errors.StatuteError: statute: 'tvpra-2019~waiver_available' names a variant whose rule \
'waiver_available' was replaced by a rule object of the caller's own (Statute.replace_rule); a name cannot \
rebuild that object: pass the Statute value itself
    """
    if not isinstance(name, str):
        raise StatuteError(f"statute: a version name must be a string (got {name!r})")
    text = name.strip()
    if _REPLACED in text:
        replaced = ", ".join(repr(part.split(_SWITCHED_OFF)[0].split(_READ_AS)[0])
                             for part in text.split(_REPLACED)[1:])
        raise StatuteError(f"statute: {text!r} names a variant whose rule {replaced} was replaced by a rule object "
                           "of the caller's own (Statute.replace_rule); a name cannot rebuild that object: pass the "
                           "Statute value itself")
    head, *segments = text.split(_READ_AS)
    found = next((v for v in VERSIONS if head == v.name or head.startswith(v.name + _SWITCHED_OFF)), None)
    if found is None:
        known = ", ".join(v.name for v in VERSIONS)
        raise StatuteError(f"statute: unknown version {head!r}; known: {known} (each optionally followed by "
                           f"-rule_id for a rule switched off, and +reading: {', '.join(r.name for r in READINGS)})")
    version = _switch_off(found, head[len(found.name):], text)
    for segment in segments:
        matching = [r for r in READINGS if segment == r.name or segment.startswith(r.name + _SWITCHED_OFF)]
        if not matching:
            rule_id = segment.split(_SWITCHED_OFF)[0]
            if rule_id and version.find(rule_id) is not None:
                raise StatuteError(f"statute: {text!r}: '+{rule_id}' is not a reading of § 7107(b)(2)(F) but a rule "
                                   "of the statute, as earlier releases named a variant with that rule replaced "
                                   f"(now '~{rule_id}'); a name cannot rebuild a replaced rule: pass the Statute "
                                   "value itself")
            reading_named(segment)  # raises, naming the known readings
        reading = max(matching, key=lambda r: len(r.name))
        version = _switch_off(with_reading(version, reading), segment[len(reading.name):], text)
    return version


def _switch_off(version: Statute, steps: str, name: str) -> Statute:
    """``version`` with each rule of ``steps`` (``"-rule_id-rule_id..."``, or empty) switched off."""
    for rule_id in steps.split(_SWITCHED_OFF)[1:]:
        if not rule_id:
            raise StatuteError(f"statute: {name!r}: no rule id after '-'")
        version = version.without(rule_id)
    return version


def as_statute(value: Statute | str | None) -> Statute | None:
    """``value`` itself, the version a name denotes (:func:`statute_named`), or ``None``; an
    :class:`~tipranking.errors.InputTypeError` for anything else."""
    if value is None or isinstance(value, Statute):
        return value
    if isinstance(value, str):
        return statute_named(value)
    raise InputTypeError("statute", value, "must be a Statute, a version name such as 'tvpra-2019', or None")


def with_reading(version: Statute, reading: Reading) -> Statute:
    """``version`` with § 7107(b)(2)(F) read as ``reading`` (named ``"<version>+<reading>"``); a
    :class:`~tipranking.errors.StatuteError` if the version has no (F)."""
    limit = version.rule_of_type(PostWaiverLimit)
    if limit is None:
        raise StatuteError(f"statute: {version.name!r} has no § 7107(b)(2)(F) post-waiver limit, so the reading "
                           f"{reading.name!r} does not apply to it")
    return version.replace_rule(PostWaiverLimit.rule_id, reading.apply(limit), name=f"{version.name}+{reading.name}")


@lru_cache(maxsize=256)
def other_readings(version: Statute, *, contrary: bool = False) -> tuple[tuple[Reading, Statute], ...]:
    """The readings of § 7107(b)(2)(F) that ``version`` does not already apply, each with the variant that
    applies it (empty for a version without (F)): those the text bears (:attr:`Reading.noted`), and with
    ``contrary`` also those it does not (the outlook and the audit note only the first kind)."""
    limit = version.rule_of_type(PostWaiverLimit)
    if limit is None:
        return ()
    return tuple((r, with_reading(version, r)) for r in READINGS
                 if not r.changes_nothing(limit) and (contrary or r.noted))


@lru_cache(maxsize=256)
def _rules(version: Statute) -> tuple[Rule, ...]:
    return tuple(version.rules())


@lru_cache(maxsize=1024)
def _rule_of_type(version: Statute, kind: type[Rule]) -> Rule | None:
    return next((r for r in _rules(version) if isinstance(r, kind)), None)


@lru_cache(maxsize=256)
def history_rule_ids(version: Statute) -> frozenset[str]:
    """The ids of ``version``'s rules that read the history (see ``Rule.reads_history``)."""
    return frozenset(r.rule_id for r in _rules(version) if r.reads_history)


@lru_cache(maxsize=256)
def _counts_every_year(version: Statute) -> bool:
    limit = version.rule_of_type(PostWaiverLimit)
    return limit is not None and limit.no_additional_years


def timeline_table() -> str:
    """A Markdown table of the statute versions: reports covered, law, and the rules each contains."""
    rows = ["| version | reports | law | rules |", "|---|---|---|---|"]
    for v in VERSIONS:
        last = "" if v.last_report_year is None else str(v.last_report_year)
        ids = sorted({r.rule_id for r in v.rules() if r.rule_id})
        rows.append(f"| {v.name} | {v.first_report_year}-{last} | {v.title} | {', '.join(ids)} |")
    return "\n".join(rows)
