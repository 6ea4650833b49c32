"""Every flow, by name: its Prefect flow, its domain step and its schedule (the one place they are listed)."""

from typing import Any

from prefect import Flow

from flows import followup, housekeeping, indicators, intake, matching, replies

FLOW_FUNCTIONS: dict[str, Flow[..., dict[str, Any]]] = {
    "intake": intake.intake,
    "matching": matching.matching,
    "followup": followup.followup,
    "housekeeping": housekeeping.housekeeping,
    "indicators": indicators.indicators,
    "replies": replies.replies,
}
STEPS = {
    "intake": intake.STEP,
    "matching": matching.STEP,
    "followup": followup.STEP,
    "housekeeping": housekeeping.STEP,
    "indicators": indicators.STEP,
}
TIMEZONE = "Europe/Paris"
SCHEDULES = {  # cron, Paris time; prefect.yaml says the same (a test checks)
    "intake": "*/5 * * * *",  # forms answered a few minutes ago are acknowledged
    "matching": "*/15 * * * *",  # answers and cancellations are passed on within a quarter of an hour
    "replies": "*/5 * * * *",  # a reply by e-mail becomes an answer for the next matching run
    "followup": "30 7 * * *",  # reminders before the school day
    "housekeeping": "0 3 * * *",
    "indicators": "0 6 1 * *",  # the 1st of each month, for the month before
}
