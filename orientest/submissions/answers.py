"""`Réponses`: an answer to a proposal, a cancellation, the new charter or a choice among pistes."""

import re
from dataclasses import dataclass

from orientest.core.schema import ANSWERS, Table
from orientest.core.text import fold, web_address
from orientest.submissions.source import Source, source_of

BY_EMAIL = "par e-mail : "  # how `replies` marks the words of an e-mailed answer in `Commentaire`
# what a comment that asks staff or the other side for something says (folded: no accents, lower case)
_ASKS = re.compile(
    r"\?|\b(pourr(ais|ait|iez|ions|ez)|pouvez|pouvons|merci de|besoin|question|rappeler|appeler|contacter|remplac\w*|"
    r"collegue|a la place|a ma place|confirmer|savoir si|est ce que|prevenir|changer|decaler|autre (jour|date|horaire)|"
    r"plutot|sauf si|a condition|seulement si|uniquement si)\b"
)


@dataclass(frozen=True)
class Answer:
    source: Source
    token: str
    answer: str  # as the form sent it: one of `options.ANSWER`, or something else
    proposed_date: str  # « Date proposée », as typed
    comment: str
    link_cell: str = ""  # « Lien de la visio »: the ambassador organises the remote session

    @property
    def video_link(self) -> str:
        return web_address(self.link_cell)

    @property
    def words(self) -> str:
        """What the person wrote beside the answer, however it came (the form's « Commentaire », or an e-mail), and
        what they wrote as a link when it holds no web address (« je vous l'envoie la veille »)."""
        said = self.comment.removeprefix(BY_EMAIL).strip()
        if self.link_cell and not self.video_link:
            return f"{said} {self.link_cell}".strip()
        return said

    @property
    def asks_something(self) -> bool:
        """The comment asks, offers or sets a condition (« ma collègue pourrait me remplacer », « sauf si… »): a
        person reads it. Only what is plainly said for the record (« chaussures fermées ») goes without."""
        return bool(_ASKS.search(fold(self.words))) if self.words else False


def read_answers(table: Table | None) -> list[Answer]:
    return [
        Answer(
            source_of(row, ANSWERS),
            row["Jeton"],
            row["Réponse"],
            row["Date proposée"].strip(),
            row["Commentaire"],
            row["Lien de la visio"].strip(),
        )
        for row in (table.rows if table else ())
    ]
