"""What logs may show of a person: enough for staff to recognise a record, not enough to contact anyone."""

import re

_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+)((?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
# French numbers in any usual spelling: 0612345678, 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78
_PHONE = re.compile(r"(?<![\w.])(?:\+33\s?|0033\s?|0)[1-9](?:[\s.-]?\d{2}){4}(?![\w])")


def masked(text: str) -> str:
    """Addresses keep their first letter and domain (`c…@exemple.fr`), phone numbers their last two digits."""
    text = _EMAIL.sub(lambda m: f"{m.group(1)}…@{m.group(2)}{m.group(3)}", text)
    return _PHONE.sub(lambda m: "•• •• •• •• " + re.sub(r"\D", "", m.group(0))[-2:], text)
