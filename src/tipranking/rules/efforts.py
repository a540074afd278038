"""Significant efforts (Tier 2 versus Tier 3), the indicia of serious and sustained efforts, the
law-enforcement data presumption, and the policy-or-pattern proof."""

from __future__ import annotations

import functools
from typing import ClassVar

import attrs

from tipranking.assessment import Assessment, Indicia
from tipranking.errors import FieldError
from tipranking.facts import paths_of
from tipranking.provisions import (
    DATA_PRESUMPTION,
    EFFORTS_CONSIDERATIONS,
    POLICY_OR_PATTERN,
    TIER_1,
    TIER_2,
    TIER_3,
    Provision,
    indicium,
)
from tipranking.rules.base import Case, Finding, Leaf, Not, Rule, Trace

__all__ = [
    "DataPresumption",
    "EffortsConsiderations",
    "IndiciaEvidence",
    "PolicyOrPatternProof",
    "SignificantEfforts",
    "no_significant_efforts",
]


@attrs.frozen(slots=True)
class SignificantEfforts(Leaf):
    """Tier 2, § 7107(b)(1)(B): the government does not fully comply but makes significant efforts.

    ``concrete_actions_only`` (from the 2019 report): the fact rests only on concrete actions
    in the reporting period; commitments to take future steps do not count.
    """

    concrete_actions_only: bool = False

    rule_id: ClassVar[str] = "significant_efforts"

    @property
    def provision(self) -> Provision:
        return TIER_2

    @property
    def title(self) -> str:
        return "makes significant efforts to comply"

    @property
    def reads(self) -> tuple[str, ...]:
        return ("significant_efforts",)

    def test(self, case: Case) -> tuple[bool | None, str]:
        value = case.assessment.significant_efforts
        basis = " on concrete actions only, not commitments" if self.concrete_actions_only else ""
        return value, f"{self.title}{basis}: {'unknown' if value is None else ('yes' if value else 'no')}"


def no_significant_efforts(efforts: Rule) -> Rule:
    """Tier 3, § 7107(b)(1)(C): neither full compliance nor significant efforts."""
    return Not(efforts, rule_id="no_significant_efforts", title="makes no significant efforts to comply",
               provision=TIER_3)


@attrs.frozen(slots=True)
class PolicyOrPatternProof(Leaf):
    """§ 7107(b)(3)(B): a documented government policy or pattern of trafficking, trafficking in
    government-funded programs, forced labor, sexual slavery in government camps, or employing or
    recruiting child soldiers is proof of failing to make significant efforts (from the 2019 report)."""

    rule_id: ClassVar[str] = "policy_or_pattern"

    @property
    def provision(self) -> Provision:
        return POLICY_OR_PATTERN

    @property
    def title(self) -> str:
        return "a government policy or pattern is documented"

    @property
    def reads(self) -> tuple[str, ...]:
        return paths_of("policy_or_pattern")

    def check_input(self, assessment: Assessment) -> None:
        """A government that meets all four minimum standards fully complies (§ 7107(b)(1)(A)); the proof of
        (b)(3)(B) applies only "in determinations under paragraph (1)(C)", to a government that does not. An
        assessment stating both contradicts itself."""
        if assessment.policy_or_pattern and all(
                assessment.minimum_standards.by_number(n) is True for n in range(1, 5)):
            kinds = sorted(k.value for k in assessment.policy_or_pattern)
            raise FieldError("policy_or_pattern", kinds,
                             f"{self.provision.citation} is proof of failing to make significant efforts only in "
                             f"determinations under {TIER_3.citation}, for a government that does not fully "
                             "comply; this assessment meets all four minimum standards (full compliance, "
                             f"{TIER_1.citation}): state one or the other")

    def refused_together(self, report_year: int) -> tuple[tuple[tuple[str, bool], ...], ...]:
        """Each kind of policy or pattern with all four minimum standards met."""
        standards = tuple((path, True) for path in paths_of("minimum_standards"))
        return tuple((*standards, (path, True)) for path in self.reads)

    def test(self, case: Case) -> tuple[bool | None, str]:
        kinds = sorted(k.value.replace("_", " ") for k in case.assessment.policy_or_pattern)
        if kinds:
            return True, (f"documented government policy or pattern of {', '.join(kinds)}: proof of failing "
                          "to make significant efforts")
        return False, "no government policy or pattern documented"


