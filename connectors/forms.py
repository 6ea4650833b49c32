"""Pre-filled form links for the e-mails: opening one only shows the form; submitting it is what acts."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from orientest.forms.registry import FormAddress


def template_links(registry: Mapping[str, FormAddress]) -> dict[str, Any]:
    """The form addresses and link makers the templates use, from the `Formulaires` tab of this run."""
    answer, feedback, group, event = (
        registry["reponse"],
        registry["retour"],
        registry["participants"],
        registry["rencontre"],
    )
    return {
        "signup_form_url": registry["inscription"].url,
        "request_form_url": registry["demande"].url,
        "update_form_url": registry["mise_a_jour"].url,
        "answer_link": lambda token, choice: answer.link({"Jeton": token, "Réponse": choice}),
        "feedback_link": lambda token: feedback.link({"Jeton": token}),
        "event_link": lambda token, choice: event.link({"Jeton": token, "Inscription": choice}),
        # Optional: an e-mail sent before staff create this newer form goes without it rather than not at all.
        "participants_link": lambda token: (
            group.link({"Jeton": token}) if token and not group.unready(["Jeton"]) else ""
        ),
    }


def prefilled(link: str, form: FormAddress) -> dict[str, str]:
    """The answers a pre-filled link of `form` carries, by question (what the form would write in its row)."""
    query = parse_qs(urlsplit(link).query)
    return {title: query[parameter][0] for title, parameter in form.prefill.items() if parameter in query}
