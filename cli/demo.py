"""`orientest demo`: a few simulated weeks of the network, from empty workbook to e-mails in an outbox."""

import shutil
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from rich.table import Table

from cli.forms import edit_answer
from cli.seed import FORMS_TIMESTAMP, Seeder
from cli.show import console
from connectors.settings import Settings
from connectors.wiring import Connectors, connect
from flows import pipeline
from flows.registry import STEPS
from orientest.defaults import initial_rows
from orientest.plan import RowAppend, RowKey, RowUpdate
from orientest.vocabulary import AmbassadorStatus, RequestStatus

START = datetime(2026, 9, 7)  # a Monday, at the start of the school year
DAYS = 21
STAFF_EMAIL = "equipe-orientest@exemple.fr"


def run_demo(directory: Path, seed: int) -> None:
    workbook, outbox = directory / "orientest-demo.xlsx", directory / "outbox"
    workbook.unlink(missing_ok=True)
    shutil.rmtree(outbox, ignore_errors=True)
    connectors = connect(Settings(workbook=workbook, outbox=outbox))
    rows = initial_rows(connectors.referential)
    for row in rows["Paramètres"]:
        if row["Paramètre"] == "Adresse de l'équipe":
            row["Valeur"] = STAFF_EMAIL
    connectors.workbook.ensure_layout(rows)
    seeder = Seeder(connectors.referential, seed)
    arrivals = [RowAppend("Ambassadeurs", r) for r in seeder.ambassadors(60, START, DAYS)]
    arrivals += [RowAppend("Demandes", r) for r in seeder.requests(120, START, DAYS)]
    for day in range(DAYS + 1):
        today = START + timedelta(days=day)
        _simulate_day(connectors, today, arrivals, corrections=day == 3)
    _print_summary(connectors, workbook, outbox)


def _simulate_day(connectors: Connectors, today: datetime, arrivals: list[RowAppend], corrections: bool) -> None:
    """Forms fill the workbook during the day; staff validate yesterday's signups; intake runs in the evening."""
    todays = [a for a in arrivals if datetime.strptime(a.values["Horodatage"], FORMS_TIMESTAMP).date() == today.date()]
    connectors.workbook.write(_staff_validates_signups(connectors), todays)
    if corrections:
        _requester_corrects_a_request(connectors)
    for step in STEPS.values():
        plan, outcome = pipeline.run(step, connectors, today.replace(hour=18))
        console.print(f"{today:%d/%m/%Y} · {step.name} : {len(todays)} réponse(s) arrivée(s), "
                      f"{outcome.updates} ligne(s) mises à jour, {outcome.emails_sent} e-mail(s)")


def _staff_validates_signups(connectors: Connectors) -> list[RowUpdate]:
    """Staff set `Actif` on every signup waiting since yesterday."""
    table = connectors.workbook.read(["Ambassadeurs"])["Ambassadeurs"]
    waiting = [row["ID"] for row in table.rows if row["Statut"] == AmbassadorStatus.TO_VALIDATE]
    active = {"Statut": AmbassadorStatus.ACTIVE}
    return [RowUpdate("Ambassadeurs", RowKey(id=record_id), active) for record_id in waiting]


def _requester_corrects_a_request(connectors: Connectors) -> None:
    """Someone told their participant count was unreadable edits their form answer."""
    table = connectors.workbook.read(["Demandes"])["Demandes"]
    for row in table.rows:
        if row["Statut"] == RequestStatus.INCOMPLETE and "Nombre de participants" in row["Anomalies"]:
            edit_answer(connectors.settings.workbook, "Demandes", row["ID"], "Nombre de participants", "30")
            console.print(f"{row['ID']} : le demandeur corrige le nombre de participants dans le formulaire")
            return


def _print_summary(connectors: Connectors, workbook: Path, outbox: Path) -> None:
    snapshot = connectors.workbook.read(["Ambassadeurs", "Demandes", "Journal"])
    table = Table(title="Démo orientest — état du classeur")
    for column in ("Onglet", "Statut", "Lignes"):
        table.add_column(column)
    for name in ("Ambassadeurs", "Demandes"):
        for status, count in sorted(Counter(row["Statut"] or "(vide)" for row in snapshot[name].rows).items()):
            table.add_row(name, status, str(count))
    console.print(table)
    emails = sorted(outbox.glob("*.eml"))
    console.print(f"E-mails écrits : {len(emails)} · entrées de journal : {len(snapshot['Journal'].rows)}")
    console.print(f"Classeur : [bold]{workbook.resolve()}[/bold]")
    console.print(f"Boîte d'envoi : [bold]{outbox.resolve()}[/bold]")
