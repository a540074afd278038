"""Rule objects and the combinators that compose them.

Two kinds of node make up a statute's pipeline:

* a :class:`Rule` is a predicate with an id and (usually) a provision. Evaluating it appends
  a :class:`Finding` to the trace and returns whether it holds. ``&``, ``|`` and ``~`` build
  :class:`AllOf`, :class:`AnyOf` and :class:`Not`.
* a :class:`Decision` yields a tier (or nothing). :class:`Assign` names a tier,
  :class:`When` guards a decision with a rule, :class:`FirstOf` takes the first decision
  that yields, and :class:`Unless` is the exception-over-default shape the statute uses:
  "Watch List, *unless* the clock ran out, *unless* a waiver is justified". Exceptions at the
  same level that both apply and disagree raise :class:`~tipranking.errors.RuleConflictError`
  instead of one silently winning.

Every node is an immutable attrs value, so a variant rule set is built by replacing nodes
(:meth:`Decision.replace`), never by editing one in place.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar

import attrs

from tipranking.assessment import Assessment, History
from tipranking.errors import RuleConflictError
from tipranking.provisions import Provision
from tipranking.tiers import Tier

if TYPE_CHECKING:
    from tipranking.rules.clock import Machine, WatchListClock

__all__ = [
    "AllOf",
    "AnyOf",
    "Assign",
    "Case",
    "Constant",
    "Decision",
    "Event",
    "Evidence",
    "Finding",
    "FirstOf",
    "Leaf",
    "Not",
    "Rule",
    "Trace",
    "Undecided",
    "Unless",
    "Verdict",
    "When",
    "kleene_and",
    "kleene_or",
]


def _rule_tuple(items: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(items)


def _decision_tuple(items: Iterable[Decision]) -> tuple[Decision, ...]:
    return tuple(items)


@attrs.frozen(slots=True)
class Finding:
    """One step of an explanation: which rule, under which provision, held or not, and why.

    ``holds`` is ``None`` when the rule could not be decided because a fact it needs is unknown.
    ``title`` is the condition the rule tests, in words, which ``holds`` answers: the rule's
    :attr:`Rule.title` (for a :class:`Constant`, ``"<rule_id> holds"``, since its own title describes the
    switch). :meth:`~tipranking.placing.Placement.explain` leads each line with it. It is empty where no
    rule gave one, and descriptive only: not compared, hashed or shown in ``repr``.
    """

    rule: str
    citation: str
    holds: bool | None
    reason: str
    title: str = attrs.field(default="", kw_only=True, eq=False, repr=False)


class Undecided(Exception):
    """Raised inside a pipeline when a guarding rule is unknown (three-valued ``None``)."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        super().__init__(rule.rule_id)


def kleene_and(values: Iterable[bool | None]) -> bool | None:
    """Three-valued AND: false if any part is false, unknown if any part is unknown, else true."""
    result: bool | None = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def kleene_or(values: Iterable[bool | None]) -> bool | None:
    """Three-valued OR: true if any part is true, unknown if any part is unknown, else false."""
    result: bool | None = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


class Event(enum.Enum):
    """Something the history rules did to a placement."""

    AUTOMATIC_DOWNGRADE = "automatic_downgrade"
    WAIVER_APPLIED = "waiver_applied"
    WATCH_LIST_UNAVAILABLE = "watch_list_unavailable"
    POST_WAIVER_LIMIT = "post_waiver_limit"


@attrs.frozen(slots=True)
class Case:
    """What the rules see: the assessment, the history before its report year, and the Watch List clock the
    rules with memory count by (``None`` for a statute without one)."""

    assessment: Assessment
    history: History
    clock: WatchListClock | None

    @property
    def report_year(self) -> int:
        return self.assessment.report_year


@attrs.define(slots=True)
class Trace:
    """The findings and events gathered while a pipeline runs (internal, mutable)."""

    findings: list[Finding] = attrs.Factory(list)
    events: list[Event] = attrs.Factory(list)


@attrs.frozen(slots=True)
class Verdict:
    """A decision's result: the tier and the finding of the rule that decided it."""

    tier: Tier
    decided_by: Finding | None


# --------------------------------------------------------------------------- rules


