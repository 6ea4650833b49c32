"""A local Google Sheets API v4 and OAuth token endpoint on 127.0.0.1, for the real gspread and google-auth code.

Every request is checked against Google's discovery document first; the spreadsheets live in memory; every call is
counted; faults (429 storms, 5xx, a 503 after a write was applied, slow answers, staff edits between a read and a
write) are injected on demand.
"""

import copy
import json
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from google.auth import jwt

from fakes import a1
from fakes.discovery import Discovery, InvalidRequest
from fakes.local_http import LocalHttpFake

SCOPE = "https://www.googleapis.com/auth/spreadsheets"
MAIL_SCOPE = "https://mail.google.com/"
GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token"  # what google-auth signs for, whatever the token_uri
STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    408: "DEADLINE_EXCEEDED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Formula:
    text: str


@dataclass
class Sheet:
    sheet_id: int
    title: str
    cells: list[list[object]] = field(default_factory=list)  # text, a number, or a Formula
    row_count: int = 1000
    column_count: int = 26
    frozen_rows: int = 0
    protected_ranges: list[dict] = field(default_factory=list)
    validations: list[dict] = field(default_factory=list)
    conditional_formats: list[dict] = field(default_factory=list)
    basic_filter: dict | None = None
    filter_views: list[dict] = field(default_factory=list)
    notes: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → the cell's note
    hidden_columns: set[int] = field(default_factory=set)
    date_columns: set[int] = field(default_factory=set)  # a DATE number format below the header: serials shown as days

    def text(self) -> list[list[str]]:
        """The grid as a person sees it in a French spreadsheet."""
        return [[_formatted(cell) for cell in line] for line in self.cells]

    def last_used_row(self) -> int:
        line = len(self.cells)
        while line and all(cell in ("", None) for cell in self.cells[line - 1]):
            line -= 1
        return line

    def check(self, row: int, column: int) -> None:
        if row >= self.row_count or column >= self.column_count:
            raise ApiError(
                400,
                f"Range ({a1.quoted(self.title)}!{a1.column_letters(column)}{row + 1}) exceeds grid "
                f"limits. Max rows: {self.row_count}, max columns: {self.column_count}",
            )

    def put(self, row: int, column: int, value: object) -> None:
        while len(self.cells) <= row:
            self.cells.append([])
        line = self.cells[row]
        while len(line) <= column:
            line.append("")
        line[column] = value


@dataclass
class Spreadsheet:
    key: str
    title: str
    shared_with: set[str]
    sheets: list[Sheet] = field(default_factory=list)
    locale: str = "fr_FR"  # how the spreadsheet shows dates and numbers, hence how Forms writes them
    time_zone: str = "Europe/Paris"

    def sheet(self, title: str | None) -> Sheet:
        if title is None:
            return self.sheets[0]
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        raise ApiError(400, f"Unable to parse range: {title}")

    def by_id(self, sheet_id: int) -> Sheet:
        for sheet in self.sheets:
            if sheet.sheet_id == sheet_id:
                return sheet
        raise ApiError(400, f"No grid with id: {sheet_id}")


@dataclass
class Fault:
    method: str | None  # a discovery method ID such as "sheets.spreadsheets.values.append"; None for any
    status: int = 0  # the answer instead of the real one (0: answer normally)
    after: bool = False  # apply the request first, then answer `status` (a write that did land)
    delay: float = 0.0
    action: Callable[["FakeSheetsApi"], None] | None = None  # e.g. staff sorting rows, before the request is served
    times: int = 1
    until: float | None = None  # a storm: every matching request until this monotonic time


