"""`orientest`: create a workbook, fill it with demo data, run a flow, or run the whole demo."""

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, NoReturn

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry from the temporary local server

import typer  # noqa: E402

from cli.show import console, prefect_lines_hidden, print_plan  # noqa: E402
from connectors.settings import Settings  # noqa: E402
from connectors.wiring import Connectors  # noqa: E402
from connectors.workbook import WorkbookError  # noqa: E402
from flows import archiving, pipeline  # noqa: E402
from flows.apply import apply_plan  # noqa: E402
from flows.indicators import step_for as indicators_step  # noqa: E402
from flows.registry import FLOW_FUNCTIONS, STEPS  # noqa: E402
from flows.replies import read_replies  # noqa: E402
from flows.runtime import PERSON_ERRORS, ConfigurationError, connectors_for, settings_for  # noqa: E402
from orientest import privacy  # noqa: E402
from orientest.context.defaults import initial_rows  # noqa: E402
from orientest.core.cells import email_address  # noqa: E402
from orientest.core.parameters import DEFAULTS, missing_rows, read_parameters  # noqa: E402
from orientest.core.plan import RowAppend  # noqa: E402
from orientest.forms.questions import with_charter  # noqa: E402

app = typer.Typer(
    help="orientest : le réseau Ambassadeurs Orient'Est, automatisé.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.command()
def init(
    path: Annotated[Path | None, typer.Argument(help="Chemin du classeur .xlsx à créer.")] = None,
    google: Annotated[
        str | None, typer.Option("--google", metavar="CLASSEUR", help="Adresse (ou clé) du classeur Google à préparer.")
    ] = None,
    team: Annotated[
        str | None,
        typer.Option(
            "--equipe",
            metavar="ADRESSE",
            help="Adresse e-mail de l'équipe "
            "(alertes, réponses aux e-mails, rapport), notée dans Paramètres ; "
            "demandée si absente.",
        ),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option(
            "--expediteur", metavar="NOM", help="Nom affiché comme expéditeur des e-mails, noté dans Paramètres."
        ),
    ] = None,
) -> None:
    """Crée les onglets et colonnes attendus, listes déroulantes et couleurs, sans toucher aux réponses existantes."""
    if (path is None) == (google is None):
        raise typer.BadParameter("donnez soit le chemin d'un classeur .xlsx, soit --google ADRESSE")
    if team is None:  # asked at a terminal; a script must say it
        if not sys.stdin.isatty():
            raise typer.BadParameter("--equipe ADRESSE manque : l'adresse de l'équipe, qui reçoit les alertes")
        team = typer.prompt("Adresse e-mail de l'équipe Orient'Est (alertes, réponses aux e-mails, rapport mensuel)")
        sender = sender or typer.prompt("Nom affiché comme expéditeur des e-mails", default=DEFAULTS.sender_name)
    staff_email, sender = _address_or_fail(team), sender or DEFAULTS.sender_name
    connectors = _connectors(workbook=path) if path else _connectors(backend="google", spreadsheet=google)
    with _person_errors():
        connectors.workbook.ensure_layout(initial_rows(connectors.referential, staff_email, sender))
        table = connectors.workbook.read(["Paramètres"])["Paramètres"]
        added = missing_rows(table, connectors.referential.sectors.domain_labels)
        connectors.workbook.write([], [RowAppend("Paramètres", row) for row in added])
        recorded, _ = read_parameters(table)
    console.print(f"Classeur prêt : [bold]{path or google}[/bold]")
    if added:  # a workbook made by an older version: the settings added since, at their defaults
        names = ", ".join(f"« {row['Paramètre']} »" for row in added)
        console.print(f"Paramètres : {len(added)} ligne(s) ajoutée(s) à la fin de l'onglet : {names}.")
    if recorded.staff_email != staff_email:  # a workbook prepared before: staff's own values are left alone
        console.print(
            f"[yellow]L'onglet Paramètres existait déjà : « Adresse de l'équipe » y vaut "
            f"« {recorded.staff_email or 'vide'} » ; changez-la là si besoin.[/yellow]"
        )


def _address_or_fail(address: str) -> str:
    if not (found := email_address(address)):
        raise typer.BadParameter(f"« {address} » n'est pas une adresse e-mail (ex. orientest@grandest.fr)")
    return found


@app.command()
def seed(
    path: Annotated[Path, typer.Argument(help="Classeur à remplir (créé s'il n'existe pas).")],
    ambassadors: Annotated[int, typer.Option("--ambassadors", help="Nombre d'inscriptions d'ambassadeurs.")] = 50,
    requests: Annotated[int, typer.Option("--requests", help="Nombre de demandes d'intervention.")] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Graine : mêmes données à chaque fois.")] = 42,
    days: Annotated[int, typer.Option("--days", help="Sur combien de jours étaler les envois.")] = 28,
    start: Annotated[
        datetime | None, typer.Option("--start", formats=["%Y-%m-%d"], help="Premier jour (AAAA-MM-JJ).")
    ] = None,
) -> None:
    """Ajoute des réponses de formulaire réalistes (communes du Grand Est, secteurs ROME, et des erreurs)."""
    from cli.seed import Seeder

    connectors = _connectors(workbook=path)
    with _person_errors():
        connectors.workbook.ensure_layout(initial_rows(connectors.referential))
    first_day = start or datetime.combine(date.today() - timedelta(days=days), datetime.min.time())
    seeder = Seeder(connectors.referential, seed)
    rows = [RowAppend("Ambassadeurs", r) for r in seeder.ambassadors(ambassadors, first_day, days)]
    rows += [RowAppend("Demandes", r) for r in seeder.requests(requests, first_day, days)]
    with _person_errors():
        connectors.workbook.write([], rows)
    console.print(f"{len(rows)} réponses de formulaire ajoutées à [bold]{path}[/bold]")


@app.command()
def run(
    flow: Annotated[str, typer.Argument(help=f"Flux à lancer : {', '.join(FLOW_FUNCTIONS)}.")],
    workbook: Annotated[Path | None, typer.Option(help="Classeur .xlsx.")] = None,
    outbox: Annotated[Path | None, typer.Option(help="Dossier des e-mails (.eml).")] = None,
    today: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Date du jour simulée.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Affiche ce qui serait fait, sans rien changer.")] = False,
    month: Annotated[str | None, typer.Option("--month", help="Pour « indicators » : le mois (AAAA-MM).")] = None,
) -> None:
    """Lance un flux une fois (sous Prefect) ; avec --dry-run, affiche seulement le plan."""
    if flow not in FLOW_FUNCTIONS:
        raise typer.BadParameter(f"flux inconnu : {flow} (connus : {', '.join(FLOW_FUNCTIONS)})")
    if month and (flow != "indicators" or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month)):
        raise typer.BadParameter("--month AAAA-MM ne vaut que pour le flux « indicators »")
    extra = {"month": month} if month else {}
    with _person_errors():
        if dry_run:
            connectors = _connectors(workbook, outbox)
            now = pipeline.clock(today.date() if today else None, connectors.settings.timezone)
            if flow == "replies":
                plan, _, _ = read_replies(connectors, now, dry_run=True)
            else:
                step = indicators_step(month) if flow == "indicators" else STEPS[flow]
                plan, _ = pipeline.run(step, connectors, now, dry_run=True)
            print_plan(plan)
            return
        _connectors(workbook, outbox).workbook.read(())  # a setting or a workbook missing: said before Prefect starts
        with prefect_lines_hidden():
            summary = FLOW_FUNCTIONS[flow](
                workbook=str(workbook) if workbook else None,
                outbox=str(outbox) if outbox else None,
                today=today.date() if today else None,
                **extra,
            )
    for label, value in summary.items():
        console.print(f"{label} : {value}")


