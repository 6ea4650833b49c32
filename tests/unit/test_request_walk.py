"""One request's walk through the domain, from its form row to the confirmation e-mail: which files a reader follows.

Intake, matching (proposal), then matching again on the ambassador's « J'accepte », on rows in memory. For every
decision about the request (a status change, an e-mail), the domain files on the call stack, from the flow's `decide`
down to where the decision is written; the shared core and reference data (schema, fields, French dates, journal,
e-mail factory…) are counted apart. A file a path leaves and comes back to is « ré-entré »: the back-and-forth that
makes a walk hard to follow.
"""

import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from orientest import intake, matching
from orientest.context import Context
from orientest.core.schema import AMBASSADORS, ANSWERS, BASINS, FEEDBACK, JOURNAL, PARAMETERS, REQUESTS, Row, Table
from orientest.core.tokens import ANSWER, Claims, sign
from tests.factories import SECRET, active_ambassador, request_answers

DOMAIN = Path(__file__).resolve().parents[2] / "orientest"
SHARED = ("core", "reference")
DECISIONS = {(str(DOMAIN / "core" / "email_factory.py"), "email"), (str(DOMAIN / "core" / "journal.py"), "entry")}


def _table(tab, rows):
    return Table(tab, tuple(Row(line, values, tab) for line, values in enumerate(rows, start=2)), tab.titles())


def _snapshot(requests, answers=(), journal=()):
    return {
        "Ambassadeurs": _table(AMBASSADORS, [active_ambassador("AMB-00001")]),
        "Demandes": _table(REQUESTS, requests),
        "Réponses": _table(ANSWERS, answers),
        "Retours": _table(FEEDBACK, []),
        "Journal": _table(JOURNAL, journal),
        "Paramètres": _table(PARAMETERS, []),
        "Bassins": _table(BASINS, []),
    }


def _everything_entered(call):
    """Every domain function the call enters (comprehensions and lambdas aside), by file: the honest size of a walk."""
    entered = set()

    def profile(frame, event, _):
        code = frame.f_code
        if event == "call" and code.co_filename.startswith(str(DOMAIN)) and not code.co_name.startswith("<"):
            entered.add((str(Path(code.co_filename).relative_to(DOMAIN)), code.co_name))

    sys.setprofile(profile)
    try:
        result = call()
    finally:
        sys.setprofile(None)
    return result, entered


def _decision_stacks(call):
    """For each decision about the request (a status change, an e-mail), the domain files on the call stack, from the
    flow's entry down: the path the reader follows from `decide` to the rule that made it."""
    stacks = []

    def profile(frame, event, _):
        code = frame.f_code
        if event != "call" or (code.co_filename, code.co_name) not in DECISIONS:
            return
        files, caller = [], frame.f_back
        while caller is not None:
            if caller.f_code.co_filename.startswith(str(DOMAIN)):
                files.append(str(Path(caller.f_code.co_filename).relative_to(DOMAIN)))
            caller = caller.f_back
        stacks.append(_collapsed(list(reversed(files))))

    sys.setprofile(profile)
    try:
        result = call()
    finally:
        sys.setprofile(None)
    return result, stacks


def _collapsed(files: list[str]) -> list[str]:
    """Consecutive frames of one file as one visit."""
    return [f for i, f in enumerate(files) if i == 0 or files[i - 1] != f]


def walk(referential, measure=None) -> list[list[str]]:
    now = datetime(2026, 10, 5, 9, 0)
    row = {**request_answers(), "Horodatage": "05/10/2026 08:00:00"}

    def steps():
        received = intake.decide(_snapshot([row]), Context(now, referential, SECRET))
        written = {**row, **next(u.values for u in received.updates if u.tab == "Demandes")}
        proposed = matching.decide(_snapshot([written]), Context(now, referential, SECRET))
        written = {**written, **next(u.values for u in proposed.updates if u.tab == "Demandes")}
        journal = [
            {
                "Date": f"{e.at:%d/%m/%Y %H:%M}",
                "Flux": e.flow,
                "Référence": e.record_id,
                "Action": e.action,
                "Destinataire": e.recipient,
                "Résultat": e.result,
                "Détail": e.detail,
            }
            for e in proposed.journal
        ]
        token = sign(Claims(written["ID"], "AMB-00001", ANSWER, date(2026, 10, 10)), SECRET)
        answer = {"Horodatage": "05/10/2026 10:00:00", "Jeton": token, "Réponse": "J'accepte"}
        return matching.decide(_snapshot([written], [answer], journal), Context(now, referential, SECRET))

    plan, stacks = (measure or _decision_stacks)(steps)
    assert sorted(e.template for e in plan.emails) == ["confirmation_ambassadeur", "confirmation_demandeur"], plan
    return stacks


def summary(stacks: list[list[str]]) -> dict:
    """The files of the walk (shared core and reference data apart), and any file a path enters twice."""
    walked = [[f for f in stack if not f.startswith(SHARED)] for stack in stacks]
    files = sorted({f for stack in walked for f in stack})
    reentered = sorted({f for stack in walked for f, n in Counter(stack).items() if n > 1})
    return {
        "décisions": len(stacks),
        "fichiers du parcours": files,
        "nombre": len(files),
        "fichiers ré-entrés sur un chemin": reentered,
        "chemins": sorted({" → ".join(stack) for stack in walked}),
    }


def test_one_request_walks_from_its_form_row_to_its_confirmation_through_few_files_never_reentered(referential):
    walked = summary(walk(referential))
    # received: status and acknowledgement; proposed: proposal, status, e-mail; accepted: proposal, status, 2 e-mails
    assert walked["décisions"] == 9
    assert walked["fichiers ré-entrés sur un chemin"] == []
    assert walked["nombre"] <= 8, walked
    assert walked["chemins"] == [
        "intake/run.py",
        "matching/run.py → matching/answers.py → matching/acceptance.py → board/state.py",
        "matching/run.py → matching/answers.py → matching/acceptance.py → matching/emails.py",
        "matching/run.py → matching/search.py → board/state.py",
        "matching/run.py → matching/search.py → matching/emails.py",
    ]


def test_the_architecture_page_gives_the_honest_size_of_the_walk(referential):
    """Every file and function the three runs enter, not only the decisions' paths: what a reader may have to open.
    Measured on a second walk, so that what is computed once per process (the forms, the sectors) is not counted."""
    walk(referential)
    entered = walk(referential, measure=_everything_entered)
    files = {f for f, _ in entered}
    page = (DOMAIN.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert f"**{len(files)} fichiers et {len(entered)} fonctions**" in page, (len(files), len(entered))
