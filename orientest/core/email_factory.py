"""The one e-mail factory: every message a decision plans, keyed the same way, with the team as reply-to."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from orientest.core.invitations import Invitation
from orientest.core.plan import Email

if TYPE_CHECKING:  # parameters plan their own e-mail with this factory
    from orientest.core.parameters import Parameters


def key(template: str, *unique: object) -> str:
    """`template:part:part…`: the template, then what makes this message unique (record, person, round…)."""
    return ":".join((template, *(str(part) for part in unique)))


def email(
    parameters: Parameters,
    template: str,
    to: str | Iterable[str],
    record_id: str,
    context: Mapping[str, Any],
    *unique: object,
    key_name: str = "",
    reply_to: str | None = None,
    invitations: tuple[Invitation, ...] = (),
    attach: tuple[str, ...] = (),
    reply_key: str = "",
    must_reach: bool = False,
) -> Email:
    """An e-mail from `template`, keyed by `key_name` (the template by default) and `unique`, signed with the
    sender name of `Paramètres`; replies go to the team unless `reply_to` says otherwise."""
    recipients = (to,) if isinstance(to, str) else tuple(to)
    return Email(
        key(key_name or template, *unique),
        template,
        recipients,
        record_id,
        context,
        parameters.staff_email if reply_to is None else reply_to,
        parameters.sender_name,
        invitations=invitations,
        attach=attach,
        reply_key=reply_key,
        must_reach=must_reach,
    )
