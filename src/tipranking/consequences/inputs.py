"""The inputs of the consequences beyond a placement: the presidential determinations, the CSPA listing, the
trade exception letter and the assistance received in the previous fiscal year."""

from __future__ import annotations

import attrs

from tipranking.assessment import History
from tipranking.consequences import Consequences, consequences
from tipranking.consequences.cspa import CspaDetermination
from tipranking.consequences.tier3 import Determination, check_received_assistance
from tipranking.countries import find
from tipranking.data import lists_2023
from tipranking.placement import Placement
from tipranking.provisions import LISTS_REPORT_YEAR
from tipranking.tiers import Tier

__all__ = ["ConsequenceInputs"]


@attrs.frozen(slots=True)
class ConsequenceInputs:
    """The inputs of the consequences beyond the placement: the Tier 3 determination, the CSPA listing
    and determination, the trade exception letter, and whether the government received nonhumanitarian,
    nontrade-related assistance in the previous fiscal year (which alternative of § 7107(d)(1)(A)).

    ``determination`` ``None`` means none has been made yet (the Tier 3 restrictions are pending).
    ``cspa_listed`` ``None`` means "not stated": :meth:`is_cspa_listed` then consults the bundled list of
    the report year where the package has one (2023), and is ``False`` otherwise.
    ``received_assistance_previous_fy`` ``None`` means not known (exchange funding is then an alternative).
    """

    determination: Determination | None = None
    cspa_listed: bool | None = None
    cspa_determination: CspaDetermination | None = None
    trade_exception_letter: bool = False
    received_assistance_previous_fy: bool | None = attrs.field(
        default=None, validator=lambda _i, a, v: check_received_assistance(v, a.name))

    def is_cspa_listed(self, country: str, report_year: int) -> bool:
        if self.cspa_listed is not None:
            return self.cspa_listed
        if report_year == LISTS_REPORT_YEAR:
            government = find(country)
            return government is not None and government.name in lists_2023().cspa
        return False

    def apply(self, placement: Placement | tuple[str, int, Tier], history: History | None) -> Consequences:
        """The consequences of ``placement`` with these inputs."""
        country, year = ((placement.country, placement.report_year) if isinstance(placement, Placement)
                         else placement[:2])
        return consequences(placement, history=history, determination=self.determination,
                            cspa_listed=self.is_cspa_listed(country, year), cspa_determination=self.cspa_determination,
                            trade_exception_letter=self.trade_exception_letter,
                            received_assistance_previous_fy=self.received_assistance_previous_fy)
