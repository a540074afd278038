"""``tipranking forecast`` (issue 23), run as a user would: every government's chances of each tier in the next
report, bounded by the law as ``outlook`` states it; every format by its record form and shipped schema; the
forecast from the record written out before a year is the backtest's forecast of that year; ``--backtest`` and
``--plot``. And the placement CSV writer those runs need, read back to the same histories."""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import tipranking
from tipranking import History, PartialPlacement, Tier, YearPlacement
from tipranking.analysis.forecast import CATEGORIES, MODELS, BacktestReport, backtest
from tipranking.analysis.outlook import Standing, outlook
from tipranking.cli import main
from tipranking.data import latest_year, placements
from tipranking.errors import InputTypeError
from tipranking.formats.placements import (
    PLACEMENT_COLUMNS,
    parse_placements_csv,
    placements_csv,
    read_placements_csv,
)
from tipranking.formats.records import BACKTEST_SCORE, FORECAST, schemas

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "src" / "tipranking" / "schema"
KEYS = ("tier_1", "tier_2", "tier_2WL", "tier_3", "special_case")
"""The record's key of each outcome, in CATEGORIES order."""
FIRST, LAST = 2012, 2025
"""The backtest's default range on the bundled record."""


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    assert schema == schemas()[name], f"{name} is not what the record forms make: run tools/schemas.py"
    return jsonschema.Draft202012Validator(schema)


