"""The command line against plain Python: ``tipranking place FILE --format jsonl`` on N distinct assessments.

Writes N (default 20,000) generated assessments (``bench_big_input.submission``: distinct countries, report
years 2004-2027, random facts, a third with a two-year history) as one JSON document with the package's
own writer, then runs, each as a new process (so every cache starts empty and parsing is counted), with its
output dropped:

* the baseline: a Python program that ``json.load``s the same file and writes ``json.dumps`` of each item,
  one line per item (no validation, no placing);
* ``tipranking place FILE --format jsonl``, the installed command (reads and validates every item, places
  it, computes its consequences, writes its record with the explanation);
* the same command on the same assessments as JSON Lines (``FILE.jsonl``), and with ``--format json``.

Each line is the median wall time of 3 runs, with the peak memory (maximum resident set size) of the last.
One run before them writes the package's bytecode cache, as ``pip install`` does for an installed package (an
editable install under PYTHONDONTWRITEBYTECODE=1 would compile every module on every start).
The ratio asked by issue 22: the command within 6x of the baseline. Run from the repository root:
``.venv/bin/python benchmarks/bench_cli.py [N]``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_big_input import measure, write

BASELINE = """
import json, sys
out = sys.stdout
with open(sys.argv[1], encoding="utf-8") as f:
    items = json.load(f)
for item in items:
    out.write(json.dumps(item) + "\\n")
"""
RUNS = 3


def timed(label: str, argv: list[str]) -> float:
    walls = []
    code, peak = 0, 0.0
    for _ in range(RUNS):
        code, wall, peak = measure(argv)
        walls.append(wall)
    median = statistics.median(walls)
    print(f"  {label:<52} exit {code}  {median:7.2f} s  peak {peak:6.1f} MiB", flush=True)
    return median


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 20_000
    command = shutil.which("tipranking") or str(Path(sys.executable).with_name("tipranking"))
    with tempfile.TemporaryDirectory() as folder:
        document, lines = Path(folder) / "items.json", Path(folder) / "items.jsonl"
        write(document, count, lines=False)
        write(lines, count, lines=True)
        print(f"{count:,} distinct assessments, {document.stat().st_size / 1e6:.1f} MB of JSON "
              f"(median of {RUNS} fresh processes each):", flush=True)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run([command, "place", str(lines), "--format", "jsonl"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env)
        base = timed("python: json.load + json.dumps per line", [sys.executable, "-c", BASELINE, str(document)])
        ours = timed("tipranking place FILE.json --format jsonl", [command, "place", str(document), "--format",
                                                                  "jsonl"])
        timed("tipranking place FILE.jsonl --format jsonl", [command, "place", str(lines), "--format", "jsonl"])
        timed("tipranking place FILE.json --format json", [command, "place", str(document), "--format", "json"])
        print(f"\nratio: tipranking place --format jsonl / baseline = {ours / base:.1f}x (asked: within 6x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