@attrs.frozen(slots=True)
class IndiciaEvidence(Rule):
    """The indicia of serious and sustained efforts, § 7106(b)(1)-(12), recorded as evidence.

    One finding per stated indicium. An indicium stated for a report before its provision was
    in force is an input error (the years are those of :mod:`tipranking.provisions`).
    """

    rule_id: ClassVar[str] = "indicia"

    @property
    def title(self) -> str:
        return "indicia of serious and sustained efforts"

    @property
    def shows(self) -> tuple[str, ...]:
        return paths_of("indicia")

    def check_input(self, assessment: Assessment) -> None:
        """An indicium stated for a report before its provision applied is an input error."""
        year = assessment.report_year
        for number in _not_yet_in_force(year):
            value = assessment.indicia.by_number(number)
            if value is not None:
                prov = indicium(number)
                raise FieldError(f"indicia.{number}", value,
                                 f"this indicium applies from the {prov.first_report_year} report, "
                                 f"not {year}")

    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        self.check_input(case.assessment)
        trace.findings.extend(_indicium_finding(number, value) for number, value in case.assessment.indicia.stated())
        return True


@functools.cache
def _indicium_finding(number: int, value: bool) -> Finding:
    """The finding of indicium ``number`` shown or not: the same (immutable) object for every placement."""
    prov = indicium(number)
    return Finding(f"indicium_{number}", prov.citation, value,
                   f"indicium {number} ({prov.title}): {'shown' if value else 'not shown'}")


@functools.cache
def _not_yet_in_force(report_year: int) -> tuple[int, ...]:
    """The numbers of the indicia whose provision does not apply to the report of ``report_year``."""
    return tuple(n for n in range(1, len(attrs.fields(Indicia)) + 1) if not indicium(n).in_force(report_year))


@attrs.frozen(slots=True)
class DataPresumption(Leaf):
    """§ 7106(b)(1) and (7): a government that does not provide its law-enforcement data is presumed
    not to have vigorously investigated, prosecuted, convicted or sentenced.

    ``grace_years`` are reports for which the State Department could disregard the presumption if
    some data was given in good faith (2004 and 2005; removed in 2019).
    """

    grace_years: tuple[int, ...] = ()

    rule_id: ClassVar[str] = "data_presumption"

    @property
    def provision(self) -> Provision:
        return DATA_PRESUMPTION

    @property
    def title(self) -> str:
        return "law-enforcement data presumption"

    @property
    def shows(self) -> tuple[str, ...]:
        return ("provides_law_enforcement_data",)

    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        if case.assessment.provides_law_enforcement_data is None:
            return None
        return super().evaluate(case, trace)

    def test(self, case: Case) -> tuple[bool | None, str]:
        if case.assessment.provides_law_enforcement_data:
            return False, "law-enforcement data provided: no presumption"
        reason = ("no law-enforcement data provided: presumed not to have vigorously investigated, "
                  "prosecuted, convicted or sentenced (indicia 1 and 7 count as not shown)")
        if case.report_year in self.grace_years:
            reason += "; in this report the presumption could be disregarded for data given in good faith"
        return True, reason


@attrs.frozen(slots=True)
class EffortsConsiderations(Leaf):
    """§ 7107(b)(3)(A): what a significant-efforts determination must consider, recorded as evidence.

    ``budget_and_civil_society`` adds the budget and civil-society considerations of the 2019 text.
    """

    budget_and_civil_society: bool = False

    rule_id: ClassVar[str] = "efforts_considerations"

    @property
    def provision(self) -> Provision:
        return EFFORTS_CONSIDERATIONS

    @property
    def title(self) -> str:
        return "considerations for significant efforts"

    @property
    def shows(self) -> tuple[str, ...]:
        return ("significant_efforts",)

    def evaluate(self, case: Case, trace: Trace) -> bool | None:
        if case.assessment.significant_efforts is None:
            return None
        return super().evaluate(case, trace)

    def test(self, case: Case) -> tuple[bool | None, str]:
        items = ["extent of trafficking in the country", "extent of non-compliance, especially official "
                 "complicity", "what is reasonable given the government's resources and capabilities"]
        if self.budget_and_civil_society:
            items += ["sufficient budget for law enforcement and for victims and prevention",
                      "concrete actions from consultation with civil society"]
        verdict = "significant efforts found" if case.assessment.significant_efforts else "no significant efforts"
        return bool(case.assessment.significant_efforts), f"{verdict}, weighing: {'; '.join(items)}"
