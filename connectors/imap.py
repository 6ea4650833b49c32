"""The replies mailbox over IMAP (imap-tools): one connection per run, messages read without being marked, then moved
to the done folder once the journal shows them handled; never deleted."""

import hashlib
import html
import re
from contextlib import AbstractContextManager
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.errors import MailboxFolderCreateError, MailboxFolderSelectError, MailboxLoginError

from connectors.settings import Settings
from orientest.replies import trust
from orientest.replies.run import Incoming


class ReplyMailbox(Protocol):
    def fetch(self) -> list[Incoming]:
        """Every message waiting in the folder read, oldest first."""

    def file(self, messages: list[Incoming]) -> None:
        """`messages` moved to the done folder."""


class MailboxError(Exception):
    """The mailbox cannot be reached or read; the message says why, in French."""


class ImapMailbox(AbstractContextManager):
    def __init__(self, settings: Settings):
        self.settings = settings
        self.uids: dict[str, str] = {}

    def __enter__(self) -> "ImapMailbox":
        s = self.settings
        kind = {"ssl": MailBox, "starttls": MailBoxStartTls, "none": MailBoxUnencrypted}[s.imap_security]
        password = s.imap_password.get_secret_value() if s.imap_password else ""
        where = f"Boîte des réponses {s.imap_host}:{s.imap_port}"
        try:
            box = kind(s.imap_host, s.imap_port, timeout=s.imap_timeout)
        except OSError as error:
            raise MailboxError(f"{where} injoignable ({error}) : vérifiez ORIENTEST_IMAP_HOST, ORIENTEST_IMAP_PORT "
                               "et ORIENTEST_IMAP_SECURITY.") from error
        try:
            self.box = box.login(s.imap_username, password, initial_folder=s.imap_folder)
        except MailboxLoginError as error:
            raise MailboxError(f"{where} : identifiant ou mot de passe refusé ; vérifiez ORIENTEST_IMAP_USERNAME et "
                               "ORIENTEST_IMAP_PASSWORD.") from error
        except MailboxFolderSelectError as error:
            raise MailboxError(f"{where} : le dossier « {s.imap_folder} » n'existe pas ; vérifiez "
                               "ORIENTEST_IMAP_FOLDER.") from error
        return self

    def __exit__(self, *_) -> None:
        self.box.logout()

    def fetch(self) -> list[Incoming]:
        read = []
        for mail in self.box.fetch(mark_seen=False, bulk=True):
            incoming = read_message(mail.obj.as_bytes(policy=policy.SMTP), self.settings.timezone, mail.uid)
            self.uids[incoming.identity] = mail.uid
            read.append(incoming)
        return sorted(read, key=lambda m: m.sent_at)

    def file(self, messages: list[Incoming]) -> None:
        uids = [self.uids[m.identity] for m in messages if m.identity in self.uids]
        if not uids:
            return
        try:
            self.box.folder.create(self.settings.imap_done_folder)
        except MailboxFolderCreateError:
            pass  # already there
        self.box.move(uids, self.settings.imap_done_folder)


def read_message(raw: bytes, timezone: str, uid: str = "") -> Incoming:
    """A message as the replies domain reads it: who, to which address, when, the text, the headers that matter."""
    message: EmailMessage = message_from_bytes(raw, policy=policy.default)
    message_id = str(message.get("Message-ID", "")).strip() or f"sans-id:{uid}:{message.get('Date', '')}"
    recipients = tuple(address for _, address in getaddresses(
        [str(v) for name in ("To", "Cc", "Delivered-To", "X-Original-To") for v in message.get_all(name, [])]))
    references = " ".join(str(message.get(name, "")) for name in ("In-Reply-To", "References"))
    return Incoming(
        identity=hashlib.sha256(message_id.encode()).hexdigest()[:24],
        sender=parseaddr(str(message.get("From", "")))[1],
        recipients=recipients,
        subject=" ".join(str(message.get("Subject", "")).split()),
        sent_at=_local(message.get("Date"), timezone),
        body=_text(message),
        headers={name: str(message[name]) for name in trust.HEADERS if message[name] is not None},
        authentication=tuple(str(v) for v in message.get_all("Authentication-Results", [])),
        references=tuple(re.findall(r"<([^<>\s]+)>", references)),
    )


def _local(date_header, timezone: str) -> datetime:
    zone = ZoneInfo(timezone)
    try:
        sent = parsedate_to_datetime(str(date_header))
    except (TypeError, ValueError):
        return datetime.now(zone).replace(tzinfo=None, microsecond=0)
    return (sent.astimezone(zone) if sent.tzinfo else sent).replace(tzinfo=None)


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
