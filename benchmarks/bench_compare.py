"""tipranking against GoRules zen-engine, a bare if-chain and a NumPy floor, on distinct country-years.

Run: .venv/bin/python benchmarks/bench_compare.py [N] [FRAME_ROWS]

Every headline line places N (default 20,000) *distinct* country-years: each assessment is a different
(country, report year) pair, 2019-2027 (all under tvpra-2019), its facts drawn at random, and every cache
tipranking keeps (the compiled statutes, the per-version rule lists) is emptied before each timed run, so a
run pays for compiling the statute too. Each line is the best of 3 runs. What each line times:

(a) ``place(a)`` per call, on prebuilt ``Assessment`` objects;
(b) end to end from a JSON file of the N assessments: ``read_assessments`` (parse and validate) plus
    ``place`` per item, against ``json.loads`` of the same file plus ``ZenEngine.evaluate`` per document;
(c) ``place_many`` on the list of prebuilt assessments, and ``frames.place_frame`` on a DataFrame of
    FRAME_ROWS (default 1,000,000) distinct country-years;
(d) zen-engine: ``ZenEngine.evaluate`` (the engine with a static loader), ``ZenEngine.evaluate_batch`` and
    ``ZenDecision.evaluate``, on the same documents;
(e) a bare Python if-chain over tuples of booleans (no explanation, no validation);
(f) a NumPy floor: the same if-chain on boolean arrays, FRAME_ROWS rows; and the same floor reading the
    frame's columns with the validation ``place_frame`` does (report years, country names, boolean columns).

Line (a) is also timed with every placement's explanation read (``p.findings``). Then, separately labelled:
the same assessment placed N times (repeats: what a memo would make of it); the reader alone; a history with
k = 0..20 unknown years; and the cold command-line runs (``tipranking --help``, ``tipranking outlook``,
``tipranking audit``), each a fresh process. The ratios asked by issues 14 and 22 close the output.

Before timing, every engine's tier is checked to agree with ``place`` on every input.

A single year with no history under tvpra-2019 is: Special Case; else Tier 3 if a policy or pattern is
documented; else Tier 1 if all four minimum standards are met; else, with significant efforts, the Watch
List if a criterion holds ((I) very significant or increasing victims *and* no proportional concrete
actions, or (II) no evidence of increasing efforts), otherwise Tier 2; else Tier 3. That is the decision zen,
the if-chain and the NumPy floor make; tipranking also checks the input, records the deciding rule and
citation, and builds the full cited explanation when it is read.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import zen

from tipranking import Assessment, History, MinimumStandards, PolicyOrPattern, WatchListFacts, place, place_many
from tipranking.formats.assessments import assessment_to_json, read_assessments
from tipranking.formats.frames import place_frame

YEARS = tuple(range(2019, 2028))
RUNS = 3
STANDARDS = ("prohibits_and_punishes", "grave_crime_penalties", "deterrent_penalties",
             "serious_and_sustained_efforts")
CRITERIA = ("victims_very_significant_or_increasing", "no_evidence_of_increasing_efforts",
            "no_proportional_concrete_actions")
Flags = tuple[bool, bool, bool, bool, bool, bool, bool, bool, bool, bool]


def empty_caches() -> None:
    """Forget everything tipranking has compiled or remembered, as in a fresh process."""
    import tipranking.analysis.access
    import tipranking.placing
    import tipranking.statute

    tipranking.placing.forget()
    tipranking.analysis.access.forget()
    for name in ("_rules", "_rule_of_type", "history_rule_ids", "_counts_every_year"):
        cached = getattr(tipranking.statute, name, None)
        if cached is not None and hasattr(cached, "cache_clear"):
            cached.cache_clear()


def draw_row(rng: random.Random) -> dict[str, Any]:
    kinds = [k.value for k in PolicyOrPattern]
    policy = rng.sample(kinds, rng.randint(1, 2)) if rng.random() < 0.1 else []
    standards = {name: rng.random() < 0.8 for name in STANDARDS}
    if policy and all(standards.values()):  # § 7107(b)(3)(B) is not stated with full compliance (refused)
        standards[STANDARDS[-1]] = False
    return {
        "special_case": rng.random() < 0.03,
        "policy_or_pattern": policy,
        "minimum_standards": standards,
        "significant_efforts": rng.random() < 0.7,
        "watch_list": {name: rng.random() < 0.3 for name in CRITERIA},
    }


def documents(n: int, seed: int = 2026) -> list[dict[str, Any]]:
    """``n`` JSON documents in the assessment format, each a distinct (country, report year)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        country, year = f"Country {i // len(YEARS):06d}", YEARS[i % len(YEARS)]
        out.append({"country": country, "report_year": year, **draw_row(rng)})
    return out


