"""Hand-worked assessments (tests/data/worked_examples.json), each derived from the statute text
independently of the code: the tier, the provision that decides it, and the history events."""

from __future__ import annotations

import json

import pytest

from tipranking import place
from tipranking.errors import FieldError
from tipranking.formats.assessments import parse_assessment

from .conftest import DATA

CASES = json.loads((DATA / "worked_examples.json").read_text(encoding="utf-8"))


def test_table_covers_the_required_years() -> None:
    single_year = [c for c in CASES if "history" not in c["assessment"]]
    years = [c["assessment"]["report_year"] for c in single_year]
    assert len(single_year) >= 15
    for year in (2002, 2003, 2010, 2015, 2023):
        assert years.count(year) >= 2, year


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_worked_example(case: dict[str, object]) -> None:
    submission = parse_assessment(case["assessment"])
    if "expected_error" in case:  # input the statute refuses: the error names the field
        error = case["expected_error"]
        assert isinstance(error, dict)
        with pytest.raises(FieldError) as raised:
            place(submission.assessment, submission.history)
        assert raised.value.field == error["field"], case["why"]
        return
    placement = place(submission.assessment, submission.history)
    assert placement.tier.value == case["expected_tier"], case["why"]
    assert placement.citation == case["deciding_provision"], placement.decided_by
    assert [e.value for e in placement.events] == case["expected_events"]
