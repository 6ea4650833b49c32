from datetime import date, datetime

from orientest.core.plan import Email, JournalEntry, Plan, RowKey, RowUpdate
from orientest.core.schema import JOURNAL, PARAMETERS, Row, Table
from orientest.sending.daily_cap import within_daily_cap

TODAY = date(2026, 10, 5)


def _table(tab, rows):
    return Table(tab, tuple(Row(line, values, tab) for line, values in enumerate(rows, start=2)), tab.titles())


def _snapshot(cap, sent_today=0, sent_yesterday=0):
    journal = [{"Date": "05/10/2026 08:00", "Résultat": "envoyé"}] * sent_today
    journal += [{"Date": "04/10/2026 23:59", "Résultat": "envoyé"}] * sent_yesterday
    parameters = [{"Paramètre": "Plafond quotidien d'e-mails", "Valeur": str(cap)}]
    return {"Journal": _table(JOURNAL, journal), "Paramètres": _table(PARAMETERS, parameters)}


def _plan(*records):
    """Per record: its status change, its journal line and one e-mail per recipient listed."""
    plan = Plan("matching")
    for record, recipients in records:
        plan.updates.append(RowUpdate("Demandes", RowKey(id=record), {"Statut": "Proposée"}))
        plan.journal.append(JournalEntry(datetime(2026, 10, 5, 9), "matching", record, "statut : Proposée"))
        plan.emails += [Email(f"{record}.{to}", "proposition", (to,), record, {}) for to in recipients]
    return plan


def test_under_the_cap_the_plan_is_untouched():
    plan = _plan(("DEM-1", ["a"]), ("DEM-2", ["b"]))
    cut, held = within_daily_cap(plan, _snapshot(cap=5, sent_today=3), TODAY)
    assert cut == plan and held == set()


def test_past_the_cap_a_record_waits_with_its_changes_and_all_its_emails():
    plan = _plan(("DEM-1", ["a", "b"]), ("DEM-2", ["c", "d"]), ("DEM-3", ["e"]))
    cut, held = within_daily_cap(plan, _snapshot(cap=6, sent_today=3), TODAY)
    assert held == {"DEM-2", "DEM-3"}  # DEM-3 would fit, but the oldest decisions go first
    assert [e.key for e in cut.emails] == ["DEM-1.a", "DEM-1.b"]
    assert [u.key.id for u in cut.updates] == ["DEM-1"] and [j.record_id for j in cut.journal] == ["DEM-1"]


def test_only_todays_emails_count_against_the_cap():
    plan = _plan(("DEM-1", ["a"]))
    cut, held = within_daily_cap(plan, _snapshot(cap=2, sent_today=1, sent_yesterday=50), TODAY)
    assert held == set() and len(cut.emails) == 1


def test_a_new_row_held_back_keeps_only_its_id_so_that_ids_follow_the_order_of_submissions():
    plan = Plan(
        "intake",
        updates=[RowUpdate("Demandes", RowKey(locator="abc"), {"ID": "DEM-2026-00001", "Statut": "En recherche"})],
        emails=[Email("k", "demande_recue", ("a@x.fr",), "DEM-2026-00001", {})],
    )
    cut, held = within_daily_cap(plan, _snapshot(cap=10, sent_today=10), TODAY)
    assert held == {"DEM-2026-00001"} and cut.emails == []
    assert [(u.key.locator, u.values) for u in cut.updates] == [("abc", {"ID": "DEM-2026-00001"})]


def _emails_plan(*records):
    """Per record: its status change and one e-mail of the template given."""
    plan = Plan("matching")
    for record, template in records:
        plan.updates.append(RowUpdate("Demandes", RowKey(id=record), {"Statut": "x"}))
        plan.emails.append(Email(f"{template}:{record}", template, (f"{record}@x.fr",), record, {}))
    return plan


def test_what_an_answer_leads_to_goes_first_then_proposals_then_the_rest():
    plan = _emails_plan(("DEM-1", "demande_recue"), ("DEM-2", "proposition"), ("DEM-3", "confirmation_demandeur"))
    cut, held = within_daily_cap(plan, _snapshot(cap=4, sent_today=2), TODAY)
    assert [e.record_id for e in cut.emails] == ["DEM-2", "DEM-3"] and held == {"DEM-1"}


def test_acknowledgements_and_staff_notices_never_take_the_last_tenth_of_the_cap():
    plan = _emails_plan(("—", "reponses_a_lire"), ("DEM-1", "demande_recue"))
    cut, held = within_daily_cap(plan, _snapshot(cap=100, sent_today=89), TODAY)
    assert held == {"DEM-1"} and len(cut.emails) == 1  # 11 left, 10 of them kept for answers and proposals
    answers = _emails_plan(("DEM-2", "confirmation_ambassadeur"), ("DEM-3", "proposition"))
    assert within_daily_cap(answers, _snapshot(cap=100, sent_today=98), TODAY)[1] == set()
