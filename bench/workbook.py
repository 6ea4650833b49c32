"""What staff see in a workbook (`make demo`'s by default), checked against its own cells rather than the code that
wrote them.

    python -m bench.workbook [var/demo]

- À faire: every line is still warranted by its row (the status or the anomaly it names is there), and every row
  that warrants a line has one: nothing already done is listed, nothing waiting is missing.
- Typed cells: the date columns hold dates and the number columns numbers wherever the text would read back the same
  (a « 10/11/2026 » left as text sorts as text).
- Journal: its events, the e-mail hand-overs apart in `Envois`, and no e-mail row left in the Journal.
One JSON object on standard output; exit status 1 when a check fails.
"""

import argparse
import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from connectors.workbook import typed  # noqa: E402
from orientest.core.schema import TABS, Kind  # noqa: E402
from orientest.statuses.ambassadors import AmbassadorStatus as A  # noqa: E402
from orientest.statuses.requests import RequestStatus as R  # noqa: E402

OVER = {R.CANCELLED, R.CLOSED, R.DONE, R.NO_SHOW, R.DUPLICATE, A.RETIRED, A.DUPLICATE}
SOON = timedelta(days=14)


def _table(book, name: str) -> list[dict]:
    lines = book[name].iter_rows(values_only=True)
    header = [str(title or "") for title in next(lines, ())]
    return [dict(zip(header, line, strict=False)) for line in lines if any(v not in (None, "") for v in line)]


def _text(value) -> str:
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value).strip()


def _warranted(row: dict, today: date) -> set[str]:
    """The À faire kinds a row calls for, read from its raw cells."""
    status, anomalies, kinds = _text(row.get("Statut")), _text(row.get("Anomalies")), set()
    by_status = {
        R.INCOMPLETE: "Formulaire incomplet",
        R.NO_SOLUTION: "Demande sans solution",
        A.TO_VALIDATE: "Inscription à valider",
        R.ALTERNATIVES_OFFERED: "Pistes sans réponse",
    }
    if status in by_status:
        kinds.add(by_status[status])
    if anomalies and status not in OVER and status not in (R.INCOMPLETE, A.TO_VALIDATE):
        kinds.add("Anomalie à regarder")
    day = row.get("Date confirmée") or row.get("Date souhaitée")
    if status in (R.SEARCHING, R.PROPOSED, R.PARTLY_FILLED) and isinstance(day, datetime):
        if day.date() <= today + SOON:
            kinds.add("Date proche, demande non pourvue")
    return kinds


def todo(book, today: date) -> dict:
    lines = [line for line in _table(book, "À faire") if line.get("À faire")]
    records = {
        _text(row.get("ID")): row
        for name in ("Demandes", "Ambassadeurs")
        for row in _table(book, name)
        if row.get("ID")
    }
    listed = {(_text(line["À faire"]), _text(line["Référence"])) for line in lines}
    done = sorted(
        f"{kind} : {ref}" for kind, ref in listed if ref in records and kind not in _warranted(records[ref], today)
    )
    missing = sorted(
        f"{kind} : {ref}"
        for ref, row in records.items()
        for kind in _warranted(row, today)
        if (kind, ref) not in listed
    )
    kinds: dict[str, int] = {}
    for kind, _ in listed:
        kinds[kind] = kinds.get(kind, 0) + 1
    return {"lines": len(lines), "kinds": dict(sorted(kinds.items())), "listed but done": done, "missing": missing}


def typed_cells(book) -> dict:
    """Cells of date and number columns that hold text though their text reads back as a date or a number."""
    left: dict[str, int] = {}
    for name, tab in TABS.items():
        if name not in book.sheetnames:
            continue
        wanted = {column.title: column for column in tab.columns if column.kind is not Kind.TEXT}
        for row in _table(book, name):
            for title, column in wanted.items():
                value = row.get(title)
                if isinstance(value, str) and value.strip() and typed(column, value.strip()) != value.strip():
                    left[f"{name} : {title}"] = left.get(f"{name} : {title}", 0) + 1
    return {"left as text": left}


def journal(book) -> dict:
    events, sendings = _table(book, "Journal"), _table(book, "Envois")
    emails = [row for row in events if _text(row.get("Action")).startswith("e-mail : ")]
    return {"events": len(events), "hand-over lines": len(sendings), "e-mail rows in the Journal": len(emails)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default="var/demo", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, help="the day of the last run (default: its latest date)")
    arguments = parser.parse_args()
    book = load_workbook(arguments.directory / "orientest-demo.xlsx", read_only=True)
    stamps = [row.get("Date") for row in _table(book, "Journal")]
    today = arguments.today or max(
        (datetime.strptime(str(stamp)[:10], "%d/%m/%Y").date() for stamp in stamps if stamp), default=date.today()
    )
    result = {
        "today": today.isoformat(),
        "à faire": todo(book, today),
        "typed": typed_cells(book),
        "journal": journal(book),
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    failed = (
        result["à faire"]["listed but done"]
        or result["à faire"]["missing"]
        or result["typed"]["left as text"]
        or result["journal"]["e-mail rows in the Journal"]
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
