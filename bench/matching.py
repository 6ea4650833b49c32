"""Matching at scale: served requests by the project's assignment, by first-come greedy, and the max-flow optimum;
requests for several ambassadors; what pistes add when nobody fits a request as asked.

    python -m bench.matching [--requests 2000] [--ambassadors 5000] [--repeat 3]

Prints one JSON object. The optimum is the maximum flow of the same network (requests → ambassador on a day →
ambassador's school year → sink) computed by a separate max-flow solver, ignoring scores.
"""

import argparse
import json
import subprocess
import sys
import time
from datetime import datetime

import numpy as np
from ortools.graph.python import max_flow

from bench.figures import summary
from bench.flows import peak_mb
from cli.seed import Seeder
from connectors.referential import load_referential
from connectors.settings import PROJECT_ROOT
from orientest.board import prepare
from orientest.context import Context
from orientest.core.french import school_year
from orientest.core.journal import AlternativeTaken, as_row
from orientest.core.schema import AMBASSADORS, ANSWERS, BASINS, JOURNAL, PARAMETERS, REQUESTS, Row, Table
from orientest.matching import run as matching
from orientest.matching import search
from orientest.matching.alternatives import from_code
from orientest.matching.assignment import assign
from orientest.requests.reading import read_request

START = datetime(2026, 9, 7)
NOW = datetime(2026, 10, 1, 18, 0)


def snapshot(ambassadors: int, requests: int, seed: int, several_share: float = 0.0) -> dict[str, Table]:
    referential = load_referential(PROJECT_ROOT / "data")
    seeder = Seeder(referential, seed, messy_share=0.0)
    people = [
        {**row, "ID": f"AMB-{n:05d}", "Statut": "Actif", "Charte acceptée (version)": "2026"}
        for n, row in enumerate(seeder.ambassadors(ambassadors, START, 14), start=1)
    ]
    asks = [
        {**row, "ID": f"DEM-2026-{n:05d}", "Statut": "En recherche"}
        for n, row in enumerate(seeder.requests(requests, START, 21, several_share), start=1)
    ]
    basins = [{"Code INSEE": c.insee, "Bassin": c.arrondissement_name} for c in referential.communes.all]

    def table(tab, rows):
        return Table(tab, tuple(Row(line, values, tab) for line, values in enumerate(rows, start=2)), tab.titles())

    return {
        "Ambassadeurs": table(AMBASSADORS, people),
        "Demandes": table(REQUESTS, asks),
        "Réponses": table(ANSWERS, []),
        "Journal": table(JOURNAL, []),
        "Paramètres": table(PARAMETERS, []),
        "Bassins": table(BASINS, basins),
    }


def context() -> Context:
    return Context(NOW, load_referential(PROJECT_ROOT / "data"), b"benchmark-secret-benchmark-secret")


def whole_decision(tables) -> tuple[int, float]:
    """The flow's whole decision: reading every form row, matching, writing the e-mails."""
    started = time.perf_counter()
    plan = matching.decide(tables, context())
    seconds = time.perf_counter() - started
    return len({e.record_id for e in plan.emails if e.template == "proposition"}), seconds


def assignment(tables) -> tuple[int, float, list, dict]:
    """Matching proper, on rows already read: candidates for every request, then the optimal assignment."""
    board, basins = prepare(tables, context(), matching.FLOW)
    started = time.perf_counter()
    calendar = search.calendar_of(board)
    wanted = search.collect_demands(board, context(), basins, calendar)
    remaining = search.remaining_volumes(board, calendar, wanted)
    picks = assign(wanted, remaining)
    return len({p.request_id for p in picks}), time.perf_counter() - started, wanted, remaining


def greedy(wanted, remaining) -> tuple[int, float]:
    """First come, first served: each request in turn takes its best candidate still free."""
    started = time.perf_counter()
    left, taken, served = dict(remaining), set(), 0
    for demand in sorted(wanted, key=lambda d: d.rank):
        for i in np.argsort(-demand.scores):
            position, day = int(demand.positions[i]), demand.days[i]
            key = (position, school_year(day))
            if left.get(key, 0) > 0 and (position, day) not in taken:
                left[key] -= 1
                taken.add((position, day))
                served += 1
                break
    return served, time.perf_counter() - started


def optimum(wanted, remaining, places: bool = False) -> int:
    """Maximum number of requests that can be served at once, whatever the scores (`places`: of places, each
    request taking as many as it needs)."""
    solver = max_flow.SimpleMaxFlow()
    nodes: dict = {}

    def node(key) -> int:
        return nodes.setdefault(key, len(nodes) + 2)

    slots = set()
    for demand in wanted:
        solver.add_arc_with_capacity(0, node(("r", demand.request_id)), demand.need if places else 1)
        for position, day in zip(demand.positions, demand.days, strict=True):
            slot, year = node(("s", int(position), day)), node(("y", int(position), school_year(day)))
            solver.add_arc_with_capacity(node(("r", demand.request_id)), slot, 1)
            if slot not in slots:  # one intervention a day: a single arc of capacity 1 per slot
                slots.add(slot)
                solver.add_arc_with_capacity(slot, year, 1)
    for (position, year), free in remaining.items():
        if ("y", position, year) in nodes:
            solver.add_arc_with_capacity(nodes[("y", position, year)], 1, max(free, 0))
    assert solver.solve(0, 1) == solver.OPTIMAL
    return solver.optimal_flow()


