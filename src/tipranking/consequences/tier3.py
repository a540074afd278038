"""Tier 3 funding restrictions, 22 U.S.C. § 7107(d), and the presidential determination's waivers."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from tipranking.consequences.common import FiscalYear, Restriction, Status
from tipranking.errors import FieldError
from tipranking.provisions import provision
from tipranking.tiers import Tier

__all__ = ["Determination", "Tier3Category", "WaiverGround", "tier3_restrictions"]


class Tier3Category(enum.Enum):
    """What § 7107(d)(1) restricts for a Tier 3 government in the next fiscal year."""

    BILATERAL_ASSISTANCE = "bilateral_assistance"
    EXCHANGE_FUNDING = "exchange_funding"
    MULTILATERAL_LENDING = "multilateral_lending"

    @property
    def citation(self) -> str:
        return provision(_CATEGORY[self][0]).citation

    @property
    def description(self) -> str:
        return _CATEGORY[self][1]


_CATEGORY = {
    Tier3Category.BILATERAL_ASSISTANCE: (
        "22 U.S.C. § 7107(d)(1)(A)(i)",
        "no nonhumanitarian, nontrade-related foreign assistance to the government"),
    Tier3Category.EXCHANGE_FUNDING: (
        "22 U.S.C. § 7107(d)(1)(A)(ii)",
        "no funding for participation by government officials or employees in educational and cultural "
        "exchange programs"),
    Tier3Category.MULTILATERAL_LENDING: (
        "22 U.S.C. § 7107(d)(1)(B)",
        "U.S. executive directors of the multilateral development banks and the IMF vote against, and use "
        "best efforts to deny, loans and other funds to the government, except for humanitarian assistance, "
        "trade-related assistance, and development assistance that meets basic human needs, is not "
        "administered by the government and confers no benefit on it"),
}


class WaiverGround(enum.Enum):
    """Grounds for a waiver under § 7107(d)(4)-(5)."""

    PROMOTES_PURPOSES = "promotes_purposes"
    """(d)(4): the assistance would promote the purposes of the Act."""
    NATIONAL_INTEREST = "national_interest"
    """(d)(4): the assistance is otherwise in the national interest of the United States."""
    VULNERABLE_POPULATIONS = "vulnerable_populations"
    """(d)(5)(B): needed to avoid significant adverse effects on vulnerable populations, including women
    and children."""

    @property
    def citation(self) -> str:
        cite = "22 U.S.C. § 7107(d)(5)(B)" if self is WaiverGround.VULNERABLE_POPULATIONS else "22 U.S.C. § 7107(d)(4)"
        return provision(cite).citation


def _waivers(
    value: Mapping[Tier3Category, WaiverGround] | tuple[tuple[Tier3Category, WaiverGround], ...],
) -> tuple[tuple[Tier3Category, WaiverGround], ...]:
    items = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    for key, ground in items:
        if not isinstance(key, Tier3Category):
            raise FieldError("waivers", key, f"must be one of {[c.value for c in Tier3Category]}")
        if not isinstance(ground, WaiverGround):
            raise FieldError(f"waivers.{key.value}", ground, f"must be one of {[g.value for g in WaiverGround]}")
    return tuple(sorted(items, key=lambda kv: kv[0].value))


@attrs.frozen(slots=True)
class Determination:
    """The presidential determination for one Tier 3 government (§ 7107(d)).

    No determination yet (the default) means every restriction may apply. ``waivers`` maps each
    waived category to its ground; :meth:`full_waiver` waives all three.
    """

    waivers: tuple[tuple[Tier3Category, WaiverGround], ...] = attrs.field(default=(), converter=_waivers)

    @classmethod
    def full_waiver(cls, ground: WaiverGround) -> Determination:
        return cls(dict.fromkeys(Tier3Category, ground))

    def ground_for(self, category: Tier3Category) -> WaiverGround | None:
        """The waiver ground for ``category``, or ``None`` if it is not waived."""
        return dict(self.waivers).get(category)


def tier3_restrictions(tier: Tier, report_year: int, determination: Determination | None = None) -> tuple[
        Restriction, ...]:
    """The § 7107(d) restrictions for a government placed on ``tier`` in ``report_year``'s report,
    for the fiscal year that starts on October 1 of that year. Empty unless Tier 3 and the
    provision applied to that report (reports from 2003)."""
    if tier is not Tier.TIER_3 or not provision("22 U.S.C. § 7107(d)").in_force(report_year):
        return ()
    determination = determination if determination is not None else Determination()
    fiscal_year = FiscalYear.following_report(report_year)
    out = []
    for category in Tier3Category:
        ground = determination.ground_for(category)
        note = None
        if category is Tier3Category.EXCHANGE_FUNDING:
            note = ("applies where the government received no nonhumanitarian, nontrade-related assistance "
                    "in the previous fiscal year")
        out.append(Restriction(category.value, category.description,
                               Status.WAIVED if ground is not None else Status.APPLIES, fiscal_year,
                               category.citation, None if ground is None else ground.value, note))
    return tuple(out)
