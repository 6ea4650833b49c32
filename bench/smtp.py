"""The project's SMTP mailer against plain `smtplib` on one connection, 1,000 messages to a local aiosmtpd server.

python -m bench.smtp [--messages 1000] [--repeat 3]
"""

import argparse
import gc
import json
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.figures import compared
from connectors.handover import HandoverLog
from connectors.mail import Rendered, compose
from connectors.smtp import SmtpMailer
from orientest.core.plan import Email


def _messages(count: int) -> list:
    text = "Bonjour,\n\nVotre demande a bien été reçue.\n" * 10
    return [
        compose(
            Email(f"demande_recue:DEM-2026-{n:05d}", "demande_recue", (f"cpe{n}@exemple.fr",), f"DEM-2026-{n:05d}", {}),
            Rendered(f"Demande DEM-2026-{n:05d} reçue", text, f"<p>{text}</p>"),
            "ne-pas-repondre@region.fr",
            datetime(2026, 10, 2, 18),
        )
        for n in range(count)
    ]


def _plain(port: int, messages: list) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as connection:
        for message in messages:
            connection.send_message(message)


def _ours(port: int, messages: list, directory: Path) -> None:
    deliveries = SmtpMailer("127.0.0.1", port, security="none").send(messages, HandoverLog(directory, "bench"))
    assert all(delivery.ok for delivery in deliveries)


def measure(count: int, repeat: int) -> dict:
    """Both sides in turn to a sink server in a process of its own (sharing this one's interpreter would time it
    too); the first round is not counted."""
    messages = _messages(count)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    plain, ours = [], []
    try:
        _wait_for(port)
        with tempfile.TemporaryDirectory() as directory:
            for _ in range(repeat + 1):
                plain.append(_timed(_plain, port, messages))
                ours.append(_timed(_ours, port, messages, Path(directory)))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"messages": count, **compared(ours[1:], plain[1:], "smtplib")}


def _timed(send, *arguments) -> float:
    """Seconds of one side, the garbage collector kept out of it as `timeit` does."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        send(*arguments)
        return time.perf_counter() - started
    finally:
        gc.enable()


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"le serveur SMTP du banc n'écoute pas sur le port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    print(json.dumps({"smtp": measure(arguments.messages, arguments.repeat)}))


if __name__ == "__main__":
    main()
