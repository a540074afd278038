"""Tier 3 funding restrictions, 22 U.S.C. § 7107(d), and the presidential determination's waivers."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from tipranking.assessment import check_report_year
from tipranking.consequences.common import FiscalYear, Restriction, Status
from tipranking.errors import FieldError
from tipranking.provisions import (
    DETERMINATION_NOTICE,
    MULTILATERAL_LENDING,
    NO_ASSISTANCE,
    NO_ASSISTANCE_OR_EXCHANGES,
    TIER_3_RESTRICTIONS,
    TIER_3_WAIVER,
    VULNERABLE_POPULATIONS_WAIVER,
    Provision,
)
from tipranking.tiers import Tier

__all__ = ["Determination", "Tier3Category", "WaiverGround", "check_received_assistance", "tier3_restrictions"]


class Tier3Category(enum.Enum):
    """What § 7107(d)(1) restricts for a Tier 3 government in the next fiscal year."""

    BILATERAL_ASSISTANCE = "bilateral_assistance"
    EXCHANGE_FUNDING = "exchange_funding"
    MULTILATERAL_LENDING = "multilateral_lending"

    @property
    def citation(self) -> str:
        return _CATEGORY[self][0].citation

    @property
    def description(self) -> str:
        return _CATEGORY[self][1]


_CATEGORY: dict[Tier3Category, tuple[Provision, str]] = {
    Tier3Category.BILATERAL_ASSISTANCE: (
        NO_ASSISTANCE,
        "no nonhumanitarian, nontrade-related foreign assistance to the government"),
    Tier3Category.EXCHANGE_FUNDING: (
        NO_ASSISTANCE_OR_EXCHANGES,
        "no funding for participation by government officials or employees in educational and cultural "
        "exchange programs"),
    Tier3Category.MULTILATERAL_LENDING: (
        MULTILATERAL_LENDING,
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
        waiver = VULNERABLE_POPULATIONS_WAIVER if self is WaiverGround.VULNERABLE_POPULATIONS else TIER_3_WAIVER
        return waiver.citation


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


_RECEIVED = "received_assistance_previous_fy"


def check_received_assistance(value: object, field: str = _RECEIVED) -> bool | None:
    """``value`` if it is ``True``, ``False`` or ``None``; a :class:`FieldError` naming ``field`` otherwise."""
    if value is not None and not isinstance(value, bool):
        raise FieldError(field, value, "must be true, false or null (not known)")
    return value


@attrs.frozen(slots=True)
class Determination:
    """The presidential determination for one Tier 3 government (§ 7107(d)).

    Giving one means the determination has been made: every restriction it does not waive applies.
    Without one (``None``), the § 7107(d) restrictions are *pending*: they are the content of a
    determination the President notifies 45 to 90 days after the report (§ 7107(c)), so none is in
    force yet. ``waivers`` maps each waived category to its ground; :meth:`full_waiver` waives all three.
    """

    waivers: tuple[tuple[Tier3Category, WaiverGround], ...] = attrs.field(default=(), converter=_waivers)

    @classmethod
    def full_waiver(cls, ground: WaiverGround) -> Determination:
        return cls(dict.fromkeys(Tier3Category, ground))

    def ground_for(self, category: Tier3Category) -> WaiverGround | None:
        """The waiver ground for ``category``, or ``None`` if it is not waived."""
        return dict(self.waivers).get(category)

    def check(self, *, received_assistance_previous_fy: bool | None = None) -> Determination:
        """``self`` if its waivers fit the alternative of § 7107(d)(1)(A) that applies; a
        :class:`FieldError` for a waiver of exchange funding when the government received assistance in
        the previous fiscal year ((A)(i), which does not restrict exchange funding)."""
        ground = self.ground_for(Tier3Category.EXCHANGE_FUNDING)
        if check_received_assistance(received_assistance_previous_fy) is True and ground is not None:
            raise FieldError("determination.waivers.exchange_funding", ground.value,
                             f"nothing to waive: with {_RECEIVED} true, "
                             f"{NO_ASSISTANCE.citation} applies, which does not "
                             "restrict exchange funding")
        return self


def tier3_restrictions(tier: Tier, report_year: int, determination: Determination | None = None, *,
                       received_assistance_previous_fy: bool | None = None) -> tuple[Restriction, ...]:
    """The § 7107(d) restrictions for a government placed on ``tier`` in ``report_year``'s report,
    for the fiscal year that starts on October 1 of that year. Empty unless Tier 3 and the
    provision applied to that report (reports from 2003).

    § 7107(d)(1)(A) has two alternatives, chosen by ``received_assistance_previous_fy``: whether the
    government received nonhumanitarian, nontrade-related assistance in the previous fiscal year
    (FY ``report_year``). ``True``: (A)(i), no such assistance. ``False``: (A)(ii), no such assistance
    and no funding for exchange programs. ``None`` (not known): the assistance restriction, which both
    alternatives contain, and the exchange-funding restriction with status ``alternative``.
    (B), multilateral lending, applies in either case.

    Without a ``determination`` every restriction is ``pending``; with one, each is ``applies`` or
    ``waived``. A waiver of exchange funding when ``received_assistance_previous_fy`` is ``True`` is
    an error: (A)(i) does not restrict it.
    """
    if not isinstance(tier, Tier):
        raise FieldError("tier", tier, "must be a Tier")
    check_report_year(report_year)
    received = check_received_assistance(received_assistance_previous_fy)
    if determination is not None:
        if not isinstance(determination, Determination):
            raise FieldError("determination", determination, "must be a Determination or None")
        determination.check(received_assistance_previous_fy=received)
    if tier is not Tier.TIER_3 or not TIER_3_RESTRICTIONS.in_force(report_year):
        return ()
    fiscal_year = FiscalYear.following_report(report_year)
    previous = f"FY {fiscal_year.year - 1}"
    a_ii = NO_ASSISTANCE_OR_EXCHANGES.citation
    pending = (f"pending determination: the President notifies it 45 to 90 days after the report "
               f"({DETERMINATION_NOTICE.citation})")
    out = []
    for category in Tier3Category:
        if category is Tier3Category.EXCHANGE_FUNDING and received is True:
            continue
        cite = category.citation
        ground = determination.ground_for(category) if determination is not None else None
        status = Status.PENDING if determination is None else Status.WAIVED if ground is not None else Status.APPLIES
        note: str | None = None
        if category is Tier3Category.BILATERAL_ASSISTANCE:
            if received is True:
                note = f"(A)(i): the government received such assistance in {previous}"
            elif received is False:
                cite = a_ii
                note = f"(A)(ii): the government received no such assistance in {previous}"
            else:
                note = (f"barred under either alternative: (A)(i) if the government received nonhumanitarian, "
                        f"nontrade-related assistance in {previous}, (A)(ii) if it received none; "
                        f"{_RECEIVED} decides which")
        elif category is Tier3Category.EXCHANGE_FUNDING:
            if received is False:
                note = f"(A)(ii): the government received no nonhumanitarian, nontrade-related assistance in {previous}"
            else:
                note = (f"applies only under (A)(ii), where the government received no "
                        f"nonhumanitarian, nontrade-related assistance in {previous}; {_RECEIVED} decides")
                if ground is None:
                    status = Status.ALTERNATIVE
        if determination is None:
            note = pending if note is None else f"{note}; {pending}"
        out.append(Restriction(category.value, category.description, status, fiscal_year, cite,
                               None if ground is None else ground.value, note))
    return tuple(out)
