"""Old home of the invariants of the Hypothesis kit, kept for one release: use :mod:`tipranking.testing.invariants`."""

from tipranking.testing.invariants import (
    check_all,
    check_citations_in_force,
    check_history,
    check_monotonic,
    check_no_watch_list_before_2004,
    check_policy_or_pattern,
    check_post_waiver_limit,
    check_restrictions_only_for_tier_3,
    check_tier_1_iff_all_standards,
    check_waivers,
    check_watch_list_runs,
)

__all__ = [
    "check_all",
    "check_citations_in_force",
    "check_history",
    "check_monotonic",
    "check_no_watch_list_before_2004",
    "check_policy_or_pattern",
    "check_post_waiver_limit",
    "check_restrictions_only_for_tier_3",
    "check_tier_1_iff_all_standards",
    "check_waivers",
    "check_watch_list_runs",
]
