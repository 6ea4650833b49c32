"""`Retours`: each side's feedback on an intervention, and what a run wrote on the rows it accepted."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from orientest.core.french import parse_int
from orientest.core.schema import FEEDBACK, Row, Table
from orientest.forms.options import OTHER, TRAINING_INTENTION, YES, YES_NO
from orientest.requests.outcomes import HELD, absent_ambassador
from orientest.submissions.source import Source, source_of

PASS_ON = "Transmettre votre avis à l'ambassadeur"  # the requester's consent to the thanks carrying their words
QUOTED = "Le réseau peut citer cette intervention"


@dataclass(frozen=True)
class Words:
    """What a requester agreed to pass on to the ambassadors who came: their mark and their comment."""

    satisfaction: int | None
    comment: str


@dataclass(frozen=True)
class FeedbackFact:
    """Accepted feedback as the indicators count it."""

    request_id: str
    role: str
    submitted: date
    held: str
    participants: int | None
    satisfaction: int | None
    orientation: int | None
    intentions: tuple[str, ...] = ()  # the options of « Intentions de formation »; anything else read as « Autre »


@dataclass(frozen=True)
class FeedbackRow:
    source: Source
    row: Row  # the answers, read field by field against the feedback form (`forms.fields.FieldReader`)
    token: str
    held: str  # « L'intervention a eu lieu », as sent
    request_id: str  # written by the run that accepted it
    role: str  # written by the run that accepted it

    @property
    def passed_on(self) -> Words | None:
        """The requester's words for the thanks, only if they said « Oui » to passing them on."""
        if YES_NO.one(self.row[PASS_ON]) != YES:
            return None
        return Words(parse_int(self.row["Satisfaction"]), " ".join(self.row["Commentaire"].split()))

    @property
    def quoted(self) -> bool:
        return YES_NO.one(self.row[QUOTED]) == YES

    @property
    def accepted(self) -> bool:
        """Processed without anomaly: the record of what happened."""
        return self.source.processed and not self.source.anomalies and bool(self.request_id)

    @property
    def fact(self) -> FeedbackFact | None:
        """What the indicators count of accepted feedback (None for any other row)."""
        submitted = self.source.submitted_at
        if not self.accepted or submitted is None:
            return None
        return FeedbackFact(
            self.request_id,
            self.role,
            submitted.date(),
            HELD.one(self.held) or "",
            parse_int(self.row["Nombre de participants"]),
            parse_int(self.row["Satisfaction"]),
            parse_int(self.row["Aide à l'orientation"]),
            tuple(
                dict.fromkeys(
                    OTHER if chosen.startswith(f"{OTHER} : ") else chosen
                    for chosen in TRAINING_INTENTION.many(self.row["Intentions de formation"]).chosen
                )
            ),
        )


def read_feedback_rows(table: Table | None) -> list[FeedbackRow]:
    return [
        FeedbackRow(
            source_of(row, FEEDBACK),
            row,
            row["Jeton"],
            row["L'intervention a eu lieu"],
            row["Demande"].strip(),
            row["Rôle"].strip(),
        )
        for row in (table.rows if table else ())
    ]


def no_shows(table: Table | None, ambassadors_of: dict[str, tuple[str, ...]]) -> Counter[str]:
    """Interventions each ambassador missed, as requesters reported them."""
    return Counter(
        absent
        for row in read_feedback_rows(table)
        if row.accepted
        and (absent := absent_ambassador(row.role, HELD.one(row.held) or "", ambassadors_of.get(row.request_id, ())))
    )