class FakeSheetsApi(LocalHttpFake):
    """Start with `with FakeSheetsApi() as api:`; `api.url` is the root to point gspread at."""

    def __init__(self):
        self.discovery = Discovery.sheets_v4()
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.accounts: dict[str, str] = {}  # client e-mail → public key (PEM)
        self.revoked: set[str] = set()
        self.tokens: dict[str, str] = {}  # access token → client e-mail
        self.mail_tokens: dict[str, str] = {}  # access token for Gmail → the user it sends as
        self.calls: list[str] = []
        self.bytes_answered = 0  # what Google would send back, all answers together (the benches read it)
        self.token_calls = 0
        self.faults: list[Fault] = []
        self.lock = threading.RLock()
        self._next_sheet_id = 100

    # ——— setting up ———

    @property
    def token_uri(self) -> str:
        return f"{self.url}token"

    def add_account(self, email: str, public_key_pem: str) -> None:
        self.accounts[email] = public_key_pem

    def create(self, key: str, shared_with: set[str], title: str = "Orient'Est") -> Spreadsheet:
        with self.lock:
            spreadsheet = Spreadsheet(key, title, set(shared_with))
            self.spreadsheets[key] = spreadsheet
            return spreadsheet

    def add_sheet(self, spreadsheet: Spreadsheet, title: str, **properties) -> Sheet:
        with self.lock:
            self._next_sheet_id += 1
            sheet = Sheet(self._next_sheet_id, title, **properties)
            spreadsheet.sheets.append(sheet)
            return sheet

    def inject(self, *faults: Fault) -> None:
        with self.lock:
            self.faults.extend(faults)

    def count(self, prefix: str = "sheets.") -> int:
        return sum(call.startswith(prefix) for call in self.calls)

    # ——— serving ———

    def serve(self, http_method: str, target: str, headers, body: bytes) -> tuple[int, dict]:
        split = urlsplit(target)
        if split.path == "/token":
            return self._token(body)
        query = parse_qs(split.query, keep_blank_values=True)
        try:
            payload = json.loads(body) if body else None
            method, path_parameters = self.discovery.check(http_method, split.path, query, payload)
        except (InvalidRequest, json.JSONDecodeError) as error:
            return _error(400, str(error))
        with self.lock:
            self.calls.append(method)
            fault = self._fault_for(method)
        if fault and fault.action:
            with self.lock:
                fault.action(self)
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.status and not fault.after:
            return _error(fault.status, "injected fault")
        try:
            account = self._caller(headers.get("Authorization", ""))
            with self.lock:
                spreadsheet = self._open(path_parameters["spreadsheetId"], account)
                answer = self._dispatch(method, spreadsheet, path_parameters, query, payload)
        except ApiError as error:
            return _error(error.status, str(error))
        if fault and fault.status:
            return _error(fault.status, "injected fault after applying the request")
        return 200, answer

    def _fault_for(self, method: str) -> Fault | None:
        now = time.monotonic()
        for fault in list(self.faults):
            if fault.method not in (None, method):
                continue
            if fault.until is not None:
                if now < fault.until:
                    return fault
                self.faults.remove(fault)
                continue
            fault.times -= 1
            if fault.times <= 0:
                self.faults.remove(fault)
            return fault
        return None

    def _token(self, body: bytes) -> tuple[int, dict]:
        with self.lock:
            self.token_calls += 1
        form = parse_qs(body.decode())
        if form.get("grant_type") != ["urn:ietf:params:oauth:grant-type:jwt-bearer"]:
            return 400, {"error": "unsupported_grant_type"}
        assertion = form.get("assertion", [""])[0]
        issuer = jwt.decode(assertion, verify=False).get("iss", "")
        if issuer not in self.accounts or issuer in self.revoked:
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
        try:
            claims = jwt.decode(assertion, certs=self.accounts[issuer], audience=GOOGLE_TOKEN_AUDIENCE)
        except ValueError as error:
            return 400, {"error": "invalid_grant", "error_description": str(error)}
        if claims.get("scope") not in (SCOPE, MAIL_SCOPE):
            return 400, {"error": "invalid_scope", "error_description": f"only {SCOPE} or {MAIL_SCOPE} is granted"}
        token = f"ya29.fake-{len(self.tokens) + len(self.mail_tokens) + 1}"
        with self.lock:
            if claims["scope"] == MAIL_SCOPE:  # for Gmail's SMTP, on behalf of a Workspace user
                self.mail_tokens[token] = claims.get("sub", "")
            else:
                self.tokens[token] = issuer
        return 200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}

    def _caller(self, authorization: str) -> str:
        account = self.tokens.get(authorization.removeprefix("Bearer "))
        if account is None or account in self.revoked:
            raise ApiError(401, "Request had invalid authentication credentials.")
        return account

    def _open(self, key: str, account: str) -> Spreadsheet:
        spreadsheet = self.spreadsheets.get(key)
        if spreadsheet is None:
            raise ApiError(404, "Requested entity was not found.")
        if account not in spreadsheet.shared_with:
            raise ApiError(403, "The caller does not have permission")
        return spreadsheet

    def _dispatch(self, method: str, spreadsheet: Spreadsheet, path: dict, query: dict, payload) -> dict:
        option = {name: values[0] for name, values in query.items()}
        if method == "sheets.spreadsheets.get":
            return _metadata(spreadsheet)
        if method == "sheets.spreadsheets.values.batchGet":
            return {
                "spreadsheetId": spreadsheet.key,
                "valueRanges": [
                    _read(spreadsheet, notation, option.get("valueRenderOption", "FORMATTED_VALUE"))
                    for notation in query.get("ranges", [])
                ],
            }
        if method == "sheets.spreadsheets.values.get":
            return _read(spreadsheet, unquote(path["range"]), option.get("valueRenderOption", "FORMATTED_VALUE"))
        if method == "sheets.spreadsheets.values.batchUpdate":
            return _batch_update_values(spreadsheet, payload)
        if method == "sheets.spreadsheets.values.update":
            data = [{"range": unquote(path["range"]), "values": payload.get("values", [])}]
            return _batch_update_values(spreadsheet, {"valueInputOption": option.get("valueInputOption"), "data": data})
        if method == "sheets.spreadsheets.values.append":
            return _append(spreadsheet, unquote(path["range"]), option, payload)
        if method == "sheets.spreadsheets.batchUpdate":
            return self._batch_update(spreadsheet, payload)
        raise ApiError(501, f"{method} is valid but this fake does not serve it")

    def _batch_update(self, spreadsheet: Spreadsheet, payload: dict) -> dict:
        """All requests or none, as Google does."""
        draft = copy.deepcopy(spreadsheet)
        replies = [self._structural(draft, request) for request in payload.get("requests", [])]
        spreadsheet.sheets = draft.sheets
        return {"spreadsheetId": spreadsheet.key, "replies": replies}

    def _structural(self, spreadsheet: Spreadsheet, request: dict) -> dict:  # noqa: C901 — one case per request kind
        ((kind, body),) = request.items()
        if kind == "addSheet":
            properties = body.get("properties", {})
            if any(sheet.title == properties.get("title") for sheet in spreadsheet.sheets):
                raise ApiError(
                    400,
                    f'Invalid requests[0].addSheet: A sheet with the name "{properties["title"]}" '
                    f"already exists. Please enter another name.",
                )
            grid = properties.get("gridProperties", {})
            if any(sheet.sheet_id == properties.get("sheetId") for sheet in spreadsheet.sheets):
                raise ApiError(400, f"Invalid requests[0].addSheet: sheet ID {properties['sheetId']} already exists")
            sheet = self.add_sheet(
                spreadsheet,
                properties["title"],
                row_count=grid.get("rowCount", 1000),
                column_count=grid.get("columnCount", 26),
                frozen_rows=grid.get("frozenRowCount", 0),
            )
            sheet.sheet_id = properties.get("sheetId", sheet.sheet_id)
            if "index" in properties:  # placed among the others, as Sheets does
                spreadsheet.sheets.remove(sheet)
                spreadsheet.sheets.insert(min(properties["index"], len(spreadsheet.sheets)), sheet)
            return {"addSheet": {"properties": _properties(sheet, spreadsheet)}}
        if kind == "appendDimension":
            sheet = spreadsheet.by_id(body["sheetId"])
            if body["dimension"] == "COLUMNS":
                sheet.column_count += body["length"]
            else:
                sheet.row_count += body["length"]
        elif kind == "deleteDimension":  # the rows below move up, their notes with them
            span = body["range"]
            sheet = spreadsheet.by_id(span["sheetId"])
            start, end = span["startIndex"], span["endIndex"]
            if span["dimension"] != "ROWS" or not 0 <= start < end <= sheet.row_count:
                raise ApiError(400, "Invalid requests[0].deleteDimension: range out of the grid")
            del sheet.cells[start:end]
            sheet.row_count -= end - start
            width = end - start
            sheet.notes = {
                (row - width if row >= end else row, column): text
                for (row, column), text in sheet.notes.items()
                if not start <= row < end
            }
        elif kind == "updateSheetProperties":
            sheet = spreadsheet.by_id(body["properties"]["sheetId"])
            grid = body["properties"].get("gridProperties", {})
            sheet.frozen_rows = grid.get("frozenRowCount", sheet.frozen_rows)
        elif kind == "setDataValidation":
            spreadsheet.by_id(body["range"]["sheetId"]).validations.append(body)
        elif kind == "addProtectedRange":
            protected = dict(body["protectedRange"], protectedRangeId=len(spreadsheet.sheets) * 1000 + 1)
            spreadsheet.by_id(protected["range"]["sheetId"]).protected_ranges.append(protected)
            return {"addProtectedRange": {"protectedRange": protected}}
        elif kind == "addConditionalFormatRule":
            spreadsheet.by_id(body["rule"]["ranges"][0]["sheetId"]).conditional_formats.append(body["rule"])
        elif kind == "setBasicFilter":
            spreadsheet.by_id(body["filter"]["range"]["sheetId"]).basic_filter = body["filter"]
        elif kind == "addFilterView":
            view = dict(body["filter"], filterViewId=sum(len(s.filter_views) for s in spreadsheet.sheets) + 1)
            spreadsheet.by_id(view["range"]["sheetId"]).filter_views.append(view)
            return {"addFilterView": {"filter": view}}
        elif kind == "updateCells":
            target = body["range"]
            sheet = spreadsheet.by_id(target["sheetId"])
            for line, row in enumerate(body.get("rows", []), start=target.get("startRowIndex", 0)):
                for column, cell in enumerate(row.get("values", []), start=target.get("startColumnIndex", 0)):
                    if "note" in body.get("fields", "") and "note" in cell:
                        sheet.notes[(line, column)] = cell["note"]
        elif kind == "updateDimensionProperties":
            target = body["range"]
            sheet = spreadsheet.by_id(target["sheetId"])
            if target["dimension"] == "COLUMNS" and "hiddenByUser" in body.get("fields", ""):
                columns = set(range(target["startIndex"], target["endIndex"]))
                if body["properties"].get("hiddenByUser"):
                    sheet.hidden_columns |= columns
                else:
                    sheet.hidden_columns -= columns
        elif kind == "repeatCell":
            target = body["range"]
            sheet = spreadsheet.by_id(target.get("sheetId", 0))
            number = body.get("cell", {}).get("userEnteredFormat", {}).get("numberFormat", {})
            if (
                "numberFormat" in body.get("fields", "")
                and number.get("type") == "DATE"
                and target.get("startRowIndex")
            ):
                sheet.date_columns |= set(range(target["startColumnIndex"], target["endColumnIndex"]))
        else:
            raise ApiError(501, f"{kind} is valid but this fake does not apply it")
        return {}


