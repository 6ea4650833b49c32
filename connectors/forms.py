"""Pre-filled Google Forms links: opening one only shows the form; submitting it is what acts."""

from collections.abc import Callable
from urllib.parse import parse_qs, urlencode, urlsplit

from connectors.settings import Settings


def answer_links(settings: Settings) -> Callable[[str, str], str]:
    """`answer_link(token, "J'accepte")` for the templates."""
    def answer_link(token: str, answer: str) -> str:
        query = urlencode({"usp": "pp_url", settings.answer_form_token_entry: token,
                           settings.answer_form_answer_entry: answer})
        return f"{settings.answer_form_url}?{query}"
    return answer_link


def feedback_links(settings: Settings) -> Callable[[str], str]:
    """`feedback_link(token)` for the templates: the feedback form with the token already filled in."""
    def feedback_link(token: str) -> str:
        query = urlencode({"usp": "pp_url", settings.feedback_form_token_entry: token})
        return f"{settings.feedback_form_url}?{query}"
    return feedback_link


def prefilled(link: str, settings: Settings) -> tuple[str, str]:
    """The token and the answer a pre-filled answer link carries (what Forms would put in the row)."""
    query = parse_qs(urlsplit(link).query)
    return query.get(settings.answer_form_token_entry, [""])[0], query.get(settings.answer_form_answer_entry, [""])[0]
