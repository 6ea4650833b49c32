"""The production mailer: the Région's SMTP relay (or a mail account), one connection for a whole run.

Built on the standard library's `smtplib` rather than yagmail: yagmail 0.16 opens a connection per message, sends
the HTML source as the text part and can return False instead of raising; here the `EmailMessage` the project
builds goes out as it is, failures raise or are reported per message, and a 4xx or a dropped connection is retried.
"""

import smtplib
import ssl
import time
from collections.abc import Callable, Iterable
from email.message import EmailMessage

from connectors.handover import Handover
from connectors.mail import KEY_HEADER, Delivery

TEMPORARY = range(400, 500)


class SmtpMailer:
    def __init__(
        self,
        host: str,
        port: int,
        security: str = "starttls",
        username: str = "",
        password: str = "",
        timeout: float = 30.0,
        attempts: int = 3,
        pause: float = 2.0,
        oauth_token: Callable[[], str] | None = None,
    ):
        self.host, self.port, self.security = host, port, security
        self.username, self.password = username, password
        self.timeout, self.attempts, self.pause = timeout, attempts, pause
        self.oauth_token = oauth_token  # Google Workspace: XOAUTH2 with a fresh access token instead of a password

    def send(self, messages: Iterable[EmailMessage], handover: Handover | None = None) -> list[Delivery]:
        deliveries: list[Delivery] = []
        connection = None
        pending = iter(messages)
        try:
            for message in pending:
                if handover:
                    handover.started(str(message[KEY_HEADER]))
                connection, delivery = self._deliver(connection, message)
                if handover and not delivery.uncertain:  # maybe delivered: it stays « started », as after a crash
                    handover.finished(delivery.key, delivery.ok)
                deliveries.append(delivery)
        except _Unusable as error:
            # No connection, no TLS or a refused login would be the same for every message: none is tried, all are
            # reported at once, and the run fails (not minutes of retries that end in a « completed » run).
            if handover:  # the login comes before any message data: the message in hand did not leave
                handover.finished(str(message[KEY_HEADER]), False)
            deliveries += [
                Delivery(str(m[KEY_HEADER]), False, str(error), server_unusable=True) for m in (message, *pending)
            ]
        finally:
            if connection is not None:
                try:
                    connection.quit()
                except (smtplib.SMTPException, OSError):
                    pass
        return deliveries

    def check(self) -> str:
        """Connect and log in, sending nothing: the reason the server cannot be used, or "" when it can."""
        try:
            self._connect().quit()
        except _Unusable as error:
            return str(error)
        except (smtplib.SMTPException, OSError):
            pass  # logged in, then the goodbye was cut: the server is usable
        return ""

    def _deliver(self, connection, message: EmailMessage):
        """One message, retried on a temporary refusal or a lost connection; a permanent refusal is reported."""
        key = str(message[KEY_HEADER])
        problem = ""
        for attempt in range(self.attempts):
            try:
                connection = connection or self._connect()  # a server that cannot be used raises to `send`
                connection.content_sent = False
                refused = connection.send_message(message)
                if refused:  # some recipients accepted, others not: not delivered as asked
                    return connection, Delivery(key, False, _refusals(refused), True)
                return connection, Delivery(key, True)
            except smtplib.SMTPRecipientsRefused as error:
                return connection, Delivery(key, False, _refusals(error.recipients), True)
            except smtplib.SMTPResponseException as error:
                said = error.smtp_error
                problem = f"{error.smtp_code} {said.decode(errors='replace') if isinstance(said, bytes) else said}"
                if error.smtp_code not in TEMPORARY:
                    self._refused_for_good(error, problem)  # raises when it is about us, not this message
                    _reset(connection)
                    return connection, Delivery(key, False, problem, permanent=True)
                connection = _reset(connection)
            except (smtplib.SMTPServerDisconnected, OSError) as error:
                if isinstance(connection, _Tracked) and connection.content_sent:
                    # The whole message went and its answer never came: the server may have queued it. Sending it
                    # again could deliver it twice; staff are asked to check instead (see sending/delivery.py).
                    return None, Delivery(
                        key, False, f"connexion perdue après l'envoi du message : {error}", uncertain=True
                    )
                problem, connection = f"connexion perdue : {error}", None
            time.sleep(self.pause * (attempt + 1))
        return connection, Delivery(key, False, problem)

    def _refused_for_good(self, error: smtplib.SMTPResponseException, problem: str) -> None:
        """A greeting or an expeditor refused is about this machine or ORIENTEST_MAIL_FROM, never about one recipient:
        every message would be refused the same, and none must be written off as « non remis »."""
        if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPHeloError):
            raise _Unusable(
                f"le serveur SMTP {self.host}:{self.port} refuse d'envoyer pour cette machine ou cet "
                f"expéditeur ({problem}) : vérifiez ORIENTEST_MAIL_FROM et que le relais accepte cette "
                "machine"
            )

    def _connect(self) -> smtplib.SMTP:
        """A session ready to send, or `_Unusable` saying in French what to set."""
        where = f"{self.host}:{self.port}"
        try:
            connection = self._open()
        except smtplib.SMTPNotSupportedError:
            raise _Unusable(
                f"le serveur SMTP {where} ne propose pas STARTTLS : réglez ORIENTEST_SMTP_SECURITY=ssl "
                "(port 465 en général), ou none pour un relais sur un réseau de confiance"
            ) from None
        except ssl.SSLError as error:
            raise _Unusable(
                f"connexion chiffrée refusée par le serveur SMTP {where} ({error.reason}) : vérifiez "
                "ORIENTEST_SMTP_SECURITY (ssl pour le port 465, starttls pour le port 587)"
            ) from None
        except smtplib.SMTPAuthenticationError as error:
            raise _Unusable(
                f"authentification refusée par le serveur SMTP ({error.smtp_code}) : vérifiez "
                "l'identifiant, le mot de passe ou la délégation du compte de service"
            ) from None
        except (smtplib.SMTPException, OSError) as error:
            raise _Unusable(
                f"serveur SMTP {where} injoignable ({error}) : vérifiez ORIENTEST_SMTP_HOST et "
                "ORIENTEST_SMTP_PORT, et que le relais accepte cette machine"
            ) from None
        return connection

    def _open(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.security == "ssl":
            connection: smtplib.SMTP = _TrackedSSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            connection = _TrackedPlain(self.host, self.port, timeout=self.timeout)
            if self.security == "starttls":
                connection.starttls(context=context)
        if self.oauth_token:
            connection.ehlo()
            bearer = f"user={self.username}\x01auth=Bearer {self.oauth_token()}\x01\x01"
            # On a refused token Google sends a JSON challenge; an empty answer then gets the final 535.
            connection.auth("XOAUTH2", lambda challenge=None: "" if challenge else bearer)
        elif self.username:
            connection.login(self.username, self.password)
        return connection


def _refusals(recipients: dict) -> str:
    """« adresse refusée par le serveur : a@… (550 5.1.1 …) », what staff need to fix the address."""
    reasons = [
        f"{address} ({code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply})"
        for address, (code, reply) in recipients.items()
    ]
    return "adresse refusée par le serveur : " + ", ".join(reasons)


class _Tracked:
    """A session that knows whether the current message's content has gone in full (its final « . » sent)."""

    content_sent = False

    def send(self, s):
        super().send(s)  # type: ignore[misc]
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):  # smtplib sends the content and its end in one call
            self.content_sent = True


class _TrackedPlain(_Tracked, smtplib.SMTP):
    pass


class _TrackedSSL(_Tracked, smtplib.SMTP_SSL):
    pass


class _Unusable(Exception):
    """The server cannot take any message of this run."""


def _reset(connection: smtplib.SMTP | None) -> smtplib.SMTP | None:
    """After a refused message, the session goes on with the next one (RSET), or is dropped if it cannot."""
    if connection is None:
        return None
    try:
        connection.rset()
        return connection
    except (smtplib.SMTPException, OSError):
        return None
