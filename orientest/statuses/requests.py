"""A request's life: its statuses, the sets of them the flows look at, and every change a flow may make."""

from enum import StrEnum

from orientest.statuses.lifecycle import UNSET, Lifecycle, transition


class RequestStatus(StrEnum):
    NEW = "Nouvelle"
    INCOMPLETE = "Incomplète"
    SEARCHING = "En recherche"
    PROPOSED = "Proposée"
    PARTLY_FILLED = "Partiellement pourvue"
    ALTERNATIVES_OFFERED = "Pistes proposées"
    CONFIRMED = "Confirmée"
    DONE = "Réalisée"
    NO_SHOW = "Ambassadeur absent"
    CLOSED = "Clôturée"
    CANCELLED = "Annulée"
    NO_SOLUTION = "Sans solution"
    DUPLICATE = "Doublon"


class StaffAction(StrEnum):
    """What staff type in `Action`: carried out by the next matching run, then cleared."""

    CANCEL = "Annuler"
    REMIND = "Relancer"
    REOPEN = "Rouvrir"
    TAKE_OTHER_DATE = "Accepter l'autre date"


S = RequestStatus
INTAKE_OWNS = frozenset({UNSET, S.NEW, S.INCOMPLETE, S.SEARCHING})  # intake may still change these
NOT_IN_PLAY = frozenset({UNSET, S.INCOMPLETE, S.DUPLICATE})  # nothing to match, follow or cancel
NOT_REQUESTS = frozenset({UNSET, S.DUPLICATE})  # not counted as requests received
COMING = frozenset({S.PARTLY_FILLED, S.CONFIRMED})  # ambassadors are expected on the date
CONFIRMED_OR_LATER = COMING | {S.DONE, S.CLOSED}  # an ambassador is (or was) coming
PAST_SEARCH = frozenset({S.CONFIRMED, S.DONE, S.CLOSED, S.CANCELLED, S.NO_SOLUTION})  # every place filled, or over
ENDED = frozenset({S.CANCELLED, S.CLOSED, S.DONE, S.NO_SHOW})  # nothing left to cancel
REOPENABLE_IN_ORDER = (S.SEARCHING, S.ALTERNATIVES_OFFERED, S.NO_SOLUTION, S.CANCELLED)
REOPENABLE = frozenset(REOPENABLE_IN_ORDER)
HELD = frozenset({S.DONE, S.CLOSED})  # took place
FEEDBACK_WELCOME = HELD | {S.NO_SHOW}  # the day is past with someone expected: each side may say how it went
MATCHED = CONFIRMED_OR_LATER | {S.NO_SHOW}  # an ambassador was found, whatever happened on the day
FINISHED = frozenset(
    {S.CLOSED, S.CANCELLED, S.NO_SOLUTION, S.DUPLICATE, S.INCOMPLETE, S.DONE, S.NO_SHOW}
)  # retention runs

