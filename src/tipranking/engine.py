"""``place``: run a statute's pipeline over an assessment and a history."""

from __future__ import annotations

import attrs

from tipranking.assessment import Assessment, History
from tipranking.errors import HistoryError, MissingFindingError, StatuteError
from tipranking.rules.base import Case, Event, Finding, Trace
from tipranking.statute import Statute, statute_for
from tipranking.tiers import Tier

__all__ = ["Placement", "place"]


@attrs.frozen(slots=True)
class Placement:
    """The tier the statute demands, the findings that produced it, and the version used.

    ``findings`` are in the order the rules were considered (including those considered and
    rejected); ``decided_by`` is the finding of the rule that fixed the tier; ``events`` says
    what the history rules did (empty when they did nothing).
    """

    country: str
    report_year: int
    tier: Tier
    statute: str
    findings: tuple[Finding, ...]
    decided_by: Finding
    events: tuple[Event, ...] = ()

    @property
    def citation(self) -> str:
        """The citation of the provision that decided the tier."""
        return self.decided_by.citation

    def explain(self) -> str:
        """The placement as indented text with citations."""
        from tipranking.render import placement_text

        return placement_text(self)


def place(assessment: Assessment, history: History | None = None, statute: Statute | None = None) -> Placement:
    """Place ``assessment`` under ``statute`` (by default the version in force for its report year).

    ``history`` holds the country's earlier placements; only years before the assessment's
    report year are used. Raises :class:`~tipranking.errors.MissingFindingError` when a rule in
    force needs a finding the assessment leaves unstated.

    >>> from tipranking import Assessment, MinimumStandards
    >>> a = Assessment("Examplestan", 2023, MinimumStandards(True, True, True, False),
    ...                significant_efforts=False)
    >>> p = place(a)
    >>> p.tier.label, p.citation
    ('Tier 3', '22 U.S.C. § 7107(b)(1)(C)')
    """
    if not isinstance(assessment, Assessment):
        raise TypeError(f"place() needs an Assessment, got {type(assessment).__name__}")
    year = assessment.report_year
    version = statute if statute is not None else statute_for(year)
    if history is None:
        past = History(assessment.country)
    else:
        if history.country.strip().casefold() != assessment.country.strip().casefold():
            raise HistoryError("history.country", history.country,
                               f"the history is not of the assessed country {assessment.country!r}")
        past = history.before(year)
    relevant = version.clock.unknown_years_that_matter(past, year) if version.clock is not None else []
    if not relevant:
        return _run(assessment, past, version)
    outcomes = [_run(assessment, completion, version)
                for completion in past.completions(relevant, (Tier.TIER_2_WATCH_LIST, Tier.TIER_3, None))]
    if len({(p.tier, p.events) for p in outcomes}) > 1:
        raise MissingFindingError("history", relevant, "the placement depends on these years, which the history "
                                  "does not hold")
    return outcomes[-1]


def _run(assessment: Assessment, past: History, version: Statute) -> Placement:
    trace = Trace()
    verdict = version.pipeline.decide(Case(assessment, past, version), trace)
    if verdict is None or verdict.decided_by is None:
        raise StatuteError(f"statute {version.name!r} yields no decided tier for {assessment.country} "
                           f"{assessment.report_year}")
    return Placement(assessment.country, assessment.report_year, verdict.tier, version.name,
                     tuple(trace.findings), verdict.decided_by, tuple(trace.events))
