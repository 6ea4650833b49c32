"""Each flow on workbooks holding 1, 3 and 6 school years of history at the Région's volume, each year archived in
September as `housekeeping` does: seconds, peak memory, Sheets requests and bytes answered, and the live cells.

    python -m bench.history [--years 1,3,6] [--ambassadors 1500] [--requests 4000] [--repeat 3] [--no-archive]

A school year: the requests of the year (closed by June, but those of the last year, which is under way), the Journal
and Envois rows the flows write for them (as many per request as in the demo year), their answers and feedback, for
each ambassador a charter accepted and its e-mail, and `Indicateurs` for each month reported. The last year is the one
of the measure (10 June 2027: the year is full); each earlier year is archived on 2 September of the next, through the
archiving flow itself. Each flow then runs in a process of its own on a fresh copy, on the .xlsx and on the local
Google Sheets fake.
"""

import argparse
import copy
import gc
import json
import shutil
import statistics
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from bench.flows import FLOWS, _fill, _in_child
from bench.sheets_requests import _staff_edit
from cli.seed import Seeder
from connectors.referential import load_referential
from connectors.settings import PROJECT_ROOT, Settings
from connectors.wiring import Connectors, connect
from fakes.accounts import service_account
from fakes.google import fake_google_settings, settings_in
from fakes.sheets_api import FakeSheetsApi
from flows import archiving, housekeeping, pipeline
from orientest.core.fingerprint import content_fingerprint
from orientest.core.journal import as_row, sending_row
from orientest.core.plan import JournalEntry, RowAppend
from orientest.core.schema import AMBASSADORS, REQUESTS, TABS, Row

NOW = datetime(2027, 6, 10, 9, 0)  # the year of the measure is 2026-2027, nearly over
LAST = 2026
PAST = ("Clôturée",) * 7 + ("Annulée", "Sans solution", "Clôturée")  # a past year: every request over
CURRENT = ("En recherche", "Confirmée", "Réalisée", "Clôturée", "Clôturée", "Réalisée", "Confirmée", "Clôturée") + (
    "Annulée",
    "Clôturée",
)
STATUS_PATH = ("En recherche", "Proposée", "Confirmée", "Réalisée", "Clôturée")
LAST_MONTH = 9  # by 10 June the reports of September to May are out
FIGURES_A_MONTH = 300
EMAILS = ("accuse_reception", "proposition", "relance", "confirmation", "invitation", "rappel", "retour", "merci")


def ambassadors(seeder: Seeder, count: int, first_year: int) -> list[RowAppend]:
    rows = []
    for n, answers in enumerate(seeder.ambassadors(count, datetime(first_year, 9, 1), 14), start=1):
        values = {**answers, "ID": f"AMB-{n:05d}", "Statut": "Actif", "Charte acceptée (version)": str(LAST)}
        rows.append(
            RowAppend("Ambassadeurs", {**values, "Empreinte": content_fingerprint(Row(0, answers), AMBASSADORS)})
        )
    return rows


def school_year(seeder: Seeder, year: int, requests: int, ambassadors: int) -> list[RowAppend]:
    """One school year's rows, as the flows leave them."""
    statuses = CURRENT if year == LAST else PAST
    rows: list[RowAppend] = []
    for n, answers in enumerate(seeder.requests(requests, datetime(year, 9, 7), 240), start=1):
        record_id, ambassador = f"DEM-{year}-{n:05d}", f"AMB-{n % ambassadors + 1:05d}"
        status = statuses[n % len(statuses)]
        at = datetime.strptime(answers["Horodatage"], "%d/%m/%Y %H:%M:%S")
        rows.append(
            RowAppend(
                "Demandes",
                {
                    **answers,
                    "ID": record_id,
                    "Statut": status,
                    "Ambassadeur": ambassador if status in ("Confirmée", "Réalisée", "Clôturée") else "",
                    "Empreinte": content_fingerprint(Row(0, answers), REQUESTS),
                },
            )
        )
        rows += _bookkeeping(record_id, ambassador, at, status)
        token = f"{record_id}.{ambassador}"
        rows.append(RowAppend("Réponses", _answer(token, at)))
        if status == "Clôturée":
            rows += [
                RowAppend("Retours", _feedback(token, record_id, at, role)) for role in ("demandeur", "ambassadeur")
            ]
    rows += _figures(year, LAST_MONTH if year == LAST else 12)
    for n in range(1, ambassadors + 1):
        at = datetime(year, 9, 15, 8) + timedelta(minutes=n)
        record_id = f"AMB-{n:05d}"
        rows.append(RowAppend("Journal", as_row(JournalEntry(at, "housekeeping", record_id, "charte acceptée"))))
        rows += _sent(record_id, "charte", at, f"charte:{record_id}:{year}")
    return rows