class Rule(ABC):
    """A predicate over a :class:`Case`, with an id, a title and usually a provision.

    ``reads_history`` is ``True`` for the rules that read ``Case.history`` (the rules with memory); the
    engine relies on it to know that a placement which evaluated none of them holds whatever the history's
    unknown years were.
    """

    __slots__ = ()
    reads_history: ClassVar[bool] = False

    @property
    @abstractmethod
    def rule_id(self) -> str: ...

    @property
    @abstractmethod
    def title(self) -> str: ...

    @property
    def provision(self) -> Provision | None:
        return None

    @property
    def reads(self) -> tuple[str, ...]:
        """The facts this rule reads, as paths of :mod:`tipranking.facts` (none by default: a rule that
        reads none, or only evidence that never decides a tier)."""
        return ()

    @property
    def shows(self) -> tuple[str, ...]:
        """The facts this rule's explanation reports without reading them to decide (evidence, such as the
        indicia): paths of :mod:`tipranking.facts`, none by default. Placements share an explanation when
        the facts its rules read and show are equal, so a rule whose reasons mention a fact it neither
        reads nor shows would be explained wrongly (``tests/test_compiled.py`` compares explanations with the
        rule tree's)."""
        return ()

    @abstractmethod
    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        """Append this rule's finding(s) to ``trace`` and return whether it holds (``None``: unknown)."""

    def machine(self, clock: WatchListClock) -> Machine | None:
        """For a rule with memory (``reads_history``): the same rule as a :class:`~tipranking.rules.clock.Machine`
        over report years, counted by ``clock``. ``None`` (the default) means it has none; a statute holding
        such a rule places histories with the rule tree alone (correct, slower)."""
        return None

    def check_input(self, assessment: Assessment) -> None:
        """Raise :class:`~tipranking.errors.FieldError` if ``assessment`` states a fact this rule says
        does not exist for its report year, or facts the rule says cannot hold together (readers call this
        when an item is read, so the error names it). Nothing to check by default."""
        return None

    def refused_together(self, report_year: int) -> tuple[tuple[tuple[str, bool], ...], ...]:
        """The combinations of facts -- ``(path, value)`` pairs that hold together -- which ``check_input``
        refuses in ``report_year`` though it accepts each of them alone (the compiled statute, the batch
        readers and the Hypothesis strategies ask it, since one fact at a time does not show them). None
        by default."""
        return ()

    def children(self) -> tuple[Rule, ...]:
        return ()

    def _rebuild(self, children: tuple[Rule, ...]) -> Rule:
        return self

    def walk(self) -> Iterator[Rule]:
        """This rule and every rule inside it, depth first."""
        yield self
        for child in self.children():
            yield from child.walk()

    def replace(self, rule_id: str, new: Rule) -> Rule:
        """A copy with every rule whose id is ``rule_id`` replaced by ``new``."""
        if self.rule_id == rule_id:
            return new
        kids = self.children()
        if not kids:
            return self
        return self._rebuild(tuple(k.replace(rule_id, new) for k in kids))

    def __and__(self, other: Rule) -> AllOf:
        return AllOf((self, other))

    def __or__(self, other: Rule) -> AnyOf:
        return AnyOf((self, other))

    def __invert__(self) -> Not:
        return Not(self)


class Leaf(Rule):
    """A rule that reads facts directly. Subclasses implement :meth:`test`."""

    __slots__ = ()

    @abstractmethod
    def test(self, case: Case) -> tuple[bool | None, str]:
        """Return ``(holds, reason)``; ``holds`` is ``None`` when a fact it needs is unknown."""

    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        holds, reason = self.test(case)
        _record(self, trace, holds, reason)
        return holds


def _record(rule: Rule, trace: Trace, holds: bool | None, reason: str) -> None:
    provision = rule.provision
    if rule.rule_id:
        trace.findings.append(Finding(rule.rule_id, provision.citation if provision else "", holds, reason,
                                      title=rule.title))


@attrs.frozen(slots=True)
class AllOf(Rule):
    """Holds when every part holds. All parts are evaluated, so the explanation is complete."""

    parts: tuple[Rule, ...] = attrs.field(converter=_rule_tuple)
    rule_id: str = ""
    title: str = "all of"
    provision: Provision | None = None

    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        results = [(p.title, p.evaluate(case, trace)) for p in self.parts]
        holds = kleene_and(v for _, v in results)
        if holds:
            reason = f"{self.title}: yes"
        elif holds is False:
            reason = f"{self.title}: no ({'; '.join(t for t, v in results if v is False)}: no)"
        else:
            reason = f"{self.title}: unknown ({'; '.join(t for t, v in results if v is None)}: unknown)"
        _record(self, trace, holds, reason)
        return holds

    def children(self) -> tuple[Rule, ...]:
        return self.parts

    def _rebuild(self, children: tuple[Rule, ...]) -> Rule:
        return attrs.evolve(self, parts=children)


