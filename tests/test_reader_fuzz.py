"""Fuzz the file readers (issue 12): mutated assessment files and placement CSVs either read, or raise a
``TipRankingError`` whose message is one line. Nothing else may escape: no RecursionError, ValueError,
UnicodeError, ``_csv.Error``, KeyError...

The example count comes only from the Hypothesis profile (tests/conftest.py: "dev" 100, "ci" 500 when CI
is set, or the one HYPOTHESIS_PROFILE names); no test hard-codes a count. For 5,000 examples locally:

    .venv/bin/python -m pytest -p no:cacheprovider tests/test_reader_fuzz.py --hypothesis-profile=fuzz5000
    HYPOTHESIS_PROFILE=fuzz5000 .venv/bin/python -m pytest tests/test_reader_fuzz.py     (the same)

"fuzz5000" is registered here and in tests/conftest.py: the profile is chosen (conftest, or the plugin's
--hypothesis-profile at configure time) before pytest imports this module, and ``@given`` takes the settings
current when the module is imported, so a registration made only here would come too late.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipranking import place
from tipranking.errors import TipRankingError
from tipranking.formats import _limits
from tipranking.formats.assessments import Submission, loads_assessments, loads_consequence_inputs
from tipranking.formats.placements import parse_placements_csv

settings.register_profile("fuzz5000", max_examples=5000, deadline=None,  # also in conftest.py; see above
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

EXAMPLES: list[dict[str, Any]] = json.loads(
    (Path(__file__).resolve().parents[1] / "src" / "tipranking" / "data" / "examples.json").read_text("utf-8"))
PLACEMENTS: list[dict[str, Any]] = [
    {"country": "Burma", "report_year": 2023, "tier": "3",
     "determination": {"waivers": {"bilateral_assistance": "national_interest"},
                       "received_assistance_previous_fy": True},
     "cspa": {"listed": True, "waived": ["imet", "pko"], "reinstated": None}, "trade_exception_letter": True},
    {"country": "Chad", "report_year": 2011, "tier": "2WL",
     "history": [{"report_year": 2009, "tier": "2WL"}, {"report_year": 2010, "tier": "2WL", "waiver": True}],
     "determination": {"pending": True}},
]
DOCUMENTS = [EXAMPLES, *([e] for e in EXAMPLES), *EXAMPLES]
CONSEQUENCE_DOCUMENTS = [*DOCUMENTS, PLACEMENTS, [*EXAMPLES, *PLACEMENTS], *PLACEMENTS]

CSV_TEXT = ("report_year,country,tier,waiver\n"
            "2019,Chad,2WL,\n2020,Chad,2WL,\n2021,Chad,2WL,yes\n2022,Chad,3,no\n"
            "2014,Myanmar,2WL,\n2015,Burma,2WL,\n2016,Burma,3,\n2018,Burma,?,\n"
            "2023,Libya,special_case,\n2024,Libya,2|special_case,\n")

KEYS = sorted({"country", "report_year", "minimum_standards", "indicia", "provides_law_enforcement_data",
               "significant_efforts", "watch_list", "policy_or_pattern", "special_case", "history",
               "waiver_justification", "determination", "cspa", "trade_exception_letter", "tier", "waiver",
               "prohibits_and_punishes", "grave_crime_penalties", "deterrent_penalties",
               "serious_and_sustained_efforts", "victims_very_significant_or_increasing",
               "no_evidence_of_increasing_efforts", "commitments_for_next_year", "written_plan",
               "plan_would_constitute_significant_efforts", "sufficient_resources", "waivers", "pending",
               "received_assistance_previous_fy", "listed", "waived", "reinstated",
               "professionalization_exception", "pko_exception", *(str(n) for n in range(0, 14))})

# Every code point, surrogates included, with extra weight on lone surrogates and control characters.
ANY_CHAR = st.one_of(st.characters(exclude_categories=()),
                     st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
                     st.sampled_from(["\x00", "\n", "\r", "\x0b", "\x0c", "\x1b", "\x85", "\u2028", "\ufeff",
                                      '"', "\\", ",", "|", "?"]))
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=20)
TIERS = st.sampled_from(["1", "2", "2WL", "3", "special_case", "Tier 2 Watch List", "Special Case", "?",
                         "unknown", "2|3", "4", "", " 2wl "])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(1995, 2035),
                    st.floats(allow_nan=True, allow_infinity=True), ANY_TEXT, TIERS, st.sampled_from(KEYS))
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | ANY_TEXT, children,
                                                                      max_size=4),
    max_leaves=12)
RAW_TOKENS = st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-0", "2023.0", "2.023e3", "9" * 5000,
                              "-" + "1" * 4301, '"\\ud800"', '"\\udfff\\ud800"', "[" * 3000 + "]" * 3000,
                              '{"a":' * 1200 + "1" + "}" * 1200, '"\\u0000"', "true", "null", '""'])


def _containers(obj: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every dict and list inside ``obj`` (``()`` is ``obj`` itself)."""
    found = []
    if isinstance(obj, dict | list):
        found.append(path)
        items = obj.items() if isinstance(obj, dict) else enumerate(obj)
        for key, value in items:
            found.extend(_containers(value, (*path, key)))
    return found


