"""Replies by e-mail, decided on plain messages: what acts as the form would, what goes to staff, what is refused."""

import hashlib
from datetime import date, datetime

import pytest

from orientest.context import Context
from orientest.core.schema import AMBASSADORS, ANSWERS, JOURNAL, PARAMETERS, REQUESTS
from orientest.core.tokens import ANSWER, CANCEL, EVENT, Claims, reply_key, sign
from orientest.replies.run import MAILBOX, SET_ASIDE, Incoming, Mailbox, decide, filing
from tests.factories import SECRET, active_ambassador, open_request
from tests.unit.test_matching_decisions import _table

NOW = datetime(2026, 10, 6, 9, 0)
BOX = Mailbox("reseau@exemple.fr", "mx.exemple.fr")
CLAIMS = Claims("DEM-2026-00001", "AMB-00001", ANSWER, date(2026, 10, 10))
PASSED = ("mx.exemple.fr; dkim=pass header.d=exemple.fr; dmarc=pass header.from=exemple.fr",)
STAFF = [{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}]
CLAIRE = "ambassadeur00001@exemple.fr"


def _reply(text="Oui, avec plaisir !", key=None, sender=CLAIRE, identity="m1", **extra):
    address = f"reseau+{reply_key(CLAIMS, SECRET) if key is None else key}@exemple.fr"
    values = {
        "identity": identity,
        "senders": (sender,),
        "recipients": (address,),
        "subject": "Re: DEM-2026-00001 – Proposition d'intervention",
        "sent_at": datetime(2026, 10, 6, 8, 12),
        "body": f"{text}\n\nLe lun. 5 oct. 2026 à 18:00, Réseau <reseau@exemple.fr> a écrit :\n> J'accepte : …",
        "headers": {},
        "authentication": PASSED,
        **extra,
    }
    return Incoming(**values)


def _keyless(text="Bonjour, comment devenir ambassadrice ?", identity="k1", sender="julie@exemple.fr"):
    return _reply(text, identity=identity, sender=sender, recipients=("reseau@exemple.fr",))


def _decide(*messages, journal=(), now=NOW, parameters=STAFF, answers=(), box=BOX):
    snapshot = {
        "Ambassadeurs": _table(AMBASSADORS, [active_ambassador("AMB-00001")]),
        "Demandes": _table(REQUESTS, [open_request("DEM-2026-00001", status="Proposée")]),
        "Réponses": _table(ANSWERS, answers),
        "Paramètres": _table(PARAMETERS, parameters),
        "Journal": _table(JOURNAL, journal),
    }
    return decide(list(messages), box, snapshot, Context(now, None, SECRET))


def _templates(plan):
    return [e.template for e in plan.emails]


def test_a_plain_yes_becomes_the_answer_the_form_would_have_written():
    plan = _decide(_reply())
    (row,) = plan.appends
    assert row.tab == "Réponses" and row.values["Jeton"] == sign(CLAIMS, SECRET)
    assert (row.values["Réponse"], row.values["Horodatage"]) == ("J'accepte", "06/10/2026 08:12:00")  # when sent
    assert row.values["Commentaire"] == "par e-mail : Oui, avec plaisir !"  # an excerpt: no quote, no signature
    (entry,) = plan.journal
    assert (entry.action, entry.result, entry.key) == ("réponse par e-mail", "acceptation", "reponse_email:m1")
    assert plan.emails == []


def test_a_plain_no_declines_and_another_day_is_passed_on_as_the_form_s_third_answer():
    declined = _decide(_reply("Je ne suis pas disponible, désolé."))
    later = _decide(_reply("Je propose plutôt le 19/11."))
    assert declined.appends[0].values["Réponse"] == "Je ne suis pas disponible"
    assert later.appends[0].values["Réponse"] == "Je propose une autre date"
    assert later.appends[0].values["Commentaire"] == "par e-mail : Je propose plutôt le 19/11."


@pytest.mark.parametrize("text", ["Pas d'accord.", "Ce n'est pas ok pour moi.", "Pas partant, désolé."])
def test_a_refusal_made_of_yes_words_never_confirms(text):
    plan = _decide(_reply(text))
    assert all(row.values["Réponse"] == "Je ne suis pas disponible" for row in plan.appends)


