"""Where an intervention takes place: a company visit at the host's site (its distance, its group size, its safety
rules), a session at the structure's street address, a remote session with its link in both invitations."""

from orientest.ambassadors.reading import read_ambassador
from orientest.core.journal import SENT
from orientest.core.schema import Row
from tests.factories import active_ambassador, ambassador_answers, open_request
from tests.unit.test_matching_decisions import _answer, _confirmed, _decide, _proposed, _request_update, _sent

SITE = "Adresse du site (visites d'entreprise)"
VISIT = {"Type d'intervention": "Visite d'entreprise", "Commune": "67240 Bischwiller", "Nombre de participants": "24"}


def _host(record_id="AMB-00001", **changes):
    """An ambassador living in Strasbourg who travels 10 km at most, and receives visits at a workshop in Bischwiller
    (24 km away)."""
    return active_ambassador(
        record_id,
        {
            "Types d'intervention": "Visite d'entreprise",
            "Rayon de déplacement (km)": "10",
            SITE: "12 rue de l'Industrie, 67240 Bischwiller",
            "Taille maximale du groupe": "30",
            "Consignes de sécurité": "Chaussures fermées ; lunettes fournies.",
            **changes,
        },
    )


def _proposals(plan):
    return [(e.to[0], e.context) for e in plan.emails if e.template == "proposition"]


def test_a_company_visit_is_measured_from_the_site_the_group_goes_to(referential):
    plan = _decide(referential, ambassadors=[_host()], requests=[open_request("DEM-2026-00001", VISIT)])

    [(to, context)] = _proposals(plan)
    assert to == "ambassadeur00001@exemple.fr"
    assert "pour une visite de votre site" in context["why"]


def test_the_same_host_is_not_asked_to_travel_to_a_school_beyond_their_radius(referential):
    at_school = {**VISIT, "Type d'intervention": "Intervention en établissement"}
    host = _host(**{"Types d'intervention": "Intervention en établissement, Visite d'entreprise"})

    plan = _decide(referential, ambassadors=[host], requests=[open_request("DEM-2026-00001", at_school)])

    assert _proposals(plan) == []


def test_a_group_larger_than_the_site_receives_is_not_proposed(referential):
    too_many = {**VISIT, "Nombre de participants": "31"}

    plan = _decide(referential, ambassadors=[_host()], requests=[open_request("DEM-2026-00001", too_many)])

    assert _proposals(plan) == []


def test_a_host_without_a_site_address_is_never_sent_a_group(referential):
    plan = _decide(referential, ambassadors=[_host(**{SITE: ""})], requests=[open_request("DEM-2026-00001", VISIT)])

    assert _proposals(plan) == []


def test_a_visit_is_confirmed_at_the_site_with_its_safety_rules_for_the_requester(referential):
    request = {**_proposed("DEM-2026-00001", "AMB-00001"), **VISIT}

    plan = _decide(
        referential,
        ambassadors=[_host()],
        requests=[request],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001")],
    )

    confirmations = {e.template: e for e in plan.emails if e.template.startswith("confirmation")}
    for sent in confirmations.values():
        assert sent.context["at_site"] is True
        assert sent.context["place"] == "Usinage Rhénan, 12 rue de l'Industrie, 67240 Bischwiller"
        [event] = sent.invitations
        assert event.location == "Usinage Rhénan, 12 rue de l'Industrie, 67240 Bischwiller"
        assert "Chaussures fermées" in event.description
    assert confirmations["confirmation_demandeur"].context["safety_rules"] == "Chaussures fermées ; lunettes fournies."


def test_a_session_at_the_structure_gives_its_street_address(referential):
    request = {**_proposed("DEM-2026-00001", "AMB-00001"), "Adresse de la structure": "3 rue des Lilas"}

    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[request],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001")],
    )

    [event] = next(e for e in plan.emails if e.template == "confirmation_ambassadeur").invitations
    assert event.location == "Collège Pasteur, 3 rue des Lilas, Strasbourg"


REMOTE = {"Modalité": "À distance"}
LINK = "https://visio.exemple.fr/orientest-3e"


