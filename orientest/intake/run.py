"""Intake: new and edited signup and request rows become records with an ID, a status and an e-mail."""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from orientest.ambassadors.reading import full_name_of, read_ambassador
from orientest.ambassadors.summary import ambassador_context
from orientest.context import Context
from orientest.context.referential import Referential
from orientest.core import journal
from orientest.core.cells import with_lines
from orientest.core.email_factory import email, key
from orientest.core.french import format_datetime, format_long_date
from orientest.core.identifiers import IdAllocator
from orientest.core.journal import StatusChanged
from orientest.core.parameters import Parameters, read_parameters
from orientest.core.parameters import check as check_parameters
from orientest.core.plan import Email, Plan, RowUpdate
from orientest.core.record_rows import RecordRow, record_rows
from orientest.core.schema import AMBASSADORS, REQUESTS, Owner, Row, Snapshot, Tab
from orientest.forms.fields import Anomaly, FieldReader, anomalies_text, contact
from orientest.reference.school_calendar import SchoolCalendar
from orientest.requests.reading import Request, contact_name_of, read_request
from orientest.requests.retained import retained
from orientest.requests.summary import request_context
from orientest.resources.reading import check as check_resources
from orientest.statuses import ambassadors as ambassador_life
from orientest.statuses import requests as request_life
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.statuses.lifecycle import Lifecycle, Transition

FLOW = "intake"
TABS = ("Ambassadeurs", "Demandes", "Paramètres", "Ressources", "Journal", "Envois")
DUPLICATE_WINDOW = timedelta(days=1)


@dataclass(frozen=True)
class Form:
    """What differs between the signup form and the request form."""

    tab: Tab
    read: Callable[[Row, Referential], tuple[Any, list[Anomaly]]]
    new_id: Callable[[IdAllocator, datetime], str]
    lifecycle: Lifecycle
    valid: Transition
    invalid: Transition
    duplicate: Transition
    received_template: str
    incomplete_template: str
    describe: Callable[[Any], dict[str, Any]]
    contact_name: Callable[[Row], str]


SIGNUP = Form(
    AMBASSADORS,
    read_ambassador,
    lambda ids, at: ids.ambassador(),
    ambassador_life.LIFECYCLE,
    ambassador_life.SIGNED_UP,
    ambassador_life.INVALIDATE,
    ambassador_life.DUPLICATE_OF,
    "inscription_recue",
    "inscription_incomplete",
    ambassador_context,
    full_name_of,
)
REQUEST = Form(
    REQUESTS,
    read_request,
    lambda ids, at: ids.request(at.year),
    request_life.LIFECYCLE,
    request_life.VALIDATE,
    request_life.INVALIDATE,
    request_life.DUPLICATE_OF,
    "demande_recue",
    "demande_incomplete",
    request_context,
    contact_name_of,
)


def decide(snapshot: Snapshot, context: Context) -> Plan:
    """Validate every new or edited form row; welcome ambassadors staff have just made active."""
    parameters, _ = read_parameters(snapshot.get("Paramètres"))
    sent = journal.sent_keys(snapshot)
    ids = IdAllocator(record.id for name in ("Ambassadeurs", "Demandes") for record in record_rows(snapshot[name]))
    plan = Plan(FLOW)
    for form in (SIGNUP, REQUEST):
        run = _Run(context, parameters, ids, _processed_submissions(snapshot, form))
        for row in _rows_to_process(snapshot, form):
            _decide_row(plan, row, form, run)
    plan.updates.extend(_kept_for_earlier_requests(snapshot, context.referential))
    plan.updates.extend(_statuses_typed_by_staff(snapshot, context.now))
    plan.emails.extend(_welcomes(snapshot, context, parameters, sent))
    checked, told = check_parameters(snapshot.get("Paramètres"), context.now)  # intake runs most often: it watches
    plan.updates.extend(checked)
    plan.emails.extend(told)
    plan.updates.extend(check_resources(snapshot.get("Ressources"), context.referential))
    return journal.drop_sent(plan, snapshot)