@attrs.frozen(slots=True)
class AnyOf(Rule):
    """Holds when at least one part holds. All parts are evaluated."""

    parts: tuple[Rule, ...] = attrs.field(converter=_rule_tuple)
    rule_id: str = ""
    title: str = "any of"
    provision: Provision | None = None

    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        results = [(p.title, p.evaluate(case, trace)) for p in self.parts]
        holds = kleene_or(v for _, v in results)
        if holds:
            reason = f"{self.title}: yes ({'; '.join(t for t, v in results if v)})"
        else:
            reason = f"{self.title}: {'no' if holds is False else 'unknown'}"
        _record(self, trace, holds, reason)
        return holds

    def children(self) -> tuple[Rule, ...]:
        return self.parts

    def _rebuild(self, children: tuple[Rule, ...]) -> Rule:
        return attrs.evolve(self, parts=children)


@attrs.frozen(slots=True)
class Not(Rule):
    """Holds when its part does not. With an id of its own, its finding replaces the part's."""

    part: Rule
    rule_id: str = ""
    title: str = attrs.field(default="")
    provision: Provision | None = None

    def __attrs_post_init__(self) -> None:
        if not self.title:
            object.__setattr__(self, "title", f"not ({self.part.title})")

    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        scratch = Trace() if self.rule_id else trace
        part = self.part.evaluate(case, scratch)
        holds = None if part is None else not part
        _record(self, trace, holds, f"{self.title}: {_word(holds)}")
        return holds

    def children(self) -> tuple[Rule, ...]:
        return (self.part,)

    def _rebuild(self, children: tuple[Rule, ...]) -> Rule:
        return attrs.evolve(self, part=children[0])


@attrs.frozen(slots=True)
class Constant(Rule):
    """A rule with a fixed answer: how a variant rule set switches a provision off."""

    rule_id: str
    value: bool
    title: str = "switched off"

    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        trace.findings.append(Finding(self.rule_id, "", self.value, f"{self.title} (fixed by the rule set)",
                                      title=f"{self.rule_id} holds"))
        return self.value


