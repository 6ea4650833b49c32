"""Record IDs: given once, never reused, readable over the phone."""

import re
from collections import defaultdict
from collections.abc import Iterable

_AMBASSADOR = re.compile(r"^AMB-(\d+)$")
_REQUEST = re.compile(r"^DEM-(\d{4})-(\d+)$")


class IdAllocator:
    """Hands out the next free ID after those already in the workbook."""

    def __init__(self, existing: Iterable[str]):
        self.last_ambassador = 0
        self.last_request: dict[int, int] = defaultdict(int)
        for record_id in existing:
            if match := _AMBASSADOR.match(record_id):
                self.last_ambassador = max(self.last_ambassador, int(match[1]))
            elif match := _REQUEST.match(record_id):
                year = int(match[1])
                self.last_request[year] = max(self.last_request[year], int(match[2]))

    def ambassador(self) -> str:
        self.last_ambassador += 1
        return f"AMB-{self.last_ambassador:05d}"

    def request(self, year: int) -> str:
        self.last_request[year] += 1
        return f"DEM-{year}-{self.last_request[year]:05d}"