@dataclass(frozen=True)
class _Run:
    context: Context
    parameters: Parameters
    ids: IdAllocator
    submissions: dict[str, list[tuple[datetime, str]]]  # content fingerprint → (submitted at, ID)

    @property
    def school(self) -> SchoolCalendar:
        return self.context.referential.calendar.in_zone(self.parameters.school_holiday_zone)


def _processed_submissions(snapshot: Snapshot, form: Form) -> dict[str, list[tuple[datetime, str]]]:
    submissions: dict[str, list[tuple[datetime, str]]] = {}
    for record in record_rows(snapshot[form.tab.name]):
        if record.id and record.fingerprint and (at := record.submitted_at):
            submissions.setdefault(record.fingerprint, []).append((at, record.id))
    return submissions


def _rows_to_process(snapshot: Snapshot, form: Form) -> Iterator[RecordRow]:
    """Non-blank rows never processed or edited since, oldest first so that IDs follow submission order."""
    form_titles = form.tab.titles(Owner.FORM)
    records = [record for record in record_rows(snapshot[form.tab.name]) if not record.row.is_blank(form_titles)]
    records.sort(key=lambda record: (record.submitted_at or datetime.max, record.row.line))
    for record in records:
        if not record.as_checked:
            yield record


def _decide_row(plan: Plan, row: RecordRow, form: Form, run: _Run) -> None:
    now = run.context.now
    submitted_at = row.submitted_at or now
    record_id = row.id or form.new_id(run.ids, submitted_at)
    record, anomalies = form.read(row.row, run.context.referential)
    closed = _closed_days(record, run.school) if form is REQUEST and record is not None else []
    notes = [Anomaly(question, f"{said} : la recherche se fait ce jour-là, comme demandé") for question, said in closed]
    original = _original_of(row, run, submitted_at, record_id)
    status = _new_status(row, form, record is not None, original)
    owned = form.valid.allows(row.status)
    if original:
        notes = []  # the original carries them
        anomalies = [Anomaly("Doublon", f"même adresse et même contenu que {original} (envoyé moins de 24 h avant)")]
    elif not owned:
        anomalies = anomalies + [
            Anomaly(
                "Formulaire",
                f"réponse modifiée le {format_datetime(now)}, après traitement "
                "(statut conservé) : à vérifier par l'équipe",
            )
        ]
    update = row.update(
        now,
        id=None if row.id else record_id,
        status=status,
        anomalies=anomalies_text(anomalies + notes),
        fingerprint=row.answers_fingerprint,
        charter_version=run.parameters.charter_version if form is SIGNUP and record is not None else None,
        retained=retained(row.row) if form is REQUEST and record is not None else None,
    )
    plan.updates.append(update)
    if status != row.status:
        plan.journal.append(StatusChanged(record_id, status, _first(anomalies)).entry(now, FLOW))
    if owned and not original:
        told = [said for _, said in closed]
        plan.emails.extend(_acknowledgement(row.row, form, record, anomalies, told, record_id, run.parameters))


def _new_status(row: RecordRow, form: Form, valid: bool, original: str) -> str:
    current = row.status
    if original:
        return form.lifecycle.check(form.duplicate, current)
    if not form.valid.allows(current):
        return current  # staff or a later flow own the record now
    return form.lifecycle.check(form.valid if valid else form.invalid, current)


def _original_of(row: RecordRow, run: _Run, submitted_at: datetime, record_id: str) -> str:
    """The ID of an earlier identical submission from the same address within a day, if any."""
    earlier = run.submissions.setdefault(row.answers_fingerprint, [])
    original = (
        ""
        if row.id
        else next(
            (other_id for other_at, other_id in earlier if timedelta(0) <= submitted_at - other_at <= DUPLICATE_WINDOW),
            "",
        )
    )
    earlier.append((submitted_at, record_id))
    return original


