"""Replies by e-mail, decided on plain messages: what acts as the form would, what goes to staff, what is refused."""

from datetime import date, datetime

from orientest.core.schema import AMBASSADORS, JOURNAL, PARAMETERS, REQUESTS
from orientest.core.tokens import ANSWER, CANCEL, Claims, reply_key, sign
from orientest.reference.context import Context
from orientest.replies.run import Incoming, Mailbox, decide, handled
from tests.factories import SECRET, active_ambassador, open_request
from tests.unit.test_matching_decisions import _table

NOW = datetime(2026, 10, 6, 9, 0)
BOX = Mailbox("reseau@exemple.fr", "mx.exemple.fr")
CLAIMS = Claims("DEM-2026-00001", "AMB-00001", ANSWER, date(2026, 10, 10))
PASSED = ("mx.exemple.fr; dkim=pass header.d=exemple.fr; dmarc=pass header.from=exemple.fr",)
STAFF = [{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}]


def _reply(text="Oui, avec plaisir !", key=None, sender="ambassadeur00001@exemple.fr", identity="m1", **extra):
    address = f"reseau+{reply_key(CLAIMS, SECRET) if key is None else key}@exemple.fr"
    values = {"identity": identity, "sender": sender, "recipients": (address,),
              "subject": "Re: DEM-2026-00001 – Proposition d'intervention", "sent_at": datetime(2026, 10, 6, 8, 12),
              "body": f"{text}\n\nLe lun. 5 oct. 2026 à 18:00, Réseau <reseau@exemple.fr> a écrit :\n> J'accepte : …",
              "headers": {}, "authentication": PASSED, **extra}
    return Incoming(**values)


def _decide(*messages, journal=(), now=NOW, parameters=STAFF):
    snapshot = {"Ambassadeurs": _table(AMBASSADORS, [active_ambassador("AMB-00001")]),
                "Demandes": _table(REQUESTS, [open_request("DEM-2026-00001", status="Proposée")]),
                "Paramètres": _table(PARAMETERS, parameters), "Journal": _table(JOURNAL, journal)}
    return decide(list(messages), BOX, snapshot, Context(now, None, SECRET))


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


def test_an_unclear_reply_goes_to_staff_with_its_text_and_the_sender_hears_it_was_passed_on():
    plan = _decide(_reply("C'est à quelle heure exactement ?"))
    assert plan.appends == []
    assert sorted((e.template, e.to[0]) for e in plan.emails) == [("reponse_a_lire", "equipe@exemple.fr"),
                                                                  ("reponse_transmise", "ambassadeur00001@exemple.fr")]
    to_staff = next(e for e in plan.emails if e.template == "reponse_a_lire")
    assert to_staff.context["reply"] == "C'est à quelle heure exactement ?"
    assert to_staff.reply_to == "ambassadeur00001@exemple.fr"  # staff answer the person directly
    assert plan.journal[0].result == "transmise à l'équipe"


def test_a_forged_key_changes_nothing_bothers_nobody_and_is_logged():
    forged = reply_key(Claims("DEM-2026-00001", "AMB-00001", ANSWER, date(2026, 10, 10)), b"not the secret, but long")
    plan = _decide(_reply(key=forged))
    assert plan.appends == [] and plan.emails == []
    assert (plan.journal[0].result, plan.journal[0].detail) == ("refusée", "clé de réponse falsifiée ou altérée")


def test_another_sender_or_a_failed_dmarc_changes_nothing_and_staff_read_it():
    for message in (_reply(sender="quelquun@ailleurs.fr"),
                    _reply(authentication=("mx.exemple.fr; dkim=fail header.d=exemple.fr; dmarc=fail",)),
                    _reply(authentication=("mx.pirate.example; dkim=pass; dmarc=pass",))):
        plan = _decide(message)
        assert plan.appends == [] and plan.journal[0].result == "refusée"
        assert [e.template for e in plan.emails] == ["reponse_a_lire"]


def test_a_failed_check_written_by_another_server_lower_down_does_not_count():
    results = (PASSED[0], "mx.exemple.fr; dmarc=fail")  # the top one is the team's server's own, latest verdict
    assert _decide(_reply(authentication=results)).appends != []


def test_an_out_of_office_reply_is_ignored():
    for extra in ({"headers": {"auto-submitted": "auto-replied"}}, {"subject": "Réponse automatique : absente"}):
        plan = _decide(_reply("Je suis absente jusqu'au 12 octobre.", **extra))
        assert plan.appends == [] and plan.emails == [] and plan.journal[0].result == "ignorée"


def test_a_message_without_key_is_forwarded_to_staff_once():
    message = _reply("Merci pour tout !", recipients=("reseau@exemple.fr",))
    plan = _decide(message)
    assert [e.template for e in plan.emails] == ["reponse_a_lire"] and plan.appends == []
    done = [{"Clé d'idempotence": "reponse_email:m1", "Résultat": "transmise à l'équipe"}]
    assert _decide(message, journal=done).is_empty()


def test_a_message_read_again_after_a_crash_acts_once_and_is_then_filed():
    done = [{"Clé d'idempotence": "reponse_email:m1", "Résultat": "acceptation"}]
    assert _decide(_reply(), journal=done).is_empty()
    assert handled([_reply(), _reply(identity="m2")], _table(JOURNAL, done)) == [_reply()]


def test_an_expired_key_acts_no_more_but_staff_still_read_the_late_answer():
    plan = _decide(_reply(sent_at=datetime(2026, 10, 11, 9, 0)), now=datetime(2026, 10, 11, 9, 5))
    assert plan.appends == [] and [e.template for e in plan.emails] == ["reponse_a_lire"]
    assert "expirée le 10/10/2026" in plan.journal[0].detail


def test_a_reply_citing_an_e_mail_about_another_request_goes_to_staff():
    import hashlib

    other = "proposition:DEM-2026-00002:AMB-00001"
    journal = [{"Clé d'idempotence": other, "Résultat": "envoyé"}]
    cited = f"{hashlib.sha256(other.encode()).hexdigest()[:32]}@exemple.fr"
    plan = _decide(_reply(references=(cited,)), journal=journal)
    assert plan.appends == [] and plan.journal[0].result == "refusée"


def test_only_proposals_are_answered_by_e_mail():
    cancel = Claims("DEM-2026-00001", "AMB-00001", CANCEL, date(2026, 11, 10))
    plan = _decide(_reply("Oui", key=reply_key(cancel, SECRET)))
    assert plan.appends == [] and [e.template for e in plan.emails] == ["reponse_a_lire", "reponse_transmise"]



def test_without_a_team_address_an_unclear_reply_is_only_noted_for_staff_to_find():
    plan = _decide(_reply("Peut-être, je vous redis."), parameters=())
    assert plan.emails == [] and plan.journal[0].result == "à lire (Adresse de l'équipe vide)"
