"""The assignment serves as many requests as possible, then the best total score, within every capacity."""

from datetime import date

import numpy as np

from orientest.matching.assignment import Demand, assign

DAY = date(2026, 11, 10)
OTHER_DAY = date(2026, 11, 12)


def _demand(request_id, rank, choices, need=1):
    positions = np.array([position for position, _, _ in choices])
    return Demand(request_id, need, rank, positions, tuple(day for _, day, _ in choices),
                  np.array([score for _, _, score in choices], dtype=float))


def _greedy(demands, remaining):
    """First come, first served: each request in turn takes its best free candidate."""
    left, picks = dict(remaining), []
    for demand in sorted(demands, key=lambda d: d.rank):
        for i in np.argsort(-demand.scores):
            key = (int(demand.positions[i]), 2026)
            if left.get(key, 0) > 0:
                left[key] -= 1
                picks.append(demand.request_id)
                break
    return picks


def test_optimal_assignment_serves_more_requests_than_first_come_greedy():
    # The oldest request likes ambassador 0 best but could also take 1; the next one can only take 0.
    demands = [_demand("DEM-A", 0, [(0, DAY, 9.0), (1, DAY, 8.0)]), _demand("DEM-B", 1, [(0, DAY, 5.0)])]
    remaining = {(0, 2026): 1, (1, 2026): 1}
    assert _greedy(demands, remaining) == ["DEM-A"]
    picks = assign(demands, remaining)
    assert sorted((p.request_id, p.position) for p in picks) == [("DEM-A", 1), ("DEM-B", 0)]


def test_best_total_score_when_all_can_be_served():
    demands = [_demand("DEM-A", 0, [(0, DAY, 9.0), (1, DAY, 1.0)]), _demand("DEM-B", 1, [(0, DAY, 2.0), (1, DAY, 8.0)])]
    picks = assign(demands, {(0, 2026): 1, (1, 2026): 1})
    assert sorted((p.request_id, p.position) for p in picks) == [("DEM-A", 0), ("DEM-B", 1)]


def test_ties_go_to_the_oldest_request():
    demands = [_demand("DEM-NEW", 3, [(0, DAY, 5.0)]), _demand("DEM-OLD", 1, [(0, DAY, 5.0)])]
    assert [p.request_id for p in assign(demands, {(0, 2026): 1})] == ["DEM-OLD"]


def test_capacity_is_shared_by_every_request_of_the_run():
    demands = [_demand(f"DEM-{n}", n, [(0, day, 5.0)]) for n, day in
               enumerate([DAY, OTHER_DAY, date(2026, 11, 13), date(2026, 11, 16)])]
    picks = assign(demands, {(0, 2026): 2})
    assert [p.request_id for p in sorted(picks, key=lambda p: p.request_id)] == ["DEM-0", "DEM-1"]


def test_one_ambassador_is_never_given_two_interventions_the_same_day():
    demands = [_demand("DEM-A", 0, [(0, DAY, 5.0)]), _demand("DEM-B", 1, [(0, DAY, 5.0), (1, DAY, 1.0)])]
    picks = assign(demands, {(0, 2026): 4, (1, 2026): 4})
    assert sorted((p.request_id, p.position) for p in picks) == [("DEM-A", 0), ("DEM-B", 1)]


def test_several_simultaneous_proposals_go_to_different_ambassadors():
    demands = [_demand("DEM-A", 0, [(0, DAY, 5.0), (1, DAY, 4.0), (2, DAY, 3.0)], need=2)]
    picks = assign(demands, {(0, 2026): 1, (1, 2026): 1, (2, 2026): 1})
    assert sorted(p.position for p in picks) == [0, 1]


def test_nothing_to_assign():
    assert assign([], {}) == []


def test_on_generated_data_the_assignment_serves_the_maximum_flow_and_greedy_does_not():
    from bench.matching import assignment, greedy, optimum, snapshot

    served, _, wanted, remaining = assignment(snapshot(ambassadors=60, requests=300, seed=7))
    greedy_served, _ = greedy(wanted, remaining)
    assert served == optimum(wanted, remaining)
    assert greedy_served < served
