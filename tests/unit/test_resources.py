"""The `Ressources` tab: each e-mail carries the lines for its reader, its moment and what it is about."""

from orientest.core.email_factory import email
from orientest.core.parameters import DEFAULTS
from orientest.core.plan import Link, Plan
from orientest.core.schema import AMBASSADORS, REQUESTS, RESOURCES, Row, Table
from orientest.resources.picking import with_resources
from orientest.resources.reading import check, read_resources, set_aside
from tests.factories import active_ambassador, open_request

KIT = {"Titre": "Kit de l'ambassadeur", "Adresse": "https://www.grandest.fr/kit.pdf", "Pour qui": "Ambassadeurs"}
PROTOCOL = "https://www.grandest.fr/protocole.pdf"
BTP = "Construction, Bâtiment et Travaux publics"


def _table(tab, rows):
    return Table(tab, tuple(Row(line, values, tab) for line, values in enumerate(rows, start=2)), tab.titles())


def _snapshot(resources, requests=(), ambassadors=()):
    return {
        "Ressources": _table(RESOURCES, resources),
        "Demandes": _table(REQUESTS, requests),
        "Ambassadeurs": _table(AMBASSADORS, ambassadors),
    }


def _email(template, record_id="DEM-00001", **context):
    return email(DEFAULTS, template, "quelqu.un@exemple.fr", record_id, context, record_id)


A_REQUEST = (open_request("DEM-00001"),)


def _carried(referential, resources, *emails, requests=A_REQUEST, ambassadors=()):
    plan = Plan("test", emails=list(emails))
    picked = with_resources(plan, _snapshot(resources, requests, ambassadors), referential)
    return [[link.title for link in sent.resources] for sent in picked.emails]


def test_an_ambassadors_resource_rides_with_their_confirmation_and_not_the_requesters(referential):
    kit = {**KIT, "Quand": "Confirmation"}
    carried = _carried(referential, [kit], _email("confirmation_ambassadeur"), _email("confirmation_demandeur"))
    assert carried == [["Kit de l'ambassadeur"], []]


def test_a_resource_for_everyone_reaches_both_sides_of_one_reminder_template(referential):
    guide = {"Titre": "Préparer la séance", "Adresse": PROTOCOL, "Pour qui": "Tous", "Quand": "Rappel, Retour"}
    sides = [_email("rappel_intervention", audience=side) for side in ("ambassadeur", "demandeur")]
    assert _carried(referential, [guide], *sides) == [["Préparer la séance"], ["Préparer la séance"]]


def test_an_email_outside_the_moments_carries_nothing(referential):
    everything = {**KIT, "Pour qui": "", "Quand": "Bienvenue, Proposition, Confirmation, Rappel, Retour, Charte"}
    assert _carried(referential, [everything], _email("annulation"), _email("escalade")) == [[], []]


def test_a_sector_resource_goes_only_with_requests_of_that_sector_even_with_commas_in_its_name(referential):
    site = {**KIT, "Titre": "Sécurité sur chantier", "Quand": "Proposition", "Secteur": BTP}
    requests = [
        open_request("DEM-00001", {"Secteurs souhaités": f"Industrie, {BTP}"}),
        open_request("DEM-00002", {"Secteurs souhaités": "Industrie"}),
    ]
    proposals = [_email("proposition", "DEM-00001"), _email("proposition", "DEM-00002")]
    assert _carried(referential, [site], *proposals, requests=requests) == [["Sécurité sur chantier"], []]


def test_a_welcome_is_matched_on_the_ambassadors_own_profile(referential):
    lycee = {**KIT, "Titre": "Parler aux lycéens", "Quand": "Bienvenue", "Public": "Lycéens"}
    ambassadors = [
        active_ambassador("AMB-00001", {"Publics": "Lycéens"}),
        active_ambassador("AMB-00002", {"Publics": "Collégiens"}),
    ]
    welcomes = [_email("bienvenue", "AMB-00001"), _email("bienvenue", "AMB-00002")]
    assert _carried(referential, [lycee], *welcomes, ambassadors=ambassadors) == [["Parler aux lycéens"], []]


def test_a_filtered_resource_is_not_sent_when_the_record_cannot_be_read(referential):
    site = {**KIT, "Quand": "Proposition", "Type d'intervention": "Visite d'entreprise"}
    assert _carried(referential, [site], _email("proposition", "DEM-09999")) == [[]]


def test_the_same_link_twice_is_listed_once_in_the_tabs_order(referential):
    lines = [
        {**KIT, "Quand": "Proposition"},
        {**KIT, "Titre": "Protocole", "Adresse": PROTOCOL, "Quand": "Proposition"},
    ]
    sent = with_resources(Plan("test", emails=[_email("proposition")]), _snapshot([*lines, lines[0]]), referential)
    assert sent.emails[0].resources == (
        Link("Kit de l'ambassadeur", "https://www.grandest.fr/kit.pdf"),
        Link("Protocole", PROTOCOL),
    )


def test_lines_that_cannot_be_sent_say_why_and_the_rest_are_sent(referential):
    rows = [
        {**KIT, "Quand": "Confirmation"},
        {**KIT, "Adresse": "grandest.fr/kit", "Quand": "Confirmation"},
        {**KIT, "Quand": ""},
        {**KIT, "Quand": "Après l'intervention"},
        {**KIT, "Pour qui": "Les profs", "Quand": "Retour"},
        {**KIT, "Quand": "Retour", "Secteur": "Aéronautique"},
        {"Titre": "", "Adresse": PROTOCOL, "Quand": "Retour"},
        {},
    ]
    reading = read_resources(_table(RESOURCES, rows), referential)
    assert [resource.line for resource in reading.resources] == [2]
    assert sorted(reading.problems) == [3, 4, 5, 6, 7, 8]
    assert "https://" in reading.problems[3]
    assert "« Quand » vide" in reading.problems[4]
    assert "« Après l'intervention » ne se lit pas" in reading.problems[5]
    assert "« Pour qui »" in reading.problems[6]
    assert "« Aéronautique » n'est pas une option" in reading.problems[7]
    assert "« Titre » vide" in reading.problems[8]


def test_the_check_writes_why_once_and_clears_it_when_the_line_is_corrected(referential):
    wrong = {**KIT, "Quand": "Plus tard"}
    [flagged] = check(_table(RESOURCES, [wrong]), referential)
    assert "« Plus tard » ne se lit pas" in flagged.values["Anomalies"]
    shown = {**wrong, "Anomalies": flagged.values["Anomalies"]}
    assert check(_table(RESOURCES, [shown]), referential) == []
    assert [line.line for line in set_aside(_table(RESOURCES, [shown]))] == [2]
    corrected = {**shown, "Quand": "Confirmation"}
    [cleared] = check(_table(RESOURCES, [corrected]), referential)
    assert cleared.values == {"Anomalies": ""}


def test_a_workbook_without_the_tab_sends_its_emails_unchanged(referential):
    plan = Plan("test", emails=[_email("proposition")])
    assert with_resources(plan, {}, referential).emails == plan.emails
