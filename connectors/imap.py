"""The replies mailbox over IMAP (imap-tools): one connection per run, messages read without being marked, then moved
to the done folder once the journal shows them handled; never deleted."""

import hashlib
import html
import re
from contextlib import AbstractContextManager
from datetime import datetime
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.errors import MailboxFolderCreateError, MailboxFolderSelectError, MailboxLoginError

from connectors.settings import Settings
from orientest.ports import KEPT_HEADERS, Incoming


class ReplyMailbox(Protocol):
    def fetch(self) -> list[Incoming]:
        """Every message waiting in the folder read, oldest first; one that cannot be read comes with its problem."""

    def file(self, done: list[Incoming], set_aside: list[Incoming]) -> None:
        """`done` moved to the done folder, `set_aside` to the folder a person checks."""


class MailboxError(Exception):
    """The mailbox cannot be reached or read; the message says why, in French."""


MAX_TEXT = 200_000  # characters of a message's text kept: enough for any reply, bounded for the rest


class ImapMailbox(AbstractContextManager):
    def __init__(self, settings: Settings):
        self.settings = settings
        self.uids: dict[str, list[str]] = {}

    def __enter__(self) -> "ImapMailbox":
        s = self.settings
        kind = {"ssl": MailBox, "starttls": MailBoxStartTls, "none": MailBoxUnencrypted}[s.imap_security]
        password = s.imap_password.get_secret_value() if s.imap_password else ""
        where = f"Boîte des réponses {s.imap_host}:{s.imap_port}"
        try:
            box = kind(s.imap_host, s.imap_port, timeout=s.imap_timeout)
        except OSError as error:
            raise MailboxError(
                f"{where} injoignable ({error}) : vérifiez ORIENTEST_IMAP_HOST, ORIENTEST_IMAP_PORT "
                "et ORIENTEST_IMAP_SECURITY."
            ) from error
        try:
            self.box = box.login(s.imap_username, password, initial_folder=s.imap_folder)
        except MailboxLoginError as error:
            raise MailboxError(
                f"{where} : identifiant ou mot de passe refusé ; vérifiez ORIENTEST_IMAP_USERNAME et "
                "ORIENTEST_IMAP_PASSWORD."
            ) from error
        except MailboxFolderSelectError as error:
            raise MailboxError(
                f"{where} : le dossier « {s.imap_folder} » n'existe pas ; vérifiez ORIENTEST_IMAP_FOLDER."
            ) from error
        return self

    def __exit__(self, *_) -> None:
        self.box.logout()

    def fetch(self) -> list[Incoming]:
        read = []
        for mail in self.box.fetch(mark_seen=False, bulk=True):
            incoming = read_message(_raw(mail), self.settings.timezone, mail.uid)
            self.uids.setdefault(incoming.identity, []).append(mail.uid)  # the same message twice: both filed
            read.append(incoming)
        return sorted(read, key=lambda m: m.sent_at or datetime.max)

    def file(self, done: list[Incoming], set_aside: list[Incoming]) -> None:
        for folder, messages in ((self.settings.imap_done_folder, done), (self.settings.imap_review_folder, set_aside)):
            uids = [uid for m in messages for uid in self.uids.get(m.identity, [])]
            if not uids:
                continue
            try:
                self.box.folder.create(folder)
            except MailboxFolderCreateError:
                pass  # already there
            self.box.move(uids, folder)


def _raw(mail) -> bytes:
    """The message as it arrived (imap-tools keeps it parsed leniently, the way it came)."""
    try:
        return mail.obj.as_bytes(policy=policy.compat32)
    except Exception:  # noqa: BLE001 — an odd message must not stop the others; read_message says what is wrong
        return b""


def read_message(raw: bytes, timezone: str, uid: str = "") -> Incoming:
    """A message as the replies domain reads it: who, to which address, when, the text, the headers that matter;
    one that cannot be read comes back with its problem (and what could be read of it), never as an error."""
    try:
        return _read(raw, timezone)
    except Exception as error:  # noqa: BLE001 — malformed mail is ordinary: set aside for a person, never a blocker
        return _unreadable(raw, uid, _why(error))


def _why(error: Exception) -> str:
    """What is wrong with a message, for staff."""
    if isinstance(error, LookupError):
        return f"jeu de caractères inconnu « {str(error).rpartition(': ')[2][:40]} »"
    if "CR or LF" in str(error):
        return "une adresse contient un retour à la ligne, comme pour glisser un destinataire"
    return f"mise en forme non conforme ({type(error).__name__})"


