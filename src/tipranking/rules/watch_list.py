"""The Tier 2 Watch List criteria, 22 U.S.C. § 7107(b)(2)(A)(iii), as each statute version had them."""

from __future__ import annotations

from typing import ClassVar

import attrs

from tipranking.assessment import Assessment, WatchListFacts
from tipranking.errors import FieldError
from tipranking.findings import paths_of
from tipranking.provisions import WATCH_LIST, Provision
from tipranking.rules.base import Case, Leaf, kleene_or

_CRITERION_III = ".commitments_for_next_year"

__all__ = ["WatchListCriteria"]


@attrs.frozen(slots=True)
class WatchListCriteria(Leaf):
    """A Tier 2 country goes on the Watch List when any criterion in force holds.

    * (I) the number of victims is very significant or significantly increasing. From the 2019
      report (``estimated_number``): the *estimated* number, and the country is not taking
      proportional concrete actions; the finding ``victims_very_significant_or_increasing``
      then states that whole criterion.
    * (II) no evidence of increasing efforts compared with the previous year.
    * (III) the significant-efforts finding rested on commitments to take additional future
      steps (``commitments_criterion``: 2004-2018 reports only).
    """

    commitments_criterion: bool
    estimated_number: bool

    rule_id: ClassVar[str] = "watch_list"

    @property
    def provision(self) -> Provision:
        return WATCH_LIST

    @property
    def title(self) -> str:
        return "a Tier 2 Watch List criterion holds"

    @property
    def reads(self) -> tuple[str, ...]:
        paths = paths_of("watch_list")
        return paths if self.commitments_criterion else tuple(p for p in paths if not p.endswith(_CRITERION_III))

    def check_input(self, assessment: Assessment) -> None:
        """Criterion (III) stated for a statute without it is an input error."""
        facts = assessment.watch_list
        if not self.commitments_criterion and facts is not None and facts.commitments_for_next_year is not None:
            raise FieldError("watch_list.commitments_for_next_year", facts.commitments_for_next_year,
                             f"criterion (III) is not part of {self.provision.citation} in the statute for the "
                             f"{assessment.report_year} report (it existed for the 2004-2018 reports)")

    def test(self, case: Case) -> tuple[bool | None, str]:
        facts = case.assessment.watch_list
        if facts is None:
            facts = WatchListFacts(None, None, None)
        if self.estimated_number:
            first = "(I) estimated number of victims very significant or significantly increasing, " \
                    "without proportional concrete actions"
        else:
            first = "(I) absolute number of victims very significant or significantly increasing"
        criteria = [(first, facts.victims_very_significant_or_increasing, "victims_very_significant_or_increasing"),
                    ("(II) no evidence of increasing efforts compared with the previous year",
                     facts.no_evidence_of_increasing_efforts, "no_evidence_of_increasing_efforts")]
        if self.commitments_criterion:
            criteria.append(("(III) significant efforts rested on commitments to take additional steps "
                             "next year", facts.commitments_for_next_year, "commitments_for_next_year"))
        else:
            self.check_input(case.assessment)
        holds = kleene_or(value for _, value, _ in criteria)
        if holds:
            return True, "Tier 2 Watch List criteria met: " + "; ".join(text for text, value, _ in criteria if value)
        if holds is None:
            return None, "Tier 2 Watch List criteria unknown: " + "; ".join(
                text for text, value, _ in criteria if value is None)
        return False, "no Tier 2 Watch List criterion met"
