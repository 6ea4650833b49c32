"""A local Google Forms API v1, with Google's OAuth consent and token endpoints, on 127.0.0.1.

Every API request is checked against Google's discovery document first. What the real service does and the docs
say: `forms.create` keeps only the title; a form made by the API takes no response until published; an item updated
without its question ID gets a new one; a batch is all or nothing. The public page of a published form carries its
questions' `entry.N`, the decimal of their hex IDs, as Google's own pages do.
"""

import copy
import json
import secrets
import threading
import webbrowser
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from fakes.discovery import Discovery, InvalidRequest
from fakes.local_http import LocalHttpFake

FORMS_SCOPE = "https://www.googleapis.com/auth/forms.body"


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class FakeForm:
    form_id: str
    published_id: str
    owner: str
    title: str
    document_title: str
    description: str = ""
    items: list[dict] = field(default_factory=list)
    published: bool = False
    accepting: bool = False
    linked_sheet: str = ""
    revision: int = 1


class FakeFormsApi(LocalHttpFake):
    """`with FakeFormsApi() as api:`; `api.url` is the root to point the Forms client and the OAuth client at."""

    def __init__(self):
        self.discovery = Discovery.forms_v1()
        self.forms: dict[str, FakeForm] = {}
        self.clients: dict[str, str] = {}  # OAuth client ID → secret
        self.codes: dict[str, tuple[str, str]] = {}  # authorization code → (client, user)
        self.refresh_tokens: dict[str, str] = {}  # refresh token → user
        self.access_tokens: dict[str, str] = {}  # access token → user
        self.consents: list[str] = []  # the users who went through the consent screen
        self.calls: list[str] = []
        self.user = "equipe-orientest@exemple.fr"  # whoever signs in at the consent screen
        self.refuse_consent = False  # the person clicks « Annuler » on the consent screen
        self.lock = threading.RLock()

    def client_secrets(self) -> dict:
        """A « Desktop app » OAuth client, as the Google Cloud console lets one download it."""
        client_id = f"{len(self.clients) + 1}-test.apps.googleusercontent.com"
        self.clients[client_id] = secrets.token_urlsafe(12)
        return {
            "installed": {
                "client_id": client_id,
                "client_secret": self.clients[client_id],
                "auth_uri": f"{self.url}o/oauth2/auth",
                "token_uri": f"{self.url}token",
                "redirect_uris": ["http://localhost"],
            }
        }

    def link_to_sheet(self, form_id: str, spreadsheet: str) -> None:
        """What staff do once per form in its « Réponses » tab."""
        self.forms[form_id].linked_sheet = spreadsheet

    def delete(self, form_id: str) -> None:
        """Someone deletes the form from the Drive."""
        del self.forms[form_id]

    # ——— OAuth ———

    def consent(self, query: dict[str, str]) -> tuple[int, dict, str]:
        """The consent screen, agreed to at once: back to the application's loopback address with a code."""
        redirect = query.get("redirect_uri", "")
        if query.get("client_id") not in self.clients or not redirect.startswith("http://localhost:"):
            return 400, {}, "invalid_request"
        if FORMS_SCOPE not in query.get("scope", "").split():
            return 400, {}, "invalid_scope"
        if self.refuse_consent:
            refused = urlencode({"state": query.get("state", ""), "error": "access_denied"})
            return 302, {"Location": f"{redirect}?{refused}"}, ""
        code = secrets.token_urlsafe(8)
        with self.lock:
            self.codes[code] = (query["client_id"], self.user)
            self.consents.append(self.user)
        target = f"{redirect}?{urlencode({'state': query.get('state', ''), 'code': code, 'scope': query['scope']})}"
        return 302, {"Location": target}, ""

    def token(self, form: dict[str, str]) -> tuple[int, dict]:
        with self.lock:
            if form.get("grant_type") == "authorization_code":
                client, user = self.codes.pop(form.get("code", ""), ("", ""))
                if not client or self.clients.get(form.get("client_id")) != form.get("client_secret"):
                    return 400, {"error": "invalid_grant"}
                refresh = secrets.token_urlsafe(12)
                self.refresh_tokens[refresh] = user
            elif form.get("grant_type") == "refresh_token":
                refresh = form.get("refresh_token", "")
                user = self.refresh_tokens.get(refresh, "")
                if not user:
                    return 400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
            else:
                return 400, {"error": "unsupported_grant_type"}
            access = f"ya29.forms-{secrets.token_urlsafe(6)}"
            self.access_tokens[access] = user
        return 200, {
            "access_token": access,
            "refresh_token": refresh,
            "expires_in": 3599,
            "scope": FORMS_SCOPE,
            "token_type": "Bearer",
        }

    # ——— the API ———

    def serve(self, http_method: str, target: str, authorization: str, body: bytes) -> tuple[int, dict]:
        split = urlsplit(target)
        query = parse_qs(split.query, keep_blank_values=True)
        try:
            payload = json.loads(body) if body else None
            method, path = self.discovery.check(http_method, split.path, query, payload)
        except (InvalidRequest, json.JSONDecodeError) as error:
            return 400, _error(400, str(error))
        with self.lock:
            self.calls.append(method)
            user = self.access_tokens.get(authorization.removeprefix("Bearer "))
            try:
                if user is None:
                    raise ApiError(401, "Request had invalid authentication credentials.")
                return 200, self._dispatch(method, path, payload or {}, user)
            except ApiError as error:
                return error.status, _error(error.status, str(error))

    def _dispatch(self, method: str, path: dict, payload: dict, user: str) -> dict:
        if method == "forms.forms.create":
            return self._described(self._create(payload, user))
        form = self.forms.get(path.get("formId", ""))
        if form is None or form.owner != user:
            raise ApiError(404, "Requested entity was not found.")
        if method == "forms.forms.get":
            return self._described(form)
        if method == "forms.forms.batchUpdate":
            return self._batch_update(form, payload)
        if method == "forms.forms.setPublishSettings":
            state = payload["publishSettings"]["publishState"]
            form.published, form.accepting = (
                state["isPublished"],
                state["isAcceptingResponses"] and state["isPublished"],
            )
            return {"formId": form.form_id, "publishSettings": payload["publishSettings"]}
        raise ApiError(501, f"{method} is valid but this fake does not serve it")

    def _create(self, payload: dict, user: str) -> FakeForm:
        info = payload.get("info", {})
        if set(payload) - {"info"} or set(info) - {"title", "documentTitle"}:
            raise ApiError(400, "Only info.title and info.document_title may be set when creating a form.")
        form = FakeForm(
            secrets.token_urlsafe(20),
            "1FAIpQL" + secrets.token_urlsafe(30),
            user,
            info.get("title", ""),
            info.get("documentTitle", ""),
        )
        self.forms[form.form_id] = form
        return form

    def _batch_update(self, form: FakeForm, payload: dict) -> dict:
        draft = copy.deepcopy(form)  # all requests or none
        replies = [self._apply(draft, request) for request in payload.get("requests", [])]
        draft.revision += 1
        self.forms[form.form_id] = draft
        answer = {"replies": replies, "writeControl": {"requiredRevisionId": str(draft.revision)}}
        if payload.get("includeFormInResponse"):
            answer["form"] = self._described(draft)
        return answer

    def _apply(self, form: FakeForm, request: dict) -> dict:  # noqa: C901 — one case per request kind
        ((kind, body),) = request.items()
        if kind == "updateFormInfo":
            for name in body["updateMask"].split(","):
                setattr(form, name, body["info"].get(name, ""))
        elif kind == "createItem":
            index = body["location"]["index"]
            if index > len(form.items):
                raise ApiError(400, f"Invalid requests: index {index} is out of range")
            item = _with_ids(copy.deepcopy(body["item"]), form)
            form.items.insert(index, item)
            question = item.get("questionItem", {}).get("question", {})
            return {"createItem": {"itemId": item["itemId"], "questionId": [question.get("questionId")]}}
        elif kind == "updateItem":
            index = _index(form, body["location"])
            current, new = form.items[index], copy.deepcopy(body["item"])
            for name in body["updateMask"].split(","):
                if name == "questionItem.question":
                    question = new["questionItem"]["question"]
                    current["questionItem"]["question"] = question
                    question.setdefault("questionId", _new_id(form))  # no ID given: a new one, as Google does
                else:
                    current[name] = new.get(name, "")
        elif kind == "deleteItem":
            del form.items[_index(form, body["location"])]
        elif kind == "moveItem":
            item = form.items.pop(_index(form, body["originalLocation"]))
            form.items.insert(body["newLocation"]["index"], item)
        else:
            raise ApiError(501, f"{kind} is valid but this fake does not apply it")
        return {}

    def _described(self, form: FakeForm) -> dict:
        described = {
            "formId": form.form_id,
            "revisionId": str(form.revision),
            "info": {"title": form.title, "documentTitle": form.document_title, "description": form.description},
            "items": copy.deepcopy(form.items),
            "responderUri": f"{self.url}forms/d/e/{form.published_id}/viewform",
            "publishSettings": {
                "publishState": {"isPublished": form.published, "isAcceptingResponses": form.accepting}
            },
        }
        if form.linked_sheet:
            described["linkedSheetId"] = form.linked_sheet
        return described

    def public_page(self, published_id: str) -> tuple[int, str]:
        form = next((f for f in self.forms.values() if f.published_id == published_id), None)
        if form is None or not form.published:
            return 404, "<html><body>Ce formulaire n'existe pas ou n'est pas publié.</body></html>"
        inputs = "".join(
            f'<input type="hidden" name="entry.{int(item["questionItem"]["question"]["questionId"], 16)}">'
            for item in form.items
            if "questionItem" in item
        )
        return 200, f"<html><head><title>{form.title}</title></head><body><form>{inputs}</form></body></html>"


