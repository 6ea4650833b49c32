"""`orientest demo`: a simulated school year of the network, from empty workbook to e-mails in an outbox and a
monthly report."""

import random
import re
import secrets
import shutil
from collections import Counter
from datetime import date, datetime, timedelta
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from pathlib import Path

from rich.table import Table

from cli.forms import (
    answer_tokens,
    edit_answer,
    edit_parameter,
    feedback_token,
    links_to,
    stand_in_layout,
    stand_in_registry,
)
from cli.seed import FORMS_TIMESTAMP, Seeder
from cli.show import console
from connectors.mail import KEY_HEADER
from connectors.settings import Settings
from connectors.wiring import connect
from flows import pipeline
from flows.housekeeping import archive_and_retain
from flows.indicators import step_for
from flows.registry import STEPS
from orientest.core import journal
from orientest.core.cells import ids as ambassador_ids
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from orientest.core.tokens import OTHER_DATE_PREFIX
from orientest.forms.options import INFORMED_ANSWERS, NEXT_STEPS
from orientest.forms.questions import CHANGED_TITLE, CONSIDERING_TITLE, INFORMED_TITLE, NEXT_STEP_TITLE
from orientest.statuses import requests as request_life
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.statuses.requests import RequestStatus
from orientest.submissions.participants import ANSWER_DAYS, read_participant_rows

START = datetime(2026, 9, 7)  # a Monday, at the start of the school year
END = datetime(2027, 6, 30)
DAILY_UNTIL = 21  # the flows run every evening of the first three weeks, then on Mondays and Thursdays
# Requests by month (September to May): a slow start, autumn's stage de 3e, winter's orientation season, then less.
REQUESTS_BY_MONTH = {9: 16, 10: 28, 11: 30, 12: 12, 1: 28, 2: 24, 3: 26, 4: 14, 5: 10}
SIGNUPS_BY_MONTH = {9: 150, 10: 15, 11: 8, 12: 3, 1: 8, 2: 4, 3: 4, 4: 2, 5: 1}
SEVERAL_SHARE = 0.04  # round tables and small events asking for two to five ambassadors
FORUM = (datetime(2027, 1, 11, 9), 4, datetime(2027, 2, 4).date())  # sent, places, day
# A mission locale open in the winter school holidays asks for that week: kept, staff and requester told, the proposal
# says it; every other request asks for a class day.
IN_THE_HOLIDAYS = (datetime(2027, 1, 25, 10), datetime(2027, 3, 2).date())  # sent, day
STAFF_EMAIL = "equipe-orientest@exemple.fr"
INTENTIONS = ("", "CAP ou bac professionnel", "Apprentissage ou alternance, BTS ou BUT", "BTS ou BUT")
COMMENTS = (
    "",
    "Très concret : les élèves ont posé beaucoup de questions.",
    "Merci ! Deux élèves veulent faire leur stage de 3e dans le secteur.",
    "Bonne intervention, un peu longue pour des 4e.",
    "Les élèves ont découvert un métier qu'ils ne connaissaient pas.",
)
SUPPORTS = "https://ressources.exemple.fr/orientest"  # the demo's stand-in for where the Région shares its documents
EVENTS = (  # the network's own: a meeting open to all in November, a training for newcomers in January
    {
        "Titre": "Rencontre des ambassadeurs : un trimestre d'interventions",
        "Type": "Rencontre",
        "Date": "19/11/2026",
        "Heure de début": "18 h",
        "Heure de fin": "20 h",
        "Lieu": "Maison de la Région, 1 place Adrien Zeller, Strasbourg",
    },
    {
        "Titre": "Accueillir une classe : préparer, animer, conclure",
        "Type": "Formation",
        "Date": "21/01/2027",
        "Heure de début": "14 h",
        "Heure de fin": "16 h 30",
        "Lien de la visio": "https://visio.exemple.fr/orientest-formation",
        "Pour qui": "Nouveaux ambassadeurs",
        "Places": "12",
    },
)
RESOURCES = (  # what staff list in `Ressources` before the launch; the last line has no address yet
    {
        "Titre": "Kit de l'ambassadeur",
        "Adresse": f"{SUPPORTS}/kit-ambassadeur.pdf",
        "Pour qui": "Ambassadeurs",
        "Quand": "Bienvenue, Confirmation",
    },
    {
        "Titre": "Préparer la venue d'un ambassadeur",
        "Adresse": f"{SUPPORTS}/guide-etablissements.pdf",
        "Pour qui": "Demandeurs",
        "Quand": "Bienvenue, Confirmation",
    },
    {
        "Titre": "Consignes pour une visite d'entreprise",
        "Adresse": f"{SUPPORTS}/visites.pdf",
        "Pour qui": "Tous",
        "Quand": "Confirmation, Rappel",
        "Type d'intervention": "Visite d'entreprise",
    },
    {"Titre": "Questionnaire pour les élèves", "Adresse": "à venir", "Pour qui": "Demandeurs", "Quand": "Retour"},
)
ANSWER_SHARES = (
    ("J'accepte", 0.6),
    ("Je ne suis pas disponible", 0.2),
    ("Je propose une autre date", 0.05),
    ("", 0.15),
)  # "" = no answer at all
PISTE_SHARES = (("first", 0.7), ("decline", 0.1), ("", 0.2))  # requesters offered pistes (again on the reminder)
OTHER_DAY_SHARES = (("J'accepte", 0.7), ("Je ne suis pas disponible", 0.2), ("", 0.1))  # another day offered


