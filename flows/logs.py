"""Logs of a run: Prefect's run logger inside a flow run (they reach the UI), `orientest` elsewhere; always masked."""

import logging

from prefect import get_run_logger
from prefect.exceptions import MissingContextError

from orientest.core.masking import masked


class MaskedLogger(logging.LoggerAdapter):
    """Addresses and phone numbers are masked before the message leaves the process."""

    def log(self, level, msg, *args, **kwargs):
        if self.isEnabledFor(level):
            self.logger.log(level, masked(str(msg) % args if args else str(msg)), **kwargs)


def run_logger() -> MaskedLogger:
    try:
        base = get_run_logger()
    except MissingContextError:
        base = logging.getLogger("orientest")
    return MaskedLogger(base, {})
