"""The JSON text of placement and consequences records, made with shared parts encoded once
(``placement_json``, ``consequences_json``: what the command line writes), is exactly ``json.dumps`` of the
record, in every encoding and indentation the command line uses."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tipranking import Assessment, History, MinimumStandards, Tier, place
from tipranking.consequences import consequences
from tipranking.formats.records import consequences_json, consequences_record, placement_json, placement_record
from tipranking.testing.strategies import assessments, determinations, histories

COUNTRIES = st.sampled_from(["Burma", "Chad", "Côte d'Ivoire", "Examplestan", "Türkiye", "Korea, North"])
ENCODINGS = st.sampled_from([(False, None), (True, None), (False, 2), (True, 2)])


@st.composite
def placed(draw: st.DrawFn) -> tuple[object, object]:
    country = draw(COUNTRIES)
    a = draw(assessments(country=country, unknowns=draw(st.booleans()), special_case=None))
    h = draw(histories(country=country, before=a.report_year))
    p = place(a, h)
    c = None if p.tier is None else consequences(
        p, history=h, determination=draw(st.none() | determinations()) if p.tier is Tier.TIER_3 else None,
        cspa_listed=draw(st.none() | st.booleans()) if a.report_year >= 2010 else None,
        trade_exception_letter=draw(st.booleans()))
    return p, c


@given(placed(), ENCODINGS)
def test_placement_json_is_json_dumps_of_the_record(made: tuple[object, object],
                                                    encoding: tuple[bool, int | None]) -> None:
    p, c = made
    ascii_only, indent = encoding
    # Twice: the second time the shared parts come from memory.
    for _ in range(2):
        assert placement_json(p, c, ensure_ascii=ascii_only, indent=indent) == json.dumps(  # type: ignore[arg-type]
            placement_record(p, c), ensure_ascii=ascii_only, indent=indent)  # type: ignore[arg-type]
        result = p if c is None else c
        assert consequences_json(result, ensure_ascii=ascii_only, indent=indent) == json.dumps(  # type: ignore[arg-type]
            consequences_record(result), ensure_ascii=ascii_only, indent=indent)  # type: ignore[arg-type]


def test_placements_sharing_an_explanation_share_its_text() -> None:
    """Two placements sharing an explanation get the same findings text, and each its own country."""
    a = Assessment("Chad", 2023, MinimumStandards(True, True, True, True), significant_efforts=True)
    b = Assessment("Burma", 2023, MinimumStandards(True, True, True, True), significant_efforts=True)
    pa, pb = place(a, History("Chad")), place(b, History("Burma"))
    ja, jb = json.loads(placement_json(pa)), json.loads(placement_json(pb))
    assert (ja["country"], jb["country"]) == ("Chad", "Burma")
    assert ja["findings"] == jb["findings"] == placement_record(pa)["findings"]
