"""Error workbooks: the rows a department (or a sub-district filling the register) has to correct,
written back in the file's own layout so they can be corrected and sent again.

The sheet starts as the sent sheet did: the rows above the header (a title such as
"2026年第三季度医保大额支出名单", a "填报单位:…" line, blank rows) at the same rows, then the header
rows, their merged cells (a title over the columns, a group header over two rows) merged again
where the file knows them (.xlsx, .xls, a web page or Excel 2003 XML; a CSV keeps no merges). Each
bad row follows with every one of its columns where it was, and two more columns after the last
column of the list: 原文件行号 (the row's number in the sent sheet, 1-based, as Excel shows it) and
错误原因. A row with cells beyond the list's last column keeps them too, after those two. Cells keep
their type: a date is a date (with its time of day when it has one); a text longer than a cell holds
is cut there, as Excel would, and the reason says so.

A corrected error workbook reads like the list it came from: the two columns name no field. Sent
back with rows still wrong, its error workbook has the two columns where they were, holding the new
row numbers and reasons (never a second pair beside the old one, whose reasons are out of date; one
of the two left alone as the header's last column, the other deleted, is replaced the same way).
Printed (it is often corrected by hand), its header rows repeat on every page, its columns fit the
width of an A4 page (across when wide) and each page is numbered at the foot. Written by xlsxwriter
in constant-memory mode, row by row, to a temporary file that replaces the
target only when complete.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.io.files import replacing
from desktop.io.spreadsheet import Workbook, cell_text, column_letter
from desktop.io.xlsx_writer import MAX_CELL_TEXT

ROW_HEADER = "原文件行号"
REASON_HEADER = "错误原因"
EXTRA_HEADERS = (ROW_HEADER, REASON_HEADER)
SHEET_NAME = "需更正"

Merged = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first col), (last row, last col)), 0-based


@dataclass
class SheetTop:
    """The rows of a sheet above its data: the title rows, then the header rows."""

    rows: list[list[Any]]  # rows 1 … first data row - 1, as in the file
    header_start: int  # index in ``rows`` of the first header row; len(rows) for a list without a header
    merged: list[Merged] = field(default_factory=list)  # merged ranges lying wholly within ``rows``


def sheet_top(book: Workbook, sheet: str, header_row: int, first_data_row: int) -> SheetTop:
    """The rows above ``first_data_row`` (1-based) of ``sheet``, the header beginning at ``header_row``
    (equal to ``first_data_row`` when the list has no header), and the merged cells among them."""
    rows: list[list[Any]] = []
    if first_data_row > 1:
        for number, values in book.rows(sheet):
            if number >= first_data_row:
                break
            rows.append(list(values))
    rows.extend([] for _ in range(first_data_row - 1 - len(rows)))  # a text file shorter than said
    merged = [((r1, c1), (r2, c2)) for (r1, c1), (r2, c2) in book.merged_ranges(sheet)
              if r2 < len(rows) and (r2 > r1 or c2 > c1)]
    return SheetTop(rows, min(max(header_row - 1, 0), len(rows)), merged)


def used_width(rows: Iterable[Sequence[Any]]) -> int:
    """Columns up to the last one holding anything (a spreadsheet pads its rows to the sheet's width)."""
    width = 0
    for values in rows:
        for col in range(len(values) - 1, width - 1, -1):
            if cell_text(values[col]):
                width = col + 1
                break
    return width


def sent_back_columns(top: SheetTop) -> range:
    """The columns an error workbook corrected and sent back has of its own: 原文件行号 followed by
    错误原因, or one of the two alone as a header row's last column (the office deleted the other);
    else none."""
    for values in top.rows[top.header_start:]:
        texts = [cell_text(v) for v in values]
        for col in range(len(texts) - 1):
            if (texts[col], texts[col + 1]) == EXTRA_HEADERS:
                return range(col, col + len(EXTRA_HEADERS))
        last = used_width([texts]) - 1
        if last >= 0 and texts[last] in EXTRA_HEADERS:
            return range(last, last + 1)
    return range(0)


_DATE_BUILTINS = frozenset([*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)])
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')  # literal text, escapes, [Red]/[$-804], padding