def _word(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


# --------------------------------------------------------------------------- decisions


class Decision(ABC):
    """A node that may yield a tier."""

    __slots__ = ()

    @abstractmethod
    def decide(self, case: Case, trace: Trace) -> Verdict | None: ...

    compilable: ClassVar[bool] = False
    """Whether :meth:`guards` and :meth:`branches` describe this node completely, so that the statute holding
    it can be compiled (:mod:`tipranking.placing.compiler`). A decision class of one's own may leave it false: its
    statute then runs on the rule tree alone."""

    def rules(self) -> Iterator[Rule]:
        """Every rule inside this decision, depth first."""
        return iter(())

    def guards(self) -> Iterator[Rule]:
        """The rules whose value chooses what this decision yields (the conditions of :class:`When`), in the
        order they are met; evidence rules, which never choose, are not guards."""
        return iter(())

    def branches(self) -> tuple[Decision, ...]:
        """The decisions directly inside this one."""
        return ()

    def replace(self, rule_id: str, new: Rule) -> Decision:
        """A copy with every rule whose id is ``rule_id`` replaced by ``new``."""
        return self.map_rules(lambda r: r.replace(rule_id, new))

    def map_rules(self, fn: Callable[[Rule], Rule]) -> Decision:
        return self


@attrs.frozen(slots=True)
class Assign(Decision):
    """Yields ``tier``, recording ``events``."""

    tier: Tier
    events: tuple[Event, ...] = ()

    compilable: ClassVar[bool] = True

    def decide(self, case: Case, trace: Trace) -> Verdict | None:
        trace.events.extend(self.events)
        return Verdict(self.tier, None)


@attrs.frozen(slots=True)
class When(Decision):
    """Yields what ``then`` yields if ``condition`` holds.

    The condition's finding becomes the verdict's ``decided_by`` unless a deeper rule already
    decided, or ``decisive`` is false (a guard that only gates, like "a waiver is still
    available").
    """

    condition: Rule
    then: Decision
    decisive: bool = True

    def decide(self, case: Case, trace: Trace) -> Verdict | None:
        before = len(trace.findings)
        holds = self.condition.evaluate(case, trace)
        if holds is None:
            raise Undecided(self.condition)
        if not holds:
            return None
        # The condition's own finding, or (for an unnamed combination) the last finding it recorded.
        finding = trace.findings[-1] if self.decisive and len(trace.findings) > before else None
        verdict = self.then.decide(case, trace)
        if verdict is not None and verdict.decided_by is None and finding is not None:
            return Verdict(verdict.tier, finding)
        return verdict

    compilable: ClassVar[bool] = True

    def rules(self) -> Iterator[Rule]:
        yield from self.condition.walk()
        yield from self.then.rules()

    def guards(self) -> Iterator[Rule]:
        yield self.condition
        yield from self.then.guards()

    def branches(self) -> tuple[Decision, ...]:
        return (self.then,)

    def map_rules(self, fn: Callable[[Rule], Rule]) -> Decision:
        return When(fn(self.condition), self.then.map_rules(fn), self.decisive)


@attrs.frozen(slots=True)
class FirstOf(Decision):
    """Yields what the first option that yields yields."""

    options: tuple[Decision, ...] = attrs.field(converter=_decision_tuple)

    def decide(self, case: Case, trace: Trace) -> Verdict | None:
        for option in self.options:
            verdict = option.decide(case, trace)
            if verdict is not None:
                return verdict
        return None

    compilable: ClassVar[bool] = True

    def rules(self) -> Iterator[Rule]:
        for option in self.options:
            yield from option.rules()

    def guards(self) -> Iterator[Rule]:
        for option in self.options:
            yield from option.guards()

    def branches(self) -> tuple[Decision, ...]:
        return self.options

    def map_rules(self, fn: Callable[[Rule], Rule]) -> Decision:
        return FirstOf(tuple(o.map_rules(fn) for o in self.options))


@attrs.frozen(slots=True)
class Unless(Decision):
    """``default``, unless one of ``exceptions`` yields.

    The default and every exception are evaluated, so the explanation lists what was
    considered and rejected; only the winning branch's events are kept. Two exceptions that
    yield different tiers are a conflict in the rule set.
    """

    default: Decision
    exceptions: tuple[Decision, ...] = attrs.field(converter=_decision_tuple)

    def decide(self, case: Case, trace: Trace) -> Verdict | None:
        base = Trace()
        try:
            verdict = self.default.decide(case, base)
        finally:
            trace.findings.extend(base.findings)
        winner: Verdict | None = None
        winner_events: list[Event] = []
        for exception in self.exceptions:
            sub = Trace()
            try:
                result = exception.decide(case, sub)
            finally:
                trace.findings.extend(sub.findings)
            if result is None:
                continue
            if winner is not None and winner.tier is not result.tier:
                raise RuleConflictError(
                    f"two exceptions apply and disagree: {winner.tier.label} and {result.tier.label}")
            if winner is None:
                winner, winner_events = result, sub.events
        if winner is not None:
            trace.events.extend(winner_events)
            return winner
        trace.events.extend(base.events)
        return verdict

    compilable: ClassVar[bool] = True

    def rules(self) -> Iterator[Rule]:
        yield from self.default.rules()
        for exception in self.exceptions:
            yield from exception.rules()

    def guards(self) -> Iterator[Rule]:
        yield from self.default.guards()
        for exception in self.exceptions:
            yield from exception.guards()

    def branches(self) -> tuple[Decision, ...]:
        return (self.default, *self.exceptions)

    def map_rules(self, fn: Callable[[Rule], Rule]) -> Decision:
        return Unless(self.default.map_rules(fn), tuple(e.map_rules(fn) for e in self.exceptions))


@attrs.frozen(slots=True)
class Evidence(Decision):
    """Records evidence rules (their findings inform but do not decide), then decides ``then``."""

    evidence: tuple[Rule, ...] = attrs.field(converter=_rule_tuple)
    then: Decision = attrs.field(kw_only=True)

    def decide(self, case: Case, trace: Trace) -> Verdict | None:
        for rule in self.evidence:
            rule.evaluate(case, trace)
        return self.then.decide(case, trace)

    compilable: ClassVar[bool] = True

    def rules(self) -> Iterator[Rule]:
        for rule in self.evidence:
            yield from rule.walk()
        yield from self.then.rules()

    def guards(self) -> Iterator[Rule]:
        yield from self.then.guards()

    def branches(self) -> tuple[Decision, ...]:
        return (self.then,)

    def map_rules(self, fn: Callable[[Rule], Rule]) -> Decision:
        return Evidence(tuple(fn(r) for r in self.evidence), then=self.then.map_rules(fn))
