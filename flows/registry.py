"""Every flow, by name: its Prefect flow and its domain step."""

from flows import followup, housekeeping, indicators, intake, matching

FLOW_FUNCTIONS = {"intake": intake.intake, "matching": matching.matching, "followup": followup.followup,
                  "housekeeping": housekeeping.housekeeping, "indicators": indicators.indicators}
STEPS = {"intake": intake.STEP, "matching": matching.STEP, "followup": followup.STEP,
         "housekeeping": housekeeping.STEP, "indicators": indicators.STEP}
