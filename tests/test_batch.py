"""Batch placing: ``place_many`` and ``frames.place_frame`` give exactly the placements ``place`` gives."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipranking import Assessment, History, MinimumStandards, Tier, place, place_many
from tipranking.errors import FieldError, InputTypeError
from tipranking.facts import catalogue
from tipranking.formats.frames import assessments_from_frame, place_frame, placements_frame
from tipranking.formats.records import PLACEMENT
from tipranking.testing.strategies import assessments

from .test_compiled import histories_with_unknowns

pd = pytest.importorskip("pandas")
PLACEMENT_COLUMNS = PLACEMENT.columns()

COUNTRIES = ("Examplestan", "Samplonia", "Illustria")


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[Assessment], dict[str, History]]:
    items = draw(st.lists(st.sampled_from(COUNTRIES).flatmap(
        lambda c: assessments(country=c, unknowns=True, special_case=None)), min_size=1, max_size=12))
    histories = {}
    for country in COUNTRIES:
        if draw(st.booleans()):
            h = draw(histories_with_unknowns(2027))
            histories[country] = History(country, h.placements, h.unknown_years, h.partial)
    return items, histories


@given(batches())
def test_place_many_equals_place(batch: tuple[list[Assessment], dict[str, History]]) -> None:
    items, histories = batch
    try:
        expected = [place(a, histories.get(a.country)) for a in items]
    except FieldError:
        with pytest.raises(FieldError, match="place_many item"):
            place_many(items, histories)
        return
    got = place_many(items, histories)
    assert len(got) == len(expected)
    assert got.tiers == tuple(p.tier for p in expected)
    assert list(got) == expected
    assert got[-1] == expected[-1] and got[0:2] == expected[0:2]
    aligned = place_many(items, [histories.get(a.country) for a in items])
    assert list(aligned) == expected


def test_place_many_refuses_bad_input_naming_the_item() -> None:
    good = Assessment("A", 2023, MinimumStandards(True, True, True, True))
    with pytest.raises(InputTypeError, match="place_many item 1"):
        place_many([good, "not an assessment"])  # type: ignore[list-item]
    with pytest.raises(InputTypeError, match="histories"):
        place_many([good], [None, None])
    with pytest.raises(InputTypeError, match="assessments"):
        place_many(good)  # type: ignore[arg-type]


def test_a_batch_placement_pickles_with_its_explanation() -> None:
    a = Assessment("A", 2023, MinimumStandards(True, True, True, False), significant_efforts=False)
    (p,) = place_many([a])
    assert pickle.loads(pickle.dumps(p)) == place(a)
    assert p.decided_by is not None and p.decided_by.rule == "no_significant_efforts"


# --------------------------------------------------------------------------- frames

PATHS = [f.path for f in catalogue()]


def _frame(items: list[Assessment], drop: set[str]) -> pd.DataFrame:
    from tipranking import facts

    rows = []
    for a in items:
        row: dict[str, object] = {"country": a.country, "report_year": a.report_year}
        for path in PATHS:
            if path not in drop:
                row[path] = facts.value(a, path)
        rows.append(row)
    frame = pd.DataFrame(rows)
    for path in PATHS:
        if path in frame and frame[path].isna().any():
            frame[path] = frame[path].astype("boolean")
    return frame


@given(batches(), st.sets(st.sampled_from([p for p in PATHS if p.startswith(("indicia", "watch_list",
                                                                              "waiver_justification"))])))
def test_place_frame_equals_place_many(batch: tuple[list[Assessment], dict[str, History]], drop: set[str]) -> None:
    items, histories = batch
    frame = _frame(items, drop)
    try:
        built = assessments_from_frame(frame)
        expected = placements_frame(place_many(built, histories))
    except FieldError as error:
        with pytest.raises(FieldError) as caught:
            place_frame(frame, histories)
        assert caught.value.field == error.field
        return
    got = place_frame(frame, histories)
    assert list(got.columns) == list(PLACEMENT_COLUMNS)
    for column in PLACEMENT_COLUMNS:
        assert _values(got[column]) == _values(expected[column]), column


def _values(column: pd.Series) -> list[object]:
    """The column's values with every missing value as None (categorical NaN and pd.NA alike)."""
    return [None if pd.isna(v) else v for v in column.astype(object)]


def test_frame_rows_with_every_finding_stated_are_the_assessments_themselves() -> None:
    a = Assessment("Illustria", 2023, MinimumStandards(True, True, True, False), significant_efforts=True)
    (b,) = assessments_from_frame(_frame([a], set()))
    assert place(b) == place(a)