def _figures(year: int, months: int) -> list[RowAppend]:
    """`Indicateurs` for each month reported: about the demo year's busiest month, at the Région's scale."""
    rows = []
    for n in range(months):
        month = f"{year + (n >= 4)}-{(n + 8) % 12 + 1:02d}"
        for figure in range(FIGURES_A_MONTH):
            period, name = ("mois", "année scolaire à date")[figure % 2], f"Indicateur {figure // 2}"
            values = {"Mois": month, "Période": period, "Indicateur": name, "Valeur": "12"}
            rows.append(RowAppend("Indicateurs", {**values, "ID": f"{month}|{period}|{name}|"}))
    return rows


def _bookkeeping(record_id: str, ambassador: str, at: datetime, status: str) -> list[RowAppend]:
    """Journal and Envois rows as many as the demo year has per request (about 9 and 16)."""
    path = STATUS_PATH[: STATUS_PATH.index(status) + 1] if status in STATUS_PATH else (*STATUS_PATH[:2], status)
    rows = [
        RowAppend("Journal", as_row(JournalEntry(at + timedelta(days=day), "matching", record_id, f"statut : {step}")))
        for day, step in enumerate(path)
    ]
    for offer in range(3):
        entry = JournalEntry(
            at + timedelta(hours=offer + 1),
            "matching",
            record_id,
            "proposition",
            recipient=ambassador,
            result=("envoyée", "relancée", "acceptée")[offer],
            data={"day": f"{at + timedelta(days=30):%d/%m/%Y}"},
        )
        rows.append(RowAppend("Journal", as_row(entry)))
    for template in EMAILS:
        rows += _sent(record_id, template, at, f"{template}:{record_id}")
    return rows


def _sent(record_id: str, template: str, at: datetime, key: str) -> list[RowAppend]:
    return [
        RowAppend(
            "Envois",
            sending_row(JournalEntry(at, "matching", record_id, f"e-mail : {template}", "x@exemple.fr", key, result)),
        )
        for result in ("prévu", "envoyé")
    ]


def _answer(token: str, at: datetime) -> dict[str, str]:
    return {
        "Horodatage": f"{at + timedelta(days=2):%d/%m/%Y %H:%M:%S}",
        "Jeton": f"{token}.reponse.x.y",
        "Réponse": "J'accepte",
        "Traitée": f"{at + timedelta(days=2):%d/%m/%Y %H:%M}",
    }


def _feedback(token: str, record_id: str, at: datetime, role: str) -> dict[str, str]:
    return {
        "Horodatage": f"{at + timedelta(days=40):%d/%m/%Y %H:%M:%S}",
        "Jeton": f"{token}.retour.x.y",
        "L'intervention a eu lieu": "Oui",
        "Nombre de participants": "25",
        "Satisfaction": "4",
        "Aide à l'orientation": "3",
        "Traitée": f"{at + timedelta(days=40):%d/%m/%Y %H:%M}",
        "Demande": record_id,
        "Rôle": role,
    }


def build(settings: Settings, years: int, counts: tuple[int, int], archive: bool, api: FakeSheetsApi | None) -> dict:
    """The live workbook after `years` school years, each archived the September after; what it holds."""
    ambassadors_count, requests = counts
    seeder = Seeder(load_referential(PROJECT_ROOT / "data"), seed=7, messy_share=0.0)
    first = LAST - years + 1
    _fill(settings, ambassadors(seeder, ambassadors_count, first), connect(settings).referential, api)
    connectors = connect(settings)
    archived = 0
    for year in range(first, LAST + 1):
        connectors.workbook.write([], school_year(seeder, year, requests, ambassadors_count))
        if archive and year < LAST:
            archived += _archive(connectors, api, settings, year)
    settled = _last_night(connectors) if archive else 0
    return {"live_cells": live_cells(connectors), "archived_rows": archived, "settled_planned_lines": settled}


