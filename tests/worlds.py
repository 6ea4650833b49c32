"""Workbooks where each flow that sends has people's words to act on and several e-mails to send.

Built by the real flows on the local outbox, at fixed times, so that two builds of a world are identical; the flow
under test then runs at `World.now`, sending through whatever mail server the test sets.
"""

import copy
import itertools
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from cli.forms import answer_tokens, stand_in_layout, stand_in_registry
from connectors.settings import Settings
from connectors.wiring import Connectors, connect
from flows import pipeline
from flows.registry import STEPS
from flows.replies import read_replies
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from tests.factories import ambassador_answers, request_answers
from tests.staff import set_parameter

STAFF = "equipe@exemple.fr"
DAY_1 = datetime(2026, 10, 5, 18, 0)  # signups and requests validated, first proposals sent
DAY_2 = datetime(2026, 10, 6, 18, 0)  # answers read
MARC = {
    "Adresse e-mail": "marc.keller@exemple.fr",
    "Nom": "Keller",
    "Prénom": "Marc",
    "Horodatage": "01/10/2026 11:00:00",
}
SECOND_REQUEST = {
    "Adresse e-mail": "cpe.lycee-kleber@exemple.fr",
    "Nom de la structure": "Lycée Kléber",
    "Horodatage": "05/10/2026 19:00:00",
    "Date souhaitée": "12/11/2026",
    "Date alternative": "19/11/2026",
    "Public": "Lycéens",
    "Niveau ou classe": "2nde",
}


def run_flow(flow: str, connectors: Connectors, now: datetime) -> None:
    """A run of `flow` as its Prefect flow does it, without Prefect."""
    if flow == "replies":
        read_replies(connectors, now)
    else:
        pipeline.run(STEPS[flow], connectors, now)


@dataclass(frozen=True)
class World:
    """What a flow finds when it runs at `now`."""

    flow: str
    now: datetime
    messages: tuple[EmailMessage, ...] = ()  # waiting in the replies mailbox

    def run(self, connectors: Connectors, now: datetime) -> None:
        run_flow(self.flow, connectors, now)


def new_workbook(settings: Settings, referential) -> Connectors:
    """A workbook as `orientest init` makes it, its forms recorded."""
    connectors = connect(settings)
    connectors.workbook.ensure_layout(stand_in_layout(referential))
    return connectors


def intake_world(connectors: Connectors, staff) -> World:
    """Three requests and a signup, just sent by the forms."""
    answers = [request_answers({"Adresse e-mail": f"cpe{n}@exemple.fr"}) for n in range(3)]
    connectors.workbook.write(
        [], [RowAppend("Demandes", a) for a in answers] + [RowAppend("Ambassadeurs", ambassador_answers())]
    )
    return World("intake", datetime(2026, 10, 2, 18, 0))


def _network(connectors: Connectors, staff) -> None:
    """Claire and Marc validated by staff, a request proposed to one of them on day 1, a second request just in."""
    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", STAFF))
    connectors.workbook.write(
        [],
        [
            RowAppend("Ambassadeurs", ambassador_answers()),
            RowAppend("Ambassadeurs", ambassador_answers(MARC)),
            RowAppend("Demandes", request_answers()),
        ],
    )
    pipeline.run(STEPS["intake"], connectors, DAY_1)
    connectors.workbook.write(
        [RowUpdate("Ambassadeurs", RowKey(id=f"AMB-0000{n}"), {"Statut": "Actif"}) for n in (1, 2)], []
    )
    pipeline.run(STEPS["matching"], connectors, DAY_1)
    connectors.workbook.write([], [RowAppend("Demandes", request_answers(SECOND_REQUEST))])
    pipeline.run(STEPS["intake"], connectors, DAY_1.replace(hour=19, minute=30))


def proposal_of(connectors: Connectors, request_id: str = "DEM-2026-00001"):
    (path,) = sorted(connectors.settings.outbox.glob(f"proposition_{request_id}_*.eml"))
    return path


def _accept(connectors: Connectors) -> None:
    """The ambassador asked for the first request accepts through the link of the e-mail."""
    form = stand_in_registry(connectors.referential.forms)["reponse"]
    token = answer_tokens(proposal_of(connectors), form)["J'accepte"]
    connectors.workbook.write(
        [],
        [
            RowAppend(
                "Réponses",
                {
                    "Horodatage": "06/10/2026 08:12:40",
                    "Jeton": token,
                    "Réponse": "J'accepte",
                    "Commentaire": "Je viendrai avec des pièces usinées.",
                },
            )
        ],
    )


def matching_world(connectors: Connectors, staff) -> World:
    """An acceptance to act on (two confirmations) and a new request to propose."""
    _network(connectors, staff)
    _accept(connectors)
    return World("matching", DAY_2)


def _confirmed(connectors: Connectors, staff) -> None:
    _network(connectors, staff)
    _accept(connectors)
    pipeline.run(STEPS["matching"], connectors, DAY_2)


