"""Writing a few cells into a large .xlsx without loading it: only the rows that change are rewritten.

An .xlsx is a zip of XML parts. openpyxl would parse every cell of every sheet and write them all back (tens of
seconds and a gigabyte at 75,000 rows); here each changed sheet's XML is scanned once for its row tags, the changed
rows are rebuilt, new rows are inserted in order, and every other byte — styles, drop-downs, colours, formulas,
cells nobody touches — is copied as it was. Excel, LibreOffice and openpyxl all write the row tags this relies on.
"""

import re
import shutil
import zipfile
from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from openpyxl.utils import column_index_from_string, get_column_letter

from connectors.workbook import serial

Value = str | date | float  # a date is stored as its serial day under a JJ/MM/AAAA format, a number as a number
CellEdits = Mapping[int, Mapping[int, Value]]  # line → column (0-based) → value, "" to empty the cell

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PREFIX = rb"(?:[\w.-]+:)?"
_SHEET_DATA = re.compile(rb"<(" + _PREFIX + rb")sheetData\b[^>]*?(/?)>")
_ROW = re.compile(rb"<(" + _PREFIX + rb")row\b([^>]*?)(/?)>")
_CELL = re.compile(rb"<" + _PREFIX + rb"c\b([^>]*?)(?:/>|>.*?</" + _PREFIX + rb"c>)", re.S)
_REFERENCE = re.compile(rb'(?:^|\s)r="([A-Z]*)(\d*)"')
_STYLE = re.compile(rb'(?:^|\s)s="(\d+)"')
_SPANS = re.compile(rb'\sspans="[^"]*"')
_HEIGHT = re.compile(rb'\s(?:ht|customHeight)="[^"]*"')
_DIMENSION = re.compile(rb"(<" + _PREFIX + rb'dimension\b[^>]*?\sref=")([^"]*)(")')
_CELL_XFS = re.compile(r"<((?:[\w.-]+:)?)cellXfs\b([^>]*)>(.*?)</\1cellXfs>", re.S)
_XF = re.compile(r"<(?:[\w.-]+:)?xf\b([^>]*?)/?>")
_COUNT = re.compile(r'\scount="\d*"')
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_COPY_CHUNK = 1 << 20
_MAX_CELL = 32_767  # the most a cell holds in Excel; a longer text makes it « repair » the file
_CALC_CHAIN = "xl/calcChain.xml"
_CALC_CHAIN_LINKS = {
    "[Content_Types].xml": re.compile(r'<(?:[\w.-]+:)?Override\b[^>]*PartName="/xl/calcChain\.xml"[^>]*/>'),
    "xl/_rels/workbook.xml.rels": re.compile(r'<(?:[\w.-]+:)?Relationship\b[^>]*Target="[^"]*calcChain\.xml"[^>]*/>'),
}


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part inside the zip, from the workbook and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {relation.get("Id"): relation.get("Target", "") for relation in relations}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_RELATIONSHIP), "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = path
    return parts


def patch(
    source: Path,
    target: Path,
    edits: Mapping[str, CellEdits],
    heights: Mapping[str, Mapping[int, float]] | None = None,
    removed: Mapping[str, Set[int]] | None = None,
) -> None:
    """Copy `source` to `target` with `edits` (sheet name → cell edits) applied, the rows of `heights` (sheet name
    → line → points) that tall, and the lines of `removed` (sheet name → lines) deleted, the lines below moving up;
    every other part as it was."""
    with zipfile.ZipFile(source) as archive:
        parts = sheet_parts(archive)
        changed = {parts[name]: sheet_edits for name, sheet_edits in edits.items() if sheet_edits}
        gone = {parts[name]: lines for name, lines in (removed or {}).items() if lines}
        tall = {parts[name]: lines for name, lines in (heights or {}).items() if name in parts}
        styles, found = _styles_for(archive, changed)
        replaced = {"xl/styles.xml": styles} if styles is not None else {}
        if _CALC_CHAIN in archive.namelist():
            # Excel's record of formula cells goes stale once a cell changes; without it, Excel rebuilds it.
            for name, pattern in _CALC_CHAIN_LINKS.items():
                replaced[name] = pattern.sub("", archive.read(name).decode("utf-8"))
        # Level 1: a fifth larger than Excel's files, compressed twice as fast; every part is compressed again.
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as written:
            for info in archive.infolist():
                if info.filename == _CALC_CHAIN:
                    continue
                with written.open(info.filename, "w") as copy:
                    if info.filename in gone:
                        for piece in without_lines(archive.read(info), gone[info.filename]):
                            copy.write(piece)
                    elif info.filename in changed:
                        wanted = replace(found, heights=tall.get(info.filename, {}))
                        for piece in patched_pieces(archive.read(info), changed[info.filename], wanted):
                            copy.write(piece)
                    elif info.filename in replaced:
                        copy.write(replaced[info.filename].encode("utf-8"))
                    else:
                        with archive.open(info) as original:
                            shutil.copyfileobj(original, copy, _COPY_CHUNK)


