"""The project's SMTP mailer against plain `smtplib` on one connection, 1,000 messages to a local aiosmtpd server.

    python -m bench.smtp [--messages 1000] [--repeat 3]
"""

import argparse
import json
import smtplib
import socket
import tempfile
import time
from datetime import datetime
from pathlib import Path

from aiosmtpd.controller import Controller

from bench.figures import compared
from connectors.handover import HandoverLog
from connectors.mail import Rendered, compose
from connectors.smtp import SmtpMailer
from orientest.plan import Email


class _Sink:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"


def _messages(count: int) -> list:
    text = "Bonjour,\n\nVotre demande a bien été reçue.\n" * 10
    return [compose(Email(f"demande_recue:DEM-2026-{n:05d}", "demande_recue", (f"cpe{n}@exemple.fr",),
                          f"DEM-2026-{n:05d}", {}), Rendered(f"Demande DEM-2026-{n:05d} reçue", text, f"<p>{text}</p>"),
                    "ne-pas-repondre@region.fr", datetime(2026, 10, 2, 18)) for n in range(count)]


def _plain(port: int, messages: list) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as connection:
        for message in messages:
            connection.send_message(message)


def _ours(port: int, messages: list, directory: Path) -> None:
    deliveries = SmtpMailer("127.0.0.1", port, security="none").send(messages, HandoverLog(directory, "bench"))
    assert all(delivery.ok for delivery in deliveries)


def measure(count: int, repeat: int) -> dict:
    messages = _messages(count)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(_Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    plain, ours = [], []
    try:
        with tempfile.TemporaryDirectory() as directory:
            for _ in range(repeat):
                started = time.perf_counter()
                _plain(port, messages)
                plain.append(time.perf_counter() - started)
                started = time.perf_counter()
                _ours(port, messages, Path(directory))
                ours.append(time.perf_counter() - started)
    finally:
        controller.stop()
    return {"messages": count, **compared(ours, plain, "smtplib")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    print(json.dumps({"smtp": measure(arguments.messages, arguments.repeat)}))


if __name__ == "__main__":
    main()
