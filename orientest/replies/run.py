"""Replies by e-mail: each message of the mailbox, once, trusted or passed on; a plain answer becomes the row the
answer form would have written (`Réponses`), which matching then acts on exactly as on the form's."""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from orientest.core import journal, options
from orientest.core.email_factory import email
from orientest.core.fields import contact
from orientest.core.french import format_date, format_time
from orientest.core.parameters import Parameters, read_parameters
from orientest.core.plan import Email, JournalEntry, Plan, RowAppend
from orientest.core.schema import Snapshot, Table
from orientest.core.text import fold
from orientest.core.tokens import ANSWER, REQUESTER, Claims, read_reply_key, sign
from orientest.reference.context import Context
from orientest.replies.intent import Intent, intent
from orientest.replies.reading import excerpt, latest_reply, spoken
from orientest.replies.trust import authentication_problem, automatic

FLOW = "replies"
TABS = ("Demandes", "Ambassadeurs", "Paramètres", "Journal")
ACTION = "réponse par e-mail"
_ANSWERS = dict(zip((Intent.ACCEPT, Intent.DECLINE, Intent.OTHER_DATE), options.ANSWER.labels[:3], strict=True))
_TIMESTAMP = "%d/%m/%Y %H:%M:%S"  # as the answer form writes `Horodatage`
_REPLY_PREFIX = re.compile(r"^((re|tr|fwd?|aw)\s*:\s*)+", re.IGNORECASE)
UNCLEAR = "la réponse ne dit pas clairement oui, non ou une autre date"


@dataclass(frozen=True)
class Incoming:
    """A message of the replies mailbox, as the mailbox connector read it."""

    identity: str  # stable across runs (a digest of its Message-ID): what the journal remembers
    sender: str
    recipients: tuple[str, ...]  # To, Cc, Delivered-To: one of them carries the reply key
    subject: str
    sent_at: datetime  # local wall time
    body: str  # the text part, or the HTML part's text
    headers: dict[str, str]  # lower-case names: Auto-Submitted, Precedence…
    authentication: tuple[str, ...]  # Authentication-Results, topmost first
    references: tuple[str, ...] = ()  # In-Reply-To and References: the Message-IDs it answers

    @property
    def key(self) -> str:
        return f"reponse_email:{self.identity}"


@dataclass(frozen=True)
class Mailbox:
    """Where replies come: `reseau@…`, each proposal answered at `reseau+<clé>@…`; whose server checks senders."""

    address: str
    authserv_id: str = ""

    def for_key(self, key: str) -> str:
        """The address a reply carrying `key` goes to (plus addressing: it arrives in the same mailbox)."""
        local, _, domain = self.address.partition("@")
        return f"{local}+{key}@{domain}"

    def key_in(self, recipients: tuple[str, ...]) -> str:
        local, _, domain = self.address.partition("@")
        for recipient in recipients:
            name, _, at = recipient.strip().partition("@")
            if at.casefold() == domain.casefold() and name.casefold().startswith(f"{local.casefold()}+"):
                return name[len(local) + 1:]
        return ""


def handled(messages: list[Incoming], log: Table) -> list[Incoming]:
    """The messages the journal (`log`) shows as dealt with: they may leave the mailbox's inbox."""
    done = {row["Clé d'idempotence"] for row in log.rows}
    return [message for message in messages if message.key in done]


def decide(messages: list[Incoming], mailbox: Mailbox, snapshot: Snapshot, context: Context) -> Plan:
    plan = Plan(FLOW)
    run = _Run(mailbox, snapshot, context, plan)
    done = {incoming.key for incoming in handled(messages, snapshot["Journal"])}
    for incoming in messages:
        if incoming.key not in done:
            run.read(incoming)
    return journal.drop_sent(plan, snapshot["Journal"])