def _metadata(spreadsheet: Spreadsheet) -> dict:
    return {
        "spreadsheetId": spreadsheet.key,
        "properties": {"title": spreadsheet.title, "locale": spreadsheet.locale, "timeZone": spreadsheet.time_zone},
        "sheets": [
            {
                "properties": _properties(sheet, spreadsheet),
                "protectedRanges": sheet.protected_ranges,
                "conditionalFormats": sheet.conditional_formats,
                **({"basicFilter": sheet.basic_filter} if sheet.basic_filter else {}),
                **({"filterViews": sheet.filter_views} if sheet.filter_views else {}),
            }
            for sheet in spreadsheet.sheets
        ],
    }


def _properties(sheet: Sheet, spreadsheet: Spreadsheet) -> dict:
    return {
        "sheetId": sheet.sheet_id,
        "title": sheet.title,
        "index": spreadsheet.sheets.index(sheet),
        "sheetType": "GRID",
        "gridProperties": {
            "rowCount": sheet.row_count,
            "columnCount": sheet.column_count,
            "frozenRowCount": sheet.frozen_rows,
        },
    }


def _read(spreadsheet: Spreadsheet, notation: str, render: str) -> dict:
    try:
        grid = a1.parse(notation)
    except ValueError as error:
        raise ApiError(400, str(error)) from None
    sheet = spreadsheet.sheet(grid.title)
    end_row = min(grid.end_row or sheet.row_count, len(sheet.cells))
    values = []
    for line in sheet.cells[grid.start_row : end_row]:
        cells = line[grid.start_column : grid.end_column]
        days = {index - grid.start_column for index in sheet.date_columns}
        values.append([_rendered(cell, render, index in days) for index, cell in enumerate(cells)])
        while values[-1] and values[-1][-1] == "":
            values[-1].pop()
    while values and not values[-1]:
        values.pop()
    answer = {"range": f"{a1.quoted(sheet.title)}!{_a1(grid, sheet)}", "majorDimension": "ROWS"}
    if values:
        answer["values"] = values
    return answer


