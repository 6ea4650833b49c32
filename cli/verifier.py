"""`orientest verifier`: what is ready to go live and what is not, line by line, in French."""

import urllib.request
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum

import requests

from connectors.google_sheets import GoogleWorkbook
from connectors.imap import MailboxError
from connectors.settings import ConfigurationError, Settings, token_secret
from connectors.smtp import SmtpMailer
from connectors.wiring import Connectors, connect
from connectors.workbook import WorkbookError
from orientest.core.parameters import read_parameters
from orientest.core.schema import TABS, Snapshot
from orientest.forms.questions import Form
from orientest.forms.registry import TAB as FORMS_TAB
from orientest.forms.registry import read_registry

EXAMPLE_DOMAINS = ("exemple.fr", "example.com", "example.org", "exemple.com")


class Status(Enum):
    READY = "✓"
    TO_LOOK_AT = "!"  # works, but probably not as meant
    BLOCKING = "✗"  # a run would fail, or people would not get what they should


@dataclass(frozen=True)
class Check:
    status: Status
    what: str
    detail: str = ""


def checks(settings: Settings) -> Iterator[Check]:
    """Every check, in the order a team sets things up; stops early only when nothing further can be read."""
    yield from _examples_left(settings)
    try:
        connectors = connect(settings)
    except (ConfigurationError, WorkbookError) as error:
        yield Check(Status.BLOCKING, "Réglages", str(error))
        return
    snapshot = yield from _workbook(connectors)
    if snapshot is not None:
        yield from _team(snapshot, settings)
        yield from _forms(snapshot, connectors)
    yield from _secret(settings)
    yield from _mail(connectors)
    yield from _replies(connectors)
    yield from _prefect()


def _examples_left(settings: Settings) -> Iterator[Check]:
    """Settings still holding a placeholder of `.env.exemple`, or an address or host at an example domain."""
    left = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        text = value.get_secret_value() if hasattr(value, "get_secret_value") else str(value or "")
        domain = text.rpartition("@")[2] if "@" in text else text
        if "REMPLACEZ" in text.upper() or any(domain.endswith(example) for example in EXAMPLE_DOMAINS):
            left.append(f"ORIENTEST_{name.upper()}")
    if left:
        yield Check(Status.BLOCKING, "Valeurs d'exemple", f"encore à remplacer : {', '.join(left)} (voir .env.exemple)")


def _workbook(connectors: Connectors) -> Generator[Check, None, Snapshot | None]:
    """Every tab at once; if a tab is wrong, each one on its own so that every problem is named."""
    where = connectors.settings.spreadsheet or str(connectors.settings.workbook)
    try:
        snapshot = connectors.workbook.read(TABS)
    except WorkbookError as error:
        if "Onglet" not in str(error):
            yield Check(Status.BLOCKING, "Classeur", str(error))
            return None
        snapshot = {}
        for name in TABS:
            try:
                snapshot.update(connectors.workbook.read([name]))
            except WorkbookError as problem:
                yield Check(Status.BLOCKING, "Onglets et colonnes", str(problem))
    yield Check(Status.READY, "Classeur joignable", where)
    if isinstance(connectors.workbook, GoogleWorkbook):
        try:
            yield from _regional(*connectors.workbook.regional_settings(), connectors.settings.timezone)
        except WorkbookError as error:
            yield Check(Status.TO_LOOK_AT, "Paramètres régionaux du classeur", f"illisibles : {error}")
    missing = [name for name, table in snapshot.items() if not table.columns]
    if missing:
        yield Check(Status.TO_LOOK_AT, "Onglets", f"absents : {', '.join(missing)} (« orientest init » les crée)")
    elif len(snapshot) == len(TABS):
        yield Check(Status.READY, "Onglets et colonnes obligatoires", f"les {len(TABS)} onglets")
    return snapshot


def _regional(locale: str, zone: str, expected_zone: str) -> Iterator[Check]:
    """Forms writes dates the spreadsheet's way: « 10/11/2026 » must mean the 10th of November."""
    if not locale.startswith("fr"):
        yield Check(
            Status.BLOCKING,
            "Paramètres régionaux du classeur",
            f"« {locale} » : les dates des formulaires "
            "n'y seraient pas écrites JJ/MM/AAAA. Dans "
            "le classeur : Fichier, Paramètres, "
            "« Paramètres régionaux » : France.",
        )
    elif zone != expected_zone:
        yield Check(
            Status.TO_LOOK_AT,
            "Fuseau horaire du classeur",
            f"« {zone} » : l'horodatage des réponses ne "
            f"sera pas à l'heure de {expected_zone} "
            "(Fichier, Paramètres, « Fuseau horaire »)",
        )
    else:
        yield Check(Status.READY, "Paramètres régionaux du classeur", f"{locale}, {zone}")


