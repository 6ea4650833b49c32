"""Talking to the Sheets API: a service account, a timeout on every call, bounded retries, a request budget."""

import json
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from google.auth.exceptions import GoogleAuthError, RefreshError
from google.auth.transport.requests import AuthorizedSession, Request
from google.oauth2.service_account import Credentials
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

from connectors.workbook import WorkbookError

SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)  # the spreadsheet only: no Drive, no e-mail
MAIL_SCOPE = "https://mail.google.com/"  # the only scope Gmail's SMTP accepts for XOAUTH2
GOOGLE_ROOT = "https://sheets.googleapis.com/"
RETRIED_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_KEY_IN_URL = re.compile(r"/spreadsheets/d/([a-zA-Z0-9_-]+)")


def spreadsheet_key(key_or_url: str) -> str:
    """The key from a spreadsheet's address, or the key itself."""
    found = _KEY_IN_URL.search(key_or_url)
    key = found.group(1) if found else key_or_url.strip()
    if not re.fullmatch(r"[a-zA-Z0-9_-]{10,}", key):
        raise WorkbookError(
            f"« {key_or_url} » n'est ni l'adresse ni la clé d'un classeur Google : copiez l'adresse "
            f"affichée par le navigateur (https://docs.google.com/spreadsheets/d/…)."
        )
    return key


def service_account(info_json: str) -> Credentials:
    """Credentials from the key file's JSON, scoped to spreadsheets only."""
    try:
        info = json.loads(info_json)
        return Credentials.from_service_account_info(info, scopes=SCOPES)
    except (ValueError, KeyError) as error:
        raise WorkbookError(
            "La clé du compte de service Google est illisible : attendu le fichier JSON téléchargé "
            f"depuis la console Google Cloud ({type(error).__name__})."
        ) from None


def gmail_token(info_json: str, user: str) -> Callable[[], str]:
    """Access tokens to send as `user` through smtp.gmail.com: a service account with domain-wide delegation."""
    credentials = Credentials.from_service_account_info(json.loads(info_json), scopes=(MAIL_SCOPE,), subject=user)

    def token() -> str:
        if not credentials.valid:
            credentials.refresh(Request())
        return credentials.token

    return token


class Limiter(Protocol):
    def acquire(self) -> None:
        """Wait until one more request is allowed."""


class SlidingWindowLimiter:
    """At most `per_minute` requests in any 60 seconds, for this process."""

    def __init__(
        self, per_minute: int, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep
    ):
        self.per_minute, self.clock, self.sleep = per_minute, clock, sleep
        self.sent: deque[float] = deque()
        self.lock = threading.Lock()

    def acquire(self) -> None:
        with self.lock:
            while True:
                now = self.clock()
                while self.sent and now - self.sent[0] >= 60:
                    self.sent.popleft()
                if len(self.sent) < self.per_minute:
                    self.sent.append(now)
                    return
                self.sleep(max(60 - (now - self.sent[0]), 0.01))  # never 0: float rounding would spin


class PrefectRateLimit:
    """A slot of Prefect's global rate limit `name` per request, shared by every worker: only inside a flow run."""

    def __init__(self, name: str):
        self.name = name

    def acquire(self) -> None:
        from prefect.concurrency.sync import rate_limit
        from prefect.context import FlowRunContext

        if FlowRunContext.get() is not None:
            rate_limit(self.name, occupy=1, strict=False)  # a limit not created yet: no wait, Prefect warns


