"""A flow run that kills itself (SIGKILL) at a named step boundary: `python -m tests.faults.victim CONFIG.json`.

Wrappers of our own protocols mark the boundaries: after the read, before and after each write (the first write
records the e-mails about to be sent), after each message is logged as started, before and after it is logged as
finished (a message accepted by the server but not yet marked is a hand-over cut mid-way).
"""

import json
import os
import signal
import sys
from dataclasses import replace
from datetime import datetime

from connectors.settings import Settings
from connectors.wiring import connect
from tests.worlds import run_flow


class Killer:
    def __init__(self, point: str):
        self.point = point

    def at(self, boundary: str, number: int) -> None:
        if f"{boundary}-{number}" == self.point:
            os.kill(os.getpid(), signal.SIGKILL)


class KillingWorkbook:
    def __init__(self, inner, killer: Killer):
        self.inner, self.killer = inner, killer
        self.reads = self.writes = 0

    def read(self, tabs):
        snapshot = self.inner.read(tabs)
        self.reads += 1
        self.killer.at("after-read", self.reads)
        return snapshot

    def write(self, updates, appends, replaced=()):
        self.writes += 1
        self.killer.at("before-write", self.writes)
        report = self.inner.write(updates, appends, replaced)
        self.killer.at("after-write", self.writes)
        return report

    def remove(self, removals):
        return self.inner.remove(removals)

    def ensure_layout(self, initial_rows):
        return self.inner.ensure_layout(initial_rows)


class KillingHandover:
    def __init__(self, inner, killer: Killer):
        self.inner, self.killer = inner, killer
        self.starts = self.ends = 0

    def for_flow(self, flow):
        self.inner = self.inner.for_flow(flow)
        return self

    def clear(self):
        self.inner.clear()

    def started(self, key):
        self.inner.started(key)
        self.starts += 1
        self.killer.at("after-started", self.starts)

    def finished(self, key, delivered):
        self.ends += 1
        self.killer.at("before-finished", self.ends)
        self.inner.finished(key, delivered)
        self.killer.at("after-finished", self.ends)

    def states(self, keys):
        return self.inner.states(keys)


def main(path: str) -> None:
    config = json.loads(open(path, encoding="utf-8").read())
    connectors = connect(Settings(_env_file=None, **config["settings"]))
    killer = Killer(config["kill_at"])
    connectors = replace(
        connectors,
        workbook=KillingWorkbook(connectors.workbook, killer),
        handover=KillingHandover(connectors.handover, killer),
    )
    run_flow(config["flow"], connectors, datetime.fromisoformat(config["now"]))


if __name__ == "__main__":
    main(sys.argv[1])
