"""Cell values every layer reads or writes alike: an e-mail address, a web address, an `Anomalies` cell, a list of
IDs."""

import re

from email_validator import EmailNotValidError, validate_email

_WEB_ADDRESS = re.compile(r"https?://[^\s/]+\.[^\s]+", re.IGNORECASE)


def email_address(text: str) -> str:
    """The address, normalised (domain in lower case), or "" when it is not one."""
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        return ""


def web_address(text: str) -> str:
    """The address of a page (https://…), or "" when `text` is not one a reader could open."""
    return text.strip() if _WEB_ADDRESS.fullmatch(text.strip()) else ""


def with_lines(current: str, lines: list[str]) -> str:
    """An `Anomalies` cell with `lines` added, each once, after those already there."""
    kept = [line for line in current.splitlines() if line.strip()]
    return "\n".join(kept + [line for line in dict.fromkeys(lines) if line not in kept])


def ids(cell: str) -> tuple[str, ...]:
    """An `Ambassadeur` or `Proposée à` cell: the IDs it lists."""
    return tuple(part.strip() for part in cell.split(",") if part.strip())
