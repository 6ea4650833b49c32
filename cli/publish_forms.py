"""`orientest formulaires --google`: every form created or updated in Google Forms, published, and recorded in the
`Formulaires` tab where the flows read their addresses and pre-filling parameters."""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from connectors.google_forms import FormsApi, entries_on_page, published, sync_requests
from connectors.wiring import Connectors
from orientest.core.plan import RowAppend, RowKey, RowUpdate
from orientest.forms.questions import Form
from orientest.forms.registry import TAB, FormAddress, read_registry, registry_row


@dataclass(frozen=True)
class Outcome:
    form: Form
    address: FormAddress  # what the flows will read: the public address, the pre-filling parameters, the form ID
    created: bool
    linked: bool  # already linked to a spreadsheet: the manual step is done
    page_read: bool  # the public page could be read to check the `entry.N`
    unchecked: tuple[str, ...]  # pre-filled questions whose `entry.N` that page did not carry


def publish_all(api: FormsApi, connectors: Connectors, forms: Mapping[str, Form], now: datetime) -> list[Outcome]:
    """Each form made to match its definition and published, then every address recorded in one write."""
    table = connectors.workbook.read([TAB])[TAB]
    registry = read_registry(table, forms)
    outcomes = [_publish(api, form, registry[key]) for key, form in forms.items()]
    present = {row["ID"].strip() for row in table.rows}
    updates, appends = [], []
    for outcome in outcomes:
        row = registry_row(outcome.form, outcome.address, now)
        if outcome.form.key in present:
            updates.append(RowUpdate(TAB, RowKey(id=outcome.form.key), {k: v for k, v in row.items() if k != "ID"}))
        else:
            appends.append(RowAppend(TAB, row))
    connectors.workbook.write(updates, appends)
    return outcomes


def _publish(api: FormsApi, form: Form, known: FormAddress) -> Outcome:
    """The form by its remembered ID (a new one if it was never made, or was deleted), in line with its definition."""
    current = api.get(known.google_id) if known.google_id else None
    created = current is None
    if current is None:
        current = api.create(form)
    found = published(api.update(current["formId"], sync_requests(form, current.get("items", []), known.items)))
    api.publish(found.form_id)
    prefill = {question.title: found.entries[question.title] for question in form.prefilled}
    page = api.responder_page(found.responder_url)
    unchecked = tuple(entries_on_page(page, prefill)) if page is not None else ()
    ours = tuple(found.item_ids[question.title] for question in form.questions)
    address = FormAddress(form.key, form.title, found.responder_url, prefill, found.form_id, ours)
    return Outcome(form, address, created, bool(found.linked_sheet), page is not None, unchecked)


def report(outcomes: list[Outcome], spreadsheet: str, print_line: Callable[[str], None]) -> None:
    """What was done to each form, whether its pre-filled links were checked, and the steps left to staff."""
    for outcome in outcomes:
        verb = "créé" if outcome.created else "mis à jour"
        print_line(f"« {outcome.form.title} » {verb} et publié : {outcome.address.url}")
        if outcome.unchecked:
            print_line(
                f"  [red]La page publique ne montre pas l'identifiant de {', '.join(outcome.unchecked)} : voir "
                "docs/formulaires.md, « Vérifier un lien pré-rempli ».[/red]"
            )
        elif outcome.form.prefilled and outcome.page_read:
            print_line("  Identifiants des liens pré-remplis vérifiés sur la page publique du formulaire.")
        elif outcome.form.prefilled:
            print_line(
                "  [yellow]Page publique illisible sans se connecter (formulaire réservé à votre domaine ?) : "
                "vérifiez un lien pré-rempli à la main, voir docs/formulaires.md.[/yellow]"
            )
    print_line("Adresses et identifiants notés dans l'onglet « Formulaires » du classeur.")
    if not spreadsheet:
        print_line(
            "[yellow]Le classeur est un fichier .xlsx local : Google Forms ne peut pas y verser ses réponses. "
            "Passez au classeur Google (ORIENTEST_BACKEND=google, ORIENTEST_SPREADSHEET), puis "
            "relancez.[/yellow]"
        )
        return
    steps = list(manual_steps(outcomes, spreadsheet))
    if steps:
        print_line(
            "\n[bold]Reste une étape à faire à la main, une fois par formulaire[/bold] (Google ne permet pas "
            "de la faire autrement) :"
        )
        for step in steps:
            print_line(step)


def manual_steps(outcomes: list[Outcome], spreadsheet: str) -> Iterator[str]:
    """The one thing the Forms API cannot do, per form: link it to the workbook."""
    for number, outcome in enumerate((o for o in outcomes if not o.linked), start=1):
        yield (
            f"{number}. « {outcome.form.title} » : ouvrez https://docs.google.com/forms/d/"
            f"{outcome.address.google_id}/edit, onglet « Réponses », « Associer à Sheets », « Sélectionner une "
            f"feuille de calcul existante », « Sélectionner », choisissez le classeur {spreadsheet}, puis "
            f"« Sélectionner ». Google y ajoute un onglet « Réponses au formulaire … » : orientest le reconnaît à "
            f"ses questions, inutile de le renommer."
        )
