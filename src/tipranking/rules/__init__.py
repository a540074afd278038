"""Rule objects, one per provision, and the combinators that compose them into a statute's pipeline."""

from tipranking.rules.base import (
    AllOf,
    AnyOf,
    Assign,
    Case,
    Constant,
    Decision,
    Event,
    Evidence,
    Finding,
    FirstOf,
    Leaf,
    Not,
    Rule,
    Trace,
    Unless,
    Verdict,
    When,
)
from tipranking.rules.downgrade import (
    AutomaticDowngrade,
    PostWaiverLimit,
    WaiverAvailable,
    WaiverJustified,
    WatchListClock,
)
from tipranking.rules.efforts import (
    DataPresumption,
    EffortsConsiderations,
    IndiciaEvidence,
    PolicyOrPatternProof,
    SignificantEfforts,
    no_significant_efforts,
)
from tipranking.rules.special_case import SpecialCase
from tipranking.rules.standards import MinimumStandard, full_compliance
from tipranking.rules.watch_list import WatchListCriteria

__all__ = [
    "AllOf", "AnyOf", "Assign", "AutomaticDowngrade", "Case", "Constant", "DataPresumption", "Decision",
    "EffortsConsiderations", "Event", "Evidence", "Finding", "FirstOf", "IndiciaEvidence", "Leaf",
    "MinimumStandard", "Not", "PolicyOrPatternProof", "PostWaiverLimit", "Rule", "SignificantEfforts",
    "SpecialCase", "Trace", "Unless", "Verdict", "WaiverAvailable", "WaiverJustified", "WatchListClock",
    "WatchListCriteria", "When", "full_compliance", "no_significant_efforts",
]
