"""Charter revisions and data retention, on plain rows with dated fixtures."""

from datetime import datetime

from orientest import housekeeping, matching, privacy
from orientest.ambassadors.charter import claims_for
from orientest.context import Context
from orientest.core.schema import (
    AMBASSADORS,
    ANSWERS,
    BASINS,
    FEEDBACK,
    JOURNAL,
    PARAMETERS,
    REQUESTS,
    UPDATES,
    Row,
    Table,
)
from orientest.core.tokens import sign
from tests.factories import SECRET, active_ambassador, open_request

NOW = datetime(2027, 1, 4, 3, 0)
NEW_CHARTER = [{"Paramètre": "Version de la charte", "Valeur": "2027"}]


def _table(tab, rows):
    return Table(tab, tuple(Row(line, values, tab) for line, values in enumerate(rows, start=2)), tab.titles())


def _snapshot(ambassadors=(), requests=(), journal=(), parameters=(), answers=(), feedback=(), updates=()):
    return {
        "Ambassadeurs": _table(AMBASSADORS, ambassadors),
        "Demandes": _table(REQUESTS, requests),
        "Mises à jour": _table(UPDATES, updates),
        "Réponses": _table(ANSWERS, answers),
        "Retours": _table(FEEDBACK, feedback),
        "Paramètres": _table(PARAMETERS, parameters),
        "Journal": _table(JOURNAL, journal),
        "Bassins": _table(BASINS, []),
    }


def _decide(referential, now=NOW, **tabs):
    return housekeeping.decide(_snapshot(**tabs), Context(now, referential, SECRET))


def test_a_new_charter_version_asks_every_active_ambassador_once(referential):
    people = [
        active_ambassador("AMB-00001"),
        active_ambassador("AMB-00002", charter="2027"),
        {**active_ambassador("AMB-00003"), "Statut": "Retiré"},
    ]
    plan = _decide(referential, ambassadors=people, parameters=NEW_CHARTER)
    assert [(e.template, e.record_id) for e in plan.emails] == [("nouvelle_charte", "AMB-00001")]
    sent = [{"Date": "04/01/2027 03:00", "Clé d'idempotence": plan.emails[0].key, "Résultat": "envoyé"}]
    tabs = {"ambassadors": people, "parameters": NEW_CHARTER, "journal": sent}
    assert _decide(referential, now=datetime(2027, 1, 10, 3), **tabs).emails == []
    reminder = _decide(referential, now=datetime(2027, 1, 18, 3), **tabs)
    assert [e.template for e in reminder.emails] == ["nouvelle_charte_relance"]


def test_until_they_accept_the_new_charter_they_get_no_proposal_then_they_do(referential):
    people = [active_ambassador("AMB-00001", charter="2026")]
    context = Context(datetime(2027, 1, 4, 18), referential, SECRET)
    request = open_request(
        "DEM-2026-00001", {"Date souhaitée": "09/02/2027", "Date alternative": "", "Horodatage": "03/01/2027 10:00:00"}
    )
    blocked = matching.decide(_snapshot(ambassadors=people, requests=[request], parameters=NEW_CHARTER), context)
    (waiting,) = [u for u in blocked.updates if u.tab == "Demandes"]
    assert blocked.emails == [] and "Statut" not in waiting.values  # nobody may be asked: the request waits
    assert waiting.values["Motif"] == "en attente : aucun ambassadeur n'est encore « Actif »"
    token = sign(claims_for("AMB-00001", "2027", NOW), SECRET)
    accepted = matching.decide(
        _snapshot(
            ambassadors=people,
            parameters=NEW_CHARTER,
            answers=[{"Horodatage": "04/01/2027 09:00:00", "Jeton": token, "Réponse": "J'accepte"}],
        ),
        context,
    )
    (record,) = [u for u in accepted.updates if "Charte acceptée (version)" in u.values]
    assert (record.key.id, record.values["Charte acceptée (version)"]) == ("AMB-00001", "2027")


