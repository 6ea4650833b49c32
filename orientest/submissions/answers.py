"""`Réponses`: an answer to a proposal, a cancellation, the new charter or a choice among pistes."""

from dataclasses import dataclass

from orientest.core.schema import ANSWERS, Table
from orientest.submissions.source import Source, source_of


@dataclass(frozen=True)
class Answer:
    source: Source
    token: str
    answer: str  # as the form sent it: one of `options.ANSWER`, or something else
    proposed_date: str  # « Date proposée », as typed
    comment: str


def read_answers(table: Table | None) -> list[Answer]:
    return [
        Answer(source_of(row, ANSWERS), row["Jeton"], row["Réponse"], row["Date proposée"].strip(), row["Commentaire"])
        for row in (table.rows if table else ())
    ]
