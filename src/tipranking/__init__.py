"""tipranking: the U.S. Trafficking Victims Protection Act tier rules as cited, composable rule objects.

The public API in one screen::

    place(assessment, history=None, statute=None) -> Placement   the tier the statute demands, explained
    what_it_takes(assessment, target_tier) -> (Path, ...)        the smallest finding changes reaching a tier
    statute_for(report_year) -> Statute                          the rule set in force for a report
    read_assessments(path) / loads_assessments(text)             the JSON assessment format
    Tier, Assessment, MinimumStandards, WatchListFacts, Indicia,
    WaiverJustification, PolicyOrPattern, History, YearPlacement,
    PartialPlacement                                             values (frozen, validated)
    Finding, Placement, Event                                    results
    TipRankingError                                              base of every error raised on purpose

Rule objects and combinators for building variant rule sets live in :mod:`tipranking.rules`.
"""

from tipranking.analysis.what_it_takes import what_it_takes
from tipranking.assessment import (
    Assessment,
    History,
    Indicia,
    MinimumStandards,
    PartialPlacement,
    PolicyOrPattern,
    WaiverJustification,
    WatchListFacts,
    YearPlacement,
)
from tipranking.engine import place
from tipranking.errors import TipRankingError
from tipranking.formats.assessments import Submission, loads_assessments, read_assessments
from tipranking.formats.placements import read_placements_csv
from tipranking.placement import DecidingFact, Placement
from tipranking.rules.base import Event, Finding
from tipranking.statute import Statute, statute_for, statute_named
from tipranking.tiers import Tier

__all__ = [
    "Assessment",
    "DecidingFact",
    "Event",
    "Finding",
    "History",
    "Indicia",
    "MinimumStandards",
    "PartialPlacement",
    "Placement",
    "PolicyOrPattern",
    "Statute",
    "Submission",
    "Tier",
    "TipRankingError",
    "WaiverJustification",
    "WatchListFacts",
    "YearPlacement",
    "loads_assessments",
    "place",
    "read_assessments",
    "read_placements_csv",
    "statute_for",
    "statute_named",
    "what_it_takes",
]
__version__ = "0.1.0"
