"""Every flow, by name: its Prefect flow and its domain step."""

from flows import intake, matching

FLOW_FUNCTIONS = {"intake": intake.intake, "matching": matching.matching}
STEPS = {"intake": intake.STEP, "matching": matching.STEP}