class Limiters:
    def __init__(self, *limiters: Limiter):
        self.limiters = limiters

    def acquire(self) -> None:
        for limiter in self.limiters:
            limiter.acquire()


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter, bounded in attempts and in total time."""

    attempts: int = 6
    base_seconds: float = 1.0
    cap_seconds: float = 32.0
    budget_seconds: float = 120.0

    def pause(self, attempt: int, retry_after: float | None) -> float:
        ceiling = min(self.cap_seconds, self.base_seconds * 2 ** (attempt - 1))
        return max(retry_after or 0.0, random.uniform(0, ceiling))


class Redirect(requests.adapters.HTTPAdapter):
    """Sends what is addressed to a Google API (`google_root`) to another root: a proxy, or the local fake in tests."""

    def __init__(self, root: str, google_root: str = GOOGLE_ROOT):
        super().__init__()
        self.root, self.google_root = root, google_root

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        request.url = self.root + (request.url or "")[len(self.google_root) :]
        return super().send(request, *args, **kwargs)


class BoundedHTTPClient(HTTPClient):
    """gspread's client with a timeout, a limiter and retries that stop (gspread's own back-off never does)."""

    def __init__(
        self,
        credentials: Credentials,
        *,
        timeout: float,
        policy: RetryPolicy,
        limiter: Limiter,
        api_root: str = GOOGLE_ROOT,
        sleep: Callable[[float], None] = time.sleep,
    ):
        session = AuthorizedSession(credentials)
        if api_root != GOOGLE_ROOT:
            session.mount(GOOGLE_ROOT, Redirect(api_root))
        super().__init__(credentials, session)
        self.auth = credentials
        self.set_timeout(timeout)
        self.policy, self.limiter, self.sleep = policy, limiter, sleep
        self.requests_sent = 0

    def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> requests.Response:
        # An append or a structural change applied before a 5xx would be applied twice: the caller checks instead.
        blind_retry = method.lower() == "get" or endpoint.endswith("/values:batchUpdate")
        deadline = time.monotonic() + self.policy.budget_seconds
        for attempt in range(1, self.policy.attempts + 1):
            self.limiter.acquire()
            self.requests_sent += 1
            try:
                return super().request(method, endpoint, *args, **kwargs)
            except APIError as error:
                if error.code not in RETRIED_STATUSES or not blind_retry or attempt == self.policy.attempts:
                    raise
                pause = self.policy.pause(attempt, _retry_after(error.response))
            except (requests.Timeout, requests.ConnectionError):
                if not blind_retry or attempt == self.policy.attempts:
                    raise
                pause = self.policy.pause(attempt, None)
            if time.monotonic() + pause > deadline:
                raise WorkbookError(
                    "Google Sheets ne répond pas normalement (trop de requêtes ou panne) depuis "
                    f"{self.policy.budget_seconds:.0f} s : rien de plus n'est tenté, le flux "
                    "reprendra à sa prochaine exécution."
                )
            self.sleep(pause)
        raise AssertionError("unreachable: the last attempt raises or returns")


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.replace(".", "", 1).isdigit() else None


def explained(error: Exception, account: str, key: str) -> WorkbookError:  # noqa: C901 — one case per answer
    """What the operator must do, in French, for what Google answered."""
    if isinstance(error, WorkbookError):
        return error
    if isinstance(error, RefreshError):
        return WorkbookError(
            f"Google refuse la clé du compte de service {account} (clé révoquée, supprimée ou "
            "compte désactivé) : créez une nouvelle clé JSON dans la console Google Cloud et "
            "remplacez ORIENTEST_GOOGLE_CREDENTIALS. Rien n'a été modifié."
        )
    if isinstance(error, APIError):
        code = error.code
        if code == 403:
            return WorkbookError(
                f"Le classeur Google {key} n'est pas partagé avec le compte de service {account} : "
                "ouvrez le classeur, « Partager », ajoutez cette adresse avec le droit « Éditeur », "
                "puis relancez."
            )
        if code == 404:
            return WorkbookError(
                f"Classeur Google introuvable : {key}. Vérifiez ORIENTEST_SPREADSHEET (adresse ou clé du classeur)."
            )
        if code in RETRIED_STATUSES:
            return WorkbookError(
                f"Google Sheets a répondu {code} à plusieurs reprises : le flux reprendra à sa prochaine exécution."
            )
        return WorkbookError(f"Google Sheets a refusé la requête ({code}) : {error.error.get('message', '')}")
    return WorkbookError(
        f"Google Sheets est injoignable ({type(error).__name__}) : le flux reprendra à sa prochaine exécution."
    )


GOOGLE_ERRORS = (APIError, GoogleAuthError, requests.RequestException)