def _at(obj: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        obj = obj[key]
    return obj


PLACEHOLDER = "@@RAW{}@@"


def _mutate(data: st.DataObject, document: Any) -> str:
    """A mutated copy of ``document``, as JSON text (raw tokens and duplicate keys spliced in as text)."""
    doc = json.loads(json.dumps(document))
    raw: list[str] = []
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        paths = _containers(doc)
        if not paths:
            break
        path = data.draw(st.sampled_from(paths), label="path")
        target = _at(doc, path)
        action = data.draw(st.sampled_from(["delete", "insert", "replace", "raw", "deep", "duplicate"]),
                           label="action")
        if isinstance(target, dict):
            key = data.draw(st.sampled_from(sorted(target)) if target and action != "insert"
                            else st.sampled_from(KEYS) | ANY_TEXT, label="key")
        elif target:
            key = data.draw(st.integers(0, len(target) - 1), label="index")
        else:
            target.append(data.draw(JSON_VALUES, label="value"))
            continue
        if action == "delete":
            if isinstance(target, dict):
                target.pop(key, None)
            else:
                del target[key]
        elif action in ("insert", "replace"):
            target[key] = data.draw(JSON_VALUES, label="value")
        else:
            if action == "raw":
                token = data.draw(RAW_TOKENS, label="token")
            elif action == "deep":
                depth = data.draw(st.integers(1, 3000), label="depth")
                opener, closer = data.draw(st.sampled_from([("[", "]"), ('{"k":', "}")]), label="kind")
                token = opener * depth + json.dumps(data.draw(SCALARS, label="leaf")) + closer * depth
            else:  # a duplicate key: the same key again, with the original value or another
                token = json.dumps(target[key]) if isinstance(target, dict) and key in target else "null"
            target[key] = PLACEHOLDER.format(len(raw))
            raw.append(token)
            if action == "duplicate" and isinstance(target, dict):
                other = json.dumps(data.draw(JSON_VALUES, label="first value"))
                raw[-1] = f"{other}, {json.dumps(key)}: {token}"
    text = json.dumps(doc, ensure_ascii=data.draw(st.booleans(), label="ascii"),
                      indent=data.draw(st.sampled_from([None, 1]), label="indent"))
    for i, token in enumerate(raw):
        text = text.replace(json.dumps(PLACEHOLDER.format(i)), token)
    return _mangle(data, text)


def _mangle(data: st.DataObject, text: str) -> str:
    """Sometimes damage the text itself: cut it, splice in characters or undecodable bytes, a BOM, CRLF."""
    how = data.draw(st.sampled_from(["none", "none", "cut", "splice", "bytes", "bom", "crlf"]), label="mangle")
    if how == "cut" and text:
        return text[:data.draw(st.integers(0, len(text) - 1), label="cut")]
    if how == "splice":
        at = data.draw(st.integers(0, len(text)), label="at")
        return text[:at] + data.draw(ANY_TEXT, label="spliced") + text[at:]
    if how == "bytes":
        at = data.draw(st.integers(0, len(text)), label="at")
        blob = data.draw(st.binary(max_size=40), label="bytes").decode("utf-8", "surrogateescape")
        return text[:at] + blob + text[at:]
    if how == "bom":
        return "\ufeff" + text
    if how == "crlf":
        return text.replace("\n", "\r\n")
    return text


def _returns_or_refuses(read: Callable[[str, str], object], text: str, name: str) -> object:
    try:
        return read(text, name)
    except TipRankingError as err:
        message = str(err)
        assert "\n" not in message, message
        return None


# --------------------------------------------------------------------------- JSON


@given(st.data())
def test_mutated_assessment_files(data: st.DataObject) -> None:
    text = _mutate(data, data.draw(st.sampled_from(DOCUMENTS), label="document"))
    _returns_or_refuses(loads_assessments, text, "fuzz.json")


@given(st.data())
def test_mutated_consequence_files(data: st.DataObject) -> None:
    text = _mutate(data, data.draw(st.sampled_from(CONSEQUENCE_DOCUMENTS), label="document"))
    _returns_or_refuses(loads_consequence_inputs, text, "fuzz.json")


@given(st.data())
def test_placing_what_the_reader_accepts(data: st.DataObject) -> None:
    text = _mutate(data, data.draw(st.sampled_from(DOCUMENTS), label="document"))
    read = _returns_or_refuses(loads_assessments, text, "fuzz.json")
    for submission in read or ():
        assert isinstance(submission, Submission)
        try:
            place(submission.assessment, submission.history)
        except TipRankingError as err:
            assert "\n" not in str(err), str(err)


def _outcome(text: str, name: str) -> object:
    try:
        return loads_consequence_inputs(text, name)
    except TipRankingError as err:
        return str(err)


@given(st.data())
def test_the_plain_decoder_reads_what_the_checking_decoder_reads(data: st.DataObject) -> None:
    """The reader decodes text with no surrogate in it at C speed, leaving repeated keys and refused numbers to
    the checking decoder: every mutated file reads to the same items, or fails with the same message, as when
    every value goes through the checking decoder."""
    text = _mutate(data, data.draw(st.sampled_from(CONSEQUENCE_DOCUMENTS), label="document"))
    name = data.draw(st.sampled_from(["fuzz.json", "fuzz.jsonl"]), label="name")
    fast = _outcome(text, name)
    with mock.patch.object(_limits, "_decoder_for", lambda text: _limits._DECODER):
        checked = _outcome(text, name)
    assert fast == checked


@given(JSON_VALUES)
def test_any_json_value(value: Any) -> None:
    text = json.dumps(value)
    _returns_or_refuses(loads_assessments, text, "fuzz.json")
    _returns_or_refuses(loads_consequence_inputs, text, "fuzz.json")


@given(st.text(alphabet=ANY_CHAR))
def test_any_text(text: str) -> None:
    _returns_or_refuses(loads_assessments, text, "fuzz.json")
    _returns_or_refuses(loads_consequence_inputs, text, "fuzz.json")
    _returns_or_refuses(parse_placements_csv, text, "fuzz.csv")


@given(st.binary())
def test_any_bytes_decoded_with_surrogateescape(blob: bytes) -> None:
    text = blob.decode("utf-8", "surrogateescape")
    _returns_or_refuses(loads_assessments, text, "fuzz.json")
    _returns_or_refuses(loads_consequence_inputs, text, "fuzz.json")
    _returns_or_refuses(parse_placements_csv, text, "fuzz.csv")


def _item_text(**raw: str) -> str:
    text = json.dumps([EXAMPLES[1], {**EXAMPLES[0], **{k: f"@{k}@" for k in raw}}])
    for key, token in raw.items():
        text = text.replace(json.dumps(f"@{key}@"), token)
    return text


# Fixed hostile cases, run on every profile.
HOSTILE = {
    "deep-100000": "[" * 100_000,
    "deep-100000-closed": "[" * 100_000 + "]" * 100_000,
    "deep-objects": '{"a":' * 100_000,
    "deep-1100-in-item": _item_text(policy_or_pattern="[" * 1100 + "]" * 1100),
    "deep-1100-unknown-key": _item_text(bogus="[" * 1100 + "]" * 1100),
    "year-5000-digits": _item_text(report_year="9" * 5000),
    "year-nan": _item_text(report_year="NaN"),
    "year-infinity": _item_text(report_year="Infinity"),
    "year-1e999": _item_text(report_year="1e999"),
    "surrogate-country": _item_text(country='"\\ud800"'),
    "raw-surrogate-country": _item_text(country='"\ud800"'),
    "surrogate-key": json.dumps([{**EXAMPLES[1], "\udc80": True}]),
    "duplicate-key": '[{"report_year": 1999, ' + json.dumps(EXAMPLES[1])[1:] + "]",
    "duplicate-nested-key": json.dumps([EXAMPLES[1]]).replace(
        '"grave_crime_penalties": true', '"grave_crime_penalties": 1, "grave_crime_penalties": true'),
    "nul": "\x00",
    "bom-only": "\ufeff",
    "utf16-as-text": json.dumps(EXAMPLES).encode("utf-16").decode("latin-1"),
    "waived-twice": json.dumps([{**EXAMPLES[1], "cspa": {"listed": True, "waived": ["imet", "imet"]}}]),
    "commitments-2023": json.dumps([{**EXAMPLES[0], "watch_list": {**EXAMPLES[0]["watch_list"],
                                                                   "commitments_for_next_year": True}}]),
    "indicium-12-in-2005": json.dumps([{**EXAMPLES[4], "report_year": 2005, "indicia": {"12": True}}]),
    "newline-key": json.dumps([{**EXAMPLES[1], "bad\nkey": True}]),
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_json(text: str) -> None:
    _returns_or_refuses(loads_assessments, text, "fuzz.json")
    _returns_or_refuses(loads_consequence_inputs, text, "fuzz.json")


@pytest.mark.parametrize("name", ["duplicate-key", "duplicate-nested-key", "waived-twice", "commitments-2023",
                                  "indicium-12-in-2005", "surrogate-country", "year-5000-digits"])
def test_hostile_json_is_refused(name: str) -> None:
    with pytest.raises(TipRankingError) as info:
        loads_assessments(HOSTILE[name], "fuzz.json")
    assert "\n" not in str(info.value)
    assert re.search(r"\bitem [01]\b", str(info.value)), str(info.value)


# --------------------------------------------------------------------------- CSV


def _mutate_csv(data: st.DataObject) -> str:
    lines = CSV_TEXT.splitlines()
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        action = data.draw(st.sampled_from(["splice", "replace-field", "drop", "duplicate", "header", "huge",
                                            "quote", "bytes"]), label="action")
        i = data.draw(st.integers(0, len(lines) - 1), label="line") if lines else 0
        if not lines:
            lines.append("")
        if action == "splice":
            at = data.draw(st.integers(0, len(lines[i])), label="at")
            lines[i] = lines[i][:at] + data.draw(ANY_TEXT, label="spliced") + lines[i][at:]
        elif action == "replace-field":
            fields = lines[i].split(",")
            j = data.draw(st.integers(0, len(fields) - 1), label="field")
            fields[j] = data.draw(st.one_of(ANY_TEXT, TIERS, st.integers().map(str), st.sampled_from(KEYS)),
                                  label="value")
            lines[i] = ",".join(fields)
        elif action == "drop":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "header":
            lines[0] = ",".join(data.draw(st.lists(st.sampled_from(["report_year", "country", "tier", "waiver",
                                                                     "note", " tier ", ""]) | ANY_TEXT,
                                                   max_size=6), label="header"))
        elif action == "huge":
            fields = lines[i].split(",")
            j = data.draw(st.integers(0, len(fields) - 1), label="field")
            fields[j] = "x" * data.draw(st.sampled_from([131_072, 131_073, 200_001]), label="size")
            lines[i] = ",".join(fields)
        elif action == "quote":
            at = data.draw(st.integers(0, len(lines[i])), label="at")
            lines[i] = lines[i][:at] + '"' + lines[i][at:]
        else:
            blob = data.draw(st.binary(max_size=20), label="bytes").decode("utf-8", "surrogateescape")
            lines[i] = lines[i] + blob
    ending = data.draw(st.sampled_from(["\n", "\r\n", "\r"]), label="ending")
    return _mangle(data, ending.join(lines) + data.draw(st.sampled_from([ending, ""]), label="last"))


@given(st.data())
def test_mutated_placement_files(data: st.DataObject) -> None:
    text = _mutate_csv(data)
    keep = data.draw(st.booleans(), label="keep_unknown_names")
    gaps = data.draw(st.sampled_from(["unknown", "absent"]), label="gaps")
    _returns_or_refuses(lambda t, n: parse_placements_csv(t, n, keep_unknown_names=keep, gaps=gaps), text,
                        "fuzz.csv")


HOSTILE_CSV = {
    "huge-field": "report_year,country,tier\n2020,Chad," + "2" * 200_001 + "\n",
    "huge-quoted-multiline": 'report_year,country,tier\n2020,"' + "C\n" * 100_001 + '",2\n',
    "bare-cr": "report_year,country,tier\r2020,Chad,2\r",
    "nul": "report_year,country,tier\n2020,Ch\x00ad,2\n",
    "open-quote": 'report_year,country,tier\n2020,"Chad,2\n',
    "header-vt": "report_year,coun\x0btry,tier\n2020,Chad,2\n",
    "surrogate-country": "report_year,country,tier\n2020,\ud800,2\n",
    "huge-year": "report_year,country,tier\n" + "9" * 5000 + ",Chad,2\n",
    "unicode-digits-year": "report_year,country,tier\n\u0662\u0660\u0662\u0660,Chad,2\n",
    "bom-crlf": "\ufeffreport_year,country,tier\r\n2020,Chad,2\r\n",
}


@pytest.mark.parametrize("text", list(HOSTILE_CSV.values()), ids=list(HOSTILE_CSV))
def test_hostile_csv(text: str) -> None:
    _returns_or_refuses(parse_placements_csv, text, "fuzz.csv")


if __name__ == "__main__":
    raise SystemExit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
