"""`Réponses` rows: an answer to a proposal, a cancellation, the new charter or a choice among pistes, acted on only
when its token holds."""

from orientest.ambassadors import charter
from orientest.board.state import Board
from orientest.context import Context
from orientest.core.journal import CharterAccepted
from orientest.core.plan import RowUpdate
from orientest.core.schema import Table
from orientest.core.tokens import ANSWER, CANCEL, CHARTER, Claims, named, verify
from orientest.forms import options
from orientest.matching import cancellation, emails, other_date
from orientest.matching.acceptance import accept, back_to_search_if_idle, said
from orientest.matching.offering import act_on_choice, is_choice
from orientest.matching.other_date import is_other_date
from orientest.statuses import proposals as proposal_life
from orientest.statuses import requests as request_life
from orientest.submissions.answers import Answer, read_answers

ACCEPT, DECLINE, OTHER_DATE, MUST_CANCEL = options.ANSWER.labels


def process_answers(board: Board, table: Table, context: Context) -> list[RowUpdate]:
    """Each new answer is acted on or gets its anomaly; either way it is marked processed, together with what it led
    to (a record held back holds its answer too)."""
    updates = []
    for answer in read_answers(table):
        if not answer.source.to_process:
            continue
        if waiting := _waiting(board, answer):  # left for the next run, said on the row
            if (update := answer.source.waiting(waiting)) is not None:
                updates.append(update)
            continue
        with board.tracing() as touched:
            anomaly = _route(board, answer, context)
        updates.append(answer.source.processed_at(board.now, anomaly, frozenset(touched)))
    return updates


def _waiting(board: Board, answer: Answer) -> str:
    """Why an answer cannot be acted on yet: the request it answers, or the ambassador's record, does not read now
    (a cell mistyped)."""
    for record_id in named(answer.token)[:2]:
        if record_id in board.unreadable:
            what = "la demande" if record_id.startswith("DEM-") else "la fiche"
            return (
                f"en attente : {what} {record_id} ne se lit plus ({board.unreadable[record_id][:200]}) ; la "
                "réponse sera traitée dès qu'elle sera corrigée"
            )
    return ""


def _route(board: Board, submitted: Answer, context: Context) -> str:
    """The token says what the answer is about: a proposal, a cancellation, the charter, or the requester's choice
    among pistes."""
    secret = context.secret
    # A token is checked on the day the form was sent (the form's own timestamp), not the day a run reads it: an
    # answer sent in time counts even if the flows were stopped for a while.
    sent = submitted.source.submitted_at
    claims, problem = verify(submitted.token, secret, min(sent.date(), board.today) if sent else board.today)
    if claims is None:
        return problem
    answer = options.ANSWER.one(submitted.answer)
    if is_other_date(claims):
        return other_date.act_on_requester_choice(board, claims, answer or "", secret)
    if is_choice(claims):
        return act_on_choice(board, claims, answer or "", context.referential.sectors)
    if claims.action == CANCEL and answer == MUST_CANCEL:
        return cancellation.act_on(board, claims, submitted.words)
    if claims.action == CHARTER and answer == ACCEPT:
        return _accept_charter(board, claims)
    if claims.action == ANSWER and answer != MUST_CANCEL:
        return _act_on(board, submitted, claims, secret)
    if answer == MUST_CANCEL:
        return "pour annuler, utilisez le lien de l'e-mail de confirmation"
    return "ce jeton ne sert pas à répondre à une proposition"


def _act_on(board: Board, submitted: Answer, claims: Claims, secret: bytes) -> str:
    answer = options.ANSWER.one(submitted.answer)
    offer = board.ledger.proposals.get((claims.record_id, claims.person_id))
    case, member = board.cases.get(claims.record_id), board.member(claims.person_id)
    if answer is None:
        return f"réponse « {submitted.answer[:40]} » inconnue"
    if offer is None or case is None or member is None:
        return f"aucune proposition de {claims.record_id} n'a été faite à {claims.person_id}"
    if not offer.is_open:
        return f"proposition déjà close ({offer.state.lower()}) : rien n'a été changé"
    if answer == ACCEPT and not request_life.CONFIRM.allows(case.status):
        return f"la demande est « {case.status} » : acceptation non appliquée, à voir par l'équipe"
    if answer == ACCEPT:
        accept(board, offer, secret, submitted.words, link=submitted.video_link)
        if submitted.asks_something and board.parameters.staff_email:
            board.email(emails.comment_to_read(board, case, member.ambassador, submitted, "confirmée"))
    elif answer == DECLINE:
        board.move_proposal(offer, proposal_life.DECLINE, said(submitted.words))
        back_to_search_if_idle(board, offer.request_id)
        # nobody else reads a decline: « ma collègue pourrait me remplacer » must reach staff
        if submitted.words and board.parameters.staff_email:
            board.email(emails.comment_to_read(board, case, member.ambassador, submitted, "déclinée"))
    else:
        other_date.offered(board, case, offer, member.ambassador, submitted, secret)
    return ""


def _accept_charter(board: Board, claims: Claims) -> str:
    """The ambassador accepted the charter through their signed link: their record says which version."""
    version = board.parameters.charter_version
    if claims.record_id != charter.record_id(version):
        return f"cette version de la charte n'est plus en vigueur (version actuelle : {version})"
    if board.member(claims.person_id) is None:
        return f"ambassadeur {claims.person_id} inconnu"
    board.set_ambassador(claims.person_id, {"Charte acceptée (version)": version})
    board.journal(CharterAccepted(claims.person_id, version))
    return ""
