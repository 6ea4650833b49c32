"""`Ressources` on both workbooks: the lines staff type reach the e-mails they match; a wrong line says why."""

from email import message_from_bytes, policy

from flows import pipeline
from flows.registry import STEPS
from tests.worlds import DAY_2, matching_world

KIT = {
    "Titre": "Kit de l'ambassadeur",
    "Adresse": "https://www.grandest.fr/orientest/kit-ambassadeur.pdf",
    "Pour qui": "Ambassadeurs",
    "Quand": "Proposition, Confirmation",
}
WELCOME_PACK = {
    "Titre": "Préparer la venue d'un ambassadeur",
    "Adresse": "https://www.grandest.fr/orientest/guide-etablissements.pdf",
    "Pour qui": "Demandeurs",
    "Quand": "Bienvenue, Confirmation",
}
WRONG = {"Titre": "Protocole d'intervention", "Adresse": "à venir", "Pour qui": "Tous", "Quand": "Confirmation"}


def typed(*lines):
    """What staff do in `Ressources`: type lines under its headers."""

    def change(grid):
        headers = [str(value or "") for value in grid[0]]
        grid.extend([[line.get(header, "") for header in headers] for line in lines])

    return change


def _text(connectors, prefix):
    paths = sorted(connectors.settings.outbox.glob(f"{prefix}_*.eml"))
    assert paths, prefix
    return [message_from_bytes(p.read_bytes(), policy=policy.default).get_body(("plain",)).get_content() for p in paths]


def test_each_side_gets_the_links_for_its_moment_and_a_wrong_line_waits_in_a_faire(connectors, staff):
    staff.edit("Ressources", typed(KIT, WELCOME_PACK, WRONG))
    matching_world(connectors, staff).run(connectors, DAY_2)

    for text in _text(connectors, "proposition") + _text(connectors, "confirmation_ambassadeur"):
        assert "- Kit de l'ambassadeur : https://www.grandest.fr/orientest/kit-ambassadeur.pdf" in text
        assert "guide-etablissements" not in text
    for text in _text(connectors, "demande_recue") + _text(connectors, "confirmation_demandeur"):
        assert "- Préparer la venue d'un ambassadeur : https://www.grandest.fr/orientest/guide" in text
        assert "kit-ambassadeur" not in text
    assert all("Protocole d'intervention" not in text for text in _text(connectors, "confirmation"))

    lines = connectors.workbook.read(["Ressources", "À faire"])
    assert [row["Anomalies"] for row in lines["Ressources"].rows] == [
        "",
        "",
        "« à venir » n'est pas une adresse de page (https://…) : lien non envoyé",
    ]
    (todo,) = [row for row in lines["À faire"].rows if row["Onglet"] == "Ressources"]
    assert (todo["À faire"], todo["Référence"], todo["Ligne"]) == ("Anomalie à regarder", "Ressources, ligne 4", "4")


def test_a_corrected_line_is_cleared_in_the_tab_and_leaves_a_faire(connectors, staff):
    staff.edit("Ressources", typed(WRONG))
    pipeline.run(STEPS["intake"], connectors, DAY_2)
    assert connectors.workbook.read(["Ressources"])["Ressources"].rows[0]["Anomalies"]

    def corrected(grid):
        grid[1][[str(v or "") for v in grid[0]].index("Adresse")] = "https://www.grandest.fr/orientest/protocole.pdf"

    staff.edit("Ressources", corrected)
    pipeline.run(STEPS["intake"], connectors, DAY_2.replace(minute=5))
    tables = connectors.workbook.read(["Ressources", "À faire"])
    assert tables["Ressources"].rows[0]["Anomalies"] == ""
    assert [row for row in tables["À faire"].rows if row["Onglet"] == "Ressources"] == []
