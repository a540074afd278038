"""Big input: wall time and peak memory of reading and placing N distinct assessments from one file.

Writes N (default 200,000) generated assessments -- distinct countries, report years 2004-2027, random
findings (indicia, Watch List criteria, law-enforcement data, waiver showings and policy or pattern among
them), a third with a two-year history -- with the package's own writer (``assessment_to_json``), then runs
each measurement as a new process (so every cache starts empty and parsing is counted) and prints its exit
status, wall time and peak memory (maximum resident set size, from ``getrusage(RUSAGE_CHILDREN)`` of a
process that runs only that command). The target of issue 21 is a peak under 300 MB.

Modes (several may be given; the default is ``api cli``):

``api``
    the Python API the command line uses: ``checked_assessments(FILE.jsonl)`` (the file read once, copied
    to a temporary file while every item is validated) and ``place`` of each item, in a fresh interpreter.
``cli``
    ``tipranking place FILE.jsonl --format jsonl > /dev/null``, the installed command.
``json``
    the earlier table: ``tipranking place`` and ``tipranking consequences`` on the same assessments as one
    JSON document, once per output format.

Run from the repository root: ``.venv/bin/python benchmarks/bench_big_input.py [N] [MODE ...]``.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tipranking import Assessment, History, MinimumStandards, WatchListFacts
from tipranking.assessment import Indicia, PolicyOrPattern, WaiverJustification
from tipranking.formats.assessments import Submission, assessment_to_json

TARGET_MIB = 300 * 1000**2 / 1024**2  # 300 MB

_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False).returncode
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"exit": code, "wall": wall, "peak_kib": peak if sys.platform != "darwin" else peak / 1024}))
"""

_API = """
import sys
from tipranking import place
from tipranking.formats.assessments import checked_assessments
count = 0
for s in checked_assessments(sys.argv[1]):
    place(s.assessment, s.history)
    count += 1
assert count == int(sys.argv[2]), count
"""


def _flag(rng: random.Random, p_true: float, p_unknown: float = 0.0) -> bool | None:
    draw = rng.random()
    return None if draw < p_unknown else draw < p_unknown + p_true


def submission(rng: random.Random, index: int) -> Submission:
    """One generated assessment, valid for its report year, with its history a third of the time."""
    year = rng.randint(2004, 2027)
    standards = MinimumStandards(rng.random() < 0.9, rng.random() < 0.7, rng.random() < 0.6, rng.random() < 0.3)
    watch_list = WatchListFacts(
        _flag(rng, 0.4, 0.05), _flag(rng, 0.4, 0.05),
        commitments_for_next_year=_flag(rng, 0.2) if year <= 2018 else None,
        no_proportional_concrete_actions=_flag(rng, 0.5) if year >= 2019 and rng.random() < 0.5 else None)
    numbers = [n for n in range(1, 13) if (n < 8 or year >= 2004) and (n < 12 or year >= 2006)]
    indicia = Indicia.from_numbers({n: rng.random() < 0.5 for n in rng.sample(numbers, rng.randint(0, 5))})
    full = all((standards.prohibits_and_punishes, standards.grave_crime_penalties, standards.deterrent_penalties,
                standards.serious_and_sustained_efforts))
    policy = (frozenset(rng.sample(list(PolicyOrPattern), 1)) if not full and rng.random() < 0.05 else frozenset())
    justification = (WaiverJustification(rng.random() < 0.7, rng.random() < 0.7, rng.random() < 0.8)
                     if rng.random() < 0.3 else None)
    country = f"Country {index:06d}"
    assessment = Assessment(country, year, standards, significant_efforts=_flag(rng, 0.8, 0.02),
                            watch_list=watch_list, indicia=indicia,
                            provides_law_enforcement_data=_flag(rng, 0.8, 0.1) if rng.random() < 0.5 else None,
                            policy_or_pattern=policy, waiver_justification=justification)
    history = None
    if rng.random() < 0.33 and year >= 2011:
        tiers = rng.choice([("2WL", "2WL"), ("2", "2WL"), ("3", "2WL"), ("2WL", "3")])
        history = History.of(country, {year - 2: tiers[0], year - 1: tiers[1]})
    return Submission(assessment, history)


def write(path: Path, count: int, *, lines: bool, seed: int = 20261201) -> None:
    """``count`` generated assessments, as JSON Lines (``lines``) or as one JSON list, one object a line."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        if not lines:
            f.write("[\n")
        for i in range(count):
            text = json.dumps(assessment_to_json(submission(rng, i)))
            f.write(text + "\n" if lines else (",\n" if i else "") + text)
        if not lines:
            f.write("\n]\n")


def measure(argv: list[str]) -> tuple[int, float, float]:
    """Exit status, wall seconds and peak MiB of ``argv`` run as a new process, its output dropped."""
    run = subprocess.run([sys.executable, "-c", _MEASURE, *argv], capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)
    return result["exit"], result["wall"], result["peak_kib"] / 1024


def _line(label: str, argv: list[str]) -> None:
    code, wall, peak = measure(argv)
    verdict = "under" if peak < TARGET_MIB else "OVER"
    print(f"{label:<58} exit {code}  wall {wall:7.1f} s  peak {peak:7.1f} MiB ({verdict} 300 MB)", flush=True)


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv and argv[0].isdigit() else 200_000
    modes = [a for a in argv if not a.isdigit()] or ["api", "cli"]
    unknown = sorted(set(modes) - {"api", "cli", "json"})
    if unknown:
        print(f"unknown mode(s): {', '.join(unknown)} (api, cli, json)", file=sys.stderr)
        return 2
    command = shutil.which("tipranking") or str(Path(sys.executable).with_name("tipranking"))
    with tempfile.TemporaryDirectory() as folder:
        if "api" in modes or "cli" in modes:
            path = Path(folder) / "big.jsonl"
            write(path, count, lines=True)
            print(f"{count:,} assessments, {path.stat().st_size / 1e6:.1f} MB of JSON Lines", flush=True)
            if "api" in modes:
                _line("api: checked_assessments(FILE.jsonl) + place", [sys.executable, "-c", _API, str(path),
                                                                      str(count)])
            if "cli" in modes:
                _line("tipranking place FILE.jsonl --format jsonl", [command, "place", str(path), "--format",
                                                                    "jsonl"])
            path.unlink()
        if "json" in modes:
            path = Path(folder) / "big.json"
            write(path, count, lines=False)
            print(f"{count:,} assessments, {path.stat().st_size / 1e6:.1f} MB of JSON", flush=True)
            for args in (["place"], ["place", "--format", "json"], ["place", "--format", "jsonl"],
                         ["consequences"], ["consequences", "--format", "json"]):
                _line(f"tipranking {args[0]} FILE.json {' '.join(args[1:])}", [command, args[0], str(path), *args[1:]])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
