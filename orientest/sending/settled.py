"""`Envois` kept to one line per hand-over: a « prévu » line leaves once a result for its key is written after it.

The « prévu » line is what makes a crash mid-send safe: written before the mailer gets the message, it is the only
trace until the run writes the result. Once a later line of the same key says « envoyé », « échec » or « à vérifier »,
it tells nothing more, yet every run reads it: half the tab's lines. A « prévu » with no result after it stays.
"""

from datetime import datetime

from orientest.core import journal
from orientest.core.french import parse_datetime
from orientest.core.plan import RowRemoval
from orientest.core.schema import Table

KEY = "Clé d'idempotence"


def settled_plans(sendings: Table | None) -> list[RowRemoval]:
    """The « prévu » lines of `Envois` followed, at the same minute or later, by a result of the same key."""
    if sendings is None:
        return []
    last_result: dict[str, datetime] = {}
    for row in sendings.rows:
        if row[KEY] and row["Résultat"] != journal.PLANNED and (at := parse_datetime(row["Date"])):
            last_result[row[KEY]] = max(at, last_result.get(row[KEY], at))
    return [
        RowRemoval(sendings.tab.name, row.values)
        for row in sendings.rows
        if row["Résultat"] == journal.PLANNED
        and row[KEY] in last_result
        and (at := parse_datetime(row["Date"])) is not None
        and at <= last_result[row[KEY]]
    ]
