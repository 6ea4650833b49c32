"""What people write beside a form reaches whoever it is for: the school's message the ambassador, an ambassador's
comment the requester or staff, and the Journal keeps an excerpt."""

from orientest.core.plan import RowKey
from orientest.submissions.answers import Answer
from orientest.submissions.source import Source
from tests.factories import active_ambassador, open_request
from tests.unit.test_matching_decisions import _answer, _decide, _proposed, _sent, _templates

STAFF = [{"Paramètre": "Adresse de l'équipe", "Valeur": "equipe@exemple.fr"}]


def _answered(referential, answer, comment, request=None):
    return _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[request or _proposed("DEM-2026-00001", "AMB-00001")],
        journal=[_sent("DEM-2026-00001", "AMB-00001")],
        answers=[_answer("DEM-2026-00001", "AMB-00001", answer, Commentaire=comment)],
        parameters=STAFF,
    )


def _with_comment(words):
    source = Source("Réponses", RowKey(id="x"), 2, None, False, "", False)
    return Answer(source, "", "J'accepte", "", words)


def _to(plan, template):
    return next(e for e in plan.emails if e.template == template)


def test_the_schools_message_is_in_the_proposal(referential):
    plan = _decide(
        referential,
        ambassadors=[active_ambassador("AMB-00001")],
        requests=[open_request("DEM-2026-00001", {"Message": "On viendrait en bus, arrivée 9 h 15."})],
    )
    assert _to(plan, "proposition").context["message"] == "On viendrait en bus, arrivée 9 h 15."


def test_an_acceptance_comment_reaches_the_requester_and_the_journal_keeps_an_excerpt(referential):
    plan = _answered(referential, "J'accepte", "Prévoir des chaussures fermées pour la démonstration.")
    assert _to(plan, "confirmation_demandeur").context["comment"] == (
        "Prévoir des chaussures fermées pour la démonstration."
    )
    assert "commentaire_a_lire" not in [template for template, _ in _templates(plan)]
    (accepted,) = [e for e in plan.journal if e.result == "Acceptée"]
    assert accepted.detail == "commentaire : « Prévoir des chaussures fermées pour la démonstration. »"


def test_an_acceptance_comment_that_asks_something_also_goes_to_staff(referential):
    plan = _answered(referential, "J'accepte", "Oui, à condition de finir avant 11 h")
    assert ("commentaire_a_lire", "equipe@exemple.fr") in _templates(plan)
    assert _to(plan, "confirmation_demandeur").context["comment"] == "Oui, à condition de finir avant 11 h"


def test_a_decline_with_a_comment_reaches_staff_since_nobody_else_reads_it(referential):
    plan = _answered(referential, "Je ne suis pas disponible", "ma collègue Julie pourrait me remplacer")
    told = _to(plan, "commentaire_a_lire")
    assert (told.to, told.context["comment"], told.context["outcome"]) == (
        ("equipe@exemple.fr",),
        "ma collègue Julie pourrait me remplacer",
        "déclinée",
    )
    (declined,) = [e for e in plan.journal if e.result == "Déclinée"]
    assert declined.detail == "commentaire : « ma collègue Julie pourrait me remplacer »"


def test_an_emailed_answer_is_shown_without_the_mark_replies_put_on_it():
    answer = _with_comment("par e-mail : Avec plaisir, je serai là.")
    assert answer.words == "Avec plaisir, je serai là."


def test_comments_that_ask_offer_or_set_a_condition_are_read_by_a_person():
    def asks(words):
        return _with_comment(words).asks_something

    for words in (
        "Est-ce que le parking est accessible ?",
        "Ma collègue pourrait me remplacer",
        "Oui sauf si la grève des trains continue",
        "Je viens, merci de me rappeler la veille",
        "Je préférerais plutôt l'après-midi",
    ):
        assert asks(words), words
    for words in ("Chaussures fermées pour la visite.", "Avec plaisir !", ""):
        assert not asks(words), words