def _a1(grid: a1.GridRange, sheet: Sheet) -> str:
    end_column = (grid.end_column or sheet.column_count) - 1
    end_row = grid.end_row or sheet.row_count
    return f"{a1.column_letters(grid.start_column)}{grid.start_row + 1}:{a1.column_letters(end_column)}{end_row}"


def _batch_update_values(spreadsheet: Spreadsheet, payload: dict) -> dict:
    """Every range is checked before any cell changes: all or nothing, as Google does."""
    option = payload.get("valueInputOption")
    if option not in ("RAW", "USER_ENTERED"):
        raise ApiError(400, "Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED")
    puts = [
        put
        for value_range in payload.get("data", [])
        for put in _cells(spreadsheet, value_range["range"], value_range.get("values", []), option)
    ]
    for sheet, row, column, value in puts:
        sheet.put(row, column, value)
    return {
        "spreadsheetId": spreadsheet.key,
        "totalUpdatedCells": len(puts),
        "totalUpdatedRanges": len(payload.get("data", [])),
    }


def _cells(spreadsheet: Spreadsheet, notation: str, values: list, option: str, start_row: int | None = None) -> list:
    """(sheet, row, column, value) for each cell `values` write from the range's top-left; refuses overflows."""
    grid = a1.parse(notation)
    sheet = spreadsheet.sheet(grid.title)
    first_row = grid.start_row if start_row is None else start_row
    bounded = start_row is None and ":" in notation.rpartition("!")[2]  # a lone cell is only the top-left corner
    if bounded and grid.end_row is not None and first_row + len(values) > grid.end_row:
        raise ApiError(
            400, f"Requested writing within range [{notation}], but tried writing to row [{first_row + len(values)}]"
        )
    puts = []
    for offset, line in enumerate(values):
        if bounded and grid.end_column is not None and grid.start_column + len(line) > grid.end_column:
            raise ApiError(
                400,
                f"Requested writing within range [{notation}], but tried writing to column "
                f"[{a1.column_letters(grid.start_column + len(line) - 1)}]",
            )
        for column, value in enumerate(line):
            sheet.check(first_row + offset, grid.start_column + column)
            puts.append((sheet, first_row + offset, grid.start_column + column, _entered(value, option)))
    return puts