def test_the_link_an_ambassador_gives_when_accepting_goes_in_both_invitations(referential):
    request = {**_proposed("DEM-2026-00001", "AMB-00001"), **REMOTE}

    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[request],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001", **{"Lien de la visio": f"le voici : {LINK}."})],
    )

    confirmations = [e for e in plan.emails if e.template.startswith("confirmation")]
    assert [e.context["video_link"] for e in confirmations] == [LINK, LINK]
    assert [e.invitations[0].location for e in confirmations] == [LINK, LINK]
    accepted = next(entry for entry in plan.journal if entry.result == "Acceptée")
    assert accepted.data["link"] == LINK


def test_words_in_place_of_a_link_reach_the_requester_as_words(referential):
    request = {**_proposed("DEM-2026-00001", "AMB-00001"), **REMOTE}

    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[request],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001", **{"Lien de la visio": "je l'envoie la veille"})],
    )

    to_requester = next(e for e in plan.emails if e.template == "confirmation_demandeur")
    assert to_requester.context["video_link"] == ""
    assert to_requester.context["comment"] == "je l'envoie la veille"


def _accepted(link=""):
    data = f'{{"day": "2026-11-10", "link": "{link}"}}' if link else '{"day": "2026-11-10"}'
    return {**_sent("DEM-2026-00001", "AMB-00001", state="Acceptée"), "Données": data}


def test_a_link_staff_give_after_the_confirmation_reaches_both_sides_once(referential):
    request = {**_confirmed(), **REMOTE, "Lien de la visio": LINK}
    journal = [_sent("DEM-2026-00001", "AMB-00001"), _accepted()]

    plan = _decide(referential, ambassadors=[active_ambassador("AMB-00001")], requests=[request], journal=journal)

    sent = [e for e in plan.emails if e.template == "lien_visio"]
    assert sorted(e.to[0] for e in sent) == ["ambassadeur00001@exemple.fr", "demandeur00001@exemple.fr"]
    assert all(e.invitations[0].location == LINK for e in sent)
    handed_over = [{"Date": "05/10/2026 18:00", "Clé d'idempotence": e.key, "Résultat": SENT} for e in sent]
    again = _decide(
        referential, ambassadors=[active_ambassador("AMB-00001")], requests=[request], journal=journal + handed_over
    )
    assert [e for e in again.emails if e.template == "lien_visio"] == []


def test_a_link_already_in_the_confirmation_is_not_sent_again(referential):
    request = {**_confirmed(), **REMOTE, "Lien de la visio": LINK}
    journal = [_sent("DEM-2026-00001", "AMB-00001"), _accepted(LINK)]

    plan = _decide(referential, ambassadors=[active_ambassador("AMB-00001")], requests=[request], journal=journal)

    assert [e for e in plan.emails if e.template == "lien_visio"] == []


def test_a_link_cell_without_a_web_address_is_said_back_to_staff(referential):
    request = {**_confirmed(), **REMOTE, "Lien de la visio": "demander à M. Weber"}
    journal = [_sent("DEM-2026-00001", "AMB-00001"), _accepted()]

    plan = _decide(referential, ambassadors=[active_ambassador("AMB-00001")], requests=[request], journal=journal)

    assert [e for e in plan.emails if e.template == "lien_visio"] == []
    assert (
        "• Lien de la visio : « demander à M. Weber » n'est pas une adresse web" in _request_update(plan)["Anomalies"]
    )


def test_a_link_on_a_session_on_site_is_said_back_to_staff(referential):
    request = {**_confirmed(), "Lien de la visio": LINK}
    journal = [_sent("DEM-2026-00001", "AMB-00001"), _accepted()]

    plan = _decide(referential, ambassadors=[active_ambassador("AMB-00001")], requests=[request], journal=journal)

    assert "la demande est en présentiel" in _request_update(plan)["Anomalies"]


def test_a_site_address_is_read_up_to_its_commune(referential):
    read, anomalies = read_ambassador(
        Row(2, {**ambassador_answers({SITE: "ZA du Ried, 67240 Bischwiller"})}), referential
    )

    assert anomalies == []
    assert read.site_commune.name == "Bischwiller"


def test_a_site_address_without_a_commune_we_know_is_an_anomaly(referential):
    _, anomalies = read_ambassador(Row(2, {**ambassador_answers({SITE: "12 rue de l'Usine, Atlantis"})}), referential)

    assert [a.field for a in anomalies] == [SITE]
    assert "terminez l'adresse par le code postal et la commune" in str(anomalies[0])
