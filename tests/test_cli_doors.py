"""The command line's doors, as a pipeline uses them: standard input, JSON Lines in, one read of any input, names
the package does not know, --version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tipranking

EXAMPLES = Path(tipranking.__file__).parent / "data" / "examples.json"
COMMAND = [sys.executable, "-m", "tipranking.cli"]


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*COMMAND, *args], input=stdin, capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, check=False)


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv"])
def test_standard_input_gives_the_files_output(fmt: str) -> None:
    """`-` and /dev/stdin read the input once and place it exactly as the file: byte-identical output."""
    data = EXAMPLES.read_bytes()
    from_file = _run("place", str(EXAMPLES), "--format", fmt)
    dash = _run("place", "-", "--format", fmt, stdin=data)
    dev = _run("place", "/dev/stdin", "--format", fmt, stdin=data)
    assert from_file.returncode == dash.returncode == dev.returncode == 0, dash.stderr
    assert dash.stdout == from_file.stdout == dev.stdout and from_file.stdout


def test_json_lines_in_and_out(tmp_path: Path) -> None:
    """The JSON Lines `place --format jsonl` writes for the assessments is itself read back by `place`."""
    items = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    lines = "".join(json.dumps(item) + "\n" for item in items).encode("utf-8")
    path = tmp_path / "items.jsonl"
    path.write_bytes(lines)
    as_file = _run("place", str(path), "--format", "jsonl")
    as_pipe = _run("place", "-", "--input-format", "jsonl", "--format", "jsonl", stdin=lines)
    assert as_file.returncode == as_pipe.returncode == 0, as_file.stderr
    records = [json.loads(line) for line in as_file.stdout.decode("utf-8").splitlines()]
    assert [r["country"] for r in records] == [i["country"] for i in items]
    assert all(r["format"] == "tipranking.placement/2" for r in records)
    assert as_pipe.stdout == as_file.stdout
    wrong = _run("place", str(path), "--input-format", "json")
    assert wrong.returncode == 2 and b"line 2" in wrong.stderr and wrong.stdout == b""


def test_a_syntax_error_on_a_one_line_file_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_bytes(b'{"country": "X\tY", "report_year": 2023}')
    result = _run("place", str(path))
    assert result.returncode == 2 and result.stdout == b""
    assert b"line 1 column 15" in result.stderr and result.stderr.count(b"\n") == 1


def test_a_name_the_package_does_not_know_is_noted_or_refused(tmp_path: Path) -> None:
    path = tmp_path / "atlantis.json"
    path.write_text(json.dumps([
        {"country": "Atlantis", "report_year": 2023, "minimum_standards": {
            "prohibits_and_punishes": True, "grave_crime_penalties": True, "deterrent_penalties": True,
            "serious_and_sustained_efforts": False}, "significant_efforts": True},
        {"country": "Myanmar", "report_year": 2023, "minimum_standards": {
            "prohibits_and_punishes": True, "grave_crime_penalties": True, "deterrent_penalties": True,
            "serious_and_sustained_efforts": False}, "significant_efforts": False}]), encoding="utf-8")
    noted = _run("place", str(path), "--format", "jsonl")
    assert noted.returncode == 0
    (note,) = noted.stderr.decode("utf-8").splitlines()
    assert note.startswith("tipranking: note:") and "'Atlantis'" in note and "item 0" in note
    atlantis, burma = (json.loads(line) for line in noted.stdout.decode("utf-8").splitlines())
    assert (atlantis["country"], atlantis["iso3"], atlantis["input_country"]) == ("Atlantis", None, None)
    assert (burma["country"], burma["iso3"], burma["input_country"]) == ("Burma", "MMR", "Myanmar")
    strict = _run("place", str(path), "--strict-names")
    assert strict.returncode == 2 and strict.stdout == b"" and strict.stderr.count(b"\n") == 1
    assert b"item 0" in strict.stderr and b"country" in strict.stderr and b"Atlantis" in strict.stderr


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.decode().strip() == f"tipranking {tipranking.__version__}"


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_audit_writes_its_events_as_records(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "chad.csv"
    path.write_text("report_year,country,tier\n2020,Chad,2WL\n2021,Chad,2WL\n2022,Chad,2WL\n2023,Chad,2\n",
                    encoding="utf-8")
    result = _run("audit", str(path), "--format", fmt)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    if fmt == "jsonl":
        events = [json.loads(line) for line in text.splitlines()]
        assert [(e["format"], e["event"], e["report_year"]) for e in events] == [
            ("tipranking.audit_event/1", "waiver_required", 2022), ("tipranking.audit_event/1", "forced_move", 2023)]
    else:
        header, waiver, forced = text.splitlines()
        assert header.startswith("country,iso3,input_country,report_year,event,tier")
        assert waiver.startswith("Chad,TCD,,2022,waiver_required,2WL,") and ",forced_move,2," in forced


def test_notes_on_unknown_names_are_bounded(tmp_path: Path) -> None:
    """A file of many made-up names gets the first 20 noted and one line counting the rest."""
    item = json.loads(EXAMPLES.read_text(encoding="utf-8"))[1]
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({**item, "country": f"Made-up {n}"}) + "\n" for n in range(25)),
                    encoding="utf-8")
    result = _run("place", str(path), "--format", "jsonl")
    notes = result.stderr.decode("utf-8").splitlines()
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 25
    assert len(notes) == 21 and "'Made-up 19'" in notes[19]
    assert notes[20].startswith("tipranking: note: 5 more item(s) name governments the package does not know")
