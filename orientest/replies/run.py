"""Replies by e-mail: each message of the mailbox, once, trusted or passed on; a plain answer becomes the row the
answer form would have written (`Réponses`, or for a network event `Inscriptions aux rencontres`), which matching
(follow-up) then acts on exactly as on the form's.

What cannot act reaches a person: a reply about a proposal in its own e-mail to staff (they answer the sender
directly), everything else — written without a key, with an expired key, from another sender, unreadable — in one
digest per run.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from orientest.context import Context
from orientest.core import journal
from orientest.core.email_factory import email
from orientest.core.french import format_date, format_time
from orientest.core.parameters import Parameters, read_parameters
from orientest.core.plan import JournalEntry, Plan, RowAppend
from orientest.core.record_rows import record_rows
from orientest.core.schema import Snapshot, Table
from orientest.core.text import excerpt, fold
from orientest.core.tokens import ANSWER, EVENT, REQUESTER, Claims, named, read_reply_key, sign
from orientest.forms import options
from orientest.forms.fields import contact
from orientest.ports import Incoming, Mailbox
from orientest.replies.intent import Intent, intent
from orientest.replies.reading import latest_reply, spoken
from orientest.replies.trust import NOT_CHECKED, authentication_problem, automatic, same_address
from orientest.submissions.answers import BY_EMAIL, read_answers

FLOW = "replies"
TABS = ("Demandes", "Ambassadeurs", "Réponses", "Paramètres", "Journal", "Envois")
ACTION = journal.REPLY
MAILBOX = "boîte des réponses"  # the journal's reference for what concerns no record: the digest holds them together
SET_ASIDE = "mise de côté"  # unreadable, or nobody to tell: moved to the folder a person checks
_ANSWERS = dict(zip((Intent.ACCEPT, Intent.DECLINE, Intent.OTHER_DATE), options.ANSWER.labels[:3], strict=True))
_REGISTRATIONS = {Intent.ACCEPT: options.REGISTER, Intent.DECLINE: options.DECLINE}  # to an event's e-mails
_TIMESTAMP = "%d/%m/%Y %H:%M:%S"  # as the answer form writes `Horodatage`
_REPLY_PREFIX = re.compile(r"^((re|tr|fwd?|aw)\s*:\s*)+", re.IGNORECASE)
UNCLEAR = "la réponse ne dit pas clairement oui, non ou une autre date"

__all__ = ["Incoming", "Mailbox", "decide", "filing", "no_answer"]


def filing(messages: list[Incoming], log: Table) -> tuple[list[Incoming], list[Incoming]]:
    """The messages the journal (`log`) shows as dealt with: those done, and those set aside for a person."""
    results = journal.results_of(log, ACTION)
    done = [message for message in messages if message.key in results and results[message.key] != SET_ASIDE]
    return done, [message for message in messages if results.get(message.key) == SET_ASIDE]


def no_answer(incoming: Incoming, reply: str) -> str:
    """Why a message is no answer at all, an automatic one (its headers say so, or its words do); "" otherwise."""
    if automatic(incoming.headers, incoming.subject):
        return "réponse automatique"
    if intent(reply) is Intent.ABSENCE:
        return f"message d'absence : {excerpt(spoken(reply, fold))}"
    return ""


def decide(messages: list[Incoming], mailbox: Mailbox, snapshot: Snapshot, context: Context) -> Plan:
    plan = Plan(FLOW)
    run = _Run(mailbox, snapshot, context, plan)
    done = set(journal.results_of(snapshot["Journal"], ACTION))
    for incoming in messages:
        if incoming.key not in done and incoming.key not in run.seen:  # the same message twice: read once
            run.seen.add(incoming.key)
            run.read(incoming)
    run.send_digest()
    return journal.drop_sent(plan, snapshot)


@dataclass
class _Run:
    mailbox: Mailbox
    snapshot: Snapshot
    context: Context
    plan: Plan
    seen: set[str] = field(default_factory=set)
    digest: list[tuple[Incoming, str, str, str]] = field(default_factory=list)  # (message, why, what it says, result)
    answered: dict[tuple[str, str], str] = field(default_factory=dict)  # (record, person) → answer, this run

    @cached_property
    def parameters(self) -> Parameters:
        return read_parameters(self.snapshot.get("Paramètres"))[0]

    @cached_property
    def addresses(self) -> dict[str, str]:
        """Who each reply may come from: an ambassador's address by their ID, a requester's by the request's."""
        tabs = (self.snapshot["Ambassadeurs"], self.snapshot["Demandes"])
        return {record.id: contact(record.row) for table in tabs for record in record_rows(table)}

    @cached_property
    def ours(self) -> dict[str, str]:
        """Our Message-IDs' local parts (a digest of each e-mail's key, see connectors/mail.py) → the e-mail's key."""
        return {hashlib.sha256(key.encode()).hexdigest()[:32]: key for key in journal.email_keys(self.snapshot)}

    def read(self, incoming: Incoming) -> None:
        if incoming.problem:
            return self.for_digest(incoming, f"message illisible ({incoming.problem})", "")
        reply = latest_reply(incoming.body)
        if ignored := no_answer(incoming, reply):
            return self.note(incoming, "", "ignorée", ignored)
        meaning = intent(reply)
        reply_key = self.mailbox.key_in(incoming.recipients)
        if not reply_key:
            return self.for_digest(incoming, "écrit à l'adresse de réponse, sans clé", reply)
        claims, why = read_reply_key(reply_key, self.context.secret, self.when(incoming).date())
        if claims is None and "expirée" in why:  # a real answer, late: staff may still want it
            return self.for_digest(incoming, why, reply)
        if claims is None:
            return self.note(incoming, "", "refusée", why)  # forged: nobody is bothered
        self.answer(incoming, claims, reply, meaning)

    def answer(self, incoming: Incoming, claims: Claims, reply: str, meaning: Intent) -> None:
        """A reply whose key holds: the answer the form would have written, once, if it can be trusted and read."""
        doubt, refused = self.doubt(incoming, claims)
        if refused:  # maybe a forgery: in the digest, so that a flood of them costs one e-mail a run
            return self.for_digest(
                incoming, f"réponse au sujet de {claims.record_id} refusée ({doubt})", reply, "refusée"
            )
        if doubt:
            return self.pass_on(incoming, claims.record_id, doubt, reply, tell_sender=True)
        if claims.action == EVENT and meaning in _REGISTRATIONS:
            return self.register(incoming, claims, reply, meaning)
        if claims.action != ANSWER or meaning is Intent.UNCLEAR:
            return self.pass_on(incoming, claims.record_id, UNCLEAR, reply, tell_sender=True)
        answer, earlier = _ANSWERS[meaning], self.earlier_answer(claims)
        if earlier == answer:
            return self.note(incoming, claims.record_id, "déjà reçue", f"« {answer} » déjà enregistrée")
        if earlier:
            return self.pass_on(
                incoming,
                claims.record_id,
                f"cette personne avait déjà répondu « {earlier} » : changement d'avis, à voir par l'équipe",
                reply,
                tell_sender=True,
            )
        said = excerpt(spoken(reply, fold))
        self.answered[(claims.record_id, claims.person_id)] = answer
        self.plan.appends.append(
            RowAppend(
                "Réponses",
                {
                    "Horodatage": self.when(incoming).strftime(_TIMESTAMP),
                    "Jeton": sign(claims, self.context.secret),
                    "Réponse": answer,
                    "Commentaire": f"{BY_EMAIL}{said}",
                },
                concerns=frozenset({claims.record_id}),
            )
        )  # held with its note: a reply becomes one answer, once
        self.note(incoming, claims.record_id, meaning.value, said)

    def register(self, incoming: Incoming, claims: Claims, reply: str, meaning: Intent) -> None:
        """A reply to an event's e-mail: « je viens » registers, « je ne pourrai pas » declines or gives the seat
        back, as the form's links would; a question or another day goes to staff (above)."""
        said = excerpt(spoken(reply, fold))
        self.plan.appends.append(
            RowAppend(
                "Inscriptions aux rencontres",
                {
                    "Horodatage": self.when(incoming).strftime(_TIMESTAMP),
                    "Jeton": sign(claims, self.context.secret),
                    "Inscription": _REGISTRATIONS[meaning],
                },
                concerns=frozenset({claims.record_id}),
            )
        )
        self.note(incoming, claims.record_id, meaning.value, said)

    def when(self, incoming: Incoming) -> datetime:
        """When it was sent, as far as can be trusted: never after now (a `Date` in 9999 extends no key)."""
        return min(incoming.sent_at or self.context.now, self.context.now)

    def doubt(self, incoming: Incoming, claims: Claims) -> tuple[str, bool]:
        """Why the reply may not act for the person its key names ("" if none), and whether it is refused (a likely
        forgery) rather than only unverified."""
        person = claims.record_id if claims.person_id == REQUESTER else claims.person_id
        if len(incoming.senders) != 1:
            return "le message n'a pas exactement un expéditeur", True
        if not same_address(incoming.sender, self.addresses.get(person, "")):
            return "l'expéditeur n'est pas l'adresse à laquelle la proposition a été envoyée", True
        domain = incoming.sender.rpartition("@")[2].lower()
        if problem := authentication_problem(incoming.authentication, self.mailbox.authserv_id, domain):
            return (problem, False) if problem == NOT_CHECKED else (f"expéditeur non authentifié : {problem}", True)
        cited = (ref.partition("@")[0] for ref in incoming.references)
        answered = [self.ours[local] for local in cited if local in self.ours]
        if answered and not any(f":{claims.record_id}:" in f"{key}:" for key in answered):
            return "la réponse cite un autre e-mail que celui de sa clé", True
        return "", False

    def earlier_answer(self, claims: Claims) -> str:
        """What this person already answered to this proposal: this run, or in `Réponses` (form or e-mail)."""
        if (claims.record_id, claims.person_id) in self.answered:
            return self.answered[(claims.record_id, claims.person_id)]
        wanted = (claims.record_id, claims.person_id, ANSWER)
        answers = read_answers(self.snapshot.get("Réponses"))
        return next((a.answer.strip() for a in reversed(answers) if named(a.token) == wanted), "")

    def pass_on(self, incoming: Incoming, record_id: str, reason: str, reply: str, tell_sender: bool = False) -> None:
        """Staff get the reply to read (once); the sender, if asked, hears it was passed on."""
        staff = self.parameters.staff_email
        if not staff:
            return self.for_digest(incoming, reason, reply)  # nobody to write to: set aside in the mailbox
        context = {**self.shown(incoming, reason, reply), "name": "l'équipe", "staff_email": staff}
        self.plan.emails.append(
            email(
                self.parameters,
                "reponse_a_lire",
                staff,
                record_id,
                context,
                incoming.identity,
                reply_to=incoming.sender,
                must_reach=True,
            )
        )
        if tell_sender and incoming.sender:
            self.plan.emails.append(
                email(
                    self.parameters,
                    "reponse_transmise",
                    incoming.sender,
                    record_id,
                    {"name": "", "staff_email": staff},
                    incoming.identity,
                )
            )
        self.note(incoming, record_id, journal.PASSED_ON, f"{reason} : {excerpt(spoken(reply, fold))}")

    def for_digest(self, incoming: Incoming, reason: str, reply: str, result: str = "") -> None:
        self.digest.append((incoming, reason, reply, result))

    def send_digest(self) -> None:
        """Everything without a record of its own, in one e-mail to staff (never one each: anyone can write to the
        reply address); without a team address, left in « À vérifier » for a person."""
        if not self.digest:
            return
        staff = self.parameters.staff_email
        for incoming, reason, reply, result in self.digest:
            result = SET_ASIDE if incoming.problem or not staff else result or "transmise à l'équipe (récapitulatif)"
            self.note(incoming, MAILBOX, result, f"{reason} : {excerpt(spoken(reply, fold))}" if reply else reason)
        if staff:
            items = [self.shown(incoming, reason, reply) for incoming, reason, reply, _ in self.digest]
            unique = hashlib.sha256(" ".join(sorted(m.identity for m, *_ in self.digest)).encode()).hexdigest()[:16]
            self.plan.emails.append(
                email(
                    self.parameters,
                    "reponses_a_lire",
                    staff,
                    MAILBOX,
                    {
                        "name": "l'équipe",
                        "staff_email": staff,
                        "messages": items,
                        "review_folder": self.mailbox.review_folder,
                    },
                    unique,
                    must_reach=True,
                )
            )

    def shown(self, incoming: Incoming, reason: str, reply: str) -> dict[str, str]:
        """A message as staff read it: who, when, about what, why it did not act, and what it says."""
        when = self.when(incoming)
        return {
            "sender": incoming.shown_sender,
            "subject": _REPLY_PREFIX.sub("", incoming.subject) or "(sans objet)",
            "reason": reason,
            "reply": reply[:4000],
            "received": f"{format_date(when.date())} à {format_time(when)}",
        }

    def note(self, incoming: Incoming, record_id: str, result: str, detail: str) -> None:
        self.plan.journal.append(
            JournalEntry(
                self.context.now, FLOW, record_id or "—", ACTION, key=incoming.key, result=result, detail=detail[:300]
            )
        )
