"""Big input: ``tipranking place`` and ``tipranking consequences`` on a file of N distinct assessments.

Writes N (default 200,000) generated assessments -- distinct countries, report years 2004-2027, random
findings, a third with a two-year history -- to a temporary JSON file, then runs the installed command on it
once per output format under ``/usr/bin/time -v`` and prints the wall time and the peak memory (maximum
resident set size). Each run is a new process, so every cache starts empty and parsing is counted.

Run from the repository root: ``.venv/bin/python benchmarks/bench_big_input.py [N]``.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def _assessment(rng: random.Random, index: int) -> dict[str, object]:
    year = rng.randint(2004, 2027)
    item: dict[str, object] = {
        "country": f"Country {index:06d}",
        "report_year": year,
        "minimum_standards": {k: rng.random() < 0.7 for k in ("prohibits_and_punishes", "grave_crime_penalties",
                                                             "deterrent_penalties", "serious_and_sustained_efforts")},
        "significant_efforts": rng.random() < 0.8,
        "watch_list": {"victims_very_significant_or_increasing": rng.random() < 0.4,
                       "no_evidence_of_increasing_efforts": rng.random() < 0.4},
    }
    if year <= 2018:
        item["watch_list"]["commitments_for_next_year"] = rng.random() < 0.2  # type: ignore[index]
    if rng.random() < 0.33 and year >= 2011:
        item["history"] = [{"report_year": year - 2, "tier": "2WL"}, {"report_year": year - 1, "tier": "2WL"}]
    return item


def main(count: int) -> int:
    command = shutil.which("tipranking") or str(Path(sys.executable).with_name("tipranking"))
    rng = random.Random(20261201)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.json"
        with path.open("w", encoding="utf-8") as f:
            f.write("[\n")
            for i in range(count):
                f.write((",\n" if i else "") + json.dumps(_assessment(rng, i)))
            f.write("\n]\n")
        print(f"{count:,} assessments, {path.stat().st_size / 1e6:.1f} MB of JSON")
        for args in (["place"], ["place", "--format", "json"], ["place", "--format", "jsonl"],
                     ["consequences"], ["consequences", "--format", "json"]):
            run = subprocess.run(["/usr/bin/time", "-v", command, args[0], str(path), *args[1:]],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
            wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", run.stderr)
            peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
            print(f"tipranking {' '.join(args):<34} exit {run.returncode}  wall {wall.group(1) if wall else '?':>8}  "
                  f"peak {int(peak.group(1)) / 1024 if peak else 0:7.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000))
