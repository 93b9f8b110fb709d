"""Department lists in the shapes offices really send, read from file to counts (desktop/io/spreadsheet.py
and the department import service). Each test builds a small file of one such shape."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter

from desktop.io import spreadsheet as ss
from desktop.rules import idcard

ID1 = idcard.make("420203", date(1990, 1, 1), 123)
ID2 = idcard.make("420203", date(1985, 6, 30), 246)
ID3 = idcard.make("420281", date(1950, 12, 31), 7)
BAD = ID3[:17] + ("0" if ID3[17] != "0" else "1")  # a wrong check character


def read_all(path: Path, **kw: Any) -> tuple[ss.Layout, list[ss.DataRow]]:
    with ss.open_workbook(path) as book:
        layout = ss.find_layout(book, **kw)
        return layout, list(ss.data_rows(book, layout))


def reasons(layout: ss.Layout, rows: list[ss.DataRow]) -> list[str | None]:
    col = layout.mapping["id_number"]
    return [idcard.parse(ss.value_at(r.values, col)).reason for r in rows]  # type: ignore[misc]


def test_the_total_row_of_an_excel_table_is_not_data(tmp_path: Path) -> None:
    """An Excel table (插入→表格) with its total row turned on: 汇总 in the first column and the count of
    the ID numbers under the ID column. It was read as one more person with an ID number too short."""
    path = tmp_path / "table.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.add_table(0, 0, 4, 2, {
        "data": [["张三", ID1, "八泉街道"], ["李四", ID2, "河口镇"], ["王五", BAD, ""]], "total_row": True,
        "columns": [{"header": "姓名", "total_string": "汇总"},
                    {"header": "身份证号码", "total_function": "count", "total_value": 3}, {"header": "街道"}]})
    book.close()
    layout, rows = read_all(path)
    assert [r.number for r in rows] == [2, 3, 4]
    csv = tmp_path / "table.csv"  # the same table saved as CSV
    csv.write_text(f"姓名,身份证号码,街道\n张三,{ID1},八泉街道\n李四,{ID2},\n汇总,2,\n", encoding="gbk")
    assert [r.number for r in read_all(csv)[1]] == [2, 3]