def test_an_old_charter_token_no_longer_counts(referential):
    context = Context(datetime(2027, 1, 4, 18), referential, SECRET)
    token = sign(claims_for("AMB-00001", "2026", NOW), SECRET)
    plan = matching.decide(
        _snapshot(
            ambassadors=[active_ambassador("AMB-00001", charter="2025")],
            parameters=NEW_CHARTER,
            answers=[{"Horodatage": "04/01/2027 09:00:00", "Jeton": token, "Réponse": "J'accepte"}],
        ),
        context,
    )
    (row,) = [u for u in plan.updates if u.tab == "Réponses"]
    assert row.values["Anomalies"] == "cette version de la charte n'est plus en vigueur (version actuelle : 2027)"


def _retired(record_id, left):
    return {**active_ambassador(record_id), "Statut": "Retiré", "Mis à jour le": left, "Horodatage": "01/09/2022"}


def _finished(record_id, last):
    return {**open_request(record_id, status="Clôturée"), "Horodatage": last, "Mis à jour le": last}


def test_contact_data_is_anonymised_three_years_after_the_last_contact(referential):
    people = [_retired("AMB-00001", "02/01/2024 10:00"), _retired("AMB-00002", "05/01/2024 10:00")]
    requests = [_finished("DEM-2023-00001", "03/01/2024 10:00"), _finished("DEM-2023-00002", "06/01/2024 10:00")]
    plan = _decide(referential, ambassadors=people, requests=requests)
    anonymised = sorted((u.tab, u.key.id) for u in plan.updates)
    assert anonymised == [("Ambassadeurs", "AMB-00001"), ("Demandes", "DEM-2023-00001")]
    (ambassador,) = [u for u in plan.updates if u.tab == "Ambassadeurs"]
    assert ambassador.edits_answers
    assert (ambassador.values["Adresse e-mail"], ambassador.values["Nom"], ambassador.values["Téléphone"]) == (
        "anonymisé",
        "",
        "",
    )
    assert "Secteurs" not in ambassador.values and "Commune de rattachement" not in ambassador.values
    assert plan.journal[0].detail.startswith("1 ambassadeur(s) et 1 demande(s) anonymisé(s)")


def test_anonymised_rows_keep_their_statistics(referential):
    plan = _decide(referential, requests=[_finished("DEM-2023-00001", "03/01/2024 10:00")])
    (update,) = plan.updates
    kept = ("Commune", "Public", "Nombre de participants", "Secteurs souhaités", "Type de structure", "Statut")
    assert not set(kept) & set(update.values)


def test_active_ambassadors_and_open_requests_are_kept_however_old(referential):
    old = {**active_ambassador("AMB-00001"), "Mis à jour le": "01/01/2020 10:00"}
    open_old = {**open_request("DEM-2019-00001", status="Confirmée"), "Horodatage": "01/01/2020"}
    assert _decide(referential, ambassadors=[old], requests=[open_old]).updates == []


def test_export_lists_everything_held_on_a_person_and_erase_anonymises_it_all(referential):
    person = active_ambassador("AMB-00001")
    journal = [
        {
            "Date": "05/10/2026 18:00",
            "Référence": "DEM-2026-00001",
            "Action": "e-mail : proposition",
            "Destinataire": person["Adresse e-mail"],
        }
    ]
    update = {"Horodatage": "06/10/2026", "Adresse e-mail": person["Adresse e-mail"], "Objet": "Coordonnées"}
    came = open_request("DEM-2026-00001", status="Confirmée") | {
        "Ambassadeur": "AMB-00002, AMB-00001",
        "Nom de l'ambassadeur": "Prénom00002 Nom00002, Prénom00001 Nom00001",
    }
    snapshot = _snapshot(
        ambassadors=[person, active_ambassador("AMB-00002")], requests=[came], journal=journal, updates=[update]
    )
    exported = privacy.export(snapshot, "AMBASSADEUR00001@exemple.fr")
    assert sorted(exported) == ["Ambassadeurs", "Journal", "Mises à jour"]
    assert exported["Ambassadeurs"][0]["Nom"] == "Nom00001"
    plan = privacy.erasure(snapshot, person["Adresse e-mail"], NOW, "rgpd")
    assert sorted(u.tab for u in plan.updates) == ["Ambassadeurs", "Demandes", "Journal", "Mises à jour"]
    (names,) = [u.values for u in plan.updates if u.tab == "Demandes"]  # the request they came to forgets their name
    kept, forgotten = names["Nom de l'ambassadeur"].split(", ")
    assert "Nom00002" in kept and forgotten == "anonymisé"
    [entry] = plan.journal
    assert "ambassadeur00001" not in entry.detail and entry.record_id == "RGPD"
    assert privacy.erasure(snapshot, "personne@ailleurs.fr", NOW, "rgpd").is_empty()


