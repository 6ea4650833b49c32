"""What needs a person now, one line each, oldest first: each kind is declared once with what ends it.

A line is computed from the workbook as it stands, so it goes away by itself once the thing is done: the status
changed, the anomaly is gone, the record moved. What no tab can show (a phone call) ends when staff type « Oui » in
`Fait`: the run notes it in the Journal and that line is not shown again.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from orientest.archives import register
from orientest.context import Context
from orientest.core import journal
from orientest.core.french import format_date, format_datetime, parse_datetime
from orientest.core.plan import JournalEntry
from orientest.core.record_rows import RecordRow, record_rows, shown_name
from orientest.core.schema import TABS as TABS_OF
from orientest.core.schema import Row, Snapshot, Table
from orientest.core.todo_rows import Shown, marked_done, shown_lines, shows
from orientest.events.reading import read_event_lines
from orientest.requests.reading import wished_day
from orientest.requests.state import read_state
from orientest.resources.reading import set_aside
from orientest.statuses.ambassadors import AmbassadorStatus
from orientest.statuses.requests import ENDED, RequestStatus
from orientest.submissions.source import flagged, source_of

TABS = (
    "Ambassadeurs",
    "Demandes",
    "Journal",
    "À faire",
    "Archives",
    "Ressources",
    "Rencontres",
)  # what every run reads: the list is rebuilt from them
SUBMISSIONS = (
    "Réponses",
    "Retours",
    "Mises à jour",
    "Inscriptions aux rencontres",
)  # a run that did not read one keeps its lines as they were
SOON = timedelta(days=14)  # a request still unfilled this close to its date: worth a call

TO_VALIDATE = "Inscription à valider"
INCOMPLETE = "Formulaire incomplet"
ANOMALY = "Anomalie à regarder"
REPLY = "Réponse à lire"
NO_SOLUTION = "Demande sans solution"
PISTES = "Pistes sans réponse"
SOON_UNFILLED = "Date proche, demande non pourvue"
ARCHIVES = "Archives de l'année"
KINDS = {  # the most pressing first: the tab lists them in this order, each kind oldest first
    SOON_UNFILLED: "l'intervention a lieu dans moins de deux semaines et des places restent à pourvoir (un forum, "
    "une demande encore en recherche) ; la ligne disparaît quand la demande est confirmée ou close.",
    REPLY: "une réponse par e-mail ne disait pas clairement oui, non ou une autre date ; elle vous a été transmise par "
    "e-mail : la ligne disparaît quand la demande bouge (statut, proposition, `Action`) ou quand vous la marquez "
    "« Fait ».",
    TO_VALIDATE: "une inscription attend votre validation : passez son `Statut` à « Actif » (ou « Retiré ») ; la ligne "
    "disparaît avec le statut « À valider ».",
    NO_SOLUTION: "personne n'a été trouvé : `Rouvrir`, `Affectation manuelle` ou `Annuler` ; la ligne disparaît avec "
    "le statut.",
    ANOMALY: "une demande ou une fiche en cours (ou une réponse, un retour, une mise à jour, une ressource) porte une "
    "anomalie : "
    "corrigez la ligne, ou videz sa cellule `Anomalies` une fois traitée.",
    PISTES: "le demandeur a reçu des pistes et n'a pas encore choisi : un appel peut aider ; la ligne disparaît avec "
    "le statut.",
    ARCHIVES: "l'archivage d'une année scolaire finie attend quelque chose de vous (dans Google Sheets, le classeur "
    "d'archives à créer et à partager ; une colonne ajoutée à la main) : l'onglet « Archives » dit quoi ; la ligne "
    "disparaît quand il ne reste rien à faire.",
    INCOMPLETE: "une inscription ou une demande est « Incomplète » : la personne a reçu la liste à corriger ; "
    "corrigez la cellule si vous avez la réponse (la ligne disparaît au passage suivant), ou marquez « Fait ».",
}
IN_PLAY = frozenset({RequestStatus.SEARCHING, RequestStatus.PROPOSED, RequestStatus.PARTLY_FILLED})


@dataclass(frozen=True)
class Line:
    since: datetime | None
    kind: str
    why: str
    reference: str  # the record's ID; for a submission without one, its tab and line
    name: str
    tab: str
    line: int

    @property
    def since_text(self) -> str:
        return format_datetime(self.since) if self.since else ""

    @property
    def key(self) -> tuple[str, str, str]:
        """What knows the line again once staff marked it « Fait »: its kind, its record and since when."""
        return self.kind, self.reference, self.since_text

    def row(self) -> dict[str, str]:
        return {
            "Depuis le": self.since_text,
            "À faire": self.kind,
            "Pourquoi": self.why,
            "Référence": self.reference,
            "Nom": self.name,
            "Onglet": self.tab,
            "Ligne": str(self.line),
        }


def lines(snapshot: Snapshot, context: Context) -> list[Line]:
    """Every line without those staff marked « Fait »: the most pressing kinds first (`KINDS`' order), each kind
    oldest first. Lines about a submission tab the run did not read are kept as the tab shows them."""
    done = journal.done_items(_rows(snapshot, "Journal"))
    unread = frozenset(name for name in SUBMISSIONS if name not in snapshot)
    kept_as_shown = [_from_row(row) for row in shown_lines(snapshot.get("À faire"), unread)]
    found = [*_ambassadors(snapshot), *_requests(snapshot, context), *_submissions(snapshot), *_replies(snapshot)]
    found += _archives(snapshot)
    found += _resources(snapshot)
    found += _events(snapshot, context)
    found += [line for line in kept_as_shown if line is not None]
    kept = [line for line in found if line.key not in done]
    rank = {kind: position for position, kind in enumerate(KINDS)}
    return sorted(kept, key=lambda line: (rank[line.kind], line.since or datetime.max, line.tab, line.line))


def rows(snapshot: Snapshot, context: Context) -> tuple[list[dict[str, str]], list[JournalEntry]]:
    """The tab's new rows, and the Journal's notes of the lines staff marked « Fait » since the last run."""
    noted = journal.done_items(_rows(snapshot, "Journal"))  # a « Fait » not cleared yet is noted once
    marked = [line for line in marked_done(snapshot.get("À faire")) if line.key not in noted]
    notes = [journal.ToDoDone(line.reference, line.kind, line.since).entry(context.now, "à faire") for line in marked]
    done = {(line.kind, line.reference, line.since) for line in marked}
    shown = [line.row() for line in lines(snapshot, context) if line.key not in done]
    return shown, notes


def unchanged(current: Table | None, shown: list[dict[str, str]]) -> bool:
    """The tab already shows these rows: nothing to rewrite."""
    return shows(current, shown)


def _rows(snapshot: Snapshot, tab: str) -> tuple[Row, ...]:
    table = snapshot.get(tab)
    return table.rows if table is not None else ()


def _line(record: RecordRow, kind: str, why: str, since: datetime | None) -> Line:
    return Line(since, kind, why, record.id, shown_name(record.row), record.tab.name, record.row.line)


def _ambassadors(snapshot: Snapshot) -> Iterator[Line]:
    for record in record_rows(snapshot.get("Ambassadeurs")):
        if not record.id:
            continue
        if record.status == AmbassadorStatus.TO_VALIDATE:
            yield _line(record, TO_VALIDATE, _first(record.anomalies) or "nouvelle inscription", record.submitted_at)
        elif record.status == AmbassadorStatus.INCOMPLETE:
            yield _line(record, INCOMPLETE, _first(record.anomalies), record.updated_at)
        elif record.anomalies and record.status not in (AmbassadorStatus.RETIRED, AmbassadorStatus.DUPLICATE):
            yield _line(record, ANOMALY, _first(record.anomalies), record.updated_at)


def _requests(snapshot: Snapshot, context: Context) -> Iterator[Line]:
    soon = context.now.date() + SOON
    for record in record_rows(snapshot.get("Demandes")):
        if not record.id or record.status in ENDED | {RequestStatus.DUPLICATE}:
            continue
        if record.status == RequestStatus.NO_SOLUTION:
            why = read_state(record.row).motif or "aucun ambassadeur trouvé"
            yield _line(record, NO_SOLUTION, why, record.updated_at)
        elif record.status == RequestStatus.ALTERNATIVES_OFFERED:
            why = _first(read_state(record.row).pistes) or "pistes envoyées au demandeur"
            yield _line(record, PISTES, why, record.updated_at)
        elif record.status in IN_PLAY and (day := _day_of(record)) and day <= soon:
            when = "était prévue" if day < context.now.date() else "est prévue"
            left = (
                "des places restent à pourvoir"
                if record.status == RequestStatus.PARTLY_FILLED
                else "personne n'est confirmé"
            )
            why = f"l'intervention {when} le {format_date(day)} : {left}"
            yield _line(record, SOON_UNFILLED, why, record.updated_at)
        if record.status == RequestStatus.INCOMPLETE:
            yield _line(record, INCOMPLETE, _first(record.anomalies), record.updated_at)
        elif record.anomalies:
            yield _line(record, ANOMALY, _first(record.anomalies), record.updated_at)


def _day_of(record: RecordRow) -> date | None:
    """The confirmed day, else the wished one (read alone: thousands of requests are in play in a busy year)."""
    return read_state(record.row).confirmed_day or wished_day(record.row)


def _from_row(shown: Shown) -> Line | None:
    """A line as the tab shows it, when it still reads as one."""
    if shown.kind not in KINDS or not shown.line.isdigit():
        return None
    since = parse_datetime(shown.since)
    return Line(since, shown.kind, shown.why, shown.reference, shown.name, shown.tab, int(shown.line))


def _submissions(snapshot: Snapshot) -> Iterator[Line]:
    for name in SUBMISSIONS:
        for row in _rows(snapshot, name):
            if not flagged(row):
                continue
            source = source_of(row, TABS_OF[name])
            if source.anomalies and not source.blank:
                reference = f"{name}, ligne {row.line}"
                yield Line(source.submitted_at, ANOMALY, _first(source.anomalies), reference, "", name, row.line)


def _replies(snapshot: Snapshot) -> Iterator[Line]:
    waiting = journal.replies_waiting(_rows(snapshot, "Journal"))
    if not waiting:
        return
    records = {record.id: record for tab in ("Demandes", "Ambassadeurs") for record in record_rows(snapshot.get(tab))}
    for reference, (at, detail) in waiting.items():
        record = records.get(reference)
        if record is not None:
            yield Line(at, REPLY, detail, reference, shown_name(record.row), record.tab.name, record.row.line)


def _archives(snapshot: Snapshot) -> Iterator[Line]:
    for entry in register.entries(snapshot).values():
        if entry.how:
            yield Line(None, ARCHIVES, entry.how, f"Archives {entry.label}", entry.state, register.TAB, entry.line)


def _resources(snapshot: Snapshot) -> Iterator[Line]:
    for line in set_aside(snapshot.get("Ressources")):
        yield Line(
            None, ANOMALY, _first(line.why), f"Ressources, ligne {line.line}", line.title, "Ressources", line.line
        )


def _events(snapshot: Snapshot, context: Context) -> Iterator[Line]:
    """A `Rencontres` line with something to correct (written by follow-up): nobody is invited until it is."""
    for line in read_event_lines(snapshot.get("Rencontres"), context.referential):
        if line.anomalies:
            yield Line(
                None,
                ANOMALY,
                _first(line.anomalies),
                f"Rencontres, ligne {line.line}",
                line.title,
                "Rencontres",
                line.line,
            )


def _first(cell: str) -> str:
    """A multi-line cell's first line, with how many more there are."""
    found = [line.strip() for line in cell.splitlines() if line.strip()]
    if not found:
        return ""
    return found[0] + (f" (et {len(found) - 1} autre(s))" if len(found) > 1 else "")
