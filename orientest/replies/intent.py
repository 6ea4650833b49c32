"""What a reply to a proposal says: yes, no, another day, or something a person must read.

Only short, plain answers act. Anything hedged (a question, a condition, « mais »), mixed (yes and no), long or
unknown goes to staff: a reply read wrongly would confirm or refuse an intervention in someone's name.
"""

import re
from enum import StrEnum

from orientest.core.text import fold
from orientest.replies.reading import message_words


class Intent(StrEnum):
    ACCEPT = "acceptation"
    DECLINE = "refus"
    OTHER_DATE = "autre date"
    UNCLEAR = "à lire"


MAX_WORDS = 30  # longer, it is a message, not an answer

_YES = re.compile(r"^(oui|ok|okay|d accord|entendu|parfait|volontiers)\b|\b(oui|j accepte|accepte la proposition|"
                  r"avec (grand )?plaisir|volontiers|je confirme|partante?|ca marche|je serai (la|presente?)|"
                  r"comptez sur moi|pas de (souci|soucis|probleme)|aucun (souci|probleme)|je suis disponible|"
                  r"ravie? d intervenir|je viendrai|je viens|c est (bon|ok) pour moi|ok pour moi|d accord)\b")
_NO = re.compile(r"^(non|helas)\b|\b(pas disponible|indisponible|pas dispo|ne (peux|pourrai|pourrais|pourrons) pas|"
                 r"ne vais pas pouvoir|impossible|pas possible|ne sera pas possible|je decline|dois decliner|"
                 r"non merci|helas non|absente?|en conges?|en deplacement|suis prise?|empeche|pas libre)\b")
_DAY = re.compile(r"\b(\d{1,2} (janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|"
                  r"decembre)|\d{1,2} \d{1,2}( \d{2,4})?|(lundi|mardi|mercredi|jeudi|vendredi)|le \d{1,2}|"
                  r"en (janvier|fevrier|mars|avril|mai|juin|septembre|octobre|novembre|decembre)|"
                  r"semaine (suivante|prochaine|d apres))\b")
_ANOTHER_DAY = re.compile(r"\b(autre date|autre jour|decaler|reporter|plutot|a la place|me conviendrait|"
                          r"je propose|disponible le|libre le|suivante?|prochaine)\b")
_HEDGE = re.compile(r"\?|\b(mais|peut etre|a condition|si|sauf|verifier|je reviens vers vous|je vous redis|"
                    r"pas sure?|ne sais pas|informations?|transmets|telephone|principe)\b")


def intent(reply: str) -> Intent:
    """The answer a reply gives, `UNCLEAR` at the slightest doubt."""
    words = message_words(reply, fold)
    if not words or len(words.split()) > MAX_WORDS:
        return Intent.UNCLEAR
    yes, no, hedged = bool(_YES.search(words)), bool(_NO.search(words)), bool(_HEDGE.search(words))
    if _DAY.search(words) and (no or _ANOTHER_DAY.search(words)) and not yes:
        return Intent.OTHER_DATE
    if _DAY.search(words) or _ANOTHER_DAY.search(words) or (yes and no):
        return Intent.UNCLEAR
    if yes and not hedged:
        return Intent.ACCEPT
    if no and not (hedged and "?" in words):
        return Intent.DECLINE
    return Intent.UNCLEAR