def _styles_for(archive: zipfile.ZipFile, changed: Mapping[str, CellEdits]) -> "tuple[str | None, _Styles]":
    """`styles.xml` with the formats the new values need (None: unchanged), and their indexes."""
    values = [value for sheet in changed.values() for cells in sheet.values() for value in cells.values()]
    quoted = any(isinstance(value, str) and _needs_quote(value) for value in values)
    dated = any(isinstance(value, date) for value in values)
    styles = archive.read("xl/styles.xml").decode() if quoted or dated else None
    found = _Styles()
    if styles is not None and quoted:
        styles, found.quote = _with_quote_style(styles)
    if styles is not None and dated:
        styles, found.day = _with_date_style(styles)
    return styles, found


@dataclass
class _Styles:
    """The cell formats new cells may need, by their index in `cellXfs`."""

    quote: int | None = None  # text typed with a quote: never read as a formula
    day: int | None = None  # JJ/MM/AAAA
    columns: dict[int, str] | None = None  # a column's own format (wrapped text…), for the cells it gets new
    heights: Mapping[int, float] | None = None  # line → points: rows whose wrapped text needs more than one line


def patch_sheet(xml: bytes, edits: CellEdits, quote_style: int | None = None) -> bytes:
    """The sheet's XML with each edited line's cells replaced and missing lines inserted in order."""
    return b"".join(patched_pieces(xml, edits, _Styles(quote_style)))


def patched_pieces(xml: bytes, edits: CellEdits, quote_style: "_Styles | None" = None) -> Iterator[bytes | memoryview]:
    """`patch_sheet` in pieces, to be written one after the other: the sheet is never copied whole."""
    data = _SHEET_DATA.search(xml)
    if data is None:
        raise ValueError("feuille sans <sheetData>")
    prefix = data.group(1).decode()
    quote_style = replace(quote_style or _Styles(), columns=_column_styles(xml[: data.start()]))
    view = memoryview(xml)
    yield _grown_dimension(xml[: data.start()], edits)
    if data.group(2):  # <sheetData/>: no rows at all yet
        rows = "".join(_new_row(prefix, line, edits[line], quote_style) for line in sorted(edits))
        yield f"<{prefix}sheetData>{rows}</{prefix}sheetData>".encode()
        yield view[data.end() :]
        return
    yield view[data.start() : data.end()]
    end = xml.index(f"</{prefix}sheetData>".encode(), data.end())
    pending = sorted(edits)
    copied, line = data.end(), 0
    for row in _ROW.finditer(xml, data.end(), end):
        reference = _REFERENCE.search(row.group(2))
        line = int(reference.group(2)) if reference and reference.group(2) else line + 1
        while pending and pending[0] < line:
            yield view[copied : row.start()]
            yield _new_row(prefix, pending[0], edits[pending.pop(0)], quote_style).encode()
            copied = row.start()
        if pending and pending[0] == line:
            closing = b"</" + row.group(1) + b"row>"
            content_end = row.end() if row.group(3) else xml.index(closing, row.end())
            yield view[copied : row.start()]
            yield _rewritten_row(row, xml[row.end() : content_end], line, edits[pending.pop(0)], quote_style)
            copied = content_end if row.group(3) else content_end + len(closing)
    yield view[copied:end]
    yield "".join(_new_row(prefix, line, edits[line], quote_style) for line in pending).encode()
    yield view[end:]


def without_lines(xml: bytes, lines: Set[int]) -> Iterator[bytes | memoryview]:
    """The sheet's XML without `lines`, every line below renumbered to move up (as « delete rows » in a spreadsheet)."""
    data = _SHEET_DATA.search(xml)
    if data is None or data.group(2):
        yield xml
        return
    view = memoryview(xml)
    end = xml.index(b"</" + data.group(1) + b"sheetData>", data.end())
    copied, line, dropped = data.end(), 0, 0
    yield view[:copied]
    for row in _ROW.finditer(xml, data.end(), end):
        reference = _REFERENCE.search(row.group(2))
        line = int(reference.group(2)) if reference and reference.group(2) else line + 1
        closing = b"</" + row.group(1) + b"row>"
        row_end = row.end() if row.group(3) else xml.index(closing, row.end()) + len(closing)
        if line in lines or dropped:
            yield view[copied : row.start()]
            copied = row_end
            if line in lines:
                dropped += 1
            else:
                yield _renumbered(xml[row.start() : row_end], line - dropped)
    yield view[copied:]


