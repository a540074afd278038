"""``diff`` of statute versions: each pair in a fresh process (imports, compiling both versions, loading and
replaying the bundled record all counted), and the command line.

Run: .venv/bin/python benchmarks/bench_diff.py

Each line is the median of 5 fresh processes, with bytecode cached as an installed package has it. "in
process" times ``diff(a, b)`` alone after ``import tipranking.analysis.diff`` (the import is shown apart);
"command" is the wall time of ``tipranking diff A B`` writing text to /dev/null.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

PAIRS = [("tvpra-2008", "tvpra-2019"), ("tvpra-2003", "tvpra-2008"), ("tvpra-2019", "tvpra-2019+f-every-return"),
         ("tvpa-2000", "tvpra-2019")]
RUNS = 5
CHILD = """
import sys, time
t0 = time.perf_counter()
from tipranking.analysis.diff import diff
t1 = time.perf_counter()
d = diff(sys.argv[1], sys.argv[2]{record})
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, len(d.classes), -1 if d.moves is None else len(d.moves))
"""


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def in_process(a: str, b: str, record: bool) -> tuple[float, float, int, int]:
    code = CHILD.format(record="" if record else ", record=None")
    subprocess.run([sys.executable, "-c", code, a, b], check=True, env=env(), stdout=subprocess.DEVNULL)
    runs = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", code, a, b], check=True, env=env(), capture_output=True,
                             text=True).stdout.split()
        runs.append((float(out[0]), float(out[1]), int(out[2]), int(out[3])))
    imports = statistics.median(r[0] for r in runs)
    took = statistics.median(r[1] for r in runs)
    return imports, took, runs[0][2], runs[0][3]


def command(a: str, b: str) -> float:
    exe = Path(sys.executable).with_name("tipranking")
    argv = [str(exe), "diff", a, b]
    subprocess.run(argv, check=True, env=env(), stdout=subprocess.DEVNULL)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, env=env(), stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"{'pair':<44} {'classes':>7} {'moves':>5} {'import':>8} {'diff only':>10} {'diff+replay':>12} "
          f"{'command':>8}")
    for a, b in PAIRS:
        imports, bare, classes, _ = in_process(a, b, record=False)
        _, full, _, moves = in_process(a, b, record=True)
        wall = command(a, b)
        print(f"{a + ' -> ' + b:<44} {classes:>7} {moves:>5} {imports * 1000:>6.0f}ms {bare * 1000:>8.0f}ms "
              f"{full * 1000:>10.0f}ms {wall * 1000:>6.0f}ms")
    print(f"\nmachine: {platform.platform()}, {os.cpu_count()} cpus; Python {platform.python_version()}")


if __name__ == "__main__":
    main()
