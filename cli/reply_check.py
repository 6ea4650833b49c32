"""`orientest reponse FICHIER.eml…`: what the replies flow reads in a message and would do with it, changing nothing."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from connectors.imap import read_message
from connectors.wiring import Connectors
from flows.runtime import token_secret
from orientest.context import Context
from orientest.core.plan import Plan
from orientest.core.text import fold
from orientest.forms import options
from orientest.ports import Incoming, Mailbox
from orientest.replies import run as replies
from orientest.replies.intent import Intent, intent
from orientest.replies.reading import latest_reply, spoken

CODES = {
    Intent.ACCEPT: "oui",
    Intent.DECLINE: "non",
    Intent.OTHER_DATE: "autre_date",
    Intent.UNCLEAR: "a_lire",
    Intent.ABSENCE: "absence",
}
_LABELS = dict(zip((Intent.ACCEPT, Intent.DECLINE, Intent.OTHER_DATE), options.ANSWER.labels[:3], strict=True))


@dataclass(frozen=True)
class Reading:
    """One message as `orientest reponse` shows it."""

    file: str
    text: str  # what the reader kept: the newest part, without quotes, signature, greeting or sign-off
    intent: str  # oui, non, autre_date, a_lire, absence
    action: str  # what the flow would do, and why, in French

    def as_json(self) -> dict[str, str]:
        return {"fichier": self.file, "texte": self.text, "intention": self.intent, "action": self.action}


def readings(paths: list[Path], connectors: Connectors | None, now: datetime) -> list[Reading]:
    """Each file read as the flow reads a message; with `connectors`, decided against their workbook and secret."""
    if connectors is None:
        return [_alone(path, _message(path, "Europe/Paris")) for path in paths]
    settings = connectors.settings
    snapshot = connectors.workbook.read(replies.TABS)
    mailbox = Mailbox(settings.reply_address, settings.authserv_id, settings.imap_review_folder)
    context = Context(now, connectors.referential, token_secret(settings))
    found = []
    for path in paths:
        message = _message(path, settings.timezone)
        plan = replies.decide([message], mailbox, snapshot, context)
        found.append(Reading(str(path), _kept(message), _code(message), _decided(message, plan, mailbox)))
    return found


def _message(path: Path, timezone: str) -> Incoming:
    return read_message(path.read_bytes(), timezone, uid=path.name)


def _kept(message: Incoming) -> str:
    return spoken(latest_reply(message.body), fold)


def _code(message: Incoming) -> str:
    return CODES[Intent.UNCLEAR] if message.problem else CODES[intent(latest_reply(message.body))]


def _alone(path: Path, message: Incoming) -> Reading:
    """Without a workbook: what the words say, and what they would lead to once the key and the sender check."""
    reply = latest_reply(message.body)
    meaning = intent(reply)
    if message.problem:
        action = (
            "serait rangé dans le dossier « À vérifier » de la boîte des réponses, l'équipe prévenue dans le "
            f"récapitulatif : message illisible ({message.problem})"
        )
    elif ignored := replies.no_answer(message, reply):
        action = f"serait ignoré : {ignored}"
    elif meaning is Intent.UNCLEAR:
        action = f"serait transmis à l'équipe, sans rien changer : {replies.UNCLEAR}"
    else:
        action = (
            f"serait enregistré comme « {_LABELS[meaning]} » si sa clé, son expéditeur et son authentification "
            "se vérifient (ajoutez --workbook pour le savoir)"
        )
    return Reading(str(path), _kept(message), _code(message), action)


def _decided(message: Incoming, plan: Plan, mailbox: Mailbox) -> str:
    """The plan of one message, said as a sentence."""
    if not mailbox.address:
        return "ORIENTEST_REPLY_ADDRESS est vide : le flux ne lit aucune réponse par e-mail"
    if plan.is_empty():
        return "déjà traité par un passage précédent du flux : rien de plus à faire"
    note = next(entry for entry in plan.journal if entry.key == message.key)
    answer = next((row.values["Réponse"] for row in plan.appends), "")
    if answer:
        return (
            f"serait enregistré comme « {answer} » pour {note.record_id} (onglet Réponses), ce que le passage "
            "suivant de matching applique"
        )
    told = {email.template for email in plan.emails}
    says = {
        "ignorée": "serait ignoré",
        "déjà reçue": "ne changerait rien",
        replies.SET_ASIDE: f"serait rangé dans le dossier « {mailbox.review_folder} » de la boîte des réponses, "
        "l'équipe prévenue dans le récapitulatif",
        "transmise à l'équipe (récapitulatif)": "serait listé dans le récapitulatif envoyé à l'équipe, sans rien "
        "changer",
    }
    if note.result in says:
        return f"{says[note.result]} : {note.detail}"
    if note.result == "refusée":
        who = (
            "listé dans le récapitulatif envoyé à l'équipe"
            if "reponses_a_lire" in told
            else "noté au Journal, sans prévenir personne"
        )
        return f"serait refusé et {who} : {note.detail}"
    sender = ", et l'expéditeur prévenu" if "reponse_transmise" in told else ""
    return f"serait transmis à l'équipe{sender}, sans rien changer : {note.detail}"
