"""Old home of the file formats, kept for one release (its name shadowed the standard library's ``io``):
use :mod:`tipranking.formats.assessments`, :mod:`tipranking.formats.placements` and
:class:`tipranking.consequences.inputs.ConsequenceInputs`."""

from tipranking.consequences.inputs import ConsequenceInputs
from tipranking.formats.assessments import (
    PlacementRecord,
    Submission,
    assessment_to_json,
    iter_assessments,
    iter_consequence_inputs,
    loads_assessments,
    loads_consequence_inputs,
    parse_assessment,
    parse_placement_record,
    read_assessments,
    read_consequence_inputs,
    schema,
)
from tipranking.formats.placements import (
    Gap,
    Gaps,
    NameMerge,
    PlacementInput,
    PlacementTable,
    parse_placements_csv,
    placement_table,
    read_placements_csv,
    tier_or_unknown,
)

__all__ = [
    "ConsequenceInputs",
    "Gap",
    "Gaps",
    "NameMerge",
    "PlacementInput",
    "PlacementRecord",
    "PlacementTable",
    "Submission",
    "assessment_to_json",
    "iter_assessments",
    "iter_consequence_inputs",
    "loads_assessments",
    "loads_consequence_inputs",
    "parse_assessment",
    "parse_placement_record",
    "parse_placements_csv",
    "placement_table",
    "read_assessments",
    "read_consequence_inputs",
    "read_placements_csv",
    "schema",
    "tier_or_unknown",
]
