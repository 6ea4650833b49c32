"""Answers carrying a token that is not exactly the one sent: refused, noted on the answer, nothing else changed."""

from datetime import date

import pytest

from flows import pipeline
from flows.matching import STEP as MATCHING
from orientest.core.plan import RowAppend
from orientest.core.tokens import ANSWER, CANCEL, Claims, sign
from tests.factories import SECRET
from tests.flows.test_matching_flow import (
    DAY_1,
    DAY_2,
    _answer_from_the_email,
    _emails,
    _network_with_one_request,
    _rows,
)


def _valid_token(connectors):
    (proposal,) = _emails(connectors, "proposition_DEM")
    from cli.forms import answer_tokens, stand_in_registry

    return answer_tokens(proposal, stand_in_registry(connectors.referential.forms)["reponse"])["J'accepte"]


def _tampered(token):
    return token[:-1] + ("0" if token[-1] != "0" else "1")


BAD_TOKENS = {
    "tampered": lambda token: _tampered(token),
    "another ambassador's": lambda token: token.replace("AMB-00001", "AMB-00002"),
    "another action's": lambda token: token.replace(f".{ANSWER}.", f".{CANCEL}."),
    "a later expiry typed in": lambda token: token[: token.index(".2026")] + ".20991231" + token[token.rindex(".") :],
    "expired, yet signed": lambda token: sign(Claims("DEM-2026-00001", "AMB-00001", ANSWER, date(2026, 10, 5)), SECRET),
    "signed for a request never proposed": lambda token: sign(
        Claims("DEM-2026-00042", "AMB-00001", ANSWER, date(2026, 12, 31)), SECRET
    ),
    "signed with another secret": lambda token: sign(
        Claims("DEM-2026-00001", "AMB-00001", ANSWER, date(2026, 12, 31)), b"un-autre-secret-un-autre-secret"
    ),
}


@pytest.mark.parametrize("kind", BAD_TOKENS)
def test_a_bad_token_is_refused_and_changes_nothing(connectors, kind):
    _network_with_one_request(connectors)
    pipeline.run(MATCHING, connectors, DAY_1)
    before = {tab: [r.values for r in _rows(connectors, tab)] for tab in ("Demandes", "Ambassadeurs")}
    token = BAD_TOKENS[kind](_valid_token(connectors))
    connectors.workbook.write(
        [], [RowAppend("Réponses", {"Horodatage": "06/10/2026 08:12:40", "Jeton": token, "Réponse": "J'accepte"})]
    )
    pipeline.run(MATCHING, connectors, DAY_2)
    assert {tab: [r.values for r in _rows(connectors, tab)] for tab in before} == before
    (answer,) = _rows(connectors, "Réponses")
    assert answer["Traitée"] and answer["Anomalies"]
    assert _emails(connectors, "confirmation") == []


def test_a_replayed_answer_changes_nothing_the_second_time(connectors):
    _network_with_one_request(connectors)
    pipeline.run(MATCHING, connectors, DAY_1)
    _answer_from_the_email(connectors, "J'accepte")
    pipeline.run(MATCHING, connectors, DAY_2)
    before = [r.values for r in _rows(connectors, "Demandes")]
    token = _rows(connectors, "Réponses")[0]["Jeton"]
    connectors.workbook.write(
        [],
        [
            RowAppend(
                "Réponses",
                {"Horodatage": "07/10/2026 09:00:00", "Jeton": token, "Réponse": "Je ne suis pas disponible"},
            )
        ],
    )
    pipeline.run(MATCHING, connectors, DAY_2.replace(day=7))
    assert [r.values for r in _rows(connectors, "Demandes")] == before
    assert "proposition déjà close" in _rows(connectors, "Réponses")[1]["Anomalies"]
