"""Run by Debian's own Python (it has LibreOffice's `uno`): opens a workbook in a headless LibreOffice Calc, sorts a
tab by one column as a person would (Données → Trier, ascending, header row kept), and prints that column's cells
as LibreOffice shows them, one JSON list. Usage: python3 libreoffice_sort.py SOFFICE WORKBOOK TAB COLUMN PROFILE."""

import json
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table import TableSortField


def _property(name, value):
    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def main(soffice, path, tab, title, profile):
    pipe = f"orientest-{uuid.uuid4().hex[:8]}"
    office = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;",
        ]
    )
    try:
        resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext()
        )
        for _ in range(240):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(path), "_blank", 0, (_property("Hidden", True),)
        )
        sheet = document.Sheets.getByName(tab)
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        last_column, last_row = cursor.RangeAddress.EndColumn, cursor.RangeAddress.EndRow
        headers = [sheet.getCellByPosition(column, 0).String for column in range(last_column + 1)]
        column = headers.index(title)
        area = sheet.getCellRangeByPosition(0, 0, last_column, last_row)
        field = TableSortField()
        field.Field, field.IsAscending = column, True
        descriptor = area.createSortDescriptor()
        for item in descriptor:
            if item.Name == "SortFields":
                item.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
            elif item.Name == "ContainsHeader":
                item.Value = True
        area.sort(descriptor)
        shown = [sheet.getCellByPosition(column, row).String for row in range(1, last_row + 1)]
        document.close(True)
        print(json.dumps(shown))
    finally:
        office.terminate()
        office.wait(timeout=60)


if __name__ == "__main__":
    main(*sys.argv[1:6])