def _read(raw: bytes, timezone: str) -> Incoming:
    if not raw:
        raise ValueError("message vide ou impossible à relire")
    message: EmailMessage = message_from_bytes(raw, policy=policy.default)
    message_id = _message_id(message)
    recipients = tuple(
        address
        for _, address in getaddresses(
            [str(v) for name in ("To", "Cc", "Delivered-To", "X-Original-To") for v in message.get_all(name, [])]
        )
    )
    references = " ".join(str(message.get(name, "")) for name in ("In-Reply-To", "References"))
    return Incoming(
        identity=_identity(message_id.encode() if message_id else raw),
        senders=_senders(message),
        recipients=recipients,
        subject=" ".join(str(message.get("Subject", "")).split()),
        sent_at=_local(message.get("Date"), timezone),
        body=_text(message)[:MAX_TEXT],
        headers={name: str(message[name]) for name in KEPT_HEADERS if message[name] is not None},
        authentication=tuple(str(v) for v in message.get_all("Authentication-Results", [])),
        references=tuple(re.findall(r"<([^<>\s]+)>", references)),
    )


def _message_id(message: EmailMessage) -> str:
    """The Message-ID as written, or "" (then the message's own bytes identify it)."""
    try:
        return str(message.get("Message-ID", "")).strip()
    except (IndexError, ValueError):  # the header parser gives up on some malformed ones
        return " ".join(str(value) for name, value in message.raw_items() if name.lower() == "message-id").strip()


def _identity(source: bytes) -> str:
    return hashlib.sha256(source).hexdigest()[:24]


def _senders(message: EmailMessage) -> tuple[str, ...]:
    """Every address of every From header as two parsers read them; when they disagree, or there are several
    headers, all of it and a note of why (« claire@… <pirate@…> » reads as two): a reply acts only on exactly one."""
    raw = [value for name, value in message.raw_items() if name.lower() == "from"]
    headers = message.get_all("From", [])
    legacy = [address for _, address in getaddresses([str(value) for value in raw]) if address]
    modern = [a.addr_spec for header in headers for a in header.addresses if a.addr_spec]
    doubts = ["(plusieurs en-têtes From)"] if len(raw) > 1 else []
    if legacy != modern or any(header.defects for header in headers):
        doubts.append("(en-tête From ambigu)")
    return (*dict.fromkeys(legacy + modern), *doubts) if doubts else tuple(modern)


def _unreadable(raw: bytes, uid: str, problem: str) -> Incoming:
    """What can still be read of a message that cannot: its raw subject and sender, for staff to find it."""
    headers = BytesHeaderParser(policy=policy.compat32).parsebytes(raw) if raw else None
    shown = {name: _decoded(str(headers.get(name, "")) if headers else "") for name in ("Subject", "From")}
    return Incoming(
        identity=_identity(raw or f"uid:{uid}".encode()),
        senders=(shown["From"],) if shown["From"] else (),
        recipients=(),
        subject=shown["Subject"],
        sent_at=None,
        body="",
        headers={},
        authentication=(),
        problem=problem,
    )


def _decoded(value: str) -> str:
    """A raw header as a person reads it, on one line; as written if it cannot be decoded."""
    try:
        value = str(make_header(decode_header(value)))
    except (LookupError, ValueError, UnicodeError):
        pass
    return " ".join(value.split())[:200]


def _local(date_header, timezone: str) -> datetime | None:
    """The Date header as local wall time; None when it cannot be read (or is out of any calendar)."""
    zone = ZoneInfo(timezone)
    try:
        sent = parsedate_to_datetime(str(date_header))
        return (sent.astimezone(zone) if sent.tzinfo else sent).replace(tzinfo=None)
    except (TypeError, ValueError, OverflowError):
        return None


def _text(message: EmailMessage) -> str:
    """The plain part, or the HTML part as text (quotes kept as « > » lines, so they can be cut)."""
    part = message.get_body(("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    if part.get_content_type() == "text/plain":
        return content
    content = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", "", content)
    content = re.sub(r"(?is)<blockquote\b.*?</blockquote>", "\n> (citation)\n", content)
    content = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", content)
    return html.unescape(re.sub(r"<[^>]+>", "", content))