def to_assessment(d: dict[str, Any]) -> Assessment:
    return Assessment(d["country"], d["report_year"], MinimumStandards(**d["minimum_standards"]),
                      significant_efforts=d["significant_efforts"], watch_list=WatchListFacts(**d["watch_list"]),
                      policy_or_pattern=d["policy_or_pattern"], special_case=d["special_case"])


def to_flags(d: dict[str, Any]) -> Flags:
    ms, wl = d["minimum_standards"], d["watch_list"]
    return (d["special_case"], bool(d["policy_or_pattern"]), *(ms[s] for s in STANDARDS),  # type: ignore[return-value]
            d["significant_efforts"], *(wl[c] for c in CRITERIA))


def if_chain(f: Flags) -> str:
    special, policy, s1, s2, s3, s4, efforts, victims, no_increase, no_actions = f
    if special:
        return "special_case"
    if policy:
        return "3"
    if s1 and s2 and s3 and s4:
        return "1"
    if efforts:
        return "2WL" if (victims and no_actions) or no_increase else "2"
    return "3"


def jdm() -> dict[str, Any]:
    """zen's JSON Decision Model: input node -> first-hit decision table -> output node."""
    columns = [("special", "special_case"), ("policy", "policy_or_pattern")]
    columns += [(f"ms{n}", f"minimum_standards.{name}") for n, name in enumerate(STANDARDS, start=1)]
    columns += [("efforts", "significant_efforts"), ("victims", f"watch_list.{CRITERIA[0]}"),
                ("no_increase", f"watch_list.{CRITERIA[1]}"), ("no_actions", f"watch_list.{CRITERIA[2]}")]
    rows: list[tuple[dict[str, str], str]] = [
        ({"special": "true"}, "special_case"), ({"policy": "len($) > 0"}, "3"),
        ({"ms1": "true", "ms2": "true", "ms3": "true", "ms4": "true"}, "1"),
        ({"efforts": "true", "victims": "true", "no_actions": "true"}, "2WL"),
        ({"efforts": "true", "no_increase": "true"}, "2WL"),
        ({"efforts": "true"}, "2"), ({}, "3"),
    ]
    rules = [{"_id": f"r{i}", **{cid: cells.get(cid, "") for cid, _ in columns}, "tier": json.dumps(tier)}
             for i, (cells, tier) in enumerate(rows, start=1)]
    table = {"hitPolicy": "first", "inputs": [{"id": c, "name": f, "field": f} for c, f in columns],
             "outputs": [{"id": "tier", "name": "tier", "field": "tier"}], "rules": rules}
    return {"contentType": "application/vnd.gorules.decision",
            "nodes": [{"id": "request", "type": "inputNode", "name": "Request", "position": {"x": 0, "y": 0},
                       "content": {"schema": ""}},
                      {"id": "tiers", "type": "decisionTableNode", "name": "Tier", "position": {"x": 300, "y": 0},
                       "content": table},
                      {"id": "response", "type": "outputNode", "name": "Response", "position": {"x": 600, "y": 0},
                       "content": {"schema": ""}}],
            "edges": [{"id": "e1", "type": "edge", "sourceId": "request", "targetId": "tiers"},
                      {"id": "e2", "type": "edge", "sourceId": "tiers", "targetId": "response"}]}


