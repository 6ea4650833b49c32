"""The forms in Google Forms, through the Forms API v1, owned by the team's Google account.

A form made by the API is only a title: its questions come in a `batchUpdate`, and it takes responses once published
(`setPublishSettings`). Updating a form keeps each question's ID, hence its `entry.N` and its column in the response
sheet: the pre-filled links of e-mails already sent keep working.
"""

import os
import time
import webbrowser
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import requests
from google.auth.exceptions import GoogleAuthError, RefreshError
from google.auth.transport.requests import AuthorizedSession, Request
from google.oauth2.credentials import Credentials
from google_auth_oauthlib.flow import InstalledAppFlow, WSGITimeoutError
from oauthlib.oauth2 import OAuth2Error

from connectors.google_api import RETRIED_STATUSES, Redirect, RetryPolicy
from orientest.forms.questions import Form, Kind, Question

SCOPES = ("https://www.googleapis.com/auth/forms.body",)  # the forms only: not the Drive, not the responses
FORMS_ROOT = "https://forms.googleapis.com/"
READ_RETRIES = RetryPolicy(attempts=4)
CONSENT_PROMPT = (
    "Autorisez orientest à créer les formulaires avec le compte Google de l'équipe, dans le navigateur, "
    "à cette adresse :\n{url}\n"
)
CONSENT_DONE = "C'est fait : vous pouvez fermer cet onglet et revenir au terminal."


class FormsError(Exception):
    """What went wrong with Google Forms, in French, with what to do."""


def team_credentials(client_secrets: Path | None, token_file: Path, browser: str | None = None) -> Credentials:
    """The team's account: the token kept from the first consent, refreshed; else a consent in the browser now."""
    if token_file.exists():
        credentials = Credentials.from_authorized_user_file(str(token_file), SCOPES)
        try:
            if not credentials.valid:
                credentials.refresh(Request())
            return credentials
        except RefreshError:
            pass  # consent withdrawn or token expired for good: ask again
        except GoogleAuthError as error:
            raise _explained(None, error) from None
    if client_secrets is None or not client_secrets.exists():
        raise FormsError(
            "ORIENTEST_FORMS_CLIENT_SECRETS manque : le fichier JSON d'un « ID client OAuth » de type "
            "« Application de bureau », créé dans la console Google Cloud (voir docs/formulaires.md)."
        )
    try:
        flow = InstalledAppFlow.from_client_secrets_file(str(client_secrets), SCOPES)
        credentials = flow.run_local_server(
            port=0,
            open_browser=_has_browser(browser),
            browser=browser,
            authorization_prompt_message=CONSENT_PROMPT,
            success_message=CONSENT_DONE,
            timeout_seconds=900,
        )
    except ValueError as error:  # a file that is not a « Desktop app » client
        raise FormsError(
            f"{client_secrets} n'est pas le fichier d'un ID client OAuth « Application de bureau » ({error})."
        ) from None
    except (OAuth2Error, WSGITimeoutError, requests.RequestException) as error:
        raise FormsError(
            f"L'autorisation Google n'a pas abouti ({type(error).__name__}) : relancez et acceptez dans "
            "le navigateur, avec le compte Google de l'équipe, dans le quart d'heure."
        ) from None
    token_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as kept:
        kept.write(credentials.to_json())
    return credentials


def _has_browser(name: str | None) -> bool:
    try:
        webbrowser.get(name)
        return True
    except webbrowser.Error:  # a server without a desktop: the address is printed instead
        return False


