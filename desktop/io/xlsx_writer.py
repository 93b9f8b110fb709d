"""Writing xlsx quickly and safely: xlsxwriter in constant-memory mode, to a temporary file that
replaces the target only when complete (a cancelled or failed export leaves nothing half-written)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from desktop.io.files import replacing

MAX_CELL_TEXT = 32767  # Excel's longest cell text: a longer one makes Excel call the file corrupt
WIDTH_SAMPLE = 200  # the first rows whose contents set the columns' widths (not every row: big exports)
MAX_WIDTH = 60
_SHEET_BAD = str.maketrans({c: "_" for c in "[]:*?/\\"})


def sheet_name(name: str) -> str:
    """A name Excel and WPS accept for a sheet: none of [ ] : * ? / \\, not starting or ending with an
    apostrophe, not empty, at most 31 characters (a department's or region's own name may hold any)."""
    return name.translate(_SHEET_BAD).strip()[:31].strip("'") or "Sheet1"


def text_width(value: Any) -> int:
    """How many character widths a cell's value takes on screen (a Chinese character two)."""
    if value is None:
        return 0
    if isinstance(value, str):
        return len(value) + sum(1 for ch in value if ord(ch) >= 0x2E80)
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, Decimal | float):
        return len(f"{value:,.2f}")
    return len(str(value))


def fit_widths(headers: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[int] | None
               ) -> tuple[list[int], Iterator[Sequence[Any]]]:
    """Column widths for ``headers``: those given, else wide enough for the header and for what the
    first :data:`WIDTH_SAMPLE` rows hold (an 18-digit ID number, an address), at most :data:`MAX_WIDTH`.
    Returns the widths and the rows to write (the sampled ones put back in front)."""
    n = len(headers)
    if widths is not None and len(widths) >= n:
        return list(widths[:n]), iter(rows)
    it = iter(rows)
    sample = list(itertools.islice(it, WIDTH_SAMPLE))
    out = [max(10, text_width(h) + 2) for h in headers]
    for values in sample:
        for col, value in enumerate(values[:n]):
            w = text_width(value) + 2
            if w > out[col]:
                out[col] = min(w, MAX_WIDTH)
    if widths:
        out[:len(widths)] = widths
    return out, itertools.chain(sample, it)


class SheetSpec:
    """One sheet: a title line (optional), headers, and rows (any iterable, consumed once)."""

    def __init__(self, name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
                 title: str = "", widths: Sequence[int] | None = None, text_columns: Sequence[int] = (),
                 empty_note: str = "") -> None:
        self.name = sheet_name(name)
        self.headers = list(headers)
        self.rows = rows
        self.title = title
        self.widths = widths
        self.text_columns = set(text_columns)
        self.empty_note = empty_note  # written under the header when there are no rows (else header only)


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
            widths, rows = fit_widths(spec.headers, spec.rows, spec.widths)
            for col, header in enumerate(spec.headers):
                sheet.write_string(row, col, header, bold)
                sheet.set_column(col, col, widths[col], text_fmt if col in spec.text_columns else None)
            sheet.freeze_panes(row + 1, 0)
            header_row = row
            print_setup(sheet, header_row, widths)
            for values in rows:
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
            elif spec.empty_note:
                sheet.write_string(row + 1, 0, spec.empty_note)
        close_book(book)
    return written


PORTRAIT_WIDTH = 95  # the character widths an A4 page holds upright; a wider table is printed across


def print_setup(sheet: Any, header_row: int, widths: Sequence[int], last_header_row: int | None = None) -> None:
    """A list printed from Excel or WPS: its header (rows ``header_row`` … ``last_header_row``, 0-based)
    again at the top of every page, all its columns on the page's width (a visit list's 13 columns
    across, not its address and handwriting column on further sheets of paper), and 第 n 页,共 N 页 at
    the foot (a page missing from a posted list is seen)."""
    sheet.set_paper(9)  # A4
    if sum(widths) > PORTRAIT_WIDTH:
        sheet.set_landscape()
    sheet.repeat_rows(header_row, header_row if last_header_row is None else last_header_row)
    sheet.fit_to_pages(1, 0)
    sheet.set_footer("&C第 &P 页,共 &N 页")


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
                title: str = "", text_columns: Sequence[int] = (), empty_note: str = "",
                on_row: Callable[[int], None] | None = None, before_replace: Callable[[], None] | None = None) -> int:
    return write_workbook(path, [SheetSpec(sheet, headers, rows, title=title, text_columns=text_columns,
                                           empty_note=empty_note)], on_row, before_replace)
