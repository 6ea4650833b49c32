"""A real SMTP server (aiosmtpd) on 127.0.0.1 that records what it accepts and refuses on demand."""

import asyncio
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Relay:
    """A relay that records what it accepts, counts connections, and refuses on demand."""

    def __init__(self):
        self.received, self.sessions = [], set()
        self.refuse_data: list[str | None] = []  # answers to DATA, used one after the other; None: accepted
        self.refuse_rcpt: dict[str, str] = {}
        self.stall_data: dict[int, float] = {}  # DATA number (from 1) → seconds of silence before accepting it
        self.data_count = 0
        self.stalling = 0
        self.stop_at_mail = 0  # the n-th message (from 1): the relay stops listening and hangs up, as if switched off
        self.mail_count = 0
        self.refuse_mail = ""  # the answer to every MAIL FROM, when set (an expeditor the relay does not take)
        self.controller: Controller | None = None

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions.add(id(session))
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.mail_count += 1
        if self.stop_at_mail and self.mail_count >= self.stop_at_mail and self.controller is not None:
            if self.controller.server is not None:
                self.controller.server.close()  # no new connection from now on: refused, as by a stopped relay
            return "421 4.3.2 Arrêt du service"
        if self.refuse_mail:
            return self.refuse_mail
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    def switch_on(self) -> None:
        """The relay started again, on the same port."""
        self.stop_at_mail, self.mail_count = 0, 0
        if self.controller is not None:
            self.controller.stop()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            return self.refuse_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_count += 1
        if self.refuse_data and (answer := self.refuse_data.pop(0)) is not None:
            return answer
        self.received.append(message_from_bytes(envelope.content, policy=policy.default))
        if stall := self.stall_data.get(self.data_count):
            self.stalling += 1
            try:  # a server that has queued the message, then answers too late (the client may hang up: cancelled)
                await asyncio.sleep(stall)
            finally:
                self.stalling -= 1
        return "250 Message accepted"

    def wait_until_idle(self, timeout: float = 10.0) -> None:
        """Until no answer is being held back (`stall_data`)."""
        deadline = time.monotonic() + timeout
        while self.stalling and time.monotonic() < deadline:
            time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(handler: Relay, **options) -> Iterator[Relay]:
    """`handler` served on a free port of 127.0.0.1 (`handler.port`) while the block runs."""
    handler.port = free_port()
    handler.controller = Controller(handler, hostname="127.0.0.1", port=handler.port, **options)
    handler.controller.start()
    try:
        yield handler
    finally:
        handler.controller.stop()
