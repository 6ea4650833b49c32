"""A move to the archive, checked row for row: what the archive holds already is not copied twice, and nothing
leaves the live workbook before the archive, read back, holds it."""

from collections import Counter
from collections.abc import Iterable

from orientest.core.plan import held
from orientest.core.schema import Row


def missing(selected: Iterable[Row], archived: Iterable[Row]) -> list[Row]:
    """The selected rows the archive does not hold yet (a row selected twice must be there twice)."""
    there = Counter(held(row.values) for row in archived)
    left = []
    for row in selected:
        found = held(row.values)
        if there[found]:
            there[found] -= 1
        else:
            left.append(row)
    return left