def _last_night(connectors: Connectors) -> int:
    """The nights before the measure: `housekeeping` keeps `Envois` to one line per hand-over, so many a night."""
    removed = 0
    while (outcome := pipeline.run(housekeeping.STEP, connectors, NOW - timedelta(hours=6))[1]).removed:
        removed += outcome.removed
    return removed


def _archive(connectors: Connectors, api: FakeSheetsApi | None, settings: Settings, year: int) -> int:
    day = datetime(year + 1, 9, 2, 3, 0)
    if api is not None:  # in Google, staff create the spreadsheet and paste its address, as the Archives tab asks
        archiving.archive_finished_years(connectors, day)
        key = f"archives-{year}-{len(api.spreadsheets)}"
        api.create(key, {service_account().email}, title=f"Archives {year}-{year + 1}")

        def paste(cells: list[list]) -> None:
            for line in cells[1:]:
                if line and line[0] == f"{year}-{year + 1}":
                    line[1] = f"https://docs.google.com/spreadsheets/d/{key}/edit"

        _staff_edit(api, settings, "Archives", paste)
    return sum(moved.removed for moved in archiving.archive_finished_years(connectors, day))


def live_cells(connectors: Connectors) -> int:
    """Rows × columns of every tab (what fills Google's 10 M cells)."""
    tables = connectors.workbook.read(list(TABS))
    return sum(len(table.rows) * max(len(table.columns), 1) for table in tables.values())


def measure(years: list[int], counts: tuple[int, int], archive: bool = True, repeat: int = 3) -> dict:
    results: dict[str, dict] = {}
    for count in years:
        results[f"{count} an(s)"] = _measure_one(count, counts, archive, repeat)
    return results


def _median(runs: list[dict]) -> dict:
    """Each figure's median over the runs (requests and bytes are the same every run)."""
    return {figure: statistics.median(run[figure] for run in runs) for figure in runs[0]} | {"runs": len(runs)}


def _measure_one(years: int, counts: tuple[int, int], archive: bool, repeat: int) -> dict:
    figures: dict = {"flows": {name: {} for name in FLOWS}}
    with tempfile.TemporaryDirectory() as directory, FakeSheetsApi() as api:
        base = Path(directory)
        template = settings_in(base / "modele")
        figures["xlsx"] = build(template, years, counts, archive, None)
        google = fake_google_settings(api, base / "google", google_requests_per_minute=100_000)
        figures["google"] = build(google, years, counts, archive, api)
        key = connect(google).workbook.key
        # The archives are Google's to keep, not this process's: held here, their millions of cells would slow the
        # fake's every answer (Python's collector walks them) and bill it to the flows of later years.
        for other in [other for other in api.spreadsheets if other != key]:
            del api.spreadsheets[other]
        pristine = copy.deepcopy(api.spreadsheets[key])
        gc.collect()
        gc.freeze()
        for name in FLOWS:
            runs: dict[str, list[dict]] = {"xlsx": [], "google": []}
            for attempt in range(repeat):
                copy_dir = base / f"xlsx-{name}-{attempt}"
                copy_dir.mkdir()
                for part in template.workbook.parent.glob("*.xlsx"):
                    shutil.copy(part, copy_dir / part.name)
                runs["xlsx"].append(_in_child(settings_in(copy_dir), name, NOW))
                api.spreadsheets[key] = copy.deepcopy(pristine)
                calls, answered = len(api.calls), api.bytes_answered
                run = _in_child(google, name, NOW)
                run |= {
                    "requests": len(api.calls) - calls,
                    "mb_answered": round((api.bytes_answered - answered) / 1e6, 1),
                }
                runs["google"].append(run)
                shutil.rmtree(google.outbox, ignore_errors=True)
                shutil.rmtree(google.state_dir, ignore_errors=True)
            figures["flows"][name] = {backend: _median(found) for backend, found in runs.items()}
        gc.unfreeze()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="1,3,6")
    parser.add_argument("--ambassadors", type=int, default=1500)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=3, help="Passages de chaque flux (la médiane est donnée).")
    parser.add_argument("--no-archive", action="store_true", help="Sans archivage : ce que les passages lisaient.")
    arguments = parser.parse_args()
    years = [int(part) for part in arguments.years.split(",")]
    counts = (arguments.ambassadors, arguments.requests)
    figures = measure(years, counts, not arguments.no_archive, arguments.repeat)
    print(json.dumps({"history": figures}, ensure_ascii=False))


if __name__ == "__main__":
    main()