class Demo:
    def __init__(self, directory: Path, seed: int):
        self.workbook, self.outbox = directory / "orientest-demo.xlsx", directory / "outbox"
        self.workbook.unlink(missing_ok=True)
        shutil.rmtree(self.outbox, ignore_errors=True)
        shutil.rmtree(directory / "etat", ignore_errors=True)  # a new demo: no hand-over from the last one
        self.connectors = connect(
            Settings(
                workbook=self.workbook,
                outbox=self.outbox,
                reports=directory / "rapports",
                state_dir=directory / "etat",
                token_secret=secrets.token_hex(32),
            )
        )
        self.rng = random.Random(seed)
        self.voices = random.Random(
            seed + 1
        )  # requesters' words: drawn apart, so that the rest of the year is unchanged
        self.groups = random.Random(seed + 2)  # the participants' answers: drawn apart too
        self.groups_done: set[str] = set()
        self.network = random.Random(seed + 3)  # the network's events: who registers, withdraws, comes
        self.invitations_read: set[str] = set()
        self.marked: set[str] = set()
        self.seeder = Seeder(self.connectors.referential, seed)
        self.forms = stand_in_registry(self.connectors.referential.forms)
        self.answered: set[str] = set()
        self.forged = False
        self.reports: dict[Path, bytes] = {}  # each monthly report as sent, to check it never changes after

    def run(self) -> None:
        self.connectors.workbook.ensure_layout(stand_in_layout(self.connectors.referential, STAFF_EMAIL))
        self.staff_prepare_the_supports()
        arrivals = self.arrivals()
        days = (END - START).days
        run_days = [d for d in range(days + 1) if d <= DAILY_UNTIL or (START + timedelta(days=d)).weekday() in (0, 3)]
        pending: list[RowAppend] = []
        for day in range(days + 1):
            today = START + timedelta(days=day)
            pending += [a for a in arrivals if _sent_on(a) == today.date()]
            if today.day == 1:
                self.monthly_report(f"{today - timedelta(days=1):%Y-%m}", today.replace(hour=6))
            if day in run_days:
                self.simulate_day(today, day, pending)
                pending = []
        self.staff_raise_the_charter_version(END + timedelta(days=1))
        self.print_summary()
        self.summer_then_the_archive()
        report = self.connectors.settings.reports / "rapport-2026-11.html"
        kept = sum(path.read_bytes() == sent for path, sent in self.reports.items())
        console.print(f"Rapports mensuels inchangés depuis leur envoi : {kept} sur {len(self.reports)}")
        taken = re.search(r"Données arrêtées au ([^<·]+)", report.read_text(encoding="utf-8"))
        console.print(f"Rapport de novembre ({taken[0].strip() if taken else '?'}) : [bold]{report.resolve()}[/bold]")

    def staff_prepare_the_supports(self) -> None:
        """Before the launch, staff give the charter's and the protocol's addresses, and list the kits to send."""
        edit_parameter(self.workbook, "Adresse de la charte", f"{SUPPORTS}/charte-2026.pdf")
        edit_parameter(self.workbook, "Adresse du protocole d'intervention", f"{SUPPORTS}/protocole.pdf")
        self.connectors.workbook.write([], [RowAppend("Ressources", line) for line in RESOURCES])
        self.connectors.workbook.write([], [RowAppend("Rencontres", line) for line in EVENTS])

    def arrivals(self) -> list[RowAppend]:
        """Signups and requests from September to May, month by month; the network exists before schools ask, and
        one lycée's forum des métiers asks for several ambassadors in January."""
        rows = []
        for month, count in SIGNUPS_BY_MONTH.items():
            start, length = _month(month)
            if month == 9:  # the launch: most volunteers sign up in the first week
                start, length = START, 7
            rows += [RowAppend("Ambassadeurs", r) for r in self.seeder.ambassadors(count, start, length)]
        for month, count in REQUESTS_BY_MONTH.items():
            start, length = _month(month)
            if month == 9:
                start, length = START + timedelta(days=4), 19
            rows += [RowAppend("Demandes", r) for r in self.seeder.requests(count, start, length, SEVERAL_SHARE)]
        sent, places, day = FORUM
        rows.append(RowAppend("Demandes", self.seeder.forum(sent, places, day)))
        sent, day = IN_THE_HOLIDAYS
        rows.append(RowAppend("Demandes", self.seeder.in_the_holidays(sent, day)))
        return sorted(rows, key=lambda r: datetime.strptime(r.values["Horodatage"], FORMS_TIMESTAMP))

    def life_goes_on(self, today: datetime, day: int) -> list[RowAppend]:
        """After the match: feedback comes in, requesters choose among pistes, one ambassador cancels, one updates
        their record, one leaves."""
        rows = self.feedback_from_emails(today) + self.groups_answer(today) + self.requesters_choose_pistes(today)
        rows += self.ambassadors_register(today)
        rows += self.requesters_answer_other_days(today)
        if day == 31:  # a Thursday: the flows run on Mondays and Thursdays after the first three weeks
            rows += self.someone_cancels(today)
        if day == 42:
            rows += self.someone_updates_or_leaves(today, "Coordonnées", "Téléphone : 07 61 23 45 67")
        if day == 52:
            rows += self.someone_updates_or_leaves(today, "Quitter le réseau", "")
        return rows

    def simulate_day(self, today: datetime, day: int, arrivals: list[RowAppend]) -> None:
        """Forms fill the workbook, staff validate signups, people answer; the flows run in the evening."""
        forms = arrivals + self.ambassadors_answer(today) + self.life_goes_on(today, day)
        self.connectors.workbook.write(
            self.staff_validates_signups() + self.staff_move_an_intervention(today, day), forms
        )
        self.staff_mark_who_came()
        if day == 10:
            self.requester_corrects_a_request()
        if day == 38:
            self.staff_give_a_visio_link()
        sent = 0
        for step in STEPS.values():
            _, outcome = pipeline.run(step, self.connectors, today.replace(hour=18))
            sent += outcome.emails_sent
        console.print(
            f"{today:%d/%m/%Y} · {len(arrivals):>2} inscription(s) ou demande(s) arrivée(s), {sent:>3} e-mail(s)"
        )

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
            other_day = self.seeder.open_day_after((today + timedelta(days=10)).date())
            proposed = other_day.strftime("%d/%m/%Y") if answer.startswith("Je propose") else ""
            rows.append(
                RowAppend(
                    "Réponses",
                    {
                        "Horodatage": _answered_at(eml, today, 12),
                        "Jeton": token,
                        "Réponse": answer,
                        "Date proposée": proposed,
                    },
                )
            )
        return rows

    def requesters_choose_pistes(self, today: datetime) -> list[RowAppend]:
        """Offered pistes (or their reminder), most requesters take the first one; a few decline them all, some do
        not answer."""
        rows = []
        for eml in sorted([*self.outbox.glob("pistes_DEM*.eml"), *self.outbox.glob("pistes_relance_DEM*.eml")]):
            if eml.name in self.answered:
                continue
            self.answered.add(eml.name)
            choice = self.rng.choices([c for c, _ in PISTE_SHARES], weights=[w for _, w in PISTE_SHARES])[0]
            links = links_to(eml, self.forms["reponse"])
            token = links[0]["Jeton"] if choice == "first" else links[-1]["Jeton"] if choice else ""
            answer = "J'accepte" if choice == "first" else "Je ne suis pas disponible"
            if token:
                rows.append(
                    RowAppend(
                        "Réponses", {"Horodatage": _answered_at(eml, today, 13), "Jeton": token, "Réponse": answer}
                    )
                )
        return rows

    def requesters_answer_other_days(self, today: datetime) -> list[RowAppend]:
        """Another day offered by an ambassador: most requesters take it with one click, some do not."""
        rows = []
        for eml in sorted(self.outbox.glob("autre_date_demandeur_DEM*.eml")):
            if eml.name in self.answered:
                continue
            self.answered.add(eml.name)
            answer = self.rng.choices([a for a, _ in OTHER_DAY_SHARES], weights=[w for _, w in OTHER_DAY_SHARES])[0]
            if answer:
                token = answer_tokens(eml, self.forms["reponse"])[answer]
                rows.append(
                    RowAppend(
                        "Réponses", {"Horodatage": _answered_at(eml, today, 14), "Jeton": token, "Réponse": answer}
                    )
                )
        return rows

    def feedback_from_emails(self, today: datetime) -> list[RowAppend]:
        """Most people answer the feedback request from its link; a few report the ambassador did not come."""
        rows = []
        for eml in sorted(self.outbox.glob("demande_retour_*.eml")):
            if eml.name in self.answered or self.rng.random() > 0.75:
                continue
            self.answered.add(eml.name)
            held = "Non, ambassadeur absent" if "demandeur" in eml.name and self.rng.random() < 0.05 else "Oui"
            rows.append(
                RowAppend(
                    "Retours",
                    {
                        "Horodatage": today.replace(hour=11).strftime(FORMS_TIMESTAMP),
                        "Jeton": feedback_token(eml, self.forms["retour"]),
                        "L'intervention a eu lieu": held,
                        "Nombre de participants": str(self.rng.randint(10, 35)),
                        "Satisfaction": str(self.rng.choice((3, 4, 4, 5, 5, 5))) if held == "Oui" else "",
                        "Aide à l'orientation": str(self.rng.choice((2, 3, 4, 4, 5))) if held == "Oui" else "",
                        "Intentions de formation": self.rng.choice(INTENTIONS),
                        **(self.requester_words() if "demandeur" in eml.name and held == "Oui" else {}),
                    },
                )
            )
        return rows

    def groups_answer(self, today: datetime) -> list[RowAppend]:
        """Most groups scan the QR code of the requester's confirmation at the end of the session: some of the
        participants answer, that day."""
        rows = []
        for eml in sorted(self.outbox.glob("confirmation_*.eml")):
            for answers in links_to(eml, self.forms["participants"]):
                token = answers["Jeton"]
                day = group_day(token)
                if token in self.groups_done or day is None or day > today.date():
                    continue
                self.groups_done.add(token)
                if self.groups.random() > 0.7:
                    continue
                at = datetime.combine(day, datetime.min.time()).replace(hour=11)
                rows += [
                    RowAppend("Avis des participants", self.participant(token, at + timedelta(seconds=40 * n)))
                    for n in range(self.groups.randint(4, 18))
                ]
        return rows

    def ambassadors_register(self, today: datetime) -> list[RowAppend]:
        """Invited ambassadors answer the next day: many register, some cannot come; one seated gives the seat back."""
        rows = []
        for eml in sorted(self.outbox.glob("rencontre_invitation_*.eml")):
            if eml.name in self.invitations_read:
                continue
            self.invitations_read.add(eml.name)
            draw = self.network.random()
            answer = "Je m'inscris" if draw < 0.5 else "Je ne peux pas" if draw < 0.65 else ""
            if answer:
                rows.append(self.registration(eml, answer, today))
        seats = sorted(self.outbox.glob("rencontre_inscription_REN-0002_*.eml"))
        if len(seats) > 3 and "withdrawn" not in self.marked:  # one newcomer cannot make it after all
            self.marked.add("withdrawn")
            rows.append(self.registration(seats[1], "Je me désinscris", today))
        return rows

    def registration(self, eml: Path, answer: str, today: datetime) -> RowAppend:
        links = {a["Inscription"]: a["Jeton"] for a in links_to(eml, self.forms["rencontre"])}
        values = {"Horodatage": _answered_at(eml, today, 12), "Jeton": links[answer], "Inscription": answer}
        return RowAppend("Inscriptions aux rencontres", values)

    def staff_mark_who_came(self) -> None:
        """Asked the day after, staff type who came: most of those registered."""
        for eml in sorted(self.outbox.glob("rencontre_presences_*.eml")):
            event_id = eml.name.split("_")[2].removesuffix(".eml")
            if event_id in self.marked:
                continue
            self.marked.add(event_id)
            rows = self.connectors.workbook.read(["Rencontres"])["Rencontres"].rows
            seated = next(ambassador_ids(row["Inscrits"]) for row in rows if row["ID"] == event_id)
            came = [a for a in seated if self.network.random() < 0.85]
            edit_answer(self.workbook, "Rencontres", event_id, "Présents", ", ".join(came))

    def participant(self, token: str, at: datetime) -> dict[str, str]:
        pick = self.groups.choices
        return {
            "Horodatage": at.strftime(FORMS_TIMESTAMP),
            "Jeton": token,
            INFORMED_TITLE: pick(INFORMED_ANSWERS, (40, 38, 15, 7))[0],
            CONSIDERING_TITLE: pick(("Oui", "Peut-être", "Non"), (22, 41, 37))[0],
            CHANGED_TITLE: pick(("Oui", "Non"), (45, 55))[0],
            NEXT_STEP_TITLE: ", ".join(sorted(set(self.groups.sample(NEXT_STEPS[:4], self.groups.randint(0, 2)))))
            or "Rien pour l'instant",
        }

    def requester_words(self) -> dict[str, str]:
        """Most requesters write a line and let it reach the ambassador; some let the network quote them."""
        return {
            "Commentaire": self.voices.choice(COMMENTS),
            "Transmettre votre avis à l'ambassadeur": self.voices.choice(("Oui", "Oui", "Oui", "Non")),
            "Le réseau peut citer cette intervention": self.voices.choice(("Oui", "Non", "")),
        }

    def staff_move_an_intervention(self, today: datetime, day: int) -> list[RowUpdate]:
        """Once, staff agree a fortnight's delay with both sides on the phone and type the new day in `Date
        confirmée`."""
        if day != 45:  # a Thursday
            return []
        table = self.connectors.workbook.read(["Demandes"])["Demandes"]
        for row in table.rows:
            confirmed = datetime.strptime(row["Date confirmée"], "%d/%m/%Y") if row["Date confirmée"] else None
            if row["Statut"] == RequestStatus.CONFIRMED and confirmed and confirmed > today + timedelta(days=10):
                later = f"{self.seeder.open_day_after((confirmed + timedelta(days=14)).date()):%d/%m/%Y}"
                console.print(f"{row['ID']} : l'équipe déplace l'intervention du {row['Date confirmée']} au {later}")
                return [RowUpdate("Demandes", RowKey(id=row["ID"]), {"Date confirmée": later})]
        return []

    def someone_cancels(self, today: datetime) -> list[RowAppend]:
        """An ambassador cannot come after all: the cancel link of a confirmation for a day still ahead."""
        for eml in sorted(self.outbox.glob("confirmation_ambassadeur_*.eml")):
            answer = "Je dois annuler"
            token = answer_tokens(eml, self.forms["reponse"]).get(answer, "")
            day = token.split(".")[3] if token.count(".") >= 4 else ""  # the link lasts until the intervention
            if day > f"{today + timedelta(days=3):%Y%m%d}":
                console.print(f"{eml.name.split('_')[2]} : l'ambassadeur se désiste")
                return [
                    RowAppend(
                        "Réponses",
                        {
                            "Horodatage": today.replace(hour=9).strftime(FORMS_TIMESTAMP),
                            "Jeton": token,
                            "Réponse": answer,
                        },
                    )
                ]
        return []

    def someone_updates_or_leaves(self, today: datetime, subject: str, changes: str) -> list[RowAppend]:
        table = self.connectors.workbook.read(["Ambassadeurs"])["Ambassadeurs"]
        people = [row for row in table.rows if row["Statut"] == AmbassadorStatus.ACTIVE]
        person = people[len(people) // (2 if changes else 3)]
        console.print(f"{person['ID']} : « {subject} » par le formulaire de mise à jour")
        return [
            RowAppend(
                "Mises à jour",
                {
                    "Horodatage": today.replace(hour=10).strftime(FORMS_TIMESTAMP),
                    "Adresse e-mail": person["Adresse e-mail"],
                    "Objet": subject,
                    "Nouvelles informations": changes,
                },
            )
        ]

    def staff_raise_the_charter_version(self, today: datetime) -> None:
        """The yearly charter revision: staff type the new version; every active ambassador is asked to accept it."""
        edit_parameter(self.workbook, "Version de la charte", "2027")
        edit_parameter(self.workbook, "Adresse de la charte", f"{SUPPORTS}/charte-2027.pdf")
        edit_parameter(
            self.workbook, "Ce qui change dans la charte", "le §3 précise le déroulé des visites d'entreprise."
        )
        _, outcome = pipeline.run(STEPS["housekeeping"], self.connectors, today.replace(hour=3))
        console.print(f"{today:%d/%m/%Y} · charte 2027 : {outcome.emails_sent} ambassadeur(s) sollicité(s)")

    def summer_then_the_archive(self) -> None:
        """July and August: the last feedback is asked for and requests close; the reports of July and August; on
        2 September the nightly run archives the school year and the À faire tab follows."""
        for day in (datetime(2027, 7, 15), datetime(2027, 8, 1), datetime(2027, 8, 16), datetime(2027, 9, 1)):
            if day.day == 1:
                self.monthly_report(f"{day - timedelta(days=1):%Y-%m}", day.replace(hour=6))
            pipeline.run(STEPS["followup"], self.connectors, day.replace(hour=7, minute=30))
            if day.month == 7:  # the nightly run sends each active ambassador the attestation of their year
                pipeline.run(STEPS["housekeeping"], self.connectors, day.replace(hour=3))
                sent = len(list(self.outbox.glob("attestation_*.eml")))  # from 1 July on, once each
                console.print(f"{day:%d/%m/%Y} · attestations de l'année : {sent} ambassadeur(s) depuis le 1er juillet")
        night = datetime(2027, 9, 2, 3)
        moved = archive_and_retain(self.connectors, night)
        pipeline.run(STEPS["housekeeping"], self.connectors, night)
        console.print(f"02/09/2027 · {moved.get('lignes archivées', 0)} ligne(s) archivée(s) :")
        for line in self.connectors.workbook.read(["Archives"])["Archives"].rows:
            archive = self.workbook.parent / line["Classeur"]
            console.print(
                f"  archives {line['ID']} : {line['Lignes archivées']} ligne(s) dans [bold]{archive.resolve()}[/bold]"
                f" ({line['État']})"
            )

    def monthly_report(self, month: str, now: datetime) -> Path:
        """The 1st of the month: indicators, the report, and the e-mail to staff."""
        pipeline.run(step_for(month), self.connectors, now)
        report = self.connectors.settings.reports / f"rapport-{month}.html"
        self.reports[report] = report.read_bytes()
        return report

    def requester_corrects_a_request(self) -> None:
        """Someone told their participant count was unreadable edits their form answer."""
        table = self.connectors.workbook.read(["Demandes"])["Demandes"]
        for row in table.rows:
            if row["Statut"] == RequestStatus.INCOMPLETE and "Nombre de participants" in row["Anomalies"]:
                edit_answer(self.workbook, "Demandes", row["ID"], "Nombre de participants", "30")
                console.print(f"{row['ID']} : le demandeur corrige le nombre de participants dans le formulaire")
                return

    def staff_give_a_visio_link(self) -> None:
        """Once, staff paste the link of a remote session already confirmed in `Lien de la visio`."""
        table = self.connectors.workbook.read(["Demandes"])["Demandes"]
        for row in table.rows:
            if row["Statut"] == RequestStatus.CONFIRMED and row["Modalité"] == "À distance":
                link = f"https://visio.exemple.fr/orientest-{row['ID'].lower()}"
                edit_answer(self.workbook, "Demandes", row["ID"], "Lien de la visio", link)
                console.print(f"{row['ID']} : l'équipe colle le lien de la visio dans « Lien de la visio »")
                return

    def print_summary(self) -> None:
        snapshot = self.connectors.workbook.read(
            [
                "Ambassadeurs",
                "Demandes",
                "Réponses",
                "Retours",
                "Avis des participants",
                "Rencontres",
                "Journal",
                "Envois",
                "À faire",
                "Ressources",
            ]
        )
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
        console.print(
            f"Journal : {len(snapshot['Journal'].rows)} événement(s) ; Envois (technique) : "
            f"{len(snapshot['Envois'].rows)} ligne(s) de remise d'e-mails"
        )
        todo = Counter(row["À faire"] for row in snapshot["À faire"].rows if row["À faire"])
        console.print("À faire : " + (", ".join(f"{kind} {n}" for kind, n in sorted(todo.items())) or "rien"))
        offered = Counter(row["Référence"] for row in snapshot["Journal"].rows if row["Action"] == journal.OFFERED)
        taken = sum(1 for row in snapshot["Journal"].rows if row["Action"] == journal.TAKEN)
        console.print(
            f"Pistes : proposées pour {len(offered)} demande(s) ({sum(offered.values())} envoi(s)), {taken} retenue(s)"
        )
        several = [
            row
            for row in snapshot["Demandes"].rows
            if row["Nombre d'ambassadeurs souhaités"].strip()
            and row["ID"]
            and row["Statut"] not in (RequestStatus.INCOMPLETE, RequestStatus.DUPLICATE)
        ]
        places = sum(int(row["Nombre d'ambassadeurs souhaités"]) for row in several)
        coming = sum(len(ambassador_ids(row["Ambassadeur"])) for row in several)
        console.print(
            f"Demandes de plusieurs ambassadeurs (forums, tables rondes) : {len(several)}, "
            f"{coming} place(s) pourvue(s) sur {places}"
        )
        statuses = Counter(row["Statut"] for row in snapshot["Demandes"].rows)
        valid = sum(
            n for status, n in statuses.items() if status not in (*request_life.NOT_REQUESTS, RequestStatus.INCOMPLETE)
        )
        without = statuses[RequestStatus.NO_SOLUTION]
        share = f"{100 * without / max(valid, 1):.1f}".replace(".", ",")
        console.print(f"Sans solution : {without} demande(s) sur {valid} demandes valides ({share} %)")
        other_days = [row for row in snapshot["Réponses"].rows if f".{OTHER_DATE_PREFIX}" in row["Jeton"]]
        days_taken = [row for row in other_days if row["Réponse"] == "J'accepte" and not row["Anomalies"]]
        offered_days = sum(1 for path in self.outbox.glob("autre_date_demandeur_*.eml"))
        console.print(
            f"Autres dates proposées par un ambassadeur : {offered_days} envoyée(s) au demandeur, "
            f"{len(days_taken)} retenue(s) d'un clic, {len(other_days) - len(days_taken)} écartée(s) ou refusée(s)"
        )
        absent = statuses[RequestStatus.NO_SHOW]
        console.print(f"Ambassadeurs absents (signalés par le demandeur) : {absent} demande(s)")
        at_site = [path for path in self.outbox.glob("confirmation_demandeur_*.eml") if _at_site(path)]
        links = sorted(self.outbox.glob("lien_visio_*.eml"))
        console.print(
            f"Visites d'entreprise confirmées sur le site de l'ambassadeur : {len(at_site)} ; "
            f"liens de visio envoyés après la confirmation : {len(links)} e-mail(s)"
        )
        self.print_resources(snapshot)
        self.print_thanks(snapshot)
        self.print_participants(snapshot)
        self.print_events(snapshot)
        console.print(f"Classeur : [bold]{self.workbook.resolve()}[/bold]")
        console.print(f"Boîte d'envoi : [bold]{self.outbox.resolve()}[/bold]")

    def print_resources(self, snapshot) -> None:
        """How many e-mails carried each support, and the line staff still have to correct."""
        carried: Counter[str] = Counter()
        for path in self.outbox.glob("*.eml"):
            if "Ressources utiles :" in (text := self._text(path)):
                carried.update(line["Titre"] for line in RESOURCES if f"- {line['Titre']} : " in text)
        console.print(
            "Ressources : " + ", ".join(f"« {title} » dans {n} e-mail(s)" for title, n in carried.most_common())
        )
        for row in snapshot["Ressources"].rows:
            if row["Anomalies"]:
                console.print(f"Ressources, ligne {row.line} à corriger : {row['Anomalies']}")

    def print_thanks(self, snapshot) -> None:
        thanks = [self._text(path) for path in self.outbox.glob("remerciement_*.eml")]
        quoting = sum(
            1 for line in snapshot["Retours"].rows if line["Le réseau peut citer cette intervention"] == "Oui"
        )
        worded = sum("Ce qu'en dit" in text for text in thanks)
        console.print(
            f"Remerciements aux ambassadeurs : {len(thanks)}, dont {worded} avec les mots du demandeur ; "
            f"interventions que le réseau peut citer (onglet Retours) : {quoting}"
        )

    def print_participants(self, snapshot) -> None:
        """The groups' own answers, as the indicators count them, and those that did not count."""
        rows = read_participant_rows(snapshot["Avis des participants"])
        facts = [fact for row in rows if (fact := row.fact) is not None]
        refused = sum(1 for row in rows if row.source.anomalies)
        if not facts:
            console.print("Avis des participants : aucun")
            return
        share = lambda n: f"{round(100 * n / len(facts))} %"  # noqa: E731
        console.print(
            f"Avis des participants : {len(facts)} réponse(s) pour {len({f.request_id for f in facts})} "
            f"intervention(s), {refused} non comptée(s) ; mieux informés {share(sum(f.better_informed for f in facts))}"
            f", envisagent le secteur {share(sum(f.considering == 'Oui' for f in facts))}, une idée a changé "
            f"{share(sum(f.changed_idea for f in facts))}"
        )

    def print_events(self, snapshot) -> None:
        """Each event of the network: invited, seated, waiting, who came."""
        for row in snapshot["Rencontres"].rows:
            seated, waiting = ambassador_ids(row["Inscrits"]), ambassador_ids(row["Liste d'attente"])
            came = ambassador_ids(row["Présents"])
            console.print(
                f"{row['ID']} · {row['Type']} du {row['Date']} « {row['Titre']} » : {row['Invités'] or 0} invité(s), "
                f"{len(seated)} inscrit(s), {len(waiting)} en attente, {len(came)} présent(s)"
                + (f" ; à corriger : {row['Anomalies']}" if row["Anomalies"] else "")
            )
        trained = sum(1 for row in snapshot["Ambassadeurs"].rows if row["Dernière formation"])
        console.print(f"Ambassadeurs avec une « Dernière formation » : {trained}")

    @staticmethod
    def _text(path: Path) -> str:
        body = message_from_bytes(path.read_bytes(), policy=policy.default).get_body(("plain",))
        return body.get_content() if body is not None else ""

    @staticmethod
    def _template(path: Path) -> str:
        """The template name, first part of the key header (read as a mail client would: a long one is folded)."""
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        return str(message.get(KEY_HEADER, "?")).split(":")[0].strip()


def group_day(token: str) -> date | None:
    """The intervention's day a group's link names: its last valid day, less the month the group has to answer."""
    found = re.fullmatch(r"[^.]+\.[^.]+\.[^.]+\.(\d{8})\.[^.]+", token)
    return datetime.strptime(found[1], "%Y%m%d").date() - timedelta(days=ANSWER_DAYS) if found else None


def _at_site(eml: Path) -> bool:
    body = message_from_bytes(eml.read_bytes(), policy=policy.default).get_body(("plain",))
    return body is not None and "le groupe se rend sur le site" in body.get_content()


def _answered_at(eml: Path, today: datetime, hour: int) -> str:
    """People answer the day after the e-mail; the flows, running twice a week, read it on `today`."""
    sent = parsedate_to_datetime(message_from_bytes(eml.read_bytes(), policy=policy.default)["Date"])
    answered = min(sent.replace(tzinfo=None) + timedelta(days=1), today).replace(hour=hour, minute=0)
    return answered.strftime(FORMS_TIMESTAMP)


def _sent_on(arrival: RowAppend):
    return datetime.strptime(arrival.values["Horodatage"], FORMS_TIMESTAMP).date()


def _month(number: int) -> tuple[datetime, int]:
    """The first day of month `number` of the demo's school year, and its length in days."""
    start = datetime(START.year + (number < 9), number, 1)
    following = datetime(start.year + (number == 12), number % 12 + 1, 1)
    return start, (following - start).days


def run_demo(directory: Path, seed: int) -> None:
    Demo(directory, seed).run()
