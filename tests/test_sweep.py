"""Monte Carlo sweeps: determinism by seed, independence from the executor, and sensible distributions."""

from __future__ import annotations

import pytest

from tipranking import Assessment, History, MinimumStandards, Tier, WatchListFacts
from tipranking.analysis.sweep import CHUNK, Scenario, sweep
from tipranking.errors import FieldError

BASE = Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                  watch_list=WatchListFacts(False, False))
SCENARIOS = [
    Scenario(BASE, {"significant_efforts": 0.7, "watch_list.no_evidence_of_increasing_efforts": 0.4}),
    Scenario(Assessment("Y", 2023, MinimumStandards(True, True, True, True), significant_efforts=True,
                        watch_list=WatchListFacts(False, False)),
             {"minimum_standards.serious_and_sustained_efforts": 0.5,
              "watch_list.no_evidence_of_increasing_efforts": 1.0},
             History.of("Y", {2021: "2WL", 2022: "2WL"})),
]


def test_distributions_add_up_and_follow_the_rules() -> None:
    result = sweep(SCENARIOS, draws=2 * CHUNK + 17, seed=7, processes=1)
    x, y = result.results
    assert result.placements == 2 * (2 * CHUNK + 17)
    assert sum(x.tiers.values()) == x.draws == 2 * CHUNK + 17
    # X: Tier 3 exactly when significant efforts fail (p = 0.3); Watch List when they hold and criterion II does.
    assert 0.27 < x.share(Tier.TIER_3) < 0.33
    assert 0.25 < x.share(Tier.TIER_2_WATCH_LIST) < 0.31
    assert x.tier3_restricted == x.tiers[Tier.TIER_3]
    # Y: Tier 1 when standard 4 holds; otherwise a third Watch List year without a waiver: Tier 3.
    assert set(y.tiers) == {Tier.TIER_1, Tier.TIER_3}


def test_same_seed_same_result_whatever_runs_it() -> None:
    one = sweep(SCENARIOS, draws=CHUNK + 5, seed=3, processes=1)
    assert sweep(SCENARIOS, draws=CHUNK + 5, seed=3, processes=2) == one
    assert sweep(SCENARIOS, draws=CHUNK + 5, seed=3, map_fn=map) == one
    assert sweep(SCENARIOS, draws=CHUNK + 5, seed=4, processes=1) != one


def test_dask_local_cluster_gives_identical_distributions() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, \
            distributed.Client(c) as client:
        on_dask = sweep(SCENARIOS, draws=CHUNK + 5, seed=3, dask_client=client)
    assert on_dask == sweep(SCENARIOS, draws=CHUNK + 5, seed=3, processes=1)


@pytest.mark.parametrize(("probabilities", "fragment"), [({"significant_efforts": 1.5}, "probabilities.significant"),
                                                         ({"nonsense": 0.5}, "probabilities.nonsense")])
def test_bad_scenarios(probabilities: dict[str, float], fragment: str) -> None:
    with pytest.raises(FieldError, match=fragment):
        Scenario(BASE, probabilities)
    with pytest.raises(FieldError, match="draws"):
        sweep([Scenario(BASE, {})], draws=0)


def test_undecided_draws_are_counted_not_guessed() -> None:
    unknown = History("Z", [], unknown_years={2021}).with_placement(2022, Tier.TIER_2_WATCH_LIST)
    base = Assessment("Z", 2023, MinimumStandards(True, True, True, False), significant_efforts=True,
                      watch_list=WatchListFacts(False, True))
    (dist,) = sweep([Scenario(base, {"significant_efforts": 0.5}, unknown)], draws=1000, seed=1, processes=1).results
    assert dist.undecided + sum(dist.tiers.values()) == 1000
    assert dist.undecided > 0 and set(dist.tiers) == {Tier.TIER_3}


def test_errors_survive_pickling() -> None:
    import pickle

    from tipranking.errors import UnknownCountryError

    err = pickle.loads(pickle.dumps(UnknownCountryError("country", "Tailand", ("Thailand",), "line 3")))
    assert isinstance(err, UnknownCountryError) and err.suggestions == ("Thailand",) and "line 3" in str(err)