@app.command()
def archiver(
    workbook: Annotated[Path | None, typer.Option(help="Classeur .xlsx.")] = None,
    today: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Date du jour simulée.")] = None,
) -> None:
    """Range dans les archives de leur année scolaire les demandes closes des années finies (après le 2 septembre),
    avec leurs réponses, retours et lignes du Journal ; l'onglet « Archives » dit où."""
    connectors = _connectors(workbook)
    now = pipeline.clock(today.date() if today else None, connectors.settings.timezone)
    with _person_errors():
        moves = archiving.archive_finished_years(connectors, now)
    if not moves:
        console.print("Rien à archiver : aucune demande close d'une année scolaire finie.")
    for moved in moves:
        console.print(moved.sentence())


@app.command()
def formulaires(
    json_file: Annotated[
        Path | None, typer.Option("--json", metavar="FICHIER", help="Écrire les formulaires en JSON.")
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", metavar="DOSSIER", help="Écrire les formulaires en pages imprimables.")
    ] = None,
    google: Annotated[
        bool,
        typer.Option(
            "--google",
            help="Créer (ou mettre à jour) les formulaires dans "
            "Google Forms, et noter leurs adresses dans le classeur.",
        ),
    ] = False,
    workbook: Annotated[Path | None, typer.Option(help="Classeur .xlsx (sinon, celui des réglages).")] = None,
    browser: Annotated[
        str | None,
        typer.Option(
            "--navigateur", help="Navigateur à ouvrir pour l'autorisation Google (par défaut : celui du système)."
        ),
    ] = None,
) -> None:
    """Les formulaires tels que l'intake les attend : en JSON, en pages HTML, ou créés dans Google Forms."""
    from cli import form_specs

    if json_file is None and html is None and not google:
        raise typer.BadParameter("choisissez --google, --json FICHIER ou --html DOSSIER")
    connectors = _connectors(workbook)
    charter_url = _charter_url(connectors)
    forms = with_charter(connectors.referential.forms, charter_url)
    if not charter_url:
        console.print(
            "[yellow]« Adresse de la charte » est vide dans l'onglet « Paramètres » : le formulaire d'inscription ne "
            "peut que proposer d'envoyer la charte sur demande. Saisissez son adresse, puis relancez.[/yellow]"
        )
    if json_file:
        form_specs.write_json(forms, json_file)
        console.print(f"Formulaires en JSON : [bold]{json_file}[/bold]")
    if html:
        pages = form_specs.write_html(forms, html, connectors.renderer)
        console.print(f"Formulaires imprimables : [bold]{pages[0]}[/bold] (et {len(pages) - 1} pages)")
    if google:
        _publish_forms(connectors, forms, browser)