def frame_of(docs: list[dict[str, Any]]) -> pd.DataFrame:
    kinds = [k.value for k in PolicyOrPattern]
    data: dict[str, Any] = {"country": [d["country"] for d in docs], "report_year": [d["report_year"] for d in docs],
                            "special_case": [d["special_case"] for d in docs]}
    for kind in kinds:
        data[f"policy_or_pattern.{kind}"] = [kind in d["policy_or_pattern"] for d in docs]
    for name in STANDARDS:
        data[f"minimum_standards.{name}"] = [d["minimum_standards"][name] for d in docs]
    data["significant_efforts"] = [d["significant_efforts"] for d in docs]
    for name in CRITERIA:
        data[f"watch_list.{name}"] = [d["watch_list"][name] for d in docs]
    return pd.DataFrame(data)


def numpy_floor(arrays: dict[str, Any]) -> Any:
    """The if-chain on boolean arrays: a tier code per row (0 Special Case, 1, 2, 3 = Watch List, 4 Tier 3)."""
    all_four = arrays["ms1"] & arrays["ms2"] & arrays["ms3"] & arrays["ms4"]
    wl = (arrays["victims"] & arrays["no_actions"]) | arrays["no_increase"]
    return np.select([arrays["special"], arrays["policy"], all_four, arrays["efforts"] & wl, arrays["efforts"]],
                     [0, 4, 1, 3, 2], 4).astype(np.int8)


def floor_arrays(frame: pd.DataFrame) -> dict[str, Any]:
    """The boolean arrays the NumPy floor reads, from the frame's columns."""
    return {"special": frame["special_case"].to_numpy(),
            "policy": frame[[c for c in frame.columns if c.startswith("policy")]].to_numpy().any(axis=1),
            **{f"ms{i}": frame[f"minimum_standards.{s}"].to_numpy() for i, s in enumerate(STANDARDS, 1)},
            "efforts": frame["significant_efforts"].to_numpy(),
            "victims": frame[f"watch_list.{CRITERIA[0]}"].to_numpy(),
            "no_increase": frame[f"watch_list.{CRITERIA[1]}"].to_numpy(),
            "no_actions": frame[f"watch_list.{CRITERIA[2]}"].to_numpy()}


def numpy_floor_checked(frame: pd.DataFrame) -> Any:
    """The NumPy floor with the validation ``place_frame`` does: the report years (whole numbers a statute
    covers), the country names (non-empty strings with a visible character; the names a fast pass cannot
    clear checked one by one with the package's own ``check_country``) and the fact columns (true or false),
    read from the frame; then the if-chain on the arrays."""
    from tipranking.assessment import check_country, check_report_year

    year_codes, year_values = pd.factorize(frame["report_year"])
    years = np.asarray([check_report_year(v) for v in year_values.tolist()], dtype=np.int64)[year_codes]
    if (year_codes < 0).any() or len(years) != len(frame):
        raise ValueError("a missing report year")
    names = frame["country"].to_numpy(dtype=object)
    if not (set(map(type, names)) <= {str} and all(names) and not any(map(str.isspace, names))
            and "".join(names).isascii()):
        for name in names:
            check_country(name)
    arrays = floor_arrays(frame)
    for column in arrays.values():
        if column.dtype != np.bool_:
            raise TypeError("a fact column that is not true or false")
    return numpy_floor(arrays)


