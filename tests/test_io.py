"""The JSON format: the shipped schema agrees with the parser, and JSON -> Assessment -> JSON is the identity."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipranking import Assessment, History, Submission, loads_assessments, place
from tipranking.formats.assessments import assessment_to_json, parse_assessment, schema
from tipranking.testing.strategies import assessments, histories

from .conftest import DATA

EXAMPLES = json.loads(resources.files("tipranking").joinpath("data/examples.json").read_text(encoding="utf-8"))
WORKED = [c["assessment"] for c in json.loads((DATA / "worked_examples.json").read_text(encoding="utf-8"))]


@pytest.mark.parametrize("item", EXAMPLES + WORKED)
def test_valid_items_satisfy_the_schema(item: dict[str, object]) -> None:
    jsonschema.validate(item, schema())
    parse_assessment(item)


@pytest.mark.parametrize("bad", [
    {"country": "X", "report_year": 2023},
    {"country": "X", "report_year": 2023, "minimum_standards": {}, "significant_efforts": True},
    {"country": "X", "report_year": 1999, "special_case": True},
    {"country": "X", "report_year": 2023, "special_case": True, "signficant_efforts": True},
])
def test_schema_and_parser_both_reject(bad: dict[str, object]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema())
    with pytest.raises(ValueError):
        parse_assessment(bad)


@given(assessments(special_case=None), st.none() | histories(before=2024))
def test_json_round_trip_is_the_identity(a: Assessment, history: History | None) -> None:
    if history is not None:
        history = History(a.country, history.before(a.report_year).placements)
    submission = Submission(a, history)
    text = json.dumps(assessment_to_json(submission))
    (back,) = loads_assessments(text)
    assert back == submission
    assert assessment_to_json(back) == json.loads(text)
    jsonschema.validate(json.loads(text), schema())
    assert place(back.assessment, back.history) == place(a, history)
