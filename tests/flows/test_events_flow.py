"""A training of the network on both workbooks, as staff and ambassadors live it: staff type the line, five
ambassadors are invited and register from their e-mails for three places, two wait, one gives a seat back and the
first in line is seated, the eve's reminder, staff mark who came, and the month's indicators count it."""

from datetime import datetime

from cli.forms import links_to, stand_in_registry
from flows import pipeline
from flows.followup import STEP as FOLLOWUP
from flows.indicators import step_for
from flows.intake import STEP as INTAKE
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from tests.calendar_clients import calendar_parts
from tests.factories import ambassador_answers
from tests.flows.test_followup_flow import _rows
from tests.flows.test_matching_flow import _parsed
from tests.staff import column, set_cell, set_parameter
from tests.unit.test_event_decisions import _event

PEOPLE = ("Claire", "Malik", "Sophie", "Hugo", "Ines")
TRAINING = {title: value for title, value in _event().items() if title != "ID"}  # as staff type it, no ID yet


def _network_of_five(connectors):
    signups = [ambassador_answers({"Adresse e-mail": f"{name.lower()}@exemple.fr", "Prénom": name}) for name in PEOPLE]
    connectors.workbook.write([], [RowAppend("Ambassadeurs", row) for row in signups])
    pipeline.run(INTAKE, connectors, datetime(2026, 10, 1, 12))
    ids = [f"AMB-{n:05d}" for n in range(1, 6)]
    connectors.workbook.write([RowUpdate("Ambassadeurs", RowKey(id=i), {"Statut": "Actif"}) for i in ids], [])


def _staff_plan(staff, values):
    def add(grid):
        line = [""] * len(grid[0])
        for title, value in values.items():
            line[column(grid, title)] = value
        grid.append(line)

    staff.edit("Rencontres", add)


def _follow(connectors, day):
    pipeline.run(FOLLOWUP, connectors, datetime.fromisoformat(day).replace(hour=7, minute=30))


def _answer_from_invitation(connectors, name, answer, at):
    (eml,) = connectors.settings.outbox.glob(f"rencontre_invitation_REN-0001_AMB-0000{PEOPLE.index(name) + 1}*.eml")
    links = {
        a["Inscription"]: a["Jeton"]
        for a in links_to(eml, stand_in_registry(connectors.referential.forms)["rencontre"])
    }
    return RowAppend("Inscriptions aux rencontres", {"Horodatage": at, "Jeton": links[answer], "Inscription": answer})


def _line(connectors):
    (line,) = _rows(connectors, "Rencontres")
    return line


def _to(connectors, template):
    return sorted(_parsed(path)["To"] for path in connectors.settings.outbox.glob(f"{template}_*.eml"))


def test_three_places_five_registrations_a_withdrawal_promotes_and_attendance_counts(connectors, staff):
    _network_of_five(connectors)
    staff.edit("Paramètres", set_parameter("Adresse de l'équipe", "equipe@exemple.fr"))
    _staff_plan(staff, TRAINING)
    _follow(connectors, "2027-01-04")
    assert _line(connectors)["ID"] == "REN-0001" and _line(connectors)["Invités"] == "5"
    assert len(_to(connectors, "rencontre_invitation")) == 5

    answers = [
        _answer_from_invitation(connectors, name, "Je m'inscris", f"05/01/2027 09:0{n}:00")
        for n, name in enumerate(PEOPLE)
    ]
    connectors.workbook.write([], answers)
    _follow(connectors, "2027-01-05")
    assert (_line(connectors)["Inscrits"], _line(connectors)["Liste d'attente"]) == (
        "AMB-00001, AMB-00002, AMB-00003",
        "AMB-00004, AMB-00005",
    )
    assert _to(connectors, "rencontre_inscription") == ["claire@exemple.fr", "malik@exemple.fr", "sophie@exemple.fr"]
    assert _to(connectors, "rencontre_attente") == ["hugo@exemple.fr", "ines@exemple.fr"]
    (seat,) = connectors.settings.outbox.glob("rencontre_inscription_REN-0001_AMB-00001*.eml")
    (event,) = calendar_parts(_parsed(seat))
    assert "DTSTART;TZID=Europe/Paris:20270114T140000" in event and "METHOD:REQUEST" in event

    withdrawal = _answer_from_invitation(connectors, "Malik", "Je ne peux pas", "06/01/2027 18:00:00")
    connectors.workbook.write([], [withdrawal])
    _follow(connectors, "2027-01-07")
    assert (_line(connectors)["Inscrits"], _line(connectors)["Liste d'attente"]) == (
        "AMB-00001, AMB-00003, AMB-00004",
        "AMB-00005",
    )
    assert "hugo@exemple.fr" in _to(connectors, "rencontre_inscription")
    (gone,) = connectors.settings.outbox.glob("rencontre_desinscription_*.eml")
    assert "METHOD:CANCEL" in calendar_parts(_parsed(gone))[0]
    assert all(row["Traitée"] and row["Anomalies"] == "" for row in _rows(connectors, "Inscriptions aux rencontres"))

    _follow(connectors, "2027-01-13")
    assert _to(connectors, "rencontre_rappel") == ["claire@exemple.fr", "hugo@exemple.fr", "sophie@exemple.fr"]
    _follow(connectors, "2027-01-15")
    assert _to(connectors, "rencontre_presences") == ["equipe@exemple.fr"]

    staff.edit("Rencontres", set_cell(2, "Présents", "AMB-00001, AMB-00004"))
    _follow(connectors, "2027-01-16")
    trained = {row["ID"]: row["Dernière formation"] for row in _rows(connectors, "Ambassadeurs")}
    assert trained["AMB-00001"] == "14/01/2027 – Accueillir une classe : les bons gestes" and not trained["AMB-00003"]

    pipeline.run(step_for("2027-01"), connectors, datetime(2027, 2, 1, 6))
    figures = {
        (r["Indicateur"], r["Dimension"]): r["Valeur"]
        for r in _rows(connectors, "Indicateurs")
        if r["Mois"] == "2027-01" and r["Période"] == "mois"
    }
    assert figures[("Rencontres et formations", "Grand Est")] == "1"
    assert figures[("Rencontres et formations", "Type : Formation")] == "1"
    assert figures[("Inscriptions aux rencontres", "Grand Est")] == "3"
    assert figures[("Présences aux rencontres", "Grand Est")] == "2"
    assert figures[("Présences aux rencontres", "Département : 67 - Bas-Rhin")] == "2"
