"""What a reply to a proposal says: yes, no, another day, an out-of-office message, or something a person must read.

A reply acts only when every word of it is understood: it must be made of known answers of one kind (« oui »,
« d'accord », « je ne suis pas disponible »…) and of politeness (« merci », « bonne journée »…), nothing else. A word
outside these — a negation in front of a yes, a condition, a hedge, a question, a second thought — sends it to staff:
a reply read wrongly would confirm or refuse an intervention in someone's name.
"""

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from orientest.core.text import fold
from orientest.replies.reading import spoken


class Intent(StrEnum):
    ACCEPT = "acceptation"
    DECLINE = "refus"
    OTHER_DATE = "autre date"
    UNCLEAR = "à lire"
    ABSENCE = "absence"  # an out-of-office message: no answer, nothing to do


MAX_WORDS = 30  # longer, it is a message, not an answer
YES, NO, BUT, POLITE = "oui", "non", "réserve", "politesse"  # a reservation (« désolé », « mais ») spoils any yes

_THEN = r"( ce jour la| a cette date| pour cette date| pour cette intervention| cette fois( ci)?| pour cette fois)?"
_COMING = r"(la|present|presente|presents|presentes)"
# Whole answers, folded (no case, accents or apostrophes). Nothing here may carry a date or a condition.
_ATOMS: dict[str, list[str]] = {
    YES: [
        r"oui( oui)*",
        r"ok( ok)?",
        r"okay",
        r"d accord",
        r"c est d accord( pour moi)?",
        r"entendu",
        r"bien sur",
        r"parfait( pour moi)?",
        r"tres bien",
        r"volontiers",
        r"avec (grand |un grand )?plaisir",
        r"ca marche",
        r"ca me va",
        r"ok pour moi",
        r"c est (bon|ok|parfait) pour moi",
        r"pas de (souci|soucis|probleme)",
        r"aucun (souci|probleme)",
        r"sans (souci|probleme)",
        r"comptez sur moi",
        r"je viens",
        r"disponible",
        r"j accepte( volontiers| avec plaisir| la proposition| votre proposition| cette proposition)?",
        r"je confirme( ma (participation|presence|venue|disponibilite))?",
        r"je suis (disponible|dispo|partant|partante)" + _THEN,
        r"partant|partante",
        r"je (serai|viendrai) " + _COMING + r"( avec plaisir)?",
        r"je viendrai( avec plaisir)?",
        r"(je (serai|suis) )?ravie? d intervenir",
        r"(je (serai|suis) )?ravie? de venir",
    ],
    NO: [
        r"non( non)*",
        r"non merci",
        r"merci mais non",
        r"helas non",
        r"pas cette fois( ci)?",
        r"je ne (suis|serai|serais) (malheureusement |vraiment |helas |finalement )?pas (disponible|dispo|libre|"
        r"partant|partante|en mesure (d intervenir|de venir)|d accord|" + _COMING + ")" + _THEN,
        r"je ne suis plus (disponible|dispo|libre)" + _THEN,
        r"je ne (peux|pourrai|pourrais) (malheureusement |vraiment |helas )?pas( venir| me liberer| intervenir| "
        r"accepter| etre " + _COMING + r")?" + _THEN,
        r"je ne vais pas pouvoir( venir| me liberer| intervenir| honorer cette demande| accepter)?" + _THEN,
        r"pas (vraiment )?(disponible|dispo|libre|possible|partant|partante|d accord|ok)( pour moi)?" + _THEN,
        r"(je suis )?indisponible" + _THEN,
        r"(ce n est|c est) pas (ok|possible|bon)( pour moi)?",
        r"ce ne sera pas possible( pour moi)?",
        r"(ca|cela) ne (marche|me va|m arrange) pas( pour moi)?",
        r"impossible( pour moi)?" + _THEN,
        r"impossible de venir",
        r"je n y serai pas",
        r"je (dois )?(decliner|decline|refuser|refuse)( la proposition| cette proposition| votre proposition)?",
        r"je n accepte pas( la proposition| cette proposition)?",
        r"je ne confirme pas",
        r"je ne viendrai pas",
        r"je ne (peux|pourrai) pas accepter" + _THEN,
        r"je n ai (pas de|aucune) disponibilite" + _THEN,
        r"(aucune|pas de) disponibilite( de mon cote)?" + _THEN,
        r"je passe mon tour" + _THEN,
        r"je (suis|serai) (pris|prise|en formation|en deplacement)( ce jour la| a cette date| a cette periode| cette "
        r"semaine la| toute la semaine)?",
        # « je suis absente », « je suis en congés » alone are how out-of-office messages begin: a no only with when
        r"je (suis|serai) (absent|absente|en conges?) (ce jour la|a cette date|a cette periode|cette semaine la|"
        r"toute la semaine)",
        r"j ai (deja )?(une|un) (formation|reunion|rendez vous|engagement|autre engagement|empechement)" + _THEN,
        r"ce jour la je ne suis pas disponible",
        r"je confirme mon indisponibilite",
        r"non disponible",
        # spoken French drops the « ne »
        r"je (viens|viendrai) pas",
        r"(je |j )?suis pas (disponible|dispo|libre|la)" + _THEN,
        r"c est non",
        r"bien sur que non",
        r"ne comptez pas sur moi",
        r"(ca|cela) (marche|me va|m arrange) pas( pour moi)?",
    ],
    BUT: [r"desolee?s?", r"vraiment desolee?", r"malheureusement", r"helas", r"dommage", r"mais"],
    POLITE: [
        r"merci( beaucoup| bien| a vous| infiniment| quand meme| d avance)?",
        r"et",
        r"merci (pour|de) (votre|la|cette) (proposition|message|sollicitation|confiance)",
        r"merci de m avoir (sollicite|sollicitee|contacte|contactee|pense a moi)",
        r"c est note",
        r"bien note",
        r"bonne (journee|soiree|fin de journee|continuation|semaine)",
        r"belle journee",
        r"a (tres )?bientot",
        r"(bien )?cordialement",
        r"bien a vous",
        r"salutations( distinguees)?",
        r"bonsoir",
        r"hello",
        r"(re )?bonjour( madame| monsieur| a tous| a toute l equipe| a vous)?",
    ],
}
_COMPILED = [(kind, re.compile(atom + r"(?= |$)")) for kind, atoms in _ATOMS.items() for atom in atoms]

