"""A real SMTP server (aiosmtpd) on 127.0.0.1 that records what it accepts and refuses on demand."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Relay:
    """A relay that records what it accepts, counts connections, and refuses on demand."""

    def __init__(self):
        self.received, self.sessions = [], set()
        self.refuse_data: list[str] = []  # answers to DATA, used one after the other
        self.refuse_rcpt: dict[str, str] = {}

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions.add(id(session))
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            return self.refuse_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_data:
            return self.refuse_data.pop(0)
        self.received.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(handler: Relay, **options) -> Iterator[Relay]:
    """`handler` served on a free port of 127.0.0.1 (`handler.port`) while the block runs."""
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port, **options)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()
