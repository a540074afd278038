"""Special Case: a country the report describes but does not rank."""

from __future__ import annotations

from typing import ClassVar

import attrs

from tipranking.provisions import SPECIAL_CASE, Provision
from tipranking.rules.base import Case, Leaf

__all__ = ["SpecialCase"]


@attrs.frozen(slots=True)
class SpecialCase(Leaf):
    """Not a statutory tier: the report places the country on none of the lists of
    § 7107(b)(1) (e.g. Libya, Somalia and Yemen in 2023, for lack of reliable information). The statute has no
    such category, so the rule cites the report's practice (:data:`tipranking.provisions.SPECIAL_CASE`), not a
    provision."""

    rule_id: ClassVar[str] = "special_case"

    @property
    def provision(self) -> Provision:
        return SPECIAL_CASE

    @property
    def title(self) -> str:
        return "the report treats the country as a Special Case"

    @property
    def reads(self) -> tuple[str, ...]:
        return ("special_case",)

    def test(self, case: Case) -> tuple[bool | None, str]:
        if case.assessment.special_case:
            return True, "described as a Special Case: placed on none of the tier lists"
        return False, "ranked on the tier lists"
