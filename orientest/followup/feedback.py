"""`Retours` rows: each side's feedback on an intervention, checked, stored against it, no-shows counted."""

from collections import Counter
from dataclasses import dataclass, field

from orientest.board import Board, Case
from orientest.core.plan import RowUpdate
from orientest.core.schema import FEEDBACK, Table
from orientest.core.tokens import FEEDBACK as FEEDBACK_ACTION
from orientest.core.tokens import REQUESTER, person_of, verify
from orientest.forms.fields import FieldReader, anomalies_text
from orientest.forms.questions import FEEDBACK_FORM
from orientest.requests.outcomes import (
    AMBASSADOR_ROLE,
    CALLED_OFF,
    HELD,
    REQUESTER_ROLE,
    TOOK_PLACE,
    absent_ambassador,
)
from orientest.statuses import requests as request_life
from orientest.submissions.feedback import PASS_ON, QUOTED, FeedbackRow, Words, read_feedback_rows


@dataclass
class Feedback:
    """What the `Retours` tab says once this run's rows are read: who answered, and who did not come."""

    received: dict[str, set[str]] = field(default_factory=dict)  # request ID → who answered: requester, ambassador IDs
    no_shows: Counter = field(default_factory=Counter)  # ambassador ID → interventions they missed
    called_off: set[str] = field(default_factory=set)  # requests one side says did not take place
    absent: set[str] = field(default_factory=set)  # requests whose requester says, this run, nobody came
    thanked: dict[str, Words | None] = field(default_factory=dict)  # held, says its requester this run: their words
    updates: list[RowUpdate] = field(default_factory=list)

    def count(self, case: Case, who: str, role: str, held: str, fresh: bool = False) -> None:
        """`fresh`: read this run. Only then does a no-show change the request: staff who put it back to
        « Réalisée » (the requester was wrong) are not overruled by the same feedback on the next run."""
        self.received.setdefault(case.id, set()).add(who)
        if absent := absent_ambassador(role, held, case.ambassadors):
            self.no_shows[absent] += 1
            if fresh:
                self.absent.add(case.id)
        if held == CALLED_OFF:
            self.called_off.add(case.id)


def read_feedback(board: Board, table: Table, secret: bytes) -> Feedback:
    feedback = Feedback()
    rows = read_feedback_rows(table)
    for row in rows:
        if row.accepted and (case := board.cases.get(row.request_id)) is not None:
            feedback.count(case, _who(row.role, person_of(row.token)), row.role, HELD.one(row.held) or "")
    for row in rows:
        if row.source.to_process:
            feedback.updates.append(_process(board, row, secret, feedback))
    return feedback


def _process(board: Board, row: FeedbackRow, secret: bytes, feedback: Feedback) -> RowUpdate:
    claims, problem = verify(row.token, secret, board.today)
    case = board.cases.get(claims.record_id) if claims else None
    if claims is not None and claims.action != FEEDBACK_ACTION:
        problem = "ce jeton ne sert pas à donner un avis"
    elif claims is not None and (case is None or case.status not in request_life.FEEDBACK_WELCOME):
        problem = f"aucune intervention réalisée pour {claims.record_id}"
    elif claims is not None and case is not None and claims.person_id not in (REQUESTER, *case.ambassadors):
        problem = f"{claims.person_id} n'est pas partie à {claims.record_id}"
    if problem or claims is None or case is None:
        return row.source.processed_at(board.now, problem)
    role = REQUESTER_ROLE if claims.person_id == REQUESTER else AMBASSADOR_ROLE
    held, anomalies = _checked(row)
    who = _who(role, claims.person_id)
    if who in feedback.received.get(case.id, set()):
        anomalies = f"• avis déjà reçu pour {case.id} ({role.lower()})"
    if not anomalies:
        feedback.count(case, who, role, held, fresh=True)
        if role == REQUESTER_ROLE and held == TOOK_PLACE:
            feedback.thanked[case.id] = row.passed_on
    concerns = frozenset() if anomalies else frozenset({case.id})
    return row.source.processed_at(board.now, anomalies, concerns, request_id=case.id, role=role)


def _who(role: str, person_id: str) -> str:
    """Who answered: the requester, or which ambassador (a request may have several)."""
    return REQUESTER_ROLE if role == REQUESTER_ROLE else person_id or AMBASSADOR_ROLE


def _checked(row: FeedbackRow) -> tuple[str, str]:
    """The figures must be plausible: participants, satisfaction and help with orientation from 1 to 5."""
    read = FieldReader(row.row, FEEDBACK_FORM)
    held = read.one("L'intervention a eu lieu")
    read.integer("Nombre de participants")
    read.integer("Satisfaction", required=held == TOOK_PLACE)
    read.integer("Aide à l'orientation")
    read.many("Intentions de formation")
    read.text("Commentaire", max_length=5000)
    read.one(PASS_ON)
    read.one(QUOTED)
    return held, anomalies_text(read.anomalies_in_column_order(FEEDBACK))
