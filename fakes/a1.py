"""A1 notation as the Sheets API reads it: `'Tab name'!B2:D`, `Tab!A:A`, `Tab`."""

import re
from dataclasses import dataclass

_CELL = re.compile(r"([A-Z]*)(\d*)")


@dataclass(frozen=True)
class GridRange:
    """0-based, end exclusive; None means open (to the edge of the grid)."""

    title: str | None
    start_row: int
    start_column: int
    end_row: int | None
    end_column: int | None


def column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def parse(notation: str) -> GridRange:
    title, cells = _split(notation)
    if cells is None:
        return GridRange(title, 0, 0, None, None)
    first, _, last = cells.upper().partition(":")
    start_column, start_row = _corner(first, 0)
    end_column, end_row = _corner(last or first, 1) if last or first else (None, None)
    if not last:  # a single cell
        end_column, end_row = start_column + 1, start_row + 1
    return GridRange(title, start_row, start_column, end_row, end_column)


def _split(notation: str) -> tuple[str | None, str | None]:
    if notation.startswith("'"):
        closing = notation.index("'!", 1) if "'!" in notation else len(notation) - 1
        title = notation[1:closing].replace("''", "'")
        rest = notation[closing + 2 :] if notation[closing + 1 : closing + 2] == "!" else None
        return title, rest or None
    if "!" in notation:
        title, _, rest = notation.partition("!")
        return title, rest or None
    if _CELL.fullmatch(notation.split(":")[0].upper()) and any(ch.isdigit() for ch in notation):
        return None, notation
    return notation, None


def _corner(text: str, offset: int) -> tuple[int | None, int | None]:
    found = _CELL.fullmatch(text)
    if not found:
        raise ValueError(f"Unable to parse range: {text}")
    letters, digits = found.groups()
    column = column_index(letters) + offset if letters else (0 if offset == 0 else None)
    row = int(digits) - 1 + offset if digits else (0 if offset == 0 else None)
    return column, row


def quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"