@dataclass
class _Run:
    mailbox: Mailbox
    snapshot: Snapshot
    context: Context
    plan: Plan

    @cached_property
    def parameters(self) -> Parameters:
        return read_parameters(self.snapshot.get("Paramètres"))[0]

    @cached_property
    def addresses(self) -> dict[str, str]:
        """Who each reply may come from: an ambassador's address by their ID, a requester's by the request's."""
        people = {row["ID"].strip(): contact(row) for row in self.snapshot["Ambassadeurs"].rows}
        return people | {row["ID"].strip(): contact(row) for row in self.snapshot["Demandes"].rows}

    @cached_property
    def ours(self) -> dict[str, str]:
        """Our Message-IDs' local parts (a digest of each e-mail's key, see connectors/mail.py) → the e-mail's key."""
        return {hashlib.sha256(row["Clé d'idempotence"].encode()).hexdigest()[:32]: row["Clé d'idempotence"]
                for row in self.snapshot["Journal"].rows if row["Clé d'idempotence"]}

    def read(self, incoming: Incoming) -> None:
        if automatic(incoming.headers, incoming.subject):
            return self.note(incoming, "", "ignorée", "réponse automatique")
        if intent(latest_reply(incoming.body)) is Intent.ABSENCE:  # the same without the headers that say so
            return self.note(incoming, "", "ignorée", f"message d'absence : {excerpt(latest_reply(incoming.body))}")
        key = self.mailbox.key_in(incoming.recipients)
        if not key:
            return self.pass_on(incoming, "", "un message écrit à l'adresse de réponse, sans clé")
        claims, why = read_reply_key(key, self.context.secret, min(incoming.sent_at, self.context.now).date())
        if claims is None:
            if "expirée" in why:  # a real answer, late: staff may still want it
                return self.pass_on(incoming, "", why)
            return self.note(incoming, "", "refusée", why)  # forged: nobody is bothered
        doubt = self.doubt(incoming, claims)
        if doubt:
            return self.pass_on(incoming, claims.record_id, doubt, refused=True)
        reply = latest_reply(incoming.body)
        meaning = intent(reply) if claims.action == ANSWER else Intent.UNCLEAR
        if meaning is Intent.UNCLEAR:
            return self.pass_on(incoming, claims.record_id, UNCLEAR, reply=reply, tell_sender=True)
        self.plan.appends.append(RowAppend("Réponses", {
            "Horodatage": incoming.sent_at.strftime(_TIMESTAMP), "Jeton": sign(claims, self.context.secret),
            "Réponse": _ANSWERS[meaning], "Commentaire": f"par e-mail : {excerpt(spoken(reply, fold))}"},
            concerns=frozenset({claims.record_id})))  # held with its note: a reply becomes one answer, once
        self.note(incoming, claims.record_id, meaning.value, excerpt(spoken(reply, fold)))

    def doubt(self, incoming: Incoming, claims: Claims) -> str:
        """Why the reply may not act for the person its key names, or ""."""
        person = claims.record_id if claims.person_id == REQUESTER else claims.person_id
        expected = self.addresses.get(person, "")
        if not expected or incoming.sender.casefold() != expected.casefold():
            return "l'expéditeur n'est pas l'adresse à laquelle la proposition a été envoyée"
        if problem := authentication_problem(incoming.authentication, self.mailbox.authserv_id):
            return problem
        cited = (ref.partition("@")[0] for ref in incoming.references)
        answered = [self.ours[local] for local in cited if local in self.ours]
        if answered and not any(f":{claims.record_id}:" in f"{key}:" for key in answered):
            return "la réponse cite un autre e-mail que celui de sa clé"
        return ""

    def pass_on(self, incoming: Incoming, record_id: str, reason: str, reply: str = "", refused: bool = False,
                tell_sender: bool = False) -> None:
        """Staff get the reply to read (once); the sender, if asked, hears it was passed on."""
        reply = reply or latest_reply(incoming.body)
        context = {"name": "l'équipe", "staff_email": self.parameters.staff_email, "sender": incoming.sender,
                   "subject": _REPLY_PREFIX.sub("", incoming.subject), "reason": reason, "reply": reply[:4000],
                   "received": f"{format_date(incoming.sent_at.date())} à {format_time(incoming.sent_at)}"}
        staff = self.parameters.staff_email
        if staff:
            self.email(email(self.parameters, "reponse_a_lire", staff, record_id or "—", context, incoming.identity,
                             reply_to=incoming.sender))
        if tell_sender and staff:
            self.email(email(self.parameters, "reponse_transmise", incoming.sender, record_id or "—",
                             {"name": "", "staff_email": staff}, incoming.identity))
        result = "refusée" if refused else "transmise à l'équipe" if staff else "à lire (Adresse de l'équipe vide)"
        self.note(incoming, record_id, result, f"{reason} : {excerpt(reply)}")

    def email(self, message: Email) -> None:
        self.plan.emails.append(message)

    def note(self, incoming: Incoming, record_id: str, result: str, detail: str) -> None:
        self.plan.journal.append(JournalEntry(self.context.now, FLOW, record_id or "—", ACTION, key=incoming.key,
                                              result=result, detail=detail[:300]))
