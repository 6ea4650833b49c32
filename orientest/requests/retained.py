"""A request's last valid answers, kept beside it (`Valeurs retenues`): a request in play whose form cell someone
mistyped (« deux » ambassadors) goes on with the value it had, and says so, rather than leaving matching.

Only what matching reads is kept; what identifies a person is not (it is erased on its own, with the row).
"""

import json

from orientest.core.schema import PERSONAL, REQUESTS, Owner, Row
from orientest.forms.fields import Anomaly

RETAINED = "Valeurs retenues"
KEPT = tuple(title for title in REQUESTS.titles(Owner.FORM) if title not in PERSONAL["Demandes"])


def retained(row: Row) -> str:
    """The row's answers to keep once they read as a valid request."""
    return json.dumps({title: row[title] for title in KEPT}, ensure_ascii=False, separators=(",", ":"))


def restorable(row: Row, anomalies: list[Anomaly]) -> dict[str, str]:
    """For each answer that no longer reads, the value it had when last valid; {} when none was kept."""
    try:
        kept = json.loads(row[RETAINED]) if row[RETAINED].strip() else {}
    except ValueError:  # staff typed in the column
        return {}
    failing = {anomaly.field for anomaly in anomalies}
    return {title: str(kept[title]) for title in failing if title in kept and str(kept[title]) != row[title]}


def kept_note(restored: dict[str, str], row: Row) -> str:
    """What staff read in `Anomalies`: each answer not read, and the value still applied."""
    return "\n".join(
        f"• {title} : « {row[title][:40]} » ne se lit pas, la valeur retenue « {value[:40]} » reste "
        "appliquée ; corrigez la cellule"
        for title, value in sorted(restored.items())
    )
