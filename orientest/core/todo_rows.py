"""The « À faire » tab's cells: the lines orientest last wrote, and those staff marked « Fait »."""

from dataclasses import dataclass

from orientest.core.schema import Table

LINE_COLUMNS = ("Depuis le", "À faire", "Pourquoi", "Référence", "Nom", "Onglet", "Ligne")  # `Lien` is Google's


@dataclass(frozen=True)
class Marked:
    """A line staff marked « Fait »: what it said, to know it again."""

    reference: str
    kind: str
    since: str

    @property
    def key(self) -> tuple[str, str, str]:
        return self.kind, self.reference, self.since


def marked_done(table: Table | None) -> list[Marked]:
    rows = table.rows if table is not None else ()
    return [Marked(row["Référence"], row["À faire"], row["Depuis le"]) for row in rows if row["Fait"].strip()]


def shows(table: Table | None, lines: list[dict[str, str]]) -> bool:
    """The tab already shows exactly these lines."""
    rows = table.rows if table is not None else ()
    written = [{title: row[title] for title in LINE_COLUMNS} for row in rows if not row.is_blank(LINE_COLUMNS)]
    return written == [{title: line.get(title, "") for title in LINE_COLUMNS} for line in lines]


@dataclass(frozen=True)
class Shown:
    """A line as the tab shows it."""

    since: str
    kind: str
    why: str
    reference: str
    name: str
    tab: str
    line: str


def shown_lines(table: Table | None, tabs: frozenset[str]) -> list[Shown]:
    """The lines the tab shows about rows of `tabs`, as written: kept as they are by a run that did not read those."""
    rows = table.rows if table is not None else ()
    return [Shown(*(row[title] for title in LINE_COLUMNS)) for row in rows if row["Onglet"] in tabs and row["À faire"]]