def test_an_unclear_reply_goes_to_staff_with_its_text_and_the_sender_hears_it_was_passed_on():
    plan = _decide(_reply("C'est à quelle heure exactement ?"))
    assert plan.appends == []
    assert sorted((e.template, e.to[0]) for e in plan.emails) == [
        ("reponse_a_lire", "equipe@exemple.fr"),
        ("reponse_transmise", CLAIRE),
    ]
    to_staff = next(e for e in plan.emails if e.template == "reponse_a_lire")
    assert to_staff.context["reply"] == "C'est à quelle heure exactement ?"
    assert to_staff.reply_to == CLAIRE  # staff answer the person directly
    assert plan.journal[0].result == "transmise à l'équipe"


def test_an_out_of_office_body_without_its_headers_is_ignored_like_one_with_them():
    for message in (
        _reply("Je suis absente jusqu'au 12 octobre.", headers={"auto-submitted": "auto-replied"}),
        _reply("Absente du bureau jusqu'au 12 octobre. Je lirai votre message à mon retour."),
    ):
        plan = _decide(message)
        assert plan.appends == [] and plan.emails == [] and plan.journal[0].result == "ignorée"


def test_a_forged_key_changes_nothing_bothers_nobody_and_is_logged():
    forged = reply_key(Claims("DEM-2026-00001", "AMB-00001", ANSWER, date(2026, 10, 10)), b"not the secret, but long")
    plan = _decide(_reply(key=forged))
    assert plan.appends == [] and plan.emails == []
    assert (plan.journal[0].result, plan.journal[0].detail) == ("refusée", "clé de réponse falsifiée ou altérée")


@pytest.mark.parametrize(
    "message",
    [
        _reply(senders=("quelquun@ailleurs.fr",)),
        _reply(senders=(CLAIRE, "pirate@ailleurs.fr")),  # « claire@… <pirate@…> », two From, two addresses
        _reply(senders=("ambassadeur00001@exemple.fr", "(plusieurs en-têtes From)")),
        _reply(authentication=("mx.exemple.fr; dkim=fail header.d=exemple.fr; dmarc=fail header.from=exemple.fr",)),
        _reply(authentication=("mx.pirate.example; dkim=pass header.d=exemple.fr; dmarc=pass header.from=exemple.fr",)),
        _reply(authentication=("mx.exemple.fr; dkim=none; dmarc=none header.from=exemple.fr",)),
        _reply(authentication=("mx.exemple.fr; dkim=temperror header.d=exemple.fr; dmarc=temperror",)),
        _reply(authentication=("mx.exemple.fr; spf=pass smtp.mailfrom=exemple.fr",)),  # SPF alone says nothing of From
        _reply(authentication=("mx.exemple.fr; dmarc=pass header.from=pirate.example",)),
        _reply(authentication=("mx.exemple.fr; dkim=pass header.d=pirate.example",)),  # signed, but not aligned
    ],
    ids=[
        "another sender",
        "a display name hiding another address",
        "two From headers",
        "failed",
        "another server",
        "none",
        "temperror",
        "spf only",
        "dmarc of another domain",
        "dkim of another domain",
    ],
)
def test_a_reply_whose_sender_the_team_s_server_does_not_vouch_for_acts_not_and_staff_read_it(message):
    plan = _decide(message)
    assert plan.appends == [] and plan.journal[0].result == "refusée"
    assert _templates(plan) == ["reponses_a_lire"]  # in the run's digest; the possible forger hears nothing
    assert plan.emails[0].context["messages"][0]["reason"].startswith("réponse au sujet de DEM-2026-00001 refusée (")


def test_a_flood_of_forged_replies_costs_staff_one_e_mail_a_run():
    plan = _decide(*(_reply(senders=(f"pirate{n}@ailleurs.fr",), identity=f"f{n}") for n in range(50)))
    assert _templates(plan) == ["reponses_a_lire"] and len(plan.emails[0].context["messages"]) == 50


def test_an_address_matches_only_as_written():
    plan = _decide(_reply(sender="ambassadeur00001@EXEMPLE.FR"))
    assert len(plan.appends) == 1  # an ASCII case difference is the same address
    strasser = {"Adresse e-mail": "j.strasser@exemple.fr"}
    snapshot_plan = decide(
        [_reply(sender="j.straßer@exemple.fr")],
        BOX,
        {
            "Ambassadeurs": _table(AMBASSADORS, [active_ambassador("AMB-00001", strasser)]),
            "Demandes": _table(REQUESTS, [open_request("DEM-2026-00001", status="Proposée")]),
            "Réponses": _table(ANSWERS, []),
            "Paramètres": _table(PARAMETERS, STAFF),
            "Journal": _table(JOURNAL, []),
        },
        Context(NOW, None, SECRET),
    )
    assert snapshot_plan.appends == [] and snapshot_plan.journal[0].result == "refusée"


