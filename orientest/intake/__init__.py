"""Intake: new and edited form rows become records with an ID, a status and an e-mail."""

from orientest.intake.run import FLOW, TABS, decide

__all__ = ["FLOW", "TABS", "decide"]