def _team(snapshot: Snapshot, settings: Settings) -> Iterator[Check]:
    parameters, problems = read_parameters(snapshot.get("Paramètres"))
    if parameters.staff_email:
        yield Check(Status.READY, "Adresse de l'équipe", parameters.staff_email)
    else:
        yield Check(
            Status.BLOCKING,
            "Adresse de l'équipe",
            "vide dans Paramètres : personne ne recevrait les alertes, les réponses aux e-mails ni le rapport",
        )
    for problem in problems:
        yield Check(Status.TO_LOOK_AT, "Paramètres", str(problem))
    if parameters.charter_url:
        yield Check(Status.READY, "Charte", parameters.charter_url)
    else:
        yield Check(
            Status.TO_LOOK_AT,
            "Charte",
            "« Adresse de la charte » vide dans Paramètres : le formulaire d'inscription, la bienvenue et la demande "
            "d'acceptation d'une nouvelle version ne peuvent pas la montrer",
        )
    if settings.alert_email:
        yield Check(Status.READY, "Alertes", f"ORIENTEST_ALERT_EMAIL : {settings.alert_email}")
    else:
        yield Check(
            Status.TO_LOOK_AT,
            "Alertes",
            "ORIENTEST_ALERT_EMAIL vide : si le classeur devient illisible, "
            "personne n'est prévenu (l'adresse de l'équipe est dans le classeur)",
        )


def _forms(snapshot: Snapshot, connectors: Connectors) -> Iterator[Check]:
    registry = read_registry(snapshot.get(FORMS_TAB), connectors.referential.forms)
    for key, form in connectors.referential.forms.items():
        address = registry[key]
        if problem := address.unready(question.title for question in form.prefilled):
            if form.optional:
                problem += " ; en attendant, les e-mails partent sans son lien"
            yield Check(
                Status.TO_LOOK_AT if form.optional else Status.BLOCKING, f"Formulaire « {form.title} »", problem
            )
            continue
        yield _form_tab(form, snapshot)
        if form.prefilled:
            yield _prefilled_on_page(form, address.url, address.prefill)


def _form_tab(form: Form, snapshot: Snapshot) -> Check:
    """The form's answers reach a tab with every question as a column."""
    table = snapshot.get(form.tab.name)
    missing = [q.title for q in form.questions if table is None or q.title not in table.columns]
    if missing:
        return Check(
            Status.BLOCKING,
            f"Formulaire « {form.title} »",
            f"l'onglet « {form.tab.name} » n'a pas de "
            f"colonne {', '.join(missing)} : le formulaire "
            "est-il bien associé au classeur ?",
        )
    return Check(Status.READY, f"Formulaire « {form.title} »", f"réponses dans l'onglet « {form.tab.name} »")


def _prefilled_on_page(form: Form, url: str, prefill: Mapping[str, str]) -> Check:
    what = f"Liens pré-remplis « {form.title} »"
    try:
        page = requests.get(url, timeout=10)
    except requests.RequestException:
        page = None
    if page is None or not page.ok or "accounts.google.com" in page.url:
        return Check(
            Status.TO_LOOK_AT,
            what,
            "page publique illisible d'ici : ouvrez un lien pré-rempli pour vérifier (docs/formulaires.md)",
        )
    absent = [title for title, entry in prefill.items() if entry.removeprefix("entry.") not in page.text]
    if absent:
        return Check(
            Status.BLOCKING,
            what,
            f"le formulaire n'a pas de champ {', '.join(prefill[t] for t in absent)} "
            ": relancez « orientest formulaires --google »",
        )
    return Check(Status.READY, what, ", ".join(f"{title} = {entry}" for title, entry in prefill.items()))


def _secret(settings: Settings) -> Iterator[Check]:
    if settings.token_secret is None and settings.backend != "google":
        yield Check(Status.READY, "Secret des liens", "créé au premier besoin dans ORIENTEST_STATE_DIR")
        return
    try:
        token_secret(settings)
        yield Check(Status.READY, "Secret des liens", "ORIENTEST_TOKEN_SECRET")
    except ConfigurationError as error:
        yield Check(Status.BLOCKING, "Secret des liens", str(error))