def _valid(validator: jsonschema.Draft202012Validator, document: Any) -> None:
    errors = [e.message for e in validator.iter_errors(document)]
    assert errors == [], errors[:3]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def _refused(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Exit 2, nothing on stdout, one line on stderr: that line."""
    code = main(args)
    captured = capsys.readouterr()
    assert code == 2, (code, captured.out[:200], captured.err)
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tipranking: error: "), captured.err
    return lines[0]


def _command() -> list[str]:
    beside = Path(sys.executable).with_name("tipranking")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "tipranking.cli"]


@pytest.fixture(scope="module")
def record() -> dict[str, History]:
    return placements()


@pytest.fixture(scope="module")
def report(record: dict[str, History]) -> BacktestReport:
    return backtest(record, FIRST, LAST, resamples=10)


# --------------------------------------------------------------------------- the acceptance lines


def test_the_json_forecast_is_every_government_bounded_by_the_law(record: dict[str, History]) -> None:
    """``tipranking forecast --format json``, the installed command: every government of the bundled record,
    five probabilities summing to 1, exactly 0 where the outlook closes a tier (and the same standing as the
    outlook for each ranked tier), valid against the shipped schema."""
    done = subprocess.run([*_command(), "forecast", "--format", "json"], capture_output=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr.decode()
    document = json.loads(done.stdout)
    _valid(_validator("forecast_list.schema.json"), document)
    items = document["items"]
    year = latest_year() + 1
    assert [r["country"] for r in items] == list(record)
    closed = 0
    for r in items:
        assert r["report_year"] == year and r["statute"] == "tvpra-2019"
        probabilities = [r[k]["probability"] for k in KEYS]
        assert abs(math.fsum(probabilities) - 1.0) <= 1e-9, r["country"]
        assert all(p >= 0 for p in probabilities)
        law = {s.tier: s.standing for s in outlook(record[r["country"]], year).tiers}
        for key, tier in zip(KEYS, CATEGORIES, strict=True):
            if tier is Tier.SPECIAL_CASE:
                assert r[key]["standing"] is None and r[key]["probability"] > 0
                continue
            assert r[key]["standing"] == law[tier].value, (r["country"], key)
            assert (r[key]["probability"] == 0.0) == (law[tier] is Standing.CLOSED), (r["country"], key)
            closed += law[tier] is Standing.CLOSED
    assert closed > 0  # the 2026 Watch List is closed to some governments: the check above bites


def test_every_other_format_renders_the_same_records(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON Lines validates line by line and is the JSON's items; the CSV's header is the form's columns and
    its probabilities read back as the same floats; text is a table of the same governments."""
    args = ["forecast", "--country", "Algeria", "--country", "Myanmar", "--country", "Turkmenistan"]
    items = json.loads(_run([*args, "--format", "json"], capsys))["items"]
    lines = _run([*args, "--format", "jsonl"], capsys).splitlines()
    validator = _validator("forecast.schema.json")
    for line in lines:
        _valid(validator, json.loads(line))
    assert [json.loads(line) for line in lines] == items
    assert [r["country"] for r in items] == ["Algeria", "Burma", "Turkmenistan"]
    rows = list(csv.DictReader(io.StringIO(_run([*args, "--format", "csv"], capsys))))
    header = _run([*args, "--format", "csv"], capsys).splitlines()[0]
    assert tuple(header.split(",")) == FORECAST.columns()
    for row, r in zip(rows, items, strict=True):
        assert row["country"] == r["country"] and row["drivers"] == "|".join(r["drivers"])
        for key in KEYS:
            assert float(row[f"{key}_probability"]) == r[key]["probability"]
            assert row[f"{key}_standing"] == (r[key]["standing"] or "")
    text = _run(args, capsys)
    head = text.splitlines()[0].split()
    assert head[:2] == ["country", "previous"] and "Watch" in head
    assert [line.split()[0] for line in text.splitlines()[2:5]] == ["Algeria", "Burma", "Turkmenistan"]
    assert "closed" in text.splitlines()[4]  # Turkmenistan's Watch List (2026)


def test_country_chooses_the_rows_not_what_the_forecast_learns(capsys: pytest.CaptureFixture[str]) -> None:
    every = {r["country"]: r for r in map(json.loads, _run(["forecast", "--format", "jsonl"], capsys).splitlines())}
    (burma,) = map(json.loads, _run(["forecast", "--country", "Myanmar", "--format", "jsonl"], capsys).splitlines())
    assert burma == every["Burma"]


@pytest.mark.parametrize("year", range(FIRST, LAST + 1))
def test_the_forecast_from_the_record_before_a_year_is_the_backtests(
        year: int, record: dict[str, History], report: BacktestReport, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The record truncated before ``year``, written with the CSV writer and forecast by the command, gives
    exactly the probabilities (and the previous tier, the standings, the drivers and the cases) the backtest's
    model gave that year, for every government the backtest scored. A government new to the record that year
    has no row before it, so the file cannot name it: the backtest forecast it with no previous placement."""
    path = tmp_path / f"before-{year}.csv"
    path.write_text(placements_csv(record, before=year), encoding="utf-8")
    rows = {r["country"]: r for r in csv.DictReader(io.StringIO(
        _run(["forecast", str(path), "--year", str(year), "--format", "csv"], capsys)))}
    assert len(rows) == sum(1 for h in record.values() if h.before(year).mentioned_years)
    scored = [f for f in report.forecasts if f.report_year == year]
    assert scored
    for f in scored:
        if f.country not in rows:
            assert f.previous == "none" and not record[f.country].before(year).mentioned_years, f.country
            continue
        row = rows[f.country]
        assert row["previous"] == f.previous and int(row["cases"]) == f.cases
        assert row["drivers"] == "|".join(f.drivers) and row["statute"] == f.statute
        for key, chance in zip(KEYS, f.chances, strict=True):
            assert float(row[f"{key}_probability"]) == chance.probability, (f.country, key)
            assert row[f"{key}_standing"] == ("" if chance.standing is None else chance.standing.value)


def test_the_backtest_document(report: BacktestReport, capsys: pytest.CaptureFixture[str]) -> None:
    """``--backtest 2012-2025 --format json`` validates, and reports the backtest's numbers: the model beats every
    baseline overall and on the years after the settings were chosen, the interval of the difference above 0."""
    document = json.loads(_run(["forecast", "--backtest", f"{FIRST}-{LAST}", "--format", "json"], capsys))
    _valid(_validator("backtest.schema.json"), document)
    assert (document["first"], document["last"]) == (FIRST, LAST)
    assert document["groups"] == list(report.groups) == ["all", "watch_list_before", "2012-2019", "2020-2025"]
    assert document["scores"] == [
        {"model": s.model, "group": s.group, "targets": s.targets, "log_loss": s.log_loss, "brier": s.brier,
         "accuracy": s.accuracy} for s in report.scores]  # the scores do not depend on the resamples
    assert document["reliability"] == [
        {"low": b.low, "high": b.high, "count": b.count, "predicted": b.predicted, "observed": b.observed}
        for b in report.reliability]
    assert document["ece"] == report.ece < 0.06
    assert [(d["baseline"], d["group"], d["mean"]) for d in document["differences"]] == [
        (d.baseline, d.group, d.mean) for d in report.differences]
    scores = {(s["model"], s["group"]): s for s in document["scores"]}
    assert scores[("model", "all")]["targets"] == 2592
    for d in document["differences"]:
        assert d["low"] <= d["mean"] <= d["high"]
        if d["group"] in ("all", "2020-2025"):
            assert d["low"] > 0, d
            assert scores[(d["baseline"], d["group"])]["log_loss"] > scores[("model", d["group"])]["log_loss"]


def test_the_backtest_rows(capsys: pytest.CaptureFixture[str]) -> None:
    """``--format jsonl`` and ``csv``: one backtest_score record per model and group, a baseline's with its
    difference to the model."""
    args = ["forecast", "--backtest", "2012-2013"]
    lines = [json.loads(line) for line in _run([*args, "--format", "jsonl"], capsys).splitlines()]
    validator = _validator("backtest_score.schema.json")
    for line in lines:
        _valid(validator, line)
    assert [(r["model"], r["group"]) for r in lines] == [(m, g) for g in ("all", "watch_list_before")
                                                        for m in MODELS]
    assert [r["difference"] is None for r in lines] == [m == "model" for _ in range(2) for m in MODELS]
    table = _run([*args, "--format", "csv"], capsys)
    assert tuple(table.splitlines()[0].split(",")) == BACKTEST_SCORE.columns()
    for row, r in zip(csv.DictReader(io.StringIO(table)), lines, strict=True):
        assert float(row["log_loss"]) == r["log_loss"]
        assert row["difference_low"] == ("" if r["difference"] is None else repr(r["difference"]["low"]))
    text = _run(args, capsys)
    assert text.startswith("Backtest of the 2012-2013 reports") and "Expected calibration error" in text


@pytest.mark.parametrize("bad", ["20x-2025", "2025-2012", "2012", "2001-2012", "1999-2005", "2012-2031",
                                 "record.csv"])
def test_a_bad_backtest_range_is_one_line_and_exit_2(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    line = _refused(["forecast", "--backtest", bad], capsys)
    assert "backtest" in line or "first" in line
    if bad == "record.csv":
        assert "give FILE before --backtest" in line


@pytest.mark.parametrize("args", [["--backtest", "--year", "2020"], ["--backtest", "--country", "Algeria"],
                                  ["--backtest", "--statute", "tvpra-2008"], ["--plot", "chart.png"],
                                  ["--year", "2028"], ["--country", "Atlantis"], ["--statute", "tvpra-1999"]])
def test_options_that_do_not_apply_are_refused(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    _refused(["forecast", *args], capsys)


def test_a_file_that_reaches_the_last_known_report_needs_a_year(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "late.csv"
    path.write_text("report_year,country,tier\n2026,Algeria,2WL\n2027,Algeria,2WL\n", encoding="utf-8")
    assert "give --year" in _refused(["forecast", str(path)], capsys)
    (row,) = csv.DictReader(io.StringIO(_run(["forecast", str(path), "--year", "2027", "--format", "csv"], capsys)))
    assert row["previous"] == "2WL" and row["report_year"] == "2027"


def test_plot_writes_the_reliability_diagram(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "reliability.png"
    text = _run(["forecast", "--backtest", "2012-2013", "--plot", str(target)], capsys)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert text.rstrip().endswith(f"wrote {target} (the reliability diagram)")
    # A machine format stays that format: the diagram is only written.
    again = tmp_path / "again.png"
    document = json.loads(_run(["forecast", "--backtest", "2012-2013", "--plot", str(again), "--format", "json"],
                               capsys))
    assert document["format"] == "tipranking.backtest/1" and again.exists()
    # A name matplotlib cannot write fails before the work, and nothing is written.
    assert ".png" in _refused(["forecast", "--backtest", "--plot", str(tmp_path / "chart.nope")], capsys)


def test_plot_without_matplotlib_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    line = _refused(["forecast", "--backtest", "2012-2013", "--plot", str(tmp_path / "r.png")], capsys)
    assert "pip install 'tipranking[plot]'" in line
    assert not (tmp_path / "r.png").exists()


def test_the_top_level_forecast() -> None:
    (f,) = tipranking.forecast(placements(), 2026, statute="tvpra-2019", countries=["Algeria"])
    assert f.statute == "tvpra-2019" and "forecast" in tipranking.__all__


# --------------------------------------------------------------------------- the placement CSV writer


def test_the_bundled_record_written_and_read_back_is_the_same(record: dict[str, History], tmp_path: Path) -> None:
    path = tmp_path / "record.csv"
    path.write_text(placements_csv(record), encoding="utf-8")
    table = read_placements_csv(path)
    assert list(table) == list(record)
    assert dict(table) == record
    assert table.gaps == () and table.merged_names == ()
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(PLACEMENT_COLUMNS)


@pytest.mark.parametrize("year", [2002, 2009, 2012, 2020, 2025])
def test_the_record_truncated_before_a_year_is_read_back(year: int, record: dict[str, History],
                                                         tmp_path: Path) -> None:
    path = tmp_path / "before.csv"
    path.write_text(placements_csv(record, before=year), encoding="utf-8")
    expected = {n: h.before(year) for n, h in record.items() if h.before(year).mentioned_years}
    assert dict(read_placements_csv(path)) == expected
    assert all(int(r["report_year"]) < year for r in csv.DictReader(path.open(encoding="utf-8")))


def test_waivers_partly_known_unknown_and_uncovered_years() -> None:
    """Waivers true, false and not stated; a partly known year; an unknown year; a year not covered inside the
    span, read back the same with gaps="absent" (and as an unknown year by default)."""
    history = History("Côte d'Ivoire", [YearPlacement(2010, Tier.TIER_2_WATCH_LIST, True),
                                         YearPlacement(2011, Tier.TIER_2_WATCH_LIST, False),
                                         YearPlacement(2012, Tier.TIER_2), YearPlacement(2016, Tier.SPECIAL_CASE)],
                      {2013}, [PartialPlacement(2014, {Tier.TIER_2, Tier.SPECIAL_CASE})])
    other = History("Congo, Republic of the", [YearPlacement(2015, Tier.TIER_3)])
    text = placements_csv([history, other])
    assert text.splitlines() == ["report_year,country,tier,waiver", "2010,Côte d'Ivoire,2WL,true",
                                 "2011,Côte d'Ivoire,2WL,false", "2012,Côte d'Ivoire,2,", "2013,Côte d'Ivoire,?,",
                                 "2014,Côte d'Ivoire,2|special_case,", "2016,Côte d'Ivoire,special_case,",
                                 '2015,"Congo, Republic of the",3,']
    assert dict(parse_placements_csv(text, gaps="absent")) == {history.country: history, other.country: other}
    assert parse_placements_csv(text)[history.country].unknown_years == {2013, 2015}
    assert placements_csv({"x": history}, before=2012).splitlines()[1:] == ["2010,Côte d'Ivoire,2WL,true",
                                                                           "2011,Côte d'Ivoire,2WL,false"]
    assert placements_csv([history], before=2001).splitlines() == ["report_year,country,tier,waiver"]


@pytest.mark.parametrize("bad", [History("X"), "Algeria", [object()]])
def test_the_writer_refuses_what_is_not_histories(bad: object) -> None:
    with pytest.raises(InputTypeError):
        placements_csv(bad)  # type: ignore[arg-type]


def test_the_writer_refuses_a_year_that_is_not_one() -> None:
    with pytest.raises(InputTypeError):
        placements_csv([], before="2012")  # type: ignore[arg-type]
