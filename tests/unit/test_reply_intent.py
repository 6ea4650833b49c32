"""Replies to a proposal read as a person would, on a corpus of French replies quoted as four mail clients quote."""

from collections import Counter

from orientest.replies.intent import Intent, intent
from orientest.replies.reading import excerpt, latest_reply
from tests.replies_corpus import REPLIES, as_received

ACTIONS = {Intent.ACCEPT, Intent.DECLINE, Intent.OTHER_DATE}


def _read() -> list[tuple[str, str, Intent, Intent]]:
    return [(style, body, meant, intent(latest_reply(body))) for style, body, meant in as_received()]


def test_no_reply_of_the_corpus_is_acted_on_wrongly():
    read = _read()
    assert len(read) >= 60 and {style for style, *_ in read} == {"gmail", "outlook", "apple", "thunderbird"}
    wrong = [(style, latest_reply(body), meant, found) for style, body, meant, found in read
             if found in ACTIONS and found != meant]
    assert wrong == []


def test_most_plain_answers_act_without_staff():
    read = _read()
    acted = Counter(meant for _, _, meant, found in read if found == meant and found in ACTIONS)
    plain = Counter(meant for _, _, meant, _ in read if meant in (Intent.ACCEPT, Intent.DECLINE))
    # Measured: see docs/performances.md (« Réponses par e-mail »); a drop here means plain answers go to staff.
    assert acted[Intent.ACCEPT] >= 0.8 * plain[Intent.ACCEPT] and acted[Intent.DECLINE] >= 0.9 * plain[Intent.DECLINE]


def test_every_client_s_quote_and_signature_are_cut():
    for style, body, _ in as_received():
        reply = latest_reply(body)
        assert "DEMO-reponse" not in reply and "a écrit" not in reply and "Envoyé :" not in reply, style
        assert "06 12 34 56 78" not in reply or "téléphone" in reply, style  # the signature's phone, not the text's


def test_a_long_or_hedged_reply_goes_to_staff():
    assert intent("Oui, à condition de venir avec un collègue.") is Intent.UNCLEAR
    assert intent("Oui\nmais pas le mardi") is Intent.UNCLEAR
    assert intent("Oui " + "vraiment " * 40) is Intent.UNCLEAR


def test_a_closing_name_is_no_answer_but_a_short_no_stays_a_no():
    assert intent("Oui\n\nClaire Martin") is Intent.ACCEPT
    assert intent("Oui\npas dispo") is Intent.UNCLEAR  # « pas dispo » is no name
    assert intent("Non") is Intent.DECLINE


def test_the_excerpt_is_one_short_line():
    assert excerpt("Oui,\n\navec plaisir !") == "Oui, avec plaisir !"
    assert len(excerpt("mot " * 100)) <= 122


def test_the_corpus_covers_every_meaning():
    assert set(Counter(meant for _, meant in REPLIES)) == set(Intent)
