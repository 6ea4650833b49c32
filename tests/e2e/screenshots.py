"""A tab as LibreOffice Calc draws it, saved as a PNG: what staff see on opening it (its first columns and rows).
Needs Debian's LibreOffice Calc and poppler-utils (`pdftoppm`)."""

import shutil
import subprocess
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter


def converted(soffice: str, path: Path, target: str, folder: Path, profile: Path) -> subprocess.CompletedProcess:
    """`path` opened by a headless LibreOffice (its own profile) and saved as `target` into `folder`."""
    command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target]
    return subprocess.run([*command, "--outdir", str(folder), str(path)], capture_output=True, text=True, timeout=240)


def screenshot(soffice: str, workbook: Path, tab: str, target: Path, columns: int = 10, rows: int = 30) -> str:
    """`tab` of `workbook` drawn by LibreOffice into `target` (PNG): the sheet alone, its first `columns` × `rows`
    cells on one page; returns the page's text as LibreOffice printed it (dates as they are shown)."""
    work = target.parent.resolve() / f".{target.stem}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    book = load_workbook(workbook)
    for name in book.sheetnames:
        if name != tab:
            book.remove(book[name])
    sheet = book[tab]
    sheet.print_area = f"A1:{get_column_letter(columns)}{rows}"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # the area on one page, as a screen would show it
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 1
    sheet.print_options.gridLines = True
    alone = work / f"{target.stem}.xlsx"
    book.save(alone)
    done = converted(soffice, alone, "pdf", work, work / "profil")
    printed = work / f"{target.stem}.pdf"
    if done.returncode != 0 or not printed.exists():
        raise RuntimeError(done.stderr[-2000:])
    # Calc draws the page as PDF; poppler turns its first page into pixels (Calc's own PNG export needs Draw).
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", str(printed), str(work / target.stem)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    shown = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(printed), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    drawn = work / f"{target.stem}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    drawn.replace(target)
    shutil.rmtree(work, ignore_errors=True)
    return shown