JULY = datetime(2027, 7, 1, 3, 0)


def _held(record_id, ambassadors, day, status="Clôturée", **changes):
    return {**open_request(record_id, changes, status=status), "Ambassadeur": ambassadors, "Date confirmée": day}


def _attestations(plan):
    return [e for e in plan.emails if e.template == "attestation"]


def test_from_july_each_active_ambassador_gets_the_attestation_of_the_interventions_held_this_school_year(referential):
    requests = [
        _held("DEM-2027-00001", "AMB-00001", "12/11/2026"),
        _held("DEM-2027-00002", "AMB-00001, AMB-00002", "04/02/2027", "Réalisée", **{"Nombre de participants": "80"}),
        _held("DEM-2027-00003", "AMB-00001", "10/03/2027", "Annulée"),
        _held("DEM-2026-00009", "AMB-00001", "15/05/2026"),  # the year before
    ]
    people = [active_ambassador("AMB-00001"), active_ambassador("AMB-00002"), active_ambassador("AMB-00003")]
    people.append({**active_ambassador("AMB-00004"), "Statut": "Retiré"})
    requests.append(_held("DEM-2027-00004", "AMB-00004", "01/12/2026"))
    plan = _decide(referential, JULY, ambassadors=people, requests=requests)

    assert [(e.to[0], e.key) for e in _attestations(plan)] == [
        ("ambassadeur00001@exemple.fr", "attestation:2026:AMB-00001"),
        ("ambassadeur00002@exemple.fr", "attestation:2026:AMB-00002"),
    ]
    first = next(d for d in plan.documents if d.name == "attestation-2026-2027-AMB-00001.html")
    assert [row["day"] for row in first.context["interventions"]] == ["jeudi 12 novembre 2026", "jeudi 4 février 2027"]
    assert first.context["participants"] == 28 + 80 and not first.kept  # it names a person: attached, not kept
    assert _attestations(plan)[0].attach == (first.name.removesuffix(".html") + ".pdf", first.name)


def test_attestations_go_out_once_in_july_and_august_only(referential):
    tabs = {
        "ambassadors": [active_ambassador("AMB-00001")],
        "requests": [_held("DEM-2027-00001", "AMB-00001", "12/11/2026")],
    }
    assert _attestations(_decide(referential, datetime(2027, 6, 30, 3), **tabs)) == []
    assert _attestations(_decide(referential, datetime(2027, 9, 1, 3), **tabs)) == []
    (sent,) = _attestations(_decide(referential, datetime(2027, 8, 20, 3), **tabs))
    journal = [{"Date": "01/07/2027 03:00", "Clé d'idempotence": sent.key, "Résultat": "envoyé"}]
    again = _decide(referential, datetime(2027, 7, 2, 3), journal=journal, **tabs)
    assert _attestations(again) == [] and again.documents == []


def test_an_employer_copy_the_relay_refused_goes_out_the_next_night_without_the_ambassadors_twice(referential):
    copy_asked = {**active_ambassador("AMB-00001"), "Adresse de l'employeur pour l'attestation": "rh@exemple.fr"}
    tabs = {"ambassadors": [copy_asked], "requests": [_held("DEM-2027-00001", "AMB-00001", "12/11/2026")]}
    journal = [
        {"Date": "01/07/2027 03:00", "Clé d'idempotence": "attestation:2026:AMB-00001", "Résultat": "envoyé"},
        {"Date": "01/07/2027 03:00", "Clé d'idempotence": "attestation_employeur:2026:AMB-00001", "Résultat": "échec"},
    ]
    again = _decide(referential, datetime(2027, 7, 2, 3), journal=journal, **tabs)
    assert [(e.template, e.to) for e in again.emails] == [("attestation_employeur", ("rh@exemple.fr",))]
    journal[1]["Résultat"] = "envoyé"
    assert _decide(referential, datetime(2027, 7, 3, 3), journal=journal, **tabs).documents == []
