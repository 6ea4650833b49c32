"""`orientest demo`: a few simulated weeks of the network, from empty workbook to e-mails in an outbox."""

import random
import secrets
import shutil
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from rich.table import Table

from cli.forms import answer_tokens, edit_answer, edit_parameter, feedback_token, stand_in_layout, stand_in_registry
from cli.seed import FORMS_TIMESTAMP, Seeder
from cli.show import console
from connectors.mail import KEY_HEADER
from connectors.settings import Settings
from connectors.wiring import connect
from flows import pipeline
from flows.indicators import step_for
from flows.registry import STEPS
from orientest.ambassadors.lifecycle import AmbassadorStatus
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from orientest.requests.lifecycle import RequestStatus

START = datetime(2026, 9, 7)  # a Monday, at the start of the school year
DAYS = 21  # every day while forms come in
LATER = range(DAYS + 4, 96, 4)  # then every fourth day, until every intervention is past and followed up
STAFF_EMAIL = "equipe-orientest@exemple.fr"
ANSWER_SHARES = (("J'accepte", 0.6), ("Je ne suis pas disponible", 0.2), ("Je propose une autre date", 0.05),
                 ("", 0.15))  # "" = no answer at all


class Demo:
    def __init__(self, directory: Path, seed: int):
        self.workbook, self.outbox = directory / "orientest-demo.xlsx", directory / "outbox"
        self.workbook.unlink(missing_ok=True)
        shutil.rmtree(self.outbox, ignore_errors=True)
        shutil.rmtree(directory / "etat", ignore_errors=True)  # a new demo: no hand-over from the last one
        self.connectors = connect(Settings(workbook=self.workbook, outbox=self.outbox, reports=directory / "rapports",
                                           state_dir=directory / "etat", token_secret=secrets.token_hex(32)))
        self.rng = random.Random(seed)
        self.seeder = Seeder(self.connectors.referential, seed)
        self.forms = stand_in_registry(self.connectors.referential.forms)
        self.answered: set[str] = set()
        self.forged = False

    def run(self) -> None:
        self.connectors.workbook.ensure_layout(stand_in_layout(self.connectors.referential, STAFF_EMAIL))
        # The network exists before schools ask: signups come first, requests a few days later.
        arrivals = [RowAppend("Ambassadeurs", r) for r in self.seeder.ambassadors(150, START, 7)]
        arrivals += [RowAppend("Demandes", r) for r in self.seeder.requests(100, START + timedelta(days=4), 10)]
        for day in [*range(DAYS + 1), *LATER]:
            today = START + timedelta(days=day)
            self.simulate_day(today, day, arrivals)
        self.staff_raise_the_charter_version(START + timedelta(days=LATER[-1] + 1))
        report = self.monthly_report("2026-11", datetime(2026, 12, 1, 6))
        self.print_summary()
        console.print(f"Rapport de novembre : [bold]{report.resolve()}[/bold]")

    def life_goes_on(self, today: datetime, day: int) -> list[RowAppend]:
        """After the match: feedback comes in, one ambassador cancels, one updates their record, one leaves."""
        rows = self.feedback_from_emails(today)
        if day == LATER[1]:
            rows += self.someone_cancels(today)
        if day == LATER[2]:
            rows += self.someone_updates_or_leaves(today, "Coordonnées", "Téléphone : 07 61 23 45 67")
        if day == LATER[3]:
            rows += self.someone_updates_or_leaves(today, "Quitter le réseau", "")
        return rows

    def simulate_day(self, today: datetime, day: int, arrivals: list[RowAppend]) -> None:
        """Forms fill the workbook, staff validate signups, people answer; the flows run in the evening."""
        todays = [a for a in arrivals
                  if datetime.strptime(a.values["Horodatage"], FORMS_TIMESTAMP).date() == today.date()]
        forms = todays + self.ambassadors_answer(today) + self.life_goes_on(today, day)
        self.connectors.workbook.write(self.staff_validates_signups(), forms)
        if day == 3:
            self.requester_corrects_a_request()
        for step in STEPS.values():
            _, outcome = pipeline.run(step, self.connectors, today.replace(hour=18))
            console.print(f"{today:%d/%m/%Y} · {step.name:<8} : {outcome.updates} ligne(s) mises à jour, "
                          f"{outcome.emails_sent} e-mail(s)")

    def staff_validates_signups(self) -> list[RowUpdate]:
        """Staff set `Actif` on every signup waiting since yesterday."""
        table = self.connectors.workbook.read(["Ambassadeurs"])["Ambassadeurs"]
        waiting = [row["ID"] for row in table.rows if row["Statut"] == AmbassadorStatus.TO_VALIDATE]
        active = {"Statut": AmbassadorStatus.ACTIVE}
        return [RowUpdate("Ambassadeurs", RowKey(id=record_id), active) for record_id in waiting]

    def ambassadors_answer(self, today: datetime) -> list[RowAppend]:
        """Each new proposal is answered from its e-mail's links (or not at all); one token is forged."""
        rows = []
        for eml in sorted(self.outbox.glob("proposition_DEM*.eml")):
            if eml.name in self.answered:
                continue
            self.answered.add(eml.name)
            answer = self.rng.choices([a for a, _ in ANSWER_SHARES], weights=[w for _, w in ANSWER_SHARES])[0]
            if not answer:
                continue
            token = answer_tokens(eml, self.forms["reponse"])[answer]
            if not self.forged and answer == "J'accepte":
                token, self.forged = token.replace("AMB-", "AMB-9"), True  # someone answers for someone else
            proposed = (today + timedelta(days=10)).strftime("%d/%m/%Y") if answer.startswith("Je propose") else ""
            rows.append(RowAppend("Réponses", {"Horodatage": today.replace(hour=12).strftime(FORMS_TIMESTAMP),
                                               "Jeton": token, "Réponse": answer, "Date proposée": proposed}))
        return rows

    def feedback_from_emails(self, today: datetime) -> list[RowAppend]:
        """Most people answer the feedback request from its link; a few report the ambassador did not come."""
        rows = []
        for eml in sorted(self.outbox.glob("demande_retour_*.eml")):
            if eml.name in self.answered or self.rng.random() > 0.75:
                continue
            self.answered.add(eml.name)
            held = "Non, ambassadeur absent" if "demandeur" in eml.name and self.rng.random() < 0.05 else "Oui"
            rows.append(RowAppend("Retours", {
                "Horodatage": today.replace(hour=11).strftime(FORMS_TIMESTAMP),
                "Jeton": feedback_token(eml, self.forms["retour"]),
                "L'intervention a eu lieu": held, "Nombre de participants": str(self.rng.randint(10, 35)),
                "Satisfaction": str(self.rng.choice((3, 4, 4, 5, 5, 5))) if held == "Oui" else "",
                "Aide à l'orientation": str(self.rng.choice((2, 3, 4, 4, 5))) if held == "Oui" else "",
                "Intentions de formation": self.rng.choice(("", "Bac pro", "Apprentissage", "BTS")),
            }))
        return rows

    def someone_cancels(self, today: datetime) -> list[RowAppend]:
        """An ambassador cannot come after all: the cancel link of their confirmation."""
        for eml in sorted(self.outbox.glob("confirmation_ambassadeur_*.eml")):
            answer = "Je dois annuler"
            token = answer_tokens(eml, self.forms["reponse"]).get(answer, "")
            if token:
                console.print(f"{eml.name.split('_')[2]} : l'ambassadeur se désiste")
                return [RowAppend("Réponses", {"Horodatage": today.replace(hour=9).strftime(FORMS_TIMESTAMP),
                                               "Jeton": token, "Réponse": answer})]
        return []

    def someone_updates_or_leaves(self, today: datetime, subject: str, changes: str) -> list[RowAppend]:
        table = self.connectors.workbook.read(["Ambassadeurs"])["Ambassadeurs"]
        people = [row for row in table.rows if row["Statut"] == AmbassadorStatus.ACTIVE]
        person = people[len(people) // (2 if changes else 3)]
        console.print(f"{person['ID']} : « {subject} » par le formulaire de mise à jour")
        return [RowAppend("Mises à jour", {"Horodatage": today.replace(hour=10).strftime(FORMS_TIMESTAMP),
                                           "Adresse e-mail": person["Adresse e-mail"], "Objet": subject,
                                           "Nouvelles informations": changes})]

    def staff_raise_the_charter_version(self, today: datetime) -> None:
        """The yearly charter revision: staff type the new version; every active ambassador is asked to accept it."""
        edit_parameter(self.workbook, "Version de la charte", "2027")
        _, outcome = pipeline.run(STEPS["housekeeping"], self.connectors, today.replace(hour=3))
        console.print(f"{today:%d/%m/%Y} · charte 2027 : {outcome.emails_sent} ambassadeur(s) sollicité(s)")

    def monthly_report(self, month: str, now: datetime) -> Path:
        """The 1st of the month: indicators, the report, and the e-mail to staff."""
        pipeline.run(step_for(month), self.connectors, now)
        return self.connectors.settings.reports / f"rapport-{month}.html"

    def requester_corrects_a_request(self) -> None:
        """Someone told their participant count was unreadable edits their form answer."""
        table = self.connectors.workbook.read(["Demandes"])["Demandes"]
        for row in table.rows:
            if row["Statut"] == RequestStatus.INCOMPLETE and "Nombre de participants" in row["Anomalies"]:
                edit_answer(self.workbook, "Demandes", row["ID"], "Nombre de participants", "30")
                console.print(f"{row['ID']} : le demandeur corrige le nombre de participants dans le formulaire")
                return

    def print_summary(self) -> None:
        snapshot = self.connectors.workbook.read(["Ambassadeurs", "Demandes", "Réponses", "Journal"])
        table = Table(title="Démo orientest — état du classeur")
        for column in ("Onglet", "Statut", "Lignes"):
            table.add_column(column)
        for name in ("Ambassadeurs", "Demandes"):
            for status, count in sorted(Counter(row["Statut"] or "(vide)" for row in snapshot[name].rows).items()):
                table.add_row(name, status, str(count))
        console.print(table)
        refused = [row for row in snapshot["Réponses"].rows if row["Anomalies"]]
        for row in refused:
            console.print(f"Réponse refusée : {row['Anomalies']}")
        emails = Counter(self._template(path) for path in self.outbox.glob("*.eml"))
        console.print("E-mails écrits : " + ", ".join(f"{name} {count}" for name, count in sorted(emails.items())))
        console.print(f"Entrées de journal : {len(snapshot['Journal'].rows)}")
        console.print(f"Classeur : [bold]{self.workbook.resolve()}[/bold]")
        console.print(f"Boîte d'envoi : [bold]{self.outbox.resolve()}[/bold]")

    @staticmethod
    def _template(path: Path) -> str:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(f"{KEY_HEADER}:"):
                return line.split(":", 2)[1].strip()
        return "?"


def run_demo(directory: Path, seed: int) -> None:
    Demo(directory, seed).run()
