"""Every flow, by name: its Prefect flow and its domain step."""

from flows import followup, housekeeping, intake, matching

FLOW_FUNCTIONS = {"intake": intake.intake, "matching": matching.matching, "followup": followup.followup,
                  "housekeeping": housekeeping.housekeeping}
STEPS = {"intake": intake.STEP, "matching": matching.STEP, "followup": followup.STEP,
         "housekeeping": housekeeping.STEP}
