"""What every decision is given besides the rows: the time, the reference data, the secret that signs links."""

from dataclasses import dataclass
from datetime import datetime

from orientest.context.referential import Referential


@dataclass(frozen=True)
class Context:
    now: datetime
    referential: Referential
    secret: bytes = b""  # signs and checks the tokens in e-mail links; decisions that send none leave it empty