def _mail(connectors: Connectors) -> Iterator[Check]:
    settings = connectors.settings
    if not isinstance(connectors.mailer, SmtpMailer):
        yield Check(
            Status.TO_LOOK_AT,
            "E-mails",
            f"écrits dans le dossier {settings.outbox} : personne ne les "
            "reçoit (ORIENTEST_MAILER=smtp pour les envoyer)",
        )
        return
    problem = connectors.mailer.check()
    if problem:
        yield Check(Status.BLOCKING, "Serveur SMTP", problem)
    else:
        login = f", connecté en tant que {settings.smtp_username}" if settings.smtp_username else ""
        yield Check(
            Status.READY,
            "Serveur SMTP",
            f"{settings.smtp_host}:{settings.smtp_port}{login} ; expéditeur {settings.mail_from}",
        )


KEY_LENGTH = 51  # « +dem-2026-00001.amb-00042.r.261110.<16 lettres> »: see orientest.core.tokens.reply_key


def _replies(connectors: Connectors) -> Iterator[Check]:
    """Replies by e-mail: the mailbox opens, plus addresses fit, and whose verdict on senders is trusted."""
    settings = connectors.settings
    mailbox = connectors.replies()
    if mailbox is None:
        yield Check(
            Status.READY,
            "Réponses par e-mail",
            "non activées : on répond aux propositions par les "
            "liens (ORIENTEST_REPLY_ADDRESS et ORIENTEST_IMAP_HOST pour les activer)",
        )
        return
    local, _, domain = settings.reply_address.partition("@")
    if len(local) + KEY_LENGTH > 64:
        yield Check(
            Status.BLOCKING,
            "Adresse de réponse",
            f"« {local} » est trop long : avec la clé, l'adresse "
            f"dépasserait 64 caractères avant l'@ ; {64 - KEY_LENGTH} au plus",
        )
    try:
        with mailbox:
            waiting = len(mailbox.fetch())
    except MailboxError as error:
        yield Check(Status.BLOCKING, "Boîte des réponses", str(error))
        return
    yield Check(
        Status.READY,
        "Boîte des réponses",
        f"{settings.imap_host} : {waiting} message(s) en attente ; réponses à {local}+<clé>@{domain}",
    )
    if not settings.authserv_id:
        yield Check(
            Status.TO_LOOK_AT,
            "Authentification des réponses",
            "ORIENTEST_AUTHSERV_ID vide : aucune réponse "
            "par e-mail n'agit seule, toutes sont transmises à l'équipe ; renseignez le nom que le serveur de "
            "la boîte écrit en tête de l'en-tête Authentication-Results (« microsoft365 » pour Microsoft 365)",
        )
    else:
        yield Check(
            Status.READY,
            "Authentification des réponses",
            f"une réponse n'agit que si {settings.authserv_id} "
            "a vérifié le domaine de l'expéditeur (DMARC, ou DKIM aligné)",
        )


def _prefect() -> Iterator[Check]:
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        yield Check(Status.READY, "Serveur Prefect", "« orientest serve » en démarre un sur cette machine")
        return
    if _healthy(url):
        yield Check(Status.READY, "Serveur Prefect", url)
    else:
        yield Check(
            Status.BLOCKING,
            "Serveur Prefect",
            f"{url} ne répond pas : démarrez-le (« prefect server start ») ou corrigez PREFECT_API_URL",
        )


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/health", timeout=5) as answer:
            return answer.status == 200
    except OSError:
        return False


def report(found: list[Check], print_line: Callable[[str], None]) -> bool:
    """Each check on its line, then the verdict; True when nothing blocks."""
    colours = {Status.READY: "green", Status.TO_LOOK_AT: "yellow", Status.BLOCKING: "red"}
    for check in found:
        detail = f" — {check.detail}" if check.detail else ""
        print_line(f"[{colours[check.status]}]{check.status.value}[/{colours[check.status]}] {check.what}{detail}")
    blocking = sum(check.status is Status.BLOCKING for check in found)
    if blocking:
        print_line(f"[red]{blocking} point(s) bloquant(s) (✗) à régler avant la mise en production.[/red]")
    else:
        print_line("[green]Rien ne bloque : orientest peut tourner.[/green] Les points « ! » méritent un coup d'œil.")
    return blocking == 0
