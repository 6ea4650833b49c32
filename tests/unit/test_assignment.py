"""The assignment serves as many requests as possible, then the best total score, within every capacity."""

import itertools
from collections import Counter
from datetime import date

import numpy as np

from orientest.matching.assignment import Demand, assign

DAY = date(2026, 11, 10)
OTHER_DAY = date(2026, 11, 12)


def _demand(request_id, rank, choices, need=1):
    positions = np.array([position for position, _, _ in choices])
    return Demand(
        request_id,
        need,
        rank,
        positions,
        tuple(day for _, day, _ in choices),
        np.array([score for _, _, score in choices], dtype=float),
    )


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
    demands = [
        _demand(f"DEM-{n}", n, [(0, day, 5.0)])
        for n, day in enumerate([DAY, OTHER_DAY, date(2026, 11, 13), date(2026, 11, 16)])
    ]
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


def _spread_demand(request_id, rank, choices, need):
    """Choices: (position, day, score, sectors bitmask the candidate would bring)."""
    return Demand(
        request_id,
        need,
        rank,
        np.array([c[0] for c in choices]),
        tuple(c[1] for c in choices),
        np.array([c[2] for c in choices], dtype=float),
        np.array([c[3] for c in choices], dtype=np.int64),
    )


def test_a_forum_takes_several_ambassadors_in_one_assignment():
    forum = _demand("DEM-FORUM", 0, [(0, DAY, 5.0), (1, DAY, 4.0), (2, DAY, 3.0)], need=2)
    picks = assign([forum], {(0, 2026): 1, (1, 2026): 1, (2, 2026): 1})
    assert sorted(p.position for p in picks) == [0, 1]


def test_places_go_to_different_sectors_before_two_of_one_sector_share_the_event():
    # Ambassadors 0 and 1 are both from sector bit 0 and score best; 2 brings sector bit 1.
    forum = _spread_demand("DEM-FORUM", 0, [(0, DAY, 9.0, 0b01), (1, DAY, 8.0, 0b01), (2, DAY, 1.0, 0b10)], need=2)
    picks = assign([forum], {(0, 2026): 1, (1, 2026): 1, (2, 2026): 1})
    assert sorted(p.position for p in picks) == [0, 2]


def test_spreading_never_costs_a_place():
    forum = _spread_demand("DEM-FORUM", 0, [(0, DAY, 9.0, 0b01), (1, DAY, 8.0, 0b01)], need=2)
    assert len(assign([forum], {(0, 2026): 1, (1, 2026): 1})) == 2


def _served_by_max_flow(demands, remaining):
    """The number of places served by a separate max-flow solver (OR-Tools' push-relabel), scores ignored."""
    from ortools.graph.python import max_flow

    solver, nodes, slots = max_flow.SimpleMaxFlow(), {}, set()

    def node(key):
        return nodes.setdefault(key, len(nodes))

    source, sink = node("source"), node("sink")
    for demand in demands:
        solver.add_arc_with_capacity(source, node(("request", demand.request_id)), demand.need)
        for position, day in zip(demand.positions.tolist(), demand.days, strict=True):
            solver.add_arc_with_capacity(node(("request", demand.request_id)), node(("slot", position, day)), 1)
            slots.add((position, day))
    for position, day in slots:  # one intervention a day
        solver.add_arc_with_capacity(node(("slot", position, day)), node(("volume", position)), 1)
    for (position, _), capacity in remaining.items():
        solver.add_arc_with_capacity(node(("volume", position)), sink, capacity)
    assert solver.solve(source, sink) == solver.OPTIMAL
    return solver.optimal_flow()


def _random_demands(rng, requests, ambassadors, spread):
    demands = []
    for n in range(requests):
        chosen = rng.choice(ambassadors, size=rng.integers(1, min(ambassadors, 6) + 1), replace=False)
        choices = [
            (int(p), DAY if rng.random() < 0.7 else OTHER_DAY, float(rng.integers(0, 10)), int(rng.integers(0, 4)))
            for p in chosen
        ]
        need = int(rng.integers(1, 4))
        demands.append(
            _spread_demand(f"DEM-{n}", n, choices, need)
            if spread and need > 1
            else _demand(f"DEM-{n}", n, [c[:3] for c in choices], need)
        )
    return demands


def test_places_served_equal_the_maximum_flow_on_generated_data():
    rng = np.random.default_rng(7)
    for _ in range(30):
        demands = _random_demands(rng, requests=40, ambassadors=30, spread=True)
        remaining = {(p, 2026): int(rng.integers(0, 3)) for p in range(30)}
        assert len(assign(demands, remaining)) == _served_by_max_flow(demands, remaining)


def _distinct_sectors(demand, picked):
    """Places of `picked` that can each be matched to a sector of its own (a small bipartite matching by brute force:
    masks use bits 0 and 1, and bits 2 and 3 stand for « no sector of its own »)."""
    masks = [int(demand.fresh[i]) for i in picked]
    return max(
        (
            sum(1 for mask, bit in zip(masks, order, strict=True) if mask >> bit & 1)
            for order in itertools.permutations(range(4), len(masks))
        ),
        default=0,
    )


def _quality(chosen, demands, remaining):
    """(places served, places in a sector of their own), or None if `chosen` breaks a capacity."""
    per_demand = Counter(d.request_id for d, _ in chosen)
    slots = Counter((int(d.positions[i]), d.days[i]) for d, i in chosen)
    volume = Counter(int(d.positions[i]) for d, i in chosen)
    if (
        any(per_demand[d.request_id] > d.need for d in demands)
        or any(n > 1 for n in slots.values())
        or any(n > remaining[(p, 2026)] for p, n in volume.items())
    ):
        return None
    spread = sum(_distinct_sectors(d, [i for e, i in chosen if e is d]) for d in demands if d.fresh is not None)
    return len(chosen), spread


def test_sector_spread_is_the_best_possible_once_every_place_is_served():
    """Brute force on small cases: no other choice serves as many places with more sectors covered."""
    rng = np.random.default_rng(11)
    for _ in range(25):
        demands = _random_demands(rng, requests=2, ambassadors=4, spread=True)
        remaining = {(p, 2026): int(rng.integers(1, 3)) for p in range(4)}
        arcs = [(d, i) for d in demands for i in range(len(d.positions))]
        best = max(
            q
            for r in range(len(arcs) + 1)
            for chosen in itertools.combinations(arcs, r)
            if (q := _quality(chosen, demands, remaining)) is not None
        )
        by_id = {d.request_id: d for d in demands}
        picked = [
            (by_id[p.request_id], list(by_id[p.request_id].positions).index(p.position))
            for p in assign(demands, remaining)
        ]
        assert _quality(picked, demands, remaining) == best