def best_of(fn: Callable[[], object], *, clear: bool = True) -> float:
    times = []
    for _ in range(RUNS):
        if clear:
            empty_caches()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def wall(argv: Sequence[str]) -> float:
    """Median wall time of 5 fresh processes, after one that writes the bytecode cache (as ``pip install``
    does for an installed package; an editable install under PYTHONDONTWRITEBYTECODE=1 would compile every
    module on every start)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(list(argv), check=True, stdout=subprocess.DEVNULL, env=env)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(list(argv), check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def line(name: str, n: int, seconds: float) -> float:
    rate = n / seconds
    print(f"  {name:<44} {n:>9,} in {seconds * 1000:9.1f} ms = {rate:>13,.0f}/s")
    return rate


def main(argv: Sequence[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 20_000
    rows = int(argv[2]) if len(argv) > 2 else 1_000_000
    docs = documents(n)
    assert len({(d["country"], d["report_year"]) for d in docs}) == n
    assessments = [to_assessment(d) for d in docs]
    flags = [to_flags(d) for d in docs]
    content = jdm()
    decision = zen.ZenEngine().create_decision(json.dumps(content))
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"tiers": content}}})
    folder = Path(tempfile.mkdtemp())
    path = folder / "assessments.json"
    path.write_text(json.dumps([assessment_to_json(a) for a in assessments]), encoding="utf-8")
    batch = place_many(assessments)
    for a, p, f, d in zip(assessments, batch, flags, docs, strict=True):
        ours = place(a).tier
        assert ours is not None and p.tier is ours, (a, ours, p.tier, p)
        assert ours.value == if_chain(f) == engine.evaluate("tiers", d)["result"]["tier"] == \
            decision.evaluate(d)["result"]["tier"], (a, ours)
    print(f"checked: place, place_many, the if-chain and zen agree on all {n:,} distinct country-years")

    print(f"\nper call, {n:,} distinct country-years, caches empty at the start of each run (best of {RUNS}):")
    rate_place = line("(a) tipranking place(a), prebuilt", n, best_of(lambda: [place(a) for a in assessments]))

    def place_and_read() -> None:
        for a in assessments:
            place(a).findings  # noqa: B018 - the explanation read, as a user printing it would

    rate_explained = line("(a) place(a) + reading p.findings of each", n, best_of(place_and_read))
    rate_zen = line("(d) zen ZenEngine.evaluate", n, best_of(lambda: [engine.evaluate("tiers", d) for d in docs]))
    line("(d) zen ZenDecision.evaluate", n, best_of(lambda: [decision.evaluate(d) for d in docs]))
    line("(e) bare if-chain on tuples", n, best_of(lambda: [if_chain(f) for f in flags]))

    print("\nend to end from a JSON file of the same assessments:")

    def ours_from_file() -> None:
        for s in read_assessments(path):
            place(s.assessment, s.history)

    def zen_from_file() -> None:
        for d in json.loads(path.read_text(encoding="utf-8")):
            engine.evaluate("tiers", d)

    rate_e2e = line("(b) tipranking read_assessments + place", n, best_of(ours_from_file))
    rate_zen_e2e = line("(b) json.loads + zen ZenEngine.evaluate", n, best_of(zen_from_file))
    line("    tipranking read_assessments alone", n, best_of(lambda: read_assessments(path)))
    line("    json.loads alone", n, best_of(lambda: json.loads(path.read_text(encoding="utf-8"))))

    print("\nbatches:")
    rate_many = line("(c) tipranking place_many, prebuilt", n, best_of(lambda: place_many(assessments)))
    requests = [{"key": "tiers", "context": d} for d in docs]
    batch_results = engine.evaluate_batch(requests)
    assert [r["data"]["result"]["tier"] for r in batch_results] == [p.tier.value for p in batch if p.tier]
    line("(d) zen ZenEngine.evaluate_batch", n, best_of(lambda: engine.evaluate_batch(requests)))
    big_docs = documents(rows, seed=7)
    big_assessments = [to_assessment(d) for d in big_docs]
    rate_many_big = line("(c) tipranking place_many, prebuilt", rows,
                         best_of(lambda: place_many(big_assessments)))
    frame = frame_of(big_docs)
    big_assessments.clear()
    rate_frame = line("(c) tipranking frames.place_frame", rows, best_of(lambda: place_frame(frame)))
    arrays = floor_arrays(frame)
    floor = numpy_floor(arrays)
    rate_floor = line("(f) NumPy floor (if-chain on arrays)", rows, best_of(lambda: numpy_floor(arrays), clear=False))
    assert (numpy_floor_checked(frame) == floor).all()
    rate_floor_checked = line("(f) NumPy floor, validating as place_frame", rows,
                              best_of(lambda: numpy_floor_checked(frame), clear=False))
    big_frame = place_frame(frame)
    codes = {"special_case": 0, "1": 1, "2": 2, "2WL": 3, "3": 4}
    assert (big_frame["tier"].map(codes).to_numpy() == floor).all(), "place_frame and the NumPy floor disagree"

    print("\nrepeats (one assessment placed again and again; not a headline figure):")
    one = assessments[0]
    line("    place(same assessment)", n, best_of(lambda: [place(one) for _ in range(n)], clear=False))

    print("\nunknown history years: one government, Watch List before, k unknown years before 2027 (the statute "
          "already compiled unless said)")
    from tipranking.analysis.outlook import outlook
    for k in (0, 1, 2, 5, 10, 15, 20):
        known = {y: "2WL" for y in range(2004, 2027 - k)}
        history = History.of("Chad", known)
        history = History("Chad", history.placements, unknown_years=frozenset(range(2027 - k, 2027)))
        probe = Assessment("Chad", 2027, MinimumStandards(True, True, True, False), significant_efforts=True,
                           watch_list=WatchListFacts(True, False))
        cold = best_of(lambda h=history, a=probe: place(a, h))
        t_place = best_of(lambda h=history, a=probe: place(a, h), clear=False)
        t_outlook = best_of(lambda h=history: outlook(h, 2027), clear=False)
        print(f"  k = {k:2d}: place {t_place * 1000:7.2f} ms (with compiling the statute: {cold * 1000:6.2f} ms)   "
              f"outlook {t_outlook * 1000:7.2f} ms")

    exe = Path(sys.executable).with_name("tipranking")
    print("\ncold command line (median of 5 fresh processes, wall):")
    walls = {}
    for args in (["--help"], ["outlook", "--format", "json"], ["audit"], ["audit", "--format", "json"]):
        walls[" ".join(args)] = wall([str(exe), *args])
        print(f"  tipranking {' '.join(args):<30} {walls[' '.join(args)] * 1000:8.0f} ms")

    print("\nratios (acceptance of issue 22):")
    print(f"  place + reading findings / ZenEngine.evaluate:  {rate_explained / rate_zen:6.1f}x  (>= 2x)")
    print(f"  place alone / ZenEngine.evaluate:               {rate_place / rate_zen:6.1f}x  (>= 3x)")
    print(f"  validating NumPy floor / place_frame:           {rate_floor_checked / rate_frame:6.1f}x  (<= 3x)")
    print(f"  cold tipranking audit:                         {walls['audit'] * 1000:6.0f} ms (< 400 ms)")

    print("\nratios (acceptance of issue 14):")
    print(f"  per call / ZenEngine.evaluate:                 {rate_place / rate_zen:6.1f}x  (>= 5x)")
    print(f"  end to end from JSON / json.loads + zen:       {rate_e2e / rate_zen_e2e:6.1f}x  (>= 2x)")
    print(f"  place_frame ({rows:,}) / ZenEngine.evaluate:   {rate_frame / rate_zen:6.1f}x  (>= 100x)")
    print(f"  NumPy floor / place_frame:                     {rate_floor / rate_frame:6.1f}x  (<= 2x)")
    print(f"  place_many ({rows:,}) / ZenEngine.evaluate:    {rate_many_big / rate_zen:6.1f}x  (>= 10x)")
    print(f"  place_many ({n:,}) / ZenEngine.evaluate:        {rate_many / rate_zen:6.1f}x")
    print(f"\nmachine: {platform.platform()}, {os.cpu_count()} cpus; Python {platform.python_version()}; "
          f"zen-engine {version('zen-engine')}, numpy {np.__version__}, pandas {pd.__version__}, "
          f"tipranking {version('tipranking')}")


if __name__ == "__main__":
    main(sys.argv)
