"""Each indicator on a small fixture whose expected figures were counted by hand."""

from datetime import date, datetime

from orientest.ambassadors.fact import AmbassadorFact
from orientest.core.schema import FEEDBACK, Row, Table
from orientest.proposals.ledger import Proposal, ProposalState
from orientest.reporting import indicators
from orientest.reporting.facts import Facts
from orientest.reporting.indicators import REGION
from orientest.requests.fact import RequestFact
from orientest.submissions.feedback import FeedbackFact, read_feedback_rows

NOVEMBER = indicators.month(2026, 11)
TWO_INTENTIONS = ("BTS ou BUT", "Apprentissage ou alternance")


def _request(
    record_id,
    received,
    status,
    department="67",
    sectors=("Industrie",),
    ambassador="",
    day=None,
    participants=25,
    publics=("Collégiens",),
    structure="Collège",
):
    return RequestFact(
        record_id,
        received,
        status,
        department,
        "Strasbourg",
        sectors,
        (),
        structure,
        publics,
        participants,
        (ambassador,) if ambassador else (),
        day,
    )


def _facts() -> Facts:
    facts = Facts()
    facts.requests = {
        r.id: r
        for r in (
            _request("D1", date(2026, 11, 2), "Clôturée", ambassador="A1", day=date(2026, 11, 20)),
            _request("D2", date(2026, 11, 5), "Sans solution", department="08", sectors=("Santé",)),
            _request("D3", date(2026, 11, 9), "Incomplète", department="51"),
            _request(
                "D4",
                date(2026, 10, 20),
                "Ambassadeur absent",
                ambassador="A2",
                day=date(2026, 11, 18),
                participants=30,
                publics=("Lycéens",),
                structure="Lycée professionnel",
            ),
            _request("D5", date(2026, 11, 25), "En recherche"),
        )
    }
    facts.ambassadors = {
        a.id: a
        for a in (
            AmbassadorFact("A1", date(2026, 9, 1), "Actif", ("67",), ("Industrie",)),
            AmbassadorFact("A2", date(2026, 10, 1), "Actif", ("",), ("Industrie", "Santé")),
            AmbassadorFact("A3", date(2026, 11, 10), "Actif", ("68",), ("Commerce, Vente et Grande distribution",)),
            AmbassadorFact("A4", date(2026, 9, 1), "Retiré", ("57",), ("Industrie",)),
        )
    }
    changes = {
        "D1": [(date(2026, 11, 4), "Confirmée"), (date(2026, 11, 21), "Réalisée")],
        "D2": [(date(2026, 11, 12), "Sans solution")],
        "D4": [
            (date(2026, 10, 25), "Confirmée"),
            (date(2026, 11, 19), "Réalisée"),
            (date(2026, 11, 20), "Ambassadeur absent"),
        ],
        "A4": [(date(2026, 11, 15), "Retiré")],
    }
    facts.status_changes.update(changes)
    sent = datetime(2026, 11, 3, 18)
    facts.proposals = [
        Proposal("D1", "A1", ProposalState.ACCEPTED, sent, date(2026, 11, 20)),
        Proposal("D2", "A2", ProposalState.DECLINED, sent, date(2026, 11, 24)),
        Proposal("D2", "A4", ProposalState.EXPIRED, sent, date(2026, 11, 24)),
        Proposal("D5", "A1", ProposalState.SENT, sent, date(2026, 12, 8)),
    ]
    facts.feedback = [
        FeedbackFact("D1", "Demandeur", date(2026, 11, 22), "Oui", 24, 5, 4, TWO_INTENTIONS),
        FeedbackFact("D1", "Ambassadeur", date(2026, 11, 23), "Oui", 26, 4, 3, ("BTS ou BUT",)),
        FeedbackFact("D4", "Demandeur", date(2026, 11, 20), "Non, ambassadeur absent", None, None, None),
    ]
    return facts


def _figures(indicator):
    return {(f.indicator, f.dimension): f.value for f in indicator(_facts(), NOVEMBER)}


def test_requests_received_confirmed_done_and_without_solution():
    figures = _figures(indicators.requests_figures)
    assert figures[("Demandes reçues", REGION)] == 4  # D1, D2, D3, D5; D4 came in October
    assert figures[("Demandes reçues", "Département : 67 - Bas-Rhin")] == 2
    assert figures[("Demandes reçues", "Secteur : Santé")] == 1
    assert figures[("Demandes reçues", "Bassin : Strasbourg")] == 4
    assert figures[("Demandes confirmées", REGION)] == 1  # D4 was confirmed in October
    assert figures[("Interventions réalisées", REGION)] == 1  # D1; nobody came to D4
    assert figures[("Demandes sans solution", "Département : 08 - Ardennes")] == 1
    assert figures[("Demandes annulées", REGION)] == 0


def test_match_rate_leaves_incomplete_requests_out():
    assert _figures(indicators.match_rate)[("Taux de mise en relation", REGION)] == round(1 / 3, 3)


