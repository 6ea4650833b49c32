"""Carrying out a plan: e-mails recorded before they are sent, then one write per tab."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from connectors.mail import Delivery, MailServerError, compose
from connectors.wiring import Connectors
from flows.logs import run_logger
from orientest import worklist
from orientest.context import Context
from orientest.core import journal
from orientest.core.plan import JournalEntry, Plan, RowAppend, TabReplace
from orientest.core.record_rows import record_names, with_names
from orientest.core.run_summary import anomalies_found, snapshot_after, statuses_after
from orientest.core.schema import Snapshot
from orientest.forms.registry import TAB as FORMS_TAB
from orientest.forms.registry import read_registry
from orientest.sending.delivery import Failure, settle


def write_document(path: Path, html: str) -> None:
    """Through a temporary file: a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(html, encoding="utf-8")
    temporary.replace(path)


@dataclass
class Outcome:
    flow: str
    updates: int = 0
    appends: int = 0
    removed: int = 0
    emails_sent: int = 0
    emails_failed: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    dry_run: bool = False
    anomalies: int = 0
    statuses: dict[str, dict[str, int]] = field(default_factory=dict)

    def summary(self) -> dict:
        return {
            "flux": self.flow,
            "lignes mises à jour": self.updates,
            "lignes ajoutées": self.appends,
            "lignes retirées": self.removed,
            "e-mails envoyés": self.emails_sent,
            "e-mails en échec": len(self.emails_failed),
            "lignes introuvables": len(self.not_found),
            "lignes avec anomalies": self.anomalies,
            "simulation": self.dry_run,
        }

    def markdown(self, at: datetime) -> str:
        """The run's artifact in Prefect: what it did, then rows by status."""
        lines = [f"# {self.flow} — {at:%d/%m/%Y %H:%M}", "", "| | |", "|---|---|"]
        lines += [f"| {label} | {value} |" for label, value in self.summary().items() if label != "flux"]
        for tab, counts in self.statuses.items():
            lines += ["", f"## {tab} par statut", "", "| statut | lignes |", "|---|---|"]
            lines += [f"| {status} | {count} |" for status, count in counts.items()]
        return "\n".join(lines) + "\n"


def _result(delivery: Delivery) -> str:
    if delivery.ok:
        return journal.SENT
    return journal.TO_CHECK if delivery.uncertain else journal.FAILED


def _worklist(
    snapshot: Snapshot, written: Plan, connectors: Connectors, now: datetime
) -> tuple[list[TabReplace], list[JournalEntry]]:
    """The À faire tab as the plan leaves the workbook, when the run read what it needs."""
    if not all(tab in snapshot for tab in worklist.TABS):
        return [], []
    rows, done = worklist.rows(snapshot_after(snapshot, written), Context(now, connectors.referential))
    current = snapshot["À faire"]
    if not done and worklist.unchanged(current, rows):
        return [], []  # nothing to rewrite: a quiet run leaves the workbook file as it was
    return [TabReplace("À faire", tuple(rows), current.staff_cells())], done


def apply_plan(plan: Plan, connectors: Connectors, now: datetime, snapshot: Snapshot) -> Outcome:
    """Render every e-mail, record them as planned, send them, then write statuses and results."""
    log = run_logger()
    settings = connectors.settings
    documents = {document.name: connectors.renderer.file(document) for document in plan.documents}
    for document in plan.documents:
        if document.kept and isinstance(page := documents[document.name], str):
            write_document(settings.reports / document.name, page)
    registry = read_registry(snapshot.get(FORMS_TAB), connectors.referential.forms)
    # A template error, or a link to a form nobody recorded, stops the run here: nothing sent, nothing written.
    bodies = [connectors.renderer.render(email, registry) for email in plan.emails]
    if plan.emails:
        planned = [journal.email_entry(email, plan.flow, now, journal.PLANNED) for email in plan.emails]
        connectors.workbook.write([], [RowAppend("Envois", journal.sending_row(entry)) for entry in planned])
    handover = connectors.handover.for_flow(plan.flow)
    # Composed as they go: two thousand messages held at once would weigh ~50 MB.
    reply_address = settings.reply_address if settings.replies_on else ""  # a reply address nobody reads: none
    messages = (
        compose(email, body, settings.from_address, now, documents, reply_address)
        for email, body in zip(plan.emails, bodies, strict=True)
    )
    deliveries = connectors.mailer.send(messages, handover) if plan.emails else []
    results = [
        journal.email_entry(email, plan.flow, now, _result(delivery), delivery.error)
        for email, delivery in zip(plan.emails, deliveries, strict=True)
    ]
    failures = [Failure(d.key, d.error, d.permanent, d.uncertain) for d in deliveries if not d.ok]
    written, held = settle(plan, failures, snapshot)
    if held:
        log.warning(
            "E-mails non partis pour l'instant : %d dossier(s) restent en l'état, nouvel essai au prochain passage.",
            len(held),
        )
    todo, done = _worklist(snapshot, written, connectors, now)
    names = record_names(snapshot, written)
    entries = [RowAppend("Journal", journal.as_row(entry, names)) for entry in [*written.journal, *done]]
    entries += [RowAppend("Envois", journal.sending_row(entry)) for entry in [*written.sendings, *results]]
    updates = with_names(written.updates, names)
    report = connectors.workbook.write(updates, [*written.appends, *entries], [*written.replaced, *todo])
    handover.clear()
    removed = connectors.workbook.remove(written.removals)  # after the write: a line leaves once its result is in
    for missing in [*report.not_found, *removed.not_found]:
        log.warning("Ligne introuvable au moment d'écrire (supprimée ou modifiée entre-temps) : %s", missing)
    for delivery in deliveries:
        if not delivery.ok:
            log.error("E-mail non envoyé (%s) : %s", delivery.key, delivery.error)
    if unusable := next((delivery for delivery in deliveries if delivery.server_unusable), None):
        raise MailServerError(
            f"Aucun e-mail n'a pu partir : {unusable.error}. Rien n'est perdu : les dossiers "
            "concernés restent en l'état jusqu'au passage suivant."
        )
    must_reach = {email.key: email for email in plan.emails if email.must_reach}
    if refused := next((d for d in deliveries if d.permanent and d.key in must_reach), None):
        raise MailServerError(
            f"L'adresse {', '.join(must_reach[refused.key].to)} refuse les e-mails ({refused.error})"
            " : corrigez « Adresse de l'équipe » dans Paramètres. Rien n'est perdu : ce qu'il "
            "fallait transmettre à l'équipe (réponses à lire, autre date proposée) attend le passage "
            "suivant."
        )
    return Outcome(
        flow=plan.flow,
        updates=report.written,
        appends=len(plan.appends),
        removed=removed.written,
        emails_sent=sum(d.ok for d in deliveries),
        emails_failed=[d.key for d in deliveries if not d.ok],
        not_found=report.not_found,
        anomalies=anomalies_found(written),
        statuses=statuses_after(snapshot, written),
    )
