"""Plans and outcomes printed for a person at a terminal."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.table import Table

from orientest.core.plan import Plan

console = Console()


def print_plan(plan: Plan) -> None:
    """What a run would do: row updates, rows appended, e-mails, journal entries."""
    updates = Table(title=f"{plan.flow} — lignes à mettre à jour ({len(plan.updates)})", show_lines=False)
    for column in ("Onglet", "Ligne", "Colonnes"):
        updates.add_column(column, overflow="fold")
    for update in plan.updates:
        shown = " · ".join(f"{title} = {value[:60]!r}" for title, value in update.values.items() if value)
        updates.add_row(update.tab, str(update.key), shown)
    emails = Table(title=f"e-mails à envoyer ({len(plan.emails)})")
    for column in ("Modèle", "Destinataire", "Référence", "Clé"):
        emails.add_column(column, overflow="fold")
    for email in plan.emails:
        emails.add_row(email.template, ", ".join(email.to), email.record_id, email.key)
    console.print(updates)
    console.print(emails)
    console.print(f"{len(plan.appends)} ligne(s) à ajouter, {len(plan.journal)} entrée(s) de journal.")
    if plan.is_empty():
        console.print("Rien à faire.")


@contextmanager
def prefect_lines_hidden() -> Iterator[None]:
    """Prefect's own console lines (temporary server, task retries, tracebacks) stay in its UI and logs: the person at
    the terminal reads one French line instead."""
    from prefect.logging.handlers import PrefectConsoleHandler

    handlers = [h for h in logging.getLogger().handlers if isinstance(h, PrefectConsoleHandler)]
    levels = [handler.level for handler in handlers]
    for handler in handlers:
        handler.setLevel(logging.CRITICAL + 1)
        handler.addFilter(_temporary_server_lines)  # its « Stopping » line comes at exit, after the block
    try:
        yield
    finally:
        for handler, level in zip(handlers, levels, strict=True):
            handler.setLevel(level)


def _temporary_server_lines(record: logging.LogRecord) -> bool:
    return not (record.name == "prefect" and "temporary server" in record.getMessage())
