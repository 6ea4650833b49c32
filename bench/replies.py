"""Reading replies by e-mail: the corpus of tests/replies_corpus.py as the four clients quote it, and the bodies
written to make the reply cutter slow, each read as the flow reads it (bounded, cut, understood).

    python -m bench.replies [--repeat 3]
"""

import argparse
import json
import statistics
import time
from collections import Counter

from orientest.replies.intent import Intent, intent
from orientest.replies.reading import latest_reply
from tests.replies_corpus import REPLIES, as_received

ACTIONS = {Intent.ACCEPT, Intent.DECLINE, Intent.OTHER_DATE, Intent.ABSENCE}
SLOW = {  # each took the reply cutter seconds, or a minute, before the body was bounded
    "« On » répété sur une ligne de 48 ko": "On " * 16_000,
    "20 ko en lignes de 500 caractères": ("On " * 166 + "\n") * 40,
    "200 ko de lignes courtes": "On On On\n" * 22_000,
    "« Le … a écrit : » sur 48 ko": ("Le " * 1_000 + "a écrit :\n") * 16,
    "« De : » et « > » sur 100 ko": ("De : Claire <c@exemple.fr>\n> " + "x " * 40 + "\n") * 1_000,
}


def _read(body: str) -> Intent:
    return intent(latest_reply(body))


def corpus() -> dict:
    """Wrong actions and what goes to staff, by what each reply meant."""
    read = [(meant, _read(body)) for _, body, meant in as_received()]
    by_meaning = {meant.value: dict(Counter(found.value for m, found in read if m == meant)) for meant in Intent}
    wrong = sum(1 for meant, found in read if found in ACTIONS and found != meant)
    staff = sum(1 for _, found in read if found is Intent.UNCLEAR)
    return {
        "replies": len(REPLIES),
        "reads": len(read),
        "wrong_actions": wrong,
        "to_staff": staff,
        "to_staff_share": round(staff / len(read), 3),
        "by_meaning": by_meaning,
    }


def timings(repeat: int) -> dict:
    """Milliseconds to read one message: the corpus on average, each slow body at worst."""
    bodies = [body for _, body, _ in as_received()]
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        for body in bodies:
            _read(body)
        runs.append((time.perf_counter() - started) * 1000 / len(bodies))
    slow = {}
    for name, body in SLOW.items():
        started = time.perf_counter()
        _read(body)
        slow[name] = round((time.perf_counter() - started) * 1000)
    return {"corpus_ms_per_message": round(statistics.median(runs), 2), "slow_bodies_ms": slow}


def measure(repeat: int = 3) -> dict:
    return {**corpus(), **timings(repeat)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    print(json.dumps(measure(parser.parse_args().repeat), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