@pytest.mark.parametrize(
    "header",
    [
        "mx.exemple.fr 1; dkim=pass header.d=exemple.fr; dmarc=pass (p=none dis=none) header.from=exemple.fr",
        'mx.exemple.fr;\r\n\tdkim=pass (2048-bit key) header.d=exemple.fr header.i=@exemple.fr header.b="AbC1";\r\n'
        "\tspf=pass smtp.mailfrom=exemple.fr",  # DKIM aligned, no DMARC result
        "mx.exemple.fr; dmarc=pass header.from=EXEMPLE.FR",
    ],
    ids=["with a version", "dkim aligned only", "upper case"],
)
def test_the_real_shapes_of_a_passing_header_are_read(header):
    assert len(_decide(_reply(authentication=(header,))).appends) == 1


def test_microsoft_365_s_header_without_a_name_is_read_when_it_is_the_topmost():
    office = (
        "spf=pass (sender IP is 40.107.1.1) smtp.mailfrom=exemple.fr; dkim=pass (signature was verified) "
        "header.d=exemple.fr;dmarc=pass action=none header.from=exemple.fr;compauth=pass reason=100"
    )
    box = Mailbox("reseau@exemple.fr", "microsoft365")
    assert len(_decide(_reply(authentication=(office,)), box=box).appends) == 1
    assert _decide(_reply(authentication=("mx.ailleurs.fr; none", office)), box=box).appends == []
    guess = office.replace("dmarc=pass", "dmarc=bestguesspass").replace("dkim=pass", "dkim=none")
    assert _decide(_reply(authentication=(guess,)), box=box).appends == []


def test_without_a_server_to_vouch_for_senders_no_reply_acts_on_its_own():
    plan = _decide(_reply(), box=Mailbox("reseau@exemple.fr"))
    assert plan.appends == [] and plan.journal[0].result == "transmise à l'équipe"
    assert "ORIENTEST_AUTHSERV_ID" in plan.journal[0].detail
    assert _templates(plan) == ["reponse_a_lire", "reponse_transmise"]  # the person hears a person will read it


def test_a_failed_check_written_by_another_server_lower_down_does_not_count():
    results = (PASSED[0], "mx.exemple.fr; dmarc=fail")  # the top one is the team's server's own, latest verdict
    assert _decide(_reply(authentication=results)).appends != []


def test_messages_without_a_key_cost_one_digest_for_the_run_held_together():
    plan = _decide(_keyless(), _keyless("Pouvez-vous m'appeler ?", "k2"), _keyless("Publicité", "k3"), _reply())
    assert _templates(plan) == ["reponses_a_lire"] and len(plan.emails[0].context["messages"]) == 3
    assert plan.emails[0].record_id == MAILBOX
    assert [e.result for e in plan.journal if e.record_id == MAILBOX] == ["transmise à l'équipe (récapitulatif)"] * 3
    assert len(plan.appends) == 1  # the answer with a key acts in the same run
    held = plan.without({MAILBOX})
    assert held.emails == [] and [e.record_id for e in held.journal] == ["DEM-2026-00001"] and held.appends


def test_an_unreadable_message_is_set_aside_staff_told_once_and_the_others_act():
    poisoned = Incoming(
        "p1",
        ("claire@exemple.fr",),
        (),
        "Re: proposition",
        None,
        "",
        {},
        (),
        problem="jeu de caractères inconnu « unknown-8bit »",
    )
    plan = _decide(poisoned, _reply())
    assert len(plan.appends) == 1
    (digest,) = plan.emails
    (item,) = digest.context["messages"]
    assert (item["sender"], item["subject"]) == ("claire@exemple.fr", "proposition") and "illisible" in item["reason"]
    journal = [{"Action": "réponse par e-mail", "Clé d'idempotence": e.key, "Résultat": e.result} for e in plan.journal]
    done, aside = filing([poisoned, _reply()], _table(JOURNAL, journal))
    assert (done, aside) == ([_reply()], [poisoned])
    assert _decide(poisoned, _reply(), journal=journal).is_empty()  # told once


def test_without_a_team_address_what_needs_a_person_is_set_aside_in_the_mailbox():
    plan = _decide(_reply("Peut-être, je vous redis."), _keyless(), parameters=())
    assert plan.emails == [] and {e.result for e in plan.journal} == {SET_ASIDE}


