"""An ambassador's life: their statuses and every change a flow may make (validation is staff's)."""

from enum import StrEnum

from orientest.statuses.lifecycle import UNSET, Lifecycle, transition


class AmbassadorStatus(StrEnum):
    INCOMPLETE = "Incomplète"
    TO_VALIDATE = "À valider"
    ACTIVE = "Actif"
    SUSPENDED = "Suspendu"
    RETIRED = "Retiré"
    DUPLICATE = "Doublon"


S = AmbassadorStatus
INTAKE_OWNS = frozenset({UNSET, S.INCOMPLETE, S.TO_VALIDATE})  # intake may still change these
NOT_AMBASSADORS = frozenset({UNSET, S.DUPLICATE})  # not counted as signups
COUNTED = frozenset({S.ACTIVE, S.SUSPENDED, S.RETIRED})  # once validated by staff
IN_NETWORK = frozenset({S.ACTIVE, S.SUSPENDED})  # validated and not gone: their answers and records matter


def may_be_asked(
    status: str, charter_accepted: str, charter_version: str, trained: bool = True, training_required: bool = False
) -> bool:
    """« Actif » with the charter in force accepted, and trained when `Paramètres` asks for a first training: who the
    hard rule `matching.rules.ELIGIBLE` lets through."""
    return status == S.ACTIVE and charter_accepted == charter_version and (trained or not training_required)


SIGNED_UP = transition(
    "inscription reçue",
    INTAKE_OWNS,
    S.TO_VALIDATE,
    "le formulaire est complet : l'équipe valide la fiche en la passant à `Actif`",
)
INVALIDATE = transition(
    "inscription incomplète",
    INTAKE_OWNS,
    S.INCOMPLETE,
    "une réponse manque ou ne convient pas ; la personne reçoit la liste à corriger",
)
DUPLICATE_OF = transition("doublon", None, S.DUPLICATE, "même adresse et même contenu qu'un envoi de moins de 24 h")
SUSPEND = transition(
    "suspension",
    {S.ACTIVE},
    S.SUSPENDED,
    "absences signalées par les demandeurs au-delà du nombre fixé dans `Paramètres`",
)
PAUSE = transition("pause", {S.ACTIVE}, S.SUSPENDED, "pause demandée par le formulaire de mise à jour")
END_PAUSE = transition("fin de pause", {S.SUSPENDED}, S.ACTIVE, "la date de fin de la pause est passée")
LEAVE = transition("départ", None, S.RETIRED, "« Quitter le réseau » par le formulaire de mise à jour")

LIFECYCLE = Lifecycle(
    "ambassadeur",
    tuple(AmbassadorStatus),
    (SIGNED_UP, INVALIDATE, DUPLICATE_OF, SUSPEND, PAUSE, END_PAUSE, LEAVE),
    by_staff=(
        "`À valider` → `Actif` : l'équipe valide la fiche ; la personne reçoit un e-mail de bienvenue",
        "`Suspendu` → `Actif` après des absences : l'équipe seule lève la suspension",
    ),
)
