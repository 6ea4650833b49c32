"""The hand-over log: each message started, then delivered or failed, on local disk before and after the mailer.

One line per event, handed to the system before going on: after a crash, it tells which messages left, which did
not, and which were cut mid-way. One file per flow (a flow never runs twice at once), emptied once a run's results
are in the Journal: it only ever holds the last run's messages. It lives on the machine that sends
(`ORIENTEST_STATE_DIR`), so all runs that send should see the same folder (one machine, or a shared volume).
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, TextIO

from orientest.ports import DELIVERED, FAILED, STARTED

_CODES = {"S": STARTED, "D": DELIVERED, "F": FAILED}


class Handover(Protocol):
    def started(self, key: str) -> None: ...

    def finished(self, key: str, delivered: bool) -> None: ...


class HandoverLog:
    def __init__(self, directory: Path, flow: str = "envois"):
        self.directory = Path(directory)
        self.path = self.directory / f"remises-{flow}.log"
        self._log: TextIO | None = None

    def for_flow(self, flow: str) -> "HandoverLog":
        return HandoverLog(self.directory, flow)

    def clear(self) -> None:
        """The run's results are in the Journal: nothing here is needed any more."""
        if self._log is not None:
            self._log.close()
            self._log = None
        self.path.unlink(missing_ok=True)

    def started(self, key: str) -> None:
        self._append("S", key)

    def finished(self, key: str, delivered: bool) -> None:
        self._append("D" if delivered else "F", key)

    def states(self, keys: Iterable[str]) -> dict[str, str]:
        """The last event logged for each of `keys`."""
        wanted = set(keys)
        if not wanted or not self.path.exists():
            return {}
        states = {}
        with open(self.path, encoding="utf-8") as log:
            for line in log:
                code, _, key = line.rstrip("\n").partition("\t")
                if key in wanted and code in _CODES:
                    states[key] = _CODES[code]
        return states

    def _append(self, code: str, key: str) -> None:
        # Each line reaches the kernel as it is written (line buffering), before the message goes: that survives the
        # process being killed. No fsync per line: it doubled the cost of sending (0.5 ms a message); a power cut may
        # lose the last few lines. The file stays open for the run: reopening it cost 0.1 ms a message.
        if self._log is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (closed by `clear`)
        self._log.write(f"{code}\t{key}\n")