def test_the_same_message_twice_in_one_run_is_read_once():
    plan = _decide(_reply(), _reply())
    assert len(plan.appends) == 1 and len(plan.journal) == 1


def test_a_change_of_mind_by_mail_reaches_staff_and_the_same_answer_twice_is_kept_once():
    plan = _decide(_reply("Oui"), _reply("Non", identity="m2"))
    assert [row.values["Réponse"] for row in plan.appends] == ["J'accepte"]
    assert [e.result for e in plan.journal] == ["acceptation", "transmise à l'équipe"]
    assert "avait déjà répondu « J'accepte »" in plan.journal[1].detail
    by_form = [{"Horodatage": "06/10/2026 08:00:00", "Jeton": sign(CLAIMS, SECRET), "Réponse": "J'accepte"}]
    assert _decide(_reply("Non"), answers=by_form).journal[0].result == "transmise à l'équipe"
    again = _decide(_reply("Oui !"), answers=by_form)
    assert again.appends == [] and again.emails == [] and again.journal[0].result == "déjà reçue"


def test_a_message_read_again_after_a_crash_acts_once_and_is_then_filed():
    done = [{"Action": "réponse par e-mail", "Clé d'idempotence": "reponse_email:m1", "Résultat": "acceptation"}]
    assert _decide(_reply(), journal=done).is_empty()
    assert filing([_reply(), _reply(identity="m2")], _table(JOURNAL, done)) == ([_reply()], [])


def test_an_expired_key_acts_no_more_but_staff_still_read_the_late_answer():
    plan = _decide(_reply(sent_at=datetime(2026, 10, 11, 9, 0)), now=datetime(2026, 10, 11, 9, 5))
    assert plan.appends == [] and _templates(plan) == ["reponses_a_lire"]
    assert "expirée le 10/10/2026" in plan.journal[0].detail


def test_a_date_in_the_future_or_unreadable_extends_no_key_and_dates_the_answer_now():
    for sent_at in (datetime(9999, 12, 31, 23, 59), None):
        (row,) = _decide(_reply(sent_at=sent_at)).appends
        assert row.values["Horodatage"] == "06/10/2026 09:00:00"
    assert _decide(_reply(sent_at=None), now=datetime(2026, 10, 11, 9)).appends == []  # expired on the 10th


def test_a_reply_citing_an_e_mail_about_another_request_goes_to_staff():
    other = "proposition:DEM-2026-00002:AMB-00001"
    journal = [{"Clé d'idempotence": other, "Résultat": "envoyé"}]
    cited = f"{hashlib.sha256(other.encode()).hexdigest()[:32]}@exemple.fr"
    plan = _decide(_reply(references=(cited,)), journal=journal)
    assert plan.appends == [] and plan.journal[0].result == "refusée"


def test_only_proposals_are_answered_by_e_mail():
    cancel = Claims("DEM-2026-00001", "AMB-00001", CANCEL, date(2026, 11, 10))
    plan = _decide(_reply("Oui", key=reply_key(cancel, SECRET)))
    assert plan.appends == [] and _templates(plan) == ["reponse_a_lire", "reponse_transmise"]


EVENT_KEY = reply_key(Claims("REN-0001", "AMB-00001", EVENT, date(2027, 1, 14)), SECRET)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("Oui, je viens avec plaisir !", "Je m'inscris"),
        ("Je ne pourrai pas venir, désolée.", "Je ne peux pas"),
        ("Pas dispo ce jour-là.", "Je ne peux pas"),
    ],
)
def test_a_reply_to_an_event_invitation_registers_or_declines_as_its_links_would(text, answer):
    plan = _decide(_reply(text, key=EVENT_KEY, subject="Re: REN-0001 – Invitation à une formation le 14/01/2027"))
    (row,) = plan.appends
    assert row.tab == "Inscriptions aux rencontres" and row.values["Inscription"] == answer
    assert row.values["Jeton"] == sign(Claims("REN-0001", "AMB-00001", EVENT, date(2027, 1, 14)), SECRET)
    assert plan.emails == []


def test_a_question_in_reply_to_an_event_invitation_goes_to_staff_with_its_text():
    plan = _decide(_reply("Y a-t-il un parking à proximité ?", key=EVENT_KEY))
    assert plan.appends == [] and _templates(plan) == ["reponse_a_lire", "reponse_transmise"]
    (to_staff, _) = plan.emails
    assert to_staff.to == ("equipe@exemple.fr",) and "parking" in str(to_staff.context)
