"""Every flow, by name: its Prefect flow and its domain step."""

from flows import intake

FLOW_FUNCTIONS = {"intake": intake.intake}
STEPS = {"intake": intake.STEP}
