"""What connectors and capabilities exchange besides rows and plans: the types and words of the ports, so that a
connector never imports a capability (and a capability never a connector)."""

from dataclasses import dataclass
from datetime import datetime

# The hand-over log of e-mails (connectors.handover), read back by `sending.interrupted` after a crash.
STARTED, DELIVERED, FAILED = "started", "delivered", "failed"

# The headers a mailbox reader keeps for the replies flow: automatic replies say who they are in them.
KEPT_HEADERS = ("auto-submitted", "precedence", "x-autoreply", "x-autorespond")


@dataclass(frozen=True)
class Incoming:
    """A message of the replies mailbox, as the mailbox connector read it."""

    identity: str  # stable across runs (a digest of its Message-ID, or of the message): what the journal remembers
    senders: tuple[str, ...]  # every address of every From header: a reply acts only with exactly one
    recipients: tuple[str, ...]  # To, Cc, Delivered-To: one of them carries the reply key
    subject: str
    sent_at: datetime | None  # local wall time; None when its Date could not be read
    body: str  # the text part, or the HTML part's text
    headers: dict[str, str]  # lower-case names: Auto-Submitted, Precedence…
    authentication: tuple[str, ...]  # Authentication-Results, topmost first
    references: tuple[str, ...] = ()  # In-Reply-To and References: the Message-IDs it answers
    problem: str = ""  # why it could not be read: set aside for a person, never a blocker

    @property
    def key(self) -> str:
        return f"reponse_email:{self.identity}"

    @property
    def sender(self) -> str:
        """The one sender, or "" when the message has none or several."""
        return self.senders[0] if len(self.senders) == 1 else ""

    @property
    def shown_sender(self) -> str:
        return ", ".join(self.senders) or "(expéditeur illisible)"


@dataclass(frozen=True)
class Mailbox:
    """Where replies come: `reseau@…`, each proposal answered at `reseau+<clé>@…`; whose server checks senders."""

    address: str
    authserv_id: str = ""
    review_folder: str = "À vérifier"  # where what a person must look at is moved: unreadable, or nobody to tell

    def for_key(self, key: str) -> str:
        """The address a reply carrying `key` goes to (plus addressing: it arrives in the same mailbox)."""
        local, _, domain = self.address.partition("@")
        return f"{local}+{key}@{domain}"

    def key_in(self, recipients: tuple[str, ...]) -> str:
        local, _, domain = self.address.partition("@")
        for recipient in recipients:
            name, _, at = recipient.strip().partition("@")
            if at.casefold() == domain.casefold() and name.casefold().startswith(f"{local.casefold()}+"):
                return name[len(local) + 1 :]
        return ""
