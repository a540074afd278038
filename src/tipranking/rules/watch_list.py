"""The Tier 2 Watch List criteria, 22 U.S.C. § 7107(b)(2)(A)(iii), as each statute version had them."""

from __future__ import annotations

from typing import ClassVar

import attrs

from tipranking.assessment import Assessment, WatchListFacts
from tipranking.errors import FieldError
from tipranking.facts import paths_of
from tipranking.provisions import TIER_2, WATCH_LIST, Provision
from tipranking.rules.base import Case, Leaf, kleene_and, kleene_or

_CRITERION_III = ".commitments_for_next_year"
_PROPORTIONAL = ".no_proportional_concrete_actions"

__all__ = ["WatchListCriteria"]


@attrs.frozen(slots=True)
class WatchListCriteria(Leaf):
    """A Tier 2 country goes on the Watch List when any criterion in force holds. Each version's criteria in its
    own words:

    * (I) to the 2018 report: the *absolute* number of victims is very significant or significantly increasing
      (``victims_very_significant_or_increasing``). From the 2019 report (``estimated_number``): the *estimated*
      number is, *and* the country is not taking proportional concrete actions
      (``no_proportional_concrete_actions``, a fact of its own: unknown unless stated).
    * (II) no evidence of increasing efforts compared with the previous year.
    * (III) the significant-efforts fact rested on commitments to take additional future
      steps (``commitments_criterion``: 2004-2018 reports only; from 2019 that idea is part of the Tier 2
      definition, § 7107(b)(1)(B), which excludes such commitments).
    """

    commitments_criterion: bool
    estimated_number: bool

    rule_id: ClassVar[str] = "watch_list"

    @property
    def provision(self) -> Provision:
        return WATCH_LIST

    @property
    def title(self) -> str:
        if self.estimated_number:
            return ("a Tier 2 Watch List criterion holds ((I) estimated number of victims very significant or "
                    "increasing, without proportional concrete actions; (II))")
        return ("a Tier 2 Watch List criterion holds ((I) absolute number of victims very significant or "
                f"increasing; (II){'; (III)' if self.commitments_criterion else ''})")

    @property
    def reads(self) -> tuple[str, ...]:
        paths = paths_of("watch_list")
        dropped = (() if self.commitments_criterion else (_CRITERION_III,)) + (
            () if self.estimated_number else (_PROPORTIONAL,))
        return tuple(p for p in paths if not p.endswith(dropped))

    def check_input(self, assessment: Assessment) -> None:
        """Criterion (III) stated for a statute without it is an input error."""
        facts = assessment.watch_list
        if not self.commitments_criterion and facts is not None and facts.commitments_for_next_year is not None:
            raise FieldError("watch_list.commitments_for_next_year", facts.commitments_for_next_year,
                             f"criterion (III) is not part of {self.provision.citation} in the statute for the "
                             f"{assessment.report_year} report (it existed for the 2004-2018 reports; from 2019 "
                             f"its substance is in the Tier 2 definition, {TIER_2.citation}, whose significant "
                             "efforts rest only on concrete actions, excluding commitments to take future steps: "
                             "state significant_efforts on that basis)")

    def test(self, case: Case) -> tuple[bool | None, str]:
        facts = case.assessment.watch_list
        if facts is None:
            facts = WatchListFacts(None, None, None)
        if self.estimated_number:
            first: tuple[str, bool | None] = (
                "(I) estimated number of victims very significant or significantly increasing, without "
                "proportional concrete actions",
                kleene_and((facts.victims_very_significant_or_increasing, facts.no_proportional_concrete_actions)))
        else:
            first = ("(I) absolute number of victims very significant or significantly increasing",
                     facts.victims_very_significant_or_increasing)
        criteria = [first, ("(II) no evidence of increasing efforts compared with the previous year",
                            facts.no_evidence_of_increasing_efforts)]
        if self.commitments_criterion:
            criteria.append(("(III) significant efforts rested on commitments to take additional steps "
                             "next year", facts.commitments_for_next_year))
        else:
            self.check_input(case.assessment)
        holds = kleene_or(value for _, value in criteria)
        if holds:
            return True, "Tier 2 Watch List criteria met: " + "; ".join(text for text, value in criteria if value)
        if holds is None:
            return None, "Tier 2 Watch List criteria unknown: " + "; ".join(
                text for text, value in criteria if value is None)
        return False, "no Tier 2 Watch List criterion met"
