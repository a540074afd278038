"""The streaming readers give what a whole-text read gives, however the input is cut into chunks."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipranking.formats import _limits as _reading
from tipranking.formats._limits import json_items, text_lines


@pytest.fixture(autouse=True)
def _small_reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Read one character more at a time (instead of a mebibyte), so that the cuts below are where reads end."""
    monkeypatch.setattr(_reading, "_CHUNK", 1)
    yield

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**18, 10**18) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=("Cs",))),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12)


def _cut(text: str, cuts: list[int]) -> list[str]:
    points = sorted({min(c, len(text)) for c in cuts})
    return [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]


@given(st.lists(st.dictionaries(st.text(max_size=6), JSON, max_size=5), min_size=1, max_size=6),
       st.lists(st.integers(0, 400), max_size=8), st.booleans(), st.sampled_from([None, 0, 2]))
def test_json_items_read_cut_text_like_json_loads(items: list[dict[str, object]], cuts: list[int], ascii: bool,
                                                 indent: int | None) -> None:
    text = json.dumps(items, ensure_ascii=ascii, indent=indent)
    assert [value for _, value in json_items(_cut(text, cuts), "t.json")] == json.loads(text)


@given(st.lists(st.text(st.characters(exclude_characters="\r\n"), min_size=1, max_size=8), min_size=1, max_size=8),
       st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=8, max_size=8), st.lists(st.integers(0, 80)))
def test_text_lines_split_cut_text_at_its_line_ends(lines: list[str], ends: list[str], cuts: list[int]) -> None:
    text = "".join(line + end for line, end in zip(lines, ends, strict=False))
    assert list(text_lines(_cut(text, cuts), "t.csv")) == [line + end for line, end in zip(lines, ends,
                                                                                             strict=False)]


def test_every_cut_of_a_document_with_every_kind_of_token() -> None:
    """A chunk may end inside any token: a literal (``tr|ue``), a number, an escape, a string."""
    text = json.dumps([{"a": True, "b": None, "c": -12.5e3, "d": "x\u00e9\\\"y", "e": [False, 2023]},
                       {"f": "\ud55c", "g": {}}], ensure_ascii=True)
    want = json.loads(text)
    for cut in range(1, len(text)):
        assert [value for _, value in json_items([text[:cut], text[cut:]], "t.json")] == want, cut