_CELL_REFERENCE = re.compile(rb'(<(?:[\w.-]+:)?c\b[^>]*?\sr="[A-Z]+)\d+(")')
_ROW_REFERENCE = re.compile(rb'^(<(?:[\w.-]+:)?row\b[^>]*?\sr=")\d+(")')


def _renumbered(row: bytes, line: int) -> bytes:
    number = str(line).encode()
    row = _ROW_REFERENCE.sub(lambda m: m.group(1) + number + m.group(2), row, count=1)
    return _CELL_REFERENCE.sub(lambda m: m.group(1) + number + m.group(2), row)


def _rewritten_row(row: re.Match, content: bytes, line: int, edits: Mapping[int, Value], quote_style: _Styles) -> bytes:
    prefix = row.group(1).decode()
    cells: dict[int, bytes] = {}
    column = -1
    for cell in _CELL.finditer(content):
        reference = _REFERENCE.search(cell.group(1))
        letters = reference.group(1).decode() if reference else ""
        column = column_index_from_string(letters) - 1 if letters else column + 1
        cells[column] = cell.group(0)
    for column, text in edits.items():
        style = _STYLE.search(cells[column]) if column in cells else None
        own = style.group(1).decode() if style else (quote_style.columns or {}).get(column)
        cells[column] = _cell(prefix, line, column, text, own, quote_style).encode()
    body = b"".join(cells[column] for column in sorted(cells))
    attributes = _SPANS.sub(b"", row.group(2))  # the span hint would no longer be true
    if (height := (quote_style.heights or {}).get(line)) is not None:
        attributes = _HEIGHT.sub(b"", attributes) + f' ht="{height:g}" customHeight="1"'.encode()
    return b"<" + row.group(1) + b"row" + attributes + b">" + body + b"</" + row.group(1) + b"row>"


def _new_row(prefix: str, line: int, edits: Mapping[int, Value], quote_style: _Styles) -> str:
    columns = quote_style.columns or {}
    body = "".join(
        _cell(prefix, line, column, edits[column], columns.get(column), quote_style) for column in sorted(edits)
    )
    height = (quote_style.heights or {}).get(line)
    tall = f' ht="{height:g}" customHeight="1"' if height is not None else ""
    return f'<{prefix}row r="{line}"{tall}>{body}</{prefix}row>'


def _cell(prefix: str, line: int, column: int, value: Value, style: str | None, styles: _Styles) -> str:
    """An inline string (a value written by a flow is never a formula), or a date or number `typed` by the caller."""
    reference = f"{get_column_letter(column + 1)}{line}"
    if isinstance(value, date):
        number, style = str(serial(value)), str(styles.day) if styles.day is not None else style
    elif isinstance(value, float):
        number = str(int(value)) if value.is_integer() else repr(value)
    if not isinstance(value, str):
        styled = f' s="{style}"' if style else ""
        return f'<{prefix}c r="{reference}"{styled}><{prefix}v>{number}</{prefix}v></{prefix}c>'
    text = value
    if styles.quote is not None and _needs_quote(text):
        style = str(styles.quote)  # the cell stays text when staff edit it, too
    text = text[:_MAX_CELL]
    styled = f' s="{style}"' if style else ""
    if not text:
        return f'<{prefix}c r="{reference}"{styled}/>' if style else ""
    return (
        f'<{prefix}c r="{reference}"{styled} t="inlineStr"><{prefix}is>'
        f'<{prefix}t xml:space="preserve">{escape(text)}</{prefix}t></{prefix}is></{prefix}c>'
    )


def _needs_quote(text: str) -> bool:
    return text.startswith(_FORMULA_START)


def _with_quote_style(styles: str) -> tuple[str, int | None]:
    """The styles part holding a plain « text, typed with a quote » cell format, and that format's index."""
    found = _CELL_XFS.search(styles)
    if found is None:
        return styles, None
    prefix, attributes, body = found.groups()
    formats = list(_XF.finditer(body))
    for index, xf in enumerate(formats):
        if 'quotePrefix="1"' in xf.group(1) and all(
            f'{name}="0"' in xf.group(1) for name in ("numFmtId", "fontId", "fillId", "borderId")
        ):
            return styles, index
    quoted = f'<{prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    replacement = (
        f'<{prefix}cellXfs{_COUNT.sub("", attributes)} count="{len(formats) + 1}">{body}{quoted}</{prefix}cellXfs>'
    )
    return styles[: found.start()] + replacement + styles[found.end() :], len(formats)


