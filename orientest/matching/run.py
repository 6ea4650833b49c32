"""Matching: answers, reminders, expiries and staff columns first, then every open request assigned at once."""

from orientest.board import Board, prepare
from orientest.context import Context
from orientest.core import journal
from orientest.core.french import school_year
from orientest.core.plan import Plan, RowUpdate
from orientest.core.record_rows import record_rows
from orientest.core.schema import Snapshot
from orientest.matching.answers import process_answers
from orientest.matching.expiry import remind_and_expire
from orientest.matching.search import search
from orientest.matching.staff import carry_out_actions, follow_new_dates, follow_video_links
from orientest.statuses import requests as request_life

FLOW = "matching"
TABS = ("Demandes", "Ambassadeurs", "Réponses", "Retours", "Paramètres", "Bassins", "Journal", "Envois")


def decide(snapshot: Snapshot, context: Context) -> Plan:
    board, basins = prepare(snapshot, context, FLOW)
    carry_out_actions(board, context.secret)
    follow_new_dates(board, context.secret)
    follow_video_links(board)
    answer_updates = process_answers(board, snapshot["Réponses"], context)
    remind_and_expire(board, context.secret)
    search(board, context, basins)
    plan = board.plan
    plan.updates += board.row_updates() + answer_updates + _ambassador_counts(board, snapshot)
    return journal.drop_sent(plan, snapshot)


def _ambassador_counts(board: Board, snapshot: Snapshot) -> list[RowUpdate]:
    """`Interventions (année scolaire)`: what each ambassador has confirmed or done this school year."""
    year = school_year(board.today)
    counts = {ambassador_id: 0 for ambassador_id in board.positions}
    for case in board.cases.values():
        day = case.confirmed_day
        if case.status in request_life.CONFIRMED_OR_LATER and day and school_year(day) == year:
            for ambassador_id in case.ambassadors:
                if ambassador_id in counts:
                    counts[ambassador_id] += 1
    return [
        record.update(interventions=str(n))
        for record in record_rows(snapshot["Ambassadeurs"])
        if (n := counts.get(record.id)) is not None and record.interventions != str(n)
    ]
