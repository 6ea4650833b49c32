"""Charter revisions (charter §5: revised every year): every ambassador accepts the new version before new proposals."""

import re
from datetime import datetime, timedelta

from orientest.core.tokens import CHARTER, Claims

REMINDER_AFTER = timedelta(days=14)
VALID_FOR = timedelta(days=90)


def record_id(version: str) -> str:
    """`CHARTE-2027`: what a charter token is about (dots would break the token's fields)."""
    return "CHARTE-" + re.sub(r"[^A-Za-z0-9-]+", "-", version.strip())


def claims_for(ambassador_id: str, version: str, now: datetime) -> Claims:
    return Claims(record_id(version), ambassador_id, CHARTER, (now + VALID_FOR).date())