def _charter_url(connectors: Connectors) -> str:
    """The charter's address in `Paramètres`; none from a workbook that cannot be read yet (before `init`)."""
    try:
        return read_parameters(connectors.workbook.read(["Paramètres"])["Paramètres"])[0].charter_url
    except WorkbookError:
        return ""


def _publish_forms(connectors, forms, browser: str | None) -> None:
    from cli.publish_forms import publish_all, report
    from connectors.google_forms import FormsApi, FormsError, team_credentials

    settings = connectors.settings
    try:
        credentials = team_credentials(settings.forms_client_secrets, settings.forms_token_file, browser)
        api = FormsApi(credentials, settings.forms_api_root, settings.google_timeout)
        outcomes = publish_all(api, connectors, forms, pipeline.clock(None, settings.timezone))
    except (FormsError, WorkbookError) as error:
        _fail(error)
    report(outcomes, settings.spreadsheet if settings.backend == "google" else "", console.print)


EX_CONFIG = 78  # sysexits.h: a configuration to fix; the systemd unit does not restart on it


def _fail(error: Exception) -> NoReturn:
    """One French line that says what to do, never a traceback."""
    console.print(f"[red]{error}[/red]")
    raise typer.Exit(1)


@contextmanager
def _person_errors() -> Iterator[None]:
    try:
        yield
    except PERSON_ERRORS as error:
        _fail(error)


def _connectors(workbook: Path | None = None, outbox: Path | None = None, **named: str | None) -> Connectors:
    with _person_errors():
        return connectors_for(workbook, outbox, **named)


def _settings(**named) -> Settings:
    with _person_errors():
        return settings_for(**{key: value for key, value in named.items() if value})


rgpd = typer.Typer(help="Droits des personnes (RGPD) : accès et effacement.", no_args_is_help=True)
app.add_typer(rgpd, name="rgpd")


@rgpd.command("export")
def rgpd_export(
    email: Annotated[str, typer.Argument(help="Adresse e-mail de la personne.")],
    workbook: Annotated[Path | None, typer.Option(help="Classeur .xlsx.")] = None,
) -> None:
    """Affiche en JSON tout ce que le classeur et ses archives contiennent sur une personne (droit d'accès)."""
    found = {}
    with _person_errors():
        for label, _, snapshot in archiving.everywhere(_connectors(workbook)):
            held = privacy.export(snapshot, email)
            if label:  # the network is the live one's, already said
                held.pop("Ambassadeurs", None)
            found.update({f"{tab} (archives {label})" if label else tab: rows for tab, rows in held.items()})
    print(json.dumps(found, ensure_ascii=False, indent=2))


