"""Compare the throughput of one single-year decision made three ways.

Run: .venv/bin/python benchmarks/bench_compare.py [N]

The same N (default 20,000) random 2023 assessments, with no history (statute ``tvpra-2019``), are placed by

1. ``tipranking.place(assessment)``: the rule pipeline, with every cited finding recorded;
2. a bare Python if-chain over tuples of booleans: the same rules, no explanation;
3. GoRules ZEN (``zen-engine``): a JSON Decision Model graph (input node -> first-hit decision table ->
   output node), one synchronous ``ZenDecision.evaluate(dict)`` call per decision.

Two further lines are printed for context, not used in the headline ratios:

* ``tipranking, no memo``: ``place(assessment, statute=copy)`` with an ``attrs.evolve`` copy of tvpra-2019. The
  engine may memoize placements for the built-in statute objects (keyed by the findings); a copy runs the same
  pipeline every time. The generated findings have few distinct combinations (1,284 for N = 20,000) and the
  agreement check runs first, so with such a memo every timed ``place(assessment)`` call is a memo hit.
* ``zen, engine.evaluate``: the same graph served by ``ZenEngine({"loader": static}).evaluate(key, dict)``.
  In zen-engine 2.1.3 ``ZenDecision.evaluate`` starts two threads on every call (``strace -f -c`` shows two
  ``clone3`` per call); the engine path reuses its runtime.

Inputs are built for each engine once, outside the timed region; the three are checked to agree on every
decision before anything is timed. Each engine's time is the best of 3 runs.

For a single year with no history, the tvpra-2019 pipeline reduces to: Special Case; else Tier 3 if a policy
or pattern is documented; else Tier 1 if all four minimum standards are met; else, with significant efforts,
Tier 2 Watch List if a Watch List criterion holds, otherwise Tier 2; else Tier 3. (The automatic downgrade,
the waiver and the post-waiver limit all need earlier Watch List years, so they never fire here.)
"""

from __future__ import annotations

import json
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from typing import Any

import attrs
import zen

from tipranking import Assessment, MinimumStandards, PolicyOrPattern, WatchListFacts, place, statute_for

YEAR = 2023
RUNS = 3

# special_case, policy_or_pattern (non-empty), four minimum standards, significant_efforts, the two Watch List
# criteria in force from 2019.
Flags = tuple[bool, bool, bool, bool, bool, bool, bool, bool, bool]

STANDARDS = ("prohibits_and_punishes", "grave_crime_penalties", "deterrent_penalties",
             "serious_and_sustained_efforts")


def generate(n: int, seed: int = 2023) -> list[Assessment]:
    """``n`` fully stated 2023 assessments; every tier is reached often enough to matter."""
    rng = random.Random(seed)
    kinds = list(PolicyOrPattern)
    out = []
    for i in range(n):
        policy = rng.sample(kinds, rng.randint(1, 2)) if rng.random() < 0.1 else []
        out.append(Assessment(
            f"C{i % 190}", YEAR,
            MinimumStandards(*(rng.random() < 0.8 for _ in range(4))),
            significant_efforts=rng.random() < 0.7,
            watch_list=WatchListFacts(rng.random() < 0.3, rng.random() < 0.3),
            provides_law_enforcement_data=rng.random() < 0.8,
            policy_or_pattern=policy,
            special_case=rng.random() < 0.03,
        ))
    return out


# --- 2. the if-chain -------------------------------------------------------------------------------------------

def to_flags(a: Assessment) -> Flags:
    ms, wl = a.minimum_standards, a.watch_list
    assert wl is not None
    return (a.special_case, bool(a.policy_or_pattern), bool(ms.prohibits_and_punishes),
            bool(ms.grave_crime_penalties), bool(ms.deterrent_penalties), bool(ms.serious_and_sustained_efforts),
            bool(a.significant_efforts), bool(wl.victims_very_significant_or_increasing),
            bool(wl.no_evidence_of_increasing_efforts))


def if_chain(f: Flags) -> str:
    special, policy, s1, s2, s3, s4, efforts, victims, no_increase = f
    if special:
        return "special_case"
    if policy:
        return "3"
    if s1 and s2 and s3 and s4:
        return "1"
    if efforts:
        return "2WL" if victims or no_increase else "2"
    return "3"


# --- 3. ZEN ----------------------------------------------------------------------------------------------------

def to_zen(a: Assessment) -> dict[str, Any]:
    """The assessment as the JSON-like context the decision table reads (same nesting as the JSON format)."""
    ms, wl = a.minimum_standards, a.watch_list
    assert wl is not None
    return {
        "special_case": a.special_case,
        "policy_or_pattern": sorted(k.value for k in a.policy_or_pattern),
        "minimum_standards": {name: getattr(ms, name) for name in STANDARDS},
        "significant_efforts": a.significant_efforts,
        "watch_list": {"victims_very_significant_or_increasing": wl.victims_very_significant_or_increasing,
                       "no_evidence_of_increasing_efforts": wl.no_evidence_of_increasing_efforts},
    }


