"""Replies to a proposal read as a person would, on a corpus of French replies quoted as four mail clients quote."""

from collections import Counter

import pytest

from orientest.core.text import excerpt
from orientest.replies.intent import Intent, intent
from orientest.replies.reading import latest_reply
from tests.replies_corpus import GROUPS, PLAIN, REPLIES, as_received

ACTIONS = {Intent.ACCEPT, Intent.DECLINE, Intent.OTHER_DATE, Intent.ABSENCE}  # all but « à lire » act (or drop)


def _read(replies=REPLIES) -> list[tuple[str, str, Intent, Intent]]:
    return [(style, body, meant, intent(latest_reply(body))) for style, body, meant in as_received(replies)]


def test_no_reply_of_the_corpus_is_acted_on_wrongly_in_any_client_s_quoting():
    read = _read()
    assert len(REPLIES) >= 250 and {style for style, *_ in read} == {"gmail", "outlook", "apple", "thunderbird"}
    wrong = [
        (style, latest_reply(body), meant, found)
        for style, body, meant, found in read
        if found in ACTIONS and found != meant
    ]
    assert wrong == []


def test_plain_answers_act_without_staff():
    read = _read(PLAIN)
    # Measured: see docs/performances.md (« Réponses par e-mail »); a drop here means plain answers go to staff.
    assert sum(found == meant for *_, meant, found in read) >= 0.95 * len(read)


@pytest.mark.parametrize(
    "reply",
    [
        "Pas d'accord.",
        "Ce n'est pas ok pour moi.",
        "Pas partant, désolé.",
        "Je ne suis pas partante.",
        "Je n'accepte pas.",
        "Ça ne marche pas pour moi.",
    ],
)
def test_a_refusal_made_of_yes_words_is_never_read_as_a_yes(reply):
    assert intent(reply) in (Intent.DECLINE, Intent.UNCLEAR)


@pytest.mark.parametrize(
    "reply",
    [
        "Je ne dis pas non.",
        "Pas impossible.",
        "Oui si c'est le matin.",
        "Oui, sous réserve de l'accord de mon employeur.",
        "Normalement oui.",
        "Oui. Enfin non.",
        "Non, je suis disponible.",
        "Je pense que oui.",
        "Je ne peux pas ne pas venir !",
        "Oui mais le 17 plutôt que le 10.",
    ],
)
def test_a_double_negation_a_condition_a_hedge_or_a_mix_goes_to_staff(reply):
    assert intent(reply) is Intent.UNCLEAR


def test_an_out_of_office_body_without_its_headers_is_no_answer_but_a_person_s_absence_is_a_no():
    assert (
        intent("Absent du bureau jusqu'au 12 novembre inclus. Je prendrai connaissance de votre message à mon retour.")
        is Intent.ABSENCE
    )
    assert intent("I am out of the office until 12 November and will reply when I return.") is Intent.ABSENCE
    assert intent("Je suis absente ce jour-là, désolée.") is Intent.DECLINE
    assert intent("Je suis absente jusqu'au 3 novembre, donc c'est d'accord pour le 10.") is Intent.UNCLEAR
    assert intent("Non. Je suis absente jusqu'au 20 et n'aurai pas accès à mes e-mails.") is Intent.UNCLEAR


def test_emoji_decorate_an_answer_but_are_none_alone():
    assert intent("Oui 👍") is Intent.ACCEPT and intent("Non 😕") is Intent.DECLINE
    assert intent("👍") is Intent.UNCLEAR


def test_every_client_s_quote_and_signature_are_cut():
    for style, body, _ in as_received():
        reply = latest_reply(body)
        assert "DEMO-reponse" not in reply and "a écrit" not in reply and "Envoyé :" not in reply, style
        assert "06 12 34 56 78" not in reply or "téléphone" in reply, style  # the signature's phone, not the text's


def test_a_long_reply_goes_to_staff():
    assert intent("Oui " + "vraiment " * 40) is Intent.UNCLEAR


def test_a_closing_name_is_no_answer_but_a_short_no_stays_a_no():
    assert intent("Oui\n\nClaire Martin") is Intent.ACCEPT
    assert intent("Oui\npas dispo") is Intent.UNCLEAR  # « pas dispo » is no name
    assert intent("Non") is Intent.DECLINE


def test_the_excerpt_is_one_short_line():
    assert excerpt("Oui,\n\navec plaisir !") == "Oui, avec plaisir !"
    assert len(excerpt("mot " * 100)) <= 122


def test_the_corpus_covers_every_meaning_and_every_trap():
    assert set(Counter(meant for _, meant in REPLIES)) == set(Intent)
    assert {
        "négations",
        "doubles négations",
        "conditions",
        "absences",
        "emoji",
        "autour de la réponse",
        "pièges",
    } <= set(GROUPS)