def test_place_frame_names_the_row_of_a_bad_value() -> None:
    frame = pd.DataFrame({"country": ["A", "B"], "report_year": [2023, 2023],
                          "significant_efforts": [True, "maybe"]}, index=["first", "second"])
    with pytest.raises(FieldError, match="row 'second'"):
        place_frame(frame)
    with pytest.raises(FieldError, match="did you mean"):
        place_frame(frame.rename(columns={"significant_efforts": "significant_effort"}))
    with pytest.raises(FieldError, match="row 1"):
        place_frame(pd.DataFrame({"country": ["A", "B"], "report_year": [2023, 1999]}))
    late = pd.DataFrame({"country": ["A"], "report_year": [2023], "watch_list.commitments_for_next_year": [True]})
    with pytest.raises(FieldError, match="row 0"):
        place_frame(late)


def test_place_frame_without_rows_has_the_columns() -> None:
    empty = place_frame(pd.DataFrame({"country": pd.Series([], dtype=object), "report_year": pd.Series([], dtype=int)}))
    assert list(empty.columns) == list(PLACEMENT_COLUMNS) and len(empty) == 0


def test_place_frame_reads_the_history_of_each_country() -> None:
    frame = pd.DataFrame({"country": ["A", "B"], "report_year": [2023, 2023],
                          "minimum_standards.serious_and_sustained_efforts": [False, False],
                          "significant_efforts": [True, True],
                          "watch_list.victims_very_significant_or_increasing": [True, True],
                          "watch_list.no_evidence_of_increasing_efforts": [False, False],
                          "watch_list.no_proportional_concrete_actions": [True, True]})
    got = place_frame(frame, {"B": History.of("B", {2020: "2WL", 2021: "2WL", 2022: "2WL"})})
    assert got["tier"].tolist() == [Tier.TIER_2_WATCH_LIST.value, Tier.TIER_3.value]
    assert got["events"].tolist()[0] == ""


@pytest.mark.parametrize(("name", "problem"), [("  ", "non-empty"), ("", "non-empty"), (None, "non-empty"),
                                               (3, "non-empty"), ("Ill\ud800ustria", "lone surrogate")])
def test_place_frame_checks_country_names_as_assessments_do(name: object, problem: str) -> None:
    frame = pd.DataFrame({"country": ["Examplestan", name], "report_year": [2023, 2023]}, index=["a", "b"])
    with pytest.raises(FieldError, match=f"{problem}.*|row 'b'") as caught:
        place_frame(frame)
    assert caught.value.where == "row 'b'" and problem in caught.value.problem
    with pytest.raises(FieldError):
        Assessment(name, 2023, MinimumStandards())  # type: ignore[arg-type]


def test_a_batch_pickles_with_every_placement() -> None:
    items = [Assessment("A", 2023, MinimumStandards(True, True, True, True)),
             Assessment("B", 2023, MinimumStandards(True, True, True, False), significant_efforts=None)]
    batch = place_many(items)
    copy = pickle.loads(pickle.dumps(batch))
    assert copy == batch and list(copy) == [place(a) for a in items]
    assert copy.tiers == (Tier.TIER_1, None)


def test_place_frame_refuses_a_column_given_twice() -> None:
    frame = pd.DataFrame([["A", 2023, True, False]],
                         columns=["country", "report_year", "significant_efforts", "significant_efforts"])
    with pytest.raises(FieldError, match="given twice"):
        place_frame(frame)
    with pytest.raises(InputTypeError):
        place_frame([{"country": "A"}])  # type: ignore[arg-type]


def test_place_frame_pairs_histories_by_government_as_place_many_does() -> None:
    """A row for Myanmar finds the history keyed "Burma" (one government, two spellings), in both engines."""
    history = History.of("Burma", {2021: "2WL", 2022: "2WL"})
    frame = pd.DataFrame({"country": ["Myanmar", "Examplestan"], "report_year": [2023, 2023],
                          "minimum_standards.serious_and_sustained_efforts": [False, False],
                          "significant_efforts": [True, True],
                          "watch_list.victims_very_significant_or_increasing": [False, False],
                          "watch_list.no_evidence_of_increasing_efforts": [True, True]})
    got = place_frame(frame, {"Burma": history})
    expected = placements_frame(place_many(assessments_from_frame(frame), {"Burma": history}))
    assert got["tier"].astype(object).tolist() == ["3", "2WL"] == expected["tier"].astype(object).tolist()
    assert got["events"].tolist()[0].startswith("automatic_downgrade")
    assert got["country"].tolist() == ["Burma", "Examplestan"]
    assert _values(got["input_country"]) == ["Myanmar", None] == _values(expected["input_country"])
