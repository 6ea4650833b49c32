"""A record held back (its e-mail could not leave) holds the source rows that led to it: the answer, the record
update, the reply stay as they were, and the next run decides again."""

from datetime import datetime

from orientest.core.plan import Email, JournalEntry, Plan, RowAppend, RowKey, RowUpdate

AT = datetime(2026, 10, 6, 18, 0)


def _acceptance_plan() -> Plan:
    """An answer (Réponses row) confirmed DEM-1 and freed AMB-2's day; another answer only had an anomaly."""
    return Plan(
        "matching",
        updates=[
            RowUpdate("Demandes", RowKey(id="DEM-1"), {"Statut": "Confirmée"}),
            RowUpdate(
                "Réponses",
                RowKey(locator="answer-1"),
                {"Traitée": "06/10/2026 18:00"},
                concerns=frozenset({"DEM-1", "AMB-2"}),
            ),
            RowUpdate(
                "Réponses", RowKey(locator="answer-2"), {"Traitée": "06/10/2026 18:00", "Anomalies": "jeton expiré"}
            ),
            RowUpdate("Ambassadeurs", RowKey(id="AMB-2"), {"Charte acceptée (version)": "2027"}),
            RowUpdate("Demandes", RowKey(id="DEM-3"), {"Statut": "Proposée"}),
        ],
        journal=[
            JournalEntry(AT, "matching", "DEM-1", "statut : Confirmée"),
            JournalEntry(AT, "matching", "AMB-2", "charte acceptée"),
            JournalEntry(AT, "matching", "DEM-3", "statut : Proposée"),
        ],
        emails=[Email("confirmation:DEM-1", "confirmation_demandeur", ("cpe@x.fr",), "DEM-1", {})],
    )


def test_a_held_record_holds_the_answer_that_led_to_it_and_all_that_answer_did():
    cut = _acceptance_plan().without({"DEM-1"})
    assert [(u.tab, u.key.id or u.key.locator) for u in cut.updates] == [
        ("Réponses", "answer-2"),
        ("Demandes", "DEM-3"),
    ]
    assert [j.record_id for j in cut.journal] == ["DEM-3"] and cut.emails == []


def test_holding_spreads_through_every_source_row_sharing_a_record():
    plan = Plan(
        "followup",
        updates=[
            RowUpdate(
                "Mises à jour", RowKey(locator="leave"), {"Traitée": "x"}, concerns=frozenset({"AMB-2", "DEM-1"})
            ),
            RowUpdate("Réponses", RowKey(locator="answer"), {"Traitée": "x"}, concerns=frozenset({"DEM-1", "DEM-4"})),
            RowUpdate("Demandes", RowKey(id="DEM-4"), {"Statut": "Confirmée"}),
        ],
    )
    assert plan.holding({"AMB-2"}) == {"AMB-2", "DEM-1", "DEM-4"}
    assert plan.without({"AMB-2"}).updates == []


def test_a_reply_made_into_an_answer_is_held_with_its_record():
    plan = Plan(
        "replies",
        appends=[
            RowAppend("Réponses", {"Réponse": "J'accepte"}, concerns=frozenset({"DEM-1"})),
            RowAppend("Réponses", {"Réponse": "J'accepte"}, concerns=frozenset({"DEM-2"})),
        ],
    )
    assert [a.concerns for a in plan.without({"DEM-1"}).appends] == [frozenset({"DEM-2"})]
