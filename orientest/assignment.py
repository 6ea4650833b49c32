"""All open requests of a run assigned together: as many served as possible, then the best total score.

Solved as a min-cost max-flow with OR-Tools' `SimpleMinCostFlow`: the problem is exactly a flow problem
(request → ambassador on a day → ambassador's school year → sink, capacities are the remaining yearly volumes
and "one intervention a day"), it is solved to optimality in integers, and the C++ solver handles a
million arcs in well under a second. A plain assignment solver (scipy's `linear_sum_assignment`) would need
each ambassador copied once per unit of volume, and a first-come greedy loop serves fewer requests.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np
from ortools.graph.python import min_cost_flow

from orientest.pool import school_year

SCORE_RESOLUTION = 1000  # scores are compared to the thousandth


@dataclass(frozen=True)
class Demand:
    """A request that needs `need` more proposals, and its candidates with their day and score."""

    request_id: str
    need: int
    rank: int  # 0 = the oldest request: ties go to it
    positions: np.ndarray
    days: tuple[date, ...]
    scores: np.ndarray


@dataclass(frozen=True)
class Pick:
    request_id: str
    position: int
    day: date


def assign(demands: list[Demand], remaining: dict[tuple[int, int], int]) -> list[Pick]:
    """The optimal picks; `remaining` is each ambassador's free volume per school year."""
    arcs = [(d, i) for d in demands for i in range(len(d.positions))]
    if not arcs:
        return []
    count = len(demands)
    request_node = {d.request_id: 2 + n for n, d in enumerate(demands)}
    slots = {(int(d.positions[i]), d.days[i]) for d, i in arcs}
    slot_node = {slot: 2 + count + n for n, slot in enumerate(sorted(slots))}
    years = sorted({(position, school_year(day)) for position, day in slots})
    year_node = {key: 2 + count + len(slot_node) + n for n, key in enumerate(years)}
    tails, heads, capacities, costs = [], [], [], []

    def arc(tail: int, head: int, capacity: int, cost: int = 0) -> None:
        tails.append(tail), heads.append(head), capacities.append(capacity), costs.append(cost)

    for demand in demands:
        arc(0, request_node[demand.request_id], demand.need)
    first_choice = len(tails)
    for demand, i in arcs:
        cost = -(int(round(demand.scores[i] * SCORE_RESOLUTION)) * (count + 1) + (count - demand.rank))
        arc(request_node[demand.request_id], slot_node[(int(demand.positions[i]), demand.days[i])], 1, cost)
    for (position, day), node in slot_node.items():
        arc(node, year_node[(position, school_year(day))], 1)  # one intervention a day
    for key, node in year_node.items():
        arc(node, 1, max(remaining.get(key, 0), 0))
    flows = _solve(tails, heads, capacities, costs, supply=sum(d.need for d in demands))
    return [Pick(demand.request_id, int(demand.positions[i]), demand.days[i])
            for (demand, i), flow in zip(arcs, flows[first_choice:first_choice + len(arcs)], strict=True) if flow]


def _solve(tails: list[int], heads: list[int], capacities: list[int], costs: list[int], supply: int) -> np.ndarray:
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(np.array(tails), np.array(heads), np.array(capacities),
                                                np.array(costs))
    solver.set_node_supply(0, supply)  # node 0 is the source, node 1 the sink
    solver.set_node_supply(1, -supply)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    return solver.flows(np.arange(solver.num_arcs()))
