"""prefect.yaml points at real flows, one deployment per flow of the registry."""

import importlib
from pathlib import Path

import yaml
from prefect import Flow

from flows.registry import FLOW_FUNCTIONS

PROJECT = Path(__file__).resolve().parents[2]


def test_every_deployment_entrypoint_is_the_flow_of_that_name():
    deployments = yaml.safe_load((PROJECT / "prefect.yaml").read_text(encoding="utf-8"))["deployments"]
    assert sorted(d["name"] for d in deployments) == sorted(FLOW_FUNCTIONS)
    for deployment in deployments:
        path, _, function = deployment["entrypoint"].partition(":")
        flow = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), function)
        assert isinstance(flow, Flow) and flow.name == deployment["name"]
        assert deployment["schedules"][0]["timezone"] == "Europe/Paris"
