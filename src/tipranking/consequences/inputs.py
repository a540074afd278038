"""The inputs of the consequences beyond a placement: the presidential determinations, the CSPA listing, the
trade exception letter and the assistance received in the previous fiscal year."""

from __future__ import annotations

import attrs

from tipranking.assessment import History
from tipranking.consequences import Consequences, consequences
from tipranking.consequences.cspa import CspaDetermination, CspaListing, check_cspa_listed, cspa_listing
from tipranking.consequences.tier3 import Determination, check_received_assistance
from tipranking.errors import FieldError
from tipranking.placing import Placement
from tipranking.tiers import Tier

__all__ = ["ConsequenceInputs"]


def _listed(instance: object, attribute: attrs.Attribute[bool | None], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise FieldError("cspa.listed", value, "must be true, false or null (not stated)")


@attrs.frozen(slots=True)
class ConsequenceInputs:
    """The inputs of the consequences beyond the placement: the Tier 3 determination, the CSPA listing
    and determination, the trade exception letter, and whether the government received nonhumanitarian,
    nontrade-related assistance in the previous fiscal year (which alternative of § 7107(d)(1)(A)).

    ``determination`` ``None`` means none has been made yet (the Tier 3 restrictions are pending).
    ``cspa_listed`` ``None`` means "not stated": :meth:`cspa_listing` then consults the CSPA list of the
    report year bundled with the package (2019, 2022, 2023), and otherwise leaves the listing not stated.
    ``received_assistance_previous_fy`` ``None`` means not known (exchange funding is then an alternative).
    """

    determination: Determination | None = None
    cspa_listed: bool | None = attrs.field(default=None, validator=_listed)
    cspa_determination: CspaDetermination | None = None
    trade_exception_letter: bool = False
    received_assistance_previous_fy: bool | None = attrs.field(
        default=None, validator=lambda _i, a, v: check_received_assistance(v, a.name))

    def cspa_listing(self, country: str, report_year: int) -> CspaListing:
        """The listing of ``country`` on ``report_year``'s CSPA list: as stated, else from the bundled list,
        else not stated (see :func:`~tipranking.consequences.cspa_listing`)."""
        return cspa_listing(country, report_year, check_cspa_listed(self.cspa_listed, report_year))

    def is_cspa_listed(self, country: str, report_year: int) -> bool | None:
        """``True`` / ``False`` as :meth:`cspa_listing` decides it, ``None`` when it is not stated."""
        return self.cspa_listing(country, report_year).listed

    def apply(self, placement: Placement | tuple[str, int, Tier], history: History | None) -> Consequences:
        """The consequences of ``placement`` with these inputs."""
        country, year = ((placement.country, placement.report_year) if isinstance(placement, Placement)
                         else placement[:2])
        return consequences(placement, history=history, determination=self.determination,
                            cspa_listed=self.cspa_listing(country, year), cspa_determination=self.cspa_determination,
                            trade_exception_letter=self.trade_exception_letter,
                            received_assistance_previous_fy=self.received_assistance_previous_fy)
