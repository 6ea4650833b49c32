"""A proposal's life: sent, maybe reminded, then answered, expired or withdrawn."""

from enum import StrEnum

from orientest.statuses.lifecycle import UNSET, Lifecycle, transition


class ProposalState(StrEnum):
    SENT = "Envoyée"
    REMINDED = "Relancée"  # journalled on a reminder; the proposal stays as it was, marked reminded
    OTHER_DATE = "Autre date proposée"
    ACCEPTED = "Acceptée"
    DECLINED = "Déclinée"
    EXPIRED = "Expirée"
    FILLED = "Pourvue ailleurs"
    WITHDRAWN = "Retirée"  # the request was cancelled, or the ambassador left the network
    CALLED_OFF = "Annulée par l'ambassadeur"  # accepted, then cancelled: they are not asked again for it


S = ProposalState
OPEN = frozenset({S.SENT, S.REMINDED, S.OTHER_DATE})
ANSWERED = frozenset({S.ACCEPTED, S.DECLINED, S.EXPIRED, S.CALLED_OFF})  # what the acceptance rate counts
TAKEN = frozenset({S.ACCEPTED, S.CALLED_OFF})

SEND = transition(
    "envoi", {UNSET}, S.SENT, "le matching (ou l'équipe par `Affectation manuelle`) choisit l'ambassadeur"
)
REMIND = transition(
    "relance", OPEN, S.REMINDED, "à mi-délai sans réponse, ou « Relancer » par l'équipe ; la proposition reste ouverte"
)
OTHER_DATE = transition(
    "autre date",
    OPEN,
    S.OTHER_DATE,
    "l'ambassadeur propose une autre date : le demandeur la retient ou non d'un clic (l'équipe peut aussi la retenir)",
)
OTHER_DATE_TAKEN = transition(
    "autre date retenue",
    {S.OTHER_DATE},
    S.ACCEPTED,
    "le demandeur (ou l'équipe, par « Accepter l'autre date ») retient le jour proposé par l'ambassadeur",
)
OTHER_DATE_REFUSED = transition(
    "autre date écartée",
    {S.OTHER_DATE},
    S.DECLINED,
    "le demandeur ne retient pas le jour proposé : la recherche reprend",
)
ACCEPT = transition("acceptation", OPEN, S.ACCEPTED, "l'ambassadeur accepte par son lien")
DECLINE = transition("refus", OPEN, S.DECLINED, "l'ambassadeur n'est pas disponible")
EXPIRE = transition("expiration", OPEN, S.EXPIRED, "pas de réponse dans le délai de `Paramètres`")
FILL = transition("pourvue ailleurs", OPEN, S.FILLED, "un autre ambassadeur a accepté avant")
WITHDRAW = transition("retrait", OPEN, S.WITHDRAWN, "la demande est annulée, ou l'ambassadeur quitte le réseau")
CALL_OFF = transition("annulation", {S.ACCEPTED}, S.CALLED_OFF, "l'ambassadeur annule après avoir accepté")

LIFECYCLE = Lifecycle(
    "proposition",
    tuple(ProposalState),
    (SEND, REMIND, OTHER_DATE, OTHER_DATE_TAKEN, OTHER_DATE_REFUSED, ACCEPT, DECLINE, EXPIRE, FILL, WITHDRAW, CALL_OFF),
)
