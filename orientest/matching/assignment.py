"""All open requests of a run assigned together: as many served as possible, then the best total score.

Solved as a min-cost max-flow with OR-Tools' `SimpleMinCostFlow`: the problem is exactly a flow problem
(request → ambassador on a day → ambassador's school year → sink, capacities are the places a request still
needs, the remaining yearly volumes and "one intervention a day"; a request with several places over several
sectors also goes through one node per sector, each with a single place), it is solved to optimality in
integers, and the C++ solver takes about 0.3 s here for the 120,000 candidate pairs of 2,000 requests and 5,000
ambassadors (bench/matching.py). A plain assignment solver (scipy's `linear_sum_assignment`) would need each
ambassador copied once per unit of volume, and a first-come greedy loop serves fewer requests.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np
from ortools.graph.python import min_cost_flow

from orientest.core.french import school_year

SCORE_RESOLUTION = 1000  # scores are compared to the thousandth


@dataclass(frozen=True)
class Demand:
    """A request that needs `need` more proposals, and its candidates with their day and score. `fresh`, for a
    request with several places over several sectors: per candidate, the bits of the request's sectors not yet
    covered that they would bring (None: no spreading)."""

    request_id: str
    need: int
    rank: int  # 0 = the oldest request: ties go to it
    positions: np.ndarray
    days: tuple[date, ...]
    scores: np.ndarray
    fresh: np.ndarray | None = None


@dataclass(frozen=True)
class Pick:
    request_id: str
    position: int
    day: date


def assign(demands: list[Demand], remaining: dict[tuple[int, int], int]) -> list[Pick]:
    """The optimal picks; `remaining` is each ambassador's free volume per school year.

    Served first (maximum flow); then places spread over the sectors a request names: each sector of a request has
    one place through its own node, any further place costs more than every score together; then the best total
    score, ties to the oldest request."""
    demands = [d for d in demands if len(d.positions)]
    if not demands:
        return []
    count = len(demands)
    owner = np.repeat(np.arange(count), [len(d.positions) for d in demands])
    positions = np.concatenate([d.positions for d in demands]).astype(np.int64)
    days = [day for d in demands for day in d.days]
    ordinals = np.fromiter((day.toordinal() for day in days), dtype=np.int64, count=len(days))
    scores = np.rint(np.concatenate([d.scores for d in demands]) * SCORE_RESOLUTION).astype(np.int64)
    ranks = np.array([d.rank for d in demands], dtype=np.int64)[owner]
    slots, slot_of_arc = np.unique(positions * 10_000_000 + ordinals, return_inverse=True)
    volumes, volume_of_slot = np.unique((slots // 10_000_000) * 10_000 + _slot_years(slots), return_inverse=True)
    costs = -(scores * (count + 1) + (count - ranks))
    groups = _sector_groups(demands, owner, costs, supply=sum(d.need for d in demands))
    first_group = 2 + count
    first_slot = first_group + groups.count
    first_volume = first_slot + len(slots)
    capacity = np.array([max(remaining.get((int(k // 10_000), int(k % 10_000)), 0), 0) for k in volumes])
    candidate_tails = np.concatenate([2 + owner, first_group + groups.arc_group])
    candidate_heads = first_slot + np.concatenate([slot_of_arc, slot_of_arc[groups.arc_candidate]])
    tails = np.concatenate(
        [
            np.zeros(count, np.int64),
            2 + groups.owner,
            candidate_tails,
            first_slot + np.arange(len(slots)),
            first_volume + np.arange(len(volumes)),
        ]
    )
    heads = np.concatenate(
        [
            2 + np.arange(count),
            first_group + np.arange(groups.count),
            candidate_heads,
            first_volume + volume_of_slot,
            np.ones(len(volumes), np.int64),
        ]
    )
    capacities = np.concatenate(
        [[d.need for d in demands], np.ones(groups.count + len(candidate_tails) + len(slots), np.int64), capacity]
    ).astype(np.int64)
    # One intervention a day (slot → volume has capacity 1); ties between equal scores go to the oldest request.
    arc_costs = np.concatenate(
        [
            np.zeros(count + groups.count, np.int64),
            costs + groups.penalty,
            costs[groups.arc_candidate],
            np.zeros(len(slots) + len(volumes), np.int64),
        ]
    )
    flows = _solve(tails, heads, capacities, arc_costs, supply=sum(d.need for d in demands))
    start = count + groups.count
    used = flows[start : start + len(positions)] + np.bincount(
        groups.arc_candidate,
        weights=flows[start + len(positions) : start + len(candidate_tails)],
        minlength=len(positions),
    ).astype(np.int64)
    chosen = np.flatnonzero(used)
    return [Pick(demands[owner[i]].request_id, int(positions[i]), days[i]) for i in chosen]


@dataclass(frozen=True)
class _Groups:
    """The sector nodes of requests that spread their places: one per (request, sector), each with one place."""

    count: int
    owner: np.ndarray  # the demand of each group node
    arc_group: np.ndarray  # per extra arc: its group node
    arc_candidate: np.ndarray  # per extra arc: the candidate it leads to
    penalty: np.ndarray  # per candidate: what a place outside its sectors' own places costs


def _sector_groups(demands: list[Demand], owner: np.ndarray, costs: np.ndarray, supply: int) -> _Groups:
    spreading = np.array([d.fresh is not None for d in demands])
    empty = np.zeros(0, np.int64)
    if not spreading.any():
        return _Groups(0, empty, empty, empty, np.zeros(len(owner), np.int64))
    group_owner: list[int] = []
    arc_group: list[int] = []
    arc_candidate: list[int] = []
    offset = 0
    for index, demand in enumerate(demands):
        if demand.fresh is not None:
            bits = sorted({bit for mask in demand.fresh.tolist() for bit in _bits(mask)})
            node_of = {bit: len(group_owner) + n for n, bit in enumerate(bits)}
            group_owner += [index] * len(bits)
            for n, mask in enumerate(demand.fresh.tolist()):
                for bit in _bits(mask):
                    arc_group.append(node_of[bit])
                    arc_candidate.append(offset + n)
        offset += len(demand.positions)
    # Larger than any difference of total score: spreading comes before scores, never before serving.
    penalty = int(np.abs(costs).max(initial=0)) * supply + 1
    return _Groups(
        len(group_owner),
        np.array(group_owner, np.int64),
        np.array(arc_group, np.int64),
        np.array(arc_candidate, np.int64),
        np.where(spreading[owner], penalty, 0).astype(np.int64),
    )


def _bits(mask: int) -> list[int]:
    return [bit for bit in range(mask.bit_length()) if mask >> bit & 1]


def _slot_years(slots: np.ndarray) -> np.ndarray:
    ordinals = slots % 10_000_000
    return np.fromiter((school_year(date.fromordinal(int(o))) for o in ordinals), dtype=np.int64, count=len(slots))


def _solve(tails: np.ndarray, heads: np.ndarray, capacities: np.ndarray, costs: np.ndarray, supply: int) -> np.ndarray:
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    solver.set_node_supply(0, supply)  # node 0 is the source, node 1 the sink
    solver.set_node_supply(1, -supply)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    return solver.flows(np.arange(solver.num_arcs()))
