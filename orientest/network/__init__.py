"""The network's own life besides the requests: its events (`Rencontres`), from invitation to attendance."""

from orientest.network.events import decide_events

__all__ = ["decide_events"]