def is_date_format(number_format: int | str) -> bool:
    """Whether a number format shows a date or a time (a built-in one by its number; else the letters
    y m d h s outside its literal text)."""
    if isinstance(number_format, int):
        return number_format in _DATE_BUILTINS
    return bool(re.search("[ymdhsYMDHS]", _QUOTED.sub("", number_format).replace("General", "")))


def write_error_rows(out_path: str | Path, top: SheetTop, rows: Iterable[tuple[int, Sequence[Any], str]], *,
                     width: int = 0, text_column: int | None = None, names: Mapping[int, str] | None = None,
                     sheet_name: str = SHEET_NAME, formats: Mapping[int, int | str] | None = None) -> int:
    """Write ``top`` and then ``rows`` — (row number in the file, the row's values, the reason) — as
    the module says. The list's width is the widest of ``top``'s rows, its merged cells, ``width``
    (the widest data row seen, say) and ``text_column`` (the ID numbers, kept as text). A list without
    a header gets a header row naming the two columns and, from ``names`` (column -> name), the
    columns it was read by, so that it reads the same way once sent back. ``formats`` (column -> number
    format, as ``Workbook.number_formats`` gives them) shows the rows' numbers and dates as the list
    showed them (2 decimals, a percentage, yyyy"年"m"月"d"日"); a column's format applies to its
    dates when it is a date format, else to its numbers. Returns the number of rows written after the
    header."""
    import xlsxwriter  # type: ignore[import-untyped]
    from xlsxwriter.exceptions import OverlappingRange

    from desktop.io.xlsx_writer import close_book, print_setup

    width = max(used_width(top.rows), width, 1 + (text_column if text_column is not None else -1),
                *(c2 + 1 for _top_left, (_r2, c2) in top.merged), 1)
    shift = len(EXTRA_HEADERS)  # the cells beyond the list move over the two columns
    if old := sent_back_columns(top):  # an error workbook sent back: its columns replaced by the two
        width, shift = old.start, len(EXTRA_HEADERS) - len(old)
        top = SheetTop([values[:width] for values in top.rows], top.header_start,
                       [m for m in top.merged if m[1][1] < width])
    row_col, reason_col = width, width + 1
    written = 0
    with replacing(out_path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_numbers": False,
                                             "strings_to_formulas": False, "strings_to_urls": False})
        title_fmt = book.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
        header_fmt = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "vcenter"})
        header_merged = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center",
                                         "valign": "vcenter"})
        red = book.add_format({"bold": True, "font_color": "#C00000", "bg_color": "#FCE4D6", "border": 1,
                               "valign": "vcenter"})
        reason_fmt = book.add_format({"font_color": "#C00000"})
        text_fmt = book.add_format({"num_format": "@"})
        number_fmt = book.add_format({"num_format": "0"})
        date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
        time_fmt = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})  # a date with its time of day
        # the list's own formats, each column's for its dates or for its numbers
        date_formats: dict[int, Any] = {}
        number_formats: dict[int, Any] = {}
        made: dict[int | str, Any] = {}
        for col, shown in (formats or {}).items():
            if col != text_column:
                if shown not in made:
                    made[shown] = book.add_format({"num_format": shown})
                (date_formats if is_date_format(shown) else number_formats)[col] = made[shown]
        ws = book.add_worksheet(sheet_name[:31])
        widths = [20 if col == text_column else 12 for col in range(width)] + [11, 40]  # + 原文件行号, 错误原因
        for col, chars in enumerate(widths):
            ws.set_column(col, col, chars, text_fmt if col == text_column else None)

        def put(r: int, col: int, value: Any, fmt: Any = None) -> bool:
            """One cell as its type is (the ID column's numbers without an exponent). False when its
            text was longer than a cell holds and was cut."""
            if value is None or value == "":
                if fmt is not None:
                    ws.write_blank(r, col, None, fmt)
            elif isinstance(value, bool):
                ws.write_boolean(r, col, value, fmt)
            elif isinstance(value, float | int):
                ws.write_number(r, col, value, fmt or (number_fmt if col == text_column else number_formats.get(col)))
            elif isinstance(value, datetime | date) and fmt is not None:
                ws.write_string(r, col, cell_text(value), fmt)  # a date in a title or header line, as read
            elif isinstance(value, datetime | date):
                day = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
                ws.write_datetime(r, col, day, date_formats.get(col) or (
                    time_fmt if day != datetime(day.year, day.month, day.day) else date_fmt))
            else:
                return ws.write_string(r, col, cell_text(value), fmt) != -2  # xlsxwriter cuts at MAX_CELL_TEXT
            return True

        # The rows above the data as they were. Constant-memory mode writes a row out once a later
        # one is begun: a merged range is declared on its first row (its own cells written with no
        # format write nothing further down), the cells under it are filled in on their own rows.
        starts = {top_left: bottom_right for top_left, bottom_right in top.merged}
        inside: dict[tuple[int, int], tuple[int, int]] = {}
        for (r1, c1), (r2, c2) in top.merged:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    inside.setdefault((r, c), (r1, c1))
        header_rows = len(top.rows) - top.header_start

        def extra_headers(r: int, first: int, height: int) -> None:
            """原文件行号 and 错误原因 over the header rows (``first`` … ``first + height - 1``)."""
            for col, label in ((row_col, ROW_HEADER), (reason_col, REASON_HEADER)):
                if r > first:
                    ws.write_blank(r, col, None, red)
                    continue
                if height > 1:
                    ws.merge_range(first, col, first + height - 1, col, "", None)
                ws.write_string(first, col, label, red)

        for r, values in enumerate(top.rows):
            in_header = r >= top.header_start
            for col in range(width):
                value = values[col] if col < len(values) else None
                top_left = inside.get((r, col))
                fmt = header_fmt if in_header else None
                if top_left is not None:
                    fmt = header_merged if in_header else title_fmt
                    if top_left == (r, col):
                        try:
                            ws.merge_range(r, col, *starts[(r, col)], "", None)
                        except OverlappingRange:
                            pass  # a damaged file's merges overlap: the cells are written unmerged
                    else:
                        value = None
                put(r, col, value, fmt)
            if in_header:
                extra_headers(r, top.header_start, header_rows)
        r = len(top.rows)
        if header_rows == 0:  # a list without a header: a row naming the columns read and the two
            for col, name in sorted((names or {}).items()):
                if col < width:
                    ws.write_string(r, col, name, header_fmt)
            extra_headers(r, r, 1)
            r += 1
        ws.freeze_panes(r, 0)
        # printed to be corrected by hand: the header on every page (the title rows once), the columns
        # on the page's width, the page numbers at the foot
        print_setup(ws, min(top.header_start, r - 1), widths, r - 1)
        for number, values, reason in rows:
            cut = []
            for col, value in enumerate(values):
                at = col if col < width else col + shift
                if value is not None and value != "" and col not in old and not put(r, at, value):
                    cut.append(at)
            if cut:  # the corrected row sent back would lack the rest: said beside the reason
                reason += (f"(注意:{'、'.join(column_letter(c) for c in cut)} 列的文字超过 Excel 一格能放的 "
                           f"{MAX_CELL_TEXT} 字,本表中只有前 {MAX_CELL_TEXT} 字,请按原文件补全)")
            ws.write_number(r, row_col, number)
            ws.write_string(r, reason_col, reason, reason_fmt)
            r += 1
            written += 1
        close_book(book)
    return written
