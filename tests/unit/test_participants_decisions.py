"""The participants' anonymous answers: which count, against which intervention, and how the indicators count them."""

from datetime import date, datetime

from orientest import followup
from orientest.context import Context
from orientest.core.schema import AMBASSADORS, FEEDBACK, JOURNAL, PARAMETERS, PARTICIPANTS, REQUESTS, UPDATES
from orientest.core.tokens import FEEDBACK as FEEDBACK_ACTION
from orientest.core.tokens import Claims, sign
from orientest.forms.questions import CHANGED_TITLE, CONSIDERING_TITLE, INFORMED_TITLE, NEXT_STEP_TITLE
from orientest.reporting import indicators
from orientest.reporting.facts import Facts
from orientest.reporting.indicators import REGION
from orientest.submissions.participants import ParticipantFact, group_token
from tests.factories import SECRET, active_ambassador
from tests.unit.test_followup_decisions import _confirmed, _opinion, _table

DAY = date(2026, 11, 10)


def _answer(token=None, at="10/11/2026 11:00:00", informed="Plutôt oui"):
    return {
        "Horodatage": at,
        "Jeton": token or group_token("DEM-2026-00001", DAY, SECRET),
        INFORMED_TITLE: informed,
        CONSIDERING_TITLE: "Peut-être",
        CHANGED_TITLE: "Oui",
        NEXT_STEP_TITLE: "Rien pour l'instant",
    }


def _marked(referential, answers, requests=None, feedback=(), now=datetime(2026, 11, 12, 7)):
    snapshot = {
        "Ambassadeurs": _table(AMBASSADORS, [active_ambassador("AMB-00001")]),
        "Demandes": _table(REQUESTS, requests or [_confirmed(status="Réalisée")]),
        "Retours": _table(FEEDBACK, feedback),
        "Avis des participants": _table(PARTICIPANTS, answers),
        "Mises à jour": _table(UPDATES, []),
        "Journal": _table(JOURNAL, []),
        "Paramètres": _table(PARAMETERS, []),
    }
    plan = followup.decide(snapshot, Context(now, referential, SECRET))
    return [u.values for u in plan.updates if u.tab == "Avis des participants"]


def test_an_answer_from_the_groups_link_counts_for_its_intervention(referential):
    (marked,) = _marked(referential, [_answer()])
    assert (marked["Demande"], marked["Anomalies"]) == ("DEM-2026-00001", "")


def test_a_feedback_link_pasted_into_the_participants_form_does_not_count(referential):
    token = sign(Claims("DEM-2026-00001", "DEMANDEUR", FEEDBACK_ACTION, date(2026, 12, 10)), SECRET)
    (marked,) = _marked(referential, [_answer(token)])
    assert "Demande" not in marked and "ne sert pas à l'avis des participants" in marked["Anomalies"]


def test_answers_for_a_cancelled_intervention_do_not_count(referential):
    (marked,) = _marked(referential, [_answer()], [_confirmed(status="Annulée")])
    assert "aucune intervention confirmée pour DEM-2026-00001" in marked["Anomalies"]


def test_after_its_month_the_groups_link_no_longer_counts(referential):
    (marked,) = _marked(referential, [_answer(at="11/12/2026 09:00:00")], now=datetime(2026, 12, 11, 7))
    assert "expiré le 10/12/2026" in marked["Anomalies"]


def test_the_head_count_in_feedback_raises_the_cap_above_the_one_announced(referential):
    answers = [_answer(at=f"10/11/2026 11:{n:02d}:00") for n in range(30)]
    feedback = [{**_opinion("DEMANDEUR"), "Nombre de participants": "30", "Traitée": "11/11/2026 18:00"}]
    feedback[0].update({"Demande": "DEM-2026-00001", "Rôle": "Demandeur"})
    marked = _marked(referential, answers, feedback=feedback)
    assert sum(1 for m in marked if m.get("Demande")) == 30  # 28 announced in the request, 30 came


def test_an_answer_with_an_option_the_form_does_not_offer_says_which(referential):
    (marked,) = _marked(referential, [_answer(informed="Bof")])
    assert "« Bof » n'est pas une réponse possible" in marked["Anomalies"]


def _fact(request_id, informed, considering, changed, steps=()):
    return ParticipantFact(request_id, date(2026, 11, 10), informed, considering, changed, steps)


def test_participants_shares_count_answers_and_nothing_for_now_is_not_a_next_step():
    facts = Facts(
        participants=[
            _fact("D1", True, "Oui", True, ("Me renseigner sur une formation",)),
            _fact("D1", True, "Peut-être", False, ("Rien pour l'instant",)),
            _fact("D2", False, "Non", False),
            _fact("D2", True, "Oui", True, ("Chercher un stage ou une immersion", "Me renseigner sur une formation")),
        ]
    )
    figures = {
        (f.indicator, f.dimension): f.value for f in indicators.participants_figures(facts, indicators.month(2026, 11))
    }
    assert figures[("Réponses des participants", REGION)] == 4
    assert figures[("Réponses des participants", "Interventions")] == 2
    assert figures[("Participants mieux informés", REGION)] == 0.75
    assert figures[("Participants qui envisagent le secteur", REGION)] == 0.5  # « Peut-être » is not « Oui »
    assert figures[("Participants qui envisagent le secteur", "Réponse : Peut-être")] == 1
    assert figures[("Participants dont une idée a changé", REGION)] == 0.5
    assert figures[("Participants ayant une prochaine étape", REGION)] == 0.5
    assert figures[("Participants ayant une prochaine étape", "Étape : Me renseigner sur une formation")] == 2