_CLAUSE = re.compile(r"[.,;:!?…\n]+|\s+-\s+")
_MONTHS = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
_DAY = re.compile(
    rf"\b(\d{{1,2}}(er)? ({_MONTHS})|\d{{1,2}} \d{{1,2}}( \d{{2,4}})?|lundi|mardi|mercredi|jeudi|"
    rf"vendredi|samedi|le \d{{1,2}}(er)?|semaine (suivante|prochaine|d apres)|"
    rf"(debut|fin|mi) ({_MONTHS}))\b"
)
_ANOTHER_DAY = re.compile(
    r"\b(je propose|plutot|a la place|je prefererais|je prefere|decaler|reporter|"
    r"je suis libre le|je serais (disponible|libre)|disponible le|libre le|je le suis le|"
    r"me (va|conviendrait|convient))\b"
)
_ANOTHER_DATE = re.compile(r"\bautre (date|jour)\b")
_NEGATION = re.compile(r"\b(ne|n|pas|plus|jamais|ni|impossible)\b")
# What out-of-office messages say; one of these is no proof (people write « à mon retour » too): two are.
_AWAY = re.compile(
    r"\b(reponse automatique|message automatique|absent( e)?e? du bureau|a mon retour|des mon retour|de retour le|"
    r"pendant mon absence|en cas d urgence|pour toute (demande|urgence)|acces (tres )?limite|"
    r"n aurai (pas|qu un( tres)?) (acces|limite)|ne consulte pas mes|consulterai mes|prendrai connaissance|"
    r"ne sera pas transfere|renvoyer votre message|lirai votre message|(je vous )?repondrai (a votre message|des)|"
    r"traiterai votre (demande|message)|sera traite a mon retour|a partir du \d+|"
    r"(absent( e)?e?|en conges?|en conge \w+|en deplacement|en formation|en arret|pas au bureau) (jusqu|du \d+)|"
    r"out of (the )?office|on (annual )?leave|away (from the office|until)|limited access to|urgent|"
    r"no access to (my )?e ?mails?|when i return|on my return|automatic reply|(i am|i m) (currently )?away)\b"
)


def intent(reply: str) -> Intent:
    """The answer a reply gives; `UNCLEAR` at the slightest doubt."""
    text = spoken(reply, fold)
    clauses = [words for piece in _CLAUSE.split(text) if (words := _words(piece))]
    kinds = [_kinds(words) for words in clauses]
    signed = any(k and YES in k or words.startswith("non") for words, k in zip(clauses, kinds, strict=True))
    if _away(text) and not signed:  # a yes or a « non » says a person wrote it (« Non. Absente jusqu'au 20… »)
        return Intent.ABSENCE
    if not clauses or sum(len(words.split()) for words in clauses) > MAX_WORDS:
        return Intent.UNCLEAR
    if "?" not in text and None not in kinds:
        found = set().union(*(k for k in kinds if k is not None))
        if YES in found and not found & {NO, BUT}:
            return Intent.ACCEPT
        if NO in found and YES not in found:
            return Intent.DECLINE
    if _another_day(text):
        return Intent.OTHER_DATE
    return Intent.UNCLEAR


def _away(text: str) -> bool:
    return len({match[0] for match in _AWAY.finditer(fold(text))}) >= 2


def _words(piece: str) -> str:
    """A clause folded, without emoji or any sign that is not a letter, a digit or a space."""
    kept = "".join(c for c in piece if not unicodedata.category(c).startswith(("S", "C", "M")) or c in " \t")
    return " ".join(re.sub(r"[^\w ]+", " ", fold(kept)).split())


@lru_cache(maxsize=4096)
def _kinds(words: str) -> frozenset[str] | None:
    """The kinds of answer a clause is made of, each word read; None if a word belongs to no known answer."""
    found, position = set(), 0
    while position < len(words):
        ends = [(match.end(), kind) for kind, atom in _COMPILED if (match := atom.match(words, position))]
        if not ends:
            return None
        end, kind = max(ends)
        found.add(kind)
        position = end + 1
    return frozenset(found)


def _another_day(text: str) -> bool:
    """A clause that offers a day (or « une autre date ») without turning it down, and no yes beside it (« oui mais
    le 17 » may mean either day)."""
    pieces = [
        words for piece in re.split(r"[.,;:!?…\n]+|\bmais\b", text, flags=re.IGNORECASE) if (words := _words(piece))
    ]
    if any((kinds := _kinds(words)) and YES in kinds for words in pieces):
        return False
    return any(
        (_ANOTHER_DATE.search(words) or (_ANOTHER_DAY.search(words) and _DAY.search(words)))
        and not _NEGATION.search(words)
        for words in pieces
    )
