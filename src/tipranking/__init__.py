"""tipranking: the U.S. Trafficking Victims Protection Act tier rules as cited, composable rule objects.

The public API in one screen::

    place(assessment, history=None, statute=None) -> Placement   the tier the statute demands, explained
    place_many(assessments, histories=None) -> PlacementBatch    the same for many, in one pass
    what_it_takes(assessment, target_tier) -> (Path, ...)        the smallest fact changes reaching a tier
    diff(a, b, record=...) -> StatuteDiff                        every kind of case two versions place apart
    forecast(histories, report_year, statute=...) -> (Forecast, ...)  the chances of each tier in a report
    statute_for(report_year) -> Statute                          the rule set in force for a report
    read_assessments(path) / loads_assessments(text)             the JSON assessment format
    Tier, Assessment, MinimumStandards, WatchListFacts, Indicia,
    WaiverJustification, PolicyOrPattern, History, YearPlacement,
    PartialPlacement                                             values (frozen, validated)
    Finding, Placement, Event                                    results
    TipRankingError                                              base of every error raised on purpose

Rule objects and combinators for building variant rule sets live in :mod:`tipranking.rules`.
"""

from __future__ import annotations

import importlib

_TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs `tipranking --help` a tenth
if _TYPE_CHECKING:
    from typing import Any

    from tipranking.analysis.diff import diff
    from tipranking.analysis.forecast import forecast
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
    from tipranking.errors import TipRankingError
    from tipranking.formats.assessments import Submission, loads_assessments, read_assessments
    from tipranking.formats.placements import read_placements_csv
    from tipranking.placing import DecidingFact, Placement, place, place_many
    from tipranking.rules.base import Event, Finding
    from tipranking.statute import Statute, statute_for, statute_named
    from tipranking.tiers import Tier

# Each public name and the module it lives in: imported on first use (PEP 562), so ``import tipranking`` and
# ``tipranking --help`` load only what they need.
_HOMES = {
    "diff": "tipranking.analysis.diff",
    "forecast": "tipranking.analysis.forecast",
    "what_it_takes": "tipranking.analysis.what_it_takes",
    **dict.fromkeys(("Assessment", "History", "Indicia", "MinimumStandards", "PartialPlacement", "PolicyOrPattern",
                     "WaiverJustification", "WatchListFacts", "YearPlacement"), "tipranking.assessment"),
    **dict.fromkeys(("DecidingFact", "Placement", "place", "place_many"), "tipranking.placing"),
    "TipRankingError": "tipranking.errors",
    **dict.fromkeys(("Submission", "loads_assessments", "read_assessments"), "tipranking.formats.assessments"),
    "read_placements_csv": "tipranking.formats.placements",
    **dict.fromkeys(("Event", "Finding"), "tipranking.rules.base"),
    **dict.fromkeys(("Statute", "statute_for", "statute_named"), "tipranking.statute"),
    "Tier": "tipranking.tiers",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'tipranking' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
    "diff",
    "forecast",
    "loads_assessments",
    "place",
    "place_many",
    "read_assessments",
    "read_placements_csv",
    "statute_for",
    "statute_named",
    "what_it_takes",
]
__version__ = "0.1.0"
