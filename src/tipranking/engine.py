"""``place``: the tier a statute demands for an assessment and a history, explained.

Findings may be unknown (``None``). When the known facts decide the tier, that is the placement; otherwise
every completion of the unknown findings (and unknown history years) that the rules read is considered, and
the placement holds the possible tiers and, for each unknown that matters, which value leads to which tiers.

``place`` uses the statute's compiled form (:mod:`tipranking.compiled`), derived from its rule objects; the
findings of the explanation are built from the rule tree the first time they are read. A statute that cannot
be compiled runs on the rule tree alone (:func:`tipranking.interpreter.interpret`, the reference the compiled
form is tested against).
"""

from __future__ import annotations

from tipranking.assessment import Assessment, History
from tipranking.compiled import compiled
from tipranking.errors import InputTypeError
from tipranking.interpreter import MAX_COMPLETIONS, deciding_positions, interpret
from tipranking.placement import DecidingFact, Placement
from tipranking.statute import Statute, as_statute, statute_for

__all__ = ["MAX_COMPLETIONS", "DecidingFact", "Placement", "deciding_positions", "interpret", "place"]


def place(assessment: Assessment, history: History | None = None, statute: Statute | str | None = None) -> Placement:
    """Place ``assessment`` under ``statute`` (by default the version in force for its report year; a
    version name such as ``"tvpra-2019+f-every-return"`` is accepted).

    ``history`` holds the country's earlier placements; only years before the assessment's
    report year are used.

    >>> from tipranking import Assessment, MinimumStandards
    >>> a = Assessment("Examplestan", 2023, MinimumStandards(True, True, True, False),
    ...                significant_efforts=False)
    >>> p = place(a)
    >>> p.tier.label, p.citation
    ('Tier 3', '22 U.S.C. § 7107(b)(1)(C)')
    >>> unsure = place(Assessment("Examplestan", 2023, MinimumStandards(True, True, True, False),
    ...                           significant_efforts=None))
    >>> unsure.tier, sorted(t.value for t in unsure.possible_tiers), [d.field for d in unsure.deciding]
    (None, ['2', '2WL', '3'], ['significant_efforts', 'watch_list.victims_very_significant_or_increasing', \
'watch_list.no_evidence_of_increasing_efforts'])
    """
    if assessment.__class__ is not Assessment and not isinstance(assessment, Assessment):
        raise InputTypeError("assessment", assessment, "place() needs an Assessment")
    version = statute_for(assessment.report_year) if statute is None else as_statute(statute)
    assert version is not None
    if history is not None and not isinstance(history, History):
        raise InputTypeError("history", history, "must be a History or None")
    code = compiled(version)
    if code is None:
        return interpret(assessment, history, version)
    return code.place(assessment, history)