def _append(spreadsheet: Spreadsheet, notation: str, option: dict, payload: dict) -> dict:
    if option.get("valueInputOption") not in ("RAW", "USER_ENTERED"):
        raise ApiError(400, "'valueInputOption' is required but not specified")
    grid = a1.parse(notation)
    sheet = spreadsheet.sheet(grid.title)
    values = payload.get("values", [])
    first = sheet.last_used_row()
    if option.get("insertDataOption") == "INSERT_ROWS":
        sheet.row_count += len(values)
    else:
        sheet.row_count = max(sheet.row_count, first + len(values))
    for _, row, column, value in _cells(spreadsheet, notation, values, option["valueInputOption"], start_row=first):
        sheet.put(row, column, value)
    updated = (
        f"{a1.quoted(sheet.title)}!A{first + 1}:{a1.column_letters(max(map(len, values), default=1) - 1)}"
        f"{first + len(values)}"
    )
    return {
        "spreadsheetId": spreadsheet.key,
        "tableRange": f"{a1.quoted(sheet.title)}!A1:A{first}",
        "updates": {"spreadsheetId": spreadsheet.key, "updatedRange": updated, "updatedRows": len(values)},
    }


def _entered(value: object, option: str) -> object:
    """RAW keeps text as typed; USER_ENTERED parses it as if typed in the French UI: formulas, numbers."""
    if option == "RAW" or not isinstance(value, str):
        return value
    if value.startswith("="):
        return Formula(value)
    if value.startswith("'"):
        return value[1:]
    if _NUMBER.fullmatch(value):
        number = float(value.replace(",", "."))
        return int(number) if number.is_integer() else number
    return value


