"""Issue 21 (items 1, 4, 5): ``-`` for standard input, inputs read once and refused before anything is used,
JSON Lines, and syntax errors located by line and column."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import tempfile
import threading
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipranking import place
from tipranking.cli import main
from tipranking.errors import FieldError, ParseError, TipRankingError
from tipranking.formats import _limits
from tipranking.formats._limits import json_values
from tipranking.formats.assessments import (
    INPUT_FORMATS,
    CheckedItems,
    Submission,
    assessment_to_json,
    checked_assessments,
    checked_consequence_inputs,
    iter_assessments,
    iter_consequence_inputs,
    loads_assessments,
    loads_consequence_inputs,
    read_assessments,
    read_consequence_inputs,
)
from tipranking.formats.placements import read_placements_csv

EXAMPLES: list[dict[str, Any]] = json.loads(
    (Path(__file__).resolve().parents[1] / "src" / "tipranking" / "data" / "examples.json").read_text("utf-8"))
JSON_TEXT = json.dumps(EXAMPLES, indent=2)
JSONL_TEXT = "".join(json.dumps(e) + "\n" for e in EXAMPLES)
PLACEMENT = {"country": "Burma", "report_year": 2019, "tier": "3", "determination": {"pending": True}}
CSV_TEXT = "report_year,country,tier\n2019,Chad,2WL\n2020,Chad,2WL\n"


def _tiers(items: Iterator[Submission] | tuple[Submission, ...]) -> list[tuple[str, int, object]]:
    return [(s.assessment.country, s.assessment.report_year, place(s.assessment, s.history).tier) for s in items]


EXPECTED = _tiers(loads_assessments(json.dumps(EXAMPLES)))


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> Callable[[bytes], io.BytesIO]:
    """Give standard input these bytes (an object whose ``.buffer`` is a BytesIO)."""

    def give(data: bytes) -> io.BytesIO:
        buffer = io.BytesIO(data)
        monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=buffer))
        return buffer

    return give


@pytest.fixture
def spools(monkeypatch: pytest.MonkeyPatch) -> list[IO[bytes]]:
    """Every temporary file the readers make, recorded (an anonymous temporary file is removed when closed)."""
    made: list[IO[bytes]] = []
    real = tempfile.TemporaryFile

    def recording(*args: Any, **kwargs: Any) -> IO[bytes]:
        spool: IO[bytes] = real(*args, **kwargs)
        made.append(spool)
        return spool

    monkeypatch.setattr(tempfile, "TemporaryFile", recording)
    return made


# --------------------------------------------------------------------------- standard input: "-"


def test_checked_assessments_reads_standard_input(stdin: Callable[[bytes], io.BytesIO]) -> None:
    buffer = stdin(JSON_TEXT.encode("utf-8"))
    items = checked_assessments("-")
    assert (items.name, items.input_format) == ("<stdin>", "json")
    assert buffer.tell() == len(JSON_TEXT.encode("utf-8"))  # all of it read, and validated, before the first item
    assert _tiers(items) == EXPECTED


@pytest.mark.parametrize("read", [read_assessments, lambda p: tuple(iter_assessments(p))])
def test_the_streaming_readers_read_standard_input(stdin: Callable[[bytes], io.BytesIO],
                                                   read: Callable[[str], tuple[Submission, ...]]) -> None:
    stdin(JSONL_TEXT.encode("utf-8"))
    assert _tiers(read("-")) == EXPECTED


def test_consequence_inputs_from_standard_input(stdin: Callable[[bytes], io.BytesIO]) -> None:
    stdin((json.dumps(PLACEMENT) + "\n" + json.dumps(EXAMPLES[0]) + "\n").encode("utf-8"))
    placement, submission = read_consequence_inputs("-")
    assert isinstance(submission, Submission) and not isinstance(placement, Submission)
    assert placement.country == "Burma" and submission.assessment.country == "Examplestan"
    stdin(json.dumps([PLACEMENT]).encode("utf-8"))
    assert [i.country for i in checked_consequence_inputs("-") if not isinstance(i, Submission)] == ["Burma"]
    stdin(json.dumps([PLACEMENT]).encode("utf-8"))
    assert len(list(iter_consequence_inputs("-"))) == 1


def test_placements_csv_from_standard_input(stdin: Callable[[bytes], io.BytesIO]) -> None:
    stdin(("\ufeff" + CSV_TEXT).encode("utf-8"))
    table = read_placements_csv("-")
    assert table.source == "<stdin>" and table["Chad"].years == (2019, 2020)
    stdin(b"report_year,country,tier\n2019,Chad,4\n")
    with pytest.raises(FieldError, match=r"^<stdin>: line 2: tier: "):
        read_placements_csv("-")


def test_standard_input_errors_name_it(stdin: Callable[[bytes], io.BytesIO]) -> None:
    bad = [*EXAMPLES[:2], {**EXAMPLES[2], "significant_efforts": "yes"}]
    stdin(json.dumps(bad).encode("utf-8"))
    with pytest.raises(FieldError, match=r"^<stdin>: item 2: significant_efforts: must be true, false or null"):
        checked_assessments("-")
    stdin(b"")
    with pytest.raises(ParseError, match=r"^<stdin>: the file is empty$"):
        checked_assessments("-")
    stdin(b'[{"country": "\xff"}]')
    with pytest.raises(ParseError, match=r"^<stdin>: not UTF-8 text \(byte 14: "):
        read_assessments("-")


def test_standard_input_has_the_size_limit(stdin: Callable[[bytes], io.BytesIO]) -> None:
    data = JSONL_TEXT.encode("utf-8")
    stdin(data)
    with pytest.raises(ParseError, match=r"^<stdin>: larger than the input limit of 100 bytes"):
        checked_assessments("-", max_bytes=100)
    stdin(data)
    with pytest.raises(ParseError, match=r"^<stdin>: larger than the input limit"):
        read_placements_csv("-", max_bytes=10)
    stdin(data)
    assert _tiers(checked_assessments("-", max_bytes=len(data))) == EXPECTED


def test_no_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", None)
    with pytest.raises(ParseError, match=r"^<stdin>: cannot be read: there is no standard input"):
        read_assessments("-")


def test_a_file_named_dash_is_read_as_dot_slash_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     stdin: Callable[[bytes], io.BytesIO]) -> None:
    stdin(b"")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text(JSONL_TEXT, encoding="utf-8")
    assert _tiers(read_assessments("./-")) == EXPECTED
    with pytest.raises(ParseError, match="<stdin>: the file is empty"):
        read_assessments("-")


def test_the_command_line_reads_a_placement_csv_from_standard_input(stdin: Callable[[bytes], io.BytesIO],
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    stdin(CSV_TEXT.encode("utf-8"))
    assert main(["audit", "-"]) == 0
    stdin(b"report_year,country,tier\n2019,Nowhereland,2\n")
    assert main(["audit", "-"]) == 2
    assert capsys.readouterr().err.startswith("tipranking: error: <stdin>: line 2: country: ")


# --------------------------------------------------------------------------- read once: a FIFO, a changed file


def test_a_fifo_is_read_once_and_placed(tmp_path: Path) -> None:
    fifo = tmp_path / "assessments.jsonl"
    os.mkfifo(fifo)
    written = threading.Event()

    def write() -> None:
        with open(fifo, "wb") as pipe:
            pipe.write(JSONL_TEXT.encode("utf-8"))
        written.set()

    result: dict[str, Any] = {}

    def read() -> None:
        try:
            result["tiers"] = _tiers(checked_assessments(fifo))
        except BaseException as err:
            result["error"] = err

    threading.Thread(target=write, daemon=True).start()
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(30)
    if reader.is_alive():  # blocked opening the FIFO a second time: release it, then fail
        with open(fifo, "wb"):
            pass
        reader.join(30)
        pytest.fail(f"the FIFO was opened twice ({result})")
    assert written.is_set()
    assert result == {"tiers": EXPECTED}


def test_a_file_changed_after_validation_is_not_read_again(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(JSON_TEXT, encoding="utf-8")
    items = checked_assessments(path)
    path.write_text("not JSON at all", encoding="utf-8")
    assert _tiers(items) == EXPECTED


def test_a_bad_input_is_refused_before_any_item(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(JSONL_TEXT + '{"country": "Late", "report_year": 2023}\n', encoding="utf-8")
    given_items: list[Submission] = []
    with pytest.raises(FieldError, match=r"^.*a\.jsonl: line 6, item 5: minimum_standards: missing"):
        given_items.extend(checked_assessments(path))
    assert given_items == []
    streamed: list[Submission] = []
    with pytest.raises(FieldError):
        streamed.extend(iter_assessments(path))
    assert len(streamed) == len(EXAMPLES)  # unlike iter_assessments, which gives the good items first


def test_where_locates_each_item(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n" + JSONL_TEXT.replace("\n", "\n\n"), encoding="utf-8")
    items = checked_assessments(path)
    assert items.where is None
    assert [items.where for _ in items] == [f"{path}: line {2 + 2 * i}, item {i}" for i in range(len(EXAMPLES))]
    path = tmp_path / "a.json"
    path.write_text(JSON_TEXT, encoding="utf-8")
    items = checked_assessments(path)
    assert [items.where for _ in items] == [f"{path}: item {i}" for i in range(len(EXAMPLES))]


# --------------------------------------------------------------------------- the temporary copy is removed


def test_the_spool_is_removed_after_success(tmp_path: Path, spools: list[IO[bytes]]) -> None:
    path = tmp_path / "a.json"
    path.write_text(JSON_TEXT, encoding="utf-8")
    items = checked_assessments(path)
    assert len(spools) == 1 and not spools[0].closed and not items.closed
    assert _tiers(items) == EXPECTED
    assert spools[0].closed and items.closed


def test_the_spool_is_removed_after_an_error(tmp_path: Path, spools: list[IO[bytes]]) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([*EXAMPLES, {"country": "X"}]), encoding="utf-8")
    with pytest.raises(FieldError, match="item 5: report_year: missing"):
        checked_assessments(path)
    path.write_text(JSON_TEXT[:-10], encoding="utf-8")
    with pytest.raises(ParseError, match="invalid JSON"):
        checked_consequence_inputs(path)
    assert len(spools) == 2 and all(s.closed for s in spools)


def test_the_spool_is_removed_when_the_consumer_stops_early(tmp_path: Path, spools: list[IO[bytes]]) -> None:
    path = tmp_path / "a.json"
    path.write_text(JSON_TEXT, encoding="utf-8")
    items = checked_assessments(path)
    next(items)
    items.close()
    assert spools[-1].closed and list(items) == []
    with checked_assessments(path) as items:
        next(items)
    assert spools[-1].closed
    items = checked_assessments(path)
    for _ in items:
        break
    del items  # dropped without being closed
    assert spools[-1].closed
    unstarted = checked_assessments(path)
    del unstarted
    assert len(spools) == 4 and all(s.closed for s in spools)


def test_the_spool_is_removed_when_placing_fails(tmp_path: Path, spools: list[IO[bytes]]) -> None:
    path = tmp_path / "a.json"
    path.write_text(JSON_TEXT, encoding="utf-8")

    def consume() -> None:
        for _ in checked_assessments(path):
            raise KeyError("the consumer failed")

    with pytest.raises(KeyError):
        consume()
    assert len(spools) == 1 and spools[0].closed


def test_no_spool_for_a_missing_file(tmp_path: Path, spools: list[IO[bytes]]) -> None:
    with pytest.raises(ParseError, match=r"nope\.json: no such file"):
        checked_assessments(tmp_path / "nope.json")
    assert spools == []


def test_a_spool_that_cannot_be_written_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: Any, **kwargs: Any) -> IO[bytes]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    path = tmp_path / "a.json"
    path.write_text(JSON_TEXT, encoding="utf-8")
    with pytest.raises(ParseError, match=r"a\.json: cannot keep a temporary copy of the input in .*TMPDIR"):
        checked_assessments(path)


def test_an_output_that_cannot_be_held_is_refused_with_nothing_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line holds its output in a temporary file until the last item is read: a full disk there
    is one line on stderr, exit 2, and nothing on stdout."""
    made = tempfile.TemporaryFile

    class Full(io.TextIOWrapper):
        def write(self, text: str) -> int:
            if self.tell() + len(text) > 100:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return super().write(text)

    def full(mode: str = "w+b", *args: Any, **kwargs: Any) -> IO[Any]:
        if "b" in mode:
            return made(mode, *args, **kwargs)
        return Full(made("w+b"), encoding=kwargs.get("encoding"), errors=kwargs.get("errors"), newline="")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    path = tmp_path / "a.json"
    path.write_text(JSON_TEXT, encoding="utf-8")
    for command in ("place", "consequences"):
        assert main([command, str(path), "--format", "jsonl"]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1
        assert "cannot hold the output in a temporary file in" in err and "No space left" in err


# --------------------------------------------------------------------------- JSON Lines


def test_json_lines_read_as_the_json_list(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(JSONL_TEXT, encoding="utf-8")
    assert read_assessments(path) == loads_assessments(JSON_TEXT)
    items = checked_assessments(path)
    assert items.input_format == "jsonl" and _tiers(items) == EXPECTED
    assert loads_assessments(JSONL_TEXT, "x.JSONL") == loads_assessments(JSONL_TEXT, input_format="jsonl")


def test_json_lines_with_blank_lines_crlf_and_spaces(tmp_path: Path) -> None:
    lines = [json.dumps(e) for e in EXAMPLES]
    text = "\r\n \t\r\n" + "\r\n\r\n".join(f"  {line}\t" for line in lines) + "\n\n   "
    path = tmp_path / "a.ndjson"
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    assert _tiers(read_assessments(path)) == EXPECTED
    (placement,) = loads_consequence_inputs(json.dumps(PLACEMENT) + "\n\n", "c.jsonl")
    assert not isinstance(placement, Submission) and placement.country == "Burma"


def test_a_bad_line_is_named_by_its_number(tmp_path: Path) -> None:
    lines = [json.dumps(e) for e in EXAMPLES]
    lines[3] = json.dumps({**EXAMPLES[3], "report_year": 1999})
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(["", *lines[:2], "", *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(FieldError) as info:
        checked_assessments(path)
    assert str(info.value).startswith(f"{path}: line 6, item 3: report_year: ")
    assert info.value.where == f"{path}: line 6, item 3" and info.value.value == 1999


def test_a_repeated_government_names_both_lines() -> None:
    text = JSONL_TEXT + "\n" + json.dumps(EXAMPLES[1]) + "\n"
    with pytest.raises(FieldError, match=r"^x\.jsonl: line 7, item 5: country: given twice for 2023 "
                                         r"\(also line 2\)"):
        loads_assessments(text, "x.jsonl")


@pytest.mark.parametrize(("text", "message"), [
    (JSON_TEXT, r"^x\.jsonl: line 1 column 2, item 0: invalid JSON: Expecting value \(the line ends inside the "
                r"value: JSON Lines holds one whole value a line; a JSON document is read with the input format "
                r"json\)$"),
    (json.dumps(EXAMPLES[0], indent=1), r"^x\.jsonl: line 1 column 2, item 0: invalid JSON: Expecting property name "
                                        r"enclosed in double quotes \(the line ends inside the value: .*format "
                                        r"json\)$"),
    (json.dumps(EXAMPLES), r"^x\.jsonl: line 1, item 0: a list, where JSON Lines holds one object a line \(a JSON "
                           r"document is read with the input format json\)$"),
], ids=["indented-list", "indented-object", "one-line-list"])
def test_a_json_document_given_as_json_lines_is_refused_clearly(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        loads_assessments(text, "x.jsonl")
    assert loads_assessments(text, "x.jsonl", input_format="json")  # read as what it is


def test_json_lines_given_as_json_is_refused_clearly() -> None:
    with pytest.raises(ParseError, match=r"^x\.json: line 2 column 1: invalid JSON: extra data after the end of the "
                                         r"document \(one value a line: JSON Lines is read with the input format "
                                         r"jsonl\)$"):
        loads_assessments(JSONL_TEXT, "x.json", input_format="json")


def test_json_lines_are_recognised_where_they_cannot_be_json(stdin: Callable[[bytes], io.BytesIO]) -> None:
    """Without an input format, one-line objects one after the other are JSON Lines: no JSON document is."""
    stdin(JSONL_TEXT.encode("utf-8"))
    items = checked_assessments("-")
    assert items.input_format == "jsonl" and _tiers(items) == EXPECTED
    bad = JSONL_TEXT + json.dumps({**EXAMPLES[1], "country": "Other", "tier": "2"}) + "\n"
    with pytest.raises(FieldError, match=r"^<text>: line 6, item 5: tier: unknown key"):
        loads_assessments(bad)
    # A single object, indented or not, is the JSON document it always was; so is a list.
    for text, count in ((json.dumps(EXAMPLES[0], indent=2), 1), (json.dumps(EXAMPLES[0]) + "\n\n", 1),
                        (JSON_TEXT, len(EXAMPLES))):
        stdin(text.encode("utf-8"))
        items = checked_assessments("-")
        assert (items.input_format, len(list(items))) == ("json", count)
    # An object over several lines followed by another is neither.
    first = json.dumps(EXAMPLES[0]).replace(", ", ",\n", 2)  # three lines
    with pytest.raises(ParseError, match=r"^<text>: line 4 column 1: invalid JSON: extra data after the end of the "
                                         r"document$"):
        loads_assessments(first + "\n" + json.dumps(EXAMPLES[1]))


def test_an_unknown_input_format_is_refused(tmp_path: Path) -> None:
    assert INPUT_FORMATS == ("json", "jsonl")
    with pytest.raises(FieldError, match=r"^input_format: accepted: json, jsonl \(got 'ndjson'\)$"):
        checked_assessments(tmp_path / "a.json", input_format="ndjson")
    with pytest.raises(FieldError, match="input_format"):
        loads_assessments("{}", input_format="auto")


@pytest.mark.parametrize(("line", "message"), [
    ('{"country": ' + "[" * 3000 + "]" * 3000 + "}", r"line 2, item 1: nested too deeply to read"),
    ('{"country": "X", "report_year": ' + "9" * 5000 + "}", r"line 2, item 1: report_year: an integer of 5,000 digits"),
    ('{"country": "X", "report_year": NaN}', r"line 2, item 1: report_year: NaN, which is not a JSON value"),
    ('{"country": "X", "country": "Y"}', r"line 2, item 1: country: a key given twice in one object"),
    ('{"country": "\\ud800"}', r"line 2, item 1: country: a lone surrogate"),
    ('{"country": "X"} {"country": "Y"}', r"line 2 column 18, item 1: invalid JSON: more after the value"),
    ('{"country": "X"', r"line 2 column 16, item 1: invalid JSON: Expecting ',' delimiter \(the line ends inside"),
], ids=["deep", "digits", "nan", "duplicate-key", "surrogate", "two-values", "cut"])
def test_json_lines_have_the_limits_of_json(line: str, message: str) -> None:
    with pytest.raises(TipRankingError, match=f"^x\\.jsonl: {message}"):
        loads_assessments(json.dumps(EXAMPLES[0]) + "\n" + line + "\n", "x.jsonl")


def test_json_lines_have_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(JSONL_TEXT, encoding="utf-8")
    with pytest.raises(ParseError, match=r"a\.jsonl: larger than the input limit of 1,000 bytes"):
        checked_assessments(path, max_bytes=1000)
    assert len(read_assessments(path, max_bytes=path.stat().st_size)) == len(EXAMPLES)


def test_an_empty_json_lines_file(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n \n\r\n", encoding="utf-8")
    with pytest.raises(ParseError, match=r"a\.jsonl: the file is empty$"):
        checked_assessments(path)


def test_the_command_line_places_a_json_lines_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(JSONL_TEXT, encoding="utf-8")
    assert main(["place", str(path), "--format", "jsonl"]) == 0
    placed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(p["country"], p["report_year"]) for p in placed] == [(c, y) for c, y, _ in EXPECTED]


# --------------------------------------------------------------------------- line and column of syntax errors


def test_a_control_character_on_a_one_line_file(tmp_path: Path) -> None:
    text = json.dumps([EXAMPLES[0], EXAMPLES[1]]).replace("Samplonia", "Sample\tland")
    column = text.index("\t") + 1
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError) as info:
        checked_assessments(path)
    assert str(info.value) == (f"{path}: line 1 column {column}, item 1: invalid JSON: Invalid control character "
                               "'\\t' (U+0009) in a string (write it as \\t)")
    path = tmp_path / "a.jsonl"
    path.write_text(JSONL_TEXT.replace("Illustria", "Illu\x01stria"), encoding="utf-8")
    line = JSONL_TEXT.splitlines()[2]
    with pytest.raises(ParseError, match=rf"^{re.escape(str(path))}: line 3 column {line.index('Illu') + 5}, item 2: "
                                         r"invalid JSON: Invalid control character '\\x01' \(U\+0001\) in a string"):
        read_assessments(path)


def test_a_syntax_error_in_a_multi_line_file() -> None:
    text = JSON_TEXT.replace('"Demoland",', '"Demoland"', 1)
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if '"Demoland"' in line) + 1
    column = len(lines[row]) - len(lines[row].lstrip()) + 1  # the next key, on the next line
    with pytest.raises(ParseError, match=rf"^t\.json: line {row + 1} column {column}, item 3: invalid JSON: "
                                         r"Expecting ',' delimiter$"):
        loads_assessments(text, "t.json")
    with pytest.raises(ParseError, match=r"^t\.json: line 3 column 5: invalid JSON: expected ',' or ']' after "
                                         r"item 0$"):
        loads_assessments(f'[\n  {json.dumps(EXAMPLES[1])}\n    "x"]', "t.json")


def test_an_unterminated_string_names_where_it_starts() -> None:
    with pytest.raises(ParseError, match=r"^t\.json: line 2 column 14, item 0: invalid JSON: Unterminated string "
                                         r"\(it starts here\)$"):
        loads_assessments('[\n {"country": "Examp', "t.json")


@given(st.lists(st.text(st.sampled_from(' \t\n"ab{}[]:,1'), max_size=12), min_size=1, max_size=6),
       st.integers(0, 400), st.sampled_from(["\x01", "}", "]", "x", ",", ",,", "\"", ":", "[", "1 "]),
       st.sampled_from([None, 1, 2]))
def test_the_line_and_column_are_the_decoders_however_the_text_is_read(parts: list[str], at: int, damage: str,
                                                                       indent: int | None) -> None:
    """Read three characters at a time, a syntax error is placed where ``json.loads`` places it in the whole
    text, and text that ``json.loads`` reads is read the same."""
    document = json.dumps([{"k": p, "n": [1, {"x": p}]} for p in parts], indent=indent)
    at = min(at, len(document))
    text = document[:at] + damage + document[at:]
    try:
        expected: Any = json.loads(text)
    except json.JSONDecodeError as err:
        expected = (err.lineno, err.colno)
    with mock.patch.object(_limits, "_CHUNK", 3):
        try:
            found: Any = [value for _, _, value in json_values([text], "t.json", "json")]
        except ParseError as err:
            place = re.match(r"t\.json: line (\d+) column (\d+)(, item \d+)?: invalid JSON: ", str(err))
            assert place, str(err)
            found = (int(place.group(1)), int(place.group(2)))
    if isinstance(expected, list) and expected:
        assert found == expected
    elif isinstance(expected, tuple):
        assert found == expected, text


@pytest.fixture
def small_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_limits, "_CHUNK", 3)


def test_columns_count_from_the_start_of_the_line_across_reads(small_reads: None) -> None:
    # A long first line read three characters at a time: the column is still counted from its start.
    text = "[" + " " * 40 + '{"a": "b\x02"}]'
    with pytest.raises(ParseError, match=r"^t\.json: line 1 column 50, item 0: invalid JSON: Invalid control"):
        list(json_values([text], "t.json", "json"))
    text = '{"a": 1}\n' + " " * 40 + '{"a": "b\x02"}\n'
    with pytest.raises(ParseError, match=r"^t\.json: line 2 column 49, item 1: invalid JSON: Invalid control"):
        list(json_values([text], "t.json", "auto"))
    assert [(i, line) for i, line, _ in json_values(['{"a": 1}\n\n  {"b": 2}\n', ""], "t", "auto")] == [(0, 1), (1, 3)]


def test_checked_items_is_an_iterator_of_validated_values(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(assessment_to_json(s)) + "\n" for s in loads_assessments(JSON_TEXT)),
                    encoding="utf-8")
    items = checked_assessments(path)
    assert isinstance(items, CheckedItems) and iter(items) is items and not items.closed
    assert tuple(items) == loads_assessments(JSON_TEXT) and items.closed