@rgpd.command("erase")
def rgpd_erase(
    email: Annotated[str, typer.Argument(help="Adresse e-mail de la personne.")],
    workbook: Annotated[Path | None, typer.Option(help="Classeur .xlsx.")] = None,
    yes: Annotated[bool, typer.Option("--oui", help="Ne pas demander de confirmation.")] = False,
) -> None:
    """Anonymise partout ce que le classeur et ses archives contiennent sur une personne (droit à l'effacement),
    noté au Journal."""
    connectors = _connectors(workbook)
    now = pipeline.clock(None, connectors.settings.timezone)
    with _person_errors():
        places = list(archiving.everywhere(connectors))
    plans = []
    for label, target, snapshot in places:
        plan = privacy.erasure(snapshot, email, now, "rgpd")
        if label:  # the archives hold no ambassador rows: the live workbook anonymises those
            plan.updates = [update for update in plan.updates if update.tab != "Ambassadeurs"]
        if plan.updates:
            plans.append((label, target, snapshot, plan))
    if not plans:
        console.print("Aucune donnée sur cette adresse.")
        return
    count = sum(len(plan.updates) for *_, plan in plans)
    if not yes:
        typer.confirm(f"{count} ligne(s) seront anonymisées, sans retour possible. Continuer ?", abort=True)
    done = 0
    with _person_errors():
        # The archives first: the live rows still hold the address that finds the person's rows there.
        for label, target, snapshot, plan in sorted(plans, key=lambda found: not found[0]):
            if label:
                done += target.write(plan.updates, []).written
            else:
                done += apply_plan(plan, connectors, now, snapshot).updates
    console.print(f"{done} ligne(s) anonymisée(s).")


@app.command()
def reponse(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Messages enregistrés (.eml), tels que reçus dans la boîte des réponses.", exists=True, dir_okay=False
        ),
    ],
    workbook: Annotated[
        Path | None,
        typer.Option(help="Classeur .xlsx : vérifie la clé, l'expéditeur et ce qui a déjà été reçu, comme le flux."),
    ] = None,
    google: Annotated[bool, typer.Option("--google", help="Vérifie contre le classeur Google des réglages.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Une liste JSON, un objet par fichier.")] = False,
    today: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Date du jour simulée.")] = None,
) -> None:
    """Dit ce que le flux « replies » lit dans chaque message et ce qu'il en ferait, sans rien changer."""
    from cli.reply_check import readings

    connectors = None
    if workbook or google:
        connectors = _connectors(workbook, backend="google") if google else _connectors(workbook)
    timezone = connectors.settings.timezone if connectors else "Europe/Paris"
    with _person_errors():
        found = readings(files, connectors, pipeline.clock(today.date() if today else None, timezone))
    if as_json:
        print(json.dumps([reading.as_json() for reading in found], ensure_ascii=False, indent=2))
        return
    for reading in found:
        console.print(f"[bold]{reading.file}[/bold]")
        console.print(f"  Texte retenu : {reading.text or '(rien)'}", markup=False)
        console.print(f"  Intention : {reading.intent}")
        console.print(f"  Le flux : {reading.action}", markup=False)


@app.command()
def verifier(
    workbook: Annotated[Path | None, typer.Option(help="Classeur .xlsx (sinon, celui des réglages).")] = None,
) -> None:
    """Dit, ligne par ligne, ce qui est prêt pour la mise en production et ce qui ne l'est pas."""
    from cli import verifier as check

    settings = _settings(workbook=workbook)
    if not check.report(list(check.checks(settings)), console.print):
        raise typer.Exit(1)


@app.command()
def serve(
    local_server: Annotated[
        bool,
        typer.Option(
            "--local-server/--no-local-server",
            help="Sans PREFECT_API_URL, démarrer un serveur Prefect sur cette machine (base dans var/prefect).",
        ),
    ] = True,
) -> None:
    """Vérifie la configuration, puis fait tourner chaque flux selon son planning (Ctrl+C pour arrêter)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from cli import verifier as check
    from flows import serving

    if not PREFECT_API_URL.value() and not local_server:
        _fail(
            ConfigurationError(
                "Aucun serveur Prefect : définissez PREFECT_API_URL (Prefect Cloud ou « prefect "
                "server start » sur une autre machine), ou laissez « orientest serve » en démarrer "
                "un ici."
            )
        )
    settings = _settings()
    if not check.report(list(check.checks(settings)), console.print):
        console.print("[red]orientest serve ne planifie rien tant qu'un point bloquant (✗) reste à régler.[/red]")
        raise typer.Exit(EX_CONFIG)
    if PREFECT_API_URL.value():
        serving.serve_all(settings)
        return
    with serving.local_server(Path("var/prefect").resolve()) as url, temporary_settings({PREFECT_API_URL: url}):
        console.print(f"Interface Prefect (flux, passages, journaux, pause) : {url.removesuffix('/api')}")
        serving.serve_all(settings)


@app.command()
def demo(
    directory: Annotated[Path, typer.Option(help="Dossier de sortie.")] = Path("var/demo"),
    seed: Annotated[int, typer.Option(help="Graine des données.")] = 42,
) -> None:
    """Crée un classeur, le remplit et fait tourner chaque flux sur une année scolaire simulée (septembre à juin)."""
    from cli.demo import run_demo

    run_demo(directory, seed)


if __name__ == "__main__":
    app()
