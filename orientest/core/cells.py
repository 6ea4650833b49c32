"""Cell values every layer reads or writes alike: an e-mail address, an `Anomalies` cell, a list of IDs."""

from email_validator import EmailNotValidError, validate_email


def email_address(text: str) -> str:
    """The address, normalised (domain in lower case), or "" when it is not one."""
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        return ""


def with_lines(current: str, lines: list[str]) -> str:
    """An `Anomalies` cell with `lines` added, each once, after those already there."""
    kept = [line for line in current.splitlines() if line.strip()]
    return "\n".join(kept + [line for line in dict.fromkeys(lines) if line not in kept])


def ids(cell: str) -> tuple[str, ...]:
    """An `Ambassadeur` or `Proposée à` cell: the IDs it lists."""
    return tuple(part.strip() for part in cell.split(",") if part.strip())
