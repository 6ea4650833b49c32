"""prefect.yaml points at real flows, one deployment per flow of the registry."""

import importlib
from pathlib import Path

import yaml
from prefect import Flow

from flows.registry import FLOW_FUNCTIONS, SCHEDULES, TIMEZONE

PROJECT = Path(__file__).resolve().parents[2]


def test_every_deployment_entrypoint_is_the_flow_of_that_name():
    deployments = yaml.safe_load((PROJECT / "prefect.yaml").read_text(encoding="utf-8"))["deployments"]
    assert sorted(d["name"] for d in deployments) == sorted(FLOW_FUNCTIONS)
    for deployment in deployments:
        path, _, function = deployment["entrypoint"].partition(":")
        flow = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), function)
        assert isinstance(flow, Flow) and flow.name == deployment["name"]
        (schedule,) = deployment["schedules"]
        assert (schedule["cron"], schedule["timezone"]) == (SCHEDULES[deployment["name"]], TIMEZONE)
        assert deployment["concurrency_limit"] == 1 and deployment["work_pool"]["name"] == "orientest"
        defaults = {name: spec.get("default") for name, spec in flow.parameters.properties.items()}
        assert deployment["parameters"] == defaults