def jdm() -> dict[str, Any]:
    """input node -> decision table (first hit) -> output node.

    Each input column names a (dotted) field of the context; a cell is a unary test on it (``$`` is the
    field's value, an empty cell matches anything); the output cell is an expression. Rows in rule order.
    """
    columns = [("special", "special_case"), ("policy", "policy_or_pattern")]
    columns += [(f"ms{n}", f"minimum_standards.{name}") for n, name in enumerate(STANDARDS, start=1)]
    columns += [("efforts", "significant_efforts"), ("victims", "watch_list.victims_very_significant_or_increasing"),
                ("no_increase", "watch_list.no_evidence_of_increasing_efforts")]
    rows: list[tuple[dict[str, str], str]] = [
        ({"special": "true"}, "special_case"),
        ({"policy": "len($) > 0"}, "3"),
        ({"ms1": "true", "ms2": "true", "ms3": "true", "ms4": "true"}, "1"),
        ({"efforts": "true", "victims": "true"}, "2WL"),
        ({"efforts": "true", "no_increase": "true"}, "2WL"),
        ({"efforts": "true"}, "2"),
        ({}, "3"),
    ]
    rules = [{"_id": f"r{i}", **{cid: cells.get(cid, "") for cid, _ in columns}, "tier": json.dumps(tier)}
             for i, (cells, tier) in enumerate(rows, start=1)]
    table = {
        "hitPolicy": "first",
        "inputs": [{"id": cid, "name": field, "field": field} for cid, field in columns],
        "outputs": [{"id": "tier", "name": "tier", "field": "tier"}],
        "rules": rules,
    }
    return {
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "request", "type": "inputNode", "name": "Request", "position": {"x": 0, "y": 0},
             "content": {"schema": ""}},
            {"id": "tiers", "type": "decisionTableNode", "name": "Tier (tvpra-2019, one year)",
             "position": {"x": 300, "y": 0}, "content": table},
            {"id": "response", "type": "outputNode", "name": "Response", "position": {"x": 600, "y": 0},
             "content": {"schema": ""}},
        ],
        "edges": [
            {"id": "e1", "type": "edge", "sourceId": "request", "targetId": "tiers"},
            {"id": "e2", "type": "edge", "sourceId": "tiers", "targetId": "response"},
        ],
    }


# --- timing ----------------------------------------------------------------------------------------------------

def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: Sequence[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 20_000
    assert statute_for(YEAR).name == "tvpra-2019"
    assessments = generate(n)
    flags = [to_flags(a) for a in assessments]
    contexts = [to_zen(a) for a in assessments]
    content = jdm()
    decision = zen.ZenEngine().create_decision(json.dumps(content))
    evaluate = decision.evaluate
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"tiers": content}}})
    statute_copy = attrs.evolve(statute_for(YEAR))

    tally: dict[str, int] = {}
    for a, f, c in zip(assessments, flags, contexts, strict=True):
        tier, tier_copy = place(a).tier, place(a, statute=statute_copy).tier
        assert tier is not None and tier_copy is tier, (a, tier, tier_copy)
        ours, chain, theirs = tier.value, if_chain(f), evaluate(c)["result"]["tier"]
        assert ours == chain == theirs == engine.evaluate("tiers", c)["result"]["tier"], (a, ours, chain, theirs)
        tally[ours] = tally.get(ours, 0) + 1
    print(f"checked {n:,} decisions: tipranking, if-chain and zen agree on all "
          f"({', '.join(f'{t}: {tally[t]:,}' for t in sorted(tally))})")

    def run_tipranking() -> None:
        for a in assessments:
            place(a)

    def run_if_chain() -> None:
        for f in flags:
            if_chain(f)

    def run_zen() -> None:
        for c in contexts:
            evaluate(c)

    def run_tipranking_no_memo() -> None:
        for a in assessments:
            place(a, statute=statute_copy)

    def run_zen_engine() -> None:
        for c in contexts:
            engine.evaluate("tiers", c)

    rates = {}
    for name, fn in (("tipranking", run_tipranking), ("if-chain", run_if_chain), ("zen", run_zen),
                     ("tipranking, no memo", run_tipranking_no_memo), ("zen, engine.evaluate", run_zen_engine)):
        seconds = best_of(RUNS, fn)
        rates[name] = n / seconds
        print(f"{name:<20} {n:,} decisions, best of {RUNS}: {seconds:.4f} s = {rates[name]:>12,.0f} decisions/s")
    print(f"tipranking/zen:      {rates['tipranking'] / rates['zen']:.2f}x")
    print(f"if-chain/tipranking: {rates['if-chain'] / rates['tipranking']:.1f}x")
    print(f"(context: no-memo tipranking / engine.evaluate zen: "
          f"{rates['tipranking, no memo'] / rates['zen, engine.evaluate']:.2f}x; "
          f"if-chain / no-memo tipranking: {rates['if-chain'] / rates['tipranking, no memo']:.1f}x)")
    print(f"machine: {platform.platform()}, {platform.machine()}, {platform.processor() or 'unknown cpu'}, "
          f"{os.cpu_count()} cpus; Python {platform.python_version()} ({platform.python_implementation()}); "
          f"zen-engine {version('zen-engine')}, tipranking {version('tipranking')}")


if __name__ == "__main__":
    main(sys.argv)
