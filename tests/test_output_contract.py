"""One output contract: every command's JSON and JSON Lines carry a format and validate against the shipped
schemas; CSV headers are the frames' columns and hold the same values; a schema cannot change under the same
version."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import pytest

from tipranking import Assessment, History, MinimumStandards, Tier, WatchListFacts, place
from tipranking.analysis.outlook import outlook
from tipranking.cli import main
from tipranking.data import placements
from tipranking.formats.contract import TIER_CODES, Field, RecordForm
from tipranking.formats.frames import audit_frame, outlook_frame, placements_frame, records_frame
from tipranking.formats.records import (
    FORMS,
    OUTLOOK,
    PLACEMENT,
    contract_markdown,
    outputs_index,
    placement_record,
    schema_digest,
    schemas,
)

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "src" / "tipranking" / "schema"
VALIDATORS = {name: jsonschema.Draft202012Validator(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))
              for name in schemas()}
BY_FORMAT = {json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))["properties"]["format"]["const"]: name
             for name in schemas()}


def _validate(document: dict[str, Any]) -> None:
    fmt = document["format"]
    assert fmt in BY_FORMAT, f"no shipped schema for {fmt}"
    errors = list(VALIDATORS[BY_FORMAT[fmt]].iter_errors(document))
    assert not errors, [e.message for e in errors[:3]]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 0, capsys.readouterr().err
    return capsys.readouterr().out


# --------------------------------------------------------------------------- the shipped schemas


def test_the_shipped_schemas_are_the_record_forms() -> None:
    for name, schema in schemas().items():
        assert json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")) == schema, (
            f"{name} is not what the record forms make: run tools/schemas.py")
        jsonschema.Draft202012Validator.check_schema(schema)


def test_a_schema_changes_only_with_its_version() -> None:
    """schema/outputs.json records the digest of every format ever shipped: the same format must keep its
    schema (a change of fields is a new RecordForm.version)."""
    shipped = json.loads((SCHEMA_DIR / "outputs.json").read_text(encoding="utf-8"))
    for fmt, digest in outputs_index().items():
        assert fmt in shipped, f"{fmt} is not recorded in schema/outputs.json: run tools/schemas.py"
        assert shipped[fmt] == digest, f"{fmt} changed without a version change: raise its RecordForm.version"


def test_a_changed_form_has_another_digest() -> None:
    form = FORMS[0]
    changed = RecordForm(form.kind, form.version, form.title, (*form.fields, Field("extra", "string", "x")))
    assert schema_digest(changed.json_schema()) != schema_digest(form.json_schema())


# --------------------------------------------------------------------------- every command, every format

COMMANDS: list[list[str]] = [
    ["place"],
    ["consequences", "CONSEQUENCES_FILE"],
    ["audit", "AUDIT_FILE"],
    ["outlook", "--country", "Algeria", "--country", "Turkmenistan", "--country", "Solomon Islands"],
    ["outlook", "--readings"],
    ["diff", "tvpra-2019", "tvpra-2019+f-every-return", "--record", "AUDIT_FILE"],
    ["forecast", "--country", "Algeria", "--country", "Turkmenistan", "--country", "Solomon Islands"],
    ["forecast", "AUDIT_FILE", "--backtest", "2023-2025"],
]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    consequences = tmp_path / "consequences.json"
    consequences.write_text(json.dumps([
        {"country": "Burma", "report_year": 2019, "tier": "3"},
        {"country": "Myanmar", "report_year": 2023, "minimum_standards": {
            "prohibits_and_punishes": True, "grave_crime_penalties": True, "deterrent_penalties": True,
            "serious_and_sustained_efforts": False}, "significant_efforts": None},
    ]), encoding="utf-8")
    audit = tmp_path / "record.csv"
    audit.write_text("report_year,country,tier\n2017,Algeria,2WL\n2018,Algeria,2WL\n2019,Algeria,2WL\n"
                     "2020,Algeria,3\n2021,Algeria,3\n2022,Algeria,2WL\n2023,Algeria,3\n2024,Algeria,2WL\n"
                     "2025,Algeria,2WL\n", encoding="utf-8")
    return {"CONSEQUENCES_FILE": str(consequences), "AUDIT_FILE": str(audit)}


def _args(command: list[str], files: dict[str, str]) -> list[str]:
    return [files.get(a, a) for a in command]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_every_json_and_jsonl_output_validates(command: list[str], files: dict[str, str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads(_run([*_args(command, files), "--format", "json"], capsys))
    _validate(document)
    lines = _run([*_args(command, files), "--format", "jsonl"], capsys).splitlines()
    assert lines
    for line in lines:
        _validate(json.loads(line))
    if "items" in document:  # a collection: the same records as the JSON Lines
        assert [json.loads(line) for line in lines] == document["items"]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_every_csv_header_is_its_record_forms_columns(command: list[str], files: dict[str, str],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    lines = _run([*_args(command, files), "--format", "jsonl"], capsys).splitlines()
    first = json.loads(lines[0])
    (form,) = [f for f in FORMS if f.format == first["format"]]
    rows = list(csv.reader(io.StringIO(_run([*_args(command, files), "--format", "csv"], capsys))))
    assert tuple(rows[0]) == form.columns()
    expected = [form.row(json.loads(line)) for line in lines if json.loads(line)["format"] == form.format]
    assert len(rows) - 1 == len(expected)
    for got, want in zip(rows[1:], expected, strict=True):
        assert got == [_cell(v) for v in want.values()]
    # the frame of the same records: the CSV's columns and values
    records = [json.loads(line) for line in lines if json.loads(line)["format"] == form.format]
    frame = records_frame(records)
    assert tuple(frame.columns) == form.columns()
    shown = frame.astype(object).where(frame.notna(), None).values.tolist()
    assert [[_cell(v) for v in row] for row in shown] == rows[1:]


def _cell(value: Any) -> str:
    return "" if value is None else ("true" if value is True else "false" if value is False else str(value))


def test_json_collections_are_one_json_dumps(capsys: pytest.CaptureFixture[str]) -> None:
    """Written item by item, the collection is the text of one json.dumps(..., indent=2)."""
    for args in (["place", "--format", "json"], ["outlook", "--country", "Algeria", "--format", "json"]):
        text = _run(args, capsys)
        assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    empty = _run(["outlook", "--readings", "--format", "json"], capsys)
    assert json.loads(empty)["format"] == "tipranking.reading_list/1"


# --------------------------------------------------------------------------- the analyst's question


def test_who_needs_a_waiver_is_one_column_of_the_outlook_csv(capsys: pytest.CaptureFixture[str]) -> None:
    """The 2026 Watch List: 11 governments only with a waiver, 4 not at all (on the bundled record of
    2026-12-07), by filtering one column; outlook_frame has the same columns and values."""
    table = pd.read_csv(io.StringIO(_run(["outlook", "--format", "csv"], capsys)), dtype=str, keep_default_na=False)
    waiver = sorted(table[table["tier_2WL_status"] == "waiver_required"]["country"])
    closed = sorted(table[table["tier_2WL_status"] == "closed"]["country"])
    assert waiver == ["Algeria", "Burkina Faso", "Fiji", "Hong Kong", "Kyrgyz Republic", "Liberia", "Maldives",
                      "Nepal", "Niger", "Rwanda", "Zimbabwe"]
    assert closed == ["Congo, Republic of the", "Solomon Islands", "Turkmenistan", "Vanuatu"]
    frame = outlook_frame(outlook(h, 2026) for h in placements().values())
    assert list(frame.columns) == list(table.columns) == list(OUTLOOK.columns())
    as_text = frame.astype(object).where(frame.notna(), "").map(_cell)
    assert as_text.values.tolist() == table.values.tolist()
    assert str(frame["tier_2WL_status"].dtype) == "string" and str(frame["report_year"].dtype) == "Int64"


# --------------------------------------------------------------------------- the flattening rule


def test_the_flattening_rule() -> None:
    form = RecordForm("example", 1, "an example", (
        Field("name", "string", "a name"), Field("year", "integer", "a year", nullable=True),
        Field("flag", "boolean", "a flag"), Field("tier", "tier", "a tier", nullable=True),
        Field("tiers", "tiers", "tiers"),
        Field("inner", "object", "nested", nullable=True, fields=(
            Field("a", "string", "a"), Field("deep", "object", "deeper", fields=(Field("b", "integer", "b"),)))),
        Field("items", "objects", "items", fields=(Field("k", "string", "k"), Field("v", "string", "v")),
              keys=("k", "v")),
        Field("explanation", "objects", "JSON only", fields=(Field("x", "string", "x"),)),
        Field("doc", "document", "JSON only")))
    assert form.columns() == ("name", "year", "flag", "tier", "tiers", "inner_a", "inner_deep_b", "items")
    record = form.record(name="n", year=None, flag=True, tier="2WL", tiers=["1", "2WL"],
                         inner={"a": "x", "deep": {"b": 3}}, items=[{"k": "a", "v": "1"}, {"k": "b", "v": "2"}],
                         explanation=[{"x": "y"}], doc={"anything": [1]})
    assert form.row(record) == {"name": "n", "year": None, "flag": True, "tier": "2WL", "tiers": "1|2WL",
                                "inner_a": "x", "inner_deep_b": 3, "items": "a:1|b:2"}
    assert form.csv([record]).splitlines() == ["name,year,flag,tier,tiers,inner_a,inner_deep_b,items",
                                               "n,,true,2WL,1|2WL,x,3,a:1|b:2"]
    empty = form.record(name="m", year=4, flag=False, tier=None, tiers=[], inner=None, items=[], explanation=[],
                        doc=None)
    frame = form.frame([record, empty])
    assert frame["tier"].cat.categories.tolist() == list(TIER_CODES) and frame["tier"].cat.ordered
    assert frame["tier"].isna().tolist() == [False, True] and frame["inner_a"].isna().tolist() == [False, True]
    assert frame["year"].isna().tolist() == [True, False] and str(frame["flag"].dtype) == "boolean"
    jsonschema.validate(record, form.json_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**record, "tier": "4"}, form.json_schema())


def test_frames_are_the_record_forms() -> None:
    p = place(Assessment("Myanmar", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                         watch_list=WatchListFacts(False, True)), History("Burma"))
    frame = placements_frame([p])
    assert list(frame.columns) == list(PLACEMENT.columns())
    row = frame.iloc[0]
    assert (row["country"], row["iso3"], row["input_country"], row["tier"]) == ("Burma", "MMR", "Myanmar", "2WL")
    assert placement_record(p)["country"] == "Burma"
    events = audit_frame([])
    assert list(events.columns)[:3] == ["country", "iso3", "input_country"] and len(events) == 0
    assert frame["tier"].dtype == pd.CategoricalDtype(list(TIER_CODES), ordered=True)
    assert Tier.TIER_3.value in TIER_CODES


def test_the_output_page_lists_the_record_forms() -> None:
    """docs/output.md holds every form's fields and columns as the forms make them (tools/schemas.py writes it)."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "output.md").read_text(encoding="utf-8")
    begin = "<!-- record-forms: generated by tools/schemas.py -->\n"
    block = text.split(begin, 1)[1].split("<!-- /record-forms -->", 1)[0]
    assert block == contract_markdown(), "docs/output.md is not current: run tools/schemas.py"
    assert all(f"### `{form.kind}`" in block for form in FORMS)