def run(requests: int, ambassadors: int, repeat: int, seed: int = 42) -> dict:
    tables = snapshot(ambassadors, requests, seed)
    runs = [assignment(tables) for _ in range(repeat)]
    served, _, wanted, remaining = runs[0]
    decisions = [whole_decision(tables) for _ in range(repeat)]
    greedy_runs = [greedy(wanted, remaining) for _ in range(repeat)]
    assert decisions[0][0] == served, "the flow's decision and the assignment disagree"
    return {
        "requests": requests,
        "ambassadors": ambassadors,
        "served": served,
        "optimum": optimum(wanted, remaining),
        "greedy_served": greedy_runs[0][0],
        "seconds": summary([r[1] for r in runs])["median"],
        "seconds_detail": summary([r[1] for r in runs]),
        "greedy_seconds": summary([s for _, s in greedy_runs])["median"],
        "decide_seconds": summary([s for _, s in decisions]),
        "candidate_pairs": int(sum(len(d.positions) for d in wanted)),
    }


def several_places(requests: int, ambassadors: int, repeat: int, share: float = 0.1, seed: int = 42) -> dict:
    """The flow's decision when `share` of requests ask for 2 to 5 ambassadors: seconds, peak memory of this process,
    places served against the max-flow optimum with places."""
    tables = snapshot(ambassadors, requests, seed, share)
    board, basins = prepare(tables, context(), matching.FLOW)
    calendar = search.calendar_of(board)
    wanted = search.collect_demands(board, context(), basins, calendar)
    remaining = search.remaining_volumes(board, calendar, wanted)
    places = len(assign(wanted, remaining))
    decisions = [whole_decision(tables) for _ in range(repeat)]
    several = sum(1 for row in tables["Demandes"].rows if row["Nombre d'ambassadeurs souhaités"].strip())
    return {
        "requests": requests,
        "ambassadors": ambassadors,
        "several_places_requests": several,
        "places_asked": int(sum(d.need for d in wanted)),
        "places_served": places,
        "places_optimum": optimum(wanted, remaining, places=True),
        "decide_seconds": summary([s for _, s in decisions]),
        "peak_mb": peak_mb(),
    }


def with_pistes(requests: int, ambassadors: int, seed: int = 42) -> dict:
    """Requests nobody fits as asked get pistes; if every requester takes the first one, how many more are served at
    the next run (the proposals of the first run holding their ambassadors)."""
    tables = snapshot(ambassadors, requests, seed)
    first = matching.decide(tables, context())
    offered = {e.record_id: e.context["pistes"] for e in first.emails if e.template == "pistes"}
    served = {e.record_id for e in first.emails if e.template == "proposition"}
    second = matching.decide(_first_pistes_taken(tables, first, offered), context())
    again = {e.record_id for e in second.emails if e.template == "proposition"} - served
    return {
        "requests": requests,
        "ambassadors": ambassadors,
        "served_without_pistes": len(served),
        "offered_pistes": len(offered),
        "served_after_first_piste_taken": len(served) + len(again),
        "no_solution_without_pistes": len(offered) + sum(1 for e in first.emails if e.template == "sans_solution"),
    }


def _first_pistes_taken(tables, plan, offered) -> dict[str, Table]:
    """The workbook after the first run, every requester offered pistes having taken the first."""
    referential = load_referential(PROJECT_ROOT / "data")
    changes = {u.key.id: dict(u.values) for u in plan.updates if u.tab == "Demandes"}
    codes = {e.record_id: e.detail.split()[0] for e in plan.journal if e.action == "pistes proposées"}
    rows = []
    for row in tables["Demandes"].rows:
        values = {**row.values, **changes.get(row["ID"], {})}
        if row["ID"] in codes:
            request = read_request(row, referential)[0]
            piste = from_code(codes[row["ID"]], request, referential.sectors)
            values.update({**dict(piste.cells), "Statut": "En recherche"})
        rows.append(Row(row.line, values, REQUESTS))
    journal = [Row(n, as_row(entry), JOURNAL) for n, entry in enumerate(plan.journal, start=2)]
    journal += [
        Row(len(journal) + n, as_row(AlternativeTaken(request_id, code).entry(NOW, "matching")), JOURNAL)
        for n, (request_id, code) in enumerate(codes.items(), start=2)
    ]
    return {
        **tables,
        "Demandes": Table(REQUESTS, tuple(rows), REQUESTS.titles()),
        "Journal": Table(JOURNAL, tuple(journal), JOURNAL.titles()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--ambassadors", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--several", action="store_true", help="only the decision with 10 % multi-place requests")
    arguments = parser.parse_args()
    if arguments.several:
        print(json.dumps(several_places(arguments.requests, arguments.ambassadors, arguments.repeat)))
        return
    result = {
        "matching": run(arguments.requests, arguments.ambassadors, arguments.repeat),
        # Few ambassadors for many requests: where first-come greedy loses requests the optimum serves.
        "matching_scarce": run(arguments.requests, arguments.ambassadors // 10, arguments.repeat),
        "pistes_scarce": with_pistes(arguments.requests, arguments.ambassadors // 10),
        "several_places": _in_child(arguments),
    }
    print(json.dumps(result, indent=2))


def _in_child(arguments) -> dict:
    """The multi-place decision in a process of its own: its peak memory is its own."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.matching",
            "--several",
            "--requests",
            str(arguments.requests),
            "--ambassadors",
            str(arguments.ambassadors),
            "--repeat",
            str(arguments.repeat),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