def _new_id(form: FakeForm) -> str:
    taken = {item.get("itemId") for item in form.items} | {
        item.get("questionItem", {}).get("question", {}).get("questionId") for item in form.items
    }
    while (candidate := secrets.token_hex(4)) in taken or candidate.startswith("0"):
        pass
    return candidate


def _with_ids(item: dict, form: FakeForm) -> dict:
    item["itemId"] = item.get("itemId") or _new_id(form)
    if "questionItem" in item:
        question = item["questionItem"]["question"]
        question["questionId"] = question.get("questionId") or _new_id(form)
    return item


def _index(form: FakeForm, location: dict) -> int:
    index = location.get("index", -1)
    if not 0 <= index < len(form.items):
        raise ApiError(400, f"Invalid requests: index {index} is out of range")
    return index


def _error(status: int, message: str) -> dict:
    names = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND"}
    return {"error": {"code": status, "message": message, "status": names.get(status, "UNKNOWN")}}


class Browser(webbrowser.BaseBrowser):
    """A person at a browser who agrees to the consent screen: follows the address to the application's loopback
    page, in the background as a real browser would."""

    def open(self, url, new=0, autoraise=True):
        threading.Thread(target=requests.get, args=(url,), kwargs={"timeout": 30}, daemon=True).start()
        return True


class _Handler(BaseHTTPRequestHandler):
    api: FakeFormsApi
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self._answer("GET")

    def do_POST(self):
        self._answer("POST")

    def _answer(self, http_method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        if split.path == "/o/oauth2/auth":
            status, headers, text = self.api.consent({k: v[0] for k, v in parse_qs(split.query).items()})
            return self._send(status, text.encode(), "text/plain", headers)
        if split.path == "/token":
            status, answer = self.api.token({k: v[0] for k, v in parse_qs(body.decode()).items()})
            return self._send(status, json.dumps(answer).encode(), "application/json")
        if split.path.startswith("/forms/d/e/"):
            status, page = self.api.public_page(split.path.split("/")[4])
            return self._send(status, page.encode(), "text/html; charset=utf-8")
        status, answer = self.api.serve(http_method, self.path, self.headers.get("Authorization", ""), body)
        self._send(status, json.dumps(answer).encode(), "application/json; charset=UTF-8")

    def _send(self, status: int, data: bytes, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": content_type, "Content-Length": str(len(data)), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


FakeFormsApi.handler = _Handler