def followup_world(connectors: Connectors, staff) -> World:
    """The eve of a confirmed intervention (two reminders), a new phone number, and an ambassador leaving."""
    _confirmed(connectors, staff)
    connectors.workbook.write(
        [],
        [
            RowAppend(
                "Mises à jour",
                {
                    "Horodatage": "08/11/2026 09:00:00",
                    "Adresse e-mail": "claire.martin@exemple.fr",
                    "Objet": "Coordonnées",
                    "Nouvelles informations": "Téléphone : 07 61 23 45 67",
                },
            ),
            RowAppend(
                "Mises à jour",
                {
                    "Horodatage": "08/11/2026 10:00:00",
                    "Adresse e-mail": "marc.keller@exemple.fr",
                    "Objet": "Quitter le réseau",
                },
            ),
        ],
    )
    return World("followup", datetime(2026, 11, 9, 18, 0))


def housekeeping_world(connectors: Connectors, staff) -> World:
    """A new charter for both ambassadors to accept."""
    _network(connectors, staff)
    staff.edit("Paramètres", set_parameter("Version de la charte", "2027"))
    return World("housekeeping", datetime(2026, 10, 7, 3, 0))


def indicators_world(connectors: Connectors, staff) -> World:
    """October's figures, to send to staff on 1 November."""
    _confirmed(connectors, staff)
    return World("indicators", datetime(2026, 11, 1, 6, 0))


def replies_world(connectors: Connectors, staff) -> World:
    """A plain yes by reply, an unclear one, and a message written to the reply address without a key."""
    _network(connectors, staff)
    proposal = proposal_of(connectors)
    messages = (
        reply_to(proposal, "Oui, avec plaisir !", "oui"),
        reply_to(proposal, "Volontiers, mais à quelle heure faut-il arriver ?", "question"),
        written_to(connectors.settings.reply_address, "Bonjour, comment devenir ambassadrice ?", "sans-cle"),
    )
    return World("replies", datetime(2026, 10, 6, 8, 30), messages)


def reply_to(proposal_path, text: str, name: str, sender: str = "") -> EmailMessage:
    """What a mail client sends when the ambassador (`sender`, by default the one it went to) hits « Répondre » and
    types `text` above the proposal."""
    proposal = message_from_bytes(proposal_path.read_bytes(), policy=policy.default)
    sender = sender or proposal["To"].addresses[0].addr_spec
    quoted = "\n".join(f"> {line}" for line in proposal.get_body(("plain",)).get_content().splitlines())
    reply = _message(sender, str(proposal["Reply-To"]), f"Re: {proposal['Subject']}", name)
    reply["In-Reply-To"] = proposal["Message-ID"]
    reply.set_content(
        f"{text}\n\nClaire\n\nLe lun. 5 oct. 2026 à 18:00, Réseau Ambassadeurs Orient'Est "
        f"<{proposal['From'].addresses[0].addr_spec}> a écrit :\n{quoted}\n"
    )
    return reply


def written_to(address: str, text: str, name: str, sender: str = "julie.simon@exemple.fr") -> EmailMessage:
    message = _message(sender, address, "Question", name)
    message.set_content(text)
    return message


def _message(sender: str, to: str, subject: str, name: str) -> EmailMessage:
    message = EmailMessage()
    message["Authentication-Results"] = (
        "mx.exemple.fr; dkim=pass header.d=exemple.fr header.s=s1; dmarc=pass (p=none) header.from=exemple.fr"
    )
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 10, 6, 8, 12, tzinfo=ZoneInfo("Europe/Paris")))
    message["Message-ID"] = f"<{name}@mail.exemple.fr>"
    return message


WORLDS: dict[str, Callable[[Connectors, object], World]] = {
    "intake": intake_world,
    "matching": matching_world,
    "followup": followup_world,
    "housekeeping": housekeeping_world,
    "indicators": indicators_world,
    "replies": replies_world,
}


_copies = itertools.count(1)


def clone(settings: Settings, directory, api=None) -> Settings:
    """The same world in `directory`: its workbook (a copy of the file, or of the spreadsheet in the fake Google),
    outbox, reports and hand-over log."""
    shutil.copytree(settings.workbook.parent, directory)
    paths = {
        name: directory / getattr(settings, name).relative_to(settings.workbook.parent)
        for name in ("workbook", "outbox", "reports", "state_dir")
    }
    if settings.backend != "google":
        return settings.model_copy(update=paths)
    key = settings.spreadsheet.split("/d/")[1].split("/")[0]
    with api.lock:
        twin = copy.deepcopy(api.spreadsheets[key])
        twin.key = f"{key}-copie{next(_copies)}"
        api.spreadsheets[twin.key] = twin
    return settings.model_copy(
        update={**paths, "spreadsheet": f"https://docs.google.com/spreadsheets/d/{twin.key}/edit"}
    )
