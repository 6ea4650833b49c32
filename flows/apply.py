"""Carrying out a plan: e-mails recorded before they are sent, then one write per tab."""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from connectors.mail import compose
from connectors.wiring import Connectors
from orientest import journal
from orientest.delivery import Failure, settle
from orientest.plan import Plan, RowAppend
from orientest.schema import Snapshot

log = logging.getLogger("orientest")


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
    emails_sent: int = 0
    emails_failed: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> dict:
        return {"flux": self.flow, "lignes mises à jour": self.updates, "lignes ajoutées": self.appends,
                "e-mails envoyés": self.emails_sent, "e-mails en échec": len(self.emails_failed),
                "lignes introuvables": len(self.not_found), "simulation": self.dry_run}


def apply_plan(plan: Plan, connectors: Connectors, now: datetime, snapshot: Snapshot) -> Outcome:
    """Render every e-mail, record them as planned, send them, then write statuses and results."""
    settings = connectors.settings
    documents = {document.name: connectors.renderer.document(document) for document in plan.documents}
    for name, html in documents.items():
        write_document(settings.reports / name, html)
    messages = [compose(email, connectors.renderer.render(email), settings.mail_from, now, documents)
                for email in plan.emails]
    if plan.emails:
        planned = [journal.email_entry(email, plan.flow, now, journal.PLANNED) for email in plan.emails]
        connectors.workbook.write([], [RowAppend("Journal", journal.as_row(entry)) for entry in planned])
    deliveries = connectors.mailer.send(messages) if messages else []
    results = [
        journal.email_entry(email, plan.flow, now, journal.SENT if delivery.ok else journal.FAILED, delivery.error)
        for email, delivery in zip(plan.emails, deliveries, strict=True)
    ]
    written, held = settle(plan, [Failure(d.key, d.error, d.permanent) for d in deliveries if not d.ok], snapshot)
    if held:
        log.warning("E-mails non partis pour l'instant : %d dossier(s) restent en l'état, nouvel essai au prochain "
                    "passage.", len(held))
    entries = [RowAppend("Journal", journal.as_row(entry)) for entry in [*written.journal, *results]]
    report = connectors.workbook.write(written.updates, [*written.appends, *entries])
    for missing in report.not_found:
        log.warning("Ligne introuvable au moment d'écrire (supprimée ou modifiée entre-temps) : %s", missing)
    for delivery in deliveries:
        if not delivery.ok:
            log.error("E-mail non envoyé (%s) : %s", delivery.key, delivery.error)
    return Outcome(
        flow=plan.flow, updates=report.written, appends=len(plan.appends),
        emails_sent=sum(d.ok for d in deliveries),
        emails_failed=[d.key for d in deliveries if not d.ok], not_found=report.not_found,
    )
