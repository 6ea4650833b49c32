"""A1 notation for the Sheets API: quoted tab names, column letters."""


def quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """A → 0, Z → 25, AA → 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1
