"""Flows as Prefect runs them: artifacts, masked logs, one e-mail to staff per incident."""

import asyncio
from email import message_from_bytes, policy

import pytest
from prefect import flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey, LogFilter, LogFilterFlowRunId
from prefect.logging.handlers import APILogHandler
from prefect.variables import Variable

from flows.intake import intake
from flows.logs import run_logger
from tests.flows.test_cli import _invoke

pytestmark = pytest.mark.prefect


def _artifacts(key):
    async def read():
        async with get_client() as client:
            return await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))

    return asyncio.run(read())


def _logs(flow_run_id):
    async def read():
        async with get_client() as client:
            return await client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))

    return asyncio.run(read())


def _subjects(outbox):
    return sorted(
        message_from_bytes(p.read_bytes(), policy=policy.default)["Subject"] for p in outbox.glob("incident_*.eml")
    )


def test_a_run_publishes_what_it_did_and_rows_by_status(tmp_path, prefect_harness):
    path = tmp_path / "reseau.xlsx"
    _invoke("seed", path, "--ambassadors", 3, "--requests", 4, "--start", "2026-09-07")
    state = intake(workbook=str(path), outbox=str(tmp_path / "outbox"), return_state=True)
    assert state.is_completed()
    summary = state.result()
    (artifact,) = [a for a in _artifacts("orientest-intake") if a.flow_run_id == state.state_details.flow_run_id]
    assert f"| e-mails envoyés | {summary['e-mails envoyés']} |" in artifact.data and summary["e-mails envoyés"] > 0
    assert "## Demandes par statut" in artifact.data and "| En recherche |" in artifact.data


def test_logs_reaching_prefect_mask_addresses_and_phone_numbers(prefect_harness):
    @flow(name="journal-masque")
    def noisy():
        run_logger().warning("E-mail non remis à claire.martin@exemple.fr, tél. 06 12 34 56 78")

    state = noisy(return_state=True)
    APILogHandler().flush()  # logs reach the API in batches, from a worker thread: wait for them
    messages = [log.message for log in _logs(state.state_details.flow_run_id)]
    assert "E-mail non remis à c…@exemple.fr, tél. •• •• •• •• 78" in messages
    assert not any("claire.martin" in m or "06 12 34 56 78" in m for m in messages)


def test_staff_hear_of_a_failure_once_then_once_more_when_it_works_again(tmp_path, prefect_harness, monkeypatch):
    monkeypatch.setenv("ORIENTEST_ALERT_EMAIL", "equipe@exemple.fr")
    path, outbox = tmp_path / "reseau.xlsx", tmp_path / "outbox"
    _invoke("init", path, "--equipe", "equipe@exemple.fr")
    broken = tmp_path / "absent.xlsx"
    for _ in range(2):  # the next scheduled run meets the same failure: no second e-mail
        assert intake(workbook=str(broken), outbox=str(outbox), return_state=True).is_failed()
    assert _subjects(outbox) == ["[orientest] Le flux « intake » est en échec"]
    (alert,) = outbox.glob("incident_*.eml")
    body = message_from_bytes(alert.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert "Classeur introuvable" in body and "orientest init" in body
    assert intake(workbook=str(path), outbox=str(outbox), return_state=True).is_completed()
    assert intake(workbook=str(path), outbox=str(outbox), return_state=True).is_completed()
    assert _subjects(outbox) == [
        "[orientest] Le flux « intake » est en échec",
        "[orientest] Le flux « intake » fonctionne de nouveau",
    ]


def test_an_incident_nobody_could_hear_of_is_never_said_to_be_over(tmp_path, prefect_harness, monkeypatch):
    monkeypatch.delenv("ORIENTEST_ALERT_EMAIL", raising=False)
    path, outbox = tmp_path / "reseau.xlsx", tmp_path / "outbox"
    _invoke("init", path, "--equipe", "equipe@exemple.fr")
    broken = tmp_path / "absent.xlsx"  # no workbook: no team address to read either
    assert intake(workbook=str(broken), outbox=str(outbox), return_state=True).is_failed()
    assert intake(workbook=str(path), outbox=str(outbox), return_state=True).is_completed()
    assert _subjects(outbox) == []


def test_alerts_give_the_time_in_paris_whatever_the_servers_zone(tmp_path, prefect_harness, monkeypatch):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    monkeypatch.setenv("ORIENTEST_ALERT_EMAIL", "equipe@exemple.fr")
    monkeypatch.setenv("TZ", "UTC")
    outbox = tmp_path / "outbox"
    assert intake(workbook=str(tmp_path / "absent-a-paris.xlsx"), outbox=str(outbox), return_state=True).is_failed()
    paris = datetime.now(ZoneInfo("Europe/Paris"))
    (alert,) = outbox.glob("incident_*.eml")
    body = message_from_bytes(alert.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert f"du {paris:%d/%m/%Y} à {paris.hour} h" in body  # French time: « 11 h 05 »
    Variable.unset("orientest_incident_intake")  # the next tests start without an incident in progress


def test_every_google_sheets_request_takes_a_slot_of_the_shared_rate_limit(tmp_path, prefect_harness, sheets_api):
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate

    from connectors.wiring import connect
    from flows import pipeline
    from flows.intake import STEP
    from tests.conftest import google_settings

    async def limit(create=False):
        async with get_client() as client:
            if create:
                await client.create_global_concurrency_limit(
                    GlobalConcurrencyLimitCreate(name="sheets-api-test", limit=1000, slot_decay_per_second=0.001)
                )
            return await client.read_global_concurrency_limit_by_name("sheets-api-test")

    asyncio.run(limit(create=True))
    settings = google_settings(tmp_path, sheets_api, google_rate_limit="sheets-api-test")
    connect(settings).workbook.ensure_layout({})

    @flow(name="intake-google")
    def intake_on_google():
        pipeline.run(STEP, connect(settings), pipeline.clock(None, "Europe/Paris"))

    before = len(sheets_api.calls)
    assert intake_on_google(return_state=True).is_completed()
    assert asyncio.run(limit()).active_slots == len(sheets_api.calls) - before > 0
