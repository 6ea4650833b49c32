"""`Avis des participants` rows: each answer checked against the intervention its link names, then counted; an
answer that cannot count says why on its row, for staff."""

from collections import Counter

from orientest.board import Board, Case
from orientest.core.french import format_date
from orientest.core.plan import RowUpdate
from orientest.core.schema import PARTICIPANTS, Table
from orientest.core.tokens import GROUP, verify
from orientest.core.tokens import PARTICIPANTS as PARTICIPANTS_ACTION
from orientest.forms.fields import FieldReader, anomalies_text
from orientest.forms.questions import (
    CHANGED_TITLE,
    CONSIDERING_TITLE,
    INFORMED_TITLE,
    NEXT_STEP_TITLE,
    PARTICIPANTS_FORM,
)
from orientest.statuses import requests as request_life
from orientest.submissions.feedback import read_feedback_rows
from orientest.submissions.participants import ParticipantRow, read_participant_rows


def read_participants(board: Board, table: Table | None, feedback: Table | None, secret: bytes) -> list[RowUpdate]:
    """The rows this run processes, marked with their intervention or with why they do not count."""
    rows = read_participant_rows(table)
    counted = Counter(row.request_id for row in rows if row.accepted)
    reported = _reported_participants(feedback)
    updates = []
    for row in rows:
        if not row.source.to_process:
            continue
        case, problem = _case_of(board, row, secret)
        if case is not None and not problem:
            problem = _checked(row) or _over(case, counted[case.id], reported.get(case.id, 0))
        if case is None or problem:
            updates.append(row.source.processed_at(board.now, problem))
            continue
        counted[case.id] += 1
        updates.append(row.source.processed_at(board.now, "", request_id=case.id))
    return updates


def _case_of(board: Board, row: ParticipantRow, secret: bytes) -> tuple[Case | None, str]:
    claims, problem = verify(row.token, secret, board.today)
    if claims is None:
        return None, problem
    case = board.cases.get(claims.record_id)
    if claims.action != PARTICIPANTS_ACTION or claims.person_id != GROUP:
        return None, "ce jeton ne sert pas à l'avis des participants"
    if case is None or case.status not in request_life.CONFIRMED_OR_LATER or case.confirmed_day is None:
        return None, f"aucune intervention confirmée pour {claims.record_id} : réponse non comptée"
    if row.source.submitted_at is not None and row.source.submitted_at.date() < case.confirmed_day:
        return None, f"envoyée avant l'intervention du {format_date(case.confirmed_day)} : réponse non comptée"
    return case, ""


def _checked(row: ParticipantRow) -> str:
    read = FieldReader(row.row, PARTICIPANTS_FORM)
    read.one(INFORMED_TITLE)
    read.one(CONSIDERING_TITLE)
    read.one(CHANGED_TITLE)
    read.many(NEXT_STEP_TITLE)
    return anomalies_text(read.anomalies_in_column_order(PARTICIPANTS))


def _over(case: Case, counted: int, reported: int) -> str:
    """More answers than people in the room: the link went further than the group (a forwarded e-mail, a joke)."""
    expected = max(case.request.participants, reported)
    if counted < expected:
        return ""
    return (
        f"déjà {counted} réponse(s) pour {expected} participant(s) annoncé(s) : réponse non comptée. Si le groupe "
        "était plus nombreux, corrigez « Nombre de participants » dans l'avis du demandeur, puis videz « Traitée » "
        "sur cette ligne"
    )


def _reported_participants(feedback: Table | None) -> dict[str, int]:
    """The largest head count a side gave in accepted feedback, by request."""
    reported: dict[str, int] = {}
    for row in read_feedback_rows(feedback):
        if (fact := row.fact) is not None and fact.participants:
            reported[fact.request_id] = max(fact.participants, reported.get(fact.request_id, 0))
    return reported
