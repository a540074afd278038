"""The four minimum standards, 22 U.S.C. § 7106(a)(1)-(4), and full compliance (Tier 1)."""

from __future__ import annotations

import functools

import attrs

from tipranking.facts import paths_of
from tipranking.provisions import STANDARDS, TIER_1, Provision
from tipranking.rules.base import AllOf, Case, Leaf, Rule

__all__ = ["MinimumStandard", "full_compliance"]


@attrs.frozen(slots=True)
class MinimumStandard(Leaf):
    """Minimum standard ``number`` of § 7106(a): met or not, as the assessment finds."""

    number: int = attrs.field(validator=attrs.validators.in_((1, 2, 3, 4)))

    @property
    def rule_id(self) -> str:
        return f"minimum_standard_{self.number}"

    @functools.cached_property
    def provision(self) -> Provision:
        return STANDARDS[self.number - 1]

    @functools.cached_property
    def title(self) -> str:
        return f"standard {self.number} ({self.provision.title})"

    @property
    def reads(self) -> tuple[str, ...]:
        return (paths_of("minimum_standards")[self.number - 1],)

    def test(self, case: Case) -> tuple[bool | None, str]:
        value = case.assessment.minimum_standards.by_number(self.number)
        return value, f"{self.title}: {'unknown' if value is None else ('met' if value else 'not met')}"


def full_compliance(*, concrete_actions_only: bool) -> Rule:
    """Tier 1, § 7107(b)(1)(A): all four minimum standards are met.

    ``concrete_actions_only`` (from the 2019 report) records that the fact must rest "only on concrete
    actions taken by the country that are recorded during the reporting period"; the 2004-2018 text has no
    such words.
    """
    title = "fully complies with the minimum standards"
    if concrete_actions_only:
        title += " (based only on concrete actions recorded in the reporting period)"
    return AllOf(tuple(MinimumStandard(n) for n in (1, 2, 3, 4)), rule_id="full_compliance", title=title,
                 provision=TIER_1)
