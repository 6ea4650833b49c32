"""`Affectation manuelle`: staff's choice of ambassadors for a request, carried out or refused with the reason in
`Anomalies`, the same run."""

from dataclasses import dataclass

from orientest.board import Board, Case
from orientest.core.french import count, format_date
from orientest.matching.rules import Search, reasons_against
from orientest.proposals.ledger import Proposal
from orientest.requests.staff_entries import Pick
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.statuses.proposals import ProposalState

ABOUT = "• Affectation manuelle : "


@dataclass(frozen=True)
class ManualOutcome:
    to_propose: tuple[tuple[int, bool], ...]  # pool positions, each with whether it is a new proposal to someone asked
    refusals: tuple[str, ...]  # the choice cannot be carried out as typed: the search waits for staff
    notes: tuple[str, ...]  # said to staff, the search goes on

    @property
    def blocks_search(self) -> bool:
        return bool(self.to_propose or self.refusals)

    def anomalies(self) -> list[str]:
        return [f"{ABOUT}{line}" for line in (*self.refusals, *self.notes)]


def manual_outcome(board: Board, case: Case, search: Search) -> ManualOutcome:
    """What to do with each ID typed: propose, leave (already asked and waiting), or say why not."""
    choice = case.staff.manual
    refusals = [f"« {part[:30]} » n'est pas un ID d'ambassadeur (AMB-00012)" for part in choice.unreadable]
    notes: list[str] = []
    to_propose: list[tuple[int, bool]] = []
    for pick in choice.picks:
        outcome = _one(board, case, search, pick)
        if isinstance(outcome, tuple):
            to_propose.append(outcome)
        elif outcome is not None:
            (refusals if outcome.refusal else notes).append(outcome.text)
    places = case.places_left
    if len(to_propose) > places:
        refusals.append(
            f"{count(len(to_propose), 'ambassadeur indiqué', 'ambassadeurs indiqués')} pour "
            f"{count(places, 'place', 'places')} à pourvoir : indiquez-en au plus {places} (aucune proposition envoyée)"
        )
        to_propose = []
    if choice.unreadable:  # the choice may say more than orientest reads: nobody is asked on a part of it
        to_propose = []
    return ManualOutcome(tuple(to_propose), tuple(refusals), tuple(notes))


@dataclass(frozen=True)
class _Said:
    text: str
    refusal: bool


def _one(board: Board, case: Case, search: Search, pick: Pick) -> tuple[int, bool] | _Said | None:
    ambassador_id, position = pick.ambassador_id, board.positions.get(pick.ambassador_id)
    member = board.member(ambassador_id)
    if position is None or member is None:
        return _Said(f"{ambassador_id} inconnu : aucune fiche lisible de `Ambassadeurs` n'a cet ID", True)
    if member.status != AmbassadorStatus.ACTIVE:
        return _Said(
            f"{ambassador_id} est « {member.status or 'sans statut'} » : aucune proposition ne peut lui être faite, "
            "même forcée (son statut doit être « Actif »)",
            True,
        )
    earlier = board.ledger.by_request.get(case.id, {}).get(ambassador_id)
    if earlier is not None:
        return _asked_before(earlier, pick, position, ambassador_id in case.ambassadors)
    objections = reasons_against(board.pool, position, search)
    if objections and not pick.forced:
        return _Said(
            f"{ambassador_id} ne convient pas ({'; '.join(objections)}) ; écrivez "
            f"« {ambassador_id} forcer » pour le lui proposer quand même",
            True,
        )
    return (position, False)


def _asked_before(earlier: Proposal, pick: Pick, position: int, coming: bool) -> tuple[int, bool] | _Said | None:
    """Waiting for their answer, or coming: nothing to do. Answered: once more only if staff force it, and once."""
    if earlier.is_open or coming:
        return None
    answered = (
        f"« {_ANSWERED.get(earlier.state, earlier.state)} » (proposition du {format_date(earlier.sent_at.date())})"
    )
    if earlier.again:
        return _Said(
            f"{pick.ambassador_id}, sollicité de nouveau à votre demande, a répondu {answered} ; "
            "effacez son ID ou indiquez quelqu'un d'autre",
            False,
        )
    if not pick.forced:
        return _Said(
            f"{pick.ambassador_id} a déjà été sollicité pour cette demande : {answered} ; écrivez "
            f"« {pick.ambassador_id} forcer » pour la lui proposer de nouveau",
            False,
        )
    return (position, True)


_ANSWERED: dict[str, str] = {
    ProposalState.DECLINED: "déclinée",
    ProposalState.EXPIRED: "expirée sans réponse",
    ProposalState.FILLED: "pourvue par un autre",
    ProposalState.WITHDRAWN: "retirée",
    ProposalState.CALLED_OFF: "acceptée puis annulée",
}