class FormsApi:
    """The few calls `orientest formulaires` needs, each with a timeout; reads retried on 429 and 5xx."""

    def __init__(
        self,
        credentials: Credentials,
        root: str = FORMS_ROOT,
        timeout: float = 30.0,
        policy: RetryPolicy = READ_RETRIES,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.session = AuthorizedSession(credentials)
        if root != FORMS_ROOT:
            self.session.mount(FORMS_ROOT, Redirect(root, FORMS_ROOT))
        self.timeout, self.policy, self.sleep = timeout, policy, sleep

    def create(self, form: Form) -> dict:
        return self._call("POST", "v1/forms", {"info": {"title": form.title, "documentTitle": _document(form)}})

    def get(self, form_id: str) -> dict | None:
        """The form, or None when it no longer exists (deleted from the Drive)."""
        try:
            return self._call("GET", f"v1/forms/{form_id}")
        except _NotFound:
            return None

    def update(self, form_id: str, requests_: list[dict]) -> dict:
        body = {"includeFormInResponse": True, "requests": requests_}
        return self._call("POST", f"v1/forms/{form_id}:batchUpdate", body)["form"]

    def publish(self, form_id: str) -> None:
        state = {"isPublished": True, "isAcceptingResponses": True}
        self._call(
            "POST",
            f"v1/forms/{form_id}:setPublishSettings",
            {"publishSettings": {"publishState": state}, "updateMask": "publishState"},
        )

    def responder_page(self, url: str) -> str | None:
        """The public page of a form, as a respondent opens it; None when it cannot be read without signing in."""
        try:
            answer = requests.get(url, timeout=self.timeout)
        except requests.RequestException:
            return None
        return answer.text if answer.ok and "accounts.google.com" not in answer.url else None

    def _call(self, method: str, path: str, body: dict | None = None) -> dict:
        for attempt in range(1, self.policy.attempts + 1):
            try:
                answer = self.session.request(method, FORMS_ROOT + path, json=body, timeout=self.timeout)
            except (requests.RequestException, GoogleAuthError) as error:
                if method != "GET" or attempt == self.policy.attempts:
                    raise _explained(None, error) from None
                self.sleep(self.policy.pause(attempt, None))
                continue
            if answer.ok:
                return answer.json()
            if answer.status_code == 404:
                raise _NotFound
            if answer.status_code not in RETRIED_STATUSES or method != "GET" or attempt == self.policy.attempts:
                raise _explained(answer, None)
            self.sleep(self.policy.pause(attempt, None))
        raise AssertionError("unreachable: the last attempt returns or raises")


class _NotFound(Exception):
    pass


def _explained(answer: requests.Response | None, error: Exception | None) -> FormsError:
    if answer is None:
        return FormsError(
            f"Google Forms est injoignable ({type(error).__name__}) : vérifiez la connexion, puis "
            "relancez ; ce qui est déjà fait ne sera pas refait."
        )
    try:
        message = answer.json().get("error", {}).get("message", "")
    except ValueError:
        message = answer.text[:200]
    if answer.status_code == 403:
        return FormsError(
            "Google refuse l'accès aux formulaires (403) : activez l'« API Google Forms » dans le projet "
            f"Google Cloud de l'ID client, puis relancez. Détail : {message}"
        )
    if answer.status_code == 401:
        return FormsError(
            "Google ne reconnaît plus l'autorisation donnée : supprimez le fichier du jeton "
            f"(ORIENTEST_FORMS_TOKEN_FILE) et relancez pour autoriser de nouveau. Détail : {message}"
        )
    return FormsError(f"Google Forms a refusé la requête ({answer.status_code}) : {message}")


def _document(form: Form) -> str:
    return f"Orient'Est – {form.title}"


# ——— the questions as Forms API items ———


def item(question: Question) -> dict:
    """A question as a Forms API item, titled exactly as its column, help text as description."""
    body: dict = {"required": question.required}
    if question.kind in (Kind.ONE, Kind.MANY, Kind.CONSENT):
        kind = "RADIO" if question.kind is Kind.ONE else "CHECKBOX"
        choices = [{"value": label} for label in question.offered] + ([{"isOther": True}] if question.has_other else [])
        body["choiceQuestion"] = {"type": kind, "options": choices}
    elif question.kind is Kind.DATE:
        body["dateQuestion"] = {"includeYear": True, "includeTime": False}
    elif question.kind is Kind.SCALE:
        body["scaleQuestion"] = {"low": question.low, "high": question.high}
    else:  # numbers too: the API offers no number validation, the help text states the range and intake checks it
        body["textQuestion"] = {"paragraph": question.kind is Kind.PARAGRAPH}
    return {"title": question.title, "description": question.help, "questionItem": {"question": body}}


def sync_requests(form: Form, items: list[dict], ours: Iterable[str] = ()) -> list[dict]:
    """One batch turning the form's present `items` into the definition: each question updated in place (its IDs
    kept), moved after the one before it, or created; a question orientest made (`ours`, by item ID) and no longer
    asks is removed. What staff added by hand stays where they put it."""
    requests_: list[dict] = [
        {
            "updateFormInfo": {
                "info": {"title": form.title, "description": form.description},
                "updateMask": "title,description",
            }
        }
    ]
    wanted, made = {question.title for question in form.questions}, set(ours)
    present = list(items)
    for index in reversed(range(len(present))):
        if present[index].get("itemId") in made and present[index].get("title") not in wanted:
            requests_.append({"deleteItem": {"location": {"index": index}}})
            del present[index]
    cursor = 0  # where the next question goes at the earliest: just after the one before it
    for question in form.questions:
        found = next((i for i, e in enumerate(present) if _asks(e, question.title)), None)
        if found is None:
            requests_.append({"createItem": {"item": item(question), "location": {"index": cursor}}})
            present.insert(cursor, {"title": question.title})
            cursor += 1
            continue
        rank = found if found >= cursor and not any(e.get("title") in wanted for e in present[cursor:found]) else None
        if rank is None:  # out of order: moved right after the question before it
            rank = cursor - 1 if found < cursor else cursor
            requests_.append({"moveItem": {"originalLocation": {"index": found}, "newLocation": {"index": rank}}})
            present.insert(rank, present.pop(found))
        requests_.append(
            {
                "updateItem": {
                    "item": _in_place(question, present[rank]),
                    "location": {"index": rank},
                    "updateMask": "title,description,questionItem.question",
                }
            }
        )
        cursor = rank + 1
    return requests_


def _asks(entry: Mapping, title: str) -> bool:
    return entry.get("title") == title and "questionItem" in entry


def _in_place(question: Question, present: Mapping) -> dict:
    """The question as defined, with the IDs Google gave it (its `entry.N` and its answers' column stay)."""
    changed = item(question)
    changed["itemId"] = present["itemId"]
    changed["questionItem"]["question"]["questionId"] = present["questionItem"]["question"]["questionId"]
    return changed


@dataclass(frozen=True)
class Published:
    form_id: str
    responder_url: str
    entries: Mapping[str, str]  # question title → « entry.N »
    linked_sheet: str  # the spreadsheet the form fills, if one is linked
    item_ids: Mapping[str, str] = field(default_factory=dict)  # question title → its item's ID


def published(answer: Mapping) -> Published:
    """What the flows need of a form: the decimal of each question's hex ID is its `entry.N` (undocumented by
    Google, checked on the public page by `entries_on_page`)."""
    questions = [entry for entry in answer.get("items", []) if "questionItem" in entry]
    entries = {e["title"]: f"entry.{int(e['questionItem']['question']['questionId'], 16)}" for e in questions}
    item_ids = {entry["title"]: entry["itemId"] for entry in questions}
    return Published(
        answer["formId"], answer.get("responderUri", ""), entries, answer.get("linkedSheetId", ""), item_ids
    )


def entries_on_page(page: str, entries: Mapping[str, str]) -> list[str]:
    """The questions whose `entry.N` the public page does not carry (none, if Google's rule still holds)."""
    return [title for title, entry in entries.items() if entry.removeprefix("entry.") not in page]
