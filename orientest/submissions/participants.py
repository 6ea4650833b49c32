"""`Avis des participants`: the group's anonymous answers, and the intervention a run found each one to be about."""

from dataclasses import dataclass
from datetime import date, timedelta

from orientest.core.schema import PARTICIPANTS, Row, Table
from orientest.core.tokens import GROUP, Claims, sign
from orientest.core.tokens import PARTICIPANTS as PARTICIPANTS_ACTION
from orientest.forms.options import BETTER_INFORMED, CONSIDERING, INFORMED, NEXT_STEP, YES, YES_NO
from orientest.forms.questions import CHANGED_TITLE, CONSIDERING_TITLE, INFORMED_TITLE, NEXT_STEP_TITLE
from orientest.submissions.source import Source, source_of


@dataclass(frozen=True)
class ParticipantFact:
    """One participant's accepted answers, as the indicators count them: nothing that names anyone."""

    request_id: str
    submitted: date
    better_informed: bool
    considering: str  # « Oui », « Peut-être » or « Non »
    changed_idea: bool
    next_steps: tuple[str, ...]


@dataclass(frozen=True)
class ParticipantRow:
    source: Source
    row: Row
    token: str
    request_id: str  # written by the run that accepted it

    @property
    def accepted(self) -> bool:
        return self.source.processed and not self.source.anomalies and bool(self.request_id)

    @property
    def fact(self) -> ParticipantFact | None:
        submitted = self.source.submitted_at
        if not self.accepted or submitted is None:
            return None
        return ParticipantFact(
            self.request_id,
            submitted.date(),
            INFORMED.one(self.row[INFORMED_TITLE]) in BETTER_INFORMED,
            CONSIDERING.one(self.row[CONSIDERING_TITLE]) or "",
            YES_NO.one(self.row[CHANGED_TITLE]) == YES,
            NEXT_STEP.many(self.row[NEXT_STEP_TITLE]).chosen,
        )


def read_participant_rows(table: Table | None) -> list[ParticipantRow]:
    return [
        ParticipantRow(source_of(row, PARTICIPANTS), row, row["Jeton"], row["Demande"].strip())
        for row in (table.rows if table else ())
    ]


ANSWER_DAYS = 30  # the group may answer from the day until a month after it


def group_token(request_id: str, day: date, secret: bytes) -> str:
    """The link the requester shares with the group: it names the intervention, nobody in it."""
    return sign(Claims(request_id, GROUP, PARTICIPANTS_ACTION, day + timedelta(days=ANSWER_DAYS)), secret)
