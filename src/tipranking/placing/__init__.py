"""Placing: the tier a statute demands for an assessment and a history, explained -- the one door to it.

:func:`place` and :func:`place_many` return :class:`Placement` values; :func:`interpret` is the reference they
are tested against (the statute's rule tree run as written). Analysis and formats also use a small public model
of a *compiled* statute (:func:`compiled`, :class:`CompiledStatute`): the leaf an assessment reaches at a state
of the Watch List clock (:meth:`CompiledStatute.outcome`), the states a history passes through
(:meth:`CompiledStatute.states`), the value of a guard for given facts (:meth:`CompiledStatute.guard_value`),
the clock's alphabet (:data:`MARKS`), and the batch evaluator for columns of facts (:func:`place_columns`).

Inside, each idea has one home: :mod:`~tipranking.placing.placement` (the result and its shared
explanations), :mod:`~tipranking.placing.unknowns` (what the rules read, the completions of unknown facts,
which unknown decides), :mod:`~tipranking.placing.interpreter` (the rule tree run),
:mod:`~tipranking.placing.tree` (the decision tree and the code written from it),
:mod:`~tipranking.placing.automaton` (the Watch List clock's marks, automaton and grid of uncertain years),
:mod:`~tipranking.placing.checks` (the input checks per report year), :mod:`~tipranking.placing.compiler`
(the compiled statute), :mod:`~tipranking.placing.engine` (``place`` and ``place_many``) and
:mod:`~tipranking.placing.batch` (placing columns of facts with NumPy).
"""

from __future__ import annotations

from tipranking.placing.automaton import MARKS, Automaton, Grid, mark_code
from tipranking.placing.batch import FALSE_CODE, TRUE_CODE, UNKNOWN_CODE, ColumnPlacements, fact_code, place_columns
from tipranking.placing.checks import refusals, refused_together, rules_checking
from tipranking.placing.compiler import CompiledStatute, compiled, forget
from tipranking.placing.engine import PlacementBatch, history_lookup, place, place_many
from tipranking.placing.interpreter import interpret
from tipranking.placing.placement import DecidingFact, Explanation, Placement, finding_text
from tipranking.placing.tree import Guard, Outcome
from tipranking.placing.unknowns import MAX_COMPLETIONS, deciding_positions, reads, unknown_fields, value_name

__all__ = [
    "FALSE_CODE",
    "MARKS",
    "MAX_COMPLETIONS",
    "TRUE_CODE",
    "UNKNOWN_CODE",
    "Automaton",
    "ColumnPlacements",
    "CompiledStatute",
    "DecidingFact",
    "Explanation",
    "Grid",
    "Guard",
    "Outcome",
    "Placement",
    "PlacementBatch",
    "compiled",
    "deciding_positions",
    "fact_code",
    "finding_text",
    "forget",
    "history_lookup",
    "interpret",
    "mark_code",
    "place",
    "place_columns",
    "place_many",
    "reads",
    "refusals",
    "refused_together",
    "rules_checking",
    "unknown_fields",
    "value_name",
]
