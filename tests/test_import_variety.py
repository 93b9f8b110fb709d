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


def test_a_member_list_naming_the_head_of_household_is_read_by_the_member(tmp_path: Path) -> None:
    """户主姓名 | 户主身份证号 | 成员姓名 | 成员身份证号: each row is a member, so the member's number is the
    row's. The head's columns came first and were taken (every member of a household read as a repeat
    of its head, and the members themselves never screened)."""
    assert ss.map_columns(["户主姓名", "户主身份证号", "成员姓名", "与户主关系", "成员身份证号"]) == {
        "name": 2, "id_number": 4}
    assert ss.map_columns(["户主姓名", "户主身份证号", "患者姓名", "患者身份证号码"]) == {"name": 2, "id_number": 3}
    # under group cells of a two-row header
    assert ss.map_columns(["姓名", "身份证号", "姓名", "身份证号"], ["户主信息", "户主信息", "成员信息", "成员信息"]) == {
        "name": 2, "id_number": 3}
    # alone, or beside a relative's column, the head's columns are still the person's
    assert ss.map_columns(["户主姓名", "户主身份证号", "配偶姓名", "配偶身份证号"]) == {"name": 0, "id_number": 1}
    assert ss.map_columns(["户主", "身份证号码", "家庭人口"]) == {"name": 0, "id_number": 1}
    path = tmp_path / "members.csv"
    head = idcard.make("420203", date(1960, 1, 1), 11)
    path.write_text("户主姓名,户主身份证号,成员姓名,成员身份证号\n"
                    f"张一,{head},张一,{head}\n张一,{head},张二,{ID1}\n张一,{head},张三,{ID2}\n", encoding="gbk")
    layout, rows = read_all(path)
    assert [idcard.parse(r.values[layout.mapping["id_number"]]).number for r in rows] == [head, ID1, ID2]


def test_a_list_typed_with_full_width_commas_is_read(tmp_path: Path) -> None:
    """A list typed by hand with a Chinese input method separates its cells by "，": it was one column
    and refused as having no ID column. A CSV whose addresses hold "，" keeps its ASCII commas."""
    typed = tmp_path / "typed.txt"
    typed.write_bytes(f"姓名，身份证号码，住址\r\n张三，{ID1}，八泉街道\r\n李四，{BAD}，河口镇,3组\r\n".encode("gbk"))
    layout, rows = read_all(typed)
    assert layout.mapping == {"name": 0, "id_number": 1, "address": 2}
    assert [r.values[:2] for r in rows] == [["张三", ID1], ["李四", BAD]]
    plain = tmp_path / "plain.csv"
    plain.write_bytes(f"姓名,身份证号码,住址\r\n张三,{ID1},八泉街道，飞云社区\r\n李四,{ID2},河口镇，3组\r\n".encode("gbk"))
    assert [r.values for r in read_all(plain)[1]] == [["张三", ID1, "八泉街道，飞云社区"], ["李四", ID2, "河口镇，3组"]]


def test_a_person_written_over_two_rows_is_one_data_row(tmp_path: Path) -> None:
    """序号, 姓名 and 身份证号码 merged down over two rows, a second phone number and disability on the
    lower one: one person. The lower row was read as a second person without an ID number."""
    path = tmp_path / "two_rows.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.write_row(0, 0, ["序号", "姓名", "身份证号码", "联系电话", "残疾类别"])
    for i, (name, number) in enumerate((("张三", ID1), ("李四", BAD))):
        top = 1 + 2 * i
        for col, value in enumerate((i + 1, name, number)):
            ws.merge_range(top, col, top + 1, col, value)
        ws.write_row(top, 3, ["13800000001", "肢体"])
        ws.write_row(top + 1, 3, ["13900000002", "视力"])
    ws.write_row(5, 0, [3, "王五", "", "13700000003"])  # a person of one row without an ID number
    book.close()
    assert [r.number for r in read_all(path)[1]] == [2, 4, 6]
    page = tmp_path / "two_rows.xls"  # the same as a web page's table (rowspan)
    page.write_text("<table><tr><th>姓名</th><th>身份证号码</th><th>联系电话</th></tr>"
                    f"<tr><td rowspan=2>张三</td><td rowspan=2>{ID1}</td><td>138</td></tr><tr><td>139</td></tr>"
                    f"<tr><td>李四</td><td>{ID2}</td><td>137</td></tr></table>", encoding="utf-8")
    assert [r.number for r in read_all(page)[1]] == [2, 4]


def test_a_header_under_long_filling_instructions_is_found(db, district, tmp_path) -> None:  # noqa: ANN001
    """43 lines of 填表说明 above the header: the header was looked for in the first 40 rows only and the
    list refused as having no ID column."""
    from desktop.services import department_import as di

    path = tmp_path / "说明很长.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    for r in range(60):
        ws.write_string(r, 0, f"{r + 1}. 填表说明:请按要求填写第 {r + 1} 项内容,不得漏填。")
    ws.write_row(60, 0, ["序号", "姓名", "身份证号"])
    for i in range(3):
        ws.write_row(61 + i, 0, [i + 1, f"张{i}", idcard.make("420203", date(1980, 1, 1 + i), 5 + i)])
    book.close()
    result = di.import_department_list(db, district.admin, path, "人社", dry_run=True)
    assert (result.header_row, result.data_rows, result.valid) == (61, 3, 3)
