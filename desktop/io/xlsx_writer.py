"""Writing xlsx quickly and safely: xlsxwriter in constant-memory mode, to a temporary file that
replaces the target only when complete (a cancelled or failed export leaves nothing half-written)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from desktop.io.files import replacing


class SheetSpec:
    """One sheet: a title line (optional), headers, and rows (any iterable, consumed once)."""

    def __init__(self, name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
                 title: str = "", widths: Sequence[int] | None = None, text_columns: Sequence[int] = ()) -> None:
        self.name = name[:31]
        self.headers = list(headers)
        self.rows = rows
        self.title = title
        self.widths = widths
        self.text_columns = set(text_columns)


def write_workbook(path: str | Path, sheets: Sequence[SheetSpec],
                   on_row: Callable[[int], None] | None = None,
                   before_replace: Callable[[], None] | None = None) -> int:
    """Write the sheets; ``on_row(n)`` is called every 1,000 rows (it may raise to cancel), and
    ``before_replace()`` once before the file is put in place (files.replacing).
    Returns the number of data rows written."""
    written = 0
    with replacing(path, before_replace) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_numbers": False,
                                              "strings_to_formulas": False, "strings_to_urls": False})
        bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        title_fmt = book.add_format({"bold": True, "font_size": 14})
        date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
        time_fmt = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        money_fmt = book.add_format({"num_format": "#,##0.00"})
        text_fmt = book.add_format({"num_format": "@"})
        for spec in sheets:
            sheet = book.add_worksheet(spec.name)
            row = 0
            if spec.title:
                sheet.write_string(0, 0, spec.title, title_fmt)
                row = 1
            for col, header in enumerate(spec.headers):
                sheet.write_string(row, col, header, bold)
                width = spec.widths[col] if spec.widths and col < len(spec.widths) else max(10, len(header) * 2 + 2)
                sheet.set_column(col, col, width, text_fmt if col in spec.text_columns else None)
            sheet.freeze_panes(row + 1, 0)
            header_row = row
            for values in spec.rows:
                row += 1
                for col, value in enumerate(values):
                    if value is None or value == "":
                        continue
                    if col in spec.text_columns or isinstance(value, str):
                        sheet.write_string(row, col, str(value))
                    elif isinstance(value, bool):
                        sheet.write_string(row, col, "是" if value else "否")
                    elif isinstance(value, datetime):
                        sheet.write_datetime(row, col, value.replace(tzinfo=None), time_fmt)
                    elif isinstance(value, date):
                        sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), date_fmt)
                    elif isinstance(value, Decimal):
                        sheet.write_number(row, col, float(value), money_fmt)
                    elif isinstance(value, int | float):
                        sheet.write_number(row, col, value)
                    else:
                        sheet.write_string(row, col, str(value))
                written += 1
                if on_row is not None and written % 1000 == 0:
                    on_row(written)
            if row > header_row:
                sheet.autofilter(header_row, 0, row, max(len(spec.headers) - 1, 0))
        close_book(book)
    return written


def close_book(book: xlsxwriter.Workbook) -> None:
    """Finish the workbook; a file-system error (a full disk, say) is raised as the OSError it is,
    not as xlsxwriter's FileCreateError wrapped around it."""
    try:
        book.close()
    except FileCreateError as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, OSError):
            raise cause from None
        raise


def write_table(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "Sheet1",
                title: str = "", text_columns: Sequence[int] = (),
                on_row: Callable[[int], None] | None = None, before_replace: Callable[[], None] | None = None) -> int:
    return write_workbook(path, [SheetSpec(sheet, headers, rows, title=title, text_columns=text_columns)], on_row,
                          before_replace)
