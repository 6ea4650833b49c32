"""`formulaires --google` on a form staff edited by hand: the batch it sends, applied as the Forms API applies it."""

import copy
import random

from connectors.google_forms import sync_requests


def _applied(items: list[dict], requests: list[dict]) -> list[dict]:
    """The items after the batch: moves and creations at indexes of the list as it stands after each request."""
    items = copy.deepcopy(items)
    for number, request in enumerate(requests):
        ((kind, body),) = request.items()
        if kind == "createItem":
            assert 0 <= body["location"]["index"] <= len(items)
            items.insert(body["location"]["index"], {**body["item"], "itemId": f"nouveau-{number}"})
        elif kind == "updateItem":
            assert items[body["location"]["index"]]["itemId"] == body["item"]["itemId"]  # updated in place
        elif kind == "deleteItem":
            del items[body["location"]["index"]]
        elif kind == "moveItem":
            items.insert(body["newLocation"]["index"], items.pop(body["originalLocation"]["index"]))
    return items


def _question(item_id: str, title: str) -> dict:
    return {"itemId": item_id, "title": title, "questionItem": {"question": {"questionId": f"{item_id}-q"}}}


def test_any_shuffle_of_the_form_comes_back_in_order_with_staff_items_kept_in_theirs(referential):
    form = referential.forms["inscription"]
    titles = [question.title for question in form.questions]
    shuffled = random.Random(2026)
    for _ in range(300):
        ours = [_question(f"o{n}", title) for n, title in enumerate(titles)]
        shuffled.shuffle(ours)
        ours = ours[: shuffled.randint(0, len(ours))]  # the rest deleted by hand: made again
        by_hand = [{"itemId": f"s{n}", "title": f"Ajout {n}", "textItem": {}} for n in range(shuffled.randint(0, 4))]
        by_hand.append(_question("s-question", "Comment avez-vous connu le réseau ?"))
        dropped = [_question(f"d{n}", f"Question d'une ancienne version {n}") for n in range(shuffled.randint(0, 2))]
        items = ours + by_hand + dropped
        shuffled.shuffle(items)

        after = _applied(items, sync_requests(form, items, [item["itemId"] for item in ours + dropped]))
        kept = {item["itemId"] for item in by_hand}
        assert [item["title"] for item in after if item["itemId"] not in kept] == titles
        assert [item["itemId"] for item in after if item["itemId"] in kept] == [
            item["itemId"] for item in items if item["itemId"] in kept
        ]
        assert {item["itemId"] for item in ours} <= {item["itemId"] for item in after}  # answers keep their column