VALIDATE = transition("demande reçue", INTAKE_OWNS, S.SEARCHING, "le formulaire est complet et cohérent")
INVALIDATE = transition(
    "demande incomplète",
    INTAKE_OWNS,
    S.INCOMPLETE,
    "une réponse manque ou ne convient pas ; le demandeur reçoit la liste à corriger",
)
DUPLICATE_OF = transition("doublon", None, S.DUPLICATE, "même adresse et même contenu qu'un envoi de moins de 24 h")
PROPOSE = transition("proposition", {S.SEARCHING}, S.PROPOSED, "un ambassadeur a reçu la proposition")
BACK_TO_SEARCH = transition(
    "retour en recherche",
    {S.PROPOSED},
    S.SEARCHING,
    "toutes les propositions sont closes (déclinées, expirées, retirées)",
)
CONFIRM = transition(
    "confirmation",
    {S.PROPOSED, S.SEARCHING, S.NO_SOLUTION, S.PARTLY_FILLED},
    S.CONFIRMED,
    "un ambassadeur a accepté une proposition encore ouverte : toutes les places sont pourvues",
)
FILL_PLACE = transition(
    "place pourvue",
    {S.PROPOSED, S.SEARCHING, S.NO_SOLUTION, S.PARTLY_FILLED},
    S.PARTLY_FILLED,
    "un ambassadeur a accepté ; d'autres places de la demande restent à pourvoir",
)
OFFER_ALTERNATIVES = transition(
    "pistes proposées",
    {S.SEARCHING},
    S.ALTERNATIVES_OFFERED,
    "personne ne convient à la demande telle quelle (après la période de recherche, "
    "tentatives épuisées ou dates passées) ; le demandeur reçoit les changements qui "
    "ouvriraient des candidats (colonne Pistes)",
)
TAKE_ALTERNATIVE = transition(
    "piste retenue",
    {S.ALTERNATIVES_OFFERED},
    S.SEARCHING,
    "le demandeur a choisi une piste : sa demande est modifiée, la recherche reprend",
)
GIVE_UP = transition(
    "sans solution",
    {S.SEARCHING, S.ALTERNATIVES_OFFERED},
    S.NO_SOLUTION,
    "aucune piste n'ouvre de candidat, ou le demandeur n'en a retenu aucune (refus, ou pas de "
    "réponse dans le délai de réponse)",
)
CANCEL = transition(
    "annulation par l'équipe", None, S.CANCELLED, "« Annuler » dans la colonne Action", unless=ENDED | NOT_IN_PLAY
)
REOPEN = transition(
    "réouverture",
    REOPENABLE,
    S.SEARCHING,
    "« Rouvrir » (ou « Relancer » sans personne à relancer) : tentatives remises à zéro",
)
CANCEL_BY_REQUESTER = transition(
    "annulation par le demandeur", COMING, S.CANCELLED, "le demandeur a annulé par le lien de sa confirmation"
)
WITHDRAWAL = transition(
    "désistement",
    COMING,
    S.SEARCHING,
    "le seul ambassadeur attendu a annulé avant le jour (ou a quitté le réseau) : un autre est cherché",
)
PLACE_FREED = transition(
    "place libérée",
    COMING,
    S.PARTLY_FILLED,
    "un des ambassadeurs attendus a annulé, les autres viennent : sa place est de nouveau cherchée (avant le jour)",
)
CALLED_OFF = transition(
    "annulation le jour même",
    COMING,
    S.CANCELLED,
    "le seul ambassadeur attendu a annulé le jour même ou après : l'intervention n'a pas lieu",
)
HOLD = transition(
    "réalisation",
    COMING,
    S.DONE,
    "la date de l'intervention est passée (avec les ambassadeurs confirmés, même si des places restaient)",
)
DID_NOT_HAPPEN = transition("non tenue", {S.DONE}, S.CANCELLED, "un retour dit que l'intervention n'a pas eu lieu")
ABSENT = transition(
    "ambassadeur absent",
    {S.DONE},
    S.NO_SHOW,
    "le demandeur répond « Non, ambassadeur absent » pour une intervention d'un seul ambassadeur : elle ne compte "
    "ni dans les interventions réalisées ni dans les participants ; l'équipe est prévenue",
)
CLOSE = transition("clôture", {S.DONE}, S.CLOSED, "les deux retours sont arrivés, ou 30 jours ont passé")

LIFECYCLE = Lifecycle(
    "demande",
    tuple(RequestStatus),
    (
        VALIDATE,
        INVALIDATE,
        DUPLICATE_OF,
        PROPOSE,
        BACK_TO_SEARCH,
        CONFIRM,
        FILL_PLACE,
        OFFER_ALTERNATIVES,
        TAKE_ALTERNATIVE,
        GIVE_UP,
        CANCEL,
        REOPEN,
        CANCEL_BY_REQUESTER,
        WITHDRAWAL,
        PLACE_FREED,
        CALLED_OFF,
        HOLD,
        DID_NOT_HAPPEN,
        ABSENT,
        CLOSE,
    ),
    by_staff=(
        "`Nouvelle` : une demande saisie à la main, que le prochain passage vérifie",
        "tout statut corrigé à la main dans la colonne `Statut` : les flux repartent de là",
    ),
)