def _formatted(cell: object, day: bool = False) -> str:
    """As a French spreadsheet shows it; `day`: the cell has a JJ/MM/AAAA format, a number is a serial day."""
    if isinstance(cell, Formula):
        return "#NAME?"
    if isinstance(cell, bool):
        return "VRAI" if cell else "FAUX"
    if day and isinstance(cell, int | float):
        return f"{date(1899, 12, 30) + timedelta(days=int(cell)):%d/%m/%Y}"
    if isinstance(cell, float):
        return str(cell).replace(".", ",")
    return "" if cell is None else str(cell)


def _rendered(cell: object, render: str, day: bool = False) -> object:
    if render == "FORMULA" and isinstance(cell, Formula):
        return cell.text
    if render == "UNFORMATTED_VALUE" and isinstance(cell, int | float):
        return cell
    return _formatted(cell, day)


def _error(status: int, message: str) -> tuple[int, dict]:
    return status, {"error": {"code": status, "message": message, "status": STATUS_NAMES.get(status, "UNKNOWN")}}


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client that gave up on a slow answer (a timeout test) closes its end: nothing to report."""
        if not isinstance(sys.exception(), ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    api: FakeSheetsApi
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # ~1 ms an answer instead of ~44 ms

    def do_GET(self):
        self._answer("GET")

    def do_POST(self):
        self._answer("POST")

    def do_PUT(self):
        self._answer("PUT")

    def _answer(self, http_method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, answer = self.api.serve(http_method, self.path, self.headers, body)
        data = json.dumps(answer).encode()
        with self.api.lock:
            self.api.bytes_answered += len(data)
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:  # quiet: the test output is for failures
        pass


FakeSheetsApi.handler, FakeSheetsApi.server_class = _Handler, _Server