def _closed_days(request: Request, school: SchoolCalendar) -> list[tuple[str, str]]:
    """Dates asked when schools are closed, by question (« le mercredi 11 novembre 2027 (Armistice, jour férié) »):
    kept, since a structure may be open or a forum held that day, but noted for staff and told to the requester."""
    return [
        (question, f"le {format_long_date(day)} ({why})")
        for question, day in request.days_asked()
        if (why := school.closed(day, request.department))
    ]


def _acknowledgement(
    row: Row,
    form: Form,
    record: Any,
    anomalies: list[Anomaly],
    closed_days: list[str],
    record_id: str,
    parameters: Parameters,
) -> list[Email]:
    address = FieldReader(row).email("Adresse e-mail")
    if not address:
        return []  # nobody to write to: the anomaly on the row is for staff
    context: dict[str, Any] = {"id": record_id, "name": form.contact_name(row), "staff_email": parameters.staff_email}
    if record is not None:
        context.update(form.describe(record), closed_days=closed_days)
        return [email(parameters, form.received_template, address, record_id, context, record_id)]
    problems = [str(anomaly) for anomaly in anomalies]
    digest = hashlib.sha256("\n".join(problems).encode()).hexdigest()[:8]
    return [
        email(
            parameters,
            form.incomplete_template,
            address,
            record_id,
            {**context, "anomalies": problems},
            record_id,
            digest,
        )
    ]


def _kept_for_earlier_requests(snapshot: Snapshot, referential: Referential) -> Iterator[RowUpdate]:
    """Requests in play validated before their answers were kept (`Valeurs retenues`): kept now, once each."""
    for record in record_rows(snapshot["Demandes"]):
        if (
            record.as_checked
            and not record.retained
            and record.status not in request_life.NOT_IN_PLAY
            and read_request(record.row, referential)[0] is not None
        ):
            yield record.update(retained=retained(record.row))


def _statuses_typed_by_staff(snapshot: Snapshot, now: datetime) -> Iterator[RowUpdate]:
    """A `Statut` outside the list is read when it is one of the list's typed another way (« actif » → « Actif »);
    otherwise it stays as typed, with a word in `Anomalies`, and no flow acts on the record until staff correct it.
    It is not put back: the Journal does not know the statuses staff set by hand, and putting back the last one it
    knows could undo a validation."""
    for form in (SIGNUP, REQUEST):
        for record in record_rows(snapshot[form.tab.name]):
            if not record.as_checked or not record.status or record.status in form.lifecycle.statuses:
                continue
            meant = form.lifecycle.read(record.status)
            if meant is not None:
                yield record.update(now, status=meant)
                continue
            line = (
                f"• Statut : « {record.status[:30]} » n'est pas un statut de la liste ; aucun flux n'agit sur cette "
                f"ligne tant qu'il n'est pas corrigé. Statuts possibles : {', '.join(form.lifecycle.statuses)}"
            )
            if line not in record.anomalies:
                yield record.update(now, anomalies=with_lines(record.anomalies, [line]))


def _welcomes(snapshot: Snapshot, context: Context, parameters: Parameters, sent: set[str]) -> Iterator[Email]:
    """A welcome once staff set `Actif`, for signups this system received (not for imported records)."""
    for record in record_rows(snapshot["Ambassadeurs"]):
        record_id, row = record.id, record.row
        if record.status != AmbassadorStatus.ACTIVE or key(SIGNUP.received_template, record_id) not in sent:
            continue
        address = contact(row)
        if address:
            yield email(
                parameters,
                "bienvenue",
                address,
                record_id,
                {
                    "id": record_id,
                    "name": SIGNUP.contact_name(row),
                    "staff_email": parameters.staff_email,
                    "charter_url": parameters.charter_url,
                    "protocol_url": parameters.protocol_url,
                },
                record_id,
            )


def _first(anomalies: list[Anomaly]) -> str:
    return f"{anomalies[0]}" + (f" (+{len(anomalies) - 1})" if len(anomalies) > 1 else "") if anomalies else ""