def test_median_days_to_confirmation():
    assert _figures(indicators.days_to_confirmation)[("Délai médian demande → confirmation (jours)", REGION)] == 2


def test_proposals_and_acceptance_rate():
    figures = _figures(indicators.proposals_figures)
    assert figures[("Propositions envoyées", REGION)] == 4
    assert figures[("Taux d'acceptation des propositions", REGION)] == round(1 / 3, 3)


def test_active_new_and_departed_ambassadors():
    figures = _figures(indicators.ambassadors_figures)
    assert figures[("Ambassadeurs actifs", REGION)] == 3  # A4 left in November
    assert figures[("Ambassadeurs actifs", "Département : toute la région")] == 1
    assert figures[("Nouveaux ambassadeurs", REGION)] == 1
    assert figures[("Départs d'ambassadeurs", REGION)] == 1


def test_feedback_satisfaction_no_shows_and_participants_by_public():
    figures = _figures(indicators.feedback_figures)
    assert figures[("Satisfaction moyenne (sur 5)", REGION)] == 4.5
    assert figures[("Part des avis satisfaits (4 ou 5 sur 5)", REGION)] == 1.0
    assert figures[("Aide à l'orientation moyenne (sur 5)", REGION)] == 3.5
    assert figures[("Absences d'ambassadeurs", REGION)] == 1
    assert figures[("Taux de réponse aux demandes d'avis", REGION)] == 1.0  # D1's two; D4 did not take place
    # D1: the requester's 24, not the ambassador's 26; D4's 30 pupils waited for an ambassador who did not come.
    assert figures[("Participants touchés", "Public : Collégiens")] == 24
    assert ("Participants touchés", "Public : Lycéens") not in figures
    assert figures[("Participants touchés", REGION)] == 24


def test_training_intentions_count_each_intervention_once_whichever_side_ticked_them():
    figures = _figures(indicators.feedback_figures)
    assert figures[("Interventions suivies d'intentions de formation", REGION)] == 1
    assert figures[("Interventions suivies d'intentions de formation", "Intention : BTS ou BUT")] == 1  # both sides
    assert figures[("Interventions suivies d'intentions de formation", "Intention : Apprentissage ou alternance")] == 1


def test_intentions_written_as_free_text_before_the_options_are_read_on_their_words():
    row = Row(
        2,
        {
            "Horodatage": "22/11/2026 10:00:00",
            "Traitée": "22/11/2026 18:00",
            "Demande": "D1",
            "Rôle": "Demandeur",
            "L'intervention a eu lieu": "Oui",
            "Intentions de formation": "Bac pro, apprentissage ; une élève veut être vétérinaire",
        },
        FEEDBACK,
    )
    (fact,) = [r.fact for r in read_feedback_rows(Table(FEEDBACK, (row,), FEEDBACK.titles()))]
    assert fact.intentions == ("CAP ou bac professionnel", "Apprentissage ou alternance", "Autre")


def test_white_zones_are_the_requests_matching_gave_up_on_while_nobody_covered_them():
    facts = _facts()
    facts.uncovered = {"D2": [date(2026, 11, 20)], "D5": [date(2026, 10, 30)]}  # D5: in October, not this month
    figures = {(f.indicator, f.dimension): f.value for f in indicators.white_zones(facts, NOVEMBER)}
    # Only what matching journalled counts: D3 and D4 came from départements nobody may cover, unflagged here.
    assert figures == {("Zone blanche (demandes non satisfaites)", "08 - Ardennes × Santé"): 1}


def test_fairness_is_the_gini_coefficient_over_active_ambassadors():
    figures = _figures(indicators.fairness)
    # Interventions dated in November among A1, A2, A3: 1, 0 (A2 did not come to D4), 0 → Gini = 2/3.
    assert figures[("Équité de la charge (indice de Gini)", REGION)] == 0.667
    assert figures[("Part des ambassadeurs actifs sollicités", REGION)] == 0.333


def test_gini_extremes():
    assert indicators.gini([2, 2, 2]) == 0
    assert round(indicators.gini([0, 0, 0, 9]), 2) == 0.75
    assert indicators.gini([]) == 0


def test_school_year_to_date_starts_in_september():
    period = indicators.school_year_to_date(NOVEMBER)
    assert (period.start, period.end) == (date(2026, 9, 1), date(2026, 12, 1))
    assert indicators.month(2026, 12).end == date(2027, 1, 1)


def test_a_month_without_answers_has_no_average_rather_than_zero():
    figures = {(f.indicator, f.dimension): f.value for f in indicators.feedback_figures(Facts(), NOVEMBER)}
    assert figures[("Satisfaction moyenne (sur 5)", REGION)] is None  # « pas de données », never « 0 sur 5 »
    assert figures[("Taux de réponse aux demandes d'avis", REGION)] is None
    assert figures[("Absences d'ambassadeurs", REGION)] == 0  # a count of nothing is 0