def _with_date_style(styles: str) -> tuple[str, int | None]:
    """The styles part holding a JJ/MM/AAAA cell format (its number format declared if need be), and its index."""
    found = _CELL_XFS.search(styles)
    if found is None:
        return styles, None
    declared = re.search(r'<(?:[\w.-]+:)?numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="dd/mm/yyyy"', styles)
    if declared:
        code = int(declared.group(1))
    else:
        taken = [int(n) for n in re.findall(r'<(?:[\w.-]+:)?numFmt\b[^>]*numFmtId="(\d+)"', styles)]
        code = max([163, *taken]) + 1
        styles = _declared_format(styles, code)
        found = _CELL_XFS.search(styles)
        assert found is not None
    prefix, attributes, body = found.groups()
    formats = list(_XF.finditer(body))
    for index, xf in enumerate(formats):
        if f'numFmtId="{code}"' in xf.group(1) and 'fontId="0"' in xf.group(1) and 'fillId="0"' in xf.group(1):
            return styles, index
    day = (
        f'<{prefix}xf numFmtId="{code}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
        f'applyAlignment="1"><{prefix}alignment vertical="top"/></{prefix}xf>'
    )
    replacement = (
        f'<{prefix}cellXfs{_COUNT.sub("", attributes)} count="{len(formats) + 1}">{body}{day}</{prefix}cellXfs>'
    )
    return styles[: found.start()] + replacement + styles[found.end() :], len(formats)


def _declared_format(styles: str, code: int) -> str:
    """`styles` with the number format JJ/MM/AAAA declared under `code` (`numFmts` comes first in a style sheet)."""
    numbers = re.search(r"<((?:[\w.-]+:)?)numFmts\b([^>]*?)(?:/>|>(.*?)</\1numFmts>)", styles, re.S)
    if numbers:  # openpyxl writes an empty one as `<numFmts count="0"/>`
        prefix, attributes, body = numbers.group(1), numbers.group(2), numbers.group(3) or ""
        count = len(re.findall(r"<(?:[\w.-]+:)?numFmt\b", body)) + 1
        element = f'<{prefix}numFmt numFmtId="{code}" formatCode="dd/mm/yyyy"/>'
        grown = f'<{prefix}numFmts{_COUNT.sub("", attributes)} count="{count}">{body}{element}</{prefix}numFmts>'
        return styles[: numbers.start()] + grown + styles[numbers.end() :]
    sheet = re.search(r"<((?:[\w.-]+:)?)styleSheet\b[^>]*>", styles)
    if sheet is None:
        return styles
    prefix = sheet.group(1)
    element = (
        f'<{prefix}numFmts count="1"><{prefix}numFmt numFmtId="{code}" formatCode="dd/mm/yyyy"/></{prefix}numFmts>'
    )
    return styles[: sheet.end()] + element + styles[sheet.end() :]


_COLUMN = re.compile(rb"<(?:[\w.-]+:)?col\b([^>]*?)/?>")
_SPAN = re.compile(rb'(?:^|\s)(min|max|style)="(\d+)"')


def _column_styles(head: bytes) -> dict[int, str]:
    """0-based column → the format its `<col>` declares, from the part of the sheet before its cells."""
    styles = {}
    for column in _COLUMN.finditer(head):
        found = {name.decode(): int(value) for name, value in _SPAN.findall(column.group(1))}
        if "style" in found and found["style"] and "min" in found:
            for index in range(found["min"] - 1, min(found.get("max", found["min"]), found["min"] + 200)):
                styles[index] = str(found["style"])
    return styles


def _grown_dimension(head: bytes, edits: CellEdits) -> bytes:
    """The sheet's declared used range, stretched over the cells about to be written."""
    found = _DIMENSION.search(head)
    if found is None:
        return head
    last = found.group(2).decode().split(":")[-1]
    letters = last.rstrip("0123456789")
    try:
        max_column = column_index_from_string(letters) if letters else 1
        max_line = int(last[len(letters) :] or 1)
    except ValueError:
        return head
    max_line = max(max_line, 1, *edits)
    max_column = max(max_column, 1, *(column + 1 for cells in edits.values() for column in cells))
    reference = f"A1:{get_column_letter(max_column)}{max_line}".encode()
    return head[: found.start(2)] + reference + head[found.end(2) :]
